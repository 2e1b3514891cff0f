"""``newslint check`` with the plugin found through its entry point, in a real subprocess: the
exit status and the one error line of a LanguageTool fault."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from newslint_languagetool import plugin

STORY = "Council meets\n\nThe the council bought a apple.\n"


@pytest.fixture(autouse=True)
def installed() -> None:
    """These tests need the plugin installed (``pip install ./plugins/newslint-languagetool``),
    so that newslint finds it through its entry point."""
    from importlib import metadata

    names = [ep.name for ep in metadata.entry_points(group="newslint")]
    if plugin.PLUGIN not in names:
        pytest.fail("newslint-languagetool is not installed in this environment")


def check(tmp_path: Path, server: str, *extra: str, options: str = "",
          cache: bool = False) -> tuple[int, str, str]:
    (tmp_path / ".newslint.toml").write_text(
        f'select = ["LT", "ST001"]\n\n[plugins.languagetool]\nserver = "{server}"\n{options}',
        encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "story.txt", *([] if cache else ["--no-cache"]),
         "--format", "concise", *extra],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def test_languagetool_findings_through_the_entry_point(tmp_path, fake_lt):
    code, out, err = check(tmp_path, fake_lt.url)
    assert code == 1, err
    assert "LT:EN_A_VS_AN" in out and "ST001" in out
    assert "LT:ENGLISH_WORD_REPEAT_RULE" not in out  # deduplicated with ST001
    assert err == ""


def test_ignoring_one_code_on_the_command_line(tmp_path, fake_lt):
    _, out, _ = check(tmp_path, fake_lt.url, "--ignore", "LT:EN_A_VS_AN")
    assert "LT:" not in out and "ST001" in out


def test_no_server_is_one_error_line_other_rules_report_and_the_run_is_incomplete(tmp_path,
                                                                                 dead_url):
    code, out, err = check(tmp_path, dead_url)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newslint: error: story.txt: LanguageTool did not check this file:")
    assert f"no LanguageTool server answers at {dead_url}" in lines[0]
    assert "Traceback" not in err
    assert "ST001" in out


def test_fail_on_unavailable_false_keeps_the_exit_status_of_the_other_rules(tmp_path, dead_url):
    code, out, err = check(tmp_path, dead_url, options="fail-on-unavailable = false\n")
    assert code == 1  # ST001 is a warning; LanguageTool's absence is info
    assert "ST001" in out and "LanguageTool did not check this file" in out
    assert err == ""


@pytest.mark.parametrize("mode", ["ratelimit", "incomplete"])
def test_a_file_languagetool_did_not_check_is_checked_on_the_next_run(tmp_path, fake_lt, mode):
    # with the result cache on, "did not check this file" (or "incomplete") was kept as the
    # file's result, and LanguageTool, back or with time to finish, never saw it again
    fake_lt.mode = mode
    _, out, _ = check(tmp_path, fake_lt.url, options="fail-on-unavailable = false\n", cache=True)
    assert "LT " in out, out
    fake_lt.mode = "ok"
    _, out, _ = check(tmp_path, fake_lt.url, options="fail-on-unavailable = false\n", cache=True)
    assert "LT:EN_A_VS_AN" in out and "LT " not in out, out
