"""``[[rules.custom]]`` tables → rule classes, and the inline ``[[rules.custom.tests]]`` runner.

Every table has the common header below, plus the keys of its ``type`` (see each type's module):

==============  ======================================================================
key             meaning
==============  ======================================================================
``code``        the rule's code: two or three capitals and three digits (``NYT001``), with a
                prefix no plugin has registered
``type``        existence, substitution, consistency, occurrence, repetition, conditional,
                capitalization or metric
``message``     the message; ``{match}`` and the type's other fields are filled in
``severity``    ``error``, ``warning`` (default) or ``info``
``scope``       headline, body, captions, quotes, headings, all (default) or
                ``frontmatter.FIELD``; a name or a list
``name``        kebab-case name of the fault (default ``custom-CODE``)
``description`` a paragraph for ``newslint explain``
``tests``       ``[[rules.custom.tests]]`` with ``text`` (the body), optional ``headline`` and
                ``expect``: the list of matched texts, in order (``[]``: it must not fire)
``vale``        ``true``: match and word messages as Vale does (``newslint import-vale``
                writes it, so an imported style reports what Vale reports)
==============  ======================================================================
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newslint.declarative.base import DeclarativeRule, DefinitionError, key_of, parse_scope
from newslint.declarative.capitalization import Capitalization
from newslint.declarative.conditional import Conditional
from newslint.declarative.consistency import Consistency
from newslint.declarative.existence import Existence
from newslint.declarative.metric import Metric
from newslint.declarative.occurrence import Occurrence
from newslint.declarative.repetition import Repetition
from newslint.declarative.substitution import Substitution
from newslint.rule import CODE_RE
from newslint.violation import Severity

if TYPE_CHECKING:
    from newslint.config import Config

TYPES: dict[str, type[DeclarativeRule]] = {
    t.type_name: t for t in (Existence, Substitution, Consistency, Occurrence, Repetition,
                             Conditional, Capitalization, Metric)
}
"""Rule types by their ``type`` value."""

COMMON_KEYS = ("code", "type", "message", "severity", "scope", "name", "description", "tests",
               "vale")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def make_rule(entry: dict[str, Any], *, code_re: re.Pattern[str] | None = CODE_RE,
              vale: bool = False) -> type[DeclarativeRule]:
    """The rule class that ``entry`` defines; :class:`DefinitionError` names the key at fault."""
    code = entry.get("code")
    if not isinstance(code, str) or not code:
        raise DefinitionError("'code' is required (e.g. code = \"NYT001\")", "code")
    if code_re is not None and not code_re.match(code):
        raise DefinitionError(f"code '{code}' must be two or three capitals and three digits "
                              "(e.g. NYT001)", "code")
    type_name = entry.get("type")
    if type_name not in TYPES:
        from newslint.config import closest

        hint = closest(str(type_name), TYPES) or f" (use one of {', '.join(TYPES)})"
        raise DefinitionError(f"unknown type {type_name!r}{hint}" if type_name else
                              f"'type' is required{hint}", "type")
    base = TYPES[type_name]
    allowed = (*COMMON_KEYS, *base.keys)
    for key in entry:
        if key not in allowed:
            from newslint.config import closest

            raise DefinitionError(f"unknown key '{key}' for a {type_name} rule"
                                  f"{closest(key, allowed)}", key)
    for key in base.required:
        if key not in entry:
            raise DefinitionError(f"a {type_name} rule needs '{key}'", key)
    for key, (types, description) in base.keys.items():
        if key in entry and (not isinstance(entry[key], types) or
                             (isinstance(entry[key], bool) and types is not bool)):
            raise DefinitionError(f"'{key}' must be {description}", key)
    vale = vale or key_of(entry, "vale", bool, False, "true or false")
    message = entry.get("message", base.message)
    if not isinstance(message, str) or not message:
        raise DefinitionError("'message' must be a non-empty string", "message")
    try:
        severity = Severity.parse(entry.get("severity", "warning"))
    except ValueError as exc:
        raise DefinitionError(str(exc), "severity") from None
    scope = parse_scope(entry["scope"]) if "scope" in entry else base.scope
    name = entry.get("name", f"custom-{code.lower().replace('.', '-')}")
    if not isinstance(name, str) or not (_NAME_RE.match(name) or vale):
        raise DefinitionError("'name' must be kebab-case, e.g. \"loaded-verb\"", "name")
    tests = _tests(entry.get("tests", []))
    try:
        spec = base.prepare({**entry, "vale": vale})
    except DefinitionError as exc:
        if exc.key is None:  # a pattern error: point at the first of the type's keys given
            exc.key = next((k for k in base.keys if k in entry), None)
        raise
    description = entry.get("description", "")
    article = "An" if type_name[0] in "aeiou" else "A"
    doc = (f"## What it does\n{description or message}\n\n{article} `{type_name}` rule defined "
           f"in the configuration.\n{_examples(tests)}")
    class_name = "Custom_" + re.sub(r"\W", "_", code)
    return type(class_name, (base,), {
        "__doc__": doc, "__module__": __name__, "code": code, "name": name,
        "severity": severity, "message": message, "scope": scope, "spec": spec, "vale": vale,
        "tests": tests, "options": {},
        # the table as written, plain data, for the result cache's key: ``spec`` holds compiled
        # patterns, which the key cannot read, so an edited swap would keep the old findings
        "definition": entry,
    })


def _examples(tests: list[dict[str, Any]]) -> str:
    """The rule's inline tests as the ``Example`` (copy it fires on) and ``Use instead`` (copy
    it passes) sections of its ``explain`` page, as a built-in rule's docstring has them."""
    page = ""
    for title, fires in (("Example", True), ("Use instead", False)):
        blocks = [f"```markdown\n{article_of_test(t)}```" for t in tests
                  if bool(t.get("expect")) is fires]
        if blocks:
            page += f"\n## {title}\n" + "\n\n".join(blocks) + "\n"
    return page


def article_of_test(test: dict[str, Any]) -> str:
    """The Markdown article an inline test is run on: its headline (or a stand-in) over its
    text."""
    return f"# {test.get('headline', 'Test headline')}\n\n{test['text']}\n"


def _tests(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise DefinitionError("'tests' must be an array of [[rules.custom.tests]] tables", "tests")
    for i, test in enumerate(value):
        # each error names the test's own table or key, so its line is the test's, not the rule's
        unknown = set(test) - {"text", "headline", "expect"}
        if unknown:
            key = sorted(unknown)[0]
            raise DefinitionError(f"unknown key '{key}' in [[rules.custom.tests]] "
                                  "(it takes text, headline and expect)", ("tests", i, key))
        if not isinstance(test.get("text"), str):
            raise DefinitionError("each [[rules.custom.tests]] needs 'text', a string",
                                  ("tests", i, "text"))
        expect = test.get("expect", [])
        if not isinstance(expect, list) or not all(isinstance(e, str) for e in expect):
            raise DefinitionError("'expect' must be a list of the texts the rule should match "
                                  "([] when it must not fire)", ("tests", i, "expect"))
    return value


def build_custom_rules(cfg: Config, entries: Any, *where: Any) -> dict[str, type[DeclarativeRule]]:
    """The rule classes of a configuration's ``[[rules.custom]]`` array, by code; a mistake is a
    :class:`newslint.config.ConfigError` with the file, line and key."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise cfg.error("'rules.custom' must be an array of [[rules.custom]] tables", *where)
    rules: dict[str, type[DeclarativeRule]] = {}
    for i, entry in enumerate(entries):
        label = entry.get("code") if isinstance(entry.get("code"), str) else f"#{i + 1}"
        try:
            rule = make_rule(entry)
        except DefinitionError as exc:
            key = exc.key if isinstance(exc.key, tuple) else (exc.key,) if exc.key else ()
            raise cfg.error(f"[[rules.custom]] {label}: {exc}", *where, i, *key) from None
        if rule.code in rules:
            raise cfg.error(f"[[rules.custom]] {label}: code {rule.code} is defined twice",
                            *where, i, "code")
        rules[rule.code] = rule
    return rules


def check_prefixes(cfg: Config, custom: dict[str, Any], registered: set[str]) -> None:
    """Refuse custom codes whose prefix belongs to a registered rule family (ST, SP, a plugin's)."""
    prefixes = {c.rstrip("0123456789") for c in registered}
    for i, code in enumerate(custom):
        prefix = code.rstrip("0123456789")
        if "." not in code and prefix in prefixes:
            raise cfg.error(f"[[rules.custom]] {code}: the prefix '{prefix}' belongs to registered "
                            "rules; pick your own (e.g. your newsroom's initials)",
                            "rules", "custom", i, "code")


def apply_declarative(cfg: Config, data: dict[str, Any]) -> dict[str, Any]:
    """Read a configuration's ``preset``, ``[[rules.custom]]`` and ``vale-config`` into ``cfg``;
    returns ``data`` with the preset merged under it and ``rules.custom`` taken out."""
    from newslint.config import Config, KeyLocator, closest
    from newslint.presets import PRESETS, read_preset

    custom: dict[str, type[DeclarativeRule]] = {}
    if "preset" in data:
        name = data["preset"]
        if name not in PRESETS:
            raise cfg.error(f"unknown preset '{name}'"
                            f"{closest(name, PRESETS) or ' (use ' + ', '.join(PRESETS) + ')'}",
                            "preset")
        preset, text, path = read_preset(name)
        preset_rules = dict(preset.get("rules", {}))
        custom.update(build_custom_rules(Config(path=path, locator=KeyLocator(text)),
                                         preset_rules.pop("custom", []), "rules", "custom"))
        data = _merge({**preset, "rules": preset_rules}, data)
    rules = dict(data.get("rules", {}))
    for code, rule in build_custom_rules(cfg, rules.pop("custom", []), "rules", "custom").items():
        custom[code] = rule  # the configuration's own definition replaces a preset's
    data = {**data, "rules": rules}
    if "vale-config" in data:
        from newslint.declarative.vale import ValeError, load_vale

        try:
            vale = load_vale(cfg.root / data["vale-config"])
        except ValeError as exc:
            raise cfg.error(f"vale-config: {exc}", "vale-config") from None
        custom.update(vale.rules)
        cfg.vale_skipped = vale.skipped
    cfg.custom_rules = custom
    return data


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """``top`` over ``base``: tables merge key by key (two levels, for ``[rules.CODE]``), other
    values are replaced."""
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            merged = dict(out[key])
            for k, v in value.items():
                merged[k] = ({**merged[k], **v}
                             if isinstance(v, dict) and isinstance(merged.get(k), dict) else v)
            out[key] = merged
        else:
            out[key] = value
    return out
