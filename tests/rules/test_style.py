"""The house-style rules ST001 (repeated word) and ST002 (multiple spaces)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.engine import lint_text
from newslint.manager import PluginManager, get_plugin_manager
from newslint.violation import Violation
from tests.rules.cases import Case, case_params, read_case_file

CASES = Path(__file__).parent / "cases" / "style.txt"


@pytest.fixture(scope="module")
def manager() -> PluginManager:
    return get_plugin_manager(autoload=False)


def lint(
    manager: PluginManager, text: str, path: str = "article.txt"
) -> tuple[list[Violation], object]:
    result = lint_text(manager, text, path, select=["ST001", "ST002"])
    assert result.error is None, result.error
    return result.violations, result.document


@pytest.mark.parametrize("case", case_params(CASES))
def test_case(manager: PluginManager, case: Case) -> None:
    violations, document = lint(manager, case.article, case.filename)
    found = []
    for v in violations:
        pos = document.position(v.span.start)  # type: ignore[attr-defined]
        found.append(f"{pos.line}:{pos.column} {v.code}")
    assert found == case.expected


def test_case_file_is_well_formed() -> None:
    cases = read_case_file(CASES)
    assert len(cases) >= 20
    assert {c.line for c in cases} == {c.line for c in cases if c.title.strip()}
    assert any(c.expected for c in cases) and any(not c.expected for c in cases)


def test_case_reader_rejects_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("title\n.\ntext\n.\n1:1 ST001\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not closed"):
        read_case_file(broken)
    broken.write_text("title\ntext\n.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.txt:2"):
        read_case_file(broken)


def test_repeated_word_span_message_and_fix(manager: PluginManager) -> None:
    text = "Headline\n\nThe fire spread to the the warehouse.\n"
    (v,) = lint(manager, text)[0]
    assert (v.code, v.rule, str(v.severity)) == ("ST001", "repeated-word", "warning")
    assert text[v.span.start : v.span.end] == "the the"
    assert v.message == '"the" is repeated'
    fix = v.fix()
    assert fix is not None and fix.replacement == "the"
    fixed = text[: v.span.start] + fix.replacement + text[v.span.end :]
    assert fixed == "Headline\n\nThe fire spread to the warehouse.\n"


def test_a_run_of_an_article_is_one_finding_whose_fix_leaves_one(manager: PluginManager) -> None:
    text = "Headline\n\nThe fire spread to the the the warehouse.\n"
    (v,) = lint(manager, text)[0]
    assert text[v.span.start : v.span.end] == "the the the"
    fix = v.fix()
    assert fix is not None
    assert text[: v.span.start] + fix.replacement + text[v.span.end :] == (
        "Headline\n\nThe fire spread to the warehouse.\n")


def test_multiple_spaces_span_and_fix(manager: PluginManager) -> None:
    text = "Headline\n\nPolice said the \u00a0  driver was fine.\n"
    (v,) = lint(manager, text)[0]
    assert v.code == "ST002"
    assert text[v.span.start : v.span.end] == " \u00a0  "
    assert v.message == "4 spaces in a row inside a sentence"
    assert v.fix() is not None and v.fix().replacement == " "  # type: ignore[union-attr]


def test_multiple_spaces_span_in_html_covers_the_source(manager: PluginManager) -> None:
    text = "<h1>Headline</h1><p>Police said the&nbsp;&nbsp;driver was fine.</p>"
    (v,) = lint(manager, text, "a.html")[0]
    assert text[v.span.start : v.span.end] == "&nbsp;&nbsp;"


@pytest.mark.parametrize(("text", "path"), [
    ("# Fire spreads to the the warehouse\n\nThe fire spread on Monday.\n", "a.md"),
    ("---\ntitle: Fire spreads to the the warehouse\n---\n\nThe fire spread on Monday.\n", "a.md"),
    ("<h1>Fire spreads to the the warehouse</h1><p>The fire spread on Monday.</p>", "a.html"),
])
def test_a_doubled_word_in_the_headline_is_fixed_where_it_is_written(
    manager: PluginManager, text: str, path: str
) -> None:
    (v,) = lint(manager, text, path)[0]
    fix = v.fix()
    assert v.code == "ST001" and fix is not None
    fixed = text[: v.span.start] + fix.replacement + text[v.span.end :]
    assert fixed == text.replace("the the", "the")
