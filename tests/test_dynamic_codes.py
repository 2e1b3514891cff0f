"""Rules with dynamic codes (``Rule.dynamic_codes``): a plugin wrapping an outside checker
registers one bare prefix (``XT``) and reports ``XT:<ID>`` codes, which selection, ``[severity]``,
configuration checks and inline suppressions treat like any other code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newslint import Rule, Severity, Span, hookimpl
from newslint.config import Config, ConfigError
from newslint.document import Document
from newslint.engine import lint_text
from newslint.registry import Registry, RegistryError
from newslint.violation import Violation

TEXT = "Alpha beta gamma.\n"


class Wrapped(Rule):
    """## What it does
    Reports what an outside checker finds, one code per upstream rule.
    """

    code = "XT"
    name = "wrapped"
    dynamic_codes = True

    def check(self, document: Document) -> Iterator[Violation]:
        # two upstream rules, with upstream severities of their own
        for sub_id, word, severity in (("A_RULE", "Alpha", Severity.INFO),
                                       ("B_RULE", "beta", Severity.ERROR)):
            start = document.source.index(word)
            v = self.sub_violation(sub_id, Span(start, start + len(word)), f"{sub_id} fired",
                                   severity)
            if v is not None:
                yield v


class Plugin:
    @hookimpl
    def newslint_register_rules(self) -> list[type[Rule]]:
        return [Wrapped]


@pytest.fixture
def run(pm):
    pm.register(Plugin(), "wrapped-plugin")

    def lint(config: dict | None = None, text: str = TEXT, path: str = "a.txt",
             **options) -> dict[str, Severity]:
        cfg = Config.from_dict({"select": ["XT"], **(config or {})})
        cfg.validate_codes(pm.registry.rules, pm.registry.options_of, pm.schema)
        result = lint_text(pm, text, path, cfg, **options)
        return {v.code: v.severity for v in result.violations}

    return lint


def test_sub_codes_are_reported_with_their_own_severity(run):
    assert run() == {"XT:A_RULE": Severity.INFO, "XT:B_RULE": Severity.ERROR}


@pytest.mark.parametrize(
    ("config", "options", "expected"),
    [
        ({"ignore": ["XT:A_RULE"]}, {}, {"XT:B_RULE"}),
        ({"select": ["XT:B_RULE"]}, {}, {"XT:B_RULE"}),
        ({"select": ["ST"], "extend-select": ["XT:A_RULE"]}, {}, {"XT:A_RULE"}),
        ({"ignore": ["XT"], "extend-select": ["XT:A_RULE"]}, {}, {"XT:A_RULE"}),  # longer wins
        ({"ignore": ["XT"]}, {}, set()),
        ({}, {"ignore": ["XT:B_RULE"]}, {"XT:A_RULE"}),  # command line
        ({}, {"select": ["XT:A_RULE"]}, {"XT:A_RULE"}),
    ],
)
def test_selection_matches_sub_codes_by_prefix(run, config, options, expected):
    assert set(run(config, **options)) == expected


def test_severity_table_matches_sub_codes_longest_first(run):
    found = run({"severity": {"XT": "warning", "XT:A_RULE": "error"}})
    assert found == {"XT:A_RULE": Severity.ERROR, "XT:B_RULE": Severity.WARNING}


def test_inline_suppression_of_one_sub_code(run):
    text = "<!-- newslint-disable XT:B_RULE -->\n\n" + TEXT
    assert set(run(text=text, path="a.md")) == {"XT:A_RULE"}


@pytest.mark.parametrize("code", ["XT:A_RULE", "XT"])
def test_configuration_accepts_sub_codes_of_dynamic_rules(pm, code):
    pm.register(Plugin(), "wrapped-plugin")
    cfg = Config.from_dict({"ignore": [code], "severity": {code: "info"}})
    cfg.validate_codes(pm.registry.rules, pm.registry.options_of, pm.schema)


@pytest.mark.parametrize("code", ["ST:A_RULE", "XQ:A_RULE", "XT:lower"])
def test_configuration_rejects_sub_codes_of_other_rules(pm, code):
    pm.register(Plugin(), "wrapped-plugin")
    cfg = Config.from_dict({"ignore": [code]})
    with pytest.raises(ConfigError, match="unknown rule code or prefix"):
        cfg.validate_codes(pm.registry.rules, pm.registry.options_of, pm.schema)


def test_a_dynamic_rule_needs_a_bare_prefix():
    bad = type("Bad", (Wrapped,), {"code": "XT001"})
    with pytest.raises(RegistryError, match="must be a bare prefix"):
        Registry([("p", bad)])
    plain = type("Plain", (Rule,), {"code": "XT", "name": "plain"})
    with pytest.raises(RegistryError, match="malformed code"):
        Registry([("p", plain)])


def test_a_dynamic_prefix_may_not_cover_another_plugins_code():
    other = type("Other", (Rule,), {"code": "XTA001", "name": "other"})
    with pytest.raises(RegistryError, match="rule prefix XT of a covers rule code XTA001 of b"):
        Registry([("a", Wrapped), ("b", other)])
