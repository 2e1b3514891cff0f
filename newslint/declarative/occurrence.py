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
        for key, limit in (("min", lo), ("max", hi)):
            if limit is not None and limit < 0:  # a count is never below 0: it would always fire
                raise DefinitionError(f"'{key}' must be 0 or more", key)
        if lo is not None and hi is not None and lo > hi:
            raise DefinitionError("'min' is more than 'max': every count breaks one", "min")
        per = key_of(spec, "per", str, "sentence", "\"sentence\", \"paragraph\" or \"article\"")
        if per not in PER:
            raise DefinitionError(f"'per' must be one of {', '.join(PER)}", "per")
        token = key_of(spec, "token", str, "word", "a pattern, or \"word\"")
        ignore_case = key_of(spec, "ignore-case", bool, False, "true or false")
        if not token:
            raise DefinitionError("'token' must be a pattern, or \"word\"", "token")
        pattern = WORD_RE if token == "word" else compile_pattern(token, ignore_case=ignore_case)
        if pattern.search("") is not None:  # "x*": every place in the text would count
            raise DefinitionError(f"'token' {token!r} matches empty text", "token")
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
        counts = [sum(1 for _ in self.matches(spec["pattern"], p)) for p in pieces]
        if spec["per"] == "article" and pieces:
            counts, pieces = [sum(counts)], [pieces[0]]
        for piece, count in zip(pieces, counts, strict=True):
            too_many = spec["max"] is not None and count > spec["max"]
            too_few = spec["min"] is not None and count < spec["min"]
            if too_many or too_few:
                yield self.report(piece, 0, len(piece.text), count=count, max=spec["max"],
                                  min=spec["min"])
