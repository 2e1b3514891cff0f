"""Plain-text articles: the first non-empty line is the headline, blank lines separate blocks.

A first line that is plainly the opening paragraph (several sentences, or a long line ending in
a full stop) is no headline: the article has none, which HL201 reports, and that paragraph is
body copy that every rule reads.

Plain text has no markup for captions or headings, so a block's kind is inferred: one that ends
like a sentence is a paragraph; one that does not is a caption when it is long (a photo caption
pasted into the copy) and a heading when it is short. A block that repeats the headline (pages
often print it twice, once as the page title) is a heading, however long.

Suppression lines (``newslint: disable ST001``) are not copy: they separate blocks like a blank
line and belong to no block.
"""

from __future__ import annotations

import re

from newslint.document import Block, Document
from newslint.hookspecs import hookimpl
from newslint.readers.base import Reader, verbatim_block
from newslint.text import reads_as_paragraph

_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n[ \t]*\S[^\n]*)*")
DIRECTIVE_LINE_RE = re.compile(
    r"(?im)^[ \t]*newslint[ \t]*:[ \t]*(disable-next-line|disable|enable)\b(?!-)"
    r"([^\r\n]*)(?=\r?$)"
)
"""A plain-text suppression line; group 1 is the action (a whole word: ``disable-line`` is no
action), group 2 the codes. The match stops before a ``\r\n`` or a final ``\r``: the line break
is not part of the directive's span."""
_SENTENCE_END = tuple('.!?:;"”’)…')
CAPTION_MIN_WORDS = 8


def infer_kind(text: str) -> str:
    """Guess a plain-text block's kind from its shape."""
    if text.rstrip().endswith(_SENTENCE_END):
        return "paragraph"
    return "caption" if len(text.split()) >= CAPTION_MIN_WORDS else "heading"


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".text")

    def read(self, path: str, source: str) -> Document:
        headline: Block | None = None
        first = True
        blocks: list[Block] = []
        # Blank out suppression lines (keeping every offset) so they split blocks like blank lines.
        masked = source
        if "newslint" in source:
            masked = DIRECTIVE_LINE_RE.sub(lambda d: " " * len(d.group()), source)
        for m in _PARAGRAPH_RE.finditer(masked):
            start, end = m.start(), m.end()
            chunk = m.group()
            if not chunk.strip():
                continue
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
            if first:
                first = False
                line_end = source.find("\n", start, end)
                line_end = end if line_end == -1 else line_end
                while source[line_end - 1].isspace():  # the "\r" of a CRLF line break
                    line_end -= 1
                line = verbatim_block("headline", source, start, line_end)
                if not reads_as_paragraph(line.text):
                    headline = line
                    rest = source[line_end:end]
                    if not rest.strip():
                        continue
                    start = line_end + len(rest) - len(rest.lstrip())
            block = verbatim_block("paragraph", source, start, end)
            if headline is not None and headline.text and block.text == headline.text:
                block.kind = "heading"
            else:
                block.kind = infer_kind(block.text)  # type: ignore[assignment]
            blocks.append(block)
        return Document(
            path=path, source=source, format=self.name, headline=headline, blocks=blocks
        )


@hookimpl
def newslint_register_readers() -> list[Reader]:
    return [TextReader()]
