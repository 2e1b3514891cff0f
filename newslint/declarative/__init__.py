"""Rules written as data: ``[[rules.custom]]`` tables in TOML and Vale YAML styles.

One module per rule type, modelled on Vale's extension points, each documenting its keys:
:mod:`~newslint.declarative.existence`, :mod:`~newslint.declarative.substitution`,
:mod:`~newslint.declarative.consistency`, :mod:`~newslint.declarative.occurrence`,
:mod:`~newslint.declarative.repetition`, :mod:`~newslint.declarative.conditional`,
:mod:`~newslint.declarative.capitalization` and :mod:`~newslint.declarative.metric`.
:mod:`~newslint.declarative.base` holds what they share (scopes, safe patterns, messages),
:mod:`~newslint.declarative.loader` turns tables into rule classes and runs their inline tests,
:mod:`~newslint.declarative.vale` reads ``.vale.ini`` and YAML styles into the same types, and
:mod:`~newslint.declarative.importer` writes a Vale style back out as TOML.
"""
