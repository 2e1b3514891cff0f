"""The pre-commit hook, run for real through ``pre-commit try-repo``.

pre-commit installs the hook's ``language: python`` environment with pip, so this needs PyPI
(for newslint's dependencies and its build backend) and takes some twenty seconds per run. The
hook repository is a temporary git repository holding the package source and
``.pre-commit-hooks.yaml``, so uncommitted work in the checkout is what gets tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CLEAN, FAULTY

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com"}


def commit_all(folder: Path) -> None:
    env = {**os.environ, **ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "init"]):
        subprocess.run(["git", *args], cwd=folder, check=True, env=env, capture_output=True)


def test_hook_fails_on_a_bad_article_and_passes_a_clean_one(tmp_path):
    hooks = tmp_path / "hooks"
    shutil.copytree(ROOT / "newslint", hooks / "newslint",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, hooks / name)
    commit_all(hooks)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "bad.txt").write_text(FAULTY, encoding="utf-8")
    (articles / "good.txt").write_text(CLEAN, encoding="utf-8")
    (articles / ".newslint.toml").write_text('select = ["ST001", "ST002"]\n', encoding="utf-8")
    commit_all(articles)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks),
                               "newslint", "--files", *files], cwd=articles, env=env,
                              capture_output=True, text=True, timeout=600)

    bad = hook("bad.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert 'bad.txt:3:20: ST001 "the" is repeated' in bad.stdout
    good = hook("good.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_force_exclude_leaves_out_excluded_files_named_on_the_command_line(run_cli, project):
    # not slow, but here: pre-commit names every staged file, excluded ones too
    project.config('select = ["ST"]\nextend-exclude = ["archive"]\n')
    project.write("archive/2019/old.txt", FAULTY)
    project.write("news/new.txt", CLEAN)
    assert run_cli("check", "archive/2019/old.txt", "news/new.txt")[0] == 1  # as ruff does
    code, out, err = run_cli("check", "--force-exclude", "archive/2019/old.txt", "news/new.txt")
    assert code == 0 and "archive" not in out + err, out + err
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert hooks.count("--force-exclude") == 2
    # an editor's buffer of an excluded article, on standard input, is left out as well
    code, out, err = run_cli("check", "--force-exclude", "--stdin-filename",
                             "archive/2019/old.txt", "-", input=FAULTY)
    assert (code, "ST001" in out) == (0, False), out + err
    assert run_cli("check", "--force-exclude", "--stdin-filename", "news/new.txt", "-",
                   input=FAULTY)[0] == 1
    # only excluded files staged: nothing to lint, which is no failure, and says so
    code, out, err = run_cli("check", "--force-exclude", "archive/2019/old.txt")
    assert (code, out, err) == (0, "No files linted.\n", "newslint: note: nothing to lint: the "
                                "configuration excludes every file named (--force-exclude)\n")
