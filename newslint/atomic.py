"""Replacing a file whole, so that a reader sees the old text or the new, never a part: the
articles ``--fix`` rewrites, the baseline, the models ``newslint train`` writes (a language
server may be reloading one meanwhile)."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class ChangedOnDisk(Exception):
    """The file no longer holds the text that was linted."""


def write_atomic(file: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``file`` with ``data`` through a temporary file and a rename, keeping its mode
    and, where the user may set them, its owner, group and extended attributes. A symbolic link
    is written through: the file it points to is replaced, and the link stays. A new file gets
    the permissions a plain write would give it.

    A file with more than one hard link is overwritten in place instead: a rename would give
    only this name the new text and leave the other names with the old. Writing in place is not
    atomic (a crash part-way leaves a part-written file), but it is the only way to keep the
    link; so is a file in a folder the user may not write to. A file the user may not write to,
    or whose mode lets no one write to it, is not written at all (``PermissionError``), though a
    rename could replace it.

    With ``expected``, the file is replaced only if it still holds exactly those bytes, checked
    just before the rename (or the write); otherwise :class:`ChangedOnDisk` is raised and
    nothing changes.

    Called in the main thread, it holds off Ctrl-C (``SIGINT``) and ``SIGTERM`` until the file
    is replaced or left as it was, and then acts on them as it would have (see
    :func:`_signals_held`).
    """
    with _signals_held():
        _write(Path(os.path.realpath(file)), data, expected)


def _write(file: Path, data: bytes, expected: bytes | None) -> None:
    try:
        info: os.stat_result | None = file.stat()
    except FileNotFoundError:
        info = None
    # root may write to any file, so os.access says yes: a mode with no write bit for anyone
    # (chmod a-w) is how an editor marks an article not to be changed, by root neither
    if info is not None and (not os.access(file, os.W_OK) or not info.st_mode & 0o222):
        raise PermissionError(errno.EACCES, "the file is read-only", str(file))
    if info is not None and (info.st_nlink > 1 or not os.access(file.parent, os.W_OK)):
        _write_in_place(file, data, expected)
        return
    # a short name: the article's own may already be near the file system's limit
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".newslint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if info is None:  # as a plain write would have made it, not mkstemp's owner-only
            os.chmod(tmp, 0o666 & ~_umask())
        else:
            try:
                os.chown(tmp, info.st_uid, info.st_gid)
            except OSError:  # only root may give a file away; a member may keep its group
                with contextlib.suppress(OSError):
                    os.chown(tmp, -1, info.st_gid)
            os.chmod(tmp, stat.S_IMODE(info.st_mode))  # after chown, which clears setuid
            _copy_attributes(file, tmp)
        if expected is not None and file.read_bytes() != expected:
            raise ChangedOnDisk(str(file))
        os.replace(tmp, file)
    except BaseException:
        with contextlib.suppress(OSError):  # the error that brought us here is the one to see
            os.unlink(tmp)
        raise


_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Run the block with :data:`_HELD` signals noted instead of handled, then deliver the first
    one noted, to the handlers there were before: ``SIGTERM``'s default ends the process at
    once, so in a write it left the temporary file beside the article (or, writing in place,
    half an article), and Ctrl-C's ``KeyboardInterrupt`` could come between making the file
    and the ``try`` that removes it. Only the main thread may set handlers, and every Python
    handler runs in it; in another thread the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: set[int] = set()
    previous: dict[int, Any] = {}
    try:
        for number in _HELD:
            previous[number] = signal.signal(number, lambda got, _frame: noted.add(got))
        yield
    finally:
        for number, handler in previous.items():
            # None: a handler set outside Python, which cannot be set again; the default then
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        # SIGTERM first: the run is to end, whatever Ctrl-C came with it
        for number in sorted(noted, key=lambda n: n != getattr(signal, "SIGTERM", None))[:1]:
            signal.raise_signal(number)


def _copy_attributes(source: Path, target: str) -> None:
    """Give ``target`` the extended attributes of ``source`` (a tag, a label), which a rename
    would otherwise drop; where the system or the file system has none, there is nothing to
    copy, and one the user may not set is left behind."""
    if not hasattr(os, "listxattr"):
        return
    with contextlib.suppress(OSError):
        for name in os.listxattr(source):
            with contextlib.suppress(OSError):
                os.setxattr(target, name, os.getxattr(source, name))


def _write_in_place(file: Path, data: bytes, expected: bytes | None) -> None:
    """Overwrite ``file`` with ``data`` through its own inode (see :func:`write_atomic`)."""
    with open(file, "r+b") as fh:
        if expected is not None and fh.read() != expected:
            raise ChangedOnDisk(str(file))
        fh.seek(0)
        fh.write(data)
        fh.truncate()  # before the sync, so that a shorter text's new length is on disk too
        fh.flush()
        os.fsync(fh.fileno())


def _umask() -> int:
    """The process's umask, read where the system shows it: setting it to read it back leaves
    a moment in which another thread's new file would be world-writable."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0)
    os.umask(mask)
    return mask
