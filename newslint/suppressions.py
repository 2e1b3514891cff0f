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
from bisect import bisect_right
from dataclasses import dataclass

from newslint.config import Config
from newslint.document import CODE, Document
from newslint.hookspecs import hookimpl
from newslint.readers.text import DIRECTIVE_LINE_RE
from newslint.violation import INTERNAL_ERROR, Violation

# The action is a whole word: "newslint-disable-line ST001" (ESLint's spelling) is no directive;
# read as "disable" it turned ST001 off to the end of the file
_COMMENT_RE = re.compile(
    r"<!--\s*newslint-(disable-next-line|disable|enable)\b(?!-(?!->))(.*?)-->", re.I | re.S
)
# a code, a prefix, a dynamic code such as LT:EN_A_VS_AN (see Rule.dynamic_codes), or a Vale
# rule's Style.Rule (write-good.Weasel); upper-cased, as codes are matched in any case
_CODES_RE = re.compile(r"[A-Za-z](?:[\w.:-]*\w)?")


@dataclass(frozen=True)
class Directive:
    action: str
    """``disable``, ``enable`` or ``disable-next-line``."""
    codes: tuple[str, ...]
    """Codes or prefixes; empty means every rule."""
    line: int
    """The 1-based line of the directive."""
    offset: int
    """The source offset just past the directive; ``disable``/``enable`` act from there."""
    code_spans: tuple[tuple[int, int], ...] = ()
    """Where each of :attr:`codes` is written in the source."""


def directives(document: Document) -> list[Directive]:
    """The suppression directives of a document, in order."""
    pattern = DIRECTIVE_LINE_RE if document.format == "text" else _COMMENT_RE
    code = document.meta.get(CODE, [])
    out = []
    for m in pattern.finditer(document.source):
        at = bisect_right(code, (m.start(), len(document.source))) - 1
        if at >= 0 and m.start() < code[at][1]:
            continue  # a comment shown in a code block, not one that directs newslint
        found = list(_CODES_RE.finditer(m.group(2)))
        codes = tuple(c.group().upper() for c in found)
        spans = tuple((m.start(2) + c.start(), m.start(2) + c.end()) for c in found)
        out.append(Directive(m.group(1).lower(), codes, document.position(m.start()).line, m.end(),
                             spans))
    return out


def _matches(code: str, codes: tuple[str, ...]) -> bool:
    return not codes or any(code.upper().startswith(c) for c in codes)


def _next_line(document: Document, directive: Directive) -> int:
    """The first non-blank line after ``directive`` (the line a ``disable-next-line`` aims at):
    after the line it ends on, as a comment may run over several lines."""
    lines = document.lines
    target = document.position(directive.offset - 1).line + 1
    while target < lines.line_count and not _line_text(document, target).strip():
        target += 1
    return target


def _line_text(document: Document, line: int) -> str:
    span = document.lines.line_span(line)
    return document.source[span.start : span.end]


def is_suppressed(document: Document, found: list[Directive], violation: Violation) -> bool:
    """Whether the directives turn ``violation`` off.

    Directives are replayed in order for the violation's own code, so ``disable ST`` followed by
    ``enable ST001`` leaves ST001 on and the rest of ST off. A crash is never suppressed.
    """
    if violation.code == INTERNAL_ERROR:
        return False
    at = violation.span.start
    line = document.position(at).line
    disabled = False
    for d in found:
        if not _matches(violation.code, d.codes):
            continue
        if d.action == "disable-next-line":
            if _next_line(document, d) == line:
                return True
        elif d.offset <= at:
            disabled = d.action == "disable"
    return disabled


@hookimpl
def newslint_modify_violations(
    document: Document, violations: list[Violation], config: Config
) -> None:
    if "newslint" not in document.source:
        return
    found = directives(document)
    if found:
        violations[:] = [v for v in violations if not is_suppressed(document, found, v)]
