"""Shared fixtures: a fresh plugin manager, in-process linting, a project folder and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newslint.config import Config
from newslint.engine import lint_text
from newslint.manager import PluginManager, get_plugin_manager
from newslint.violation import Violation

CliResult = tuple[int, str, str]


@pytest.fixture
def pm() -> PluginManager:
    """A new manager with the built-in plugins only, so installed plugins cannot change results."""
    return get_plugin_manager(autoload=False)


@pytest.fixture
def lint(pm: PluginManager) -> Callable[..., list[Violation]]:
    """``lint(text, path="article.txt", config=None, select=[...], ...)`` → violations.

    ``config`` may be a :class:`Config` or a dict of configuration keys; keyword arguments are
    :class:`newslint.engine.Options` (``select``, ``ignore``, ``extend_select``).
    """

    def run(
        text: str,
        path: str = "article.txt",
        config: Config | dict[str, Any] | None = None,
        **options: Any,
    ) -> list[Violation]:
        if isinstance(config, dict):
            config = Config.from_dict(config)
        result = lint_text(pm, text, path, config, **options)
        assert result.error is None, result.error
        return result.violations

    return run


class Project:
    """A temporary folder with a ``.newslint.toml``; its methods write files into it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def config(self, toml: str, name: str = ".newslint.toml") -> Path:
        return self.write(name, toml)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project folder whose own configuration stops the search from walking above it; it
    selects the ST family only, so rule families added later cannot change the outcomes."""
    root = tmp_path / "project"
    root.mkdir()
    proj = Project(root)
    proj.config('select = ["ST"]\n')
    return proj


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a CLI subprocess: no colour, UTF-8 streams, no newslint switches
    inherited from the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8", **extra)
    return env


@pytest.fixture
def run_cli(project: Project) -> Callable[..., CliResult]:
    """``run_cli(*args, input=None, cwd=project.root, env=None)`` → ``(code, stdout, stderr)``,
    running ``python -m newslint`` in a real subprocess."""

    def run(
        *args: str | Path,
        input: str | bytes | None = None,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> CliResult:
        data = input.encode("utf-8") if isinstance(input, str) else input
        proc = subprocess.run(
            [sys.executable, "-m", "newslint", *map(str, args)],
            input=data,
            capture_output=True,
            cwd=cwd or project.root,
            env=cli_env(**(env or {})),
            timeout=60,
        )
        # surrogateescape: a file name's bytes that are not UTF-8 come back as the name had them
        return (proc.returncode, proc.stdout.decode("utf-8", "surrogateescape"),
                proc.stderr.decode("utf-8"))

    return run


def _one_error_line(stderr: str, *parts: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("newslint: error: "), stderr
    for part in parts:
        assert part in lines[0], (part, stderr)
    return lines[0]


@pytest.fixture
def error_line() -> Callable[..., str]:
    """``error_line(stderr, *parts)`` asserts stderr is exactly one ``newslint: error:`` line, with
    no traceback, holding every one of ``parts``; returns the line."""
    return _one_error_line
