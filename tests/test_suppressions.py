"""Inline suppressions: HTML comments in Markdown and HTML, directive lines in plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.document import Span
from newslint.engine import lint_text
from newslint.manager import PluginManager, get_plugin_manager
from newslint.rule import Rule
from newslint.suppressions import directives, is_suppressed
from newslint.violation import INTERNAL_ERROR, Severity, Violation


@pytest.fixture(scope="module")
def manager() -> PluginManager:
    return get_plugin_manager(autoload=False)


def found(
    manager: PluginManager, text: str, path: str, select: tuple[str, ...] = ("ST001", "ST002")
) -> list[str]:
    """``line CODE`` for each violation left after suppressions."""
    result = lint_text(manager, text, path, select=list(select))
    assert result.error is None, result.error
    doc = result.document
    assert doc is not None
    return [f"{doc.position(v.span.start).line} {v.code}" for v in result.violations]


MARKDOWN = """\
# Headline

Line three has the the slip.

<!-- newslint-disable {codes} -->

Line seven has the the slip and  spaces.

<!-- newslint-enable {codes} -->

Line eleven has the the slip and  spaces.
"""


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ("ST001", ["3 ST001", "7 ST002", "11 ST001", "11 ST002"]),
        ("ST002", ["3 ST001", "7 ST001", "11 ST001", "11 ST002"]),
        ("ST001 ST002", ["3 ST001", "11 ST001", "11 ST002"]),
        ("ST001, ST002", ["3 ST001", "11 ST001", "11 ST002"]),
        ("ST", ["3 ST001", "11 ST001", "11 ST002"]),
        ("", ["3 ST001", "11 ST001", "11 ST002"]),
        ("st001", ["3 ST001", "7 ST002", "11 ST001", "11 ST002"]),
        ("SP", ["3 ST001", "7 ST001", "7 ST002", "11 ST001", "11 ST002"]),
    ],
)
def test_disable_enable_in_markdown(
    manager: PluginManager, codes: str, expected: list[str]
) -> None:
    assert found(manager, MARKDOWN.format(codes=codes), "a.md") == expected


def test_disable_until_the_end_of_the_file(manager: PluginManager) -> None:
    text = (
        "# Headline\n\nOne the the.\n\n<!-- newslint-disable ST001 -->\n\n"
        "Two the the.\n\nThree the the.\n"
    )
    assert found(manager, text, "a.md") == ["3 ST001"]


def test_enable_of_one_code_keeps_the_rest_disabled(manager: PluginManager) -> None:
    text = (
        "# H\n\n<!-- newslint-disable ST -->\n\nA the the  b.\n\n<!-- newslint-enable ST001 -->\n\n"
        "C the the  d.\n"
    )
    assert found(manager, text, "a.md") == ["9 ST001"]
    text = (
        "# H\n\n<!-- newslint-disable ST001 ST002 -->\n\nA the the  b.\n\n"
        "<!-- newslint-enable ST001 -->\n\n"
        "C the the  d.\n"
    )
    assert found(manager, text, "a.md") == ["9 ST001"]


@pytest.mark.parametrize(("shown", "line"), [
    ("```html\n<!-- newslint-disable ST001 -->\n```", 9),  # a fenced code block
    ("    <!-- newslint-disable ST001 -->", 7),  # an indented one
    ("Editors write `<!-- newslint-disable ST001 -->` to turn it off.", 7),  # inline code
])
def test_a_directive_shown_in_a_code_block_directs_nothing(manager: PluginManager,
                                                           shown: str, line: int) -> None:
    text = f"# Headline\n\nOne the the.\n\n{shown}\n\nTwo the the.\n"
    assert found(manager, text, "a.md") == ["3 ST001", f"{line} ST001"]


def test_a_directive_written_in_raw_html_text_directs_nothing(manager: PluginManager) -> None:
    text = (
        "<h1>Headline</h1>\n<textarea>\n<!-- newslint-disable ST001 -->\n</textarea>\n"
        "<p>One the the.</p>\n<script>// <!-- newslint-disable ST001 --></script>\n"
        "<p>Two the the.</p>\n<!-- newslint-disable ST001 -->\n<p>Three the the.</p>\n"
    )
    assert found(manager, text, "a.html") == ["5 ST001", "7 ST001"]


def test_disable_next_line(manager: PluginManager) -> None:
    text = (
        "# H\n\n<!-- newslint-disable-next-line ST001 -->\nA the the  b.\nC the the.\n\n"
        "<!-- newslint-disable-next-line -->\n\nD the the  e.\n\nF the the.\n"
    )
    # the directive aims at the next non-blank line, and only that line
    assert found(manager, text, "a.md") == ["4 ST002", "5 ST001", "11 ST001"]


@pytest.mark.parametrize(("path", "text"), [
    ("a.md", "# H\n\n<!--\n  newslint-disable-next-line ST001\n  (quoted as spoken)\n-->\n"
             "A the the.\nB the the.\n"),
    ("a.html", "<h1>H</h1>\n<!--\n  newslint-disable-next-line ST001\n  (quoted as spoken)\n-->\n"
               "<p>A the the.</p>\n<p>B the the.</p>\n"),
])
def test_disable_next_line_in_a_comment_over_several_lines(manager: PluginManager, path: str,
                                                           text: str) -> None:
    # the next line is the one after the comment's end, not after its first line
    last = len(text.splitlines())
    assert found(manager, text, path, select=("ST001", "ST099")) == [f"{last} ST001"]


def test_inline_comment_pair_on_one_line(manager: PluginManager) -> None:
    text = (
        "<h1>H</h1><p>A the the <!-- newslint-disable ST001 -->b the the"
        "<!-- newslint-enable --> c the the.</p>"
    )
    result = lint_text(manager, text, "a.html", select=["ST001"])
    kept = [text[v.span.start : v.span.end] for v in result.violations]
    assert len(kept) == 2 and kept == ["the the", "the the"]
    starts = [v.span.start for v in result.violations]
    assert starts == [text.index("the the"), text.rindex("the the")]


def test_html_comments(manager: PluginManager) -> None:
    text = (
        "<html><body><article><h1>Headline</h1>\n"
        "<p>One the the.</p>\n"
        "<!-- newslint-disable-next-line ST001 -->\n"
        "<p>Two the the.</p>\n"
        "<!--newslint-disable-->\n"
        "<p>Three the the  x.</p>\n"
        "<!-- NEWSLINT-ENABLE -->\n"
        "<p>Four the the.</p>\n"
        "</article></body></html>\n"
    )
    assert found(manager, text, "a.html") == ["2 ST001", "8 ST001"]


def test_plain_text_directive_lines(manager: PluginManager) -> None:
    text = (
        "Headline\n\n"
        "One the the.\n"
        "newslint: disable ST001\n"
        "Two the the  x.\n"
        "newslint: enable ST001\n"
        "Three the the.\n\n"
        "newslint: disable-next-line\n"
        "Four the the  y.\n"
        "Five the the.\n"
    )
    assert found(manager, text, "a.txt") == ["3 ST001", "5 ST002", "7 ST001", "11 ST001"]


def test_plain_text_directive_line_is_not_copy(manager: PluginManager) -> None:
    # "disable disable" on the directive line would be a repeated word if it were read as copy
    text = "Headline\n\nCopy here.\nnewslint: disable disable ST002\nMore copy here.\n"
    assert found(manager, text, "a.txt") == []


def test_markdown_comment_syntax_does_nothing_in_plain_text(manager: PluginManager) -> None:
    text = "Headline\n\n<!-- newslint-disable ST001 -->\nOne the the.\n"
    assert found(manager, text, "a.txt") == ["4 ST001"]


@pytest.mark.parametrize(("path", "text"), [
    ("a.md", "# H\n\nOne the the. <!-- newslint-disable-line ST001 -->\n\nTwo the the.\n"),
    ("a.html", "<h1>H</h1>\n<p>One the the.</p><!-- newslint-disable-line ST001 -->\n"
               "<p>Two the the.</p>\n"),
    ("a.txt", "H\n\nOne the the.\nnewslint: disable-line ST001\n\nTwo the the.\n"),
])
def test_an_unknown_action_is_no_directive(manager: PluginManager, path: str, text: str) -> None:
    # ESLint's "disable-line" is not "disable" with the codes LINE and ST001
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "the the" in line]
    assert found(manager, text, path, select=("ST001",)) == [f"{n} ST001" for n in lines]


def test_a_vale_rule_is_named_as_vale_names_it(manager: PluginManager, tmp_path: Path) -> None:
    style = tmp_path / "styles" / "write-good"
    style.mkdir(parents=True)
    (style / "Weasel.yml").write_text(
        'extends: existence\nmessage: "Avoid %s."\ntokens:\n  - slammed\n', encoding="utf-8")
    ini = tmp_path / ".vale.ini"
    ini.write_text("StylesPath = styles\n\n[*]\nBasedOnStyles = write-good\n", encoding="utf-8")
    text = (
        "# H\n\n<!-- newslint-disable-next-line write-good.Weasel -->\nA slammed.\n\n"
        "<!-- newslint-disable-next-line WRITE-GOOD -->\nB slammed.\n\nC slammed.\n"
    )
    result = lint_text(manager, text, "a.md", vale_config=ini, select=["write-good"])
    assert result.document is not None
    assert [(result.document.position(v.span.start).line, v.code) for v in result.violations] \
        == [(9, "write-good.Weasel")]


def test_directives_are_parsed() -> None:
    from newslint.readers.markdown import MarkdownReader

    doc = MarkdownReader().read(
        "a.md", "# H\n\n<!-- newslint-disable st001,SP -->\n\n<!-- newslint-enable -->\n"
    )
    (first, second) = directives(doc)
    assert (first.action, first.codes, first.line) == ("disable", ("ST001", "SP"), 3)
    assert (second.action, second.codes, second.line) == ("enable", (), 5)


class Crashes(Rule):
    """## What it does
    Crashes, to prove a crash is never suppressed.
    """

    code = "ZZ999"
    name = "crashes"
    severity = Severity.ERROR

    def check(self, document):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")


def test_internal_errors_are_never_suppressed() -> None:
    from newslint.readers.markdown import MarkdownReader

    doc = MarkdownReader().read("a.md", "<!-- newslint-disable -->\n\n# H\n\nText.\n")
    at = doc.source.index("Text")
    crash = Violation(
        INTERNAL_ERROR, INTERNAL_ERROR, "rule crashed", Severity.ERROR, Span(at, at + 4)
    )
    ordinary = Violation("ST001", "repeated-word", "x", Severity.WARNING, Span(at, at + 4))
    before = Violation("ST001", "repeated-word", "x", Severity.WARNING, Span(0, 0))
    found_directives = directives(doc)
    assert not is_suppressed(doc, found_directives, crash)
    assert is_suppressed(doc, found_directives, ordinary)
    assert not is_suppressed(doc, found_directives, before)  # a directive acts from where it is


def test_internal_error_from_a_crashing_rule_survives_disable_all() -> None:
    from newslint.engine import run_rules
    from newslint.readers.markdown import MarkdownReader
    from newslint.suppressions import newslint_modify_violations

    doc = MarkdownReader().read("a.md", "<!-- newslint-disable -->\n\n# H\n\nText.\n")
    violations = run_rules(doc, [Crashes()])  # type: ignore[call-arg]
    assert [v.code for v in violations] == [INTERNAL_ERROR]
    newslint_modify_violations(document=doc, violations=violations, config=None)  # type: ignore[arg-type]
    assert [v.code for v in violations] == [INTERNAL_ERROR]
