"""The TOML parser of this Python: :mod:`tomllib` from 3.11, else the ``tomli`` backport.

Kept apart from :mod:`newslint.config` so that readers and rules, which sit below the
configuration layer, can parse TOML without importing it.
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["tomllib"]
