"""The plugin against the LanguageTool stand-in, through the real language-tool-python client:
mapping, offsets in Markdown and around emoji, selection, caching, batching, deduplication and
every fault."""

from __future__ import annotations

import re
import shutil
import time
import types

import pytest
from newslint_languagetool import checker
from newslint_languagetool.client import api_base

from newslint import Severity
from newslint.config import Config, ConfigError
from newslint.violation import INTERNAL_ERROR


def found(result) -> list[tuple[str, str]]:
    """``(code, marked source text)`` of each violation."""
    source = result.document.source
    return [(v.code, source[v.span.start:v.span.end]) for v in result.violations]


# ---- mapping ------------------------------------------------------------------------------


def test_a_match_becomes_a_violation(lint, fake_lt):
    result = lint("The mayor bought a apple.\n", "story.txt", server=fake_lt.url)
    [v] = result.violations
    assert v.code == "LT:EN_A_VS_AN"
    assert v.rule == "misc"  # LanguageTool's category, as the fault's name
    assert v.message.startswith('Use "an" instead of "a"')
    assert v.severity is Severity.ERROR  # issueType "misspelling"
    assert [s.replacement for s in v.suggestions] == ["an"]
    assert not v.suggestions[0].safe  # a person decides
    assert found(result) == [("LT:EN_A_VS_AN", "a")]
    assert result.document.position(v.span.start).column == 18


def test_severity_follows_the_issue_type_and_configuration_wins(lint, fake_lt):
    text = "We utilize a apple.\n"
    by_code = {v.code: v.severity for v in lint(text, "s.txt", server=fake_lt.url).violations}
    assert by_code == {"LT:UTILIZE_USE": Severity.INFO, "LT:EN_A_VS_AN": Severity.ERROR}
    config = {"severity": {"LT": "warning", "LT:UTILIZE_USE": "error"}}
    result = lint(text, "s.txt", config=config, server=fake_lt.url)
    assert {v.code: v.severity for v in result.violations} == {
        "LT:UTILIZE_USE": Severity.ERROR, "LT:EN_A_VS_AN": Severity.WARNING}


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"select": ["LT"], "ignore": ["LT:EN_A_VS_AN"]}, ["LT:UTILIZE_USE"]),
        ({"select": ["LT:EN_A_VS_AN"]}, ["LT:EN_A_VS_AN"]),
        ({"select": ["ST"], "extend-select": ["LT:UTILIZE_USE"]}, ["LT:UTILIZE_USE"]),
        ({"select": ["ST"]}, []),
    ],
)
def test_selection_by_prefix_or_full_code(lint, fake_lt, config, expected):
    result = lint("We utilize a apple.\n", "s.txt", select=config.pop("select"), config=config,
                  server=fake_lt.url)
    assert [v.code for v in result.violations] == expected
    assert bool(fake_lt.checks) == bool(expected)  # nothing is sent when LT is not selected


def test_inline_suppression_of_one_languagetool_code(lint, fake_lt):
    text = "<!-- newslint-disable-next-line LT:EN_A_VS_AN -->\nWe utilize a apple.\n"
    result = lint(text, server=fake_lt.url)
    assert [v.code for v in result.violations] == ["LT:UTILIZE_USE"]


def test_options_reach_the_server(lint, fake_lt):
    lint("Text here.\n", "s.txt", server=fake_lt.url, language="en-GB", picky=True,
         enabled_rules=["EN_X"], disabled_rules=["EN_Y", "EN_Z"], enabled_categories=["STYLE"],
         disabled_categories=["CASING"])
    [params] = fake_lt.checks
    assert params["language"] == "en-GB"
    assert params["level"] == "picky"
    assert params["enabledRules"] == "EN_X"
    assert params["disabledRules"] == "EN_Y,EN_Z"
    assert params["enabledCategories"] == "STYLE"
    assert params["disabledCategories"] == "CASING,TYPOS"  # spelling stays off


def test_language_defaults_to_the_article_locale(lint, fake_lt):
    lint("Text here.\n", "s.txt", config={"locale": "en-GB"}, server=fake_lt.url)
    assert fake_lt.checks[0]["language"] == "en-GB"


def test_oxford_spelling_is_checked_as_british_english(lint, fake_lt):
    # LanguageTool has no Oxford variant: its English ones are a language and a region
    lint("Text here.\n", "s.txt", config={"locale": "en-GB-oxendict"}, server=fake_lt.url)
    assert fake_lt.checks[0]["language"] == "en-GB"


def test_unknown_option_is_a_configuration_error(pm):
    cfg = Config.from_dict({"plugins": {"languagetool": {"sever": "http://x"}}})
    expected = "unknown key 'sever' in [plugins.languagetool]; did you mean 'server'"
    with pytest.raises(ConfigError, match=re.escape(expected)):
        cfg.validate_codes(pm.registry.rules, pm.registry.options_of, pm.schema)


@pytest.mark.parametrize(("key", "value"), [("timeout", 0), ("timeout", -1),
                                             ("max-request-chars", 0)])
def test_a_value_the_plugin_cannot_use_is_a_configuration_error(pm, key, value):
    # timeout = 0 (often "no limit") was "the server does not support language 'en-US'" on
    # every file, from requests' refusal of a timeout of 0
    cfg = Config.from_dict({"plugins": {"languagetool": {key: value}}})
    with pytest.raises(ConfigError, match=re.escape(f"'plugins.languagetool.{key}' must be a "
                                                    "positive number")):
        cfg.validate_codes(pm.registry.rules, pm.registry.options_of, pm.schema)


# ---- what is sent, and where matches land -------------------------------------------------

MARKDOWN = """\
---
title: A apple a day
summary: a apple in the front matter
---

# Council buys a apple

Some *emphasis*, a [link](https://example.com/a-apple) and `a apple` code, then a apple.

```
a apple in a code block
```

> 😀 They bought a apple.
"""


def test_markdown_offsets_map_back_to_the_source(lint, fake_lt):
    result = lint(MARKDOWN, server=fake_lt.url)
    lines = MARKDOWN.splitlines()
    positions = [result.document.position(v.span.start) for v in result.violations]
    where = [(p.line, p.column) for p in positions]
    assert found(result) == [("LT:EN_A_VS_AN", "a")] * 3
    assert [lines[line - 1][column - 1:column + 7] for line, column in where] == [
        "a apple", "a apple.", "a apple."]
    assert [line for line, _ in where] == [6, 8, 14]
    # the emoji is two UTF-16 units to LanguageTool and one character here
    assert where[2] == (14, lines[13].index("a apple") + 1)


def test_front_matter_markup_and_code_are_never_sent(lint, fake_lt):
    lint(MARKDOWN, server=fake_lt.url)
    sent = "\n".join(fake_lt.texts)
    assert "front matter" not in sent and "code block" not in sent
    assert "A apple a day" not in sent  # the headline taken from front matter is front matter
    assert "*" not in sent and "https://" not in sent and "`" not in sent
    assert "Some emphasis, a link and" in sent


def test_an_emoji_before_a_match_in_plain_text(lint, fake_lt):
    text = "😀😀 Fans 🎉 bought a apple.\n"
    result = lint(text, "s.txt", server=fake_lt.url)
    assert found(result) == [("LT:EN_A_VS_AN", "a")]
    assert result.violations[0].span.start == text.index("a apple")


# ---- caching and batching -----------------------------------------------------------------

STORY = "First a apple.\n\nSecond paragraph.\n\nThird a apple too.\n"


def test_paragraphs_are_batched_and_only_changed_ones_are_sent_again(lint, fake_lt):
    first = lint(STORY, "s.txt", server=fake_lt.url)
    assert len(fake_lt.checks) == 1  # one request for the three paragraphs
    again = lint(STORY, "s.txt", server=fake_lt.url)
    assert len(fake_lt.checks) == 1  # all from the cache
    assert found(again) == found(first)
    edited = STORY.replace("Second paragraph.", "Second a edit.")
    result = lint(edited, "s.txt", server=fake_lt.url)
    assert fake_lt.texts[1:] == ["Second a edit."]
    assert [s for _, s in found(result)] == ["a", "a", "a"]
    assert result.violations[1].span.start == edited.index("a edit")


def test_a_settings_change_is_a_cache_miss(lint, fake_lt):
    lint(STORY, "s.txt", server=fake_lt.url)
    lint(STORY, "s.txt", server=fake_lt.url, picky=True)
    assert len(fake_lt.checks) == 2


def test_requests_stay_under_the_size_limit(lint, fake_lt):
    story = "\n\n".join(f"Paragraph {i} has a apple." for i in range(6)) + "\n"
    result = lint(story, "s.txt", server=fake_lt.url, max_request_chars=60)
    assert len(fake_lt.checks) == 3
    assert all(len(t) <= 60 for t in fake_lt.texts)
    assert len(result.violations) == 6


def test_a_server_limit_named_in_a_413_is_learned(lint, fake_lt):
    fake_lt.max_length = 60
    story = "\n\n".join(f"Paragraph {i} has a apple." for i in range(6)) + "\n"
    result = lint(story, "s.txt", server=fake_lt.url)
    assert len(result.violations) == 6
    refused = [t for t in fake_lt.texts if len(t) > 60]
    assert len(refused) == 1  # once; then every request fits
    lint(story.replace("Paragraph", "Para"), "s.txt", server=fake_lt.url)
    assert all(len(t) <= 60 for t in fake_lt.texts[len(refused) + 3:])


def test_a_proxy_413_naming_no_limit_splits_the_batch_until_it_fits(lint, fake_lt):
    fake_lt.proxy_limit = 60
    story = "\n\n".join(f"Paragraph {i} has a apple." for i in range(6)) + "\n"
    result = lint(story, "s.txt", server=fake_lt.url)
    assert [v.code for v in result.violations] == ["LT:EN_A_VS_AN"] * 6
    refused = [len(t) for t in fake_lt.texts if len(t) > 60]
    assert refused
    # what was refused is not asked again: the next file's requests are all shorter
    sent = len(fake_lt.texts)
    again = lint(story.replace("Paragraph", "Paragraph number"), "s.txt", server=fake_lt.url)
    assert len(again.violations) == 6
    assert all(len(t) < min(refused) for t in fake_lt.texts[sent:])


def test_a_long_article_behind_a_proxy_is_checked_in_a_few_refusals(lint, fake_lt):
    # each refusal took the limit one character lower and the batch again, one paragraph less
    # a time and one call deeper: 600 paragraphs ended in RecursionError, an internal error
    fake_lt.proxy_limit = 1000
    story = "\n\n".join(f"Paragraph {i} has a apple." for i in range(600)) + "\n"
    result = lint(story, "s.txt", server=fake_lt.url)
    assert [v.code for v in result.violations] == ["LT:EN_A_VS_AN"] * 600
    assert len([t for t in fake_lt.texts if len(t) > 1000]) <= 6


def test_a_paragraph_a_proxy_refuses_alone_is_an_error_naming_it(lint, fake_lt):
    fake_lt.proxy_limit = 10
    [v] = lint("This paragraph is too long.\n", "s.txt", server=fake_lt.url).violations
    assert v.code == INTERNAL_ERROR
    assert "413" in v.message and "a paragraph of 27 characters" in v.message


def test_a_paragraph_over_the_server_limit_is_an_error_naming_it(lint, fake_lt):
    fake_lt.max_length = 10
    [v] = lint("This paragraph is too long.\n", "s.txt", server=fake_lt.url).violations
    assert v.code == INTERNAL_ERROR
    assert "limit of 10 characters" in v.message and "maxTextLength" in v.message


# ---- spelling and deduplication -----------------------------------------------------------


def test_spelling_is_off_by_default_even_when_the_server_runs_it(lint, fake_lt):
    fake_lt.mode = "spelling-always"
    assert lint("Hello wrold.\n", "s.txt", server=fake_lt.url).violations == []
    result = lint("Hello wrold.\n", "s.txt", server=fake_lt.url, spelling=True)
    assert found(result) == [("LT:MORFOLOGIK_RULE_EN_US", "wrold")]


def test_a_fault_newslint_reports_too_is_reported_once(lint, fake_lt):
    text = "Council meets\n\nThe council met on the the Monday.\n"
    result = lint(text, "s.txt", select=["LT", "ST001"], server=fake_lt.url)
    assert [v.code for v in result.violations] == ["ST001"]
    alone = lint(text, "s.txt", select=["LT"], server=fake_lt.url)
    assert [v.code for v in alone.violations] == ["LT:ENGLISH_WORD_REPEAT_RULE"]


def test_languagetool_spelling_yields_to_newslint_spelling(lint, fake_lt):
    result = lint("Mayor speaks\n\nHello wrold, said the mayor.\n", "s.txt", select=["LT", "SP101"],
                  server=fake_lt.url, spelling=True)
    codes = [v.code for v in result.violations]
    assert "SP101" in codes and "LT:MORFOLOGIK_RULE_EN_US" not in codes


# ---- faults -------------------------------------------------------------------------------


def error_of(result) -> str:
    [v] = [v for v in result.violations if v.code == INTERNAL_ERROR]
    assert v.severity is Severity.ERROR
    assert "\n" not in v.message
    return v.message


def test_incomplete_results_are_a_warning_for_the_file(lint, fake_lt):
    fake_lt.mode = "incomplete"
    result = lint("We bought a apple.\n", "s.txt", server=fake_lt.url)
    codes = {v.code: v for v in result.violations}
    assert set(codes) == {"LT", "LT:EN_A_VS_AN"}
    assert codes["LT"].severity is Severity.WARNING
    assert "incomplete" in codes["LT"].message
    lint("We bought a apple.\n", "s.txt", server=fake_lt.url)
    assert len(fake_lt.checks) == 2  # an incomplete answer is not cached


def test_rate_limit_names_the_limit(lint, fake_lt):
    fake_lt.mode = "ratelimit"
    message = error_of(lint("Text.\n", "s.txt", server=fake_lt.url))
    assert "rate limit exceeded (HTTP 426" in message
    assert "20 requests per 60 seconds" in message


def test_no_server(lint, dead_url):
    message = error_of(lint("Text.\n", "s.txt", server=dead_url))
    assert f"no LanguageTool server answers at {dead_url}" in message
    assert "fix `server`" in message


def test_a_server_that_times_out(lint, fake_lt):
    fake_lt.mode = "slow"
    message = error_of(lint("Text.\n", "s.txt", server=fake_lt.url, timeout=1))
    assert "did not answer /v2/check within 1 s" in message and "raise `timeout`" in message


@pytest.mark.parametrize(("mode", "words"), [
    ("garbage", "/v2/check answer that is not LanguageTool's"),
    ("wrong-json", "/v2/check answer that is not LanguageTool's"),
    ("languages-garbage", "does not speak LanguageTool's API (its /v2/languages answer"),
])
def test_a_server_that_answers_garbage(lint, fake_lt, mode, words):
    fake_lt.mode = mode
    message = error_of(lint("Text.\n", "s.txt", server=fake_lt.url))
    assert words in message and "check `server`" in message


@pytest.mark.parametrize("path", ["/", "/v2", "/v2/"])
def test_a_server_url_may_end_in_a_slash_or_the_api_path(lint, fake_lt, path):
    # LanguageTool's documentation gives its API's address with /v2 (https://api.languagetool.org/v2/)
    result = lint("The mayor bought a apple.\n", "s.txt", server=fake_lt.url + path)
    assert found(result) == [("LT:EN_A_VS_AN", "a")]


@pytest.mark.parametrize(("server", "base"), [
    ("http://lt.example:8081", "http://lt.example:8081/"),
    ("https://api.languagetool.org/v2/", "https://api.languagetool.org/"),
    ("https://tools.example/languagetool", "https://tools.example/languagetool/"),
])
def test_the_api_base_keeps_a_proxy_path(server, base):
    assert api_base(server) == base


def test_an_unsupported_language(lint, fake_lt):
    message = error_of(lint("Text.\n", "s.txt", server=fake_lt.url, language="xx-YY"))
    assert "does not support language 'xx-YY'" in message and "set `language`" in message


def test_no_java(lint, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no java on it
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    message = error_of(lint("Text.\n", "s.txt"))
    assert "Java was not found" in message
    assert "install Java 17 or later, or set `server`" in message


@pytest.mark.skipif(not shutil.which("java"), reason="needs Java on PATH")
def test_java_but_no_languagetool_install(lint, tmp_path, monkeypatch):
    # an offline machine: LTP_JAR_DIR_PATH names a folder without LanguageTool in it
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "downloads"))
    (tmp_path / "empty").mkdir()
    message = error_of(lint("Text.\n", "s.txt"))
    assert "the local LanguageTool server could not start" in message
    assert "set LTP_JAR_DIR_PATH to an unpacked LanguageTool, or set `server`" in message


def test_a_fault_is_reported_once_per_file_and_the_server_is_not_retried(lint, fake_lt, pm):
    fake_lt.mode = "ratelimit"
    first = lint("One.\n", "a.txt", server=fake_lt.url)
    second = lint("Two.\n", "b.txt", server=fake_lt.url)
    assert error_of(first) == error_of(second)
    assert len(fake_lt.checks) == 1


def test_a_server_that_failed_is_asked_again_a_minute_later(lint, fake_lt, monkeypatch):
    # the language server's run lasts as long as the editor: LanguageTool started after it,
    # or a rate limit that has passed, was never tried again
    fake_lt.mode = "ratelimit"
    assert error_of(lint("One.\n", "a.txt", server=fake_lt.url))
    fake_lt.mode = "ok"
    now = time.monotonic()
    # the checker's clock alone: the rule deadline and the HTTP timeouts keep theirs
    later = types.SimpleNamespace(monotonic=lambda: now + checker.RETRY_AFTER + 1)
    monkeypatch.setattr(checker, "time", later)
    result = lint("We bought a apple.\n", "a.txt", server=fake_lt.url)
    assert found(result) == [("LT:EN_A_VS_AN", "a")]
    assert len(fake_lt.checks) == 2


def test_other_rules_still_report(lint, dead_url):
    result = lint("Council meets\n\nThe the council met.\n", "s.txt", select=["LT", "ST001"],
                  server=dead_url)
    assert sorted(v.code for v in result.violations) == ["ST001", INTERNAL_ERROR]


def test_fail_on_unavailable_false_reports_info(lint, dead_url):
    result = lint("Text.\n", "s.txt", server=dead_url, fail_on_unavailable=False)
    [v] = result.violations
    assert (v.code, v.severity) == ("LT", Severity.INFO)
    assert "no LanguageTool server answers" in v.message
