"""The quotations of an article: where they are, what kind they are, and who said them.

Built once per document (see :attr:`newslint.document.Document.quotes`) and shared by the QT
rules. Marks are paired block by block with a stack, telling apostrophes (rock 'n' roll, the
'90s, Macron's, the players' union) from single quotation marks by what stands on either side.
A double quote left open at the end of a paragraph is the news convention for a quote that runs
on when the next paragraph opens with a quotation mark again; it is unbalanced otherwise.

Each top-level quote is then classed (a full direct quote, a partial quote, scare quotes or a
title) and given the attribution found in its own sentence, the sentence before or after, the
other paragraphs of a quote that runs over several, or the turn of an interview it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import islice
from typing import Literal

from newslint.document import Block, Document, Span
from newslint.names import COURTESY_TITLES, JOB_TITLES, PARTICLES, ROLES
from newslint.text import NOT_PROSE, WORD_RE

QuoteKind = Literal["direct", "partial", "scare", "title"]
"""``direct``: a sentence or more, quoted whole; ``partial``: a fragment woven into the reporter's
sentence; ``scare``: a word or two held at arm's length ("so-called 'caliphate'"); ``title``: the
name of a work or a slogan in title case."""

SpeakerKind = Literal[
    "full", "surname", "courtesy", "titled", "pronoun", "description", "anonymous", "interview"
]
"""How the speaker is named: a full name, a bare surname, a courtesy title and surname ("Ms
Amara"), a job title and name ("President Trump"), a pronoun, a description ("a coalition
spokesman"), an unnamed source ("officials"), or the interviewee of a question-and-answer story."""

PROSE_KINDS = ("paragraph", "blockquote", "list_item")
"""Blocks whose quotes are speech and need a speaker; headings and captions do not."""

DOUBLE = '"“”„'
SINGLE = "'‘’"
_MARK_RE = re.compile(r"[\"“”„'‘’]")
_OPEN_AFTER = "([{/—–-\u2014" + DOUBLE + SINGLE  # characters a quote may open after
_CLOSE_BEFORE = ".,;:!?)]}/—–-…" + DOUBLE + SINGLE  # characters a quote may close before
_ELISIONS = re.compile(r"(?:em|til|tis|twas|cause|bout|round|n|nuff|ol|ere|cos|coz)\b", re.I)
_ROCK_N_ROLL = re.compile(r"['’]n['’]")


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``pattern``, compiled on first use. The attribution patterns are long (every verb of
    saying, every shape of a name): compiling them all took 20 ms of each run, and an article
    needs none of them without quotes, and few of them with only a couple."""
    return cache(partial(re.compile, pattern, flags))


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark (apostrophes are not marks)."""

    char: str
    """The character as typed."""
    role: Literal["open", "close"]
    """Whether it opens or closes a quotation."""
    pos: int
    """Offset in its block's prose."""
    span: Span
    """Where it is in the source."""

    @property
    def is_double(self) -> bool:
        return self.char in DOUBLE

    @property
    def is_curly(self) -> bool:
        return self.char not in "\"'"


@dataclass(eq=False)
class Attribution:
    """Who a quote is attributed to, and the words that attribute it."""

    cue: str
    """The attributing words as written ("said", "according to", "in a statement")."""
    speaker: str | None = None
    """The speaker as written ("Ms Amara", "he", "a coalition spokesman"), when one was found."""
    kind: SpeakerKind | None = None
    """How the speaker is named; ``None`` when only a cue was found."""
    span: Span | None = None
    """Where the speaker is in the source."""
    where: Literal["sentence", "before", "after", "continued", "interview"] = "sentence"
    """Where it was found relative to the quote."""


@dataclass(eq=False)
class Quote:
    """One quotation: its marks, its words, its kind and its attribution."""

    block: Block
    """The block it is in."""
    start: int
    """Prose offset of the opening mark."""
    end: int
    """Prose offset just past the closing mark (the block's end for a quote that runs on)."""
    open: Mark
    """The opening mark."""
    close: Mark | None
    """The closing mark; ``None`` when the quote runs on into the next paragraph."""
    level: int = 0
    """0 for a quote in the reporter's prose, 1 for a quote inside a quote, and so on."""
    kind: QuoteKind = "direct"
    """What sort of quotation it is; see :data:`QuoteKind`."""
    continues: bool = False
    """The quote runs on: its paragraph ends without a closing mark and the next one reopens it."""
    continued: bool = False
    """The quote continues the previous paragraph's quote."""
    attribution: Attribution | None = None
    """The attribution found for it, if any (only for top-level quotes in prose blocks)."""

    @property
    def span(self) -> Span:
        """Where the quote is in the source, marks included."""
        return self.block.source_span(self.start, self.end)

    @property
    def text(self) -> str:
        """The quoted words, without the marks."""
        inner_end = self.end - 1 if self.close is not None else self.end
        return self.block.text[self.start + 1 : inner_end]

    @property
    def speaker(self) -> str | None:
        return self.attribution.speaker if self.attribution else None

    @property
    def cue(self) -> str | None:
        return self.attribution.cue if self.attribution else None


@dataclass(eq=False)
class Quotes:
    """Every quotation of a document, with the marks that could not be paired."""

    quotes: list[Quote]
    """Quotations in source order (outer ones before those nested in them)."""
    marks: list[Mark]
    """Every quotation mark that was paired, in source order."""
    unbalanced: list[tuple[Mark, Block]] = field(default_factory=list)
    """Marks with no partner: an opening mark never closed or a closing mark never opened."""
    interview: bool = False
    """Whether the story is a question-and-answer interview."""

    def __iter__(self) -> Iterator[Quote]:
        return iter(self.quotes)

    def __len__(self) -> int:
        return len(self.quotes)

    def __getitem__(self, i: int) -> Quote:
        return self.quotes[i]


# ---- pairing marks ------------------------------------------------------------------------


@dataclass(slots=True)
class _Open:
    pos: int
    char: str
    double: bool


def _pair(text: str) -> tuple[list[tuple[int, str, int | None, str | None]], list[tuple[int, str]]]:
    """Pair the marks of one block's prose.

    Returns ``(pairs, stray)``: pairs are ``(open pos, open char, close pos, close char)`` with
    ``None`` for a double quote left open at the end; stray are closing marks never opened.
    """
    stack: list[_Open] = []
    pairs: list[tuple[int, str, int | None, str | None]] = []
    stray: list[tuple[int, str]] = []
    skip = -1
    n_text = len(text)
    for m in _MARK_RE.finditer(text):
        i, c = m.start(), m.group()
        if i <= skip:
            continue
        p = text[i - 1] if i else " "
        n = text[i + 1] if i + 1 < n_text else " "
        can_open = p.isspace() or p in _OPEN_AFTER
        can_close = n.isspace() or n in _CLOSE_BEFORE
        if c in DOUBLE:
            if c == '"' and p in ",;:" and not any(o.double for o in stack):
                # said,"Yes" or the slip ," For: pair it, QT304 reports the space; inside a
                # quote, "taxes,"[^1] closes it
                can_open = True
            if c == '"' and can_open == can_close:
                opens = not any(o.double for o in stack)  # "a"b" or " x ": decide by state
            elif c == "“" and can_close and _inner_double(stack) == "„":
                opens = False  # German „so“: the high mark closes what the low one opened
            else:
                opens = c in "“„" or (c == '"' and can_open)
            if opens:
                stack.append(_Open(i, c, True))
            elif not _close(stack, pairs, i, c, double=True, stray=stray):
                stray.append((i, c))
            continue
        # a single mark or an apostrophe
        if p.isalnum() and n.isalnum():
            continue  # Macron's, don't, rock'n'roll
        if can_open and _ROCK_N_ROLL.match(text, i):
            skip = i + 2
            continue
        if can_open and (n.isdigit() or _ELISIONS.match(text, i + 1)):
            continue  # the '90s, 'em, 'til
        if c == "‘" or (can_open and not can_close):
            stack.append(_Open(i, c, False))
            continue
        if any(not o.double for o in stack):
            _close(stack, pairs, i, c, double=False, stray=stray)
        # otherwise an apostrophe after a word: the players' union, Jesus'
    for o in stack:
        if o.double:
            pairs.append((o.pos, o.char, None, None))
        elif o.char == "‘":
            stray.append((o.pos, o.char))
    pairs.sort()
    return pairs, stray


def _inner_double(stack: list[_Open]) -> str | None:
    """The innermost double mark still open, if any."""
    return next((o.char for o in reversed(stack) if o.double), None)


def _close(stack: list[_Open], pairs: list, i: int, c: str, double: bool, stray: list) -> bool:
    """Close the innermost open mark of the same weight; ``False`` when there is none."""
    for j in range(len(stack) - 1, -1, -1):
        if stack[j].double == double:
            for o in stack[j + 1 :]:
                if o.double:
                    stray.append((o.pos, o.char))  # a double opened inside and never closed
                # an inner single never closed was an apostrophe ('tis, 'cos)
            o = stack[j]
            del stack[j:]
            pairs.append((o.pos, o.char, i, c))
            return True
    return False


# ---- classing quotes ----------------------------------------------------------------------

_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from as is de la".split())
_LEADING_JUNK = " \t[(….-—–'\"‘“"


def classify(text: str, continued: bool = False) -> QuoteKind:
    """The kind of a quotation from its words."""
    if continued:
        return "direct"
    # eleven words are as many as the tests below tell apart; a long quote is not read to its end
    words = [m.group() for m in islice(WORD_RE.finditer(text), 11)]
    stripped = text.strip()
    ends_sentence = stripped[-1:] in (".", "!", "?", ",", "…")
    if 2 <= len(words) <= 10 and stripped[-1:] not in (".", "!", "?", ","):
        big = [w for w in words if w.lower() not in _SMALL_WORDS]
        if big and all(w[0].isupper() or w[0].isdigit() for w in big) and words[0][0].isupper():
            return "title"
    core = text.lstrip(_LEADING_JUNK)
    upper = core[:1].isupper() or core[:1].isdigit()
    if len(words) <= 3:
        return "direct" if upper and ends_sentence else "scare"
    return "direct" if upper else "partial"


# ---- attribution --------------------------------------------------------------------------


def _alternation(words: str) -> str:
    """A pattern matching exactly the space-separated ``words`` (``_`` stands for a space), with
    their common beginnings taken out: ``sa(?:id|ys)`` for "said says".

    The regex engine tries the branches of ``said|says|...`` one by one at every position, which
    made the hundred-odd verbs of saying the slowest part of quote extraction. Every pattern
    here puts ``\\b`` or a space after the verb (or ends there), so at most one word can match at
    a position and the order of the branches makes no difference.
    """
    trie: dict[str, dict] = {}
    for word in words.split():
        node = trie
        for ch in word.replace("_", " "):
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def _branches(node: dict[str, dict]) -> str:
    parts = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body


_VERBS = _alternation(
    """said says say saying told tells tell telling added adds adding wrote writes writing
    tweeted tweets posted stated explained explains explaining continued continues
    noted notes commented remarked insisted insists warned warns claimed
    claims argued argues announced announces declared declares replied replies answered
    answers responded responds recalled recalls admitted admits acknowledged concluded
    conceded suggested suggests testified joked quipped predicted promised vowed confirmed
    denied urged described describes emphasised emphasized stressed observed pointed_out went_on
    mentioned expressed exclaimed shouted yelled cried whispered boasted lamented
    complained cautioned alleged agreed asserted maintained reiterated elaborated blogged
    messaged emailed e-mailed texted reported reports asked asks wondered quoted
    thanked demanded called begged pleaded speaking spoke opined believes believed
    thinks thought felt feels hopes hoped read reads recounted revealed informed reacted"""
)
# Cues strong enough to attribute a quote from the sentence before or after it: a speaker and a
# finite verb. "Said to be" and "claimed to have" are hearsay about a thing, "commented on the
# falls" names a topic, and a participle ("..., saying it was "flawed"") belongs to its own
# sentence's quote. A verb after "to", "not" or "never" says nobody said anything: "declined to
# say", "would not say", the documentary "Just don't tell anyone". Verbs that also tell of
# things ("revealed a flaw", "confirmed the death") report speech when a clause follows them:
# "revealed on Saturday that a sequel is planned". Verbs of opinion ("suggested that",
# "predicted that") are left out: "some analysts have suggested that ..." names no speaker.
_WHEN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\w+\s+\d|\d)\b"
"""What "on" brings after a verb of saying when it dates the words ("said on Monday", "wrote
on June 3") rather than naming their topic ("commented on the falls")."""
_NEAR_CUES = _lazy(
    r"\b(?<!\bto\s)(?<!\bnot\s)(?<!n't\s)(?<!\bnever\s)"
    r"(?:(?:said|says|say|told|tells|tell|added|adds|wrote|writes|"
    r"tweeted|tweets|posted|stated|explained|explains|noted|commented|remarked|"
    r"insisted|warned|claimed|argued|declared|replied|answered|responded|recalled|recalls|"
    r"admitted|acknowledged|concluded|conceded|testified|joked|quipped|emphasi[sz]ed|stressed|"
    r"reiterated|elaborated|went on|pointed out|quoted)"
    rf"(?!\s+(?:to\s+(?:be|have)|on(?!\s+{_WHEN}))\b)"
    r"|(?:revealed|announced|confirmed|disclosed|mentioned|complained|alleged|asserted|"
    r"maintained|boasted)(?:\s+[\w,]+){0,3}?\s+that"
    r"|according to|interview|press release|press conference|news conference|"
    r"spokes(?:man|woman|person)|in (?:a|an|his|her|their|its) (?:\w+ ){0,2}(?:statement|speech|"
    r"post|letter|tweet|blog|message|address|email)|"
    r"in the (?:\w+ ){0,2}(?:statement|speech|letter|post)|"
    r"statement (?:said|says|read|reads|added)|"
    r"(?:issued|released|put out|gave) (?:a|an|the) (?:\w+ ){0,2}statement|"
    r"on (?:twitter|facebook|instagram|x)\b|comments? to)\b",
    re.I,
)
_SAME_CUES = _lazy(
    rf"\b(?:{_VERBS}|according to|statement|interview|quoted|quoting|speech)\b",
    re.I,
)
_PRONOUNS = frozenset("he she they we i it".split())
_ANONYMOUS = re.compile(
    r"\b(?:officials?|sources?|insiders?|aides?|diplomats?|people familiar|someone|a person|"
    r"residents?|witnesses?|analysts?|experts?|observers?)\b",
    re.I,
)
_CAP = r"[A-Z][\w'’\-]*"
# Titles are capitalised words too ("Ms", "Dr."), so a name is up to four of them, with any
# particles before the last ("Charles de Gaulle").
_NAME = rf"(?:(?:{_CAP}\.?\s+){{0,3}}(?:(?:{'|'.join(sorted(PARTICLES))})\s+)*{_CAP})"
# The look-behind keeps a speaker from starting inside a word: "uSwitch" is no "Switch".
_WHO = (
    rf"(?<![\w'’])(?P<who>(?i:he|she|they|we|I|it)\b|{_NAME}|"
    rf"(?i:the|a|an|one|another|his|her|their|its|our)\s+(?:[\w'’\-.]+\s+){{0,5}}?[\w'’\-]+)"
)
_ADVERBS = r"(?:(?:has|have|had|also|later|then|once|again|previously|further|recently|" \
    r"simply|just|earlier|would|will|had\s+earlier)\s+)*"
_APPOSITIVE = r"(?:\s*,[^,\x01]{1,100},)?"
_Q = r"\x01\x00*"
_AFTER_WHO_VERB = _lazy(
    rf"{_Q}[\s,;:—–\-]*{_WHO}{_APPOSITIVE}\s+{_ADVERBS}(?P<cue>{_VERBS})\b"
)
_AFTER_VERB_WHO = _lazy(rf"{_Q}[\s,;:—–\-]*(?P<cue>{_VERBS})\s+{_WHO}")
_BEFORE = _lazy(
    rf"{_WHO}{_APPOSITIVE}\s+{_ADVERBS}(?P<cue>{_VERBS})\b[^\x01]{{0,100}}?(?=\x01)"
)
_QUOTE_RE = re.compile(_Q)
_VERB_RE = _lazy(rf"\b(?:{_VERBS})\b")
_DASH_SOURCE = re.compile(r"\s*(?P<cue>[—–]|\s-)\s*[A-Z]")
# "...," the party informed the press: after a quote that ends mid-sentence, a short noun phrase
# and a verb in the past or present tense are attribution whatever the verb.
_AFTER_ANY_VERB = _lazy(rf"[\s,]*{_WHO}\s+(?:\w+ly\s+)?(?P<cue>[a-z]+(?:ed|s))\b")
_ACCORDING = _lazy(rf"(?P<cue>(?i:according to))\s+{_WHO}")
# After a capitalised word or a possessive, a role says it was no surname but a place or an
# organisation describing the speaker: "said German economy minister Rainer Bruederle", "said
# Toronto's mayor, David Miller", "said Greek prime minister". The words before the role qualify
# it; a small word starts a phrase of its own ("said Smith as head of the agency").
_ROLE_AFTER = _lazy(
    r"(?:\s+(?!(?:as|in|on|at|of|to|by|for|from|with|and|or|but|the|a|an|who|when)\b)"
    rf"[a-z][\w\-]*){{0,2}}?\s+(?:{'|'.join(sorted(ROLES))})\b(?:,?\s+(?P<name>{_NAME}))?"
)
_POSSESSIVE = re.compile(r"['’]s?$")


def _speaker_kind(who: str) -> SpeakerKind:
    words = who.split()
    first = words[0].rstrip(".").lower()
    if len(words) == 1 and first in _PRONOUNS:
        return "pronoun"
    if not who[:1].isupper() or first in ("the", "a", "an", "one", "another", "his", "her",
                                          "their"):
        return "anonymous" if _ANONYMOUS.search(who) else "description"
    if first in COURTESY_TITLES and len(words) >= 2:
        rest = [w for w in words[1:] if w.rstrip(".").lower() not in COURTESY_TITLES]
        return "courtesy" if len(rest) == 1 or (len(rest) > 1 and rest[-2] in PARTICLES) else "full"
    if first in JOB_TITLES and len(words) >= 2:
        return "titled"
    if len(words) == 1:
        return "anonymous" if _ANONYMOUS.fullmatch(who) else "surname"
    return "full"


def _trim_who(who: str) -> str:
    """The speaker without the punctuation a pattern may have taken with it."""
    return who.strip(" ,;:")


def _named(m: re.Match[str], masked: str, block: Block, base: int) -> Attribution:
    """The attribution a pattern's match makes, its ``who`` read as a speaker."""
    who = _trim_who(m.group("who"))
    start = m.start("who")
    end = start + len(who)
    domain = NOT_PROSE.match(masked, start)
    if domain is not None and domain.end() > end:
        # "said Amazon.com": a company named by its address, no surname, as "Amazon.com said"
        return Attribution(m.group("cue"))
    kind = _speaker_kind(who)
    possessive = bool(_POSSESSIVE.search(who))
    if possessive or kind == "surname":
        role = _ROLE_AFTER().match(masked, end)
        if role is not None:
            end = role.end()
            kind = "titled" if role.group("name") else "description"
        elif possessive:
            return Attribution(m.group("cue"))  # 'saying Mr Kasuri's "remarks ..."': no speaker
    a = base + start
    return Attribution(m.group("cue"), masked[start:end], kind, block.source_span(a, base + end))


def find_attribution(
    masked: str, qstart: int, block: Block, base: int = 0, last: str = ""
) -> Attribution | None:
    """The attribution of the quote at ``qstart`` in ``masked`` (a context where every top-level
    quote is replaced by ``\\x01`` and NULs of the same length), or ``None``.

    ``base`` is the prose offset of ``masked[0]`` in ``block``, for speaker spans; ``last`` is
    the quote's last character inside its marks (a comma there means the sentence goes on).
    """
    candidates: list[tuple[int, re.Match[str]]] = []
    # both patterns need a verb of saying after the quote: without one, neither can match, and
    # their costly name patterns are not tried
    if _VERB_RE().search(masked, qstart):
        for rx in (_AFTER_WHO_VERB(), _AFTER_VERB_WHO()):
            m = rx.match(masked, qstart)
            if m:
                candidates.append((0, m))
    # a match that ends at this quote cannot hold another quote: start after the last one
    window = max(0, qstart - 200, masked.rfind("\x01", 0, qstart) + 1)
    if _VERB_RE().search(masked, window, qstart):  # cheap test before the costly pattern
        for m in _BEFORE().finditer(masked, window, qstart + 1):
            if m.end() == qstart:
                candidates.append((1, m))
    if "ccording" in masked:
        for m in _ACCORDING().finditer(masked):
            candidates.append((2, m))
    for _, m in sorted(candidates, key=lambda c: c[0]):
        return _named(m, masked, block, base)
    before = _QUOTE_RE.sub("", masked[:qstart]).rstrip()
    if before[-1:] in (":", ",") and re.search(r"[^\W\d_]", before):
        return Attribution(before[-1])  # Smith, in a statement: "..." / The ruling read, "..."
    end = qstart + len(_QUOTE_RE.match(masked, qstart).group())  # type: ignore[union-attr]
    m = _DASH_SOURCE.match(masked, end)
    if m:
        return Attribution(m.group("cue"))  # "Headline of the piece" — The Canadian Press
    if last in (",", "?", "!") or masked[end : end + 1] == ",":
        m = _AFTER_ANY_VERB().match(masked, end)
        if m:
            return _named(m, masked, block, base)
    outside = masked.replace("\x00", "")
    m = _SAME_CUES().search(outside)
    if m:
        return Attribution(m.group())
    return None


# ---- building the model -------------------------------------------------------------------

_QUESTION_END = re.compile(r"\?\s*$")


def _is_question(block: Block) -> bool:
    return (block.kind in PROSE_KINDS and bool(_QUESTION_END.search(block.text))
            and not _MARK_RE.search(block.text[:1]))


def is_measure(mark: Mark, block: Block) -> bool:
    """Whether ``mark``, one :attr:`Quotes.unbalanced` holds, is the inch or foot mark of a
    measure (a 12" main, 5' 10"): a straight closing mark right after a digit."""
    return (mark.role == "close" and mark.char in "\"'" and mark.pos > 0
            and block.text[mark.pos - 1].isdigit())


def extract_quotes(document: Document) -> Quotes:
    """Find, pair, class and attribute the quotations of ``document``."""
    blocks = ([document.headline] if document.headline else []) + [
        b for b in document.blocks if b.kind != "frontmatter"
    ]
    quotes: list[Quote] = []
    marks: list[Mark] = []
    unbalanced: list[tuple[Mark, Block]] = []
    by_block: dict[int, list[Quote]] = {}
    for block in blocks:
        if not _MARK_RE.search(block.text):
            continue
        pairs, stray = _pair(block.text)
        here: list[Quote] = []
        for a, ca, b, cb in pairs:
            om = Mark(ca, "open", a, block.source_span(a, a + 1))
            cm = Mark(cb, "close", b, block.source_span(b, b + 1)) if b is not None and cb else None
            marks.append(om)
            if cm:
                marks.append(cm)
            here.append(Quote(block, a, b + 1 if b is not None else len(block.text), om, cm))
        for pos, ch in stray:
            role: Literal["open", "close"] = "open" if ch in "“„‘" else "close"
            unbalanced.append((Mark(ch, role, pos, block.source_span(pos, pos + 1)), block))
            if role == "close":
                marks.append(unbalanced[-1][0])
        _levels(here)
        by_block[id(block)] = here
        quotes.extend(here)
    _link_paragraphs(blocks, by_block, unbalanced)
    for q in quotes:
        q.kind = classify(q.text, q.continued)
    marks.sort(key=lambda m: m.span.start)
    unbalanced.sort(key=lambda u: u[0].span.start)
    result = Quotes(quotes, marks, unbalanced)
    _attribute(document, result, by_block)
    return result


def _levels(quotes: list[Quote]) -> None:
    open_ends: list[int] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        while open_ends and open_ends[-1] <= q.start:
            open_ends.pop()
        q.level = len(open_ends)
        open_ends.append(q.end)


def _link_paragraphs(blocks: list[Block], by_block: dict[int, list[Quote]],
                     unbalanced: list) -> None:
    """Accept a double quote left open at a paragraph's end when the next paragraph reopens it,
    or when the block quotes that follow it close it (Markdown copy often sets a long quote as
    a block quote after `Smith said, "`)."""
    for i, block in enumerate(blocks):
        for q in by_block.get(id(block), ()):
            if q.close is not None:
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            first = None
            if nxt is not None and nxt.kind in PROSE_KINDS and block.kind in PROSE_KINDS:
                lead = len(nxt.text) - len(nxt.text.lstrip())
                first = next(
                    (r for r in by_block.get(id(nxt), ()) if r.level == 0 and r.start == lead), None
                )
            if first is not None and first.open.is_double and q.level == 0:
                q.continues = True
                first.continued = True
                continue
            closer = _closing_block_quote(blocks, i, unbalanced)
            if closer is not None and q.level == 0:
                unbalanced.remove(closer)
                q.continues = True
            else:
                unbalanced.append((q.open, block))


def _closing_block_quote(blocks: list[Block], i: int,
                         unbalanced: list) -> tuple[Mark, Block] | None:
    """The unopened closing mark in the block quotes right after block ``i``, if any."""
    for block in blocks[i + 1 : i + 6]:
        if block.kind != "blockquote":
            return None
        for u in unbalanced:
            if u[1] is block and u[0].role == "close" and u[0].is_double:
                return u
    return None


def _masked(block: Block, quotes: list[Quote]) -> str:
    text = block.text
    parts = []
    last = 0
    for q in quotes:
        if q.level != 0 or q.start < last:
            continue
        parts.append(text[last : q.start])
        parts.append("\x01" + "\x00" * (q.end - q.start - 1))
        last = q.end
    parts.append(text[last:])
    return "".join(parts)


def _attribute(document: Document, result: Quotes, by_block: dict[int, list[Quote]]) -> None:
    prose = [b for b in document.blocks if b.kind in PROSE_KINDS]
    questions = [i for i, b in enumerate(prose) if _is_question(b)]
    result.interview = len(questions) >= 2
    first_turn = questions[0] if result.interview else len(prose)
    masked = {id(b): _masked(b, by_block.get(id(b), [])) for b in prose}
    # the prose sentences in document order, as (block, start, end) in the block's prose
    sentences = [(b, s.start, s.start + len(s.text)) for b in prose for s in b.sentences]
    index: dict[int, list[int]] = {id(b): [] for b in prose}
    for k, (b, _, _) in enumerate(sentences):
        index[id(b)].append(k)
    said_in: dict[int, Attribution] = {}  # sentence index -> an attribution made inside it
    chain: list[Quote] = []
    for bi, block in enumerate(prose):
        for q in by_block.get(id(block), ()):
            if q.level != 0:
                continue
            ks = [k for k in index[id(block)]
                  if sentences[k][1] < q.end and sentences[k][2] > q.start]
            if not ks:
                continue
            m = masked[id(block)]
            a, e = sentences[ks[0]][1], sentences[ks[-1]][2]
            if q.kind == "direct" and not q.continued and _embedded(m[a : q.start]):
                q.kind = "partial"
            if bi > first_turn or (result.interview and block.kind == "blockquote"):
                q.attribution = Attribution("interview", None, "interview", None, "interview")
                continue
            last = q.text.rstrip()[-1:]
            q.attribution = find_attribution(m[a:e], q.start - a, block, a, last)
            if q.attribution is None and e == q.end and last in ("!", "?"):
                q.attribution = _speaker_after(sentences, m, ks[-1] + 1, q, a)
            if q.attribution is not None and q.attribution.speaker is not None:
                for k in ks:
                    said_in.setdefault(k, q.attribution)
            if q.attribution is None and q.kind == "partial":
                agent = q.attribution = _agent(m[a:e], document)
                if agent is not None and _a_person(agent):
                    # 'he saw the part as a "chance to prove them wrong." "I had been told...':
                    # the person whose words these are goes on in the next sentence's quote
                    for k in ks:
                        said_in.setdefault(k, agent)
            if q.attribution is None and ks[0] - 1 in said_in:
                prev = said_in[ks[0] - 1]
                q.attribution = Attribution(prev.cue, prev.speaker, prev.kind, prev.span,
                                            "continued")
            if q.attribution is None:
                q.attribution = _neighbour(sentences, masked, ks[0] - 1, "before")
            if q.attribution is None:
                q.attribution = _neighbour(sentences, masked, ks[-1] + 1, "after", block)
            chain = [*chain, q] if q.continued else [q]
            if q.continues or q.continued:
                _share(chain)


def _speaker_after(sentences: list, masked: str, k: int, q: Quote, a: int) -> Attribution | None:
    """The speaker named right after a quote that ends in "!" or "?", in the sentence ``k`` that
    follows it: the capital after the marks opens a sentence of its own to the splitter, so
    '"Who will pay?" Ms Amara asked.' is two sentences there, and one to a reader. (After a full
    stop, 'Japan expressed support' is a sentence of its own.)"""
    if k >= len(sentences) or sentences[k][0] is not q.block:
        return None
    if masked[q.end : sentences[k][1]].strip():
        return None  # the next sentence does not follow the quote directly
    window = masked[a : sentences[k][2]]
    for rx in (_AFTER_WHO_VERB(), _AFTER_VERB_WHO()):
        m = rx.match(window, q.start - a)
        if m:
            return _named(m, window, q.block, a)
    return None


_INTRO_PUNCT = tuple(":,;([—–-")
_INTRO_VERB = _lazy(rf"(?:{_VERBS})(?:\s+that)?", re.I)


def _embedded(before: str) -> bool:
    """Whether a quote that follows ``before`` in its sentence is woven into the reporter's
    words ("attacked the inquiry as "Witch Hunt garbage."") rather than standing as speech."""
    before = _QUOTE_RE.sub("", before).strip()
    if not before or before.endswith(_INTRO_PUNCT):
        return False
    tail = before[-24:].split()
    last = " ".join(tail[-2:]) if tail[-1:] == ["that"] else tail[-1]
    return not _INTRO_VERB().fullmatch(last)


_AGENT_WORDS = re.compile(
    r"\b(?:he|she|they|his|her|their|it|its|him|them|spokes\w*|officials?|maker|author|"
    r"company|group|minister|president|police)\b",
    re.I,
)


def _agent(masked: str, document: Document) -> Attribution | None:
    """For a partial quote: the person or pronoun its sentence is about, who owns the words
    ("Pompeo cited the government's "ongoing repression ..."")."""
    outside = _QUOTE_RE.sub(" ", masked)
    m = _AGENT_WORDS.search(outside)
    if m:
        return Attribution(m.group())
    people = document.people
    for w in WORD_RE.findall(outside):
        if w[:1].isupper() and w.lower() in people.by_surname:
            return Attribution(w, w, "surname")
    return None


_PERSONAL = frozenset("he she his her him".split())


def _a_person(agent: Attribution) -> bool:
    """Whether an agent :func:`_agent` found is a person: a pronoun of one, or a surname of the
    story's people ("it", "the company" and "officials" may own a phrase, but speak for no one)."""
    return agent.speaker is not None or agent.cue.lower() in _PERSONAL


def _neighbour(sentences: list, masked: dict, k: int, where: str,
               quoted: Block | None = None) -> Attribution | None:
    if not 0 <= k < len(sentences):
        return None
    block, a, e = sentences[k]
    text = masked[id(block)][a:e]
    if quoted is not None and block is not quoted and "\x01" in text:
        # the next paragraph's "...," Grant said attributes its own quote, not this one
        return None
    text = text.replace("\x00", "").replace("\x01", " ")
    if where == "before" and text.rstrip().endswith(":"):
        return Attribution(":", where="before")  # the paragraph before introduces the quote
    m = _NEAR_CUES().search(text)
    return Attribution(m.group(), where=where) if m else None  # type: ignore[arg-type]


def _share(chain: list[Quote]) -> None:
    """Give every paragraph of a quote that runs on the attribution one of them has."""
    found = next((q.attribution for q in chain if q.attribution is not None), None)
    if found is None:
        return
    for q in chain:
        if q.attribution is None:
            q.attribution = Attribution(found.cue, found.speaker, found.kind, found.span,
                                        "continued")
