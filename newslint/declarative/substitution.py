"""``substitution``: a swap table; the fix is the swap.

========================  ==================================================================
key                       meaning
========================  ==================================================================
``swap``                  a table ``"what is written" = "what the house writes"``; keys may
                          be patterns; whole words by default; where two keys match at one
                          place, the longer key wins ("per cent" over "per"), as in Vale; a
                          value's ``$1`` (or ``${1}``) is what the key's first group matched
                          (``"(\\d+) per cent" = "$1%"``), as in Vale
``ignore-case``           match regardless of case (default ``false``); the fix keeps an
                          initial capital, and capitals throughout ("PER CENT" -> "PERCENT")
                          unless the swap is only about them ("NATO" -> "Nato")
``whole-words``           wrap the keys in word boundaries (default ``true``)
``exceptions``            matched texts to let through
========================  ==================================================================

``message`` placeholders: ``{match}``, ``{replacement}`` (Vale's ``%s``: replacement, then match).

Example::

    [[rules.custom]]
    code = "NYT002"
    type = "substitution"
    message = "Write '{replacement}', not '{match}'."
    swap = { "per cent" = "percent", "towards" = "toward" }
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newslint.declarative.base import (
    DeclarativeRule,
    DefinitionError,
    compile_each,
    compile_pattern,
    finditer,
    key_of,
)
from newslint.declarative.existence import exceptions_pattern, is_exception
from newslint.document import Document
from newslint.violation import Violation


class Substitution(DeclarativeRule):
    type_name = "substitution"
    keys = {
        "swap": (dict, "a table of \"written\" = \"preferred\""),
        "ignore-case": (bool, "true or false"),
        "whole-words": (bool, "true or false"),
        "exceptions": (list, "a list of words or patterns"),
    }
    required = ("swap",)
    message = "Use '{replacement}' instead of '{match}'."

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        swap = key_of(spec, "swap", dict, {}, "a table of \"written\" = \"preferred\"")
        if not swap or not all(isinstance(v, str) for v in swap.values()):
            raise DefinitionError("'swap' must be a non-empty table of \"written\" = \"preferred\"",
                                  "swap")
        ignore_case = key_of(spec, "ignore-case", bool, False, "true or false")
        whole = key_of(spec, "whole-words", bool, True, "true or false")
        vale = spec.get("vale", False)
        groups_of = {k: p.groups for k, p in zip(swap, compile_each(list(swap), "swap",
                                                                     ignore_case), strict=True)}
        # an alternation takes the first key that matches, so "per" listed before "per cent"
        # would take the start of "per cent": longer keys go first (stable, so equal ones keep
        # the table's order), as Vale sorts them
        keys = sorted(swap, key=len, reverse=True)
        # one named group per key tells which key matched, lookarounds included
        pattern = compile_pattern("|".join(f"(?P<k{i}>{k})" for i, k in enumerate(keys)),
                                  ignore_case=ignore_case, whole_words=whole, vale=vale)
        # where each key's own groups are in the joined pattern: its group and how many it has
        groups = [(pattern.groupindex[f"k{i}"], groups_of[k]) for i, k in enumerate(keys)]
        return {"pattern": pattern, "replacements": [swap[k] for k in keys], "groups": groups,
                "exceptions": exceptions_pattern(spec, ignore_case),
                # a key in capitals ("UK") is how the word is written, not shouting
                "capital_keys": [not any(c.islower() for c in k) for k in keys]}

    def find(self, document: Document) -> Iterator[Violation]:
        spec = self.spec
        for unit in self.units(document):
            for m in finditer(self.code, spec["pattern"], unit.text):
                written = m.group()
                if not written or is_exception(self.code, spec["exceptions"], written):
                    continue
                index = next(i for i, (group, _) in enumerate(spec["groups"])
                             if m.start(group) >= 0)
                wanted = _expand(spec["replacements"][index], m, *spec["groups"][index])
                if spec["capital_keys"][index] and not type(self).vale:
                    # an acronym's capital is its own, not a sentence's ("on TV": "television")
                    opens = _opens_sentence(unit.text, m.start())
                    wanted = wanted[:1].upper() + wanted[1:] if opens else wanted
                else:
                    wanted = _cased(wanted, written, not type(self).vale and _is_shouted(written))
                if written == wanted or _alternatives_include(wanted, written):
                    continue
                fix: str | None = wanted.split("|")[0]
                if _in_place(unit.text, m.start(), m.end(), wanted):
                    # the key matches inside its own replacement ("Jr" in "Jr."): the text
                    # already reads as the house wants, and the fix would write it twice
                    if not type(self).vale:
                        continue
                    fix = None  # Vale reports it all the same
                if unit.in_link(m.start(), m.end()):
                    if not type(self).vale:
                        continue
                    fix = None  # Vale lints a bare link's text, but a fix breaks the link
                yield self.report(unit, m.start(), m.end(), wanted, written,
                                  suggestion=fix, replacement=wanted)


_GROUP_REF = re.compile(r"\$(?:(\d+)|\{(\d+)\})")


def _expand(wanted: str, m: Any, group: int, count: int) -> str:
    """``wanted`` with ``$N`` (``${N}``) replaced by what the key's group N matched in ``m``
    (the key's own group is ``group`` in the joined pattern); a number past the key's ``count``
    groups is left as written ("$5" for five dollars), as Vale leaves it."""
    def value(ref: re.Match[str]) -> str:
        n = int(ref.group(1) or ref.group(2))
        return (m.group(group + n) or "") if 0 < n <= count else ref.group()

    return _GROUP_REF.sub(value, wanted)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` opens a sentence: nothing but spaces and opening quotes or
    brackets after the text's start or a sentence's end."""
    before = text[:start].rstrip(" \t\n\"'“‘([")
    return not before or before[-1] in ".!?…"


def _is_shouted(written: str) -> bool:
    """Whether ``written`` is in capitals throughout (a shouted headline, a label)."""
    return written.isupper() and sum(c.isalpha() for c in written) > 1


def _cased(wanted: str, written: str, shouted: bool) -> str:
    """``wanted`` in the case of ``written``: an initial capital ("Are not" -> "Aren't", as Vale
    does), and capitals throughout where ``written`` is ``shouted`` (only a house rule's: Vale
    keeps only the initial capital), unless the swap only changes the case ("NATO" -> "Nato")."""
    if shouted and written.lower() != wanted.lower():
        return wanted.upper()
    if written[:1].isupper() and wanted[:1].islower():
        return wanted[:1].upper() + wanted[1:]
    return wanted


def _in_place(text: str, start: int, end: int, wanted: str) -> bool:
    """Whether one of the replacements ``wanted`` lists stands in ``text`` over
    ``text[start:end]``."""
    for option in wanted.split("|"):
        option = option.strip()
        if option and any(text.startswith(option, at)
                          for at in range(max(0, end - len(option)), start + 1)):
            return True
    return False


def _alternatives_include(wanted: str, written: str) -> bool:
    """Vale lets a replacement list alternatives ("a|b"); writing any of them is fine."""
    return "|" in wanted and written.lower() in {w.strip().lower() for w in wanted.split("|")}
