"""A compact word n-gram model of news text, for judging which of two words fits a context.

The model holds unigram, bigram and trigram counts of lower-cased words, learned from news
articles (:mod:`newslint.train` builds it), and each frequent word's *confusion set*: the real
words it is easily typed or heard as (:mod:`newslint.confusables`). Scores are stupid-backoff
log probabilities (Brants et al. 2007), which need no normalisation and work well with pruned
counts.

A trigram model of 1.6 million words has seen few of the contexts a slip lands in ("abortions
where only allowed"), so the model also keeps *class contexts* (:class:`ClassContexts`): for each
confusable word, how often it stood after and before each pair of word classes, where the
commonest words are classes of their own and the rest are grouped by their ending ("were" +
adverb + past participle is common, "where" + adverb + past participle is not). They are
worked out from the trigram counts, so a model trained on a newsroom's archive has them too.
Lower-casing hides names, so the model also counts, for each word, how often a name (a
capitalised word inside a sentence) stood just before it and just after it: "from Sydney" is
common, "form Sydney" is not. And as the n-grams see only a word or two either side, it
counts the pairs of words that stood three to six words apart in one sentence
(:class:`NearPairs`): "impeachment" and "court" go with "trial", not "trail".

The file is one binary blob: a magic line, a JSON header, then arrays, zlib-compressed unless
the header says otherwise (the shipped model is not: it loads in a few milliseconds, and the
wheel compresses it anyway). N-grams are stored as sorted integer keys (word ids packed base
``V``) with parallel count arrays, and held that way in memory (:class:`CountTable`): loading
builds no million-entry dict, and a rule looks up all the n-grams of an article in one call.
"""

from __future__ import annotations

import json
import math
import mmap
import re
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from newslint.atomic import write_atomic
from newslint.lexicon import data_path

_DIGIT = re.compile(r"\d")
BOS, EOS, UNK, NUM = "<s>", "</s>", "<unk>", "<num>"
"""Special tokens: sentence start and end, a word outside the vocabulary, any number."""
Part = bytes | memoryview
"""A stored array: bytes, or a view into a loaded file that was not compressed."""

MAGIC = b"NEWSLINT-NGRAM 6\n"
MAX_WORDS = 2**21 - 1
"""The most words a model holds: a trigram's key packs three word ids into 63 bits."""
LOOKALIKES = 6
"""How many of a word's look-alikes, the commonest first, are judged. A slip nearly always
makes a common word out of a common word, so the intended word is among the first few
("site" for "sight" is the fifth of ten); the rest cost time and only add false alarms."""
NAME_PRIOR = 20.0
"""How many made-up sightings, beside names as often as words in general are, each word gets
when its rate of standing beside a name is worked out."""
BACKOFF = math.log(0.4)
"""The stupid-backoff penalty for falling back to a shorter n-gram."""


PUNCT = ","
"""The token that stands for punctuation between two words, so contexts do not run across it."""
_NOT_NEAR = frozenset({BOS, EOS, PUNCT})
"""Tokens that pair with no word in :class:`NearPairs`."""
_BREAK = re.compile(r'[,;:()\[\]"\u201c\u201d\u2014\u2013]')
"""Punctuation that separates two words."""
_NUMBER = re.compile(r"[^\x00]*\d[^\x00]*")
"""A token with a digit in it, in tokens joined by NUL."""


def sentence_words(text: str, tokens: Sequence[tuple[int, str]]) -> tuple[list[str], list[int]]:
    """A sentence as the model sees it: each token normalised, with :data:`PUNCT` where
    punctuation separates two tokens ("So, too, there" is ``so , too , there``).

    :param text: The sentence's text.
    :param tokens: Each token's offset in ``text`` and its text, in order.
    :returns: The words, and the index in them of each token.
    """
    if not tokens:
        return [], []
    # This runs for every word of every article, so it works on whole sentences: one lower()
    # and one split for all the tokens, and a look at each punctuation mark, not each gap.
    starts, texts = zip(*tokens, strict=True)
    joined = "\0".join(texts).lower().replace("\u2019", "'")
    if _DIGIT.search(joined):
        joined = _NUMBER.sub(NUM, joined)
    words = joined.split("\0")
    cuts: list[int] = []  # the tokens with punctuation between them and the one before
    for mark in _BREAK.finditer(text):
        at = mark.start()
        after = bisect_left(starts, at)
        if 0 < after < len(starts) and at >= starts[after - 1] + len(texts[after - 1]):
            if not cuts or cuts[-1] != after:
                cuts.append(after)
    if not cuts:
        return words, list(range(len(words)))
    out: list[str] = []
    where: list[int] = []
    done = 0
    for cut in cuts:
        where += range(len(out), len(out) + cut - done)
        out += words[done:cut]
        out.append(PUNCT)
        done = cut
    where += range(len(out), len(out) + len(words) - done)
    out += words[done:]
    return out, where


def name_places(texts: Sequence[str], where: Sequence[int]) -> list[int]:
    """The names inside a sentence: the index, in the words :func:`sentence_words` gives, of
    each token after the first that starts with a capital letter ("Sydney" in "a boy from
    Sydney").

    :param texts: The sentence's tokens, as given to :func:`sentence_words`.
    :param where: The index in the words of each token, as :func:`sentence_words` returns it.
    """
    return [at for text, at in zip(texts[1:], where[1:], strict=True) if text[:1].isupper()]


def normalize(token: str) -> str:
    """The model's form of a token: lower case, straight apostrophes, numbers folded to one."""
    if token.isalpha():
        return token.lower()
    if _DIGIT.search(token):
        return NUM
    return token.lower().replace("\u2019", "'")


class CountTable:
    """Counts keyed by packed integer ids, as a sorted key array and a parallel count array.

    A rule asks for the counts of every n-gram of an article at once (:meth:`lookup`): one
    binary search in C per key, where a dict would need a Python call per key and a second
    or so to build from the file for every process.
    """

    def __init__(self, keys: np.ndarray, counts: np.ndarray) -> None:
        self.keys = keys.astype(np.int64, copy=False)
        """The keys, ascending."""
        self.counts = counts.astype(np.int64, copy=False)
        """Each key's count."""

    @classmethod
    def from_counts(cls, counts: Mapping[int, int], min_count: int = 1) -> CountTable:
        """The entries of ``counts`` seen at least ``min_count`` times."""
        keys = np.fromiter((k for k, n in counts.items() if n >= min_count), dtype=np.int64)
        keys.sort()
        return cls(keys, np.fromiter((counts[k] for k in keys.tolist()), np.int64, len(keys)))

    def __len__(self) -> int:
        return len(self.keys)

    def total(self) -> int:
        """The sum of all counts."""
        return int(self.counts.sum())

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The count of each of ``keys`` (0 for a key not in the table)."""
        if not len(self.keys):
            return np.zeros(len(keys), dtype=np.int64)
        # Searching in key order walks the table forwards, which the memory caches reward:
        # a rule's lookups are a few thousand keys in tables of megabytes.
        # (the array methods, not the numpy functions that wrap them: an article makes a dozen
        # lookups, and on a short one the wrappers cost more than the searches)
        order = keys.argsort()
        wanted = keys[order]
        at = self.keys.searchsorted(wanted)
        found = np.empty(len(keys), dtype=np.int64)
        found[order] = np.where(
            self.keys.take(at, mode="clip") == wanted, self.counts.take(at, mode="clip"), 0
        )
        return found

    def get(self, key: int) -> int:
        """The count of one key (0 when absent)."""
        return int(self.lookup(np.array([key], dtype=np.int64))[0])

    def items(self) -> Iterable[tuple[int, int]]:
        """The keys and their counts, as Python ints."""
        return zip(self.keys.tolist(), self.counts.tolist(), strict=True)

    def to_parts(self, count_bytes: int = 4) -> list[bytes]:
        """The table as two file parts: the keys as gaps (which zlib squeezes far better than
        the keys themselves) and the counts, each ``count_bytes`` long, little-endian."""
        gaps = np.diff(self.keys, prepend=0).astype("<u8")
        return [gaps.tobytes(), self.counts.astype(f"<u{count_bytes}").tobytes()]

    @classmethod
    def from_parts(
        cls, gaps: Part, counts: Part, byteorder: str = "little", count_bytes: int = 4
    ) -> CountTable:
        """Read what :meth:`to_parts` wrote (files from older versions are in the byte order
        of the machine that wrote them, ``byteorder``)."""
        end = "<" if byteorder == "little" else ">"
        keys = np.cumsum(np.frombuffer(gaps, dtype=f"{end}u8").astype(np.int64))
        return cls(keys, np.frombuffer(counts, dtype=f"{end}u{count_bytes}"))


class Inherited:
    """What a model hands on to training on top of it (:meth:`NgramModel.to_counts`): its
    n-grams as it kept them, and the class contexts and skip pairs it had worked out from them
    before they were pruned, which the kept ones would give a good part short. The tables are
    keyed by words and class names (:meth:`ClassContexts.class_name`): the new model's word ids
    and classes may differ."""

    TABLES = ("left", "middle", "right", "pairs", "gaps", "skip_before", "skip_after")

    def __init__(self) -> None:
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        self.tables: dict[str, Counter[tuple[str, ...]]] = {t: Counter() for t in self.TABLES}

    def update(self, other: Inherited) -> None:
        """Add another model's."""
        self.bigrams.update(other.bigrams)
        self.trigrams.update(other.trigrams)
        for name in self.TABLES:
            self.tables[name].update(other.tables[name])


class NgramCounts:
    """Counts gathered while training; turned into an :class:`NgramModel` by :meth:`to_model`."""

    def __init__(self) -> None:
        self.unigrams: Counter[str] = Counter()
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        self.names_before: Counter[str] = Counter()
        """How often each word had a name just before it."""
        self.names_after: Counter[str] = Counter()
        """How often each word had a name just after it."""
        self.near: Counter[tuple[str, str]] = Counter()
        """How often two words stood :data:`NEAR` apart in one sentence, either first (each
        pair in alphabetical order)."""
        self.inherited = Inherited()
        """What a model these counts were taken from (:meth:`NgramModel.to_counts`) had worked
        out from its n-grams before they were pruned."""

    def add_sentence(self, tokens: Sequence[str], names: Iterable[int] = ()) -> None:
        """Count one sentence's words (see :func:`sentence_words`; they are normalised here)
        and the words beside its ``names`` (indexes into ``tokens``, see :func:`name_places`)."""
        words = [BOS, *(normalize(t) for t in tokens), EOS]
        self.unigrams.update(words)
        self.bigrams.update(pairwise(words))
        self.trigrams.update(zip(words, words[1:], words[2:], strict=False))
        for at in names:  # words[at + 1] is the name itself: words starts with <s>
            self.names_after[words[at]] += 1
            self.names_before[words[at + 2]] += 1
        self.near.update(near_pairs(words))

    def update(self, other: NgramCounts) -> None:
        """Add another set of counts to these."""
        self.unigrams.update(other.unigrams)
        self.bigrams.update(other.bigrams)
        self.trigrams.update(other.trigrams)
        self.names_before.update(other.names_before)
        self.names_after.update(other.names_after)
        self.near.update(other.near)
        self.inherited.update(other.inherited)

    def to_model(
        self,
        min_count: int = 2,
        confusables: dict[str, list[str]] | None = None,
        meta: dict[str, object] | None = None,
    ) -> NgramModel:
        """Prune words and n-grams seen fewer than ``min_count`` times and pack the rest."""
        specials = [UNK, BOS, EOS, NUM]
        # Words with a confusion set stay however rare: the rule must find their look-alikes.
        kept = {w for w, c in self.unigrams.items() if c >= min_count} | set(confusables or ())
        words = sorted(kept - set(specials))
        vocab = specials + words
        index = {w: i for i, w in enumerate(vocab)}
        size = len(vocab)
        if size > MAX_WORDS:
            raise ValueError(f"{size:,} different words are more than a model holds "
                             f"({MAX_WORDS:,}); raise --min-count")
        uni = np.zeros(size, dtype=np.int64)
        for w, c in self.unigrams.items():
            uni[index.get(w, 0)] += c
        names = np.zeros((2, size), dtype=np.int64)
        for row, counts in enumerate((self.names_before, self.names_after)):
            for w, c in counts.items():
                names[row, index.get(w, 0)] += c

        def ids(gram: tuple[str, ...]) -> int:
            key = 0
            for w in gram:
                key = key * size + index.get(w, 0)
            return key

        # the class contexts and skip pairs are worked out from the n-grams counted here, not
        # from those a model was pruned to: its own tables have them whole
        inherited = self.inherited
        bi: Counter[int] = Counter()
        own_bi: Counter[int] = Counter()
        for pair, c in self.bigrams.items():
            bi[ids(pair)] += c
            own_bi[ids(pair)] += c - inherited.bigrams[pair]
        tri: Counter[int] = Counter()
        own_tri: Counter[int] = Counter()
        for triple, c in self.trigrams.items():
            tri[ids(triple)] += c
            own_tri[ids(triple)] += c - inherited.trigrams[triple]
        judged = {
            index[w]
            for word, alts in (confusables or {}).items()
            for w in (word, *alts)
            if w in index
        }
        near: Counter[int] = Counter()
        for (a, b), c in self.near.items():
            if a in index and b in index:  # a word pruned is no evidence
                first, second = sorted((index[a], index[b]))
                near[first * size + second] += c
        return NgramModel(
            vocab,
            uni,
            CountTable.from_counts(bi, min_count),
            CountTable.from_counts(tri, min_count),
            confusables or {},
            dict(meta or {}),
            ClassContexts.count(vocab, uni, +own_tri, +own_bi, judged, min_count, inherited),
            SkipPairs.count(vocab, +own_tri, judged, min_count, inherited),
            names=(names[0], names[1]),
            near=NearPairs(size, CountTable.from_counts(near, min_count)),
        )


CLASS_WORDS = 250
"""How many of the commonest words are classes of their own (the function words, mostly)."""
ENDINGS = (
    "ing", "ed", "ly", "tion", "sion", "ness", "ment", "ity", "ies", "ers", "s", "er", "al",
    "ive", "ous", "able", "ful", "est", "ic", "ist", "ism",
)  # fmt: skip
"""Endings that group the other words into rough parts of speech, tried in this order."""
CLASS_PRIOR = 3.0
"""How many made-up sightings of a context, spread as contexts fall in general, each word gets:
a word seen a few times is judged mostly by what is usual, one seen thousands of times by what
it does."""


class ClassContexts:
    """How often each confusable word stood in each context of word classes.

    For the word ``x`` at a place of a sentence, three contexts are kept: the classes of the
    two words before it, of the word before and the word after, and of the two after. Each
    is scored as P(context | x), smoothed towards how often the context occurs at all, so
    two words can be compared by how well each fits the same place.
    """

    def __init__(self, class_words: list[str], vocab_size: int, tables: list[CountTable]) -> None:
        self.class_words = class_words
        self._own = {w: i for i, w in enumerate(class_words)}
        base = len(class_words)
        self._special = {BOS: base, EOS: base + 1, PUNCT: base + 2, NUM: base + 3}
        self._first_ending = base + 4
        self.size = self._first_ending + len(ENDINGS) + 1
        """The number of classes."""
        self.vocab_size = vocab_size
        self.left, self.middle, self.right, self.pairs, self.gaps = tables
        # Stored as a share of all pairs (gaps), times the prior, ready to add to a count.
        self._pair_weight = CLASS_PRIOR / max(self.pairs.total(), 1)
        self._gap_weight = CLASS_PRIOR / max(self.gaps.total(), 1)
        self._classes: dict[str, int] = {}

    def word_class(self, word: str) -> int:
        """The class of a normalised word (see :func:`normalize`)."""
        found = self._classes.get(word)
        if found is None:
            found = self._own.get(word)
            if found is None:
                found = self._special.get(word)
            if found is None:
                found = self._first_ending + next(
                    (
                        i
                        for i, e in enumerate(ENDINGS)
                        if word.endswith(e) and len(word) > len(e) + 2
                    ),
                    len(ENDINGS),
                )
            self._classes[word] = found
        return found

    def class_name(self, number: int) -> str:
        """A class by a name that holds in any model: its word, its special token, or NUL and
        its ending (NUL alone for the words of no listed ending)."""
        if number < len(self.class_words):
            return self.class_words[number]
        for token, special in self._special.items():
            if special == number:
                return token
        ending = number - self._first_ending
        return "\0" + (ENDINGS[ending] if ending < len(ENDINGS) else "")

    def class_of(self, name: str) -> int:
        """The class a :meth:`class_name` (of this model or another) names in this model."""
        if name.startswith("\0"):
            ending = name[1:]
            return self._first_ending + (ENDINGS.index(ending) if ending else len(ENDINGS))
        return self.word_class(name)

    def named(self, vocab: list[str]) -> dict[str, Counter[tuple[str, ...]]]:
        """The tables keyed by words and class names, as :class:`Inherited` holds them."""
        size, vocab_size, name = self.size, self.vocab_size, self.class_name
        out: dict[str, Counter[tuple[str, ...]]] = {}
        left = out["left"] = Counter()
        for key, n in self.left.items():
            pair, word = divmod(key, vocab_size)
            left[name(pair // size), name(pair % size), vocab[word]] += n
        middle = out["middle"] = Counter()
        for key, n in self.middle.items():
            rest, after = divmod(key, size)
            before, word = divmod(rest, vocab_size)
            middle[name(before), vocab[word], name(after)] += n
        right = out["right"] = Counter()
        for key, n in self.right.items():
            rest, second = divmod(key, size)
            word, first = divmod(rest, size)
            right[vocab[word], name(first), name(second)] += n
        for table, counts in (("pairs", self.pairs), ("gaps", self.gaps)):
            named = out[table] = Counter()
            for key, n in counts.items():
                named[name(key // size), name(key % size)] += n
        return out

    def terms(
        self, places: Places, x: np.ndarray, seen: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Log P(context | word) of the words with ids ``x`` (seen ``seen`` times) put at
        ``places``, for the context before them, around them and after them, up to terms that
        do not depend on the word. A context that runs past the sentence's ends scores 0, the
        same for every word compared."""
        size, vocab, pairs = self.size, self.vocab_size, self.pairs
        norm = np.log(seen + CLASS_PRIOR)
        before, after = places.classes(-1), places.classes(1)
        gap = self.gaps.lookup(before * size + after) * self._gap_weight
        middle = np.log(self.middle.lookup((before * vocab + x) * size + after) + gap + 1e-9)
        pair_before = places.classes(-2) * size + before
        pair_after = after * size + places.classes(2)
        shares = pairs.lookup(np.concatenate((pair_before, pair_after))) * self._pair_weight
        share_before, share_after = shares.reshape(2, -1)
        left = np.log(self.left.lookup(pair_before * vocab + x) + share_before + 1e-9)
        right = np.log(self.right.lookup(x * size * size + pair_after) + share_after + 1e-9)
        return (
            np.where(places.two_before, left - norm, 0.0),
            middle - norm,
            np.where(places.two_after, right - norm, 0.0),
        )

    @classmethod
    def count(
        cls,
        vocab: list[str],
        unigrams: np.ndarray,
        trigrams: Counter[int],
        bigrams: Counter[int],
        judged: set[int],
        min_count: int,
        inherited: Inherited | None = None,
    ) -> ClassContexts:
        """Work the class contexts of the ``judged`` word ids out from packed n-gram counts
        (keys as :meth:`NgramCounts.to_model` packs them), add the ``inherited`` ones, and
        keep those seen ``min_count`` times or more."""
        seen = unigrams.tolist()
        common = sorted(
            (i for i, w in enumerate(vocab) if w.replace("'", "").isalpha()),
            key=lambda i: (-seen[i], vocab[i]),
        )
        empty = CountTable.from_counts({})
        contexts = cls([vocab[i] for i in common[:CLASS_WORDS]], len(vocab), [empty] * 5)
        classes = [contexts.word_class(w) for w in vocab]
        size, vocab_size = contexts.size, len(vocab)
        left: Counter[int] = Counter()
        middle: Counter[int] = Counter()
        right: Counter[int] = Counter()
        gaps: Counter[int] = Counter()
        for key, n in trigrams.items():
            a, rest = divmod(key, vocab_size * vocab_size)
            b, c = divmod(rest, vocab_size)
            ca, cb, cc = classes[a], classes[b], classes[c]
            gaps[ca * size + cc] += n
            if c in judged:
                left[(ca * size + cb) * vocab_size + c] += n
            if b in judged:
                middle[(ca * vocab_size + b) * size + cc] += n
            if a in judged:
                right[(a * size + cb) * size + cc] += n
        pairs: Counter[int] = Counter()
        for key, n in bigrams.items():
            a, b = divmod(key, vocab_size)
            pairs[classes[a] * size + classes[b]] += n
        if inherited is not None:
            index = {w: i for i, w in enumerate(vocab)}
            of, named = contexts.class_of, inherited.tables
            for (x, y, w), n in named["left"].items():
                if w in index:
                    left[(of(x) * size + of(y)) * vocab_size + index[w]] += n
            for (x, w, z), n in named["middle"].items():
                if w in index:
                    middle[(of(x) * vocab_size + index[w]) * size + of(z)] += n
            for (w, y, z), n in named["right"].items():
                if w in index:
                    right[(index[w] * size + of(y)) * size + of(z)] += n
            for table, counts in (("pairs", pairs), ("gaps", gaps)):
                for (x, z), n in named[table].items():
                    counts[of(x) * size + of(z)] += n
        tables = [
            CountTable.from_counts(table, min_count) for table in (left, middle, right, pairs, gaps)
        ]
        return cls(contexts.class_words, vocab_size, tables)

    def to_parts(self) -> list[bytes]:
        """The class words and the tables, as :meth:`NgramModel.save` writes them."""
        tables = (self.left, self.middle, self.right, self.pairs, self.gaps)
        return ["\n".join(self.class_words).encode(), *_table_parts(*tables)]

    @classmethod
    def from_parts(cls, parts: Sequence[Part], vocab_size: int, byteorder: str) -> ClassContexts:
        """Read what :meth:`to_parts` wrote."""
        tables = _read_tables(parts[1:], byteorder)
        return cls(str(parts[0], "utf-8").split("\n"), vocab_size, tables)


class Places:
    """Places in the sentences of a document, where words are put to be compared: the
    sentences' word ids (and word classes) one after another, each sentence between its
    ``<s>`` and ``</s>``, and the index of each place in them."""

    def __init__(
        self,
        ids: np.ndarray,
        classes: np.ndarray,
        at: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
    ) -> None:
        """
        :param ids: The word ids of the sentences.
        :param classes: The class of each of those words (see :class:`ClassContexts`).
        :param at: Each place's index in ``ids``.
        :param starts: The index of the ``<s>`` of each place's sentence.
        :param ends: The index just past the ``</s>`` of each place's sentence.
        """
        self._ids, self._classes = ids, classes
        self.at = at
        """Each place's index in the ids."""
        self.two_before = at - starts >= 2
        """Whether a word (not ``<s>``) stands two places before."""
        self.two_after = at + 2 < ends
        """Whether a word (not ``</s>``) stands two places after."""
        self.ids = ids[at]
        """The id of the word written at each place."""

    def subset(self, which: np.ndarray) -> Places:
        """The places picked by ``which`` (indexes or a mask)."""
        places = object.__new__(Places)
        places._ids, places._classes = self._ids, self._classes
        places.at, places.ids = self.at[which], self.ids[which]
        places.two_before, places.two_after = self.two_before[which], self.two_after[which]
        return places

    def word(self, offset: int) -> np.ndarray:
        """The id of the word ``offset`` places from each place (``<s>`` or ``</s>`` where that
        runs past the sentence, and meaningless beyond them: check :attr:`two_before` and
        :attr:`two_after`)."""
        # take's clip mode bounds the indexes in C: np.clip's Python wrapper cost more than
        # the indexing on a short article
        return self._ids.take(self.at + offset, mode="clip")

    def classes(self, offset: int) -> np.ndarray:
        """The class of the word ``offset`` places from each place, as :meth:`word`."""
        return self._classes.take(self.at + offset, mode="clip")


class SkipPairs:
    """How often each confusable word was seen two words after, and two words before, each
    other word ("were ... allowed", "where ... allowed"): the words around a slip that the
    trigrams, one word apart, never pair with it."""

    def __init__(self, vocab_size: int, before: CountTable, after: CountTable) -> None:
        self.vocab_size = vocab_size
        self.before = before
        """Counts keyed by ``word_two_before * V + judged_word``."""
        self.after = after
        """Counts keyed by ``judged_word * V + word_two_after``."""

    def terms(
        self, places: Places, x: np.ndarray, seen: np.ndarray, unigrams: np.ndarray, total: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """How much more often than chance the word two before, and the word two after, each
        place was seen that far from the words with ids ``x`` (seen ``seen`` times), as log
        ratios of the count to the count expected from how common that word is (``unigrams``
        of ``total``); 0 where the sentence has no such word. Both are smoothed by one made-up
        sighting, so a word never seen is neutral and a common one rarely or never seen beside
        a common word ("public ... the" pruned) is not."""
        vocab, share = self.vocab_size, seen / max(total, 1)
        two_before, two_after = places.word(-2), places.word(2)
        before = np.log(self.before.lookup(two_before * vocab + x) + 1) - np.log(
            share * unigrams[two_before] + 1
        )
        after = np.log(self.after.lookup(x * vocab + two_after) + 1) - np.log(
            share * unigrams[two_after] + 1
        )
        return np.where(places.two_before, before, 0.0), np.where(places.two_after, after, 0.0)

    @classmethod
    def count(
        cls,
        vocab: list[str],
        trigrams: Counter[int],
        judged: set[int],
        min_count: int,
        inherited: Inherited | None = None,
    ) -> SkipPairs:
        """Work the pairs of the ``judged`` word ids out from packed trigram counts, and add
        the ``inherited`` ones."""
        vocab_size = len(vocab)
        before: Counter[int] = Counter()
        after: Counter[int] = Counter()
        square = vocab_size * vocab_size
        for key, n in trigrams.items():
            a, rest = divmod(key, square)
            c = rest % vocab_size
            if c in judged:
                before[a * vocab_size + c] += n
            if a in judged:
                after[a * vocab_size + c] += n
        if inherited is not None:
            index = {w: i for i, w in enumerate(vocab)}
            for table, counts in (("skip_before", before), ("skip_after", after)):
                for (a_word, c_word), n in inherited.tables[table].items():
                    if a_word in index and c_word in index:
                        counts[index[a_word] * vocab_size + index[c_word]] += n
        return cls(
            vocab_size,
            CountTable.from_counts(before, min_count),
            CountTable.from_counts(after, min_count),
        )

    def named(self, vocab: list[str]) -> dict[str, Counter[tuple[str, ...]]]:
        """The tables keyed by words, as :class:`Inherited` holds them."""
        size = self.vocab_size
        return {
            name: Counter({(vocab[k // size], vocab[k % size]): n for k, n in table.items()})
            for name, table in (("skip_before", self.before), ("skip_after", self.after))
        }

    def to_parts(self) -> list[bytes]:
        """The two tables, as :meth:`NgramModel.save` writes them."""
        return _table_parts(self.before, self.after)

    @classmethod
    def from_parts(cls, parts: Sequence[Part], vocab_size: int, byteorder: str) -> SkipPairs:
        """Read what :meth:`to_parts` wrote."""
        before, after = _read_tables(parts, byteorder)
        return cls(vocab_size, before, after)


def _table_parts(*tables: CountTable) -> list[bytes]:
    """Count tables as file parts, two each."""
    return [part for table in tables for part in table.to_parts()]


def _read_tables(parts: Sequence[Part], byteorder: str) -> list[CountTable]:
    """The count tables :func:`_table_parts` wrote."""
    return [
        CountTable.from_parts(keys, counts, byteorder)
        for keys, counts in zip(parts[::2], parts[1::2], strict=True)
    ]


NEAR = (3, 6)
"""How many words apart, at least and at most, two words of a sentence count as near each
other: nearer ones are the trigrams' and the skip pairs' (:class:`SkipPairs`)."""


def near_pairs(words: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Each pair of words :data:`NEAR` each other in a sentence (as :func:`sentence_words`
    gives it, or padded), in alphabetical order; punctuation and the padding pair with
    nothing."""
    low, high = NEAR
    kept = [(at, w) for at, w in enumerate(words) if w not in _NOT_NEAR]
    for n, (at, word) in enumerate(kept):
        for later, other in kept[n + 1 :]:
            if later - at > high:
                break
            if later - at >= low:
                yield (word, other) if word <= other else (other, word)


class NearPairs:
    """How often each two words stood :data:`NEAR` each other in one sentence, either first:
    the company a word keeps beyond the n-grams' reach, a word or two either side, from the
    subject ("impeachment ... trial", "trial ... jury") to the grammar ("more ... than")."""

    def __init__(self, vocab_size: int, table: CountTable) -> None:
        self.vocab_size = vocab_size
        self.table = table
        """Counts keyed by ``first * V + second``, the two word ids in ascending order."""

    def terms(
        self, ids: np.ndarray, at: np.ndarray, x: np.ndarray, unigrams: np.ndarray, total: int
    ) -> np.ndarray:
        """How much more often than chance the words near each place were seen near the words
        with ids ``x``: for each word near the place in its sentence, the log ratio of how
        often it and ``x`` were seen near each other to how often chance would put them
        there, summed; both smoothed by one made-up sighting, so a word never seen is neutral.

        :param ids: The word ids of the sentences, each between ``<s>`` and ``</s>``.
        :param at: Each place's index in ``ids``.
        """
        low, high = NEAR
        if not len(self.table) or not len(at):
            return np.zeros(len(at))
        # the words 1 to `high` places before and after each place, nearest first, and
        # whether each is still inside the place's sentence
        steps = np.arange(1, high + 1)
        where = np.concatenate((at[:, None] - steps, at[:, None] + steps), 1)
        around = ids.take(where, mode="clip")
        edge = (around == self.bos) | (around == self.eos)
        past = np.logical_or.accumulate
        inside = ~np.concatenate((past(edge[:, :high], 1), past(edge[:, high:], 1)), 1)
        near = np.concatenate((np.arange(low - 1, high), np.arange(high + low - 1, 2 * high)))
        other, counted = around[:, near], inside[:, near]
        counted &= ~self.uncounted[other]
        row, column = np.nonzero(counted)
        word, other = x[row], other[row, column]
        first, second = np.minimum(word, other), np.maximum(word, other)
        seen = self.table.lookup(first * self.vocab_size + second)
        # the number of places near a word, either side: chance's share of its company
        share = unigrams[word] * (2 * (high - low + 1)) / max(total, 1)
        term = np.log(seen + 1) - np.log(share * unigrams[other] + 1)
        return np.bincount(row, weights=term, minlength=len(at))

    def bind(self, index: Mapping[str, int]) -> None:
        """Learn the ids of the padding and of the tokens not counted: punctuation and words
        the model does not know."""
        self.bos, self.eos = index[BOS], index[EOS]
        self.uncounted = np.zeros(self.vocab_size, dtype=bool)
        self.uncounted[[index[w] for w in (UNK, *_NOT_NEAR) if w in index]] = True

    def to_parts(self) -> list[bytes]:
        """The table, as :meth:`NgramModel.save` writes it."""
        return _table_parts(self.table)

    @classmethod
    def from_parts(cls, parts: Sequence[Part], vocab_size: int, byteorder: str) -> NearPairs:
        """Read what :meth:`to_parts` wrote."""
        (table,) = _read_tables(parts, byteorder)
        return cls(vocab_size, table)


class NgramModel:
    """Pruned n-gram counts with confusion sets; see the module docstring."""

    def __init__(
        self,
        vocab: list[str],
        unigrams: np.ndarray,
        bigrams: CountTable,
        trigrams: CountTable,
        confusables: dict[str, list[str]] | bytes,
        meta: dict[str, object],
        contexts: ClassContexts,
        skips: SkipPairs,
        lookalikes: tuple[np.ndarray, np.ndarray] | None = None,
        names: tuple[np.ndarray, np.ndarray] | None = None,
        near: NearPairs | None = None,
    ) -> None:
        """
        :param confusables: Each word's look-alikes, or that as a model file holds it.
        :param lookalikes: Each word id's look-alikes in the vocabulary as ids, the commonest
            first: where each word's start in the second array, and the ids one after another
            (worked out from ``confusables`` when not given).
        :param names: How often each word id had a name just before it, and just after it
            (none when not given).
        :param near: The words seen near each other (none when not given).
        """
        self.vocab = vocab
        # dict(zip()) builds it in C, a third of the time of a comprehension over 40,000 words
        self.index = dict(zip(vocab, range(len(vocab)), strict=True))
        self.size = len(vocab)
        self.unigrams = unigrams.astype(np.int64, copy=False)
        self.bigrams, self.trigrams = bigrams, trigrams
        self._confusables = confusables
        if lookalikes is None:
            index, sets = self.index, self.confusables
            found = [
                [index[a] for a in sets.get(w, ()) if a in index] if i else []
                for i, w in enumerate(vocab)
            ]
            lookalikes = (
                np.cumsum([0, *map(len, found)]),
                np.array([i for alts in found for i in alts], dtype=np.int64),
            )
        self._lookalike_starts, self._lookalike_ids = (a.astype(np.int64) for a in lookalikes)
        self._classes = np.full(self.size, -1, dtype=np.int64)
        self.meta = meta
        self.contexts = contexts
        """The confusable words' class contexts."""
        self.skips = skips
        """The confusable words' words two places away."""
        self.total = int(self.unigrams.sum())
        if names is None:
            names = (np.zeros(self.size, dtype=np.int64), np.zeros(self.size, dtype=np.int64))
        self.names_before, self.names_after = (a.astype(np.int64, copy=False) for a in names)
        """How often each word id had a name just before it, and just after it."""
        # the share of all words beside a name: where a rare word's own rate is pulled to
        self._name_rates = [float(a.sum()) / max(self.total, 1) for a in names]
        empty = CountTable(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        self.near = near or NearPairs(self.size, empty)
        """The words seen near each other in a sentence."""
        self.near.bind(self.index)

    @property
    def confusables(self) -> dict[str, list[str]]:
        """Each word's look-alikes and sound-alikes, commonest first (read from the file on
        first need: the rule itself uses the ids)."""
        if isinstance(self._confusables, bytes):
            sets = {}
            for line in str(self._confusables, "utf-8").splitlines():
                word, _, alts = line.partition("\t")
                sets[word] = alts.split()
            self._confusables = sets
        return self._confusables

    # ---- lookups -------------------------------------------------------------------------

    def lookalikes(self, ids: np.ndarray) -> np.ndarray:
        """The ids of the commonest :data:`LOOKALIKES` look-alikes of each word id, one row
        per word, padded with -1 (all -1 for a word without any)."""
        starts = self._lookalike_starts[ids]
        counts = np.minimum(self._lookalike_starts[ids + 1] - starts, LOOKALIKES)
        columns = np.arange(LOOKALIKES)
        at = np.minimum(starts[:, None] + columns, max(len(self._lookalike_ids) - 1, 0))
        picked = self._lookalike_ids[at] if len(self._lookalike_ids) else -np.ones_like(at)
        return np.where(columns < counts[:, None], picked, -1)

    def word_classes(self, ids: np.ndarray) -> np.ndarray:
        """The class (see :class:`ClassContexts`) of each word id; a word the model does not
        know is ``<unk>`` to it, as its counts were made."""
        classes = self._classes
        # a set, not np.unique, which imports numpy.ma (10 ms of a one-article run)
        for word in set(ids[classes[ids] < 0].tolist()):
            classes[word] = self.contexts.word_class(self.vocab[word])
        return classes[ids]

    def id_of(self, word: str) -> int:
        """The id of a normalised word; 0 (``<unk>``) when it is not in the vocabulary."""
        return self.index.get(word, 0)

    def count(self, *ids: int) -> int:
        """How often the n-gram of word ids (one to three of them) was seen."""
        if len(ids) == 1:
            return int(self.unigrams[ids[0]])
        key = 0
        for i in ids:
            key = key * self.size + i
        return (self.bigrams if len(ids) == 2 else self.trigrams).get(key)

    def logprobs(self, w1: np.ndarray, w2: np.ndarray, w3: np.ndarray) -> np.ndarray:
        """Stupid-backoff scores of each ``w3`` after its ``w1 w2``."""
        size = self.size
        return self._backoff(
            self.trigrams.lookup((w1 * size + w2) * size + w3),
            self.bigrams.lookup(w2 * size + w3),
            self.bigrams.lookup(w1 * size + w2),
            w2,
            w3,
        )

    def _backoff(
        self, c3: np.ndarray, c2: np.ndarray, c1: np.ndarray, w2: np.ndarray, w3: np.ndarray
    ) -> np.ndarray:
        """:meth:`logprobs` from the counts of the trigrams, of their last two words and of
        their first two words."""
        # a trigram kept has its first two words kept as a bigram: never 0 where c3 is not
        context = np.maximum(c1, 1)
        return np.where(
            c3 > 0,
            np.log(np.maximum(c3, 1) / context),
            np.where(
                c2 > 0,
                BACKOFF + np.log(np.maximum(c2, 1) / np.maximum(self.unigrams[w2], 1)),
                2 * BACKOFF + np.log((self.unigrams[w3] + 0.5) / self.total),
            ),
        )

    def window_terms(
        self, places: Places, x: np.ndarray, beside: tuple[np.ndarray, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The scores of the three trigrams that touch each of ``places`` with the word ``x``
        put there: the one it ends, the one it is the middle of, the one it starts (0 past the
        sentence's end). A place at a sentence's start is padded with ``<s>``, as in training.

        :param beside: The counts of the bigrams of each ``x`` after the word before its place,
            and before the word after it, which the caller has looked up already.
        """
        first = np.where(places.two_before, places.word(-2), places.word(-1))
        before, after, later = places.word(-1), places.word(1), places.word(2)
        size, n = self.size, len(x)
        # one call for each table: an article's places are a few hundred, and the cost of a
        # call on so few is mostly its own
        c3 = self.trigrams.lookup(
            np.concatenate(
                (
                    (first * size + before) * size + x,
                    (before * size + x) * size + after,
                    (x * size + after) * size + later,
                )
            )
        )
        outer = self.bigrams.lookup(np.concatenate((first * size + before, after * size + later)))
        left, right = beside
        scores = self._backoff(
            c3,
            np.concatenate((left, right, outer[n:])),
            np.concatenate((outer[:n], left, right)),
            np.concatenate((before, x, after)),
            np.concatenate((x, after, later)),
        )
        return scores[:n], scores[n : 2 * n], np.where(places.two_after, scores[2 * n :], 0.0)

    def name_terms(
        self, x: np.ndarray, before: np.ndarray, after: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Log P(a name stands, or does not, just before the word; and just after it) for the
        word ids ``x``, as ``before`` and ``after`` say of each place. Each word's rate is
        pulled towards the rate of all words by :data:`NAME_PRIOR` made-up sightings. A model
        that counted no names at all gives no evidence: 0 for every word."""
        seen = self.unigrams[x] + NAME_PRIOR
        terms = []
        for counts, rate, named in zip(
            (self.names_before, self.names_after), self._name_rates, (before, after), strict=True
        ):
            if not rate:
                terms.append(np.zeros(len(x)))
                continue
            beside = counts[x] + NAME_PRIOR * rate
            terms.append(np.log(np.where(named, beside, seen - beside) / seen))
        return terms[0], terms[1]

    # ---- files ---------------------------------------------------------------------------

    def save(self, path: Path, compress: bool = True) -> None:
        """Write the model to ``path``, zlib-compressed unless ``compress`` is false."""
        confusables = "\n".join(f"{w}\t{' '.join(c)}" for w, c in sorted(self.confusables.items()))
        parts = [
            "\n".join(self.vocab).encode(),
            confusables.encode(),
            self.unigrams.astype("<u4").tobytes(),
            *_table_parts(self.bigrams, self.trigrams),
            *self.contexts.to_parts(),
            *self.skips.to_parts(),
            self._lookalike_starts.astype("<u4").tobytes(),
            self._lookalike_ids.astype("<u4").tobytes(),
            self.names_before.astype("<u4").tobytes(),
            self.names_after.astype("<u4").tobytes(),
            *self.near.to_parts(),
        ]
        write_atomic(path, _blob(MAGIC, {**self.meta, "byteorder": "little"}, parts, compress))

    @classmethod
    def load(cls, path: Path | str) -> NgramModel:
        """Read a model written by :meth:`save`; ``ValueError`` when the file is not one."""
        data = _mapped(path)
        if data[: len(MAGIC)] != MAGIC:
            data = bytes(data)
            kind, _, version = data.partition(b"\n")[0].partition(b" ")
            if kind == MAGIC.split()[0] and version.isdigit() and b"\n" in data:
                made_by = "an older" if int(version) < int(MAGIC.split()[1]) else "a newer"
                raise ValueError(f"{path}: a model made by {made_by} newslint; run newslint "
                                 "train again")
            raise ValueError(f"{path}: not a newslint n-gram model")
        header, chunks = _read_blob(data, len(MAGIC))
        order = header.pop("byteorder")
        vocab = str(chunks[0], "utf-8").split("\n")
        bigrams, trigrams = _read_tables(chunks[3:7], order)
        number = "<u4" if order == "little" else ">u4"
        return cls(
            vocab,
            np.frombuffer(chunks[2], dtype=number),
            bigrams,
            trigrams,
            bytes(chunks[1]),
            header,
            ClassContexts.from_parts(chunks[7:18], len(vocab), order),
            SkipPairs.from_parts(chunks[18:22], len(vocab), order),
            (np.frombuffer(chunks[22], dtype=number), np.frombuffer(chunks[23], dtype=number)),
            (np.frombuffer(chunks[24], dtype=number), np.frombuffer(chunks[25], dtype=number)),
            NearPairs.from_parts(chunks[26:28], len(vocab), order),
        )

    def to_counts(self) -> NgramCounts:
        """The model's counts as :class:`NgramCounts`, to merge a newsroom's archive into."""
        counts = NgramCounts()
        vocab, size = self.vocab, self.size
        unigrams = zip(vocab, self.unigrams.tolist(), strict=True)
        counts.unigrams.update({w: c for w, c in unigrams if c})
        for k, c in self.bigrams.items():
            counts.bigrams[(vocab[k // size], vocab[k % size])] += c
        for k, c in self.trigrams.items():
            counts.trigrams[
                (vocab[k // size // size], vocab[k // size % size], vocab[k % size])
            ] += c
        for named, beside in (
            (counts.names_before, self.names_before),
            (counts.names_after, self.names_after),
        ):
            named.update({w: c for w, c in zip(vocab, beside.tolist(), strict=True) if c})
        for k, c in self.near.table.items():
            first, second = sorted((vocab[k // size], vocab[k % size]))
            counts.near[first, second] += c
        inherited = counts.inherited
        inherited.bigrams.update(counts.bigrams)
        inherited.trigrams.update(counts.trigrams)
        inherited.tables.update(self.contexts.named(vocab))
        inherited.tables.update(self.skips.named(vocab))
        return counts


def _blob(magic: bytes, header: dict, parts: list[bytes], compress: bool) -> bytes:
    """A model or pair-count file: the magic line, a 4-byte header length, the JSON header
    (with each part's length and whether they are compressed), then the parts."""
    header = {**header, "compressed": compress, "parts": [len(p) for p in parts]}
    body = b"".join(parts)
    head = json.dumps(header, sort_keys=True).encode()
    # level 6, not 9: a model 5% larger, written 15 times faster (0.7 s against 10 s)
    body = zlib.compress(body, 6) if compress else body
    return magic + len(head).to_bytes(4, "little") + head + body


def _mapped(path: Path | str) -> bytes | mmap.mmap:
    """The bytes of the file at ``path``, mapped into memory where it can be (not an empty
    file, nor a pipe): every array of a model is copied out of its file once as it loads, and
    reading the 18 MB of the shipped one into a buffer first cost as much again (10 ms a
    run). Nothing keeps a view of the mapping once loaded, so it is unmapped then."""
    with open(path, "rb") as file:
        try:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return file.read()


def _read_blob(data: bytes | mmap.mmap, at: int) -> tuple[dict, list[memoryview]]:
    """The header and the parts of a file :func:`_blob` wrote, whose magic line ends at ``at``.
    Parts are views of ``data`` when they were not compressed: nothing is copied."""
    size = int.from_bytes(data[at : at + 4], "little")
    header = json.loads(data[at + 4 : at + 4 + size])
    body = memoryview(data)[at + 4 + size :]
    raw = memoryview(zlib.decompress(body)) if header.pop("compressed", True) else body
    chunks, pos = [], 0
    for n in header.pop("parts"):
        chunks.append(raw[pos : pos + n])
        pos += n
    if pos != len(raw):  # the shipped files are not compressed: nothing else would notice
        raise ValueError(f"its parts hold {pos:,} bytes, the file {len(raw):,}: cut short or "
                         "damaged")
    return header, chunks


_CONTRACTIONS = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am", "'s": "is"}
_IRREGULAR = {"won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"]}


def _expand(word: str) -> list[str]:
    """A contraction as the words it stands for ("it's": ``it is``); other words alone. "'s"
    is taken as "is", which is what a writer who typed "it's" for "its" meant to say."""
    if "'" not in word:
        return [word]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for ending, full in _CONTRACTIONS.items():
        if word.endswith(ending) and len(word) > len(ending):
            return [word[: -len(ending)], full]
    return [word]


class PairCounts:
    """Word and word-pair counts of a very large corpus, as extra evidence for SP102.

    The shipped file is cut from SymSpell's English frequency lists (Google Books Ngram counts,
    see ``data/spelling/README.md``): a few thousand million words where the news model has
    1.6 million, but only pairs seen over ~6.4 million times. So a missing pair is evidence too:
    it was seen fewer than :attr:`floor` times, however common its two words are.

    The file is laid out like a model file (a magic line, a JSON header, then the parts: the
    words, their counts, the sorted pair keys as gaps, the pair counts), pair keys packing two
    word ids; the shipped one is not compressed.
    """

    MAGIC = b"NEWSLINT-PAIRS 1\n"

    def __init__(self, words: dict[str, int], pairs: dict[tuple[str, str], int]) -> None:
        vocab = sorted(words)
        index = {w: i for i, w in enumerate(vocab)}
        size = len(vocab)
        keys = {index[a] * size + index[b]: c for (a, b), c in pairs.items()}
        table = CountTable.from_counts(keys)
        self._setup(index, [words[w] for w in vocab], table)

    def _setup(self, index: dict[str, int], counts: list[int], pairs: CountTable) -> None:
        self.index = index
        """Each word's id."""
        self.size = len(index)
        self.counts = counts
        """Each word's count, by id."""
        self.pairs = pairs
        """Each pair's count, keyed by its two word ids packed base :attr:`size`."""
        self.floor = int(pairs.counts.min()) if len(pairs) else 1
        """The smallest count kept: a pair not listed was seen fewer times than this."""
        self._log_total = math.log(sum(counts) or 1)
        self._log_floor = math.log(self.floor / 2)
        self._log_count_array = np.log(np.maximum(np.array(counts, dtype=np.float64), 1))
        self._parts: dict[str, tuple[int, int]] = {}

    @property
    def words(self) -> dict[str, int]:
        """Each word's count."""
        return dict(zip(self.index, self.counts, strict=True))

    def word_ids(self, words: Iterable[str | None]) -> np.ndarray:
        """Each word's id, -1 for a word not listed (or ``None``)."""
        index = self.index
        return np.array([index.get(w, -1) if w else -1 for w in words], dtype=np.int64)

    def word_parts(self, words: Iterable[str]) -> np.ndarray:
        """Each word as the ids of the words it stands for, one row each: Google Books splits
        contractions ("it's" is ``it is``), so a contraction has two and any other word one,
        the second column -1; a row of -1 for a word of which a part is not listed."""
        index, cache = self.index, self._parts
        rows = []
        for word in words:
            row = cache.get(word)
            if row is None:
                parts = [index.get(w, -1) for w in _expand(word)]
                row = cache[word] = (-1, -1) if -1 in parts else (parts[0], [*parts, -1][1])
            rows.append(row)
        return np.array(rows, dtype=np.int64).reshape(-1, 2)

    def scores(self, left: np.ndarray, parts: np.ndarray, right: np.ndarray) -> np.ndarray:
        """For each word, as :meth:`word_parts` gives it, between the neighbours ``left`` and
        ``right`` (as :meth:`word_ids` gives them): log P(word | left) + log P(right | word) up
        to terms that do not depend on the word; NaN for a word not listed. A neighbour that
        is not a listed word (punctuation, a number, a sentence edge) gives no evidence.

        A contraction is scored as the words it stands for: both are the probability of the
        whole string, so "its" and "it's" stay comparable. An unlisted pair gets the count
        chance alone would give its two words, but no more than half the listing floor.
        """
        first, second = parts[:, 0], parts[:, 1]
        last = np.where(second >= 0, second, first)
        logs = self._log_count_array
        n = len(first)  # the three pairs of each word looked up in one call, as they are few
        pair_logs = self._log_pairs(
            np.concatenate((left, first, last)), np.concatenate((first, second, right))
        )
        start = np.where(left >= 0, pair_logs[:n], logs[first] - self._log_total)
        middle = np.where(second >= 0, pair_logs[n : 2 * n] - logs[first], 0.0)
        end = np.where(right >= 0, pair_logs[2 * n :] - logs[last], 0.0)
        return np.where(first >= 0, start + middle + end, np.nan)

    def _log_pairs(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Log count of each pair of ids (-1 ids give meaningless values, to be masked)."""
        a, b = np.maximum(a, 0), np.maximum(b, 0)
        count = self.pairs.lookup(a * self.size + b)
        logs = self._log_count_array
        chance = np.minimum(self._log_floor, logs[a] + logs[b] - self._log_total)
        return np.where(count > 0, np.log(np.maximum(count, 1)), chance)

    def save(self, path: Path, compress: bool = True) -> None:
        """Write the counts to ``path``, zlib-compressed unless ``compress`` is false."""
        parts = [
            "\n".join(self.index).encode(),
            np.array(self.counts, dtype="<u8").tobytes(),
            *self.pairs.to_parts(count_bytes=8),
        ]
        write_atomic(path, _blob(self.MAGIC, {"byteorder": "little"}, parts, compress))

    @classmethod
    def load(cls, path: Path | str) -> PairCounts:
        """Read counts written by :meth:`save`; ``ValueError`` when the file is not one."""
        data = _mapped(path)
        if data[: len(cls.MAGIC)] != cls.MAGIC:
            raise ValueError(f"{path}: not a newslint pair-count file")
        header, chunks = _read_blob(data, len(cls.MAGIC))
        order = header["byteorder"]
        vocab = str(chunks[0], "utf-8").split("\n")
        counts = np.frombuffer(chunks[1], dtype="<u8" if order == "little" else ">u8")
        pairs = cls.__new__(cls)
        table = CountTable.from_parts(chunks[2], chunks[3], order, count_bytes=8)
        pairs._setup(dict(zip(vocab, range(len(vocab)), strict=True)), counts.tolist(), table)
        return pairs


DEFAULT_MODEL = "news.model"
"""The shipped model's file name in ``newslint/data/spelling``."""
BOOKS = "books.pairs"
"""The shipped pair counts' file name in ``newslint/data/spelling``."""


def default_model_path() -> Path:
    """Where the shipped model is."""
    return data_path(DEFAULT_MODEL)


@cache
def load_books() -> PairCounts:
    """The shipped word-pair counts of Google Books (see ``data/spelling/README.md``), read
    once per process."""
    return PairCounts.load(data_path(BOOKS))
