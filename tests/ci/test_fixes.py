"""--fix, --diff and --unsafe-fixes: edits, atomic writes, idempotence and the on-disk guard."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import unicodedata

import pytest

from newslint.document import Span
from newslint.engine import Options, Session
from newslint.fixes import (
    Edit,
    Fixer,
    apply_edits,
    edit_of,
    fix_text,
    unified_diff,
)
from newslint.violation import Severity, Suggestion, Violation

from .conftest import FAULTY, FIXED


def test_edits_apply_from_the_end_and_skip_overlaps():
    text = "abcdefghij"
    edits = [Edit(8, 10, "XY"), Edit(0, 2, ""), Edit(1, 3, "!"), Edit(4, 4, "+")]
    out, applied = apply_edits(text, edits)
    assert (out, applied) == ("cd+efghXY", 3)  # Edit(1, 3) overlaps Edit(0, 2) and waits


def test_edits_never_touch_text_outside_their_spans():
    text = "keep [x] keep [y] keep"
    out, _ = apply_edits(text, [Edit(6, 7, "1"), Edit(15, 16, "22")])
    assert out == "keep [1] keep [22] keep"


def test_bad_spans_and_no_op_edits_are_ignored():
    assert apply_edits("abc", [Edit(2, 9, "z"), Edit(0, 1, "a")]) == ("abc", 0)


def _violation(start: int, end: int, *suggestions: Suggestion) -> Violation:
    return Violation("XX001", "x", "m", Severity.WARNING, Span(start, end), list(suggestions))


def test_unsafe_suggestions_only_with_unsafe():
    v = _violation(0, 3, Suggestion("new", safe=False))
    assert edit_of(v) is None
    assert edit_of(v, unsafe=True) == Edit(0, 3, "new")
    safe = _violation(0, 3, Suggestion("one"), Suggestion("two", Span(1, 2), safe=True))
    assert edit_of(safe) == Edit(1, 2, "two")


def test_fix_text_relints_until_nothing_is_left():
    rounds = []

    def lint(text: str) -> list[Violation]:
        rounds.append(text)
        i = text.find("aa")
        return [_violation(i, i + 2, Suggestion("a", safe=True))] if i != -1 else []

    outcome = fix_text("aaaa", lint("aaaa"), lint)
    assert outcome.text == "a" and outcome.fixed == 3 and outcome.remaining == []


def test_fix_writes_keeps_permissions_and_is_idempotent(run_cli, project):
    article = project.write("fire.txt", FAULTY)
    article.chmod(0o640)
    code, _, err = run_cli("check", "--fix", "--select", "ST001,ST002", "fire.txt")
    assert code == 0, err
    assert article.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert "Fixed 2 violations in 1 file (0 remaining)." in err
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".newslint-")] == []
    before = article.stat().st_mtime_ns
    code, _, err = run_cli("check", "--fix", "--select", "ST001,ST002", "fire.txt")
    assert code == 0 and "Fixed 0 violations in 0 files" in err
    assert article.read_text(encoding="utf-8") == FIXED and article.stat().st_mtime_ns == before


def test_fix_keeps_hard_links(run_cli, project):
    article = project.write("fire.txt", FAULTY)
    other = project.root / "other.txt"
    os.link(article, other)  # the article filed under a second name
    code, _, err = run_cli("check", "--fix", "--select", "ST001,ST002", "fire.txt")
    assert code == 0, err
    assert article.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == FIXED
    assert article.stat().st_ino == other.stat().st_ino and article.stat().st_nlink == 2
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".newslint-")] == []


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fix_and_diff_cover_every_file_linted_by_workers(run_cli, project, mode):
    # enough files for two worker processes, whose results come back without their parse
    articles = [project.write(f"fire{n:02}.txt", FAULTY) for n in range(20)]
    code, out, err = run_cli("check", mode, "--jobs", "2", "--select", "ST001,ST002", ".")
    if mode == "--fix":
        assert code == 0, err
        assert [a.read_text(encoding="utf-8") for a in articles] == [FIXED] * len(articles)
        assert "Fixed 40 violations in 20 files (0 remaining)." in err
    else:
        assert out.count("+++ b/") == len(articles)
        assert "Would fix 40 violations in 20 files" in err


def test_fix_keeps_crlf_and_bom_and_reports_what_remains(run_cli, project):
    article = project.write("fire.txt", b"\xef\xbb\xbf" + FAULTY.replace("\n", "\r\n").encode())
    code, out, err = run_cli("check", "--fix", "--select", "ST001,ST002,ST099", "fire.txt")
    assert article.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert code == 0, (out, err)


def test_a_file_of_carriage_returns_is_read_in_lines_and_fixed_keeping_them(run_cli, project):
    # classic Mac OS line breaks: not one long line (a headline of the whole file)
    project.write("lf.txt", FAULTY)
    article = project.write("fire.txt", FAULTY.replace("\n", "\r").encode())
    _, expected, _ = run_cli("check", "--select", "ST001,ST002", "lf.txt")
    code, out, _ = run_cli("check", "--select", "ST001,ST002", "fire.txt")
    assert (code, out) == (1, expected.replace("lf.txt", "fire.txt"))
    run_cli("check", "--fix", "--select", "ST001,ST002", "fire.txt")
    assert article.read_bytes() == FIXED.replace("\n", "\r").encode()


@pytest.mark.skipif(shutil.which("git") is None, reason="applies the patch with git apply")
def test_diff_of_a_file_of_carriage_returns_applies(run_cli, project):
    # the diff was of the text as linted, with line feeds: no hunk applied to the file
    article = project.write("fire.txt", FAULTY.replace("\n", "\r").encode())
    code, out, _ = run_cli("check", "--diff", "--select", "ST001,ST002", "fire.txt")
    assert code == 1
    project.write("fix.patch", out)
    subprocess.run(["git", "apply", "fix.patch"], cwd=project.root, check=True, timeout=60)
    assert article.read_bytes() == FIXED.replace("\n", "\r").encode()


def test_diff_of_a_file_with_a_bom_keeps_it_in_its_first_line(run_cli, project):
    # the patch is of the file's lines: without the mark, a hunk at line 1 does not apply
    project.write("fire.txt", b"\xef\xbb\xbf" + FAULTY.replace("docks", "docks.").encode())
    code, out, _ = run_cli("check", "--diff", "--select", "HL204", "fire.txt")
    assert code == 1
    assert "\n-\ufeffFire at the docks.\n+\ufeffFire at the docks\n" in out


def test_diff_prints_and_writes_nothing(run_cli, project):
    article = project.write("fire.txt", FAULTY)
    code, out, err = run_cli("check", "--diff", "--select", "ST001,ST002", "fire.txt")
    assert code == 1
    assert article.read_text(encoding="utf-8") == FAULTY
    assert out.startswith("--- a/fire.txt\n+++ b/fire.txt\n")
    assert "-The fire spread to the the warehouse next door.\n" in out
    assert "+The fire spread to the warehouse next door.\n" in out
    assert "Would fix 2 violations in 1 file" in err
    project.write("fire.txt", FIXED)
    code, out, _ = run_cli("check", "--diff", "--select", "ST001,ST002", "fire.txt")
    assert (code, out) == (0, "")


def test_file_changed_on_disk_is_not_overwritten(pm, project):
    article = project.write("fire.txt", FAULTY)
    session = Session(pm, Options(select=["ST001", "ST002"]))
    (result,) = session.run([str(article)])
    edited = FAULTY.replace("Police", "Officers")  # an editor saved while newslint ran
    article.write_text(edited, encoding="utf-8")
    fixer = Fixer(session)
    fixer.process(result)
    assert article.read_text(encoding="utf-8") == edited
    assert fixer.skipped == [str(article)] and fixer.fixed == 0
    assert fixer.notices() == [f"{article}: changed on disk while newslint ran; not fixed"]


def test_file_that_cannot_be_written_is_an_error_not_a_traceback(pm, project):
    article = project.write("fire.txt", FAULTY)
    session = Session(pm, Options(select=["ST001", "ST002"]))
    (result,) = session.run([str(article)])
    article.unlink()  # deleted (or its folder made read-only) while newslint ran
    fixer = Fixer(session)
    fixer.process(result)
    assert fixer.failed == [f"{article}: cannot write the fixes: No such file or directory"]
    assert fixer.fixed == 0 and not article.exists()


def test_a_file_no_one_may_write_is_named_and_the_others_are_fixed(run_cli, project,
                                                                   error_line):
    # root (as these tests run) may write to any file, and --fix replaced one made read-only
    # for everyone (chmod a-w) as if it were not
    locked = project.write("locked.txt", FAULTY)
    locked.chmod(0o444)
    article = project.write("fire.txt", FAULTY)
    code, _, err = run_cli("check", "--fix", "--select", "ST001,ST002", "locked.txt", "fire.txt")
    assert code == 2
    assert locked.read_text(encoding="utf-8") == FAULTY
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert article.read_text(encoding="utf-8") == FIXED
    error_line(err.splitlines()[0],
               "locked.txt: cannot write the fixes: the file is read-only")
    assert "Fixed 2 violations in 1 file (2 remaining)." in err
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".newslint-")] == []


SIGNAL_IN_THE_WRITE = """
import os
import signal

fsync = os.fsync


def signalled(fd):  # the signal comes while the fixed article is being written
    fsync(fd)
    os.kill(os.getpid(), signal.{name})


os.fsync = signalled
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
@pytest.mark.parametrize(("name", "status", "said"), [
    ("SIGTERM", -signal.SIGTERM, ""),  # its default: the process ends at once, by the signal
    ("SIGINT", 130, "newslint: interrupted\n"),  # Ctrl-C: the CLI's own exit status
])
def test_a_signal_during_the_write_leaves_no_temporary_file(run_cli, project, name, status,
                                                             said):
    # SIGTERM ended the process with the temporary file written and not yet renamed: a
    # .newslint-*.tmp stayed beside the article; the write now ends first, then the signal acts
    project.write("signalled.py", SIGNAL_IN_THE_WRITE.format(name=name))
    project.config('select = ["ST001", "ST002"]\nplugins = ["signalled.py"]\n')
    article = project.write("fire.txt", FAULTY)
    code, _, err = run_cli("check", "--fix", "--no-cache", "fire.txt")
    assert (code, err) == (status, said)
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".newslint-")] == []
    assert article.read_text(encoding="utf-8") == FIXED


FIXING_RULES = 'select = ["ST001", "ST002", "SP104", "QT304", "QT306", "HL204"]\n'
"""Rules with safe fixes of words and spaces (the project's other rules are left out)."""
MARKUP_BESIDE_THE_FIX = [
    # an HTML comment inside the word SP104 respells
    ("cmt.md", "# Council approves budget\n\nThe council reali<!-- note -->sed the plan.\n"),
    # the link's bracket between the quotation mark and the stray space QT304 removes
    ("link.md", '# Council approves budget\n\nHe said "[ 100 percent](http://x.com)" ready.\n'),
    # inline HTML inside the spaces ST002 would squeeze, and beside the word ST001 repeats
    ("span.md", "# Council approves budget\n\nThe mayor said <span>  </span> the plan was set.\n"),
    ("wbr.md", "# Council approves budget\n\nThe mayor said the <wbr>  the plan was ready.\n"),
    # a quotation mark escaped in Markdown: replaced alone, its backslash would show
    ("esc.md", '# Council approves budget\n\n“We win,” she said.\n\n\\"We will,” he said.\n'),
    # a title with escapes, or folded over lines: its prose is not its source
    ("fm.md", '---\ntitle: "Council \\"approves\\" budget."\n---\n\nThe mayor said so.\n'),
    ("fold.md", "---\ntitle: >\n  Council realises\n  budget plan\n---\n\nThe mayor said so.\n"),
    # a link whose text is its label: respelt, [color] and [color][] name no link and show as
    # written, brackets and all
    ("label.md", "# Council approves budget\n\nThe [colour] plan and the [colour][] one.\n\n"
                 "[colour]: http://x.com/\n"),
]


@pytest.mark.parametrize("unsafe", [(), ("--unsafe-fixes",)], ids=["safe", "unsafe"])
@pytest.mark.parametrize(("name", "text"), MARKUP_BESIDE_THE_FIX)
def test_fix_never_deletes_markup_beside_the_words_it_changes(run_cli, project, name, text,
                                                              unsafe):
    project.config(FIXING_RULES)
    article = project.write(name, text)
    _, out, err = run_cli("check", "--fix", *unsafe, "--format", "json", name)
    assert article.read_text(encoding="utf-8") == text, err
    flagged = json.loads(out)
    # still reported and still suggested, for a person to apply, but not as a safe fix
    assert flagged and all(v["fix"] is None and v["suggestions"] for v in flagged), out


def test_fix_still_changes_prose_written_as_is(run_cli, project):
    project.config(FIXING_RULES)
    article = project.write(
        "plain.md",
        '---\ntitle: "Council approves budget."\n---\n\nThe council realised the the plan.\n',
    )
    run_cli("check", "--fix", "plain.md")
    assert article.read_text(encoding="utf-8") == (
        '---\ntitle: "Council approves budget"\n---\n\nThe council realized the plan.\n'
    )


def test_fix_keeps_accents_written_decomposed(run_cli, project):
    # "e" then a combining acute, as macOS writes "café": the fix of the doubled word removes
    # one word and its marks, and writes no other character otherwise than it was
    project.config(FIXING_RULES)
    text = unicodedata.normalize(
        "NFD", "# Café owner wins award\n\nJosé Martínez said the café café was full.\n")
    article = project.write("cafe.md", text)
    code, out, err = run_cli("check", "--fix", "--format", "concise", "cafe.md")
    assert (code, out) == (0, ""), err
    assert article.read_text(encoding="utf-8") == text.replace(
        unicodedata.normalize("NFD", "café café"), unicodedata.normalize("NFD", "café"))


def test_fix_in_a_footnote_writes_where_the_footnote_has_it(run_cli, project):
    # the definitions were one paragraph with their labels, and a note's second paragraph,
    # indented, was code: its typo went unreported
    project.config(FIXING_RULES.replace('["', '["SP101", "'))
    text = ("# Council approves budget\n\nThe council approved it on Monday.[^1]\n\n"
            "[^1]: The council realised  the plan[^2] on Monday.\n\n"
            "    The the goverment agreed.\n"
            "[^2]: See the minutes.\n")
    article = project.write("notes.md", text)
    code, out, err = run_cli("check", "--fix", "--format", "concise", "notes.md")
    assert (code, out) == (1, 'notes.md:7:9: SP101 "goverment" is not in the dictionary; '
                              'did you mean "government"?\n'), err
    assert article.read_text(encoding="utf-8") == text.replace(
        "realised  the", "realized the").replace("The the", "The")


def test_fix_of_standard_input_never_writes_the_file_it_is_named_after(run_cli, project):
    # the editor's buffer comes in on stdin under the file's name; the file is the editor's
    article = project.write("fire.txt", FAULTY)
    code, out, err = run_cli("check", "--fix", "-", "--stdin-filename", "fire.txt",
                             input=FAULTY)
    assert article.read_text(encoding="utf-8") == FAULTY
    assert code == 1 and "fire.txt:3:" in out, (out, err)
    code, _, err = run_cli("check", "--fix", "-", "--stdin-filename", "news/fire.txt",
                           input=FAULTY)
    assert code == 1 and "error" not in err, err
    assert not (project.root / "news").exists()


def test_diff_breaks_lines_only_where_patch_does():
    # a form feed, a line separator and a lone carriage return end no line for patch
    before = "Fire\n\nThe the fire\u2028spread.\n\x0c\nIt\rburned.\n"
    after = before.replace("The the", "The")
    head, hunk = unified_diff("a.md", before, after).split("\n@@ -1,5 +1,5 @@\n")
    lines = hunk.split("\n")[:-1]
    assert head == "--- a/a.md\n+++ b/a.md"
    assert "".join(line[1:] + "\n" for line in lines if line[0] in " -") == before
    assert "".join(line[1:] + "\n" for line in lines if line[0] in " +") == after


BODY = "The River Ouse fell overnight, letting residents return to their homes in York.\n"


@pytest.mark.parametrize(("text", "fixed"), [
    # a setext heading goes with its underline, which alone would be a rule or a paragraph
    (f"# Flood waters recede\n\nFlood waters recede\n---\n\n{BODY}",
     f"# Flood waters recede\n\n{BODY}"),
    (f"# Flood waters recede\n\n{BODY}\nFlood waters recede\n===\n\nMore.\n",
     f"# Flood waters recede\n\n{BODY}\nMore.\n"),
    # the last block goes with the blank line before it; the file still ends its last line
    (f"# Flood waters recede\n\n{BODY}\nFlood waters recede\n", f"# Flood waters recede\n\n{BODY}"),
])
def test_removing_a_repeated_headline_leaves_well_formed_markdown(run_cli, project, text, fixed):
    project.config('select = ["HL202"]\n')
    article = project.write("flood.md", text)
    run_cli("check", "--fix", "flood.md")
    assert article.read_text(encoding="utf-8") == fixed


@pytest.mark.parametrize(("name", "header"), [
    ("fire.md", "--- a/fire.md\n+++ b/fire.md\n"),
    # patch reads a name up to a space or a tab, and a line break ended the header
    ("big fire.md", "--- a/big fire.md\t\n+++ b/big fire.md\t\n"),
    ("fire\nscene.md", '--- "a/fire\\nscene.md"\n+++ "b/fire\\nscene.md"\n'),
    ('say "fire"\t\x7f.md',
     '--- "a/say \\"fire\\"\\t\\177.md"\n+++ "b/say \\"fire\\"\\t\\177.md"\n'),
])
def test_diff_names_files_as_git_does(name, header):
    assert unified_diff(name, "The the fire.\n", "The fire.\n").startswith(header + "@@ ")
