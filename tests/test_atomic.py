"""Replacing files whole: :func:`newslint.atomic.write_atomic`."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from newslint.atomic import ChangedOnDisk, write_atomic


def test_write_atomic_writes_through_a_link_and_keeps_the_owner(tmp_path: Path):
    target = tmp_path / "story.md"
    target.write_bytes(b"old")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root may give the file away
        os.chown(target, 1234, 5678)
    owner = (target.stat().st_uid, target.stat().st_gid)
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    write_atomic(link, b"new", expected=b"old")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert (target.stat().st_uid, target.stat().st_gid) == owner
    assert sorted(os.listdir(tmp_path)) == ["link.md", "story.md"]


def test_write_atomic_needs_no_room_in_the_name(tmp_path: Path):
    target = tmp_path / ("a" * 250 + ".md")  # 253 characters, near the usual limit of 255
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_write_atomic_checks_the_expected_bytes_last(tmp_path: Path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(ChangedOnDisk):
        write_atomic(target, b"new", expected=b"something else")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["a.txt"]
    write_atomic(target, b"new", expected=b"old")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["a.txt"]


def test_write_atomic_in_place_checks_the_expected_bytes(tmp_path: Path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old text")
    os.link(target, tmp_path / "b.txt")
    with pytest.raises(ChangedOnDisk):
        write_atomic(target, b"new", expected=b"something else")
    assert (tmp_path / "b.txt").read_bytes() == b"old text"
    write_atomic(target, b"new", expected=b"old text")  # shorter: the old tail is cut off
    assert (tmp_path / "b.txt").read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def test_write_atomic_keeps_extended_attributes(tmp_path: Path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old text")
    try:
        os.setxattr(target, "user.desk", b"metro")
    except (AttributeError, OSError):
        pytest.skip("no extended attributes here")
    write_atomic(target, b"new", expected=b"old text")
    assert target.read_bytes() == b"new" and os.getxattr(target, "user.desk") == b"metro"


def test_write_atomic_leaves_a_read_only_file_alone(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old text")
    access = os.access  # as a user other than root sees a file without write permission
    monkeypatch.setattr(os, "access", lambda p, mode: access(p, mode) and Path(p) != target)
    with pytest.raises(PermissionError, match="read-only"):
        write_atomic(target, b"new", expected=b"old text")
    assert target.read_bytes() == b"old text"


@pytest.mark.parametrize("links", [1, 2])
def test_write_atomic_leaves_a_file_no_one_may_write_alone(tmp_path: Path, links: int):
    # root, as these tests and many containers run, may write to any file: os.access said yes,
    # and a file made read-only for everyone (chmod a-w) was replaced all the same
    target = tmp_path / "a.txt"
    target.write_bytes(b"old text")
    if links == 2:  # written in place, not renamed over
        os.link(target, tmp_path / "b.txt")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        write_atomic(target, b"new", expected=b"old text")
    assert target.read_bytes() == b"old text"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert len(os.listdir(tmp_path)) == links


def test_write_atomic_writes_in_place_in_a_folder_it_may_not_write_to(tmp_path: Path,
                                                                      monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old text")
    before = target.stat().st_ino
    access = os.access  # no new file may be made there, so no temporary one to rename
    monkeypatch.setattr(os, "access", lambda p, mode: access(p, mode) and Path(p) != tmp_path)
    write_atomic(target, b"new", expected=b"old text")
    assert target.read_bytes() == b"new" and target.stat().st_ino == before
    assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_write_atomic_makes_a_new_file_as_a_plain_write_would(tmp_path: Path, mask: int):
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "new.json", b"{}")
        (tmp_path / "plain.json").write_bytes(b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE((tmp_path / "plain.json").stat().st_mode) == 0o666 & ~mask


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to set up another user's file")
def test_write_atomic_keeps_the_group_when_it_may_not_keep_the_owner(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    os.chown(target, 1234, 5678)  # a colleague's article, shared through group 5678
    chown = os.chown

    def as_a_member(path, uid, gid):  # as a user of group 5678 who is not root
        if uid not in (-1, os.getuid()):
            raise PermissionError(1, "Operation not permitted")
        chown(path, uid, gid)

    monkeypatch.setattr(os, "chown", as_a_member)
    write_atomic(target, b"new", expected=b"old")
    assert target.read_bytes() == b"new" and target.stat().st_gid == 5678


@pytest.mark.parametrize("links", [1, 2])
def test_ctrl_c_in_the_write_comes_after_it(tmp_path: Path, monkeypatch, links: int):
    # between making the temporary file and the try that removes it, or half-way through a
    # write in place, Ctrl-C left a temporary file or half an article; it now waits for the
    # write, then raises as it would have
    target = tmp_path / "a.txt"
    target.write_bytes(b"old text")
    if links == 2:
        os.link(target, tmp_path / "b.txt")
    fsync = os.fsync

    def interrupted(fd: int) -> None:
        fsync(fd)
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new", expected=b"old text")
    assert target.read_bytes() == b"new" and len(os.listdir(tmp_path)) == links
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_sigterm_after_ctrl_c_in_the_write_is_not_lost(tmp_path: Path, monkeypatch):
    # only the first signal held was delivered after the write: a SIGTERM (the job cancelled)
    # that came after a Ctrl-C was dropped
    class Terminated(Exception):
        pass

    def on_sigterm(_number: int, _frame: object) -> None:
        raise Terminated

    target = tmp_path / "a.txt"
    target.write_bytes(b"old text")
    fsync = os.fsync

    def interrupted(fd: int) -> None:
        fsync(fd)
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", interrupted)
    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        with pytest.raises(Terminated):
            write_atomic(target, b"new")
        assert signal.getsignal(signal.SIGTERM) is on_sigterm
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["a.txt"]
