"""Every machine format on the seed article and on an article with known faults."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from newslint.document import Document, Span
from newslint.engine import Options, Session
from newslint.hookspecs import hookimpl
from newslint.reporters.github import escape_data, escape_property
from newslint.rule import Rule
from newslint.violation import Violation

from .conftest import FAULTY, SEED

SCHEMA = SEED.parents[1] / "schemas" / "sarif-schema-2.1.0.json"


def render(pm, fmt: str, paths: list[Path], color: bool = False, **options) -> tuple[str, Session]:
    """Lint ``paths`` in process and print the run in ``fmt``."""
    session = Session(pm, Options(**options))
    stream = io.StringIO()
    reporter = pm.reporters[fmt](stream, color=color)
    reporter.start()
    for result in session.run([str(p) for p in paths]):
        reporter.report(result)
    reporter.finish(session)
    return stream.getvalue(), session


@pytest.fixture
def faulty(project) -> Path:
    return project.write("fire.txt", FAULTY)


def test_sarif_validates_against_the_schema_on_the_seed(pm, seed, faulty):
    out, session = render(pm, "sarif", [seed, faulty])
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    found = [v for r in session.results for v in r.violations]
    assert len(run["results"]) == len(found) > 2
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert len({r["partialFingerprints"]["newslint/v1"] for r in run["results"]}) == len(found)


def test_sarif_carries_help_from_explain_and_fixes(pm, project, faulty, monkeypatch):
    monkeypatch.chdir(project.root)
    out, _ = render(pm, "sarif", [Path(faulty.name)], select=["ST001", "ST002"])
    run = json.loads(out)["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "ST001")
    assert rule["help"]["text"] == pm.registry.rules["ST001"].explanation()
    assert rule["name"] == "repeated-word" and rule["defaultConfiguration"]["level"] == "warning"
    result = next(r for r in run["results"] if r["ruleId"] == "ST001")
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 27}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "fire.txt", "uriBaseId": "%SRCROOT%"}
    change = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change["insertedContent"]["text"] == "the"
    assert result["fixes"][0]["properties"]["safe"] is True


def test_sarif_describes_a_configuration_s_own_rule(pm, project):
    project.config('[[rules.custom]]\ncode = "NYT001"\ntype = "substitution"\n'
                   'message = "Use \'%s\', not \'%s\'"\nswap = { "e-mail" = "email" }\n')
    article = project.write("mail.md", "# Desk moves\n\nSend an e-mail to the desk.\n")
    out, _ = render(pm, "sarif", [article])
    [rule] = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "NYT001" and rule["defaultConfiguration"]["level"] == "warning"
    assert "crashed" not in rule["shortDescription"]["text"]
    assert rule["shortDescription"]["text"].startswith("Use '%s', not '%s'")


def test_sarif_reports_unreadable_files_as_notifications(pm, project):
    project.write("empty.md", "")
    out, _ = render(pm, "sarif", [project.root / "empty.md"])
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "empty file"


GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),"
                         r"endLine=(\d+),endColumn=(\d+),title=([A-Z]+\d+)::(.+)$")


def test_github_commands_on_the_seed(pm, seed):
    out, session = render(pm, "github", [seed])
    lines = out.splitlines()
    found = [v for r in session.results for v in r.violations]
    commands = [GITHUB_LINE.match(line) for line in lines[:-1]]
    assert all(commands) and len(commands) == len(found) > 0
    assert lines[-1].startswith("Found ")
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    assert [m.group(1) for m in commands] == [levels[str(v.severity)] for v in found]


def test_github_severity_maps_to_the_command(pm, project, faulty):
    project.config('[severity]\nST001 = "error"\nST002 = "info"\n')
    out, _ = render(pm, "github", [faulty], select=["ST001", "ST002"])
    lines = out.splitlines()
    assert lines[0] == (f"::error file={escape_property(str(faulty))},line=3,col=20,endLine=3,"
                        'endColumn=27,title=ST001::"the" is repeated')
    assert lines[1].startswith("::notice ")


def test_github_escaping_follows_the_actions_toolkit():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert escape_data("a:b,c") == "a:b,c"  # only properties escape ':' and ','


def test_junit_shape(pm, project, seed, faulty):
    project.write("clean.txt", "Harbour reopens\n\nThe harbour reopened on Monday.\n")
    project.write("empty.md", "")
    paths = [seed, faulty, project.root / "clean.txt", project.root / "empty.md"]
    out, session = render(pm, "junit", paths)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [str(p) for p in paths]
    violations = sum(len(r.violations) for r in session.results)
    assert int(suite.get("failures")) == violations == len(suite.findall("testcase/failure"))
    assert suite.get("tests") == "4" and suite.get("errors") == "1"
    fire = cases[1].findall("failure")
    assert fire[0].get("type") == "ST001"
    assert fire[0].get("message") == '3:20 ST001 "the" is repeated'
    assert fire[0].text == f'{faulty}:3:20: ST001 [warning] "the" is repeated'
    assert list(cases[2]) == []  # a clean file is a passing test case
    assert cases[3].find("error").get("message") == "empty file"


class _Stray(Rule):
    """## What it does
    Reports a control character pasted in from a CMS, quoting it.
    """

    code, name = "XY002", "stray-control"

    def check(self, document: Document) -> Iterator[Violation]:
        for i, c in enumerate(document.source):
            if c < " " and c not in "\t\n\r":
                yield self.violation(Span(i, i + 1), f'stray control character "{c}"')


class _StrayPlugin:
    @hookimpl
    def newslint_register_rules(self) -> list[type[Rule]]:
        return [_Stray]


def test_junit_keeps_apart_names_and_messages_that_differ_in_characters_xml_cannot_hold(
        pm, project, monkeypatch):
    # file names with a control character, one whose bytes are not UTF-8, and one written as
    # another's quoted name is: each is a test case of its own, and each message says which
    # character it found; all of them were U+FFFD, and the first two one test case twice
    pm.register(_StrayPlugin())
    monkeypatch.chdir(project.root)
    story = "Fire at depot\n\nThe fire spread to the warehouse{} next door.\n"
    names = ["fire\x01.txt", "fire\x02.txt", "caf\udce9.txt", '"fire\\x01.txt"', "fire.txt"]
    for name, char in zip(names, ["\x01", "\x02", "\x1b", "", ""], strict=True):
        (project.root / name).write_text(story.format(char), encoding="utf-8")
    out, _ = render(pm, "junit", [Path(n) for n in names], select=["XY002"])
    cases = ET.fromstring(out.split("\n", 1)[1]).findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == [
        '"fire\\x01.txt"', '"fire\\x02.txt"', '"caf\\udce9.txt"', '"\\"fire\\\\x01.txt\\""',
        "fire.txt"]
    assert [c.get("file") for c in cases] == [c.get("name") for c in cases]
    assert [[f.get("message") for f in c.findall("failure")] for c in cases] == [
        ['3:33 XY002 stray control character "\\x01"'],
        ['3:33 XY002 stray control character "\\x02"'],
        ['3:33 XY002 stray control character "\\x1b"'], [], []]


QUOTE_LINE = '''
from newslint import Rule, Span, hookimpl

class QuoteLine(Rule):
    """## What it does
    Quotes the line of a word the house bans, as written.
    """
    code, name = "XY001", "quote-line"

    def check(self, document):
        i = document.source.find("SHOUTING")
        if i != -1:
            end = document.source.find("\\n", i)
            yield self.violation(Span(i, i + 8), f"banned in: {document.source[i:end + 1]}")

@hookimpl
def newslint_register_rules():
    return [QuoteLine]
'''


def test_junit_keeps_a_carriage_return_through_an_xml_parser(run_cli, project):
    # a rule that quotes a line of a Windows-written article, its carriage return with it
    project.config('select = ["XY"]\nplugins = ["quote.py"]\n')
    project.write("quote.py", QUOTE_LINE)
    project.write("a.txt", b"Council approves budget\r\n\r\nThe mayor was SHOUTING at the\r\n"
                           b"meeting.\r\n")
    code, out, err = run_cli("check", "a.txt", "--format", "junit")
    assert (code, err) == (1, "")
    failure = ET.fromstring(out.split("\n", 1)[1]).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "3:15 XY001 banned in: SHOUTING at the\r\n"
    assert failure.text == "a.txt:3:15: XY001 [warning] banned in: SHOUTING at the\r\n"


@pytest.mark.parametrize("fmt", ["text", "concise", "line", "grouped"])
def test_a_line_break_in_a_file_name_makes_no_line_of_the_report(pm, project, fmt):
    name = project.write("a\n::error file=x::b.txt", FAULTY)
    out, _ = render(pm, fmt, [name], select=["ST001"])
    assert not [line for line in out.splitlines() if line.startswith("::")], out
    assert str(name).replace("\n", "\\n") in out


class _Echo(Rule):
    """## What it does
    Quotes a control character a house pattern matched, as its message.
    """

    code, name = "XY001", "echo"

    def check(self, document: Document) -> list[Violation]:
        message = 'Found "\x1b[2J\x1b[31mred\nnext line" here, by Şükrü\u200cxi'
        return [self.violation(Span(0, 1), message)]


class _EchoPlugin:
    @hookimpl
    def newslint_register_rules(self) -> list[type[Rule]]:
        return [_Echo]


@pytest.mark.parametrize("fmt", ["text", "concise", "line", "grouped"])
def test_a_control_character_in_a_message_is_shown_escaped(pm, project, fmt):
    # a terminal escape would clear the screen, a line break pose as another finding; the
    # joiner in a name is no control character and stays
    pm.register(_EchoPlugin())
    name = project.write("a.txt", FAULTY)
    out, _ = render(pm, fmt, [name], select=["XY001"])
    assert "\x1b" not in out and "next line" in out
    assert '"\\x1b[2J\\x1b[31mred\\nnext line" here, by Şükrü\u200cxi' in out
    assert len([line for line in out.splitlines() if "XY001" in line]) == 1


def test_gitlab_code_quality_on_the_seed(pm, seed, project, monkeypatch):
    monkeypatch.chdir(project.root)
    out, session = render(pm, "gitlab", [Path(seed.name)])
    issues = json.loads(out)
    assert len(issues) == sum(len(r.violations) for r in session.results) > 0
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "seed-article.txt"
        assert issue["location"]["positions"]["begin"]["line"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_edits_elsewhere(pm, project, monkeypatch):
    monkeypatch.chdir(project.root)
    article = project.write("fire.txt", FAULTY)
    before, _ = render(pm, "gitlab", [Path("fire.txt")], select=["ST001", "ST002"])
    article.write_text(FAULTY.replace("\n\nThe fire", "\n\nA new first paragraph.\n\nThe fire"))
    after, _ = render(pm, "gitlab", [Path("fire.txt")], select=["ST001", "ST002"])
    old, new = json.loads(before), json.loads(after)
    assert [i["fingerprint"] for i in old] == [i["fingerprint"] for i in new]
    assert [i["location"]["positions"]["begin"]["line"] for i in new] == [5, 7]


@pytest.mark.parametrize("fmt", ["gitlab", "sarif"])
def test_articles_under_one_id_have_fingerprints_of_their_own(run_cli, project, fmt):
    # two revisions of a story exported under its slug, with the same slip: two findings
    line = json.dumps({"id": "fire", "text": FAULTY}) + "\n"
    project.write("a.jsonl", line * 2 + json.dumps({"id": "other", "text": FAULTY}) + "\n")
    code, out, _ = run_cli("check", "--input-format", "jsonl", "a.jsonl", "--select", "ST001",
                           "--format", fmt)
    assert code == 1
    if fmt == "gitlab":
        prints = [issue["fingerprint"] for issue in json.loads(out)]
    else:
        prints = [r["partialFingerprints"]["newslint/v1"]
                  for r in json.loads(out)["runs"][0]["results"]]
    assert len(prints) == len(set(prints)) == 3
    # the first article's stay what they were when it was alone
    project.write("b.jsonl", line)
    _, alone, _ = run_cli("check", "--input-format", "jsonl", "b.jsonl", "--select", "ST001",
                          "--format", fmt)
    assert prints[0] in alone


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_gitlab_reports_an_archive_article_by_its_id(run_cli, project, jobs):
    # ids from a CMS export, some of which read like paths, one like a link in the folder here
    ids = ["latest", "/wire/2019/fire", "../desk/fire", "./fire"] + [f"s{i}" for i in range(36)]
    project.write("a.jsonl", "".join(json.dumps({"id": i, "text": FAULTY}) + "\n" for i in ids))
    args = ("check", "--input-format", "jsonl", "a.jsonl", "--select", "ST001", "--format",
            "gitlab", "--jobs", jobs)
    code, before, _ = run_cli(*args)
    (project.root / "elsewhere").mkdir()
    (project.root / "latest").symlink_to("elsewhere/fire.md")
    code, after, _ = run_cli(*args)
    issues = json.loads(after)
    assert code == 1 and [i["location"]["path"] for i in issues] == ids
    # the fingerprints hang on the ids, not on what files happen to sit beside the archive
    assert [i["fingerprint"] for i in issues] == [i["fingerprint"] for i in json.loads(before)]


def test_grouped_lists_violations_under_each_file(pm, project, seed, faulty):
    project.write("clean.txt", "Harbour reopens\n\nThe harbour reopened on Monday.\n")
    out, _ = render(pm, "grouped", [faulty, project.root / "clean.txt", seed])
    lines = out.splitlines()
    assert lines[0] == str(faulty)
    assert re.match(r'^  3:20  warning  ST001  "the" is repeated$', lines[1])
    assert str(project.root / "clean.txt") not in out
    assert str(seed) in lines
    assert lines[-1].startswith("Found ") and "\x1b[" not in out


def test_grouped_colour_only_when_asked(pm, faulty):
    out, _ = render(pm, "grouped", [faulty], color=True, select=["ST001"])
    assert "\x1b[1m" in out and "\x1b[33m" in out


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ((), {}, False),                           # not a terminal
    (("--color",), {}, True),                   # the flag wins over NO_COLOR (cli_env sets it)
    (("--no-color",), {}, False),
])
def test_color_flag_and_no_color(run_cli, project, args, env, coloured):
    project.write("fire.txt", FAULTY)
    code, out, _ = run_cli("check", "--format", "grouped", "--select", "ST001", *args, "fire.txt",
                           env=env)
    assert code == 1
    assert ("\x1b[" in out) is coloured
