"""Markdown articles, with optional YAML (``---``) or TOML (``+++``) front matter.

Parsed with markdown-it-py; its source maps give each block's lines, and each piece of inline
text is then found in those lines, so prose positions map back to the file exactly. The
headline is the front matter's ``title`` or ``headline``, else the first H1.
"""

from __future__ import annotations

import re
from typing import Any

from newslint.document import Block, Document, LineIndex, Span
from newslint.hookspecs import hookimpl
from newslint.readers.base import OBJECT, ProseBuilder, ReadError, Reader, verbatim_block

_FENCES = {"---": "yaml", "+++": "toml"}
_HEADLINE_KEYS = ("title", "headline")


def split_front_matter(source: str) -> tuple[str, str, int, int] | None:
    """Find front matter at the very start: ``(kind, raw text, start of raw, end of fence)``."""
    first = source[:4].rstrip("\r\n")
    if first not in _FENCES or not source.startswith(first + "\n") and not source.startswith(first + "\r\n"):
        return None
    body_start = source.index("\n") + 1
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
        from newslint.config import tomllib

        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            raise ReadError(f"front matter is not valid TOML: {exc}", first_line + (line or 1) - 1) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError("front matter is not a mapping of fields", first_line)
    return data


def _value_span(source: str, start: int, end: int, key: str, value: str) -> Span | None:
    """Where a front-matter field's string value is written."""
    m = re.search(rf"(?m)^{re.escape(key)}\s*[:=]\s*", source[start:end])
    if not m:
        return None
    at = source.find(value, start + m.end(), end)
    return Span(at, at + len(value)) if at != -1 else None


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

            self._md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
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
            blocks.append(verbatim_block("frontmatter", source, raw_start, raw_start + len(raw)))
            # blank out the front matter but keep its line breaks, so source maps stay right
            parse_source = re.sub(r"[^\n]", " ", source[:fence_end]) + source[fence_end:]
            for key in _HEADLINE_KEYS:
                value = frontmatter.get(key)
                if isinstance(value, str) and value.strip():
                    span = _value_span(source, raw_start, raw_start + len(raw), key, value.strip())
                    if span:
                        headline = verbatim_block("headline", source, span.start, span.end)
                    break
        tokens = self._parser().parse(parse_source)
        context: list[str] = []
        after_image = False
        for i, tok in enumerate(tokens):
            if tok.type in ("blockquote_open", "list_item_open"):
                context.append(tok.type)
            elif tok.type in ("blockquote_close", "list_item_close"):
                context.pop()
            elif tok.type == "inline" and tok.map:
                opener = tokens[i - 1]
                start = lines.line_start(tok.map[0] + 1)
                end = lines.line_span(tok.map[1]).end if tok.map[1] > tok.map[0] else start
                builder, has_image, only_emphasis = self._prose(tok, source, start, end)
                span = Span(start, end)
                if opener.type == "heading_open":
                    level = int(opener.tag[1])
                    block = builder.build("heading", span, level)
                    if block and headline is None and level == 1 and not frontmatter.get("title"):
                        block.kind = "headline"
                        headline = block
                        continue
                elif opener.type == "paragraph_open":
                    kind = "paragraph"
                    if context:
                        kind = "list_item" if context[-1] == "list_item_open" else "blockquote"
                    elif has_image or (after_image and only_emphasis):
                        kind = "caption"
                    block = builder.build(kind, span, len(context))  # type: ignore[arg-type]
                    after_image = has_image
                else:
                    continue  # table cells and the like are not article prose
                if block:
                    blocks.append(block)
        return Document(path=path, source=source, format=self.name, headline=headline,
                        blocks=blocks, frontmatter=frontmatter)

    @staticmethod
    def _prose(tok: Any, source: str, start: int, end: int) -> tuple[ProseBuilder, bool, bool]:
        """Prose of an inline token, each piece located in the source after the previous one."""
        builder = ProseBuilder()
        cursor = start
        has_image = False
        only_emphasis = True
        depth = 0
        for child in tok.children or ():
            kind = child.type
            if kind in ("em_open", "strong_open"):
                depth += 1
            elif kind in ("em_close", "strong_close"):
                depth -= 1
            elif kind in ("text", "code_inline", "image", "softbreak", "hardbreak"):
                if kind == "image":
                    has_image = True
                if kind == "text" and not depth and child.content.strip():
                    only_emphasis = False
                content = "\n" if kind.endswith("break") else child.content
                if kind in ("code_inline", "image"):
                    piece = child.markup + child.content if kind == "code_inline" else "!["
                    at = source.find(piece, cursor, end)
                    if at != -1:
                        cursor = at
                    builder.add(OBJECT, cursor, 1)
                    continue
                at = source.find(content, cursor, end)
                if at == -1:
                    cursor = _align(builder, content, source, cursor, end)
                else:
                    builder.add(content, at)
                    cursor = at + len(content)
        return builder, has_image, only_emphasis


def _align(builder: ProseBuilder, content: str, source: str, cursor: int, end: int) -> int:
    """Add text that differs from its source (escapes, entities) piece by piece: each word or
    space found verbatim where it can be, else character by character; returns the new cursor."""
    for piece in re.findall(r"\s+|\S+", content):
        at = source.find(piece, cursor, end)
        if at != -1:
            builder.add(piece, at)
            cursor = at + len(piece)
            continue
        for ch in piece:
            at = source.find(ch, cursor, min(end, cursor + 8))
            if at == -1:
                builder.add(ch, cursor, 0)
            else:
                builder.add(ch, at)
                cursor = at + 1
    return cursor


@hookimpl
def newslint_register_readers() -> list[Reader]:
    return [MarkdownReader()]
