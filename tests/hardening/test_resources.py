"""Resource bounds: huge files, many files, files that vanish or block while the run goes on.

The 10 MB one-line article and the 100,000-file folder are opt-in (``NEWSLINT_HARDENING_SLOW=1``):
they take minutes on a busy machine, which CI's default run cannot spend.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint import parallel
from newslint.engine import Options, Session
from newslint.manager import get_plugin_manager
from newslint.parallel import FILES_PER_WORKER
from tests.conftest import cli_env

ARTICLE = "Council votes\n\nThe the council voted on Monday to close the library.\n"
slow = pytest.mark.skipif(
    not os.environ.get("NEWSLINT_HARDENING_SLOW"), reason="set NEWSLINT_HARDENING_SLOW=1 to run"
)


def newslint(folder: Path, *args: str, timeout: int = 120) -> tuple[int, str, str]:
    """``newslint check`` in ``folder``; stderr ends with this run's peak memory in kB."""
    measured = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "print(f'maxrss_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', "
        "file=sys.stderr)\nsys.exit(code)\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            measured,
            sys.executable,
            "-m",
            "newslint",
            "check",
            "--no-cache",
            *args,
        ],
        cwd=folder,
        capture_output=True,
        env=cli_env(),
        timeout=timeout,
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_hundred_megabyte_article_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / ".newslint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    with open(tmp_path / "huge.md", "wb") as fh:  # sparse: the size is what is refused
        fh.write(ARTICLE.encode())
        fh.truncate(100 * 1024 * 1024)
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = newslint(tmp_path, ".")
    lines = err.splitlines()
    assert code == 2 and "Traceback" not in err, err
    assert lines[0] == (
        "newslint: error: huge.md: file is 104.9 MB, over the 10.5 MB limit "
        "(raise max-file-size in the configuration to lint it)"
    ), err
    assert "ok.txt:3:1: ST001" in out  # the other file is still linted
    # refused from its size alone: nowhere near 100 MB of memory
    assert int(lines[-1].split("=")[1]) < 100 * 1024, err


def test_pipe_in_a_folder_does_not_block_the_run(tmp_path: Path) -> None:
    (tmp_path / ".newslint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "b.md")  # reading it would wait for a writer forever
    code, out, err = newslint(tmp_path, ".", timeout=60)
    assert code == 1 and "a.txt:3:1: ST001" in out, err


def _session(root: Path) -> Session:
    (root / ".newslint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    return Session(get_plugin_manager(autoload=False), Options())


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_deleted_or_unreadable_after_they_were_found(
    tmp_path: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between finding the files and reading them, one is deleted and one cannot be read."""
    session = _session(tmp_path)
    names = [f"{i:02d}.txt" for i in range(2 * FILES_PER_WORKER + 2)]
    for name in names:
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    gone, locked = tmp_path / names[3], tmp_path / names[5]
    expand = session.expand

    def expand_then_delete(paths: list[str]) -> Iterator[tuple[str, Path | None, str | None]]:
        for item in expand(paths):
            if item[1] == gone:
                gone.unlink()
            yield item

    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:  # root reads every file whatever its mode, so fake the refusal
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(session, "expand", expand_then_delete)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    results = list(parallel.run(session, [str(tmp_path)], jobs=jobs))
    errors = {Path(r.path).name: r.error for r in results if r.error}
    assert errors == {
        names[3]: "cannot read: No such file or directory",
        names[5]: "cannot read: Permission denied",
    }
    assert sum(1 for r in results if r.violations) == len(names) - 2
    assert session.exit_status() == 2


@slow
def test_ten_megabyte_line(tmp_path: Path) -> None:
    (tmp_path / ".newslint.toml").write_text("max-file-size = 104857600\n", encoding="utf-8")
    (tmp_path / "line.md").write_text("word " * 2_000_000, encoding="utf-8")
    code, _, err = newslint(tmp_path, "line.md", timeout=1800)
    assert code in (0, 1) and "Traceback" not in err, err
    print(err.splitlines()[-1])


@slow
def test_hundred_thousand_tiny_files(tmp_path: Path) -> None:
    (tmp_path / ".newslint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    for i in range(100):
        folder = tmp_path / f"d{i:03d}"
        folder.mkdir()
        for j in range(1000):
            (folder / f"{j:04d}.txt").write_text(f"Story {j}\n\nThe the cat {i}.\n")
    code, out, err = newslint(tmp_path, ".", "--format", "concise", "--jobs", "2", timeout=3600)
    assert code == 1 and "Traceback" not in err, err
    assert out.count("ST001") == 100_000
    print(err.splitlines()[-1])
