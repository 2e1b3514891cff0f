"""The people a story names: full names, surnames, titles and who they are.

News introduces a person once with a full name, usually with a title or a description
("White House press secretary Sarah Huckabee Sanders", "Mustafa Bali, the head of the SDF media
office"), and then uses the surname alone or with a courtesy title ("Ms Sanders"). This module
finds the full-name mentions so rules can ask whether a surname was introduced before a point.

Names are found by their shape (runs of capitalised words), not from a gazetteer, so "White
House" is a candidate too; that is harmless for the question asked here, which always starts
from a surname the copy already uses for a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.document import Block, Document, Span

COURTESY_TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady rev messrs".split()
)
"""Titles that say nothing about who a person is, so a name after them still needs introducing."""

JOB_TITLES = frozenset(
    """president vice prime minister secretary senator sen rep representative congressman
    congresswoman governor gov mayor judge justice chief general gen lt col colonel maj major
    capt captain sgt sergeant cpl corporal adm admiral cmdr commander det detective insp inspector
    supt superintendent officer constable chancellor premier king queen prince princess pope
    cardinal bishop archbishop father pastor rabbi imam sheikh ayatollah chairman chairwoman
    chair ceo coach councillor councilor councilman councilwoman ambassador attorney deputy
    speaker leader minister professor doctor trooper agent private""".split()
)
"""Titles that are themselves an introduction: "President Obama" says who Obama is."""

ROLES = JOB_TITLES | frozenset(
    """spokesman spokeswoman spokesperson economist analyst strategist director executive
    official head founder owner manager editor correspondent lawyer expert researcher scientist
    adviser advisor aide member commissioner""".split()
)
"""Words that say what a person does, as written after a place or an organisation ("German
economy minister", "Uralsib analyst")."""

PARTICLES = frozenset(
    "de da das do dos van von der den del della di du la le al el bin ibn ben ter".split()
)
"""Lower-case name particles that belong to a surname ("de Gaulle", "van Gogh")."""

# Capitalised words that open sentences or name things other than people; a run that starts
# with one of them is not a full name ("When Smith arrived", "The Guardian").
_NOT_GIVEN = frozenset(
    """a an the this that these those there their his her its our my your we he she they it i
    in on at by for from with without into onto of to as and or but nor so yet if when while
    after before since until during because although though however meanwhile also then thus
    why what who whom whose which where how all any each every both some many most several few
    no not one two three four five six seven eight nine ten first last next new old former
    late early according despite under over about above across against along among around
    behind below beneath beside between beyond near through throughout toward towards upon via
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow tonight
    north south east west northern southern eastern western central united royal national
    international federal state city county university college school department ministry
    office agency bureau council court house senate congress parliament party police army
    navy air force forces government company group bank church hospital museum airport
    station street road avenue river lake mount mountain island islands""".split()
)

_SUFFIXES = frozenset("jr sr ii iii iv".split())
"""Generational suffixes written after a surname ("Jr.", "III")."""

_PARTICLE_ALT = "|".join(sorted(PARTICLES))
# The capital comes before the look-behind (which then checks the character before it) so that
# the regex engine can jump from capital to capital instead of trying every position.
_RUN_RE = re.compile(
    rf"[A-Z](?<![\w'’\-][A-Z])(?:[a-z]{{0,2}}\.|[\w'’\-]*)"
    rf"(?:[ \t]+(?:(?:{_PARTICLE_ALT})[ \t]+)*[A-Z](?:[a-z]{{0,2}}\.|[\w'’\-]*))+"
)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_APPOSITIVE_RE = re.compile(
    r"\s*,\s*((?:the|a|an|who|whose|head|chief|director|spokes\w*|president|leader|founder|"
    r"professor|minister|secretary|chairman|chairwoman|ceo)\b[^,;.]{2,80})[,;.]"
)


TITLES = COURTESY_TITLES | JOB_TITLES
"""Every title a name may follow ("Mr", "Senator"), lower-cased, without a full stop."""


def _clean(word: str) -> str:
    if "'" not in word and "’" not in word:
        return word  # most words: no possessive, and no pattern to run
    return _POSSESSIVE_RE.sub("", word)


@dataclass(eq=False)
class Person:
    """A person the story names in full at least once."""

    name: str
    """The full name as first given, titles left off ("Donald Trump")."""
    surname: str
    """The last word of the name, with its particles ("Trump", "de Gaulle")."""
    title: str | None
    """The title written before the first full mention ("President"), if any."""
    role: str | None
    """Who they are, from an appositive after the first full mention ("the head of the SDF")."""
    span: Span
    """Where the first full mention is in the source."""
    mentions: list[Span] = field(default_factory=list)
    """Every full-name mention, in order."""


@dataclass(eq=False)
class People:
    """The people named in a story, looked up by surname."""

    persons: list[Person]
    """Everyone named in full, in order of first mention."""
    by_surname: dict[str, list[Person]]
    """Persons by lower-cased surname."""
    titled: dict[str, Span] = field(default_factory=dict)
    """Where each lower-cased surname is first written after a job title ("President Trump"):
    a title that says who the person is introduces them as a full name does."""

    def __iter__(self) -> Iterator[Person]:
        return iter(self.persons)

    def __len__(self) -> int:
        return len(self.persons)

    def introduced(self, surname: str, before: int) -> Person | None:
        """The person with ``surname`` whose full name appears before source offset ``before``."""
        for person in self.by_surname.get(surname.lower(), ()):
            if person.span.start < before:
                return person
        return None

    def introduced_by_title(self, surname: str, before: int) -> bool:
        """Whether ``surname`` was written after a job title before source offset ``before``."""
        span = self.titled.get(surname.lower())
        return span is not None and span.start < before

    def anyone_before(self, offset: int) -> bool:
        """Whether any person was named in full before ``offset`` (an antecedent for "he")."""
        return bool(self.persons) and self.persons[0].span.start < offset


def split_name(words: list[str]) -> tuple[str | None, list[str]]:
    """Split a run of capitalised words into its leading title and the name that follows."""
    title: list[str] = []
    i = 0
    while i < len(words) - 1 and words[i].rstrip(".").lower() in TITLES:
        title.append(words[i])
        i += 1
    return (" ".join(title) or None), words[i:]


def surname_of(words: list[str]) -> str:
    """The surname of a name's words: the last word with any particles before it, a
    generational suffix left off ("King" of "Martin Luther King Jr.")."""
    end = len(words)
    while end > 1 and words[end - 1].rstrip(".").lower() in _SUFFIXES:
        end -= 1
    i = end - 1
    while i > 0 and words[i - 1] in PARTICLES:
        i -= 1
    return " ".join(words[i:end])


def _names(block: Block) -> list[tuple[str | None, list[str], int, int]]:
    """``(title, name words, prose start, prose end)`` for each run of capitalised words in a
    block that ends in a name: a full name, or a title and a surname."""
    out = []
    text = block.text
    for m in _RUN_RE.finditer(text):
        words = [_clean(w.rstrip(".") if len(w) > 2 else w) for w in m.group().split()]
        title, name = split_name(words)
        while name and name[0].rstrip(".").lower() in _NOT_GIVEN:
            name = name[1:]
        caps = [w for w in name if w not in PARTICLES]
        if not caps or not caps[-1][:1].isupper() or len(caps[-1].rstrip(".")) < 2:
            continue
        start = m.start() + m.group().find(name[0])
        out.append((title, name, start, m.end()))
    return out


def extract_people(document: Document) -> People:
    """Find everyone the headline and the body name in full."""
    persons: list[Person] = []
    by_key: dict[str, Person] = {}
    blocks = ([document.headline] if document.headline else []) + [
        b for b in document.blocks if b.kind != "frontmatter"
    ]
    titled: dict[str, Span] = {}
    for block in blocks:
        for title, name, start, end in _names(block):
            span = block.source_span(start, end)
            if len([w for w in name if w not in PARTICLES]) < 2:
                if title and title.split()[-1].rstrip(".").lower() in JOB_TITLES:
                    titled.setdefault(surname_of(name).lower(), span)
                continue
            full = " ".join(name)
            person = by_key.get(full.lower())
            if person is None:
                m = _APPOSITIVE_RE.match(block.text, end)
                person = Person(full, surname_of(name), title, m.group(1) if m else None, span)
                by_key[full.lower()] = person
                persons.append(person)
            person.mentions.append(span)
    by_surname: dict[str, list[Person]] = {}
    for person in persons:
        by_surname.setdefault(person.surname.lower(), []).append(person)
        # a double surname ("Huckabee Sanders") is also known by its last word
        last = person.surname.split()[-1].lower()
        if last != person.surname.lower():
            by_surname.setdefault(last, []).append(person)
    return People(persons, by_surname, titled)
