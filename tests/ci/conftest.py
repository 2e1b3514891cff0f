"""Fixtures of the CI tests: articles with known, fixable faults, and the seed article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.shared import SEED

FAULTY = """Fire at the docks

The fire spread to the the warehouse next door.

Police said the  driver was not hurt.
"""
"""Two safe fixes: ST001 on line 3 and ST002 on line 5."""

FIXED = """Fire at the docks

The fire spread to the warehouse next door.

Police said the driver was not hurt.
"""

CLEAN = """Harbour reopens

The harbour reopened on Monday after repairs.
"""


KILLER = '''
import multiprocessing
import os
import signal

from newslint import Rule, Severity, hookimpl


class Killer(Rule):
    """## What it does
    Kills the worker process that reads one article, as the OOM killer or a crash in a
    plugin's native code ends one."""

    code = "HS002"
    name = "killer"
    severity = Severity.WARNING

    def check(self, document):
        # a worker, of a --jobs pool or a Dask cluster, has a parent; newslint's own process not
        if "Goma" in document.source and multiprocessing.parent_process() is not None:
            os.kill(os.getpid(), signal.SIGKILL)
        return []


@hookimpl
def newslint_register_rules():
    return [Killer]
'''
"""A local plugin whose rule kills the worker process (not the main one) that reads a story
of Goma, as the OOM killer or a crash in a plugin's native code ends one."""


@pytest.fixture
def seed(project) -> Path:
    """The seed article, copied into the project folder."""
    if not SEED.is_file():
        pytest.skip(f"shared data not found at {SEED}")
    target = project.root / "seed-article.txt"
    shutil.copy(SEED, target)
    target.chmod(0o644)
    return target
