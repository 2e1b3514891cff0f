"""``newslint check --vale-config``, notes for skipped Vale rules, and custom codes on the
command line."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newslint.cli import main
from newslint.engine import Options
from newslint.parallel import FILES_PER_WORKER

ARTICLE = "Local news\n\nThe mayor slammed critics and blasted the council.\n"
SKIP_NOTE = "newslint: note: skipped Vale rule House.Code: type 'script' is not supported"


def vale_style(root: Path, style: str, token: str) -> Path:
    """A ``.vale.ini`` under ``root`` with one existence rule on ``token`` and one script rule."""
    folder = root / "styles" / style
    folder.mkdir(parents=True)
    (folder / "Word.yml").write_text(f"extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\n"
                                     f"tokens:\n  - {token}\n", encoding="utf-8")
    (folder / "Code.yml").write_text("extends: script\nscript: x\n", encoding="utf-8")
    ini = root / f"{style}.ini"
    ini.write_text(f"StylesPath = styles\n\n[*.md]\nBasedOnStyles = {style}\n", encoding="utf-8")
    return ini


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--format", "line", "--no-cache", *args])


def vale_lines(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ":House." in line or ":Desk." in line]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_vale_config_option_loads_the_styles(project: Path) -> None:
    vale_style(project, "House", "slammed")
    result = check("--vale-config", "House.ini", "a.md")
    assert result.exit_code == 1, result.output
    assert vale_lines(result) == ["a.md:3:11:House.Word:Avoid 'slammed'."]


def test_vale_config_option_replaces_the_configured_one(project: Path) -> None:
    vale_style(project, "House", "slammed")
    vale_style(project, "Desk", "blasted")
    (project / ".newslint.toml").write_text('vale-config = "Desk.ini"\n', encoding="utf-8")
    assert vale_lines(check("a.md")) == ["a.md:3:31:Desk.Word:Avoid 'blasted'."]
    assert vale_lines(check("--vale-config", "House.ini", "a.md")) == [
        "a.md:3:11:House.Word:Avoid 'slammed'."]


def test_skipped_vale_rules_are_one_note_each_on_stderr(project: Path) -> None:
    vale_style(project, "House", "slammed")
    (project / "b.md").write_text(ARTICLE, encoding="utf-8")
    result = check("--vale-config", "House.ini", "a.md", "b.md")
    assert result.stderr.splitlines().count(SKIP_NOTE) == 1, result.stderr
    assert "House.Code" not in result.stdout  # a note, not a violation
    # the same note for a vale-config key in the configuration file
    (project / ".newslint.toml").write_text('vale-config = "House.ini"\n', encoding="utf-8")
    assert check("a.md", "b.md").stderr.splitlines().count(SKIP_NOTE) == 1


def test_vale_config_option_reaches_worker_processes(project: Path) -> None:
    vale_style(project, "House", "slammed")
    names = [f"{i:02}.md" for i in range(2 * FILES_PER_WORKER)]
    for name in names:
        (project / name).write_text(ARTICLE, encoding="utf-8")
    serial = check("--vale-config", "House.ini", "--jobs", "1", *names)
    parallel = check("--vale-config", "House.ini", "--jobs", "2", *names)
    assert vale_lines(parallel) == vale_lines(serial)
    assert len(vale_lines(parallel)) == len(names)
    assert parallel.stderr.splitlines().count(SKIP_NOTE) == 1


def test_options_with_a_vale_config_survive_pickling(tmp_path: Path) -> None:
    # where workers are spawned rather than forked, the options are pickled to reach them
    options = Options(vale_config=tmp_path / ".vale.ini", select=["House"])
    assert pickle.loads(pickle.dumps(options)) == options


def test_custom_codes_from_the_configuration_are_accepted_on_the_command_line(
        project: Path) -> None:
    (project / ".newslint.toml").write_text(
        '[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\ntokens = ["slammed"]\n',
        encoding="utf-8")
    result = check("--select", "NYT001", "a.md")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == ["a.md:3:11:NYT001:slammed"]
    assert check("--ignore", "NYT001", "--select", "NYT", "a.md").stdout == ""
    unknown = check("--select", "NYT002", "a.md")
    assert unknown.exit_code == 2
    assert ("unknown rule code or prefix 'NYT002' in '--select'; did you mean 'NYT001'?"
            in unknown.stderr)


def test_vale_matching_details(project: Path) -> None:
    """Raw patterns take the tokens as one group, messages collapse spaces, and a word in
    capitals is right in $sentence only as an exception, as in Vale."""
    folder = project / "styles" / "Desk"
    folder.mkdir(parents=True)
    (folder / "Dates.yml").write_text(
        "extends: existence\nmessage: \"No ordinals.\"\nnonword: true\n"
        "raw:\n  - \\b(?:May|June)\\b\\s*\ntokens:\n  - first\n  - second\n", encoding="utf-8")
    (folder / "Space.yml").write_text(
        "extends: existence\nmessage: \"'%s' should have one space.\"\nnonword: true\n"
        "tokens:\n  - '[a-z][.] {2,}[A-Z]'\n", encoding="utf-8")
    (folder / "Heads.yml").write_text(
        "extends: capitalization\nmessage: \"'%s' is not sentence case.\"\nscope: heading\n"
        "match: $sentence\nexceptions:\n  - CLI\n", encoding="utf-8")
    (project / "Desk.ini").write_text("StylesPath = styles\n[*.md]\nBasedOnStyles = Desk\n",
                                      encoding="utf-8")
    (project / "a.md").write_text("# Accepting a JSON response\n\n## Using the CLI\n\n"
                                  "It was June first.  Then May second.\n", encoding="utf-8")
    assert vale_lines(check("--vale-config", "Desk.ini", "a.md")) == [
        "a.md:1:3:Desk.Heads:'Accepting a JSON response' is not sentence case.",
        "a.md:5:8:Desk.Dates:No ordinals.",
        "a.md:5:17:Desk.Space:'t. T' should have one space.",
        "a.md:5:26:Desk.Dates:No ordinals.",
    ]


@pytest.mark.parametrize("given", ["House", "house", "HOUSE.word"])
def test_command_line_codes_match_vale_rule_names_in_any_case(project: Path, given: str) -> None:
    vale_style(project, "House", "slammed")
    result = check("--vale-config", "House.ini", "--select", given, "a.md")
    assert result.exit_code == 1, result.output
    assert vale_lines(result) == ["a.md:3:11:House.Word:Avoid 'slammed'."]
    assert "ST" not in result.stdout  # only the rules selected
