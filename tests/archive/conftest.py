"""Archives built from the shared development articles, in the shapes the tests need."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from tests.shared import DATA

NEWS_DEV = DATA / "news-dev"
BACKGROUND = DATA / "background" / "wikinews-2004-2018.jsonl.gz"
ARTICLES = 40
"""More than one chunk of articles (archive.CHUNK), so ``--jobs 2`` reaches the worker pool."""

needs_data = pytest.mark.skipif(not NEWS_DEV.is_dir() or not BACKGROUND.is_file(),
                                reason="the shared data folder is not on this machine")


def write_archive(path: Path, records: list[dict[str, object]] | list[str]) -> Path:
    """A JSON-lines archive of ``records`` (objects, or raw lines as given), gzipped for .gz."""
    lines = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)
    data = lines.encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


@pytest.fixture
def news(tmp_path: Path) -> tuple[Path, Path]:
    """``(folder, archive)``: :data:`ARTICLES` development articles as files under
    ``news/`` and the same articles as ``news.jsonl.gz``, ids being the files' paths as a
    run over ``news/`` reports them, in the order that run lints them."""
    if not NEWS_DEV.is_dir():
        pytest.skip("the shared data folder is not on this machine")
    root = tmp_path / "project"
    (root / "news").mkdir(parents=True)
    (root / ".newslint.toml").write_text("", encoding="utf-8")  # stop the search here
    records = []
    for source in sorted(NEWS_DEV.glob("*.md"))[:ARTICLES]:
        shutil.copy(source, root / "news" / source.name)
        records.append({"id": f"news/{source.name}", "body": source.read_text(encoding="utf-8")})
    return root, write_archive(root / "news.jsonl.gz", records)
