"""``capitalization``: headline or heading case.

========================  ==================================================================
key                       meaning
========================  ==================================================================
``match``                 ``"$title"``, ``"$sentence"``, ``"$lower"``, ``"$upper"`` or a pattern
                          the whole text must match
``style``                 for ``$title``: ``"AP"`` (default) or ``"Chicago"`` (small words)
``exceptions``            words whose case is always right as written (names, brands)
========================  ==================================================================

The scope defaults to ``headline``. ``message`` placeholders: ``{match}`` (the text).

Example::

    [[rules.custom]]
    code = "NYT007"
    type = "capitalization"
    message = "Headlines are in sentence case: '{match}'."
    match = "$sentence"
    scope = "headline"
    exceptions = ["Trump", "Syria"]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newslint.declarative.base import (
    DeclarativeRule,
    DefinitionError,
    compile_pattern,
    fullmatch,
    key_of,
    string_list,
)
from newslint.document import Document
from newslint.violation import Violation

_SMALL = {
    "AP": set("a an and at but by for in nor of on or so the to up yet".split()),
    "Chicago": set("a an and as at but by for from in into like near nor of off on onto or "
                   "out over past so than the till to up upon via vs with yet".split()),
}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def is_title_case(text: str, style: str, exceptions: set[str]) -> bool:
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        if word in exceptions or not word[0].isalpha():
            continue
        small = word.lower() in _SMALL[style] and 0 < i < len(words) - 1
        if not small and word[0].islower():
            return False
    return True


def is_sentence_case(text: str, exceptions: set[str], acronyms: bool = True) -> bool:
    """Whether ``text`` is in sentence case. ``acronyms`` lets any word in capitals through
    (NATO, US); without it only the ``exceptions`` may be in capitals, as in Vale, which is why
    Vale styles list their acronyms (Microsoft.Headings: CLI, REPL, VS) and flag "JSON"."""
    words = _WORD.findall(text)
    after_colon = {m.end() for m in re.finditer(r"[:?!]\s+", text)}
    positions = [m.start() for m in _WORD.finditer(text)]
    for i, (word, at) in enumerate(zip(words, positions, strict=True)):
        if word in exceptions or (acronyms and word.isupper() and len(word) > 1):
            continue
        if i == 0 or at in after_colon:
            if word[0].islower():
                return False
        elif word[0].isupper() and word != "I" and not word.startswith("I'"):
            return False
    return True


class Capitalization(DeclarativeRule):
    type_name = "capitalization"
    keys = {
        "match": (str, "$title, $sentence, $lower, $upper or a pattern"),
        "style": (str, "\"AP\" or \"Chicago\""),
        "exceptions": (list, "a list of words"),
    }
    required = ("match",)
    scope = ("headline",)
    message = "'{match}' should be in {case}."

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        match = spec["match"]
        style = key_of(spec, "style", str, "AP", "\"AP\" or \"Chicago\"")
        if style not in _SMALL:
            raise DefinitionError("'style' must be \"AP\" or \"Chicago\"", "style")
        pattern = None
        if not match.startswith("$"):
            pattern = compile_pattern(match)
        elif match not in ("$title", "$sentence", "$lower", "$upper"):
            raise DefinitionError("'match' must be $title, $sentence, $lower, $upper or a pattern",
                                  "match")
        return {"match": match, "style": style, "pattern": pattern,
                "exceptions": set(string_list(spec, "exceptions")),
                "acronyms": not spec.get("vale", False)}

    def find(self, document: Document) -> Iterator[Violation]:
        spec = self.spec
        case = {"$title": "title case", "$sentence": "sentence case", "$lower": "lower case",
                "$upper": "upper case"}.get(spec["match"], f"the form {spec['match']}")
        for unit in self.units(document):
            text = unit.text.strip()
            if not text or self._ok(text):
                continue
            start = unit.text.index(text)
            yield self.report(unit, start, start + len(text), text, case=case)

    def _ok(self, text: str) -> bool:
        spec, match = self.spec, self.spec["match"]
        if spec["pattern"] is not None:
            return fullmatch(self.code, spec["pattern"], text)
        if match == "$title":
            return is_title_case(text, spec["style"], spec["exceptions"])
        if match == "$sentence":
            return is_sentence_case(text, spec["exceptions"], spec["acronyms"])
        if match == "$lower":
            return text == text.lower()
        return text == text.upper()
