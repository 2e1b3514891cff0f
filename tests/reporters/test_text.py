"""``--format text`` (the default) and ``--format concise``, with and without source lines."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from newslint.document import Span
from newslint.engine import FileResult, Session
from newslint.manager import get_plugin_manager
from newslint.readers.text import TextReader
from newslint.reporters.base import Location, summary_line
from newslint.reporters.text import TextReporter
from newslint.violation import Severity, Violation
from tests.reporters.golden import SEED, assert_golden, run_check, workspace

needs_data = pytest.mark.skipif(not SEED.exists(), reason="shared data folder not present")
LINE_RE = re.compile(r"^[^:\s]+:\d+:\d+: [A-Z]{2,3}\d{3} .+$")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return workspace(tmp_path)


@needs_data
def test_plain_lines_and_summary_when_not_a_terminal(folder: Path) -> None:
    status, out = run_check(folder, "story.md", "seed-article.txt", "--select", "ST001,ST002")
    assert status == 1
    assert "\x1b[" not in out  # no colour codes
    *lines, summary = out.splitlines()
    assert all(LINE_RE.match(line) for line in lines), lines
    assert summary == "Found 3 violations (3 warnings) in 1 of 2 files."
    assert_golden("story.txt", out)


@needs_data
def test_show_source_prints_the_line_and_carets(folder: Path) -> None:
    _, out = run_check(folder, "story.md", "--select", "ST001,ST002", "--show-source")
    assert_golden("story-source.txt", out)
    lines = out.splitlines()
    assert lines[0] == 'story.md:8:35: ST001 "the" is repeated'
    head, source, carets = lines[3], lines[4], lines[5]
    assert head == "story.md:10:19: ST002 2 spaces in a row inside a sentence"
    assert source == '   10 | The owner said the  damage was "total". Nobody was hurt.'
    assert carets.index("^") == source.index("  damage") and carets.strip() == "^^"


@needs_data
def test_carets_allow_for_wide_characters(folder: Path) -> None:
    (folder / "wide.txt").write_text(
        "Headline\n\n\U0001f692 \u65e5\u672c the the end.\n", encoding="utf-8"
    )
    _, out = run_check(folder, "wide.txt", "--select", "ST001", "--show-source")
    head, _, carets = out.splitlines()[:3]
    assert head == 'wide.txt:3:6: ST001 "the" is repeated'  # column 6 in characters
    # the emoji and each CJK character take two cells on a terminal
    assert carets == " " * (len("    3 | ") + 2 + 1 + 4 + 1) + "^" * 7


@needs_data
def test_source_line_shows_control_characters_as_pictures(folder: Path) -> None:
    # sent as they were, an escape coloured the terminal and a carriage return hid "It"
    (folder / "ctl.txt").write_text("Headline\n\nIt\rsaid \x1b[31m the the end.\n",
                                    encoding="utf-8")
    _, out = run_check(folder, "ctl.txt", "--select", "ST001", "--show-source")
    _, source, carets = out.splitlines()[:3]
    assert source == "    3 | It\u240dsaid \u241b[31m the the end."
    assert carets.index("^") == source.index("the the") and carets.strip() == "^" * 7


@needs_data
def test_statistics(folder: Path) -> None:
    _, out = run_check(
        folder, "story.md", "seed-slips.txt", "--select", "ST001,ST002", "--statistics"
    )
    assert_golden("statistics.txt", out)
    assert out.splitlines()[-3:] == [
        "     3  ST001    repeated-word",
        "     2  ST002    multiple-spaces",
        "Found 5 violations (5 warnings) in 2 of 2 files.",
    ]


@needs_data
def test_quiet_leaves_out_the_summary(folder: Path) -> None:
    _, out = run_check(folder, "story.md", "--select", "ST001,ST002", "-q")
    assert len(out.splitlines()) == 3 and not out.startswith("Found")
    assert "Found" not in out


@needs_data
def test_concise(folder: Path) -> None:
    status, out = run_check(
        folder,
        "story.md",
        "seed-slips.txt",
        "--select",
        "ST001,ST002",
        "--format",
        "concise",
        "--statistics",
    )
    assert status == 1
    assert_golden("concise.txt", out)
    assert all(LINE_RE.match(line) for line in out.splitlines())


@needs_data
def test_clean_files(folder: Path) -> None:
    status, out = run_check(folder, "seed-article.txt", "--select", "ST001,ST002")
    assert (status, out) == (0, "1 file clean.\n")


def test_summary_line_counts() -> None:
    session = Session(get_plugin_manager(autoload=False))
    assert summary_line(session) == "No files linted."
    ok = FileResult("a.txt")
    session.results = [ok, FileResult("b.txt"), FileResult("bad.txt", error="binary file")]
    assert summary_line(session) == "All 2 files clean; 1 file not linted."
    # a file named but not read is not a clean one
    session.results = [FileResult("nosuch.md", error="no such file or folder")]
    assert summary_line(session) == "1 file not linted."
    warn = Violation("ST001", "repeated-word", "m", Severity.WARNING, Span(0, 1))
    err = Violation("XX001", "x", "m", Severity.ERROR, Span(0, 1))
    info = Violation("XX002", "y", "m", Severity.INFO, Span(0, 1))
    session.results = [FileResult("a.txt", [warn, err]), FileResult("b.txt", [info, warn])]
    assert (
        summary_line(session) == "Found 4 violations (1 error, 2 warnings, 1 info) in 2 of 2 files."
    )
    session.results = [FileResult("a.txt", [err])]
    assert summary_line(session) == "Found 1 violation (1 error) in 1 of 1 file."
    session.results.extend([FileResult("x.md", error="binary file")] * 2)
    assert summary_line(session) == (
        "Found 1 violation (1 error) in 1 of 1 file; 2 files not linted."
    )


def test_location_spans_lines_and_counts_characters() -> None:
    source = "Head\u00e9\n\n\U0001f525 the the\nend\n"
    doc = TextReader().read("a.txt", source)
    v = Violation(
        "ST001", "r", "m", Severity.WARNING, Span(source.index("the"), source.index("end") + 1)
    )
    assert Location.of(v, doc) == Location(3, 3, 4, 2)
    assert Location.of(v, None) == Location(1, 1, 1, 1)


def test_reporter_without_colour_writes_plain_lines() -> None:
    source = "Headline\n\nThe the end.\n"
    doc = TextReader().read("a.txt", source)
    stream = io.StringIO()
    reporter = TextReporter(stream)
    reporter.start()
    v = Violation("ST001", "repeated-word", '"the" is repeated', Severity.WARNING, Span(10, 17))
    reporter.report(FileResult("a.txt", [v], doc))
    assert stream.getvalue() == 'a.txt:3:1: ST001 "the" is repeated\n'
