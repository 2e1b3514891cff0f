"""--add-ignore writes a baseline that later runs subtract, and edits elsewhere keep it valid."""

from __future__ import annotations

import json
import os
import stat

from newslint.baseline import BASELINE_FILE

from .conftest import FAULTY

ARGS = ("--format", "concise", "--select", "ST001,ST002")


def test_baseline_holds_old_findings_and_reports_new_ones(run_cli, project):
    article = project.write("news/fire.txt", FAULTY)
    code, out, err = run_cli("check", "--add-ignore", *ARGS, "news")
    assert (code, out) == (0, "") and "Recorded 2 violations" in err
    data = json.loads((project.root / BASELINE_FILE).read_text())
    assert {(e["path"], e["code"], e["count"]) for e in data["entries"]} == {
        ("news/fire.txt", "ST001", 1), ("news/fire.txt", "ST002", 1)}
    # readable by the desk as any file its tools make, not by its writer alone
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((project.root / BASELINE_FILE).stat().st_mode) == 0o666 & ~mask
    assert run_cli("check", *ARGS, "news")[0] == 0

    # a paragraph above and a re-wrapped line move the findings; the baseline still holds them
    moved = FAULTY.replace("The fire spread", "A paragraph added above.\n\nThe fire\nspread")
    article.write_text(moved, encoding="utf-8")
    assert run_cli("check", *ARGS, "news")[0] == 0

    # a new fault, and an edit to a baselined sentence, are new copy
    article.write_text(moved + "\nThe the harbour was closed.\n"
                       .replace("The the", "The harbour and the the"), encoding="utf-8")
    code, out, _ = run_cli("check", *ARGS, "news")
    assert code == 1 and out.count("ST001") == 1 and "news/fire.txt:10:" in out
    article.write_text(moved.replace("next door", "across the road"), encoding="utf-8")
    code, out, _ = run_cli("check", *ARGS, "news")
    assert code == 1 and out.splitlines()[0].endswith('ST001 "the" is repeated')


def test_add_ignore_with_diff_records_the_files_as_they_are(run_cli, project):
    # --diff writes nothing, so the findings it would fix are still in the files
    project.write("fire.txt", FAULTY)
    code, out, err = run_cli("check", "--add-ignore", "--diff", *ARGS, "fire.txt")
    assert code == 1 and out.startswith("--- a/fire.txt")
    assert "Recorded 2 violations" in err
    assert "Would fix 2 violations in 1 file (0 remaining)" in err
    assert run_cli("check", *ARGS, "fire.txt") == (0, "", "")


def test_baseline_counts_repeats(run_cli, project):
    article = project.write("a.txt", "Title\n\nIt was the the end.\n")
    run_cli("check", "--add-ignore", *ARGS, "a.txt")
    article.write_text("Title\n\nIt was the the end.\n\nIt was the the end.\n", encoding="utf-8")
    code, out, _ = run_cli("check", *ARGS, "a.txt")
    assert code == 1 and out.count("ST001") == 1  # one of the two is new


def test_a_broken_baseline_is_one_error_line(run_cli, project, error_line):
    project.write(BASELINE_FILE, "{not json")
    project.write("a.txt", FAULTY)
    code, _, err = run_cli("check", "a.txt")
    assert code == 2
    error_line(err, BASELINE_FILE, "not a newslint baseline")


def test_one_recorded_violation_is_one(run_cli, project):
    project.write("fire.txt", FAULTY)
    code, _, err = run_cli("check", "--add-ignore", "--select", "ST001", "fire.txt")
    assert code == 0 and f"Recorded 1 violation in {BASELINE_FILE}." in err


def test_recording_some_rules_keeps_the_findings_of_the_others(run_cli, project):
    project.write("fire.txt", FAULTY)
    assert run_cli("check", "--add-ignore", *ARGS, "fire.txt")[0] == 0
    # a later --add-ignore for one rule replaces that rule's entries only
    assert run_cli("check", "--add-ignore", "--select", "ST001", "fire.txt")[0] == 0
    codes = {e["code"] for e in json.loads((project.root / BASELINE_FILE).read_text())["entries"]}
    assert codes == {"ST001", "ST002"}
    assert run_cli("check", *ARGS, "fire.txt")[0] == 0


HOOK_PLUGIN = '''
from newslint import hookimpl
from newslint.document import Span
from newslint.violation import Severity, Violation


@hookimpl
def newslint_modify_violations(document, violations, config):
    violations.append(Violation("XY900", "desk-note", "a note from the desk's hook",
                                Severity.WARNING, Span(0, 7)))
'''


def test_a_finding_a_hook_adds_is_recorded_once(run_cli, project):
    # its code is no rule's, yet recording again replaces it rather than counting it twice
    project.config('select = ["ST"]\nplugins = ["desk.py"]\n')
    project.write("desk.py", HOOK_PLUGIN)
    project.write("fire.txt", FAULTY)
    for _ in range(2):
        assert run_cli("check", "--add-ignore", "--select", "ST001", "fire.txt")[0] == 0
    entries = json.loads((project.root / BASELINE_FILE).read_text())["entries"]
    assert sorted((e["code"], e["count"]) for e in entries) == [("ST001", 1), ("XY900", 1)]
    assert run_cli("check", "fire.txt", "--select", "ST001")[0] == 0


def test_an_archive_baseline_holds_its_findings_in_every_report(run_cli, project):
    # an export's articles are keyed by id; the run after --add-ignore reported no line of text
    # but 'Found 2 violations', gave them all in its JSON and exited 1
    clean = "Harbour reopens\n\nThe harbour reopened on Monday after repairs.\n"
    records = [{"id": f"wire/{i:03d}", "text": FAULTY if i % 20 == 0 else clean}
               for i in range(40)]
    export = project.write("export.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    archive = ("--input-format", "jsonl", "export.jsonl")
    for jobs in ("1", "2"):
        (project.root / BASELINE_FILE).unlink(missing_ok=True)
        code, _, err = run_cli("check", "--add-ignore", *ARGS, *archive, "--jobs", jobs)
        assert code == 0 and "Recorded 4 violations" in err
        assert run_cli("check", *ARGS, *archive, "--jobs", jobs) == (0, "", "")
        assert run_cli("check", "--select", "ST001,ST002", "--format", "json", *archive,
                       "--jobs", jobs)[:2] == (0, "[]\n")

    # the same fault in another article is new copy there
    records[1]["text"] = FAULTY
    export.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code, out, _ = run_cli("check", *ARGS, *archive)
    assert code == 1 and out.splitlines() == [
        'wire/001:3:20: ST001 "the" is repeated',
        "wire/001:5:16: ST002 2 spaces in a row inside a sentence"]
