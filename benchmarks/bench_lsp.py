"""Latency and memory of ``newslint lsp``, driven over stdio as an editor drives it.

The article is about 2,000 words of real news copy: the development articles' paragraphs, in
file order, under one headline. The script starts ``newslint lsp`` with pygls's client, opens the
article (so the rules and their data are loaded and warm), then:

* latency: makes ``--changes`` small edits, one at a time, as incremental ``didChange``
  notifications (a word typed at the end of a paragraph, then deleted), and times each from the
  moment the change is written to the moment the diagnostics of that version arrive; the server's
  debounce pause is part of the figure, as it is for a person typing;
* memory: runs ``--cycles`` open/change/close cycles of the same article under a new URI each time
  and reads the server's resident set size (``VmRSS`` in ``/proc``, so Linux only) after the
  first 50 and after the last.

    python benchmarks/bench_lsp.py                      # every default rule
    python benchmarks/bench_lsp.py --select ST,HL,QT    # only these families
    python benchmarks/bench_lsp.py --changes 50 --cycles 500

It looks for the shared data in ../shared/data (beside the checkout) unless --data is given.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import bytecode_cache
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120.0
"""Seconds one exchange may take before the benchmark gives up (the server is then killed)."""


def build_article(news: Path, words: int) -> str:
    """A Markdown article of at least ``words`` words: one headline, then the body paragraphs of
    the development articles in file order."""
    paragraphs: list[str] = []
    count = 0
    for file in sorted(news.glob("*.md")):
        for block in file.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            if not block or block.startswith("#"):
                continue
            paragraphs.append(block)
            count += len(block.split())
            if count >= words:
                return "# Ferry service returns to the island after storm\n\n" + \
                    "\n\n".join(paragraphs) + "\n"
    raise SystemExit(f"only {count} words of articles in {news}")


class Client(LanguageClient):
    """pygls's client, handing each ``publishDiagnostics`` to whoever waits for it."""

    def __init__(self) -> None:
        super().__init__("bench-lsp", "1.0")
        self.waiting: dict[tuple[str, int | None], asyncio.Future[float]] = {}

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            future = self.waiting.pop((params.uri, params.version), None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    def expect(self, uri: str, version: int | None) -> asyncio.Future[float]:
        """A future that gets the arrival time of the diagnostics of ``uri`` at ``version``."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[(uri, version)] = future
        return future


def rss_kib(pid: int) -> int:
    """The resident set size of process ``pid`` in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc")


def units(text: str) -> int:
    """Length in UTF-16 code units (LSP's default position encoding)."""
    return len(text.encode("utf-16-le")) // 2


async def open_doc(client: Client, uri: str, text: str) -> None:
    arrived = client.expect(uri, 1)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await asyncio.wait_for(arrived, TIMEOUT)


async def edit(client: Client, uri: str, version: int, at: lsp.Position, delete: int,
               insert: str) -> float:
    """Send one incremental change and return the seconds until its diagnostics arrived."""
    end = lsp.Position(at.line, at.character + delete)
    arrived = client.expect(uri, version)
    sent = time.perf_counter()
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangePartial(range=lsp.Range(at, end), text=insert)]))
    return await asyncio.wait_for(arrived, TIMEOUT) - sent


async def run(args: argparse.Namespace) -> None:
    text = build_article(args.data / "news-dev", args.words)
    lines = text.split("\n")
    # edit the end of a paragraph near the middle, as a reporter revising copy would
    line = next(i for i in range(len(lines) // 2, len(lines)) if len(lines[i]) > 40)
    at = lsp.Position(line, units(lines[line]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = "# the defaults\n" if not args.select else \
            "select = [" + ", ".join(f'"{c.strip()}"' for c in args.select.split(",")) + "]\n"
        (folder / ".newslint.toml").write_text(config, encoding="utf-8")
        client = Client()
        env = {**os.environ, "NEWSLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
        await client.start_io(sys.executable, "-m", "newslint", "lsp", cwd=tmp, env=env)
        server = client._server
        assert server is not None
        try:
            await asyncio.wait_for(client.initialize_async(lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(), root_uri=folder.as_uri(),
                process_id=os.getpid())), TIMEOUT)
            client.initialized(lsp.InitializedParams())

            uri = (folder / "article.md").as_uri()
            start = time.perf_counter()
            await open_doc(client, uri, text)
            print(f"article: {len(text.split())} words, {len(text)} characters; "
                  f"rules: {args.select or 'every default rule'}; "
                  f"first diagnostics after open: {(time.perf_counter() - start) * 1000:.0f} ms")

            latencies = []
            version = 1
            for i in range(args.changes + 5):  # the first five warm up and are not counted
                version += 1
                typed = i % 2 == 0
                seconds = await edit(client, uri, version, at, 0 if typed else 6,
                                     " again" if typed else "")
                if i >= 5:
                    latencies.append(seconds * 1000)
            latencies.sort()
            p95 = latencies[min(len(latencies) - 1, round(0.95 * len(latencies)) - 1)]
            print(f"last didChange -> publishDiagnostics over {len(latencies)} changes: "
                  f"median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
                  f"min {latencies[0]:.1f} ms, max {latencies[-1]:.1f} ms")
            client.text_document_did_close(lsp.DidCloseTextDocumentParams(
                lsp.TextDocumentIdentifier(uri)))

            marks: dict[int, int] = {}
            cycle_start = time.perf_counter()
            for n in range(1, args.cycles + 1):
                cycle_uri = (folder / f"cycle-{n}.md").as_uri()
                await open_doc(client, cycle_uri, text)
                await edit(client, cycle_uri, 2, at, 0, " again")
                cleared = client.expect(cycle_uri, None)
                client.text_document_did_close(lsp.DidCloseTextDocumentParams(
                    lsp.TextDocumentIdentifier(cycle_uri)))
                await asyncio.wait_for(cleared, TIMEOUT)
                if n == 50 or n == args.cycles or n % 100 == 0:
                    marks[n] = rss_kib(server.pid)
            took = time.perf_counter() - cycle_start
            trail = ", ".join(f"{n}: {kib / 1024:.1f} MiB" for n, kib in sorted(marks.items()))
            if marks:
                print(f"server RSS after open/change/close cycles ({took:.0f} s): {trail}")
            if 50 in marks and args.cycles in marks:
                growth = (marks[args.cycles] - marks[50]) / marks[50] * 100
                print(f"growth from 50 to {args.cycles} cycles: {growth:+.1f}% "
                      f"(goal: within 10%)")

            await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
            client.exit(None)
            await asyncio.wait_for(client.stop(), TIMEOUT)
        finally:
            if server.returncode is None:
                server.kill()
                await server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--words", type=int, default=2000, help="article length (default 2000)")
    parser.add_argument("--changes", type=int, default=50, help="timed changes (default 50)")
    parser.add_argument("--cycles", type=int, default=500,
                        help="open/change/close cycles for the memory figure (default 500)")
    parser.add_argument("--select", default="",
                        help="comma-separated rule codes or prefixes (default: the defaults)")
    args = parser.parse_args()
    bytecode_cache.refresh()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
