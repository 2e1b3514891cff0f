"""Malformed configuration of every kind, through the real command line: each ends in exit 2
with one ``newslint: error:`` line naming the file and the key, within a time bound, and never
a traceback.

Bounds: every run here is killed after :data:`BOUND` seconds, which only a hang would reach.
Pattern matching is bounded by newslint itself (``regex`` timeouts, see
:mod:`newslint.declarative.base`). A local plugin's import, however, is arbitrary Python run in
the linting process: newslint has no import timeout, so a plugin that sleeps forever on import
hangs the run until CI's own job timeout. That is deliberate (a thread cannot be stopped, and a
subprocess import would change what a plugin may do), so no test here hangs on purpose.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env

BOUND = 60
ARTICLE = "Council votes\n\nThe council voted on Monday to close the library.\n"
CATASTROPHIC = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb!"

RAISES = "raise RuntimeError('no newsroom database')\n"
EXITS = "raise SystemExit('plugin gave up')\n"
GARBAGE_RULES = "from newslint import hookimpl\n\n@hookimpl\ndef newslint_register_rules():\n    return [42, 'ST001']\n"
GARBAGE_READERS = (
    "from newslint import hookimpl\n\n@hookimpl\ndef newslint_register_readers():\n"
    "    return 'not a list of readers'\n"
)
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
        ["no articles found", "[z-a].txt"],
    ),
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
            ".newslint.toml": '[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\ntokens = ["(a|aa)+$"]\n'
        },
        (),
        [".newslint.toml:4", "backtracks catastrophically"],
    ),
    (
        "catastrophic-regex-text",
        {
            ".newslint.toml": '[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\ntokens = ["(b|bb)+$"]\n',
            "a.txt": f"Headline\n\n{CATASTROPHIC}\n",
        },
        (),
        ["a.txt", "NYT001", "ran over"],
    ),
    (
        "invalid-regex",
        {
            ".newslint.toml": '[[rules.custom]]\ncode = "NYT001"\ntype = "existence"\ntokens = ["(a"]\n'
        },
        (),
        [".newslint.toml:4", "invalid pattern"],
    ),
    (
        "missing-dictionary",
        {".newslint.toml": '[rules.SP101]\ndictionaries = ["nowhere.dic"]\n'},
        (),
        ["a.txt", "SP101", "nowhere.dic"],
    ),
    (
        "dictionary-is-folder",
        {".newslint.toml": '[rules.SP101]\ndictionaries = ["words"]\n', "words/x.txt": "x\n"},
        ("a.txt",),
        ["a.txt", "SP101", "words"],
    ),
    (
        "dictionary-binary",
        {
            ".newslint.toml": '[rules.SP101]\ndictionaries = ["w.dic"]\n',
            "w.dic": b"\xff\xfe\x00bad",
        },
        (),
        ["a.txt", "SP101", "UnicodeDecodeError"],
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


# Vale rules newslint cannot load are skipped with one note each, by design (a Vale style may
# hold rule types that only Vale runs), even when the YAML is broken for Vale too
VALE_NOTES = [
    (
        "vale-yaml-syntax",
        {
            ".newslint.toml": 'vale-config = "v.ini"\n',
            "v.ini": "StylesPath = styles\n[*]\nBasedOnStyles = House\n",
            "styles/House/Bad.yml": "extends: existence\ntokens: [a\n",
        },
        (),
        ["Bad.yml (line 3)"],
    ),
    (
        "vale-yaml-not-mapping",
        {
            ".newslint.toml": 'vale-config = "v.ini"\n',
            "v.ini": "StylesPath = styles\n[*]\nBasedOnStyles = House\n",
            "styles/House/Bad.yml": "- extends\n- existence\n",
        },
        (),
        ["Bad.yml"],
    ),
    (
        "vale-wrong-type",
        {
            ".newslint.toml": 'vale-config = "v.ini"\n',
            "v.ini": "StylesPath = styles\n[*]\nBasedOnStyles = House\n",
            "styles/House/Bad.yml": "extends: existence\ntokens: 5\n",
        },
        (),
        ["House.Bad", "tokens"],
    ),
    (
        "vale-catastrophic",
        {
            ".newslint.toml": 'vale-config = "v.ini"\n',
            "v.ini": "StylesPath = styles\n[*]\nBasedOnStyles = House\n",
            "styles/House/Bad.yml": "extends: existence\ntokens:\n  - '(a|aa)+$'\n",
        },
        (),
        ["House.Bad", "backtracks catastrophically"],
    ),
    (
        "vale-yaml-binary",
        {
            ".newslint.toml": 'vale-config = "v.ini"\n',
            "v.ini": "StylesPath = styles\n[*]\nBasedOnStyles = House\n",
            "styles/House/Bad.yml": b"\xff\xfe\x00",
        },
        (),
        ["Bad.yml"],
    ),
]


@pytest.mark.parametrize(
    "files, args, fragments", [pytest.param(f, a, e, id=i) for i, f, a, e in CASES]
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


def run(tmp_path: Path, files: dict[str, str | bytes], args: tuple[str, ...]) -> tuple[int, str]:
    """Write ``a.txt`` and ``files`` into a project folder and run ``newslint check`` there."""
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
        env=cli_env(),
        timeout=BOUND,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


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
