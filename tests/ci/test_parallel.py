"""--jobs N gives the report of --jobs 1, byte for byte, in the same order."""

from __future__ import annotations

import pytest

from .conftest import CLEAN, FAULTY


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_jobs_results_equal_serial(run_cli, project, fmt):
    for i in range(20):
        project.write(f"news/{i:02d}.txt", FAULTY if i % 3 else CLEAN)
        project.write(f"more/{i:02d}.md", f"# Story {i}\n\nIt was the the end of day {i}.\n")
    project.write("news/empty.txt", "")
    paths = ["news", "missing.txt", "more"]
    args = ["check", "--no-cache", "--format", fmt, "--select", "ST001,ST002"]
    serial = run_cli(*args, "--jobs", "1", *paths)
    parallel = run_cli(*args, "--jobs", "2", *paths)
    assert serial[0] == parallel[0] == 2  # the empty and the missing file are errors
    assert serial[1] == parallel[1] and serial[1].count("ST001") >= 33
    assert serial[2] == parallel[2]
