"""``consistency``: variant forms that must not be mixed in one article.

========================  ==================================================================
key                       meaning
========================  ==================================================================
``sets``                  a list of variant lists, e.g. ``[["percent", "per cent"]]``; each
                          variant may be a pattern; whole words
``prefer``                ``"first-used"`` (default: the form the article uses first wins) or
                          ``"first-listed"`` (the first form of each set is the house form)
``ignore-case``           match regardless of case (default ``false``)
========================  ==================================================================

``message`` placeholders: ``{match}``, ``{preferred}``.

Example::

    [[rules.custom]]
    code = "NYT003"
    type = "consistency"
    message = "'{match}' here but '{preferred}' elsewhere: pick one."
    sets = [["Kyiv", "Kiev"], ["email", "e-mail"]]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslint.declarative.base import (
    DeclarativeRule,
    DefinitionError,
    compile_each,
    compile_pattern,
    key_of,
)
from newslint.document import Document
from newslint.violation import Violation


class Consistency(DeclarativeRule):
    type_name = "consistency"
    keys = {
        "sets": (list, "a list of lists of variants"),
        "prefer": (str, "\"first-used\" or \"first-listed\""),
        "ignore-case": (bool, "true or false"),
    }
    required = ("sets",)
    message = "Inconsistent: '{match}' here, '{preferred}' elsewhere."

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        sets = spec["sets"]
        if not sets or not all(isinstance(s, list) and len(s) >= 2 and
                               all(isinstance(v, str) for v in s) for s in sets):
            raise DefinitionError("'sets' must be a list of lists of two or more variants", "sets")
        prefer = key_of(spec, "prefer", str, "first-used", "\"first-used\" or \"first-listed\"")
        if prefer not in ("first-used", "first-listed"):
            raise DefinitionError("'prefer' must be \"first-used\" or \"first-listed\"", "prefer")
        ignore_case = key_of(spec, "ignore-case", bool, False, "true or false")
        compile_each([v for s in sets for v in s], "sets", ignore_case)
        compiled = [[compile_pattern(v, ignore_case=ignore_case, whole_words=True,
                                     vale=spec.get("vale", False)) for v in s] for s in sets]
        return {"sets": compiled, "names": sets, "prefer": prefer}

    def find(self, document: Document) -> Iterator[Violation]:
        units = list(self.units(document))
        for names, patterns in zip(self.spec["names"], self.spec["sets"], strict=True):
            hits = []  # (source offset, variant index, unit, start, end)
            for unit in units:
                for i, pattern in enumerate(patterns):
                    for m in self.matches(pattern, unit):
                        hits.append((unit.span(m.start(), m.end()).start, i, unit,
                                     m.start(), m.end()))
            if len({h[1] for h in hits}) < 2:
                continue
            hits.sort(key=lambda h: h[0])
            keep = 0 if self.spec["prefer"] == "first-listed" else hits[0][1]
            preferred = names[keep]
            for _, i, unit, start, end in hits:
                if i != keep:
                    yield self.report(unit, start, end, unit.text[start:end], preferred=preferred)
