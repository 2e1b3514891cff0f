"""Vale's own acceptance tests for five official styles, run with newslint's ``--format line``.

Each scenario of ``<package>/features/rules.feature`` names a fixture folder (with the
``.vale.ini`` Vale ran) and the exact lines Vale prints; newslint must print the same lines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newslint.cli import main
from tests.shared import DATA as SHARED_DATA

DATA = SHARED_DATA / "vale-conformance"

# Scenarios whose expected lines contradict the package's own rule files, so that no
# implementation of Vale's rules can print them; strict, so a pass is noticed.
KNOWN_FAILURES: dict[str, str] = {
    "alex/basic": "the feature expects a rule alex.Profanity with the message \"Be careful with "
                  "'%s', it’s profane in some cases.\", which the package does not ship (its rules "
                  "are ProfanityLikely, ProfanityMaybe and ProfanityUnlikely, "
                  "with other messages), "
                  "and leaves out alex.OCD, whose swap pattern \\bocd\\b|o\\.c\\.d\\. matches "
                  "'o.c.d.' and 'OCD' on line 15",
    "write-good/Weasel": "the package's Weasel.yml lists 'fairly', and Vale's existence check "
                         "reports every match of (?i)\\b(?:tokens)\\b, so 'fairly' on line 5 is "
                         "reported; the feature expects only 'very'",
}


def scenarios() -> list[tuple[str, str, list[str]]]:
    """``(package, fixture, expected lines)`` for every active scenario."""
    out = []
    for feature in sorted(DATA.glob("*/features/rules.feature")):
        package = feature.parent.parent.name
        text = feature.read_text(encoding="utf-8")
        pattern = (r'^\s*When I test "([^"]+)"\s*\n'
                   r'\s*Then the output should contain exactly:\s*\n\s*"""\n(.*?)^\s*"""')
        for m in re.finditer(pattern, text, re.M | re.S):
            lines = [line.strip() for line in m.group(2).splitlines() if line.strip()]
            out.append((package, m.group(1), lines))
    return out


SCENARIOS = scenarios()


def test_all_thirty_scenarios_are_found() -> None:
    if not DATA.is_dir():
        pytest.skip("shared conformance data not present")
    assert len(SCENARIOS) == 30


def run_scenario(package: str, fixture: str, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = DATA / package / "fixtures" / fixture
    styles = sorted(p.name for p in (DATA / package).iterdir()
                    if p.is_dir() and any(p.glob("*.yml")))
    config = tmp_path / ".newslint.toml"
    config.write_text(f'vale-config = "{(folder / ".vale.ini").as_posix()}"\n'
                      f"select = {styles!r}\n".replace("'", '"'), encoding="utf-8")
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--config", str(config), "--format", "line",
                                       "--exit-zero", "--no-cache", *files]
                                if "--no-cache" in _check_options() else
                                ["check", "--config", str(config), "--format", "line",
                                 "--exit-zero", *files])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return [line for line in result.output.splitlines() if line.strip()]


def _check_options() -> set[str]:
    return {opt for p in main.commands["check"].params for opt in getattr(p, "opts", [])}


def _param(package: str, fixture: str, expected: list[str]) -> Any:
    reason = KNOWN_FAILURES.get(f"{package}/{fixture}")
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(package, fixture, expected, marks=marks, id=f"{package}-{fixture}")


@pytest.mark.parametrize("package, fixture, expected", [_param(*s) for s in SCENARIOS])
def test_scenario(package: str, fixture: str, expected: list[str], tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_scenario(package, fixture, tmp_path, monkeypatch) == expected
