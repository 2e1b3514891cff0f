"""``repetition``: the same word or pattern twice in a row ("the the").

========================  ==================================================================
key                       meaning
========================  ==================================================================
``tokens``                patterns of what may not repeat (default: any word)
``ignore-case``           "The the" counts as a repeat (default ``true``)
``exceptions``            words that may repeat ("had had")
``alpha``                 only repeats of letters count, not "2 2" in a score (default
                          ``false``; Vale's ``alpha``)
========================  ==================================================================

``message`` placeholders: ``{match}`` (the repeated word).

Example::

    [[rules.custom]]
    code = "NYT005"
    type = "repetition"
    message = "'{match}' is repeated."
    exceptions = ["had", "that"]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslint.declarative.base import (
    DeclarativeRule,
    compile_each,
    compile_pattern,
    key_of,
    string_list,
)
from newslint.document import Document
from newslint.violation import Violation


class Repetition(DeclarativeRule):
    type_name = "repetition"
    keys = {
        "tokens": (list, "a list of patterns"),
        "ignore-case": (bool, "true or false"),
        "exceptions": (list, "a list of words"),
        "alpha": (bool, "true or false"),
    }
    message = "'{match}' is repeated."

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        tokens = string_list(spec, "tokens", [r"[^\W\d_][\w'’-]*"])
        ignore_case = key_of(spec, "ignore-case", bool, True, "true or false")
        compile_each(tokens, "tokens", ignore_case)
        pattern = compile_pattern("|".join(f"(?:{t})" for t in tokens), ignore_case=ignore_case,
                                  whole_words=True, vale=spec.get("vale", False))
        exceptions = {e.lower() if ignore_case else e for e in string_list(spec, "exceptions")}
        return {"pattern": pattern, "fold": ignore_case, "exceptions": exceptions,
                "alpha": key_of(spec, "alpha", bool, False, "true or false")}

    def find(self, document: Document) -> Iterator[Violation]:
        spec = self.spec
        for unit in self.units(document):
            previous = None
            for m in self.matches(spec["pattern"], unit):
                word = m.group().lower() if spec["fold"] else m.group()
                if (previous is not None and word == previous[0] and word not in spec["exceptions"]
                        and not unit.text[previous[2]:m.start()].strip()
                        and (word.isalpha() or not spec["alpha"])):
                    yield self.report(unit, previous[1], m.end(), m.group(), match=m.group())
                previous = (word, m.start(), m.end())
