"""HTML articles: the headline from the first ``<h1>`` (else ``<title>``), prose from paragraphs,
headings, list items, block quotes and figure captions, and the text of other elements (a
``<div>``'s) as a paragraph from block to block.

Scripts, styles, preformatted blocks, navigation, forms and their fields, asides and footers
are not article copy and are skipped; inline code (``<code>``, ``<kbd>``, ``<samp>``) is one
object of the prose, as in Markdown.
When the page has an ``<article>`` (or ``<main>``), only its content is read. Whitespace is
collapsed as a browser would, and entities are decoded, with every prose character still
mapped back to its place in the file.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from newslint.document import CODE, Block, Document, LineIndex, Span
from newslint.hookspecs import hookimpl
from newslint.readers.base import (
    BLOCK_TAGS,
    OBJECT,
    SKIP_TAGS,
    OpenElements,
    ProseBuilder,
    Reader,
    add_reference,
)

_LOOSE = "#text"
"""The tag of a paragraph of text that no block element holds (a ``<div>``'s), as a browser
shows it: it runs from its first words to the next tag that starts or ends a block."""
_BLOCKS = {
    _LOOSE: "paragraph",
    "p": "paragraph",
    "li": "list_item",
    "dd": "paragraph",
    "dt": "paragraph",
    "figcaption": "caption",
    "caption": "caption",
    "blockquote": "blockquote",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "title": "title",
    "td": "paragraph",
    "th": "paragraph",
}
_INLINE_CODE = frozenset({"code", "kbd", "samp"})
_RAW_TEXT = frozenset({"script", "style", "textarea"})
"""Elements whose content is text, never markup: a comment written there is no comment."""
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_PIECES = re.compile(r"\s+|\S+")


_LISTS = frozenset(("ul", "ol", "dl"))
# Tags whose start closes an open <p>, as HTML's parsing rules say (a <p> cannot hold them).
_CLOSES_P = frozenset(
    "p div ul ol dl li dd dt table blockquote figure figcaption section article header h1 h2 h3 "
    "h4 h5 h6 pre hr form aside nav footer main".split()
)
_NOT_TAGS_RE = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|template|textarea)\b.*?(?:</\1\s*>|$)", re.I | re.S
)
"""Comments and raw text, where "<article>" is no element."""
_INTERESTING_RE = re.compile(r"<|&(?!#(?![0-9]+[^0-9a-fA-F]|[xX][0-9a-fA-F]+[^0-9a-fA-F]))")
"""Where the parser's text stops, for markup or a reference: at each "<" and "&", but not at a
"&#" that starts no reference as Python's parser reads one ("&#;", "&#x;"). At such a "&#" it
stops reading, and when the text ends it reads all after the second as text, tags and all: the
"&#" is text, as in a browser."""
_COMMENT_END_RE = re.compile(r"--\s*>")
"""The end of a comment, as Python's parser finds it."""
_SCOPE_RE = re.compile(
    _NOT_TAGS_RE.pattern + r"""|<(article|main)(?=[\s/>])(?:[^<>"']|"[^<"]*"|'[^<']*')*>?""",
    re.I | re.S,
)
"""An ``<article>`` or ``<main>`` start tag (its name the second group), or what hides one. A
tag ends before the next "<", so a page of unclosed ones is not read to its end from each."""


def _scope_tag(source: str) -> re.Match[str] | None:
    """The start tag of the element the reader reads: the page's first ``<article>``, else its
    first ``<main>``, else ``None``. A tag written in a comment or a script, or a custom element
    such as ``<main-menu>``, does not count: scoped to it, nothing of the page was read."""
    main = None
    for m in _SCOPE_RE.finditer(source):
        if m.group(2):
            if m.group(2).lower() == "article":
                return m
            main = main or m
    return main


def _scope(source: str) -> str | None:
    """``article`` or ``main``: the element the reader reads (see :func:`_scope_tag`)."""
    tag = _scope_tag(source)
    return tag.group(2).lower() if tag else None


def headline_place(source: str) -> int:
    """Where an ``<h1>`` put into ``source`` is read as the page's: just inside the element
    the reader reads, else at the start."""
    tag = _scope_tag(source)
    return tag.end() if tag else 0


class _Parser(HTMLParser):
    def __init__(self, source: str, scoped: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = LineIndex(source)
        self.scoped = scoped  # "article" or "main": read only inside it
        self.scope_depth = 0
        self.skipping = OpenElements()  # open elements whose content is not copy (nav, script...)
        self.open_blocks: list[tuple[str, int, ProseBuilder]] = []  # tag, start offset, prose
        self.open_block_tags = OpenElements()  # the tags of open_blocks
        self.context = OpenElements()  # enclosing lists, list items and block quotes
        self.quotes_and_items = OpenElements()  # the list items and block quotes of context
        self.blocks: list[Block] = []
        self.title: Block | None = None
        self.meta: dict[str, Any] = {}
        self.lang: str | None = None
        """The ``<html lang>`` of the page."""
        self.code: list[tuple[int, int]] = []  # the content of raw-text elements, see CODE
        self.raw_start: tuple[str, int] | None = None
        self.code_start = 0  # where the open inline code starts, while code_depth is set
        self.code_depth = 0
        self._last_ends: tuple[str, int, int] = ("", -1, -1)  # see _ends
        self._closing = False  # whether the text is all fed: see _left_open

    def reset(self) -> None:
        super().reset()
        self.interesting = _INTERESTING_RE

    def clear_cdata_mode(self) -> None:  # the end of a script or a style
        super().clear_cdata_mode()
        self.interesting = _INTERESTING_RE

    def _here(self) -> int:
        line, col = self.getpos()
        return self.lines.line_start(line) + col

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # Python 3.11's parser raises AssertionError on a marked section it does not know
        # ("<![0"); HTML reads any "<![" but CDATA as a bogus comment, up to the next ">".
        # Before raising, it may have moved its idea of the position ("<![>"): put it back.
        position = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position
            end = self.rawdata.find(">", i + 3)
            return end + 1 if end >= 0 else -1  # -1: unfinished, so close() reads it as text

    # Python's parser looks for the end of a tag, a comment or a declaration as far as the text
    # goes, so from every one with no end after it ('<a ' 20,000 times took 52 s, '<!--' 32,000
    # times 22 s): such markup is left open, as it finds when it does look. Once the text is
    # all fed (close()), it reads markup left open as text up to the next "<", having looked
    # for a ">" to the end of the text first, from each one again: that is done here without
    # the looking, where no ">" is left (a 4 MB page of '<p ' and no '>' read in 3.6 s, 3.4
    # times the 2 MB one; now 1.5 s).

    def goahead(self, end: bool) -> None:
        self._closing = end
        super().goahead(end)

    def _left_open(self, i: int) -> int:
        """What the parser does with markup at ``i`` that nothing ends: while the text is fed,
        wait for more (-1); once it is all in, read it as text to the next "<" and go on there,
        where no ">" follows it (else the parser reads it to that ">", as it does)."""
        if not self._closing or i < self._ends()[0]:
            return -1
        rawdata = self.rawdata
        k = rawdata.find("<", i + 1)
        k = k if k >= 0 else i + 1
        self.handle_data(rawdata[i:k])
        return k

    def _ends(self) -> tuple[int, int]:
        """Where the parser's text has its last ">", and the last ">" that ends a comment."""
        text, last_gt, last_comment_gt = self._last_ends
        if text is not self.rawdata:
            text = self.rawdata
            last_gt = text.rfind(">")
            last_comment_gt = -1
            for m in _COMMENT_END_RE.finditer(text):
                last_comment_gt = m.end() - 1
            self._last_ends = (text, last_gt, last_comment_gt)
        return last_gt, last_comment_gt

    def parse_starttag(self, i: int) -> int:
        return self._left_open(i) if i > self._ends()[0] else super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        return self._left_open(i) if i > self._ends()[0] else super().parse_endtag(i)

    def parse_pi(self, i: int) -> int:
        return self._left_open(i) if i > self._ends()[0] else super().parse_pi(i)

    def parse_html_declaration(self, i: int) -> int:
        return self._left_open(i) if i > self._ends()[0] else super().parse_html_declaration(i)

    def parse_comment(self, i: int, report: bool = True) -> int:
        # its end is "--", maybe spaces, and ">", looked for from the end of "<!--"
        return self._left_open(i) if self._ends()[1] < i + 6 else super().parse_comment(i, report)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            # XHTML names the language with xml:lang, which may stand alone
            named = dict(attrs)
            self.lang = named.get("lang") or named.get("xml:lang") or self.lang
        if tag in _VOID:
            self._void(tag, attrs)
            return
        self._end_loose(tag)
        if tag in _RAW_TEXT and self.raw_start is None:
            self.raw_start = (tag, self._here() + len(self.get_starttag_text() or ""))
        if self.skipping:
            if tag in SKIP_TAGS:
                self.skipping.push(tag)
            return
        if tag in SKIP_TAGS:
            self.skipping.push(tag)
            return
        if tag in _INLINE_CODE:
            if not self.code_depth:
                self.code_start = self._here()
            self.code_depth += 1
            return
        if tag == self.scoped:
            self.scope_depth += 1
        if tag in _CLOSES_P and self.open_blocks and self.open_blocks[-1][0] == "p":
            self._close("p")
        if tag == "li" and self.context.top() == "li":
            self._end_context("li")  # an <li> ends the previous, unclosed <li> of the same list
        if tag in _BLOCKS and (tag == "title" or self.scope_depth or not self.scoped):
            if self.open_blocks:
                self._flush(self._here())
            self._open_block(tag, self._here())
        if tag in _LISTS:
            self.context.push(tag)
        elif tag in ("li", "blockquote"):
            self.context.push(tag)
            self.quotes_and_items.push(tag)

    def _void(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            d = dict(attrs)
            key = d.get("name") or d.get("property")
            if key and d.get("content") is not None:
                self.meta[key.lower()] = d["content"]
        elif tag == "br" and not self.skipping:
            self._text("\n", self._here(), len(self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._void(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self._end_loose(tag)
        if self.raw_start is not None and tag == self.raw_start[0]:
            self.code.append((self.raw_start[1], self._here()))
            self.raw_start = None
        if self.skipping:
            self.skipping.pop_to(tag)  # also closes skipped elements left open inside it
            return
        if tag in _INLINE_CODE:
            if self.code_depth:
                self.code_depth -= 1
                if not self.code_depth:
                    close = self.source.find(">", self._here())
                    self._end_code(close + 1 if close != -1 else self._here())
            return
        if tag == self.scoped and self.scope_depth:
            self.scope_depth -= 1
        if tag in _LISTS or tag in ("li", "blockquote"):
            self._end_context(tag)
            return
        self._close(tag)

    def _end_loose(self, tag: str) -> None:
        """End the paragraph of loose text at a tag that starts or ends a block, and part the
        text of the open block there: a ``<div>`` in a list item shows on a line of its own."""
        if tag not in BLOCK_TAGS:
            return
        if self.open_block_tags.top() == _LOOSE:
            self._close(_LOOSE)
        elif tag not in _BLOCKS and self.open_blocks:  # the blocks of _BLOCKS part it already
            self._flush(self._here())

    def _end_context(self, tag: str) -> None:
        """End the innermost open list, list item or block quote ``tag``, and whatever the markup
        left open inside it; blocks are flushed before their context is popped, so their level
        still counts it."""
        if tag not in self.context:
            return
        while self.context:
            inner = self.context.stack[-1]
            self._close(inner)
            self.context.pop()
            if inner not in _LISTS:
                self.quotes_and_items.pop()
            if inner == tag:
                break

    def _close(self, tag: str) -> None:
        """End the innermost open block ``tag`` and any block left open inside it."""
        if tag not in self.open_block_tags:
            return
        at = self._here()
        while self.open_blocks:
            inner = self.open_blocks[-1][0]
            end = at
            if self.source[at : at + len(inner) + 2].lower() == f"</{inner}":
                close = self.source.find(">", at)  # the block's own end tag is part of it
                end = close + 1 if close != -1 else at
            self._flush(end)
            self._pop_block()
            if inner == tag:
                break

    def _open_block(self, tag: str, start: int) -> None:
        self.open_blocks.append((tag, start, ProseBuilder()))
        self.open_block_tags.push(tag)

    def _pop_block(self) -> None:
        self.open_blocks.pop()
        self.open_block_tags.pop()

    def _end_code(self, end: int) -> None:
        """Add the inline code that ends at ``end`` as one object."""
        self.code_depth = 0
        self._text(OBJECT, self.code_start, end - self.code_start)

    def _flush(self, end: int) -> None:
        if self.code_depth:  # inline code left open ends with its block
            self._end_code(end)
        tag, start, builder = self.open_blocks[-1]
        kind = _BLOCKS[tag]
        quotes_and_items = self.quotes_and_items
        level = int(tag[1]) if kind == "heading" else len(quotes_and_items)
        if kind == "list_item":
            level = quotes_and_items.counts["li"]
        if kind == "paragraph" and quotes_and_items:
            kind = "list_item" if quotes_and_items.top() == "li" else "blockquote"
        block = builder.build(kind if kind != "title" else "headline", Span(start, end), level)  # type: ignore[arg-type]
        self.open_blocks[-1] = (tag, end, ProseBuilder())
        if block is None:
            return
        if tag == "title":
            self.title = self.title or block
        else:
            self.blocks.append(block)

    def _builder(self, text: str, at: int) -> ProseBuilder | None:
        """The prose that ``text``, at ``at`` of the source, goes into; ``None`` when it is no
        copy. Text outside any block element opens a paragraph of its own."""
        if self.skipping or self.code_depth:
            return None
        if not self.open_blocks:
            words = text.lstrip()
            if not words or (self.scoped and not self.scope_depth):
                return None
            self._open_block(_LOOSE, at + len(text) - len(words))
        return self.open_blocks[-1][2]

    def _text(self, text: str, at: int, source_length: int | None = None) -> None:
        builder = self._builder(text, at)
        if builder is None:
            return
        if source_length is not None:
            builder.add(text, at, source_length)
            return
        for m in _PIECES.finditer(text):
            piece = m.group()
            if piece[0].isspace():
                if builder.parts and builder.parts[-1].endswith(" "):
                    continue  # "the <b> bold": a browser shows one space, whatever the tags
                builder.add(" ", at + m.start(), len(piece))
            else:
                builder.add(piece, at + m.start())

    def handle_data(self, data: str) -> None:
        self._text(data, self._here())

    def _reference(self, name: str) -> None:
        # The parser has read the name and its ";", if one follows: all of it is text, though
        # HTML may decode a shorter name ("&D." of "R&D." is none, "&notit;" is "¬it;")
        at = self._here()
        end = at + len(name)
        raw = self.source[at : end + 1 if self.source.startswith(";", end) else end]
        builder = self._builder(html.unescape(raw), at)
        if builder is not None:
            add_reference(builder, raw, at)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def sniff(self, source: str) -> bool:
        return source.lstrip()[:1] == "<"

    def read(self, path: str, source: str) -> Document:
        parser = _Parser(source, _scope(source))
        parser.feed(source)
        parser.close()
        # unclosed elements end with the file's text: not after a final "\r", which ends no
        # line, so a span there would have no line and column
        end = len(source.rstrip())
        while parser.open_blocks:
            parser._flush(max(end, parser.open_blocks[-1][1]))
            parser._pop_block()
        blocks = parser.blocks
        headline = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        title = parser.title
        if headline is not None:
            blocks.remove(headline)
            headline.kind = "headline"
        else:
            headline, title = title, None
        meta = parser.meta
        if parser.title is not None:
            meta.setdefault("title", parser.title.text)
        if parser.lang and "lang" not in meta:
            # after the <meta> fields, so that one naming a convention beats it, and one naming
            # none ("English", "en") does not hide the page's "en-GB" (see declared_locale)
            meta["lang"] = parser.lang
        return Document(
            path=path,
            source=source,
            format=self.name,
            headline=headline,
            blocks=blocks,
            frontmatter=meta,
            meta={CODE: parser.code},
            title=title,
        )


@hookimpl
def newslint_register_readers() -> list[Reader]:
    return [HtmlReader()]
