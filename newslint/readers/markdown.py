"""Markdown articles, with optional YAML (``---``) or TOML (``+++``) front matter.

Parsed with markdown-it-py; its source maps give each block's lines, and each piece of inline
text is then found in those lines, so prose positions map back to the file exactly. The
headline is the front matter's ``title`` or ``headline``, else the first H1.

Footnotes are read as mdit-py-plugins reads them: a reference (``[^1]``) is a mark, not prose,
and a definition (``[^1]: Source: Reuters.``) is copy, its text a paragraph of its own where it
is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import takewhile
from typing import Any

from newslint.document import CODE, LINK_LABELS, Block, Document, LineIndex, OffsetMap, Span
from newslint.hookspecs import hookimpl
from newslint.readers.base import (
    BLOCK_TAGS,
    OBJECT,
    SKIP_TAGS,
    OpenElements,
    ProseBuilder,
    Reader,
    ReadError,
    add_html_text,
    verbatim_block,
)

_FENCES = {"---": "yaml", "+++": "toml"}
# markdown-it ends a line at "\r" as well as at "\n" and "\r\n"; its line maps count them so
_LONE_CR_RE = re.compile(r"\r(?!\n)")
_BREAK_RE = re.compile(r"\r\n?|\n")
_HEADLINE_KEYS = ("title", "headline")


def split_front_matter(source: str) -> tuple[str, str, int, int] | None:
    """Find front matter at the very start: ``(kind, raw text, start of raw, end of fence)``."""
    first, nl = source[:3], source.find("\n")
    # whitespace after the opening fence is left out, as after the closing one (a stray space)
    if first not in _FENCES or nl == -1 or source[3:nl].strip():
        return None
    body_start = nl + 1
    closers = (first, "...") if first == "---" else (first,)
    pos = body_start
    while pos < len(source):
        nl = source.find("\n", pos)
        line_end = len(source) if nl == -1 else nl
        if source[pos:line_end].rstrip() in closers:
            return _FENCES[first], source[body_start:pos], body_start, line_end
        pos = line_end + 1
    return None


def parse_front_matter(kind: str, raw: str, first_line: int) -> dict[str, Any]:
    """Parse front matter text; a syntax error is a :class:`ReadError` with the file's line."""
    if kind == "yaml":
        import yaml

        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = first_line + mark.line if mark else first_line
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ReadError(f"front matter is not valid YAML: {problem}", line) from None
    else:
        from newslint.tomlreader import error_line, error_message, tomllib

        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            # the error's line counts from the front matter's first line, not the file's
            line = error_line(exc) or raw.count("\n") or 1  # else at its end (an array left open)
            raise ReadError(
                f"front matter is not valid TOML: {error_message(exc)}", first_line + line - 1
            ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError("front matter is not a mapping of fields", first_line)
    return data


def _key(key: str) -> str:
    """The pattern of a front-matter line's start that sets ``key``, up to its ``:`` or ``=``:
    the key bare or quoted (``"title":`` in YAML, ``'title' =`` in TOML)."""
    name = re.escape(key)
    return rf"(?m)^(?:{name}|\"{name}\"|'{name}')\s*[:=]"


def _front_matter_headline(
    source: str, start: int, end: int, fields: dict[str, Any]
) -> Block | None:
    """The headline block from the ``title`` (else ``headline``) field, or ``None``."""
    for key in _HEADLINE_KEYS:
        value = fields.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        m = re.search(_key(key) + r"[ \t]*", source[start:end])
        at = start + m.end() if m else start
        # the value runs until the next line that starts a new key
        following = re.compile(r"(?m)^\S").search(
            source, source.find("\n", at, end) + 1 or end, end
        )
        stop = following.start() if following else end
        while stop > at and source[stop - 1].isspace():
            stop -= 1
        # looked for in the key's own lines: another field may read as it does ('It''s' is
        # "It's" in a title, as written in a description)
        found = source.find(value, at, stop) if m else -1
        if found != -1:
            return verbatim_block("headline", source, found, found + len(value))
        # Written with escapes or folded over lines: the prose is the parsed value, and every
        # position in it points at the start of the key's value.
        value = unicodedata.normalize("NFC", value)  # composed, as all prose is
        return Block("headline", value, Span(at, stop), OffsetMap([(0, len(value), at, stop - at)]))
    return None


class MarkdownReader(Reader):
    name = "markdown"
    suffixes = (".md", ".markdown", ".mdown", ".mkd")

    def __init__(self) -> None:
        self._md: Any = None

    def sniff(self, source: str) -> bool:
        head = source.lstrip()[:4]
        return head.startswith(("# ", "---", "+++"))

    def _parser(self) -> Any:
        if self._md is None:
            from markdown_it import MarkdownIt
            from mdit_py_plugins.footnote import footnote_plugin

            # definitions where they are written, so blocks stay in source order
            self._md = (MarkdownIt("commonmark").enable(["table", "strikethrough"])
                        .use(footnote_plugin, inline=False, move_to_end=False))
        return self._md

    def read(self, path: str, source: str) -> Document:
        lines = LineIndex(source)
        blocks: list[Block] = []
        frontmatter: dict[str, Any] = {}
        headline: Block | None = None
        parse_source = source
        fm = split_front_matter(source)
        if fm:
            kind, raw, raw_start, fence_end = fm
            frontmatter = parse_front_matter(kind, raw, lines.position(raw_start).line)
            fm_block = verbatim_block("frontmatter", source, raw_start, raw_start + len(raw))
            fm_block.meta.update(fields=frontmatter, format=kind)
            blocks.append(fm_block)
            # blank out the front matter but keep its line breaks, so source maps stay right
            parse_source = re.sub(r"[^\n]", " ", source[:fence_end]) + source[fence_end:]
            headline = _front_matter_headline(source, raw_start, raw_start + len(raw), frontmatter)
        if "\0" in parse_source:
            # markdown-it reads NUL as U+FFFD (CommonMark's rule), so its text is found in the
            # source as it reads it: the same offsets, one character for one
            parse_source = parse_source.replace("\0", "\ufffd")
        tokens = self._parser().parse(parse_source)
        if "\r" in parse_source:
            # the same offsets, with markdown-it's line breaks, to turn its line maps into offsets
            lines = LineIndex(_LONE_CR_RE.sub("\n", parse_source))
        context: list[str] = []
        # skipped elements (an <aside>, a <nav>) a raw HTML block leaves open: the Markdown up to
        # the raw HTML that ends them is inside them on the page, as with "<aside>", a blank
        # line, a paragraph, a blank line and "</aside>"
        skipping = OpenElements()
        ended = _last_end_tags(tokens)
        code: list[tuple[int, int]] = []
        labels: list[tuple[int, int]] = []
        after_image = False
        after_label = 0  # where the text of the footnote definition being read may start
        after_cell = 0  # where the next cell of the table row being read may start
        for i, tok in enumerate(tokens):
            if tok.type in ("fence", "code_block") and tok.map:
                code.append((lines.line_start(tok.map[0] + 1), lines.line_span(tok.map[1]).end))
            elif tok.type in ("blockquote_open", "list_item_open", "footnote_reference_open"):
                context.append(tok.type)
                if tok.type == "footnote_reference_open" and tok.map:
                    # its first line opens with the label: "[^1]:", which holds no "]" of its own
                    after_label = parse_source.index("]:", lines.line_start(tok.map[0] + 1)) + 2
            elif tok.type in ("blockquote_close", "list_item_close", "footnote_reference_close"):
                context.pop()
            elif tok.type == "tr_open" and tok.map:
                after_cell = lines.line_start(tok.map[0] + 1)
            elif tok.type == "html_block" and tok.map and not context:
                blocks.extend(_html_block_prose(parse_source, lines, tok.map, skipping))
                # one that no later block ends is a stray tag: it hides the rest of its block
                # alone, not the article
                kept = next((k for k, name in enumerate(skipping.stack)
                             if ended.get(name, -1) <= i), len(skipping))
                while len(skipping) > kept:
                    skipping.pop()
            elif tok.type == "inline" and tok.map:
                opener = tokens[i - 1]
                start = max(lines.line_start(tok.map[0] + 1), after_label)
                end = lines.line_span(tok.map[1]).end if tok.map[1] > tok.map[0] else start
                in_cell = opener.type in ("th_open", "td_open")
                if in_cell:  # a cell's map is its row's: it is looked for past the cells before it
                    start = max(start, after_cell)
                builder, has_image, only_emphasis, cursor = self._prose(
                    tok, parse_source, start, end, code, labels
                )
                span = Span(start, end)
                if in_cell:
                    after_cell = _cell_end(parse_source, cursor, end)
                    continue  # table cells are not article prose, but their code is code
                if skipping:
                    continue  # inside an element that is no copy, but its code is code
                if opener.type == "heading_open":
                    level = int(opener.tag[1])
                    block = builder.build("heading", span, level)
                    if block and headline is None and level == 1:
                        block.kind = "headline"
                        headline = block
                        continue
                elif opener.type == "paragraph_open":
                    kind = "paragraph"
                    # a footnote shows at the page's end, out of the list or quote it is
                    # written in: its text nests only in the lists and quotes inside it
                    inner = list(takewhile(lambda c: c != "footnote_reference_open",
                                           reversed(context)))
                    if inner:
                        kind = "list_item" if inner[0] == "list_item_open" else "blockquote"
                    elif not context and (has_image or (after_image and only_emphasis)):
                        kind = "caption"
                    block = builder.build(kind, span, len(inner))  # type: ignore[arg-type]
                    after_image = has_image
                else:
                    continue
                if block:
                    blocks.append(block)
        return Document(
            path=path,
            source=source,
            format=self.name,
            headline=headline,
            blocks=blocks,
            frontmatter=frontmatter,
            meta={CODE: code, LINK_LABELS: labels},
        )

    @staticmethod
    def _prose(tok: Any, source: str, start: int, end: int, code: list[tuple[int, int]],
               labels: list[tuple[int, int]]) -> tuple[ProseBuilder, bool, bool, int]:
        """Prose of an inline token, each piece located in the source after the previous one.

        Inline code, images and autolinks become one :data:`OBJECT` each, and a link keeps its
        text but not its target; the cursor always moves past the skipped source, so later text
        is never matched inside a URL or a code span. Code spans are added to ``code``, and the
        text of links that is also their label (see :data:`LINK_LABELS`) to ``labels``. Returns
        the prose, whether it holds an image, whether its text is all emphasis, and where in the
        source its last piece ends.
        """
        builder = ProseBuilder()
        cursor = start
        has_image = False
        only_emphasis = True
        depth = 0
        in_autolink = False
        link_text = cursor  # where the text of the link being read starts
        for child in tok.children or ():
            kind = child.type
            if in_autolink:
                in_autolink = kind != "link_close"
            elif kind in ("em_open", "strong_open"):
                depth += 1
            elif kind in ("em_close", "strong_close"):
                depth -= 1
            elif kind == "text":
                if not depth and child.content.strip():
                    only_emphasis = False
                cursor = _align(builder, child.content, source, cursor, end)
            elif kind in ("softbreak", "hardbreak"):
                brk = _BREAK_RE.search(source, cursor, end)
                if brk:
                    builder.add("\n", brk.end() - 1)
                    cursor = brk.end()
            elif kind == "code_inline":
                at, cursor = _object(
                    builder, source, cursor, end, child.markup, _code_end(child.markup)
                )
                code.append((at, cursor))
                only_emphasis = False
            elif kind == "image":
                has_image = True
                _, cursor = _object(builder, source, cursor, end, "![", _link_end)
            elif kind == "link_open" and child.markup == "autolink":
                in_autolink = True
                _, cursor = _object(builder, source, cursor, end, "<", _autolink_end)
                only_emphasis = False
            elif kind == "link_open":
                link_text = source.find("[", cursor, end) + 1 or cursor
            elif kind == "link_close":
                close = _text_end(source, cursor, end)
                if _is_label(source, close, end):
                    labels.append((link_text, close))
                cursor = _target_end(source, close, end)
            elif kind == "footnote_ref":  # a mark beside the words, as a link's target is
                mark = f"[^{child.meta['label']}]"
                at = source.find(mark, cursor, end)
                if at != -1:
                    cursor = at + len(mark)
            elif kind == "html_inline":
                found = _find_lines(source, child.content, cursor, end)
                if found:
                    at, cursor = found
                    if _LINE_BREAK_TAG_RE.match(child.content):  # on the page, as a hard break
                        builder.add("\n", at, cursor - at)
        return builder, has_image, only_emphasis, cursor


def _cell_end(source: str, pos: int, end: int) -> int:
    """Just past the "|" that ends the table cell whose text ends at ``pos`` (``end`` when it is
    the row's last): the first one from there that no backslash escapes, as markdown-it splits
    a row."""
    at = source.find("|", pos, end)
    while at > 0 and source[at - 1] == "\\":
        at = source.find("|", at + 1, end)
    return end if at == -1 else at + 1


def _find_lines(source: str, content: str, pos: int, end: int) -> tuple[int, int] | None:
    """Where ``content``, read by markdown-it from lines of the source, is first written from
    ``pos`` (its start and end): each of its line breaks is "\n", and may be "\r\n" or "\r" in
    the source (a tag over lines of a Windows file), followed by the indent or the quote marks
    ("> ") that markdown-it took off the next line."""
    if "\n" not in content:
        at = source.find(content, pos, end)
        return None if at == -1 else (at, at + len(content))
    pattern = "(?:\r\n?|\n)[ \t>]*".join(map(re.escape, content.split("\n")))
    m = re.compile(pattern).search(source, pos, end)
    return m.span() if m else None


def _object(
    builder: ProseBuilder,
    source: str,
    cursor: int,
    end: int,
    opener: str,
    find_end: Callable[[str, int, int], int],
) -> tuple[int, int]:
    """Add one :data:`OBJECT` for the construct opening with ``opener``; returns its start and
    end (both the cursor when it is not found)."""
    at = source.find(opener, cursor, end)
    if at == -1:
        builder.add(OBJECT, cursor, 0)
        return cursor, cursor
    stop = find_end(source, at + len(opener), end)
    builder.add(OBJECT, at, stop - at)
    return at, stop


def _code_end(markup: str) -> Callable[[str, int, int], int]:
    # a code span ends at a run of exactly as many backticks as open it: "`a ``b`` c`" is one
    closer = re.compile(f"(?<!`){markup}(?!`)")

    def find(source: str, pos: int, end: int) -> int:
        m = closer.search(source, pos, end)
        return end if m is None else m.end()

    return find


def _autolink_end(source: str, pos: int, end: int) -> int:
    at = source.find(">", pos, end)
    return end if at == -1 else at + 1


def _link_end(source: str, pos: int, end: int) -> int:
    """From inside a link's text (or an image's alt), the offset just past the link's target:
    ``](url "title")``, ``][ref]``, ``][]`` or a bare ``]``."""
    return _target_end(source, _text_end(source, pos, end), end)


def _text_end(source: str, pos: int, end: int) -> int:
    """From inside a link's text (or an image's alt), the offset of the ``]`` that closes it
    (``end`` when there is none)."""
    depth = 0
    i = pos
    while i < end:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            if not depth:
                return i
            depth -= 1
        i += 1
    return end


def _target_end(source: str, close: int, end: int) -> int:
    """The offset just past the target after a link's text closed at ``close``."""
    if close >= end:
        return end
    i = close + 1
    if i < end and source[i] in "([":
        closer = ")" if source[i] == "(" else "]"
        nest = 0
        j = i + 1
        while j < end:
            ch = source[j]
            if ch == "\\":
                j += 2
                continue
            if ch == source[i]:
                nest += 1
            elif ch == closer:
                if not nest:
                    return j + 1
                nest -= 1
            j += 1
    return i


def _is_label(source: str, close: int, end: int) -> bool:
    """Whether the link text closed at ``close`` is also its label: a shortcut (``[Kyiv]``) or
    collapsed (``[Kyiv][]``) reference, not an inline link or a full reference (``[Kyiv][k]``)."""
    after = source[close + 1 : min(close + 3, end)] if close < end else "("
    return not after.startswith("(") and (not after.startswith("[") or after == "[]")


_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPECIAL_RE = re.compile(r"[\\&]")
"""Where an escape or a character reference may start; the source reads as written up to it."""
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _unit(source: str, pos: int, end: int) -> tuple[str, int]:
    """The prose that the source at ``pos`` stands for, and how many source characters it takes:
    a backslash escape, a character reference, or the character itself."""
    ch = source[pos]
    if ch == "\\" and pos + 1 < end and source[pos + 1] in _ESCAPABLE:
        return source[pos + 1], 2
    if ch == "&":
        m = _ENTITY_RE.match(source, pos, end)
        decoded = _reference(m.group(1)) if m else None
        if m and decoded is not None:
            return decoded, len(m.group())
    return ch, 1


def _reference(name: str) -> str | None:
    """The character that markdown-it reads ``&name;`` as, or ``None`` when it reads it as text.

    Decoded as markdown-it does, not by html.unescape, which also reads a legacy entity at the
    start of an unknown name ("&reg" of "&region;") and C1 numbers as Windows-1252 ("&#150;" an
    en dash, where markdown-it reads U+FFFD): the prose would not be found in the source.
    """
    # imported here as the parser is (markdown-it takes a while to import), and loaded by now
    from markdown_it.common.entities import entities
    from markdown_it.common.utils import isValidEntityCode

    if name[0] != "#":
        return entities.get(name)
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    return chr(code) if isValidEntityCode(code) else "\ufffd"


_MARKUP_RE = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|pre|textarea)(?=[\s/>]).*?(?:</\1\s*>|$)"
    r"|<[A-Za-z/!?](?:[^<>\"'=\s]|\s|=\s*\"[^\"]*\"|=\s*'[^']*'|=(?!\s*[\"'])|[\"'])*>",
    re.S | re.I,
)
"""What of a raw HTML block is not copy: comments, tags, and code or a form's text with its tags
(to the block's end when a comment or such an element is left open, as a browser reads it). A
tag starts, as in a browser, only where "<" is followed by a letter, "/", "!" or "?" ("1 < 2 and
3 > 2" is text), and ends at the first ">" outside an attribute's quoted value ('title="a > b"'),
before the next "<" outside one: tried again from each "<" of a block of them, an unclosed
comment or a stray "<" read to the block's end, time quadratic in its length. A tag's characters
can each be read one way only, so one left open is given up in time linear in its length."""
_TAG_NAME_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?=[\s/>])")
_END_TAG_RE = re.compile(r"</([A-Za-z][A-Za-z0-9]*)(?=[\s/>])")
_LINE_BREAK_TAG_RE = re.compile(r"<br(?=[\s/>])", re.I)


def _last_end_tags(tokens: list[Any]) -> dict[str, int]:
    """The index of the last raw HTML block among ``tokens`` outside any quote or list that holds
    an end tag of each element name, in lower case."""
    last: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.type == "html_block" and tok.level == 0 and "</" in tok.content:
            for m in _END_TAG_RE.finditer(tok.content):
                last[m.group(1).lower()] = i
    return last


def _html_block_prose(source: str, lines: LineIndex, line_map: list[int],
                      skipping: OpenElements) -> list[Block]:
    """The visible text of a raw HTML block, which a Markdown renderer passes through.

    CommonMark ends an HTML block that opens with a comment only at a blank line, so a
    paragraph that starts with ``<!-- ... -->`` on the same line is an HTML block whose text still
    shows on the page: it is article copy. Tags, comments and code (a script, a style, a ``<pre>``)
    are dropped, the text kept, and character references decoded. The text of each block
    element (a paragraph, a table cell, a list item) is a paragraph of its own, as on the page,
    and the text of the elements the HTML reader skips (:data:`SKIP_TAGS`: a form, a navigation
    bar, an aside, a footer) is no copy, as in an HTML article. ``skipping`` holds those open
    where the block starts, and those it leaves open where it ends.
    """
    start = lines.line_start(line_map[0] + 1)
    end = lines.line_span(line_map[1]).end
    raw = source[start:end]
    blocks: list[Block] = []
    builder = ProseBuilder()
    begin = at = 0  # where the current paragraph and the text since the last markup start
    for m in _MARKUP_RE.finditer(raw):
        if not skipping:
            add_html_text(builder, raw[at : m.start()], start + at)
        at = m.end()
        markup = m.group()
        tag = _TAG_NAME_RE.match(markup)
        name = tag.group(1).lower() if tag else ""
        if name in SKIP_TAGS and not m.group(1):  # not a whole <pre> or <script>, read already
            if markup.startswith("</"):
                skipping.pop_to(name)  # and the skipped elements left open inside it
            elif not markup.endswith("/>"):  # "<svg/>" holds nothing, as HTML's parser reads it
                skipping.push(name)
        if _LINE_BREAK_TAG_RE.match(markup):
            if not skipping:
                builder.add("\n", start + m.start(), len(markup))
        elif name in BLOCK_TAGS:
            blocks += _html_paragraph(builder, Span(start + begin, start + m.start()))
            builder = ProseBuilder()
            begin = at
    if not skipping:
        add_html_text(builder, raw[at:], start + at)
    return blocks + _html_paragraph(builder, Span(start + begin, end))


def _html_paragraph(builder: ProseBuilder, span: Span) -> list[Block]:
    """The paragraph of a raw HTML block's text, if it has words."""
    if not any(ch.isalpha() for ch in builder.text):
        return []
    block = builder.build("paragraph", span)
    return [block] if block else []


_MARKUP_BEFORE_TEXT = frozenset(" \t>#*_~[+-.)0123456789")
"""What the source may hold between the cursor and a text piece: indentation, block quote,
heading and list markers (``12.``), emphasis delimiters and a link's bracket."""


def _align(builder: ProseBuilder, content: str, source: str, cursor: int, end: int) -> int:
    """Add a text piece that may differ from its source by escapes and character references,
    mapping each escape or reference to its whole source; returns the new cursor."""
    at = _written_as_read(content, source, cursor, end)
    if at != -1:
        builder.add(content, at)  # the common case: written as it reads, after markup alone
        return at + len(content)
    # Written with an escape or a reference, the text is not where it may also be written as it
    # reads, later ('&quot;*Stop*&quot; ... "now"'), nor where the markup before it opens as it
    # does ("1. 1 &amp; 2"): it is the first place, past markup alone, that reads as all of it.
    pos = cursor
    while pos < end:
        # tried only where the text can start: each try reads up to the text's length
        if content.startswith(_unit(source, pos, end)[0]):
            pieces, read, stop = _read_as(content, source, pos, end)
            if read == len(content):
                for piece in pieces:
                    builder.add(*piece)
                return stop
        if source[pos] not in _MARKUP_BEFORE_TEXT:
            break
        pos += 1
    # written as it reads after all, past more than markup (a table's "|"): searched to the end
    # only now, when nothing nearer reads as the text
    at = source.find(content, cursor, end)
    if at != -1:
        builder.add(content, at)
        return at + len(content)
    # cannot be found (a normalised form): as much as the source agrees with, from the first
    # place it could start; the rest of the prose points at where the agreement ends
    pos = cursor
    while pos < end and not content.startswith(_unit(source, pos, end)[0]):
        pos += 1
    pieces, read, pos = _read_as(content, source, pos, end)
    for piece in pieces:
        builder.add(*piece)
    if read < len(content):
        builder.add(content[read:], pos, 0)
    return pos


def _written_as_read(content: str, source: str, cursor: int, end: int) -> int:
    """The first place from ``cursor`` where ``content`` is written as it reads, with no escape
    or reference before it; -1 when there is none.

    Looked for in windows that double, so that it costs the distance to the text or to the
    first escape or reference, not to the block's end: for every line of a long paragraph
    written with references, that made the paragraph's cost lines × length.
    """
    size = 256
    lo = cursor
    while True:
        hi = min(end, cursor + size)
        special = _SPECIAL_RE.search(source, lo, hi)
        stop = special.start() if special else hi
        # any place found starts at or before the first escape or reference
        at = source.find(content, cursor, min(end, stop + len(content)))
        if at != -1 or special or hi == end:
            return at
        lo = hi
        size *= 2


def _read_as(
    content: str, source: str, pos: int, end: int
) -> tuple[list[tuple[str, int, int | None]], int, int]:
    """How far the source from ``pos`` reads as ``content``: the pieces to add (prose, source
    start, source length), how much of the content they make and where they end in the source."""
    pieces: list[tuple[str, int, int | None]] = []
    i = 0
    while i < len(content) and pos < end:
        # looked for no further than the text can reach: the next escape may be lines away
        reach = min(end, pos + len(content) - i + 1)
        special = _SPECIAL_RE.search(source, pos, reach)
        stop = special.start() if special else reach
        if stop > pos:
            # a run with no escape or reference in it reads as written: take as much of it as
            # the text agrees with at once, not a character at a time (one verbatim segment
            # either way)
            n = min(stop - pos, len(content) - i)
            if not source.startswith(content[i : i + n], pos):
                n = 0
                while n < stop - pos and i + n < len(content) and source[pos + n] == content[i + n]:
                    n += 1
            if n:
                pieces.append((content[i : i + n], pos, None))
            i += n
            pos += n
            if pos < stop:
                break
            continue
        piece, width = _unit(source, pos, end)
        if not content.startswith(piece, i):
            break
        pieces.append((piece, pos, None if width == len(piece) else width))
        i += len(piece)
        pos += width
    return pieces, i, pos


@hookimpl
def newslint_register_readers() -> list[Reader]:
    return [MarkdownReader()]
