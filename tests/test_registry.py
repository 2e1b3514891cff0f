"""The rule registry: well-formed unique codes, collisions, and the selection decision table."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newslint
from newslint.config import Config
from newslint.engine import lint_text
from newslint.registry import Registry, RegistryError, is_selected, severity_for
from newslint.rule import CODE_RE, Rule
from newslint.violation import Severity

BOTH = "Council approves new budget\n\nThe fire spread to the the  warehouse.\n"


def make_rule(code: str, default_enabled: bool = True) -> type[Rule]:
    return type(
        f"Rule{code}",
        (Rule,),
        {
            "code": code,
            "name": f"rule-{code.lower()}",
            "default_enabled": default_enabled,
            "check": lambda self, d: [],
        },
    )


# (code, default on, select, extend-select, ignore) -> runs; in the manner of flake8's
# tests/unit/test_decision_engine.py
DECISIONS = [
    ("ST001", True, None, [], [], True),  # default-on, nothing said
    ("ST001", False, None, [], [], False),  # default-off, nothing said
    ("ST001", False, None, ["ST"], [], True),  # extend-select turns a default-off rule on
    ("ST001", False, ["ALL"], [], [], True),
    ("ST001", True, ["SP"], [], [], False),  # select replaces the default set
    ("ST001", True, [], [], [], False),
    ("ST001", True, None, [], ["ST"], False),
    ("ST001", True, None, [], ["ALL"], False),
    ("ST001", True, None, [], ["ST002"], True),
    ("ST001", True, ["ST"], [], ["ST001"], False),
    ("ST001", True, ["ST001"], [], ["ST"], True),  # longer select beats shorter ignore
    ("ST001", True, ["ST0"], [], ["ST00"], False),  # longer ignore beats shorter select
    ("ST001", True, ["ST00"], [], ["ST0"], True),
    ("ST001", True, ["ST"], [], ["ST"], False),  # a tie goes to ignore
    ("ST001", True, ["ALL"], [], ["ALL"], False),
    ("ST001", True, None, ["ST001"], ["ST"], True),  # extend-select counts as selecting
    ("ST001", True, None, ["S"], ["ST"], False),
    ("ST001", True, ["ALL"], [], ["S"], False),  # ALL is the shortest prefix of all
    ("ST001", True, ["S"], [], ["ALL"], True),
    ("ST001", False, ["ST"], [], ["ST001"], False),
    ("ST001", False, ["ST002"], [], [], False),
    ("HL201", True, ["ST", "HL2"], [], ["HL"], True),
    ("HL201", True, ["ST", "HL"], [], ["HL2"], False),
]


@pytest.mark.parametrize(("code", "default", "select", "extend", "ignore", "expected"), DECISIONS)
def test_decision_table(code, default, select, extend, ignore, expected):
    assert is_selected(code, default, select, extend, ignore) is expected


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({}, Severity.WARNING),
        ({"ST": "error"}, Severity.ERROR),
        ({"ST": "error", "ST001": "info"}, Severity.INFO),
        ({"ST001": "info", "ST": "error"}, Severity.INFO),  # longest wins, not last
        ({"ST0": "info", "S": "error"}, Severity.INFO),
        ({"ST002": "error"}, Severity.WARNING),
        ({"SP": "error"}, Severity.WARNING),
    ],
)
def test_severity_longest_prefix_wins(table, expected):
    table = {k: Severity.parse(v) for k, v in table.items()}
    assert severity_for("ST001", Severity.WARNING, table) is expected


def test_builtin_codes_are_well_formed_and_unique(pm):
    registry = pm.registry
    assert {"ST001", "ST002"} <= set(registry.rules)
    for code, rule in registry.rules.items():
        assert CODE_RE.match(code), code
        assert rule.code == code
    names = [rule.name for rule in registry.rules.values()]
    assert len(names) == len(set(names)), "rule names must be unique"


def test_each_builtin_code_is_a_literal_in_exactly_one_place(pm):
    counts: dict[str, list[str]] = {code: [] for code in pm.registry.rules}
    for file in Path(newslint.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in counts:
                counts[node.value].append(f"{file.name}:{node.lineno}")
    assert {code: places for code, places in counts.items() if len(places) != 1} == {}


@pytest.mark.parametrize("code", ["ST01", "S0001", "st001", "ABCD001", "ST0001", "", "ST-001"])
def test_malformed_codes_are_rejected(code):
    with pytest.raises(RegistryError, match=f"plugin bad: rule Rule{code} has a malformed code"):
        Registry([("bad", make_rule(code))])


def test_a_code_claimed_twice_names_both_plugins():
    with pytest.raises(RegistryError, match="ST001 is claimed by both one and two"):
        Registry([("one", make_rule("ST001")), ("two", make_rule("ST001"))])


def test_select_resolves_options_and_severities():
    registry = Registry(
        [("p", make_rule("XY001")), ("p", make_rule("XY002", default_enabled=False))]
    )
    cfg = Config.from_dict({"severity": {"XY": "error"}, "extend-select": ["XY002"]})
    chosen = registry.select(cfg)
    assert [(r.code, r.effective_severity) for r in chosen] == [
        ("XY001", Severity.ERROR),
        ("XY002", Severity.ERROR),
    ]


def test_selection_is_not_cached_across_command_line_choices(pm):
    cfg = Config()
    first = lint_text(pm, BOTH, "a.txt", cfg, select=["ST001"])
    second = lint_text(pm, BOTH, "a.txt", cfg, select=["ST002"])
    assert [v.code for v in first.violations] == ["ST001"]
    assert [v.code for v in second.violations] == ["ST002"]


def test_selection_is_not_cached_across_configurations(pm):
    # configurations made and dropped one after another often reuse one id()
    for _ in range(20):
        for code in ("ST001", "ST002"):
            result = lint_text(pm, BOTH, "a.txt", Config.from_dict({"select": [code]}))
            assert [v.code for v in result.violations] == [code]
