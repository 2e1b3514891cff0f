"""Exact comparison with the golden files in ``tests/reporters/golden/``.

Set ``NEWSLINT_UPDATE_GOLDEN=1`` to rewrite them after a deliberate change, then review the diff;
without it a missing or different golden file fails the test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from newslint.cli import main
from tests.shared import SEED

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NEWSLINT_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.exists(), f"no golden file {path}; run with NEWSLINT_UPDATE_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


def run_check(folder: Path, *args: str) -> tuple[int, str]:
    """``newslint check ARGS`` run in ``folder`` (so paths in the output are relative);
    standard output is not a terminal, so there is no colour."""
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = runner.invoke(
            main, ["check", *args], catch_exceptions=False, env={"NO_COLOR": None, "COLUMNS": "200"}
        )
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout


def workspace(tmp_path: Path) -> Path:
    """A folder with the test articles: ``story.md``, ``seed-article.txt`` and
    ``seed-slips.txt`` (the seed with two slips typed into line 11)."""
    shutil.copy(DATA / "story.md", tmp_path / "story.md")
    seed = SEED.read_text(encoding="utf-8")
    shutil.copy(SEED, tmp_path / "seed-article.txt")
    slipped = seed.replace(
        "eliminated, the White House announced Friday",
        "eliminated, the the White House announced  Friday",
        1,
    )
    assert slipped != seed
    (tmp_path / "seed-slips.txt").write_text(slipped, encoding="utf-8")
    return tmp_path
