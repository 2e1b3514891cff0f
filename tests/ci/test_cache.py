"""The result cache: hits skip the rules, and any change to the key misses."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newslint import cache
from newslint.engine import Options, Session
from newslint.rules.style import RepeatedWord

from .conftest import FAULTY


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    """The documents ST001 actually checked (not answered from the cache)."""
    seen: list[str] = []
    original = RepeatedWord.check

    def counting(self, document):
        seen.append(document.path)
        return original(self, document)

    monkeypatch.setattr(RepeatedWord, "check", counting)
    return seen


def lint(pm, path: Path) -> list[tuple[str, int]]:
    session = Session(pm, Options(select=["ST001", "ST002"]))
    (result,) = session.run([str(path)])
    return [(v.code, v.span.start) for v in result.violations]


def test_hits_skip_the_rules_and_give_the_same_result(pm, project, calls):
    assert cache.register(pm)
    article = project.write("fire.txt", FAULTY)
    first = lint(pm, article)
    assert calls == [str(article)]
    entries = list((project.root / ".newslint_cache").rglob("*.json"))
    assert len(entries) == 1 and (project.root / ".newslint_cache" / ".gitignore").is_file()
    assert lint(pm, article) == first and len(calls) == 1
    article.write_text(FAULTY + "\nMore copy.\n", encoding="utf-8")
    lint(pm, article)
    assert len(calls) == 2  # new content, new key


def test_configuration_changes_invalidate(pm, project, calls):
    cache.register(pm)
    article = project.write("fire.txt", FAULTY)
    assert ("ST001", 38) in lint(pm, article)
    project.config('[rules.ST001]\nallow = ["the"]\n')
    assert ("ST001", 38) not in lint(pm, article)  # not the cached answer
    project.config('[severity]\nST001 = "error"\n')
    lint(pm, article)
    assert len(calls) == 3


def test_edits_to_a_house_word_list_invalidate(pm, project):
    cache.register(pm)
    project.config('[rules.SP101]\ndictionaries = ["words.txt"]\n')
    words = project.write("words.txt", "fursuit\n")
    article = project.write("budget.txt", "Council budget\n\nThe budgget was passed.\n")

    def misspelled() -> list[str]:
        session = Session(pm, Options(select=["SP101"]))
        (result,) = session.run([str(article)])
        return [result.document.source[v.span.start:v.span.end] for v in result.violations]

    assert misspelled() == ["budgget"]
    words.write_text("fursuit\nbudgget\n", encoding="utf-8")  # the house accepts the word
    assert misspelled() == []  # not the cached answer


def test_a_file_where_the_cache_folder_goes_is_no_cache(pm, project, calls):
    cache.register(pm)
    project.write(".newslint_cache", "not a folder")
    article = project.write("fire.txt", FAULTY)
    first = lint(pm, article)
    assert {code for code, _ in first} == {"ST001", "ST002"}  # no internal error
    assert lint(pm, article) == first and len(calls) == 2


def test_cache_dir_key_and_corrupt_entries(pm, project, calls):
    cache.register(pm)
    project.config('cache-dir = "build/lint-cache"\n')
    article = project.write("fire.txt", FAULTY)
    first = lint(pm, article)
    (entry,) = (project.root / "build" / "lint-cache").rglob("*.json")
    entry.write_text("{broken", encoding="utf-8")
    assert lint(pm, article) == first and len(calls) == 2  # a bad entry is a miss
    assert not (project.root / ".newslint_cache").exists()


@pytest.mark.parametrize("entry", [
    '[["ST001", "r", "m", 2, "x", "y", []]]',  # offsets that are not numbers crashed the report
    '[["ST001", "r", "m", 2, 900, 950, []]]',  # past the end of the article
    '[["ST001", "r", "m", 2, 38, 45, [[5, 38, 45, true, null]]]]',  # a replacement not text
    '[["ST001", "r", "m", 2, 38, 45, [["x", 38, 45, "yes", null]]]]',  # applied by --fix
    '[["ST001", "r", "m", 2, 45, 38, []]]',
    '{"ST001": 1}',
])
def test_an_entry_newslint_did_not_write_is_a_miss(pm, project, calls, entry):
    cache.register(pm)
    article = project.write("fire.txt", FAULTY)
    first = lint(pm, article)
    (path,) = (project.root / cache.DEFAULT_DIR).rglob("*.json")
    path.write_text(entry, encoding="utf-8")  # a cache folder restored from another build
    assert lint(pm, article) == first and len(calls) == 2


def test_library_callers_and_no_cache_write_nothing(pm, project, run_cli):
    article = project.write("fire.txt", FAULTY)
    lint(pm, article)  # the cache plugin is not registered: no disk writes
    assert not (project.root / ".newslint_cache").exists()
    assert run_cli("check", "--no-cache", "fire.txt")[0] == 1
    assert not (project.root / ".newslint_cache").exists()
    assert run_cli("check", "fire.txt")[0] == 1
    assert (project.root / ".newslint_cache").is_dir()


def test_internal_errors_are_not_cached(pm, project, monkeypatch):
    cache.register(pm)

    def crash(self, document):
        raise RuntimeError("boom")

    monkeypatch.setattr(RepeatedWord, "check", crash)
    lint(pm, project.write("fire.txt", FAULTY))
    assert not list(project.root.rglob("*.json"))


def test_a_result_a_rule_marks_not_stored_is_not_cached(pm, project, calls, monkeypatch):
    # a rule whose outside service could not check the document (LanguageTool down): its
    # "did not check" finding, kept, was the answer for the file until it changed
    cache.register(pm)
    original = RepeatedWord.check

    def offline(self, document):
        document.meta[cache.NOT_STORED] = True
        return original(self, document)

    monkeypatch.setattr(RepeatedWord, "check", offline)
    article = project.write("fire.txt", FAULTY)
    lint(pm, article)
    assert not list(project.root.rglob("*.json"))
    lint(pm, article)
    assert len(calls) == 2


def test_rules_defined_at_run_time_do_not_share_entries():
    from newslint.rule import Rule

    def made(pattern: str) -> Rule:
        cls = type("CustomRule", (Rule,), {"code": "XY001", "name": "x", "pattern": pattern})
        return cls()

    assert cache.rules_fingerprint([made("colour")]) != cache.rules_fingerprint([made("color")])


def test_old_entries_are_pruned_once_a_day_and_hits_keep_theirs(pm, project, calls, tmp_path):
    cache.register(pm)
    article = project.write("fire.txt", FAULTY)
    lint(pm, article)
    folder = project.root / cache.DEFAULT_DIR
    (entry,) = folder.rglob("*.json")
    stale = entry.parent / "ffff.json"
    stale.write_text("[]", encoding="utf-8")
    old_format = folder / "v0" / "ab"
    old_format.mkdir(parents=True)
    (old_format / "cd.json").write_text("[]", encoding="utf-8")
    month_ago = time.time() - (cache.MAX_AGE_DAYS + 1) * 86400
    week_ago = time.time() - 7 * 86400
    os.utime(stale, (month_ago, month_ago))
    os.utime(entry, (week_ago, week_ago))
    cache._pruned.clear()
    assert lint(pm, article) and len(calls) == 1  # a hit, and it refreshes its entry
    assert entry.stat().st_mtime > week_ago
    assert not stale.exists() and not (folder / "v0").exists()
    stale.write_text("[]", encoding="utf-8")
    os.utime(stale, (month_ago, month_ago))
    assert cache.prune(folder) == 0 and stale.exists()  # pruned less than a day ago
    assert cache.prune(folder, now=time.time() + cache.PRUNE_EVERY + 1) == 1


def test_pruning_leaves_a_shared_folder_alone(pm, project):
    cache.register(pm)
    project.config('cache-dir = "."\n')  # the project folder itself: never newslint's own
    article = project.write("fire.txt", FAULTY)
    (project.root / "src").mkdir()
    lint(pm, article)
    cache._pruned.clear()
    assert cache.prune(project.root, now=time.time() + 10 * cache.PRUNE_EVERY) == 0
    assert (project.root / "src").is_dir() and article.is_file()


HOUSE_PLUGIN = '''
from newslint import Rule, Severity, hookimpl


class Kilometres(Rule):
    """Flags "kms"."""

    code = "HS001"
    name = "plural-unit"
    severity = Severity.WARNING

    def check(self, document):
        for sentence in document.sentences:
            for token in sentence.tokens:
                if token.text == "kms":
                    yield self.violation(token.span, "kms")


@hookimpl
def newslint_register_rules():
    return [Kilometres]
'''


def test_a_local_plugin_does_not_turn_every_run_into_a_miss(project, run_cli):
    project.config('select = ["ST", "HS"]\nplugins = ["house.py"]\n')
    project.write("house.py", HOUSE_PLUGIN)
    project.write("fire.txt", FAULTY)
    for _ in range(2):
        assert run_cli("check", "fire.txt", env={"PYTHONHASHSEED": "random"})[0] == 1
    # one entry: the second run was a hit (its rules' module had a new name every run)
    assert len(list((project.root / cache.DEFAULT_DIR).rglob("*.json"))) == 1


@pytest.mark.parametrize("lazily", [False, True])
def test_edits_to_a_module_a_local_plugin_imports_invalidate(project, run_cli, lazily):
    project.config('select = ["HS"]\nplugins = ["house.py"]\n')
    helper = project.write("house_words.py", 'BAD = "kms"\n')
    plugin = HOUSE_PLUGIN.replace('== "kms"', "== house_words.BAD")
    if lazily:  # imported as the rule first runs, after the cache key was made
        plugin = plugin.replace("    def check(self, document):\n",
                                "    def check(self, document):\n        import house_words\n")
    # the console script does not put the plugin's folder on sys.path
    project.write("house.py", "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
                  f"{'' if lazily else 'import house_words'}\n{plugin}")
    project.write("convoy.txt", "Convoy moves\n\nThe convoy drove 40 kms and 30 miles.\n")
    assert run_cli("check", "convoy.txt")[1].startswith("convoy.txt:3:21: HS001")
    helper.write_text('BAD = "miles"\n', encoding="utf-8")
    assert run_cli("check", "convoy.txt")[1].startswith("convoy.txt:3:32: HS001")


@pytest.mark.parametrize("name", ["spelling/news.model", "spelling/misspellings.tsv.gz",
                                  "headlines/stem-df.tsv.gz"])
def test_the_packaged_data_rules_read_is_in_the_key(name):
    data = Path(cache.__file__).parent / "data" / name
    before = data.stat()
    cache.environment_fingerprint.cache_clear()
    first = cache.environment_fingerprint()
    try:
        os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))  # rebuilt
        cache.environment_fingerprint.cache_clear()
        assert cache.environment_fingerprint() != first
    finally:
        os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
        cache.environment_fingerprint.cache_clear()


def test_custom_rules_edited_in_the_configuration_do_not_share_entries():
    # a [[rules.custom]]'s patterns are compiled, not plain data: editing its swap kept the
    # old findings until the cache was cleared
    from newslint.declarative.loader import make_rule

    def made(swap: dict[str, str]) -> object:
        return make_rule({"code": "NYT001", "type": "substitution", "swap": swap})()

    assert cache.rules_fingerprint([made({"summit": "meeting"})]) != \
        cache.rules_fingerprint([made({"Nato": "Nato alliance"})])


@pytest.mark.parametrize("setting",
                         ["House.Slam = error", "House.Slam = NO", "MinAlertLevel = error"])
def test_vale_rules_do_not_share_entries_across_vale_ini_settings(tmp_path, setting):
    # a rule's level per glob and MinAlertLevel live in the .vale.ini, not in the rule's YAML:
    # House.Slam = error there still reported a warning, from the cache
    from newslint.declarative.vale import load_vale

    (tmp_path / "House").mkdir()
    (tmp_path / "House" / "Slam.yml").write_text(
        "extends: existence\nmessage: 'Avoid %s.'\nlevel: warning\ntokens:\n  - slammed\n",
        encoding="utf-8")
    ini = tmp_path / ".vale.ini"

    def fingerprint(extra: str) -> str:
        top, section = (extra, "") if extra.startswith("Min") else ("", extra)
        ini.write_text(f"StylesPath = .\n{top}\n[*.md]\nBasedOnStyles = House\n{section}\n"
                       "[*.txt]\nBasedOnStyles = House\n", encoding="utf-8")
        return cache.rules_fingerprint([rule() for rule in load_vale(ini).rules.values()])

    assert fingerprint(setting) != fingerprint("")
