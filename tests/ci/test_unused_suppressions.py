"""ST099 unused-suppression: reports directives that suppress nothing, and removes them."""

from __future__ import annotations

from newslint.fixes import apply_edits, edit_of

RUN = dict(select=["ST001", "ST002", "ST099"])


def st099(lint, text: str, path: str = "a.txt", **options):
    return [v for v in lint(text, path, **{**RUN, **options}) if v.code == "ST099"]


def test_used_suppressions_are_quiet(lint):
    text = "Title\n\nnewslint: disable-next-line ST001\nIt was the the end.\n"
    assert lint(text, **RUN) == []


def test_unused_next_line_is_reported_and_removed_by_the_fix(lint):
    text = "Title\n\nnewslint: disable-next-line ST001\nIt was the end.\n"
    (v,) = st099(lint, text)
    assert v.message == "unused suppression: no ST001 violation here to suppress"
    assert text[v.span.start : v.span.end] == "newslint: disable-next-line ST001"
    fixed, _ = apply_edits(text, [edit_of(v)])
    assert fixed == "Title\n\nIt was the end.\n"


def test_only_the_idle_codes_of_a_directive_are_named(lint):
    text = "# Title\n\n<!-- newslint-disable ST001, ST002 -->\n\nIt was the the end.\n"
    (v,) = st099(lint, text, "a.md")
    assert v.message == "unused suppression: no ST002 violation here to suppress"
    assert edit_of(v) is None  # the directive still does something: no removal


def test_codes_of_rules_that_did_not_run_are_not_judged(lint):
    text = "# Title\n\n<!-- newslint-disable QT302 -->\n\nIt was the end.\n"
    assert st099(lint, text, "a.md") == []
    (v,) = st099(lint, text, "a.md", select=["QT302", "ST099"])
    assert "QT302" in v.message


def test_a_range_closed_by_enable_before_the_violation_is_unused(lint):
    text = ("# Title\n\n<!-- newslint-disable ST001 -->\n\nQuiet.\n\n<!-- newslint-enable ST001 -->"
            "\n\nIt was the the end.\n")
    found = lint(text, "a.md", **RUN)
    assert [v.code for v in found] == ["ST099", "ST001"]
    assert "this newslint" not in found[0].message


def test_off_by_default(lint):
    text = "Title\n\nnewslint: disable-next-line\nIt was the end.\n"
    assert [v.code for v in lint(text)] == []
    (v,) = st099(lint, text)
    assert v.message == "unused suppression: this newslint-disable-next-line suppresses nothing"
