"""Every built-in rule documents itself in ruff's sections, and its examples are true: the
Example makes it fire and the Use instead does not (proselint's should-fail/should-pass test)."""

from __future__ import annotations

import pkgutil
import re

import pytest

import newslint.rules
from newslint.engine import lint_text
from newslint.manager import BUILTIN_PLUGINS, get_plugin_manager
from newslint.rule import CODE_RE

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
# the fence's language picks the reader
FILES = {"text": "example.txt", "": "example.txt", "markdown": "example.md", "md": "example.md",
         "html": "example.html"}


def builtin_rules():
    """Every rule contributed by a built-in plugin, so a new family is picked up on its own."""
    registry = get_plugin_manager(autoload=False).registry
    return sorted(
        (code, rule)
        for code, rule in registry.rules.items()
        if registry.sources[code] in BUILTIN_PLUGINS
    )


RULES = builtin_rules()
CODES = [code for code, _ in RULES]


def fenced(rule, section: str) -> list[tuple[str, str]]:
    """``(language, text)`` of each fenced block under ``## section`` of the explanation."""
    part = re.split(r"^## ", rule.explanation(), flags=re.M)
    body = next(p.partition("\n")[2] for p in part[1:] if p.partition("\n")[0].strip() == section)
    return re.findall(r"^```([^\n]*)\n(.*?)^```", body, flags=re.M | re.S)


def codes_fired(pm, code: str, language: str, example: str) -> list[str]:
    """Lint the example as written, as a reader who pastes it into an article file sees it:
    its first line is that article's headline, which some rules leave alone."""
    result = lint_text(pm, example, FILES[language.strip().lower()], select=[code])
    assert result.error is None, result.error
    return [v.code for v in result.violations]


def test_there_are_builtin_rules():
    assert {"ST001", "ST002"} <= set(CODES)


@pytest.mark.parametrize(("code", "rule"), RULES, ids=CODES)
def test_explanation_has_every_section(code, rule):
    examples = rule.examples()
    for section in SECTIONS:
        assert section in examples, f"{code}: no '## {section}' section"
    assert list(examples)[:4] == list(SECTIONS), f"{code}: sections out of order"
    assert examples["Example"], f"{code}: '## Example' has no fenced block"
    assert examples["Use instead"], f"{code}: '## Use instead' has no fenced block"
    assert rule.name and rule.name == rule.name.lower() and " " not in rule.name


@pytest.mark.parametrize(("code", "rule"), RULES, ids=CODES)
def test_example_fires_and_use_instead_does_not(pm, code, rule):
    for language, example in fenced(rule, "Example"):
        assert code in codes_fired(pm, code, language, example), (
            f"{code} is silent on its Example:\n{example}"
        )
    for language, example in fenced(rule, "Use instead"):
        assert codes_fired(pm, code, language, example) == [], (
            f"{code} fires on its Use instead:\n{example}"
        )


@pytest.mark.parametrize("code", CODES)
def test_code_is_well_formed(code):
    assert CODE_RE.match(code)


def test_codes_and_names_are_unique():
    assert len(CODES) == len(set(CODES))
    names = [rule.name for _, rule in RULES]
    assert len(names) == len(set(names))


def test_every_rules_module_is_a_builtin_plugin():
    modules = {f"newslint.rules.{m.name}" for m in pkgutil.iter_modules(newslint.rules.__path__)}
    assert modules, "no modules under newslint/rules/"
    missing = modules - set(BUILTIN_PLUGINS)
    assert not missing, f"missing from BUILTIN_PLUGINS: {missing}"


def test_family_of_every_builtin_rule_is_known():
    for code, rule in RULES:
        assert rule.family() in {"spelling", "headlines", "quotes", "style"}, code
