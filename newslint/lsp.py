"""``newslint lsp``: a Language Server Protocol server on standard input and output.

Editors send the text of each open Markdown, HTML or plain-text article; the server lints it with
the same engine and the same configuration discovery as ``newslint check`` (the nearest
``.newslint.toml`` or ``pyproject.toml`` of the document's folder) and publishes the violations as
diagnostics: at once on open and save, after a short pause (:data:`DEBOUNCE_SECONDS`) on change.

It also offers code actions (every suggestion as a quick fix, "disable CODE for this line", and
"fix all safe fixes in this document") and hovers that show a rule's ``explain`` page.

How it is put together:

* Linting runs on one worker thread, so the event loop keeps reading messages while a long
  article is checked, and the engine (which is not thread-safe) is only ever used from that
  thread. Results are published from the event loop, and only if the document has not changed.
  No timer signal reaches that thread, so ``rule-timeout`` is enforced there by a watchdog thread
  (see :mod:`newslint.deadline`).
* A configuration change is noticed without a restart three ways: a ``workspace/
  didChangeWatchedFiles`` notification, the save of a configuration file open in the editor, and,
  before every lint, the discovered configuration file's path, modification time and size. Any
  change starts a new :class:`~newslint.engine.Session`, dropping the cached configurations.
* Offsets become LSP positions in the encoding negotiated at ``initialize`` (UTF-16 code units
  unless the client offers UTF-32 or UTF-8), with LSP's own line breaks (``\\n``, ``\\r\\n``,
  ``\\r``); the server's copy of each document splits its lines the same way, so incremental
  changes land where the editor made them.
* Nothing a document, a configuration or a plugin does stops the server: each failure becomes one
  diagnostic on the document that says what went wrong.

This module is imported only by ``newslint lsp``; it needs the ``lsp`` extra (pygls, lsprotocol).
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import re
import sys
import threading
from collections.abc import Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.protocol.json_rpc import RPCRequest
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument, Workspace

from newslint import __version__, deadline
from newslint.config import CONFIG_FILES, Config, ConfigError
from newslint.document import BOM, Span
from newslint.engine import FileResult, Options, Session, size_text
from newslint.lexicon import file_version
from newslint.manager import PluginError, PluginManager, get_plugin_manager
from newslint.readers.text import DIRECTIVE_LINE_RE
from newslint.rule import Rule
from newslint.violation import INTERNAL_ERROR, Severity, Suggestion, Violation

logger = logging.getLogger(__name__)

SOURCE = "newslint"
"""The ``source`` of every diagnostic."""

DEBOUNCE_SECONDS = 0.05
"""The pause after the last change before a document is linted again. Short enough that the
diagnostics of a 2,000-word article arrive within 100 ms of the last keystroke, long enough to
fold a burst of changes (a paste, an undo, a multi-cursor edit) into one lint."""

FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.newslint"
"""The kind of the "fix all" action, so editors can run it on save (``source.fixAll``)."""

LANGUAGE_SUFFIXES = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "text": ".txt"}
"""The file suffix that picks the reader for an editor's language id."""

CONFIG_NAMES = frozenset(name for name, _ in CONFIG_FILES)

_SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""One line with its line break, as LSP splits lines."""
_JOINED_KINDS = ("paragraph", "blockquote", "list_item", "heading", "headline")
"""The Markdown blocks a line of their own would split (see :attr:`Linted.joined`): a heading
underlined with "===" or "---" may run over several lines."""
_NEXT_LINE_COMMENT_RE = re.compile(r"<!--\s*newslint-disable-next-line\b.*?(?=\s*-->)", re.I)
_TEXT_ONLY_RE = re.compile(
    r"<!--.*?(?:-->|$)|<(title|textarea|script|style)\b[^<>]*>(.*?)(?:</\1\s*>|$)", re.I | re.S
)
"""HTML comments, and elements whose content (group 2) is text, where a comment is no comment."""


# ---- positions -----------------------------------------------------------------------------


class Positions:
    """Turns character offsets of one text into LSP positions and back.

    Lines are split where LSP splits them; a position's ``character`` counts code units of the
    negotiated encoding (``utf-16``: characters outside the Basic Multilingual Plane, such as
    most emoji, count two; ``utf-8``: bytes; ``utf-32``: characters).
    """

    __slots__ = ("_encoding", "_last", "_starts", "text")

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self._encoding = encoding
        self._starts = [0, *(m.end() for m in _LINE_BREAK_RE.finditer(text))]
        self._last = (0, 0)
        """The last offset converted and its ``character``, to count on from."""

    def _units(self, chars: str) -> int:
        if chars.isascii() or self._encoding == lsp.PositionEncodingKind.Utf32:
            return len(chars)
        if self._encoding == lsp.PositionEncodingKind.Utf8:
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)

    def line_of(self, offset: int) -> int:
        """The 0-based line of ``offset``."""
        return bisect.bisect_right(self._starts, offset) - 1

    def line_start(self, line: int) -> int:
        return self._starts[min(line, len(self._starts) - 1)]

    def line_text(self, line: int) -> str:
        """The text of 0-based ``line`` without its line break."""
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start, units = self._starts[line], 0
        # violations come in text order: counting on from the last offset on the same line keeps
        # a long line (minified HTML, a paste without line breaks) from being counted again for
        # each of its diagnostics
        last, last_units = self._last
        if start <= last <= offset:
            start, units = last, last_units
        units += self._units(self.text[start:offset])
        self._last = (offset, units)
        return lsp.Position(line, units)

    def range(self, span: Span) -> lsp.Range:
        return lsp.Range(self.position(span.start), self.position(span.end))

    def line_break(self) -> str:
        """The document's own line break, for inserted lines."""
        m = _LINE_BREAK_RE.search(self.text)
        return m.group() if m else "\n"


def _before(a: lsp.Position, b: lsp.Position) -> bool:
    """Whether ``a`` is at or before ``b``."""
    return (a.line, a.character) <= (b.line, b.character)


def _touches(a: lsp.Range, b: lsp.Range) -> bool:
    """Whether two ranges overlap. An empty range (a cursor, or a diagnostic at one point)
    counts anywhere inside the other, ends included; two ranges that only meet do not."""
    if a.start == a.end or b.start == b.end:
        return _before(a.start, b.end) and _before(b.start, a.end)
    return not _before(a.end, b.start) and not _before(b.end, a.start)


# ---- lint results --------------------------------------------------------------------------


@dataclass
class Linted:
    """The published outcome of one lint of one document version, kept for code actions."""

    text: str
    """The text that was linted; code actions are offered only while the document still has it."""
    positions: Positions
    format: str | None
    """The reader's name (``markdown``, ``html``, ``text``), or ``None`` when it did not parse."""
    pairs: list[tuple[lsp.Diagnostic, Violation]] = field(default_factory=list)
    """Each diagnostic with the violation it stands for."""
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    """Every diagnostic, including one for a failure that has no violation."""
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    """The registry's rules at the time of the lint, for hovers."""
    front_matter: Span | None = None
    """Where the front matter is, from the document's start (a byte-order mark, the opening
    fence) to the end of the closing fence's line: a comment there would break it, so no
    suppression goes there."""
    text_only: list[Span] = field(default_factory=list)
    """The content of each HTML element whose content is text (``<title>``, ``<script>``...):
    a comment written there would show as text, in a page's title."""
    joined: list[Span] = field(default_factory=list)
    """Each Markdown paragraph, quote and list item: a comment on a line of its own inside one
    would end it there and split it in two on the page."""


def _failure(positions: Positions, message: str) -> lsp.Diagnostic:
    """The one diagnostic that says a document could not be linted, over its first line."""
    end = positions.position(len(positions.line_text(0)))
    return lsp.Diagnostic(lsp.Range(lsp.Position(0, 0), end), message,
                          severity=lsp.DiagnosticSeverity.Error, code=INTERNAL_ERROR, source=SOURCE)


def _moved(v: Violation, by: int) -> Violation:
    """``v`` with its span and its suggestions' spans ``by`` characters further on."""

    def move(span: Span) -> Span:
        return Span(span.start + by, span.end + by)

    suggestions = [s if s.span is None else replace(s, span=move(s.span)) for s in v.suggestions]
    return replace(v, span=move(v.span), suggestions=suggestions)


def _stamp(path: Path | None) -> tuple[Path | None, tuple[int, int] | None]:
    """What identifies a version of a configuration file: its path, mtime and size."""
    return (path, file_version(path) if path is not None else None)


class Linter:
    """The engine side of the server: used from the single lint thread only."""

    def __init__(self, pm: PluginManager | None, load_error: str | None = None) -> None:
        self.pm = pm
        self.load_error = load_error
        self.session = Session(pm, Options()) if pm else None
        self._found: dict[Path, Path | None] = {}
        """The configuration file discovered for each folder linted since the last reset."""
        self._stamps: dict[Path, tuple[Path | None, tuple[int, int] | None]] = {}
        """The stamp of each configuration file the session has read."""
        self.thread: int | None = None
        """The lint thread's id, once it has linted."""
        self.busy = False
        """Whether a lint is running."""

    def reset(self) -> None:
        """Forget every cached configuration, so the next lint reads the files again."""
        if self.session is not None and self.pm is not None:
            try:
                self.session.finish()
            except Exception:  # a plugin's teardown must not take the server down
                logger.exception("newslint_unconfigure failed")
            self.session = Session(self.pm, Options())
        self._found.clear()
        self._stamps.clear()

    def _config(self, folder: Path) -> Config:
        """The configuration of ``folder``, re-read when its file appeared, went or changed."""
        assert self.session is not None
        folder = folder.resolve()
        found = Config.discover(folder)
        stamp = _stamp(found)
        appeared_or_went = self._found.get(folder, found) != found
        if appeared_or_went or (found is not None and self._stamps.get(found, stamp) != stamp):
            self.reset()
        config = self.session.config_for(folder)
        self._found[folder] = found
        if found is not None:
            self._stamps[found] = stamp
        return config

    def lint(self, file: Path, text: str, encoding: str) -> Linted:
        """Lint ``text`` as the article ``file``; never raises (but
        :class:`~newslint.deadline.Interrupted`, when the server exits meanwhile)."""
        self.thread = threading.get_ident()
        self.busy = True
        try:
            return self._lint(file, text, encoding)
        finally:
            self.busy = False

    def _lint(self, file: Path, text: str, encoding: str) -> Linted:
        positions = Positions(text, encoding)
        linted = Linted(text, positions, None)
        if self.session is None or self.pm is None:
            linted.diagnostics = [_failure(positions, f"newslint could not load its plugins: "
                                                      f"{self.load_error}")]
            return linted
        try:
            config = self._config(file.parent)
        except Exception as exc:  # a mistake in the file, or a plugin that fails as it loads
            # the session may keep a half-loaded configuration; start afresh, so the next lint
            # reports the same mistake until the file is fixed
            self.reset()
            why = str(exc) if isinstance(exc, (ConfigError, PluginError)) else \
                f"{type(exc).__name__}: {exc}"
            linted.diagnostics = [_failure(positions, f"newslint configuration error: {why}")]
            return linted
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > config.max_file_size:  # as newslint check refuses the file
            linted.diagnostics = [_failure(positions, (
                f"newslint cannot lint this document: it is {size_text(size)}, over the "
                f"{size_text(config.max_file_size)} limit (raise max-file-size in the "
                "configuration to lint it)"))]
            return linted
        if "\x00" in text:  # as newslint check refuses the file: the rules mark text with NUL
            linted.diagnostics = [_failure(positions, "newslint cannot lint this document: "
                                                      "it holds a NUL character")]
            return linted
        # a byte-order mark is left out as newslint check leaves it out, so the front matter or
        # headline behind it opens the article; the findings then move past it, where the
        # editor has them
        mark = len(BOM) if text.startswith(BOM) else 0
        try:
            result: FileResult = self.session.lint_source(str(file), file, text[mark:], config)
            rules = self.pm.registry.rules
        except Exception as exc:  # a plugin's hook, or the engine itself, crashed on this text
            logger.exception("linting %s crashed", file)
            linted.diagnostics = [_failure(positions, f"newslint crashed on this document: "
                                                      f"{type(exc).__name__}: {exc}")]
            return linted
        if result.error is not None or result.document is None:
            linted.diagnostics = [_failure(positions, f"newslint could not read this document: "
                                                      f"{result.error}")]
            return linted
        linted.format = result.document.format
        linted.rules = rules
        front = next((b.span for b in result.document.blocks if b.kind == "frontmatter"), None)
        if front is not None:
            # the front matter's text ends where the closing fence's line starts
            closing = positions.line_of(front.end + mark)
            linted.front_matter = Span(0, positions.line_start(closing)
                                       + len(positions.line_text(closing)))
        if linted.format == "markdown":
            headline = result.document.headline
            blocks = [*result.document.blocks, *([headline] if headline is not None else [])]
            linted.joined = [Span(b.span.start + mark, b.span.end + mark)
                             for b in blocks if b.kind in _JOINED_KINDS]
        if linted.format == "html":
            linted.text_only = [Span(*m.span(2)) for m in _TEXT_ONLY_RE.finditer(text) if m[1]]
        for v in result.violations:
            if mark:
                v = _moved(v, mark)
            diagnostic = lsp.Diagnostic(positions.range(v.span), v.message,
                                        severity=_SEVERITIES[v.severity], code=v.code,
                                        source=SOURCE)
            linted.pairs.append((diagnostic, v))
            linted.diagnostics.append(diagnostic)
        return linted


# ---- code actions --------------------------------------------------------------------------


def _edit(uri: str, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(changes={uri: edits})


def _suggestion_edit(linted: Linted, v: Violation, s: Suggestion) -> lsp.TextEdit:
    return lsp.TextEdit(linted.positions.range(s.span or v.span), s.replacement)


def _suggestion_title(linted: Linted, v: Violation, s: Suggestion) -> str:
    if s.title:
        return s.title
    span = s.span or v.span
    if not s.replacement:
        return f'Delete "{linted.text[span.start:span.end]}"'
    return f'Replace with "{s.replacement}"'


def _mark(pos: Positions, line: int) -> int:
    """The length of the byte-order mark that opens ``line``: newslint reads the text without
    it, so the first line's directive or indent starts behind it."""
    return len(BOM) if line == 0 and pos.text.startswith(BOM) else 0


def disable_edit(linted: Linted, v: Violation) -> lsp.TextEdit:
    """The edit that suppresses ``v`` on its line: a ``disable-next-line`` directive before it,
    on a line of its own or, inside a Markdown paragraph, at the end of the line above.

    When the nearest non-blank line above already is such a directive, the code is added to it,
    because a second directive in between would take that one's target line away.
    """
    pos = linted.positions
    line = pos.line_of(v.span.start)
    text_format = linted.format == "text"
    above = line - 1
    while above >= 0 and not pos.line_text(above).strip():
        above -= 1
    if above >= 0:
        mark = _mark(pos, above)
        previous = pos.line_text(above)[mark:]
        if text_format:
            m = DIRECTIVE_LINE_RE.match(previous)
            found = m.end() if m and m.group(1).lower() == "disable-next-line" else None
        else:
            m = _NEXT_LINE_COMMENT_RE.search(previous)
            found = m.end() if m else None
        if found is not None:
            at = pos.position(pos.line_start(above) + mark + found)
            return lsp.TextEdit(lsp.Range(at, at), f" {v.code}")
    if not text_format and line > 0:
        begins = pos.line_start(line)
        if any(block.start < begins <= block.end for block in linted.joined):
            # inside a paragraph the directive ends the line above, which keeps the paragraph
            # whole, before its hard break (trailing spaces or a backslash) if it has one
            previous = pos.line_text(line - 1)
            body = previous.rstrip(" \t")
            end = len(body) - 1 if body.endswith("\\") else len(body)
            at = pos.position(pos.line_start(line - 1) + end)
            return lsp.TextEdit(lsp.Range(at, at),
                                f" <!-- newslint-disable-next-line {v.code} -->")
    # after a byte-order mark, which must stay the first character: before the line it opens,
    # it would hide the heading behind it
    mark = _mark(pos, line)
    current = pos.line_text(line)[mark:]
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    directive = (f"newslint: disable-next-line {v.code}" if text_format
                 else f"<!-- newslint-disable-next-line {v.code} -->")
    start = pos.position(pos.line_start(line) + mark)
    return lsp.TextEdit(lsp.Range(start, start), f"{indent}{directive}{pos.line_break()}")


def _can_disable(linted: Linted, v: Violation) -> bool:
    """Whether a directive put where :func:`disable_edit` puts it turns ``v`` off, and breaks
    nothing."""
    if v.code == INTERNAL_ERROR:
        return False
    front = linted.front_matter
    if front is not None and v.span.start <= front.end:
        return False
    # a finding on the whole article (no headline, a plugin's service out of reach) is at its
    # very start with no extent: a comment put before it does not move it, so none can reach
    # it, nor can a file-level disable, which acts only after itself
    start = len(BOM) if linted.text.startswith(BOM) else 0
    if v.span.start == v.span.end == start:
        return False
    # where the directive goes
    at = linted.positions.line_start(linted.positions.line_of(v.span.start))
    return not any(inside.start < at <= inside.end for inside in linted.text_only)


def safe_fix_edits(linted: Linted) -> list[lsp.TextEdit]:
    """The safe fixes of the document that do not overlap, chosen from the end backwards
    (as ``--fix`` applies them), so that each fix lands on the text its rule saw."""
    fixes: list[tuple[Span, Violation, Suggestion]] = []
    for _, v in linted.pairs:
        fix = v.fix()
        if fix is not None:
            fixes.append((fix.span or v.span, v, fix))
    fixes.sort(key=lambda f: (f[0].start, f[0].end), reverse=True)
    edits: list[lsp.TextEdit] = []
    limit = len(linted.text)
    for span, v, fix in fixes:
        if span.end <= limit:
            edits.append(_suggestion_edit(linted, v, fix))
            limit = span.start
    edits.reverse()
    return edits


def code_actions(uri: str, linted: Linted, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """Quick fixes and suppressions for the diagnostics under the requested range, and the
    document's "fix all safe fixes" action."""
    only = params.context.only
    actions: list[lsp.CodeAction] = []
    for diagnostic, v in linted.pairs:
        if not _touches(diagnostic.range, params.range):
            continue
        for s in v.suggestions:
            actions.append(lsp.CodeAction(
                _suggestion_title(linted, v, s), kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=s.safe or None,
                edit=_edit(uri, [_suggestion_edit(linted, v, s)])))
        if _can_disable(linted, v):
            actions.append(lsp.CodeAction(
                f"Disable {v.code} for this line", kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], edit=_edit(uri, [disable_edit(linted, v)])))
    fixes = safe_fix_edits(linted)
    if fixes:
        actions.append(lsp.CodeAction(
            f"Fix all safe fixes in this document ({len(fixes)})", kind=FIX_ALL_KIND,
            edit=_edit(uri, fixes)))
    if only:
        # a kind is wanted when it is one of the requested kinds or a sub-kind of one
        actions = [a for a in actions
                   if any(a.kind == k or str(a.kind).startswith(f"{k}.") for k in only)]
    return actions


def hover(linted: Linted, position: lsp.Position) -> lsp.Hover | None:
    """The explanation of every rule with a diagnostic under ``position``, in Markdown."""
    parts: list[str] = []
    first: lsp.Range | None = None
    for diagnostic, v in linted.pairs:
        r = diagnostic.range
        if not (_before(r.start, position) and _before(position, r.end)):
            continue
        first = first or r
        rule = linted.rules.get(v.code)
        header = f"**{v.code}** `{v.rule}`: {v.message}"
        parts.append(f"{header}\n\n{rule.explanation()}" if rule else header)
    if not parts:
        return None
    content = lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts))
    return lsp.Hover(content, range=first)


# ---- the server ----------------------------------------------------------------------------


class _TextDocument(TextDocument):
    """pygls's document, with LSP's lines. pygls splits them with ``str.splitlines()``, which
    also breaks at U+2028, U+2029, form feeds and other characters that LSP leaves inside a line,
    so an incremental change after one of them landed on the wrong line. Every conversion between
    positions and offsets goes through :attr:`lines`."""

    @property
    def lines(self) -> Sequence[str]:
        return tuple(_LINE_RE.findall(self.source))

    def _apply_incremental_change(self, change: lsp.TextDocumentContentChangePartial) -> None:
        # LSP: a character past the end of its line means the end of the line; pygls takes it
        # as one character before the end, so on a last line without a line break the line's
        # last character stayed in the document
        lines = self.lines
        units = self._position_codec.client_num_units

        def clamp(pos: lsp.Position) -> lsp.Position:
            if pos.line >= len(lines):
                return pos
            return lsp.Position(pos.line, min(pos.character, units(lines[pos.line].rstrip("\r\n"))))

        rng = lsp.Range(clamp(change.range.start), clamp(change.range.end))
        super()._apply_incremental_change(lsp.TextDocumentContentChangePartial(
            range=rng, text=change.text, range_length=change.range_length))


class _Workspace(Workspace):
    """pygls's workspace, whose documents are :class:`_TextDocument`."""

    def _create_text_document(self, doc_uri: str, source: str | None = None,
                              version: int | None = None,
                              language_id: str | None = None) -> TextDocument:
        return _TextDocument(doc_uri, source=source, version=version, language_id=language_id,
                             sync_kind=self._sync_kind, position_codec=self.position_codec)


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, with a workspace that splits lines as LSP does (:class:`_Workspace`),
    that answers a request after ``shutdown`` with an error instead of leaving it unanswered,
    and without its leak: pygls 2.1 files the future of every notification handler it runs
    (``didOpen``, ``didChange``, ``didClose``...) under a fresh id and never takes it out again,
    so a long editing session grew by a future per keystroke."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams
                       ) -> Generator[Any, Any, lsp.InitializeResult]:
        result = yield from super().lsp_initialize(params)
        # pygls builds its own Workspace here, with no way to pass another class; no document
        # can have been opened before the reply, so the swap loses nothing
        ws = self.workspace
        self._workspace = _Workspace(ws.root_uri, self._server._text_document_sync_kind,
                                     list(ws.folders.values()), ws.position_encoding)
        return result

    def handle_message(self, message: Any) -> None:
        # LSP: a request after shutdown errors with InvalidRequest; pygls left it unanswered
        if self._shutdown and isinstance(message, RPCRequest):
            self._send_response(message.id, error=JsonRpcInvalidRequest(
                message="the server is shutting down").to_response_error())
            return
        super().handle_message(message)

    def _execute_handler(self, msg_id: Any, handler: Any, callback: Any,
                         args: Any = None, kwargs: Any = None) -> None:
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(lambda done: self._forget(msg_id, done))

    def _forget(self, msg_id: Any, done: Any) -> None:
        if self._request_futures.get(msg_id) is done:
            del self._request_futures[msg_id]


class NewslintServer(LanguageServer):
    """The language server: document bookkeeping on the event loop, linting on one thread."""

    def __init__(self, pm: PluginManager | None, load_error: str | None = None,
                 debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__("newslint", __version__, protocol_cls=_Protocol)
        self.linter = Linter(pm, load_error)
        self.debounce = debounce
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self.languages: dict[str, str] = {}
        """Language id of every open document we lint, by URI."""
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.shut_down = False
        """Whether the client asked for ``shutdown`` (the exit status is 1 otherwise)."""

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)

    def wants(self, uri: str, language_id: str) -> bool:
        """Whether a document is an article: by language id, else by its file suffix."""
        if language_id in LANGUAGE_SUFFIXES:
            return True
        suffix = Path(to_fs_path(uri) or uri).suffix.lower()
        return self.linter.pm is not None and suffix in self.linter.pm.readers

    def file_for(self, uri: str, language_id: str) -> Path:
        """The path the engine lints a document as: its own path, or (for an unsaved buffer,
        or a file whose suffix does not say its format) one whose suffix names the language."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        file = Path(path) if path else Path.cwd() / "untitled"
        suffix = LANGUAGE_SUFFIXES.get(language_id)
        readers = self.linter.pm.readers if self.linter.pm is not None else {}
        if suffix and file.suffix.lower() not in readers:
            file = file.with_name(file.name + suffix)
        return file

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint that is not finished yet."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint(uri, delay))

    async def _lint(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        language = self.languages.get(uri)
        if language is None:
            return
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        file = self.file_for(uri, language)
        linted = await asyncio.get_running_loop().run_in_executor(
            self.executor, self.linter.lint, file, text, self.encoding)
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        if uri not in self.languages or self.workspace.get_text_document(uri).source != text:
            return  # closed or changed meanwhile: the lint scheduled by that change publishes
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri, linted.diagnostics, version=version))

    def relint_all(self) -> None:
        """Lint every open document again, after a configuration change."""
        self.executor.submit(self.linter.reset)
        for uri in list(self.languages):
            self.schedule(uri)

    def current(self, uri: str) -> Linted | None:
        """The last published lint of ``uri`` if the document still has the text it was run on
        (otherwise its ranges may point at the wrong text)."""
        linted = self.linted.get(uri)
        if linted is None or uri not in self.languages:
            return None
        if self.workspace.get_text_document(uri).source != linted.text:
            return None
        return linted


def create_server(pm: PluginManager | None = None, load_error: str | None = None,
                  debounce: float = DEBOUNCE_SECONDS) -> NewslintServer:
    """A server with every feature registered; ``pm`` defaults to the plugins ``check`` loads."""
    if pm is None and load_error is None:
        try:
            pm = get_plugin_manager()
        except PluginError as exc:
            load_error = str(exc)
    server = NewslintServer(pm, load_error, debounce)

    @server.feature(lsp.INITIALIZED)
    async def initialized(params: lsp.InitializedParams) -> None:
        watch = server.client_capabilities.workspace
        dynamic = watch and watch.did_change_watched_files and \
            watch.did_change_watched_files.dynamic_registration
        if not dynamic:
            return
        watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}")
                    for name in sorted(CONFIG_NAMES)]
        registration = lsp.Registration(
            "newslint-config-files", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
        try:
            await asyncio.wait_for(server.client_register_capability_async(
                lsp.RegistrationParams([registration])), timeout=10)
        except Exception as exc:  # the mtime check before each lint still catches changes
            logger.warning("could not register the configuration file watcher: %s", exc)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(params: None) -> None:
        server.shut_down = True

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        if server.wants(doc.uri, doc.language_id):
            server.languages[doc.uri] = doc.language_id
            server.schedule(doc.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in server.languages:
            server.schedule(params.text_document.uri, server.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(to_fs_path(uri) or uri).name in CONFIG_NAMES:
            server.relint_all()
        elif uri in server.languages:
            server.schedule(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = server.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        server.linted.pop(uri, None)
        if server.languages.pop(uri, None) is not None:
            server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(Path(to_fs_path(c.uri) or c.uri).name in CONFIG_NAMES for c in params.changes):
            server.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    def code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        linted = server.current(params.text_document.uri)
        return code_actions(params.text_document.uri, linted, params) if linted else None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(params: lsp.HoverParams) -> lsp.Hover | None:
        linted = server.current(params.text_document.uri)
        return hover(linted, params.position) if linted else None

    return server


def serve(**kwargs: Any) -> None:
    """Run the server on standard input and output until the client says exit.

    The exit status is 1 when the client did not ask for ``shutdown`` first, as LSP says (pygls
    swallows the status it exits with)."""
    logging.basicConfig(level=logging.WARNING, format="newslint lsp: %(levelname)s: %(message)s")
    server = create_server(**kwargs)
    try:
        server.start_io()
    finally:
        server.executor.shutdown(wait=False, cancel_futures=True)
        linter = server.linter
        if linter.busy and linter.thread is not None:
            # the interpreter waits for the lint thread as it ends: stop the lint, which could
            # otherwise run on for as long as rule-timeout allows
            deadline.interrupt(linter.thread)
    if not server.shut_down:
        sys.exit(1)
