"""The plugin manager: built-ins, entry points, local plugins, and every way a plugin can fail."""

from __future__ import annotations

import json
import textwrap
from importlib import metadata
from pathlib import Path

import pytest

from newslint import manager as manager_module
from newslint.config import Config
from newslint.engine import lint_text
from newslint.hookspecs import hookimpl, hookspec
from newslint.manager import BUILTIN_PLUGINS, PluginError, PluginManager, get_plugin_manager

RULE_PLUGIN = '''
from __future__ import annotations
from newslint import Rule, Span, hookimpl
from newslint.reporters.base import Reporter

class Loud(Rule):
    """## What it does
    Flags LOUD.
    """
    code = "{code}"
    name = "loud-{name}"

    def check(self, document):
        i = document.source.find("LOUD")
        if i != -1:
            yield self.violation(Span(i, i + 4), "too loud")

class CountReporter(Reporter):
    name = "count-{name}"
    description = "how many violations"

    def finish(self, session):
        self.write(str(sum(len(r.violations) for r in session.results)))

@hookimpl
def newslint_register_rules():
    return [Loud]

@hookimpl
def newslint_register_reporters():
    return [CountReporter]
'''
LOUD = "Council approves new budget\n\nThe meeting was LOUD.\n"


class FakeDistribution:
    """Just what the manager reads of an installed distribution."""

    def __init__(self, name: str, entry_points: list[metadata.EntryPoint]) -> None:
        self.metadata = {"Name": name}
        self.entry_points = entry_points


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """``installed(dist_name, {ep_name: module_source}, group="newslint")``: fake an installed
    distribution whose entry points are modules written to a folder on sys.path."""
    monkeypatch.syspath_prepend(str(tmp_path))
    dists: list[FakeDistribution] = []
    monkeypatch.setattr(metadata, "distributions", lambda: iter(dists))
    # these distributions are nowhere on disk, where the scan that spares most runs importing
    # importlib.metadata looks
    monkeypatch.setattr(manager_module, "may_declare_plugins", lambda: True)

    def install(dist: str, modules: dict[str, str], group: str = "newslint") -> None:
        eps = []
        for ep_name, source in modules.items():
            module = f"fake_{dist}_{ep_name}".replace("-", "_")
            (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            eps.append(metadata.EntryPoint(ep_name, module, group))
        dists.append(FakeDistribution(dist, eps))

    return install


def test_builtins_are_registered_under_their_module_names(pm):
    for name in BUILTIN_PLUGINS:
        plugin = pm.get_plugin(name)
        assert plugin is not None and plugin.__name__ == name
    assert {"ST001", "ST002"} <= set(pm.registry.rules)
    assert {"text", "concise", "json"} <= set(pm.reporters)
    assert {".txt", ".md", ".html"} <= set(pm.readers)


def test_entry_point_plugins_are_loaded(installed):
    installed("newslint-loud", {"loud": RULE_PLUGIN.format(code="LD001", name="a")})
    installed("other-tool", {"unrelated": "raise RuntimeError('never imported')"}, group="other")
    pm = get_plugin_manager()
    assert pm.get_plugin("loud") is not None
    assert pm.registry.sources["LD001"] == "loud"
    assert "count-a" in pm.reporters
    assert [v.code for v in lint_text(pm, LOUD, "a.txt").violations] == ["LD001"]


def test_autoload_can_be_switched_off(installed, monkeypatch):
    installed("newslint-loud", {"loud": RULE_PLUGIN.format(code="LD001", name="a")})
    assert get_plugin_manager(autoload=False).get_plugin("loud") is None
    monkeypatch.setenv("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    pm = get_plugin_manager()
    assert pm.get_plugin("loud") is None
    assert "LD001" not in pm.registry


def test_blocked_plugins_are_not_loaded(installed):
    installed("newslint-loud", {"loud": RULE_PLUGIN.format(code="LD001", name="a")})
    pm = get_plugin_manager(blocked=["loud", "rules.style"])
    assert pm.get_plugin("loud") is None
    assert pm.is_blocked("newslint.rules.style")
    assert "ST001" not in pm.registry and "LD001" not in pm.registry


def test_plugin_that_raises_on_import_is_named(installed):
    installed("newslint-broken", {"broken": "raise ValueError('no database configured')"})
    with pytest.raises(PluginError) as info:
        get_plugin_manager()
    message = str(info.value)
    assert "\n" not in message
    for part in (
        "'broken'",
        "newslint-broken",
        "fake_newslint_broken_broken",
        "ValueError: no database configured",
    ):
        assert part in message


def test_two_plugins_with_one_code_name_both(installed):
    installed("newslint-first", {"first": RULE_PLUGIN.format(code="LD001", name="a")})
    installed("newslint-second", {"second": RULE_PLUGIN.format(code="LD001", name="b")})
    pm = get_plugin_manager()
    with pytest.raises(PluginError, match="LD001 is claimed by both first and second"):
        pm.registry  # noqa: B018 - building the registry is what fails


def test_misspelled_hook_is_a_clear_error(installed):
    installed(
        "newslint-typo",
        {
            "typo": """
        from newslint import hookimpl

        @hookimpl
        def newslint_register_rule():
            return []
    """
        },
    )
    with pytest.raises(PluginError) as info:
        get_plugin_manager()
    message = str(info.value)
    assert "plugin typo:" in message
    assert (
        "unknown hook 'newslint_register_rule'; did you mean 'newslint_register_rules'?" in message
    )


def test_hook_with_an_unknown_argument_is_a_clear_error(installed):
    installed(
        "newslint-args",
        {
            "args": """
        from newslint import hookimpl

        @hookimpl
        def newslint_modify_violations(document, violation):
            pass
    """
        },
    )
    with pytest.raises(PluginError, match=r"^plugin args: .*violation"):
        get_plugin_manager()


def test_contribution_hook_must_return_a_list(pm):
    class Plugin:
        @hookimpl
        def newslint_register_rules(self):
            return None

        @hookimpl
        def newslint_register_readers(self):
            raise RuntimeError("boom")

    pm.register(Plugin(), "sloppy")
    with pytest.raises(
        PluginError, match="plugin sloppy: newslint_register_rules must return a list"
    ):
        pm.registry  # noqa: B018
    with pytest.raises(
        PluginError, match="plugin sloppy: newslint_register_readers raised RuntimeError: boom"
    ):
        pm.readers  # noqa: B018


def test_a_plugin_reader_replaces_the_builtin_one(pm):
    from newslint.readers.text import TextReader

    class ShoutReader(TextReader):
        name = "shout"
        suffixes = (".txt",)

    class Plugin:
        @hookimpl
        def newslint_register_readers(self):
            return [ShoutReader()]

    pm.register(Plugin(), "shout-reader")
    assert lint_text(pm, LOUD, "a.txt").document.format == "shout"
    assert lint_text(pm, LOUD, "a.md").document.format == "markdown"


def test_local_plugins_load_once_and_validate(pm, tmp_path):
    (tmp_path / "loud.py").write_text(RULE_PLUGIN.format(code="LD001", name="a"), encoding="utf-8")
    pm.load_local(["loud.py"], tmp_path)
    pm.load_local(["loud.py"], tmp_path)
    pm.validate()
    assert "LD001" in pm.registry
    with pytest.raises(PluginError, match=r"plugin file missing\.py not found"):
        pm.load_local(["missing.py"], tmp_path)
    (tmp_path / "bad.py").write_text("import not_a_module_anywhere\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"plugin bad\.py failed to import: ModuleNotFoundError"):
        pm.load_local(["bad.py"], tmp_path)


def test_same_relative_plugin_path_in_two_folders_loads_both(pm, tmp_path):
    for folder, code in (("a", "LD001"), ("b", "LD002")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "house.py").write_text(
            RULE_PLUGIN.format(code=code, name=folder), encoding="utf-8"
        )
        pm.load_local(["house.py"], tmp_path / folder)
    assert {"LD001", "LD002"} <= set(pm.registry.rules)


def test_addhooks_lets_a_plugin_add_hookspecs(pm):
    calls = []

    class Specs:
        @hookspec
        def newslint_loud_words(self):
            """A plugin's own hook."""

    class Host:
        @hookimpl
        def newslint_addhooks(self, pluginmanager: PluginManager):
            pluginmanager.add_hookspecs(Specs)

    class Guest:
        @hookimpl
        def newslint_loud_words(self):
            calls.append("guest")
            return ["LOUD"]

    pm.register(Host(), "host")
    pm.register(Guest(), "guest")
    pm.validate()
    assert pm.hook.newslint_loud_words() == [["LOUD"]]
    assert calls == ["guest"]


def test_configure_unconfigure_and_session_finish_through_the_cli(project, run_cli):
    project.config('plugins = ["spy.py"]\n')
    log = project.root / "spy.log"
    project.write(
        "spy.py",
        f"""
from newslint import hookimpl

def _log(text):
    with open({str(log)!r}, "a") as f:
        f.write(text + "\\n")

@hookimpl
def newslint_configure(config):
    _log("configure " + config.path.name)

@hookimpl
def newslint_unconfigure(config):
    _log("unconfigure " + config.path.name)

@hookimpl
def newslint_session_finish(session, exitstatus):
    _log(f"finish {{len(session.results)}} {{exitstatus}}")
""",
    )
    project.write("a.txt", "Council approves new budget\n\nThe the fire spread.\n")
    code, _, err = run_cli("check", "a.txt")
    assert code == 1, err
    assert log.read_text().splitlines() == [
        "configure .newslint.toml",
        "unconfigure .newslint.toml",
        "finish 1 1",
    ]


def test_modify_violations_and_wrapping_lint_document(pm):
    class Plugin:
        @hookimpl
        def newslint_modify_violations(self, document, violations, config):
            violations[:] = [v for v in violations if v.code != "ST002"]

        @hookimpl(wrapper=True)
        def newslint_lint_document(self, document, rules, config):
            found = yield
            return [*found, *found[:1]]

    pm.register(Plugin(), "filter")
    text = "Council approves new budget\n\nThe fire spread to the the  warehouse.\n"
    assert [v.code for v in lint_text(pm, text, "a.txt", Config()).violations] == ["ST001", "ST001"]


def test_trace_plugins(project, run_cli):
    project.write("a.txt", "Council approves new budget\n\nAll clear.\n")
    code, _, err = run_cli("check", "a.txt", env={"NEWSLINT_TRACE_PLUGINS": "1"})
    assert code == 0
    assert "newslint_configure" in err and "newslint_lint_document" in err


def test_entry_point_failure_through_the_cli(tmp_path, project, run_cli, error_line):
    # a real (if hand-made) installed distribution on PYTHONPATH, found by importlib.metadata
    site = tmp_path / "site"
    info = site / "newslint_crashy-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-crashy\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[newslint]\ncrashy = newslint_crashy\n")
    (site / "newslint_crashy.py").write_text("raise ImportError('needs libfoo')\n")
    project.write("a.txt", LOUD)
    for args in (("check", "a.txt"), ("rules",), ("explain", "ST001")):
        code, out, err = run_cli(*args, env={"PYTHONPATH": str(site)})
        assert (code, out) == (2, "")
        error_line(err, "'crashy'", "newslint-crashy", "ImportError: needs libfoo")
    code, out, err = run_cli(
        "check", "a.txt", "--disable-plugin", "crashy", env={"PYTHONPATH": str(site)}
    )
    assert code == 0, err


def test_duplicate_codes_through_the_cli(tmp_path, project, run_cli, error_line):
    site = tmp_path / "site"
    for name, code in (("one", "LD001"), ("two", "LD001")):
        info = site / f"newslint_{name}-1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: newslint-{name}\nVersion: 1.0\n"
        )
        (info / "entry_points.txt").write_text(f"[newslint]\n{name} = newslint_{name}\n")
        (site / f"newslint_{name}.py").write_text(RULE_PLUGIN.format(code=code, name=name))
    project.write("a.txt", LOUD)
    for args in (
        ("check", "a.txt"),
        ("rules",),
        ("explain", "LD001"),
        ("check", "a.txt", "--format", "json"),
    ):
        code, out, err = run_cli(*args, env={"PYTHONPATH": str(site)})
        assert (code, out) == (2, ""), args
        line = error_line(err, "LD001")
        assert "one" in line and "two" in line
    code, out, err = run_cli(
        "check",
        "a.txt",
        "--format",
        "json",
        "--disable-plugin",
        "two",
        "--select",
        "LD",
        env={"PYTHONPATH": str(site)},
    )
    assert [v["code"] for v in json.loads(out)] == ["LD001"], err


def test_builtins_importable_without_side_effects():
    # a manager is built per run; importing the module makes none
    assert not any(isinstance(v, PluginManager) for v in vars(manager_module).values())
    assert Path(manager_module.__file__).name == "manager.py"
