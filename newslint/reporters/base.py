"""The interface of a reporter: how a ``--format`` prints the results of a run.

The CLI makes one reporter per run and calls :meth:`Reporter.start`, then
:meth:`Reporter.report` once per file in the order the files were linted, then
:meth:`Reporter.finish`. Files that could not be read are reported by the CLI on standard error,
not by the reporter, so that machine formats stay parseable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TextIO

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.engine import FileResult, Session
    from newslint.violation import Violation


@dataclass(frozen=True)
class Location:
    """A violation's 1-based start and end (end exclusive), columns in characters."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of(cls, violation: Violation, document: Document | None) -> Location:
        if document is None:
            return cls(1, 1, 1, 1)
        start = document.position(violation.span.start)
        end = document.position(violation.span.end)
        return cls(start.line, start.column, end.line, end.column)


class Reporter:
    """Base class of reporters. Subclasses set :attr:`name` and override the three calls."""

    name: ClassVar[str]
    """The value of ``--format`` that picks this reporter."""
    description: ClassVar[str] = ""
    """One line for ``--help``."""

    def __init__(self, stream: TextIO, *, color: bool = False, show_source: bool = False,
                 statistics: bool = False, quiet: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.show_source = show_source
        self.statistics = statistics
        self.quiet = quiet

    def start(self) -> None:
        """Called once before the first file."""

    def report(self, result: FileResult) -> None:
        """Called once per linted file, with its violations sorted by position."""

    def finish(self, session: Session) -> None:
        """Called once after the last file; ``session.results`` holds every result."""

    def write(self, text: str = "") -> None:
        self.stream.write(text + "\n")


def shown_path(result: FileResult) -> str:
    """The file's path (or article's id) on one line of a report, quoted and escaped when it
    holds a control character (see :func:`~newslint.config.quoted`), so that a file named
    "a\\n::error ..." cannot pose as several lines of the report, or as a CI command, nor be
    shown as the file named with a backslash and an n is."""
    from newslint.config import quoted

    return quoted(result.path)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def shown_message(violation: Violation) -> str:
    """The message on one line of a report: control characters (a line break, a terminal's
    escape) that a rule took from the text escaped; a name's joiners and spaces of other widths
    are left as they are, unlike in :func:`shown_path`."""
    message = violation.message
    if _CONTROL_RE.search(message) is None:
        return message
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode(), message)


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    if char < " ":
        return chr(0x2400 + ord(char))  # the Control Pictures block: ␀ to ␟
    return "\u2421" if char == "\x7f" else "\ufffd"


def shown_line(text: str) -> str:
    """A source line under a violation: each control character as a picture one cell wide
    (␛ for an escape), so that the terminal does not act on it (a colour, a carriage return)
    and the carets under the line stay under the words."""
    return _CONTROL_RE.sub(_picture, text)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def utf8_json(text: str) -> str:
    """JSON written with ``ensure_ascii=False``, with each lone surrogate (a byte of a file name
    that is not UTF-8) as a ``\\udcxx`` escape: written as the byte it stands for, it made the
    report not UTF-8, which JSON must be; the escape loads back as the name Python gives the
    file."""
    return _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def summary_line(session: Session) -> str:
    """"Found 3 violations (1 error, 2 warnings) in 2 of 5 files." or "All 5 files clean."."""
    from collections import Counter

    results = [r for r in session.results if r.error is None]
    failed = len(session.results) - len(results)
    # the files named but not linted: "All 0 files clean." after an error line misleads
    not_linted = f"{failed} {'file' if failed == 1 else 'files'} not linted"
    unread = f"; {not_linted}" if failed else ""
    counts = Counter(str(v.severity) for r in results for v in r.violations)
    total = sum(counts.values())
    if not total:
        if failed and not results:
            return f"{not_linted}."
        if not results:  # nothing to lint ("All 0 files clean." said it was all clean)
            return "No files linted."
        clean = f"All {len(results)} files clean" if len(results) != 1 else "1 file clean"
        return f"{clean}{unread}."
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev in ("error", "warning", "info")
             if (n := counts.get(sev))]
    with_v = sum(1 for r in results if r.violations)
    noun = "violation" if total == 1 else "violations"
    files = "file" if len(results) == 1 else "files"
    return (f"Found {total} {noun} ({', '.join(parts)}) in {with_v} of {len(results)} {files}"
            f"{unread}.")
