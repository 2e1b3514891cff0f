"""The HTML reader: headline, scoping, skipped boilerplate, captions, entities, broken markup."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from newslint.document import Document, Position
from newslint.readers.base import BLOCK_TAGS, OBJECT
from newslint.readers.html import _BLOCKS, _CLOSES_P, _LOOSE, HtmlReader

EXAMPLE = """\
<!DOCTYPE html>
<html>
<head>
<title>Fire destroys warehouse | Daily News</title>
<meta name="description" content="A fire destroyed a harbour warehouse.">
<meta property="og:title" content="Fire">
<style>p { color: red; }</style>
<script>var x = "<p>not prose</p>";</script>
</head>
<body>
<nav><p>Home | News</p></nav>
<article>
<h1>Fire destroys the warehouse</h1>
<p>Firefighters fought the blaze for <em>six hours</em>, said the chief
on Monday. The cafe closed.</p>
<figure><img src="x.jpg" alt="smoke"><figcaption>Smoke rises over the docks.</figcaption></figure>
<h2>What happened</h2>
<blockquote><p>"We lost everything," said the owner.</p></blockquote>
<ul><li>First item.<ul><li>Nested item.</li></ul></li><li>Second item</li></ul>
<aside><p>Related stories</p></aside>
</article>
<footer><p>Copyright 2024</p></footer>
</body>
</html>
"""


def read(source: str) -> Document:
    return HtmlReader().read("article.html", source)


def blocks(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in doc.blocks]


def test_example_model() -> None:
    doc = read(EXAMPLE)
    assert doc.format == "html"
    assert doc.headline is not None and doc.headline.text == "Fire destroys the warehouse"
    assert doc.headline.kind == "headline"
    assert doc.position(doc.headline.span.start) == Position(13, 1)
    assert blocks(doc) == [
        (
            "paragraph",
            0,
            "Firefighters fought the blaze for six hours, said the chief on Monday."
            " The cafe closed.",
        ),
        ("caption", 0, "Smoke rises over the docks."),
        ("heading", 2, "What happened"),
        ("blockquote", 1, '"We lost everything," said the owner.'),
        ("list_item", 1, "First item."),
        ("list_item", 2, "Nested item."),
        ("list_item", 1, "Second item"),
    ]
    assert doc.frontmatter == {
        "description": "A fire destroyed a harbour warehouse.",
        "og:title": "Fire",
        "title": "Fire destroys warehouse | Daily News",
    }


def test_example_tokens_map_back() -> None:
    doc = read(EXAMPLE)
    for token in doc.tokens:
        assert doc.source[token.span.start : token.span.end] == token.text
    monday = next(t for t in doc.tokens if t.text == "Monday")
    assert doc.position(monday.span.start) == Position(15, 4)
    assert len(doc.tokens) == 34


def test_title_when_there_is_no_h1() -> None:
    doc = read(
        "<html><head><title>Only a title</title></head><body><h2>Sub</h2><p>Body.</p></body></html>"
    )
    assert doc.headline is not None and doc.headline.text == "Only a title"
    assert doc.headline.kind == "headline"
    assert blocks(doc) == [("heading", 2, "Sub"), ("paragraph", 0, "Body.")]
    assert read("<p>No headline at all.</p>").headline is None


def test_article_or_main_scopes_the_copy() -> None:
    page = (
        "<body><header><h1>Site name</h1></header><p>Teaser.</p>"
        "<{0}><h1>Story</h1><p>Copy.</p></{0}><p>After.</p></body>"
    )
    for tag in ("article", "main"):
        doc = read(page.format(tag))
        assert doc.headline is not None and doc.headline.text == "Story"
        assert blocks(doc) == [("paragraph", 0, "Copy.")]


def test_an_article_only_written_in_a_comment_or_script_scopes_nothing() -> None:
    for aside in ('<script>var t = "<article>";</script>', "<!-- <main> -->",
                  "<main-menu><p>Menu.</p></main-menu>", "<template><article></template>"):
        doc = read(f"<html><head>{aside}</head><body><h1>Story</h1><p>Copy.</p></body></html>")
        assert doc.headline is not None and doc.headline.text == "Story", aside
        assert ("paragraph", 0, "Copy.") in blocks(doc), aside


def test_boilerplate_is_skipped() -> None:
    doc = read(
        "<script>document.write('<p>x</p>')</script><style>.a{}</style><nav><ul><li>Home</li></ul></nav>"
        "<form><p>Sign up</p></form><aside><p>Ad</p></aside>"
        "<footer><p>Contact</p></footer><p>Copy.</p>"
    )
    assert blocks(doc) == [("paragraph", 0, "Copy.")]


def test_code_is_not_prose() -> None:
    # as in Markdown: a preformatted block is skipped, inline code is one object of the prose
    source = (
        "<p>Run <code>git push  the the</code> now, said <kbd>Ctrl</kbd>.</p>"
        "<blockquote><pre>the the   layout</pre><p>Quoted.</p></blockquote>"
        "<li>Type <code>x &amp; y<p>Next."
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, f"Run {OBJECT} now, said {OBJECT}."),
        ("blockquote", 1, "Quoted."),
        ("list_item", 1, f"Type {OBJECT}"),  # unclosed: the code ends with its block
        ("list_item", 1, "Next."),
    ]
    para = doc.blocks[0]
    code = para.text.index(OBJECT)
    assert doc.source[slice(*_bounds(para.source_span(code, code + 1)))] == \
        "<code>git push  the the</code>"


def test_unclosed_tags_inside_skipped_elements_do_not_swallow_the_page() -> None:
    doc = read("<nav><p>Home<p>News<li>More</nav><p>Body text.</p>")
    assert blocks(doc) == [("paragraph", 0, "Body text.")]


def test_malformed_and_unclosed_markup() -> None:
    source = (
        "<p>One<p>Two</p><ul><li>First<li>Second</ul><p>After the list."
        "<p>Bold <b>and <i>mixed</b> tags</i>.<blockquote><p>Quoted.</blockquote><p>Not quoted."
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "One"),
        ("paragraph", 0, "Two"),
        ("list_item", 1, "First"),
        ("list_item", 1, "Second"),
        ("paragraph", 0, "After the list."),
        ("paragraph", 0, "Bold and mixed tags."),
        ("blockquote", 1, "Quoted."),
        ("paragraph", 0, "Not quoted."),
    ]
    assert doc.source[doc.blocks[0].span.start : doc.blocks[0].span.end] == "<p>One"
    assert doc.source[doc.blocks[1].span.start : doc.blocks[1].span.end] == "<p>Two</p>"


def test_entities_map_back_to_their_source() -> None:
    source = (
        "<p>AT&amp;T&#39;s chief&nbsp;officer said &copy 2024 &#x2014; AT&T &bogus;"
        " caf&eacute;.</p>"
    )
    doc = read(source)
    (para,) = doc.blocks
    assert para.text == "AT&T's chief\u00a0officer said \u00a9 2024 \u2014 AT&T &bogus; caf\u00e9."
    for token in doc.tokens:
        written = doc.source[token.span.start : token.span.end]
        assert html.unescape(written) == token.text
    spans = {t.text: doc.source[t.span.start : t.span.end] for t in doc.tokens}
    assert spans["T's"] == "T&#39;s"
    assert spans["caf\u00e9"] == "caf&eacute;"
    nbsp = para.text.index("\u00a0")
    assert doc.source[slice(*_bounds(para.source_span(nbsp, nbsp + 1)))] == "&nbsp;"
    dash = para.text.index("\u2014")
    assert doc.source[slice(*_bounds(para.source_span(dash, dash + 1)))] == "&#x2014;"
    bare = para.text.index("AT&T ")
    assert doc.source[slice(*_bounds(para.source_span(bare, bare + 4)))] == "AT&T"


def _bounds(span: object) -> tuple[int, int]:
    return span.start, span.end  # type: ignore[attr-defined]


def test_br_and_whitespace() -> None:
    source = "<p>Line one<br>line   two<br/>\n   line three.</p>"
    doc = read(source)
    (para,) = doc.blocks
    assert para.text == "Line one\nline two\n line three."
    for token in doc.tokens:
        assert doc.source[token.span.start : token.span.end] == token.text
    gap = para.text.index("two") - 1
    assert doc.source[slice(*_bounds(para.source_span(gap, gap + 1)))] == "   "


def test_tables_captions_and_definition_lists() -> None:
    doc = read(
        "<table><caption>Results by district</caption><tr><td>North</td></tr></table>"
        "<dl><dt>Term</dt><dd>Its meaning.</dd></dl>"
    )
    assert blocks(doc) == [
        ("caption", 0, "Results by district"),
        ("paragraph", 0, "North"),
        ("paragraph", 0, "Term"),
        ("paragraph", 0, "Its meaning."),
    ]


def test_uppercase_tags_and_columns_with_non_ascii() -> None:
    source = "<H1>Caf\u00e9 \U0001f525 fire</H1>\n<P>\u65e5\u672c the the end.</P>"
    doc = read(source)
    assert doc.headline is not None and doc.headline.text == "Caf\u00e9 \U0001f525 fire"
    the = next(t for t in doc.tokens if t.text == "the")
    assert doc.position(the.span.start) == Position(2, 7)


def test_text_outside_paragraphs_is_copy() -> None:
    # a story in a <div>, its paragraphs parted by <br>s, was not read at all: a clean file
    source = (
        "<body><div>Daily Bugle</div><article><h1>Storm hits</h1>\n"
        "<div class='story'>The storm hit the the coast.<br><br>Residents <b>fled</b>.</div>\n"
        "<section>Officials &amp; police said so.<p>A paragraph.</p>Loose again.</section>\n"
        "</article></body>"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "The storm hit the the coast.\n\nResidents fled."),
        ("paragraph", 0, "Officials & police said so."),
        ("paragraph", 0, "A paragraph."),
        ("paragraph", 0, "Loose again."),
    ]
    for token in doc.tokens:
        assert html.unescape(doc.source[token.span.start : token.span.end]) == token.text
    story = doc.blocks[0].span
    assert doc.source[story.start : story.end] == (
        "The storm hit the the coast.<br><br>Residents <b>fled</b>."
    )


def test_every_block_element_ends_loose_text() -> None:
    # loose text ends at the tags of BLOCK_TAGS, which must hold every tag that opens a block
    # or closes a <p>, else their text would run into the loose text before them
    assert _CLOSES_P | (_BLOCKS.keys() - {_LOOSE}) <= BLOCK_TAGS
    source = "<div>Sign up<form>Your name</form>Thanks<center>Old style</center>End</div>\n"
    assert blocks(read(source)) == [
        ("paragraph", 0, "Sign up"),
        ("paragraph", 0, "Thanks"),  # a form is no copy
        ("paragraph", 0, "Old style"),
        ("paragraph", 0, "End"),
    ]


def test_sniff() -> None:
    reader = HtmlReader()
    assert reader.sniff("  <!DOCTYPE html><p>x</p>")
    assert not reader.sniff("Plain headline")


def test_a_start_tag_with_no_end_is_not_looked_for_to_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Python's parser looked for the end of every "<a" with no ">" after it to the end of the
    # text ('<a ' 20,000 times took 52 s); such tags read as text, as they did
    calls = 0
    check = HTMLParser.check_for_whole_start_tag

    def counting(self: HTMLParser, i: int) -> int:
        nonlocal calls
        calls += 1
        return check(self, i)

    monkeypatch.setattr(HTMLParser, "check_for_whole_start_tag", counting)
    doc = read("<p>Storm <b>hits</b> town, " + "<a " * 1000)
    assert blocks(doc) == [("paragraph", 0, "Storm hits town, " + " ".join(["<a"] * 1000))]
    assert calls == 2  # <p> and <b>


class _CountedList(list):  # type: ignore[type-arg]
    """A list that adds up how many of its items are read by iterating it, looking for an item
    in it or slicing it."""

    read = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for item in super().__iter__():
            _CountedList.read += 1
            yield item

    def __contains__(self, item: object) -> bool:
        _CountedList.read += len(self)
        return super().__contains__(item)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            _CountedList.read += len(self)
        return super().__getitem__(index)


def test_a_page_nested_deep_is_read_in_time_linear_in_its_depth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every tag read the stack of open elements (whether a block quote or a list item was open,
    # how many were), so quotes nested 20,000 deep took 110 s: count what the parser's lists give
    from newslint.readers import html as html_reader

    init = html_reader._Parser.__init__

    def counted(self: HTMLParser, *args: object) -> None:
        init(self, *args)  # type: ignore[arg-type]
        for name, value in vars(self).items():
            if type(value) is list:
                setattr(self, name, _CountedList(value))

    monkeypatch.setattr(html_reader._Parser, "__init__", counted)
    depth = 1000
    quotes = "<blockquote><p>He said it was over.</p>" * depth + "</blockquote>" * depth
    items = "<ul><li>Storm hits town" * depth + "</li></ul>" * depth
    for source in (quotes, items):
        monkeypatch.setattr(_CountedList, "read", 0)
        doc = read(f"<html><body>{source}<p>The end.</p></body></html>")
        assert _CountedList.read < 10 * depth  # the stacks' reads made it over 500 times depth
        assert len(doc.blocks) == depth + 1
        assert doc.blocks[-2].level == depth and doc.blocks[-1].level == 0


def test_a_hash_after_an_ampersand_that_is_no_reference_is_text() -> None:
    # Python's parser stopped at each '&#' that starts no reference and read all the page after
    # the second as text, so the script, the menu and the tags below were linted as prose
    source = (
        "<article><p>Fans used the tag &#; to vote.</p><p>The &#x; sign is a typo.</p>"
        "<nav>Home | Sport</nav><script>var a = 1;</script>"
        "<p>Polls close at <b>ten</b> &amp; results follow.</p></article>"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "Fans used the tag &#; to vote."),
        ("paragraph", 0, "The &#x; sign is a typo."),
        ("paragraph", 0, "Polls close at ten & results follow."),
    ]
    for token in doc.tokens:
        assert html.unescape(doc.source[token.span.start : token.span.end]) == token.text


@pytest.mark.parametrize(
    ("markup", "method"),
    [("<!-- draft ", "parse_comment"), ("</ em ", "parse_endtag"), ("<?php ", "parse_pi"),
     ("<!x ", "parse_html_declaration")],
)
def test_markup_with_no_end_is_not_looked_for_to_the_end(
    monkeypatch: pytest.MonkeyPatch, markup: str, method: str
) -> None:
    # as for start tags above: from every comment, end tag, processing instruction or
    # declaration with no end after it, the parser looked for one to the end of the text
    # ('<!--' 32,000 times took 22 s, '</x ' 2 s)
    calls = 0
    parse = getattr(HTMLParser, method)

    def counting(self: HTMLParser, i: int, *args: object) -> int:
        nonlocal calls
        calls += 1
        return parse(self, i, *args)  # type: ignore[no-any-return]

    monkeypatch.setattr(HTMLParser, method, counting)
    doc = read("<p>Storm hits <b>town</b>, " + markup * 1000)
    assert blocks(doc)[0][2].startswith("Storm hits town,")
    assert calls <= 1  # the "</b>" only, for end tags


class _SearchedText(str):
    """Text that adds up how many characters its ``find`` reads."""

    searched = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        found = super().find(sub, start, end)
        begin = start or 0
        _SearchedText.searched += (found if found >= 0 else len(self)) - begin
        return found


@pytest.mark.parametrize("markup", ["<a ", "<!-- draft ", "</ em ", "<?php ", "<!x "])
def test_markup_left_open_at_the_end_is_read_as_text_in_linear_time(
    monkeypatch: pytest.MonkeyPatch, markup: str
) -> None:
    # once the page was all fed, the parser read each piece of markup left open as text up to
    # the next '<', having first looked for a '>' to the end of the page from each one: a 4 MB
    # tail of '<p ' with no '>' took 3.6 s, four times the 2 MB one
    goahead = HTMLParser.goahead

    def searched(self: HTMLParser, end: bool) -> None:
        self.rawdata = _SearchedText(self.rawdata)  # type: ignore[attr-defined]
        goahead(self, end)

    monkeypatch.setattr(HTMLParser, "goahead", searched)
    monkeypatch.setattr(_SearchedText, "searched", 0)
    source = "<p>Storm hits <b>town</b>, " + (markup + "the river rose overnight ") * 1000
    doc = read(source)
    assert blocks(doc)[0][2].startswith("Storm hits town, " + markup.strip())
    assert doc.blocks[0].text.endswith("the river rose overnight")
    assert _SearchedText.searched < 3 * len(source)  # it read 500 times the page's length


def test_a_block_inside_a_list_item_quote_or_cell_parts_its_text() -> None:
    # the text of a <div> or a <nav> inside a list item, a quote or a table cell ran into the
    # words around it ('noonTickets', 'poundsfrom', 'soand'), a line apart on the page
    source = (
        "<ul><li>The ferry sails at noon<div>Tickets cost five pounds</div>from the pier</li></ul>"
        "<blockquote>He said so<nav>Home</nav>and left</blockquote>"
        "<table><tr><td>Votes cast<div>12,000</div></td></tr></table>"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("list_item", 1, "The ferry sails at noon"),
        ("list_item", 1, "Tickets cost five pounds"),
        ("list_item", 1, "from the pier"),
        ("blockquote", 1, "He said so"),
        ("blockquote", 1, "and left"),
        ("paragraph", 0, "Votes cast"),
        ("paragraph", 0, "12,000"),
    ]
    for token in doc.tokens:
        assert doc.source[token.span.start : token.span.end] == token.text


def test_a_name_after_an_ampersand_reads_as_a_browser_reads_it() -> None:
    # Python's parser reads '&D.', '&T-owned' and '&S.com' as references by name and the reader
    # kept only what it decoded ('&D'), so the full stop after 'R&D' and the '-owned' of
    # 'AT&T-owned' were lost: two sentences ran into one, and 'AT&T network' was a phrase
    # nobody wrote; '&notit;' is '¬' and 'it;' as written, and each of those points at itself
    source = (
        "<article><p>The firm spends more on R&D. Its rival, the AT&T-owned network, spends "
        "less.</p><p>Sales at M&S.com rose by a third.</p>"
        "<p>The &notit; sign is a typo for &notin;.</p></article>"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "The firm spends more on R&D. Its rival, the AT&T-owned network, "
                         "spends less."),
        ("paragraph", 0, "Sales at M&S.com rose by a third."),
        ("paragraph", 0, "The ¬it; sign is a typo for ∉."),
    ]
    assert len(doc.blocks[0].sentences) == 2
    for token in doc.tokens:
        assert html.unescape(doc.source[token.span.start : token.span.end]) == token.text
    typo = doc.blocks[2]
    at = typo.text.index("it;")
    assert doc.source[typo.source_span(at, at + 2).start :].startswith("it; sign")
    assert doc.source[typo.source_span(at - 1, at).start :].startswith("&notit;")


def test_a_text_box_is_no_copy() -> None:
    # the default text of a comment box (a <textarea> outside any <form>, as a page's script
    # sends it) was read as a paragraph and its 'coment' reported, where a browser shows it in
    # the field and the Markdown reader already passes it by
    source = (
        "<article><h1>Readers respond to the budget</h1>"
        "<p>Send us your views on the budget below.</p>"
        '<textarea name="comment" rows="4">Type your coment here. <b>Bold</b> &amp; more'
        "</textarea><p>Comments are read before they appear.</p></article>"
    )
    doc = read(source)
    assert blocks(doc) == [
        ("paragraph", 0, "Send us your views on the budget below."),
        ("paragraph", 0, "Comments are read before they appear."),
    ]
    start = source.index(">Type") + 1
    assert doc.meta["code"] == [(start, source.index("</textarea>"))]
