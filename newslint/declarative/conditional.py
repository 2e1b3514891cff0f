"""``conditional``: something that needs something else, e.g. an acronym and its spelling-out.

========================  ==================================================================
key                       meaning
========================  ==================================================================
``first``                 the pattern that needs a companion (group 1, else the whole match)
``second``                the pattern that supplies it (group 1, else the whole match)
``exceptions``            first-matches that need nothing (well-known acronyms)
``ignore-case``           match regardless of case (default ``false``)
========================  ==================================================================

A match of ``first`` is reported when no match of ``second`` in the same scope captured the same
text (Vale's semantics: a definition anywhere in the article counts).

``message`` placeholders: ``{match}``.

Example::

    [[rules.custom]]
    code = "NYT006"
    type = "conditional"
    message = "Spell out '{match}' at first use."
    first = '\\b([A-Z]{3,5})\\b'
    second = '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
    exceptions = ["NATO", "FBI"]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslint.declarative.base import (
    DeclarativeRule,
    DefinitionError,
    compile_pattern,
    key_of,
    string_list,
)
from newslint.document import Document
from newslint.violation import Violation


def _key(m: Any) -> str:
    return m.group(1) if m.re.groups >= 1 and m.group(1) is not None else m.group()


class Conditional(DeclarativeRule):
    type_name = "conditional"
    keys = {
        "first": (str, "a pattern"),
        "second": (str, "a pattern"),
        "exceptions": (list, "a list of words"),
        "ignore-case": (bool, "true or false"),
    }
    required = ("first", "second")
    message = "'{match}' has no definition."

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        ignore_case = key_of(spec, "ignore-case", bool, False, "true or false")
        out: dict[str, Any] = {}
        for key in ("first", "second"):
            try:
                out[key] = compile_pattern(spec[key], ignore_case=ignore_case)
            except DefinitionError as exc:
                raise DefinitionError(f"'{key}': {exc}", key) from None
        out["exceptions"] = set(string_list(spec, "exceptions"))
        return out

    def find(self, document: Document) -> Iterator[Violation]:
        spec = self.spec
        units = list(self.units(document))
        defined = {_key(m) for u in units for m in self.matches(spec["second"], u)}
        for unit in units:
            for m in self.matches(spec["first"], unit):
                key = _key(m)
                if key in defined or key in spec["exceptions"]:
                    continue
                start, end = (m.start(1), m.end(1)) if m.re.groups >= 1 and m.group(1) else m.span()
                yield self.report(unit, start, end, key, match=key)
