"""Spelling (SP): misspelt words, real-word slips, names spelt two ways, mixed conventions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache, cached_property

from newslint.confusables import (
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
from newslint.ngram import BOS, EOS, NgramModel, normalize, sentence_words
from newslint.rule import Rule
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
            for token in _prose_tokens(sentence):
                key = (token.text, token.is_sentence_initial)
                if key not in verdicts:
                    verdicts[key] = self._unknown(token, lexicon, house, written)
                if verdicts[key]:
                    found.append(token)
            if len(found) >= self.FOREIGN:
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
            lexicon.knows(p) or p in house for p in parts if p
        ):
            return False  # al-Baghdadi, or a compound of real words
        if word[0].isupper():
            # a name, unless it is a well-known misspelling not written as a name elsewhere
            return word.lower() in lexicon.misspellings and (
                token.is_sentence_initial or written[word] <= 1
            )
        return True


@cache
def load_model(path: str) -> NgramModel:
    """A model file, read once per process (the shipped one when ``path`` is empty)."""
    from newslint.train import default_model_path

    return NgramModel.load(path or default_model_path())


@cache
def _homophones() -> dict[str, frozenset[str]]:
    return homophone_table()


class RealWordSlip(Rule):
    """## What it does
    Flags a real word that does not fit its context where a word one slip away, or one that
    sounds the same, fits much better: "form" for "from", "trail" for "trial", "their" for
    "there", "forced" for "forces".

    ## Why is this bad?
    Every word of such a slip is in the dictionary, so spelling checkers pass it, but readers
    stumble on it at once. The check compares the written word with its look-alikes and
    sound-alikes in a word n-gram model of news text; `newslint train` builds a model from the
    newsroom's own archive, and `model` points the rule at it (relative to the configuration
    file). `margin` raises (or, negative, lowers) how much better a look-alike must fit.

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

    SEEN_CONTEXT = 2
    """A written word already seen this often between the same two neighbours is left alone."""
    SEEN_PAIRS = 3
    """...or already seen this often after its left neighbour and before its right one: a slip
    nearly always makes at least one pair of neighbours that news text does not have."""
    THRESHOLDS = {HOMOPHONE: 4.0, ONE_SLIP: 10.0, SUBSTITUTION: 12.0, OTHER: 16.0}
    """How much better (in log score) a look-alike must fit, by kind of confusion: sound-alikes
    are the commonest slips; a substituted letter or another ending far more often makes a
    different, correct word ("had"/"has", "included"/"including"). ``margin`` is added to all."""

    def model(self) -> NgramModel:
        """The configured model, or the shipped one."""
        path = self.config["model"]
        return load_model(str(self.resolve_path(path)) if path else "")

    def gains(self, document: Document) -> Iterator[tuple[Token, list[tuple[float, str]]]]:
        """Each doubtful word with its look-alikes and how much better each fits, best first.

        Headlines are left out: their clipped grammar ("Man dies in crash") is not the grammar
        of the body text the model learned.
        """
        model = self.model()
        index, alternatives_of = model.index, model.confusable_ids
        trigrams, bigrams, size = model.trigrams, model.bigrams, model.size
        score = model.window_score
        bos, eos = index[BOS], index[EOS]
        for sentence in document.sentences:
            tokens = _prose_tokens(sentence)
            base = sentence.start
            words, where = sentence_words(sentence.text, [(t.start - base, t.text) for t in tokens])
            ids = [bos, *(index.get(w, 0) for w in words), eos]
            for token, at in zip(tokens, where):
                i = at + 1  # past <s>
                left, here, right = ids[i - 1], ids[i], ids[i + 1]
                alternatives = alternatives_of.get(here)
                if alternatives is None:
                    continue
                if token.text[0].isupper() and not token.is_sentence_initial:
                    continue  # part of a name: "Public Health England"
                seen_left = bigrams.get(left * size + here, 0)
                seen_right = bigrams.get(here * size + right, 0)
                if (
                    min(seen_left, seen_right) >= self.SEEN_PAIRS
                    or trigrams.get((left * size + here) * size + right, 0) >= self.SEEN_CONTEXT
                ):
                    continue
                # Only look-alikes seen more often beside one of the neighbours can fit better.
                rivals = [
                    (alt, word)
                    for alt, word in alternatives
                    if bigrams.get(left * size + alt, 0) > seen_left
                    or bigrams.get(alt * size + right, 0) > seen_right
                ]
                if not rivals:
                    continue
                written = score(ids, i, here)
                yield (
                    token,
                    sorted(((score(ids, i, alt) - written, w) for alt, w in rivals), reverse=True),
                )

    def check(self, document: Document) -> Iterator[Violation]:
        margin = float(self.config["margin"])
        lowest = min(self.THRESHOLDS.values()) + margin
        homophones = _homophones()
        for token, scored in self.gains(document):
            word = normalize(token.text)
            better = [
                _same_case(alt, token.text)
                for gain, alt in scored
                if gain > lowest
                and gain > self.THRESHOLDS[confusion_kind(word, alt, homophones)] + margin
            ]
            if better:
                yield self.violation(
                    token.span,
                    f'"{token.text}" may be a slip for "{better[0]}"',
                    [Suggestion(a, title=f'Replace with "{a}"') for a in better[:3]],
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
    one the newsroom uses. Capitalised names keep their own spelling ("Ministry of Defence").
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
        for token in tokens:
            target = table.get(token.text.lower())
            if target is None:
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
