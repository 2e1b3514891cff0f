"""Inline suppressions, applied through :func:`newslint_modify_violations`.

Markdown and HTML take comments::

    <!-- newslint-disable ST001 -->       until a matching enable (or the end of the file)
    <!-- newslint-enable ST001 -->
    <!-- newslint-disable-next-line ST001 -->

Plain text takes lines of their own: ``newslint: disable ST001`` (and ``enable``,
``disable-next-line``). Codes may be prefixes (``SP``) and several may be given, separated by
spaces or commas; with no code, every rule is suppressed. A crash (``internal-error``) is never
suppressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.config import Config
from newslint.document import Document
from newslint.hookspecs import hookimpl
from newslint.violation import INTERNAL_ERROR, Violation

_COMMENT_RE = re.compile(
    r"<!--\s*newslint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->", re.I
)
_LINE_RE = re.compile(r"(?im)^[ \t]*newslint\s*:\s*(disable-next-line|disable|enable)\b(.*)$")
_CODES_RE = re.compile(r"[A-Za-z]+[0-9]*")


@dataclass(frozen=True)
class Directive:
    action: str
    """``disable``, ``enable`` or ``disable-next-line``."""
    codes: tuple[str, ...]
    """Codes or prefixes; empty means every rule."""
    line: int
    """The 1-based line of the directive."""


def directives(document: Document) -> list[Directive]:
    """The suppression directives of a document, in order."""
    pattern = _LINE_RE if document.format == "text" else _COMMENT_RE
    out = []
    for m in pattern.finditer(document.source):
        codes = tuple(c.upper() for c in _CODES_RE.findall(m.group(2)))
        out.append(Directive(m.group(1).lower(), codes, document.position(m.start()).line))
    return out


def _matches(code: str, codes: tuple[str, ...]) -> bool:
    return not codes or any(code.startswith(c) for c in codes)


def suppressed_lines(document: Document) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(first line, last line, codes)`` ranges in which the codes are suppressed."""
    ranges: list[tuple[int, int, tuple[str, ...]]] = []
    open_from: dict[tuple[str, ...], int] = {}
    lines = document.lines
    for d in directives(document):
        if d.action == "disable":
            open_from.setdefault(d.codes, d.line)
        elif d.action == "enable":
            for codes in [c for c in open_from if not d.codes or c == d.codes]:
                ranges.append((open_from.pop(codes), d.line, codes))
        else:
            target = d.line + 1
            while target < lines.line_count and not _line_text(document, target).strip():
                target += 1
            ranges.append((target, target, d.codes))
    ranges.extend((start, lines.line_count, codes) for codes, start in open_from.items())
    return ranges


def _line_text(document: Document, line: int) -> str:
    span = document.lines.line_span(line)
    return document.source[span.start : span.end]


@hookimpl
def newslint_modify_violations(document: Document, violations: list[Violation], config: Config) -> None:
    if "newslint" not in document.source:
        return
    ranges = suppressed_lines(document)
    if not ranges:
        return
    kept = []
    for v in violations:
        line = document.position(v.span.start).line
        if v.code != INTERNAL_ERROR and any(
            a <= line <= b and _matches(v.code, codes) for a, b, codes in ranges
        ):
            continue
        kept.append(v)
    violations[:] = kept
