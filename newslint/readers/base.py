"""The interface of a reader, and helpers readers share."""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from newslint.document import Block, BlockKind, Document, OffsetMap, Span

OBJECT = "\ufffc"
"""Stands in the prose for inline code and images, so the words around them stay apart."""

INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]+")
"""Characters that show nothing inside a word (a soft hyphen, a zero-width space, a word
joiner, a zero-width no-break space): left out of the prose as markup is, as they would split
a word in two that are none (``ap&shy;proved``)."""

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre "
    "section summary table tbody td tfoot th thead title tr ul".split()
)
"""HTML tags that start or end a block of the page: the text on either side of one is apart,
in an HTML article as in a raw HTML block of a Markdown one."""

SKIP_TAGS = frozenset(
    "script style noscript template nav form aside footer button select textarea svg iframe "
    "object canvas audio video pre".split()
)
"""HTML elements whose content is not article copy (code, navigation, forms and their fields,
asides, footers, embeds), in an HTML article as in a raw HTML block of a Markdown one."""

HTML_REFERENCE_RE = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")
"""A character reference as HTML reads it: "&amp" without its ";" is one too."""


class ReadError(Exception):
    """The file's text cannot be read as this format; the message says why (one line)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Reader:
    """Turns a file's decoded text into a :class:`Document`.

    Subclasses set :attr:`name` and :attr:`suffixes` and implement :meth:`read`. A reader must
    not rewrite the source: every block's offsets point into the text it was given.
    """

    name: ClassVar[str]
    """The format's name (``markdown``), shown in :attr:`Document.format`."""
    suffixes: ClassVar[tuple[str, ...]]
    """Lower-case file suffixes it reads, with the dot (``.md``)."""

    def read(self, path: str, source: str) -> Document:
        """Parse ``source`` (the text of ``path``); raise :class:`ReadError` on malformed input."""
        raise NotImplementedError

    def sniff(self, source: str) -> bool:
        """Whether text with no file name (stdin) looks like this format."""
        return False


def reader_for(readers: Mapping[str, Reader], file: Path, text: str) -> Reader:
    """The reader of ``readers`` (by lower-case suffix, as the plugin manager gathers them) for
    ``file``: the one for its suffix; else, for a name that says nothing of the format (stdin, an
    archive's article), the first that recognises ``text``; else the plain-text reader."""
    reader = readers.get(file.suffix.lower())
    if reader is not None:
        return reader
    for candidate in dict.fromkeys(readers.values()):
        if candidate.sniff(text):
            return candidate
    return readers[".txt"]


class OpenElements:
    """A stack of open element names that keeps a count of each, so whether an element is open,
    and how many are, is known without reading the stack: read at every tag, the stack made an
    HTML page nested 20,000 deep (block quotes, lists) take time in the square of that, 110 s."""

    __slots__ = ("counts", "stack")

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.counts: Counter[str] = Counter()

    def push(self, tag: str) -> None:
        self.stack.append(tag)
        self.counts[tag] += 1

    def pop(self) -> str:
        tag = self.stack.pop()
        self.counts[tag] -= 1
        return tag

    def pop_to(self, tag: str) -> None:
        """Pop the innermost ``tag`` and all open inside it, if ``tag`` is open."""
        if tag in self:
            while self.pop() != tag:
                pass

    def top(self) -> str | None:
        return self.stack[-1] if self.stack else None

    def __contains__(self, tag: object) -> bool:
        return self.counts[tag] > 0  # type: ignore[index]

    def __len__(self) -> int:
        return len(self.stack)


def verbatim_block(kind: BlockKind, source: str, start: int, end: int, level: int = 0) -> Block:
    """A block whose prose is the source slice ``[start, end)`` itself (but for the characters
    of :data:`INVISIBLE_RE`, each Windows line break read as one line feed, and composed as
    :class:`ProseBuilder` composes it)."""
    text = source[start:end]
    if "\r\n" in text:
        # A Windows line break is one break in the prose, as Markdown's are: "per\r\ncent" reads
        # "per\ncent", and a rule's phrase or a word's neighbours are not cut by the "\r"
        builder = ProseBuilder()
        at = 0
        for line in text.split("\r\n"):
            if at:
                builder.add("\n", start + at - 2, 2)
            builder.add(line, start + at)
            at += len(line) + 2
        return Block(kind, builder.text, Span(start, end), builder.offsets(), level)
    if not text.isascii() and (INVISIBLE_RE.search(text) or not is_composed(text)):
        builder = ProseBuilder()
        builder.add(text, start)
        return Block(kind, builder.text, Span(start, end), builder.offsets(), level)
    return Block(kind, text, Span(start, end), OffsetMap.identity(start, end - start), level)


def is_composed(text: str) -> bool:
    """Whether ``text`` is in Unicode's composed form (NFC), as prose is."""
    return unicodedata.is_normalized("NFC", text)


class ProseBuilder:
    """Collects prose pieces with their source positions and builds a block from them.

    Prose is composed (NFC): a letter written with a combining mark (``e`` and U+0301, as macOS
    and some CMSs write "café") reads as the one letter, as it shows, so words, names and
    dictionary look-ups do not depend on how the source encodes an accent. Each such letter maps
    back to all of its source.
    """

    __slots__ = ("composed", "length", "parts", "segments")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, int]] = []
        self.composed: set[int] = set()
        """Source starts of the segments that are their source composed (see :class:`OffsetMap`)."""
        self.length = 0

    def add(self, text: str, source_start: int, source_length: int | None = None) -> None:
        """Append ``text``, which stands for ``source_length`` source characters at ``source_start``
        (by default as many as it has: a verbatim piece)."""
        if not text:
            return
        # isascii, which costs nothing, spares nearly every piece the searches below
        if not text.isascii():
            if INVISIBLE_RE.search(text):  # left out of the prose
                if source_length is None:  # as written: the text around them keeps its own source
                    at = 0
                    for m in INVISIBLE_RE.finditer(text):
                        self.add(text[at : m.start()], source_start + at)
                        at = m.end()
                    self.add(text[at:], source_start + at)
                    return
                text = INVISIBLE_RE.sub("", text)  # decoded ("&shy;"): the rest stands for it all
                if not text:
                    return
            if not is_composed(text):
                if source_length is None:
                    self._add_composed(text, source_start)
                    return
                text = unicodedata.normalize("NFC", text)  # decoded: it stands for it all anyway
        self._append(text, source_start, source_length)

    def _add_composed(self, text: str, source_start: int) -> None:
        """Append verbatim text that is not all composed: each character that composes with the
        marks after it (one grapheme) is a segment of its own, the text between verbatim."""
        import regex  # for its graphemes (\X); only text written decomposed needs it

        at = 0
        for m in regex.finditer(r"\X", text):
            grapheme = m.group()
            if is_composed(grapheme):
                continue
            self._append(text[at : m.start()], source_start + at)
            composed = unicodedata.normalize("NFC", grapheme)
            if len(composed) != len(grapheme):
                self.composed.add(source_start + m.start())
            self._append(composed, source_start + m.start(), len(grapheme))
            at = m.end()
        self._append(text[at:], source_start + at)

    def _append(self, text: str, source_start: int, source_length: int | None = None) -> None:
        if not text:
            return
        n = len(text)
        src_n = n if source_length is None else source_length
        segments = self.segments
        if segments and src_n == n:
            t0, tn, s0, sn = segments[-1]
            if tn == sn and s0 + sn == source_start:  # extends a verbatim run: one segment
                segments[-1] = (t0, tn + n, s0, sn + n)
                self.parts.append(text)
                self.length += n
                return
        segments.append((self.length, n, source_start, src_n))
        self.parts.append(text)
        self.length += n

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def build(self, kind: BlockKind, span: Span, level: int = 0) -> Block | None:
        """The block, with outer whitespace trimmed; ``None`` when there is no prose."""
        text = self.text
        stripped = text.strip()
        if not stripped.replace(OBJECT, "").strip():
            return None
        lead = len(text) - len(text.lstrip())
        return Block(kind, stripped, span, self.offsets(lead), level)

    def offsets(self, lead: int = 0) -> OffsetMap:
        """The map of the prose built so far, without its first ``lead`` characters."""
        segments = _shift(self.segments, lead) if lead else self.segments
        return OffsetMap(segments, frozenset(self.composed))


def add_html_text(builder: ProseBuilder, text: str, at: int) -> None:
    """Append HTML text that is at ``at`` of the source, each character reference decoded as a
    browser decodes it (see :func:`add_reference`)."""
    pos = 0
    for m in HTML_REFERENCE_RE.finditer(text):
        builder.add(text[pos : m.start()], at + pos)
        add_reference(builder, m.group(), at + m.start())
        pos = m.end()
    builder.add(text[pos:], at + pos)


def add_reference(builder: ProseBuilder, raw: str, at: int) -> None:
    """Append ``raw``, a character reference at ``at`` of the source, as a browser reads it in
    text. HTML decodes the longest name it knows from the start of ``raw``, some with no ";"
    (``&notit;`` is "¬" and "it;", ``&T-owned`` of "AT&T-owned" no reference at all): the
    decoded character stands for its reference, and the rest of ``raw`` is verbatim, each of its
    characters where it is written."""
    decoded = html.unescape(raw)
    kept = 0  # characters at the end read as written: one decoded character stays before them
    while kept < len(decoded) - 1 and decoded[-1 - kept] == raw[-1 - kept]:
        kept += 1
    builder.add(decoded[: len(decoded) - kept], at, len(raw) - kept)
    builder.add(raw[len(raw) - kept :], at + len(raw) - kept)


def _shift(segments: list[tuple[int, int, int, int]], lead: int) -> list[tuple[int, int, int, int]]:
    """Drop ``lead`` prose characters from the front of ``segments``."""
    out = []
    for t0, n, s0, sn in segments:
        if t0 + n <= lead:
            continue
        if t0 < lead:
            cut = lead - t0
            verbatim = n == sn
            out.append((0, n - cut, s0 + cut if verbatim else s0, sn - cut if verbatim else sn))
        else:
            out.append((t0 - lead, n, s0, sn))
    return out
