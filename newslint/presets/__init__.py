"""Stylebook presets: plain TOML files, read as a configuration under the user's own.

``preset = "ap"`` in ``.newslint.toml`` loads ``ap.toml`` from this folder first; every key the
user sets wins over the preset's (tables such as ``[rules.ST005]`` merge key by key). The files
are meant to be read as examples of a house style written as configuration.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

PRESETS = ("ap", "guardian")
"""The presets that ship with newslint."""


def read_preset(name: str) -> tuple[dict[str, Any], str, Path]:
    """The preset's data, its text (for error lines) and its path."""
    from newslint.tomlreader import tomllib

    path = Path(str(resources.files("newslint.presets").joinpath(f"{name}.toml")))
    text = path.read_text(encoding="utf-8")
    return tomllib.loads(text), text, path
