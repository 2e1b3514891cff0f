"""Bad input through the CLI: one clear line on stderr naming the file, no traceback, exit 2,
and every other file still reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import cli_env

DOUBLED = "Council approves new budget\n\nThe fire spread to the the warehouse.\n"


def reported(stdout: str) -> list[tuple[str, str]]:
    return [(v["path"], v["code"]) for v in json.loads(stdout)]


@pytest.mark.parametrize(
    ("name", "content", "fragments"),
    [
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["binary file"]),
        # a NUL far into a text file: the rules mark text with NUL, so a fix would miss its spot
        ("late.txt", b"Council approves budget\n\n" + b"Words go here. " * 700 + b"The\x00 end.\n",
         ["binary file"]),
        (
            "latin.txt",
            "Council approves budget\n\nThe café was shut.\n".encode("latin-1"),
            ["not UTF-8", "0xe9", "byte offset 32"],
        ),
        ("empty.txt", b"", ["empty file"]),
        ("blank.md", b"  \n\n\t\n", ["empty file"]),
    ],
)
def test_unreadable_file_among_good_ones(project, run_cli, error_line, name, content, fragments):
    project.write("a.txt", DOUBLED)
    project.write(name, content)
    project.write("z.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", name, "z.txt", "--format", "json")
    assert code == 2
    error_line(err, f"{name}: ", *fragments)
    assert reported(out) == [("a.txt", "ST001"), ("z.txt", "ST001")]


def test_unreadable_file_found_in_a_folder(project, run_cli, error_line):
    project.write("news/a.txt", DOUBLED)
    project.write("news/b.txt", b"\xff\xfe\x00\x00garbage")
    code, out, err = run_cli("check", "news", "--format", "concise")
    assert code == 2
    error_line(err, "news/b.txt: ", "binary file")
    assert out == 'news/a.txt:3:20: ST001 "the" is repeated\n'


def test_utf8_with_bom_is_read_and_columns_are_not_shifted(project, run_cli):
    project.write("bom.txt", b"\xef\xbb\xbf" + DOUBLED.encode("utf-8"))
    project.write("plain.txt", DOUBLED)
    code, out, err = run_cli("check", "bom.txt", "plain.txt", "--format", "concise")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        'bom.txt:3:20: ST001 "the" is repeated',
        'plain.txt:3:20: ST001 "the" is repeated',
    ]
    # the BOM is on line 1, so the headline's columns are the ones it could shift
    project.write("bom1.txt", b"\xef\xbb\xbfThe the fire\n\nCouncil met.\n")
    code, out, err = run_cli("check", "bom1.txt", "--format", "json")
    assert all(v["line"] != 1 or v["column"] == 1 for v in json.loads(out)), out


def test_non_utf8_stdin(project, run_cli, error_line):
    code, out, err = run_cli(
        "check",
        "-",
        "--stdin-filename",
        "story.txt",
        input="Council\n\nCafé the the.\n".encode("latin-1"),
    )
    assert (code, out) == (2, "1 file not linted.\n")
    error_line(err, "story.txt: not UTF-8", "byte offset 12")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_unreadable_stdin_leaves_the_other_articles_linted(project, run_cli, error_line, fmt):
    # as a file that cannot be read: its error, and the others linted and reported
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "-", "--format", fmt,
                             input="Council\n\nCafé the the.\n".encode("latin-1"))
    assert code == 2
    error_line(err, "-: not UTF-8", "byte offset 12")
    if fmt == "json":
        assert reported(out) == [("a.txt", "ST001")]
    else:
        assert out.splitlines()[0].startswith("a.txt:3:") and "1 file not linted" in out


@pytest.mark.skipif(sys.platform == "win32", reason="closes a POSIX file descriptor")
def test_stdin_closed(project, error_line):
    # launched with no standard input at all: sys.stdin is None, and reading it was a traceback
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "-"],
        preexec_fn=lambda: os.close(0),  # in the child, before newslint starts
        capture_output=True, text=True, cwd=project.root, env=cli_env(), timeout=60, check=False)
    assert (proc.returncode, proc.stdout) == (2, "1 file not linted.\n")
    error_line(proc.stderr, "-: cannot read: standard input is closed")


def test_empty_stdin(project, run_cli, error_line):
    code, out, err = run_cli("check", "-", "--format", "json", input="")
    assert (code, out) == (2, "[]\n")
    error_line(err, "-: empty input")


def test_twenty_megabyte_file_over_the_default_limit(project, run_cli, error_line):
    big = project.root / "huge.txt"
    with open(big, "wb") as f:  # sparse: 20 MB long without writing 20 MB
        f.truncate(20 * 1024 * 1024)
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "huge.txt", "a.txt", "--format", "json")
    assert code == 2
    error_line(err, "huge.txt: ", "21.0 MB", "over the 10.5 MB limit", "max-file-size")
    assert reported(out) == [("a.txt", "ST001")]


def test_max_file_size_is_configurable(project, run_cli, error_line):
    article = DOUBLED + "More copy follows here.\n" * 100  # about 2.5 kB
    project.write("a.txt", article)
    project.config('select = ["ST"]\nmax-file-size = 1000\n')
    code, out, err = run_cli("check", "a.txt")
    assert (code, out) == (2, "1 file not linted.\n")
    error_line(err, "a.txt: ", "max-file-size")
    project.config('select = ["ST"]\nmax-file-size = 1_000_000\n')
    code, out, err = run_cli("check", "a.txt", "--format", "json")
    assert (code, err) == (1, "")
    assert reported(out) == [("a.txt", "ST001")]


def test_symbolic_link_that_loops_in_a_folder_is_skipped(project, run_cli):
    project.write("news/a.txt", DOUBLED)
    (project.root / "news/loop.txt").symlink_to("loop.txt")
    code, out, err = run_cli("check", "news", "--format", "concise")
    assert (code, err) == (1, "")
    assert out == 'news/a.txt:3:20: ST001 "the" is repeated\n'


def test_folder_without_articles(project, run_cli, error_line):
    project.write("assets/logo.png", b"\x89PNG")
    project.write("assets/notes.rst", "Notes\n")
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "assets", "a.txt", "--format", "json")
    assert code == 2
    error_line(err, "assets: no articles found", "*.md")
    assert reported(out) == [("a.txt", "ST001")]


def test_a_folder_whose_articles_the_configuration_excludes_says_so(project, run_cli):
    # a desk's folder of drafts, and the archive's years, which the configuration leaves out
    project.config('select = ["ST"]\nextend-exclude = ["drafts/**", "archive/20*"]\n')
    project.write("drafts/fire.md", DOUBLED)
    project.write("archive/2019/old/fire.txt", DOUBLED)
    project.write("archive/2019/.newslint.toml", "not = [toml")  # never read, as by the walk
    project.write("archive/cover.png", b"\x89PNG")  # no article by include
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "drafts", "archive", "a.txt", "--format", "concise")
    assert (code, out) == (2, 'a.txt:3:20: ST001 "the" is repeated\n')
    assert err.splitlines() == [
        "newslint: error: drafts: every article in this folder is excluded by the "
        "configuration: 'drafts/**' (.newslint.toml) excludes drafts/fire.md",
        "newslint: error: archive: every article in this folder is excluded by the "
        "configuration: 'archive/20*' (.newslint.toml) excludes archive/2019/old/fire.txt"]


def test_missing_path(project, run_cli, error_line):
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "nowhere/story.md", "--format", "json")
    assert code == 2
    error_line(err, "nowhere/story.md: no such file or folder")
    assert reported(out) == [("a.txt", "ST001")]


def test_unreadable_permissions(project, run_cli, error_line):
    if os.geteuid() == 0:
        pytest.skip("root can read every file")
    path = project.write("locked.txt", DOUBLED)
    path.chmod(0)
    code, _, err = run_cli("check", "locked.txt")
    assert code == 2
    error_line(err, "locked.txt: cannot read")


def test_malformed_toml(project, run_cli, error_line):
    cfg = project.config('select = ["ST"\nignore = []\n')
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "--format", "json")
    assert (code, out) == (2, "")
    error_line(err, f"error: {cfg.name}:2: invalid TOML")


def test_plugin_module_that_raises_on_import(project, run_cli, error_line):
    cfg = project.config('select = ["ST"]\nplugins = ["house/broken.py"]\n')
    project.write("house/broken.py", "import math\nmath.sqrt(-1)\n")
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "--format", "json")
    assert (code, out) == (2, "")
    error_line(
        err, f"error: {cfg.name}:2: plugin house/broken.py failed to import",
        "ValueError: math domain error"
    )


CRASHY = '''
from newslint import Rule, hookimpl

class Fragile(Rule):
    """## What it does
    Crashes on copy that mentions a crash.
    """
    code = "XX001"
    name = "fragile"

    def check(self, document):
        if "crash" in document.source:
            raise KeyError("slug")
        return []

@hookimpl
def newslint_register_rules():
    return [Fragile]
'''


def test_rule_that_raises_on_one_file(project, run_cli, error_line):
    project.config('select = ["ST", "XX"]\nplugins = ["crashy.py"]\n')
    project.write("crashy.py", CRASHY)
    project.write("a.txt", DOUBLED)
    project.write("b.txt", DOUBLED.replace("fire", "crash"))
    project.write("c.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", "b.txt", "c.txt", "--format", "json")
    assert code == 2
    error_line(err, "b.txt: ", "XX001", "fragile", "KeyError")
    items = json.loads(out)
    assert reported(out) == [
        ("a.txt", "ST001"),
        ("b.txt", "internal-error"),
        ("b.txt", "ST001"),
        ("c.txt", "ST001"),
    ]
    crash = items[1]
    assert (crash["rule"], crash["severity"], crash["line"], crash["column"]) == (
        "internal-error",
        "error",
        1,
        1,
    )
    assert "rule XX001 (fragile) crashed: KeyError: 'slug'" == crash["message"]
    # --exit-zero does not hide a crash
    assert run_cli("check", "b.txt", "--exit-zero")[0] == 2


def test_internal_error_is_not_suppressed(project, run_cli):
    project.config('select = ["ST", "XX"]\nplugins = ["crashy.py"]\n')
    project.write("crashy.py", CRASHY)
    project.write("b.txt", "Council approves budget\n\nnewslint: disable\n\nThe crash the the.\n")
    code, out, _err = run_cli("check", "b.txt", "--format", "json")
    assert (code, reported(out)) == (2, [("b.txt", "internal-error")])
