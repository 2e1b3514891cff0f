"""The document model: spans, line/column mapping, offset maps, and the seed article's model."""

from __future__ import annotations

import gc
import json
import unicodedata
import weakref
from pathlib import Path

import pytest

from newslint.document import Block, Document, LineIndex, OffsetMap, Position, Span
from newslint.engine import read_article
from newslint.readers.base import ProseBuilder
from newslint.readers.html import HtmlReader
from newslint.readers.markdown import MarkdownReader
from newslint.readers.text import TextReader
from tests.shared import DATA

SEED = DATA / "seed" / "seed-article.txt"
NEWS_DEV = DATA / "news-dev"
needs_data = pytest.mark.skipif(not SEED.exists(), reason="shared data folder not present")


def assert_tokens_map_back(document: Document) -> int:
    """Every token's source span reads exactly as the token; returns how many were checked."""
    count = 0
    for sentence in document.sentences:
        for token in sentence.tokens:
            assert document.source[token.span.start : token.span.end] == token.text, (
                document.path,
                token,
                document.position(token.span.start),
            )
            count += 1
    return count


# ---- releasing a document ------------------------------------------------------------------

RELEASE_TEXT = "# Fire at the mill\n\nThe fire spread. Crews came at 9 a.m.\n\n> He said so.\n"


def _words(document: Document) -> list[tuple[str, list[str]]]:
    return [(s.text, [t.text for t in s.tokens]) for s in document.sentences]


def test_a_released_document_builds_the_same_sentences_again() -> None:
    doc = MarkdownReader().read("a.md", RELEASE_TEXT)
    before = _words(doc)
    tokens = [t.text for t in doc.tokens]
    doc.release()
    assert _words(doc) == before
    assert [t.text for t in doc.tokens] == tokens
    # the document's lists and the blocks' are built anew together
    assert doc.sentences[0] is doc.blocks[0].sentences[0]
    assert doc.tokens[0] is doc.sentences[0].tokens[0]


def test_a_released_document_is_freed_without_the_cycle_collector() -> None:
    gc.disable()
    try:
        kept = MarkdownReader().read("a.md", RELEASE_TEXT)
        _words(kept)
        kept_block = weakref.ref(kept.blocks[0])
        del kept
        assert kept_block() is not None  # its sentences point back at it: a cycle
        released = MarkdownReader().read("a.md", RELEASE_TEXT)
        _words(released)
        released.release()
        released_block = weakref.ref(released.blocks[0])
        del released
        assert released_block() is None
    finally:
        gc.enable()


def test_a_run_releases_each_document_once_reported(pm, tmp_path: Path) -> None:
    from newslint.engine import Session

    (tmp_path / "a.md").write_text(RELEASE_TEXT, encoding="utf-8")
    session = Session(pm)
    for result in session.run([str(tmp_path / "a.md")]):
        assert result.document is not None
        assert "sentences" in result.document.blocks[0].__dict__  # the rules built them
        kept = result
    assert "sentences" not in kept.document.blocks[0].__dict__
    assert _words(kept.document)[0] == ("The fire spread.", ["The", "fire", "spread"])


# ---- Span, LineIndex -------------------------------------------------------------------------


def test_span_length_and_membership() -> None:
    span = Span(3, 7)
    assert len(span) == 4
    assert 3 in span and 6 in span
    assert 7 not in span and 2 not in span and "3" not in span


def test_line_index_positions() -> None:
    index = LineIndex("ab\ncd\n\nef")
    assert index.line_count == 4
    assert index.position(0) == Position(1, 1)
    assert index.position(2) == Position(1, 3)  # the line break itself ends line 1
    assert index.position(3) == Position(2, 1)
    assert index.position(6) == Position(3, 1)
    assert index.position(8) == Position(4, 2)
    assert index.position(9) == Position(4, 3)  # the end of the text
    assert index.position(-5) == Position(1, 1)
    assert index.position(99) == Position(4, 3)
    assert index.line_start(4) == 7
    assert index.line_span(2) == Span(3, 5)
    assert index.line_span(3) == Span(6, 6)
    assert index.line_span(4) == Span(7, 9)


def test_line_span_leaves_out_crlf() -> None:
    text = "first\r\nsecond\r\n"
    index = LineIndex(text)
    assert text[slice(*_bounds(index.line_span(1)))] == "first"
    assert text[slice(*_bounds(index.line_span(2)))] == "second"
    assert index.position(text.index("second")) == Position(2, 1)


def _bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


def test_columns_count_characters_not_bytes() -> None:
    text = "Caf\u00e9 \u00fcber \U0001f525 fire\n\u65e5\u672c\u8a9e the the"
    index = LineIndex(text)
    assert index.position(text.index("fire")) == Position(1, 13)
    assert index.position(text.index("the")) == Position(2, 5)
    assert len("Caf\u00e9 \u00fcber \U0001f525 ".encode()) + 1 == 18  # bytes would say column 18


@needs_data
def test_bom_is_stripped_before_positions(tmp_path: Path) -> None:
    file = tmp_path / "bom.txt"
    file.write_bytes(b"\xef\xbb\xbfHeadline here\n\nThe the fire spread.\n")
    text = read_article(file, 10_000_000)
    assert not text.startswith("\ufeff")
    doc = TextReader().read(str(file), text)
    assert doc.headline is not None and doc.headline.text == "Headline here"
    assert doc.position(doc.headline.span.start) == Position(1, 1)
    assert doc.position(doc.tokens[0].span.start) == Position(3, 1)


# ---- OffsetMap ---------------------------------------------------------------------------------


def test_identity_map() -> None:
    omap = OffsetMap.identity(10, 5)
    assert omap.to_source(0) == 10
    assert omap.to_source(4) == 14
    assert omap.to_source_end(5) == 15
    assert omap.span(1, 3) == Span(11, 13)
    assert omap.span(2, 2) == Span(12, 12)


def test_map_with_verbatim_and_replaced_segments() -> None:
    # source: "AT&amp;T *said*" -> prose "AT&T said"
    source = "AT&amp;T *said*"
    builder = ProseBuilder()
    builder.add("AT", 0)
    builder.add("&", 2, 5)  # "&amp;" reads as one character
    builder.add("T ", 7)
    builder.add("said", 10)  # after the "*" of the emphasis
    block = builder.build("paragraph", Span(0, len(source)))
    assert block is not None
    assert block.text == "AT&T said"
    omap = block.offsets
    assert omap.to_source(2) == 2 and omap.to_source_end(3) == 7  # "&" covers the whole entity
    assert omap.span(0, 4) == Span(0, 8)  # "AT&T" -> "AT&amp;T"
    assert omap.span(2, 3) == Span(2, 7)
    assert omap.span(5, 9) == Span(10, 14)  # "said" skips the "*"
    assert source[omap.span(5, 9).start : omap.span(5, 9).end] == "said"
    assert omap.span(3, 9) == Span(7, 14)


def test_builder_merges_verbatim_runs_and_trims_leading_space() -> None:
    builder = ProseBuilder()
    builder.add("  ", 0)
    builder.add("ab", 2)
    builder.add("cd", 4)  # contiguous with "ab": one segment
    builder.add("ef", 9)
    block = builder.build("paragraph", Span(0, 11))
    assert block is not None and block.text == "abcdef"
    assert block.offsets._segments == [(0, 4, 2, 4), (4, 2, 9, 2)]
    assert block.source_span(3, 5) == Span(5, 10)
    empty = ProseBuilder()
    empty.add("   ", 0)
    assert empty.build("paragraph", Span(0, 3)) is None


@pytest.mark.parametrize(
    ("reader", "source"),
    [
        (TextReader(), "Budget approved\n\nThe counicl ap\u00adproved the bud\u200bget.\n"),
        (MarkdownReader(), "# Budget approved\n\nThe counicl ap\u00adproved the bud\u2060get.\n"),
        (HtmlReader(), "<h1>Budget</h1><p>The counicl ap&shy;proved the bud\ufeffget.</p>"),
    ],
)
def test_invisible_characters_do_not_split_words(reader: object, source: str) -> None:
    # a soft hyphen or a zero-width space shows nothing, yet split "ap" from "proved": the
    # fragments made the sentence look foreign, and SP101 left the "counicl" beside them alone
    doc = reader.read("article", source)  # type: ignore[attr-defined]
    assert [t.text for t in doc.tokens] == ["The", "counicl", "approved", "the", "budget"]
    approved = doc.tokens[2]
    assert doc.source[approved.span.start : approved.span.end] in (
        "ap\u00adproved", "ap&shy;proved"
    )
    assert not doc.holds_prose(approved.span)  # a fix would delete the invisible character


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("reader", "source"),
    [
        (TextReader(), _nfd("Café reopens\n\nJosé Martínez reopened the café.\n")),
        (MarkdownReader(), _nfd("# Café reopens\n\nJosé *Martínez* reopened the café.\n")),
        (HtmlReader(), _nfd("<h1>Café reopens</h1><p>José Martínez reopened the café.</p>")),
    ],
)
def test_decomposed_accents_stay_in_their_words(reader: object, source: str) -> None:
    # "e" and a combining acute (macOS, some CMSs) read as "é": "cafe\u0301" was "cafe" and a
    # stray mark, and "Marti\u0301nez" the two words "Marti" and "nez"
    doc = reader.read("article", source)  # type: ignore[attr-defined]
    assert doc.headline is not None and doc.headline.text == "Café reopens"
    words = ["José", "Martínez", "reopened", "the", "café"]
    assert [t.text for t in doc.tokens] == words
    for token, word in zip(doc.tokens, words, strict=True):
        # the whole of each decomposed letter, and nothing beside it
        assert doc.source[token.span.start : token.span.end] == _nfd(word)
        assert doc.holds_prose(token.span)  # a fix of the word replaces it and its marks


ACCENTED = (
    "# Café owner wins award\n\n"
    "José Martínez opened the café café on Monday. The counicl approved it.\n\n"
    '"We were full all day," said Martínez. "It was busy," Müller said.\n\n'
    "Françoise Müller runs the bakery next door.\n"
)
"""ST001 on "café café", SP101 on "counicl" and QT303 on "Müller" (named before her full name)."""


def test_an_article_with_decomposed_accents_has_the_findings_it_has_composed(lint) -> None:
    # mostly decomposed, one "Martínez" composed (pasted from elsewhere): the names, the
    # speakers and the dictionary's words are the same as in the composed article
    decomposed = _nfd(ACCENTED).replace(_nfd("said Martínez"), "said Martínez")
    select = ["ST", "SP", "QT", "HL"]
    composed = lint(ACCENTED, "a.md", select=select)
    assert [v.code for v in composed] == ["ST001", "SP101", "QT303"]
    found = lint(decomposed, "a.md", select=select)
    assert [(v.code, v.message) for v in found] == [(v.code, v.message) for v in composed]
    for v, w in zip(found, composed, strict=True):  # each over the same words
        was = ACCENTED[w.span.start : w.span.end]
        assert _nfd(decomposed[v.span.start : v.span.end]) == _nfd(was)


def test_block_sentences_and_tokens_map_into_source() -> None:
    source = "Intro line.\n\nGen. Smith spoke at 9 a.m. Friday. The U.S. agreed."
    start = source.index("Gen.")
    block = Block(
        "paragraph",
        source[start:],
        Span(start, len(source)),
        OffsetMap.identity(start, len(source) - start),
    )
    assert [s.text for s in block.sentences] == [
        "Gen. Smith spoke at 9 a.m. Friday.",
        "The U.S. agreed.",
    ]
    first, second = block.sentences
    assert source[first.span.start : first.span.end] == first.text
    assert [t.text for t in second.tokens] == ["The", "U.S.", "agreed"]
    assert second.tokens[0].is_sentence_initial and not second.tokens[1].is_sentence_initial


# ---- the seed article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Document:
    return TextReader().read(str(SEED), read_article(SEED, 10_000_000))


def _kind_at_line(doc: Document, line: int) -> str:
    return next(b.kind for b in doc.blocks if doc.position(b.span.start).line == line)


@needs_data
def test_seed_headline_is_line_one(seed: Document) -> None:
    assert seed.headline is not None
    assert seed.headline.text == "Syria force takes IS bastion, 'caliphate' wiped out"
    assert seed.headline.kind == "headline"
    assert seed.position(seed.headline.span.start) == Position(1, 1)
    assert seed.headline not in seed.blocks


@needs_data
def test_seed_block_kinds(seed: Document) -> None:
    assert _kind_at_line(seed, 3) == "caption"  # the photo caption, no full stop
    # line 5 repeats the headline (the page printed it twice): a heading, not a caption
    assert _kind_at_line(seed, 5) == "heading"
    assert seed.blocks[1].text == seed.headline.text if seed.headline else False
    assert _kind_at_line(seed, 37) == "heading"  # "Latest News"
    assert seed.blocks[-1].text == "Latest News"
    body = [b for b in seed.blocks if 7 <= seed.position(b.span.start).line <= 35]
    assert len(body) == 15
    assert {b.kind for b in body} == {"paragraph"}
    assert [seed.position(b.span.start).line for b in seed.blocks] == [3, 5, *range(7, 36, 2), 37]


@needs_data
def test_seed_sentences(seed: Document) -> None:
    texts = [s.text for s in seed.sentences]
    assert "Many remain missing to this day." in texts
    # "U.S." and "Mr" do not end sentences; a full stop after a closing quote does
    assert any(
        t.startswith(
            "In a statement released by the White House on Saturday, Mr Trump said the U.S. would"
        )
        and t.endswith('finally defeated".')
        for t in texts
    )
    assert any(t.endswith('closer to Israel".') for t in texts)
    assert "Controlling territory gave the group room to launch attacks around the world." in texts


@needs_data
def test_seed_tokens_map_back(seed: Document) -> None:
    assert assert_tokens_map_back(seed) > 500


@needs_data
def test_every_news_dev_article_maps_back() -> None:
    reader = MarkdownReader()
    files = sorted(NEWS_DEV.glob("*.md"))
    assert len(files) == 214
    tokens = 0
    for file in files:
        doc = reader.read(str(file), read_article(file, 10_000_000))
        assert doc.headline is not None, file
        tokens += assert_tokens_map_back(doc)
    assert tokens > 50_000


@needs_data
def test_news_dev_index_lists_the_articles() -> None:
    # the corpus index agrees with the files the test above reads
    lines = (NEWS_DEV / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert len([json.loads(line) for line in lines if line.strip()]) == 214


def test_document_helpers() -> None:
    doc = MarkdownReader().read("a.md", "---\ntitle: Head\n---\n\nOne. Two.\n\n> Quoted.\n")
    assert [b.kind for b in doc.blocks] == ["frontmatter", "paragraph", "blockquote"]
    assert [s.text for s in doc.sentences] == ["One.", "Two.", "Quoted."]  # front matter excluded
    assert [t.text for t in doc.tokens] == ["One", "Two", "Quoted"]
    assert doc.body_text == "One. Two.\n\nQuoted."
    assert doc.blocks_of("blockquote")[0].level == 1
    assert doc.lines.line_count == 8


def test_offset_map_knows_which_source_ranges_are_prose_as_written():
    # "a *b* c": prose "a b c" from three verbatim segments, the asterisks between them
    offsets = OffsetMap([(0, 2, 0, 2), (2, 1, 3, 1), (3, 2, 5, 2)])
    assert offsets.holds_verbatim(0, 2) and offsets.holds_verbatim(3, 4)
    assert not offsets.holds_verbatim(1, 4)  # would delete the first asterisk
    assert offsets.holds_verbatim(2, 2) and offsets.holds_verbatim(7, 7)  # insertion points
    assert not offsets.holds_verbatim(2, 3)  # the asterisk alone
    # "&amp;": one prose character from five source characters is no verbatim text
    entity = OffsetMap([(0, 2, 0, 2), (2, 1, 2, 5)])
    assert entity.holds_verbatim(0, 2) and not entity.holds_verbatim(2, 7)


@pytest.mark.parametrize("text", [
    # a front-matter title lies inside the raw front matter: two blocks hold it
    "---\ntitle: Council approves budget\n---\n\nThe mayor said so.\n\n> A quote.\n\n- one\n",
    "# Fire at the docks\n\nThe fire spread.\n\nPolice said the driver was not hurt.\n",
])
def test_the_blocks_around_a_span_are_those_holding_it(text):
    document = MarkdownReader().read("a.md", text)
    blocks = [b for b in (document.headline, *document.blocks) if b is not None]
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 12) + 1):
            span = Span(start, end)
            holding = [b for b in blocks if b.span.start <= start and end <= b.span.end]
            assert sorted(map(id, document._blocks_around(span))) == sorted(map(id, holding))
