"""Vale compatibility: a ``.vale.ini`` and its YAML styles, read into the declarative types.

What is read: ``StylesPath``, ``MinAlertLevel``, and per-glob sections (``[*.md]``) with
``BasedOnStyles`` and per-rule settings (``Style.Rule = YES | NO | suggestion | warning |
error``). Each YAML rule becomes a rule class named ``Style.Rule``, as Vale names it, so
``--format line`` prints what Vale prints. Vale's levels map to severities (suggestion → info).
A rule that Vale runs and newslint does not (types ``script``, ``spelling``, ``sequence``,
``readability``; a ``metric`` over Vale counts newslint does not keep) is skipped and listed once
in :attr:`ValeConfig.skipped` with the reason. A rule that Vale could not run either (YAML that
does not parse, a key of the wrong type, an unknown ``extends``, an invalid pattern) is a
:class:`ValeError` naming the file and the key: a broken style must fail the run, not lint less.
"""

from __future__ import annotations

import configparser
import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newslint.declarative.base import DeclarativeRule, DefinitionError
from newslint.violation import Severity

LEVELS = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
_VALE_SCOPES = {"heading": ["headings", "headline"], "title": ["headline"], "sentence": ["all"],
                "paragraph": ["all"], "text": ["all"], "list": ["body"], "raw": ["all"],
                "summary": ["all"], "blockquote": ["quotes"]}


RUN_TYPES = ("existence", "substitution", "consistency", "occurrence", "repetition",
             "conditional", "capitalization", "metric")
"""Vale's rule types that newslint runs, each translated by :func:`vale_to_entry`."""
VALE_ONLY_TYPES = ("spelling", "sequence", "script", "readability")
"""Vale's rule types that newslint does not run: such a rule is valid, and only skipped."""
_VALE_METRICS = frozenset({"polysyllabic_words", "pre", "list", "blockquote",
                           *(f"heading_h{n}" for n in range(1, 7))})
"""Counts a Vale ``metric`` formula may use that newslint does not keep."""


class ValeError(Exception):
    """A ``.vale.ini`` or a style that cannot be read."""


class Unsupported(DefinitionError):
    """A valid Vale rule that newslint does not run (it is skipped with a note)."""


@dataclass
class ValeConfig:
    """What a ``.vale.ini`` turned into."""

    rules: dict[str, type[DeclarativeRule]] = field(default_factory=dict)
    """Rule classes by ``Style.Rule``."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Rules that were not loaded, by ``Style.Rule``, with the reason."""


def _expand_braces(glob: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", glob)
    if not m:
        return [glob]
    return [g for alt in m.group(1).split(",")
            for g in _expand_braces(glob[: m.start()] + alt + glob[m.end():])]


def _glob_matches(glob: str, path: str) -> bool:
    name = Path(path).name
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(path, g) for g in _expand_braces(glob))


def read_ini(path: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The global keys and the per-glob sections of a ``.vale.ini``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:  # a binary or mis-encoded file is unreadable too
        raise ValeError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # rule names are case-sensitive
    try:
        parser.read_string("[*global*]\n" + text)
    except configparser.Error as exc:
        raise ValeError(f"{path}: {exc}") from None
    sections = {name: dict(parser[name]) for name in parser.sections() if name != "*global*"}
    return dict(parser["*global*"]), sections


# Vale's key for each newslint key that :func:`vale_to_entry` renames, to name the file's key
_VALE_KEYS = {"type": "extends", "severity": "level", "patterns": "raw", "sets": "either",
              "ignore-case": "ignorecase", "whole-words": "nonword"}
# the shape of each Vale key that vale_to_entry reads itself (make_rule checks the rest)
_SHAPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "extends": (str, "a rule type"),
    "message": (str, "a string"),
    "level": (str, "suggestion, warning or error"),
    "scope": ((str, list), "a scope or a list of scopes"),
    "raw": (list, "a list of pattern pieces"),
    "swap": (dict, "a mapping of written: preferred"),
    "either": (dict, "a mapping of one spelling: the other"),
    "max": (int, "a whole number"),
    "min": (int, "a whole number"),
}


def load_style_rule(file: Path, style: str) -> dict[str, Any]:
    """A Vale YAML rule as a ``[[rules.custom]]``-like table (keys renamed to newslint's)."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        # a YAML error spans several lines (with a caret under the fault): keep the message one line
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        kind = "invalid YAML" if isinstance(exc, yaml.YAMLError) else "cannot read it"
        raise DefinitionError(f"{kind}{where}: {reason}") from None
    if not isinstance(data, dict):
        raise DefinitionError("not a YAML mapping of rule keys")
    return vale_to_entry(data, f"{style}.{file.stem}")


def key_line(file: Path, key: str) -> int | None:
    """The 1-based line of the top-level ``key`` in the YAML ``file``, or ``None``."""
    try:
        root = yaml.compose(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    return next((k.start_mark.line + 1 for k, _ in root.value if k.value == key), None)


def _check_shapes(data: dict[str, Any]) -> None:
    """:class:`DefinitionError` for a key of :data:`_SHAPES` of the wrong type, or a level Vale
    does not have: found here, not as a crash while translating the rule."""
    for key, (types, description) in _SHAPES.items():
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, types) or isinstance(value, bool) or (
                isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise DefinitionError(f"'{key}' must be {description}", key)
    if data.get("level", "suggestion") not in LEVELS:
        raise DefinitionError(f"'level' must be {_SHAPES['level'][1]}", "level")


def vale_to_entry(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Translate Vale's keys to the declarative types' keys; :class:`DefinitionError` (its
    message is the reason) for a type or key newslint does not support."""
    _check_shapes(data)
    kind = data.get("extends")
    entry: dict[str, Any] = {"code": code, "type": kind, "message": data.get("message", "%s"),
                             "severity": str(LEVELS.get(data.get("level", "suggestion"),
                                                        Severity.INFO))}
    scope = data.get("scope", "text")
    scopes = [scope] if isinstance(scope, str) else list(scope)
    mapped = sorted({s for name in scopes
                     for s in _VALE_SCOPES.get(name.split(".")[0].lstrip("~"), ["all"])})
    entry["scope"] = mapped
    ignore_case = bool(data.get("ignorecase", False))
    if kind == "existence":
        tokens = data.get("tokens") or []
        raw = data.get("raw")
        if raw:
            entry["patterns"] = ["".join(raw)]
        if tokens:
            entry["tokens"] = tokens
        entry["whole-words"] = not data.get("nonword", False)
        entry["ignore-case"] = ignore_case
        if data.get("exceptions"):
            entry["exceptions"] = data["exceptions"]
    elif kind == "substitution":
        entry["swap"] = {str(k): str(v) for k, v in (data.get("swap") or {}).items()}
        entry["ignore-case"] = ignore_case
        entry["whole-words"] = not data.get("nonword", False)
        if data.get("exceptions"):
            entry["exceptions"] = data["exceptions"]
    elif kind == "consistency":
        entry["sets"] = [[k, v] for k, v in (data.get("either") or {}).items()]
        entry["ignore-case"] = ignore_case
    elif kind == "occurrence":
        entry["token"] = data.get("token", r"\S+")
        entry["per"] = {"sentence": "sentence", "paragraph": "paragraph"}.get(scopes[0], "article")
        entry["scope"] = ["all"]
        for key in ("max", "min"):
            if key in data:
                entry[key] = int(data[key])
    elif kind == "repetition":
        entry["tokens"] = data.get("tokens") or [r"[^\s]+"]
        entry["ignore-case"] = ignore_case
        if data.get("alpha"):
            entry["alpha"] = data["alpha"]
    elif kind == "conditional":
        entry["first"], entry["second"] = data.get("first", ""), data.get("second", "")
        entry["ignore-case"] = ignore_case
        if data.get("exceptions"):
            entry["exceptions"] = data["exceptions"]
    elif kind == "capitalization":
        entry["match"] = data.get("match", "$title")
        if data.get("style"):
            entry["style"] = data["style"]
        if data.get("exceptions"):
            entry["exceptions"] = data["exceptions"]
        entry["scope"] = ["headings", "headline"] if "heading" in scopes else entry["scope"]
    elif kind == "metric":
        formula = data.get("formula", "")
        missing = sorted(_VALE_METRICS & set(re.findall(r"[A-Za-z_]\w*", str(formula))))
        if missing:
            raise Unsupported(f"Vale's {', '.join(missing)} counts are not supported")
        entry["formula"] = formula
        entry["condition"] = data.get("condition", "")
    elif kind in VALE_ONLY_TYPES:
        raise Unsupported(f"type '{kind}' is not supported")
    else:
        from newslint.config import closest

        hint = closest(str(kind), [*RUN_TYPES, *VALE_ONLY_TYPES])
        raise DefinitionError(f"unknown extends {kind!r}{hint}" if kind else
                              "'extends' is required", "extends")
    return entry


def styles_in(styles_path: Path) -> list[str]:
    return sorted(p.name for p in styles_path.iterdir() if p.is_dir() and any(p.glob("*.yml")))


def load_vale(path: Path) -> ValeConfig:
    """Read ``path`` (a ``.vale.ini``) and the styles it names."""
    from newslint.declarative.loader import make_rule

    path = path.resolve()
    if not path.is_file():
        raise ValeError(f"{path}: no such file")
    top, sections = read_ini(path)
    styles_path = (path.parent / top.get("StylesPath", ".")).resolve()
    if not styles_path.is_dir():
        raise ValeError(f"StylesPath {styles_path} is not a folder")
    min_level = LEVELS.get(top.get("MinAlertLevel", "suggestion").strip(), Severity.INFO)
    plan = _plan(sections)
    wanted = {name.split(".")[0] for settings in plan.values() for name in settings}
    out = ValeConfig()
    for style in sorted(wanted):
        folder = styles_path / style
        if not folder.is_dir():
            continue  # Vale itself ignores a style it cannot find at this level
        for file in sorted(folder.glob("*.yml")):
            code = f"{style}.{file.stem}"
            if not any(_enabled(settings, code) is not False for settings in plan.values()):
                continue
            try:
                entry = load_style_rule(file, style)
                rule = make_rule(entry, code_re=None, vale=True)
            except Unsupported as exc:
                out.skipped[code] = str(exc)
                continue
            except DefinitionError as exc:
                raise ValeError(_where(file, path.parent, exc) + str(exc)) from None
            states = [(glob, _enabled(settings, code)) for glob, settings in plan.items()]
            rule.applies = _applies(states, rule.severity, min_level)
            rule.levels = {"globs": states, "min": str(min_level)}
            out.rules[code] = rule
    return out


def _where(file: Path, base: Path, exc: DefinitionError) -> str:
    """``styles/House/Rule.yml:3: `` for the error ``exc`` in ``file``: the line of its key
    (by Vale's name for it) when it has one, the path relative to the ``.vale.ini``'s folder."""
    shown = file.relative_to(base) if file.is_relative_to(base) else file
    key = exc.key[0] if isinstance(exc.key, tuple) else exc.key
    line = key_line(file, _VALE_KEYS.get(key, key)) if isinstance(key, str) else None
    return f"{shown}:{line}: " if line else f"{shown}: "


def _plan(sections: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Per glob: ``Style`` or ``Style.Rule`` → ``YES``/``NO``/level (styles from BasedOnStyles)."""
    plan: dict[str, dict[str, str]] = {}
    for glob, keys in sections.items():
        settings: dict[str, str] = {}
        for style in re.split(r"[,\s]+", keys.get("BasedOnStyles", "").strip()):
            if style:
                settings[style] = "YES"
        for key, value in keys.items():
            if "." in key:
                settings[key] = value.strip()
        plan[glob] = settings
    return plan


def _enabled(settings: dict[str, str], code: str) -> bool | str | None:
    """``False`` when off, a level name or ``True`` when on, ``None`` when not mentioned."""
    value = settings.get(code)
    if value is None:
        return True if settings.get(code.split(".")[0]) == "YES" else None
    if value.upper() == "NO":
        return False
    return value.lower() if value.lower() in LEVELS else True


def _applies(states: list[tuple[str, bool | str | None]], default: Severity,
             min_level: Severity) -> Callable[[str], Severity | None]:
    """The severity of a rule by path, from its ``(glob, setting)`` pairs (see :func:`_enabled`)."""
    def severity_for(path: str) -> Severity | None:
        result: Severity | None = None
        for glob, state in states:
            if not _glob_matches(glob, path):
                continue
            if state is False:
                result = None
            elif state is True:
                result = default
            elif isinstance(state, str):
                result = LEVELS[state]
        return result if result is not None and result >= min_level else None

    return severity_for
