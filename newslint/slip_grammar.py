"""Grammar that rules a look-alike out as the word meant (SP102), whatever the statistics say.

The statistics see a word or two either side of a place, and where the written word is rarer
than its look-alike in that narrow window they take it for a slip. Some uses of a word show
themselves only in the shape of the clause around it, which news statistics of three words
cannot see:

- "where" that opens a clause of its own, with a subject and a finite verb ("events where
  four or more people are killed", "the flag where previously only the royal flag had flown"):
  "were" in its place would give the clause two finite verbs and no subject before the first;
- "were" that opens a conditional by inversion ("were a draft to be imposed", "were it not
  for"), no place for "where";
- "too" that ends a clause ("in the United States too, in fact") or qualifies an adverb or
  an adjective before the clause goes on ("deployed too slowly to hit", "too weak to take
  on"), where "to" would be left with nothing to govern;
- an article or a possessive ("the", "their") where a sentence ends ("resided there."), as
  one always has a noun after it (before punctuation it may not end anything: a quotation or
  a link may follow, "its "preliminary estimate"");
- a word that is no verb after a modal ("must buy their service", not "must by").

Each place is read in its sentence as :func:`newslint.ngram.sentence_words` gives it, with
the sentence's ends (``BOS``, ``EOS``) around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from newslint.ngram import BOS, EOS, PUNCT, NgramModel

JUDGED = frozenset({"where", "were", "too"})
"""The written words whose look-alikes :func:`ruled_out` may rule out whatever they are."""
DETERMINERS = frozenset("the a an their its your whose my our".split())
"""Words that always have a noun after them, so never end a sentence."""
MODALS = frozenset("would could should must shall".split())
"""Modals, which a verb follows; not "will", "can", "may" and "might", which are nouns
and a month as often ("the will of the people", "in May by the river")."""
NO_VERBS = frozenset(
    {*DETERMINERS, *"by of from than were was is are where has had does did".split()}
)
"""Look-alikes that can stand after no modal: no bare verbs, and no finite ones."""

FINITE = frozenset(
    "is are was were has have had do does did will would can could shall should might must"
    " isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't"
    " can't couldn't shouldn't mustn't it's that's there's he's she's they're we're you're"
    " i'm they've we've i've you've he'll she'll they'll we'll i'll it'll".split()
)
"""Finite verbs a clause shows its own subject by: auxiliaries and their contractions (a
lexical verb's past, "finished", is as often a participle: "people where killed"; "may" is as
often the month: "the group where freed on May 5")."""
CLAUSE_OPENERS = frozenset(
    "and nor but that which who whom whose when while because as if after before since"
    " until unless where though although whether than what how why".split()
)
"""Words that open another clause: a finite verb after one is that clause's ("three of the
victims where male officers and the fourth was"). Not "or", which joins the words of a subject
as often ("where four or more people are killed"): on the background articles, "and" ends
the clause of two in three "were"s made "where" that it still found a verb for, "or" of none."""
_ENDS = frozenset({PUNCT, EOS, BOS})
PRONOUNS = frozenset("who which that they we you i he she it these those there".split())
"""Subjects a relative "where" does not follow."""
SUBJECTS = frozenset("a an it he she they we i you".split())
"""Words that open the subject of a conditional by inversion ("were a draft to be imposed",
"were he to return"); "were the first to" and "were the majority to" are as often "where the
majority voted to"."""
_NOT_VERBS = frozenset(
    {*_ENDS, *"a an the this that these those his her its their our my your".split()}
)
"""Words after "to" that show it a preposition ("to the union"), not an infinitive's."""
INVERSION_REACH = 4
"""How many words the subject of a conditional by inversion may take before its "to"."""
DEGREE_AFTER = frozenset({PUNCT, EOS, "to", "for", "and", "or", "but"})
"""What may follow "too" and an adverb ("too slowly to hit", "too personally and")."""
COMPLEMENTS = frozenset({"to", "for"})
"""What follows "too" and an adjective ("too weak to take on", "too early for"); not the end
of a clause, where "to" and a noun stand as often ("loyal to people.")."""
DEGREE_WORDS = ("very", "so", "too", "more", "most", "less")
"""Words that stand before adjectives and adverbs, not verbs: news writes a word after them
more often than after "to" only if it is one of those."""


def may_rule_out(
    model: NgramModel, before: np.ndarray, written: np.ndarray, after: np.ndarray, other: np.ndarray
) -> np.ndarray:
    """Whether :func:`ruled_out` may rule out each look-alike (word ids): ``other`` in place of
    ``written``, between ``before`` and ``after``. Most look-alikes it cannot, and are not
    asked one by one."""

    def ids(words: Iterable[str]) -> list[int]:
        return [model.index.get(word, 0) for word in words]

    return (
        np.isin(written, ids(JUDGED))
        | (np.isin(other, ids(DETERMINERS)) & (after == model.index.get(EOS, -1)))
        | (np.isin(other, ids(NO_VERBS)) & np.isin(before, ids(MODALS)))
    )


def ruled_out(words: Sequence[str], at: int, other: str, model: NgramModel) -> bool:
    """Whether the grammar of the clause around ``words[at]`` rules ``other`` out as the word
    meant there (see the module's docstring).

    :param words: The sentence, as :func:`newslint.ngram.sentence_words` gives it, with
        ``BOS`` before it and ``EOS`` after it (other sentences may stand around it so).
    :param model: The news model, to tell an adverb ("slowly", of "slow") or an adjective.
    """
    written = words[at]
    if other in DETERMINERS and words[at + 1] == EOS:
        return True
    if other in NO_VERBS and words[at - 1] in MODALS:
        return True
    if written == "where" and other == "were":
        return _opens_clause(words, at)
    if written == "were" and other == "where":
        return _inverts(words, at)
    if written == "too" and other == "to":
        return _qualifies(words, at, model)
    return False


def _opens_clause(words: Sequence[str], at: int) -> bool:
    """Whether the words after ``at`` hold a subject and then its finite verb, before the
    clause ends. A participle on the way is the complement of "were" ("who where detained
    are expected", "where originally published in 2005 they were"), and after a pronoun
    "where" opens no clause but stands for the pronoun's verb ("they where told more
    officers would come")."""
    if words[at - 1] in PRONOUNS:
        return False
    for n in range(at + 1, len(words)):
        word = words[n]
        if word in _ENDS or word in CLAUSE_OPENERS or word.endswith(("ed", "ing")):
            return False
        if word in FINITE:
            return n > at + 1 and words[n - 1] != "to"
    return False


def _inverts(words: Sequence[str], at: int) -> bool:
    """Whether ``words[at]`` ("were") opens a conditional by inversion: "were it not for",
    or a subject and then "to" and a verb ("were a draft to be imposed"), with no verb of
    the subject's own on the way ("were he plans to", "were a candidate happens to")."""
    if words[at + 1] == "it" and words[at + 2] == "not":
        return True
    if words[at + 1] not in SUBJECTS:
        return False
    for n in range(at + 2, min(at + 2 + INVERSION_REACH, len(words) - 1)):
        word = words[n]
        if word == "to":
            return words[n + 1] not in _NOT_VERBS
        if word in _ENDS or word in FINITE or word in CLAUSE_OPENERS or word.endswith(("s", "ed")):
            return False
    return False


def _qualifies(words: Sequence[str], at: int, model: NgramModel) -> bool:
    """Whether ``words[at]`` ("too") ends its clause, or qualifies an adverb that ends it or
    that a complement follows ("too slowly to hit"), or an adjective that a complement follows
    ("too weak to take on"). Punctuation may also open a link or a quotation after "to": on
    the background articles "to" stood so 489 times in 44,875 and "too" before punctuation or
    at a sentence's end 56 times in 341, so a slip there is rare next to the "too"s written
    so."""
    after = words[at + 1]
    if after in (PUNCT, EOS):
        return True
    then = words[at + 2]
    stem = after.removesuffix("ly")
    # "slowly", not "supply" or "apply": the stem must be a word of its own
    if len(stem) >= 4 and stem != after and stem in model.index:
        return then in DEGREE_AFTER
    return then in COMPLEMENTS and _degree_word(after, model)


def _degree_word(word: str, model: NgramModel) -> bool:
    """Whether news wrote ``word`` after :data:`DEGREE_WORDS` more often than after "to": an
    adjective or an adverb, not a verb ("too weak", "to take"). A word in "-ing" is a verb's
    as often ("more striving", "to striving")."""
    index = model.index
    known = index.get(word, 0)
    if not known or word.endswith("ing") or "to" not in index:
        return False
    degree = sum(model.count(index[w], known) for w in DEGREE_WORDS if w in index)
    return degree > model.count(index["to"], known)
