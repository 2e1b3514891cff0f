"""``--executor dask``: linting files or archives on a Dask cluster, with a local run's results.

The main process does what it does for ``--jobs``: it finds the files (or reads the archive),
loads every configuration (so that their errors are raised here, once), lints standard input
itself, and reports the results in the order a local run gives. The linting goes to the cluster
in tasks of a few files or :data:`newslint.archive.CHUNK` articles, at most a few per worker
thread in flight, so memory stays bounded on both sides.

Each worker thread builds its own plugin manager and :class:`~newslint.engine.Session` with the
run's options on its first task, and keeps it for the rest of the run (a session is not shared
between threads). Workers read files by their absolute paths, so they must see the same files
at the same paths (a shared filesystem) and have newslint and the same plugins installed;
archive articles are sent to them, but their configuration is found from the archive's folder
(or ``--config``), which must exist at the same path for them.

``dask.distributed`` is imported only here, and only for ``--executor dask``; it is the
``dask`` extra.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import logging
import threading
import uuid
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import archive, parallel
from newslint.engine import FileResult, Options, Session
from newslint.parallel import LightResult

if TYPE_CHECKING:
    from distributed import Client

INSTALL = "pip install 'newslint[dask]'"
FILES_PER_TASK = 8
"""Files per task: a task should outweigh the round trip to the scheduler."""
WATCH = 1.0
"""Seconds a task's result is waited for before the cluster is asked whether it has a worker."""
LOST = "scheduler-connection-lost"
"""Why Dask cancels a client's tasks when the scheduler ends."""

Setup = tuple[tuple[str, ...], Options, bool]
"""What a worker needs to build the run's session: blocked plugins, options, cache on."""

_local = threading.local()


class SchedulerError(Exception):
    """``--scheduler`` is no scheduler's address, or cannot be reached; the message is one line
    that names the option."""


def missing() -> str | None:
    """The error line when dask.distributed is not installed, else ``None``."""
    if importlib.util.find_spec("distributed") is None:
        return f"--executor dask needs dask.distributed: {INSTALL}"
    return None


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a new local cluster of ``workers``
    single-threaded processes (closed when done)."""
    from distributed import Client, LocalCluster
    from distributed.utils import silence_logging_cmgr

    if scheduler:
        _greet(scheduler)
        try:
            client = Client(scheduler)
        except OSError as exc:  # the scheduler went away since it answered
            raise SchedulerError(f"--scheduler {scheduler}: cannot connect: {exc}") from None
        # as the local cluster's below: a worker or the scheduler that ends reaches the run as
        # an exception, one error line, and the client's logs of it were a traceback more
        with silence_logging_cmgr(logging.CRITICAL), client:
            _wait_for_a_worker(client, scheduler)
            yield client
        return
    # the scheduler serves HTTP even without its dashboard, on port 8787 by default: taken by
    # another cluster (or another run), a warning of three lines was printed; any free port does.
    # Its logs are the cluster's, which this run owns: what goes wrong reaches the run as an
    # exception, and is one error line (a task that killed its workers was three more lines)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                      silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        yield client


def _connect_timeout() -> float:
    """Dask's connect timeout (``distributed.comm.timeouts.connect``), in seconds."""
    import dask.config
    from dask.utils import parse_timedelta

    return parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "seconds")


def _wait_for_a_worker(client: Client, scheduler: str) -> None:
    """Raise :class:`SchedulerError` unless the cluster has a worker, or one joins within
    Dask's connect timeout: tasks sent to a scheduler without workers (not started yet, or all
    gone) wait for one for ever, and the run printed nothing."""
    import asyncio

    timeout = _connect_timeout()
    try:
        client.wait_for_workers(1, timeout=timeout)
    except asyncio.TimeoutError:  # Dask's WorkerStartTimeoutError is one
        raise SchedulerError(f"--scheduler {scheduler}: the cluster has no workers (none "
                             f"joined within {timeout:g} s); start them with "
                             f"'dask worker {scheduler}'") from None


def _watched(client: Client, scheduler: str | None) -> Callable[[Any], list[LightResult]]:
    """The result of a task's future, unless every worker of the cluster ends while it is
    waited for and none joins within Dask's connect timeout (a nanny starts a killed one again
    in a second or two), or the scheduler ends: :class:`SchedulerError` then. A task whose
    worker dies is given to another, but with none left the scheduler keeps it for ever, and
    the run hung."""
    import asyncio
    from concurrent.futures import CancelledError  # Dask's FutureCancelledError, from 2024.7

    from distributed.comm.core import CommClosedError

    where = f"--scheduler {scheduler}" if scheduler else "the local Dask cluster"
    lost = SchedulerError(f"{where}: the connection to the scheduler was lost during the run; "
                          "the report is incomplete")

    def result(future: Any) -> list[LightResult]:
        while True:
            try:
                done: list[LightResult] = future.result(timeout=WATCH)
                return done
            except asyncio.TimeoutError:
                pass
            except CommClosedError:  # the scheduler ended as the result was being fetched
                raise lost from None
            except CancelledError as exc:
                # Dask's traceback and exit status 1, which CI takes for violations found; an
                # older Dask gives no reason
                reason = getattr(exc, "reason", None)
                if reason == LOST:
                    raise lost from None
                raise SchedulerError(f"{where}: the cluster cancelled a task ({reason or exc}); "
                                     "the report is incomplete") from None
            timeout = _connect_timeout()
            try:
                if not client.nthreads():
                    client.wait_for_workers(1, timeout=timeout)
            except asyncio.TimeoutError:
                raise SchedulerError(f"{where}: every worker of the cluster ended during the "
                                     f"run, and none joined within {timeout:g} s; the report "
                                     "is incomplete") from None
            except OSError:  # which the CLI would take for a report it could not write
                raise lost from None

    return result


def _greet(scheduler: str) -> None:
    """Raise :class:`SchedulerError` unless a Dask scheduler answers at ``scheduler`` within
    Dask's connect timeout. ``Client`` waits for the answer to its greeting without a limit (a
    web server, waiting for a request's end, never gives one) and reads any bytes it gets as a
    message's length (an SSH server's banner made one of exabytes, a ``MemoryError``)."""
    import asyncio

    from distributed.comm import connect
    from distributed.security import Security

    timeout = _connect_timeout()
    _reach(scheduler, timeout)
    # as Client connects: a tls:// scheduler takes the configuration's certificates
    security = Security().get_connection_args("client")

    async def greet() -> None:
        comm = await connect(scheduler, timeout=timeout, **security)
        await comm.close()

    try:
        # connect gives up after the timeout; the answer then has as long again
        asyncio.run(asyncio.wait_for(greet(), 2 * timeout))
    except ValueError as exc:  # not an address: no port, an unknown scheme
        raise SchedulerError(f"--scheduler {scheduler}: {exc}") from None
    except asyncio.TimeoutError:
        raise SchedulerError(f"--scheduler {scheduler}: no Dask scheduler answered within "
                             f"{2 * timeout:g} s") from None
    # nothing listening, an unknown host (a timeout either way); tls:// without certificates
    except (OSError, TypeError) as exc:
        raise SchedulerError(f"--scheduler {scheduler}: cannot connect: {exc}") from None
    except Exception as exc:  # whatever Dask makes of another protocol's bytes
        raise SchedulerError(f"--scheduler {scheduler}: no Dask scheduler answered; the "
                             f"server there speaks another protocol ({type(exc).__name__})"
                             ) from None


def _reach(scheduler: str, timeout: float) -> None:
    """Raise :class:`SchedulerError` unless something listens at a ``tcp://`` or ``tls://``
    ``scheduler``'s host and port. Dask tries a refused address again and again until its
    connect timeout, for a scheduler still starting: the run waited 30 s to say that nothing
    was there. An address Dask reads otherwise, or not at all, is left to it."""
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(scheduler)
        host, port = parse_host_port(location)
    except ValueError:
        return
    if scheme not in ("tcp", "tls"):
        return
    if not 0 < port < 65536:  # getaddrinfo takes 99999 for 34463, which may refuse
        raise SchedulerError(f"--scheduler {scheduler}: port {port} is out of range "
                             "(1 to 65535)")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except ConnectionRefusedError:
        raise SchedulerError(f"--scheduler {scheduler}: cannot connect: connection refused "
                             "(is the scheduler running, and on that port?)") from None
    except TimeoutError:
        raise SchedulerError(f"--scheduler {scheduler}: cannot connect: no answer within "
                             f"{timeout:g} s") from None
    except OSError as exc:  # an unknown host, no route to it
        raise SchedulerError(f"--scheduler {scheduler}: cannot connect: "
                             f"{exc.strerror or exc}") from None


def _session(run: str, setup: Setup) -> Session:
    """This worker thread's session for run ``run``, built on its first task."""
    if getattr(_local, "run", None) != run:
        from newslint import cache as result_cache
        from newslint.manager import get_plugin_manager

        blocked, options, cache = setup
        pm = get_plugin_manager(blocked=blocked)
        if cache:
            result_cache.register(pm)
        # a long-lived cluster serves many runs: keep only the current run's session
        _local.run, _local.session = run, Session(pm, options)
    session: Session = _local.session
    return session


def _task(run: str, setup: Setup, lint: Callable[..., list[LightResult]],
          *args: Any) -> list[LightResult]:
    return lint(_session(run, setup), *args)


def _lint_files(session: Session, files: list[tuple[str, str]]) -> list[LightResult]:
    return [parallel.light(session.lint_file(shown, Path(file))) for shown, file in files]


def run_tasks(session: Session, scheduler: str | None, lint: Callable[..., list[LightResult]],
              tasks: Iterator[tuple[Any, ...]], blocked: tuple[str, ...] = (),
              cache: bool = False, workers: int | None = None,
              ) -> Generator[LightResult, None, None]:
    """``lint(worker_session, *task)`` for each task on the cluster; results in task order."""
    options = session.options
    if options.config_file is not None:  # workers run in folders of their own
        options = dataclasses.replace(options, config_file=options.config_file.resolve())
    from distributed import KilledWorker

    with connect(scheduler, workers or parallel.default_jobs()) as client:
        run, setup = uuid.uuid4().hex, (blocked, options, cache)
        threads = sum(client.nthreads().values()) or 1
        try:
            yield from archive.ordered(
                lambda *task: client.submit(_task, run, setup, lint, *task, pure=False),
                tasks, threads * archive.WINDOW_PER_WORKER, _watched(client, scheduler))
        except KilledWorker:
            # Dask tried the task on other workers first: it is the task, not one worker
            raise parallel.WorkerLost("every Dask worker that took one of the tasks") from None


def run_files(session: Session, paths: list[str], stdin_text: str | None = None,
              scheduler: str | None = None, blocked: tuple[str, ...] = (), cache: bool = False,
              workers: int | None = None) -> Iterator[FileResult]:
    """Lint ``paths`` like :meth:`Session.run`, the files on the cluster."""
    items = list(session.expand(paths))
    files = [(shown, str(file.resolve())) for shown, file, error in items
             if file is not None and error is None]
    for _, name in files:
        session.config_for(Path(name).parent)  # configuration errors surface here, not in a worker
    tasks = ((files[i:i + FILES_PER_TASK],) for i in range(0, len(files), FILES_PER_TASK))
    linted = run_tasks(session, scheduler, _lint_files, tasks, blocked, cache, workers)
    try:
        yield from session.lint_items(items, stdin_text,
                                      lambda shown, file: parallel.rebuild(next(linted)))
    finally:
        linted.close()  # closes the client (and the local cluster) when the caller stops early
