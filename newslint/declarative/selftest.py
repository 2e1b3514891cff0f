"""``newslint test-rules``: run the custom rules' inline tests, or measure them on an archive.

A rule's ``[[rules.custom.tests]]`` give a body ``text`` (and optionally a ``headline``) and
``expect``, the texts the rule must match there, in order. ``--against PATH`` lints every
article under PATH (the files ``include`` takes, and the articles of JSON-lines archives) with
the custom rules alone and reports how often each fires: a rule that fires on a third of
published stories flags house style, not mistakes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.config import Config
from newslint.declarative.loader import article_of_test
from newslint.violation import INTERNAL_ERROR

if TYPE_CHECKING:
    from newslint.archive import Fields, UnseenFields
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


@dataclass
class FireRates:
    """How often each custom rule fires over a set of articles."""

    articles: int = 0
    """How many articles were linted."""
    rates: dict[str, tuple[int, int]] = field(default_factory=dict)
    """``{code: (articles it fired on, violations)}``."""
    unreadable: list[str] = field(default_factory=list)
    """One line for each file or archive line that is no article, as ``newslint check`` says
    it."""


def _articles(pm: PluginManager, config: Config, path: Path, fields: Fields,
              unreadable: list[str], unseen: UnseenFields | None) -> Iterator[tuple[str, str]]:
    """``(name, text)`` of each article under ``path`` (or ``path`` itself): the files that
    ``include`` takes, and the articles of the JSON-lines archives (``.jsonl``, ``.jsonl.gz``)
    named or found there, read as ``newslint check --input-format jsonl`` reads them (and
    watched by ``unseen``)."""
    from newslint.archive import NotAnArticle
    from newslint.config import quoted
    from newslint.engine import InputError, read_article
    from newslint.train import archive_articles, is_archive

    for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
        if not file.is_file():
            continue
        if is_archive(file):
            for article in archive_articles(file, fields, config.max_file_size, pm.readers,
                                            unseen):
                if isinstance(article, NotAnArticle):
                    unreadable.append(f"{quoted(article.name)}: {article}")
                else:
                    yield str(article.path), article.text
        elif config.is_included(file):
            try:
                yield str(file), read_article(file, config.max_file_size)
            except InputError as exc:
                unreadable.append(f"{quoted(str(file))}: {exc}")


def fire_rates(pm: PluginManager, config: Config, path: Path,
               fields: Fields | None = None, unseen: UnseenFields | None = None) -> FireRates:
    """How often each custom rule of ``config`` fires on the articles under ``path``, archives
    read with ``fields`` (the defaults of ``newslint check`` without them) and their lines
    watched by ``unseen``."""
    from newslint.archive import Fields
    from newslint.engine import lint_text

    codes = list(config.custom_rules)
    cfg = _only(config, codes)
    out = FireRates()
    counts: dict[str, list[int]] = {code: [0, 0] for code in codes}
    for name, text in _articles(pm, config, path, fields or Fields(), out.unreadable,
                                unseen):
        out.articles += 1
        result = lint_text(pm, text, name, cfg)
        seen = set()
        for v in result.violations:
            if v.code in counts:
                counts[v.code][1] += 1
                seen.add(v.code)
        for code in seen:
            counts[code][0] += 1
    out.rates = {code: (files, hits) for code, (files, hits) in counts.items()}
    return out
