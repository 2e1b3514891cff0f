"""In-process tests of the server's pure parts: position encodings and the choice of fixes."""

from __future__ import annotations

from lsprotocol import types as lsp

from newslint.document import Span
from newslint.lsp import Linted, Positions, safe_fix_edits
from newslint.violation import Severity, Suggestion, Violation


def test_positions_count_code_units_of_the_negotiated_encoding() -> None:
    text = "ab\r\n\U0001f389é x\rlast"
    at_x = text.index("x")
    assert Positions(text, "utf-16").position(at_x) == lsp.Position(1, 4)  # emoji: 2 units
    assert Positions(text, "utf-32").position(at_x) == lsp.Position(1, 3)
    assert Positions(text, "utf-8").position(at_x) == lsp.Position(1, 7)  # 4 + 2 + 1 bytes
    # "\r\n" and a lone "\r" both end a line, as LSP says
    assert Positions(text, "utf-16").position(text.index("last")) == lsp.Position(2, 0)
    assert Positions(text, "utf-16").position(len(text) + 5) == lsp.Position(2, 4)


def test_positions_on_a_long_line_are_counted_once_not_for_every_diagnostic() -> None:
    # one line of minified HTML or a paste without breaks, with a character past ASCII
    text = "\U0001f389 " + "The ferry  sailed. " * 2000
    counted = 0

    class Counting(Positions):
        def _units(self, chars: str) -> int:
            nonlocal counted
            counted += len(chars)
            return super()._units(chars)

    positions = Counting(text)
    spans = [Span(m, m + 2) for m in range(len(text)) if text.startswith("  ", m)]
    ranges = [positions.range(span) for span in spans]
    assert [r.start.character for r in ranges] == [s.start + 1 for s in spans]  # emoji: 2 units
    assert counted <= len(text)  # it was the line's length for each of 4,000 positions
    # an offset before the last one is counted from its line's start again
    assert positions.position(2) == lsp.Position(0, 3)


def _violation(start: int, end: int, replacement: str, safe: bool = True) -> Violation:
    return Violation("ST001", "repeated-word", "m", Severity.WARNING, Span(start, end),
                     [Suggestion(replacement, safe=safe)])


def test_fix_all_skips_overlapping_and_unsafe_fixes() -> None:
    text = "abcdefghij"
    linted = Linted(text, Positions(text), "markdown")
    for v in (_violation(0, 2, "A"), _violation(1, 4, "B"), _violation(6, 8, "C"),
              _violation(8, 9, "D"), _violation(3, 5, "E", safe=False)):
        linted.pairs.append((lsp.Diagnostic(linted.positions.range(v.span), "m"), v))
    edits = safe_fix_edits(linted)
    # chosen from the end: D, C, then B (which overlaps A, so A is left for the next round)
    assert [(e.range.start.character, e.range.end.character, e.new_text) for e in edits] == [
        (1, 4, "B"), (6, 8, "C"), (8, 9, "D")]
