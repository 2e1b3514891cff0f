"""Start-up: the wall time of a whole ``newslint check`` process on one short article.

Every run pays it: the imports, the plugin manager, numpy, the n-gram model and the word lists
that the first article loads. In a run of many files it is paid once before the workers fork.
Runs the console script (``newslint`` beside this Python) ``--repeat`` times on the article
(``--no-cache -q``, default rules) and prints the median and the minimum; on a busy machine
the minimum says more about the code, the median about what a user waits.

With ``--against`` another checkout of newslint (a worktree of an older commit) runs the same
command in turn with this one, alternating, through ``PYTHONPATH``, so that a busy machine slows
both alike. Both are byte-compiled first (see ``bytecode_cache.py``):

    python benchmarks/bench_startup.py
    git worktree add --detach /tmp/old HEAD~1
    python benchmarks/bench_startup.py --repeat 30 --against /tmp/old
    python benchmarks/bench_startup.py --path /data/news-dev --repeat 15 --against /tmp/old
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bytecode_cache

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "magnitogorsk-collapse.md"


def timed(command: list[str], checkout: Path) -> float:
    """The wall time of ``command`` with ``checkout``'s newslint imported first."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({proc.returncode}) with {checkout}: "
                         f"{proc.stderr.strip()[:500]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=ARTICLE, help="an article or a folder "
                        "(default: examples/magnitogorsk-collapse.md)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another checkout to alternate with")
    args = parser.parse_args()
    newslint = Path(sys.executable).parent / "newslint"
    command = [str(newslint), "check", "--no-cache", "-q", str(args.path)]
    checkouts = {"this": ROOT}
    if args.against is not None:
        checkouts["against"] = args.against.resolve()
    for checkout in checkouts.values():
        bytecode_cache.refresh(checkout=checkout)
    times: dict[str, list[float]] = {name: [] for name in checkouts}
    for round_ in range(args.repeat):
        order = list(checkouts.items())
        for name, checkout in order if round_ % 2 == 0 else reversed(order):
            times[name].append(timed(command, checkout))
    print(f"{' '.join(command)}: {args.repeat} runs each")
    for name, checkout in checkouts.items():
        runs = times[name]
        print(f"{name:<8} {checkout}: median {statistics.median(runs) * 1000:.0f} ms, "
              f"min {min(runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
