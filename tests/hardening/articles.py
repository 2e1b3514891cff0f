"""Hypothesis strategies for hostile articles, and the invariants every lint result must keep.

Three sources of text, mixed by :func:`articles`:

- random Unicode (any code point but surrogates, which a decoded file cannot hold);
- articles built from news words, quote marks and the markup of all three formats, with mixed
  line endings (``\\n``, ``\\r\\n``, ``\\r``), very long lines, deeply nested lists and block quotes
  and huge front matter;
- real development articles (``../shared/data/news-dev/``) cut, spliced and re-punctuated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from newslint.document import Document, Span
from newslint.engine import FileResult
from newslint.fixes import edit_of
from newslint.violation import INTERNAL_ERROR, Violation
from tests.shared import DATA

ROOT = Path(__file__).resolve().parents[2]

SEED_DIR = DATA / "news-dev"
PATHS = {"text": "article.txt", "markdown": "article.md", "html": "article.html"}


def _load_seeds() -> tuple[str, ...]:
    # CI lays shared/ beside the clone; the bundled examples stand in where it is missing
    folder = SEED_DIR if SEED_DIR.is_dir() else ROOT / "examples"
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt", ".html"))
    return tuple(p.read_text(encoding="utf-8-sig") for p in files)


SEEDS = _load_seeds()


def scaled(fraction: float, floor: int = 2) -> int:
    """``max_examples`` for a costly test: a fraction of the active profile's count, so the
    ``extended`` profile scales it too."""
    return max(floor, int(settings().max_examples * fraction))


WORDS = (
    "the the",
    "The",
    "a",
    "an",
    "said",
    "says",
    "told",
    "according to",
    "Mr",
    "Mr.",
    "Ms",
    "Dr.",
    "U.S.",
    "U.K.",
    "St.",
    "Jan.",
    "No.",
    "e.g.",
    "colour",
    "color",
    "organise",
    "organize",
    "Amara Okafor",
    "Okafor",
    "Okafur",
    "John Smith",
    "Smith",
    "NATO",
    "North Atlantic Treaty",
    "Organization",
    "(NATO)",
    "percent",
    "per cent",
    "%",
    "12",
    "twelve",
    "3.5",
    "1,000",
    "$5m",
    "Click here to subscribe",
    "Advertisement",
    "an official",
    "sources",
    "Monday",
    "it's",
    "its",
    "their",
    "there",
    "affect",
    "effect",
    "forced",
    "forces",
    "police",
    "minister",
    "council",
    "—",
    "–",
    "…",
    "...",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "  ",
    "   ",
    "\t",
    "e\u0301",
    "ﬁ",
    "İ",
    "ß",
    "\u200b",
    "\u00a0",
    "\ufeff",
    "\ufffc",
    "😀",
    "👩‍👩‍👧",
    "\u202e",
    "\x0c",
    "\x0b",
    "\x85",
    "\u2028",
    "\u2029",
)
QUOTE_MARKS = ('"', "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "''", "``")
MARKUP = (
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "```",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "![alt](x.png)",
    "[link](",
    "](http://example.com)",
    "<https://example.com>",
    "\\",
    "\\*",
    "&amp;",
    "&amp",
    "&#8220;",
    "&#x201D;",
    "&quot;",
    "&bogus;",
    "&#0;",
    "&#x110000;",
    "&#99999999;",
    "<b>",
    "</b>",
    "<i>",
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<title>",
    "</title>",
    "<article>",
    "</article>",
    "<main>",
    "<script>",
    "</script>",
    "<style>",
    "<nav>",
    "<figcaption>",
    "<blockquote>",
    "</blockquote>",
    "<!--",
    "-->",
    "<!-- newslint-disable -->",
    "<!-- newslint-disable ST001 -->",
    "<!-- newslint-enable -->",
    "<!-- newslint-disable-next-line -->",
    "newslint: disable ST",
    "newslint: enable",
    "<![CDATA[",
    "]]>",
    "<?xml",
    "<!DOCTYPE html>",
    "<",
    ">",
    "&",
    "|",
    "| --- |",
    "#",
    "---",
    "+++",
    "> ",
    "1. ",
    "- ",
    "* ",
    "    ",
    "<div",
    '="',
    "<a href='",
    "'>",
)
ENDINGS = ("\n", "\r\n", "\r")

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(MARKUP),
    any_text,
)


@st.composite
def line(draw: st.DrawFn, max_pieces: int = 14) -> str:
    parts = draw(st.lists(pieces, min_size=1, max_size=max_pieces))
    return " ".join(parts) if draw(st.booleans()) else "".join(parts)


@st.composite
def long_line(draw: st.DrawFn) -> str:
    unit = draw(line(max_pieces=4))
    return (unit + " ") * draw(st.integers(50, 1500))


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """YAML or TOML front matter: a title, many fields, sometimes broken syntax."""
    yaml = draw(st.booleans())
    fence = "---" if yaml else "+++"
    title = draw(line(max_pieces=6)).replace("\n", " ").replace("\r", " ")
    if yaml:
        rows = [
            f"title: {title}",
            *(f"k{i}: {draw(st.sampled_from(WORDS))}" for i in range(draw(st.integers(0, 5)))),
        ]
    else:
        escaped = title.replace("\\", "\\\\").replace('"', '\\"')
        rows = [f'title = "{escaped}"']
    if draw(st.booleans()):  # huge: thousands of fields
        n = draw(st.integers(100, 3000))
        rows += [f"field{i}: value {i}" if yaml else f'field{i} = "value {i}"' for i in range(n)]
    if draw(st.integers(0, 4)) == 0:
        rows.append(draw(line()))  # probably not valid YAML or TOML
    closer = draw(st.sampled_from([fence, fence, fence, "...", ""]))
    return "\n".join([fence, *rows, closer]) + "\n"


@st.composite
def block(draw: st.DrawFn, flavour: str) -> str:
    kind = draw(
        st.sampled_from(
            ["paragraph", "paragraph", "quote", "heading", "list", "blockquote", "long", "fence"]
        )
    )
    text = draw(line())
    if kind == "quote":
        open_, close = draw(
            st.sampled_from([('"', '"'), ("“", "”"), ("‘", "’"), ("“", ""), ("", "”"), ('"', "")])
        )
        who = draw(
            st.sampled_from(["Okafor said", "said Smith", "an official said", "", "he says"])
        )
        text = f"{open_}{text}{close} {who}."
    elif kind == "long":
        text = draw(long_line())
    depth = draw(st.integers(1, 40)) if kind in ("list", "blockquote") else 1
    if flavour == "markdown":
        if kind == "heading":
            return "#" * draw(st.integers(1, 7)) + " " + text
        if kind == "list":
            marker = draw(st.sampled_from(["- ", "* ", "1. ", "+ "]))
            return "\n".join("  " * i + marker + text for i in range(depth))
        if kind == "blockquote":
            return ">" * depth + " " + text
        if kind == "fence":
            return f"```\n{text}\n```"
    if flavour == "html":
        if kind == "heading":
            n = draw(st.integers(1, 6))
            return f"<h{n}>{text}</h{n}>"
        if kind == "list":
            closing = "</li></ul>" * depth if draw(st.booleans()) else ""
            return "<ul><li>" * depth + text + closing
        if kind == "blockquote":
            return "<blockquote>" * depth + f"<p>{text}</p>" + "</blockquote>" * depth
        if kind == "fence":
            return f"<pre>{text}</pre>"
        return f"<p>{text}</p>" if draw(st.booleans()) else f"<p>{text}"
    return text


@st.composite
def built_article(draw: st.DrawFn, flavour: str) -> str:
    head = draw(line(max_pieces=8))
    body = draw(st.lists(block(flavour), min_size=0, max_size=12))
    if flavour == "html":
        text = (
            f"<html><head><title>{head}</title></head><body>"
            + ("<article>" if draw(st.booleans()) else "")
            + f"<h1>{head}</h1>\n"
            + "\n".join(body)
        )
    else:
        head = ("# " + head) if flavour == "markdown" and draw(st.booleans()) else head
        text = head + "\n\n" + "\n\n".join(body)
        if flavour == "markdown" and draw(st.booleans()):
            text = draw(front_matter()) + text
    return draw(mixed_endings(text))


@st.composite
def mixed_endings(draw: st.DrawFn, text: str) -> str:
    """``text`` with each line break replaced by one of ``\\n``, ``\\r\\n`` and ``\\r``."""
    style = draw(st.sampled_from(["keep", "crlf", "cr", "mixed"]))
    if style == "keep":
        return text
    if style != "mixed":
        return text.replace("\n", "\r\n" if style == "crlf" else "\r")
    lines = text.split("\n")
    ends = draw(st.lists(st.sampled_from(ENDINGS), min_size=len(lines), max_size=len(lines)))
    return "".join(a + b for a, b in zip(lines, ends[:-1], strict=False)) + lines[-1]


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A development article with a few cuts, splices and insertions of hostile text."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "endings"]))
        at = draw(st.integers(0, len(text)))
        if op == "insert":
            text = text[:at] + draw(st.one_of(line(), pieces, long_line())) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 400)) :]
        elif op == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 2000))] + text[at:]
        elif op == "truncate":
            text = text[:at]
        else:
            text = draw(mixed_endings(text))
    return text


def articles(flavour: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=400),
        built_article(flavour),
        mutated_seed(),
    )


# ---- invariants ------------------------------------------------------------------------------


def check_offset(doc: Document, offset: int, what: str) -> None:
    """``offset`` lies in the file and maps to a line that exists and a column on it
    (1-based; the column may be one past the line's last character, where its break is)."""
    assert 0 <= offset <= len(doc.source), f"{what}: offset {offset} outside the file"
    pos = doc.position(offset)
    assert 1 <= pos.line <= doc.lines.line_count, f"{what}: line {pos.line}"
    line = doc.lines.line_span(pos.line)
    assert 1 <= pos.column <= len(line) + 1, (
        f"{what}: offset {offset} is column {pos.column} of line {pos.line}, "
        f"which has {len(line)} characters: {doc.source[line.start : line.end + 2]!r}"
    )


def check_span(doc: Document, span: Span, what: str) -> None:
    assert span.start <= span.end, f"{what}: span {span} ends before it starts"
    check_offset(doc, span.start, what)
    check_offset(doc, span.end, what)


def check_result(result: FileResult) -> None:
    """No crash, one-line errors only, and every violation, suggestion and fix inside the file."""
    assert not result.internal_errors, [v.message for v in result.internal_errors]
    if result.error is not None:
        assert "\n" not in result.error and "crashed" not in result.error, result.error
        return
    doc = result.document
    assert doc is not None
    for v in result.violations:
        assert v.code != INTERNAL_ERROR
        check_span(doc, v.span, f"{v.code} {v.message}")
        for s in v.suggestions:
            if s.span is not None:
                check_span(doc, s.span, f"{v.code} suggestion {s.replacement!r}")


def fingerprint(violations: list[Violation]) -> list[tuple[Any, ...]]:
    """Everything a reporter shows of each violation, comparable across runs."""
    return [
        (
            v.code,
            v.rule,
            v.message,
            str(v.severity),
            v.span.start,
            v.span.end,
            [(s.replacement, s.span, s.safe) for s in v.suggestions],
            edit_of(v),
        )
        for v in violations
    ]
