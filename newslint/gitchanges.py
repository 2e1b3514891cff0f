"""``--changed-since REF``: the articles a branch added, modified or renamed.

The files are those of ``git diff --name-only --diff-filter=AMR`` between the merge base of
``REF`` and ``HEAD`` and the working tree, plus untracked files that are not ignored:

- the merge base, not ``REF`` itself, so that in a pull request against ``origin/main`` the
  stories merged into main since the branch was cut are not counted as the branch's own (for a
  ``REF`` that is an ancestor of ``HEAD``, such as ``HEAD~1``, the merge base is ``REF``);
- the working tree, so that staged and unstaged edits count, as they do for a writer running
  newslint before committing;
- untracked files, because a new story that has not been ``git add``-ed yet is still new copy
  (in CI the checkout has none, so this changes nothing there).

Deleted files are left out by the filter, and the sources of renames with them.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.config import Config


class GitError(Exception):
    """Git is missing, the folder is not in a repository, or the ref is unknown; one line."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", check=False)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not installed") from None
    if proc.returncode != 0:
        message = proc.stderr.strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return proc.stdout


def changed_files(ref: str, cwd: Path | None = None) -> list[Path]:
    """The added, modified, renamed and untracked files since ``ref``, as absolute paths, sorted."""
    cwd = cwd or Path.cwd()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError:
        raise GitError(f"--changed-since: {cwd} is not inside a git repository") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except GitError:
        raise GitError(f"--changed-since: unknown git ref '{ref}'") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], cwd).strip()
    except GitError:  # git says nothing, and exits 1: "git merge-base ... failed" told no one why
        raise GitError(f"--changed-since: '{ref}' and HEAD have no common ancestor in this "
                       "clone (a shallow clone needs the base's history: actions/checkout with "
                       "fetch-depth: 0, or git fetch --unshallow)") from None
    diffed = _git(["diff", "--name-only", "--diff-filter=AMR", "--no-renames", "-z", base, "--"],
                  cwd)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], top)
    names = {n for n in (diffed + untracked).split("\0") if n}
    return sorted(p for p in (top / n for n in names) if p.is_file())


def restrict(files: list[Path], paths: list[str]) -> list[str]:
    """The ``files`` under one of ``paths`` (files or folders), as paths relative to the current
    folder when they are inside it, so they are reported as a pull request shows them."""
    roots = [Path(p).resolve() for p in paths]
    here = Path.cwd().resolve()
    out = []
    for file in files:
        resolved = file.resolve()
        if any(resolved == r or r in resolved.parents for r in roots):
            try:
                out.append(resolved.relative_to(here).as_posix())
            except ValueError:
                out.append(os.fspath(resolved))
    return out


def articles(files: list[str], config_for: Callable[[Path], Config]) -> list[str]:
    """The ``files`` that a folder walk would lint: included, and not excluded, by the
    configuration of each file's folder (a changed stylesheet is not an article)."""
    out = []
    for name in files:
        file = Path(name)
        config = config_for(file.parent)
        if config.is_included(file) and not config.is_excluded(file):
            out.append(name)
    return out
