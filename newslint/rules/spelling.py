"""Spelling (SP): misspelt words, real-word slips, names spelt two ways, mixed conventions."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

from newslint.document import BOM, OXFORD, Document, Sentence, Token
from newslint.hookspecs import hookimpl
from newslint.lexicon import (
    PREFIXES,
    SUFFIXES,
    Lexicon,
    ascii_fold,
    data_path,
    default_lexicon,
    edits1,
    file_version,
    one_edit_apart,
    read_lines,
    read_text,
)
from newslint.names import PARTICLES, TITLES
from newslint.phrases import in_set_phrases
from newslint.rule import Rule, choice_problem, strings_problem
from newslint.terms import STOPWORDS
from newslint.violation import Severity, Suggestion, Violation

_POSSESSIVE = re.compile(r"['\u2019]s?$")
_DIGIT_OR_DOT = re.compile(r"[0-9.]")


def _word_list(file: Path) -> list[str]:
    """The words of a house dictionary: one a line, ``#`` lines are comments. A byte-order
    mark (Notepad saves UTF-8 with one) is no part of the first word."""
    lines = read_text(file).removeprefix(BOM).splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def _is_name_like(word: str) -> bool:
    """Acronyms (SDF), inner capitals (McCain, iPhone), digits (5km, F-16), dotted (U.S.)."""
    # Not ASCII first: for ASCII words, str methods and a regex do the letter-by-letter tests.
    return (
        not word.isascii()
        or (word.isupper() and len(word) > 1)
        or word[1:] != word[1:].lower()
        or _DIGIT_OR_DOT.search(word) is not None
    )


_LATIN = re.compile(r"(?:us|um|ae|i|is|as|a)$")
"""Endings of the Latin second half of a species name ("talpoida", "zoui", "carcharias")."""
_DETERMINERS = frozenset(
    "the a an this that these those its his her their our my your no every each".split()
)
"""Words that open a noun phrase: capitalised at a sentence's start they are no genus ("The
milita said"), so the word after one is not the Latin half of a species name."""
_FOREIGN_LEADS = frozenset(
    "ad au aux das de del della des di du el en et la las le les los pro und von y zu".split()
)
"""Function words of French, Spanish, Italian, German and Latin that English borrows phrases
with ("en masse", "pro tem", "de rigueur"): an unknown word after one is part of the phrase."""
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
"""Marks that open or close a quotation."""
_GLOTTAL = re.compile(r"[aeiou]'[aeiou]", re.I)
"""An apostrophe between vowels marks a glottal stop ("fa'a", "Hawai'i"); English never
puts one there."""
_CLIPPED = re.compile(r"[a-z]+'[b-df-hj-np-rt-z][a-z]*", re.I)
"""A word clipped by an apostrophe before a consonant other than "s" ("gov't"); "their's",
a common slip, is not one."""
_CONTRACTION = re.compile(r"([a-z]+)'(?:ll|d|ve|re)", re.I)
"""A known word with "will", "would", "have" or "are" contracted ("there'll", "there'd")."""
LONG_MISSPELLING = 6
"""A capitalised known misspelling this long is reported but where the article writes it as a
name; a shorter one ("Teh", "Thier") only where it opens a sentence, is never written inside
one and no capitalised word follows it, as a name ("Brin", "Raed Juhi") is, unless it is a
slip of a function word before a known word or an acronym ("Teh European Union")."""
UNIT_LENGTH = 3
"""An unknown word of at most this many letters after a number is a unit ("33 bhp",
"2.50 eur"); longer ones after numbers are as often slips ("30 millon")."""
_HYPHEN_PREFIXES = frozenset({"neo", "co", "pro", "semi", "mid", "ex", "self", "pre", "non"})
"""Prefixes written with a hyphen that are not words on their own."""
COMPOUND_PART = 4
"""Each half of a run-together compound ("studymate", "eyepatches") has at least this many
letters and is a word Wikinews uses: shorter halves, or rarer words, would pass real typos
("alot")."""
SHORT_COMPOUND_PART = 3
"""Halves of three letters ("darknet", "eyestyles") make a compound only when they are common
words (see :data:`SHORT_PART_USES`) and no known word is one edit away: a slip lies one edit
from its word far more often than it splits in two."""
SHORT_PART_USES = 20
"""How often Wikinews must use a three-letter half ("eye", "net"; not "hon", "sem")."""


def _closed_compound(
    word: str, lexicon: Lexicon, shortest: int = COMPOUND_PART, used: int = 1
) -> bool:
    """Whether ``word``, or its singular, is two common words of at least ``shortest`` letters
    written together, as news coins them ("studymate", "playthroughs"); halves of four letters
    or more must be words news used ``used`` times (0: any word of the dictionary's main
    lists, "paws")."""
    counts = lexicon.counts
    lower = word.lower()

    def half(part: str) -> bool:
        least = used if len(part) >= COMPOUND_PART else SHORT_PART_USES
        return part in counts and counts[part] >= least

    longest = lexicon.longest  # neither half is longer than a known word
    return any(
        half(stem[:i]) and half(stem[i:])
        for stem in {lower, lower.removesuffix("s")}
        for i in range(max(shortest, len(stem) - longest), min(len(stem) - shortest, longest) + 1)
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
    teach the check the newsroom's own vocabulary, each word with the endings and prefixes a
    dictionary word takes ("vaxxer": "vaxxers", "anti-vaxxer"). A lower-case word the article
    uses more than once is taken as a term of its subject, and an unknown word with two more
    within five words either side of it, or in a sentence of which such words make a tenth, as
    part of a quotation in another language (but for an easy slip of a word amid English
    function words: "teh council dceided ... the goverment"). A word that no dictionary word is
    near, and that is no known misspelling ("transcriptome", "exfiltration"), is taken as a term
    the dictionary lacks and not reported: a slip almost always lies within two edits of the
    word meant. Set `unsuggested = true` to report these too. Nor are these reported: an unknown
    word beside such a term or a word of another language ("certeza y estabilidad"), or after a
    French, Spanish, German or Latin function word ("en masse", "pro tem"), or after a
    capitalised word news never uses, in a name of another language ("Rue nationale"); a word of
    a Latin or French set phrase English uses, where the whole phrase stands ("tried in
    absentia", "force majeure"; "in absentai" is still a misspelling); a name particle between
    names ("Muadh ibn Jabal"); the Latin half of a species name ("Carcharodon carcharias"); a
    compound or derivation of known words ("darknet", "human-crewable", "commercialish"; not a
    known slip, "occured"), a rhyming pair ("walkie-talkie", "wishy-washy"), or a prefix written
    open ("cyber attack"); a contraction ("there'll", "runnin'"); a loanword written without its
    accents ("melee", "protege"); a unit after a number ("33 bhp"); a term quoted on its own
    that is not one slip from a word, or is two words written together ('known as "fursonas"',
    'pairs of "handpaws"'); part of a handle ("raven_alwayz"); a word completed in square
    brackets ("[e]xtremely").

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
    options = {"words": [], "dictionaries": [], "unsuggested": False}
    path_options = ("dictionaries",)

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        return strings_problem(value) if name == "words" else None

    @classmethod
    def path_problem(cls, name: str, file: Path) -> str | None:
        # read here, a word list the rule cannot read is one error naming the key; read by the
        # rule, it was a crash on every article
        try:
            _word_list(file)
        except UnicodeDecodeError as exc:
            return (f"is not UTF-8: byte 0x{exc.object[exc.start]:02x} at byte offset "
                    f"{exc.start} cannot be decoded (save the file as UTF-8)")
        except (OSError, EOFError) as exc:  # a .gz list that is cut short or no gzip
            return f"cannot be read ({exc})"
        return None

    FOREIGN = 3
    """How many unknown words make a passage of another language, or code (see
    :func:`_in_foreign_passage`)."""

    @property
    def house_words(self) -> frozenset[str]:
        """The configured words and the words of the configured dictionary files, read again
        when a file changes: the language server runs on while the desk adds words."""
        files = [self.resolve_path(name) for name in self.config["dictionaries"]]
        stamps = tuple(file_version(file) for file in files)
        kept = self.__dict__.get("_house")
        if kept is not None and kept[0] == stamps:
            return kept[1]
        words = set(self.config["words"])
        for file in files:
            words.update(_word_list(file))
        # words are looked up with straight apostrophes, as they are written or curled
        house = frozenset(w.replace("\u2019", "'") for w in words)
        self.__dict__["_house"] = (stamps, house)
        return self.__dict__["_house"][1]

    def check(self, document: Document) -> Iterator[Violation]:
        house = self.house_words
        lexicon = default_lexicon()
        sentences = document.copy_sentences
        # Counted in C, then the sentences' openers taken out: only a first token opens one.
        # A page title or heading that restates the headline is checked, not counted again, or
        # a slip in both would pass for a term the article uses twice.
        restated = document.restatements
        counted = [s for s in sentences if not any(s.block is b for b in restated)]
        written = Counter(chain.from_iterable(s.words for s in counted))
        for s in counted:
            if s.tokens and s.tokens[0].is_sentence_initial:
                written[s.tokens[0].text] -= 1
        counts = lexicon.counts
        verdicts: dict[tuple[str, bool], bool] = {}  # news repeats its words: judge each once
        suggested: dict[str, list[str]] = {}
        people: set[str] | None = None  # asked only of a capitalised misspelling, seldom

        def suggest(word: str) -> list[str]:
            if word not in suggested:
                suggested[word] = _suggestions(word, lexicon, house, document.locale)
            return suggested[word]

        for sentence in sentences:
            tokens = sentence.prose_tokens
            foreign: set[int] = set()  # words of other languages
            unknown: set[int] = set()
            found: list[int] = []  # the unknown words that their context does not excuse
            phrased: set[int] | None = None  # words of set phrases ("in absentia"), on need
            for at, token in enumerate(tokens):
                if token.text in counts and token.text.isascii():
                    continue  # the common case: a dictionary word, neither foreign nor unknown
                key = (token.text, token.is_sentence_initial)
                if key not in verdicts:
                    verdicts[key] = self._unknown(token, lexicon, house, written)
                # "mów", "já": a word of another language
                other = not token.text.replace("\u2019", "'").isascii() and token.text.islower()
                if not (other or verdicts[key]):
                    continue
                if phrased is None:
                    phrased = in_set_phrases([t.text for t in tokens])
                if at in phrased:
                    continue  # English after all: "in absentia", "force majeure", "déjà vu"
                if other:
                    foreign.add(at)
                else:
                    unknown.add(at)
                    if not _word_by_context(sentence, tokens, at, lexicon):
                        found.append(at)
            strange = sorted(foreign | unknown)
            for at in found:
                if _in_foreign_passage(strange, tokens, at, lexicon):
                    continue  # another language, or code: not English misspellings
                token = tokens[at]
                if token.text.islower() and _article_term(token.text, written):
                    continue  # a term the article uses again and again (fursuit, niqab)
                if token.text[0].isupper():
                    bare = _POSSESSIVE.sub("", token.text)  # "Brin's"
                    if (
                        len(bare) < LONG_MISSPELLING
                        and at + 1 < len(tokens)
                        and tokens[at + 1].text[:1].isupper()
                        and not _function_word_slip(bare, tokens[at + 1].text, lexicon)
                    ):
                        continue  # a name opening a sentence in full: "Raed Juhi, spokesman"
                    if people is None:
                        people = _people_named(document, sentences)
                    if _POSSESSIVE.sub("", token.text).lower() in people:
                        continue  # "Mr Cleary", then "Cleary said": a surname, not "Clearly"
                if any(
                    near in foreign or (near in unknown and not suggest(tokens[near].text))
                    for near in (at - 2, at - 1, at + 1, at + 2)
                ):
                    continue  # beside a word no English word is near: "certeza y estabilidad"
                suggestions = suggest(token.text)
                if not suggestions and not self.config["unsuggested"]:
                    continue  # no word is near it: a term the dictionary lacks, not a slip
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
        if lexicon.is_derived(word, house):
            return False
        if _GLOTTAL.search(word) or (
            _CLIPPED.fullmatch(word) and lexicon.knows(word.replace("'", ""))
        ):
            return False  # "fa'a Samoa"; "gov't", an abbreviation
        contraction = _CONTRACTION.fullmatch(word)
        if contraction and lexicon.knows(contraction[1]):
            return False
        parts = word.split("-")
        if any(p[:1].isupper() for p in parts[1:]) or all(
            lexicon.knows(p) or lexicon.is_derived(p, house) or p in house
            or p.lower() in _HYPHEN_PREFIXES
            for p in parts
            if p
        ):
            return False  # al-Baghdadi, neo-pagan, or a compound of real words
        if len(parts) > 1 and lexicon.knows(word.replace("-", "")):
            return False  # co-ordinated, anti-semitism: the closed form is a word
        if len(parts) == 2 and _reduplicative(*parts):
            return False  # "walkie-talkie", "wishy-washy"
        if word[0].isupper():
            # a name, unless it is a well-known misspelling not written as a name elsewhere: a
            # long one; a short one ("Teh", "Wich") only where it opens a sentence and never
            # stands inside one, as names ("Brin", "Gude") do, far more often than such slips
            if word.lower() not in lexicon.misspellings:
                return False
            if len(word) >= LONG_MISSPELLING:
                return token.is_sentence_initial or _written_inside(word, written) <= 1
            return token.is_sentence_initial and not _written_inside(word, written)
        if word in lexicon.misspellings:
            return True  # a listed slip that splits into two words: "publically", "afterall"
        return not (
            _closed_compound(word, lexicon)
            or (_closed_compound(word, lexicon, SHORT_COMPOUND_PART) and not lexicon.has_near(word))
        )


_CONSONANTS = "bcdfghjklmnpqrstvwxyz"
"""The letters that open a word before its first vowel, which a rhyme leaves out."""
RHYME = 3
"""How many letters the two halves of a rhyming word share at least ("roly-poly")."""


def _reduplicative(first: str, second: str) -> bool:
    """Whether two halves of a hyphenated word make one of English's rhyming or vowel-changing
    pairs ("walkie-talkie", "hanky-panky", "helter-skelter"; "wishy-washy", "zig-zag"), which
    dictionaries list only in part. A slip in either half breaks the pattern, and stays one."""
    a, b = first.lower(), second.lower()
    if a == b or not (a.isalpha() and b.isalpha()):
        return False
    rhyme = a.lstrip(_CONSONANTS)
    if len(rhyme) >= RHYME and rhyme == b.lstrip(_CONSONANTS):
        return True
    # the vowel changes from i to a or o, as in such pairs ("chit-chat", "ping-pong")
    differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    return len(a) == len(b) and differ in ([("i", "a")], [("i", "o")])


def _written_inside(word: str, written: Counter[str]) -> int:
    """How often the article writes ``word`` inside a sentence, bare or with a possessive
    (either apostrophe): "Sergey Brin's company" writes the name "Brin" as "Brin" does."""
    return sum(written[word + end] for end in ("", "'s", "\u2019s"))


def _function_word_slip(word: str, following: str, lexicon: Lexicon) -> bool:
    """Whether ``word``, a short known misspelling opening a sentence before the capitalised
    ``following``, is a slip of a function word before a name ("Teh European Union", "Teh UN
    agreed") rather than the first half of a person's name ("Raed Juhi", "Abd Rabbo"): its
    likeliest correction is a function word, which no name is, and the word after it is a
    dictionary word or an acronym, as the rest of a person's name seldom is."""
    fixes = lexicon.misspellings.get(word.lower())
    if not fixes or fixes[0] not in STOPWORDS:
        return False
    following = _POSSESSIVE.sub("", following.replace("\u2019", "'"))  # "UN's"
    return lexicon.knows(following) or _is_name_like(following)


def _people_named(document: Document, sentences: list[Sentence]) -> set[str]:
    """The lower-cased surnames of the people the article names: in full ("Ed Markey"), or
    after a title ("Mr Cleary", "Senator Markey"), wherever they appear."""
    named = set(document.people.by_surname)
    for sentence in sentences:
        for before, token in pairwise(sentence.tokens):
            if token.text[:1].isupper() and before.text.rstrip(".").lower() in TITLES:
                named.add(_POSSESSIVE.sub("", token.text).lower())
    return named


def _article_term(word: str, written: Counter[str]) -> bool:
    """Whether the article writes ``word``, or forms of it with common endings, more than once:
    a term of its subject ("niqab" and "niqabs", "fursuiters" and "fursuiter"). Stems are of
    four letters or more, as in :meth:`Lexicon.is_derived`: "thes" is no form of "the"."""
    forms = {word, *(word + s for s in SUFFIXES)}
    forms.update(word[: -len(s)] for s in SUFFIXES if word.endswith(s) and len(word) - len(s) >= 4)
    return sum(written[f] for f in forms) > 1


def _word_by_context(sentence: Sentence, tokens: list[Token], at: int, lexicon: Lexicon) -> bool:
    """Whether the words and marks around an unknown word show it is no misspelling."""
    token = tokens[at]
    previous = tokens[at - 1].text if at else ""
    following = tokens[at + 1].text if at + 1 < len(tokens) else ""
    if previous.lower() in _FOREIGN_LEADS:
        return True  # "en masse", "pro tem"
    if token.text in PARTICLES and previous[:1].isupper() and following[:1].isupper():
        return True  # a particle inside a name: "Muadh ibn Jabal"
    if previous[:1].isdigit() and len(token.text) <= UNIT_LENGTH:
        return True  # a unit: "33 bhp"
    latin = _LATIN.search(token.text)
    if latin and previous[:1].isupper() and previous.lower() not in _DETERMINERS:
        return True  # a species name's second half is Latin: "Emerita talpoida"
    lower = token.text.lower()
    if _in_foreign_name(sentence, tokens, at, lexicon):
        return True  # "Rue nationale", "Loi organique"
    if lower in PREFIXES and lexicon.knows(following):
        return True  # a prefix written open: "cyber attack"
    if (previous and (previous + lower).lower() in lexicon.counts) or (
        following and (lower + following).lower() in lexicon.counts
    ):
        return True  # a closed compound written open: "cyber space"
    text, start, end = sentence.text, token.start - sentence.start, token.end - sentence.start
    before, after = text[start - 1 : start], text[end : end + 1]
    if "_" in (before, after):
        return True  # part of a handle or file name: "raven_alwayz"
    if after in ("'", "\u2019") and _dropped_g(lower, lexicon):
        return True  # a dropped "g" marked as dropped: "runnin\u2019", "nothin'"
    if "[" in (before, after) or "]" in (before, after):
        # An editor's completion: "[e]xtremely", "con[c]essions".
        while start and (text[start - 1].isalpha() or text[start - 1] in "[]"):
            start -= 1
        while end < len(text) and (text[end].isalpha() or text[end] in "[]"):
            end += 1
        return lexicon.knows(text[start:end].replace("[", "").replace("]", ""))
    # A word quoted on its own is named, not used ('he wants to take over "aywv"'), unless it
    # is one slip from a word ('or "sacewalk"') and no compound of two words a coinage is
    # ('pairs of "handpaws"', which one slip would make of "handsaws"); a listed misspelling
    # is no coinage ('"noteable" work'), as unquoted.
    closing = text[end:].lstrip(".,!?")[:1]
    return (
        bool(before and closing)
        and before in _QUOTES
        and closing in _QUOTES
        and (
            not lexicon.has_near(token.text)
            or (
                _closed_compound(token.text, lexicon, used=0)
                and token.text.lower() not in lexicon.misspellings
            )
        )
    )


def _in_foreign_name(sentence: Sentence, tokens: list[Token], at: int, lexicon: Lexicon) -> bool:
    """Whether the lower-case unknown word at ``at`` goes on a name in another language, whose
    words after the first French, Spanish or German write in lower case ("Rue nationale",
    "Loi organique", "Deutschlands Chancen nutzen"): it follows, after a space, a capitalised
    word inside the sentence that news never uses, neither as a name nor in lower case, and
    it is no easy slip of a word news uses (see :meth:`Lexicon.easy_slip`: "Minister Zinichev
    decdied" is one), nor a letter struck for another in a common word (:func:`_struck_for`:
    "Senator Blumenthol sayd"). An English name news knows ("Melbourne suspsects") or a
    possessive ("Hasib's whearabouts") is followed by English."""
    if not at or not tokens[at].text.islower():
        return False
    previous = tokens[at - 1]
    name = previous.text
    return (
        name[:1].isupper()
        and not previous.is_sentence_initial
        and previous.end + 1 == tokens[at].start
        and sentence.text[previous.end - sentence.start] == " "
        and _POSSESSIVE.search(name) is None
        and name not in lexicon.counts
        and not lexicon.counts.get(name.lower())
        and not lexicon.easy_slip(tokens[at].text)
        and not _struck_for(tokens[at].text, lexicon)
    )


STRUCK_COMMON = 100
"""How often news must write a word for one letter struck wrong in it to mark a slip after an
unknown capitalised word: surnames news never saw are followed by English verbs every day
("Zinichev dacided"), and the words of foreign names are seldom one key from a common word."""


def _struck_for(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` is a word news writes :data:`STRUCK_COMMON` times with one letter past
    the first struck for another ("dacided", "sayd")."""
    counts = lexicon.counts
    return any(
        len(w) == len(word) and w[0] == word[0] and counts[w] >= STRUCK_COMMON
        for w in counts.keys() & edits1(word)
    )


_VOWEL = re.compile(r"[aeiouy]")


def _dropped_g(word: str, lexicon: Lexicon) -> bool:
    """Whether the lower-case ``word`` is a word ending in an unstressed "-ing" with its "g"
    dropped ("runnin", "nothin", "honorin"), as speech drops it and an apostrophe after it
    marks it. A one-syllable "-ing" word ("bring", "king", "sting") is stressed there and never
    loses its "g": "brin" before a closing single quote ('the brin') is a slip."""
    return word.endswith("in") and bool(_VOWEL.search(word[:-2])) and lexicon.knows(word + "g")


CASED_MIN_COUNT = 5
"""How common (in the lexicon's counts) a capitalised form must be to be offered first for a word
written in lower case."""
CASED_ODDS = 4
"""How much rarer than the nearest lower-case word that capitalised form may be."""


def _suggestions(word: str, lexicon: Lexicon, house: frozenset[str], locale: str) -> list[str]:
    """The likely intended words for ``word``, in the article's locale.

    A slip in one part of a hyphenated word is corrected in that part ("knife-weilding"), and
    a slip of the other locale's spelling ("hopitalised" in an en-US article) gets the
    locale's form of the word meant ("hospitalized").
    """
    if locale == OXFORD:
        # British words ("colr" is "colour", not "color"), but Oxford's -ize ("hospitalized")
        return list(dict.fromkeys(
            _oxford_form(w) for w in _suggestions(word, lexicon, house, "en-GB")))
    found = lexicon.suggest(word, house, locale=locale)
    if word.islower():
        # a name or a brand written in lower case ("marxist", "skype", "iphone"): its capitals,
        # not the nearest lower-case word ("artist", "slype", "phone"), when news uses them
        # about as often; "nad" is "and", not NAD, and "mayer" is "mayor", not Mayer
        best = lexicon.counts.get(found[0], 0) if found else 0
        cased = [w for w in dict.fromkeys((word.capitalize(), word[:1] + word[1:].capitalize(),
                                           word.upper()))
                 if (n := lexicon.counts.get(w, 0)) >= CASED_MIN_COUNT and n * CASED_ODDS >= best]
        if cased:
            return [*cased, *(w for w in found if w not in cased)]
    if found:
        return found
    parts = word.split("-")
    unknown = [i for i, p in enumerate(parts) if p and not lexicon.knows(p) and p not in house]
    if len(parts) > 1 and len(unknown) == 1:
        i = unknown[0]
        return [
            "-".join([*parts[:i], fixed, *parts[i + 1 :]])
            for fixed in _suggestions(parts[i], lexicon, house, locale)
        ]
    if locale not in ("en-US", "en-GB"):
        return []
    other = lexicon.suggest(word, house)
    return list(dict.fromkeys(_in_locale(w, locale, lexicon) for w in other))


def _oxford_form(word: str) -> str:
    """``word`` as Oxford spelling writes it: a British -ise form with its -ize."""
    american = other_spelling(word.lower(), True)
    if american is not None and _commonwealth_ize(american, word.lower()):
        return _same_case(american, word)
    return word


_LOCALE_CHANGES = (("is", "iz"), ("ys", "yz"), ("our", "or"), ("tre", "ter"), ("ll", "l"))
"""Regular British to American changes ("hospitalised", "analyse", "colour", "centre",
"travelled"), for the many inflections the shipped pairs leave out."""


def _in_locale(word: str, locale: str, lexicon: Lexicon) -> str:
    """``word``, spelt only the other locale's way, in ``locale``'s spelling where one is found
    (from the shipped pairs, else by a regular change), else as it is."""
    table = british_to_american() if locale == "en-US" else american_to_british()
    if word.lower() in table:
        return _same_case(table[word.lower()], word)
    for gb, us in _LOCALE_CHANGES:
        old, new = (gb, us) if locale == "en-US" else (us, gb)
        for at in (m.start() for m in re.finditer(old, word)):
            changed = word[:at] + new + word[at + len(old) :]
            if changed in lexicon.counts and lexicon.locale_of(changed) in (locale, None):
                return changed
    return word


class RealWordSlip(Rule):
    """## What it does
    Flags a real word that does not fit its context where a word one slip away, or one that
    sounds the same, fits much better: "form" for "from", "their" for "there", "forced" for
    "forces". In the names news repeats it flags a slip of any kind ("Untied Nations", "Prime
    Minster", "Whit House").

    ## Why is this bad?
    Every word of such a slip is in the dictionary, so spelling checkers pass it, but readers
    stumble on it at once. The check compares the written word with its look-alikes and
    sound-alikes in three sets of statistics: a word trigram model of news text (with how often
    a name stands beside each word: "from Sydney", not "form Sydney", and which words stand a
    few words from each other in a sentence: "impeachment" and "jury" go with "trial", not
    "trail"), the word classes (function words, endings) that stand around each word in that
    text, and counts of word pairs in Google Books, which has seen thousands of times more
    text; a model fitted on slips put into news copy weighs the evidence. Commonly confused
    pairs whose contexts seldom overlap (their/there, affect/effect) need less of it than
    others. A look-alike the grammar of the clause rules out is never suggested, however well
    it fits the words beside it: "were" for a "where" whose clause has its own subject and verb
    ("events where four people are killed"), "to" for a "too" that ends a clause or qualifies
    an adverb ("deployed too slowly to hit"), "the" or "their" where a sentence ends, "by" after
    "must". A word's spelling in the other locale ("recognize" for "recognise") is no slip:
    SP104 reports a spelling of the wrong convention. Headlines are left out: their clipped
    grammar ("Man dies in crash") is not that of the body copy the statistics come from.
    Capitalised words are names, left alone but for one kind of slip: a word of a name written
    beside the word next to it in the name as news never writes it (or fifty times less often
    than a look-alike), where news writes the look-alike there fifty times or more, and mostly
    in names; an article's own name, written twice, is never one. A word of the article's
    subject (one it uses far more often than news does: "passed" in a story about a bill)
    needs stronger evidence, and a look-alike that fits better on both sides of it: "debated
    in the passed." is still a slip.
    `newslint train` builds a news model from the newsroom's own
    archive, and `model` points the rule at it (relative to the configuration file); a context
    the archive uses is then never flagged, but in a name. `margin` raises (or, negative,
    lowers) the log odds a look-alike must reach: 1 is about a third fewer findings (names
    aside).

    ## Example
    ```text
    US commander warns fight is not over

    Joseph Votel, the top commander of U.S. forced in the Middle East, said the fight was not over.
    ```

    ## Use instead
    ```text
    US commander warns fight is not over

    Joseph Votel, the top commander of U.S. forces in the Middle East, said the fight was not over.
    ```
    """

    code = "SP102"
    name = "real-word-slip"
    severity = Severity.WARNING
    options = {"model": "", "margin": 0.0}
    path_options = ("model",)

    @classmethod
    def path_problem(cls, name: str, file: Path) -> str | None:
        from newslint import slips

        try:
            slips.load_model(str(file))  # kept for the rule: read once per process either way
        except Exception as exc:  # a file cut short or of another kind fails in many ways
            reason = str(exc).removeprefix(f"{file}: ")
            return f"is no newslint model that can be read ({type(exc).__name__}: {reason})"
        return None

    def check(self, document: Document) -> Iterator[Violation]:
        # here, not at the top: numpy and the models load only when SP102 runs
        from newslint import slips
        from newslint.ngram import load_books, name_places

        path = self.config["model"]
        model = slips.load_model(str(self.resolve_path(path)) if path else "")
        # Headlines are left out: their clipped grammar ("Man dies in crash") is not the
        # grammar of the body text the statistics come from.
        sentences = document.sentences
        # Each sentence's view is built as it is read and let go, but for the first
        # CHUNK_WORDS words' worth: an article of usual length has each built once, where one
        # of 8 MB kept 150 MB of them; a longer one has the rest built again where needed.
        kept: list[_ModelView] = []
        room = slips.CHUNK_WORDS
        counts: Counter[str] = Counter()

        def view(n: int) -> _ModelView:
            return kept[n] if n < len(kept) else _model_view(sentences[n])

        def in_names() -> Iterator[tuple[list[str], list[int], list[int]]]:
            nonlocal room
            for sentence in sentences:
                seen = _model_view(sentence)
                _, texts, words, where = seen
                if room > 0:
                    kept.append(seen)
                    room -= len(words)
                counts.update(words)
                # a name's words written as words are ("Minster", not "NASA"): see name_slips
                titled = [
                    at for text, at in zip(texts[1:], where[1:], strict=True) if text.istitle()
                ]
                yield words, name_places(texts, where), titled

        # name_slips reads every sentence, so the article's word counts are whole after it
        found: dict[tuple[int, int], list[str]] = {
            (n, at): [alt] for n, at, alt in slips.name_slips(model, in_names())
        }
        topical = slips.topic_words(model, counts)

        def judged() -> Iterator[tuple[list[str], list[int], list[int]]]:
            for n in range(len(sentences)):
                tokens, texts, words, where = view(n)
                # A capitalised word inside a sentence is part of a name: "Public Health England".
                places = [
                    at for text, at in zip(texts, where, strict=True) if not text[0].isupper()
                ]
                if tokens and tokens[0].is_sentence_initial and texts[0][0].isupper():
                    places.insert(0, where[0])
                yield words, places, name_places(texts, where)

        found |= slips.likely_slips(
            model,
            load_books(),
            judged(),
            slips.slip_weights(),
            float(self.config["margin"]),
            topical,
        )
        other = "en-US" if document.locale.startswith("en-GB") else "en-GB"
        for (n, at), likely in sorted(found.items()):
            tokens, _, _, where = view(n)
            token = tokens[where.index(at)]
            alternatives = [
                alt for alt in likely if not _other_convention(token.text.lower(), alt, other)
            ]
            if not alternatives:
                continue
            better = [_same_case(alt, token.text) for alt in alternatives[:3]]
            yield self.violation(
                token.span,
                f'"{token.text}" may be a slip for "{better[0]}"',
                [Suggestion(a, title=f'Replace with "{a}"') for a in better],
            )


_ModelView = tuple[list[Token], list[str], list[str], list[int]]
"""A sentence as SP102 reads it: its prose tokens, their texts, its words as the model sees
them (see :func:`newslint.ngram.sentence_words`) and the index in them of each token."""


def _model_view(sentence: Sentence) -> _ModelView:
    from newslint.ngram import sentence_words

    tokens = sentence.prose_tokens
    base = sentence.start
    texts = [t.text for t in tokens]
    words, where = sentence_words(
        sentence.text, list(zip([t.start - base for t in tokens], texts, strict=True))
    )
    return tokens, texts, words, where


def _other_convention(word: str, alternative: str, other: str) -> bool:
    """Whether ``word`` and ``alternative`` are one word's two spellings, one of them spelt
    only the ``other`` locale's way: "recognise" is no slip for "recognize" in British copy,
    and in American copy SP104 reports it. Spellings both locales' dictionaries hold
    ("licences", "storey") are left to the slip model, as SP104 leaves them alone."""
    lexicon = default_lexicon()
    return (
        lexicon.locale_of(word) == other or lexicon.locale_of(alternative) == other
    ) and alternative in (other_spelling(word, True), other_spelling(word, False))


FOREIGN_SHARE = 10
"""A sentence with :attr:`MisspelledWord.FOREIGN` unknown words or more, one in this many of
its words or more, is in another language (or code), or mixes one in."""
FOREIGN_REACH = 5
"""How many words each side of a word count towards its passage being foreign. A long English
sentence may hold a typo and two terms the dictionary lacks far apart ("the transcriptome, or
metabolome ... the animals themsevles"); another language's words come in runs."""


ENGLISH_MARKERS = frozenset(
    "the of and that with from by this which their they were would had has have been its will "
    "are his to was is".split()
)
"""English function words; the languages news quotes write few of them, and then alone ("to"
in Polish, "was" in German)."""
ENGLISH_AROUND = 2
"""How many of :data:`ENGLISH_MARKERS` within :data:`FOREIGN_REACH` words of a word make its
place English."""


def _in_foreign_passage(strange: list[int], tokens: list[Token], at: int, lexicon: Lexicon) -> bool:
    """Whether the word at ``at`` of a sentence of prose ``tokens``, whose unknown and foreign
    words are at ``strange`` (ascending), stands in another language or code: that many as
    :attr:`MisspelledWord.FOREIGN` such words lie within :data:`FOREIGN_REACH` words of it, or
    the sentence has that many and one in :data:`FOREIGN_SHARE` of its words is one, but for
    an easy slip of a word news uses amid English function words ("teh council dceided to
    close the library after the goverment cut its funds": three typos, no quotation)."""
    many = MisspelledWord.FOREIGN
    if len(strange) < many:
        return False
    near = bisect_left(strange, at + FOREIGN_REACH + 1) - bisect_left(strange, at - FOREIGN_REACH)
    if near >= many:
        return True
    if len(strange) * FOREIGN_SHARE < len(tokens):
        return False
    around = tokens[max(at - FOREIGN_REACH, 0) : at + FOREIGN_REACH + 1]
    english = sum(t.text.lower() in ENGLISH_MARKERS for t in around) >= ENGLISH_AROUND
    return not (english and lexicon.easy_slip(_POSSESSIVE.sub("", tokens[at].text.lower())))


def _in_other_language(sentence: Sentence, lexicon: Lexicon) -> bool:
    """Whether ``sentence`` reads as another language's, for a name in it: as many of its
    lower-case prose words as :attr:`MisspelledWord.FOREIGN` are no English words, wherever
    they stand (a name's spelling is doubted less readily than a word's, see
    :func:`_in_foreign_passage`)."""
    others = 0
    no_words: frozenset[str] = frozenset()
    for token in sentence.prose_tokens:
        text = token.text
        if not text.islower() or text in lexicon.counts:
            continue
        if not text.replace("\u2019", "'").isascii() or MisspelledWord._unknown(
            token, lexicon, no_words, Counter()
        ):
            others += 1
            if others >= MisspelledWord.FOREIGN:
                return True
    return False


_KIN = frozenset(
    """husband wife son daughter brother sister father mother family cousin uncle aunt widow
    widower nephew niece grandson granddaughter grandfather grandmother sons daughters
    brothers sisters parents children spouse fiance fiancee fiancé fiancée twin
    sibling siblings relative relatives stepson stepdaughter stepfather stepmother
    father-in-law mother-in-law son-in-law daughter-in-law brother-in-law sister-in-law""".split()
)
"""Words for a person's relatives, who share a surname: "Anne Sacoolas" and "her husband
Jonathan Socoolas" are two people, but one name and a slip of it."""
ORDINARY_WORD = 100
"""How often news writes a word (in any case) that a run of capitals takes in before a name
("World War I. Mukherjee"), to be no given name; "Terry" and "Joy" it writes less often."""


def _different_people(
    surname: str, other: str, document: Document, lexicon: Lexicon
) -> bool:
    """Whether the article names people of both surnames in full, and of each with given
    names the other's people do not have ("Joyce Schulte" and "Dave Schultz", candidates in
    one election): two people, where a slip of one surname keeps the given name ("Menzies
    Campbell", "Menzies Cambell") or is written without one. Titles, initials, acronyms and
    ordinary words that a run of capitals takes in ("New South Wales CEO Greg Rochford",
    "World War I. Mukherjee") are no given names."""

    def given(name: str) -> set[str]:
        return {
            word
            for person in document.people.by_surname.get(name.lower(), ())
            for word in person.name.removesuffix(person.surname).split()
            if len(word.rstrip(".")) > 1
            and not word.isupper()
            and word.rstrip(".").lower() not in TITLES
            and lexicon.counts.get(word.lower(), 0) < ORDINARY_WORD
        }

    mine, theirs = given(surname), given(other)
    return bool(mine) and bool(theirs) and mine.isdisjoint(theirs)


def _labels_apart(word: str, other: str) -> bool:
    """Whether ``word`` and ``other`` differ only in a hyphenated part of one or two letters
    ("DJIA-c", "DJIA-p"), which marks a label, not a spelling."""
    parts, others = word.split("-"), other.split("-")
    if len(parts) != len(others):
        return False
    differ = [(a, b) for a, b in zip(parts, others, strict=True) if a != b]
    return len(differ) == 1 and max(map(len, differ[0])) <= 2


class NameSpelledTwoWays(Rule):
    """## What it does
    Flags a name written two ways in one article, such as "Zinichev" and "Zinchev" (or with
    its doubled letter moved, "Morisson" and "Morrison"), at the rarer form, and suggests the
    commoner one. A name is read without a particle or word joined to it by a hyphen:
    "al-Baghdadi", "Al-Baghdadi" and "Baghdadi" are one name, and "al-Bagdadi" its slip.
    A name one letter from an ordinary word
    ("Computex" beside "Computer"), a place beside its adjective ("Transnistria" and
    "Transnistrian", "Kazakhstan" and "Kazakhstani"), codes that differ in a short
    hyphenated part ("DJIA-c" and "DJIA-p" in a market table) and the surnames of people
    named in full with other given names ("Joyce Schulte", "Dave Schultz"; not relatives:
    "her husband Jonathan Socoolas" beside "Anne Sacoolas" is a slip) are names of their own.

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
        counts: Counter[str] = Counter()  # a restated headline is not counted again
        restated = document.restatements
        sentence_of: dict[Token, Sentence] = {}
        name_of: dict[str, str | None] = {}  # a story names its people again and again
        for sentence in document.copy_sentences:
            counted = not any(sentence.block is b for b in restated)
            for token in sentence.prose_tokens:
                text = token.text
                if len(text) < self.MIN_LENGTH or not (text[0].isupper() or "-" in text):
                    continue  # most words: the tests below would fail on the bare word too
                if text not in name_of:
                    name_of[text] = self._name(text)
                word = name_of[text]
                if word is not None:
                    names.setdefault(word, []).append(token)
                    counts[word] += counted
                    sentence_of[token] = sentence
        by_initial: dict[str, list[str]] = {}  # a slip keeps a name's first letter
        for name in names:
            by_initial.setdefault(name[0], []).append(name)
        for rare, tokens in names.items():
            if lexicon.knows(rare):
                continue
            for common in by_initial[rare[0]]:
                if not (one_edit_apart(rare, common) or _moved_double(rare, common)):
                    continue
                if counts[common] < counts[rare] or (
                    counts[common] == counts[rare]
                    and names[common][0].span.start > tokens[0].span.start
                ):
                    continue  # flag the rarer form; of two equally common, the later one
                if rare.rstrip("s") == common.rstrip("s"):
                    continue  # a plural or possessive ("Americans", "Jones")
                if _demonym_of(rare, common):
                    continue  # a place and its adjective: "Transnistria", "Transnistrian"
                if ascii_fold(rare) == ascii_fold(common):
                    continue  # the name with and without its accents: Kaczyński, Kaczynski
                if lexicon.knows(common.lower()):
                    continue  # a name made of a word, not a misspelt one: Computex, Computer
                if _labels_apart(rare, common):
                    continue  # codes in a table, "DJIA-c" and "DJIA-p", not one name
                # relatives may be spoken of beside either spelling: "his wife, Anne Sacoolas"
                if _different_people(rare, common, document, lexicon) and not any(
                    _KIN.intersection(map(str.lower, sentence_of[t].words))
                    for t in chain(tokens, names[common])
                ):
                    continue  # "Joyce Schulte" and "Dave Schultz", but "her husband Jonathan"
                for token in tokens:
                    if _in_other_language(sentence_of[token], lexicon):
                        continue  # "des Parisiens" in a French quote is no misspelt "Parisians"
                    fixed = token.text.replace(rare, common, 1)
                    yield self.violation(
                        token.span,
                        f'"{rare}" is spelt "{common}" elsewhere in the article',
                        [Suggestion(fixed, title=f'Replace with "{fixed}"')],
                    )
                break

    def _name(self, text: str) -> str | None:
        """The name a token writes (see :func:`_name_written`); ``None`` for a word too
        short, in capitals or with digits."""
        word = _name_written(text)
        if (
            len(_POSSESSIVE.sub("", text)) >= self.MIN_LENGTH  # "al-Qaida", "Al-Ahmed"
            and word[0].isupper()
            and not word.isupper()
            and not any(c.isdigit() for c in word)
        ):
            return word
        return None


_JOINED = re.compile(r"([A-Za-z]+)-(?=[A-Z])")
"""A word joined by a hyphen to the capital that opens a name: "al-Baghdadi", "anti-Assad"."""


def _name_written(text: str) -> str:
    """The name a token writes: without its possessive, nor a lower-case word or a name
    particle joined to it ("al-Baghdadi", "Al-Baghdadi", "pro-Mugabe" are "Baghdadi" and
    "Mugabe"), so that "al-Bagdadi" is seen beside "al-Baghdadi", and "Al-Baghdadi" at a
    sentence's start counts as one more of it."""
    word = _POSSESSIVE.sub("", text.replace("\u2019", "'"))
    joined = _JOINED.match(word)
    if joined and (joined[1].islower() or joined[1].lower() in PARTICLES):
        return word[joined.end() :]
    return word


def _demonym_of(a: str, b: str) -> bool:
    """Whether one of ``a`` and ``b`` is the other's adjective or people, either in the
    plural ("Transnistrians"): the place with "n" after its final "a" ("Transnistria",
    "Transnistrian"; "Kerala", "Keralan") or with "i" after a consonant ("Kazakhstan",
    "Kazakhstani"; "Israel", "Israeli"). A name that ends otherwise with a letter more is the
    name with its last letter dropped, a slip ("Clinto" for "Clinton")."""
    a, b = a.removesuffix("s"), b.removesuffix("s")
    place, people = (a, b) if len(a) < len(b) else (b, a)
    if people[:-1] != place or not place:
        return False
    if people[-1] == "n":
        return place[-1] == "a"
    return people[-1] == "i" and place[-1].lower() not in "aeiou"


_DOUBLED = re.compile(r"(\w)\1")


def _moved_double(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in which letter is doubled, the commonest slip in a
    name that is two edits ("Morisson" for "Morrison", "Philipps" for "Phillips")."""
    return len(a) == len(b) and a != b and _DOUBLED.sub(r"\1", a) == _DOUBLED.sub(r"\1", b)


_PART = re.compile(r"[^-]+")


def _spelt_parts(text: str) -> list[tuple[int, str]]:
    """The words a token spells, each with its offset in the token: the token, or its words
    without a possessive (either apostrophe: "centre's") and apart from a compound's hyphens
    ("colour-coded", "well-organised"); none of a name with a capital after a hyphen
    ("Roed-Larsen")."""
    if "-" not in text and "'" not in text and "\u2019" not in text:
        return [(0, text)]  # most tokens: a word alone
    parts = [(m.start(), m[0]) for m in _PART.finditer(_POSSESSIVE.sub("", text))]
    return [] if any(part[:1].isupper() for _, part in parts[1:]) else parts


@cache
def british_to_american() -> dict[str, str]:
    """British spellings and their American forms, from the shipped list."""
    pairs = (line.split("\t") for line in read_lines(data_path("en-GB_to_en-US.tsv")))
    return {gb: us for gb, us in pairs}


@cache
def american_to_british() -> dict[str, str]:
    """American spellings and their British forms."""
    return {us: gb for gb, us in sorted(british_to_american().items(), reverse=True)}


_ENDINGS = r"(?=(?:e|ed|es|ing|er|ers|ation|ations|able)$)"
_TO_AMERICAN = (
    (re.compile(r"is" + _ENDINGS), "iz"),  # realise, realisation
    (re.compile(r"ys" + _ENDINGS), "yz"),  # analyse
    (re.compile(r"(?<=\w)our"), "or"),  # rumour, honourable
    (re.compile(r"re(?=s?$)"), "er"),  # centre, metres
    (re.compile(r"red$"), "ered"),  # centred
    (re.compile(r"ence(?=s?$)"), "ense"),  # offence
    (re.compile(r"(?<=\w)[ao]e(?=[^aeiou\W])"), "e"),  # paediatric, manoeuvre
    (re.compile(r"(?<=\w)oea"), "ea"),  # diarrhoea
    (re.compile(r"ogue(?=s?$)"), "og"),  # catalogue
    (re.compile(r"(?<=[aeiou])ll(?=(?:ed|ing|er|ers)$)"), "l"),  # labelled
    (re.compile(r"mme(?=s?$)"), "m"),  # programme
    (re.compile(r"que(?=s?$|book)"), "ck"),  # cheque, chequebook
    (re.compile(r"quer"), "cker"),  # chequered
)
"""The changes that make American spellings of British ones, each at the place it can be."""
_TO_BRITISH = (
    (re.compile(r"iz" + _ENDINGS), "is"),
    (re.compile(r"yz" + _ENDINGS), "ys"),
    (re.compile(r"(?<=\w)or"), "our"),
    (re.compile(r"er(?=s?$)"), "re"),
    (re.compile(r"ered$"), "red"),
    (re.compile(r"ense(?=s?$)"), "ence"),
    (re.compile(r"(?<=\w)e(?=[^aeiou\W])"), "ae"),
    (re.compile(r"(?<=\w)e(?=[^aeiou\W])"), "oe"),
    (re.compile(r"(?<=\w)ea"), "oea"),
    (re.compile(r"og(?=s?$)"), "ogue"),
    (re.compile(r"(?<=[aeiou])l(?=(?:ed|ing|er|ers)$)"), "ll"),
    (re.compile(r"m(?=s?$)"), "mme"),
    (re.compile(r"ck(?=s?$|book)"), "que"),
    (re.compile(r"cker"), "quer"),
)
"""The same changes the other way."""


@lru_cache(maxsize=4096)
def other_spelling(word: str, british: bool, variants: bool = True) -> str | None:
    """The American spelling of the lower-case British ``word`` (``british``), or the British
    of an American one; ``None`` if it has none.

    codespell's list of pairs is short (about 500: no "offence", "rumour" or "hospitalised"),
    so a word only one convention's dictionary holds gets its other form by the usual changes
    (-ise to -ize, -our to -or, -re to -er, -ence to -ense, ae and oe to e, ...): the one word
    they make that only the other convention's dictionary holds, or else (with ``variants``)
    the one they make that the dictionary's main lists hold (not its rare words: "tyer" is no
    form of "tyre"; news need not use it, as "shrivelled" and "gruelling" it never did) and
    this convention's dictionary does not hold alone, as American dictionaries hold many
    British forms as variants ("travelled", "theatre").
    """
    found = (british_to_american() if british else american_to_british()).get(word)
    if found is None:
        lexicon = default_lexicon()
        mine, theirs = (
            (lexicon.gb_only, lexicon.us_only) if british else (lexicon.us_only, lexicon.gb_only)
        )
        if word in mine:
            changes = _TO_AMERICAN if british else _TO_BRITISH
            made = {
                word[: m.start()] + new + word[m.end() :]
                for pattern, new in changes
                for m in pattern.finditer(word)
            }
            forms = made & theirs
            if not forms and variants:
                forms = {w for w in made if w in lexicon.counts} - mine
            if len(forms) == 1:
                found = forms.pop()
    return found


@cache
def _convention_words(lexicon: Lexicon) -> frozenset[str]:
    """The words of either convention that may have another form (see
    :func:`other_spelling`): the listed pairs' and those only one dictionary holds."""
    return frozenset(
        chain(british_to_american(), american_to_british(), lexicon.us_only, lexicon.gb_only)
    )


_IZE = re.compile(r"iz(?=e|ing|ation|abl)")


def _commonwealth_ize(american: str, british: str) -> bool:
    """Whether the two spellings differ only in an -ize ending ("organization",
    "organisation"), which Oxford and Canadian spelling write as American does."""
    return _IZE.sub("is", american) == british


class MixedSpelling(Rule):
    """## What it does
    Flags a British spelling in an article checked as `en-US` ("realised", "defence"), or an
    American one in an `en-GB` article ("realized", "defense"), and offers the locale's form:
    from a list of pairs, or for a word only one convention's dictionary holds, the word the
    usual changes make of it (-ise and -ize, -our and -or, -re and -er, -ence and -ense, ae and
    e, ll and l, que and ck: "hospitalised", "rumour", "offence", "paediatric", "traveled",
    "cheque"; British copy keeps "check", British too in every sense but the bank's).

    ## Why is this bad?
    A publication spells one way. Copy that mixes "defence" and "defense" looks patched
    together from wire copy, and the house locale (`locale` in the configuration) says which
    one the newsroom uses; an article that declares its own (a front-matter or `<meta>` field
    `locale`, `lang`, `language` or `og:locale`, or `<html lang>` or `xml:lang`: `en-GB`,
    `en-US`, `en-AU`...) is checked against that one. A word with a possessive or in a
    compound is respelt alone ("centre's", "colour-coded"). Capitalised names keep their own
    spelling ("Ministry of Defence"), and spellings both dictionaries hold ("cancelled",
    "judgement", "focused") are left alone: they are neither flagged nor make an article mixed.
    An article that spells the other way throughout is reported at `unmixed-severity`
    (`info` by default: often it is wire copy kept in its own convention on purpose). In an
    `en-US` article, -ize spellings ("organization") do not make British ones mixed: Oxford
    and Canadian spelling write them beside "colour"; an `en-GB` article gets the -ise form,
    and an `en-GB-oxendict` one (Oxford spelling) the -ize form with British spelling else.

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
    options = {"unmixed-severity": "info"}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        return choice_problem(value, ("error", "warning", "info"), any_case=True)

    def check(self, document: Document) -> Iterator[Violation]:
        oxford = document.locale == OXFORD
        british = oxford or document.locale == "en-GB"
        lexicon = default_lexicon()
        spelt = _convention_words(lexicon)
        other = "American" if british else "British"
        # The words either table holds, but not names ("Labour"): a capital only opens a
        # sentence, and not even there when the next word has one too ("Labour Party leader"),
        # or when the article writes the word with its capital inside a sentence, as a name
        # ("Labour threw its support" after "the Labour Party").
        listed: list[tuple[Token, int, str, str]] = []  # token, part's offset, part, word
        named: set[str] = set()
        for sentence in document.copy_sentences:
            # a headline, subhead or page title in title case capitalises every word, names or
            # not ("Government Raises Labour Costs"): its capitals tell of no name
            block = sentence.block
            titled = block.kind in ("headline", "heading") or block is document.title
            # a link's, an address's or a handle's words are not the article's to respell;
            # most sentences hold no word of either convention, which one pass in C says where
            # no hyphen or apostrophe makes parts of a word (see _spelt_parts)
            text = sentence.text
            if (
                "-" not in text
                and "'" not in text
                and "\u2019" not in text
                and spelt.isdisjoint(map(str.lower, sentence.prose_words))
            ):
                continue
            tokens = sentence.prose_tokens
            for at, token in enumerate(tokens):
                for start, part in _spelt_parts(token.text):
                    word = part.lower()
                    if word not in spelt:
                        continue
                    if part[:1].isupper() and (
                        not token.is_sentence_initial
                        or (at + 1 < len(tokens) and tokens[at + 1].text[:1].isupper())
                    ):
                        if not titled:
                            named.add(word)
                        continue
                    listed.append((token, start, part, word))
        listed = [
            item
            for item in listed
            if not (item[2][:1].isupper() and item[0].is_sentence_initial and item[3] in named)
        ]
        # Only a spelling of the locale's alone makes the article mixed: "focused" and "program"
        # are in codespell's list, but British dictionaries hold them too. Nor does an -ize
        # spelling make British copy mixed: Oxford and Canadian spelling write "organize"
        # beside "colour" and "analyse". Nor does a spelling whose other form this locale's
        # dictionary holds as a variant ("goiter" and "goitre", "marveled" and "marvelled"
        # are both American): the choice between them says little of the writer's convention.
        # Oxford spelling's -ise forms are British, but not its own.
        mixed = any(
            (form := other_spelling(word, british, variants=False)) is not None
            and lexicon.locale_of(word) == ("en-GB" if british else "en-US")
            and (british or not _commonwealth_ize(word, form))
            and not (oxford and _commonwealth_ize(form, word))
            for *_, word in listed
        )
        severity = (
            self.effective_severity if mixed else Severity.parse(self.config["unmixed-severity"])
        )
        theirs = "en-US" if british else "en-GB"
        for token, start, part, word in listed:
            target = other_spelling(word, not british)
            convention = f"{other} spelling"
            if oxford and lexicon.locale_of(word) == "en-GB":
                # "realised": Oxford spelling writes the American -ize
                target = other_spelling(word, True)
                if target is None or not _commonwealth_ize(target, word):
                    continue
                convention = "not Oxford spelling"
            # A spelling the locale's own dictionary also holds ("cancelled", "judgement" are
            # American variants too) is a choice, not a mix-up; nor is Oxford's -ize.
            elif (
                target is None
                or lexicon.locale_of(word) != theirs
                or (oxford and _commonwealth_ize(word, target))
            ):
                continue
            fixed = target.upper() if part.isupper() else _same_case(target, part)
            where = token.start + start
            v = self.violation(
                token.block.offsets.span(where, where + len(part)),
                f'"{part}" is {convention}; the article is {document.locale}',
                [Suggestion(fixed, safe=True, title=f'Replace with "{fixed}"')],
            )
            v.severity = severity
            yield v


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [MisspelledWord, RealWordSlip, NameSpelledTwoWays, MixedSpelling]
