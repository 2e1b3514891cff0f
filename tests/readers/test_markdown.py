"""The Markdown reader: front matter, block kinds, inline markup and exact source positions."""

from __future__ import annotations

import pytest

from newslint.document import Document, Position, Span
from newslint.readers.base import OBJECT, ReadError
from newslint.readers.html import HtmlReader
from newslint.readers.markdown import MarkdownReader

EXAMPLE = """\
---
title: "Fire destroys harbour warehouse"
author: Jane Doe
tags: [fire, harbour]
---

# Fire destroys the warehouse

Firefighters fought the blaze for *six hours*, said [Chief Ana Ruiz](https://example.com/ruiz)
on Monday.

![Smoke over the docks](smoke.jpg)

*Smoke rises over the docks on Monday.*

## What happened

> "We lost everything," said the owner.
> He did not say more.

- The first item, with `inline code` in it.
- A second item
  - A nested item.

<!-- newslint-disable ST001 -->

```
the the fenced code is skipped
```

Last line of the article.
"""


def read(source: str, path: str = "article.md") -> Document:
    return MarkdownReader().read(path, source)


def src(doc: Document, span: object) -> str:
    return doc.source[span.start : span.end]  # type: ignore[attr-defined]


def blocks(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in doc.blocks if b.kind != "frontmatter"]


def test_example_model() -> None:
    doc = read(EXAMPLE)
    assert doc.format == "markdown"
    assert doc.headline is not None and doc.headline.text == "Fire destroys harbour warehouse"
    assert doc.position(doc.headline.span.start) == Position(2, 9)
    assert doc.frontmatter == {
        "title": "Fire destroys harbour warehouse",
        "author": "Jane Doe",
        "tags": ["fire", "harbour"],
    }
    front = doc.blocks[0]
    assert front.kind == "frontmatter"
    assert front.meta == {"fields": doc.frontmatter, "format": "yaml"}
    assert doc.position(front.span.start) == Position(2, 1)
    assert blocks(doc) == [
        ("heading", 1, "Fire destroys the warehouse"),  # the front matter's title is the headline
        (
            "paragraph",
            0,
            "Firefighters fought the blaze for six hours, said Chief Ana Ruiz\non Monday.",
        ),
        ("caption", 0, "Smoke rises over the docks on Monday."),
        ("heading", 2, "What happened"),
        ("blockquote", 1, '"We lost everything," said the owner.\nHe did not say more.'),
        ("list_item", 1, f"The first item, with {OBJECT} in it."),
        ("list_item", 1, "A second item"),
        ("list_item", 2, "A nested item."),
        ("paragraph", 0, "Last line of the article."),
    ]
    assert "https" not in doc.body_text and "the the" not in doc.body_text


def test_example_tokens_map_back() -> None:
    doc = read(EXAMPLE)
    checked = 0
    for token in doc.tokens:
        assert src(doc, token.span) == token.text
        checked += 1
    assert checked == 54
    last = doc.tokens[-1]
    assert (last.text, doc.position(last.span.start)) == ("article", Position(31, 18))


def test_headline_from_first_h1_without_front_matter() -> None:
    doc = read("Intro para.\n\n# The real headline\n\n# A second H1\n")
    assert doc.headline is not None and doc.headline.text == "The real headline"
    assert doc.headline.kind == "headline"
    assert doc.position(doc.headline.span.start) == Position(3, 1)
    assert blocks(doc) == [("paragraph", 0, "Intro para."), ("heading", 1, "A second H1")]


def test_setext_h1_is_a_headline() -> None:
    doc = read("The headline\n============\n\nBody.\n")
    assert doc.headline is not None and doc.headline.text == "The headline"


def test_no_h1_means_no_headline() -> None:
    doc = read("## Only a subheading\n\nBody text.\n")
    assert doc.headline is None
    assert blocks(doc) == [("heading", 2, "Only a subheading"), ("paragraph", 0, "Body text.")]


def test_headline_key_and_toml_front_matter() -> None:
    doc = read("---\nheadline: From the headline key\n---\n# H1\n")
    assert doc.headline is not None and doc.headline.text == "From the headline key"
    assert src(doc, doc.headline.span) == "From the headline key"
    toml = read('+++\ntitle = "A TOML title"\ndate = 2024-05-01\n+++\n\nBody.\n')
    assert toml.headline is not None and src(toml, toml.headline.span) == "A TOML title"
    assert toml.blocks[0].kind == "frontmatter" and toml.blocks[0].meta["format"] == "toml"
    assert str(toml.frontmatter["date"]) == "2024-05-01"


@pytest.mark.parametrize(
    "source",
    [
        '---\nauthor: Jane Doe\n"title": "Storm hits coast."\n---\n\nBody.\n',
        "---\nauthor: Jane Doe\n'title': Storm hits coast.\n---\n\nBody.\n",
        '+++\nauthor = "Jane Doe"\n"title" = "Storm hits coast."\n+++\n\nBody.\n',
    ],
)
def test_a_quoted_title_key_points_at_its_value(source: str) -> None:
    # the headline's findings (HL204 on the full stop) pointed at the front matter's first line
    doc = read(source)
    assert doc.headline is not None and src(doc, doc.headline.span) == "Storm hits coast."
    assert doc.position(doc.headline.span.start).line == 3


def test_a_title_is_found_in_its_own_field_only() -> None:
    # written with YAML's doubled quote, the title was found as it reads in the description,
    # and --unsafe-fixes took HL204's full stop out of the description
    source = (
        "---\ntitle: 'Mayor''s plan fails.'\n"
        "description: Mayor's plan fails. The council voted it down.\n---\n\nBody.\n"
    )
    doc = read(source)
    assert doc.headline is not None and doc.headline.text == "Mayor's plan fails."
    assert src(doc, doc.headline.span) == "'Mayor''s plan fails.'"
    assert not doc.holds_prose(doc.headline.span)


def test_title_written_with_escapes_still_heads_the_article() -> None:
    doc = read('---\ntitle: "Mayor says \\"no\\""\n---\n\nBody.\n')
    assert doc.headline is not None and doc.headline.text == 'Mayor says "no"'
    assert src(doc, doc.headline.span) == '"Mayor says \\"no\\""'
    folded = read("---\ntitle: >\n  Folded over\n  two lines\nauthor: x\n---\nBody.\n")
    assert folded.headline is not None and folded.headline.text == "Folded over two lines"
    assert folded.position(folded.headline.span.end).line == 4


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("---\ntitle: [unclosed\nauthor: x\n---\nBody\n", 3, "not valid YAML"),
        ("---\ntitle: ok\nbad: : :\n---\nBody\n", 3, "not valid YAML"),
        ("+++\ntitle = \n+++\nBody\n", 2, "not valid TOML"),
        # the file's line, not the front matter's ("at line 3" of it), which the message left in
        ("+++\ntitle = \"x\"\ndate = 2024-01-01\nbad = \n+++\nBody\n", 4, "not valid TOML"),
        ("+++\ntitle = \"x\"\ntags = [\"a\",\n+++\nBody\n", 3, "not valid TOML"),
        ("---\n- a\n- list\n---\nBody\n", 2, "not a mapping"),
    ],
)
def test_malformed_front_matter_names_the_line(source: str, line: int, words: str) -> None:
    with pytest.raises(ReadError, match=words) as info:
        read(source)
    assert info.value.line == line
    assert "\n" not in str(info.value)
    assert "(at line" not in str(info.value)


@pytest.mark.parametrize(
    ("opener", "field", "newline"),
    [
        ("--- ", "title: Storm hits coast", "\n"),
        ("---\t", "title: Storm hits coast", "\n"),
        ("--- ", "title: Storm hits coast", "\r\n"),
        ("+++  ", 'title = "Storm hits coast"', "\n"),
    ],
)
def test_an_opening_fence_with_trailing_whitespace_opens_front_matter(
    opener: str, field: str, newline: str
) -> None:
    # an editor's stray space after the fence; the closing fence was read with one already
    doc = read(newline.join([opener, field, opener.strip(), "", "Body text.", ""]))
    assert doc.frontmatter == {"title": "Storm hits coast"}
    assert doc.headline is not None and src(doc, doc.headline.span) == "Storm hits coast"
    assert blocks(doc) == [("paragraph", 0, "Body text.")]


def test_unclosed_fence_is_not_front_matter() -> None:
    doc = read("---\ntitle: x\n\nBody text.\n")
    assert doc.frontmatter == {}
    assert "Body text." in [b.text for b in doc.blocks]


def test_links_images_code_and_autolinks_keep_urls_out_of_prose() -> None:
    source = (
        "See [the report](https://example.com/a.b). And <https://x.org/q> and `the code` "
        'and [a ref][r] and ![alt](i.png "Title") the end.\n\n[r]: https://example.com/r\n'
    )
    doc = read(source)
    (para,) = doc.blocks
    assert para.text == f"See the report. And {OBJECT} and {OBJECT} and a ref and {OBJECT} the end."
    for token in doc.tokens:
        assert src(doc, token.span) == token.text
    # the full stop after the link is the one after ")", not the "." inside the URL
    stop = para.text.index(".")
    assert para.offsets.to_source(stop) == source.index(").") + 1
    code = para.text.index(OBJECT, para.text.index("And ") + 5)
    assert src(doc, para.source_span(code, code + 1)) == "`the code`"


def test_escapes_and_entities_map_to_their_source() -> None:
    source = "Price: 5 \\* 3 for AT&amp;T at the caf&eacute; &#39;now&#39; \\_x\\_.\n"
    doc = read(source)
    (para,) = doc.blocks
    assert para.text == "Price: 5 * 3 for AT&T at the caf\u00e9 'now' _x_."
    by_text = {t.text: src(doc, t.span) for t in doc.tokens}
    assert by_text["caf\u00e9"] == "caf&eacute;"
    assert by_text["now"] == "now"
    assert by_text["x"] == "x"
    star = para.text.index("*")
    assert src(doc, para.source_span(star, star + 1)) == "\\*"
    amp = para.text.index("&")
    assert src(doc, para.source_span(amp - 2, amp + 2)) == "AT&amp;T"


@pytest.mark.parametrize(
    ("reference", "prose"),
    [
        # no HTML5 entity, so text, though "&reg" and "&not" are legacy entities that start it
        ("&region;", "&region;"),
        ("&notes;", "&notes;"),
        # a C1 control, read as U+FFFD (not as Windows-1252's en dash) as markdown-it reads it
        ("&#150;", "\ufffd"),
        ("&#x92;", "\ufffd"),
    ],
)
def test_references_read_as_markdown_it_reads_them(reference: str, prose: str) -> None:
    source = f"AT&amp;T codes such as {reference} are read, said the clerk.\n"
    doc = read(source)
    (para,) = doc.blocks
    assert para.text == f"AT&T codes such as {prose} are read, said the clerk."
    for token in doc.tokens:  # every word after the reference was lost
        assert src(doc, token.span) == token.text


@pytest.mark.parametrize(
    "source",
    [
        # the text of the first emphasis is written with a reference, and again later as it reads
        '&quot;*Stop*&quot; the officer said, "now", and left.\n',
        "*Rock* &amp; *roll* & more\n",
        # the list marker opens as the text does
        "1. 1 &amp; 2 were the winners, officials said.\n",
        "2. 2\\. Division teams said so.\n",
    ],
)
def test_text_with_references_is_found_where_it_is_written(source: str) -> None:
    doc = read(source)
    assert doc.tokens
    for token in doc.tokens:
        assert src(doc, token.span) == token.text


def test_captions_after_images() -> None:
    source = (
        "![A fire](fire.jpg)\nFirefighters at the scene on Monday.\n\n"
        "![Smoke](smoke.jpg)\n\n_Smoke over the harbour._\n\n_Emphasis alone is not a caption._\n"
    )
    assert blocks(read(source)) == [
        ("caption", 0, f"{OBJECT}\nFirefighters at the scene on Monday."),
        ("caption", 0, "Smoke over the harbour."),
        ("paragraph", 0, "Emphasis alone is not a caption."),
    ]


def test_nested_quotes_and_lists() -> None:
    source = "> Outer quote.\n>\n> > Inner quote.\n\n1. One\n   - Two\n     - Three\n"
    assert blocks(read(source)) == [
        ("blockquote", 1, "Outer quote."),
        ("blockquote", 2, "Inner quote."),
        ("list_item", 1, "One"),
        ("list_item", 2, "Two"),
        ("list_item", 3, "Three"),
    ]


def test_code_html_and_comments_are_skipped() -> None:
    source = (
        "Para one.\n\n<!-- a comment with the the words -->\n\n```python\nthe the\n```\n\n"
        "    indented code\n\n<div>raw html block</div>\n\nPara two has <b>bold</b> text.\n"
    )
    doc = read(source)
    # a raw HTML block's text shows on the page, so it is read; tags and comments are not
    assert blocks(doc) == [
        ("paragraph", 0, "Para one."),
        ("paragraph", 0, "raw html block"),
        ("paragraph", 0, "Para two has bold text."),
    ]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text


def test_footnote_references_are_marks_and_definitions_paragraphs() -> None:
    # "[^1]" was read as prose ("Monday.[^1] It" one sentence), the definitions as one
    # paragraph with their labels, and a definition's second paragraph as code
    source = (
        "# Council approves budget\n\n"
        "The council approved it on Monday.[^1] It takes effect in May[^note].\n\n"
        "> Quoted, with a note.[^1]\n>\n> [^q]: A note, shown at the end, not in the quote.\n\n"
        "[^1]: Source: Reuters.\n"
        "[^note]:  The mayor said so\n    on Tuesday.\n\n"
        "    The goverment agreed.\n\n"
        "    - A list in a note.\n\n"
        "After the notes.\n"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "The council approved it on Monday. It takes effect in May."),
        ("blockquote", 1, "Quoted, with a note."),
        ("paragraph", 0, "A note, shown at the end, not in the quote."),
        ("paragraph", 0, "Source: Reuters."),
        ("paragraph", 0, "The mayor said so\non Tuesday."),
        ("paragraph", 0, "The goverment agreed."),
        ("list_item", 1, "A list in a note."),
        ("paragraph", 0, "After the notes."),
    ]
    assert [s.text for s in doc.blocks[0].sentences] == [
        "The council approved it on Monday.", "It takes effect in May."]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text
    source_of = {t.text: doc.position(t.span.start) for t in doc.tokens}
    assert source_of["It"] == Position(3, 40)
    assert source_of["shown"] == Position(7, 17)
    assert source_of["Source"] == Position(9, 7)
    assert source_of["mayor"] == Position(10, 15)
    assert source_of["Tuesday"] == Position(11, 8)
    assert source_of["goverment"] == Position(13, 9)
    may = doc.blocks[0]
    stop = may.text.rindex(".")
    assert src(doc, may.source_span(stop, stop + 1)) == "."  # after the reference mark


def test_crlf_line_endings() -> None:
    source = (
        "---\r\ntitle: CRLF title\r\n---\r\n\r\nFirst line\r\nsecond line.\r\n\r\n# Heading\r\n"
    )
    doc = read(source)
    assert doc.headline is not None and src(doc, doc.headline.span) == "CRLF title"
    para = doc.blocks[1]
    assert para.text == "First line\nsecond line."
    second = next(t for t in doc.tokens if t.text == "second")
    assert doc.position(second.span.start) == Position(6, 1)
    heading = doc.blocks[2]
    assert src(doc, heading.span) == "# Heading"  # no "\r" in the span


def test_hard_breaks_and_softbreaks() -> None:
    doc = read("Line one  \nline two\\\nline three.\n")
    (para,) = doc.blocks
    assert para.text == "Line one\nline two\nline three."
    for token in doc.tokens:
        assert src(doc, token.span) == token.text


def test_a_br_tag_breaks_the_line() -> None:
    # the words on either side were one ("calmthe"), and so were the sentences
    source = "The sea was calm<br>the night still.<br/>It rained, said *Mr Roe<BR >of* Ely.\n"
    doc = read(source)
    (para,) = doc.blocks
    assert para.text == "The sea was calm\nthe night still.\nIt rained, said Mr Roe\nof Ely."
    assert [s.text for s in para.sentences] == [
        "The sea was calm\nthe night still.",
        "It rained, said Mr Roe\nof Ely.",
    ]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text
    brk = para.text.index("\n")
    assert src(doc, para.source_span(brk, brk + 1)) == "<br>"


def test_sniff() -> None:
    reader = MarkdownReader()
    assert reader.sniff("# Headline\n") and reader.sniff("---\ntitle: x\n---\n")
    assert not reader.sniff("Plain headline\n\nText.")


def test_text_after_a_comment_in_a_raw_html_block_is_copy() -> None:
    # CommonMark makes this line an HTML block, but its text still shows on the page
    source = ("# Fire in town\n\n<!-- note --> The late Prince said it was fine.\n\n"
              "<script>x = 1;</script>\n")
    doc = MarkdownReader().read("a.md", source)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "The late Prince said it was fine.")
    ]
    token = doc.blocks[0].sentences[0].tokens[1]
    assert source[token.span.start : token.span.end] == "late"


def test_references_in_a_raw_html_block_are_decoded_and_map_back() -> None:
    # the page shows "café" and a space, not "&eacute;" and "&nbsp;" (SP101 found "nbsp")
    source = "Para one.\n\n<p>The caf&eacute; stayed open&nbsp;late &mdash; AT&amp;T said.</p>\n"
    doc = read(source)
    html_block = doc.blocks[1]
    assert html_block.text == "The caf\u00e9 stayed open\u00a0late \u2014 AT&T said."
    by_text = {t.text: src(doc, t.span) for t in doc.tokens}
    assert by_text["caf\u00e9"] == "caf&eacute;"
    assert by_text["late"] == "late"
    assert by_text["said"] == "said"
    dash = html_block.text.index("\u2014")
    assert src(doc, html_block.source_span(dash, dash + 1)) == "&mdash;"


def test_code_inside_a_raw_html_block_is_not_copy() -> None:
    # an embed's script was read as prose: SP101 '"twttr" is not in the dictionary'
    source = (
        '<div class="embed"><script>window.twttr = load("twitter-wjs");</script>\n'
        "<STYLE>.embed { color: red }</STYLE><pre>the the code</pre>\n"
        "The embed shows here.</div>\n\n<textarea>Type here</textarea> Last words.\n"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "The embed shows here."),
        ("paragraph", 0, "Last words."),
    ]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text


def test_elements_of_a_raw_html_block_are_blocks_of_their_own() -> None:
    # a table's cells ran together ("GovermentLabour"), hiding the misspelling from SP101, and
    # two paragraphs made one sentence ('it."It was')
    source = (
        "<table>\n<tr><td>Goverment</td><td>Labour</td></tr>\n</table>\n\n"
        '<p>He said it.</p><P>"It was over," she said.<br>Then she left.</P>\n'
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "Goverment"),
        ("paragraph", 0, "Labour"),
        ("paragraph", 0, "He said it."),
        ("paragraph", 0, '"It was over," she said.\nThen she left.'),
    ]
    sentences = [s.text for s in doc.blocks[3].sentences]
    assert sentences == ['"It was over," she said.', "Then she left."]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text
    assert src(doc, doc.blocks[0].span) == "Goverment"
    assert src(doc, doc.blocks[3].span) == '"It was over," she said.<br>Then she left.'


def test_text_behind_a_long_indent_is_looked_for_where_it_can_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a continuation line indented 8,000 spaces with '&amp;' in it was tried at each of the
    # spaces, each try reading on to the line's end: 50 such lines took 10 s
    from newslint.readers import markdown

    tries = []
    read_as = markdown._read_as

    def counted(content: str, source: str, pos: int, end: int):  # type: ignore[no-untyped-def]
        tries.append(pos)
        return read_as(content, source, pos, end)

    monkeypatch.setattr(markdown, "_read_as", counted)
    source = "# Title\n\nStart\n" + "".join(" " * 2000 + f"a{n} &amp; b\n" for n in range(5))
    doc = read(source)
    assert len(tries) <= 10
    assert [src(doc, t.span) for t in doc.tokens if t.text.startswith("a")] == [
        f"a{n}" for n in range(5)]


def test_an_unclosed_comment_in_an_html_block_hides_the_rest_of_it() -> None:
    # from each '<!--' the pattern read to the block's end for a '-->': 20,000 of them took 17 s
    doc = read("# Title\n\n<div>Open <!-- a note " + "<!-- a " * 20_000 + "\n\nAfter it.\n")
    assert [b.text for b in doc.blocks] == ["Open", "After it."]


def test_every_block_element_of_a_raw_html_block_parts_its_text() -> None:
    # a <pre>, a <form> or a <center> is a block of the page, as in an HTML article, but the
    # words on either side ran together ('Before the stormafter it')
    source = (
        "<div>Before the storm<pre>the the code</pre>after it<form>Your name</form>Thanks"
        "<center>Old style</center>End</div>\n"
    )
    assert blocks(read(source)) == [
        ("paragraph", 0, "Before the storm"),
        ("paragraph", 0, "after it"),
        ("paragraph", 0, "Thanks"),  # a form is no copy
        ("paragraph", 0, "Old style"),
        ("paragraph", 0, "End"),
    ]


class _SearchedStr(str):
    """Source text that adds up how much of it ``find`` searches: to the end of what it finds,
    else all it is given."""

    searched = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        at = super().find(sub, start, end)
        stop = at + len(sub) if at != -1 else len(self) if end is None else end
        _SearchedStr.searched += stop - (start or 0)
        return at


def test_lines_written_with_references_are_found_without_searching_the_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # each line's text was looked for as it reads to the paragraph's end before being read
    # with its reference, so 20,000 such lines (200 KB) took 2.8 s
    monkeypatch.setattr(_SearchedStr, "searched", 0)
    source = "x &amp; y\n" * 2000
    doc = read(_SearchedStr(source))
    assert len(doc.blocks[0].text) == 2000 * 6 - 1
    assert _SearchedStr.searched < 5 * len(source)
    for token in doc.tokens:
        assert src(doc, token.span) == token.text.replace("&", "&amp;")


def test_a_nul_character_reads_as_markdown_it_reads_it() -> None:
    # markdown-it reads NUL as U+FFFD, but the text was looked for with the NUL, so every word
    # after one pointed at the NUL's line start ('said' at column 1, an empty span)
    source = (
        "# Storm\0 hits the coast\n\nThe mayor\0 said the *council* met on \0Monday "
        "&amp; Tuesday.\n\n<p>Roads\0 were closed [all week](http://x.org/\0).</p>\n\n"
        "- Schools `shut\0` on [Friday\0].\n"
    )
    doc = read(source)
    assert doc.headline is not None and doc.headline.text == "Storm\ufffd hits the coast"
    assert [b.text for b in doc.blocks] == [
        "The mayor\ufffd said the council met on \ufffdMonday & Tuesday.",
        "Roads\ufffd were closed [all week](http://x.org/\ufffd).",
        f"Schools {OBJECT} on [Friday\ufffd].",
    ]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text.replace("\ufffd", "\0")
    said = next(t for t in doc.tokens if t.text == "said")
    assert doc.position(said.span.start) == Position(3, 12)


def test_a_less_than_sign_in_a_raw_html_block_is_text() -> None:
    # any "<" started a tag, to the next ">", so '1 < 2 and 3 > 2' lost '< 2 and 3 >'; a browser
    # starts a tag only at "<" followed by a letter, "/", "!" or "?"
    source = (
        "<div>Turnout was < 40% in the north and > 60% in the south, "
        "the <b>council</b> said.</div>\n"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "Turnout was < 40% in the north and > 60% in the south, the council said.")
    ]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text


def test_a_raw_html_block_skips_what_the_html_reader_skips() -> None:
    # the text of a form, a navigation bar, an aside or a footer was linted in a Markdown
    # article ('Subscribe to our newsleter' reported) though an HTML article skips it
    source = (
        "<div>The ferry sails at noon.<nav><a href=/>Home</a> | <a href=/news>News</a></nav>"
        "<form><label>Subscribe to our newsleter</label><br><button>Go</button></form>\n"
        "<aside><p>Related: <b>Storm hits the coast</b></p></aside>Tickets cost £5."
        "<footer>© Daily News<svg/>2024</footer><svg/>Boarding at 11.</div>\n"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "The ferry sails at noon."),
        ("paragraph", 0, "Tickets cost £5."),
        ("paragraph", 0, "Boarding at 11."),
    ]
    page = source.replace("\n", "")
    assert blocks(doc) == blocks(HtmlReader().read("a.html", page))
    for token in doc.tokens:
        assert src(doc, token.span) == token.text


def test_table_cells_are_looked_for_past_the_cells_before_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every cell was looked for from its row's start: the second cell's code span was taken to
    # be the first's, so the directive shown in it as code disabled SP101 for the article
    from newslint.suppressions import directives

    source = (
        "# Style guide\n\n| Write | To turn it off |\n| --- | --- |\n"
        "| `teh` for `the` | `<!-- newslint-disable SP101 -->` |\n"
        "> | `a` | `a` |\n> | - | - |\n> | x `a` | \\| `a` |\n\n"
        "The council met to discuss the budgett.\n"
    )
    doc = read(source)
    assert [src(doc, span) for span in map(lambda c: Span(*c), doc.meta["code"])] == [
        "`teh`", "`the`", "`<!-- newslint-disable SP101 -->`", "`a`", "`a`", "`a`", "`a`"]
    assert [c[0] for c in doc.meta["code"]] == sorted(c[0] for c in doc.meta["code"])
    assert directives(doc) == []
    # and a wide row costs its width, not its width squared (8,000 cells took 4.5 s)
    monkeypatch.setattr(_SearchedStr, "searched", 0)
    n = 1000
    wide = (f"| {' | '.join(f'Ward {i}' for i in range(n))} |\n|{'---|' * n}\n"
            f"| {' | '.join(f'{i} votes' for i in range(n))} |\n")
    read(_SearchedStr(wide))
    assert _SearchedStr.searched < 5 * len(wide)


def test_inline_html_over_lines_is_passed_over() -> None:
    # markdown-it reads a tag's "\r\n" as "\n", so a tag written over two lines was not found
    # and the words after it were looked for inside it: 'mayor' pointed into the title
    source = (
        '# Vote\r\n\r\nThe <abbr\r\ntitle="mayor of Leeds">mayor</abbr> said the <span\r\n'
        'class="x">vote</span> was fair.<br\r\n/>It was.\r\n'
    )
    doc = read(source)
    assert blocks(doc) == [("paragraph", 0, "The mayor said the vote was fair.\nIt was.")]
    mayor = next(t for t in doc.tokens if t.text == "mayor")
    assert mayor.span.start == source.index(">mayor<") + 1
    for token in doc.tokens:
        assert src(doc, token.span) == token.text
    brk = doc.blocks[0].text.index("\n")
    assert src(doc, doc.blocks[0].source_span(brk, brk + 1)) == "<br\r\n/>"
    # and a tag over lines of a quote or a list item, whose next line starts with "> " or an indent
    for source in ('> The <abbr\n> title="mayor of Leeds">mayor</abbr> said.\n',
                   '- The <abbr\n  title="mayor of Leeds">mayor</abbr> said.\n',
                   '> 1. The <abbr\n>    title="mayor of Leeds">mayor</abbr> said.\n'):
        doc = read(source)
        assert [b.text for b in doc.blocks] == ["The mayor said."]
        mayor = next(t for t in doc.tokens if t.text == "mayor")
        assert mayor.span.start == source.index(">mayor<") + 1


def test_a_code_span_ends_at_a_run_of_as_many_backticks_as_open_it() -> None:
    # its end was the next backtick, even one of a longer run inside it, so the code of
    # '`git log ``--all`` -n 5`' was taken to end at 'log ' and the words after its real end
    # could be looked for inside it ('`a``b`b': the prose 'b' pointed into the code)
    source = "Run `git log ``--all`` -n 5` to list them, or `a``b`b.\n"
    doc = read(source)
    assert blocks(doc) == [("paragraph", 0, f"Run {OBJECT} to list them, or {OBJECT}b.")]
    assert [source[a:b] for a, b in doc.meta["code"]] == ["`git log ``--all`` -n 5`", "`a``b`"]
    b = next(t for t in doc.tokens if t.text == "b")
    assert b.span.start == source.rindex("b.")


def test_a_quoted_attribute_value_in_a_raw_html_block_is_part_of_its_tag() -> None:
    # a tag ended at the first ">", even one inside a quoted value, so the rest of the tag was
    # copy: '<div title="Turnout > 60%">' read as '60%">The vote passed.'
    source = (
        '<div title="Turnout > 60%">The vote passed.</div>\n\n'
        "<p><a href=\"/vote\" onclick=\"return a<b\">Results</a> are in, <b title='1 > 0'>"
        "and</b> it's official.</p>\n"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "The vote passed."),
        ("paragraph", 0, "Results are in, and it's official."),
    ]
    for token in doc.tokens:
        assert src(doc, token.span) == token.text


def test_an_aside_written_over_blank_lines_hides_the_markdown_inside_it() -> None:
    # '<aside>', a blank line, Markdown and '</aside>' (the way to write Markdown inside HTML)
    # put the paragraph inside the aside on the page, but the reader read only the raw HTML
    # blocks as skipped, so 'Related: ...' and its 'newsleter' were linted as copy
    source = (
        "# Council approves new cycle lanes\n\n"
        "The council voted on Tuesday to build three new cycle lanes.\n\n"
        "<aside>\n\n## Related\n\n**Related:** [Leeds flood defences](https://example.com/f) and "
        "the cyclists' newsleter\n\n</aside>\n\n"
        "The work is expected to cost £1.2m.\n\n"
        "<nav>Home | News\n\n"  # a stray tag that nothing ends hides its own block alone
        "Work starts in May.\n"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "The council voted on Tuesday to build three new cycle lanes."),
        ("paragraph", 0, "The work is expected to cost £1.2m."),
        ("paragraph", 0, "Work starts in May."),
    ]
    page = MarkdownReader()._parser().render(source.split("<nav>")[0])
    assert blocks(doc)[:2] == blocks(HtmlReader().read("a.html", page))
