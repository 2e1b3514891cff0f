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

The file is one binary blob: a magic line, a JSON header, then zlib-compressed arrays. N-grams
are stored as sorted integer keys (word ids packed base ``V``) with parallel count arrays, and
turned into dicts on loading.
"""

from __future__ import annotations

import json
import math
import re
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, pairwise
from pathlib import Path

_DIGIT = re.compile(r"\d")
BOS, EOS, UNK, NUM = "<s>", "</s>", "<unk>", "<num>"
"""Special tokens: sentence start and end, a word outside the vocabulary, any number."""

MAGIC = b"NEWSLINT-NGRAM 3\n"
LOOKALIKES = 6
"""How many of a word's look-alikes, the commonest first, are judged. A slip nearly always
makes a common word out of a common word, so the intended word is among the first few
("site" for "sight" is the fifth of ten); the rest cost time and only add false alarms."""
BACKOFF = math.log(0.4)
"""The stupid-backoff penalty for falling back to a shorter n-gram."""


PUNCT = ","
"""The token that stands for punctuation between two words, so contexts do not run across it."""
_BREAKS = frozenset(',;:()[]"\u201c\u201d\u2014\u2013')


def sentence_words(text: str, tokens: Sequence[tuple[int, str]]) -> tuple[list[str], list[int]]:
    """A sentence as the model sees it: each token normalised, with :data:`PUNCT` where
    punctuation separates two tokens ("So, too, there" is ``so , too , there``).

    :param text: The sentence's text.
    :param tokens: Each token's offset in ``text`` and its text, in order.
    :returns: The words, and the index in them of each token.
    """
    words: list[str] = []
    where: list[int] = []
    end = 0
    for start, token in tokens:
        if words and not _BREAKS.isdisjoint(text[end:start]):
            words.append(PUNCT)
        where.append(len(words))
        words.append(normalize(token))
        end = start + len(token)
    return words, where


def normalize(token: str) -> str:
    """The model's form of a token: lower case, straight apostrophes, numbers folded to one."""
    if token.isalpha():
        return token.lower()
    if _DIGIT.search(token):
        return NUM
    return token.lower().replace("\u2019", "'")


class NgramCounts:
    """Counts gathered while training; turned into an :class:`NgramModel` by :meth:`to_model`."""

    def __init__(self) -> None:
        self.unigrams: Counter[str] = Counter()
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.trigrams: Counter[tuple[str, str, str]] = Counter()

    def add_sentence(self, tokens: Iterable[str]) -> None:
        """Count one sentence's words (see :func:`sentence_words`; they are normalised here)."""
        words = [BOS, *(normalize(t) for t in tokens), EOS]
        self.unigrams.update(words)
        self.bigrams.update(zip(words, words[1:]))
        self.trigrams.update(zip(words, words[1:], words[2:]))

    def update(self, other: NgramCounts) -> None:
        """Add another set of counts to these."""
        self.unigrams.update(other.unigrams)
        self.bigrams.update(other.bigrams)
        self.trigrams.update(other.trigrams)

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
        uni = array("I", [0] * size)
        for w, c in self.unigrams.items():
            uni[index.get(w, 0)] += c

        def ids(gram: tuple[str, ...]) -> int:
            key = 0
            for w in gram:
                key = key * size + index.get(w, 0)
            return key

        bi: Counter[int] = Counter()
        for pair, c in self.bigrams.items():
            bi[ids(pair)] += c
        tri: Counter[int] = Counter()
        for triple, c in self.trigrams.items():
            tri[ids(triple)] += c
        judged = {
            index[w]
            for word, alts in (confusables or {}).items()
            for w in (word, *alts)
            if w in index
        }
        return NgramModel(
            vocab,
            uni,
            *_pack(bi, min_count),
            *_pack(tri, min_count),
            confusables or {},
            dict(meta or {}),
            ClassContexts.count(vocab, uni, tri, bi, judged, min_count),
            SkipPairs.count(size, tri, judged, min_count),
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

    def __init__(
        self, class_words: list[str], vocab_size: int, tables: list[dict[int, int]]
    ) -> None:
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
        self._pair_weight = CLASS_PRIOR / max(sum(self.pairs.values()), 1)
        self._gap_weight = CLASS_PRIOR / max(sum(self.gaps.values()), 1)
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

    def terms(
        self, classes: Sequence[int], i: int, x: int, seen: int
    ) -> tuple[float, float, float]:
        """Log P(context | word) of the word with id ``x`` (seen ``seen`` times) at place ``i``
        of a sentence given as ``classes`` (with its ``<s>`` and ``</s>``), for the context
        before it, around it and after it, up to terms that do not depend on the word. A
        context that runs past the sentence's ends scores 0, the same for every word compared."""
        size, vocab = self.size, self.vocab_size
        pairs = self.pairs
        norm = math.log(seen + CLASS_PRIOR)
        before, after = classes[i - 1], classes[i + 1]
        gap = self.gaps.get(before * size + after, 0) * self._gap_weight
        middle = math.log(self.middle.get((before * vocab + x) * size + after, 0) + gap + 1e-9)
        left = right = norm
        if i >= 2:
            pair = classes[i - 2] * size + before
            share = pairs.get(pair, 0) * self._pair_weight
            left = math.log(self.left.get(pair * vocab + x, 0) + share + 1e-9)
        if i + 2 < len(classes):
            pair = after * size + classes[i + 2]
            share = pairs.get(pair, 0) * self._pair_weight
            right = math.log(self.right.get(x * size * size + pair, 0) + share + 1e-9)
        return left - norm, middle - norm, right - norm

    @classmethod
    def count(
        cls,
        vocab: list[str],
        unigrams: array,
        trigrams: Counter[int],
        bigrams: Counter[int],
        judged: set[int],
        min_count: int,
    ) -> ClassContexts:
        """Work the class contexts of the ``judged`` word ids out from packed n-gram counts
        (keys as :meth:`NgramCounts.to_model` packs them), keeping those seen ``min_count``
        times or more."""
        common = sorted(
            (i for i, w in enumerate(vocab) if w.replace("'", "").isalpha()),
            key=lambda i: (-unigrams[i], vocab[i]),
        )
        contexts = cls([vocab[i] for i in common[:CLASS_WORDS]], len(vocab), [{} for _ in range(5)])
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
        tables = [
            {k: n for k, n in table.items() if n >= min_count}
            for table in (left, middle, right, pairs, gaps)
        ]
        return cls(contexts.class_words, vocab_size, tables)

    def to_parts(self) -> list[bytes]:
        """The class words and the tables, as :meth:`NgramModel.save` writes them."""
        tables = (self.left, self.middle, self.right, self.pairs, self.gaps)
        return ["\n".join(self.class_words).encode(), *_table_parts(*tables)]

    @classmethod
    def from_parts(
        cls, parts: list[bytes], vocab_size: int, arr: Callable[[str, bytes], array]
    ) -> ClassContexts:
        """Read what :meth:`to_parts` wrote."""
        return cls(parts[0].decode().split("\n"), vocab_size, _read_tables(parts[1:], arr))


class SkipPairs:
    """How often each confusable word was seen two words after, and two words before, each
    other word ("were ... allowed", "where ... allowed"): the words around a slip that the
    trigrams, one word apart, never pair with it."""

    def __init__(self, vocab_size: int, before: dict[int, int], after: dict[int, int]) -> None:
        self.vocab_size = vocab_size
        self.before = before
        """Counts keyed by ``word_two_before * V + judged_word``."""
        self.after = after
        """Counts keyed by ``judged_word * V + word_two_after``."""

    def terms(self, ids: Sequence[int], i: int, x: int, seen: int) -> tuple[float, float]:
        """Log P(word two before | x) and log P(word two after | x), roughly (add-half
        smoothing), for the word with id ``x`` seen ``seen`` times at place ``i`` of ``ids``
        (with ``<s>`` and ``</s>``); 0 where the sentence has no such word."""
        vocab, norm = self.vocab_size, math.log(seen + 1)
        before = after = 0.0
        if i >= 2:
            before = math.log(self.before.get(ids[i - 2] * vocab + x, 0) + 0.5) - norm
        if i + 2 < len(ids):
            after = math.log(self.after.get(x * vocab + ids[i + 2], 0) + 0.5) - norm
        return before, after

    @classmethod
    def count(
        cls, vocab_size: int, trigrams: Counter[int], judged: set[int], min_count: int
    ) -> SkipPairs:
        """Work the pairs of the ``judged`` word ids out from packed trigram counts."""
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
        return cls(
            vocab_size,
            {k: n for k, n in before.items() if n >= min_count},
            {k: n for k, n in after.items() if n >= min_count},
        )

    def to_parts(self) -> list[bytes]:
        """The two tables, as :meth:`NgramModel.save` writes them."""
        return _table_parts(self.before, self.after)

    @classmethod
    def from_parts(
        cls, parts: list[bytes], vocab_size: int, arr: Callable[[str, bytes], array]
    ) -> SkipPairs:
        """Read what :meth:`to_parts` wrote."""
        before, after = _read_tables(parts, arr)
        return cls(vocab_size, before, after)


def _table_parts(*tables: dict[int, int]) -> list[bytes]:
    """Count tables as file parts: each one's sorted keys (as gaps) and its counts."""
    parts = []
    for table in tables:
        keys = array("Q", sorted(table))
        parts += [_deltas(keys).tobytes(), array("I", (table[k] for k in keys)).tobytes()]
    return parts


def _read_tables(parts: list[bytes], arr: Callable[[str, bytes], array]) -> list[dict[int, int]]:
    """The count tables :func:`_table_parts` wrote."""
    return [
        dict(zip(_undeltas(arr("Q", keys)), arr("I", counts), strict=True))
        for keys, counts in zip(parts[::2], parts[1::2], strict=True)
    ]


def _pack(counts: Counter[int], min_count: int) -> tuple[array, array]:
    keys = sorted(k for k, c in counts.items() if c >= min_count)
    return array("Q", keys), array("I", (counts[k] for k in keys))


class NgramModel:
    """Pruned n-gram counts with confusion sets; see the module docstring."""

    def __init__(
        self,
        vocab: list[str],
        unigrams: array,
        bigram_keys: array,
        bigram_counts: array,
        trigram_keys: array,
        trigram_counts: array,
        confusables: dict[str, list[str]],
        meta: dict[str, object],
        contexts: ClassContexts,
        skips: SkipPairs,
    ) -> None:
        self.vocab = vocab
        self.index = {w: i for i, w in enumerate(vocab)}
        self.size = len(vocab)
        self.unigrams = unigrams
        self.bigram_keys, self.bigram_counts = bigram_keys, bigram_counts
        self.trigram_keys, self.trigram_counts = trigram_keys, trigram_counts
        self.confusables = confusables
        """Each word's look-alikes and sound-alikes, commonest first."""
        self._confusable_ids: dict[int, list[tuple[int, str]]] = {}
        self.meta = meta
        self.contexts = contexts
        """The confusable words' class contexts."""
        self.skips = skips
        """The confusable words' words two places away."""
        self.total = sum(unigrams)
        # Dicts cost ~20 ms to build and make each lookup ~20 times faster than bisecting.
        self.bigrams = dict(zip(bigram_keys, bigram_counts))
        self.trigrams = dict(zip(trigram_keys, trigram_counts))

    # ---- lookups -------------------------------------------------------------------------

    def confusable_ids(self, word: int) -> list[tuple[int, str]]:
        """The commonest :data:`LOOKALIKES` look-alikes of the word with id ``word``, each with
        its id (none for a word without any); worked out on first need, as an article meets
        few of them."""
        found = self._confusable_ids.get(word)
        if found is None:
            index = self.index
            alts = self.confusables.get(self.vocab[word], ()) if word else ()
            found = [(index[a], a) for a in alts if a in index][:LOOKALIKES]
            self._confusable_ids[word] = found
        return found

    def id_of(self, word: str) -> int:
        """The id of a normalised word; 0 (``<unk>``) when it is not in the vocabulary."""
        return self.index.get(word, 0)

    def count(self, *ids: int) -> int:
        """How often the n-gram of word ids (one to three of them) was seen."""
        if len(ids) == 1:
            return self.unigrams[ids[0]]
        key = 0
        for i in ids:
            key = key * self.size + i
        return (self.bigrams if len(ids) == 2 else self.trigrams).get(key, 0)

    def logprob(self, w1: int, w2: int, w3: int) -> float:
        """Stupid-backoff score of ``w3`` after ``w1 w2``."""
        size = self.size
        c3 = self.trigrams.get((w1 * size + w2) * size + w3)
        if c3:
            return math.log(c3 / self.bigrams[w1 * size + w2])
        c2 = self.bigrams.get(w2 * size + w3)
        if c2:
            return BACKOFF + math.log(c2 / max(self.unigrams[w2], 1))
        return 2 * BACKOFF + math.log((self.unigrams[w3] + 0.5) / self.total)

    def window_terms(self, ids: Sequence[int], i: int, x: int) -> tuple[float, float, float]:
        """The scores of the three trigrams that touch position ``i`` of ``ids`` with ``x`` put
        there: the one it ends, the one it is the middle of, the one it starts (0 past the
        sentence's end).

        ``ids`` holds the sentence with its ``<s>`` and ``</s>`` ids, so ``0 < i < len(ids) - 1``.
        """
        before = ids[i - 2] if i >= 2 else ids[0]  # pad with <s>, as at a sentence start
        after = self.logprob(x, ids[i + 1], ids[i + 2]) if i + 2 < len(ids) else 0.0
        return (
            self.logprob(before, ids[i - 1], x),
            self.logprob(ids[i - 1], x, ids[i + 1]),
            after,
        )

    # ---- files ---------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the model to ``path``."""
        confusables = "\n".join(f"{w}\t{' '.join(c)}" for w, c in sorted(self.confusables.items()))
        parts = [
            "\n".join(self.vocab).encode(),
            confusables.encode(),
            self.unigrams.tobytes(),
            _deltas(self.bigram_keys).tobytes(),
            self.bigram_counts.tobytes(),
            _deltas(self.trigram_keys).tobytes(),
            self.trigram_counts.tobytes(),
            *self.contexts.to_parts(),
            *self.skips.to_parts(),
        ]
        header = {**self.meta, "byteorder": sys.byteorder, "parts": [len(p) for p in parts]}
        blob = zlib.compress(b"".join(parts), 9)
        head = json.dumps(header, sort_keys=True).encode()
        path.write_bytes(MAGIC + len(head).to_bytes(4, "little") + head + blob)

    @classmethod
    def load(cls, path: Path | str) -> NgramModel:
        """Read a model written by :meth:`save`; ``ValueError`` when the file is not one."""
        data = Path(path).read_bytes()
        if not data.startswith(MAGIC):
            if data.startswith(MAGIC.split()[0]):
                raise ValueError(
                    f"{path}: a model made by an older newslint; run newslint train again"
                )
            raise ValueError(f"{path}: not a newslint n-gram model")
        at = len(MAGIC)
        size = int.from_bytes(data[at : at + 4], "little")
        header = json.loads(data[at + 4 : at + 4 + size])
        raw = zlib.decompress(data[at + 4 + size :])
        chunks, pos = [], 0
        for n in header.pop("parts"):
            chunks.append(raw[pos : pos + n])
            pos += n
        swap = header.pop("byteorder") != sys.byteorder

        def arr(code: str, chunk: bytes) -> array:
            a = array(code)
            a.frombytes(chunk)
            if swap:
                a.byteswap()
            return a

        confusables = {}
        for line in chunks[1].decode().splitlines():
            word, _, alts = line.partition("\t")
            confusables[word] = alts.split()
        vocab = chunks[0].decode().split("\n")
        return cls(
            vocab,
            arr("I", chunks[2]),
            _undeltas(arr("Q", chunks[3])),
            arr("I", chunks[4]),
            _undeltas(arr("Q", chunks[5])),
            arr("I", chunks[6]),
            confusables,
            header,
            ClassContexts.from_parts(chunks[7:18], len(vocab), arr),
            SkipPairs.from_parts(chunks[18:22], len(vocab), arr),
        )

    def to_counts(self) -> NgramCounts:
        """The model's counts as :class:`NgramCounts`, to merge a newsroom's archive into."""
        counts = NgramCounts()
        vocab, size = self.vocab, self.size
        counts.unigrams.update({w: c for w, c in zip(vocab, self.unigrams) if c})
        for k, c in zip(self.bigram_keys, self.bigram_counts):
            counts.bigrams[(vocab[k // size], vocab[k % size])] += c
        for k, c in zip(self.trigram_keys, self.trigram_counts):
            counts.trigrams[
                (vocab[k // size // size], vocab[k // size % size], vocab[k % size])
            ] += c
        return counts


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


def _deltas(keys: array) -> array:
    # Sorted keys become small gaps, which zlib squeezes far better than the keys themselves.
    return array("Q", [k - prev for prev, k in zip((0, *keys), keys)])


def _undeltas(gaps: array) -> array:
    return array("Q", accumulate(gaps))


class PairCounts:
    """Word and word-pair counts of a very large corpus, as extra evidence for SP102.

    The shipped file is cut from SymSpell's English frequency lists (Google Books Ngram counts,
    see ``data/spelling/README.md``): a few thousand million words where the news model has
    1.6 million, but only pairs seen over ~6.4 million times. So a missing pair is evidence too:
    it was seen fewer than :attr:`floor` times, however common its two words are.

    The file is like a model file: a magic line, then zlib-compressed parts (the words, their
    counts, the sorted pair keys as gaps, the pair counts), pair keys packing two word ids.
    """

    MAGIC = b"NEWSLINT-PAIRS 1\n"

    def __init__(self, words: dict[str, int], pairs: dict[tuple[str, str], int]) -> None:
        vocab = sorted(words)
        self.index = {w: i for i, w in enumerate(vocab)}
        self.counts = array("Q", (words[w] for w in vocab))
        size = self.size = len(vocab)
        index = self.index
        self.pairs = {index[a] * size + index[b]: c for (a, b), c in pairs.items()}
        """Each pair's count, keyed by its two word ids packed base :attr:`size`."""
        self._setup()

    def _setup(self) -> None:
        self.floor = min(self.pairs.values(), default=1)
        """The smallest count kept: a pair not listed was seen fewer times than this."""
        self._log_total = math.log(sum(self.counts) or 1)
        self._log_floor = math.log(self.floor / 2)

    @property
    def words(self) -> dict[str, int]:
        """Each word's count."""
        return dict(zip(self.index, self.counts))

    def score(self, left: str | None, word: str, right: str | None) -> float | None:
        """Log P(word | left) + log P(right | word) up to terms that do not depend on ``word``;
        ``None`` when ``word`` is not in the list. A neighbour that is not a listed word
        (punctuation, a number, a sentence edge, ``None``) gives no evidence.

        Google Books splits contractions, so one is scored as the words it stands for ("it's"
        as "it is", "they're" as "they are"): both are the probability of the whole string,
        so "its" and "it's" stay comparable. An unlisted pair gets the count chance alone
        would give its two words, but no more than half the listing floor.
        """
        index, counts = self.index, self.counts
        parts = []
        for w in _expand(word):
            at = index.get(w)
            if at is None:
                return None
            parts.append(at)
        first = parts[0]
        other = index.get(left) if left else None
        if other is None:
            score = math.log(counts[first]) - self._log_total
        else:
            score = self._log_pair(other, first)
        for a, b in pairwise(parts):
            score += self._log_pair(a, b) - math.log(counts[a])
        other = index.get(right) if right else None
        if other is not None:
            score += self._log_pair(parts[-1], other) - math.log(counts[parts[-1]])
        return score

    def _log_pair(self, a: int, b: int) -> float:
        count = self.pairs.get(a * self.size + b)
        if count:
            return math.log(count)
        counts = self.counts
        return min(self._log_floor, math.log(counts[a] * counts[b]) - self._log_total)

    def save(self, path: Path) -> None:
        """Write the counts to ``path``."""
        keys = array("Q", sorted(self.pairs))
        parts = [
            "\n".join(self.index).encode(),
            self.counts.tobytes(),
            _deltas(keys).tobytes(),
            array("Q", (self.pairs[k] for k in keys)).tobytes(),
        ]
        head = json.dumps({"byteorder": sys.byteorder, "parts": [len(p) for p in parts]}).encode()
        blob = zlib.compress(b"".join(parts), 9)
        path.write_bytes(self.MAGIC + len(head).to_bytes(4, "little") + head + blob)

    @classmethod
    def load(cls, path: Path | str) -> PairCounts:
        """Read counts written by :meth:`save`; ``ValueError`` when the file is not one."""
        data = Path(path).read_bytes()
        if not data.startswith(cls.MAGIC):
            raise ValueError(f"{path}: not a newslint pair-count file")
        at = len(cls.MAGIC)
        size = int.from_bytes(data[at : at + 4], "little")
        header = json.loads(data[at + 4 : at + 4 + size])
        raw = zlib.decompress(data[at + 4 + size :])
        chunks, pos = [], 0
        for n in header["parts"]:
            chunks.append(raw[pos : pos + n])
            pos += n
        numbers = []
        for chunk in chunks[1:]:
            a = array("Q")
            a.frombytes(chunk)
            if header["byteorder"] != sys.byteorder:
                a.byteswap()
            numbers.append(a)
        pairs = cls.__new__(cls)
        vocab = chunks[0].decode().split("\n")
        pairs.index = {w: i for i, w in enumerate(vocab)}
        pairs.size = len(vocab)
        pairs.counts = numbers[0]
        pairs.pairs = dict(zip(_undeltas(numbers[1]), numbers[2]))
        pairs._setup()
        return pairs
