"""Evidence that a real word is a slip for a look-alike (SP102): the statistics of each
doubtful place of a document, under the news model and the book pair counts, and the weights
that turn them into the odds that a look-alike was the word meant.

Kept apart from the rule so that numpy and the models are imported only when SP102 runs:
``newslint check --select ST`` and ``newslint rules`` do without them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newslint.confusables import LISTED, OTHER, confusion_kind, homophone_table
from newslint.lexicon import ascii_fold, data_path, file_version, one_edit_apart
from newslint.ngram import (
    BOS,
    EOS,
    NUM,
    PUNCT,
    UNK,
    NgramModel,
    PairCounts,
    Places,
    default_model_path,
)
from newslint.slip_grammar import may_rule_out, ruled_out


def load_model(path: str) -> NgramModel:
    """A model file (the shipped one when ``path`` is empty), read once per process, and again
    when it changes on disk: a language server runs on while ``newslint train`` rewrites the
    model its configuration names."""
    # no version: NgramModel.load says what is wrong with the file
    return _load_model(path, file_version(path) if path else None)


@lru_cache(maxsize=4)  # a few configurations' models; an old one goes in time
def _load_model(path: str, version: tuple[int, int] | None) -> NgramModel:
    """The model at ``path``; ``version`` (its file's time and size) only keys the cache."""
    return NgramModel.load(path or default_model_path())


@cache
def _homophones() -> dict[str, frozenset[str]]:
    return homophone_table()


SEEN_CONTEXT = 2
"""A written word already seen this often between the same two neighbours is left alone: the
newsroom's own usage (a trained model) outweighs any general statistics."""
_NOT_BOOK_WORD = frozenset({BOS, EOS, PUNCT, NUM})


TOPICAL = 20
"""A word an article uses at least twice, and this many times more often than news in general
does even with one use left out (that one may be the slip: "form" twice in 600 words is one
use too many, not a subject), is a word of its subject ("moles", "ants"), seldom a slip: its
look-alikes must pass their thresholds by ``SlipWeights.topical_margin``."""


def topic_words(model: NgramModel, counts: Counter[str]) -> frozenset[str]:
    """The words of ``counts`` (an article's normalised words) that are words of its subject:
    :func:`is_topical` of each, worked out for all of them at once."""
    size = sum(counts.values())
    # A word used once is never topical: most of the article needs no look-up.
    repeated = [w for w, c in counts.items() if c >= 2]
    get = model.index.get
    seen = model.unigrams[[get(w, 0) for w in repeated]].astype(np.float64)
    used = np.array([counts[w] for w in repeated], dtype=np.float64)
    topical = used - 1 > TOPICAL * (size * seen / max(model.total, 1))
    return frozenset(w for w, t in zip(repeated, topical.tolist(), strict=True) if t)


def is_topical(model: NgramModel, word: str, count: int, size: int) -> bool:
    """Whether ``word``, used ``count`` times in an article of ``size`` words, is a word of
    its subject (see :data:`TOPICAL`)."""
    expected = size * model.unigrams[model.index.get(word, 0)] / max(model.total, 1)
    return count >= 2 and count - 1 > TOPICAL * expected


FEATURES = (
    "news",
    "news_before",
    "news_around",
    "news_after",
    "books",
    "books_known",
    "classes_before",
    "classes_around",
    "classes_after",
    "frequency",
    "written_frequency",
    "written_unseen",
    "alternative_seen",
    "pair_before",
    "pair_after",
    "skip_before",
    "skip_after",
    "name_before",
    "name_after",
    "near",
)
"""What :func:`slip_candidates` measures of a look-alike, each as how much better it fits than
the written word unless said otherwise: the news model's log score of the three trigrams
that touch the place, in all and one by one; the book pair counts' score (and 1 where the
books know both words, else 0); the class contexts' scores before, around and after the
place; the log ratio of how often news uses the two words; how often it uses the written
word (log); whether the written word was never seen beside either neighbour; whether the
look-alike was seen beside both; the log ratio of the two words' counts beside the word
before and beside the word after; how much more often than chance each was seen with the
word two places before it and two places after it; how much likelier each is to have a
name, or no name, just before it and just after it, as the place has ("from Sydney", not
"form Sydney"); and how much more often than chance each was seen a few words from the
sentence's other words (see :class:`newslint.ngram.NearPairs`: "impeachment ... trial")."""
_WRITTEN_FREQUENCY = FEATURES.index("written_frequency")


Found = list[tuple[str, str, tuple[float, ...]]]
"""The look-alikes of one judged place that fit it better than the written word: each one's
word, kind of confusion and :data:`FEATURES`."""


@dataclass(frozen=True)
class Evidence:
    """What :func:`slip_candidates` found: one row per look-alike, grouped by place in the
    order of the places."""

    sentences: list[int]
    """Each row's sentence, as an index into the sentences passed."""
    positions: list[int]
    """Each row's place, as an index into its sentence's words."""
    written: list[str]
    """Each row's written word."""
    others: list[str]
    """Each row's look-alike."""
    features: np.ndarray
    """Each row's :data:`FEATURES`, one column each."""

    def kinds(self) -> list[str]:
        """Each row's kind of confusion (see :func:`newslint.confusables.confusion_kind`)."""
        return list(map(_kind, self.written, self.others))

    def likely(
        self, weights: SlipWeights, margin: float = 0.0, topical: frozenset[str] = frozenset()
    ) -> dict[tuple[int, int], list[str]]:
        """The look-alikes whose odds under ``weights`` pass their thresholds (see
        :meth:`SlipWeights.thresholds`; ``topical`` holds the words of the article's subject)
        raised by ``margin``, the likeliest first, by place: (index of the sentence, index in
        the sentence)."""
        kinds = self.kinds()
        scores = weights.scores(kinds, self.features)
        subject = np.array([word in topical for word in self.written], dtype=bool)
        thresholds = weights.thresholds(kinds, self.written, self.others, self.features, subject)
        likely: dict[tuple[int, int], list[tuple[float, str]]] = {}
        for row in np.flatnonzero(scores > thresholds + margin).tolist():
            place = (self.sentences[row], self.positions[row])
            likely.setdefault(place, []).append((scores[row], self.others[row]))
        for rows in likely.values():
            rows.sort(reverse=True)
        return {place: [alt for _, alt in rows] for place, rows in likely.items()}


Judged = tuple[Sequence[str], Iterable[int], Iterable[int]]
"""A sentence to judge: its words as :func:`newslint.ngram.sentence_words` gives them, the
indexes of the words to judge, and the indexes of its names (see
:func:`newslint.ngram.name_places`)."""


def slip_evidence(
    model: NgramModel,
    books: PairCounts,
    sentences: Sequence[Judged],
    topical: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, int, Found]]:
    """For each doubtful position of each sentence, its look-alikes worth weighing, each with
    its kind of confusion and its :data:`FEATURES`: what :func:`slip_candidates` finds, one
    place at a time.

    :returns: For each place with such look-alikes, in order: the index of its sentence in
        ``sentences``, its index in that sentence, and its look-alikes.
    """
    evidence = slip_candidates(model, books, sentences, topical)
    if evidence is None:
        return
    rows = zip(
        evidence.sentences,
        evidence.positions,
        evidence.others,
        evidence.kinds(),
        map(tuple, evidence.features.tolist()),
        strict=True,
    )
    found: Found = []
    last = (-1, -1)
    for sentence, position, other, kind, features in rows:
        if (sentence, position) != last and found:
            yield last[0], last[1], found
            found = []
        last = (sentence, position)
        found.append((other, kind, features))
    if found:
        yield last[0], last[1], found


class _BookIds:
    """The books' ids (see :class:`PairCounts`) of a news model's words, looked up once per
    word per process: an article's look-alikes and their neighbours are mostly the same few
    hundred common words."""

    def __init__(self, model: NgramModel, books: PairCounts) -> None:
        self._vocab, self._books = model.vocab, books
        self._known = np.zeros(model.size, dtype=bool)
        self._word = np.full(model.size, -1, dtype=np.int64)
        self._parts = np.full((model.size, 2), -1, dtype=np.int64)
        self._unknown = model.index.get(UNK, 0)

    def _learn(self, ids: np.ndarray) -> None:
        new = sorted(set(ids[~self._known[ids]].tolist()))
        if new:
            words = [self._vocab[i] for i in new]
            self._word[new] = self._books.word_ids(
                None if word in _NOT_BOOK_WORD else word for word in words
            )
            self._parts[new] = self._books.word_parts(words)
            self._known[new] = True

    def parts(self, ids: np.ndarray) -> np.ndarray:
        """Each word's parts, as :meth:`PairCounts.word_parts` gives them."""
        self._learn(ids)
        return self._parts[ids]

    def neighbours(self, flat: np.ndarray, at: np.ndarray, words: Sequence[str]) -> np.ndarray:
        """The books' id of the word at each of ``at`` in ``flat`` (a document's word ids; its
        words are ``words``), as :meth:`PairCounts.word_ids` gives it, none for a sentence's
        edges, punctuation and numbers. A word the news model does not know may be one the
        books do."""
        ids = flat[at]
        self._learn(ids)
        found = self._word[ids]
        unknown = np.flatnonzero(ids == self._unknown)
        if len(unknown):
            found[unknown] = self._books.word_ids(words[i] for i in at[unknown].tolist())
        return found


@lru_cache(maxsize=4)  # as the models: an old one goes in time
def _book_ids(model: NgramModel, books: PairCounts) -> _BookIds:
    return _BookIds(model, books)


def slip_candidates(
    model: NgramModel,
    books: PairCounts,
    sentences: Sequence[Judged],
    topical: frozenset[str] = frozenset(),
) -> Evidence | None:
    """The look-alikes of each doubtful position of each sentence worth weighing, with their
    :data:`FEATURES`; ``None`` when there are none. A look-alike is worth weighing where news
    saw it more often than the written word beside a neighbour, or never saw the written word
    beside either neighbour.

    The statistics of all the places are looked up together (an article's worth is a few
    thousand look-alikes), so pass many sentences in one call; each row is worked out from its
    own sentence alone, so the rows of sentences passed in parts are those passed at once (see
    :func:`likely_slips`).

    :param sentences: The sentences, each with its words to judge and its names.
    :param topical: The words of the article's subject (see :func:`topic_words`): a look-alike
        of one is weighed only where news saw it more often than the word beside both
        neighbours. Such a look-alike must pass its threshold by a margin
        (``SlipWeights.topical_margin``); on the held-out articles, nine in ten of those that
        did fitted better on both sides, and they were a twentieth of all the look-alikes.
    """
    index, vocab, size, bigrams = model.index, model.vocab, model.size, model.bigrams
    bos, eos = index[BOS], index[EOS]
    ids: list[int] = []
    padded: list[str] = []
    places: list[int] = []  # each place's index in ids, its sentence's bounds and number
    starts: list[int] = []
    ends: list[int] = []
    owners: list[int] = []
    named: list[int] = []  # the index in ids of each name
    get = index.get
    for n, (words, positions, names) in enumerate(sentences):
        start = len(ids)
        named += [start + 1 + at for at in names]
        ids.append(bos)
        ids += [get(w, 0) for w in words]
        ids.append(eos)
        padded.append(BOS)
        padded += words
        padded.append(EOS)
        count = len(places)
        places += [start + 1 + at for at in positions]
        count = len(places) - count
        starts += [start] * count
        ends += [len(ids)] * count
        owners += [n] * count
    if not places:
        return None
    flat = np.array(ids, dtype=np.int64)
    judged = Places(flat, model.word_classes(flat), *map(np.array, (places, starts, ends)))
    here, before, after = judged.ids, judged.word(-1), judged.word(1)
    fresh = model.trigrams.lookup((before * size + here) * size + after) < SEEN_CONTEXT
    lookalikes = model.lookalikes(here)
    # Only a look-alike news has seen more often beside a neighbour can fit better; the rest
    # (most look-alikes of most words) are not scored. Asking the books too found no more
    # slips on the development set and cost a third of the time.
    doubtful = fresh & (lookalikes[:, 0] >= 0)
    owner, column = np.nonzero((lookalikes >= 0) & doubtful[:, None])
    alt = lookalikes[owner, column]
    # the written word's pairs once per place, not once per look-alike
    asked = np.flatnonzero(doubtful)
    pairs = bigrams.lookup(
        np.concatenate(
            (
                (before * size + here)[asked],
                (here * size + after)[asked],
                before[owner] * size + alt,
                alt * size + after[owner],
            )
        )
    )
    written_pairs = np.zeros((2, len(here)), dtype=np.int64)
    written_pairs[:, asked] = pairs[: 2 * len(asked)].reshape(2, -1)
    seen_left, seen_right = written_pairs[:, owner]
    pair_left, pair_right = pairs[2 * len(asked) :].reshape(2, -1)
    # But where news never saw the written word beside either neighbour ("paying there
    # federal"), its pairs tell nothing, and the books and word classes must decide.
    better_left, better_right = pair_left > seen_left, pair_right > seen_right
    weighed = better_left | better_right | ((seen_left == 0) & (seen_right == 0))
    if topical:
        subject = np.array([padded[at] in topical for at in places], dtype=bool)[owner]
        weighed = np.where(subject, better_left & better_right, weighed)
    # A look-alike the grammar of the clause rules out is no rival, whatever its statistics.
    asked_grammar = may_rule_out(model, before[owner], here[owner], after[owner], alt)
    for n in np.flatnonzero(weighed & asked_grammar).tolist():
        weighed[n] = not ruled_out(padded, places[owner[n]], vocab[alt[n]], model)
    rivals = np.flatnonzero(weighed)
    if not len(rivals):
        return None
    alt, owner = alt[rivals], owner[rivals]
    pair_left, pair_right = pair_left[rivals], pair_right[rivals]
    seen_left, seen_right = seen_left[rivals], seen_right[rivals]
    # The look-alikes and the written words are scored in one pass: first the look-alikes,
    # then the written word of each place, once however many look-alikes it has.
    place, row = np.unique(owner, return_inverse=True)
    both = judged.subset(np.concatenate((owner, place)))
    both_row = np.concatenate((row, np.arange(len(place))))  # the index in place of each
    x = np.concatenate((alt, here[place]))
    seen_x = model.unigrams[x]
    half = len(owner)

    def gain(terms: Iterable[np.ndarray]) -> list[np.ndarray]:
        return [term[:half] - term[half:][row] for term in terms]

    beside = np.concatenate((np.stack((pair_left, pair_right)), written_pairs[:, place]), 1)
    news = gain(model.window_terms(both, x, (beside[0], beside[1])))
    contexts = gain(model.contexts.terms(both, x, seen_x))
    skips = gain(model.skips.terms(both, x, seen_x, model.unigrams, model.total))
    is_name = np.zeros(len(flat), dtype=bool)
    is_name[named] = True
    name_gains = gain(model.name_terms(x, is_name[both.at - 1], is_name[both.at + 1]))
    (near,) = gain([model.near.terms(flat, both.at, x, model.unigrams, model.total)])
    # The books' evidence, like the rest, once per look-alike and once per place.
    book_ids = _book_ids(model, books)
    place_at = both.at[half:]
    left = book_ids.neighbours(flat, place_at - 1, padded)
    right = book_ids.neighbours(flat, place_at + 1, padded)
    (books_gain,) = gain([books.scores(left[both_row], book_ids.parts(x), right[both_row])])
    books_known = ~np.isnan(books_gain)
    written = [padded[at] for at in both.at[:half].tolist()]
    others = [vocab[a] for a in alt.tolist()]
    seen = np.log(seen_x[half:][row] + 1)
    features = np.column_stack(
        (
            news[0] + news[1] + news[2],
            *news,
            np.where(books_known, books_gain, 0.0),
            books_known,
            *contexts,
            np.log(seen_x[:half] + 1) - seen,
            seen,
            (seen_left == 0) & (seen_right == 0),
            (pair_left > 0) & (pair_right > 0),
            np.log(pair_left + 1) - np.log(seen_left + 1),
            np.log(pair_right + 1) - np.log(seen_right + 1),
            *skips,
            *name_gains,
            near,
        )
    )
    rows = owner.tolist()
    return Evidence(
        [owners[row] for row in rows],
        [places[row] - starts[row] - 1 for row in rows],
        written,
        others,
        features,
    )


CHUNK_WORDS = 20_000
"""How many words of sentences (tens of articles' worth) :func:`likely_slips` judges at once: the
arrays of a place take some 700 bytes a word, so an 8 MB article's 1.4 million words judged in
one call held a gigabyte, where in parts they hold some tens of megabytes, and the numpy calls
of each part are still few against its words."""


def likely_slips(
    model: NgramModel,
    books: PairCounts,
    sentences: Iterable[Judged],
    weights: SlipWeights,
    margin: float = 0.0,
    topical: frozenset[str] = frozenset(),
) -> dict[tuple[int, int], list[str]]:
    """The look-alikes of the places of ``sentences`` that pass their thresholds (see
    :meth:`Evidence.likely`), by place: (index of the sentence, index in the sentence). The
    sentences are read as they come and judged :data:`CHUNK_WORDS` words at a time, in whole
    sentences, with the same rows and findings as all at once.

    :param topical: The words of the article's subject (see :func:`topic_words`).
    """
    found: dict[tuple[int, int], list[str]] = {}
    chunk: list[Judged] = []
    first = words = 0

    def judge() -> None:
        evidence = slip_candidates(model, books, chunk, topical)
        if evidence is not None:
            for (n, at), alternatives in evidence.likely(weights, margin, topical).items():
                found[first + n, at] = alternatives

    for sentence in sentences:
        chunk.append(sentence)
        words += len(sentence[0])
        if words >= CHUNK_WORDS:
            judge()
            first, words = first + len(chunk), 0
            chunk = []
    if chunk:
        judge()
    return found


NAME_COLLOCATION = 50
"""How often news must have used a look-alike beside the next word of a name ("United
Nations") for the name as written, never seen ("Untied Nations"), to be a slip: only the
names news repeats (the United States, the White House, the Prime Minister) are judged, as a
name news never met ("White Horse Temple") is no evidence of anything."""
NAME_SHARE = 0.25
"""The share of its uses a look-alike must have stood beside a name, on the side the name
goes on, to be the word meant in one: "United" has "States", "Nations" after it nearly
always, "right" rarely anything capitalised ("Equal Rights Now" is no slip for "right now")."""
RARE_IN_NAMES = 50
"""A name as written that news saw, but this many times less often than with the look-alike,
is a slip news made too ("Prime Minster": 13 times, against 1,296), unless the two differ by
an ending, which names take ("Prime Ministers")."""
_NOT_IN_NAMES = frozenset("the a an of and in for on to at by with from as or".split())
"""Capitalised words that join names but tell nothing of the name ("The Onion")."""


def name_slips(
    model: NgramModel, sentences: Iterable[tuple[Sequence[str], Sequence[int], Sequence[int]]]
) -> list[tuple[int, int, str]]:
    """The slips in names: a capitalised word of a name that news never saw beside a word next
    to it in the name (or :data:`RARE_IN_NAMES` times less often), where a look-alike that
    mostly stands in names (:data:`NAME_SHARE`) was seen there :data:`NAME_COLLOCATION` times
    or more ("Untied Nations", "Prime Minster", "Whit House"). A word news does not know has
    the words one edit from it for look-alikes ("Prime Mininster"). A pair the article writes
    twice or more is a name of its own ("White Horse Temple"), not a slip.

    :param sentences: Each sentence's words (see :func:`newslint.ngram.sentence_words`), the
        indexes of its capitalised words after the first (see
        :func:`newslint.ngram.name_places`), and of those the ones written as a word is
        ("Minster", not "NASA" or "McCain"), which are judged. Each is read once, in order,
        and all are read; none is kept but the words asked about.
    :returns: Each slip as (index of the sentence, index of the word, the look-alike meant).
    """
    index, vocab = model.index, model.vocab
    partners = _collocations(model)
    asked = []  # sentence, place, word, neighbour's id, side, the neighbour's partners
    for n, (words, names, judged) in enumerate(sentences):
        capitalised = set(names)
        for at in judged:
            for side in (-1, 1):
                near = at + side
                if near not in capitalised or words[near] in _NOT_IN_NAMES:
                    continue
                neighbour = index.get(words[near], 0)  # 0: a word news does not know
                found = partners[side < 0].get(neighbour) if neighbour else None
                if found:
                    asked.append((n, at, words[at], neighbour, side, found))
    if not asked:
        return []
    written = Counter((word, neighbour, side) for _, _, word, neighbour, side, _ in asked)
    own = np.array([index.get(row[2], 0) for row in asked])
    neighbours = np.array([row[3] for row in asked])
    after = np.array([row[4] > 0 for row in asked])
    pairs = np.where(after, own * model.size + neighbours, neighbours * model.size + own)
    seen_all = np.where(own > 0, model.bigrams.lookup(pairs), 0).tolist()
    alike_all = model.lookalikes(own).tolist()
    slips: dict[tuple[int, int], str] = {}
    for (n, at, word, neighbour, side, found), known, seen, alike in zip(
        asked, own.tolist(), seen_all, alike_all, strict=True
    ):
        if written[word, neighbour, side] > 1 or (n, at) in slips:
            continue
        meant = [
            (count, vocab[other])
            for other, count in found
            if (other in alike if known else one_edit_apart(word, vocab[other]))
            and ascii_fold(vocab[other]) != ascii_fold(word)  # "Sao Paulo" for "São Paulo"
            and (not seen or (seen * RARE_IN_NAMES <= count and _kind(word, vocab[other]) != OTHER))
        ]
        if meant:
            slips[n, at] = max(meant)[1]
    return [(sentence, place, alt) for (sentence, place), alt in sorted(slips.items())]


@cache
def _collocations(model: NgramModel) -> tuple[dict[int, list[tuple[int, int]]], ...]:
    """For each word id, the words news used :data:`NAME_COLLOCATION` times or more just
    before it that stand before a name :data:`NAME_SHARE` of the time or more, and those just
    after it that stand after one so, with their counts: the words of names it makes."""
    size, unigrams = model.size, model.unigrams
    token = np.zeros(size, dtype=bool)  # punctuation, numbers, sentence ends: no words
    token[[model.index[t] for t in (UNK, BOS, EOS, NUM, PUNCT) if t in model.index]] = True
    strong = model.bigrams.counts >= NAME_COLLOCATION
    first, second = np.divmod(model.bigrams.keys[strong], size)
    counts = model.bigrams.counts[strong]
    before: dict[int, list[tuple[int, int]]] = {}
    after: dict[int, list[tuple[int, int]]] = {}
    for word, near, table, named in (
        (first, second, before, model.names_after),
        (second, first, after, model.names_before),
    ):
        namely = (named[word] >= NAME_SHARE * unigrams[word]) & ~token[word]
        for w, n, count in zip(
            word[namely].tolist(), near[namely].tolist(), counts[namely].tolist(), strict=True
        ):
            table.setdefault(n, []).append((w, count))
    return before, after


@cache
def _kind(word: str, other: str) -> str:
    return confusion_kind(word, other, _homophones())


@dataclass(frozen=True)
class SlipWeights:
    """SP102's decision: a logistic model of the odds that a look-alike was the word meant,
    over its :data:`FEATURES`, with a bias and weights of the news, book and class-context
    evidence of its own for each kind of confusion. ``tools/train_sp102.py`` fits it on slips
    put into news articles the statistics never saw and writes it to ``data/spelling/sp102.json``
    with the thresholds that keep false alarms on those articles within a budget.

    A pair of the commonly-confused list (their/there, from/form) has a threshold of its own:
    the contexts of some tell the two words apart almost always (their/there), of others
    seldom (now/not), so one threshold for all would spend the false alarms on the second kind
    and miss slips of the first."""

    bias: Mapping[str, float]
    """The log odds each kind of confusion starts from."""
    weights: tuple[float, ...]
    """One weight per feature of :data:`FEATURES`."""
    by_kind: Mapping[str, tuple[float, float, float]]
    """Each kind's own weights of the news, book and (summed) class-context evidence."""
    threshold: float
    """The log odds above which a look-alike is reported, unless its pair is listed."""
    listed_threshold: float
    """The threshold of a listed pair (see :data:`newslint.confusables.LISTED`) not in
    :attr:`pair_thresholds`: one that drew few false alarms even at this lower threshold."""
    pair_thresholds: Mapping[tuple[str, str], float]
    """The thresholds of the listed pairs, as (written word, look-alike), that drew more."""
    unseen_offset: float
    """How much lower :attr:`threshold` is for a look-alike of a written word the news model
    knows but never saw ("pubic", "untied": real words of the dictionary): a slip makes such
    a word far more often than a writer means it, and on the held-out articles the same false
    alarms found more slips there than anywhere else. Listed pairs keep their own."""
    topical_margin: float
    """How much higher every threshold is where the written word is one of the article's
    subject (see :func:`topic_words`): a story that says "passed" three times is about
    something passed, yet "in the passed." is still a slip for "past"."""

    def thresholds(
        self,
        kinds: Sequence[str],
        written: Sequence[str],
        others: Sequence[str],
        features: np.ndarray,
        topical: np.ndarray | None = None,
    ) -> np.ndarray:
        """The threshold of each look-alike in ``others``, of the kind, the written word and the
        :data:`FEATURES` at the same place in ``kinds``, ``written`` and ``features``;
        ``topical`` tells, where given, whether each written word is one of the article's
        subject."""
        pairs, listed = self.pair_thresholds, self.listed_threshold
        unseen = features[:, _WRITTEN_FREQUENCY] == 0  # log(count + 1): never seen
        found = np.array(
            [
                pairs.get((word, other), listed)
                if kind in LISTED
                else self.threshold - self.unseen_offset * never
                for kind, word, other, never in zip(
                    kinds, written, others, unseen.tolist(), strict=True
                )
            ]
        )
        return found if topical is None else found + self.topical_margin * topical

    def scores(self, kinds: Sequence[str], features: np.ndarray) -> np.ndarray:
        """The log odds (up to the model's fit) that each row of ``features``, of the kind at
        the same place in ``kinds``, describes the word meant. The terms are added in one fixed
        order, so a row scores the same to the last bit whatever the other rows are."""
        rows, table = self._kind_table
        # each row's kind as an index into the table: one lookup per row, no array per row
        bias, news, books, classes = table[
            np.fromiter(map(rows.__getitem__, kinds), dtype=np.intp, count=len(kinds))
        ].T
        total = np.zeros(len(kinds))
        for column, weight in enumerate(self.weights):
            total = total + weight * features[:, column]
        return (
            bias
            + total
            + news * features[:, 0]
            + books * features[:, 4]
            + classes * (features[:, 6] + features[:, 7] + features[:, 8])
        )

    @cached_property
    def _kind_table(self) -> tuple[dict[str, int], np.ndarray]:
        """Each kind's row, and the rows: its bias and its weights of the news, book and
        class-context evidence."""
        kinds = sorted(self.bias)
        table = np.array([(self.bias[k], *self.by_kind[k]) for k in kinds], dtype=np.float64)
        return {kind: n for n, kind in enumerate(kinds)}, table.reshape(-1, 4)

    @classmethod
    def load(cls, path: Path) -> SlipWeights:
        """Read the weights ``tools/train_sp102.py`` wrote; ``ValueError`` when they are for
        other features than this version computes."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: weights for other features than SP102 computes")
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SlipWeights:
        """The weights as ``data/spelling/sp102.json`` holds them."""
        pairs = {}
        for pair, threshold in data["pair_thresholds"].items():
            word, _, other = pair.partition(" ")
            pairs[word, other] = threshold
        return cls(
            data["bias"],
            tuple(data["weights"][name] for name in FEATURES),
            {kind: (w["news"], w["books"], w["classes"]) for kind, w in data["by_kind"].items()},
            data["threshold"],
            data["listed_threshold"],
            pairs,
            data["unseen_offset"],
            data["topical_margin"],
        )


@cache
def slip_weights() -> SlipWeights:
    """The shipped SP102 weights, read once per process."""
    return SlipWeights.load(data_path("sp102.json"))
