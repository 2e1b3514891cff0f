"""ST099 ``unused-suppression``: a disable comment that suppresses nothing, as ruff's RUF100.

The check needs the violations *before* inline suppressions remove them, and the list of rules
that ran, so it is a wrapper of :func:`~newslint.hookspecs.newslint_lint_document` rather than
an ordinary :meth:`Rule.check` (which sees only the document): after the rules (or the result
cache) answer, it replays each ``disable`` and ``disable-next-line`` directive against those
violations. A code in a directive is judged only when a rule that it names ran, so a run with
``--select QT`` does not call ``disable SP101`` unused. ``enable`` directives are never reported.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

from newslint.config import Config
from newslint.document import Document, Span
from newslint.hookspecs import hookimpl
from newslint.rule import Rule
from newslint.suppressions import Directive, _matches, _next_line, directives
from newslint.violation import INTERNAL_ERROR, Severity, Suggestion, Violation


class UnusedSuppression(Rule):
    """## What it does
    Flags a `newslint-disable` comment (or a `newslint: disable` line in plain text) that
    suppresses no violation, and each code in one that suppresses nothing.

    ## Why is this bad?
    Suppressions outlive the copy they were written for: once the sentence is edited, the
    comment silences nothing today but will hide a real slip tomorrow. Keeping only the
    suppressions that do something keeps them honest. Off by default; turn it on with
    `extend-select = ["ST099"]`. `--fix` removes an unused suppression (with its line, when
    it stands alone there), or the codes in it that suppress nothing.

    ## Example
    ```text
    Fire crews were called at noon.

    newslint: disable-next-line
    The fire spread to the warehouse next door.
    ```

    ## Use instead
    ```text
    Fire crews were called at noon.

    The fire spread to the warehouse next door.
    ```
    """

    code = "ST099"
    name = "unused-suppression"
    severity = Severity.WARNING
    default_enabled = False
    fixable = True

    def check(self, document: Document) -> Iterator[Violation]:
        return iter(())  # the work is done by the wrapper below, which sees the other rules


def _active_at(document: Document, found: list[Directive], d: Directive, v: Violation) -> bool:
    """Whether directive ``d`` is what turns ``v`` off (replaying directives as suppressions do)."""
    if d.action == "disable-next-line":
        return _next_line(document, d) == document.position(v.span.start).line
    at = v.span.start
    if d.offset > at:
        return False
    for later in found:
        if d.offset < later.offset <= at and later.action != "disable-next-line" \
                and _matches(v.code, later.codes):
            return False  # a later enable (or disable) took over
    return True


def _directive_span(document: Document, d: Directive) -> tuple[Span, Span]:
    """The directive's own span, and what its fix removes: its whole line when it stands alone
    there, else the comment and the space that parts it from the text on one side of it."""
    source = document.source
    line = document.lines.line_span(d.line)
    start = source.rfind("<!--", line.start, d.offset) if document.format != "text" else -1
    if start == -1:
        text = source[line.start : line.end]
        start = line.start + len(text) - len(text.lstrip())
    lines = document.lines
    last = document.position(max(d.offset - 1, 0)).line
    end_line = lines.line_span(last)
    before = source[line.start:start]
    after = source[d.offset:end_line.end]
    if not before.strip() and not after.strip():
        # the line break goes with the line (all of "\r\n"); the last line has none to take,
        # and a final lone "\r" stays, as a span may not end past the last line's text
        end = lines.line_start(last + 1) if last < lines.line_count else end_line.end
        return Span(start, d.offset), Span(line.start, end)
    # a comment beside other text (after a heading's words, beside another directive): the
    # space before it goes with it at the end of a line, and the space after it elsewhere
    # (keeping the line's indent), so the words around it keep the one space between them
    spaced_before = len(before) - len(before.rstrip(" \t"))
    spaced_after = len(after) - len(after.lstrip(" \t"))
    if not after.strip():
        return Span(start, d.offset), Span(start - spaced_before, end_line.end)
    if spaced_before or not before.strip():
        return Span(start, d.offset), Span(start, d.offset + spaced_after)
    return Span(start, d.offset), Span(start, d.offset)


def unused(document: Document, rules: list[Rule], violations: list[Violation],
           rule: Rule) -> list[Violation]:
    """The ST099 violations of ``document``, given the rules that ran and what they found."""
    found = directives(document)
    running = [r.code for r in rules]
    candidates = [v for v in violations if v.code not in (INTERNAL_ERROR, rule.code)]
    out = []
    for d in found:
        if d.action == "enable":
            continue
        hits = [v for v in candidates
                if _matches(v.code, d.codes) and _active_at(document, found, d, v)]
        if not d.codes:
            idle = [] if hits else ["*"]
        else:
            judged = [c for c in d.codes if any(code.upper().startswith(c) for code in running)]
            idle = [c for c in judged if not any(v.code.upper().startswith(c) for v in hits)]
        if not idle:
            continue
        span, removal = _directive_span(document, d)
        every = idle == ["*"] or len(idle) == len(d.codes)
        if idle == ["*"]:
            message = f"unused suppression: this newslint-{d.action} suppresses nothing"
        else:
            message = f"unused suppression: no {', '.join(idle)} violation here to suppress"
        if every:
            fixes = [Suggestion("", removal, safe=True, title="Remove the unused suppression")]
        else:
            fixes = [_without(document, d, idle)]
        out.append(rule.violation(span, message, fixes))
    return out


def _without(document: Document, d: Directive, idle: list[str]) -> Suggestion:
    """The fix that takes the ``idle`` codes out of directive ``d`` and keeps the others as
    they are written, each with the separator that followed it (``ST001,ST003`` from
    ``ST001,ST002,ST003``)."""
    source = document.source
    spans = d.code_spans
    kept = [i for i, code in enumerate(d.codes) if code not in idle]
    parts = [source[spans[i][0]:(spans[i + 1][0] if i + 1 < len(spans) else spans[i][1])]
             for i in kept]
    text = "".join(parts[:-1]) + source[spans[kept[-1]][0]:spans[kept[-1]][1]]
    return Suggestion(text, Span(spans[0][0], spans[-1][1]), safe=True,
                      title=f"Remove {', '.join(idle)} from the suppression")


@hookimpl(specname="newslint_lint_document", wrapper=True)
def check_suppressions(
    document: Document, rules: list[Rule], config: Config
) -> Generator[None, list[Violation] | None, list[Violation] | None]:
    violations = yield
    rule = next((r for r in rules if r.code == UnusedSuppression.code), None)
    if rule is None or violations is None or "newslint" not in document.source:
        return violations
    return [*violations, *unused(document, rules, violations, rule)]


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [UnusedSuppression]
