"""Quotes and attribution (QT): quotation marks, and who said what.

The rules read the quote model (:attr:`Document.quotes`, built by :mod:`newslint.quotes`) and
the people model (:attr:`Document.people`, built by :mod:`newslint.names`), so the article is
scanned for quotes once however many QT rules run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newslint.document import Document, Span
from newslint.hookspecs import hookimpl
from newslint.names import COURTESY_TITLES, JOB_TITLES
from newslint.quotes import DOUBLE, PROSE_KINDS, SINGLE, Mark, Quote, is_measure
from newslint.rule import Rule, choice_problem
from newslint.text import WORD_RE, not_prose_spans
from newslint.violation import Severity, Suggestion, Violation


class UnbalancedQuotes(Rule):
    """## What it does
    Flags a quotation mark with no partner: a quote opened and never closed, or closed and
    never opened.

    ## Why is this bad?
    The reader cannot tell where the speaker's words stop and the reporter's begin, so the
    paper may seem to say what only the source said. A quote that runs over several paragraphs
    is fine when each paragraph opens with a quotation mark and only the last one closes, as
    news style requires. Apostrophes are told from single quotes: rock 'n' roll, the '90s,
    Macron's and the players' union are not quotation marks.

    ## Example
    ```text
    Council approves budget

    The mayor said the budget was "balanced and fair, and would pass on Monday.
    ```

    ## Use instead
    ```text
    Council approves budget

    The mayor said the budget was "balanced and fair" and would pass on Monday.
    ```
    """

    code = "QT301"
    name = "quote-unbalanced"
    severity = Severity.WARNING

    def check(self, document: Document) -> Iterator[Violation]:
        for mark, block in document.quotes.unbalanced:
            if is_measure(mark, block):
                continue
            if mark.role == "open":
                message = f"Quotation mark {mark.char} is opened and never closed"
            else:
                message = f"Quotation mark {mark.char} closes a quote that was never opened"
            yield self.violation(mark.span, message)


class QuoteUnattributed(Rule):
    """## What it does
    Flags a direct quote of a sentence or more with no speaker: none in its own sentence, the
    sentence before or after it, or the earlier paragraphs of a quote that runs on.

    ## Why is this bad?
    A quote nobody said reads as the paper's own claim, and it may not be a real quote at all.
    Every real form of attribution counts: `"...," Smith said`, `said Smith`, `Smith said: "..."`,
    "according to", "told Reuters", "wrote on Twitter", "in a statement", a pronoun once the
    speaker is named, and the question-and-answer turns of an interview. Partial quotes and
    scare quotes ("the so-called 'caliphate'") need no attribution of their own.

    ## Example
    ```text
    Council approves budget

    The council met on Monday to vote on the spending plan.

    "We will not raise taxes this year, whatever happens."
    ```

    ## Use instead
    ```text
    Council approves budget

    The council met on Monday to vote on the spending plan.

    "We will not raise taxes this year, whatever happens," Mayor Jane Ortiz said.
    ```
    """

    code = "QT302"
    name = "quote-unattributed"
    severity = Severity.WARNING
    options = {"min-words": 2, "partial-words": 12}

    def check(self, document: Document) -> Iterator[Violation]:
        min_words = int(self.config["min-words"])
        partial_words = int(self.config["partial-words"])
        for q in document.quotes:
            if (q.level != 0 or q.attribution is not None or q.continued
                    or q.block.kind not in PROSE_KINDS):
                continue
            words = len(WORD_RE.findall(q.text))
            if (q.kind == "direct" and words >= min_words) or (
                q.kind == "partial" and words >= partial_words
            ):
                yield self.violation(q.span, "Quote has no attribution: say who said it")


class SpeakerUnintroduced(Rule):
    """## What it does
    Flags a quote attributed to a surname, a courtesy title and surname ("Ms Amara") or a
    pronoun when the story has not yet given that person's full name.

    ## Why is this bad?
    The reader is left asking "who is Ms Amara?", and the quote loses its authority. News style
    introduces a person once by full name, with who they are, and uses the surname after that;
    that pattern is correct and is not flagged. A job title ("President Trump") says who the
    person is and counts as an introduction.

    ## Example
    ```text
    Council approves budget

    "We will not raise taxes this year," Ms Ortiz said.
    ```

    ## Use instead
    ```text
    Council approves budget

    Mayor Jane Ortiz presented the budget on Monday.

    "We will not raise taxes this year," Ms Ortiz said.
    ```
    """

    code = "QT303"
    name = "speaker-unintroduced"
    severity = Severity.WARNING

    # People a pronoun may stand for without being named ("a spokeswoman ... she said").
    _HUMAN = re.compile(
        r"\b(?:spokes\w*|official|minister|president|director|chief|leader|officer|head|"
        r"chairman|chairwoman|chair|secretary|manager|founder|owner|member|witness|resident|"
        r"doctor|professor|scientist|researcher|author|writer|expert|analyst|lawyer|attorney|"
        r"judge|police\w*|man|woman|boy|girl|mother|father|son|daughter|wife|husband|"
        r"survivor|victim|student|teacher|worker|employee|farmer|coach|player|candidate|"
        r"senator|governor|mayor|ambassador|representative|adviser|advisor|activist|"
        r"protester|journalist|reporter|editor|he|she|his|her)\b",
        re.I,
    )

    def check(self, document: Document) -> Iterator[Violation]:
        flagged: set[str] = set()
        for q in document.quotes:
            att = q.attribution
            if att is None or att.span is None or att.speaker is None or att.where != "sentence":
                continue
            at = att.span.start
            if att.kind == "pronoun":
                if att.speaker.lower() not in ("he", "she"):
                    continue
                if (document.people.anyone_before(at)
                        or self._HUMAN.search(document.source, 0, q.span.start)):
                    continue
                key = att.speaker.lower()
                message = f'"{att.speaker}" has no one to refer to: name the speaker in full first'
            elif att.kind in ("courtesy", "surname"):
                words = [w for w in att.speaker.split()
                         if w.rstrip(".").lower() not in COURTESY_TITLES]
                surname = " ".join(words)
                people = document.people
                if (not surname or people.introduced(surname, at)
                        or people.introduced_by_title(surname, at)):
                    continue
                if att.kind == "surname" and not self._unknown_word(document, surname, q):
                    continue
                key = surname.lower()
                message = f'Speaker "{att.speaker}" was not introduced: give the full name first'
            else:
                continue
            if key in flagged:
                continue
            flagged.add(key)
            yield self.violation(att.span, message)

    @staticmethod
    def _unknown_word(document: Document, surname: str, q: Quote) -> bool:
        """A bare capitalised word counts as an unintroduced surname only when the story never
        used it before, so "...," Microsoft said after a mention of Microsoft passes."""
        if surname.lower() in JOB_TITLES or surname.isupper():
            return False
        # looked for in the prose, as the speaker was read: the source may write the name with
        # a combining accent ("Rossello" and U+0301) or a reference ("V&aacute;zquez")
        before = []
        for block in filter(None, (document.headline, *document.blocks)):
            if block is q.block:
                break
            before.append(block.text)
        before.append(q.block.text[: q.start])
        return re.search(rf"\b{re.escape(surname)}\b", "\n".join(before)) is None


_MARKS = DOUBLE + SINGLE


class StraySpaceInQuotes(Rule):
    """## What it does
    Flags a space just inside a quotation mark, as in `" 100 percent"`.

    ## Why is this bad?
    The space is a typing slip; in print it leaves the mark hanging apart from the words it
    quotes, and a line may even break between them.

    ## Example
    ```text
    Council approves budget

    The mayor said the plan was " 100 percent" ready.
    ```

    ## Use instead
    ```text
    Council approves budget

    The mayor said the plan was "100 percent" ready.
    ```
    """

    code = "QT304"
    name = "quote-stray-space"
    severity = Severity.WARNING
    fixable = True

    _INNER_SPACE = re.compile(r"[ \t\u00a0]+")

    def check(self, document: Document) -> Iterator[Violation]:
        for q in document.quotes:
            if q.close is None:
                continue
            text = q.block.text
            # a space between the marks of a quote and of one nested in it (" 'Is it?' ") is
            # the typesetter's, keeping the two marks apart
            lead = self._INNER_SPACE.match(text, q.start + 1, q.end - 1)
            if lead and lead.end() < q.end - 1 and text[lead.end()] not in _MARKS:
                yield self._report(q, q.open, q.block.source_span(lead.start(), lead.end()),
                                   after=True)
            i = q.end - 1
            j = i
            while j > q.start + 1 and text[j - 1] in " \t\u00a0":
                j -= 1
            if j < i and j > q.start + 1 and text[j - 1] not in _MARKS:
                yield self._report(q, q.close, q.block.source_span(j, i), after=False)

    def _report(self, q: Quote, mark: Mark, space: Span, after: bool) -> Violation:
        if after:
            span, where = Span(mark.span.start, space.end), "after the opening"
        else:
            span, where = Span(space.start, mark.span.end), "before the closing"
        return self.violation(
            span,
            f"Stray space {where} quotation mark",
            [Suggestion(mark.char, safe=True, title="Remove the space")],
        )


class AnonymousSource(Rule):
    """## What it does
    Flags attribution to unnamed sources: "officials said", "a source said", "according to
    people familiar with the matter".

    ## Why is this bad?
    Many desks allow anonymous sources only with a stated reason ("who asked not to be named
    because they were not authorised to speak"). This rule lists every such attribution so an
    editor can check the reason is there. It is off by default; select QT305 to turn it on.

    ## Example
    ```text
    Council approves budget

    Officials said the budget would pass on Monday.
    ```

    ## Use instead
    ```text
    Council approves budget

    Council treasurer Ana Ruiz said the budget would pass on Monday.
    ```
    """

    code = "QT305"
    name = "source-anonymous"
    severity = Severity.INFO
    default_enabled = False

    _PATTERN = re.compile(
        r"\b(?:(?:officials?|sources?|insiders?|aides?|people familiar with [\w ]{1,40}?)"
        r"\s+(?:said|say|says|told|confirmed|claimed|added|warned|believe[sd]?)"
        r"|according to (?:[\w.\-]+ ){0,3}?(?:officials|sources?|insiders|people familiar)"
        r"|(?:on|under) (?:the )?condition of anonymity"
        r"|who (?:asked|declined|did not want) (?:not )?to be (?:named|identified))\b",
        re.I,
    )

    def check(self, document: Document) -> Iterator[Violation]:
        for sentence in document.sentences:
            for m in self._PATTERN.finditer(sentence.text):
                span = sentence.block.source_span(sentence.start + m.start(),
                                                  sentence.start + m.end())
                yield self.violation(span, f'Anonymous source: "{m.group()}"; '
                                           "give a reason or a name")


_CURLY = {("open", True): "“", ("close", True): "”", ("open", False): "‘", ("close", False): "’"}


class MixedQuoteStyles(Rule):
    """## What it does
    Flags quotation marks that do not match the article's style: straight marks among curly ones
    (or the other way round), and single quotes used where the article quotes with double ones.
    With the `style` option set to `"curly"` or `"straight"`, every mark (and apostrophe) of the
    other kind is flagged. The fix rewrites the marks.

    ## Why is this bad?
    Mixed marks come from pasting copy between systems; they look sloppy in print and break
    searches for a quoted phrase. Single quotes in headlines and quotes nested inside quotes
    follow their own convention and are left alone, and so does a quote opened with a low mark
    („so”), set in the typography of its own language (German, Polish, Hungarian).

    ## Example
    ```text
    Council approves budget

    "We will not raise taxes," the mayor said. “We have the votes,” she added.
    ```

    ## Use instead
    ```text
    Council approves budget

    "We will not raise taxes," the mayor said. "We have the votes," she added.
    ```
    """

    code = "QT306"
    name = "quote-style-mixed"
    severity = Severity.WARNING
    fixable = True
    options = {"style": "auto"}

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        return choice_problem(value, ("auto", "curly", "straight"), any_case=True)

    _STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s)")
    _CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)|(?<=s)’(?=\s)")

    def check(self, document: Document) -> Iterator[Violation]:
        style = str(self.config["style"]).lower()
        if style not in ("auto", "curly", "straight"):
            raise ValueError(f'QT306 style must be "auto", "curly" or "straight", not {style!r}')
        quotes = document.quotes
        # a measure (a 12" main) is no quotation mark of any style, and a quote opened low
        # („vas”, „prawie gotowa”) is set in the typography of its own language, Hungarian,
        # Polish or German, which no house style of English copy rewrites
        left_out = {id(m) for m, block in quotes.unbalanced if is_measure(m, block)}
        left_out.update(id(m) for q in quotes if q.open.char == "„"
                        for m in (q.open, q.close) if m is not None)
        marks = [m for m in quotes.marks if id(m) not in left_out]
        if style == "auto":
            curly = sum(m.is_curly for m in marks)
            if curly and curly < len(marks):
                # the style of the majority wins; on a tie, the style of the first mark
                if curly * 2 == len(marks):
                    want_curly = marks[0].is_curly
                else:
                    want_curly = curly * 2 > len(marks)
                yield from self._marks(marks, want_curly)
        else:
            yield from self._marks(marks, style == "curly")
            yield from self._apostrophes(document, style == "curly")
        yield from self._weights(document)

    def _marks(self, marks: list[Mark], want_curly: bool) -> Iterator[Violation]:
        for m in marks:
            if m.is_curly == want_curly:
                continue
            if want_curly:
                new = _CURLY[(m.role, m.is_double)]
            else:
                new = '"' if m.is_double else "'"
            kind = "curly" if want_curly else "straight"
            yield self.violation(
                m.span,
                f"Quotation mark {m.char} does not match the article's {kind} quotation marks",
                [Suggestion(new, safe=True, title=f"Use {new}")],
            )

    def _apostrophes(self, document: Document, want_curly: bool) -> Iterator[Violation]:
        rx = self._STRAIGHT_APOSTROPHE if want_curly else self._CURLY_APOSTROPHE
        new = "’" if want_curly else "'"
        for block in [b for b in document.blocks if b.kind != "frontmatter"]:
            found = list(rx.finditer(block.text))
            # a link's or an address's apostrophe is no typography: changed, it leads nowhere
            cuts = not_prose_spans(block.text) if found else []
            for m in found:
                if any(a <= m.start() < b for a, b in cuts):
                    continue
                yield self.violation(
                    block.source_span(m.start(), m.end()),
                    f"Apostrophe {m.group()} does not match the house style",
                    [Suggestion(new, safe=True, title=f"Use {new}")],
                )

    def _weights(self, document: Document) -> Iterator[Violation]:
        """Single against double quotes for top-level quotes in the body."""
        outer = [q for q in document.quotes if q.level == 0 and q.block.kind in PROSE_KINDS
                 and q.close is not None and q.kind in ("direct", "partial")]
        doubles = sum(q.open.is_double for q in outer)
        singles = len(outer) - doubles
        if not doubles or not singles or singles == doubles:
            return
        minority_double = doubles < singles
        source = document.source
        for q in outer:
            if q.open.is_double != minority_double:
                continue
            yield self.violation(
                q.span,
                f"{'Double' if minority_double else 'Single'} quotation marks here, "
                f"{'single' if minority_double else 'double'} ones elsewhere in the article",
                self._swap(q, source),
            )

    @staticmethod
    def _swap(q: Quote, source: str) -> list[Suggestion]:
        """The quote with its outer marks changed to the other weight; not offered when the
        quote holds a nested quote whose marks would need swapping too."""
        assert q.close is not None
        span = q.span
        inner = source[q.open.span.end : q.close.span.start]
        if any(c in inner for c in "\"“”‘") or re.search(r"(?<!\w)'|'(?!\w)", inner):
            return []
        to_double = not q.open.is_double
        if q.open.is_curly:
            pair = ("“", "”") if to_double else ("‘", "’")
        else:
            pair = ('"', '"') if to_double else ("'", "'")
        return [Suggestion(pair[0] + inner + pair[1], span=span, safe=True, title="Swap the marks")]


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [UnbalancedQuotes, QuoteUnattributed, SpeakerUnintroduced, StraySpaceInQuotes,
            AnonymousSource, MixedQuoteStyles]
