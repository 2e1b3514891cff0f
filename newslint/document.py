"""The document model: one parsed article, built once by a reader and shared by every rule.

Offsets are character offsets into :attr:`Document.source` (the decoded file text, without a
byte-order mark, see :func:`lf_line_breaks`). Every span maps back to a 1-based line and a
1-based column counted in Unicode characters, so reporters and editors agree on positions.

A block's :attr:`Block.text` is its prose with the markup taken away (Markdown emphasis, link
targets, HTML tags). :class:`OffsetMap` keeps the way back from a position in that prose to the
source, so a rule can search the prose and still point at the right place in the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

from newslint import text as textutil

if TYPE_CHECKING:
    from newslint.names import People
    from newslint.quotes import Quotes

BlockKind = Literal[
    "headline", "paragraph", "heading", "blockquote", "list_item", "caption", "frontmatter"
]
"""The closed set of block kinds. ``headline`` is the article's own headline block."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into the source."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""

    def __len__(self) -> int:
        return self.end - self.start

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and a 1-based column counted in characters."""

    line: int
    column: int


BOM = "\ufeff"
"""A byte-order mark: the first character of a file saved as "UTF-8 with BOM", which reading
leaves out of the article's text (and ``--fix`` puts back)."""


class ArticleId(str):
    """The name of an archive's article: its id, shown where a file's path is, but no path.
    Its own type, which goes with the name through worker processes and the results kept on
    disk, so that what keys findings by path (GitLab's report, fingerprints, the baseline)
    takes it as written, and never resolves it against the files here (an id ``latest`` beside
    a link of that name was reported as the file the link points at)."""

    __slots__ = ()


LOCALE_FIELDS = frozenset({"locale", "lang", "language", "og:locale"})
"""The front-matter and ``<meta>`` fields that may declare an article's locale (see
:attr:`Document.declared_locale`), in lower case."""
_BRITISH_REGIONS = frozenset({"gb", "uk", "ie", "au", "nz"})
OXFORD = "en-GB-oxendict"
"""Oxford spelling: British ("colour", "centre", "analyse"), but -ize where American has it
("organize"); the IANA variant subtag ``oxendict`` names it."""


def lf_line_breaks(text: str) -> str:
    """``text`` with line feeds for line breaks when all of them are carriage returns (a file
    from classic Mac OS or an old export), which readers and line numbers would take for one
    long line; any other text as it is. A break stays one character, so every offset holds."""
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text


class LineIndex:
    """Maps character offsets of one text to 1-based lines and columns, by bisection."""

    __slots__ = ("_length", "_starts", "_text")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._length = len(text)
        self._text = text

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> Position:
        """The line and column of ``offset`` (clamped into the text)."""
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def line_span(self, line: int) -> Span:
        """The span of 1-based ``line`` without its line break (``\n`` or ``\r\n``)."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else self._length
        if end > start and self._text[end - 1] == "\r":
            end -= 1
        return Span(start, end)


class OffsetMap:
    """Maps positions in a block's prose back to source offsets.

    The prose is made of segments; each segment is a run of prose characters that came from one
    place in the source. A segment whose source length equals its prose length maps character by
    character; one that does not (an HTML entity, a Markdown escape) maps every character to the
    segment's source start, and its end to the source end.
    """

    __slots__ = ("_composed", "_segments", "_text_starts")

    def __init__(self, segments: list[tuple[int, int, int, int]],
                 composed: frozenset[int] = frozenset()) -> None:
        """``segments`` holds ``(text_start, text_length, source_start, source_length)`` tuples,
        in prose order, covering the prose without gaps; ``composed`` the source starts of those
        whose prose is their source composed (a letter and its combining marks)."""
        self._segments = segments
        self._composed = composed
        self._text_starts = [s[0] for s in segments]

    @classmethod
    def identity(cls, source_start: int, length: int) -> OffsetMap:
        """The map of prose that is a verbatim slice of the source."""
        return cls([(0, length, source_start, length)])

    def _segment(self, pos: int) -> tuple[int, int, int, int]:
        i = bisect.bisect_right(self._text_starts, pos) - 1
        return self._segments[max(i, 0)]

    def to_source(self, pos: int) -> int:
        """Source offset of the prose character at ``pos``."""
        text_start, text_len, src_start, src_len = self._segment(pos)
        if text_len == src_len:
            return src_start + min(pos - text_start, src_len)
        return src_start if pos < text_start + text_len else src_start + src_len

    def to_source_end(self, pos: int) -> int:
        """Source offset just past the prose character before ``pos`` (for span ends)."""
        if pos <= 0:
            return self.to_source(0)
        text_start, text_len, src_start, src_len = self._segment(pos - 1)
        if text_len == src_len:
            return src_start + (pos - text_start)
        return src_start + src_len

    def span(self, start: int, end: int) -> Span:
        """The source span of the prose range ``[start, end)``."""
        if len(self._segments) == 1 and self._segments[0][1] == self._segments[0][3]:
            base = self._segments[0][2]  # verbatim prose (plain text): a plain shift
            return Span(base + start, base + max(end, start))
        first = self.to_source(start)
        return Span(first, max(self.to_source_end(end), first))

    def holds_verbatim(self, start: int, end: int) -> bool:
        """Whether the source range ``[start, end)`` is prose character for character: inside
        segments copied verbatim (or only composed), with no markup, escape or entity within it.
        An empty range (a point to insert at) needs only to touch such a segment."""
        after: tuple[int, int] | None = None  # where the next segment must start, once inside
        for text_start, text_len, src_start, src_len in self._segments:
            src_end = src_start + src_len
            if after is None:
                touching = start == end and src_start <= end <= src_end
                if not (src_start <= start < src_end or touching):
                    continue
            elif (src_start, text_start) != after:
                return False  # markup, or a character the prose left out, lies between them
            if text_len != src_len and src_start not in self._composed:
                return False  # an escape or an entity: not the prose's characters
            if end <= src_end:
                return True
            after = (src_end, text_start + text_len)
        return False


class Token:
    """A word, number or dotted abbreviation in a sentence.

    Its source span is worked out only when asked for: most tokens are read, few are reported.
    """

    __slots__ = ("block", "end", "sentence_start", "start", "text")

    def __init__(self, text: str, start: int, end: int, sentence_start: int, block: Block) -> None:
        self.text = text
        """The token as written."""
        self.start = start
        """Offset of the token in its block's prose."""
        self.end = end
        """Offset just past the token in its block's prose."""
        self.sentence_start = sentence_start
        """Offset of its sentence in the block's prose."""
        self.block = block
        """The block it belongs to."""

    @property
    def span(self) -> Span:
        """Where the token is in the source."""
        return self.block.offsets.span(self.start, self.end)

    @property
    def is_sentence_initial(self) -> bool:
        return self.start == self.sentence_start

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


_START = attrgetter("start")


@dataclass(frozen=True, eq=False)
class Sentence:
    """One sentence of a block."""

    text: str
    """The sentence's prose."""
    span: Span
    """Where it is in the source."""
    block: Block
    """The block it belongs to."""
    start: int
    """Offset of the sentence in the block's prose."""

    @cached_property
    def words(self) -> list[str]:
        """The text of each of :attr:`tokens`, in order: what most checks read of a token, in
        a list that C-level tools (sets, ``map``) go through without a Python step a token."""
        return textutil.WORD_RE.findall(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        """The sentence's words, numbers and abbreviations, in order."""
        block, base, text = self.block, self.start, self.text
        find = text.find
        tokens = []
        end = 0
        # findall and str.find do in C what a match object per token did in Python: a token
        # starts where its text first occurs after the previous one, since every token opens
        # with a letter or a digit, where the pattern would have started an earlier match
        for word in self.words:
            start = find(word, end)
            end = start + len(word)
            tokens.append(Token(word, base + start, base + end, base, block))
        return tokens

    @cached_property
    def prose_tokens(self) -> list[Token]:
        """The sentence's tokens outside links, addresses, handles, hashtags and bare domains
        (:data:`newslint.text.NOT_PROSE`): the article's own words, where "Amazon.com" and
        "Yandex.ru" are names written as addresses, not words to spell or to count."""
        tokens = self.tokens
        cuts = textutil.not_prose_spans(self.text)
        if not cuts:
            return tokens
        base = self.start
        kept: list[Token] = []
        done = 0  # tokens and cuts are both in order: keep the tokens between cuts
        for a, b in cuts:
            # searched by each token's start: a list of all the starts cost more than the search
            inside = bisect.bisect_left(tokens, base + a, done, key=_START)
            kept += tokens[done:inside]
            done = bisect.bisect_left(tokens, base + b, inside, key=_START)
        return kept + tokens[done:]

    @cached_property
    def prose_words(self) -> list[str]:
        """The text of each of :attr:`prose_tokens`, in order (see :attr:`words`)."""
        tokens = self.prose_tokens
        return self.words if tokens is self.tokens else [t.text for t in tokens]


@dataclass(eq=False)
class Block:
    """A block of the article: the headline, a paragraph, a heading, a caption and so on."""

    kind: BlockKind
    """What the block is; see :data:`BlockKind`."""
    text: str
    """Its prose, markup removed."""
    span: Span
    """The source range the block covers, markup included."""
    offsets: OffsetMap
    """The way back from prose positions to source offsets."""
    level: int = 0
    """Heading level (1 for H1), nesting depth for list items and block quotes; 0 otherwise."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Free space for readers and plugins to keep data about the block."""

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The block's sentences, split with news abbreviations in mind."""
        text = self.text
        return [
            Sentence(text[a:b], self.offsets.span(a, b), self, a)
            for a, b in textutil.split_sentences(text)
        ]

    def source_span(self, start: int, end: int) -> Span:
        """The source span of the prose range ``[start, end)``."""
        return self.offsets.span(start, end)


CODE = "code"
"""The key in :attr:`Document.meta` of the source ranges of code (blocks and inline code spans),
as ``(start, end)`` pairs in order, where a reader knows them: what looks like a comment there
is code, not a directive."""

LINK_LABELS = "link-labels"
"""The key in :attr:`Document.meta` of the source ranges of link text that is also the link's
label (Markdown's ``[Kyiv]`` and ``[Kyiv][]``), as ``(start, end)`` pairs: prose, but changed it
would name a link nobody defined."""


@dataclass(eq=False)
class Document:
    """One article, parsed once and read by every rule."""

    path: str
    """The path as given on the command line, or the ``--stdin-filename``."""
    source: str
    """The decoded file text (line feeds for carriage returns, see :func:`lf_line_breaks`)."""
    format: str
    """The name of the reader that built it (``text``, ``markdown``, ``html`` or a plugin's)."""
    headline: Block | None
    """The headline block, or ``None`` when the article has none."""
    blocks: list[Block]
    """The body blocks in source order (the headline is not among them)."""
    frontmatter: dict[str, Any] = field(default_factory=dict)
    """Front-matter fields (Markdown) or ``<meta>`` fields (HTML); empty when there are none."""
    locale: str = "en-US"
    """The locale the article is checked against (``en-US``, ``en-GB`` or Oxford's
    ``en-GB-oxendict``): the one it declares (:attr:`declared_locale`), else the configured
    one."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Free space for readers, rules and plugins to keep derived data about the document."""
    title: Block | None = None
    """The page's own title where the headline is another line (an HTML page's ``<title>``
    beside its ``<h1>``): not the headline, and not in the body, but copy that readers see in
    the browser's tab and in search results, so the checks of how copy is typed read it."""

    @property
    def declared_locale(self) -> str | None:
        """The spelling convention the article declares for itself: a front-matter (or HTML
        ``<meta>``) field ``locale``, ``lang``, ``language`` or ``og:locale`` (Open Graph, which
        news pages carry for social media), or the page's ``<html lang>`` (or ``xml:lang``),
        naming English as the United States writes it (``en-US``, ``en_US``, ``en_US.UTF-8``)
        or as Britain, Ireland, Australia and New Zealand do (``en-GB``, ``en-UK``, ``en-IE``,
        ``en-AU``, ``en-NZ``: ``en-GB``), or Oxford spelling (``en-GB-oxendict``, see
        :data:`OXFORD`). Anything else (``en``, ``en-CA``, ``fr``) declares none."""
        for key, value in self.frontmatter.items():
            if str(key).lower() not in LOCALE_FIELDS or not isinstance(value, str):
                continue
            # a POSIX locale's encoding and modifier ("en_GB.UTF-8@euro") say nothing of spelling
            tag = re.split(r"[.@]", value.strip(), maxsplit=1)[0]
            language, *subtags = tag.replace("_", "-").lower().split("-")
            region = subtags[0] if subtags else ""
            if language == "en" and "oxendict" in subtags:
                return OXFORD
            if language == "en" and region == "us":
                return "en-US"
            if language == "en" and region in _BRITISH_REGIONS:
                return "en-GB"
        return None

    @cached_property
    def lines(self) -> LineIndex:
        """Line and column lookup for the source."""
        return LineIndex(self.source)

    def position(self, offset: int) -> Position:
        """The 1-based line and column of a source offset."""
        return self.lines.position(offset)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the body's prose blocks, in order (headline and front matter
        excluded)."""
        return [s for b in self.blocks if b.kind != "frontmatter" for s in b.sentences]

    @property
    def copy_sentences(self) -> list[Sentence]:
        """The headline's sentences, the page title's (see :attr:`title`), then the body's: for
        the checks of how the copy is typed (spelling, a doubled word, a run of spaces), where a
        slip in the headline is the worst kind."""
        head = [s for b in (self.headline, self.title) if b is not None for s in b.sentences]
        return [*head, *self.sentences]

    @cached_property
    def restatements(self) -> tuple[Block, ...]:
        """The blocks that restate the headline where the page shows it twice: an HTML page's
        title (see :attr:`title`) and, under a front-matter title, the first top-level heading
        (the page's own headline; whether the two agree is HL205's business). Their words are
        checked as copy, but a word in both is not one the article uses twice."""
        restated = [self.title]
        headline = self.headline
        # front matter without a title leaves the first heading the headline, and a later one
        # no restatement of it (a pasted repeat is HL202's)
        if headline is not None and any(
            b.kind == "frontmatter" and b.span.start <= headline.span.start < b.span.end
            for b in self.blocks
        ):
            restated.append(
                next((b for b in self.blocks if b.kind == "heading" and b.level == 1), None)
            )
        return tuple(b for b in restated if b is not None)

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token of the body, in order."""
        return [t for s in self.sentences for t in s.tokens]

    @cached_property
    def body_text(self) -> str:
        """The prose of the body's prose blocks joined by blank lines (for statistics, not
        offsets)."""
        return "\n\n".join(b.text for b in self.blocks if b.kind != "frontmatter")

    @cached_property
    def quotes(self) -> Quotes:
        """Every quotation, paired, classed and attributed (see :mod:`newslint.quotes`)."""
        from newslint.quotes import extract_quotes  # built on first use: most rules never ask

        return extract_quotes(self)

    @cached_property
    def people(self) -> People:
        """The people the story names in full, by surname (see :mod:`newslint.names`)."""
        from newslint.names import extract_people  # built on first use: most rules never ask

        return extract_people(self)

    def release(self) -> None:
        """Forget the sentences and tokens built so far; they are built again if asked for.

        A block's sentences and their tokens point back at the block, so a dropped document is
        a reference cycle of tens of thousands of objects that only the cyclic collector frees,
        and its passes over them cost a run more than the cycles are worth. Released, the
        document is freed as soon as the last reference to it goes. Call it when the rules are
        done with the document."""
        for block in (self.headline, self.title, *self.blocks):
            if block is not None:
                block.__dict__.pop("sentences", None)
        # the document's own lists hold the same sentences and tokens: rebuilt with the blocks'
        self.__dict__.pop("sentences", None)
        self.__dict__.pop("tokens", None)

    def holds_prose(self, span: Span) -> bool:
        """Whether ``span`` of the source is prose as written, with no markup in it, in every
        block around it (a front-matter title is also inside the raw front matter), and no
        link's label (:data:`LINK_LABELS`): text a fix may replace without deleting or breaking
        anything the rules never saw."""
        for start, end in self.meta.get(LINK_LABELS, ()):
            inside = span.start < end and start < span.end
            if inside or start <= span.start == span.end <= end:  # an insertion: at its ends too
                return False
        around = self._blocks_around(span)
        if not around or not all(
            block.offsets.holds_verbatim(span.start, span.end) for block in around
        ):
            return False
        # a character escaped with a backslash the prose leaves out (Markdown's \"): replaced
        # alone, it would leave the backslash standing before the new text
        before = span.start - 1
        return not (
            before >= 0
            and self.source[before] == "\\"
            and not all(block.offsets.holds_verbatim(before, span.start) for block in around)
        )

    @cached_property
    def _by_start(self) -> tuple[list[Block], list[int], list[int]]:
        """The headline, the page title and the blocks by where they start, with those starts
        and, for each, the furthest any of them up to it reaches."""
        blocks = sorted((b for b in (self.headline, self.title, *self.blocks) if b is not None),
                        key=lambda b: b.span.start)
        return blocks, [b.span.start for b in blocks], list(accumulate(
            (b.span.end for b in blocks), max))

    def _blocks_around(self, span: Span) -> list[Block]:
        """The blocks that hold all of ``span``: found from where they start, not by reading
        every block for each of an article's thousands of fixes."""
        blocks, starts, reach = self._by_start
        found = []
        at = bisect.bisect_right(starts, span.start) - 1
        while at >= 0 and reach[at] >= span.end:  # nothing earlier reaches the span's end
            if blocks[at].span.end >= span.end:
                found.append(blocks[at])
            at -= 1
        return found[::-1]

    @property
    def parsed(self) -> bool:
        """Whether the document holds its parse (blocks or a headline); a light one, a worker's
        result or one kept after reporting (see ``FileResult.light``), holds its source alone."""
        return self.headline is not None or bool(self.blocks)

    def blocks_of(self, *kinds: BlockKind) -> list[Block]:
        """The body blocks of the given kinds."""
        return [b for b in self.blocks if b.kind in kinds]
