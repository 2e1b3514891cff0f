"""How long ``newslint train`` takes on the development articles, and how much memory it needs.

Runs the whole command in a fresh process, on top of the shipped model (the default) and with
``--no-base``, and prints for each the median wall time of ``--repeat`` runs, the peak resident
memory of the slowest one and the size of the model it wrote.

    python benchmarks/bench_train.py
    python benchmarks/bench_train.py --repeat 5 --data ../shared/data

It looks for the shared data in ../shared/data (beside the checkout) unless --data is given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bytecode_cache

ROOT = Path(__file__).resolve().parent.parent


def run_once(folder: Path, out: Path, extra: list[str]) -> tuple[float, float]:
    """One ``newslint train``: its wall time in seconds and its peak memory in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "train", "-o", str(out), *extra,
                             str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the largest so far
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"newslint train exited {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_maxrss / 1024  # KB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    bytecode_cache.refresh()
    folder = a.data / "news-dev"
    with tempfile.TemporaryDirectory() as tmp:
        for label, extra in (("on the shipped model", []), ("--no-base", ["--no-base"])):
            out = Path(tmp) / "bench.model"
            runs = [run_once(folder, out, extra) for _ in range(a.repeat)]
            walls = [wall for wall, _ in runs]
            print(f"train {folder.name} {label}: median {statistics.median(walls):.2f} s "
                  f"(runs {', '.join(f'{w:.2f}' for w in walls)}), "
                  f"peak {max(p for _, p in runs):.0f} MB, model {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
