"""newslint-languagetool: LanguageTool's grammar and style rules as newslint violations.

The hooks are in :mod:`newslint_languagetool.plugin`, which the ``newslint`` entry point names.
This package is GPL-3.0-only, as language-tool-python, which it imports, is.
"""

from __future__ import annotations

__version__ = "0.1.0"
