"""Terms: how a word is normalised for matching, and how rare it is in news copy.

A term is a word folded to lower case and reduced to its Snowball stem, so that "forces",
"force" and "forced" meet. Rarity is inverse document frequency (IDF) over a background corpus
of Wikinews articles; the table ships in ``newslint/data/headlines/`` (built by
``tools/build_headline_stats.py``) and is read once per process, the first time it is needed.
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import Stemmer

STATS_RESOURCE = "data/headlines/stem-df.tsv.gz"
"""Where the stem document-frequency table is, inside the package."""

STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without into onto over under
    about above after before against among amid around as near off out up down through via
    per than then so if is are was were be been being am has have had having do does did
    will would shall should can could may might must not no yes it its it's this that these
    those there their they them he him his she her hers we us our you your i me my who whom
    whose which what when where why how all any some more most less least many much such
    own other another each both either neither just also only very too again still says
    said say tells told new""".split()
)
"""Words that carry no topic of their own, in headlines or bodies."""

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
"""Number words a headline or story may use in place of digits."""

_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
          "tn": 1_000_000_000_000, "k": 1_000}
# A number not inside a word or after a dot. The first digit is matched before the look-behind
# ("\d(?<![\w.]\d)", not "(?<![\w.])\d") so that the pattern opens with a digit, which lets the
# regex engine skip ahead to the next digit instead of trying the whole pattern at every
# character: a fourth of the time over a story, for the same matches. "B" counts billions only
# written on the figure, as headlines do ("$13.9B"): "Group 4 B" is no sum.
_NUMBER_RE = re.compile(
    r"(\d(?<![\w.]\d)(?:\d{0,2}(?:,\d{3})+|\d*(?:\.\d+)?))"
    r"(?:\s*(thousand|million|billion|trillion|bn|tn|m|k)\b|((?-i:B))\b)?",
    re.I,
)

TERM_RE = re.compile(r"\w+(?:['.\-]\w+)*")
"""A word of running text for term statistics: coarser than :data:`newslint.text.WORD_RE` and
twice as fast over a whole story. Numbers are read by :func:`numbers_in`, so "2,000" may fall
apart here. The statistics table is built with this same pattern."""

_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of ``word`` folded to lower case, typographic apostrophes unified and
    dots dropped ("U.S." and "US" are one term)."""
    word = word.lower().replace("\u2019", "'").replace(".", "")
    return _stemmer.stemWord(word.removesuffix("'s"))


def fold(text: str) -> str:
    """``text`` without diacritics, so "Kaczynski" meets "Kaczyński"."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def numbers_in(text: str) -> list[tuple[float, int, int]]:
    """Every number written in digits in ``text``: ``(value, start, end)``, scale words applied
    ("2,000" is 2000, "1.5 million" is 1500000). Years and other numbers count alike."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        value = float(m.group(1).replace(",", ""))
        scale = m.group(2) or m.group(3)
        if scale:
            value *= _SCALE[scale.lower()]
        out.append((value, m.start(), m.end()))
    return out


class Rarity:
    """Inverse document frequencies of stems in the background corpus."""

    def __init__(self, documents: int, frequencies: dict[str, str]) -> None:
        self.documents = documents
        """How many articles the counts were taken from."""
        self.frequencies = frequencies
        """Document frequency by stem, as written in the table (a decimal string); stems rarer
        than the table's cut-off are absent."""
        self.ceiling = math.log(documents)
        """The IDF of a stem the table does not hold: as rare as can be."""

    def idf(self, term: str) -> float:
        """How surprising the stem ``term`` is in news copy: ``log(N / df)``."""
        df = self.frequencies.get(term)
        return self.ceiling if df is None else math.log(self.documents / int(df))


@cache
def rarity() -> Rarity:
    """The shipped table, loaded on first use and kept for the life of the process."""
    raw = resources.files("newslint").joinpath(STATS_RESOURCE).read_bytes()
    fields = gzip.decompress(raw).decode("utf-8").split()
    # header "#documents N", then stem and frequency pairs; counts convert on look-up
    return Rarity(int(fields[1]), dict(zip(fields[2::2], fields[3::2], strict=True)))
