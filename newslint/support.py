"""Headline support: which of a headline's terms the story's body backs, and how much that weighs.

Each content word of the headline is looked for in the body allowing for inflection and the
usual headline shortenings: a word is backed when a body word shares its stem as a prefix
("force" by "Forces", "Syria" by "Syrian", "takes" by "taken"); an acronym is backed by itself
or by the capitalised words it abbreviates ("SDF" by "Syrian Democratic Forces"); a number is
backed by the same value in any notation ("2,000", "2000", "two thousand" is not tried) or by a
more precise value that rounds to it ("900" by "908", "17" by "17.4"). Each term weighs its
rarity in news copy (:mod:`newslint.terms`), so "caliphate" counts for much more than "takes".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cached_property
from typing import Literal

from newslint.terms import NUMBER_WORDS, STOPWORDS, TERM_RE, fold, numbers_in, rarity, stem
from newslint.text import WORD_RE, split_sentences

TermKind = Literal["word", "name", "acronym", "number"]

NUMBER_WEIGHT = 4.0
"""The weight of a number in the headline: about that of a fairly rare word."""
LEAD_WORDS = 60
"""How many words open the story: its lead, where a headline's terms are expected to appear."""
LATE_CREDIT = 0.6
"""The credit for a term the body backs only after the lead: a stray match in a long story
(a headline attached to the wrong story still shares words with it) should count for less."""

_ACRONYM_RE = re.compile(r"^(?:[A-Z][A-Z0-9&]{1,6}|(?:[A-Z]\.){2,})$")
_DIGITS_RE = re.compile(r"\d")
_SHORT_STEM = 4  # stems this short match whole words only, or "war" would be backed by "warn"
_SHORT_ENDINGS = ("", "s", "es", "ed", "ing", "'s", "e", "n")
_TRIM_FROM = 6  # stems this long may also lose their last letter ("syrian" backed by "Syria")


@dataclass(frozen=True, slots=True)
class HeadlineTerm:
    """One term of the headline and whether the body backs it."""

    text: str
    """The term as written in the headline."""
    start: int
    """Offset of the term in the headline's prose."""
    end: int
    """Offset just past the term in the headline's prose."""
    kind: TermKind
    """``name`` is a capitalised word inside a sentence-case headline."""
    weight: float
    """How much the term says about the story: its rarity, or :data:`NUMBER_WEIGHT`."""
    supported: bool
    """Whether the body backs it."""
    in_lead: bool
    """Whether the lead backs it (the story's first :data:`LEAD_WORDS` words)."""

    @property
    def credit(self) -> float:
        """How much of its weight the term earns: all in the lead, some later, none if absent."""
        return 1.0 if self.in_lead else LATE_CREDIT if self.supported else 0.0


@dataclass(frozen=True, slots=True)
class Support:
    """The headline's terms, each marked backed or not."""

    terms: list[HeadlineTerm]

    @property
    def total(self) -> float:
        """The summed weight of the headline's terms."""
        return sum(t.weight for t in self.terms)

    @property
    def score(self) -> float:
        """The weighted share of the headline the body backs, from 0 to 1 (1 when empty)."""
        total = self.total
        return sum(t.weight * t.credit for t in self.terms) / total if total else 1.0

    def missing(self, *kinds: TermKind) -> list[HeadlineTerm]:
        """The terms of these kinds (all kinds when none are given) that the body does not back."""
        return [t for t in self.terms if not t.supported and (not kinds or t.kind in kinds)]


class BodyIndex:
    """The words and numbers of a body, arranged for the look-ups headline terms need.

    Built once per article; the sorted word list, the numbers and the lead are worked out
    only when a headline term needs them, as most terms are found among the words directly.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        raw = set(TERM_RE.findall(text.replace("\u2019", "'")))
        self.cased = raw | {w.replace(".", "") for w in raw if "." in w}
        """The words as written (dotted abbreviations also without their dots)."""
        lower = set(map(str.lower, self.cased))
        if not text.isascii():
            lower.update([fold(w) for w in lower if not w.isascii()])
        if "-" in text:
            lower.update([p for w in lower if "-" in w for p in w.split("-")])
        self.words = lower
        """The words folded to lower case, without accents, and hyphenated ones also in parts."""

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.words)

    @cached_property
    def numbers(self) -> set[float]:
        """The values of the body's numbers, in digits or as number words."""
        values = {value for value, _, _ in numbers_in(self.text)}
        values.update(NUMBER_WORDS[w] for w in self.words if w in NUMBER_WORDS)
        return values

    @cached_property
    def lead(self) -> BodyIndex:
        """The index of the story's first :data:`LEAD_WORDS` words."""
        return BodyIndex(" ".join(self.text.split(None, LEAD_WORDS)[:LEAD_WORDS]))

    def has_prefix(self, prefix: str) -> bool:
        """Whether a body word starts with ``prefix``."""
        i = bisect.bisect_left(self._sorted, prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)

    def backs_word(self, word: str) -> bool:
        """Whether the body has ``word`` or a word of the same stem or a derived one."""
        lw = fold(word.lower().replace("\u2019", "'"))
        if lw in self.words:
            return True
        s = stem(lw)
        if len(s) < _SHORT_STEM:
            return any(s + end in self.words for end in _SHORT_ENDINGS)
        if self.has_prefix(s):
            return True
        # "take" is backed by "taking", "syrian" by "Syria"
        return (s.endswith("e") or len(s) >= _TRIM_FROM) and self.has_prefix(s[:-1])

    def backs_acronym(self, acronym: str) -> bool:
        """Whether the body has the acronym (dots aside), its lower-case form, or its expansion."""
        bare = acronym.replace(".", "")
        if bare in self.cased or bare.lower() in self.words:
            return True
        # the capitalised words it stands for, small joining words allowed between them
        joiner = r"(?:\s+(?:of|the|and|for|de|&)){0,2}\s+"
        pattern = r"\b" + joiner.join(rf"{c}\w*" for c in bare) + r"\b"
        return re.search(pattern, fold(self.text)) is not None

    def backs_number(self, value: float) -> bool:
        """Whether the body has ``value``, or a more precise figure that rounds to it: "900" is
        backed by "908", "17 percent" by "17.4%", "2.7%" by "2.74%"."""
        if value in self.numbers:
            return True
        if value == int(value):
            digits = f"{value:.0f}"
            places = len(digits.rstrip("0")) - len(digits)  # to the tens (-1), hundreds (-2)...
            if -places == len(digits):
                return False  # zero
        else:
            places = len(repr(value).partition(".")[2])
        # more precise than it, as "908" is than "900": "5" rounds to "10" but is no "10"
        precision = _significant(value)
        return any(_rounded(n, places) == value and _significant(n) > precision
                   for n in self.numbers)


    def backs_total(self, value: float) -> bool:
        """Whether one sentence of the body gives two figures that add up to ``value``: "rescued
        over 700 ... and saved 200 more" backs a headline's "Over 900 rescued". Years are no
        parts of a total."""
        for start, end in split_sentences(self.text):
            parts = [v for v, _, _ in numbers_in(self.text[start:end]) if not _a_year(v)]
            if any(a + b == value for i, a in enumerate(parts) for b in parts[i + 1 :]):
                return True
        return False


def _a_year(number: float) -> bool:
    return number == int(number) and 1800 <= number <= 2100


def _significant(number: float) -> int:
    """How many significant digits ``number`` is written with: 1 for 900 and 5, 3 for 17.4."""
    return len(Decimal(repr(number)).normalize().as_tuple().digits)


_WIDE = Context(prec=400)
"""Room for every digit of any float, to the right of the point or the left."""


def _rounded(number: float, places: int) -> float:
    """``number`` rounded to ``places`` decimal places (negative: to tens, hundreds...), a half
    up as a newsroom rounds ("16.5%" is "17%"), not to the even neighbour as round() does."""
    exponent = Decimal(1).scaleb(-places)
    return float(Decimal(repr(number)).quantize(exponent, ROUND_HALF_UP, _WIDE))


def is_sentence_case(words: list[str]) -> bool:
    """Whether capitals in the headline mark names (sentence case) rather than every word."""
    content = [w for w in words[1:] if w.lower() not in STOPWORDS and w[:1].isalpha()]
    if not content:
        return True
    capitalised = sum(1 for w in content if w[:1].isupper())
    return capitalised < 0.7 * len(content) or len(content) < 2


def headline_support(headline: str, body: BodyIndex) -> Support:
    """Weigh every term of ``headline`` and mark whether the body, and its lead, back it."""
    idf = rarity().idf
    lead = body.lead
    number_spans = [(v, a, b) for v, a, b in numbers_in(headline)]
    matches = list(WORD_RE.finditer(headline))
    names_marked = is_sentence_case([m.group() for m in matches])
    terms: list[HeadlineTerm] = []
    for v, a, b in number_spans:
        in_lead = lead.backs_number(v)
        terms.append(HeadlineTerm(headline[a:b], a, b, "number", NUMBER_WEIGHT,
                                  in_lead or body.backs_number(v), in_lead))
    for i, m in enumerate(matches):
        word = m.group()
        if _DIGITS_RE.search(word) and any(a <= m.start() < b for _, a, b in number_spans):
            continue
        if _ACRONYM_RE.match(word):
            in_lead = lead.backs_acronym(word)
            terms.append(HeadlineTerm(word, m.start(), m.end(), "acronym", idf(stem(word)),
                                      in_lead or body.backs_acronym(word), in_lead))
            continue
        for part in re.finditer(r"[^\-]+", word):
            text = part.group()
            if len(text) < 2 or text.lower() in STOPWORDS or text.lower() in NUMBER_WORDS:
                continue
            kind: TermKind = "name" if names_marked and i > 0 and text[0].isupper() else "word"
            a = m.start() + part.start()
            in_lead = lead.backs_word(text)
            terms.append(HeadlineTerm(text, a, a + len(text), kind, idf(stem(text)),
                                      in_lead or body.backs_word(text), in_lead))
    terms.sort(key=lambda t: t.start)
    return Support(terms)
