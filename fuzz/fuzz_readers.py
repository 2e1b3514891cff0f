"""Coverage-guided fuzzing of the readers and the document model, with atheris (libFuzzer).

Each input is decoded as UTF-8 (bad bytes replaced, as a reader never sees undecodable text) and
handed to every built-in reader, so a seed article exercises all three. A reader may refuse the
text only with :class:`ReadError`; the document it builds must keep every span inside the
source, map every offset to a valid line and column, and build its sentences, tokens, quotes and
people without raising. Any other exception is a crash that libFuzzer records.

    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=1800

With no corpus folder among the arguments, ``fuzz/corpus/`` is used, seeded on first run from the
development articles (``../shared/data/news-dev/``, or ``NEWSLINT_FUZZ_SEEDS``). Further
arguments go to libFuzzer (``-help=1`` lists them).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["newslint", "markdown_it"]):
    from newslint.document import Document, Span
    from newslint.readers.base import Reader, ReadError
    from newslint.readers.html import HtmlReader
    from newslint.readers.markdown import MarkdownReader
    from newslint.readers.text import TextReader

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SEEDS = Path(os.environ.get("NEWSLINT_FUZZ_SEEDS", HERE.parent.parent / "shared/data/news-dev"))
MAX_LEN = 65536  # the largest development article is about 11 kB; leave room to grow
READERS: tuple[Reader, ...] = (TextReader(), MarkdownReader(), HtmlReader())
SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt")


def check_span(doc: Document, span: Span, what: str) -> None:
    n = len(doc.source)
    if not 0 <= span.start <= span.end <= n:
        raise AssertionError(f"{doc.format}: {what} span {span} outside a {n}-character source")
    for offset in (span.start, span.end):
        pos = doc.position(offset)
        line = doc.lines.line_span(pos.line)
        # column <= line length + 1 (the end of a line, before its break)
        if pos.line < 1 or not 1 <= pos.column <= (line.end - line.start) + 2:
            raise AssertionError(f"{doc.format}: {what} offset {offset} maps to {pos}")


def check_document(doc: Document) -> None:
    for block in ([doc.headline] if doc.headline else []) + doc.blocks:
        check_span(doc, block.span, f"{block.kind} block")
        for sentence in block.sentences:
            check_span(doc, sentence.span, "sentence")
            for token in sentence.tokens:
                check_span(doc, token.span, f"token {token.text!r}")
    for quote in doc.quotes:
        check_span(doc, quote.span, "quote")
    doc.people  # noqa: B018 - built lazily; building it is what is tested


def TestOneInput(data: bytes) -> None:  # the name atheris looks for
    text = data.decode("utf-8", "replace")
    for reader in READERS:
        try:
            doc = reader.read("fuzz", text)
        except ReadError:
            continue  # the one way a reader may refuse text (bad front matter)
        if doc.source != text:
            raise AssertionError(f"{reader.name} rewrote the source")
        check_document(doc)


def seed_corpus() -> None:
    """Copy the development articles into an empty corpus, so fuzzing starts from real copy."""
    CORPUS.mkdir(exist_ok=True)
    if any(CORPUS.iterdir()) or not SEEDS.is_dir():
        return
    for article in sorted(SEEDS.iterdir()):
        if article.suffix in SUFFIXES:
            shutil.copy(article, CORPUS / article.name)


def main() -> None:
    args = list(sys.argv)
    # no corpus folder and no input files to replay: fuzz from the seeded corpus
    if not any(not a.startswith("-") for a in args[1:]):
        seed_corpus()
        args.append(str(CORPUS))
    if not any(a.startswith("-max_len=") for a in args):
        args.append(f"-max_len={MAX_LEN}")
    atheris.Setup(args, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
