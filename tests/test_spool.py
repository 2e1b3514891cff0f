"""The result spool: every result once, in order, however it is read and written."""

from __future__ import annotations

from newslint.engine import FileResult
from newslint.spool import ResultSpool


def paths(results) -> list[str]:
    return [r.path for r in results]


def test_appending_while_iterating_and_nested_iteration_lose_nothing() -> None:
    spool = ResultSpool()
    for name in ("a0", "a1", "a2"):
        spool.append(FileResult(name, error="x"))
    reading = iter(spool)
    assert next(reading).path == "a0"
    spool.append(FileResult("a3", error="x"))  # while an iterator is paused
    assert paths(reading) == ["a1", "a2"]  # it reads what was there when it started
    assert paths(spool) == ["a0", "a1", "a2", "a3"] and len(spool) == 4
    assert [(a.path, b.path) for a in spool for b in spool][:5] == [
        ("a0", "a0"), ("a0", "a1"), ("a0", "a2"), ("a0", "a3"), ("a1", "a0")]
