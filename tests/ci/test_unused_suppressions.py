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
    # the directive still does something: the fix takes out only the code that does nothing
    fixed, _ = apply_edits(text, [edit_of(v)])
    assert fixed == "# Title\n\n<!-- newslint-disable ST001 -->\n\nIt was the the end.\n"


def test_idle_codes_are_taken_out_and_the_others_kept_as_written(lint):
    text = ("# Title\n\n<!-- newslint-disable-next-line ST002,ST001,ST003 -->\n"
            "It was the the end.\n")
    (v,) = st099(lint, text, "a.md", select=["ST", "ST099"])
    assert v.message == "unused suppression: no ST002, ST003 violation here to suppress"
    fixed, _ = apply_edits(text, [edit_of(v)])
    assert fixed == "# Title\n\n<!-- newslint-disable-next-line ST001 -->\nIt was the the end.\n"


# found in a story whose suppressions outlived their copy: those among other text on their
# line (after the headline's words, two on one line, one inside a paragraph) were reported
# but had no fix, so '--fix' fixed 1 of the 8 findings
STORY = """# Fire spreads to warehouse <!-- newslint-disable-next-line ST001 -->

<!-- newslint-disable ST001 --><!-- newslint-disable ST002 -->
<!-- newslint-disable-next-line ST001 --> <!-- newslint-disable-next-line ST002 -->
Crews were called at noon.

<p>The fire <!-- newslint-disable-next-line ST002 --> spread to the<!-- newslint-disable ST001 -->
warehouse next door.</p>

<!-- newslint-disable-next-line ST001 -->
It was contained by the evening.
"""


def test_a_suppression_among_other_text_is_removed_with_one_space(project, run_cli):
    project.config('select = ["ST001", "ST002", "ST099"]\n')
    project.write("fire.md", STORY)
    code, out, _ = run_cli("check", "fire.md", "--format", "concise")
    assert code == 1 and len(out.splitlines()) == 8
    code, out, err = run_cli("check", "--fix", "fire.md")
    assert (code, out, err) == (0, "1 file clean.\n",
                                "Fixed 8 violations in 1 file (0 remaining).\n")
    assert (project.root / "fire.md").read_text(encoding="utf-8") == (
        "# Fire spreads to warehouse\n\n\nCrews were called at noon.\n\n"
        "<p>The fire spread to the\nwarehouse next door.</p>\n\nIt was contained by the evening.\n")


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
