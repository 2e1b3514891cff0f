"""Set phrases of other languages that English news writes as English ("tried in absentia",
"declared force majeure"): their words are English only together, so a spelling check passes
them where the whole phrase stands and checks them anywhere else ("absentia" alone, or "in
absentai", is still a misspelling).

The phrases ship in ``newslint/data/spelling/set-phrases.txt`` (see its README).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from newslint.lexicon import ascii_fold, data_path, read_text

PHRASES = "set-phrases.txt"


def phrase_key(word: str) -> str:
    """``word`` as phrases are matched: lower case, straight apostrophes, no accents (news
    mostly leaves them out of loan phrases: "raison d'etre"), "œ" as "oe"."""
    folded = ascii_fold(word.replace("\u2019", "'").lower())
    return folded.replace("œ", "oe").replace("æ", "ae")


@cache
def set_phrases() -> dict[str, list[tuple[str, ...]]]:
    """The shipped phrases, as their words' keys (see :func:`phrase_key`), by first word."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for line in read_text(data_path(PHRASES)).splitlines():
        if line.strip() and not line.startswith("#"):
            words = tuple(phrase_key(w) for w in line.replace("-", " ").split())
            found.setdefault(words[0], []).append(words)
    return found


def in_set_phrases(texts: Sequence[str]) -> set[int]:
    """The places in ``texts`` (one sentence's words, in order) of the words that a set phrase
    covers. A hyphen joins a phrase's words as a space does ("ex-officio delegates"), but a
    phrase covers whole words only: "in absentia-style" is none."""
    phrases = set_phrases()
    # each hyphenated part, with the word it is part of and whether it starts that word
    parts = [
        (key, n, i == 0)
        for n, text in enumerate(texts)
        for i, key in enumerate(phrase_key(text).split("-"))
    ]
    covered: set[int] = set()
    for start, (key, n, first) in enumerate(parts):
        if not first:
            continue
        for phrase in phrases.get(key, ()):
            end = start + len(phrase)
            if (
                end <= len(parts)
                and (end == len(parts) or parts[end][2])
                and all(parts[start + i][0] == word for i, word in enumerate(phrase))
            ):
                covered.update(range(n, parts[end - 1][1] + 1))
    return covered
