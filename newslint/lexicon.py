"""The English word list that spelling checks read: which words exist, how common they are, in
which locale, and what a misspelling was most likely meant to be.

The list ships in ``newslint/data/spelling/`` (see its README for sources and licences):
SCOWL's en-US and en-GB "large" (size 70) lists, frequent words of Wikinews that SCOWL lacks,
the rarer words of SCOWL's "huge" (size 80) lists, corpus frequencies for ranking, and
codespell's list of common misspellings. It is read once per process, on first use.
"""

from __future__ import annotations

import gzip
import os
import unicodedata
from collections.abc import Container, Iterable, Iterator, Mapping
from functools import cache, cached_property, lru_cache
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
_PREFIX_SET, _SUFFIX_SET = frozenset(PREFIXES), frozenset(SUFFIXES)
_PREFIX_LENGTHS = sorted({len(p) for p in PREFIXES})
_SUFFIX_LENGTHS = sorted({len(s) for s in SUFFIXES})
EDITS2_MAX_LENGTH = 10
"""Longer words get no two-edit suggestions: their candidates cost tens of milliseconds, and a
long unknown word with nothing one edit away is far more often a rare term than a typo."""


def data_path(name: str) -> Path:
    """The path of a shipped spelling data file."""
    return Path(str(resources.files("newslint").joinpath(f"{DATA}/{name}")))


def read_text(path: Path) -> str:
    """The text of a file, gunzipped when its name ends in ``.gz``."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def file_version(path: str | Path) -> tuple[int, int] | None:
    """A file's modification time and size, which change when it is written again; ``None``
    when it cannot be read (reading it says why). Long-running processes (the language server)
    read a configured word list or model again when this changes."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def read_lines(path: Path) -> list[str]:
    """The lines of a text file, gunzipped when its name ends in ``.gz``."""
    return read_text(path).splitlines()


def _lines(section: str) -> list[str]:
    """The lines of a section of a file, without its final newline (none for an empty one)."""
    return section.split("\n") if section else []


_LAST = chr(0x10FFFF)
"""Sorts after every character: ``prefix + _LAST`` bounds the strings that start with prefix."""


class SortedTable(Mapping[str, list[str]]):
    """Lines sorted by code point, each ``key`` or ``key<TAB>value|value...``, as a mapping of
    each key to its values, read in place.

    A run looks up a few dozen keys: splitting and hashing 150,000 lines up front would cost
    far more than the lookups. A key is found by binary search over the text, and the lines
    that share its first two characters are parsed into a small dict on first need, so even a
    long run parses each line at most once.
    """

    PREFIX = 2
    """Lines are parsed in groups that share this many first characters."""

    def __init__(self, text: str):
        self._text = text if not text or text.endswith("\n") else text + "\n"
        self._buckets: dict[str, dict[str, str]] = {}

    def _first_at_least(self, key: str) -> int:
        """The offset of the first line not less than ``key`` (the text's length if none is)."""
        text = self._text
        lo, hi = 0, len(text)  # line starts: lines before lo are less than key, from hi on not
        while lo < hi:
            start = text.rfind("\n", lo, (lo + hi) // 2) + 1 or lo
            end = text.find("\n", start)
            if text[start:end] < key:
                lo = end + 1
            else:
                hi = start
        return lo

    def _bucket(self, key: str) -> dict[str, str]:
        prefix = key[: self.PREFIX]
        bucket = self._buckets.get(prefix)
        if bucket is None:
            start, end = self._first_at_least(prefix), self._first_at_least(prefix + _LAST)
            chunk = self._text[start : end - 1]
            if "\t" in chunk:
                bucket = dict(line.partition("\t")[::2] for line in _lines(chunk))
            else:
                bucket = dict.fromkeys(_lines(chunk), "")
            self._buckets[prefix] = bucket
        return bucket

    def __contains__(self, key: object) -> bool:
        # The empty key would parse the whole table, for a line no table holds.
        return isinstance(key, str) and bool(key) and key in self._bucket(key)

    def get(  # type: ignore[override]
        self, key: str, default: list[str] | None = None
    ) -> list[str] | None:
        rest = self._bucket(key).get(key) if key else None
        if rest is None:
            return default
        return rest.split("|") if rest else []

    def __getitem__(self, key: str) -> list[str]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return (line.partition("\t")[0] for line in _lines(self._text[:-1]))

    def __len__(self) -> int:
        return self._text.count("\n")


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)


def one_edit_neighbours(words: Iterable[str], queries: Iterable[str]) -> dict[str, set[str]]:
    """For each of ``queries``, the ``words`` in :func:`edits1` of it (itself left out).

    The same as ``edits1(query) & words``, found the other way round: each word is filed under
    itself and every string one deletion from it, and two strings one edit apart always share
    one of those (a substitution or a swap deletes to the same string, an insertion to the other
    word). So the work grows with the length of the words, not with the alphabet times it:
    for a newsroom's vocabulary, a fifth of the time."""
    filed: dict[str, list[str]] = {}
    for word in words:
        for key in {word, *_deletes(word)}:
            filed.setdefault(key, []).append(word)
    found: dict[str, set[str]] = {}
    for query in queries:
        near = found[query] = set()
        for key in {query, *_deletes(query)}:
            near.update(w for w in filed.get(key, ()) if w != query and _one_edit(query, w))
    return found


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_edit(word: str, other: str) -> bool:
    """Whether ``other`` is in :func:`edits1` of ``word``: what an insertion or substitution
    puts in is one of :data:`LETTERS`."""
    if len(other) == len(word) - 1:
        return True  # it shares a deletion with word, and is that deletion: any letter may go
    if len(other) == len(word) + 1:
        i = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b),
                 len(word))
        return other[i] in LETTERS and other[:i] + other[i + 1 :] == word
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    if len(diff) == 1:
        return other[diff[0]] in LETTERS
    first = diff[0]
    return (len(diff) == 2 and diff[1] == first + 1
            and word[first] == other[first + 1] and word[first + 1] == other[first])


def ascii_fold(word: str) -> str:
    """``word`` without its accents ("Erdoğan": "Erdogan"; "ł" has no decomposition)."""
    if word.isascii():
        return word  # most words: no character of ASCII decomposes, none is a mark
    folded = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in folded if not unicodedata.combining(c))


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


def edits2(word: str) -> set[str]:
    """Strings two edits from ``word`` where the second is a deletion or a swap of letters.

    The other second edits (substitutions, insertions) multiply the candidates by ~30 for
    slips that are rarer, and would make each lookup cost tens of milliseconds.
    """
    ones = edits1(word)
    found = {e[:i] + e[i + 1 :] for e in ones for i in range(len(e))}
    found.update([e[:i] + e[i + 1] + e[i] + e[i + 2 :] for e in ones for i in range(len(e) - 1)])
    return found


@lru_cache(maxsize=64)
def _known_near(lexicon: Lexicon, word: str, extra: frozenset[str], two: bool) -> frozenset[str]:
    """The words of ``lexicon`` and ``extra`` one edit from ``word``, or two when ``two``.

    Cached: the spelling check looks for a word in its article's locale and then in any,
    from the same edits, which take milliseconds to make.
    """
    if two:
        candidates = edits2(word)
        return frozenset((lexicon.words & candidates) | (extra & candidates))
    candidates = edits1(word)
    return frozenset((lexicon.counts.keys() & candidates) | (extra & candidates))


def words_text(
    counts: Mapping[str, int], us_only: Iterable[str], gb_only: Iterable[str], rare: Iterable[str]
) -> str:
    """The text of ``words.txt`` (see :meth:`Lexicon.load`), but its final newline."""
    used = sorted(w for w, n in counts.items() if n)
    sections = [
        used,
        [str(counts[w]) for w in used],
        sorted(w for w, n in counts.items() if not n),
        sorted(us_only),
        sorted(gb_only),
        sorted(rare),
    ]
    return "\f\n".join("\n".join(section) for section in sections)


class Lexicon:
    """A word list with frequencies, locale marks and known misspellings."""

    def __init__(
        self,
        counts: dict[str, int],
        us_only: Iterable[str] = (),
        gb_only: Iterable[str] = (),
        misspellings: Mapping[str, list[str]] | None = None,
        rare: Container[str] = frozenset(),
    ):
        self.counts = counts
        """Every known word (names in their capitals), with how often Wikinews uses it."""
        self.rare = rare
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
        """Read ``words.txt`` from ``folder``; its misspellings are read on first need.

        The file holds six sections split by form feeds, one item a line: the words Wikinews
        uses, their counts in the same order, the words it never uses (count 0: three in
        four), the American-only words, the British-only words, the rare words; each list of
        words sorted. Columns, not rows, because splitting a few long strings is many times
        faster than 140,000 short ones; the unused words need no counts to parse. Not gzipped:
        unzipping its 3 MB would take a quarter of the load (a wheel compresses it anyway).
        The rare words are only looked up when a word is no common one, a few dozen times a
        run, so they stay one string (see :class:`SortedTable`).
        """
        # Split at the form feeds alone: a one-character separator is found several times faster.
        used, counts, unused, us, gb, rare = (
            s.removeprefix("\n") for s in read_text(folder / "words.txt").split("\f")
        )
        table = dict.fromkeys(_lines(unused), 0)
        table.update(zip(_lines(used), map(int, _lines(counts)), strict=True))
        lexicon = cls(table, _lines(us), _lines(gb), rare=SortedTable(rare))
        lexicon._misspellings_file = folder / "misspellings.tsv.gz"
        return lexicon

    @property
    def misspellings(self) -> Mapping[str, list[str]]:
        """Common misspellings (lower case) and their corrections, likeliest first."""
        if self._misspellings is None:
            file = self._misspellings_file
            # A run looks up a handful: a table read in place, not a dict of 60,000 lines.
            self._misspellings = SortedTable(read_text(file)) if file is not None else {}
        return self._misspellings

    def knows(self, word: str) -> bool:
        """Whether ``word`` is spelt right in some locale, as written or in lower case, or as
        a capitalised name written in lower case is not (``paris`` is not a word), or is a
        word written with accents written without them ("melee", "protege")."""
        counts, rare = self.counts, self.rare
        if word in counts or word in rare:
            return True
        lower = word.lower()
        return (
            lower != word and (lower in counts or lower in rare or lower.capitalize() in counts)
        ) or lower in self.unaccented

    @cached_property
    def unaccented(self) -> frozenset[str]:
        """The known lower-case words written with accents, without them: English writes
        most loanwords so ("melee", "protege", "emigre", "attache"). Not names: "zurich" is
        no word, as "paris" is not."""
        return frozenset(ascii_fold(w) for w in self.counts if not w.isascii() and w.islower())

    def is_derived(self, word: str, extra: Container[str] = frozenset()) -> bool:
        """Whether ``word`` is a known word of four letters or more with a common prefix or
        ending added ("reposted", "unvaccinated", "podcasters"): news coins these daily.
        ``extra`` holds house words, which are known words here too ("vaxxers" of "vaxxer").
        A known misspelling is none: English doubles a consonant or drops an "e" before some
        endings, and "occured", "begining", "truely" and "untill" are slips, not coinages."""
        lower = word.lower()
        if lower in self.misspellings:
            return False

        def known(stem: str) -> bool:
            return self.knows(stem) or stem in extra

        # One slice and set lookup per length, not a startswith per prefix.
        for n in _PREFIX_LENGTHS:
            if (
                len(lower) - n >= 4
                and lower[:n] in _PREFIX_SET
                and known(lower[n:].lstrip("-"))
            ):
                return True
        for n in _SUFFIX_LENGTHS:
            stem = lower[:-n]
            if (
                len(stem) >= 4
                and lower[-n:] in _SUFFIX_SET
                and (known(stem) or known(stem + "e"))
            ):
                return True
        return False

    @property
    def words(self) -> frozenset[str]:
        """The known words as a set: a set looks up the thousands of strings two edits from a
        word in half the time the dict takes, but takes milliseconds to build, so only two-edit
        suggestions use it."""
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
        return not self.counts.keys().isdisjoint(edits1(word.lower()))

    def easy_slip(self, word: str) -> bool:
        """Whether the lower-case ``word`` is a known misspelling, or a word news uses with one
        of the likeliest slips of the keys: a letter dropped, two swapped or one struck twice,
        past the first letter ("dceided"; see :func:`_slip_odds`). Another language's words
        seldom are one ("suede" is four slips less likely from "puede": a first letter
        struck wrong)."""
        if word in self.misspellings:
            return True
        if len(word) > self.longest + 1:
            return False
        near = self.counts.keys() & edits1(word)
        return any(self.counts[w] and _slip_odds(word, w) >= 1 for w in near)

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
        extra: Iterable[str] = frozenset(),
        limit: int = 5,
        locale: str | None = None,
    ) -> list[str]:
        """Likely intended words for a misspelling, likeliest first, in the case of ``word``.

        Known misspellings come first; then real words one edit away, the likelier first (how
        often news uses each, times how readily the keys make that slip, see
        :func:`_slip_odds`); then two edits away, the commoner first, when nothing is one edit
        away. ``extra`` holds house words.
        """
        lower = word.lower()
        extra = frozenset(extra)  # a cache key (see _known_near); a frozenset is not copied
        other = {"en-US": self.gb_only, "en-GB": self.us_only}.get(locale or "", frozenset())

        def real(two: bool) -> list[str]:
            hits = _known_near(self, lower, extra, two) - other
            if two:
                return sorted(hits, key=lambda w: (-self.frequency(w), w))
            # one edit away: the likeliest slip, as often as news uses the word and how
            # readily the keys make that slip (half a use for a word news never used)
            return sorted(
                hits, key=lambda w: (-(self.frequency(w) + 0.5) * _slip_odds(lower, w), w)
            )

        found = [
            w
            for w in self.misspellings.get(lower) or ()
            if w not in other and (w in self.counts or w in extra or " " in w)
        ]
        longest = max(self.longest, max(map(len, extra), default=0))
        near = real(False) if len(lower) <= longest + 1 else []
        if not near and len(lower) <= EDITS2_MAX_LENGTH:
            near = real(True)
        ranked = list(dict.fromkeys(found + near))[:limit]
        return [_same_case(w, word) for w in ranked]


def _slip_odds(typo: str, word: str) -> float:
    """How likely one slip of the keys turns ``word`` into ``typo`` (one edit apart), against
    a dropped letter: as likely for two letters swapped or a key struck twice ("communnity"),
    26 times less for another letter added or struck for one, as the slip must also hit that
    one letter of the alphabet; and ten times less again at the first letter, which writers
    seldom get wrong (3% of codespell's misspellings). Over the 7,915 misspellings of that list
    one edit from more than one word, the word meant then ranks first 86% of the time, against
    68% by its frequency alone."""
    at = next((i for i, (a, b) in enumerate(zip(typo, word, strict=False)) if a != b), len(word))
    odds = 0.1 if at == 0 else 1.0
    if len(typo) < len(word):
        return odds
    if len(typo) == len(word):
        swapped = sum(a != b for a, b in zip(typo, word, strict=True)) == 2
        return odds if swapped else odds / 26
    # the first difference follows a run of the letter struck twice: "communnity"
    doubled = at > 0 and typo[at] == typo[at - 1]
    return odds if doubled else odds / 26


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
