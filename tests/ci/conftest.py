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


@pytest.fixture
def seed(project) -> Path:
    """The seed article, copied into the project folder."""
    if not SEED.is_file():
        pytest.skip(f"shared data not found at {SEED}")
    target = project.root / "seed-article.txt"
    shutil.copy(SEED, target)
    target.chmod(0o644)
    return target
