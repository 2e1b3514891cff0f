"""Safe fixes on hostile articles: each round changes only the fixed spans, the fixes converge,
a second pass changes nothing, and no fixed finding comes back where it was fixed."""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import pytest
from hypothesis import given, settings

from newslint.engine import lint_text
from newslint.fixes import MAX_ROUNDS, Edit, edit_of, fix_text
from newslint.manager import get_plugin_manager
from newslint.violation import Violation
from tests.hardening.articles import PATHS, articles, scaled

PM = get_plugin_manager(autoload=False)
FIXABLE = sorted(code for code, rule in PM.registry.rules.items() if rule.fixable)


def applies_subset(before: str, after: str, edits: list[Edit]) -> bool:
    """Whether ``after`` is ``before`` with some non-overlapping subset of ``edits`` applied and
    nothing else changed. A search over the edits in source order, written independently of
    :func:`newslint.fixes.apply_edits`, so it can check it."""
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement))

    @cache
    def match(k: int, i: int, j: int) -> bool:
        # edits[k:] are left to consider; before[:i] has become after[:j]
        if k == len(ordered):
            return before[i:] == after[j:]
        if match(k + 1, i, j):
            return True
        edit = ordered[k]
        if edit.start < i or edit.end > len(before):
            return False
        gap = edit.start - i
        if before[i : edit.start] != after[j : j + gap]:
            return False
        j2 = j + gap
        if after[j2 : j2 + len(edit.replacement)] != edit.replacement:
            return False
        return match(k + 1, edit.end, j2 + len(edit.replacement))

    return match(0, 0, 0)


def fixed_regions(before: str, edits: list[Edit], after: str) -> list[tuple[int, int, Edit]]:
    """Where each edit that took effect lies in ``after`` (edits applied from the start)."""
    out, shift = [], 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement)):
        at = edit.start + shift
        if (
            after[at : at + len(edit.replacement)] == edit.replacement
            and before[edit.start : edit.end] != edit.replacement
        ):
            out.append((at, at + len(edit.replacement), edit))
            shift += len(edit.replacement) - (edit.end - edit.start)
    return out


@pytest.mark.parametrize("flavour", sorted(PATHS))
def test_safe_fixes(flavour: str) -> None:
    path = PATHS[flavour]

    def lint(text: str) -> list[Violation]:
        result = lint_text(PM, text, path, select=FIXABLE)
        assert result.error is None and not result.internal_errors, result.error
        return result.violations

    @settings(max_examples=scaled(0.5))
    @given(articles(flavour))
    def run(text: str) -> None:
        first = lint_text(PM, text, path, select=FIXABLE)
        if first.error is not None:
            return  # unreadable (bad front matter): nothing to fix
        rounds: list[tuple[str, list[Violation]]] = [(text, first.violations)]

        def recording_lint(new_text: str) -> list[Violation]:
            violations = lint(new_text)
            rounds.append((new_text, violations))
            return violations

        outcome = fix_text(text, first.violations, recording_lint)
        assert len(rounds) <= MAX_ROUNDS, "fixes did not converge: two fixes undo each other"
        for (before, found), (after, refound) in pairwise(rounds):
            edits = [e for v in found if (e := edit_of(v)) is not None]
            assert applies_subset(before, after, edits), "a fix changed text outside its span"
            for start, end, edit in fixed_regions(before, edits, after):
                back = [
                    v
                    for v in refound
                    if start <= v.span.start
                    and v.span.end <= end
                    and (ev := edit_of(v)) is not None
                    and ev.replacement == edit.replacement
                    and v.code in {f.code for f in found if edit_of(f) == edit}
                ]
                assert not back, f"fixed finding came back in place: {back}"
        # the fixed text has nothing left to fix, so a second --fix changes nothing
        left = [e for v in outcome.remaining if (e := edit_of(v)) is not None]
        assert all(outcome.text[e.start : e.end] == e.replacement for e in left), left
        assert fix_text(outcome.text, outcome.remaining, lint).text == outcome.text

    run()
