"""The newslint plugin: LanguageTool's grammar and style rules as newslint violations.

Registered through the ``newslint`` entry-point group (see ``pyproject.toml``). Its hooks:

- :func:`newslint_add_config` declares the ``[plugins.languagetool]`` keys;
- :func:`newslint_register_rules` contributes :class:`LanguageTool`, a rule with dynamic codes:
  its code is the prefix ``LT`` and each violation's code is ``LT:<RULE_ID>``;
- :func:`newslint_lint_document` hands each configuration's options to that rule before the rules
  run (``Rule.check`` sees only the document);
- :func:`newslint_modify_violations` drops a LanguageTool match that repeats a newslint violation;
- :func:`newslint_unconfigure` stops the local LanguageTool server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newslint import Rule, Severity, Span, Suggestion, Violation, hookimpl
from newslint.cache import NOT_STORED
from newslint.violation import INTERNAL_ERROR
from newslint_languagetool.checker import Checker
from newslint_languagetool.client import LanguageToolUnavailable, Settings, is_spelling

if TYPE_CHECKING:
    from newslint.config import Config, PluginSchema
    from newslint.document import Block, Document

PLUGIN = "languagetool"
"""The plugin's name: its entry point, and its table ``[plugins.languagetool]``."""

OPTIONS: dict[str, tuple[type, Any, str]] = {
    "server": (str, None, "URL of a LanguageTool server (e.g. http://localhost:8081); when "
               "absent, language-tool-python starts a local one (Java 17+)"),
    "language": (str, None, "LanguageTool's language code; default: the article's locale"),
    "enabled-rules": (list, [], "LanguageTool rule IDs to turn on"),
    "disabled-rules": (list, [], "LanguageTool rule IDs to turn off"),
    "enabled-categories": (list, [], "LanguageTool category IDs to turn on"),
    "disabled-categories": (list, [], "LanguageTool category IDs to turn off"),
    "picky": (bool, False, "LanguageTool's picky level: more style rules"),
    "spelling": (bool, False, "run LanguageTool's spelling rules too (newslint's SP rules "
                 "own spelling and know names)"),
    "timeout": (int, 30, "seconds to wait for the server's answer"),
    "fail-on-unavailable": (bool, True, "make the run incomplete (exit status 2) when "
                            "LanguageTool cannot be used; false reports it as info"),
    "max-request-chars": (int, 20000, "longest request; a server that names a lower limit "
                          "(HTTP 413) wins"),
}

def _positive(value: int) -> str | None:
    return None if value > 0 else "must be a positive number"


PROBLEMS = {"timeout": _positive, "max-request-chars": _positive}
"""What the plugin cannot use of a key's values of the right type: requests refuses a timeout of
0 or less (which many tools take as no limit), and no text fits in a request of 0 characters."""

ISSUE_SEVERITY = {
    "grammar": Severity.ERROR, "misspelling": Severity.ERROR,
    "typographical": Severity.WARNING, "duplication": Severity.WARNING,
    "inconsistency": Severity.WARNING, "whitespace": Severity.WARNING,
    "characters": Severity.WARNING, "omission": Severity.WARNING, "addition": Severity.WARNING,
    "mistranslation": Severity.WARNING, "untranslated": Severity.WARNING,
    "numbers": Severity.WARNING,
}
"""Severity by LanguageTool's ``issueType``; the rest (style, register, uncategorized) are info."""

MAX_SUGGESTIONS = 5

SAME_FAULT_RULES: dict[str, tuple[str, ...]] = {
    "ENGLISH_WORD_REPEAT_RULE": ("ST001",),
    "WHITESPACE_RULE": ("ST002",),
    "EN_UNPAIRED_BRACKETS": ("QT301",),
    "EN_UNPAIRED_QUOTES": ("QT301",),
}
"""LanguageTool rules whose fault a newslint rule reports too, by the newslint codes."""

SAME_FAULT_CATEGORIES: dict[str, tuple[str, ...]] = {"typos": ("SP",), "confused-words": ("SP102",)}
"""The same, by LanguageTool category (the violation's ``rule`` name)."""

_checker = Checker()
"""The run's LanguageTool clients and paragraph cache; one per process, closed at unconfigure."""


def settings_from(config: Config) -> Settings:
    """The :class:`Settings` of ``[plugins.languagetool]`` in ``config`` (types were checked
    against :data:`OPTIONS` when the configuration was loaded)."""
    raw = {key: default for key, (_, default, _) in OPTIONS.items()}
    raw.update(config.plugin_options.get(PLUGIN, {}))
    return Settings(
        server=raw["server"] or None, language=raw["language"] or None,
        enabled_rules=tuple(raw["enabled-rules"]), disabled_rules=tuple(raw["disabled-rules"]),
        enabled_categories=tuple(raw["enabled-categories"]),
        disabled_categories=tuple(raw["disabled-categories"]),
        picky=raw["picky"], spelling=raw["spelling"], timeout=raw["timeout"],
        fail_on_unavailable=raw["fail-on-unavailable"],
        max_request_chars=raw["max-request-chars"],
    )


def prose_blocks(document: Document) -> list[Block]:
    """The blocks whose prose LanguageTool sees: the headline and the body, never front matter
    (nor a headline taken from it); code is not a block, and inline code is one placeholder
    character in the prose."""
    frontmatter = [b.span for b in document.blocks if b.kind == "frontmatter"]
    blocks = [b for b in document.blocks if b.kind != "frontmatter"]
    headline = document.headline
    if headline is not None and not any(headline.span.start in s for s in frontmatter):
        blocks.insert(0, headline)
    return blocks


def _kebab(identifier: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", identifier.lower()).strip("-")


class LanguageTool(Rule):
    """## What it does
    Sends the article's prose to LanguageTool and reports its grammar and style matches, one
    code per LanguageTool rule: `LT:EN_A_VS_AN`, `LT:HE_VERB_AGR`. Select or ignore them all
    with `LT`, or one with its full code.

    ## Why is this bad?
    LanguageTool has thousands of English grammar rules ("a apple", "he go") that newslint does
    not repeat. Its spelling rules are off unless `spelling = true`: newslint's SP rules know the
    names in the news.

    ## Example
    ```text
    The mayor bought a apple.
    ```

    ## Use instead
    ```text
    The mayor bought an apple.
    ```

    Options go under `[plugins.languagetool]`: `server`, `language`, `enabled-rules`,
    `disabled-rules`, `enabled-categories`, `disabled-categories`, `picky`, `spelling`,
    `timeout`, `fail-on-unavailable`, `max-request-chars`.
    """

    code = "LT"
    name = "languagetool"
    severity = Severity.WARNING
    dynamic_codes = True

    settings: Settings | None = None
    """Set for each configuration by :func:`newslint_lint_document`; ``None`` means defaults."""

    def check(self, document: Document) -> Iterator[Violation]:
        settings = self.settings or Settings()
        # a locale's language and region: LanguageTool has no variant of English beyond its
        # region ("en-GB-oxendict", Oxford spelling, is checked as en-GB)
        language = settings.language or "-".join(document.locale.split("-")[:2])
        blocks = prose_blocks(document)
        try:
            found, incomplete = _checker.check_paragraphs([b.text for b in blocks], language,
                                                          settings)
        except LanguageToolUnavailable as exc:
            document.meta[NOT_STORED] = True  # the next run asks LanguageTool again
            yield self._unavailable(str(exc), settings)
            return
        for block, matches in zip(blocks, found, strict=True):
            for m in matches:
                if is_spelling(m) and not settings.spelling and \
                        m.rule_id not in settings.enabled_rules:
                    continue  # the server may run spelling rules that no category names
                suggestions = [Suggestion(r) for r in m.replacements[:MAX_SUGGESTIONS]]
                v = self.sub_violation(m.rule_id, block.source_span(m.start, m.end), m.message,
                                       ISSUE_SEVERITY.get(m.issue_type, Severity.INFO),
                                       suggestions, name=_kebab(m.category))
                if v is not None:
                    yield v
        if incomplete:
            document.meta[NOT_STORED] = True
            yield Violation(self.code, self.name, "LanguageTool's results for this file are "
                            "incomplete (the server stopped early, at a time or size limit); "
                            "raise the server's limits or run again", Severity.WARNING, Span(0, 0))

    def _unavailable(self, reason: str, settings: Settings) -> Violation:
        if settings.fail_on_unavailable:
            # internal-error: the run's exit status says it was incomplete (2)
            return Violation(INTERNAL_ERROR, INTERNAL_ERROR, f"LanguageTool did not check this "
                             f"file: {reason}", Severity.ERROR, Span(0, 0))
        return Violation(self.code, self.name, f"LanguageTool did not check this file: {reason}",
                         Severity.INFO, Span(0, 0))


def is_duplicate(lt: Violation, other: Violation) -> bool:
    """Whether a LanguageTool violation reports the same fault as a newslint one: overlapping
    spans, and either a newslint rule known to cover that LanguageTool rule or category, or the
    very same span with the same first suggestion."""
    if other.span.start >= lt.span.end or lt.span.start >= other.span.end:
        if lt.span != other.span:  # empty spans at one point still overlap
            return False
    rule_id = lt.code.partition(":")[2]
    covers = SAME_FAULT_RULES.get(rule_id) or SAME_FAULT_CATEGORIES.get(lt.rule, ())
    if any(other.code.startswith(c) for c in covers):
        return True
    return (lt.span == other.span and bool(lt.suggestions) and bool(other.suggestions)
            and lt.suggestions[0].replacement == other.suggestions[0].replacement)


# ---- hooks -------------------------------------------------------------------------------


@hookimpl
def newslint_add_config(schema: PluginSchema) -> None:
    for key, (type_, default, help_) in OPTIONS.items():
        schema.add(PLUGIN, key, type_, default, help_, problem=PROBLEMS.get(key))


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [LanguageTool]


@hookimpl(tryfirst=True)
def newslint_lint_document(document: Document, rules: list[Rule], config: Config) -> None:
    # Rule.check sees only the document, so the options of the document's configuration are
    # handed to the rule here, before the engine runs the rules; returning None lets it run
    for rule in rules:
        if isinstance(rule, LanguageTool):
            rule.settings = settings_from(config)


@hookimpl
def newslint_modify_violations(document: Document, violations: list[Violation],
                               config: Config) -> None:
    ours = [v for v in violations if v.code.startswith("LT:")]
    if not ours:
        return
    theirs = [v for v in violations if not v.code.startswith("LT") and v.code != INTERNAL_ERROR]
    drop = {id(v) for v in ours if any(is_duplicate(v, o) for o in theirs)}
    if drop:
        violations[:] = [v for v in violations if id(v) not in drop]


@hookimpl
def newslint_unconfigure(config: Config) -> None:
    _checker.close()
