"""Every hook is documented like pytest's and exercised by a test (datasette's approach)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from newslint import hookspecs

HOOKS = hookspecs.hook_names()
TESTS = Path(__file__).parent


def test_hook_names_are_found():
    assert {
        "newslint_register_rules",
        "newslint_register_readers",
        "newslint_register_reporters",
        "newslint_modify_violations",
        "newslint_configure",
    } <= set(HOOKS)
    for name in HOOKS:
        assert hasattr(getattr(hookspecs, name), "newslint_spec"), f"{name} is not a @hookspec"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_is_documented(name):
    hook = getattr(hookspecs, name)
    doc = inspect.getdoc(hook) or ""
    summary = doc.splitlines()[0] if doc else ""
    assert summary.endswith("."), f"{name}: the docstring opens with a one-line summary"
    for param in inspect.signature(hook).parameters:
        assert re.search(rf"^:param {param}:", doc, re.M), f"{name}: no ':param {param}:'"
    documented = set(re.findall(r"^:param (\w+):", doc, re.M))
    assert documented <= set(inspect.signature(hook).parameters), f"{name}: documents a stale param"
    assert re.search(r"^:returns:", doc, re.M), f"{name}: no ':returns:'"
    assert re.search(r"^Use in plugins\n-+\n\S", doc, re.M), f"{name}: no 'Use in plugins' section"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_test(name):
    """Some test other than this module names the hook (implements or calls it)."""
    files = [p for p in TESTS.rglob("*.py") if p.name != Path(__file__).name]
    assert any(name in p.read_text(encoding="utf-8") for p in files), f"no test uses {name}"
