"""``existence``: words or patterns that must not appear.

========================  ==================================================================
key                       meaning
========================  ==================================================================
``tokens``                words or phrases (each may be a pattern); whole words by default
``patterns``              patterns used exactly as written (no word boundaries added)
``ignore-case``           match regardless of case (default ``false``)
``whole-words``           wrap ``tokens`` in word boundaries (default ``true``)
``exceptions``            matched texts to let through (exact, or patterns matching the whole)
========================  ==================================================================

``message`` placeholders: ``{match}`` (or Vale's ``%s``).

Example::

    [[rules.custom]]
    code = "NYT001"
    type = "existence"
    message = "Avoid '{match}': say what happened."
    tokens = ["slammed", "blasted", "hit out at"]
    ignore-case = true
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from newslint.declarative.base import (
    DeclarativeRule,
    DefinitionError,
    compile_each,
    compile_pattern,
    fullmatch,
    key_of,
    string_list,
)
from newslint.document import Document
from newslint.violation import Violation


def exceptions_pattern(spec: dict[str, Any], ignore_case: bool) -> regex.Pattern[str] | None:
    """One pattern that fully matches any of the ``exceptions``, or ``None``."""
    items = string_list(spec, "exceptions")
    if not items:
        return None
    compile_each(items, "exceptions", ignore_case)
    return compile_pattern("|".join(f"(?:{e})" for e in items), ignore_case=ignore_case)


def is_exception(code: str, pattern: regex.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and fullmatch(code, pattern, text)


class Existence(DeclarativeRule):
    type_name = "existence"
    keys = {
        "tokens": (list, "a list of words or patterns"),
        "patterns": (list, "a list of patterns"),
        "ignore-case": (bool, "true or false"),
        "whole-words": (bool, "true or false"),
        "exceptions": (list, "a list of words or patterns"),
    }

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        tokens = string_list(spec, "tokens")
        patterns = string_list(spec, "patterns")
        if not tokens and not patterns:
            raise DefinitionError("an existence rule needs 'tokens' or 'patterns'", "tokens")
        ignore_case = key_of(spec, "ignore-case", bool, False, "true or false")
        whole = key_of(spec, "whole-words", bool, True, "true or false")
        for key, items in (("tokens", tokens), ("patterns", patterns)):
            if not all(items):  # it matches only empty text, which is never reported
                raise DefinitionError(f"'{key}' holds an empty string, which never fires", key)
            compile_each(items, key, ignore_case)
        words = compile_pattern("|".join(tokens), ignore_case=ignore_case, whole_words=whole,
                                vale=spec.get("vale", False)).pattern if tokens else ""
        if spec.get("vale"):
            # Vale puts its raw pattern before the tokens, which it always groups, word-bounded or
            # not: "\b(?:May|June)\b\s*" + "(?:first|second)" matches "June first" as a whole
            source = "".join(patterns) + (f"(?:{words})" if words and not whole else words)
        else:
            source = "|".join(f"(?:{p})" for p in [*patterns, words] if p)
        pattern = compile_pattern(source, ignore_case=ignore_case)
        return {"pattern": pattern, "exceptions": exceptions_pattern(spec, ignore_case)}

    def find(self, document: Document) -> Iterator[Violation]:
        pattern, exceptions = self.spec["pattern"], self.spec["exceptions"]
        for unit in self.units(document):
            for m in self.matches(pattern, unit):
                if m.end() == m.start() or is_exception(self.code, exceptions, m.group()):
                    continue
                yield self.report(unit, m.start(), m.end(), m.group())
