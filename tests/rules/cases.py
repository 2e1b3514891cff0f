"""Golden rule cases in markdown-it-py's dot-delimited fixture format, one file per rule family.

A case is a title line, then ``.``, the article, ``.``, the expected ``line:col CODE`` lines
(none when the article is clean), and a closing ``.``::

    repeated article across a line break
    .
    Fire in the
    the harbour.
    .
    1:10 ST001
    .

The article is linted as plain text unless its title names a file (``[name.md]`` at the end of
the title), so cases can exercise the Markdown and HTML readers too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

_FILE_RE = re.compile(r"\[([\w.-]+\.\w+)\]\s*$")


@dataclass(frozen=True)
class Case:
    title: str
    """The case's first line."""
    line: int
    """The 1-based line of the title in the case file, for test ids and messages."""
    article: str
    """The text to lint, with a final newline."""
    expected: list[str]
    """``line:col CODE`` lines, in order."""

    @property
    def filename(self) -> str:
        m = _FILE_RE.search(self.title)
        return m.group(1) if m else "article.txt"


def read_case_file(path: Path) -> list[Case]:
    """Every case in ``path``; a malformed file fails with the line it went wrong on."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, title_line = lines[i], i + 1
        parts: list[list[str]] = []
        i += 1
        for _ in range(2):
            if i >= len(lines) or lines[i] != ".":
                raise ValueError(
                    f"{path}:{i + 1}: expected '.' in the case that starts on line {title_line}"
                )
            i += 1
            part: list[str] = []
            while i < len(lines) and lines[i] != ".":
                part.append(lines[i])
                i += 1
            parts.append(part)
        if i >= len(lines):
            raise ValueError(f"{path}:{title_line}: case is not closed with '.'")
        i += 1
        article, expected = parts
        cases.append(
            Case(
                title,
                title_line,
                "\n".join(article) + "\n",
                [e.strip() for e in expected if e.strip()],
            )
        )
    return cases


def case_params(path: Path) -> list[object]:
    """``pytest.param`` per case, with the case's line and title in its id."""
    return [pytest.param(c, id=f"{path.stem}:{c.line}:{c.title}") for c in read_case_file(path)]
