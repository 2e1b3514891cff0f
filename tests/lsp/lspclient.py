"""A real LSP client (pygls's) that drives ``newslint lsp`` in a child process over stdio.

Every wait has a timeout and the server process is always shut down (killed if it does not exit),
so a broken server fails a test instead of hanging the run.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

TIMEOUT = 30.0
"""Seconds any one exchange may take; generous, because CI machines are shared and slow."""


@dataclass
class Published:
    uri: str
    version: int | None
    diagnostics: list[lsp.Diagnostic]


class Client(LanguageClient):
    """pygls's language client, recording every ``publishDiagnostics``."""

    def __init__(self) -> None:
        super().__init__("newslint-tests", "1.0")
        self.published: list[Published] = []
        self.registrations: list[lsp.Registration] = []
        self._arrived = asyncio.Event()
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.append(Published(params.uri, params.version, list(params.diagnostics)))
            self._arrived.set()

        @self.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: lsp.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    def mark(self) -> int:
        """A bookmark in the notifications, for :meth:`diagnostics` to wait for later ones."""
        return len(self.published)

    async def diagnostics(self, uri: str, since: int = 0,
                          version: int | None = None) -> list[lsp.Diagnostic]:
        """The first diagnostics published for ``uri`` after bookmark ``since`` (for ``version``
        when given), waiting for them if need be."""

        async def find() -> list[lsp.Diagnostic]:
            while True:
                for p in self.published[since:]:
                    if p.uri == uri and (version is None or p.version == version):
                        return p.diagnostics
                self._arrived.clear()
                await self._arrived.wait()

        return await asyncio.wait_for(find(), TIMEOUT)

    # ---- documents -----------------------------------------------------------------------

    def open(self, uri: str, text: str, language: str = "markdown") -> None:
        self.texts[uri], self.versions[uri] = text, 1
        self.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    def replace(self, uri: str, text: str) -> int:
        """Send the whole new text (full sync) and return the new version."""
        self.texts[uri] = text
        self.versions[uri] += 1
        self.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def edit(self, uri: str, rng: lsp.Range, text: str) -> int:
        """Send one incremental change, as editors do for each keystroke, and return the new
        version."""
        self.texts[uri] = apply_edits(self.texts[uri], [lsp.TextEdit(rng, text)])
        self.versions[uri] += 1
        self.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [lsp.TextDocumentContentChangePartial(range=rng, text=text)]))
        return self.versions[uri]

    def apply(self, uri: str, edit: lsp.WorkspaceEdit) -> int:
        """Apply a workspace edit to our copy of ``uri`` as an editor would, then send it."""
        assert edit.changes is not None
        return self.replace(uri, apply_edits(self.texts[uri], edit.changes[uri]))

    async def request(self, coro: Awaitable[Any]) -> Any:
        return await asyncio.wait_for(coro, TIMEOUT)

    async def code_actions(self, uri: str, rng: lsp.Range,
                           only: list[str] | None = None) -> list[lsp.CodeAction]:
        result = await self.request(self.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), rng, lsp.CodeActionContext([], only=only))))
        return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


def utf16_offset(line: str, units: int) -> int:
    """The character index in ``line`` of a UTF-16 code unit offset."""
    count = 0
    for i, c in enumerate(line):
        if count >= units:
            return i
        count += 2 if ord(c) > 0xFFFF else 1
    return len(line)


def offset_of(text: str, pos: lsp.Position) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: pos.line]) + utf16_offset(lines[pos.line], pos.character)


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply non-overlapping edits, all given against ``text``, from the end backwards."""
    spans = sorted(((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text)
                    for e in edits), key=lambda s: (s[0], s[1]), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def range_text(text: str, rng: lsp.Range) -> str:
    return text[offset_of(text, rng.start) : offset_of(text, rng.end)]


Scenario = Callable[[Client, lsp.InitializeResult], Awaitable[None]]


async def session(scenario: Scenario, capabilities: lsp.ClientCapabilities, cwd: Path) -> None:
    client = Client()
    # outside plugins installed in the environment must not change what the tests see
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env["NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    await client.start_io(sys.executable, "-m", "newslint", "lsp", cwd=str(cwd), env=env)
    try:
        result = await client.request(client.initialize_async(lsp.InitializeParams(
            capabilities=capabilities, root_uri=cwd.as_uri(), process_id=os.getpid())))
        client.initialized(lsp.InitializedParams())
        await scenario(client, result)
        await client.request(client.shutdown_async(None))
        client.exit(None)
        await asyncio.wait_for(client.stop(), TIMEOUT)
        assert client._server is not None
        status = await asyncio.wait_for(client._server.wait(), TIMEOUT)
        assert status == 0, "the server exits cleanly after shutdown and exit"
    finally:
        server = client._server
        if server is not None and server.returncode is None:
            server.kill()
            await server.wait()
