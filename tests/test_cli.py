"""The ``newslint`` command, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.config import Config
from newslint.rules.style import RepeatedWord
from newslint.tomlreader import tomllib
from tests.conftest import cli_env
from tests.shared import SEED
from tests.test_config import PLUGIN as SHOUTING_PLUGIN

JSON_KEYS = {
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
}
DOUBLED = "Council approves new budget\n\nThe fire spread to the the warehouse.\n"
BOTH = "Council approves new budget\n\nThe fire spread to the the  warehouse.\n"
CLEAN = "Council approves new budget\n\nThe fire spread to the warehouse.\n"


def codes_of(stdout: str) -> list[str]:
    return [v["code"] for v in json.loads(stdout)]


def test_python_dash_m_and_version(run_cli):
    code, out, _ = run_cli("--version")
    assert code == 0 and out.startswith("newslint, version ")
    code, out, _ = run_cli("--help")
    assert code == 0
    for command in ("check", "rules", "explain", "init"):
        assert command in out


def test_console_script(project):
    script = Path(sys.executable).parent / "newslint"
    if not script.exists():
        pytest.skip("newslint is not installed as a console script next to this interpreter")
    project.write("a.txt", DOUBLED)
    proc = subprocess.run(
        [str(script), "check", "a.txt", "--format", "concise"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (proc.returncode, proc.stdout) == (1, 'a.txt:3:20: ST001 "the" is repeated\n')


@pytest.mark.parametrize("daemon", [True, False])
def test_exit_handlers_and_running_threads_finish_before_the_process_ends(
    project, run_cli, daemon
):
    # The command ends without freeing memory object by object (cli.run), but a plugin's exit
    # handler still runs, and a thread still at work still finishes unless it is a daemon.
    project.config('plugins = ["closing.py"]\n')
    project.write(
        "closing.py",
        f"""
import atexit, threading, time
from pathlib import Path

atexit.register(lambda: Path("atexit.log").write_text("ran"))
atexit.register(lambda: print("closing: done", end=""))  # no newline: flushed all the same

def late():
    time.sleep({30 if daemon else 0.3})  # a daemon is never waited for
    Path("thread.log").write_text("done")

threading.Thread(target=late, daemon={daemon}).start()
""",
    )
    project.write("a.txt", DOUBLED * 200)
    # buffered output, as in a pipe: what is written last must still be flushed
    code, out, err = run_cli("check", "a.txt", "--format", "concise", env={"PYTHONUNBUFFERED": ""})
    assert (code, err) == (1, "")
    *found, last = out.split("\n")
    assert len(found) == 200 and last == "closing: done"
    assert (project.root / "atexit.log").read_text() == "ran"
    assert (project.root / "thread.log").exists() is not daemon


def test_numpy_starts_no_thread_pool_unless_the_user_asks(project, run_cli):
    # newslint does no linear algebra: OpenBLAS's threads would only spin at start-up
    project.config('plugins = ["probe.py"]\n')
    project.write(
        "probe.py",
        "import os\nfrom pathlib import Path\n"
        "Path('blas.txt').write_text(os.environ.get('OPENBLAS_NUM_THREADS', 'unset'))\n",
    )
    project.write("a.txt", "A clean sentence.\n")
    run_cli("check", "a.txt")
    assert (project.root / "blas.txt").read_text() == "1"
    run_cli("check", "a.txt", env={"OPENBLAS_NUM_THREADS": "4"})
    assert (project.root / "blas.txt").read_text() == "4"


STALLING = """
import time
from pathlib import Path
from newslint import Rule, hookimpl

class Stall(Rule):
    \"\"\"## What it does
    Waits, as a rule on a huge article does.
    \"\"\"
    code = "XY001"
    name = "stall"

    def check(self, document):
        Path("started").write_text("yes")
        time.sleep(30)
        return []

@hookimpl
def newslint_register_rules():
    return [Stall]
"""


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_ctrl_c_is_its_own_exit_status(project):
    # Ctrl-C is not "violations found" (1), which is what click's "Aborted!" exits with
    import signal
    import time

    project.config('select = ["XY"]\nplugins = ["stall.py"]\nrule-timeout = 60\n')
    project.write("stall.py", STALLING)
    project.write("a.txt", DOUBLED)
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--no-cache", "a.txt"],
                            cwd=project.root, env=cli_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    started = project.root / "started"
    for _ in range(600):  # the rule is running: the command is past its start-up
        if started.exists() or proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (130, "", "newslint: interrupted\n")


@pytest.mark.skipif(sys.platform == "win32", reason="closes a POSIX file descriptor")
def test_a_command_without_standard_output_ends_cleanly(project):
    # launched with no standard output at all (a GUI, `>&-`): sys.stdout is None
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "rules"],
        preexec_fn=lambda: os.close(1),  # in the child, before newslint starts
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, "")


def _reader_gone(project, *args: str) -> tuple[int, str]:
    """Run ``newslint ARGS`` into a pipe whose reader has already gone (``| head -1`` once it
    has its line): every write to standard output meets a broken pipe."""
    with subprocess.Popen([sys.executable, "-m", "newslint", *args], cwd=project.root,
                          env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8")
        return proc.wait(timeout=60), err


@pytest.mark.parametrize("args", [("explain", "ST001"), ("rules",), ("rules", "--format", "json")])
def test_a_reader_that_stops_early_is_no_failure(project, args):
    assert _reader_gone(project, *args) == (0, "")


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("check", "--help"),
                                  ("explain", "--help"), ("test-rules", "-h"),
                                  ("check", "--help-formats")])
def test_help_for_a_reader_that_stops_early_is_no_failure(project, args):
    # `newslint check --help | head -1` under `set -o pipefail` failed, with exit 1
    assert _reader_gone(project, *args) == (0, "")


def test_commands_that_print_a_report_keep_their_exit_status_when_the_reader_stops_early(
        project):
    # they exited 1 (click's handling of the broken pipe), whether the rule tests passed or not
    rule = ('[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\ntokens = ["slammed"]\n'
            '[[rules.custom.tests]]\ntext = "The minister slammed the plan."\n'
            'expect = ["{}"]\n')
    project.config(rule.format("slammed"))
    assert _reader_gone(project, "test-rules") == (0, "")
    project.config(rule.format("plan"))
    assert _reader_gone(project, "test-rules") == (1, "")
    project.write("House/Slam.yml", "extends: existence\nmessage: \"Avoid '%s'.\"\n"
                                    "tokens:\n  - slammed\n")
    assert _reader_gone(project, "import-vale", "House") == (0, "")
    project.write("news/fire.txt", DOUBLED)
    assert _reader_gone(project, "train", "--no-base", "news", "-o", "house.model") == (0, "")
    (project.root / ".newslint.toml").unlink()
    assert _reader_gone(project, "init") == (0, "")


def test_check_keeps_its_exit_status_when_the_reader_stops_early(project):
    for i in range(40):
        project.write(f"news/{i:02}.txt", DOUBLED if i % 2 else CLEAN)
    assert _reader_gone(project, "check", "news", "--no-cache") == (1, "")
    assert _reader_gone(project, "check", "news", "--no-cache", "--exit-zero") == (0, "")
    assert _reader_gone(project, "check", "news", "--no-cache", "--exit-zero",
                        "--format", "json") == (0, "")


def test_check_one_file_text_format(project, run_cli):
    project.write("a.txt", BOTH)
    code, out, err = run_cli("check", "a.txt")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        'a.txt:3:20: ST001 "the" is repeated',
        "a.txt:3:27: ST002 2 spaces in a row inside a sentence",
        "Found 2 violations (2 warnings) in 1 of 1 file.",
    ]


def test_clean_file_exits_zero(project, run_cli):
    project.write("a.txt", CLEAN)
    assert run_cli("check", "a.txt") == (0, "1 file clean.\n", "")
    assert run_cli("check", "a.txt", "-q") == (0, "", "")


def test_an_empty_path_is_an_error_not_the_current_folder(project, run_cli):
    project.write("a.txt", CLEAN)  # what linting the current folder would find
    code, out, err = run_cli("check", "")
    assert (code, out) == (2, "1 file not linted.\n")
    assert err == "newslint: error: '': an empty path names no file\n"


def test_folders_are_walked_with_the_default_include_set(project, run_cli):
    names = [
        "a.md",
        "b.markdown",
        "c.html",
        "d.htm",
        "e.txt",
        "deep/er/f.txt",
        "g.rst",
        "h.docx",
        "i.TXT.bak",
        ".git/j.txt",
        "node_modules/k.md",
    ]
    for name in names:
        body = (
            "<h1>Council approves new budget</h1><p>The fire spread to the the warehouse.</p>"
            if name.endswith((".html", ".htm"))
            else DOUBLED
        )
        project.write(name, body)
    code, out, err = run_cli("check", ".", "--format", "json")
    assert code == 1, err
    paths = sorted(v["path"] for v in json.loads(out))
    assert paths == ["a.md", "b.markdown", "c.html", "d.htm", "deep/er/f.txt", "e.txt"]
    code, out, _ = run_cli("check", project.root / "deep", "--format", "concise")
    assert out == f'{project.root / "deep/er/f.txt"}:3:20: ST001 "the" is repeated\n'


def test_paths_are_reported_as_given_and_each_file_once(project, run_cli):
    project.write("news/a.txt", DOUBLED)
    project.write("b.txt", DOUBLED)
    _code, out, _ = run_cli("check", "news/", "./b.txt", "./news/a.txt", "b.txt", "--format",
                            "json")
    assert [v["path"] for v in json.loads(out)] == ["news/a.txt", "./b.txt"]
    _code, out, _ = run_cli("check", "-", "b.txt", "-", "--format", "json", input=DOUBLED)
    assert [v["path"] for v in json.loads(out)] == ["-", "b.txt"]


def test_a_link_to_an_article_found_beside_it_is_linted_once(project, run_cli):
    # "latest.txt" linking to a story: the same article, reported and fixed once
    project.write("news/story.txt", DOUBLED)
    (project.root / "news/latest.txt").symlink_to("story.txt")
    _code, out, _ = run_cli("check", "news", "--format", "json")
    assert [v["path"] for v in json.loads(out)] == ["news/latest.txt"]
    code, _, err = run_cli("check", "news", "--fix")
    assert code == 0 and "changed on disk" not in err
    assert (project.root / "news/story.txt").read_text(encoding="utf-8") != DOUBLED


def test_files_without_inode_numbers_are_told_apart_by_path(project, monkeypatch):
    from newslint import engine
    from newslint.manager import get_plugin_manager

    project.write("a.txt", DOUBLED)
    project.write("b.txt", DOUBLED)
    real_stat = os.stat

    def no_inode(path, *args, **kwargs):
        st = real_stat(path, *args, **kwargs)
        return os.stat_result((st.st_mode, 0, 0, *st[3:]))  # FAT: no inode, no device

    monkeypatch.setattr(os, "stat", no_inode)
    session = engine.Session(get_plugin_manager())
    found = [shown for shown, _, _ in session.expand([str(project.root)])]
    assert sorted(Path(f).name for f in found) == ["a.txt", "b.txt"]


def test_no_paths_means_the_current_folder(project, run_cli):
    project.write("a.txt", DOUBLED)
    code, out, _ = run_cli("check", "--format", "json")
    assert (code, [v["path"] for v in json.loads(out)]) == (1, ["a.txt"])


HTML_WITH_SCRIPT = (
    "<h1>Council approves new budget</h1>\n\n<p>All is well.</p>\n<script>\n"
    'var s = "The fire spread to the the warehouse.";\n</script>\n'
)


@pytest.mark.parametrize(
    ("filename", "expected"), [("story.html", []), ("story.txt", ["ST001"]), (None, [])]
)
def test_stdin_with_stdin_filename_picks_the_reader(project, run_cli, filename, expected):
    args = ["--stdin-filename", filename] if filename else []
    _code, out, err = run_cli("check", "-", "--format", "json", *args, input=HTML_WITH_SCRIPT)
    assert codes_of(out) == expected, err
    assert all(v["path"] == (filename or "-") for v in json.loads(out))


def test_stdin_markdown_positions(project, run_cli):
    text = (
        "---\ntitle: Council approves new budget\n---\n\n"
        "The fire spread to **the the** warehouse.\n"
    )
    code, out, err = run_cli(
        "check", "-", "--stdin-filename", "news/story.md", "--format", "concise", input=text
    )
    assert (code, out, err) == (1, 'news/story.md:5:22: ST001 "the" is repeated\n', "")


def test_stdin_filename_without_a_dash(project, run_cli, error_line):
    project.write("news/other.txt", DOUBLED)
    # alone, it means standard input, not the current folder
    code, out, _ = run_cli("check", "--stdin-filename", "a.txt", "--format", "concise",
                           input=DOUBLED)
    assert (code, out) == (1, 'a.txt:3:20: ST001 "the" is repeated\n')
    # beside other paths it is a mistake, not an option to drop in silence
    code, out, err = run_cli("check", "--stdin-filename", "a.txt", "news", input=DOUBLED)
    assert (code, out) == (2, "")
    error_line(err, "--stdin-filename", "'-'")


def test_stdin_uses_the_config_of_the_stdin_filename(project, run_cli):
    project.config('select = ["ST002"]\n', "news/.newslint.toml")
    _, out, _ = run_cli(
        "check", "-", "--stdin-filename", "news/a.txt", "--format", "json", input=BOTH
    )
    assert codes_of(out) == ["ST002"]
    _, out, _ = run_cli("check", "-", "--stdin-filename", "a.txt", "--format", "json", input=BOTH)
    assert codes_of(out) == ["ST001", "ST002"]


def test_select_and_ignore_options(project, run_cli):
    project.write("a.txt", BOTH)
    for args, expected in [
        (("--select", "ST001"), ["ST001"]),
        (("--select", "st002"), ["ST002"]),
        (("--select", "ST001,ST002"), ["ST001", "ST002"]),
        (("--select", "ST001", "--select", "ST002"), ["ST001", "ST002"]),
        (("--ignore", "ST001"), ["ST002"]),
        (("--ignore", "ST"), []),
        (("--ignore", "ST", "--extend-select", "ST002"), ["ST002"]),
        (("--select", "ALL", "--ignore", "ST002"), ["ST001"]),
    ]:
        _, out, err = run_cli("check", "a.txt", "--format", "json", *args)
        assert codes_of(out) == expected, (args, err)


def test_unknown_code_on_the_command_line(project, run_cli, error_line):
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "--select", "ST01")
    assert (code, out) == (2, "")
    error_line(err, "'ST01'", "--select", "did you mean 'ST001'?")
    code, out, err = run_cli("check", "a.txt", "--ignore", "XX")
    assert code == 2
    error_line(err, "'XX'", "--ignore")


@pytest.mark.parametrize(("args", "prefix", "parts"), [
    (("check", "--jobs", "0", "a.txt"), "newslint check", ("'--jobs'", "0 is not in the range")),
    (("check", "--zzz", "a.txt"), "newslint check", ("No such option", "--zzz")),
    (("explain",), "newslint explain", ("Missing argument", "CODE")),
    (("nosuch",), "newslint", ("No such command", "nosuch")),
    # raised while the option is parsed, before the command has a context of its own
    (("check", "a.txt", "--format"), "newslint check", ("'--format' requires an argument",)),
    (("check", "--no-cache=1", "a.txt"), "newslint check", ("'--no-cache' does not take",)),
    (("train", "a.txt", "-o"), "newslint train", ("'-o' requires an argument",)),
])
def test_usage_errors_are_one_line(project, run_cli, args, prefix, parts):
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli(*args)
    assert (code, out) == (2, "")
    (line,) = err.splitlines()  # not click's usage, hint and blank line before the error
    assert line.startswith(f"{prefix}: error: ") and all(part in line for part in parts), err


@pytest.mark.parametrize(("args", "echoed"), [
    (("check", "--format", "js\non", "a.txt"), "'js\\non'"),
    (("explain", "bad\ncode"), "'bad\\ncode'"),
    (("check", "no\nsuch.md"), '"no\\nsuch.md": no such file'),
    (("check", "--config", "a\nb.toml", "a.txt"), "a\\nb.toml: configuration file not found"),
    (("check", "--select", "ST\nX", "a.txt"), "'ST\\nX' in '--select'"),
    (("check", "--output-file", "/nonexist/a\r\nb", "a.txt"), "/nonexist/a\\r\\nb: cannot"),
    (("check", "--format", "x" * 100_000, "a.txt"), f"'{'x' * 80}\u2026' (choose from"),
])
def test_values_echoed_in_an_error_keep_it_one_line(project, run_cli, error_line, args, echoed):
    project.write("a.txt", DOUBLED)
    code, _, err = run_cli(*args)
    assert code == 2
    error_line(err, echoed)


def test_the_stdin_filename_is_one_line_of_the_report(project, run_cli):
    code, out, _ = run_cli("check", "--stdin-filename", "a\nb.txt", "--format", "concise", "-",
                           input=DOUBLED)
    assert code == 1 and out.splitlines()[0].startswith('"a\\nb.txt":'), out


def test_help_still_shows_the_usage_and_options(run_cli):
    code, out, err = run_cli("check", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: ") and "--jobs" in out


def test_formats(project, run_cli):
    project.write("a.txt", BOTH)
    code, out, _ = run_cli("check", "a.txt", "--format", "concise")
    assert out == (
        'a.txt:3:20: ST001 "the" is repeated\n'
        "a.txt:3:27: ST002 2 spaces in a row inside a sentence\n"
    )
    code, out, _ = run_cli("check", "a.txt", "--format", "json")
    assert code == 1
    first = json.loads(out)[0]
    assert first == {
        "path": "a.txt",
        "code": "ST001",
        "rule": "repeated-word",
        "severity": "warning",
        "message": '"the" is repeated',
        "line": 3,
        "column": 20,
        "end_line": 3,
        "end_column": 27,
        "suggestions": ["the"],
        "fix": {"replacement": "the", "line": 3, "column": 20, "end_line": 3, "end_column": 27},
    }
    code, out, err = run_cli("check", "a.txt", "--format", "sarif-ish")
    assert (code, out) == (2, "")
    choices = err.partition("(choose from ")[2].rstrip(")\n").split(", ")
    assert "unknown format 'sarif-ish'" in err and {"concise", "json", "text"} <= set(choices)
    code, out, _ = run_cli("check", "--help-formats")
    assert code == 0 and {"text", "concise", "json"} <= {
        line.split()[0] for line in out.splitlines()
    }


def test_text_format_shows_source_and_colour_when_asked(project, run_cli):
    project.write("a.txt", DOUBLED)
    _, out, _ = run_cli("check", "a.txt", "--show-source")
    assert "    3 | The fire spread to the the warehouse." in out
    assert "                         ^^^^^^^" in out
    assert "\x1b[" not in out
    _code, out, _ = run_cli("check", "a.txt", "--color")
    assert "\x1b[" in out


def test_json_of_an_empty_run_is_an_empty_array(project, run_cli):
    project.write("a.txt", CLEAN)
    assert run_cli("check", "a.txt", "--format", "json") == (0, "[]\n", "")


def test_output_file(project, run_cli):
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli(
        "check", "a.txt", "--format", "json", "--output-file", "out/report.json"
    )
    assert (code, out) == (2, "")  # the folder does not exist
    assert "out/report.json" in err and "Traceback" not in err
    code, out, err = run_cli("check", "a.txt", "--format", "json", "-o", "report.json")
    assert (code, out, err) == (1, "", "")
    assert codes_of((project.root / "report.json").read_text(encoding="utf-8")) == ["ST001"]


def test_output_file_is_never_an_article(project, run_cli, error_line):
    # a folder's walk finds the report, which opening it has emptied
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", ".", "--format", "concise", "-o", "report.txt")
    assert (code, out, err) == (1, "", "")
    assert (project.root / "report.txt").read_text(encoding="utf-8").startswith("a.txt:3:")
    # an article named as both, or found in a folder, is kept, not emptied: a file there
    # already cannot be told from an article, unless the configuration excludes it
    for args in (("a.txt", "-o", "./a.txt"), (".", "-o", "a.txt"), (".", "-o", "report.txt")):
        code, _, err = run_cli("check", *args)
        assert code == 2
        error_line(err, f"{Path(args[-1])}: is one of the articles to lint")
    assert (project.root / "a.txt").read_text(encoding="utf-8") == DOUBLED
    project.config('select = ["ST"]\nextend-exclude = ["report.txt"]\n')
    code, _, err = run_cli("check", ".", "--format", "concise", "-o", "report.txt")
    assert (code, err) == (1, "")


@pytest.mark.parametrize("args", [("-",), ("-", "--stdin-filename", "a.txt"),
                                  ("--input-format", "jsonl", "-")])
def test_output_file_is_never_the_article_on_standard_input(project, error_line, args):
    # `newslint check - -o a.txt < a.txt`: the report emptied the article it was read from
    article = project.write("a.txt", json.dumps({"id": "a", "text": DOUBLED}) + "\n"
                            if "jsonl" in args else DOUBLED)
    before = article.read_bytes()
    with article.open("rb") as stdin:
        proc = subprocess.run([sys.executable, "-m", "newslint", "check", *args, "-o", "a.txt"],
                              stdin=stdin, capture_output=True, text=True, cwd=project.root,
                              env=cli_env(), timeout=60, check=False)
    assert proc.returncode == 2
    error_line(proc.stderr, "a.txt: is one of the articles to lint")
    assert article.read_bytes() == before


def test_the_report_is_known_by_any_path_to_it(project, run_cli):
    # through a folder that is a link, the walk meets the report under another name
    project.write("sub/a.txt", DOUBLED)
    (project.root / "link").symlink_to("sub")
    code, out, err = run_cli("check", "sub", "--format", "concise", "-o", "link/report.txt")
    assert (code, out, err) == (1, "", "")
    assert (project.root / "sub/report.txt").read_text(encoding="utf-8").startswith("sub/a.txt:3:")


def test_exit_zero_and_statistics(project, run_cli):
    project.write("a.txt", BOTH)
    project.write("b.txt", DOUBLED)
    code, out, _ = run_cli("check", ".", "--exit-zero", "--statistics")
    assert code == 0
    lines = out.splitlines()
    assert lines[-3:] == [
        "     2  ST001    repeated-word",
        "     1  ST002    multiple-spaces",
        "Found 3 violations (3 warnings) in 2 of 2 files.",
    ]
    code, out, _ = run_cli("check", ".", "--statistics", "-q")
    assert code == 1
    assert out.splitlines()[-1] == "     1  ST002    multiple-spaces"


def test_exit_codes(project, run_cli):
    project.write("clean.txt", CLEAN)
    project.write("dirty.txt", DOUBLED)
    assert run_cli("check", "clean.txt")[0] == 0
    assert run_cli("check", "dirty.txt")[0] == 1
    assert run_cli("check", "dirty.txt", "--fail-on", "error")[0] == 0
    assert run_cli("check", "dirty.txt", "--fail-on", "info")[0] == 1
    assert run_cli("check", "missing.txt")[0] == 2
    assert run_cli("check", "dirty.txt", "missing.txt", "--exit-zero")[0] == 2  # errors still count
    assert run_cli("check", "dirty.txt", "--fail-on", "bogus")[0] == 2
    assert run_cli("check", "dirty.txt", "--no-such-flag")[0] == 2
    assert run_cli("frobnicate")[0] == 2


def test_rules_command(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["code", "name", "family", "severity", "default", "fix"]
    by_code = {row.split()[0]: row.split() for row in rows}
    assert by_code["ST001"][:5] == ["ST001", "repeated-word", "style", "warning", "on"]
    assert by_code["ST002"][:5] == ["ST002", "multiple-spaces", "style", "warning", "on"]
    # every column lines up, under its title, however long the names
    for title in ("family", "severity"):
        at = header.index(title)
        assert all(row[at - 1] == " " and row[at] != " " for row in rows), (title, out)
    code, out, _ = run_cli("rules", "--format", "json")
    rows = {r["code"]: r for r in json.loads(out)}
    assert rows["ST001"]["plugin"] == "newslint.rules.style"
    assert rows["ST001"]["source"].endswith("style.py:" + rows["ST001"]["source"].split(":")[-1])


def test_rules_command_lists_default_off_rules_and_their_severity(project, run_cli):
    project.write(
        "sitecustomize_plugin/newslint_quiet.py",
        '''
from newslint import Rule, Severity, hookimpl

class Quiet(Rule):
    """Quiet."""
    code = "QQ001"
    name = "quiet-rule"
    severity = Severity.INFO
    default_enabled = False

@hookimpl
def newslint_register_rules():
    return [Quiet]
''',
    )
    info = project.root / "sitecustomize_plugin" / "newslint_quiet-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-quiet\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[newslint]\nquiet = newslint_quiet\n")
    code, out, err = run_cli(
        "rules", env={"PYTHONPATH": str(project.root / "sitecustomize_plugin")}
    )
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("QQ001"))
    assert row.split() == ["QQ001", "quiet-rule", "QQ", "info", "off"]


def test_explain(run_cli):
    code, out, _ = run_cli("explain", "ST001")
    assert code == 0
    assert out.startswith("# repeated-word (ST001)\n")
    assert "From the **style** rules" in out
    for section in (
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Options",
        "`allow`",
    ):
        assert section in out
    # defaults as the configuration writes them, not as Python does (True, ['had', ...])
    assert '- `allow` (default: `["had", "that", ' in out
    out = run_cli("explain", "HL204")[1]
    assert "- `full-stop` (default: `true`)" in out and "- `case` (default: `\"sentence\"`)" in out
    assert run_cli("explain", "st002")[0] == 0


def test_explain_and_rules_know_the_rules_of_the_configuration_here(project, run_cli, error_line):
    # [[rules.custom]]'s description is for explain, and check here runs the rule
    project.config('[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\ntokens = ["slammed"]\n'
                   'description = "Say what happened."\n')
    code, out, _ = run_cli("explain", "nyt001")
    assert code == 0
    assert out.startswith("# custom-nyt001 (NYT001)\n") and "Say what happened." in out
    code, out, err = run_cli("explain", "NYT002")
    assert (code, out) == (2, "")
    error_line(err, "unknown rule code 'NYT002'", "did you mean 'NYT001'?")
    # and the list of rules holds it, as it holds a local plugin's
    project.write("shout.py", SHOUTING_PLUGIN)
    project.config('plugins = ["shout.py"]\n[[rules.custom]]\ncode = "NYT001"\n'
                   'type = "existence"\ntokens = ["slammed"]\n')
    code, out, _ = run_cli("rules", "--format", "json")
    listed = {r["code"]: r["plugin"] for r in json.loads(out)}
    assert code == 0 and "ST001" in listed
    assert listed["NYT001"].endswith(".newslint.toml") and listed["XY001"].endswith("shout.py")


def test_explain_and_rules_work_beside_a_configuration_being_fixed(project, run_cli):
    # and a plugin that set up for the configuration here tears down, as after a check
    project.config('select = ["ZZ9"]\n')
    for args in (("explain", "ST001"), ("rules",)):
        code, out, err = run_cli(*args)
        assert code == 0 and "ST001" in out
        assert err.startswith("newslint: warning: ") and "'ZZ9'" in err
    project.config('plugins = ["probe.py"]\n')
    project.write(
        "probe.py",
        "from pathlib import Path\nfrom newslint import hookimpl\n\n"
        "@hookimpl\ndef newslint_unconfigure(config):\n"
        "    Path('torn-down').write_text('yes')\n",
    )
    assert run_cli("rules")[0] == 0
    assert (project.root / "torn-down").read_text() == "yes"


@pytest.mark.parametrize("returned", ['"HS001"', "[1]"])
def test_explain_and_rules_work_beside_a_local_plugin_that_returns_the_wrong_thing(
    project, run_cli, returned
):
    # the README's house plugin with its list forgotten: one warning, then the built-in rules
    project.config('plugins = ["newslint_house/plugin.py"]\n')
    project.write("newslint_house/plugin.py",
                  "from newslint import hookimpl\n\n"
                  f"@hookimpl\ndef newslint_register_rules():\n    return {returned}\n")
    for args in (("explain", "ST001"), ("rules",)):
        code, out, err = run_cli(*args)
        assert code == 0 and "ST001" in out, err
        assert err.startswith("newslint: warning: plugin ") and "Traceback" not in err
        assert "newslint_register_rules" in err and err.count("\n") == 1


def test_explain_unknown_code(run_cli, error_line):
    code, out, err = run_cli("explain", "ST01")
    assert (code, out) == (2, "")
    error_line(err, "unknown rule code 'ST01'", "did you mean 'ST001'?")


def test_init(project, run_cli, error_line):
    (project.root / ".newslint.toml").unlink()
    code, _, err = run_cli("init")
    assert (code, err) == (0, "")
    written = (project.root / ".newslint.toml").read_text(encoding="utf-8")
    assert written.startswith("#") and written.count("\n# ") >= 5
    # "the values shown are the defaults", the commented ones too
    assert "the values shown are the defaults" in written
    shown = next(line for line in written.splitlines() if line.startswith("# allow = "))
    assert tomllib.loads(shown[2:])["allow"] == RepeatedWord.options["allow"]
    assert Config.load(project.root / ".newslint.toml").locale == "en-US"
    (project.root / ".newslint.toml").write_text("# mine\n", encoding="utf-8")
    code, _out, err = run_cli("init")
    assert code == 2
    error_line(err, ".newslint.toml already exists", "--force")
    assert (project.root / ".newslint.toml").read_text(encoding="utf-8") == "# mine\n"
    assert run_cli("init", "--force")[0] == 0
    assert (project.root / ".newslint.toml").read_text(encoding="utf-8") == written


def test_written_output_that_cannot_be_written_is_one_error_line(project, run_cli, error_line):
    (project.root / "style").mkdir()
    (project.root / "style" / "Bad.yml").write_text(
        "extends: existence\nmessage: 'x'\ntokens: [a]\n", encoding="utf-8")
    (project.root / "plain").write_text("", encoding="utf-8")
    code, _, err = run_cli("import-vale", "style", "-o", "plain/out.toml")
    assert code == 2
    error_line(err, "plain/out.toml: cannot write")
    (project.root / ".newslint.toml").unlink()
    (project.root / ".newslint.toml").mkdir()
    code, _, err = run_cli("init", "--force")
    assert code == 2
    error_line(err, ".newslint.toml: cannot write")


def test_seed_article_json(run_cli):
    if not SEED.is_file():
        pytest.skip("the shared seed article is not on this machine")
    code, out, err = run_cli("check", SEED, "--format", "json", "--exit-zero")
    assert (code, err) == (0, "")
    items = json.loads(out)
    assert isinstance(items, list)
    lines = SEED.read_text(encoding="utf-8-sig").splitlines()
    for item in items:
        assert set(item) == JSON_KEYS
        assert item["path"] == str(SEED)
        assert 1 <= item["line"] <= item["end_line"] <= len(lines)
        assert item["column"] >= 1 and item["end_column"] >= 1


def test_json_positions_count_characters(project, run_cli):
    text = "Café 🎉 budget\n\nNaïve 🎉 café owners said the the rent rose.\n"
    project.write("a.txt", text)
    _code, out, _ = run_cli("check", "a.txt", "--format", "json")
    [item] = json.loads(out)
    assert set(item) == JSON_KEYS
    line = text.splitlines()[item["line"] - 1]
    # 1-based, end exclusive, in characters (the emoji is one character, four bytes)
    assert line[item["column"] - 1 : item["end_column"] - 1] == "the the"
    assert (item["line"], item["column"], item["end_line"], item["end_column"]) == (3, 26, 3, 33)


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(project, run_cli):
    name = "caf\udce9.txt"  # the byte 0xe9, as Python names it
    try:
        project.write(name, DOUBLED)
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system takes only UTF-8 names")
    # standard output is strict under PYTHONIOENCODING; JSON is UTF-8, so the byte is a \udcxx
    # escape there, which loads back as the name
    assert run_cli("check", name, "--format", "json", "-o", "report.json")[0] == 1
    report = json.loads((project.root / "report.json").read_bytes().decode("utf-8"))
    assert report[0]["path"] == name
    code, out, err = run_cli("check", name)  # a report line escapes them
    assert (code, err) == (1, "") and out.startswith('"caf\\udce9.txt":3:')
    code, out, err = run_cli("check", name, "--format", "sarif")
    assert (code, err) == (1, "")
    location = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "caf%E9.txt"
    code, out, err = run_cli("check", name, "--format", "gitlab")
    assert (code, err) == (1, "")
    report = json.loads(out.encode("utf-8", "surrogateescape").decode("utf-8"))
    assert report[0]["location"]["path"] == name
    # the baseline is UTF-8 JSON, and names the file as it is named
    assert run_cli("check", name, "--add-ignore")[0] == 0
    baseline = json.loads((project.root / ".newslint-baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in baseline["entries"]} == {name}
    assert run_cli("check", name) == (0, "1 file clean.\n", "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_report_that_cannot_be_written_is_one_error_line(project, run_cli):
    project.write("a.txt", DOUBLED)
    code, _, err = run_cli("check", "a.txt", "-o", "/dev/full")
    assert (code, err) == (2, "newslint: error: /dev/full: cannot write the report: "
                              "No space left on device\n")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "newslint", "check", "--format", "json",
                               "a.txt"], cwd=project.root, stdout=full, stderr=subprocess.PIPE,
                              env=cli_env(), timeout=60)
    assert (proc.returncode, proc.stderr.decode()) == (
        2, "newslint: error: standard output: cannot write the report: No space left on device\n")


LOCAL_REPORTER = """
from newslint import hookimpl
from newslint.reporters.base import Reporter


class Headlines(Reporter):
    name = "desk"
    description = "one line a file, for the news desk"

    def report(self, result):
        self.write(f"DESK {result.path} {len(result.violations)}")


@hookimpl
def newslint_register_reporters():
    return [Headlines]
"""


def test_a_local_plugin_brings_its_format(project, run_cli):
    project.config('select = ["ST"]\nplugins = ["house/desk.py"]\n')
    project.write("house/desk.py", LOCAL_REPORTER)
    project.write("a.txt", DOUBLED)
    assert run_cli("check", "a.txt", "--format", "desk") == (1, "DESK a.txt 1\n", "")
    code, out, _ = run_cli("check", "--help-formats")
    assert code == 0 and "desk       one line a file, for the news desk" in out
