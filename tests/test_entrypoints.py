"""The scan that tells, without importing importlib.metadata, whether a plugin may be installed."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata
from importlib.machinery import PathFinder
from pathlib import Path

import pytest

from newslint.entrypoints import GROUP, may_declare_plugins


def declared_by_importlib() -> bool:
    """What importlib.metadata's path finder finds (asked directly: the importlib_metadata
    backport, which other tests import, takes that finder off the path's). Asked once per
    folder, as it keeps a folder's listing until the folder's mtime changes."""
    found = metadata.MetadataPathFinder.find_distributions(
        metadata.DistributionFinder.Context(path=sys.path))
    return any(ep.group == GROUP for d in found for ep in d.entry_points)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The one folder on ``sys.path``, with no finder of distributions but the path's (other
    tests may leave plugins on the real path, and the backport's finder)."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.setattr(sys, "path", [str(folder)])
    monkeypatch.setattr(sys, "meta_path", [
        f for f in sys.meta_path if f is PathFinder or not hasattr(f, "find_distributions")])
    assert not may_declare_plugins()
    return folder


def dist(site: Path, name: str, entry_points: str | None, info: str = "dist-info") -> Path:
    folder = site / f"{name}-1.0.{info}"
    folder.mkdir()
    (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (folder / "entry_points.txt").write_text(entry_points)
    return folder


@pytest.mark.parametrize(
    ("entry_points", "declared"),
    [
        (None, False),
        ("[console_scripts]\nnewslint = newslint.cli:main\n", False),  # a command, not a plugin
        ("[newslint]\nloud = loud\n", True),
        ("  [newslint]  \nloud = loud\n", True),
        ("[ newslint ]\nloud = loud\n", False),  # importlib.metadata reads " newslint "
        ("[console_scripts]\nx = y\n\n[newslint]\n# a comment\nloud = loud\n", True),
    ],
)
def test_the_scan_agrees_with_importlib_metadata(site, entry_points, declared) -> None:
    dist(site, "newslint_loud", entry_points)
    assert may_declare_plugins() is declared
    assert declared_by_importlib() is declared


def test_egg_info_counts_too(site) -> None:
    dist(site, "newslint_loud", "[newslint]\nloud = loud\n", info="egg-info")
    assert may_declare_plugins() and declared_by_importlib()


def test_a_zip_on_the_path_is_left_to_importlib_metadata(site, tmp_path, monkeypatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("newslint_loud-1.0.dist-info/entry_points.txt", "[newslint]\nloud = loud\n")
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    assert may_declare_plugins()


def test_another_finder_of_distributions_is_left_to_importlib_metadata(site, monkeypatch) -> None:
    class Finder:
        @staticmethod
        def find_distributions(*args, **kwargs):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert may_declare_plugins()
