"""Applying fixes: ``--fix``, ``--unsafe-fixes`` and ``--diff``.

A fix is a :class:`~newslint.violation.Suggestion` with ``safe=True``; ``--unsafe-fixes`` also
takes a violation's first suggestion when it has no safe one. Edits are replacements of source
spans: they are applied from the end of the text backwards, so earlier offsets stay valid, and an
edit that overlaps one already chosen is left for the next round. After each round the new text
is linted again, until no fix is left (or :data:`MAX_ROUNDS` is reached), so that running
``--fix`` a second time changes nothing. Text outside the edited spans is never touched.

Files are written atomically (a temporary file in the same folder, then a rename) with their
permissions and byte-order mark kept, and only if the file on disk still holds the text that was
linted: a file an editor saved while newslint ran is left alone and reported. A file with more
than one hard link is written in place instead, so that every name of it gets the fixes.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newslint.atomic import ChangedOnDisk, write_atomic
from newslint.document import BOM, Document
from newslint.violation import Violation

if TYPE_CHECKING:
    from newslint.baseline import Baseline
    from newslint.engine import FileResult, Session

MAX_ROUNDS = 10
"""How many fix-and-relint rounds a file gets; a pair of fixes that undo each other stops here."""


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of the source with ``replacement``."""

    start: int
    end: int
    replacement: str


def edit_of(violation: Violation, unsafe: bool = False,
            document: Document | None = None) -> Edit | None:
    """The edit that fixes ``violation``: its safe suggestion, or with ``unsafe`` its first;
    ``None`` when the replacement of the violation's own span would delete markup of
    ``document`` there (:meth:`~newslint.document.Document.holds_prose`), unsafe or not."""
    suggestion = violation.fix()
    if suggestion is None and unsafe and violation.suggestions:
        suggestion = violation.suggestions[0]
    if suggestion is None:
        return None
    span = suggestion.span or violation.span
    if suggestion.span is None and document is not None and not document.holds_prose(span):
        return None
    return Edit(span.start, span.end, suggestion.replacement)


def apply_edits(source: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply the edits that do not overlap an earlier one; returns the text and how many applied.

    Edits are chosen in source order (two insertions at one offset count as overlapping, since
    their order would be a guess) and spliced in from the end backwards.
    """
    chosen: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement)):
        if edit.start < 0 or edit.end > len(source) or edit.start > edit.end:
            continue  # a rule's bad span must not corrupt the file
        if chosen:
            last = chosen[-1]
            if edit.start < last.end or (edit.start == last.start == last.end == edit.end):
                continue
        if source[edit.start : edit.end] == edit.replacement:
            continue  # a no-op, which would otherwise count as a fix forever
        chosen.append(edit)
    text = source
    for edit in reversed(chosen):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, len(chosen)


@dataclass
class FixOutcome:
    """What fixing one text did."""

    text: str
    """The fixed text."""
    fixed: int
    """How many violations the applied edits fixed."""
    remaining: list[Violation]
    """The violations of the fixed text."""


def fix_text(source: str, violations: list[Violation], lint: Callable[[str], list[Violation]],
             unsafe: bool = False,
             document: Callable[[], Document | None] = lambda: None) -> FixOutcome:
    """Fix ``source`` round by round, linting the new text with ``lint`` after each round;
    ``document`` gives the parse of the text the violations are of (see :func:`edit_of`)."""
    text, fixed, current = source, 0, violations
    for _ in range(MAX_ROUNDS):
        edits = [e for v in current if (e := edit_of(v, unsafe, document())) is not None]
        if not edits:
            break
        new_text, applied = apply_edits(text, edits)
        if not applied:
            break
        text, fixed = new_text, fixed + applied
        current = lint(text)
    return FixOutcome(text, fixed, current)


def _lines(text: str) -> list[str]:
    """``text`` as ``patch`` and ``git apply`` read lines: ended by ``\n`` alone (``splitlines``
    also ends one at a form feed, a lone carriage return or U+2028, and the diff would not
    apply)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
            "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _diff_name(name: str) -> str:
    """``name`` as ``git diff`` writes it after ``---`` and ``+++``, so that ``git apply`` and
    ``patch`` read it back whole: in C quotes when it holds a quote, a backslash or a control
    character (a line break in it broke the patch), else followed by a tab when it holds a space
    (``patch`` reads a name up to the first space or tab)."""
    if any(c in _ESCAPES or c < " " or c == "\x7f" for c in name):
        quoted = (_ESCAPES.get(c) or (f"\\{ord(c):03o}" if c < " " or c == "\x7f" else c)
                  for c in name)
        return '"' + "".join(quoted) + '"'
    return f"{name}\t" if " " in name else name


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style unified diff of one file."""
    lines = difflib.unified_diff(_lines(before), _lines(after),
                                 fromfile=_diff_name(f"a/{path}"), tofile=_diff_name(f"b/{path}"))
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _form(original: bytes) -> tuple[bytes, bool]:
    """What of a file's bytes its linted text left out: the byte-order mark reading dropped,
    and whether its line breaks are carriage returns, read as line feeds (see
    :func:`~newslint.document.lf_line_breaks`)."""
    mark = BOM.encode()
    return (mark if original.startswith(mark) else b""), b"\r" in original and b"\n" not in original


@dataclass
class Fixer:
    """Fixes each result of a run in turn: ``--fix`` writes the files, ``--diff`` prints diffs.

    Results are changed in place to hold what remains after fixing, so that reporters and the
    exit status see the fixed files; ``--diff`` leaves them as the files are, which it does not
    change (``--add-ignore`` records them).
    """

    session: Session
    unsafe: bool = False
    write: bool = True
    """``False`` for ``--diff``: work out the fixes, write nothing."""
    baseline: Baseline | None = None
    """Subtracted from each re-lint, as from the first lint."""
    fixed: int = 0
    files_fixed: int = 0
    skipped: list[str] = field(default_factory=list)
    """Files left alone because they changed on disk during the run."""
    failed: list[str] = field(default_factory=list)
    """One error line for each file whose fixes could not be written."""
    diffs: list[str] = field(default_factory=list)
    would_remain: int = 0
    """``--diff``: how many more violations the files would have after fixing (fewer: below 0)."""

    def process(self, result: FileResult) -> None:
        """Fix one file's violations (in place), unless it could not be read or is stdin."""
        from newslint.engine import STDIN

        document = result.document
        if document is None or not any(edit_of(v, self.unsafe) for v in result.violations):
            return
        file = Path(result.path)
        if not document.parsed:
            # a light result (a worker's, see FileResult.light) keeps no parse, and edit_of
            # needs one to keep fixes off markup: parse the text again
            reader = self.session.reader_for(file, document.source)
            document = reader.read(result.path, document.source)
        if not any(edit_of(v, self.unsafe, document) for v in result.violations):
            return
        config = self.session.config_for(file.parent if result.path != STDIN else Path.cwd())

        final = document

        def lint(text: str) -> list[Violation]:
            nonlocal final
            relinted = self.session.lint_source(result.path, file, text, config)
            if self.baseline is not None:
                self.baseline.subtract(relinted)
            final = relinted.document or final
            return relinted.violations

        outcome = fix_text(document.source, result.violations, lint, self.unsafe, lambda: final)
        if outcome.text == document.source:
            return
        if self.write:
            if result.stdin:
                return  # nowhere to write, whatever --stdin-filename names; the report shows them
            try:
                original = file.read_bytes()
                bom, mac = _form(original)
                linted = original.replace(b"\r", b"\n") if mac else original
                if linted != bom + document.source.encode("utf-8"):
                    self.skipped.append(result.path)
                    return
                text = outcome.text.replace("\n", "\r") if mac else outcome.text
                write_atomic(file, bom + text.encode("utf-8"), expected=original)
            except ChangedOnDisk:
                self.skipped.append(result.path)
                return
            except OSError as exc:
                self.failed.append(f"{result.path}: cannot write the fixes: {exc.strerror or exc}")
                return
        else:
            # the file as it is, or the patch would not apply: with the byte-order mark that
            # reading dropped in its first line, and carriage returns as its line breaks
            bom, mac = b"", False
            if not result.stdin:
                with contextlib.suppress(OSError):
                    bom, mac = _form(file.read_bytes())
            before, after = bom.decode() + document.source, bom.decode() + outcome.text
            if mac:
                before, after = before.replace("\n", "\r"), after.replace("\n", "\r")
            self.diffs.append(unified_diff(result.path, before, after))
        self.fixed += outcome.fixed
        self.files_fixed += 1
        if not self.write:
            self.would_remain += len(outcome.remaining) - len(result.violations)
            return
        result.violations = outcome.remaining
        result.document = final

    def summary(self, remaining: int) -> str:
        """"Fixed 3 violations in 2 files (1 remaining)." or the ``--diff`` wording;
        ``remaining`` counts the violations of the results."""
        verb = "Fixed" if self.write else "Would fix"
        remaining += self.would_remain
        noun = "violation" if self.fixed == 1 else "violations"
        files = "file" if self.files_fixed == 1 else "files"
        return f"{verb} {self.fixed} {noun} in {self.files_fixed} {files} ({remaining} remaining)."

    def notices(self) -> list[str]:
        """One line for each file left unfixed because it changed on disk: printed even with
        ``--quiet``, as the file holds none of the fixes the run reports."""
        return [f"{path}: changed on disk while newslint ran; not fixed" for path in self.skipped]

    def print_diffs(self, stream: TextIO) -> None:
        for diff in self.diffs:
            stream.write(diff)
