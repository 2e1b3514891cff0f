"""--jobs N gives the report of --jobs 1, byte for byte, in the same order, and its worker
processes end with the run."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import cli_env

from .conftest import CLEAN, FAULTY, KILLER


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


@pytest.mark.parametrize("input_format", ["files", "jsonl"])
def test_workers_end_when_the_run_is_killed(project, input_format):
    # `kill PID` or `docker stop` (SIGTERM to newslint alone) and the OOM killer end the main
    # process without its shutting the pool down; its workers must not live on after it
    psutil = pytest.importorskip("psutil")  # comes with dask.distributed, a test extra
    story = (FAULTY + "\nThe council said the the repairs would take a week.\n") * 3
    if input_format == "files":
        for i in range(400):
            project.write(f"news/{i:03d}.txt", story)
        paths = ["news"]
    else:
        record = json.dumps({"text": story})
        project.write("export.jsonl", "".join(f"{record}\n" for _ in range(20_000)))
        paths = ["export.jsonl"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newslint", "check", "--no-cache", "--jobs", "2",
         "--input-format", input_format, *paths],
        cwd=project.root, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    main = psutil.Process(proc.pid)
    workers: list = []
    try:
        while len(workers) < 2 and proc.poll() is None:
            time.sleep(0.02)
            workers = main.children()
        assert len(workers) == 2, "the run ended before its workers started"
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
        # they waited for work for ever, holding the run's standard output open, so that a
        # pipeline (`newslint check ... | tee report.txt`) never ended either
        _, alive = psutil.wait_procs(workers, timeout=60)
        assert alive == []
    finally:
        for worker in workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                worker.kill()
        proc.stdout.close()  # type: ignore[union-attr]


@pytest.mark.parametrize("input_format", ["files", "jsonl"])
def test_a_worker_killed_mid_run_is_one_error_line(run_cli, project, error_line, input_format):
    # the run ended in BrokenProcessPool's traceback and exit status 1, "violations found"
    project.config('plugins = ["killer.py"]\nselect = ["ST", "HS"]\n')
    project.write("killer.py", KILLER)
    stories = [FAULTY] * 300 + ["Fighting near Goma\n\nRebels shelled the town of Goma.\n"]
    if input_format == "files":
        for i, story in enumerate(stories):
            project.write(f"news/{i:03d}.txt", story)
        paths = ["news"]
    else:
        project.write("export.jsonl", "".join(json.dumps({"text": s}) + "\n" for s in stories))
        paths = ["export.jsonl"]
    code, out, err = run_cli("check", "--no-cache", "--jobs", "2", "--format", "concise",
                             "--input-format", input_format, *paths)
    assert code == 2
    error_line(err, "a worker process ended abruptly", "the report is incomplete")
    assert out.count("ST001") < 300
