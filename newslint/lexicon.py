"""The English word list that spelling checks read: which words exist, how common they are, in
which locale, and what a misspelling was most likely meant to be.

The list ships in ``newslint/data/spelling/`` (see its README for sources and licences):
SCOWL's en-US and en-GB "large" (size 70) lists, frequent words of Wikinews that SCOWL lacks,
the rarer words of SCOWL's "huge" (size 80) lists, corpus frequencies for ranking, and
codespell's list of common misspellings. It is read once per process, on first use.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

LETTERS = "abcdefghijklmnopqrstuvwxyz'"
"""What a typing slip inserts or substitutes (apostrophes too: "its" and "it's")."""

DATA = "data/spelling"

PREFIXES = (
    "anti",
    "counter",
    "cyber",
    "inter",
    "micro",
    "multi",
    "non",
    "over",
    "post",
    "pre",
    "re",
    "sub",
    "super",
    "trans",
    "un",
    "under",
)
"""Prefixes that make new words of known ones."""
SUFFIXES = ("s", "es", "ed", "ing", "er", "ers", "ly", "ness", "ism", "ist", "ists", "ish", "able")
"""Endings that make new words of known ones ("commercialish", "crewable")."""
EDITS2_MAX_LENGTH = 10
"""Longer words get no two-edit suggestions: their candidates cost tens of milliseconds, and a
long unknown word with nothing one edit away is far more often a rare term than a typo."""


def data_path(name: str) -> Path:
    """The path of a shipped spelling data file."""
    return Path(str(resources.files("newslint").joinpath(f"{DATA}/{name}")))


def read_lines(path: Path) -> list[str]:
    """The lines of a text file, gunzipped when its name ends in ``.gz``."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8").splitlines()


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one deletion, insertion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i + 1 :: -1][:2]
        )
    return (a[i + 1 :] == b[i:]) if len(a) > len(b) else (a[i:] == b[i + 1 :])


def _drops_and_swaps(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))] + [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
    ]


def edits2(word: str) -> set[str]:
    """Strings two edits from ``word`` where the second is a deletion or a swap of letters.

    The other second edits (substitutions, insertions) multiply the candidates by ~30 for
    slips that are rarer, and would make each lookup cost tens of milliseconds.
    """
    return {d for e in edits1(word) for d in _drops_and_swaps(e)}


class Lexicon:
    """A word list with frequencies, locale marks and known misspellings."""

    def __init__(
        self,
        counts: dict[str, int],
        us_only: Iterable[str] = (),
        gb_only: Iterable[str] = (),
        misspellings: dict[str, list[str]] | None = None,
        rare: Iterable[str] = (),
    ):
        self.counts = counts
        """Every known word (names in their capitals), with how often Wikinews uses it."""
        self.rare = frozenset(rare)
        """Rarer words (SCOWL size 80): spelt right, but never suggested nor counted."""
        self.us_only = frozenset(us_only)
        """Words spelt only in American English ("color")."""
        self.gb_only = frozenset(gb_only)
        """Words spelt only in British English ("colour")."""
        self._misspellings = misspellings
        self._misspellings_file: Path | None = None
        self._words: frozenset[str] | None = None

    @classmethod
    def load(cls, folder: Path) -> Lexicon:
        """Read ``words.txt.gz`` from ``folder``; its misspellings are read on first need.

        The file holds five sections split by form feeds, one item a line: the words, their
        counts in the same order, the American-only words, the British-only words, the rare
        words. Columns, not rows, because splitting a few long strings is many times faster
        than 140,000 short ones.
        """
        words, counts, us, gb, rare = (
            gzip.decompress((folder / "words.txt.gz").read_bytes()).decode("utf-8").split("\f\n")
        )
        table = dict(zip(words.split("\n"), map(int, counts.split("\n")), strict=True))
        lexicon = cls(table, us.split(), gb.split(), rare=rare.split())
        lexicon._misspellings_file = folder / "misspellings.tsv.gz"
        return lexicon

    @property
    def misspellings(self) -> dict[str, list[str]]:
        """Common misspellings (lower case) and their corrections, likeliest first."""
        if self._misspellings is None:
            self._misspellings = {}
            if self._misspellings_file is not None:
                for line in read_lines(self._misspellings_file):
                    wrong, _, right = line.partition("\t")
                    self._misspellings[wrong] = right.split("|")
        return self._misspellings

    def knows(self, word: str) -> bool:
        """Whether ``word`` is spelt right in some locale, as written or in lower case, or as
        a capitalised name written in lower case is not (``paris`` is not a word)."""
        counts, rare = self.counts, self.rare
        if word in counts or word in rare:
            return True
        lower = word.lower()
        return lower != word and (lower in counts or lower in rare or lower.capitalize() in counts)

    def is_derived(self, word: str) -> bool:
        """Whether ``word`` is a known word of four letters or more with a common prefix or
        ending added ("reposted", "unvaccinated", "podcasters"): news coins these daily."""
        lower = word.lower()
        for prefix in PREFIXES:
            if (
                lower.startswith(prefix)
                and len(lower) - len(prefix) >= 4
                and self.knows(lower[len(prefix) :].lstrip("-"))
            ):
                return True
        for suffix in SUFFIXES:
            stem = lower[: -len(suffix)]
            if (
                lower.endswith(suffix)
                and len(stem) >= 4
                and (self.knows(stem) or self.knows(stem + "e"))
            ):
                return True
        return False

    @property
    def words(self) -> frozenset[str]:
        """The known words as a set: set & set walks the smaller side, set & dict the dict."""
        if self._words is None:
            self._words = frozenset(self.counts)
        return self._words

    @cached_property
    def longest(self) -> int:
        """The length of the longest known word: a word over one letter longer is no single
        edit from any, and its edits, which grow with the square of its length, need not be
        made (a line of random letters is one such "word")."""
        return max(map(len, self.counts), default=0)

    def has_near(self, word: str) -> bool:
        """Whether a known word is one edit away from ``word`` (in lower case)."""
        if len(word) > self.longest + 1:
            return False
        return not self.words.isdisjoint(edits1(word.lower()))

    def frequency(self, word: str) -> int:
        """How often Wikinews uses ``word`` (0 for a word it never uses)."""
        return self.counts.get(word, 0)

    def locale_of(self, word: str) -> str | None:
        """``en-US`` or ``en-GB`` for a word spelt only that way, else ``None``."""
        if word in self.us_only:
            return "en-US"
        if word in self.gb_only:
            return "en-GB"
        return None

    def suggest(
        self,
        word: str,
        extra: frozenset[str] = frozenset(),
        limit: int = 5,
        locale: str | None = None,
    ) -> list[str]:
        """Likely intended words for a misspelling, likeliest first, in the case of ``word``.

        Known misspellings come first; then real words one edit away, the commoner first; then
        two edits away when nothing is one edit away. ``extra`` holds house words.
        """
        lower = word.lower()
        other = {"en-US": self.gb_only, "en-GB": self.us_only}.get(locale or "", frozenset())
        words = self.words

        def real(candidates: set[str]) -> list[str]:
            hits = ((candidates & words) | (candidates & extra)) - other
            return sorted(hits, key=lambda w: (-self.frequency(w), w))

        found = [
            w
            for w in self.misspellings.get(lower, ())
            if w not in other and (w in self.counts or w in extra or " " in w)
        ]
        longest = max(self.longest, max(map(len, extra), default=0))
        near = real(edits1(lower)) if len(lower) <= longest + 1 else []
        if not near and len(lower) <= EDITS2_MAX_LENGTH:
            near = real(edits2(lower))
        ranked = list(dict.fromkeys(found + near))[:limit]
        return [_same_case(w, word) for w in ranked]


def _same_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read on first use."""
    return Lexicon.load(data_path(""))
