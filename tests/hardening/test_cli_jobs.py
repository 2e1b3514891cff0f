"""The command line gives the same report, errors and exit status with ``--jobs 1`` and
``--jobs 2`` on a folder of hostile articles (enough files that two workers really start)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.parallel import FILES_PER_WORKER
from tests.conftest import cli_env
from tests.hardening.articles import PATHS, articles, scaled

FILES = 2 * FILES_PER_WORKER + 1


def check(folder: Path, jobs: int) -> tuple[int, str, str]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslint",
            "check",
            ".",
            "--format",
            "json",
            "--no-cache",
            "--jobs",
            str(jobs),
        ],
        cwd=folder,
        capture_output=True,
        env=cli_env(),
        timeout=300,
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


@settings(max_examples=scaled(0.05))
@given(
    st.lists(
        st.sampled_from(sorted(PATHS)).flatmap(
            lambda flavour: st.tuples(st.just(flavour), articles(flavour))
        ),
        min_size=FILES,
        max_size=FILES,
    )
)
def test_jobs_do_not_change_the_report(files: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".newslint.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
        for i, (flavour, text) in enumerate(files):
            # bytes, so that "\r" line endings reach the reader as they were generated
            (folder / f"{i:02d}-{PATHS[flavour]}").write_bytes(text.encode("utf-8"))
        serial = check(folder, 1)
        assert "Traceback" not in serial[2], serial[2]
        assert serial[0] in (0, 1, 2)
        assert check(folder, 2) == serial
