"""End-to-end tests of ``newslint lsp``: a real client drives the real server process over stdio.

Crafted documents live in the ``project`` folder, whose configuration selects the ST family only,
so rule families that arrive later cannot change what these tests see; the seed article is checked
against the engine run in this process instead.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from newslint.config import Config
from newslint.engine import lint_text
from newslint.lsp import FIX_ALL_KIND
from newslint.manager import get_plugin_manager
from tests.lsp.lspclient import TIMEOUT, Client, range_text
from tests.shared import SEED

ARTICLE = (
    "# Ferry service returns to the island\n"
    "\n"
    "The 🎉 ferry sailed to the the  harbour on Monday.\n"
    "\n"
    "Officials said the  service would run daily.\n"
)
"""ST001 ("the the") and ST002 (two spaces) on line 2, after an emoji; ST002 again on line 4."""


def codes(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def only(diagnostics: list[lsp.Diagnostic], code: str) -> lsp.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, diagnostics
    return found[0]


def write_config(project: Any, toml: str) -> None:
    project.config('select = ["ST"]\n' + toml)


# ---- diagnostics and positions -------------------------------------------------------------


def test_diagnostics_on_open_with_utf16_ranges(run_server: Any, project: Any) -> None:
    uri = project.write("story.md", ARTICLE).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        assert init.capabilities.position_encoding == lsp.PositionEncodingKind.Utf16
        since = client.mark()
        client.open(uri, ARTICLE)
        found = await client.diagnostics(uri, since, version=1)
        assert codes(found) == ["ST001", "ST002", "ST002"], [d.message for d in found]
        repeated = only(found, "ST001")
        # the emoji is one character but two UTF-16 code units: "the the" starts at character 22
        assert repeated.range == lsp.Range(lsp.Position(2, 23), lsp.Position(2, 30))
        assert range_text(ARTICLE, repeated.range) == "the the"
        assert repeated.severity == lsp.DiagnosticSeverity.Warning
        assert repeated.source == "newslint"
        spaces = [d for d in found if d.code == "ST002"]
        assert [range_text(ARTICLE, d.range) for d in spaces] == ["  ", "  "]
        assert spaces[0].range.start == lsp.Position(2, 30)

    run_server(scenario)


def test_utf32_positions_when_the_client_offers_them(run_server: Any, project: Any) -> None:
    uri = project.write("story.md", ARTICLE).as_uri()
    caps = lsp.ClientCapabilities(general=lsp.GeneralClientCapabilities(
        position_encodings=[lsp.PositionEncodingKind.Utf32, lsp.PositionEncodingKind.Utf16]))

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        assert init.capabilities.position_encoding == lsp.PositionEncodingKind.Utf32
        since = client.mark()
        client.open(uri, ARTICLE)
        found = await client.diagnostics(uri, since)
        assert only(found, "ST001").range == lsp.Range(lsp.Position(2, 22), lsp.Position(2, 29))

    run_server(scenario, caps)


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not on this machine")
def test_seed_article_matches_the_engine(run_server: Any, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    folder = tmp_path / "seed"
    folder.mkdir()
    (folder / ".newslint.toml").write_text("# the defaults, and the search stops here\n")
    uri = (folder / "seed-article.txt").as_uri()
    expected = lint_text(get_plugin_manager(autoload=False), text, str(folder / "seed-article.txt"),
                         Config())
    assert expected.error is None
    lines = text.split("\n")

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text, language="plaintext")
        found = await client.diagnostics(uri, since)
        assert found, "the seed article has known faults"
        assert "internal-error" not in codes(found)
        for d in found:
            for pos in (d.range.start, d.range.end):
                assert 0 <= pos.line < len(lines)
                assert 0 <= pos.character <= len(lines[pos.line].encode("utf-16-le")) // 2
            assert (d.range.start.line, d.range.start.character) <= \
                (d.range.end.line, d.range.end.character)
        seen = sorted((str(d.code), d.range.start.line, d.range.start.character) for d in found)
        want = sorted((v.code, expected.document.position(v.span.start).line - 1,  # type: ignore[union-attr]
                       expected.document.position(v.span.start).column - 1)  # type: ignore[union-attr]
                      for v in expected.violations)
        assert seen == want

    run_server(scenario)


def test_incremental_changes_split_lines_as_lsp_does(run_server: Any, project: Any) -> None:
    # every character str.splitlines() breaks on and LSP does not, inside one paragraph
    text = ("# Ferry service returns to the island\n\n"
            "The ferry\u2028sailed\u2029to the\x0charbour\x85on\x0bMonday\x1cwith\x1dtwo\x1e"
            "crews.\n\nOfficials said the service would run daily.\n")
    uri = project.write("story.md", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        assert await client.diagnostics(uri, since) == []
        # an edit after the paragraph lands on the line the editor means
        since = client.mark()
        after_said = lsp.Position(4, len("Officials said the"))
        version = client.edit(uri, lsp.Range(after_said, after_said), " the")
        repeated = only(await client.diagnostics(uri, since, version), "ST001")
        assert range_text(client.texts[uri], repeated.range) == "the the"
        # and so does its quick fix, which the server computes from its own copy of the text
        [fix] = [a for a in await client.code_actions(uri, repeated.range) if a.is_preferred]
        assert fix.edit is not None
        since = client.mark()
        version = client.apply(uri, fix.edit)
        assert await client.diagnostics(uri, since, version) == []
        assert client.texts[uri] == text

    run_server(scenario)


def test_a_change_past_the_end_of_the_last_line_ends_at_the_line_end(
        run_server: Any, project: Any) -> None:
    # LSP: "If the character value is greater than the line length it defaults back to the line
    # length"; on a last line without a line break, the last character must go too
    text = "# Ferry service returns to the island\n\nThe 🎉 ferry sailed home"
    uri = project.write("story.md", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        assert await client.diagnostics(uri, since) == []
        since = client.mark()
        start = lsp.Position(2, len("The 🎉 ferry ") + 1)
        version = client.edit(uri, lsp.Range(start, lsp.Position(2, 999)), "sailed to the th")
        assert await client.diagnostics(uri, since, version) == []  # not "the the"
        since = client.mark()
        end = lsp.Position(2, len(client.texts[uri].split("\n")[2]) + 1)
        version = client.edit(uri, lsp.Range(end, end), "e")
        repeated = only(await client.diagnostics(uri, since, version), "ST001")
        assert range_text(client.texts[uri], repeated.range) == "the the"

    run_server(scenario)


# ---- code actions --------------------------------------------------------------------------


def test_quick_fix_removes_the_diagnostic(run_server: Any, project: Any) -> None:
    uri = project.write("story.md", ARTICLE).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, ARTICLE)
        repeated = only(await client.diagnostics(uri, since), "ST001")
        actions = await client.code_actions(uri, repeated.range)
        fixes = [a for a in actions if a.is_preferred]
        assert [a.title for a in fixes] == ['Remove the repeated "the"']
        assert fixes[0].kind == lsp.CodeActionKind.QuickFix
        assert list(fixes[0].diagnostics or []) == [repeated]
        assert "Disable ST001 for this line" in [a.title for a in actions]
        since = client.mark()
        assert fixes[0].edit is not None
        version = client.apply(uri, fixes[0].edit)
        after = await client.diagnostics(uri, since, version=version)
        assert codes(after) == ["ST002", "ST002"]
        assert "sailed to the  harbour" in client.texts[uri]

    run_server(scenario)


def test_disable_for_this_line_in_markdown_and_text(run_server: Any, project: Any) -> None:
    md = project.write("story.md", ARTICLE).as_uri()
    txt = project.write("story.txt", ARTICLE).as_uri()

    async def disable(client: Client, uri: str, code: str) -> list[lsp.Diagnostic]:
        since = client.mark()
        client.replace(uri, client.texts[uri])  # ask for fresh diagnostics of the current text
        found = await client.diagnostics(uri, since, client.versions[uri])
        lines = client.texts[uri].split("\n")
        [diagnostic] = [d for d in found
                        if d.code == code and "ferry" in lines[d.range.start.line]]
        actions = await client.code_actions(uri, diagnostic.range)
        action = next(a for a in actions if a.title == f"Disable {code} for this line")
        assert action.edit is not None
        since = client.mark()
        version = client.apply(uri, action.edit)
        return await client.diagnostics(uri, since, version=version)

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        client.open(md, ARTICLE)
        assert codes(await disable(client, md, "ST001")) == ["ST002", "ST002"]
        assert "<!-- newslint-disable-next-line ST001 -->\nThe 🎉 ferry" in client.texts[md]
        # a second code joins the directive already there instead of pushing it off its line
        assert codes(await disable(client, md, "ST002")) == ["ST002"]
        assert "<!-- newslint-disable-next-line ST001 ST002 -->\nThe 🎉" in client.texts[md]

        client.open(txt, ARTICLE, language="plaintext")
        assert codes(await disable(client, txt, "ST001")) == ["ST002", "ST002"]
        assert "\nnewslint: disable-next-line ST001\nThe 🎉 ferry" in client.texts[txt]

    run_server(scenario)


def test_disable_inside_a_markdown_paragraph_keeps_it_whole(run_server: Any,
                                                           project: Any) -> None:
    # the directive went on a line of its own between two lines of one paragraph (or quote),
    # where an HTML comment ends the paragraph: the article showed two paragraphs
    text = ("# Ferry service returns to the island\n\nThe ferry sailed on Monday,  \n"
            "and the the harbour was full.\n\n> Officials said it\n> would run the the day.\n")
    uri = project.write("story.md", text).as_uri()
    edited: list[str] = []

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        for line in (3, 6):
            found = await client.diagnostics(uri, since, client.versions[uri])
            [diagnostic] = [d for d in found if d.code == "ST001" and d.range.start.line == line]
            actions = await client.code_actions(uri, diagnostic.range)
            action = next(a for a in actions if a.title == "Disable ST001 for this line")
            assert action.edit is not None
            since = client.mark()
            client.apply(uri, action.edit)
        assert await client.diagnostics(uri, since, client.versions[uri]) == []
        assert client.texts[uri] == text.replace(
            "Monday,  \n", "Monday, <!-- newslint-disable-next-line ST001 -->  \n").replace(
            "said it\n", "said it <!-- newslint-disable-next-line ST001 -->\n")
        edited.append(client.texts[uri])

    run_server(scenario)
    # the paragraph and the quote are as they were: one each
    document = lint_text(get_plugin_manager(), edited[0], "story.md").document
    assert document is not None
    assert [b.kind for b in document.blocks] == ["paragraph", "blockquote"]


def test_disable_inside_a_heading_of_two_lines_keeps_it_whole(run_server: Any,
                                                             project: Any) -> None:
    # the directive went on a line of its own inside a heading underlined with "===" or "---",
    # which made its first line a paragraph and the heading only its second line
    text = ("Ferry service returns to\nthe islnad after storms\n===\n\n"
            "The ferry sailed on Monday.\n\nIt sails again\nthe the next day\n---\n\nMore.\n")
    project.config('select = ["ST001", "SP101"]\n')  # ST rules leave the headline alone
    uri = project.write("story.md", text).as_uri()
    edited: list[str] = []

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        for code in ("SP101", "ST001"):
            found = await client.diagnostics(uri, since, client.versions[uri])
            [diagnostic] = [d for d in found if d.code == code]
            actions = await client.code_actions(uri, diagnostic.range)
            action = next(a for a in actions if a.title == f"Disable {code} for this line")
            assert action.edit is not None
            since = client.mark()
            client.apply(uri, action.edit)
        assert await client.diagnostics(uri, since, client.versions[uri]) == []
        edited.append(client.texts[uri])

    run_server(scenario)
    assert edited == [
        text.replace("to\n", "to <!-- newslint-disable-next-line SP101 -->\n").replace(
            "again\n", "again <!-- newslint-disable-next-line ST001 -->\n")
    ]
    document = lint_text(get_plugin_manager(), edited[0], "story.md").document
    assert document is not None and document.headline is not None
    headline = "Ferry service returns to the islnad after storms"
    assert document.headline.text.split() == headline.split()
    assert [(b.kind, b.text.split()) for b in document.blocks] == [
        ("paragraph", "The ferry sailed on Monday.".split()),
        ("heading", "It sails again the the next day".split()),
        ("paragraph", ["More."]),
    ]


def test_no_disable_action_inside_front_matter(run_server: Any, project: Any) -> None:
    # the comment went into the YAML, which then did not parse: the whole document became one
    # "could not read" error; no comment there can turn a finding off
    project.config('select = ["ST", "HL"]\n')
    text = ("---\ntitle: Ferry service returns to the island.\n---\n\n"
            "The ferry sailed to the the harbour on Monday.\n")
    uri = project.write("story.md", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        found = await client.diagnostics(uri, since)
        titles = [a.title for a in await client.code_actions(uri, only(found, "HL204").range)]
        assert titles == ["Remove the full stop", "Fix all safe fixes in this document (2)"]
        titles = [a.title for a in await client.code_actions(uri, only(found, "ST001").range)]
        assert "Disable ST001 for this line" in titles

    run_server(scenario)


def test_no_disable_action_on_a_finding_about_the_whole_article(run_server: Any,
                                                                project: Any) -> None:
    # "no headline" is at 0:0, on the opening fence: the comment went above it, and the front
    # matter was then no front matter; without front matter, a comment there does not move the
    # finding off the start, where no directive reaches, and stayed behind as an unused one
    project.config('select = ["ST", "HL"]\n')
    body = "The ferry sailed to the the harbour on Monday.\n"
    texts = {
        "yaml.md": "---\nauthor: Jane Doe\n---\n\n" + body,
        "toml.md": '+++\nauthor = "Jane Doe"\n+++\n\n' + body,
        "marked.md": "\ufeff---\r\nauthor: Jane Doe\r\n---\r\n\r\n" + body,
        "plain.md": body,
        "page.html": f"<html><body><p>{body}</p></body></html>\n",
    }

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        for name, text in texts.items():
            uri = project.write(name, text).as_uri()
            since = client.mark()
            client.open(uri, text, language="html" if name.endswith(".html") else "markdown")
            found = await client.diagnostics(uri, since)
            assert codes(found) == ["HL201", "ST001"], (name, found)
            missing = only(found, "HL201")
            titles = [a.title for a in await client.code_actions(uri, missing.range)]
            assert titles == ["Fix all safe fixes in this document (1)"], name
            titles = [a.title for a in await client.code_actions(uri, only(found, "ST001").range)]
            assert "Disable ST001 for this line" in titles, name

    run_server(scenario)


def test_no_disable_action_inside_an_html_title(run_server: Any, project: Any) -> None:
    # the comment went inside <title>, whose content is text: the page's title then showed it
    project.config('select = ["ST", "HL"]\n')
    text = ("<html><head><title>\n  Ferry service returns to the island.\n</title></head>\n"
            "<body><p>The ferry sailed to the the harbour on Monday.</p></body></html>\n")
    uri = project.write("page.html", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text, language="html")
        found = await client.diagnostics(uri, since)
        titles = [a.title for a in await client.code_actions(uri, only(found, "HL204").range)]
        assert titles == ["Remove the full stop", "Fix all safe fixes in this document (2)"]
        titles = [a.title for a in await client.code_actions(uri, only(found, "ST001").range)]
        assert "Disable ST001 for this line" in titles
        # a title on the line it opens on takes the comment before it, in the page's head
        one_line = text.replace("<title>\n  ", "<title>").replace(".\n</title>", ".</title>")
        since = client.mark()
        version = client.replace(uri, one_line)
        stop = only(await client.diagnostics(uri, since, version), "HL204")
        actions = await client.code_actions(uri, stop.range)
        [disable] = [a for a in actions if a.title == "Disable HL204 for this line"]
        assert disable.edit is not None
        since = client.mark()
        version = client.apply(uri, disable.edit)
        assert codes(await client.diagnostics(uri, since, version)) == ["ST001"]
        assert client.texts[uri].startswith("<!-- newslint-disable-next-line HL204 -->\n<html>")

    run_server(scenario)


def test_fix_all_safe_fixes(run_server: Any, project: Any) -> None:
    text = ARTICLE + "\nThe  mayor said the the boat  was new and and  clean.\n"
    uri = project.write("story.md", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        before = await client.diagnostics(uri, since)
        assert len(before) == 8
        everywhere = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        actions = await client.code_actions(uri, everywhere, only=[lsp.CodeActionKind.SourceFixAll])
        assert [a.kind for a in actions] == [FIX_ALL_KIND]
        assert actions[0].title == "Fix all safe fixes in this document (8)"
        assert actions[0].edit is not None
        since = client.mark()
        version = client.apply(uri, actions[0].edit)
        assert await client.diagnostics(uri, since, version=version) == []
        assert "The mayor said the boat was new and clean." in client.texts[uri]

    run_server(scenario)


# ---- hover ---------------------------------------------------------------------------------


def test_hover_shows_the_rule_explanation(run_server: Any, project: Any) -> None:
    uri = project.write("story.md", ARTICLE).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, ARTICLE)
        repeated = only(await client.diagnostics(uri, since), "ST001")
        inside = lsp.Position(2, repeated.range.start.character + 2)
        result = await client.request(client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri), inside)))
        assert isinstance(result.contents, lsp.MarkupContent)
        assert result.contents.kind == lsp.MarkupKind.Markdown
        assert result.contents.value.startswith('**ST001** `repeated-word`: "the" is repeated')
        assert "## What it does" in result.contents.value
        assert result.range == repeated.range
        nothing = await client.request(client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(0, 2))))
        assert nothing is None

    run_server(scenario)


# ---- configuration -------------------------------------------------------------------------


def test_config_changes_are_picked_up_without_restart(run_server: Any, project: Any) -> None:
    uri = project.write("story.md", ARTICLE).as_uri()
    config_uri = (project.root / ".newslint.toml").as_uri()
    caps = lsp.ClientCapabilities(workspace=lsp.WorkspaceClientCapabilities(
        did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
            dynamic_registration=True)))

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, ARTICLE)
        assert codes(await client.diagnostics(uri, since)) == ["ST001", "ST002", "ST002"]

        # 1. the watched-files notification an editor sends when the file changes on disk
        async def registered() -> None:
            while not client.registrations:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(registered(), TIMEOUT)
        assert client.registrations[0].method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
        write_config(project, 'ignore = ["ST002"]\n')
        since = client.mark()
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(config_uri, lsp.FileChangeType.Changed)]))
        assert codes(await client.diagnostics(uri, since)) == ["ST001"]

        # 2. no notification at all: the next lint sees the file's new size and mtime
        write_config(project, 'ignore = ["ST001"]  # now the other one\n')
        since = client.mark()
        version = client.replace(uri, ARTICLE)
        assert codes(await client.diagnostics(uri, since, version)) == ["ST002", "ST002"]

        # 3. the configuration saved in the editor: every open article is linted again
        write_config(project, "")
        since = client.mark()
        client.text_document_did_save(lsp.DidSaveTextDocumentParams(
            lsp.TextDocumentIdentifier(config_uri)))
        assert codes(await client.diagnostics(uri, since)) == ["ST001", "ST002", "ST002"]

    run_server(scenario, caps)


# ---- robustness ----------------------------------------------------------------------------

CRASHING_PLUGIN = '''
from newslint import hookimpl
from newslint.rule import Rule


class Crash(Rule):
    """## What it does
    Crashes.
    """

    code = "ZZ001"
    name = "crash"

    def check(self, document):
        raise RuntimeError("boom")


@hookimpl
def newslint_register_rules():
    return [Crash]
'''


def test_failures_become_one_diagnostic_and_the_server_keeps_serving(
        run_server: Any, project: Any) -> None:
    story = project.write("story.md", ARTICLE).as_uri()
    other = project.write("desk/other.md", ARTICLE).as_uri()
    bad_front_matter = "---\ntitle: [unclosed\n---\n\n" + ARTICLE
    broken = project.write("broken.md", bad_front_matter).as_uri()
    project.write("desk/crash.py", CRASHING_PLUGIN)

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        # a document that does not parse
        since = client.mark()
        client.open(broken, bad_front_matter)
        [failure] = await client.diagnostics(broken, since)
        assert failure.severity == lsp.DiagnosticSeverity.Error
        assert "could not read this document" in failure.message
        assert "front matter" in failure.message

        # a broken configuration, in one folder only
        project.write("desk/.newslint.toml", 'select = ["ST"]\nsevertiy = {}\n')
        since = client.mark()
        client.open(other, ARTICLE)
        [failure] = await client.diagnostics(other, since)
        assert "configuration error" in failure.message
        assert "severtiy" in failure.message and "severity" in failure.message

        # ... while the rest of the workspace is served as before
        since = client.mark()
        client.open(story, ARTICLE)
        assert codes(await client.diagnostics(story, since)) == ["ST001", "ST002", "ST002"]

        # a plugin whose rule crashes: one diagnostic says so, the other rules still report
        project.write("desk/.newslint.toml", 'select = ["ST", "ZZ"]\nplugins = ["crash.py"]\n')
        since = client.mark()
        version = client.replace(other, ARTICLE)
        found = await client.diagnostics(other, since, version)
        assert codes(found) == ["ST001", "ST002", "ST002", "internal-error"]
        crash = only(found, "internal-error")
        assert "ZZ001" in crash.message and "boom" in crash.message

        # a plugin that cannot be imported
        project.write("desk/.newslint.toml", 'plugins = ["missing_plugin.py"]\n')
        since = client.mark()
        version = client.replace(other, ARTICLE)
        [failure] = await client.diagnostics(other, since, version)
        assert "missing_plugin.py" in failure.message
        since = client.mark()
        version = client.replace(other, ARTICLE + "\nMore copy.\n")
        [failure] = await client.diagnostics(other, since, version)
        assert "missing_plugin.py" in failure.message, "reported until the file is fixed"

        # fixing the document and the configuration brings the findings back
        project.write("desk/.newslint.toml", 'select = ["ST"]\n')
        since = client.mark()
        version = client.replace(other, ARTICLE)
        assert codes(await client.diagnostics(other, since, version)) == ["ST001", "ST002", "ST002"]
        since = client.mark()
        version = client.replace(broken, ARTICLE)
        found = await client.diagnostics(broken, since, version)
        assert codes(found) == ["ST001", "ST002", "ST002"], [d.message for d in found]

    run_server(scenario)


BACKTRACKING_RULES = "".join(f"""
[[rules.custom]]
code = "ZZ00{i}"
type = "existence"
message = "never found"
patterns = ["(?:x|xx)+y"]
""" for i in (1, 2, 3))
"""Patterns that backtrack catastrophically on a run of x's (and pass the load-time probe): each
search would take its own cap, 1 s, without ``rule-timeout``."""


def test_rule_timeout_stops_slow_patterns(run_server: Any, project: Any) -> None:
    # rules run on the server's worker thread, where no timer signal reaches them
    project.config('select = ["ST", "ZZ"]\nrule-timeout = 0.1\n' + BACKTRACKING_RULES)
    text = ARTICLE + "\n" + "x" * 40 + "\n"
    uri = project.write("story.md", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        found = await client.diagnostics(uri, since)
        assert codes(found) == ["ST001", "ST002", "ST002", *["internal-error"] * 3]
        assert sorted(d.message for d in found if d.code == "internal-error") == [
            f"rule ZZ00{i} (custom-zz00{i}) was stopped: the rules ran over 0.1 s on this file "
            "(raise rule-timeout in the configuration)" for i in (1, 2, 3)]
        # and the server goes on serving
        since = client.mark()
        version = client.replace(uri, ARTICLE)
        assert codes(await client.diagnostics(uri, since, version)) == ["ST001", "ST002", "ST002"]

    run_server(scenario)


SPINNING_PLUGIN = '''
from newslint import Rule, hookimpl


class Spin(Rule):
    """## What it does
    Loops forever on a story that mentions a spin doctor.
    """
    code = "XY001"
    name = "spin"

    def check(self, document):
        n = 0
        while "spin doctor" in document.source and n >= 0:
            n += 1
        return []


@hookimpl
def newslint_register_rules():
    return [Spin]
'''


def test_rule_timeout_stops_a_plugin_rule_looping_in_python(run_server: Any,
                                                            project: Any) -> None:
    project.write("spin.py", SPINNING_PLUGIN)
    project.config('select = ["ST", "XY"]\nplugins = ["spin.py"]\nrule-timeout = 0.2\n')
    text = ARTICLE + "\nA spin doctor spoke.\n"
    uri = project.write("story.md", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        found = await client.diagnostics(uri, since)
        assert [d.message for d in found if d.code == "internal-error"] == [
            "rule XY001 (spin) was stopped: the rules ran over 0.2 s on this file "
            "(raise rule-timeout in the configuration)"]
        assert "ST001" in codes(found)
        # the lint thread is free again: the next change is linted
        since = client.mark()
        version = client.replace(uri, ARTICLE)
        assert codes(await client.diagnostics(uri, since, version)) == ["ST001", "ST002", "ST002"]

    run_server(scenario)


def test_closing_clears_diagnostics_and_other_languages_are_ignored(
        run_server: Any, project: Any) -> None:
    uri = project.write("story.md", ARTICLE).as_uri()
    code = project.write("script.py", "x = 1\n").as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        client.open(code, "x  = 1  # the the\n", language="python")
        since = client.mark()
        client.open(uri, ARTICLE)
        assert len(await client.diagnostics(uri, since)) == 3
        since = client.mark()
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(
            lsp.TextDocumentIdentifier(uri)))
        assert await client.diagnostics(uri, since) == []
        assert all(p.uri != code for p in client.published)

    run_server(scenario)


CRASHING_HOOK = '''
from newslint import hookimpl


@hookimpl(tryfirst=True)
def newslint_lint_document(document, rules, config):
    if "explode" in document.source:
        raise ValueError("the hook gave up")
    return None
'''


def test_a_crashing_hook_is_one_diagnostic(run_server: Any, project: Any) -> None:
    project.write("hook.py", CRASHING_HOOK)
    write_config(project, 'plugins = ["hook.py"]\n')
    uri = project.write("story.md", ARTICLE).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, ARTICLE + "\nThey said it would explode.\n")
        [failure] = await client.diagnostics(uri, since)
        assert failure.message == ("a plugin's newslint_lint_document raised "
                                   "ValueError: the hook gave up")
        since = client.mark()
        version = client.replace(uri, ARTICLE)
        assert codes(await client.diagnostics(uri, since, version)) == ["ST001", "ST002", "ST002"]

    run_server(scenario)


def test_a_byte_order_mark_or_a_nul_in_the_buffer(run_server: Any, project: Any) -> None:
    project.config('select = ["ST", "HL201"]\n')
    marked = project.write("marked.md", "\ufeff" + ARTICLE).as_uri()
    nul = project.write("nul.md", ARTICLE + "\x00\n").as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(marked, "\ufeff" + ARTICLE)
        # the headline behind the mark is found, and the findings stay where the editor has them
        found = await client.diagnostics(marked, since)
        assert codes(found) == ["ST001", "ST002", "ST002"], [d.message for d in found]
        assert only(found, "ST001").range.start == lsp.Position(line=2, character=23)
        since = client.mark()
        client.open(nul, ARTICLE + "\x00\n")
        [failure] = await client.diagnostics(nul, since)
        assert failure.message == "newslint cannot lint this document: it holds a NUL character"

    run_server(scenario)


def test_front_matter_behind_a_byte_order_mark(run_server: Any, project: Any) -> None:
    project.config('select = ["ST", "HL"]\n')
    body = ("---\ntitle: Ferry service returns to the island.\n---\n\n"
            "The ferry sailed to the the harbour on Monday.\n")
    text = "\ufeff" + body
    uri = project.write("marked.md", text).as_uri()
    # newslint check reads the file without its mark: the same findings, and no HL201
    expected = lint_text(get_plugin_manager(), body, "marked.md",
                         Config.load(project.root / ".newslint.toml")).violations
    assert sorted(v.code for v in expected) == ["HL204", "ST001"]

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text)
        found = await client.diagnostics(uri, since)
        assert codes(found) == ["HL204", "ST001"], [d.message for d in found]
        assert only(found, "HL204").range == lsp.Range(lsp.Position(1, 42), lsp.Position(1, 43))
        assert range_text(text, only(found, "ST001").range) == "the the"
        [fix_all] = await client.code_actions(uri, lsp.Range(lsp.Position(0, 0),
                                                              lsp.Position(0, 0)), [FIX_ALL_KIND])
        assert fix_all.edit is not None
        since = client.mark()
        version = client.apply(uri, fix_all.edit)
        assert client.texts[uri] == text.replace("island.", "island").replace("the the", "the")
        assert await client.diagnostics(uri, since, version) == []
        # "disable for this line" on the mark's line goes after it, where the heading still
        # opens the article
        heading = "\ufeff# Ferry service returns to the island.\n\nIt sailed on Monday.\n"
        since = client.mark()
        version = client.replace(uri, heading)
        [stop] = await client.diagnostics(uri, since, version)
        assert (stop.code, stop.range.start) == ("HL204", lsp.Position(0, 38))  # the mark counts
        actions = await client.code_actions(uri, stop.range)
        [disable] = [a for a in actions if a.title == "Disable HL204 for this line"]
        assert disable.edit is not None
        since = client.mark()
        version = client.apply(uri, disable.edit)
        directive = "<!-- newslint-disable-next-line HL204 -->\n"
        assert client.texts[uri] == "\ufeff" + directive + heading[1:]
        assert await client.diagnostics(uri, since, version) == []

    run_server(scenario)


def test_disable_joins_a_plain_text_directive_behind_a_byte_order_mark(run_server: Any,
                                                                        project: Any) -> None:
    # the directive on the mark's line was not seen: a second one went in below it and took
    # its target line, so HL203 came back
    project.config('select = ["HL"]\n')
    text = ("\ufeffnewslint: disable-next-line HL203\n"
            "Council approves new cycle lanes for Bristol city centre.\n\n"
            "The River Ouse fell by a metre overnight, letting residents of York return to their "
            "homes after a week of flooding. The Environment Agency said more rain was expected "
            "on Sunday but that the defences along the river had held, and volunteers began "
            "clearing mud from streets.\n")
    uri = project.write("story.txt", text).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, text, language="plaintext")
        stop = only(await client.diagnostics(uri, since), "HL204")
        actions = await client.code_actions(uri, stop.range)
        [disable] = [a for a in actions if a.title == "Disable HL204 for this line"]
        assert disable.edit is not None
        since = client.mark()
        version = client.apply(uri, disable.edit)
        assert await client.diagnostics(uri, since, version) == []
        assert client.texts[uri] == text.replace("HL203", "HL203 HL204")

    run_server(scenario)


def test_a_document_over_max_file_size_is_refused(run_server: Any, project: Any) -> None:
    # as newslint check refuses the file, rather than linting a huge buffer on every keystroke
    write_config(project, "max-file-size = 100\n")
    uri = project.write("story.md", ARTICLE).as_uri()

    async def scenario(client: Client, init: lsp.InitializeResult) -> None:
        since = client.mark()
        client.open(uri, ARTICLE)
        [failure] = await client.diagnostics(uri, since)
        size = len(ARTICLE.encode())
        assert failure.message == (
            f"newslint cannot lint this document: it is {size} bytes, over the 100 bytes limit "
            "(raise max-file-size in the configuration to lint it)")
        since = client.mark()
        version = client.replace(uri, ARTICLE[:90])
        assert codes(await client.diagnostics(uri, since, version)) == ["ST001", "ST002"]

    run_server(scenario)
