"""Fresh bytecode for the newslint being timed.

An installed newslint has its modules' bytecode written at install time (pip compiles a wheel's
modules), and an editable one writes it on first import. A machine that sets
``PYTHONDONTWRITEBYTECODE`` (many containers and CI images do) never rewrites it, so every
module edited since the last write is compiled again on every start, and a whole-process timing
includes work no user's run does: 0.1 s or more of a one-second run after editing the rules.
The benchmarks that time ``newslint`` processes write it first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_COMPILE = (
    "import compileall, os, newslint; "
    "compileall.compile_dir(os.path.dirname(newslint.__file__), quiet=1)"
)


def refresh(python: str = sys.executable, checkout: Path | None = None) -> None:
    """Write the bytecode of every module of the newslint package ``python`` imports, or
    imports from ``checkout`` put first on its path (on the same interpreter, as the bytecode
    is per Python version); ``compileall`` writes it whatever ``PYTHONDONTWRITEBYTECODE``
    says."""
    env = None if checkout is None else {**os.environ, "PYTHONPATH": str(checkout)}
    subprocess.run([python, "-c", _COMPILE], check=True, env=env)
