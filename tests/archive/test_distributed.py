"""``--executor dask``: the same report from a real two-worker Dask cluster as from a local run."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ci.conftest import KILLER
from tests.conftest import Project

from .conftest import needs_data

distributed = pytest.importorskip("distributed")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a LocalCluster of two worker processes, shared by this module's tests."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        yield cluster.scheduler_address


@needs_data
def test_files_on_a_cluster_report_as_a_local_run(run_cli: Run, news: tuple[Path, Path],
                                                  scheduler: str) -> None:
    root, _ = news
    (root / "news" / "empty.md").write_text("", encoding="utf-8")  # an error keeps its place
    args = ("check", "news", "--no-cache", "--format", "json")
    local = run_cli(*args, "--jobs", "1", cwd=root)
    assert local[0] == 2 and "empty.md: empty file" in local[2]
    assert run_cli(*args, "--executor", "dask", "--scheduler", scheduler, cwd=root) == local


@needs_data
def test_archive_on_a_cluster_reports_as_a_local_run(run_cli: Run, news: tuple[Path, Path],
                                                    scheduler: str) -> None:
    root, packed = news
    args = ("check", "--input-format", "jsonl", packed.name, "--text-field", "body",
            "--format", "json")
    local = run_cli(*args, "--jobs", "1", cwd=root)
    assert local[0] == 1 and local[1].count('"path"') > 40
    assert run_cli(*args, "--executor", "dask", "--scheduler", scheduler, cwd=root) == local


def test_a_relative_config_is_the_one_in_the_working_folder(run_cli: Run, project: Project,
                                                           scheduler: str) -> None:
    # the workers run in another folder: they read house/rules.toml from there before
    project.config('select = ["NYT"]\n[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\n'
                   'tokens = ["slammed"]\n', "house/rules.toml")
    project.write("a.txt", "Head\n\nThe mayor slammed critics.\n")
    args = ("check", "--config", "house/rules.toml", "--no-cache", "--format", "concise", "a.txt")
    local = run_cli(*args)
    assert local == (1, "a.txt:3:11: NYT001 slammed\n", "")
    assert run_cli(*args, "--executor", "dask", "--scheduler", scheduler) == local


def test_a_local_cluster_is_quiet_beside_another(run_cli: Run, project: Project) -> None:
    # another cluster's scheduler (or another run's) serves HTTP on 8787, Dask's default port
    project.write("a.txt", "Head\n\nParis in the the spring.\n")
    with socket.socket() as other:
        with contextlib.suppress(OSError):  # already taken: as well
            other.bind(("127.0.0.1", 8787))
            other.listen()
        code, out, err = run_cli("check", "--executor", "dask", "--jobs", "1", "--no-cache",
                                 "--format", "concise", "a.txt")
    assert (code, out, err) == (1, 'a.txt:3:10: ST001 "the" is repeated\n', "")


def test_scheduler_needs_the_dask_executor(run_cli: Run, error_line: Callable[..., str]) -> None:
    code, _, err = run_cli("check", ".", "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2
    error_line(err, "--scheduler needs --executor dask")



@pytest.mark.parametrize(("address", "why"), [
    ("garbage", "--scheduler garbage: missing port number in address 'garbage'"),
    ("http://x:99999", "--scheduler http://x:99999: unknown address scheme 'http'"),
    ("tcp://127.0.0.1:1", "--scheduler tcp://127.0.0.1:1: cannot connect: connection refused"),
    ("tcp://127.0.0.1:99999", "--scheduler tcp://127.0.0.1:99999: port 99999 is out of range"),
])
def test_a_bad_scheduler_is_one_error_line(run_cli: Run, error_line: Callable[..., str],
                                           project: Project, address: str, why: str) -> None:
    project.write("a.txt", "Head\n\nThe cat.\n")
    # nothing listens on port 1: a short connect timeout keeps the wait to a second
    code, _, err = run_cli("check", "--executor", "dask", "--scheduler", address, "a.txt",
                           env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    assert code == 2
    error_line(err, why)


@pytest.mark.parametrize("executor", [("--executor", "dask"), ()], ids=["dask", "local"])
@pytest.mark.parametrize("address", ["", "  "])
def test_an_empty_scheduler_is_a_usage_error(run_cli: Run, error_line: Callable[..., str],
                                             project: Project, executor: tuple[str, ...],
                                             address: str) -> None:
    # --scheduler "$DASK_SCHEDULER" with the variable unset: a local cluster was started (or,
    # without --executor dask, a local run made) with no word said
    project.write("a.txt", "Head\n\nThe cat.\n")
    code, out, err = run_cli("check", *executor, "--scheduler", address, "a.txt")
    assert (code, out) == (2, "")
    error_line(err, "--scheduler: the address is empty", "leave the option out")


def test_a_refused_connection_fails_at_once(run_cli: Run, error_line: Callable[..., str],
                                           project: Project) -> None:
    # Dask tries a refused address again until its connect timeout: the run waited 30 s
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        address = f"tcp://127.0.0.1:{unused.getsockname()[1]}"
        project.write("a.txt", "Head\n\nThe cat.\n")
        started = time.monotonic()
        code, _, err = run_cli("check", "--executor", "dask", "--scheduler", address, "a.txt")
        took = time.monotonic() - started
    assert code == 2
    error_line(err, f"--scheduler {address}: cannot connect: connection refused")
    assert took < 10


@pytest.fixture
def not_a_scheduler(request: pytest.FixtureRequest) -> Iterator[str]:
    """The address of a server that is no Dask scheduler: it greets with ``request.param`` (an
    SSH server's banner), or with nothing (a web server waiting for a request's end)."""
    greeting: bytes = request.param
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        accepted: list[socket.socket] = []

        def serve() -> None:
            with contextlib.suppress(OSError):  # closed at the end of the test
                while True:
                    conn, _ = server.accept()
                    accepted.append(conn)
                    conn.sendall(greeting)

        threading.Thread(target=serve, daemon=True).start()
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
        for conn in accepted:
            conn.close()


@pytest.mark.parametrize("not_a_scheduler", [b"SSH-2.0-OpenSSH_9.6\r\n", b""],
                         ids=["answers-garbage", "never-answers"], indirect=True)
def test_a_server_that_is_no_scheduler_is_one_error_line(run_cli: Run, project: Project,
                                                         error_line: Callable[..., str],
                                                         not_a_scheduler: str) -> None:
    # Dask took the banner for a message 2.8 EiB long (a MemoryError's traceback), and waited
    # for a silent server's answer for ever
    project.write("a.txt", "Head\n\nThe cat.\n")
    code, _, err = run_cli("check", "--executor", "dask", "--scheduler", not_a_scheduler,
                           "a.txt", env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    assert code == 2
    error_line(err, f"--scheduler {not_a_scheduler}: no Dask scheduler answered")


def test_a_cluster_without_workers_is_one_error_line(run_cli: Run, error_line: Callable[..., str],
                                                     project: Project) -> None:
    # a scheduler whose workers were never started (or have all gone): the run waited for them
    # for ever, printing nothing
    project.write("a.txt", "Harbour reopens\n\nThe harbour reopened on Monday after repairs.\n")
    with distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        address = cluster.scheduler_address
        code, _, err = run_cli("check", "--executor", "dask", "--scheduler", address, "a.txt",
                               env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    assert code == 2
    error_line(err, f"--scheduler {address}: the cluster has no workers",
               f"dask worker {address}")


def _export_with_a_killer(project: Project, killer: str) -> None:
    """An export of 41 stories and a local plugin, ``killer``, that ends a process when it
    reads the last one, the story of Goma."""
    project.config('plugins = ["killer.py"]\nselect = ["ST", "HS"]\n')
    project.write("killer.py", killer)
    stories = ["Fire\n\nThe fire spread in the the night.\n"] * 40
    stories.append("Fighting near Goma\n\nRebels shelled the town of Goma.\n")
    project.write("export.jsonl", "".join(json.dumps({"text": s}) + "\n" for s in stories))


def test_a_task_that_kills_every_worker_is_one_error_line(run_cli: Run, project: Project,
                                                          error_line: Callable[..., str]) -> None:
    # Dask tries the task on other workers, then gives up with KilledWorker: its traceback
    # and exit status 1, which CI takes for violations found
    _export_with_a_killer(project, KILLER)
    code, _, err = run_cli("check", "--input-format", "jsonl", "export.jsonl",
                           "--executor", "dask", "--jobs", "2", "--format", "concise")
    assert code == 2
    error_line(err, "every Dask worker that took one of the tasks ended abruptly",
               "the report is incomplete")


KILLER_OF = '''
import os
import signal

from newslint import Rule, Severity, hookimpl


class KillerOf(Rule):
    """## What it does
    On a story of Goma, kills the process NEWSLINT_TEST_KILL names (by default the Dask worker
    started for the test, not newslint's own process), as kill -9 or the OOM killer ends one."""

    code = "HS003"
    name = "killer-of"
    severity = Severity.WARNING

    def check(self, document):
        if "Goma" in document.source and os.environ.get("NEWSLINT_TEST_WORKER"):
            os.kill(int(os.environ.get("NEWSLINT_TEST_KILL") or os.getpid()), signal.SIGKILL)
        return []


@hookimpl
def newslint_register_rules():
    return [KillerOf]
'''


@pytest.fixture
def own_cluster(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The address of a scheduler process with one worker process (no nanny to start it
    again), each started as 'dask scheduler' and 'dask worker' are; the worker kills
    ``request.param`` (itself, or the scheduler) with kill -9 on reading a story of Goma."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str, **env: str) -> subprocess.Popen[bytes]:
        started.append(subprocess.Popen([sys.executable, "-m", *args], env={**os.environ, **env},
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return started[-1]

    file = tmp_path / "scheduler.json"
    try:
        scheduler = start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                          "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(file))
        with distributed.Client(scheduler_file=str(file), timeout=30) as client:
            kill = str(scheduler.pid) if request.param == "scheduler" else ""
            start("distributed.cli.dask_worker", "--scheduler-file", str(file), "--no-nanny",
                  "--nthreads", "1", "--no-dashboard", NEWSLINT_TEST_WORKER="1",
                  NEWSLINT_TEST_KILL=kill)
            client.wait_for_workers(1, timeout=30)
            yield client.scheduler.address
    finally:
        for process in started:
            process.kill()
            process.wait()


@pytest.mark.parametrize(("own_cluster", "why"), [
    ("worker", "every worker of the cluster ended during the run, and none joined within 1 s"),
    ("scheduler", "the connection to the scheduler was lost during the run"),
], indirect=["own_cluster"])
def test_a_cluster_that_ends_mid_run_is_one_error_line(run_cli: Run, project: Project,
                                                       error_line: Callable[..., str],
                                                       own_cluster: str, why: str) -> None:
    # its last worker gone, the run's tasks waited for one for ever, the report half printed;
    # its scheduler gone, Dask's traceback and exit status 1, which CI takes for violations
    _export_with_a_killer(project, KILLER_OF)
    code, _, err = run_cli("check", "--input-format", "jsonl", "export.jsonl",
                           "--executor", "dask", "--scheduler", own_cluster, "--format", "concise",
                           env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    assert code == 2
    error_line(err, f"--scheduler {own_cluster}: {why}", "the report is incomplete")


def test_a_task_cancelled_by_an_older_dask_is_one_error_line() -> None:
    # Dask before 2024.7 (pyproject allows 2024.1) cancels with a plain CancelledError, without
    # the reason of its FutureCancelledError, and has no FutureCancelledError to import: each
    # run with --executor dask ended in an ImportError's traceback
    from concurrent.futures import CancelledError

    from newslint.distributed import SchedulerError, _watched

    class Cancelled:
        def result(self, timeout: float) -> list[object]:
            raise CancelledError("_task-0f3a")

    result = _watched(object(), "tcp://10.0.0.5:8786")  # type: ignore[arg-type]
    with pytest.raises(SchedulerError, match=r"^--scheduler tcp://10\.0\.0\.5:8786: the cluster "
                                             r"cancelled a task \(_task-0f3a\); the report is "
                                             r"incomplete$"):
        result(Cancelled())


@needs_data
def test_a_named_field_no_record_has_warns_as_a_local_run(run_cli: Run, news: tuple[Path, Path],
                                                         scheduler: str) -> None:
    root, packed = news  # its records have the fields 'id' and 'body'
    args = ("check", "--input-format", "jsonl", packed.name, "--text-field", "body",
            "--id-field", "uid", "--format", "json")
    local = run_cli(*args, "--jobs", "1", cwd=root)
    assert local[0] == 1 and local[2] == (
        f"newslint: warning: {packed.name}: no record has the field 'uid' (--id-field); the "
        "first, line 1, has the fields 'id', 'body'\n")
    assert run_cli(*args, "--executor", "dask", "--scheduler", scheduler, cwd=root) == local
