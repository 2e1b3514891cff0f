"""Whether any installed distribution may declare newslint plugins, without importing
:mod:`importlib.metadata`.

Importing :mod:`importlib.metadata` (it brings the ``email`` package, ``zipfile`` and more) is
about a tenth of the start-up of a one-article run, and most runs find no plugin. This looks
where its path finder looks: every folder on ``sys.path``, the ``*.dist-info`` and ``*.egg-info``
folders in it (``EGG-INFO`` in an ``.egg`` folder) and their ``entry_points.txt``, read as it
reads them. It answers ``False`` only when it has seen every such place and none has a
``[newslint]`` section. Where it cannot look the same way (a zip file on the path, another finder
of distributions, an unreadable folder), it answers ``True`` and the caller asks
:mod:`importlib.metadata`, so the plugins found are always the ones it finds.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder

GROUP = "newslint"
"""The entry-point group of newslint plugins."""


def may_declare_plugins() -> bool:
    """``False`` when no distribution on ``sys.path`` declares a :data:`GROUP` entry point;
    ``True`` when one does or may (see the module docstring)."""
    try:
        return _scan()
    except Exception:  # anything unforeseen: let importlib.metadata look
        return True


def _scan() -> bool:
    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True  # a finder of distributions other than the path's
    for entry in sys.path:
        root = os.fspath(entry) or "."
        try:
            names = os.listdir(root)
        except FileNotFoundError:
            continue  # nothing there: importlib.metadata finds nothing either
        except OSError:
            return True  # a zip file, whose metadata importlib.metadata reads inside it
        egg = os.path.basename(root).lower().endswith(".egg")
        for name in names:
            low = name.lower()
            if (low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info")) \
                    and _declares(os.path.join(root, name, "entry_points.txt")):
                return True
    return False


def _declares(path: str) -> bool:
    """Whether the ``entry_points.txt`` at ``path`` has a :data:`GROUP` section, its sections
    read as :mod:`importlib.metadata` reads them."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (FileNotFoundError, NotADirectoryError):
        return False  # no entry points, or an .egg-info file
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]") and line.strip("[]") == GROUP:
            return True
    return False
