"""Vale compatibility: a ``.vale.ini`` and its YAML styles, read into the declarative types.

What is read: ``StylesPath``, ``MinAlertLevel``, and per-glob sections (``[*.md]``) with
``BasedOnStyles`` and per-rule settings (``Style.Rule = YES | NO | suggestion | warning |
error``). Each YAML rule becomes a rule class named ``Style.Rule``, as Vale names it, so
``--format line`` prints what Vale prints. Vale's levels map to severities (suggestion → info).
A rule of a type newslint does not run (``script``, ``spelling``, ``sequence``, ``readability``
with Vale's built-in metrics, ...) is skipped and listed once in :attr:`ValeConfig.skipped` with
the reason.
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


class ValeError(Exception):
    """A ``.vale.ini`` or a style that cannot be read."""


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


def load_style_rule(file: Path, style: str) -> dict[str, Any]:
    """A Vale YAML rule as a ``[[rules.custom]]``-like table (keys renamed to newslint's)."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        # a YAML error spans several lines (with a caret under the fault): keep the note one line
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DefinitionError(f"cannot read {file.name}{where}: {reason}") from None
    if not isinstance(data, dict):
        raise DefinitionError(f"{file.name} is not a YAML mapping")
    return vale_to_entry(data, f"{style}.{file.stem}")


def vale_to_entry(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Translate Vale's keys to the declarative types' keys; :class:`DefinitionError` (its
    message is the reason) for a type or key newslint does not support."""
    kind = data.get("extends")
    entry: dict[str, Any] = {"code": code, "type": kind, "message": data.get("message", "%s"),
                             "severity": str(LEVELS.get(data.get("level", "suggestion"), Severity.INFO))}
    scope = data.get("scope", "text")
    scopes = [scope] if isinstance(scope, str) else list(scope)
    mapped = sorted({s for name in scopes for s in _VALE_SCOPES.get(name.split(".")[0].lstrip("~"), ["all"])})
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
        entry["formula"] = data.get("formula", "")
        entry["condition"] = data.get("condition", "")
    else:
        raise DefinitionError(f"type '{kind}' is not supported" if kind else "it has no 'extends'")
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
            except DefinitionError as exc:
                out.skipped[code] = str(exc)
                continue
            rule.applies = _applies(plan, code, rule.severity, min_level)
            out.rules[code] = rule
    return out


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


def _applies(plan: dict[str, dict[str, str]], code: str, default: Severity,
             min_level: Severity) -> Callable[[str], Severity | None]:
    def severity_for(path: str) -> Severity | None:
        result: Severity | None = None
        for glob, settings in plan.items():
            if not _glob_matches(glob, path):
                continue
            state = _enabled(settings, code)
            if state is False:
                result = None
            elif state is True:
                result = default
            elif isinstance(state, str):
                result = LEVELS[state]
        return result if result is not None and result >= min_level else None

    return severity_for
