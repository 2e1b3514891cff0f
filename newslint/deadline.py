"""A time bound on the rules of one file: a rule that hangs is stopped and reported as an
``internal-error`` for that file, and the run goes on.

Python cannot stop a thread, so the bound is a timer signal (``SIGALRM``) to the main thread,
whose handler raises :class:`RuleTimeout` inside the rule that is running. That is where
newslint lints on the command line, in its worker processes and in the language server; where
there is no such signal (Windows), the rules run in another thread (a Dask worker) or the host
process has its own timer running, rules run without a bound. A rule stuck in C code that does
not look at signals (a catastrophic ``re`` pattern; ``regex`` patterns of declarative rules
have timeouts of their own) is stopped only when it is back in Python.

The timer is armed once per file, not per rule: the first costs a few microseconds a file, the
second would cost a few percent of a run over many small files.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

DEFAULT_RULE_TIMEOUT = 300.0
"""Seconds the rules of one file may take, by default: ten times what all the rules take on a
10 MB article (the largest file ``max-file-size`` lets through) on a busy machine."""


class RuleTimeout(BaseException):
    """The rules of a file ran over their time. A ``BaseException``, so that a rule's own
    ``except Exception`` cannot swallow it."""


class Deadline:
    """The timer of one file's rules; see :func:`bound`."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        """The bound; ``None`` when there is none."""
        self.running = False
        """Whether a rule is running: only then does the timer stop anything."""

    def restart(self) -> None:
        """Give the rules still to run the whole bound again (after one was stopped)."""
        if self.seconds is not None:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        if self.running:
            raise RuleTimeout
        # between two rules: the one that ran over has just finished, so the rest start afresh
        self.restart()


def available() -> bool:
    """Whether rules can be bounded here: a Unix process's main thread, whose real-time timer
    is not already in use (a host's own alarm is left alone, and the rules run unbounded)."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


@contextmanager
def bound(seconds: float | None) -> Iterator[Deadline]:
    """Arm the timer for ``seconds`` while the block runs (when :func:`available`); the block
    sets :attr:`Deadline.running` around each rule and catches :class:`RuleTimeout`."""
    if seconds is None or not available():
        yield Deadline(None)
        return
    deadline = Deadline(seconds)
    previous = signal.signal(signal.SIGALRM, deadline._expired)
    deadline.restart()
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
