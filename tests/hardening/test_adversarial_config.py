"""Malformed configuration of every kind, through the real command line: each ends in exit 2
with one ``newslint: error:`` line naming the file and the key, within a time bound, and never
a traceback.

Bounds: every run here is killed after :data:`BOUND` seconds, which only a hang would reach.
Pattern matching is bounded by newslint itself (``regex`` timeouts, see
:mod:`newslint.declarative.base`); a plugin's import and contribution hooks by
``plugin-timeout`` / ``NEWSLINT_PLUGIN_TIMEOUT`` (see :func:`newslint.manager.bounded`), which
the hanging plugins here set to :data:`PLUGIN_BOUND` seconds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import cli_env

BOUND = 60
PLUGIN_BOUND = 2
ARTICLE = "Council votes\n\nThe council voted on Monday to close the library.\n"
CATASTROPHIC = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb!"

RAISES = "raise RuntimeError('no newsroom database')\n"
EXITS = "raise SystemExit('plugin gave up')\n"
GARBAGE_RULES = (
    "from newslint import hookimpl\n\n@hookimpl\ndef newslint_register_rules():\n"
    "    return [42, 'ST001']\n"
)
GARBAGE_READERS = (
    "from newslint import hookimpl\n\n@hookimpl\ndef newslint_register_readers():\n"
    "    return 'not a list of readers'\n"
)
SLEEPS = "import time\n\nwhile True:\n    time.sleep(1)\n"
SPINS = "while True:\n    pass\n"  # holds the interpreter between switches: still bounded
HANGING_HOOK = (
    "import time\n\nfrom newslint import hookimpl\n\n@hookimpl\ndef newslint_register_rules():\n"
    "    time.sleep(3600)\n"
)
PATH_OPTION_RULE = """from newslint import Rule, hookimpl


class Glossary(Rule):
    \"\"\"## What it does
    Nothing: it has a path option.
    \"\"\"

    code = "HS001"
    name = "glossary"
    options = {"glossary": ""}
    path_options = ("glossary",)

    def check(self, document):
        return []


@hookimpl
def newslint_register_rules():
    return [Glossary]
"""
UNKNOWN_HOOK = (
    "from newslint import hookimpl\n\n@hookimpl\ndef newslint_register_rulez():\n    return []\n"
)

# (id, files besides a.txt, arguments, fragments of the error line)
CASES = [
    (
        "toml-syntax",
        {".newslint.toml": 'select = ["ST"\n'},
        (),
        [".newslint.toml:", "invalid TOML"],
    ),
    ("wrong-type-list", {".newslint.toml": 'select = "ST"\n'}, (), [".newslint.toml:1", "select"]),
    (
        "wrong-type-int",
        {".newslint.toml": 'max-file-size = "big"\n'},
        (),
        [".newslint.toml:1", "max-file-size"],
    ),
    (
        "negative-size",
        {".newslint.toml": "max-file-size = -1\n"},
        (),
        [".newslint.toml:1", "max-file-size"],
    ),
    (
        "wrong-type-table",
        {".newslint.toml": 'severity = "error"\n'},
        (),
        [".newslint.toml:1", "severity"],
    ),
    ("unknown-key", {".newslint.toml": "sever1ty = {}\n"}, (), [".newslint.toml:1", "sever1ty"]),
    ("unknown-code", {".newslint.toml": 'ignore = ["ZZ999"]\n'}, (), [".newslint.toml:1", "ZZ999"]),
    (
        "bad-severity",
        {".newslint.toml": '[severity]\nST001 = "fatal"\n'},
        (),
        [".newslint.toml:2", "ST001"],
    ),
    ("bad-locale", {".newslint.toml": 'locale = "fr-FR"\n'}, (), [".newslint.toml:1", "locale"]),
    (
        "rule-option-type",
        {".newslint.toml": "[rules.ST001]\nallow = 3\n"},
        (),
        [".newslint.toml:2", "allow"],
    ),
    (
        "rule-option-unknown",
        {".newslint.toml": "[rules.ST001]\nalow = []\n"},
        (),
        [".newslint.toml:2", "alow"],
    ),
    (
        "bad-glob-include",
        {".newslint.toml": 'include = ["[z-a].txt"]\n'},
        (".",),
        [".newslint.toml:1", "include", "[z-a].txt"],
    ),
    ("include-glob-leaving-the-folder", {".newslint.toml": 'include = ["../*.txt"]\n'}, (".",),
     [".newslint.toml:1", "include", "'..'"]),
    # pathlib's match() raises on an empty pattern: a traceback in the middle of the walk
    ("empty-glob-include", {".newslint.toml": 'include = ["*.txt", ""]\n'}, (".",),
     [".newslint.toml:1", "include", "names no file"]),
    (
        "bad-glob-exclude",
        {".newslint.toml": 'exclude = ["[z-a]"]\n'},
        (".",),
        [".newslint.toml:1", "exclude"],
    ),
    (
        "bad-glob-override",
        {".newslint.toml": '[[overrides]]\npaths = ["[z-a]"]\nignore = ["ST"]\n'},
        (),
        [".newslint.toml:2", "paths"],
    ),
    (
        "override-not-table",
        {".newslint.toml": "overrides = [1]\n"},
        (),
        [".newslint.toml:1", "overrides"],
    ),
    (
        "catastrophic-regex-probe",
        {
            ".newslint.toml": (
                '[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\n'
                'tokens = ["(a|aa)+$"]\n'
            )
        },
        (),
        [".newslint.toml:4", "backtracks catastrophically"],
    ),
    (
        "catastrophic-regex-text",
        {
            ".newslint.toml": (
                '[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\n'
                'tokens = ["(b|bb)+$"]\n'
            ),
            "a.txt": f"Headline\n\n{CATASTROPHIC}\n",
        },
        (),
        ["a.txt", "NYT001", "ran over"],
    ),
    (
        "invalid-regex",
        {
            ".newslint.toml": (
                '[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\n'
                'tokens = ["(a"]\n'
            )
        },
        (),
        [".newslint.toml:4", "invalid pattern"],
    ),
    (
        "plugin-path-option-missing",
        {
            ".newslint.toml": 'plugins = ["house/p.py"]\n[rules.HS001]\nglossary = "gone.txt"\n',
            "house/p.py": PATH_OPTION_RULE,
        },
        (),
        [".newslint.toml:3", "glossary", "HS001", "gone.txt does not exist"],
    ),
    (
        "dictionary-binary",
        {
            ".newslint.toml": '[rules.SP101]\ndictionaries = ["w.dic"]\n',
            "w.dic": b"\xff\xfe\x00bad",
        },
        (),
        # found when the configuration is loaded: read by SP101, a crash on every article
        [".newslint.toml:2", "dictionaries", "SP101", "w.dic is not UTF-8",
         "byte 0xff at byte offset 0"],
    ),
    (
        "plugin-missing",
        {".newslint.toml": 'plugins = ["house/none.py"]\n'},
        (),
        [".newslint.toml:1", "house/none.py"],
    ),
    (
        "plugin-raises",
        {".newslint.toml": 'plugins = ["house/p.py"]\n', "house/p.py": RAISES},
        (),
        [".newslint.toml:1", "house/p.py", "RuntimeError"],
    ),
    (
        "plugin-exits",
        {".newslint.toml": 'plugins = ["house/p.py"]\n', "house/p.py": EXITS},
        (),
        [".newslint.toml:1", "house/p.py", "SystemExit"],
    ),
    (
        "plugin-garbage-rules",
        {".newslint.toml": 'plugins = ["house/p.py"]\n', "house/p.py": GARBAGE_RULES},
        (),
        ["house/p.py", "newslint_register_rules", "42"],
    ),
    (
        "plugin-garbage-readers",
        {".newslint.toml": 'plugins = ["house/p.py"]\n', "house/p.py": GARBAGE_READERS},
        (),
        ["house/p.py", "newslint_register_readers", "must return a list"],
    ),
    (
        "plugin-garbage-reader-item",
        {
            ".newslint.toml": 'plugins = ["house/p.py"]\n',
            "house/p.py": GARBAGE_READERS.replace("'not a list of readers'", "[42]"),
        },
        (),
        ["house/p.py", "newslint_register_readers", "not a Reader instance"],
    ),
    (
        "plugin-unknown-hook",
        {".newslint.toml": 'plugins = ["house/p.py"]\n', "house/p.py": UNKNOWN_HOOK},
        (),
        [".newslint.toml:1", "newslint_register_rulez"],
    ),
    (
        "plugin-hangs-on-import",
        {
            ".newslint.toml": f'plugins = ["house/p.py"]\nplugin-timeout = {PLUGIN_BOUND}\n',
            "house/p.py": SLEEPS,
        },
        (),
        [".newslint.toml:1", "house/p.py", f"did not finish within {PLUGIN_BOUND} s"],
    ),
    (
        "plugin-spins-on-import",
        {
            ".newslint.toml": f'plugins = ["house/p.py"]\nplugin-timeout = {PLUGIN_BOUND}\n',
            "house/p.py": SPINS,
        },
        (),
        [".newslint.toml:1", "house/p.py", f"did not finish within {PLUGIN_BOUND} s"],
    ),
    (
        "plugin-hangs-in-hook",
        {
            ".newslint.toml": f'plugins = ["house/p.py"]\nplugin-timeout = {PLUGIN_BOUND}\n',
            "house/p.py": HANGING_HOOK,
        },
        (),
        ["house/p.py", "newslint_register_rules", f"did not finish within {PLUGIN_BOUND} s"],
    ),
    (
        "plugin-timeout-wrong-type",
        {".newslint.toml": 'plugin-timeout = "long"\n'},
        (),
        [".newslint.toml:1", "plugin-timeout"],
    ),
    (
        "rule-timeout-zero",
        {".newslint.toml": "rule-timeout = 0\n"},
        (),
        [".newslint.toml:1", "rule-timeout"],
    ),
    (
        "plugin-timeout-negative",
        {".newslint.toml": "plugin-timeout = -1\n"},
        (),
        [".newslint.toml:1", "plugin-timeout"],
    ),
    # past what the system's timers take, or so short that the timer fires in its own handler
    ("rule-timeout-infinite", {".newslint.toml": "rule-timeout = inf\n"}, (),
     [".newslint.toml:1", "rule-timeout", "from 0.01 to 1e+06"]),
    ("rule-timeout-huge", {".newslint.toml": "\nrule-timeout = 1e300\n"}, (),
     [".newslint.toml:2", "rule-timeout"]),
    ("rule-timeout-tiny", {".newslint.toml": "rule-timeout = 1e-6\n"}, (),
     [".newslint.toml:1", "rule-timeout"]),
    ("plugin-timeout-huge", {".newslint.toml": "plugin-timeout = 99999999999\n"}, (),
     [".newslint.toml:1", "plugin-timeout"]),
    # an unknown table first named by a dotted key or a header under it, or left open
    ("unknown-table-by-dotted-key", {".newslint.toml": 'locale = "en-GB"\nbogus.x = 1\n'}, (),
     [".newslint.toml:2", "unknown key 'bogus'"]),
    ("unknown-table-by-sub-header", {".newslint.toml": '\n[bogus.sub]\nx = 1\n'}, (),
     [".newslint.toml:2", "unknown key 'bogus'"]),
    ("unknown-array-of-tables", {".newslint.toml": 'locale = "en-GB"\n[[bogus]]\n'}, (),
     [".newslint.toml:2", "unknown key 'bogus'"]),
    ("array-left-open", {".newslint.toml": 'locale = "en-GB"\nselect = ["ST"\n'}, (),
     [".newslint.toml:2", "Unclosed array"]),
    ("config-is-a-device", {}, ("--config", "/dev/null", "a.txt"),
     ["/dev/null: configuration file is not a regular file"]),
    ("pyproject-table-in-another-file", {"house.toml": '[tool.newslint]\nlocale = "en-GB"\n'},
     ("--config", "house.toml", "a.txt"), ["house.toml:1", "unknown key 'tool'"]),
    # [tool.newslint] that is no table
    ("pyproject-tool-newslint-number", {"pyproject.toml": "[tool]\nnewslint = 1\n"}, (),
     ["pyproject.toml:2", "'tool.newslint' must be a table"]),

    (
        "plugins-wrong-type",
        {".newslint.toml": "plugins = 3\n"},
        (),
        [".newslint.toml:1", "plugins"],
    ),
    (
        "vale-missing-ini",
        {".newslint.toml": 'vale-config = "nowhere.ini"\n'},
        (),
        [".newslint.toml:1", "nowhere.ini"],
    ),
    (
        "vale-missing-styles",
        {
            ".newslint.toml": 'vale-config = "v.ini"\n',
            "v.ini": "StylesPath = nowhere\n[*]\nBasedOnStyles = House\n",
        },
        (),
        ["vale-config", "StylesPath", "nowhere"],
    ),
    (
        "vale-ini-garbage",
        {".newslint.toml": 'vale-config = "v.ini"\n', "v.ini": b"\xff\xfe[[[\x00"},
        (),
        ["v.ini"],
    ),
]


VALE_INI = "StylesPath = styles\n[*]\nBasedOnStyles = House\n"


def vale_rule(yml: str | bytes) -> dict[str, str | bytes]:
    """A project whose configuration loads a Vale style of one rule, ``House.Bad``."""
    return {".newslint.toml": 'vale-config = "v.ini"\n', "v.ini": VALE_INI,
            "styles/House/Bad.yml": yml}



def hook(signature: str, body: str) -> dict[str, str]:
    """A project whose configuration loads ``house/p.py``, a plugin of one hook."""
    code = f"from newslint import hookimpl\n\n@hookimpl\ndef {signature}:\n    {body}\n"
    return {".newslint.toml": 'plugins = ["house/p.py"]\n', "house/p.py": code}


JUNK_RULE = (
    "from newslint import Rule, Severity, hookimpl\n\nclass Junk(Rule):\n    code = 'HS004'\n"
    "    name = 'junk'\n    severity = Severity.WARNING\n\n    def check(self, document):\n"
    "        yield 'junk'\n\n@hookimpl\ndef newslint_register_rules():\n    return [Junk]\n"
)

# A plugin's hook that raises, or hands back what is no violation, is one error line: for the
# run when the hook is the run's, for the article when it is the article's
CASES += [
    ("configure-raises", hook("newslint_configure(config)", "raise RuntimeError('boom')"), (),
     ["newslint_configure raised RuntimeError: boom"]),
    ("unconfigure-raises", hook("newslint_unconfigure(config)", "raise RuntimeError('boom')"),
     (), ["newslint_unconfigure raised RuntimeError: boom"]),
    ("session-finish-raises",
     hook("newslint_session_finish(session, exitstatus)", "raise RuntimeError('boom')"), (),
     ["newslint_session_finish raised RuntimeError: boom"]),
    ("add-config-raises", hook("newslint_add_config(schema)", "raise RuntimeError('boom')"), (),
     [".newslint.toml:1", "house/p.py", "a hook raised RuntimeError: boom"]),
    ("lint-document-raises",
     hook("newslint_lint_document(document, rules, config)", "raise RuntimeError('boom')"), (),
     ["a.txt: ", "newslint_lint_document raised RuntimeError: boom"]),
    ("lint-document-returns-junk",
     hook("newslint_lint_document(document, rules, config)", "return 7"), (),
     ["a.txt: ", "newslint_lint_document returned 7, not a violation"]),
    ("modify-violations-adds-junk",
     hook("newslint_modify_violations(document, violations, config)",
          "violations.append('junk')"), (),
     ["a.txt: ", "newslint_modify_violations left 'junk', not a violation"]),
    ("reporters-not-a-list", hook("newslint_register_reporters()", "return 42"), (),
     ["house/p.py", "newslint_register_reporters must return a list, not int"]),
    ("rule-yields-junk",
     {".newslint.toml": 'plugins = ["house/p.py"]\nselect = ["HS"]\n', "house/p.py": JUNK_RULE},
     (), ["a.txt: ", "rule HS004 (junk) yielded 'junk', not a violation"]),
]

# The built-in rules' path options (Rule.path_options): checked once, when the configuration
# is loaded, not a crash on every article
PATH_CASES = [
    pytest.param({".newslint.toml": '[rules.SP101]\ndictionaries = ["nowhere.dic"]\n'}, (),
                 [".newslint.toml:2", "dictionaries", "SP101", "nowhere.dic does not exist"],
                 id="missing-dictionary"),
    pytest.param({".newslint.toml": '[rules.SP101]\ndictionaries = ["words"]\n',
                  "words/x.txt": "x\n"}, ("a.txt",),
                 [".newslint.toml:2", "dictionaries", "words is a folder"],
                 id="dictionary-is-folder"),
    # items the empty default said nothing of: the rule crashed on every article
    pytest.param({".newslint.toml": '[rules.SP101]\ndictionaries = [1]\n'}, (),
                 [".newslint.toml:2", "dictionaries", "SP101", "1 is not a path"],
                 id="dictionary-not-a-string"),
    pytest.param({".newslint.toml": '[rules.SP101]\ndictionaries = ["w.txt", ""]\n',
                  "w.txt": "Kyiv\n"}, (),
                 [".newslint.toml:2", "dictionaries", "SP101", "'' is not a path"],
                 id="dictionary-empty-path"),
    pytest.param({".newslint.toml": '[rules.SP102]\nmodel = "news.model"\n'}, (),
                 [".newslint.toml:2", "model", "SP102", "news.model does not exist"],
                 id="missing-model"),
    # a device is there, but no file to read a model from
    pytest.param({".newslint.toml": '[rules.SP102]\nmodel = "/dev/null"\n'}, (),
                 [".newslint.toml:2", "model", "SP102", "/dev/null is no regular file"],
                 id="model-is-a-device"),
    # a model of another kind, or one cut short: one error naming the key, not a crash of
    # SP102 on every article
    pytest.param({".newslint.toml": '[rules.SP102]\nmodel = "a.txt"\n'}, (),
                 [".newslint.toml:2", "SP102", "a.txt is no newslint model that can be read",
                  "not a newslint n-gram model"], id="model-of-another-kind"),
    pytest.param({".newslint.toml": '[rules.SP102]\nmodel = "cut.model"\n',
                  "cut.model": b"NEWSLINT-NGRAM 6\n{\"byteorder\": "}, (),
                 [".newslint.toml:2", "SP102", "cut.model is no newslint model that can be read"],
                 id="model-cut-short"),
]

# A Vale rule Vale could not run either is an error naming the file, its line and key
CASES += [
    ("vale-yaml-syntax", vale_rule("extends: existence\ntokens: [a\n"), (),
     ["vale-config", "styles/House/Bad.yml", "invalid YAML at line 3"]),
    ("vale-yaml-not-mapping", vale_rule("- extends\n- existence\n"), (),
     ["styles/House/Bad.yml", "not a YAML mapping"]),
    ("vale-wrong-type", vale_rule("extends: existence\ntokens: 5\n"), (),
     ["styles/House/Bad.yml:2", "'tokens'"]),
    ("vale-wrong-type-swap", vale_rule("extends: substitution\nswap: [a, b]\n"), (),
     ["styles/House/Bad.yml:2", "'swap'"]),
    ("vale-bad-level", vale_rule("extends: existence\nlevel: fatal\ntokens: [a]\n"), (),
     ["styles/House/Bad.yml:2", "'level'"]),
    ("vale-unknown-extends", vale_rule("extends: existance\ntokens: [a]\n"), (),
     ["styles/House/Bad.yml:1", "unknown extends 'existance'", "existence"]),
    ("vale-no-extends", vale_rule("message: x\ntokens: [a]\n"), (),
     ["styles/House/Bad.yml", "'extends' is required"]),
    ("vale-invalid-regex", vale_rule("extends: existence\ntokens:\n  - '(a'\n"), (),
     ["styles/House/Bad.yml:2", "invalid pattern"]),
    ("vale-catastrophic", vale_rule("extends: existence\ntokens:\n  - '(a|aa)+$'\n"), (),
     ["styles/House/Bad.yml:2", "backtracks catastrophically"]),
    ("vale-yaml-binary", vale_rule(b"\xff\xfe\x00"), (), ["styles/House/Bad.yml", "cannot read"]),
]

# A valid Vale rule that only Vale runs is skipped with one note, and the run goes on
VALE_NOTES = [
    ("vale-script", vale_rule("extends: script\nscript: x\n"), (),
     ["type 'script' is not supported"]),
    ("vale-metric-count", vale_rule("extends: metric\nformula: pre / words\ncondition: '> 1'\n"),
     (), ["Vale's pre counts are not supported"]),
]


@pytest.mark.parametrize(
    "files, args, fragments", [pytest.param(f, a, e, id=i) for i, f, a, e in CASES] + PATH_CASES
)
def test_malformed_configuration(
    tmp_path: Path, files: dict[str, str | bytes], args: tuple[str, ...], fragments: list[str]
) -> None:
    code, err = run(tmp_path, files, args)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert code == 2, (code, err)
    assert len(lines) == 1 and lines[0].startswith("newslint: error: "), err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, err)


def run(tmp_path: Path, files: dict[str, str | bytes], args: tuple[str, ...],
        **env: str) -> tuple[int, str]:
    """Write ``a.txt`` and ``files`` into a project folder and run ``newslint check`` there,
    with ``env`` added to its environment."""
    root = tmp_path / "project"
    for name, content in {"a.txt": ARTICLE, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--no-cache", *(args or ("a.txt",))],
        cwd=root,
        capture_output=True,
        env=cli_env(**env),
        timeout=BOUND,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("value, fragment", [(str(PLUGIN_BOUND), "did not finish within 2 s"),
                                             ("soon", "NEWSLINT_PLUGIN_TIMEOUT='soon'"),
                                             ("inf", "NEWSLINT_PLUGIN_TIMEOUT='inf'")])
def test_plugin_timeout_from_the_environment(tmp_path: Path, value: str, fragment: str) -> None:
    """The bound for plugins no configuration bounds (entry points load before any is read)."""
    files = {".newslint.toml": 'plugins = ["house/p.py"]\n', "house/p.py": SLEEPS}
    start = time.monotonic()
    code, err = run(tmp_path, files, (), NEWSLINT_PLUGIN_TIMEOUT=value)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and fragment in lines[0], err
    assert time.monotonic() - start < BOUND / 2, err


@pytest.mark.parametrize(
    "files, args, fragments", [pytest.param(f, a, e, id=i) for i, f, a, e in VALE_NOTES]
)
def test_malformed_vale_rule_is_one_note(
    tmp_path: Path, files: dict[str, str | bytes], args: tuple[str, ...], fragments: list[str]
) -> None:
    code, err = run(tmp_path, files, args)
    lines = err.strip().splitlines()
    assert code == 0 and "Traceback" not in err, (code, err)
    assert len(lines) == 1 and lines[0].startswith("newslint: note: skipped Vale rule House.Bad"), (
        err
    )
    for fragment in fragments:
        assert fragment in lines[0], (fragment, err)


HANGING_RULES = '''import time

from newslint import Rule, hookimpl


class Spin(Rule):
    """## What it does
    Loops for ever on a.txt.
    """

    code = "HS001"
    name = "spin"

    def check(self, document):
        while document.path.endswith("a.txt"):
            pass
        return []


class Sleep(Rule):
    """## What it does
    Sleeps on b.txt, and tries to swallow whatever stops it.
    """

    code = "HS002"
    name = "sleep"

    def check(self, document):
        if document.path.endswith("b.txt"):
            try:
                time.sleep(3600)
            except Exception:
                pass
        yield from ()


@hookimpl
def newslint_register_rules():
    return [Spin, Sleep]
'''


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rule_that_hangs_is_stopped_and_the_run_goes_on(tmp_path: Path, jobs: str) -> None:
    """A rule's check() that never returns: an internal error for that file after
    ``rule-timeout`` seconds, the other rules and files still linted, exit 2."""
    article = ARTICLE.replace("The council", "The the council")
    others = {f"z{i:02d}.txt": article for i in range(20)}  # enough files for worker processes
    config = 'plugins = ["house/p.py"]\nrule-timeout = 1\nselect = ["ST", "HS"]\n'
    files = {".newslint.toml": config, "house/p.py": HANGING_RULES, "a.txt": article,
             "b.txt": article, **others}
    start = time.monotonic()
    code, err = run(tmp_path, files, (".", "--jobs", jobs))
    assert code == 2 and "Traceback" not in err, err
    assert err.strip().splitlines() == [
        f"newslint: error: {name}: rule {rule} was stopped: the rules ran over 1 s on this file "
        "(raise rule-timeout in the configuration)"
        for name, rule in (("a.txt", "HS001 (spin)"), ("b.txt", "HS002 (sleep)"))], err
    assert time.monotonic() - start < BOUND / 2


def test_rule_timeout_leaves_the_alarm_as_it_found_it() -> None:
    """The bound borrows SIGALRM for each file's rules only: a host's own handler comes back."""
    import signal

    from newslint.engine import lint_text
    from newslint.manager import get_plugin_manager

    def host(signum: int, frame: object) -> None:
        raise AssertionError("the host's alarm fired during the rules")

    previous = signal.signal(signal.SIGALRM, host)
    try:
        result = lint_text(get_plugin_manager(autoload=False), ARTICLE, "a.txt")
        assert not result.internal_errors
        assert signal.getsignal(signal.SIGALRM) is host
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_rule_timeout_leaves_a_running_host_timer_alone() -> None:
    import signal

    from newslint.engine import lint_text
    from newslint.manager import get_plugin_manager

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        lint_text(get_plugin_manager(autoload=False), ARTICLE, "a.txt")
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_rule_timeout_off_the_main_thread() -> None:
    """Off the main thread (the language server lints on a worker thread) no signal stops a
    rule: a watchdog raises in the rules' thread instead. A rule looping in Python is stopped at
    the bound; one asleep in C is stopped when it is back in Python; patterns, which take their
    timeout from the bound, stop; the rules after each get the whole bound again; and nothing is
    raised in the thread once the rules are done."""
    import threading
    from collections.abc import Iterator

    import regex

    from newslint.declarative.base import finditer
    from newslint.document import Document, Span
    from newslint.engine import lint_text, run_rules
    from newslint.manager import get_plugin_manager
    from newslint.rule import Rule
    from newslint.violation import Severity, Violation

    class Spin(Rule):
        code, name = "HS002", "spin"

        def check(self, document: Document) -> list[Violation]:
            n = 0
            while n >= 0:  # forever, in Python
                n += 1
            return []

    class Dawdle(Rule):
        code, name = "HS003", "dawdle"

        def check(self, document: Document) -> list[Violation]:
            time.sleep(0.3)
            return []

    class Match(Rule):
        def __init__(self, code: str, pattern: str) -> None:
            super().__init__()
            self.code, self.name, self.pattern = code, code.lower(), regex.compile(pattern)

        def check(self, document: Document) -> Iterator[Violation]:
            for m in finditer(self.code, self.pattern, document.source):
                yield Violation(self.code, self.name, "found", Severity.WARNING, Span(*m.span()))

    document = lint_text(get_plugin_manager(autoload=False), ARTICLE + "x" * 40, "a.txt").document
    rules = [Spin(), Dawdle(), Match("HS004", "council"), Match("HS005", "(?:x|xx)+y")]
    out: list[Violation] = []
    after: list[str] = []

    def lint() -> None:
        out.extend(run_rules(document, rules, 0.1))
        end = time.monotonic() + 0.3  # past the last bound the watchdog could have kept
        while time.monotonic() < end:
            pass
        after.append("done")

    thread = threading.Thread(target=lint, daemon=True)  # without the watchdog it never ends
    thread.start()
    thread.join(BOUND)
    stopped = "was stopped: the rules ran over 0.1 s on this file (raise rule-timeout in the " \
              "configuration)"
    assert [(v.code, v.message) for v in out] == [
        ("internal-error", f"rule HS002 (spin) {stopped}"),
        ("internal-error", f"rule HS003 (dawdle) {stopped}"),
        ("HS004", "found"),
        ("internal-error", f"rule HS005 (hs005) {stopped}"),
    ]
    assert after == ["done"]


_STOP_THEN_PROFILE = """
import sys, threading
from newslint.engine import lint_text, run_rules
from newslint.manager import get_plugin_manager
from newslint.rule import Rule

class Spin(Rule):
    code, name = "HS002", "spin"

    def check(self, document):
        n = 0
        while n >= 0:
            n += 1
        return []

document = lint_text(get_plugin_manager(autoload=False), "The council met.", "a.txt").document
out = []
thread = threading.Thread(target=lambda: out.extend(run_rules(document, [Spin()], 0.1)))
thread.start()
thread.join()
print([v.code for v in out])

def profiled():
    return 1

sys.setprofile(lambda *args: None)
profiled()
sys.setprofile(None)
print("profiled")
"""


def test_a_rule_stopped_off_the_main_thread_leaves_python_working() -> None:
    """Stopping a rule through the watchdog leaves the interpreter as it was: a profiler (or
    debugger, or coverage) set afterwards runs. Taking back the exception it raised with
    CPython's own call left Python 3.11 signalled for good, and the first profiled call hung
    the process (so the test runs in a process of its own, with a time limit)."""
    run = subprocess.run([sys.executable, "-c", _STOP_THEN_PROFILE], capture_output=True,
                         text=True, timeout=BOUND, env=cli_env())
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["['internal-error']", "profiled"]
