"""Keeping a run's results on disk: memory that does not grow with the number of articles.

A finished result is all that reporters which print at the end (``json``, ``sarif``,
``--statistics``), the exit status, ``--add-ignore`` and the summary line need, and a run over
a newsroom's 100,000 files or an archive of millions keeps them all; so ``newslint check``
keeps them in a :class:`ResultSpool`, a temporary file, instead of a list.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from collections.abc import Iterator

from newslint import parallel
from newslint.engine import FileResult


class ResultSpool:
    """``Session.results`` on disk: finished results, read back in order.

    Appending keeps a result without its parsed blocks (as :func:`newslint.parallel.light`);
    iterating gives them back as :class:`FileResult` objects whose document has the source,
    which is all that reporters need for positions and source lines.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="newslint-results-")
        self._count = 0
        # the spool lives as long as its session, which has no close: close (and so delete)
        # the file when the spool goes
        weakref.finalize(self, self._file.close)

    def append(self, result: FileResult) -> None:
        """Keep ``result`` (light) at the end of the spool."""
        self._file.seek(0, os.SEEK_END)  # an iterator may have left the position anywhere
        pickle.dump(parallel.light(result), self._file, pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[FileResult]:
        # Each iterator keeps its own place, so iterating twice at once, or appending while
        # iterating, reads every result once.
        file = self._file
        file.flush()
        end = file.seek(0, os.SEEK_END)
        at = 0
        while at < end:
            file.seek(at)
            result = pickle.load(file)
            at = file.tell()
            yield parallel.rebuild(result)
