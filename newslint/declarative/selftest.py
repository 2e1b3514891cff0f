"""``newslint test-rules``: run the custom rules' inline tests, or measure them on an archive.

A rule's ``[[rules.custom.tests]]`` give a body ``text`` (and optionally a ``headline``) and
``expect``, the texts the rule must match there, in order. ``--against PATH`` lints every
article under PATH with the custom rules alone and reports how often each fires: a rule that
fires on a third of published stories flags house style, not mistakes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.config import Config
from newslint.declarative.loader import article_of_test
from newslint.violation import INTERNAL_ERROR

if TYPE_CHECKING:
    from newslint.manager import PluginManager

TOO_BROAD = 1 / 3
"""The share of articles above which a rule is reported as too broad."""


@dataclass
class TestOutcome:
    """One inline test of one rule."""

    code: str
    index: int
    expected: list[str]
    got: list[str]
    errors: list[str] = field(default_factory=list)
    """The internal errors of the test's run (a pattern stopped for taking too long)."""

    @property
    def passed(self) -> bool:
        return not self.errors and self.expected == self.got


def _only(config: Config, codes: list[str]) -> Config:
    cfg = Config(path=config.path, root=config.root, select=codes, locale=config.locale)
    cfg.custom_rules = {c: config.custom_rules[c] for c in codes}
    return cfg


def run_tests(pm: PluginManager, config: Config) -> Iterator[TestOutcome]:
    """Run every inline test of every custom rule of ``config``."""
    from newslint.engine import lint_text

    for code, rule in config.custom_rules.items():
        cfg = _only(config, [code])
        for i, test in enumerate(getattr(rule, "tests", [])):
            source = article_of_test(test)
            result = lint_text(pm, source, "test.md", cfg)
            got = [source[v.span.start:v.span.end] for v in result.violations if v.code == code]
            errors = [v.message for v in result.violations if v.code == INTERNAL_ERROR]
            yield TestOutcome(code, i + 1, list(test.get("expect", [])), got, errors)


def fire_rates(pm: PluginManager, config: Config, folder: Path) -> tuple[int, dict[str, Any]]:
    """``(articles, {code: (articles it fired on, violations)})`` over the articles in
    ``folder``."""
    from newslint.engine import InputError, lint_text, read_article

    codes = list(config.custom_rules)
    cfg = _only(config, codes)
    files = [p for p in sorted(folder.rglob("*") if folder.is_dir() else [folder])
             if p.is_file() and config.is_included(p)]
    rates: dict[str, list[int]] = {code: [0, 0] for code in codes}
    linted = 0
    for file in files:
        try:
            text = read_article(file, config.max_file_size)
        except InputError:
            continue
        linted += 1
        result = lint_text(pm, text, str(file), cfg)
        seen = set()
        for v in result.violations:
            if v.code in rates:
                rates[v.code][1] += 1
                seen.add(v.code)
        for code in seen:
            rates[code][0] += 1
    return linted, {code: tuple(v) for code, v in rates.items()}
