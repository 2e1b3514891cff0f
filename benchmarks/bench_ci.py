"""The CI goals of issue 7: a warm-cache run over the background corpus, and ``--jobs`` speed-up.

Unpacks the 4,707-article background corpus into a temporary folder (with its own
``.newslint.toml``, so the cache lands inside it), then measures whole-process wall times of
``newslint check``:

1. cold, without the cache, ``--jobs 1`` against ``--jobs 2`` on the first ``--cold-files``
   articles (a full cold pass over the corpus takes minutes on a shared machine), checking that
   both print the same report;
2. a cold run over the whole corpus with ``--jobs 2`` that fills the cache;
3. warm runs over the whole corpus with ``--jobs 1`` and ``--jobs 2`` (median of ``--repeat``),
   checking that they print what the cold run printed.

    python benchmarks/bench_ci.py                       # goals: warm < 2 s, speed-up >= 1.7x
    python benchmarks/bench_ci.py --cold-files 200 --cold-repeat 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bytecode_cache
from bench import ROOT, unpack_background


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    """Wall time and standard output of ``newslint check ARGS`` run in ``cwd``."""
    cmd = [sys.executable, "-m", "newslint", "check", "-q", "--format", "concise", *args]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cold-files", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs of each kind")
    parser.add_argument("--cold-repeat", type=int, default=1, help="cold runs of each kind")
    args = parser.parse_args()
    bytecode_cache.refresh()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = unpack_background(args.data / "background" / "wikinews-2004-2018.jsonl.gz",
                                   root / "corpus")
        (root / ".newslint.toml").write_text("# bench_ci\n", encoding="utf-8")
        subset = root / "subset"
        subset.mkdir()
        for file in sorted(corpus.iterdir())[: args.cold_files]:
            shutil.copy(file, subset / file.name)
        n_all = sum(1 for _ in corpus.iterdir())

        print(f"cold, no cache, {args.cold_files} articles:")
        one, two = [], []
        for _ in range(args.cold_repeat):
            t1, out1 = timed(["--no-cache", "--jobs", "1", "subset"], root)
            t2, out2 = timed(["--no-cache", "--jobs", "2", "subset"], root)
            assert out1 == out2, "--jobs 2 printed a different report from --jobs 1"
            one.append(t1)
            two.append(t2)
        m1, m2 = statistics.median(one), statistics.median(two)
        print(f"  --jobs 1: {m1:.2f} s   --jobs 2: {m2:.2f} s   "
              f"speed-up {m1 / m2:.2f}x (same output)")

        fill, cold_out = timed(["--jobs", "2", "corpus"], root)
        print(f"cold, filling the cache, {n_all} articles, --jobs 2: {fill:.2f} s")
        for jobs in (1, 2):
            runs = []
            for _ in range(args.repeat):
                t, out = timed(["--jobs", str(jobs), "corpus"], root)
                assert out == cold_out, "a warm run printed a different report from the cold run"
                runs.append(t)
            print(f"warm, {n_all} articles, --jobs {jobs}: median {statistics.median(runs):.2f} s, "
                  f"best {min(runs):.2f} s (of {args.repeat}; same output as cold)")


if __name__ == "__main__":
    main()
