"""``newslint import-vale STYLE_DIR``: a Vale style written out as ``[[rules.custom]]`` TOML.

Each YAML rule becomes a table with a newslint code (the style's prefix and a number; the Vale
name is kept in ``name`` and in a comment), its type's keys, and the message with Vale's ``%s``
turned into ``{match}`` / ``{replacement}``, and ``vale = true``, so that it matches as Vale's
rule does. Rules of types newslint does not run are listed in
comments at the top, with the reason; a broken rule is an error, as with ``vale-config``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newslint.declarative.base import DefinitionError
from newslint.declarative.loader import make_rule
from newslint.declarative.vale import Unsupported, ValeError, _where, load_style_rule

_PLACEHOLDERS = {"substitution": ("{replacement}", "{match}")}


def style_prefix(style: str) -> str:
    """Three capitals from the style's name ("Microsoft" -> "MIC", "write-good" -> "WRI")."""
    letters = re.sub(r"[^A-Za-z]", "", style).upper()
    return (letters + "XXX")[:3]


def toml_value(value: Any) -> str:
    """``value`` written as TOML; :class:`TypeError` for a type TOML has no form for."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _message(template: str, kind: str) -> str:
    names = iter(_PLACEHOLDERS.get(kind, ("{match}",) * 8))
    return re.sub(r"%s", lambda _: next(names, "{match}"), template)


def style_to_toml(style_dir: Path) -> str:
    """The TOML for every rule of the Vale style in ``style_dir``; :class:`ValeError` names the
    file and line of a rule that is broken."""
    style = style_dir.name
    prefix = style_prefix(style)
    tables: list[str] = []
    skipped: list[str] = []
    number = 0
    files = sorted(style_dir.glob("*.yml"))
    if not files:
        # an empty TOML and exit 0 would read as a style imported whole; the folder of styles
        # (Vale's StylesPath) is the likeliest mistake, so its styles are named
        styles = sorted(d.name for d in style_dir.iterdir() if d.is_dir() and any(d.glob("*.yml")))
        hint = f"; it holds the styles {', '.join(styles)}: import one of them" if styles else ""
        raise ValeError(f"{style_dir}: no Vale rules found (looked for *.yml){hint}")
    for file in files:
        try:
            entry = load_style_rule(file, style)
            make_rule(entry, code_re=None, vale=True)  # what Vale could not run either
        except Unsupported as exc:
            skipped.append(f"# skipped {style}.{file.stem}: {exc}")
            continue
        except DefinitionError as exc:
            # as vale-config does: a broken rule written out (or left out) would be found late
            raise ValeError(_where(file, style_dir.parent, exc) + str(exc)) from None
        number += 1
        vale_name = entry["code"]
        entry["code"] = f"{prefix}{number:03d}"
        entry["name"] = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", file.stem).lower().replace("_", "-")
        entry["message"] = _message(entry["message"], entry["type"])
        # Vale's matching differs from a house rule's (raw pieces joined to the tokens, \b
        # boundaries, acronyms in sentence case, messages on one line): keep it
        entry["vale"] = True
        lines = [f"# {vale_name}", "[[rules.custom]]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in entry.items()]
        tables.append("\n".join(lines))
    head = [f"# Imported from the Vale style '{style}' by `newslint import-vale`.", *skipped]
    return "\n".join(head) + "\n\n" + "\n\n".join(tables) + "\n"
