"""Spelling (SP): misspelt words, real-word slips, names spelt two ways, mixed conventions."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, cached_property

from newslint.confusables import (
    FUNCTION,
    HOMOPHONE,
    ONE_SLIP,
    OTHER,
    SUBSTITUTION,
    confusion_kind,
    homophone_table,
)
from newslint.document import Document, Sentence, Token
from newslint.hookspecs import hookimpl
from newslint.lexicon import Lexicon, data_path, default_lexicon, one_edit_apart, read_lines
from newslint.ngram import BOS, EOS, NUM, PUNCT, NgramModel, PairCounts, sentence_words
from newslint.rule import Rule
from newslint.train import default_model_path, load_books
from newslint.violation import Severity, Suggestion, Violation

# Stretches of a sentence that are not prose words: links, e-mail addresses, handles, hashtags.
_NOT_PROSE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[@#]\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|info|io|co|uk|us|de|fr|au|ca)\b\S*",
    re.I,
)
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _checked_sentences(document: Document) -> list[Sentence]:
    """The headline's sentences and the body's: a slip in a headline is the worst kind."""
    head = document.headline.sentences if document.headline is not None else []
    return [*head, *document.sentences]


def _prose_tokens(sentence: Sentence) -> list[Token]:
    """The sentence's tokens outside links, addresses, handles and hashtags."""
    tokens = sentence.tokens
    text = sentence.text
    if not any(c in text for c in "@#/") and "." not in text.rstrip("."):
        return tokens
    cut = [
        (m.start() + sentence.start, m.end() + sentence.start) for m in _NOT_PROSE.finditer(text)
    ]
    if not cut:
        return tokens
    return [t for t in tokens if not any(a <= t.start < b for a, b in cut)]


def _is_name_like(word: str) -> bool:
    """Acronyms (SDF), inner capitals (McCain, iPhone), digits (5km, F-16), dotted (U.S.)."""
    return (
        (word.isupper() and len(word) > 1)
        or any(c.isupper() for c in word[1:])
        or any(c.isdigit() or c == "." for c in word)
        or not word.isascii()
    )


_LATIN = re.compile(r"(?:us|um|ae|ii|is|a)$")
"""Endings of the Latin second half of a species name."""
_HYPHEN_PREFIXES = frozenset({"neo", "co", "pro", "semi", "mid", "ex", "self", "pre", "non"})
"""Prefixes written with a hyphen that are not words on their own."""
COMPOUND_PART = 4
"""Each half of a run-together compound ("studymate", "eyepatches") has at least this many
letters and is a word Wikinews uses: shorter halves, or rarer words, would pass real typos
("alot")."""


def _ascii_fold(word: str) -> str:
    """``word`` without its accents ("Erdoğan": "Erdogan"; "ł" has no decomposition)."""
    folded = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _closed_compound(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` is two common words written together, as news coins them."""
    counts = lexicon.counts
    lower = word.lower()
    return any(
        counts.get(lower[:i], 0) > 0 and counts.get(lower[i:], 0) > 0
        for i in range(COMPOUND_PART, len(lower) - COMPOUND_PART + 1)
    )


def _same_case(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


class MisspelledWord(Rule):
    """## What it does
    Flags a word that is in neither the American nor the British dictionary, nor in the
    newsroom's own word list, and suggests the words it was most likely meant to be.

    ## Why is this bad?
    A misspelling in print tells readers the copy was not checked, and a reader who doubts the
    spelling starts to doubt the facts. Names are left alone: a capitalised word inside a
    sentence, an acronym, a link, an address, a handle or a hashtag is not a misspelling, and
    `words` or `dictionaries` (files of one word a line, relative to the configuration file)
    teach the check the newsroom's own vocabulary. A lower-case word the article uses more than
    once is taken as a term of its subject, and a sentence with three or more unknown words as
    a quotation in another language.

    ## Example
    ```text
    The council dceided on Tuesday to close the library.
    ```

    ## Use instead
    ```text
    The council decided on Tuesday to close the library.
    ```
    """

    code = "SP101"
    name = "misspelled-word"
    severity = Severity.WARNING
    options = {"words": [], "dictionaries": []}

    FOREIGN = 3
    """A sentence with this many unknown words is taken to be in another language."""

    @cached_property
    def house_words(self) -> frozenset[str]:
        """The configured words and the words of the configured dictionary files."""
        words = set(self.config["words"])
        for name in self.config["dictionaries"]:
            lines = read_lines(self.resolve_path(name))
            words.update(w.strip() for w in lines if w.strip() and not w.startswith("#"))
        return frozenset(words)

    def check(self, document: Document) -> Iterator[Violation]:
        house = self.house_words
        lexicon = default_lexicon()
        sentences = _checked_sentences(document)
        written = Counter(t.text for s in sentences for t in s.tokens if not t.is_sentence_initial)
        verdicts: dict[tuple[str, bool], bool] = {}  # news repeats its words: judge each once
        for sentence in sentences:
            found = []
            foreign = 0
            previous = ""
            for token in _prose_tokens(sentence):
                key = (token.text, token.is_sentence_initial)
                if key not in verdicts:
                    verdicts[key] = self._unknown(token, lexicon, house, written)
                if not token.text.isascii() and token.text.islower():
                    foreign += 1  # "mów", "já": a word of another language
                elif verdicts[key] and not (previous[:1].isupper() and _LATIN.search(token.text)):
                    found.append(
                        token
                    )  # (a species name's second half is Latin: "Emerita talpoida")
                previous = token.text
            if len(found) + foreign >= self.FOREIGN:
                continue  # a sentence in another language, or code: not English misspellings
            for token in found:
                if written[token.text] > 1 and token.text.islower():
                    continue  # a term the article uses again and again (fursuit, niqab)
                suggestions = lexicon.suggest(token.text, house, locale=document.locale)
                hint = f'; did you mean "{suggestions[0]}"?' if suggestions else ""
                yield self.violation(
                    token.span,
                    f'"{token.text}" is not in the dictionary{hint}',
                    [Suggestion(s, title=f'Replace with "{s}"') for s in suggestions],
                )

    @staticmethod
    def _unknown(
        token: Token, lexicon: Lexicon, house: frozenset[str], written: Counter[str]
    ) -> bool:
        if token.text in lexicon.counts:
            return False  # the common case, first
        word = _POSSESSIVE.sub("", token.text.replace("\u2019", "'"))
        if len(word) < 3 or _is_name_like(word) or word in house or lexicon.knows(word):
            return False
        if lexicon.is_derived(word):
            return False
        parts = word.split("-")
        if any(p[:1].isupper() for p in parts[1:]) or all(
            lexicon.knows(p) or p in house or p.lower() in _HYPHEN_PREFIXES for p in parts if p
        ):
            return False  # al-Baghdadi, neo-pagan, or a compound of real words
        if len(parts) > 1 and lexicon.knows(word.replace("-", "")):
            return False  # co-ordinated, anti-semitism: the closed form is a word
        if word[0].isupper():
            # a name, unless it is a long well-known misspelling not written as a name
            # elsewhere (short ones, "Brin", "Gude", are far more often names)
            return (
                len(word) >= 6
                and word.lower() in lexicon.misspellings
                and (token.is_sentence_initial or written[word] <= 1)
            )
        return not _closed_compound(word, lexicon)


@cache
def load_model(path: str) -> NgramModel:
    """A model file, read once per process (the shipped one when ``path`` is empty)."""
    return NgramModel.load(path or default_model_path())


@cache
def _homophones() -> dict[str, frozenset[str]]:
    return homophone_table()


SEEN_CONTEXT = 2
"""A written word already seen this often between the same two neighbours is left alone: the
newsroom's own usage (a trained model) outweighs any general statistics."""
_NOT_BOOK_WORD = frozenset({BOS, EOS, PUNCT, NUM})
BANDS = (5, 500)
"""Edges of the bands of how often the news model has seen the written word; each band has
thresholds of its own. The model knows little of a rare word's contexts, so every look-alike
seems to fit better; a word seen hundreds of times it knows well."""


TOPICAL = 20
"""A word an article uses at least twice, and this many times more often than news in general
does, is a word of its subject ("moles", "ants"), not a slip."""


def topic_words(model: NgramModel, counts: Counter[str]) -> frozenset[str]:
    """The words of ``counts`` (an article's normalised words) that are words of its subject."""
    size = sum(counts.values())
    # A word used once is never topical: skip the model lookups for most of the article.
    return frozenset(w for w, c in counts.items() if c >= 2 and is_topical(model, w, c, size))


def is_topical(model: NgramModel, word: str, count: int, size: int) -> bool:
    """Whether ``word``, used ``count`` times in an article of ``size`` words, is a word of
    its subject (see :data:`TOPICAL`)."""
    expected = size * model.unigrams[model.index.get(word, 0)] / max(model.total, 1)
    return count >= 2 and count > TOPICAL * expected


def slip_evidence(
    model: NgramModel, books: PairCounts, words: Sequence[str], positions: Iterable[int]
) -> Iterator[tuple[int, int, list[tuple[str, str, float, float]]]]:
    """For each doubtful position of a sentence, the band of how often the news model has seen
    the written word (see :data:`BANDS`), and its look-alikes with the kind of confusion and
    how much better each fits there than the written word: in the news model (log score of the
    trigrams around it) and in the book pair counts (left and right pairs; 0 where the books do
    not know both words).

    :param words: The sentence as :func:`newslint.ngram.sentence_words` gives it.
    :param positions: Indexes in ``words`` to judge.
    """
    index, alternatives_of = model.index, model.confusable_ids
    size, trigrams, bigrams = model.size, model.trigrams, model.bigrams
    window = model.window_score
    unigrams = model.unigrams
    book_index, book_pairs, b_size = books.index, books.pairs, books.size
    ids = [index[BOS], *(index.get(w, 0) for w in words), index[EOS]]
    padded = [BOS, *words, EOS]
    for at in positions:
        i = at + 1  # past <s>
        here = ids[i]
        alternatives = alternatives_of(here)
        if not alternatives:
            continue
        before, after = ids[i - 1], ids[i + 1]
        if trigrams.get((before * size + here) * size + after, 0) >= SEEN_CONTEXT:
            continue
        word = padded[i]
        left = None if padded[i - 1] in _NOT_BOOK_WORD else padded[i - 1]
        right = None if padded[i + 1] in _NOT_BOOK_WORD else padded[i + 1]
        # Only a look-alike seen more often beside a neighbour, in news or in books, can fit
        # better; the rest are not worth scoring (most look-alikes of most words).
        seen_left = bigrams.get(before * size + here, 0)
        seen_right = bigrams.get(here * size + after, 0)
        # Book pair keys: -1 stands for a neighbour the books do not have (no pair matches).
        b_left = book_index.get(left, -1) if left else -1
        b_right = book_index.get(right, -1) if right else -1
        b_word = book_index.get(word, -1)
        book_left = book_pairs.get(b_left * b_size + b_word, 0) if b_left >= 0 else 0
        book_right = book_pairs.get(b_word * b_size + b_right, 0) if b_right >= 0 else 0
        rivals = []
        # This loop runs for every look-alike of every common word: keep it to dict lookups.
        left_key, book_left_key = before * size, b_left * b_size
        for alt, other in alternatives:
            if (
                bigrams.get(left_key + alt, 0) > seen_left
                or bigrams.get(alt * size + after, 0) > seen_right
            ):
                rivals.append((alt, other))
                continue
            b_alt = book_index.get(other, -1)
            if b_alt >= 0 and (
                (b_left >= 0 and book_pairs.get(book_left_key + b_alt, 0) > book_left)
                or (b_right >= 0 and book_pairs.get(b_alt * b_size + b_right, 0) > book_right)
            ):
                rivals.append((alt, other))
        if not rivals:
            continue
        written_news = window(ids, i, here)
        written_books = books.score(left, word, right)
        found = []
        for alt, other in rivals:
            in_books = None if written_books is None else books.score(left, other, right)
            found.append(
                (
                    other,
                    _kind(word, other),
                    window(ids, i, alt) - written_news,
                    # No book evidence where the books lack either word.
                    0.0 if in_books is None or written_books is None else in_books - written_books,
                )
            )
        seen = unigrams[here]
        yield at, sum(seen >= edge for edge in BANDS), found


@cache
def _kind(word: str, other: str) -> str:
    return confusion_kind(word, other, _homophones())


class RealWordSlip(Rule):
    """## What it does
    Flags a real word that does not fit its context where a word one slip away, or one that
    sounds the same, fits much better: "form" for "from", "trail" for "trial", "their" for
    "there", "forced" for "forces".

    ## Why is this bad?
    Every word of such a slip is in the dictionary, so spelling checkers pass it, but readers
    stumble on it at once. The check compares the written word with its look-alikes and
    sound-alikes in two sets of statistics: a word trigram model of news text, and counts of
    word pairs in Google Books, which has seen thousands of times more text. `newslint train`
    builds a news model from the newsroom's own archive, and `model` points the rule at it
    (relative to the configuration file); a context the archive uses is then never flagged.
    `margin` raises (or, negative, lowers) how much better a look-alike must fit.

    ## Example
    ```text
    Joseph Votel, the top commander of U.S. forced in the Middle East, said the fight was not over.
    ```

    ## Use instead
    ```text
    Joseph Votel, the top commander of U.S. forces in the Middle East, said the fight was not over.
    ```
    """

    code = "SP102"
    name = "real-word-slip"
    severity = Severity.WARNING
    options = {"model": "", "margin": 0.0}

    SETTINGS = {
        (FUNCTION, 0): (3.0, 40.0),
        (HOMOPHONE, 0): (0.5, 11.5),
        (ONE_SLIP, 0): (1.5, 37.0),
        (SUBSTITUTION, 0): (0.5, 20.0),
        (OTHER, 0): (1.0, 32.0),
        (FUNCTION, 1): (0.5, 10.5),
        (HOMOPHONE, 1): (0.25, 7.5),
        (ONE_SLIP, 1): (0.5, 16.5),
        (SUBSTITUTION, 1): (0.5, 16.5),
        (OTHER, 1): (1.0, 28.0),
        (FUNCTION, 2): (1.0, 15.5),
        (HOMOPHONE, 2): (0.25, 2.0),
        (ONE_SLIP, 2): (0.5, 10.0),
        (SUBSTITUTION, 2): (1.0, 16.5),
        (OTHER, 2): (0.25, 12.5),
    }
    """For each kind of confusion and band of how often news uses the written word (see
    :data:`BANDS`): the weight of the book evidence beside the news model's, and how much
    better (in combined log score) a look-alike must fit. Chosen by ``tools/tune_sp102.py`` on
    slips put into Wikinews articles the model did not learn from (see
    ``data/spelling/README.md``), never on the development set; ``margin`` is added to every
    threshold."""

    def model(self) -> NgramModel:
        """The configured model, or the shipped one."""
        path = self.config["model"]
        return load_model(str(self.resolve_path(path)) if path else "")

    def check(self, document: Document) -> Iterator[Violation]:
        model, books = self.model(), load_books()
        margin = float(self.config["margin"])
        settings = {key: (weight, t + margin) for key, (weight, t) in self.SETTINGS.items()}
        # Headlines are left out: their clipped grammar ("Man dies in crash") is not the
        # grammar of the body text the statistics come from.
        sentences = []
        counts: Counter[str] = Counter()
        for sentence in document.sentences:
            tokens = _prose_tokens(sentence)
            base = sentence.start
            words, where = sentence_words(sentence.text, [(t.start - base, t.text) for t in tokens])
            sentences.append((tokens, words, where))
            counts.update(words)
        topical = topic_words(model, counts)
        for tokens, words, where in sentences:
            # A capitalised word inside a sentence is part of a name: "Public Health England".
            doubtful = {
                at: token
                for token, at in zip(tokens, where, strict=True)
                if (token.is_sentence_initial or not token.text[0].isupper())
                and words[at] not in topical
            }
            for at, band, found in slip_evidence(model, books, words, doubtful):
                token = doubtful[at]
                scored = []
                for alt, kind, news, book in found:
                    weight, threshold = settings[kind, band]
                    if news + weight * book > threshold:
                        scored.append((news + weight * book, alt))
                scored.sort(reverse=True)
                if scored:
                    better = [_same_case(alt, token.text) for _, alt in scored[:3]]
                    yield self.violation(
                        token.span,
                        f'"{token.text}" may be a slip for "{better[0]}"',
                        [Suggestion(a, title=f'Replace with "{a}"') for a in better],
                    )


class NameSpelledTwoWays(Rule):
    """## What it does
    Flags a name written two ways in one article, such as "Zinichev" and "Zinchev", at the
    rarer form, and suggests the commoner one.

    ## Why is this bad?
    Names are the facts readers and their subjects check first. Two spellings mean at least one
    is wrong, and a dictionary cannot tell which; the article's own majority usually can.

    ## Example
    ```text
    Minister Yevgeny Zinichev died on Wednesday. Zinichev had led the ministry since 2018.
    Officials said Zinchev fell while trying to save a man.
    ```

    ## Use instead
    ```text
    Minister Yevgeny Zinichev died on Wednesday. Zinichev had led the ministry since 2018.
    Officials said Zinichev fell while trying to save a man.
    ```
    """

    code = "SP103"
    name = "name-spelled-two-ways"
    severity = Severity.WARNING

    MIN_LENGTH = 6
    """Shorter names are too often distinct names one letter apart (Ali, Alu; Mark, Marx)."""

    def check(self, document: Document) -> Iterator[Violation]:
        lexicon = default_lexicon()
        names: dict[str, list[Token]] = {}
        for sentence in _checked_sentences(document):
            for token in _prose_tokens(sentence):
                word = _POSSESSIVE.sub("", token.text.replace("\u2019", "'"))
                if (
                    len(word) >= self.MIN_LENGTH
                    and word[0].isupper()
                    and not word.isupper()
                    and not any(c.isdigit() for c in word)
                ):
                    names.setdefault(word, []).append(token)
        for rare, tokens in names.items():
            if lexicon.knows(rare):
                continue
            for common in names:
                if common[0] != rare[0] or not one_edit_apart(rare, common):
                    continue
                if len(names[common]) < len(tokens) or (
                    len(names[common]) == len(tokens)
                    and names[common][0].span.start > tokens[0].span.start
                ):
                    continue  # flag the rarer form; of two equally common, the later one
                if rare.rstrip("s") == common.rstrip("s"):
                    continue  # a plural or possessive ("Americans", "Jones")
                if _ascii_fold(rare) == _ascii_fold(common):
                    continue  # the name with and without its accents: Kaczyński, Kaczynski
                for token in tokens:
                    yield self.violation(
                        token.span,
                        f'"{rare}" is spelt "{common}" elsewhere in the article',
                        [
                            Suggestion(
                                token.text.replace(rare, common, 1),
                                title=f'Replace with "{common}"',
                            )
                        ],
                    )
                break


@cache
def british_to_american() -> dict[str, str]:
    """British spellings and their American forms, from the shipped list."""
    pairs = (line.split("\t") for line in read_lines(data_path("en-GB_to_en-US.tsv")))
    return {gb: us for gb, us in pairs}


@cache
def american_to_british() -> dict[str, str]:
    """American spellings and their British forms."""
    return {us: gb for gb, us in sorted(british_to_american().items(), reverse=True)}


class MixedSpelling(Rule):
    """## What it does
    Flags a British spelling in an article checked as `en-US` ("realised", "defence"), or an
    American one in an `en-GB` article ("realized", "defense"), and offers the locale's form.

    ## Why is this bad?
    A publication spells one way. Copy that mixes "defence" and "defense" looks patched
    together from wire copy, and the house locale (`locale` in the configuration) says which
    one the newsroom uses. Capitalised names keep their own spelling ("Ministry of Defence"),
    and spellings both dictionaries hold ("cancelled", "judgement") are left alone.
    An article that spells the other way throughout is reported at `unmixed_severity`
    (`info` by default: often it is wire copy kept in its own convention on purpose).

    ## Example
    ```text
    People there realised that this shy man was an astute strategist, Ms Amara said.
    ```

    ## Use instead
    ```text
    People there realized that this shy man was an astute strategist, Ms Amara said.
    ```
    """

    code = "SP104"
    name = "mixed-spelling"
    severity = Severity.WARNING
    fixable = True
    options = {"unmixed_severity": "info"}

    def check(self, document: Document) -> Iterator[Violation]:
        british = document.locale == "en-GB"
        table = american_to_british() if british else british_to_american()
        own = british_to_american() if british else american_to_british()
        other = "American" if british else "British"
        tokens = [
            t
            for s in _checked_sentences(document)
            for t in s.tokens
            if t.is_sentence_initial or not t.text[:1].isupper()
        ]  # not names: "Labour"
        mixed = any(t.text.lower() in own for t in tokens)
        severity = (
            self.effective_severity if mixed else Severity.parse(self.config["unmixed_severity"])
        )
        lexicon = default_lexicon()
        theirs = "en-US" if british else "en-GB"
        for token in tokens:
            target = table.get(token.text.lower())
            # A spelling the locale's own dictionary also holds ("cancelled", "judgement" are
            # American variants too) is a choice, not a mix-up.
            if target is None or lexicon.locale_of(token.text.lower()) != theirs:
                continue
            fixed = target.upper() if token.text.isupper() else _same_case(target, token.text)
            v = self.violation(
                token.span,
                f'"{token.text}" is {other} spelling; the article is {document.locale}',
                [Suggestion(fixed, safe=True, title=f'Replace with "{fixed}"')],
            )
            v.severity = severity
            yield v


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [MisspelledWord, RealWordSlip, NameSpelledTwoWays, MixedSpelling]
