"""A time bound on the rules of one file: a rule that hangs is stopped and reported as an
``internal-error`` for that file, and the run goes on.

Python cannot kill a thread, but it can raise an exception inside one, so a :class:`Deadline`
stops a rule three ways:

* on a Unix process's main thread (where newslint lints on the command line and in its worker
  processes), a timer signal (``SIGALRM``) whose handler raises :class:`RuleTimeout` inside the
  rule that is running;
* elsewhere (the language server's lint thread, a Dask worker, Windows, a host whose own timer
  is running), a watchdog thread that raises :class:`RuleTimeout` in the rules' thread through
  CPython's ``PyThreadState_SetAsyncExc``;
* in any thread, code that waits in C with a timeout of its own takes it from
  :func:`time_left`: the patterns of declarative rules (``regex`` matching) stop when the rules'
  time is up.

The first two reach a rule only when it runs Python code: one stuck in C (a catastrophic ``re``
pattern, a long ``time.sleep`` off the main thread) is stopped when it is back in Python.

The timer is armed once per file, not per rule: the signal's costs a few microseconds a file,
the watchdog's (a thread started, and cancelled when the file is done) some tens; armed per
rule, they would cost a few percent of a run over many small files.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

DEFAULT_RULE_TIMEOUT = 300.0
"""Seconds the rules of one file may take, by default: ten times what all the rules take on a
10 MB article (the largest file ``max-file-size`` lets through) on a busy machine."""

_current = threading.local()
"""Holds ``deadline``, the :class:`Deadline` of the rules running in this thread."""


class RuleTimeout(BaseException):
    """The rules of a file ran over their time. A ``BaseException``, so that a rule's own
    ``except Exception`` cannot swallow it."""


class Interrupted(BaseException):
    """The process is ending and its rules' thread was told to stop (see :func:`interrupt`):
    no rule catches it, and neither does the engine."""


class Deadline:
    """The timer of one file's rules; see :func:`bound`."""

    def __init__(self, seconds: float | None, alarm: bool = False) -> None:
        self.seconds = seconds
        """The bound; ``None`` when there is none."""
        self.alarm = alarm
        """Whether the timer signal enforces it (see :func:`available`); else a watchdog does,
        where CPython lets one raise in another thread."""
        self.expires: float | None = None
        """When the rules' time is up, by :func:`time.monotonic`."""
        self.running = False
        """Whether a rule is running: only then does the timer stop anything."""
        self._thread = threading.get_ident()
        self._lock = threading.Lock()
        self._watchdog: threading.Timer | None = None
        self._raised = False
        self._closed = False

    def restart(self) -> None:
        """Give the rules still to run the whole bound again (after one was stopped)."""
        if self.seconds is None:
            return
        self.expires = time.monotonic() + self.seconds
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        elif _raise_in is not None:
            with self._lock:  # never taken by the signal handler: this is the other way
                if self._closed:  # a watchdog that went off between two rules, too late
                    return
                if self._watchdog is not None:
                    self._watchdog.cancel()
                self._watchdog = threading.Timer(self.seconds, self._overrun)
                self._watchdog.daemon = True  # never holds up the end of the process
                self._watchdog.start()

    def begin(self) -> None:
        """A rule starts. When the time ran out with no rule stopped (one stuck in C ran over
        it), the rest start afresh, as they do when the timer goes off between two rules."""
        if self.expires is not None and time.monotonic() >= self.expires:
            self.restart()
        with self._lock:
            self.running = True

    def end(self) -> None:
        """The rule has returned (or raised). A :class:`RuleTimeout` the watchdog raised too late
        to reach it lands here, and is dropped, so that it cannot land in the code after the
        rule.

        It is let land rather than taken back: CPython (3.11 at least) takes one back
        (``PyThreadState_SetAsyncExc`` with ``NULL``) by signalling the thread with nothing to
        raise, a signal nothing clears, so the thread ran every later line on the interpreter's
        slow path, and a trace or profile function set afterwards hung it for good."""
        try:
            with self._lock:
                self.running = False
                raised, self._raised = self._raised, False
            if raised:
                for _ in range(3):  # a pending exception is raised when a Python call starts
                    _land()
        except RuleTimeout:
            pass

    def close(self) -> None:
        """Disarm the watchdog for good: the rules of the file are done."""
        with self._lock:
            self._closed = True
            if self._watchdog is not None:
                self._watchdog.cancel()
            self._watchdog = None

    def _overrun(self) -> None:
        with self._lock:
            if threading.current_thread() is not self._watchdog:
                return  # restarted or closed while it was going off
            if self.running and _raise_in is not None:
                self._raised = _raise_in(self._thread, RuleTimeout)
                return
        # between two rules: the one that ran over has just finished, so the rest start afresh
        self.restart()

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        if self.running:
            raise RuleTimeout
        # between two rules: the one that ran over has just finished, so the rest start afresh
        self.restart()


def _land() -> None:
    """Nothing: a call in which an exception raised in this thread from another one lands."""


def _async_raiser() -> Callable[[int, type[BaseException] | None], bool] | None:
    """CPython's ``PyThreadState_SetAsyncExc``: raise an exception in another thread the next
    time it runs Python code, or (``None``) take back one not raised yet, and say whether the
    thread was found; ``None`` elsewhere."""
    api = getattr(ctypes, "pythonapi", None)
    setter = getattr(api, "PyThreadState_SetAsyncExc", None)
    if setter is None:
        return None

    def raise_in(thread: int, exc: type[BaseException] | None) -> bool:
        # untyped on purpose: None must reach it as NULL (take back), not as Python's None
        found = setter(ctypes.c_ulong(thread), None if exc is None else ctypes.py_object(exc))
        if found > 1:  # more than one thread state touched: undo, as CPython's docs say
            setter(ctypes.c_ulong(thread), None)
        return found == 1

    return raise_in


_raise_in = _async_raiser()


def interrupt(thread: int) -> bool:
    """Stop the rules running in ``thread``, with :class:`Interrupted`, once it runs Python code
    again: a language server told to exit need not wait for a long lint. Whether it could."""
    return _raise_in is not None and _raise_in(thread, Interrupted)


def time_left(seconds: float) -> float:
    """``seconds``, or the time the rule running in this thread has left when that is less:
    the timeout of a wait in C, which no signal cuts short off the main thread. Raises
    :class:`RuleTimeout` when no time is left."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is None or not deadline.running or deadline.expires is None:
        return seconds
    left = deadline.expires - time.monotonic()
    if left <= 0:
        raise RuleTimeout
    return min(seconds, left)


def available() -> bool:
    """Whether the timer signal can bound rules here: a Unix process's main thread, whose
    real-time timer is not already in use (a host's own alarm is left alone)."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


@contextmanager
def bound(seconds: float | None) -> Iterator[Deadline]:
    """Bound the rules the block runs in this thread to ``seconds`` (through the timer signal
    when :func:`available`, else a watchdog thread); the block calls :meth:`Deadline.begin`
    before each rule and :meth:`Deadline.end` after it, and catches :class:`RuleTimeout`."""
    deadline = Deadline(seconds, alarm=seconds is not None and available())
    outer = getattr(_current, "deadline", None)
    previous = signal.signal(signal.SIGALRM, deadline._expired) if deadline.alarm else None
    _current.deadline = deadline
    deadline.restart()
    try:
        yield deadline
    finally:
        _current.deadline = outer
        deadline.close()
        if deadline.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
