"""A time bound on the rules of one file: a rule that hangs is stopped and reported as an
``internal-error`` for that file, and the run goes on.

Python cannot stop a thread, so one :class:`Deadline` is enforced two ways:

* on a Unix process's main thread (where newslint lints on the command line and in its worker
  processes), a timer signal (``SIGALRM``) whose handler raises :class:`RuleTimeout` inside the
  rule that is running;
* in any thread, code that waits in C with a timeout of its own takes it from
  :func:`time_left`: the patterns of declarative rules (``regex`` matching) stop when the rules'
  time is up.

Off the main thread (the language server's lint thread, a Dask worker), on Windows, or while the
host process has its own timer running, only the second applies, and other rules run without a
bound. A rule stuck in C code that does not look at signals (a catastrophic ``re`` pattern) is
stopped only when it is back in Python.

The timer is armed once per file, not per rule: the first costs a few microseconds a file, the
second would cost a few percent of a run over many small files.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
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


class Deadline:
    """The timer of one file's rules; see :func:`bound`."""

    def __init__(self, seconds: float | None, alarm: bool = False) -> None:
        self.seconds = seconds
        """The bound; ``None`` when there is none."""
        self.alarm = alarm
        """Whether the timer signal enforces it too (see :func:`available`)."""
        self.expires: float | None = None
        """When the rules' time is up, by :func:`time.monotonic`."""
        self.running = False
        """Whether a rule is running: only then does the timer stop anything."""

    def restart(self) -> None:
        """Give the rules still to run the whole bound again (after one was stopped)."""
        if self.seconds is None:
            return
        self.expires = time.monotonic() + self.seconds
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def begin(self) -> None:
        """A rule starts. When the time ran out with no rule stopped (one that only the timer
        signal could have stopped ran over it), the rest start afresh, as they do when the
        timer goes off between two rules."""
        if self.expires is not None and time.monotonic() >= self.expires:
            self.restart()
        self.running = True

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        if self.running:
            raise RuleTimeout
        # between two rules: the one that ran over has just finished, so the rest start afresh
        self.restart()


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
    too, when :func:`available`); the block calls :meth:`Deadline.begin` before each rule,
    clears :attr:`Deadline.running` after it and catches :class:`RuleTimeout`."""
    deadline = Deadline(seconds, alarm=seconds is not None and available())
    outer = getattr(_current, "deadline", None)
    previous = signal.signal(signal.SIGALRM, deadline._expired) if deadline.alarm else None
    _current.deadline = deadline
    deadline.restart()
    try:
        yield deadline
    finally:
        _current.deadline = outer
        if deadline.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
