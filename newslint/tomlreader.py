"""The TOML parser of this Python: :mod:`tomllib` from 3.11, else the ``tomli`` backport.

Kept apart from :mod:`newslint.config` so that readers and rules, which sit below the
configuration layer, can parse TOML without importing it.
"""

from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["error_line", "error_message", "tomllib"]


def error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    """The 1-based line of the text that a parse error names, or ``None`` ("at end of
    document"). Before Python 3.14 only the message says it."""
    line = getattr(exc, "lineno", None)
    if line is None:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else None
    return line


def error_message(exc: tomllib.TOMLDecodeError) -> str:
    """A parse error's message without the position it ends with, for a caller that names the
    line in its own terms."""
    return getattr(exc, "msg", None) or re.sub(r"\s*\(at line.*\)$", "", str(exc))
