"""``metric``: a readability score over a threshold.

========================  ==================================================================
key                       meaning
========================  ==================================================================
``formula``               arithmetic over the article's counts: ``words``, ``sentences``,
                          ``syllables``, ``characters``, ``complex_words`` (3+ syllables),
                          ``long_words`` (7+ letters), ``paragraphs``
``condition``             a comparison with a number, e.g. ``"> 12"``
========================  ==================================================================

The article's scope is measured as a whole (``body`` by default) and reported at its first
block. ``message`` placeholders: ``{score}`` (rounded to two decimals).

Example (Flesch-Kincaid grade level)::

    [[rules.custom]]
    code = "NYT008"
    type = "metric"
    message = "Grade level {score}: aim for 10 or below."
    formula = "0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59"
    condition = "> 10"
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from newslint.declarative.base import DeclarativeRule, DefinitionError, key_of
from newslint.document import Document
from newslint.text import WORD_RE
from newslint.violation import Violation

VARIABLES = ("words", "sentences", "syllables", "characters", "complex_words", "long_words",
             "paragraphs")
_OPS: dict[type, Callable[..., float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos,
}
_COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
            "==": operator.eq, "!=": operator.ne}


def compile_formula(formula: str) -> ast.expr:
    """Parse ``formula``, allowing numbers, the :data:`VARIABLES`, + - * / ** and brackets."""
    try:
        tree = ast.parse(formula, mode="eval").body
    except SyntaxError as exc:
        raise DefinitionError(f"'formula' is not valid arithmetic: {exc.msg}", "formula") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in VARIABLES:
            raise DefinitionError(f"'formula' uses unknown name '{node.id}' (known: "
                                  f"{', '.join(VARIABLES)})", "formula")
        if not isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load,
                                 *_OPS)) or (isinstance(node, ast.Constant) and \
                not isinstance(node.value, (int, float))):
            raise DefinitionError(f"'formula' may only use numbers, {', '.join(VARIABLES)} and "
                                  "+ - * / **", "formula")
    return tree


def evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, (int, float))  # compile_formula let only numbers through
        return float(node.value)
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        return _OPS[type(node.op)](evaluate(node.operand, values))
    assert isinstance(node, ast.BinOp)
    return _OPS[type(node.op)](evaluate(node.left, values), evaluate(node.right, values))


def syllables(word: str) -> int:
    """A syllable estimate good enough for readability formulas (vowel groups, silent e)."""
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


class Metric(DeclarativeRule):
    type_name = "metric"
    keys = {
        "formula": (str, "an arithmetic formula"),
        "condition": (str, "a comparison such as \"> 12\""),
    }
    required = ("formula", "condition")
    scope = ("body",)
    message = "Score {score} is over the limit."

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        tree = compile_formula(key_of(spec, "formula", str, "", "an arithmetic formula"))
        m = re.fullmatch(r"\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*", spec["condition"])
        if not m:
            raise DefinitionError("'condition' must be a comparison with a number, e.g. \"> 12\"",
                                  "condition")
        return {"formula": tree, "compare": _COMPARE[m.group(1)], "limit": float(m.group(2))}

    def find(self, document: Document) -> Iterator[Violation]:
        units = list(self.units(document))
        if not units:
            return
        words = [w for u in units for w in WORD_RE.findall(u.text) if w[0].isalpha()]
        sentences = sum(len(u.block.sentences) for u in units)
        if not words or not sentences:
            return
        counts = [syllables(w) for w in words]
        values = {
            "words": len(words), "sentences": sentences, "syllables": sum(counts),
            "characters": sum(len(w) for w in words), "paragraphs": len(units),
            "complex_words": sum(1 for c in counts if c >= 3),
            "long_words": sum(1 for w in words if len(w) >= 7),
        }
        try:
            # floats: a power of whole counts (words ** words) would be computed exactly, for
            # minutes, where a float overflows at once
            score = evaluate(self.spec["formula"], {k: float(v) for k, v in values.items()})
        except (ZeroDivisionError, OverflowError):
            return
        if isinstance(score, complex):  # a negative number to a fractional power has no score
            return
        if self.spec["compare"](score, self.spec["limit"]):
            first = units[0]
            yield self.report(first, 0, len(first.text), score=f"{score:.2f}")
