"""House style (ST): typing slips and the newsroom's own conventions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from operator import eq
from typing import Any

from newslint.document import Block, Document, Span
from newslint.hookspecs import hookimpl
from newslint.rule import Rule, choice_problem, strings_problem
from newslint.violation import Severity, Suggestion, Violation

_NEVER_EMPHATIC = frozenset(
    "the a an of to in on at by for from with and or but as".split()
)
"""Words no writer repeats three times on purpose: "the the the" is a slip, as "the the" is."""


class RepeatedWord(Rule):
    """## What it does
    Flags a word typed twice in a row, as in "the the".

    ## Why is this bad?
    A doubled word survives a quick read, often across a line break, and makes it into print.
    Doubles that English allows ("had had", "that that") and names ("Bora Bora") are left alone;
    the `allow` option lists the words that may repeat.

    ## Example
    ```text
    The fire spread to the the warehouse next door.
    ```

    ## Use instead
    ```text
    The fire spread to the warehouse next door.
    ```
    """

    code = "ST001"
    name = "repeated-word"
    severity = Severity.WARNING
    fixable = True
    options = {
        "allow": ["had", "that", "is", "was", "do", "very", "really", "many", "much", "so", "far",
                  "long", "more", "bye", "no", "yes", "yeah", "aye", "ha", "tut", "knock"],
    }

    def check(self, document: Document) -> Iterator[Violation]:
        allow = {w.lower() for w in self.config["allow"]}
        source = document.source
        for sentence in document.copy_sentences:
            # the words of a link or a domain are none of the copy's: "Amazon.in in March"
            words = list(map(str.lower, sentence.prose_words))
            if not any(map(eq, words, words[1:])):
                continue  # most sentences repeat no word: one pass in C says so
            tokens = sentence.prose_tokens
            for i, (a, b) in enumerate(pairwise(tokens)):
                word = words[i]
                if word != words[i + 1] or word in allow or word[0].isdigit():
                    continue
                if a.text[0].isupper() and b.text[0].isupper():
                    continue  # a name such as Bora Bora or Sirhan Sirhan
                if (b.text.isupper() != a.text.isupper() and len(word) > 1
                        and not a.is_sentence_initial):
                    continue  # "the first FIRST competition": a name in capitals
                if i > 0 and words[i - 1] == word:
                    continue  # inside a run already judged at its start
                last = i + 1
                while last + 1 < len(words) and words[last + 1] == word:
                    last += 1
                if last > i + 1 and word not in _NEVER_EMPHATIC:
                    continue  # three or more in a row is deliberate ("killing killing killing")
                end = tokens[last]
                if any(source[x.span.end : y.span.start].strip()
                       for x, y in pairwise(tokens[i : last + 1])):
                    continue  # markup or punctuation between them
                yield self.violation(
                    Span(a.span.start, end.span.end),
                    f'"{b.text}" is repeated',
                    [Suggestion(a.text, safe=True, title=f'Remove the repeated "{b.text}"')],
                )


class MultipleSpaces(Rule):
    """## What it does
    Flags two or more spaces in a row inside a sentence.

    ## Why is this bad?
    Runs of spaces are left behind by edits and pastes; they print as ragged gaps in web copy
    and break searches for the phrase.

    ## Example
    ```text
    Police said the  driver was not hurt.
    ```

    ## Use instead
    ```text
    Police said the driver was not hurt.
    ```
    """

    code = "ST002"
    name = "multiple-spaces"
    severity = Severity.WARNING
    fixable = True

    _SPACES = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")
    _RUN = re.compile(r"[ \t\u00a0]{2}")

    def check(self, document: Document) -> Iterator[Violation]:
        markdown = document.format == "markdown"
        for sentence in document.copy_sentences:
            text = sentence.text
            if "  " not in text and "\t" not in text and "\u00a0" not in text:
                continue  # no two spacing characters in a row: far cheaper than the pattern
            block, base = sentence.block, sentence.start
            for m in self._SPACES.finditer(text):
                span = block.source_span(base + m.start(), base + m.end())
                if markdown and self._spaces_around_markup(document.source[span.start:span.end]):
                    continue
                yield self.violation(
                    span,
                    f"{len(m.group())} spaces in a row inside a sentence",
                    [Suggestion(" ", safe=True, title="Replace with one space")],
                )

    @classmethod
    def _spaces_around_markup(cls, written: str) -> bool:
        """Whether the spaces, as ``written`` in the source, are one each side of inline HTML
        ("the <b> bold", a comment) or of a footnote reference ("the plan [^1] was"): no run
        of spaces there."""
        return ("<" in written or "[^" in written) and not cls._RUN.search(written)


# ---- news house style: ST003-ST007 ---------------------------------------------------------

_STYLE_DATA = "data/style"
_TITLE_RE = r"(?:Mr|Mrs|Ms|Miss|Mx)\.?"


@cache
def _style_data(name: str) -> str:
    """The text of a shipped house-style list (see ``newslint/data/style/README.md``)."""
    from importlib import resources

    return (resources.files("newslint") / _STYLE_DATA / name).read_text(encoding="utf-8")


def _data_lines(name: str) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in _style_data(name).splitlines())
    return [line for line in lines if line]


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Prose ranges inside quotation marks: what a speaker said is not the paper's style."""
    ranges: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", text):
        ranges.append((m.start(), m.end()))
    return ranges


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _prose_blocks(document: Document, headline: bool = True) -> list[Block]:
    """The headline (optionally) and the body's prose blocks, in order."""
    blocks = [b for b in document.blocks if b.kind != "frontmatter"]
    if headline and document.headline is not None:
        blocks.insert(0, document.headline)
    return blocks


_COMMON_LOWER = "etaoinsrhl"
"""The commonest lower-case letters of English, counted to rule out capitals cheaply."""


def _shouting(block: Block) -> bool:
    """Whether a block is set in capitals (a kicker or an all-caps headline), where case says
    nothing about acronyms. Kept in the block's ``meta``: ST003 and ST004 both ask."""
    shouting = block.meta.get("st_shouting")
    if shouting is None:
        shouting = block.meta["st_shouting"] = _in_capitals(block.text)
    return shouting


def _in_capitals(text: str) -> bool:
    # Most blocks are ordinary prose: when these lower-case letters alone make up 40% of the
    # characters, capitals cannot be over 60% of the letters, and str.count (in C) has said so
    # without looking at each character in Python.
    if sum(map(text.count, _COMMON_LOWER)) >= 0.4 * len(text):
        return False
    letters = "".join(filter(str.isalpha, text))
    return len(letters) > 12 and sum(map(str.isupper, letters)) > 0.6 * len(letters)


class OrganisationNamedSeveralWays(Rule):
    """## What it does
    Flags an organisation or group called by more than one name in one article: "IS" in one
    paragraph, "ISIS" in the next and "Isis" in a quote's paraphrase.

    ## Why is this bad?
    Readers cannot tell whether "IS" and "ISIS" are one group or two, and a mix of names shows
    that copy from several sources was pasted together unedited. Pick the house name and keep
    it; the spelled-out name may introduce a single short one ("Islamic State (IS)"). The list of
    organisations ships in `newslint/data/style/organisations.toml`; add your own with the
    `names` option, a list of lists of names.

    ## Example
    ```text
    IS fighters withdrew on Friday. Officials said ISIS still holds two villages.
    ```

    ## Use instead
    ```text
    IS fighters withdrew on Friday. Officials said IS still holds two villages.
    ```
    """

    code = "ST003"
    name = "organisation-named-several-ways"
    severity = Severity.WARNING
    options = {"names": []}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        if all(isinstance(group, list) and strings_problem(group) is None for group in value):
            return None
        return 'must be a list of lists of names, e.g. [["IS", "ISIS", "Islamic State"]]'

    def check(self, document: Document) -> Iterator[Violation]:
        blocks = [b for b in _prose_blocks(document) if not _shouting(b)]
        extra = tuple(tuple(names) for names in self.config["names"] if names)
        # one substring test per name over the whole story rules out most organisations; the
        # separator cannot be part of a name, so a name is found here only if a block has it
        story = "\x00".join(b.text for b in blocks)
        for label, full, names in _groups(extra):
            present = [(name, _name_pattern(name)) for name in names if name in story]
            if sum(name != full for name, _ in present) < 2:
                continue  # fewer than two short names in the text, so fewer than two matches
            first: dict[str, Span] = {}
            counts: dict[str, int] = {}
            for block in blocks:
                text = block.text
                for name, pattern in present:
                    if name not in text:  # a substring test is far cheaper than the pattern
                        continue
                    for m in pattern.finditer(text):
                        if _among_capitals(text, m.start(), m.end()):
                            continue
                        first.setdefault(name, block.source_span(m.start(), m.end()))
                        counts[name] = counts.get(name, 0) + 1
            short = [n for n in first if n != full]
            if len(short) < 2:
                continue
            seen = sorted(first, key=lambda n: first[n].start)
            keep = max(short, key=lambda n: (counts[n], -first[n].start))
            listing = ", ".join(f"'{n}'" for n in seen)
            for name in seen:
                if name in (keep, full):  # the spelled-out name may introduce the kept one
                    continue
                yield self.violation(
                    first[name],
                    f"{label} is named {len(seen)} ways in this article ({listing}); "
                    f"use one name, e.g. '{keep}'",
                    [Suggestion(keep, title=f"Use '{keep}'")],
                )


def _among_capitals(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in a run of three or more words in capitals ("THE USA
    IS GREAT!" in a quoted post), where case says nothing, as in a block in capitals: a name
    spelt like a word ("IS") is the word there."""
    before = text[max(0, start - 60):start].split()[-2:]  # a window: a block may be long
    words = [*before, text[start:end], *text[end:end + 60].split()[:2]]
    capitals = [any(c.isupper() for c in w) and not any(c.islower() for c in w) for w in words]
    at = len(before)
    return any(len(capitals[i:i + 3]) == 3 and all(capitals[i:i + 3])
               for i in range(max(0, at - 2), at + 1))


@cache
def _groups(extra: tuple[tuple[str, ...], ...]) -> list[tuple[str, str, list[str]]]:
    """``(label, full name or "", names)`` of the shipped organisations and the configured
    ones (``extra``); built once per process and configuration."""
    groups = [(g["label"], g.get("full", ""), g["names"]) for g in _organisations()]
    groups += [(names[0], names[0], list(names[1:])) for names in extra]
    return [(label, full, list(dict.fromkeys([*filter(None, [full]), *names])))
            for label, full, names in groups]


# compiled when a story first has the name: most names are in few stories, and a run over one
# article would otherwise compile them all
@cache
def _name_pattern(name: str) -> re.Pattern[str]:
    # case-sensitive on purpose: "IS" is the group, "is" the verb; a hyphen may follow
    # ("IS-held", "Isis-inspired") but not precede ("anti-IS" still counts)
    return re.compile(r"(?<![\w’'])" + re.escape(name) + r"(?![\w’']|-\w+\b(?<=[A-Z]\w))")


@cache
def _organisations() -> list[dict[str, Any]]:
    from newslint.tomlreader import tomllib

    return tomllib.loads(_style_data("organisations.toml"))["organisation"]


class AcronymBeforeExpansion(Rule):
    """## What it does
    Flags an acronym used before it is spelled out, and (with `report-undefined`) one that is
    never spelled out.

    ## Why is this bad?
    A reader meets "SDF" and has to guess; a spelling-out three paragraphs later comes too late.
    Spell the name out at first mention and put the short form after it, or use the name alone.
    Acronyms every reader knows (US, UN, NATO, FBI, BBC...) need no spelling-out; the list ships
    in `newslint/data/style/acronyms.txt`, and the `known` option adds your own. An acronym that
    is never spelled out is only reported when `report-undefined` is on, as many stories rightly
    rely on the reader knowing it.

    ## Example
    ```text
    Syrian force takes town from Islamic State

    The SDF took the town on Friday. The Syrian Democratic Forces said the fighting was over.
    ```

    ## Use instead
    ```text
    Syrian force takes town from Islamic State

    The Syrian Democratic Forces (SDF) took the town on Friday. The SDF said the fighting was over.
    ```
    """

    code = "ST004"
    name = "acronym-before-expansion"
    severity = Severity.WARNING
    options = {"known": [], "report-undefined": False}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        return strings_problem(value) if name == "known" else None

    # the capital before the look-behind, so that the regex engine jumps from capital to capital
    _ACRONYM = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z0-9]{1,5}(?:s\b)?(?![\w’'])")
    # a run of capitalised words, joining words allowed inside: a name that may spell an acronym
    _NAME_RUN = re.compile(
        r"[A-Z][\w’'.]*(?:[\s-]+(?:(?:of|the|and|for|on|in|de|du|des|la|le|al|&)\s+)*[A-Z][\w’'.]*)+"
    )
    _ROMAN = re.compile(r"[IVXLCDM]+")

    def check(self, document: Document) -> Iterator[Violation]:
        known = _known_acronyms() | set(self.config["known"])
        first: dict[str, Span] = {}
        spelled: dict[str, int] = {}  # acronym -> source offset of its earliest spelling-out
        blocks = [b for b in _prose_blocks(document, headline=False)
                  if b.kind != "heading" and not _shouting(b)]
        for block in blocks:
            text = block.text
            for m in self._ACRONYM.finditer(text):
                word = m.group()
                bare = word[:-1] if word.endswith("s") else word
                if bare in known or word in known or self._ROMAN.fullmatch(bare):
                    continue
                if not any(c.isalpha() for c in bare[1:]):
                    continue  # "A4", "F1": a model or a grade, not an acronym
                span = block.source_span(m.start(), m.end())
                if bare not in first:
                    first[bare] = span
                    inner = re.match(r" [(\[]([^)\]]{3,120})[)\]]", text[m.end():])
                    if inner and bare in _run_initials(inner.group(1)):
                        spelled[bare] = min(spelled.get(bare, span.start), span.start)
        if not first:
            return  # most stories use only acronyms every reader knows: no names to read
        for block in blocks:
            for m in self._NAME_RUN.finditer(block.text):
                # only the acronyms the story uses matter; most runs spell none of them
                initials = _run_initials(m.group())
                if found := [acronym for acronym in first if acronym in initials]:
                    start = block.source_span(m.start(), m.end()).start
                    for acronym in found:
                        spelled[acronym] = min(spelled.get(acronym, start), start)
        for acronym, span in first.items():
            at = spelled.get(acronym)
            if at is not None and at > span.start:
                yield self.violation(span, f"'{acronym}' is used before it is spelled out; spell "
                                           "it out at its first mention")
            elif at is None and self.config["report-undefined"]:
                yield self.violation(span, f"'{acronym}' is never spelled out")


_GLUE = frozenset("of the and for on in de du des la le al &".split())
_RUN_GAP = re.compile(r"[\s-]+")


def _run_initials(run: str) -> str:
    """The initials of a run of capitalised words, with ``|`` for a lower-case word that breaks
    it; the acronyms the run can stand for are the stretches of two or more of them
    ("Syrian Democratic Forces" gives "SDF": SDF, SD and DF), so a test is a substring test."""
    return "".join(word[0] if word[0].isupper() else "|"
                   for word in _RUN_GAP.split(run) if word and word.lower() not in _GLUE)


@cache
def _known_acronyms() -> frozenset[str]:
    return frozenset(_data_lines("acronyms.txt"))


class NumberStyleMixed(Rule):
    """## What it does
    Flags percentages written two ways in one article ("100%" here, "100 percent" there) and,
    when the house spells out small numbers, figures below `spell-out-below` ("3 people").

    ## Why is this bad?
    Mixed number styles show that copy from several hands was not brought into one style. The
    `percent` option names the house form (`"%"`, `"percent"` or `"per cent"`; empty flags only
    a mix). `spell-out-below = 10` flags the figures 1 to 9 in running text, as AP and most
    British stylebooks ask; ages, measures, money, times, dates, scores and decimals are left
    alone. It is 0 (off) unless a preset turns it on.

    ## Example
    ```text
    Turnout rose to 40% in May. Officials expect 45 percent in June.
    ```

    ## Use instead
    ```text
    Turnout rose to 40% in May. Officials expect 45% in June.
    ```
    """

    code = "ST005"
    name = "number-style-mixed"
    severity = Severity.WARNING
    options = {"percent": "", "spell-out-below": 0}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        return choice_problem(value, ("", "%", "percent", "per cent")) if name == "percent" \
            else None

    _PERCENT = re.compile(r"(?<![\w.])(\d[\d,.]*)(?:(\s?%)|\s+(percent|per cent)\b)", re.I)
    _NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve "
                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()
    _SKIP_BEFORE = re.compile(
        r"(?:\b(?:No|Nos|no|number|Number|page|Page|chapter|Chapter|Article|article|section|"
        r"Section|version|Version|aged?|Level|level|Category|category|Grade|grade|Jan|Feb|Mar|"
        r"Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|"
        r"September|October|November|December|Room|room|Route|route|Gate|gate|Platform|platform|"
        r"Game|game|Week|week|Day|day|Stage|stage|Phase|phase|Season|season|Episode|episode|"
        r"Flight|flight|Formula|World War|Apollo|Windows)\.?|[\d$£€]|\d-|\bto|\bor|\band)\s*$"
    )

    def check(self, document: Document) -> Iterator[Violation]:
        yield from self._percentages(document)
        below = int(self.config["spell-out-below"])
        if below > 1:
            yield from self._small_figures(document, min(below, 20))

    def _percentages(self, document: Document) -> Iterator[Violation]:
        found: list[tuple[str, Span, str]] = []
        for block in _prose_blocks(document):
            if "%" not in block.text and "per" not in block.text.lower():
                continue  # neither form can be there: far cheaper than the pattern
            for m in self._PERCENT.finditer(block.text):
                form = "%" if m.group(2) else m.group(3).lower()
                found.append((form, block.source_span(m.start(), m.end()), m.group()))
        forms = {f for f, _, _ in found}
        house = self.config["percent"]
        if house:
            wrong = [x for x in found if x[0] != house]
        elif len(forms) > 1:
            counts = {f: sum(1 for g, _, _ in found if g == f) for f in forms}
            order = {f: next(i for i, x in enumerate(found) if x[0] == f) for f in forms}
            house = max(forms, key=lambda f: (counts[f], -order[f]))
            wrong = [x for x in found if x[0] != house]
        else:
            return
        for _form, span, written in wrong:
            number = written[: len(written) - len(written.lstrip("0123456789,."))]
            fixed = f"{number}%" if house == "%" else f"{number} {house}"
            yield self.violation(
                span, f"'{written.strip()}': write percentages as '{fixed}', as elsewhere"
                if not self.config["percent"]
                else f"'{written.strip()}': the house style is '{fixed}'",
                [Suggestion(fixed, title=f"Write '{fixed}'")],
            )

    def _small_figures(self, document: Document, below: int) -> Iterator[Violation]:
        for block in document.blocks:
            if block.kind not in ("paragraph", "blockquote", "list_item"):
                continue
            text = block.text
            for m in re.finditer(r"(?<![\w.,$£€¥#/:'’-])(\d{1,2})(?![\w.,:/%°'’-])", text):
                value = int(m.group(1))
                if not 1 <= value < below or m.group(1).startswith("0"):
                    continue
                after = text[m.end() : m.end() + 20]
                if re.match(r"\s*(?:%|per ?cent|[ap]\.?m\b|o'clock|(?:[kcm]?m|kg|g|lb|lbs|ft|in|"
                            r"mph|km|miles?|°|million|billion|trillion|percent|bn|m|st|nd|rd|th|"
                            r"-\d|–\d|to \d|or \d|and \d|years? old|-year-old|points?\b|goals?\b|"
                            r"runs?\b|sets?\b|seconds?|minutes?|hours?|inches|feet|metres|meters)\b)",
                            after) or after[:1] in "-–":
                    continue
                if self._SKIP_BEFORE.search(text[max(0, m.start() - 24) : m.start()]):
                    continue
                word = self._NUMBER_WORDS[value]
                yield self.violation(
                    block.source_span(m.start(), m.end()),
                    f"spell out '{m.group(1)}' as '{word}' "
                    f"(the house spells out numbers below {below})",
                    [Suggestion(word, title=f"Write '{word}'")],
                )


class CourtesyTitleInconsistent(Rule):
    """## What it does
    Flags a person called "Mr Trump" in one place and plain "Trump" in another. With
    `titles = "never"` (AP) it flags every courtesy title outside quotes; with `"always"` it
    flags the bare surname of anyone the story gives a title.

    ## Why is this bad?
    A stylebook either uses courtesy titles (Mr, Mrs, Ms, Miss, Mx) on second reference or does
    not; a mix reads as carelessness, and can read as a slight to the person left without one.
    Quotations are left alone: speakers say what they say; so is a title inside the name of a
    work or a body ("the documentary Beware of Mr. Baker").

    ## Example
    ```text
    President declares the war over

    President Donald Trump spoke on Friday. Mr Trump said the war was over. Trump then left.
    ```

    ## Use instead
    ```text
    President declares the war over

    President Donald Trump spoke on Friday. Mr Trump said the war was over. Mr Trump then left.
    ```
    """

    code = "ST006"
    name = "courtesy-title-inconsistent"
    severity = Severity.WARNING
    options = {"titles": "consistent"}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        return choice_problem(value, ("consistent", "never", "always"))

    _TITLED = re.compile(_TITLE_RE + r"\s+((?:[A-Z][\w’'-]+\s+)*?([A-Z][\w’'-]+?))"
                         r"(?:['’]s)?\b(?!\s+[A-Z])")

    def check(self, document: Document) -> Iterator[Violation]:
        titled: dict[str, list[Span]] = {}
        bare: dict[str, list[Span]] = {}
        blocks = _prose_blocks(document, headline=False)
        for block in blocks:
            quoted = _quoted_ranges(block.text)
            for m in self._TITLED.finditer(block.text):
                if not _inside(quoted, m.start()) and not _in_a_title(block.text, m.start()):
                    titled.setdefault(m.group(2), []).append(block.source_span(m.start(), m.end(1)))
        mode = self.config["titles"]
        if mode == "never":
            for name, spans in titled.items():
                for span in spans:
                    yield self.violation(span, f"courtesy title before '{name}': the house "
                                               "uses none",
                                         [Suggestion(name, title=f"Write '{name}'")])
            return
        if not titled:
            return
        names = "|".join(re.escape(n) for n in titled)
        bare_re = re.compile(rf"(?<![\w’'-])({names})(?:['’]s)?(?![\w’'-])(?!\s+[A-Z])")
        for block in blocks:
            quoted = _quoted_ranges(block.text)
            text = block.text
            for m in bare_re.finditer(text):
                before = text[max(0, m.start() - 40) : m.start()]
                if _inside(quoted, m.start()) or re.search(_TITLE_RE + r"\s+$", before):
                    continue
                if (re.search(r"[A-Z][\w’'.-]*\s+$", before)
                        and not re.search(r"[.!?:;]\s+$", before)):
                    continue  # part of a longer name: "Donald Trump", "President Trump"
                bare.setdefault(m.group(1), []).append(block.source_span(m.start(), m.end(1)))
        for name, t_spans in titled.items():
            b_spans = bare.get(name, [])
            if not b_spans:
                continue
            if mode == "always" or len(t_spans) >= len(b_spans):  # flag the rarer form
                for span in b_spans:
                    yield self.violation(span, f"'{name}' without a courtesy title, but "
                                               f"'Mr/Ms {name}' "
                                               "elsewhere in the article")
            else:
                for span in t_spans:
                    yield self.violation(span, f"courtesy title before '{name}' here, but plain "
                                               f"'{name}' {len(b_spans)} times elsewhere")


_TITLE_LEAD = re.compile(r"[A-Z][\w’'-]*\s+(?:of|for|to|and|with|the)\s+$")


def _in_a_title(text: str, start: int) -> bool:
    """Whether the courtesy title at ``start`` ends a name the writer did not choose, the title
    of a work or a body: "the documentary Beware of Mr. Baker", "Waiting for Mrs. Linde". It
    follows a capitalised word and a small joining word, and that word does not open a sentence
    ("Most of Mr Baker's songs" is the writer's own)."""
    before = text[max(0, start - 60) : start]
    m = _TITLE_LEAD.search(before)
    if m is None:
        return False
    lead = before[: m.start()].rstrip()
    return bool(lead) and lead[-1] not in ".!?:;"


class WebLeftover(Rule):
    """## What it does
    Flags leftovers of web pages and CMS templates in the copy: "Latest News", "Click here",
    "Advertisement", "Read more", "Share this" and the like.

    ## Why is this bad?
    Copy pasted from a web page drags its navigation and ad slots along, and they end up in print
    or syndication as stray lines. The phrases ship in `newslint/data/style/web-leftovers.txt`;
    most only count as a line of their own, since they are ordinary words inside a sentence.
    The `phrases` option adds your own (whole lines).

    ## Example
    ```text
    The council meets again in May.

    Latest News
    ```

    ## Use instead
    ```text
    The council meets again in May.
    ```
    """

    code = "ST007"
    name = "web-leftover"
    severity = Severity.WARNING
    options = {"phrases": []}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        return strings_problem(value)

    def check(self, document: Document) -> Iterator[Violation]:
        inline, whole = _web_leftovers()
        whole = whole | {p.lower() for p in self.config["phrases"]}
        for block in _prose_blocks(document, headline=False):
            text = block.text.strip()
            key = _without_trailing_marks(text.lower()).strip()
            lead = _LEAD_LABEL.match(block.text)
            if key in whole or (lead and lead.group(1).lower() in whole and len(text.split()) < 20):
                start = block.text.index(text[:1]) if text else 0
                span = block.source_span(start, start + len(text))
                yield self.violation(span, f"'{text[:40]}' looks like a web page or CMS leftover",
                                     [Suggestion("", span=block.span, title="Delete the line")])
                continue
            lowered = block.text.lower()
            for phrase, pattern in inline:
                if phrase not in lowered:  # a substring test is far cheaper than the pattern
                    continue
                # matched in the block's own text: lower() may change its length ("İ" becomes
                # two characters), and offsets into the lowered text would point elsewhere
                for m in pattern.finditer(block.text):
                    yield self.violation(block.source_span(m.start(), m.end()),
                                         f"'{block.text[m.start():m.end()]}' looks like a web "
                                         "page leftover")


_TRAILING_MARKS = ":»›>|.!…-"


def _without_trailing_marks(text: str) -> str:
    """``text`` without the run of spaces and ``_TRAILING_MARKS`` it ends with ("Latest News »").
    With str.rstrip, as a pattern anchored at the end starts a try at every space of the text."""
    while (stripped := text.rstrip().rstrip(_TRAILING_MARKS)) != text:
        text = stripped
    return text


_LEAD_LABEL = re.compile(r"\s*([^:»›|]{3,40}?)\s*[:»›|]")


@cache
def _web_leftovers() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], frozenset[str]]:
    """The phrases that are leftovers anywhere (each with its pattern), and those that are
    leftovers as a line of their own."""
    inline, whole = [], set()
    for line in _data_lines("web-leftovers.txt"):
        if line.startswith("block:"):
            whole.add(line.removeprefix("block:").strip().lower())
        else:
            phrase = line.lower()
            inline.append((phrase, re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)))
    return tuple(inline), frozenset(whole)


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [RepeatedWord, MultipleSpaces, OrganisationNamedSeveralWays, AcronymBeforeExpansion,
            NumberStyleMixed, CourtesyTitleInconsistent, WebLeftover]
