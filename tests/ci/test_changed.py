"""--changed-since in a temporary git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from newslint.gitchanges import GitError, changed_files

from .conftest import CLEAN, FAULTY


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                               "HOME": str(cwd), "PATH": "/usr/bin:/bin:/usr/local/bin"}).stdout


@pytest.fixture
def repo(project) -> Path:
    """A repository with four committed articles on main and a branch ``story`` that edits them."""
    root = project.root
    git(root, "init", "-q", "-b", "main")
    for name in ("news/kept.txt", "news/edited.txt", "news/moved.txt", "news/gone.txt"):
        project.write(name, CLEAN)
    project.write("style.css", "body {}\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "archive")
    git(root, "checkout", "-q", "-b", "story")
    project.write("news/edited.txt", FAULTY)
    git(root, "mv", "news/moved.txt", "news/renamed.txt")
    git(root, "rm", "-q", "news/gone.txt")
    project.write("news/added.txt", FAULTY)
    project.write("style.css", "body { color: red }\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "story")
    project.write("news/draft.txt", FAULTY)  # untracked, not yet added
    project.write(".gitignore", "ignored.txt\n")
    project.write("ignored.txt", FAULTY)
    return root


def test_changed_files_are_added_modified_renamed_and_untracked(repo):
    names = [p.relative_to(repo).as_posix() for p in changed_files("main", repo)]
    assert names == [".gitignore", "news/added.txt", "news/draft.txt", "news/edited.txt",
                     "news/renamed.txt", "style.css"]


def test_merge_base_leaves_out_what_main_did_since(repo, project):
    git(repo, "checkout", "-q", "main")
    project.write("news/kept.txt", FAULTY)
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "story")
    names = [p.name for p in changed_files("main", repo)]
    assert "kept.txt" not in names and "edited.txt" in names


def test_cli_lints_only_changed_articles(run_cli, repo):
    code, out, err = run_cli("check", "--format", "concise", "--select", "ST001", "--changed-since",
                             "main", "news")
    assert code == 1, err
    linted = sorted({line.split(":")[0] for line in out.splitlines()})
    assert linted == ["news/added.txt", "news/draft.txt", "news/edited.txt"]
    code, out, _ = run_cli("check", "--format", "json", "--changed-since", "HEAD", "news/kept.txt")
    assert (code, out.strip()) == (0, "[]")


def test_errors_outside_a_repository_and_for_unknown_refs(run_cli, repo, tmp_path, error_line):
    with pytest.raises(GitError, match="unknown git ref 'nope'"):
        changed_files("nope", repo)
    code, _, err = run_cli("check", "--changed-since", "nope")
    assert code == 2
    error_line(err, "unknown git ref 'nope'")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / ".newslint.toml").write_text("")
    code, _, err = run_cli("check", "--changed-since", "HEAD", cwd=outside)
    assert code == 2
    error_line(err, "--changed-since", "not inside a git repository")


def test_a_ref_with_no_common_ancestor_says_so(run_cli, repo, project, error_line):
    # as in a shallow CI checkout that fetched the base branch without its history
    git(repo, "checkout", "-q", "--orphan", "elsewhere")
    git(repo, "commit", "-q", "-m", "unrelated")
    code, _, err = run_cli("check", "--changed-since", "main")
    assert code == 2
    error_line(err, "--changed-since: 'main' and HEAD have no common ancestor", "fetch-depth: 0")
