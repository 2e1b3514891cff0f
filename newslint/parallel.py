"""``--jobs N``: linting files in worker processes, with the results of a serial run.

The main process finds the files (walking folders and loading every configuration, so that
configuration and plugin errors are raised here, once, as in a serial run), then hands the files
to a pool of workers in chunks and yields their results in the order the files were found. Each
worker builds its own plugin manager and :class:`~newslint.engine.Session` with the same options,
so a worker's result is the one :meth:`Session.lint_file` gives in the main process. Where
processes are forked (Linux), a worker simply uses the main process's session, inherited with
its plugins, configurations and loaded word lists.

A worker sends back the violations and a *light* document: the source text, reader name, locale
and front matter, without the parsed blocks, which are large to copy between processes and which
reporters, fixes and the baseline do not need (they work from the source). Standard input is
linted in the main process. With fewer files than :data:`FILES_PER_WORKER` per worker, or
``--jobs 1``, the run is serial and no process is started.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newslint.document import Document
from newslint.engine import FileResult, Options, Session
from newslint.violation import Severity, Violation

FILES_PER_WORKER = 8
"""Below this many files per worker, starting processes costs more than it saves."""

_worker_session: Session | None = None


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _context() -> Any:
    # imported here, as most runs start no process: a few files, one CPU or --jobs 1
    import multiprocessing

    # fork starts a worker without importing newslint again; macOS and Windows cannot fork safely
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _end_with_the_main_process() -> None:
    """Have Linux kill this worker when the process that started it ends.

    A main process that is killed (``kill PID`` or ``docker stop``, which send SIGTERM to it
    alone, or the OOM killer) shuts no pool down, and its workers, which hold the pool's pipes
    open themselves, would wait for work for ever, keeping the run's standard output open (a
    pipeline into ``tee`` never ended) and the archive and the spool's disk space held.
    """
    if sys.platform != "linux":  # only Linux forks the workers, and only it has the call
        return
    import ctypes
    import multiprocessing
    import signal

    pr_set_pdeathsig = 1  # from <linux/prctl.h>
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid != os.getppid():  # it ended before the call
        os._exit(1)


def _init_worker(blocked: tuple[str, ...], options: Options, cache: bool) -> None:
    from newslint import cache as result_cache
    from newslint.manager import get_plugin_manager

    _end_with_the_main_process()
    global _worker_session
    if _worker_session is not None:
        return  # forked: the main process's session, plugins and loaded word lists came along
    pm = get_plugin_manager(blocked=blocked)
    if cache:
        result_cache.register(pm)
    _worker_session = Session(pm, options)


class WorkerLost(Exception):
    """A worker process ended abruptly, so the run cannot be completed; the message is one
    line, which says of what ``who`` (the worker) names."""

    def __init__(self, who: str = "a worker process") -> None:
        super().__init__(f"{who} ended abruptly (killed, out of memory, or a crash in a "
                         "plugin's native code); the report is incomplete")


@contextmanager
def workers_lost() -> Iterator[None]:
    """Turn a pool broken by a worker that ended abruptly (the OOM killer, a crash in a
    plugin's native code) into :class:`WorkerLost`, rather than its traceback and exit status 1,
    which CI takes for violations found."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield
    except BrokenProcessPool:
        raise WorkerLost() from None


@contextmanager
def frozen_heap() -> Iterator[None]:
    """While workers are forked: the objects they inherit (plugins, word lists, models) are
    frozen out of the cyclic collector, which would otherwise walk them in every worker and
    write to their pages, copying what fork shared."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


LightResult = tuple[str, list[Violation], str | None, tuple[str, str, str, dict[str, Any]] | None,
                    int | None]


def _lint_in_worker(item: tuple[str, str]) -> LightResult:
    assert _worker_session is not None, "worker not initialised"
    shown, file = item
    return light(_worker_session.lint_file(shown, Path(file)))


def light(result: FileResult) -> LightResult:
    """``result`` without its parsed blocks, small to send between processes or keep. Its full
    document is released (see :meth:`~newslint.document.Document.release`): the callers drop
    it next."""
    doc = result.document
    if doc is not None:
        doc.release()
    kept = (doc.source, doc.format, doc.locale, doc.frontmatter) if doc is not None else None
    fail_on = int(result.fail_on) if result.fail_on is not None else None  # an int pickles small
    return result.path, result.violations, result.error, kept, fail_on


def rebuild(sent: LightResult) -> FileResult:
    """The :class:`FileResult` of a :func:`light` one (a document without blocks)."""
    path, violations, error, doc, fail_on = sent
    document = None
    if doc is not None:
        source, fmt, locale, frontmatter = doc
        document = Document(path=path, source=source, format=fmt, headline=None, blocks=[],
                            frontmatter=frontmatter, locale=locale)
    return FileResult(path, violations, document, error,
                      fail_on=Severity(fail_on) if fail_on is not None else None)


def run(session: Session, paths: list[str], stdin_text: str | None = None, jobs: int = 1,
        blocked: tuple[str, ...] = (), cache: bool = False) -> Iterator[FileResult]:
    """Lint ``paths`` like :meth:`Session.run`, in up to ``jobs`` worker processes.

    ``blocked`` and ``cache`` tell the workers how to build their plugin managers: the plugins
    the command line disabled, and whether the result cache is on.
    """
    if jobs < 2:
        yield from session.run(paths, stdin_text)
        return
    items = list(session.expand(paths))
    files = [(shown, str(file)) for shown, file, error in items
             if file is not None and error is None]
    workers = min(jobs, len(files) // FILES_PER_WORKER)
    if workers < 2:
        yield from session.lint_items(items, stdin_text)
        return
    from concurrent.futures import ProcessPoolExecutor  # here: most runs start no process

    for _, name in files:
        session.config_for(Path(name).parent)  # configuration errors surface here, not in a worker
    # The first file is linted here before the workers start: rules load their word lists on
    # first use, and forked workers then share them instead of each loading its own.
    first: FileResult | None = session.lint_file(files[0][0], Path(files[0][1]))
    chunk = max(1, min(64, len(files) // (workers * 8)))
    context = _context()
    global _worker_session
    _worker_session = session if context.get_start_method() == "fork" else None
    try:
        with workers_lost(), frozen_heap(), ProcessPoolExecutor(
                workers, mp_context=context, initializer=_init_worker,
                initargs=(blocked, session.options, cache)) as pool:
            linted = pool.map(_lint_in_worker, files[1:], chunksize=chunk)

            def take(shown: str, file: Path) -> FileResult:
                nonlocal first
                if first is not None:
                    result, first = first, None
                    return result
                return rebuild(next(linted))

            yield from session.lint_items(items, stdin_text, take)
    finally:
        _worker_session = None
