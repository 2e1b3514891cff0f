"""Confusion sets: for each common word, the real words a writer may have meant instead.

A real-word slip turns one word into another that is also in the dictionary. Three sources of
such pairs are combined, so the check is not tied to a fixed list:

- one typing slip (a deletion, insertion, substitution or swap of adjacent letters, apostrophes
  included): form/from, trial/trail, county/country, public/pubic, its/it's;
- the same stem with another ending: forces/forced, troops/trooped, lead/leads;
- commonly confused words (``data/spelling/homophones.txt``): sound-alikes such as their/there
  and accept/except, and the classic function-word slips such as from/form and not/now.

Only words that are common in the training text take part, so that a rare word is never
suggested for a common one on thin evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from newslint.lexicon import data_path, one_edit_neighbours, read_lines

SUFFIXES = ("", "s", "es", "ed", "d", "ing", "er", "ers")
"""Endings that inflection slips swap for one another."""


HOMOPHONE, ONE_SLIP, SUBSTITUTION, OTHER = "homophone", "one-slip", "substitution", "other"
"""Kinds of confusion, from the likeliest to the least likely to be a slip."""
FUNCTION = "function-word"
"""A listed confusion whose other word is a function word ("their was" for "there was",
"form the" for "from the"): the commonest real-word slips, and function words keep such
narrow company that the statistics judge them well. Like :data:`HOMOPHONE` pairs, each such
pair has a threshold of its own (see :class:`newslint.slips.SlipWeights`)."""
LISTED = frozenset({FUNCTION, HOMOPHONE})
"""The kinds of confusion of the commonly-confused list (``data/spelling/homophones.txt``)."""
FUNCTION_WORDS = frozenset(
    "from where were not now than then their there they're its it's your you're whose who's"
    " to too of off".split()
)


def confusion_kind(word: str, other: str, homophones: Mapping[str, frozenset[str]]) -> str:
    """How ``word`` may have come from ``other``: a listed confusion (with a function word, or
    another), one dropped, added or swapped letter, one substituted letter, or otherwise
    (another ending, a final "s" or "d" too)."""
    if other in homophones.get(word, ()):
        return FUNCTION if other in FUNCTION_WORDS else HOMOPHONE
    if abs(len(word) - len(other)) == 1:
        short, long_ = sorted((word, other), key=len)
        if long_[:-1] == short and long_[-1] in "sd":
            return OTHER  # another ending (bomb/bombs, like/liked): grammar, not a typing slip
        if any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_))):
            return ONE_SLIP
        return OTHER
    if len(word) != len(other):
        return OTHER
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    if len(diff) == 1:
        return SUBSTITUTION
    if (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == other[diff[1]]
        and word[diff[1]] == other[diff[0]]
    ):
        return ONE_SLIP
    return OTHER


def homophone_table() -> dict[str, frozenset[str]]:
    """Each word of the homophone list with the words that sound like it."""
    return {w: frozenset(g) - {w} for g in homophone_groups() for w in g}


def homophone_groups(path: str = "homophones.txt") -> list[list[str]]:
    """The groups of words that sound alike, from the shipped list."""
    return [
        line.split()
        for line in read_lines(data_path(path))
        if line.strip() and not line.startswith("#")
    ]


def inflections(word: str) -> set[str]:
    """Forms of ``word`` with another of :data:`SUFFIXES` (``forced`` gives ``forces``...)."""
    stems = {word}
    for suffix in SUFFIXES[1:]:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            stems.update((stem, stem + "e"))
    return {stem + suffix for stem in stems for suffix in SUFFIXES} - {word}


def confusion_sets(
    counts: Mapping[str, int],
    is_word: Callable[[str], bool],
    groups: Iterable[Iterable[str]] = (),
    min_count: int = 5,
    min_length: int = 3,
    rare: Iterable[str] = (),
) -> dict[str, list[str]]:
    """Each eligible word's confusables, commonest first.

    A word is eligible when it is a real lower-case word (``is_word``) seen at least
    ``min_count`` times; one-edit and inflection pairs also need ``min_length`` letters, as
    short words ("in", "on", "of") are one edit from too much to judge well. Words of ``rare``
    (real words the training text hardly uses: "pubic", "untied") get sets of eligible words
    too, so a slip into one is caught, but are never suggested themselves.
    """
    pool = {w for w, c in counts.items() if c >= min_count and is_word(w)}
    sets: dict[str, set[str]] = {w: set() for w in pool}
    judged = [w for w in pool | {w for w in rare if is_word(w)} if len(w) >= min_length]
    typed = one_edit_neighbours(pool, judged)
    for word in judged:
        near = typed[word] | (inflections(word) & pool)
        near.discard(word)
        sets.setdefault(word, set()).update(w for w in near if len(w) >= min_length)
    for group in groups:
        members = [w for w in group if w in pool]
        for w in group:
            if w in sets or w in rare:
                sets.setdefault(w, set()).update(m for m in members if m != w)
    return {w: sorted(alts, key=lambda a: (-counts[a], a)) for w, alts in sets.items() if alts}
