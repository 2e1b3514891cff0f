#!/usr/bin/env python3
"""Fit SP102's weights on slips put into news articles the statistics never learned from.

The development set must not fit them (its slips and pairs are the ones it measures), so:

1. build models that each leave every Nth background article out, a different Nth each::

       for k in 0 1 2 3 4 5 6 7 8 9; do
         python tools/build_spelling_data.py --symspell DIR --holdout 10 --fold $k --out /tmp/fold$k
       done

   (articles that are also in ``news-dev`` are never used at all);
2. run this on them::

       python tools/train_sp102.py /tmp/fold[0-9] --budget 0.17

Each sentence of a left-out article is judged as written, with the model that did not see it
(every look-alike the rule would weigh there is a chance for a false alarm, but for the real
slips of :data:`KNOWN_SLIPS`), and a copy of it gets one slip: a random confusable word
replaced by a word it is a look-alike of, drawn as real slips fall rather than evenly (see
:data:`PAIR_PRIOR`). A logistic regression (scikit-learn,
needed here only) learns from the look-alikes' :data:`~newslint.slips.FEATURES` which
one was the word meant. Each pair of the commonly-confused list then gets a threshold of its
own (:data:`PAIR_BUDGET`, :data:`LISTED_FLOOR`), and the other look-alikes one threshold, the
lowest that keeps all false alarms on the clean articles within ``--budget`` per 1,000 words
(lower by the one of :data:`UNSEEN_OFFSETS` that catches the most slips, for a written word
news never saw; higher by the one of :data:`TOPICAL_MARGINS` that does, for a word of the
article's subject), and never so high that the issue's acceptance example (:data:`REQUIRED`) is
missed. The result goes to ``newslint/data/spelling/sp102.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np

from newslint.confusables import (
    FUNCTION,
    HOMOPHONE,
    LISTED,
    ONE_SLIP,
    OTHER,
    SUBSTITUTION,
    confusion_kind,
)
from newslint.lexicon import data_path
from newslint.ngram import NgramModel, PairCounts, load_books, name_places, sentence_words
from newslint.readers.markdown import MarkdownReader
from newslint.slips import (
    FEATURES,
    Found,
    SlipWeights,
    _homophones,
    is_topical,
    load_model,
    slip_evidence,
    topic_words,
)

KINDS = (FUNCTION, HOMOPHONE, ONE_SLIP, SUBSTITUTION, OTHER)
BY_KIND = ("news", "books", "classes")
"""The evidence each kind weighs on its own (see ``SlipWeights.by_kind``)."""

PAIR_PRIOR = {
    FUNCTION: 300.0,
    HOMOPHONE: 300.0,
    ONE_SLIP: 2.0,
    SUBSTITUTION: 1.0,
    OTHER: 1.0,
}
"""How much likelier a slip of each kind is than one substituted letter, per pair and place.
Assumed, not fitted (no labelled slips are used): a pair of the commonly-confused list
(their/there, from/form) is the classic real-word error of every usage guide, set so that
such pairs make about three in four of the slips drawn (see ``data/spelling/README.md`` for
how the development set bore on that); among typing slips, dropped, added and swapped
letters are taken as twice as likely as substituted ones. How common the slip word is plays no
part: a slip of the keys does not know how often news uses the word it makes ("pubic" for
"public")."""

PAIR_BUDGET = 0.01
"""The false alarms per 1,000 words each pair of the commonly-confused list may draw on the
left-out articles at its own threshold (see ``SlipWeights``); fewer where that threshold
would go below :data:`LISTED_FLOOR`."""
LISTED_FLOOR = 2.0
"""How far below the threshold of other look-alikes a listed pair's threshold may go."""
UNSEEN_OFFSETS = tuple(quarter / 4 for quarter in range(13))
"""The values of ``SlipWeights.unseen_offset`` tried, 0 to 3: the one whose thresholds, within
the budget, catch the most slips on the left-out articles is kept."""
TOPICAL_MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
"""The values of ``SlipWeights.topical_margin`` tried, with each of :data:`UNSEEN_OFFSETS`: the
pair that catches the most slips within the budget is kept."""

Place = tuple[str, Found, bool]
"""A clean place: the word written there, its look-alikes, and whether the word is one of the
article's subject (see ``newslint.slips.topic_words``)."""
Slip = tuple[str, str, str, Found, bool]
"""A slip put in: its kind of confusion, the word meant, the slip, the look-alikes, and whether
the slip made a word of the article's subject."""

REQUIRED = (
    ("Joseph Votel, the top commander of U.S. forced in the Middle East, said", "forced", "forces"),
)
"""Slips the shipped rule must catch: the issue's acceptance example (the seed article's
"forced" for "forces"), as a sentence, the slip and the intended word. The threshold is
never set above their scores."""


def collect(
    folder: Path, shared: Path, seed: int
) -> tuple[list[Place], list[Slip], int, set[tuple[str, str, str]]]:
    """The clean places, the slips, the number of words read, and the :data:`KNOWN_SLIPS`
    found, from the articles ``folder``'s model left out."""
    model = NgramModel.load(folder / "news.model")
    books = PairCounts.load(folder / "books.pairs")
    held = set((folder / "holdout.txt").read_text(encoding="utf-8").split())
    homophones = _homophones()
    # A slip may also make a rare word ("pubic"): those have sets but are in none.
    slips_of: dict[str, set[str]] = {}
    for word, alts in model.confusables.items():
        for alt in alts:
            slips_of.setdefault(alt, set()).add(word)
    known = known_slips()
    found_known: set[tuple[str, str, str]] = set()
    rng = random.Random(seed)
    reader = MarkdownReader()
    clean: list[Place] = []
    slips: list[Slip] = []
    words_read = 0
    path = shared / "background" / "wikinews-2004-2018.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if str(article["id"]) not in held:
                continue
            document = reader.read(f"{article['id']}.md", article["markdown"])
            sentences = []
            counts: Counter[str] = Counter()
            for sentence in document.sentences:
                tokens = sentence.prose_tokens  # as the rule: not links, handles...
                base = sentence.start
                words, where = sentence_words(
                    sentence.text, [(t.start - base, t.text) for t in tokens]
                )
                names = name_places([t.text for t in tokens], where)
                sentences.append((tokens, words, where, names))
                counts.update(words)
            topical = topic_words(model, counts)
            size = sum(counts.values())
            judged = []
            slipped: list[tuple[str, str, str, list[str] | None, int, list[int]]] = []
            for tokens, words, where, names in sentences:
                words_read += len(tokens)
                # As the rule: capitalised words inside a sentence (names) are left alone.
                doubtful = [
                    at
                    for t, at in zip(tokens, where, strict=True)
                    if t.is_sentence_initial or not t.text[0].isupper()
                ]
                judged.append((words, doubtful, names))
                # One slip per sentence: a (place, slip) pair drawn with the odds that a
                # writer makes it, so a sentence with a listed pair in it gets that slip more.
                # Not at a real slip: "correcting" it would put the right word in as a slip.
                options = [
                    (at, alt, confusion_kind(alt, words[at], homophones))
                    for at in doubtful
                    if words[at] in slips_of and _place(article, words, at) not in known
                    for alt in sorted(slips_of[words[at]])
                ]
                if not options:
                    continue
                odds = [PAIR_PRIOR[kind] for *_, kind in options]
                at, slip, kind = rng.choices(options, odds)[0]
                # a slip that makes a word of the article's subject needs more evidence
                topical_slip = is_topical(model, slip, counts[slip] + 1, size)
                text = [*words[:at], slip, *words[at + 1 :]]
                slipped.append((kind, words[at], slip, text, at, names, topical_slip))
            for n, at, found in slip_evidence(model, books, judged, topical):
                words = judged[n][0]
                place = _place(article, words, at)
                if place in known:  # a real slip of the text as written is no false alarm
                    found_known.add(place)
                else:
                    clean.append((words[at], found, words[at] in topical))
            tried = [(text, [at], names) for _, _, _, text, at, names, _ in slipped]
            # each slip's article is the article with it: a slip word of its subject is one
            subject = topical | {slip for _, _, slip, *_, topical_slip in slipped if topical_slip}
            found_at = {n: found for n, _, found in slip_evidence(model, books, tried, subject)}
            for n, (kind, meant, slip, _, _, _, topical_slip) in enumerate(slipped):
                slips.append((kind, meant, slip, found_at.get(n, []), topical_slip))
    return clean, slips, words_read, found_known


def _place(article: dict, words: list[str], at: int) -> tuple[str, str, str]:
    """A place as :data:`KNOWN_SLIPS` names it."""
    return str(article["id"]), words[at], " ".join(words[at + 1 : at + 4])


KNOWN_SLIPS = Path(__file__).with_name("background_slips.tsv")
"""Real slips in the background articles, found by reading; see the file's head."""


def known_slips(path: Path = KNOWN_SLIPS) -> set[tuple[str, str, str]]:
    """Each real slip of ``path`` as (article id, written word, the three words after it)."""
    slips = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            article, written, _, *after = line.split("\t")  # nothing after at a sentence's end
            slips.add((article, written, "".join(after)))
    return slips


def must_catch() -> Found:
    """The intended word of each :data:`REQUIRED` slip as the shipped statistics judge it."""
    model, books = load_model(""), load_books()
    out: Found = []
    for sentence, slip, meant in REQUIRED:
        (line,) = MarkdownReader().read("required.md", sentence).sentences
        tokens = line.tokens
        words, where = sentence_words(line.text, [(t.start - line.start, t.text) for t in tokens])
        at = where[[t.text for t in tokens].index(slip)]
        names = name_places([t.text for t in tokens], where)
        for _, _, found in slip_evidence(model, books, [(words, [at], names)]):
            out.extend(item for item in found if item[0] == meant)
    return out


def design(kind: str, features: tuple[float, ...]) -> list[float]:
    """The regression's inputs for one look-alike: the kind as one-hot, the features, and
    the kind's own copies of the news, book and summed class-context evidence."""
    mine = (features[0], features[4], features[6] + features[7] + features[8])
    return [
        *(float(kind == k) for k in KINDS),
        *features,
        *(value if kind == k else 0.0 for k in KINDS for value in mine),
    ]


def fit(clean: list[Place], slips: list[Slip]) -> dict:
    """Fit the regression (every look-alike of a clean place is a negative; at a slip, the
    word meant is the positive, its other look-alikes negatives) and unfold its
    standardisation into plain weights, in the shape ``SlipWeights.load`` reads."""
    rows, labels = [], []
    for _, found, _ in clean:
        for _, kind, features in found:
            rows.append(design(kind, features))
            labels.append(0)
    for _, meant, _, found, _ in slips:
        for alt, kind, features in found:
            rows.append(design(kind, features))
            labels.append(int(alt == meant))
    x, y = np.array(rows), np.array(labels)
    mean, scale = x.mean(0), x.std(0) + 1e-9
    # here, not at the top: the rest of the tool (and its test) runs without scikit-learn
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=5000).fit((x - mean) / scale, y)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - (weights * mean).sum())
    n = len(KINDS)
    per_kind = weights[n + len(FEATURES) :].reshape(n, len(BY_KIND))
    return {
        "features": list(FEATURES),
        "bias": {k: round(bias + float(weights[i]), 6) for i, k in enumerate(KINDS)},
        "weights": {f: round(float(w), 6) for f, w in zip(FEATURES, weights[n:], strict=False)},
        "by_kind": {
            k: {e: round(float(w), 6) for e, w in zip(BY_KIND, row, strict=True)}
            for k, row in zip(KINDS, per_kind, strict=True)
        },
    }


class Rows(NamedTuple):
    """The look-alikes of some places, one row each."""

    place: np.ndarray
    """Each row's place, as an index into the places."""
    written: list[str]
    """Each row's written word."""
    others: list[str]
    """Each row's look-alike."""
    kinds: list[str]
    """Each row's kind of confusion."""
    features: np.ndarray
    """Each row's :data:`~newslint.slips.FEATURES`."""
    topical: np.ndarray
    """Whether each row's written word is one of its article's subject."""


def rows_of(places: list[Place]) -> Rows:
    """The look-alikes of ``places`` one by one."""
    rows = [
        (n, written, topical, *row)
        for n, (written, found, topical) in enumerate(places)
        for row in found
    ]
    place, written, topical, others, kinds, features = zip(*rows, strict=True) if rows else [()] * 6
    return Rows(
        np.array(place, dtype=np.int64),
        list(written),
        list(others),
        list(kinds),
        np.array(features, dtype=float).reshape(-1, len(FEATURES)),
        np.array(topical, dtype=bool),
    )


def set_thresholds(
    weights: SlipWeights,
    clean: Rows,
    allowed: int,
    per_pair: int,
    offset: float = 0.0,
    floor: float | None = None,
    margin: float = 0.0,
) -> tuple[float, dict[tuple[str, str], float]]:
    """The thresholds that flag at most ``allowed`` of the ``clean`` places: the lowest
    threshold of the look-alikes of no listed pair that keeps the total within ``allowed``
    (``offset`` lower for those of a written word news never saw: see
    ``SlipWeights.unseen_offset``; ``margin`` higher for those of a word of the article's
    subject: see ``SlipWeights.topical_margin``), and each listed pair's own, the score that
    only its ``per_pair`` highest places passed (``-inf`` if fewer had it; it never goes below
    ``floor``, by default :data:`LISTED_FLOOR` below the first)."""
    # a row of a subject's word passes a threshold where, ``margin`` lower, any row would
    scores = weights.scores(clean.kinds, clean.features) - margin * clean.topical
    listed = np.array([kind in LISTED for kind in clean.kinds], dtype=bool)
    never = clean.features[:, FEATURES.index("written_frequency")] == 0
    lower = offset * never * ~listed
    by_pair: dict[tuple[str, str], list[float]] = {}
    for word, other, value in zip(
        np.array(clean.written)[listed], np.array(clean.others)[listed], scores[listed], strict=True
    ):
        by_pair.setdefault((word, other), []).append(float(value))
    own = {
        pair: sorted(values, reverse=True)[per_pair] if len(values) > per_pair else -np.inf
        for pair, values in by_pair.items()
    }
    row_own = np.array(
        [own.get(pair, -np.inf) for pair in zip(clean.written, clean.others, strict=True)],
        dtype=float,
    )

    def alarms(threshold: float) -> int:
        lowest = threshold - LISTED_FLOOR if floor is None else floor
        limit = np.where(listed, np.maximum(row_own, lowest), threshold - lower)
        return len(np.unique(clean.place[scores > limit]))

    # alarms() falls as the threshold rises: find the lowest threshold within the budget
    low, high = float(scores.min()) - 1, float(scores.max()) + LISTED_FLOOR + 1
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if alarms(middle) > allowed else (low, middle)
    return high, own


def thresholds_at(
    threshold: float,
    floor: float,
    own: dict[tuple[str, str], float],
    offset: float = 0.0,
    margin: float = 0.0,
) -> dict[str, object]:
    """The thresholds as ``SlipWeights`` reads them: ``threshold`` for look-alikes of no listed
    pair (``offset`` lower for a written word news never saw), and for listed pairs their
    ``own`` or, where that is lower, ``floor``; all ``margin`` higher for a word of the
    article's subject. Rounded up: a pair's own threshold is the score of a clean place, which
    must not pass it."""
    return {
        "threshold": _up(threshold),
        "unseen_offset": offset,
        "topical_margin": margin,
        "listed_threshold": _up(floor),
        "pair_thresholds": {
            f"{word} {other}": _up(value)
            for (word, other), value in sorted(own.items())
            if value > floor
        },
    }


def flagged(weights: SlipWeights, rows: Rows) -> np.ndarray:
    """Each row's score where it passes its threshold under ``weights``, else ``-inf``."""
    scores = weights.scores(rows.kinds, rows.features)
    limits = weights.thresholds(rows.kinds, rows.written, rows.others, rows.features, rows.topical)
    return np.where(scores > limits, scores, -np.inf)


def catches(
    weights: SlipWeights, slips: list[Slip], rows: Rows
) -> tuple[Counter[str], Counter[str]]:
    """How many of ``slips`` (whose look-alikes are ``rows``) of each kind ``weights`` catch,
    and of those how many with the word meant suggested first (the rule suggests the
    highest-scoring look-alike that passed)."""
    caught: Counter[str] = Counter()
    right: Counter[str] = Counter()
    first: dict[int, tuple[float, str]] = {}
    for n, score, other in zip(
        rows.place.tolist(), flagged(weights, rows).tolist(), rows.others, strict=True
    ):
        if score > first.get(n, (-np.inf, ""))[0]:
            first[n] = (score, other)
    for n, (kind, meant, *_) in enumerate(slips):
        if n in first:
            caught[kind] += 1
            right[kind] += first[n][1] == meant
    return caught, right


def _up(value: float) -> float:
    return math.ceil(value * 1e6) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", type=Path, nargs="+", help="outputs of build_spelling_data.py")
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--budget", type=float, default=0.17, help="false alarms per 1,000 words")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=data_path("sp102.json"))
    a = ap.parse_args()
    clean: list[Place] = []
    slips: list[Slip] = []
    words = 0
    found_known: set[tuple[str, str, str]] = set()
    for folder in a.folders:
        c, s, w, k = collect(folder, a.shared, a.seed)
        clean += c
        slips += s
        words += w
        found_known |= k
    if not clean or not slips:
        sys.exit("the folders' models left no articles out: build them with --holdout")
    lost = known_slips() - found_known
    if lost:  # the words are no longer split as when the list was made
        sys.exit(
            f"{len(lost)} real slips of {KNOWN_SLIPS.name} match no place, such as {min(lost)}"
        )
    fitted = fit(clean, slips)
    weights = SlipWeights.from_dict(fitted | thresholds_at(0.0, 0.0, {}))
    allowed = int(a.budget * words / 1000)
    required = rows_of([("", must_catch(), False)])
    if any(kind in LISTED for kind in required.kinds):
        sys.exit("REQUIRED holds a listed pair: cap its own threshold too")
    per_pair = int(PAIR_BUDGET * words / 1000)
    clean_rows = rows_of(clean)
    slip_rows = rows_of([(slip, found, topical) for _, _, slip, found, topical in slips])
    best: tuple[int, dict[str, object]] | None = None
    for margin in TOPICAL_MARGINS:
        # The listed pairs' thresholds are set once per margin, with no offset: the offset
        # moves false alarms only between the look-alikes of words news saw and never saw.
        floor = set_thresholds(weights, clean_rows, allowed, per_pair, margin=margin)[0]
        floor -= LISTED_FLOOR
        for offset in UNSEEN_OFFSETS:
            threshold, own = set_thresholds(
                weights, clean_rows, allowed, per_pair, offset, floor, margin
            )
            if len(required.kinds):
                lowest = weights.scores(required.kinds, required.features).min()
                threshold = min(threshold, float(lowest) - 0.01)
            trial = thresholds_at(threshold, floor, own, offset, margin)
            caught, _ = catches(SlipWeights.from_dict(fitted | trial), slips, slip_rows)
            print(
                f"topical margin {margin:.2f}, unseen offset {offset:.2f}: "
                f"caught {sum(caught.values())}",
                file=sys.stderr,
            )
            if best is None or sum(caught.values()) > best[0]:
                best = (sum(caught.values()), trial)
    assert best is not None
    fitted |= best[1]
    weights = SlipWeights.from_dict(fitted)
    caught, right = catches(weights, slips, slip_rows)
    per_kind = Counter(kind for kind, *_ in slips)
    passed = flagged(weights, clean_rows) > -np.inf
    false = len(set(clean_rows.place[passed].tolist()))
    fitted["trained_on"] = (
        f"{len(a.folders)} held-out tenths of Wikinews 2004-2018: {words} words, "
        f"{len(slips)} slips; caught {sum(caught.values()) / len(slips):.3f}, "
        f"meant word first {sum(right.values()) / len(slips):.3f}, "
        f"false alarms {false / words * 1000:.3f} per 1,000 words"
    )
    a.out.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
    print(fitted["trained_on"])
    for kind in KINDS:
        n = per_kind[kind] or 1
        print(
            f"  {kind}: {per_kind[kind]} slips, caught {caught[kind] / n:.3f}, "
            f"right {right[kind] / n:.3f}"
        )
    print(
        f"threshold {fitted['threshold']:.3f} ({fitted['unseen_offset']:.2f} lower for a written "
        f"word news never saw), listed pairs {fitted['listed_threshold']:.3f}, "
        f"{len(fitted['pair_thresholds'])} pairs of their own, all "
        f"{fitted['topical_margin']:.2f} higher for a word of the article's subject"
    )


if __name__ == "__main__":
    main()
