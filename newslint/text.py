"""Word and sentence splitting tuned for news copy.

News is dense with abbreviations that end in a full stop (U.S., Mr., Gen., a.m., Jan., initials),
so a full stop is a sentence boundary only when what follows starts a sentence and what precedes
is not an abbreviation that always leads into a name.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # dotted abbreviations: U.S., a.m.
    r"|\d[\d,.]*\d"  # numbers with separators: 2,000 and 3.5
    r"|[^\W_](?:\w|['’\-](?=[^\W_]))*"  # words with inner apostrophes or hyphens
)
"""A token: a dotted abbreviation, a number, or a word (inner apostrophes and hyphens kept)."""

# Abbreviations that lead into a name or a number, so a full stop after them never ends a sentence.
_LEADING_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl adm cmdr gov sen rep pres supt
    insp det rev fr sr jr st mt ft no nos vs v fig figs ave blvd hon messrs mssrs esq
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Abbreviations that can end a sentence as well (U.S., a.m., Inc., etc.): a boundary only when
# the next word is one that commonly opens a sentence.
_TRAILING_ABBREVIATIONS = frozenset(
    "u.s u.k u.n e.u a.m p.m inc corp co ltd etc plc llc bros dept est approx".split()
)
_SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our
    but and so yet in on at for after before when while if as however meanwhile then also
    according some many most one two three police officials authorities""".split()
)

# Candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace, and a
# character that can open a sentence.
_BOUNDARY_RE = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[^\W_])")


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return text[start:end]


def _first_word_after(text: str, start: int) -> str:
    m = WORD_RE.search(text, start, min(len(text), start + 40))
    return m.group() if m else ""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split prose into sentences; returns ``(start, end)`` offsets with outer whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        punct = m.group(1)
        nxt = _first_word_after(text, m.end())
        if punct == ".":
            before = _word_before(text, m.start(1)).lower().rstrip(".")
            if not before:
                continue
            if before in _LEADING_ABBREVIATIONS:
                continue
            # a single initial ("J. K. Rowling"), but not a lone numeral or pronoun "I"
            if len(before) == 1 and before.isalpha() and before != "i":
                continue
            if (before in _TRAILING_ABBREVIATIONS or "." in before) and (
                nxt.lower() not in _SENTENCE_OPENERS
            ):
                continue
        elif not nxt[:1].isupper() and not nxt[:1].isdigit() and m.group(2) == "":
            continue
        end = m.end(2)
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out
