"""Configuration: discovery, every key, and errors that name file, line and key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.config import Config, ConfigError, closest
from newslint.engine import lint_text
from newslint.violation import Severity

DOUBLED = "Council approves new budget\n\nThe fire spread to the the warehouse.\n"
SPACED = "Council approves new budget\n\nPolice said the  driver was not hurt.\n"
BOTH = "Council approves new budget\n\nThe fire spread to the the  warehouse.\n"


def codes_of(stdout: str) -> list[str]:
    return [v["code"] for v in json.loads(stdout)]


def st_codes(codes: list[str]) -> list[str]:
    """The ST codes only: other rule families, added later, may also fire on these texts."""
    return sorted(c for c in codes if c.startswith("ST"))


# ---- discovery -----------------------------------------------------------------------------


def test_nearest_config_wins(project, run_cli):
    project.config('select = ["ST002"]\n')
    project.config('select = ["ST001"]\n', "news/.newslint.toml")
    project.write("news/a.txt", BOTH)
    project.write("b.txt", BOTH)
    code, out, err = run_cli("check", "news/a.txt", "b.txt", "--format", "json")
    assert code == 1, err
    by_path = {(v["path"], v["code"]) for v in json.loads(out)}
    assert by_path == {("news/a.txt", "ST001"), ("b.txt", "ST002")}


def test_discovery_walks_up_from_the_file_not_the_cwd(project, run_cli):
    project.config('select = ["ST002"]\n')
    project.write("news/deep/er/a.txt", BOTH)
    elsewhere = project.root / "elsewhere"
    elsewhere.mkdir()
    _code, out, _ = run_cli(
        "check", project.root / "news/deep/er/a.txt", "--format", "json", cwd=elsewhere
    )
    assert codes_of(out) == ["ST002"]


def test_newslint_toml_is_tried_before_pyproject(project):
    project.config('[tool.newslint]\nselect = ["ST001"]\n', "pyproject.toml")
    assert Config.discover(project.root) == project.root / ".newslint.toml"
    (project.root / ".newslint.toml").unlink()
    assert Config.discover(project.root) == project.root / "pyproject.toml"


def test_pyproject_without_the_table_is_skipped(project):
    project.write("sub/pyproject.toml", '[project]\nname = "x"\n')
    assert Config.discover(project.root / "sub") == project.root / ".newslint.toml"


def test_pyproject_table_is_read(project, run_cli):
    (project.root / ".newslint.toml").unlink()
    project.config(
        '[project]\nname = "x"\n\n[tool.newslint]\nselect = ["ST002"]\n', "pyproject.toml"
    )
    project.write("a.txt", BOTH)
    _code, out, err = run_cli("check", "a.txt", "--format", "json")
    assert codes_of(out) == ["ST002"], err


def test_pyproject_errors_give_the_line_in_pyproject(project, run_cli, error_line):
    (project.root / ".newslint.toml").unlink()
    project.config(
        '[project]\nname = "x"\n\n[tool.newslint]\nselect = ["ST"]\nsever1ty = {}\n',
        "pyproject.toml",
    )
    project.write("a.txt", DOUBLED)
    code, _, err = run_cli("check", "a.txt")
    assert code == 2
    error_line(err, "pyproject.toml:6:", "'sever1ty'", "did you mean 'severity'?")


def test_pyproject_meant_for_newslint_that_does_not_parse_is_an_error(project, run_cli,
                                                                      error_line):
    project.write("a.txt", DOUBLED)
    # broken, but not newslint's: skipped, and the configuration above is used
    project.write("other/pyproject.toml", '[tool.poetry]\nname = \n')
    assert Config.discover(project.root / "other") == project.root / ".newslint.toml"
    # broken, and newslint's: its error, not the folder above's settings or the defaults
    project.write("sub/pyproject.toml", '[tool.newslint]\nignore = ["ST001"\n')
    project.write("sub/a.txt", DOUBLED)
    code, out, err = run_cli("check", "sub/a.txt")
    assert (code, out) == (2, "")
    error_line(err, "pyproject.toml:2:", "invalid TOML")


def test_config_option_overrides_discovery(project, run_cli):
    project.config('select = ["ST002"]\n')
    project.write("other/custom.toml", 'select = ["ST001"]\n')
    project.write("a.txt", BOTH)
    _code, out, _ = run_cli("check", "a.txt", "--config", "other/custom.toml", "--format", "json")
    assert codes_of(out) == ["ST001"]


def test_missing_config_option_file(project, run_cli, error_line):
    project.write("a.txt", DOUBLED)
    code, _, err = run_cli("check", "a.txt", "--config", "nope.toml")
    assert code == 2
    error_line(err, "nope.toml")


HOUSE_RULE = ('[[rules.custom]]\ncode = "HS001"\ntype = "existence"\n'
              'message = "Say what the café sells."\ntokens = ["café society"]\n')


@pytest.mark.parametrize("command", [("check", "a.txt"), ("test-rules",)])
def test_a_configuration_that_cannot_be_read_is_one_clear_line(project, run_cli, command):
    # test-rules printed Python's own words ("[Errno 2] No such file or directory: 'nope.toml'",
    # "'utf-8' codec can't decode byte 0xe9 in position 87: invalid continuation byte")
    project.write("a.txt", DOUBLED)
    assert run_cli(*command, "--config", "nope.toml") == (
        2, "", "newslint: error: nope.toml: configuration file not found\n")
    project.write("house.toml", HOUSE_RULE.encode("latin-1"))  # as an older editor saved it
    assert run_cli(*command, "--config", "house.toml") == (
        2, "", "newslint: error: house.toml:4: not UTF-8: byte 0xe9 cannot be decoded (save the "
               "file as UTF-8)\n")
    project.write("house.toml", HOUSE_RULE)
    assert run_cli(*command, "--config", "house.toml")[0] == (1 if command[0] == "check" else 0)


def test_defaults_without_any_config(tmp_path, run_cli):
    # a folder with no configuration anywhere above it (tmp_path is outside every project)
    (tmp_path / "a.txt").write_text(BOTH, encoding="utf-8")
    code, out, _ = run_cli("check", "a.txt", "--format", "json", cwd=tmp_path)
    assert code == 1
    assert st_codes(codes_of(out)) == ["ST001", "ST002"]


# ---- keys ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({}, ["ST001", "ST002"]),
        ({"select": ["ST001"]}, ["ST001"]),
        ({"select": ["ST"]}, ["ST001", "ST002"]),
        ({"select": ["ALL"], "ignore": ["ST002"]}, ["ST001"]),
        ({"ignore": ["ST"]}, []),
        ({"ignore": ["ST"], "extend-select": ["ST002"]}, ["ST002"]),  # longer prefix wins
        ({"select": ["ST002"], "extend-select": ["ST001"]}, ["ST001", "ST002"]),
        ({"select": ["ST00"], "ignore": ["ST0"]}, ["ST001", "ST002"]),
        ({"select": ["ST0"], "ignore": ["ST00"]}, []),
        ({"select": ["ST"], "ignore": ["ST"]}, []),  # a tie goes to ignore
        ({"select": []}, []),
    ],
)
def test_selection(lint, config, expected):
    assert st_codes([v.code for v in lint(BOTH, config=config)]) == expected


def test_cli_select_replaces_config_select_and_ignore_adds(project, run_cli):
    project.config('select = ["ST002"]\n')
    project.write("a.txt", BOTH)
    _, out, _ = run_cli("check", "a.txt", "--format", "json", "--select", "ST001")
    assert codes_of(out) == ["ST001"]
    _, out, _ = run_cli("check", "a.txt", "--format", "json", "--select", "st", "--ignore", "ST001")
    assert codes_of(out) == ["ST002"]


def test_cli_selection_wins_over_an_overrides_select(project, run_cli):
    project.config('[[overrides]]\npaths = ["wire/**"]\nselect = ["ST002"]\n')
    project.write("wire/a.txt", BOTH)
    _, out, _ = run_cli("check", "wire/a.txt", "--format", "json", "--select", "ST001")
    assert codes_of(out) == ["ST001"]
    _, out, _ = run_cli("check", "wire/a.txt", "--format", "json", "--extend-select", "ST001")
    assert codes_of(out) == ["ST001", "ST002"]


def test_cli_select_replaces_configured_extend_select_and_overrides(project, run_cli):
    """--select names the rules to run: a configured extend-select, or an override's select,
    does not add others; --extend-select still adds to it."""
    project.config('extend-select = ["ST002"]\n\n'
                   '[[overrides]]\npaths = ["b.txt"]\nselect = ["ST002"]\n')
    project.write("a.txt", BOTH)
    project.write("b.txt", BOTH)
    _, out, _ = run_cli("check", "a.txt", "b.txt", "--format", "json", "--select", "ST001")
    assert codes_of(out) == ["ST001", "ST001"]
    _, out, _ = run_cli("check", "a.txt", "--format", "json", "--select", "ST001",
                        "--extend-select", "ST002")
    assert codes_of(out) == ["ST001", "ST002"]
    _, out, _ = run_cli("check", "b.txt", "--format", "json")
    assert codes_of(out) == ["ST002"]


def test_severity_table_with_prefixes(lint):
    found = lint(BOTH, config={"severity": {"ST": "info", "ST002": "error"}}, select=["ST"])
    assert {v.code: v.severity for v in found} == {"ST001": Severity.INFO, "ST002": Severity.ERROR}


def test_severity_all_is_the_shortest_prefix(lint):
    # accepted as a code or prefix, as in select, but it changed nothing
    found = lint(BOTH, config={"severity": {"ALL": "error", "ST002": "info"}}, select=["ST"])
    assert {v.code: v.severity for v in found} == {"ST001": Severity.ERROR, "ST002": Severity.INFO}


def test_rule_options_reach_the_rule(lint):
    assert [v.code for v in lint(DOUBLED, select=["ST001"])] == ["ST001"]
    assert lint(DOUBLED, config={"rules": {"ST001": {"allow": ["the"]}}}, select=["ST001"]) == []


def test_every_documented_key_is_in_kebab_case(pm):
    # as ruff writes its keys; QT302's min_words and partial_words and SP104's
    # unmixed_severity were the only ones with underscores
    from newslint.config import _OVERRIDE_KEYS, _TOP_KEYS

    names = [*_TOP_KEYS, *_OVERRIDE_KEYS]
    names += [name for rule in pm.registry.rules.values() for name in rule.options]
    assert [name for name in names if "_" in name] == []


UNATTRIBUTED = ("Council approves budget\n\nThe council met on Monday to vote on the plan.\n\n"
                '"Never."\n')


@pytest.mark.parametrize("key", ["min-words", "min_words"])
def test_an_option_written_with_underscores_is_the_same_option(project, run_cli, key):
    # a configuration written when QT302's option was min_words keeps working
    project.write("a.txt", UNATTRIBUTED)
    project.config('select = ["QT302"]\n')
    assert run_cli("check", "a.txt")[0] == 0  # a one-word quote is let through by default
    project.config(f'select = []\nextend_select = ["QT302"]\nmax_file_size = 100000\n'
                   f'[rules.QT302]\n{key} = 1\n')
    code, out, err = run_cli("check", "a.txt", "--format", "concise")
    assert (code, out, err) == (1, "a.txt:5:1: QT302 Quote has no attribution: say who said it\n",
                                "")
    project.config(f'select = ["QT302"]\n[[overrides]]\npaths = ["*.txt"]\n'
                   f'[overrides.rules.QT302]\n{key} = 1\n')
    assert run_cli("check", "a.txt")[0] == 1


def test_a_plugin_rules_option_with_underscores_takes_either_spelling(project, run_cli):
    project.write("shout.py", PLUGIN.replace('"word"', '"banned_word"'))
    project.write("a.txt", SHOUTY.replace("SHOUTING", "YELLING"))
    for key in ("banned_word", "banned-word"):
        project.config(f'select = ["XY"]\nplugins = ["shout.py"]\n[rules.XY001]\n'
                       f'{key} = "YELLING"\n')
        assert run_cli("check", "a.txt", "--format", "concise")[1] == \
            "a.txt:3:15: XY001 stop shouting\n"


def test_locale_reaches_the_document(pm, project):
    cfg = Config.from_dict(
        {"locale": "en-GB", "overrides": [{"paths": ["us/**"], "locale": "en-US"}]},
        project.config('locale = "en-GB"\n'),
    )
    assert lint_text(pm, DOUBLED, str(project.root / "a.txt"), cfg).document.locale == "en-GB"
    assert lint_text(pm, DOUBLED, str(project.root / "us/a.txt"), cfg).document.locale == "en-US"
    assert lint_text(pm, DOUBLED, "a.txt").document.locale == "en-US"


def test_include_and_exclude(project, run_cli):
    project.config(
        'select = ["ST001"]\ninclude = ["*.txt", "*.text"]\n'
        'extend-exclude = ["drafts"]\nexclude = ["old-*"]\n'
    )
    for name in (
        "a.txt",
        "b.text",
        "c.md",
        "drafts/d.txt",
        "old-e.txt",
        "news/old-f.txt",
        "news/g.txt",
    ):
        project.write(name, DOUBLED)
    code, out, err = run_cli("check", ".", "--format", "json")
    assert code == 1, err
    assert sorted(v["path"] for v in json.loads(out)) == ["a.txt", "b.text", "news/g.txt"]


def test_an_include_glob_with_a_slash_matches_paths_from_the_configuration(project, run_cli):
    # "**/*.md" matched against a file name left out every article at the top
    project.config('select = ["ST001"]\ninclude = ["**/*.md", "wire/**/*.txt"]\n')
    for name in ("a.md", "news/b.md", "c.txt", "wire/d.txt", "wire/2019/e.txt", "news/f.txt"):
        project.write(name, DOUBLED)
    code, out, err = run_cli("check", ".", "--format", "json")
    assert code == 1, err
    assert sorted(v["path"] for v in json.loads(out)) == [
        "a.md", "news/b.md", "wire/2019/e.txt", "wire/d.txt"
    ]


def test_a_relative_folder_is_looked_up_from_the_working_folder(pm, tmp_path, monkeypatch):
    from newslint.engine import Session

    for name, locale in (("a", "en-GB"), ("b", "en-US")):
        (tmp_path / name / "news").mkdir(parents=True)
        (tmp_path / name / ".newslint.toml").write_text(f'locale = "{locale}"\n')
    session = Session(pm)
    monkeypatch.chdir(tmp_path / "a")
    assert session.config_for(Path("news")).locale == "en-GB"
    # the same relative folder, asked again from elsewhere, is another folder
    monkeypatch.chdir(tmp_path / "b")
    assert session.config_for(Path("news")).locale == "en-US"
    assert session.config_for(tmp_path / "a" / "news").locale == "en-GB"


def test_relative_follows_a_changed_root(tmp_path):
    cfg = Config(root=tmp_path)
    (tmp_path / "sub").mkdir()
    assert cfg.relative(tmp_path / "sub" / "a.md") == "sub/a.md"
    cfg.root = tmp_path / "sub"
    assert cfg.relative(tmp_path / "sub" / "a.md") == "a.md"
    assert cfg.relative(tmp_path / "b.md") is None


def test_overrides_per_path(project, run_cli):
    project.config(
        'select = ["ST"]\n\n[[overrides]]\npaths = ["opinion/**"]\nignore = ["ST001"]\n\n'
        '[[overrides]]\npaths = ["wire/*.txt"]\nselect = ["ST001"]\n'
        '[overrides.severity]\nST001 = "error"\n'
        '[overrides.rules.ST001]\nallow = ["fire"]\n'
    )
    text = "Council approves new budget\n\nThe fire fire spread to the the  warehouse.\n"
    for name in ("opinion/a.txt", "wire/b.txt", "c.txt"):
        project.write(name, text)
    code, out, err = run_cli("check", ".", "--format", "json")
    assert code == 1, err
    got = sorted((v["path"], v["code"], v["severity"], v["message"]) for v in json.loads(out))
    assert got == [
        ("c.txt", "ST001", "warning", '"fire" is repeated'),
        ("c.txt", "ST001", "warning", '"the" is repeated'),
        ("c.txt", "ST002", "warning", "2 spaces in a row inside a sentence"),
        ("opinion/a.txt", "ST002", "warning", "2 spaces in a row inside a sentence"),
        ("wire/b.txt", "ST001", "error", '"the" is repeated'),
    ]


def test_globs_starting_at_the_config_folder(project, run_cli):
    """``./`` is the configuration file's folder, as people write it in other tools."""
    project.config(
        '[[overrides]]\npaths = ["./opinion/**"]\nignore = ["ST001"]\n\n'
        '[[overrides]]\npaths = ["./c.txt"]\nignore = ["ST002"]\n'
    )
    text = "Council approves new budget\n\nThe fire fire spread to the  warehouse.\n"
    for name in ("opinion/a.txt", "c.txt", "wire/c.txt"):
        project.write(name, text)
    code, out, err = run_cli("check", ".", "--format", "json", "--select", "ST001,ST002")
    assert code == 1, err
    assert sorted((v["path"], v["code"]) for v in json.loads(out)) == [
        ("c.txt", "ST001"),
        ("opinion/a.txt", "ST002"),
        ("wire/c.txt", "ST001"),
        ("wire/c.txt", "ST002"),
    ]


PLUGIN = '''
from __future__ import annotations
from newslint import Rule, Span, hookimpl

class Shouting(Rule):
    """## What it does
    Flags SHOUTING.
    """
    code = "XY001"
    name = "shouting"
    options = {"word": "SHOUTING"}

    def check(self, document):
        i = document.source.find(self.config["word"])
        if i != -1:
            yield self.violation(Span(i, i + len(self.config["word"])), "stop shouting")

@hookimpl
def newslint_register_rules():
    return [Shouting]
'''
SHOUTY = "Council approves new budget\n\nThe mayor was SHOUTING at the meeting.\n"


def test_plugin_by_path_relative_to_the_config_file(project, run_cli):
    project.config(
        'select = ["XY"]\nplugins = ["tools/shout.py"]\n[rules.XY001]\nword = "SHOUTING"\n',
        "news/.newslint.toml",
    )
    project.write("news/tools/shout.py", PLUGIN)
    project.write("news/a.txt", SHOUTY)
    # run from elsewhere: the path is relative to the configuration file, not the cwd
    code, out, err = run_cli("check", "news/a.txt", "--format", "json")
    assert code == 1, err
    [v] = json.loads(out)
    assert (v["code"], v["rule"], v["line"], v["column"]) == ("XY001", "shouting", 3, 15)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_local_plugin_checks_only_the_files_under_the_configuration_naming_it(
    project, run_cli, jobs
):
    # once loaded, its rule ran on every file linted after the first "news" one: on "wire"
    # files too, depending on their order and on --jobs
    project.config('select = ["ST", "XY"]\nplugins = ["shout.py"]\n', "news/.newslint.toml")
    project.write("news/shout.py", PLUGIN)
    project.config('select = ["ALL"]\n', "wire/.newslint.toml")
    for n in range(8):  # enough files for --jobs 2 to start workers
        project.write(f"news/{n}.txt", SHOUTY)
        project.write(f"wire/{n}.txt", SHOUTY)
    code, out, err = run_cli("check", "news", "wire", "--jobs", jobs, "--format", "json")
    assert code == 1, err
    shouted = sorted({v["path"].split("/")[0] for v in json.loads(out) if v["code"] == "XY001"})
    assert shouted == ["news"]


def test_a_local_plugins_codes_are_unknown_to_a_configuration_not_naming_it(
    project, run_cli, error_line
):
    # accepted or refused by the order of the folders: valid once another had loaded it
    project.config('select = ["ST", "XY"]\nplugins = ["shout.py"]\n', "news/.newslint.toml")
    project.write("news/shout.py", PLUGIN)
    project.config('select = ["XY001"]\n', "wire/.newslint.toml")
    project.write("news/a.txt", SHOUTY)
    project.write("wire/a.txt", SHOUTY)
    for order in (("news", "wire"), ("wire", "news")):
        code, _, err = run_cli("check", *order)
        assert code == 2
        error_line(err, "wire/.newslint.toml:1", "unknown rule code or prefix 'XY001'")


def test_disable_plugins_in_the_configuration_takes_the_plugins_rules_away(project, run_cli):
    # the rules gathered before the plugin was unregistered went on running
    project.config('disable-plugins = ["newslint.rules.quotes"]\n')
    project.write("a.txt", 'Council approves budget\n\nHe said "the vote was close.\n')
    for cache in ((), ("--no-cache",)):
        code, out, err = run_cli("check", "a.txt", *cache, "--format", "json")
        assert code in (0, 1), err
        assert [c for c in codes_of(out) if c.startswith("QT")] == []
    assert run_cli("check", "a.txt", "--no-cache", "--select", "QT301")[0] == 2


def test_plugin_by_dotted_module_next_to_the_config(project, run_cli):
    project.config('select = ["XY"]\nplugins = ["house.shout"]\n', "news/.newslint.toml")
    project.write("news/house/__init__.py", "")
    project.write("news/house/shout.py", PLUGIN)
    project.write("news/a.txt", SHOUTY)
    # from the project root, so only the configuration's folder can make ``house`` importable
    code, out, err = run_cli("check", "news/a.txt", "--format", "json")
    assert code == 1, err
    assert codes_of(out) == ["XY001"]


def test_plugin_rule_codes_are_validated_after_loading(project, run_cli, error_line):
    project.config('plugins = ["shout.py"]\n[rules.XY001]\nwrod = "x"\n')
    project.write("shout.py", PLUGIN)
    project.write("a.txt", SHOUTY)
    code, _, err = run_cli("check", "a.txt")
    assert code == 2
    error_line(err, ".newslint.toml:3:", "'wrod'", "did you mean 'word'?")


@pytest.mark.parametrize(
    ("config", "cli", "expected"),
    [
        ("", (), 1),  # default: warnings fail
        ('fail-on = "error"\n', (), 0),
        ('fail-on = "error"\n[severity]\nST001 = "error"\n', (), 1),
        ('fail-on = "error"\n', ("--fail-on", "warning"), 1),
        ("", ("--fail-on", "error"), 0),
        ('[severity]\nST = "info"\n', (), 0),
        ('[severity]\nST = "info"\n', ("--fail-on", "info"), 1),
        ("", ("--exit-zero",), 0),
    ],
)
def test_fail_on(project, run_cli, config, cli, expected):
    project.config(f'select = ["ST"]\n{config}')
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt", *cli)
    assert code == expected, (out, err)
    assert "ST001" in out


# ---- errors --------------------------------------------------------------------------------

ERRORS = [
    # (toml, line, fragments that must all be in the message)
    ('select = ["ST001"]\n\nseverity = {\n', 3, ["invalid TOML"]),
    ('select = ["ST001"]\nlocale = "en-GB\n', 2, ["invalid TOML"]),
    (
        'select = ["ST001"]\nsever1ty = "x"\n',
        2,
        ["unknown key 'sever1ty'", "did you mean 'severity'?"],
    ),
    (
        '[[overrides]]\npaths = ["a/**"]\nignroe = ["ST001"]\n',
        3,
        ["unknown key 'ignroe' in [[overrides]]", "did you mean 'ignore'?"],
    ),
    (
        '[[overrides]]\npaths = ["a"]\n\n[[overrides]]\npaths = ["b"]\nselcet = []\n',
        6,
        ["'selcet'", "did you mean 'select'?"],
    ),
    ('select = ["ST01"]\n', 1, ["'ST01'", "'select'", "did you mean 'ST001'?"]),
    ('\nignore = ["ST001", "ST0002"]\n', 2, ["'ST0002'", "'ignore'", "did you mean 'ST002'?"]),
    (
        '[[overrides]]\npaths = ["a/**"]\nextend-select = ["XQ001"]\n',
        3,
        ["'XQ001'", "'extend-select'"],
    ),
    ('[severity]\nST001 = "error"\nST021 = "info"\n', 3, ["'ST021'", "[severity]", "did you mean"]),
    ('[severity]\nST001 = "eror"\n', 2, ["'eror'", "ST001", "did you mean 'error'?"]),
    ("[rules.ST0001]\nallow = []\n", 1, ["'ST0001'", "[rules]", "did you mean 'ST001'?"]),
    (
        '[rules.ST001]\nalow = ["x"]\n',
        2,
        ["unknown option 'alow'", "ST001", "did you mean 'allow'?"],
    ),
    ('[rules.ST002]\nallow = ["x"]\n', 2, ["unknown option 'allow'", "ST002", "takes no options"]),
    ('[rules.ST001]\nallow = "the"\n', 2, ["'allow'", "ST001", "must be a list"]),
    ("[rules.ST001]\nallow = [1, 2]\n", 2, ["'allow'", "ST001", "must be a list of strings"]),
    # values a rule does not know: QT306 crashed on every article, the others checked nothing
    ('[rules.QT306]\nstyle = "curvy"\n', 2,
     ["option 'style' of rule QT306", 'must be one of "auto", "curly", "straight", not "curvy"']),
    ('[rules.HL204]\ncase = "upper"\n', 2, ["option 'case' of rule HL204", "must be one of"]),
    ('[rules.SP104]\nunmixed-severity = "Loud"\n', 2,
     ["option 'unmixed-severity' of rule SP104",
      'must be one of "error", "warning", "info", not "Loud"']),
    ('[rules.SP101]\nwords = ["Zelensky", 1]\n', 2,
     ["option 'words' of rule SP101", "must be a list of strings"]),
    ('[rules.HL204]\nquotes = "curly"\n', 2, ["option 'quotes' of rule HL204", "must be one of"]),
    ("[rules.HL204]\nmax-length = -1\n", 2, ["option 'max-length' of rule HL204", "0 (no limit)"]),
    # TOML's float literals nan and inf: a margin or threshold of nan compares false with
    # every score
    ("[rules.SP102]\nmargin = nan\n", 2,
     ["option 'margin' of rule SP102", "must be a finite number, not nan"]),
    ("[rules.HL203]\nthreshold = inf\n", 2,
     ["option 'threshold' of rule HL203", "must be a finite number, not inf"]),
    ('[[overrides]]\npaths = ["a"]\n[overrides.rules.SP102]\nmargin = -inf\n', 4,
     ["option 'margin' of rule SP102", "must be a finite number, not -inf"]),
    ("[rules.HL204]\nmax-length = nan\n", 2, ["option 'max-length' of rule HL204",
                                              "must be an integer, not a number"]),
    ('[rules.ST005]\npercent = "pct"\n', 2, ["option 'percent' of rule ST005", "must be one of"]),
    ('[[overrides]]\npaths = ["a"]\n[overrides.rules.ST006]\ntitles = "some"\n', 4,
     ["option 'titles' of rule ST006", "must be one of"]),
    # lists whose default is empty, so the type of their items was never checked: a crash on
    # every article (ST003, ST007), or items that match nothing (ST004)
    ("[rules.ST007]\nphrases = [1]\n", 2, ["option 'phrases' of rule ST007", "list of strings"]),
    ('[rules.ST004]\nknown = ["SDF", 2]\n', 2, ["option 'known' of rule ST004", "list of strings"]),
    ('[rules.ST003]\nnames = ["IS", "ISIS"]\n', 2,
     ["option 'names' of rule ST003", "must be a list of lists of names"]),
    ('select = "ST001"\n', 1, ["'select'", "must be a list of strings", "not a string"]),
    ("ignore = [1]\n", 1, ["'ignore'", "must be a list of strings"]),
    ('locale = "en-UK"\n', 1, ["'en-UK'", "did you mean 'en-US'?"]),
    ("locale = 5\n", 1, ["'locale'", "must be a string"]),
    ('fail-on = "warn"\n', 1, ["'warn'", "fail-on", "did you mean 'warning'?"]),
    ('max-file-size = "big"\n', 1, ["'max-file-size'", "must be an integer"]),
    ('\n\nseverity = ["ST001"]\n', 3, ["'severity'", "must be a table"]),
    ('[[overrides]]\nselect = ["ST001"]\n', 1, ["[[overrides]] needs 'paths'"]),
    (
        '[[overrides]]\npaths = ["../drafts/**"]\nignore = ["ST001"]\n',
        2,
        ["invalid glob '../drafts/**' in 'paths'", "never matches"],
    ),
    ('\nexclude = ["wire/../x.txt"]\n', 2, ["'wire/../x.txt' in 'exclude'", "never matches"]),
    ('[plugins]\nload = "x.py"\n', 2, ["'plugins.load'", "must be a list of strings"]),
    # a key written with underscores is the same key: found on its line, named as documented
    ('\n\nmax_file_size = "big"\n', 3, ["'max-file-size'", "must be an integer"]),
    ("[rules.QT302]\nmin_wrds = 1\n", 2,
     ["unknown option 'min-wrds' for rule QT302", "did you mean 'min-words'?"]),
    ("[rules.QT302]\nmin-words = 1\nmin_words = 3\n", 3,
     ["'min-words' and 'min_words' are one key", "give it once"]),
    ('[[overrides]]\npaths = ["a"]\nextend_select = ["QT305"]\nextend-select = []\n', 4,
     ["'extend_select' and 'extend-select' are one key"]),
    ('plugins = "x.py"\n', 1, ["'plugins'", "must be a list"]),
]


@pytest.mark.parametrize(("toml", "line", "fragments"), ERRORS, ids=[e[0] for e in ERRORS])
def test_config_errors_through_the_cli(project, run_cli, error_line, toml, line, fragments):
    cfg = project.config(toml)
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt")
    assert code == 2, (out, err)
    error_line(err, f"error: {cfg.name}:{line}: ", *fragments)  # under the current folder


def test_a_config_error_shows_the_file_as_articles_are_shown(project, run_cli):
    # relative to the current folder when the file is under it, however it was found or named;
    # absolute otherwise, as a path relative to somewhere else would not lead to it
    cfg = project.config('select = ["ST"]\nfail-on = 3\n', "desk/.newslint.toml")
    project.write("desk/news/fire.txt", DOUBLED)
    project.write("sport/.newslint.toml", "")
    why = ":2: 'fail-on' must be a string, not an integer\n"
    for args, cwd, shown in [
        (("desk/news/fire.txt",), project.root, "desk/.newslint.toml"),
        (("--config", "desk/.newslint.toml", "desk/news/fire.txt"), project.root,
         "desk/.newslint.toml"),
        (("--config", str(cfg), "news/fire.txt"), project.root / "desk", ".newslint.toml"),
        (("news/fire.txt",), project.root / "desk", ".newslint.toml"),
        (("fire.txt",), project.root / "desk" / "news", str(cfg)),
        (("--config", "../desk/.newslint.toml", "../desk/news/fire.txt"),
         project.root / "sport", str(cfg)),
    ]:
        code, _, err = run_cli("check", *args, cwd=cwd)
        assert (code, err) == (2, f"newslint: error: {shown}{why}"), (args, cwd)


@pytest.mark.parametrize("literal", ["nan", "inf", "-inf"])
def test_every_float_option_of_every_built_in_rule_must_be_finite(pm, project, literal):
    floats = [(code, name) for code, rule in pm.registry.rules.items()
              for name, default in rule.options.items() if isinstance(default, float)]
    assert ("SP102", "margin") in floats
    for code, name in floats:
        path = project.config(f"\n[rules.{code}]\n{name} = {literal}\n")
        cfg = Config.load(path)
        with pytest.raises(ConfigError) as info:
            cfg.validate_codes(pm.registry.rules, pm.registry.options_of, pm.schema)
        assert (info.value.path, info.value.line) == (path, 3)
        assert f"option '{name}' of rule {code} must be a finite number" in str(info.value)


def test_config_error_object(project):
    path = project.config('select = ["ST001"]\n\n[severity]\nST001 = "error"\n\nsever1ty = 1\n')
    with pytest.raises(ConfigError) as info:
        Config.load(path)
    # under [severity], sever1ty is taken for a rule code, and its value is checked first
    assert (info.value.path, info.value.line) == (path, 6)
    assert "invalid severity 1 for 'sever1ty'" in str(info.value)
    path = project.config('select = ["ST001"]\n\nsever1ty = 1\n')
    with pytest.raises(ConfigError) as info:
        Config.load(path)
    assert (info.value.path, info.value.line) == (path, 3)
    assert str(info.value) == f"{path}:3: unknown key 'sever1ty'; did you mean 'severity'?"


def test_no_suggestion_when_nothing_is_close(project):
    path = project.config("zzzzqqq = 1\n")
    with pytest.raises(ConfigError, match=r"unknown key 'zzzzqqq'$"):
        Config.load(path)


@pytest.mark.parametrize("locale", ["en-GB", "en-GB-oxendict"])
def test_init_template_loads_cleanly(project, run_cli, locale):
    (project.root / ".newslint.toml").unlink()
    code, out, err = run_cli("init", "--locale", locale)
    assert "Wrote .newslint.toml" in out
    assert code == 0, err
    cfg = Config.load(project.root / ".newslint.toml")
    assert cfg.locale == locale
    assert cfg.fail_on is Severity.WARNING
    project.write("a.txt", DOUBLED)
    code, out, err = run_cli("check", "a.txt")
    assert (code, err) == (1, "")


def test_config_path_is_the_file_that_defines_it(project):
    assert Config.load(project.root / ".newslint.toml").root == project.root
    assert Config.from_dict({}).path is None
    assert isinstance(Config().root, Path)


SCHEMA_PLUGIN = """
from newslint import hookimpl

@hookimpl
def newslint_add_config(schema):
    schema.add("house", "strict", bool, False, "Treat house-style warnings as errors.")
    schema.add("house", "desk", str, "metro", "The desk whose style applies.")
    schema.add("house", "retries", int, 3, "How often to retry.",
               problem=lambda n: None if n >= 0 else "must be 0 or more")
    schema.add("house", "ratio", float, 0.5, "Share of quotes to attribute.")
    schema.add("house", "weights", list, [], "Weight of each kind of quote.")
"""


@pytest.mark.parametrize(
    ("section", "line", "fragments"),
    [
        (
            "[plugins.house]\nstrcit = true\n",
            6,
            ["unknown key 'strcit' in [plugins.house]", "did you mean 'strict'?"],
        ),
        ("[plugins.house]\nstrict = 1\n", 6, ["'plugins.house.strict' must be of type bool"]),
        # a value of the right type that the plugin cannot use, refused as it declared
        ("[plugins.house]\nretries = -1\n", 6, ["'plugins.house.retries' must be 0 or more"]),
        ("[plugins.house]\nratio = nan\n", 6,
         ["'plugins.house.ratio' must be a finite number, not nan"]),
        ("[plugins.house]\nweights = [1.0, inf]\n", 6,
         ["'plugins.house.weights' must be finite numbers only, not [1.0, inf]"]),
        (
            "[plugins.hous]\nstrict = true\n",
            5,
            ["unknown plugin section 'plugins.hous'", "did you mean 'house'?"],
        ),
    ],
)
def test_plugin_options_declared_through_add_config(
    project, run_cli, error_line, section, line, fragments
):
    project.write("house.py", SCHEMA_PLUGIN)
    project.write("a.txt", DOUBLED)
    cfg = project.config(f'select = ["ST"]\n[plugins]\nload = ["house.py"]\n\n{section}')
    code, _, err = run_cli("check", "a.txt")
    assert code == 2
    error_line(err, f"error: {cfg.name}:{line}: ", *fragments)  # under the current folder


def test_valid_plugin_options_pass(project, run_cli):
    project.write("house.py", SCHEMA_PLUGIN)
    project.write("a.txt", DOUBLED)
    project.config(
        'select = ["ST"]\n[plugins]\nload = ["house.py"]\n\n[plugins.house]\nstrict = true\n'
    )
    assert run_cli("check", "a.txt")[0] == 1


def test_a_hint_never_suggests_the_name_given():
    # "unknown rule code 'QT'; did you mean 'QT'?" after --disable-plugin newslint.rules.quotes
    assert closest("QT", ["QT"]) == ""
    assert closest("QT3", ["QT3", "QT30"]) == "; did you mean 'QT30'?"
