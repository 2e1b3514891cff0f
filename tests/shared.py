"""Where the shared data sets live: ``shared/`` beside the checkout, as in CI and development."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
"""The shared data folder (``../shared/data`` from the repository root)."""
SEED = DATA / "seed" / "seed-article.txt"
"""The seed article."""
