"""``occurrence``: at most (or at least) N of something per sentence, paragraph or article.

========================  ==================================================================
key                       meaning
========================  ==================================================================
``token``                 the pattern to count; ``"word"`` counts words (default)
``max`` / ``min``         the limit(s); at least one is needed
``per``                   ``"sentence"`` (default), ``"paragraph"`` or ``"article"``
``ignore-case``           match regardless of case (default ``false``)
========================  ==================================================================

``message`` placeholders: ``{count}``, ``{max}``, ``{min}``, ``{match}`` (the sentence or block).

Example (sentence length)::

    [[rules.custom]]
    code = "NYT004"
    type = "occurrence"
    message = "This sentence has {count} words; keep it under {max}."
    per = "sentence"
    max = 40
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslint.declarative.base import (
    DeclarativeRule,
    DefinitionError,
    Unit,
    compile_pattern,
    finditer,
    key_of,
)
from newslint.document import Document
from newslint.text import WORD_RE
from newslint.violation import Violation

PER = ("sentence", "paragraph", "article")


class Occurrence(DeclarativeRule):
    type_name = "occurrence"
    keys = {
        "token": (str, "a pattern, or \"word\""),
        "max": (int, "an integer"),
        "min": (int, "an integer"),
        "per": (str, "\"sentence\", \"paragraph\" or \"article\""),
        "ignore-case": (bool, "true or false"),
    }
    message = "{count} found here; the limit is {max}."

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        lo = key_of(spec, "min", int, None, "an integer")
        hi = key_of(spec, "max", int, None, "an integer")
        if lo is None and hi is None:
            raise DefinitionError("an occurrence rule needs 'max' or 'min'", "max")
        per = key_of(spec, "per", str, "sentence", "\"sentence\", \"paragraph\" or \"article\"")
        if per not in PER:
            raise DefinitionError(f"'per' must be one of {', '.join(PER)}", "per")
        token = key_of(spec, "token", str, "word", "a pattern, or \"word\"")
        ignore_case = key_of(spec, "ignore-case", bool, False, "true or false")
        pattern = WORD_RE if token == "word" else compile_pattern(token, ignore_case=ignore_case)
        return {"min": lo, "max": hi, "per": per, "pattern": pattern}

    def find(self, document: Document) -> Iterator[Violation]:
        spec = self.spec
        pieces: list[Unit] = []
        units = list(self.units(document))
        if spec["per"] == "sentence":
            for unit in units:
                for s in unit.block.sentences:
                    if unit.start <= s.start < unit.start + len(unit.text):
                        pieces.append(Unit(s.text, unit.block, s.start, unit.kind))
        elif spec["per"] == "paragraph":
            pieces = units
        elif units:
            pieces = units  # counted together below
        counts = [sum(1 for _ in self._matches(p.text)) for p in pieces]
        if spec["per"] == "article" and pieces:
            counts, pieces = [sum(counts)], [pieces[0]]
        for piece, count in zip(pieces, counts, strict=True):
            too_many = spec["max"] is not None and count > spec["max"]
            too_few = spec["min"] is not None and count < spec["min"]
            if too_many or too_few:
                yield self.report(piece, 0, len(piece.text), count=count, max=spec["max"],
                                  min=spec["min"])

    def _matches(self, text: str) -> Iterator[Any]:
        pattern = self.spec["pattern"]
        return pattern.finditer(text) if pattern is WORD_RE else finditer(self.code, pattern, text)
