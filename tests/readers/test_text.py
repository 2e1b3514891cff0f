"""The plain-text reader: headline, inferred block kinds, suppression lines, line endings."""

from __future__ import annotations

import pytest

from newslint.document import Document, Position
from newslint.readers.text import TextReader, infer_kind


def read(source: str) -> Document:
    return TextReader().read("article.txt", source)


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def test_first_non_empty_line_is_the_headline() -> None:
    doc = read("\n\n  Storm hits coast  \n\nWinds reached 100 mph on Monday.\n")
    assert doc.headline is not None
    assert doc.headline.text == "Storm hits coast"
    assert doc.position(doc.headline.span.start) == Position(3, 3)
    assert kinds(doc) == [("paragraph", "Winds reached 100 mph on Monday.")]
    assert doc.format == "text"


def test_headline_line_followed_directly_by_copy() -> None:
    doc = read("Storm hits coast\nWinds reached 100 mph on Monday.\n")
    assert doc.headline is not None and doc.headline.text == "Storm hits coast"
    assert kinds(doc) == [("paragraph", "Winds reached 100 mph on Monday.")]
    assert doc.position(doc.blocks[0].span.start) == Position(2, 1)


LEDE = ("The SDF took the town on Friday. The Syrian Democratic Forces said the fighting was "
        "over.")


@pytest.mark.parametrize("first", [
    LEDE,  # several sentences
    "Two men were arrested in Leeds on Tuesday after a jewellery shop in the city centre had been "
    "robbed on Monday night by a gang of four who fled in a car.",  # long, with a full stop
])
def test_an_opening_paragraph_on_the_first_line_is_body_copy_not_the_headline(first: str) -> None:
    doc = read(f"{first}\nResidents began returning home.\n\nShops reopened on Monday.\n")
    assert doc.headline is None
    assert kinds(doc) == [("paragraph", f"{first}\nResidents began returning home."),
                          ("paragraph", "Shops reopened on Monday.")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The mayor resigned on Friday.", "paragraph"),
        ('"We are done," she said: "it is over."', "paragraph"),
        ("Latest News", "heading"),
        ("Related: more from the region", "heading"),
        ("Firefighters battle the blaze near the harbour on Monday morning", "caption"),
    ],
)
def test_infer_kind(text: str, kind: str) -> None:
    assert infer_kind(text) == kind


def test_a_repeat_of_the_headline_is_a_heading_however_long() -> None:
    headline = "Firefighters battle a huge blaze near the harbour on a Monday"
    doc = read(f"{headline}\n\n{headline}\n\nThe fire spread fast.\n")
    assert kinds(doc) == [("heading", headline), ("paragraph", "The fire spread fast.")]


def test_multi_line_paragraph_is_one_block() -> None:
    doc = read("Head\n\nFirst line of copy\ncontinues here.\n\nNext.\n")
    assert kinds(doc) == [
        ("paragraph", "First line of copy\ncontinues here."),
        ("paragraph", "Next."),
    ]


def test_crlf_line_endings() -> None:
    source = "Storm hits coast\r\n\r\nWinds reached 100 mph.\r\nTrees fell.\r\n\r\nLatest News\r\n"
    doc = read(source)
    assert doc.headline is not None and doc.headline.text == "Storm hits coast"
    assert kinds(doc) == [
        ("paragraph", "Winds reached 100 mph.\nTrees fell."),
        ("heading", "Latest News"),
    ]
    fell = next(t for t in doc.tokens if t.text == "fell")
    assert doc.position(fell.span.start) == Position(4, 7)


def test_a_phrase_across_a_windows_line_break() -> None:
    # a CRLF break is one break in the prose, as an LF one is: a house rule's phrase wrapped
    # over two lines is found, and maps back to the source's own characters
    source = "Prices rise\r\n\r\nPrices rose by 5 per\r\ncent in March.\r\n"
    doc = read(source)
    [block] = doc.blocks
    assert block.text == "Prices rose by 5 per\ncent in March."
    at = block.text.index("per\ncent")
    span = block.source_span(at, at + len("per\ncent"))
    assert source[span.start:span.end] == "per\r\ncent"


def test_suppression_lines_are_not_copy() -> None:
    source = (
        "newslint: disable ST002\n"
        "Storm hits coast\n\n"
        "The the storm came.\n"
        "newslint: disable-next-line ST001\n"
        "It it passed.\n\n"
        "  NEWSLINT: enable\n"
        "Latest News\n"
    )
    doc = read(source)
    assert doc.headline is not None and doc.headline.text == "Storm hits coast"
    assert kinds(doc) == [
        ("paragraph", "The the storm came."),
        ("paragraph", "It it passed."),
        ("heading", "Latest News"),
    ]
    assert not any("newslint" in t.text.lower() for t in doc.tokens)


def test_empty_and_blank_sources() -> None:
    for source in ("", "\n\n  \n"):
        doc = read(source)
        assert doc.headline is None and doc.blocks == []


def test_headline_only() -> None:
    doc = read("Only a headline\n")
    assert doc.headline is not None and doc.headline.text == "Only a headline"
    assert doc.blocks == []
