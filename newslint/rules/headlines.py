"""Headlines (HL): the headline is there, said once, fits its story and keeps the house style.

The headline and the story are read together: whether the story backs the headline is weighed
with :mod:`newslint.support`, which scores the headline's terms by their rarity in news copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from newslint.document import Block, Document, Span
from newslint.hookspecs import hookimpl
from newslint.rule import Rule, choice_problem
from newslint.support import BodyIndex, HeadlineTerm, Support, headline_support
from newslint.terms import STOPWORDS, fold, numbers_in, rarity, stem
from newslint.text import WORD_RE, reads_as_paragraph
from newslint.violation import Severity, Suggestion, Violation

MIN_BODY_WORDS = 25
"""A body shorter than this says too little to judge a headline against."""
SUPPORT_THRESHOLD = 0.3
"""Below this weighted share of backed terms a headline is taken to belong to another story.
Measured on Wikinews: fitting headlines score above it in over 99% of articles, headlines
moved to another story below it in about 99% of cases."""
NAME_MIN_IDF = 5.0
"""A headline name must be at least this rare in news copy to be reported on its own: common
places and titles ("England", "President") set a scene the story need not repeat."""


def body_index(document: Document) -> BodyIndex:
    """The body's words, indexed once per document (kept in ``document.meta``)."""
    index = document.meta.get("hl_body")
    if index is None:
        index = document.meta["hl_body"] = BodyIndex(document.body_text)
    return index


def story_support(document: Document) -> Support | None:
    """How well the body backs the headline; ``None`` when there is too little to judge.

    Kept in ``document.meta`` so the HL rules that need it weigh the headline once."""
    if "hl_support" not in document.meta:
        headline, body = document.headline, document.body_text
        support = None
        if headline is not None and len(body.split(None, MIN_BODY_WORDS)) >= MIN_BODY_WORDS:
            support = headline_support(headline.text, body_index(document))
        document.meta["hl_support"] = support
    support = document.meta["hl_support"]
    return support if isinstance(support, Support) else None


def _headline_span(headline: Block, term: HeadlineTerm) -> Span:
    return headline.source_span(term.start, term.end)


class MissingHeadline(Rule):
    """## What it does
    Flags an article with no headline: no front-matter `title`, no top-level heading, nothing on
    the first line; or a first line that is plainly the opening paragraph rather than a
    headline (several sentences, or a long line ending in a full stop).

    ## Why is this bad?
    A story without a headline is published under its slug or its first sentence. It happens
    when copy is pasted into the CMS without the head, and is easy to miss in the editor.

    ## Example
    ```text
    Two men were arrested in Leeds on Tuesday. Both were later released on bail.

    Police said a jewellery shop in the city centre had been robbed on Monday night.
    ```

    ## Use instead
    ```text
    Two arrested after Leeds jewellery shop robbery

    Two men were arrested in Leeds on Tuesday. Both were later released on bail.
    ```
    """

    code = "HL201"
    name = "headline-missing"
    severity = Severity.ERROR

    _LEDE = "The first line reads as the opening paragraph, not a headline"

    def check(self, document: Document) -> Iterator[Violation]:
        headline = document.headline
        if headline is not None and headline.text.strip():
            if reads_as_paragraph(headline.text):
                yield self.violation(headline.span, self._LEDE)
            return
        # the plain-text reader takes a first line that is the opening paragraph for body
        # copy: say so on that line, where a suppression line above it can reach
        if document.format == "text" and document.blocks:
            first = document.blocks[0]
            source, start = document.source, first.span.start
            end = source.find("\n", start, first.span.end)
            end = first.span.end if end < 0 else end
            while end > start and source[end - 1].isspace():  # the "\r" of a CRLF line break
                end -= 1
            if reads_as_paragraph(source[start:end]):
                yield self.violation(Span(start, end), self._LEDE)
                return
        yield self.violation(Span(0, 0), "Article has no headline")


def _normalise(text: str) -> str:
    """Text with case, quote marks, punctuation and spacing taken away, for comparing copies."""
    return " ".join(m.group() for m in WORD_RE.finditer(text.casefold().replace("\u2019", "'")))


class RepeatedHeadline(Rule):
    """## What it does
    Flags the headline, or a near copy of it (case, punctuation and quote marks aside), standing
    again as a block of the body. The fix removes the repeat.

    ## Why is this bad?
    A headline pasted into the body as well as the headline field prints twice, one under the
    other. It is the commonest leftover of copying a story from another system.

    ## Example
    ```text
    Flood waters recede in York

    Flood waters recede in York

    The River Ouse fell by a metre overnight, letting residents return to their homes.
    ```

    ## Use instead
    ```text
    Flood waters recede in York

    The River Ouse fell by a metre overnight, letting residents return to their homes.
    ```
    """

    code = "HL202"
    name = "headline-repeated"
    severity = Severity.ERROR
    fixable = True

    def check(self, document: Document) -> Iterator[Violation]:
        headline = document.headline
        if headline is None:
            return
        target = _normalise(headline.text)
        if not target:
            return
        size = len(headline.text)
        for block in document.blocks:
            # a CMS title in front matter is often restated as the page's H1: that is HL205's
            # business (do they agree?), not a pasted repeat
            if block.kind == "frontmatter" or any(block is b for b in document.restatements):
                continue
            # markup and punctuation aside, a copy is about as long as the headline
            if not 0.6 * size <= len(block.text) <= 1.6 * size + 4:
                continue
            # the same words: one word changed is a story's own sentence, such as the lede in
            # the past tense under a headline in the present ("Flood waters receded in York.")
            if _normalise(block.text) != target:
                continue
            yield self.violation(
                block.span,
                "Headline repeated in the body",
                [Suggestion("", self._removal(document.source, block), safe=True,
                            title="Remove the repeated headline")],
            )

    @staticmethod
    def _removal(source: str, block: Block) -> Span:
        """The block (a setext heading with its underline) with the blank line after it, or
        before it when it ends the file, whose final line break is kept."""
        end = block.span.end
        if block.kind == "heading":
            underline = _SETEXT_UNDERLINE.match(source, end)
            end = underline.end() if underline else end
        after = end
        while after < len(source) and source[after] in " \t\r\n":
            after += 1
        if after < len(source):
            return Span(block.span.start, after)
        start = block.span.start
        while start > 0 and source[start - 1] in " \t\r\n":
            start -= 1
        return Span(start, end)


_SETEXT_UNDERLINE = re.compile(r"[ \t]*\r?\n[ \t]*(?:=+|-+)[ \t]*(?=\r?\n|$)")
"""The underline of a setext heading, from the end of its text."""


class UnsupportedHeadline(Rule):
    """## What it does
    Flags a headline the story does not back: its names, numbers and content words, weighed by
    how rare they are in news copy, are mostly absent from the body. This is how a headline
    attached to the wrong story in the CMS shows. Inflections and the usual headline shortenings
    are allowed: "Syria force" is backed by "Syrian Democratic Forces", "SDF" by its expansion.

    ## Why is this bad?
    A headline that promises another story misleads readers and search engines, and on a busy
    desk it is easy to paste the right headline onto the wrong story.

    ## Example
    ```text
    Council approves new cycle lanes for Bristol city centre

    The River Ouse fell by a metre overnight, letting residents of York return to their homes
    after a week of flooding. The Environment Agency said more rain was expected on Sunday but
    that the defences along the river had held, and volunteers began clearing mud from streets.
    ```

    ## Use instead
    ```text
    Flood waters recede in York as residents return home

    The River Ouse fell by a metre overnight, letting residents of York return to their homes
    after a week of flooding. The Environment Agency said more rain was expected on Sunday but
    that the defences along the river had held, and volunteers began clearing mud from streets.
    ```
    """

    code = "HL203"
    name = "headline-unsupported"
    severity = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {"threshold": SUPPORT_THRESHOLD}

    def check(self, document: Document) -> Iterator[Violation]:
        support = story_support(document)
        if support is None or document.headline is None or not support.terms:
            return
        if support.score < float(self.config["threshold"]):
            missing = sorted(support.missing(), key=lambda t: -t.weight)[:3]
            listed = ", ".join(f'"{t.text}"' for t in missing)
            yield self.violation(
                document.headline.span,
                f"Headline not supported by the story (no mention of {listed})",
            )


class UnsupportedHeadlineNumber(Rule):
    """## What it does
    Flags a number in the headline that the story does not contain, in any notation ("2,000",
    "2000" and "2 thousand" are the same number; "900" is backed by "908"). Years are left
    alone, also cut to two digits ("since '82", "2014-15"): a story need not repeat the year it
    is dated.

    ## Why is this bad?
    A number changed between the story and the headline ("200 troops" over a story that says
    2,000) is a factual error in the most-read line of the article.

    ## Example
    ```text
    US to keep 200 troops in Syria

    The United States will keep about 2,000 troops in northern Syria until the end of the year,
    officials said on Friday, reversing a plan announced in December to bring them home. The
    decision followed talks with allies in the coalition against the Islamic State group.
    ```

    ## Use instead
    ```text
    US to keep 2,000 troops in Syria

    The United States will keep about 2,000 troops in northern Syria until the end of the year,
    officials said on Friday, reversing a plan announced in December to bring them home. The
    decision followed talks with allies in the coalition against the Islamic State group.
    ```
    """

    code = "HL206"
    name = "headline-number-unsupported"
    severity = Severity.WARNING

    _YEAR = re.compile(r"^(1[89]|20)\d\d$")
    # what stands before a year cut to two digits: "since '82", "the 2014-15 budget", "2008/09"
    _SHORT_YEAR_BEFORE = re.compile(r"(?:['’]|(?<!\d)(?:1[89]|20)\d\d[-–/])$")

    def check(self, document: Document) -> Iterator[Violation]:
        support = story_support(document)
        if support is None or document.headline is None:
            return
        if support.score < SUPPORT_THRESHOLD:
            return  # the whole headline is off (HL203); its numbers are not news
        text = document.headline.text
        for term in support.missing("number"):
            if self._YEAR.match(term.text) or (
                len(term.text) == 2 and self._SHORT_YEAR_BEFORE.search(text[: term.start])
            ):
                continue
            # a headline may add up what the story gives in parts
            if any(body_index(document).backs_total(v) for v, _, _ in numbers_in(term.text)):
                continue
            yield self.violation(
                _headline_span(document.headline, term),
                f'The story does not give the headline\'s number "{term.text}"',
            )


class UnsupportedHeadlineName(Rule):
    """## What it does
    Flags a person, place or organisation named in the headline that the story never mentions.
    A name counts as mentioned when any of its words appears in the story, spelt with or without
    accents, or as a demonym ("Mexican" for "Mexico"). Only rare names are reported: a common
    place added for context ("Oxford, England") is not.

    ## Why is this bad?
    A name the story never mentions is either a slip (the wrong person, a misspelling) or a
    claim the story does not stand behind.

    ## Example
    ```text
    Warsaw elects Kowalczyk as mayor

    Rafal Trzaskowski won the Warsaw mayoral election on Sunday with 56 percent of the vote,
    the electoral commission said. His main rival conceded defeat in the evening, and turnout
    in the capital was the highest for a local election since the end of communism.
    ```

    ## Use instead
    ```text
    Warsaw elects Trzaskowski as mayor

    Rafal Trzaskowski won the Warsaw mayoral election on Sunday with 56 percent of the vote,
    the electoral commission said. His main rival conceded defeat in the evening, and turnout
    in the capital was the highest for a local election since the end of communism.
    ```
    """

    code = "HL207"
    name = "headline-name-unsupported"
    severity = Severity.WARNING

    def check(self, document: Document) -> Iterator[Violation]:
        support = story_support(document)
        headline = document.headline
        if support is None or headline is None or support.score < SUPPORT_THRESHOLD:
            return
        for run in self._name_runs(headline.text, support.terms):
            if any(t.supported for t in run) or max(t.weight for t in run) < NAME_MIN_IDF:
                continue
            body = fold(document.body_text).lower()
            if any(self._demonym_backed(fold(t.text).lower(), body) for t in run):
                continue
            start, end = run[0].start, run[-1].end
            yield self.violation(
                headline.source_span(start, end),
                f'The story never mentions "{headline.text[start:end]}"',
            )

    @staticmethod
    def _name_runs(text: str, terms: list[HeadlineTerm]) -> list[list[HeadlineTerm]]:
        """Consecutive name words ("Andrea Zamperoni") as one name, split at punctuation."""
        runs: list[list[HeadlineTerm]] = []
        for term in terms:
            if term.kind != "name":
                continue
            if runs and re.fullmatch(r"[\s\-]*", text[runs[-1][-1].end : term.start]):
                runs[-1].append(term)
            else:
                runs.append([term])
        return runs

    @staticmethod
    def _demonym_backed(word: str, body: str) -> bool:
        """Whether the body has a word sharing most of this one's stem ("mexic" of "Mexican")."""
        s = stem(word)
        if len(s) < 6:
            return word in body
        return re.search(r"\b" + re.escape(s[: max(4, len(s) - 3)]), body) is not None


_QUOTES = {"single": "\u2018\u2019'", "double": "\u201c\u201d\""}
_SMALL_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs v from into "
    "onto with over".split()
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St)\.$")


class HeadlineStyle(Rule):
    """## What it does
    Checks the headline against the house style: its `case` ("sentence", the default, "title",
    or "any"), `max-length` in characters (140 by default, 0 for no limit), no full stop at the
    end (`full-stop`), the house quote marks (`quotes`: "single", the British habit, "double",
    or "any", the default, as wire copy mixes both), and no words in capitals except acronyms
    (`all-caps`).

    ## Why is this bad?
    Headlines are the most visible line of a story; a stray full stop, shouted words or the
    wrong quote marks make a page look unedited, and long headlines are cut off in search
    results and on social media.

    ## Example
    ```text
    Minister Resigns Over Expenses Row.

    The health minister resigned on Friday over an expenses row that has dogged the government
    for weeks, saying she did not want to be a distraction.
    ```

    ## Use instead
    ```text
    Minister resigns over expenses row

    The health minister resigned on Friday over an expenses row that has dogged the government
    for weeks, saying she did not want to be a distraction.
    ```
    """

    code = "HL204"
    name = "headline-style"
    severity = Severity.WARNING
    fixable = True
    options: ClassVar[dict[str, Any]] = {
        "case": "sentence",
        "max-length": 140,
        "full-stop": True,
        "quotes": "any",
        "all-caps": True,
    }

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        if name == "case":
            return choice_problem(value, ("sentence", "title", "any"))
        if name == "quotes":
            return choice_problem(value, ("any", *_QUOTES))
        if name == "max-length" and value < 0:
            return "must be 0 (no limit) or more"
        return None

    def check(self, document: Document) -> Iterator[Violation]:
        headline = document.headline
        if headline is None or not headline.text.strip():
            return
        text = headline.text
        yield from self._length(headline, text)
        yield from self._full_stop(headline, text)
        yield from self._quotes(headline, text)
        yield from self._all_caps(document, headline, text)
        yield from self._case(document, headline, text)

    def _length(self, headline: Block, text: str) -> Iterator[Violation]:
        limit = int(self.config["max-length"] or 0)
        if limit and len(text.strip()) > limit:
            yield self.violation(
                headline.span, f"Headline is {len(text.strip())} characters long (limit {limit})"
            )

    def _full_stop(self, headline: Block, text: str) -> Iterator[Violation]:
        stripped = text.rstrip()
        if not self.config["full-stop"] or not stripped.endswith(".") or stripped.endswith(".."):
            return
        if _ABBREVIATION_END.search(stripped):
            return  # "U.S." ends with its own full stop
        at = len(stripped) - 1
        yield self.violation(
            headline.source_span(at, at + 1), "Headline ends with a full stop",
            [Suggestion("", safe=True, title="Remove the full stop")],
        )

    def _quotes(self, headline: Block, text: str) -> Iterator[Violation]:
        house = self.config["quotes"]
        if house not in _QUOTES:
            return
        other = _QUOTES["double" if house == "single" else "single"]
        for m in re.finditer(f"[{re.escape(other)}]", text):
            ch = m.group()
            if ch in "'\u2019" and self._apostrophe(text, m.start()):
                continue
            yield self.violation(
                headline.source_span(m.start(), m.end()),
                f"Headline uses {'double' if house == 'single' else 'single'} quote marks; "
                f"the house style is {house}",
            )
            return

    @staticmethod
    def _apostrophe(text: str, i: int) -> bool:
        """Whether the mark at ``i`` is an apostrophe (inside a word, or after a plural's s)."""
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        return before.isalnum() and (after.isalnum() or before in "sS")

    def _all_caps(self, document: Document, headline: Block, text: str) -> Iterator[Violation]:
        if not self.config["all-caps"]:
            return
        idf = rarity().idf
        body = document.body_text
        for m in re.finditer(r"\b[A-Z]{4,}\b", text):
            word = m.group()
            # an acronym is rare as a word ("NASDAQ"); a shouted word is common ("BREAKING"),
            # unless the story writes it in capitals too (the "PATRIOT Act")
            if idf(stem(word)) >= 4.0 or re.search(rf"\b{word}\b", body):
                continue
            yield self.violation(
                headline.source_span(m.start(), m.end()),
                f'"{word}" is in capitals in the headline',
                [Suggestion(word.capitalize() if m.start() == 0 else word.lower())],
            )

    def _case(self, document: Document, headline: Block, text: str) -> Iterator[Violation]:
        case = self.config["case"]
        words = [m for m in WORD_RE.finditer(text) if m.group()[:1].isalpha()]
        # the first word, and one after a colon, open the headline's sentences
        inner = [
            m for i, m in enumerate(words)
            if i > 0 and not text[: m.start()].rstrip().endswith((":", "?", "!"))
        ]
        if case == "title":
            wrong = [m for m in inner if m.group()[0].islower() and m.group() not in _SMALL_WORDS]
            if wrong:
                m = wrong[0]
                yield self.violation(
                    headline.source_span(m.start(), m.end()),
                    f'Headline is not in title case ("{m.group()}")',
                )
        elif case == "sentence":
            capitalised = [m for m in inner if m.group()[0].isupper() and not m.group().isupper()]
            if len(capitalised) < 2:
                return
            written = body_index(document).cased
            common = [
                m for m in capitalised
                if m.group().lower() in STOPWORDS or m.group().lower() in written
            ]
            if len(common) >= 2 and len(common) * 2 >= len(inner):
                shown = ", ".join(f'"{m.group()}"' for m in common[:3])
                yield self.violation(
                    headline.span,
                    f"Headline is in title case ({shown}); the house style is sentence case",
                )


class TitlesDisagree(Rule):
    """## What it does
    Flags a front-matter `title` and the article's first top-level heading that tell different
    stories, and an SEO `description` that does not back the headline.

    ## Why is this bad?
    The title goes to search results and social cards, the heading to the page; when one was
    updated and the other not, or one belongs to another story, readers click on one story and
    land on another.

    ## Example
    ```markdown
    ---
    title: Council approves new cycle lanes for Bristol
    ---
    # Flood waters recede in York

    The River Ouse fell by a metre overnight, letting residents return to their homes.
    ```

    ## Use instead
    ```markdown
    ---
    title: Flood waters recede in York as residents return
    ---
    # Flood waters recede in York

    The River Ouse fell by a metre overnight, letting residents return to their homes.
    ```
    """

    code = "HL205"
    name = "titles-disagree"
    severity = Severity.WARNING

    def check(self, document: Document) -> Iterator[Violation]:
        headline = document.headline
        if headline is None:
            return
        h1 = next((b for b in document.blocks if b.kind == "heading" and b.level == 1), None)
        title = document.frontmatter.get("title")
        if h1 is not None and isinstance(title, str) and title.strip():
            if self._differ(title, h1.text) and self._differ(h1.text, title):
                yield self.violation(
                    h1.span,
                    f'The heading "{h1.text}" and the title "{title}" tell different stories',
                )
        description = document.frontmatter.get("description")
        if isinstance(description, str) and len(description.split()) >= 5:
            if self._differ(headline.text, description):
                yield self.violation(
                    headline.span, "The description does not back the headline"
                )

    @staticmethod
    def _differ(text: str, other: str) -> bool:
        support = headline_support(text, BodyIndex(other))
        return bool(support.terms) and support.score < SUPPORT_THRESHOLD


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [MissingHeadline, RepeatedHeadline, UnsupportedHeadline, HeadlineStyle, TitlesDisagree,
            UnsupportedHeadlineNumber, UnsupportedHeadlineName]
