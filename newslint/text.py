"""Word and sentence splitting tuned for news copy.

News is dense with abbreviations that end in a full stop (U.S., Mr., Gen., a.m., Jan., initials),
so a full stop is a sentence boundary only when what follows starts a sentence and what precedes
is not an abbreviation that always leads into a name.
"""

from __future__ import annotations

import re

WORD_RE = re.compile(
    # Every token opens with a letter or digit, taken before the alternatives, each of which
    # then looks behind at it: a pattern that opens with a character class lets the regex
    # engine skip to the next candidate character, where an alternation is tried at every one.
    r"[^\W_](?:"
    r"(?<=[A-Za-z])\.(?:[A-Za-z]\.)+"  # dotted abbreviations: U.S., a.m.
    r"|(?<=\d)[\d,.]*\d"  # numbers with separators: 2,000 and 3.5
    # words with inner apostrophes or hyphens; runs of letters, not a letter at a time, as the
    # regex engine loops far faster over a character class than over an alternation
    r"|[^\W_]*(?:['’\-][^\W_]+)*"
    r")"
)
"""A token: a dotted abbreviation, a number, or a word (inner apostrophes and hyphens kept)."""

_TLD = r"(?:com|org|net|gov|edu|info|io|co|uk|us|de|fr|au|ca|(?-i:[a-z]{2}))"
"""The end of a bare domain: a common one, in any case ("Amazon.COM", "Example.CO.UK"), or any
other two lower-case letters, a country's ("Amazon.in", "Yandex.ru"), as domains are written; a
missing space before a capital ("on Monday.It was") makes no domain."""

NOT_PROSE = re.compile(
    # an address's name may hold an apostrophe (o'brien@), which a CMS may have curled; it is
    # tried only where the name can start, not again at each letter of a long word (quadratic)
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w.+-])(?<![\w.+-]['’])[\w.+-]+(?:['’][\w.+-]+)*@[\w-]+(?:\.[\w-]+)+|[@#]\w+"
    # a bare domain only from the start of its dotted run: tried again at each of its words,
    # a long run with no domain ending in it ("a.a.a. ...") took time quadratic in its length
    rf"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.{_TLD}\b\S*",
    re.I,
)
"""Stretches of text that are not prose words: links, e-mail addresses, handles, hashtags."""

_DOMAIN = re.compile(rf"www\.|\.{_TLD}\b", re.I)
"""What a stretch of :data:`NOT_PROSE` without "@", "#" or "/" holds: a quick test that most
sentences with dots fail (theirs are abbreviations' and decimals'), where that pattern would be
tried at every word."""


def not_prose_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each stretch of :data:`NOT_PROSE` in ``text``, in order."""
    if "@" not in text and "#" not in text and "/" not in text and (
        "." not in text.rstrip(".") or not _DOMAIN.search(text)
    ):
        return []
    return [m.span() for m in NOT_PROSE.finditer(text)]

# Abbreviations that lead into a name or a number, so a full stop after them never ends a sentence.
_LEADING_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl pvt pfc spc ens adm cmdr gov sen
    rep pres supt insp det rev msgr fr mt vs v hon messrs mssrs drs gens govs sens
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Abbreviations that lead into a number only ("No. 10", "Fig. 3"); before a word they are the
# word itself ("He said no. The others agreed.").
_NUMBER_ABBREVIATIONS = frozenset("no nos fig figs vol art".split())
# Abbreviations that can end a sentence as well (U.S., a.m., Inc., etc.): a boundary only when
# the next word is one that commonly opens a sentence. Those that follow a name or a number
# (King Jr., Pennsylvania Ave., 30 ft.) are among them; so are Street and Saint's "St." and
# feet and Fort's "Ft.", as no name a saint or fort leads into is such a word, and titles that
# are words as well ("Brig. Gen. Smith", "sent to the brig. The").
_TRAILING_ABBREVIATIONS = frozenset(
    """u.s u.k u.n e.u a.m p.m inc corp co ltd etc plc llc bros dept est approx
    jr sr esq ave blvd st ft brig reps""".split()
)
_SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our
    but and so yet in on at for after before when while if as however meanwhile then also
    according some many most one two three police officials authorities""".split()
)

# Candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace, and a
# character that can open a sentence. The first mark is outside the groups so that the pattern
# opens with a character class, which the regex engine skips ahead to.
_BOUNDARY_RE = re.compile(r"[.!?…]([.!?…]*)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[^\W_])")
# Closing punctuation that may stand between a word and its full stop: 'said "over".', '(2019).'
_CLOSERS = "\"'”’»)]%"
# Letters joined by full stops (U.S, a.m, U.S.A) as opposed to a dotted name (example.com).
_DOTTED_LETTERS_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return text[start:end]


def _first_word_after(text: str, start: int) -> str:
    m = WORD_RE.search(text, start, min(len(text), start + 40))
    return m.group() if m else ""


def _full_stop_ends_sentence(text: str, at: int, nxt: str) -> bool:
    """Whether the single full stop at ``at``, followed by the word ``nxt``, ends a sentence."""
    if not (nxt[:1].isupper() or nxt[:1].isdigit()):
        return False  # "at 9 a.m. and", "Francis I. visited": a sentence opens with a capital
    if at > 0 and text[at - 1] in _CLOSERS:
        return True  # the stop follows a quote, bracket or sign, not an abbreviation
    before = _word_before(text, at).lower().rstrip(".")
    if not before:
        return True
    if before in _LEADING_ABBREVIATIONS:
        return False
    if before in _NUMBER_ABBREVIATIONS:
        return not nxt[:1].isdigit()
    opener = nxt.lower() in _SENTENCE_OPENERS
    if len(before) == 1 and before.isalpha() and before != "i":
        return (
            opener  # an initial ("J. K. Rowling") unless a sentence plainly follows ("Plan B. The")
        )
    if before in _TRAILING_ABBREVIATIONS or _DOTTED_LETTERS_RE.fullmatch(before):
        return opener
    return True


MAX_SENTENCE_LENGTH = 2000
"""The longest sentence :func:`split_sentences` makes, in characters, unless one word is longer.
News sentences run to a few hundred (479 at most in the development articles); prose with no
sentence ends at all (a 10 MB line of words) is cut at a space before this length, so that work
a rule does per sentence, which may grow faster than the sentence, stays bounded."""
_SPACE_RE = re.compile(r"\s")


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at whitespace into pieces of at most :data:`MAX_SENTENCE_LENGTH`
    characters; a word longer than that is never cut, and is a piece of its own."""
    pieces = []
    while end - start > MAX_SENTENCE_LENGTH:
        cut = start + MAX_SENTENCE_LENGTH
        while cut > start and not text[cut].isspace():
            cut -= 1
        if cut == start:  # one word fills the window: end the piece after it
            space = _SPACE_RE.search(text, start + MAX_SENTENCE_LENGTH, end)
            if space is None:
                break
            cut = space.start()
        pieces.append((start, cut))
        start = cut + 1
    pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split prose into sentences: ``(start, end)`` offsets, outer whitespace trimmed; a run
    longer than :data:`MAX_SENTENCE_LENGTH` is cut at whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        nxt = _first_word_after(text, m.end())
        if m.end(1) == m.start() + 1 and text[m.start()] == ".":  # a single full stop
            if not _full_stop_ends_sentence(text, m.start(), nxt):
                continue
        elif not (nxt[:1].isupper() or nxt[:1].isdigit()):
            continue  # '"Why?" she asked.', 'Wait... what'
        spans.append((start, m.end(2)))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    long = any(b - a > MAX_SENTENCE_LENGTH for a, b in spans)
    for a, b in [p for s in spans for p in _bounded(text, *s)] if long else spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


LEDE_MIN_WORDS = 25
"""A line of this many words or more that ends in a full stop is a paragraph, not a headline."""


def reads_as_paragraph(line: str) -> bool:
    """Whether an article's first line is plainly its opening paragraph, not a headline: it has
    several sentences, or is long and ends in a full stop."""
    text = line.strip()
    return len(split_sentences(text)) > 1 or (
        text.endswith(".") and len(text.split()) >= LEDE_MIN_WORDS)
