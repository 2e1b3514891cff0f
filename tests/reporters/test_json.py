"""``--format json``: the documented shape, compared exactly with golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.reporters.json import violation_dict
from newslint.violation import Severity, Suggestion, Violation
from tests.reporters.golden import SEED, assert_golden, run_check, workspace

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared data folder not present")

KEYS = [
    "path",
    "code",
    "rule",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "suggestions",
    "fix",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return workspace(tmp_path)


def test_seed_article_golden(folder: Path) -> None:
    status, out = run_check(
        folder, "seed-article.txt", "seed-slips.txt", "--select", "ST001,ST002", "--format", "json"
    )
    assert status == 1
    assert_golden("seed.json", out)
    items = json.loads(out)
    assert {i["path"] for i in items} == {"seed-slips.txt"}  # the clean seed adds nothing


def test_markdown_golden(folder: Path) -> None:
    status, out = run_check(folder, "story.md", "--select", "ST001,ST002", "--format", "json")
    assert status == 1
    assert_golden("story.json", out)


def test_documented_keys_and_character_columns(folder: Path) -> None:
    _, out = run_check(folder, "story.md", "--select", "ST001,ST002", "--format", "json")
    items = json.loads(out)
    assert [list(i) for i in items] == [KEYS] * len(items)
    first = items[0]
    assert first["path"] == "story.md"
    assert (first["code"], first["rule"], first["severity"]) == (
        "ST001",
        "repeated-word",
        "warning",
    )
    # line 8 has "ü" and an emoji before the slip: columns count characters, end exclusive
    line = (folder / "story.md").read_text(encoding="utf-8").splitlines()[first["line"] - 1]
    assert line[first["column"] - 1 : first["end_column"] - 1] == "the the"
    assert first["suggestions"] == ["the"]
    assert first["fix"] == {
        "replacement": "the",
        "line": 8,
        "column": first["column"],
        "end_line": 8,
        "end_column": first["end_column"],
    }
    assert all(
        isinstance(i[k], int) and i[k] >= 1
        for i in items
        for k in ("line", "column", "end_line", "end_column")
    )


def test_clean_run_is_an_empty_array(folder: Path) -> None:
    status, out = run_check(
        folder, "seed-article.txt", "--select", "ST001,ST002", "--format", "json"
    )
    assert status == 0
    assert out == "[]\n"


def test_violation_without_document_or_fix() -> None:
    v = Violation(
        "ZZ001",
        "thing",
        "msg",
        Severity.INFO,
        span=_span(0, 0),
        suggestions=[Suggestion("a"), Suggestion("b")],
    )
    assert violation_dict("-", v, None) == {
        "path": "-",
        "code": "ZZ001",
        "rule": "thing",
        "severity": "info",
        "message": "msg",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 1,
        "suggestions": ["a", "b"],
        "fix": None,
    }


def _span(start: int, end: int):  # type: ignore[no-untyped-def]
    from newslint.document import Span

    return Span(start, end)


def test_a_line_separator_in_a_value_is_written_as_it_is(run_cli, project):
    # U+2028, U+2029 and U+0085 are line breaks to str.splitlines, not to JSON: indenting the
    # report must not put spaces after them inside a string
    name = "Mayor\u2028quits\u2029today\x85.txt"
    project.write(name, "Mayor quits\n\nThe the council met.\n")
    status, out, _ = run_cli("check", "--select", "ST001", "--format", "json", name)
    assert status == 1
    [item] = json.loads(out)
    assert item["path"] == name
