"""``--input-format jsonl``: linting an export of articles, one JSON object a line, as a stream.

An archive (``.jsonl``, gzip-compressed or not, or ``-`` for standard input; a folder stands
for those in it) is read a line at a time and each line is linted as one article, reported
under its id. Memory stays bounded however many articles the archive holds:

- lines are read lazily and linted in chunks of :data:`CHUNK` articles, at most
  :data:`WINDOW_PER_WORKER` chunks per worker in flight, so only those are ever in memory;
- a finished article keeps no parsed document: its violations and source go to a
  :class:`~newslint.spool.ResultSpool` (a temporary file), which stands in for
  ``Session.results``, so reporters that print at the end (``json``, ``sarif``,
  ``--statistics``) and the exit status read the run back from disk one article at a time.

With ``--jobs N`` the chunks go to the worker processes of :mod:`newslint.parallel` (forked
workers share the main process's session and word lists); workers parse the JSON, so the main
process only decompresses and splits lines. With ``--executor dask`` they go to a Dask cluster
(:mod:`newslint.distributed`). Results come back in archive order either way.

The article's path, for the reader and for ``[[overrides]]`` globs, is its id plus the suffix of
its format, in the archive's folder; its configuration is the archive folder's.
"""

from __future__ import annotations

import errno
import gzip
import html
import io
import json
import os
import re
import sys
import zlib
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from newslint import parallel
from newslint.config import printable
from newslint.document import BOM, ArticleId
from newslint.engine import STDIN, FileResult, Session, first_time, size_text
from newslint.parallel import LightResult
from newslint.readers.html import HtmlReader, headline_place
from newslint.readers.markdown import split_front_matter
from newslint.readers.text import DIRECTIVE_LINE_RE
from newslint.spool import ResultSpool

CHUNK = 32
"""Articles per task: large enough that a task outweighs sending it, small enough to stay light."""
WINDOW_PER_WORKER = 4
"""Chunks in flight per worker, so workers never wait on the main process and memory is bounded."""

FORMATS = {"markdown": ".md", "md": ".md", "html": ".html", "htm": ".html", "text": ".txt",
           "txt": ".txt", "plain": ".txt"}
"""Values of ``--format-hint`` and of a ``--format-field``, with the suffix that picks a reader."""


@dataclass(frozen=True)
class Fields:
    """Where an article's parts are in each JSON object."""

    text: str = "text"
    id: str = "id"
    title: str | None = None
    """The headline's field; the headline is put before the text (see :func:`with_headline`)."""
    format: str | None = None
    """A field naming each article's format (``markdown``, ``html``, ``text``)."""
    hint: str | None = None
    """The format of every article without a format field; ``None``: recognised from the text."""


Line = tuple[int, bytes | str]
"""A line of the archive with its 1-based number, for error messages; a ``str`` in place of the
bytes is why the archive could not be read on from there (see :func:`lines`)."""


# ---- reading -------------------------------------------------------------------------------


def open_archive(name: str) -> IO[bytes]:
    """The archive's bytes, decompressed when it starts like gzip (whatever its name)."""
    stdin = name == STDIN
    if stdin and sys.stdin is None:  # the process was started with standard input closed
        raise OSError(errno.EBADF, "standard input is closed")
    raw: IO[bytes] = sys.stdin.buffer if stdin else open(name, "rb")
    head = raw.peek(2)[:2] if isinstance(raw, io.BufferedReader) else b""
    if head != b"\x1f\x8b":
        return raw
    if stdin:
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    raw.close()  # a GzipFile given a file object would leave it open
    return gzip.open(name, "rb")  # type: ignore[return-value]


def lines(stream: IO[bytes]) -> Iterator[Line]:
    """The archive's non-blank lines, numbered. A corrupt or truncated gzip archive ends them
    with ``(number, reason)``, which :func:`lint_line` reports as the archive's error."""
    number = 0
    found = False
    try:
        for number, line in enumerate(stream, 1):
            if number == 1 and line.startswith((b"\xff\xfe", b"\xfe\xff")):
                # one error for the archive, not one for each of its (maybe millions of) lines
                yield 1, "the archive is UTF-16 text; JSON lines must be UTF-8 (re-encode it)"
                return
            if number == 1:  # a byte-order mark opens the file, not its first record
                line = line.removeprefix(BOM.encode())
            # not strip(): a copy of a line that may be megabytes; a line of only a byte-order
            # mark is empty once it is dropped, and not isspace()
            if line and not line.isspace():
                if not found and (why := _no_json_lines(line)) is not None:
                    # one error for the file, not one for each of its lines
                    yield number, f"not a JSON-lines archive: line {number} {why}"
                    return
                found = True
                yield number, line
    except (OSError, EOFError, zlib.error) as exc:
        yield number + 1, f"line {number + 1}: cannot read the archive from here on: {exc}"
        return
    if not found:  # as a folder with no articles is an error, not a clean run
        yield number, "no articles: the archive has no line of JSON"


ONE_OBJECT_A_LINE = "where each line must be one article's object (jq -c '.[]' writes it so)"
"""What an export written as one JSON array, on one line or many, should have been."""


def _no_json_lines(first: bytes) -> str | None:
    """Why a file whose first line is ``first`` is no JSON-lines archive, or ``None``. A record
    opens its line with ``{``, and one cut short is an error of its own, the rest being read;
    a first line that neither opens so nor is JSON is the start of a JSON document written over
    many lines (an export made with ``json.dump(indent=2)``) or of no JSON at all (an article
    named beside the archive), every line of which would be an error."""
    head = first.strip()
    if head.startswith(b"{"):
        return None
    try:
        json.loads(head)
        return None  # a JSON value, though no object: that line's error
    except RecursionError:
        return None  # JSON nested too deeply: that line's error too
    except ValueError:  # JSONDecodeError, and UnicodeDecodeError for bytes that are no UTF-8
        pass
    if head.startswith(b"["):
        return f"opens a JSON array written over many lines, {ONE_OBJECT_A_LINE}"
    return "is no JSON (an article? lint it without --input-format jsonl)"


_MARKDOWN_HEADLINE = re.compile(
    r"[ \t]{0,3}#[ \t]+(?P<atx>[^\r\n]*?)(?:[ \t]+#+)?[ \t]*(?:\r?\n|$)"
    r"|(?P<setext>[^\r\n]+)\r?\n[ \t]{0,3}=+[ \t]*(?:\r?\n|$)"
)
_HTML_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a character outside the BMP, which JSON can escape (``"\\ud83d"``, from an export
that cut a string short): no character, so no report could be written with it."""
_MARKDOWN_MARKUP = re.compile(r"[\\`*_\[\]<>&~#]")
"""What makes markup in a heading's text: emphasis, code, links, HTML (and comments, so
suppressions), entities, strikethrough and a closing ``#`` sequence."""


def _same(written: str, title: str) -> bool:
    return " ".join(written.split()) == title


def with_headline(text: str, title: str, suffix: str) -> str:
    """``text`` with ``title`` as its headline: an H1 in Markdown (after any front matter) and
    HTML, the first line in plain text. Unchanged when the text already opens with that
    headline, however written (exports often repeat it), so the headline is not reported as
    repeated in the body. Line numbers in the report count the added headline and the blank
    line after it."""
    title = " ".join(title.split())
    if suffix == ".md":
        front = split_front_matter(text)
        cut = min(front[3] + 1, len(text)) if front else 0  # past the closing fence's line
        body = text[cut:].lstrip()
        m = _MARKDOWN_HEADLINE.match(body)
        if m and _same(m["atx"] if m["atx"] is not None else m["setext"], title):
            return text
        # the title is data: escaped, it can neither make markup nor switch rules off
        escaped = _MARKDOWN_MARKUP.sub(lambda m: "\\" + m[0], title)
        return f"{text[:cut]}# {escaped}\n\n{text[cut:]}"
    if suffix == ".html":
        m = _HTML_H1.search(text)
        if m and _same(html.unescape(_TAG.sub("", m[1])), title):
            # read to be sure: an <h1> in a comment, a script, a <nav> or outside the page's
            # <article> is none the reader takes, and the title would be lost
            headline = HtmlReader().read("", text).headline
            if headline is not None and _same(headline.text, title):
                return text
        at = headline_place(text)
        return f"{text[:at]}<h1>{html.escape(title, quote=False)}</h1>\n{text[at:]}"
    head = text.lstrip().splitlines()[0] if text.strip() else ""
    if _same(head, title):
        return text
    if DIRECTIVE_LINE_RE.match(title):
        # a suppression line would switch rules off: a word joiner after "newslint", which
        # does not show, keeps the title a headline
        title = f"{title[:8]}\u2060{title[8:]}"
    return f"{title}\n\n{text}"


def _json_kind(value: object) -> str:
    """What a JSON value that is no string is, in JSON's words."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return "a number"
    return "an array" if isinstance(value, list) else "an object"


@dataclass(frozen=True)
class Article:
    """One line of an archive, read as an article."""

    name: ArticleId
    """Its id (or ``ARCHIVE:LINE`` when it has none), reported as its path."""
    path: Path
    """Its name with its format's suffix, which picks the reader, in the archive's folder."""
    text: str
    """The article, its headline put before the text (see :func:`with_headline`)."""


class NotAnArticle(Exception):
    """A line of an archive that is no article; ``name`` is where it is (as for an article),
    ``reason`` (and ``str()``) why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(reason)
        self.name = name
        self.reason = reason


class NoTextField(str):
    """Why a record is no article: it has no field of the text at all, which says more about
    ``--text-field`` than about the record. A ``str``, the error of the record's result, so it
    goes to and from worker processes and Dask workers as any error does; :class:`MissingText`
    gathers them into one error for the archive."""

    archive: str
    line: int
    ident: str | None
    keys: tuple[str, ...]
    field: str

    @classmethod
    def of(cls, archive: str, line: int, ident: str | None, record: dict[str, Any],
           field: str) -> NoTextField:
        made = cls(_no_text_field(1, field, line, ident, tuple(record)))
        made.archive, made.line, made.ident, made.keys, made.field = (
            archive, line, ident, tuple(record), field)
        return made


FIELDS_SHOWN = 12
"""Fields of a record named in the error about the text's field; an export may have hundreds."""


def _no_text_field(count: int, field: str, line: int, ident: str | None,
                   keys: tuple[str, ...]) -> str:
    """The error of ``count`` records without ``field``, the first on ``line``."""
    has = _has(keys)
    which = f"line {line}" + (f" (id '{printable(ident, 80)}')" if ident is not None else "")
    if count == 1:
        return f"1 record has no field '{field}' (--text-field): {which}, which {has}"
    return (f"{count} records have no field '{field}' (--text-field); the first, {which}, "
            f"{has}")


def _has(keys: tuple[str, ...]) -> str:
    """What fields a record has, to name in an error or a warning about a field it lacks."""
    names = ", ".join(f"'{printable(k, 40)}'" for k in keys[:FIELDS_SHOWN])
    names += ", \u2026" if len(keys) > FIELDS_SHOWN else ""
    return f"has the fields {names}" if keys else "has no fields"


class MissingText:
    """The records of each archive that have no field of the text, counted so that a wrong
    ``--text-field`` is one error for the archive instead of one per article (a million, for a
    newsroom's export), while the records that have the field are linted as ever."""

    def __init__(self) -> None:
        self._first: dict[str, NoTextField] = {}
        self._count: Counter[str] = Counter()

    def add(self, reason: NoTextField) -> None:
        self._first.setdefault(reason.archive, reason)
        self._count[reason.archive] += 1

    def errors(self) -> Iterator[NotAnArticle]:
        """One error per archive that had such records, in the order they were first seen."""
        for archive, first in self._first.items():
            yield NotAnArticle(archive, _no_text_field(
                self._count[archive], first.field, first.line, first.ident, first.keys))


class UnseenFields:
    """The fields named on the command line for the articles' ids, headlines or formats that no
    record of an archive has: a mistyped one leaves every article without its id, headline or
    format, which is no record's error (``--text-field``'s is, see :class:`MissingText`).

    The lines are watched where they are read, whichever processes lint them, so the warnings
    are the same with any ``--jobs`` and executor; a line is parsed here only while a field is
    still unseen, so fields that are there cost one record's parse an archive.
    """

    def __init__(self, named: dict[str, str]) -> None:
        self.named = named
        """The option (``--id-field``) naming each field watched for."""
        self.warnings: list[str] = []
        """One for each archive read to its end in which some of the fields were never seen."""

    def watch(self, label: str, numbered: Iterator[Line]) -> Iterator[Line]:
        """The lines of the archive ``label``, as they are; once they are all read, a warning
        if a field was never seen in them."""
        unseen = dict(self.named)
        first: tuple[int, tuple[str, ...]] | None = None
        for number, raw in numbered:
            if unseen and isinstance(raw, bytes):
                # the fields only: the record, held here while the line is linted, would keep
                # a copy of its text
                keys = _fields(raw)
                if keys is not None:
                    first = first or (number, keys)
                    unseen = {option: field for option, field in unseen.items()
                              if field not in keys}
            yield number, raw
        if unseen and first is not None:  # with no record at all, each line is an error
            fields = ", nor ".join(f"the field '{printable(field, 80)}' ({option})"
                                   for option, field in unseen.items())
            self.warnings.append(f"{label}: no record has {fields}; the first, line "
                                 f"{first[0]}, {_has(first[1])}")


def _fields(raw: bytes) -> tuple[str, ...] | None:
    """The fields of the JSON object on a line, or ``None`` for a line that holds none."""
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    return tuple(record) if isinstance(record, dict) else None


def read_line(label: str, folder: Path, fields: Fields, line: Line, max_size: int,
              sniff: Callable[[str], str]) -> Article:
    """The article on one line of an archive; :class:`NotAnArticle` for a line that is not
    one. ``sniff`` gives the suffix of the format of a text whose format is not named."""
    number, raw = line
    if isinstance(raw, str):
        raise NotAnArticle(label, raw)
    try:
        record = json.loads(raw)  # the line break is JSON's whitespace: no copy without it
    except json.JSONDecodeError as exc:
        # the decoder's own "line 2 column 1" would point past the line the error names
        end = len(exc.doc.rstrip("\r\n"))
        at = "the end of the line" if exc.pos >= end else f"column {exc.colno}"
        reason = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
        raise NotAnArticle(f"{label}:{number}", f"not a JSON object: {reason} at {at}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotAnArticle(f"{label}:{number}", f"not a JSON object: {exc}") from None
    except RecursionError:  # the decoder recurses for each [ or { that is still open
        raise NotAnArticle(f"{label}:{number}", "JSON nested too deeply to read") from None
    if isinstance(record, list):  # a whole export dumped on one line, as json.dumps writes it
        raise NotAnArticle(f"{label}:{number}", f"a JSON array, {ONE_OBJECT_A_LINE}")
    if not isinstance(record, dict):
        raise NotAnArticle(f"{label}:{number}", "not a JSON object")
    ident = record.get(fields.id)
    # a string or a whole number; true and false are no ids (Python would print True)
    usable = isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident)
    # the id as it is, which reports quote and escape as they must (a lone surrogate, half of
    # a character, as the text's are: no report could be written with it)
    shown = ArticleId(_LONE_SURROGATE.sub("\ufffd", str(ident)) if usable
                      else f"{label}:{number}")
    # an article reported by its id: its errors say where it is, as ARCHIVE:LINE already does
    where = "" if shown == f"{label}:{number}" else f"line {number} of {label}: "
    if fields.text not in record:
        raise NotAnArticle(label, NoTextField.of(label, number, str(ident) if usable else None,
                                                 record, fields.text))
    text = record[fields.text]
    if not isinstance(text, str):
        raise NotAnArticle(shown, f"{where}no text in field '{fields.text}'")
    text = text.removeprefix(BOM)  # a byte-order mark pasted in with the text
    # U+FFFD, as a UTF-8 decoder reads a broken character; one for one, so columns hold
    text = _LONE_SURROGATE.sub("\ufffd", text)
    # max-file-size counts bytes, as of a file: a character may be up to four
    size = utf8_size(text)
    if size > max_size:
        raise NotAnArticle(shown, f"{where}article is {size_text(size)}, over the "
                                  f"{size_text(max_size)} limit (raise max-file-size in the "
                                  "configuration to lint it)")
    if not text or text.isspace():  # not strip(), a copy of the text
        raise NotAnArticle(shown, f"{where}empty article")
    if "\x00" in text:  # as in a file (see decode_article)
        raise NotAnArticle(shown, f"{where}a NUL character, not an article")
    fmt = record.get(fields.format) if fields.format else None
    title = record.get(fields.title) if fields.title else None
    # null is no value (the hint, no headline); any other value that is not a string is an
    # export's mistake, which would otherwise go unnoticed
    for name, value in ((fields.format, fmt), (fields.title, title)):
        if value is not None and not isinstance(value, str):
            raise NotAnArticle(shown, f"{where}field '{name}' holds {_json_kind(value)}, "
                                      "not text")
    fmt = fmt or fields.hint
    if fmt is None:
        suffix = sniff(text)
    elif fmt.lower() in FORMATS:
        suffix = FORMATS[fmt.lower()]
    else:
        raise NotAnArticle(shown, f"{where}unknown format '{printable(fmt, 80)}' "
                                  f"(choose from {', '.join(sorted(FORMATS))})")
    if title and title.strip():
        text = with_headline(text, _LONE_SURROGATE.sub("\ufffd", title), suffix)
    # the path, for the reader and [[overrides]], escaped: a NUL in it is no file name
    return Article(shown, folder / f"{printable(shown)}{suffix}", text)


UTF8_SLICE = 1 << 20
"""Characters encoded at a time to count a text's UTF-8 bytes, so the count takes no copy of
the whole text (an article of tens of megabytes)."""


def utf8_size(text: str) -> int:
    """The length of ``text`` in UTF-8."""
    if text.isascii():  # known without a look at the characters
        return len(text)
    return sum(len(text[at:at + UTF8_SLICE].encode("utf-8"))
               for at in range(0, len(text), UTF8_SLICE))


def lint_line(session: Session, label: str, folder: Path, fields: Fields, line: Line) -> FileResult:
    """Lint one line of an archive as an article; a line that is not one is an error result."""
    config = session.config_for(folder)
    try:
        article = read_line(label, folder, fields, line, config.max_file_size,
                            lambda text: session.reader_for(Path(), text).suffixes[0])
    except NotAnArticle as exc:
        return FileResult(exc.name, error=exc.reason)
    return session.lint_source(article.name, article.path, article.text, config)


def lint_lines(session: Session, label: str, folder: str, fields: Fields,
               chunk: list[Line]) -> list[LightResult]:
    """A task: lint a chunk of lines and send back light results (no parsed blocks)."""
    return [parallel.light(lint_line(session, label, Path(folder), fields, line)) for line in chunk]


def _pool_task(label: str, folder: str, fields: Fields, chunk: list[Line]) -> list[LightResult]:
    session = parallel._worker_session
    assert session is not None, "worker not initialised"
    return lint_lines(session, label, folder, fields, chunk)


# ---- running -------------------------------------------------------------------------------

Submit = Callable[..., Any]
"""Starts a task; returns a future (concurrent.futures or dask.distributed)."""


def ordered(submit: Submit, tasks: Iterable[tuple[Any, ...]], window: int,
            result: Callable[[Any], list[LightResult]] = lambda future: future.result(),
            ) -> Iterator[LightResult]:
    """Submit ``tasks`` with at most ``window`` in flight; yield their results in task order,
    each as ``result`` waits for its future's."""
    pending: deque[Any] = deque()
    for task in tasks:
        pending.append(submit(*task))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def chunks(label: str, folder: str, fields: Fields, numbered: Iterator[Line],
           size: int = CHUNK) -> Iterator[tuple[str, str, Fields, list[Line]]]:
    """The archive as tasks for :func:`lint_lines`: its ``numbered`` lines, ``size`` at a
    time."""
    while chunk := list(islice(numbered, size)):
        yield label, folder, fields, chunk


def run(session: Session, archives: list[str], fields: Fields, jobs: int = 1,
        blocked: tuple[str, ...] = (), executor: str = "local",
        scheduler: str | None = None,
        unseen: UnseenFields | None = None) -> Iterator[FileResult]:
    """Lint every article of ``archives`` in order, like :meth:`Session.run` does files.

    ``session.results`` becomes a :class:`ResultSpool`. ``executor`` is ``local`` (``jobs``
    worker processes, or none with ``jobs`` 1) or ``dask`` (the cluster at ``scheduler``, or
    a local one). ``unseen`` watches each archive's lines for the fields it names.
    """
    spool = ResultSpool()
    session.results = spool  # type: ignore[assignment]
    sources: list[tuple[str, str, IO[bytes] | None, str | None]] = []
    seen: set[Any] = set()
    for name, problem in _found(session, archives):
        if problem is not None:
            sources.append((name, "", None, problem))
            continue
        # an archive named twice (a.jsonl ./a.jsonl, or "- -") is read once, as a file is
        if name == STDIN:
            if name in seen:
                continue
            seen.add(name)
        elif not first_time(Path(name), seen):
            continue
        where = Path.cwd() if name == STDIN else Path(name).resolve().parent
        # configuration errors surface here, once, before any worker starts
        session.config_for(where)
        try:
            sources.append((name, str(where), open_archive(name), None))
        except OSError as exc:
            sources.append((name, str(where), None, f"cannot read: {exc.strerror or exc}"))
    # an archive that cannot be opened is reported first, however the rest is run
    for name, _, stream, error in sources:
        if stream is None:
            yield from _kept(session, FileResult(name, error=error))
    opened = [(name, stream) for name, _, stream, _ in sources if stream is not None]
    readable = [(name, folder, unseen.watch(name, lines(stream)) if unseen else lines(stream))
                for name, folder, stream, _ in sources if stream is not None]
    missing = MissingText()
    linted = _lint(session, readable, fields, jobs, blocked, executor, scheduler)
    try:
        for result in linted:
            if isinstance(result.error, NoTextField):
                missing.add(result.error)
            else:
                yield from _kept(session, result)
        for gathered in missing.errors():
            yield from _kept(session, FileResult(gathered.name, error=gathered.reason))
    finally:
        linted.close()  # the workers or the cluster first, when the caller stops early
        for name, stream in opened:
            # standard input stays open (its gzip reader does not); sys.stdin is None when the
            # process was started without it, so only "-" looks at it
            if name != STDIN or stream is not sys.stdin.buffer:
                stream.close()


def finds(session: Session, file: Path, archives: list[str]) -> bool:
    """Whether reading ``archives`` (see :func:`run`) would read ``file``: named, or found in a
    folder named."""
    for name, _ in _found(session, archives):
        try:
            if name != STDIN and os.path.samefile(name, file):
                return True
        except OSError:
            continue
    return False


def _found(session: Session, archives: list[str]) -> Iterator[tuple[str, str | None]]:
    """The archives named, a folder's found in it (``.jsonl`` and ``.jsonl.gz`` files, in their
    paths' order, as ``newslint train`` finds them) but for those the configuration excludes,
    as a walk for articles leaves them, each with ``None``, or a folder holding none with why
    it is an error (as a folder without articles is)."""
    for name in archives:
        if name == STDIN or not Path(name).is_dir():
            yield name, None
            continue
        from newslint.train import ARCHIVE_SUFFIXES, is_archive  # its numpy, only here

        def wanted(config: Any, file: Path) -> bool:
            return is_archive(file)

        found = sorted(session.walk(Path(name), wanted))
        if not found:
            looked = " ".join(f"*{suffix}" for suffix in ARCHIVE_SUFFIXES)
            yield name, session.why_none_in(Path(name), wanted, "archive", looked)
        yield from ((str(file), None) for file in found)


def _lint(session: Session, readable: list[tuple[str, str, Iterator[Line]]], fields: Fields,
          jobs: int, blocked: tuple[str, ...], executor: str,
          scheduler: str | None) -> Generator[FileResult, None, None]:
    """The result of every line of the ``readable`` archives, in order (see :func:`run`)."""
    sent: Iterator[LightResult]
    if executor == "dask":
        from newslint import distributed

        sent = distributed.run_tasks(session, scheduler, lint_lines, _tasks(readable, fields),
                                     blocked, workers=jobs)
    elif jobs < 2:
        for name, folder, numbered in readable:
            for line in numbered:
                yield lint_line(session, name, Path(folder), fields, line)
        return
    else:
        sent = _local(session, _tasks(readable, fields), jobs, blocked)
    for light in sent:
        yield parallel.rebuild(light)


def _kept(session: Session, result: FileResult) -> Iterator[FileResult]:
    """Yield ``result``, then keep it in the spool: once the caller is done with it, as
    :meth:`Session.lint_items` does, since the baseline takes its recorded findings out of it
    in place; kept too when the run stops while it is being reported."""
    try:
        yield result
    finally:
        session.results.append(result)


def _tasks(readable: list[tuple[str, str, Iterator[Line]]], fields: Fields) -> Iterator[Any]:
    """Every archive's chunks, as one stream of tasks in archive order."""
    for name, folder, numbered in readable:
        yield from chunks(name, folder, fields, numbered)


def _local(session: Session, tasks: Iterator[Any], jobs: int,
           blocked: tuple[str, ...]) -> Iterator[LightResult]:
    """``tasks`` over ``jobs`` local worker processes (see :mod:`newslint.parallel`)."""
    context = parallel._context()
    forked = context.get_start_method() == "fork"
    if forked:
        # rules load their word lists on first use: lint one chunk here, so the forked workers
        # share those lists instead of each loading its own
        first = next(tasks, None)
        if first is None:
            return
        yield from lint_lines(session, *first)
    parallel._worker_session = session if forked else None
    try:
        with parallel.workers_lost(), parallel.frozen_heap(), ProcessPoolExecutor(
                jobs, mp_context=context, initializer=parallel._init_worker,
                initargs=(blocked, session.options, False)) as pool:
            yield from ordered(lambda *task: pool.submit(_pool_task, *task), tasks,
                               jobs * WINDOW_PER_WORKER)
    finally:
        parallel._worker_session = None
