"""An outside plugin, installed into a real virtual environment, adds a rule and a format
without touching newslint's code.

The environment is made without network: a venv without pip whose ``.pth`` file adds this
interpreter's site-packages (newslint, its dependencies, pip and the hatchling build backend
from the ``test`` extra), so the plugin installs with ``--no-index --no-build-isolation``.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "data" / "example_plugin"
ARTICLE = "Council approves new budget\n\nThe council will spend TK million on roads.\n"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEWSLINT_", "PYTHON", "PIP_", "VIRTUAL_ENV"))
    }
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    proc = run(sys.executable, "-m", "venv", "--without-pip", root / "env")
    assert proc.returncode == 0, proc.stderr
    env = root / "env"
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    # addsitedir, not a bare path, so that the .pth files there (an editable newslint) work too
    parents = dict.fromkeys([*site.getsitepackages(), sysconfig.get_paths()["purelib"]])
    Path(purelib.stdout.strip(), "_newslint_parent_env.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in parents), encoding="utf-8"
    )
    source = root / "example_plugin"  # a copy, so the build leaves nothing in the repository
    shutil.copytree(PLUGIN, source)
    proc = run(
        python, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index", source
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return python


@pytest.mark.slow
def test_plugin_installed_in_a_venv_adds_a_rule_and_a_format(venv, tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    # only EX and ST, so that other families' rules cannot change the outcome
    (tmp_path / "ex.toml").write_text('select = ["EX", "ST"]\n', encoding="utf-8")

    proc = run(
        venv,
        "-m",
        "newslint",
        "check",
        "story.txt",
        "--config",
        "ex.toml",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    [item] = json.loads(proc.stdout)
    assert (
        item["code"],
        item["rule"],
        item["severity"],
        item["line"],
        item["column"],
        item["end_column"],
    ) == ("EX001", "to-come-marker", "error", 3, 24, 26)

    proc = run(
        venv,
        "-m",
        "newslint",
        "check",
        "story.txt",
        "--config",
        "ex.toml",
        "--format",
        "tsv",
        cwd=tmp_path,
    )
    assert proc.stdout.splitlines() == [
        "path\tline\tcolumn\tcode\tmessage",
        "story.txt\t3\t24\tEX001\tTK marker left in the copy",
    ]

    proc = run(venv, "-m", "newslint", "rules", cwd=tmp_path)
    row = next(line for line in proc.stdout.splitlines() if line.startswith("EX001"))
    assert row.split()[:5] == ["EX001", "to-come-marker", "EX", "error", "on"]
    proc = run(venv, "-m", "newslint", "explain", "EX001", cwd=tmp_path)
    assert proc.returncode == 0 and "## Use instead" in proc.stdout

    # the outside environment, without the plugin, knows neither
    proc = run(
        sys.executable, "-m", "newslint", "check", "story.txt", "--format", "tsv", cwd=tmp_path
    )
    assert proc.returncode == 2 and "unknown format 'tsv'" in proc.stderr

    # and the plugin can be switched off
    proc = run(
        venv,
        "-m",
        "newslint",
        "check",
        "story.txt",
        "--select",
        "ST",
        "--disable-plugin",
        "example-rules",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
