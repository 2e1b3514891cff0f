"""What every declarative rule type shares: the common header, scopes, safe patterns, messages.

A declarative rule is a table of data (``[[rules.custom]]`` in TOML, or a Vale YAML rule) turned
into a :class:`newslint.rule.Rule` subclass at load time, so the registry selects, configures and
runs it like a built-in rule. Each rule type lives in its own module and subclasses
:class:`DeclarativeRule`: it declares the keys it takes (:attr:`DeclarativeRule.keys`), checks
and compiles them once in :meth:`DeclarativeRule.prepare`, and finds violations in
:meth:`DeclarativeRule.check`.

User patterns are compiled with the ``regex`` library, not ``re``: its matching functions take a
``timeout``, so a pattern that backtracks catastrophically is stopped after
:data:`MATCH_TIMEOUT` seconds (or when the rules' ``rule-timeout`` is up, if sooner, in any
thread) with an error naming the rule, instead of hanging the run; an obviously exponential
pattern is refused at load time by :func:`compile_pattern`'s probe. RE2 was
the other candidate (linear time by construction), but it refuses lookarounds, which Vale's own
packages use, and its ``\\b`` is ASCII-only; ``regex`` matches Python's syntax that users know.
"""

from __future__ import annotations

import re as _re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, ClassVar

import regex

from newslint import deadline
from newslint.document import Block, Document, Span
from newslint.rule import Rule
from newslint.text import not_prose_spans
from newslint.violation import Suggestion, Violation

MATCH_TIMEOUT = 1.0
"""Seconds one pattern may spend on one piece of text before the rule fails."""
PROBE_TIMEOUT = 0.05
"""Seconds a pattern may spend on the load-time probe strings before it is refused."""
_PROBES = ("a" * 28 + "!", " " * 28 + "!", "ab" * 20 + "!", "a " * 20 + "!", "1" * 28 + "x")

SCOPES = ("headline", "body", "captions", "quotes", "headings", "all")
"""Scope names; ``frontmatter.FIELD`` picks one front-matter field as well."""
BODY_KINDS = ("paragraph", "blockquote", "list_item")


class DefinitionError(ValueError):
    """A mistake in a rule's definition; ``key`` is the key at fault, for the error's line: a
    name, or a path inside the rule's table such as ``("tests", 0, "expect")``."""

    def __init__(self, message: str, key: str | tuple[str | int, ...] | None = None) -> None:
        super().__init__(message)
        self.key = key


class PatternTimeout(RuntimeError):
    """A pattern took longer than :data:`MATCH_TIMEOUT` on one piece of text."""


@dataclass(frozen=True)
class Unit:
    """A piece of prose a rule reads: a block's text, or a stretch of it (a quote, a field)."""

    text: str
    block: Block
    start: int = 0
    """Offset of :attr:`text` in the block's prose."""
    kind: str = "body"
    """The scope it was taken for."""

    def span(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]``."""
        return self.block.source_span(self.start + start, self.start + end)

    @cached_property
    def _links(self) -> list[tuple[int, int]]:
        return not_prose_spans(self.text)

    def in_link(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is words of a link, an e-mail address or a handle
        (:data:`~newslint.text.NOT_PROSE`), which are not the article's own: "colour" in
        ``example.org/colour-guide``, fixed, makes a link that leads nowhere. A match that
        opens a link with its marks ("http://", "@", "bit.ly") is about the link itself, and is
        not; one further in ("st." of ``example.org/st.-louis``) is the link's words."""
        for a, b in self._links:
            if a < end and start < b:
                return not (start == a and _LINK_MARKS.search(self.text, start, end))
        return False


_LINK_MARKS = _re.compile(r"[/:@#.?=&%~]")


def compile_pattern(pattern: str, *, ignore_case: bool = False, whole_words: bool = False,
                    vale: bool = False) -> regex.Pattern[str]:
    """Compile a user pattern; :class:`DefinitionError` when it is invalid or backtracks
    catastrophically on the probe strings. ``whole_words`` wraps it so it matches whole words
    only (Vale's ``\\b...\\b`` when ``vale`` is set, so results match Vale's), and lets its
    apostrophes match either kind (:func:`either_apostrophe`): a word list means the words
    however they are typeset, while a raw pattern may be about the apostrophe itself."""
    given = pattern
    if whole_words:
        pattern = either_apostrophe(pattern)
        pattern = rf"\b(?:{pattern})\b" if vale else rf"(?<![\w])(?:{pattern})(?![\w])"
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        compiled = regex.compile(pattern, flags)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise DefinitionError(f"invalid pattern {given!r}: {exc}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            raise DefinitionError(
                f"pattern {given!r} backtracks catastrophically (it ran over "
                f"{PROBE_TIMEOUT * 1000:.0f} ms on a {len(probe)}-character probe); rewrite it "
                "without nested repeats such as (a+)+") from None
    return compiled


def compile_each(patterns: list[str], key: str,
                 ignore_case: bool = False) -> list[regex.Pattern[str]]:
    """Compile each of ``patterns`` on its own, so that an error names the pattern as written
    and ``key``'s line: in the pattern a rule joins them into, a stray "[" read as an unbalanced
    parenthesis further on, at a position in text the user never wrote."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(compile_pattern(pattern, ignore_case=ignore_case))
        except DefinitionError as exc:
            exc.key = key
            raise
    return compiled


_APOSTROPHES = "'\u2019"


def either_apostrophe(pattern: str) -> str:
    """``pattern`` with each apostrophe, straight or curly, matching either: a house writes
    "don't" in its rules, and its CMS prints "don’t". Escaped ones are left as they are."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class and pattern.startswith("[:", i) and ":]" in pattern[i:]:
            end = pattern.index(":]", i) + 2  # a POSIX class, [:alpha:], inside a set
            out.append(pattern[i:end])
            i = end
            continue
        if c in _APOSTROPHES and in_class and pattern.startswith("-", i + 1):
            out.append(c)  # the end of a range ('-9): left as written
        elif c in _APOSTROPHES:
            out.append(_APOSTROPHES if in_class else f"[{_APOSTROPHES}]")
        elif c == "[" and not in_class:
            in_class = True
            start = i + 2 if pattern.startswith("[^", i) else i + 1
            if pattern.startswith("]", start):  # a "]" first in a class is one of its members
                out.append(pattern[i : start + 1])
                i = start + 1
                continue
            out.append(c)
        else:
            in_class = in_class and c != "]"
            out.append(c)
        i += 1
    return "".join(out)


def finditer(code: str, pattern: regex.Pattern[str], text: str) -> Iterator[Any]:
    """``pattern.finditer(text)``, bounded by :data:`MATCH_TIMEOUT`, and by ``rule-timeout``
    (the time the rules have left, see :mod:`newslint.deadline`) when that is sooner."""
    timeout = deadline.time_left(MATCH_TIMEOUT)
    try:
        yield from pattern.finditer(text, timeout=timeout)
    except TimeoutError:
        raise _timed_out(code, pattern, timeout) from None


def fullmatch(code: str, pattern: regex.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches the whole of ``text``, bounded as :func:`finditer` is."""
    timeout = deadline.time_left(MATCH_TIMEOUT)
    try:
        return pattern.fullmatch(text, timeout=timeout) is not None
    except TimeoutError:
        raise _timed_out(code, pattern, timeout) from None


def _timed_out(code: str, pattern: regex.Pattern[str], timeout: float) -> PatternTimeout:
    """The error of a pattern that ran out of ``timeout``; :class:`~newslint.deadline.RuleTimeout`
    is raised instead when that was the rules' time, not the pattern's own, so the rule is
    reported as stopped."""
    if timeout < MATCH_TIMEOUT:
        raise deadline.RuleTimeout
    return PatternTimeout(f"rule {code}: pattern {pattern.pattern!r} ran over "
                          f"{MATCH_TIMEOUT:g} s on one block and was stopped; simplify it")


def render(template: str, *args: str, **fields: Any) -> str:
    """Fill a message: Vale's ``%s`` placeholders take ``args`` in order; ``{name}`` placeholders
    take ``fields`` (``{match}`` is the matched text), and unknown ones are left as written."""
    if "%s" in template:
        parts = template.split("%s")
        out = parts[0]
        for i, part in enumerate(parts[1:]):
            out += (args[i] if i < len(args) else "") + part
        return out
    return _re.sub(r"\{(\w+)\}", lambda m: str(fields.get(m.group(1), m.group())), template)


def parse_scope(value: Any) -> tuple[str, ...]:
    """Check a ``scope`` value (a name or a list of names) and return it as a tuple."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise DefinitionError("'scope' must be a scope name or a list of them", "scope")
    for name in names:
        if name not in SCOPES and not (name.startswith("frontmatter.") and len(name) > 12):
            from newslint.config import closest

            raise DefinitionError(f"unknown scope '{name}' (use {', '.join(SCOPES)} or "
                                  f"frontmatter.FIELD){closest(name, SCOPES)}", "scope")
    return tuple(names)


_SPACES = _re.compile(" +")
_QUOTE_RE = _re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?!\w)")


def units(document: Document, scopes: tuple[str, ...]) -> Iterator[Unit]:
    """The pieces of ``document`` that ``scopes`` select, in source order."""
    wanted = set(scopes)
    if "all" in wanted:
        wanted |= {"headline", "body", "captions", "headings"}
    if "headline" in wanted and document.headline is not None:
        yield Unit(document.headline.text, document.headline, 0, "headline")
    for block in document.blocks:
        if block.kind == "frontmatter":
            yield from _field_units(block, wanted)
        elif block.kind == "caption" and "captions" in wanted:
            yield Unit(block.text, block, 0, "captions")
        elif block.kind == "heading" and "headings" in wanted:
            yield Unit(block.text, block, 0, "headings")
        elif block.kind in BODY_KINDS:
            if "body" in wanted:
                yield Unit(block.text, block, 0, "body")
            elif "quotes" in wanted:
                if block.kind == "blockquote":
                    yield Unit(block.text, block, 0, "quotes")
                    continue
                for m in _QUOTE_RE.finditer(block.text):
                    yield Unit(m.group()[1:-1], block, m.start() + 1, "quotes")


def _field_units(block: Block, wanted: set[str]) -> Iterator[Unit]:
    fields = block.meta.get("fields", {})
    for scope in wanted:
        if not scope.startswith("frontmatter."):
            continue
        value = fields.get(scope.removeprefix("frontmatter."))
        if isinstance(value, str) and value:
            at = block.text.find(value)
            if at >= 0:
                yield Unit(value, block, at, scope)


class DeclarativeRule(Rule):
    """Base class of the rule types. A concrete rule is a subclass made by :func:`make_rule`."""

    type_name: ClassVar[str] = ""
    """The ``type`` value that picks this rule type."""
    keys: ClassVar[dict[str, tuple[type | tuple[type, ...], str]]] = {}
    """The type's own keys: ``name -> (accepted types, description)``."""
    required: ClassVar[tuple[str, ...]] = ()
    """Keys that must be given."""
    spec: ClassVar[dict[str, Any]] = {}
    """The rule's prepared definition (after :meth:`prepare`)."""
    message: ClassVar[str] = "{match}"
    scope: ClassVar[tuple[str, ...]] = ("all",)
    vale: ClassVar[bool] = False
    """Whether the rule came from a Vale style (Vale's matching details apply)."""
    applies: ClassVar[Callable[[str], Any] | None] = None
    """For Vale rules: maps a document path to its severity there, or ``None`` to skip it."""
    levels: ClassVar[dict[str, Any]] = {}
    """For Vale rules: what :attr:`applies` reads (the ``.vale.ini``'s setting of the rule per
    glob, its ``MinAlertLevel``) as plain data, which the result cache's key can read."""

    @classmethod
    def prepare(cls, spec: dict[str, Any]) -> dict[str, Any]:
        """Check and compile the type's keys; raise :class:`DefinitionError` on a mistake."""
        return spec

    def check(self, document: Document) -> Iterator[Violation]:
        applies = type(self).applies
        if applies is not None:
            severity = applies(document.path)
            if severity is None:
                return
            self.effective_severity = severity
        yield from self.find(document)

    def find(self, document: Document) -> Iterator[Violation]:
        """Yield the rule's violations; implemented by each type."""
        raise NotImplementedError

    def report(self, unit: Unit, start: int, end: int, *args: str,
               suggestion: str | None = None, **fields: Any) -> Violation:
        """A violation at ``unit.text[start:end]`` with the rule's message filled in."""
        fields.setdefault("match", unit.text[start:end])
        message = render(type(self).message, *args, **fields)
        if type(self).vale:
            # Vale prints every message on one line with runs of spaces collapsed (its
            # core.WhitespaceToSpace), so a match of "y.  T" reads 'y. T'
            message = _SPACES.sub(" ", message.replace("\n", " "))
        fixes = [Suggestion(suggestion, safe=True, title=f"Replace with '{suggestion}'")] \
            if suggestion is not None else []
        return self.violation(unit.span(start, end), message, fixes)

    @classmethod
    def units(cls, document: Document) -> Iterator[Unit]:
        found = units(document, cls.scope)
        if cls.vale:
            return found  # as Vale reads them, results and all
        # A line break inside a paragraph (Markdown wrapped at 80 columns) is a space to the
        # reader: "per\ncent" reads "per cent", and a rule's phrase must match it; a space for
        # a break keeps every offset.
        return (
            replace(unit, text=unit.text.replace("\n", " ")) if "\n" in unit.text else unit
            for unit in found
        )

    def matches(self, pattern: regex.Pattern[str] | _re.Pattern[str],
                unit: Unit) -> Iterator[Any]:
        """The matches of ``pattern`` in ``unit``'s text (see :func:`finditer`; a built-in
        ``re`` pattern runs unbounded) but those in a link, an e-mail address or a handle
        (:meth:`Unit.in_link`), which are not the article's words; a Vale rule's all, as Vale
        lints a bare link's text."""
        found = pattern.finditer(unit.text) if isinstance(pattern, _re.Pattern) else \
            finditer(self.code, pattern, unit.text)
        if type(self).vale:
            return found
        return (m for m in found if not unit.in_link(m.start(), m.end()))


def key_of(spec: dict[str, Any], key: str, types: type | tuple[type, ...], default: Any,
           description: str) -> Any:
    """``spec[key]`` if it has one of ``types``, ``default`` when absent; else a
    :class:`DefinitionError` that names the key and what it must be."""
    if key not in spec:
        return default
    value = spec[key]
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise DefinitionError(f"'{key}' must be {description}", key)
    if not isinstance(value, types):
        raise DefinitionError(f"'{key}' must be {description}", key)
    return value


def string_list(spec: dict[str, Any], key: str, default: list[str] | None = None) -> list[str]:
    """A list-of-strings key (a single string is taken as a list of one)."""
    value = spec.get(key, default if default is not None else [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DefinitionError(f"'{key}' must be a list of strings", key)
    return value
