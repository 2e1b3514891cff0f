"""Issue 11's many-files bound: ``newslint check DIR --no-cache`` over 100,000 tiny articles.

Writes ``--files`` tiny Markdown articles (a headline and one sentence with a repeated word) in
folders of 1,000 under a temporary folder, then runs the whole ``newslint check`` process on
the folder and prints its wall time, the peak resident memory of the largest process (the main
one or a worker) and the violations counted. Run it at two sizes to see that memory stays flat
as the number of files grows (results are streamed; no parsed document is kept after its file
is reported):

    python benchmarks/bench_many_files.py                      # 100,000 files, default --jobs
    python benchmarks/bench_many_files.py --files 10000 --jobs 1
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bytecode_cache

ARTICLE = "# Story {n}\n\nThe the council met on Monday in room {n}.\n"
PER_FOLDER = 1000


def write_articles(root: Path, count: int) -> None:
    """``count`` tiny articles under ``root``, in folders of :data:`PER_FOLDER`."""
    for n in range(count):
        folder = root / f"d{n // PER_FOLDER:03d}"
        if n % PER_FOLDER == 0:
            folder.mkdir()
        (folder / f"{n:06d}.md").write_text(ARTICLE.format(n=n), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=None, help="default: newslint's own")
    args = parser.parse_args()
    bytecode_cache.refresh()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".newslint.toml").write_text("# bench_many_files\n", encoding="utf-8")
        start = time.perf_counter()
        write_articles(root, args.files)
        print(f"wrote {args.files:,} files in {time.perf_counter() - start:.1f} s")
        cmd = [sys.executable, "-m", "newslint", "check", "--no-cache", "-q",
               "--format", "concise", "."]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"newslint failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
        # the largest of the processes waited for: newslint and, through it, its workers
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        found = proc.stdout.count("ST001")
        print(f"newslint check --no-cache{' --jobs ' + str(args.jobs) if args.jobs else ''}: "
              f"{args.files:,} files in {elapsed:.1f} s ({args.files / elapsed:,.0f} files/s), "
              f"peak RSS {peak_mb:,.0f} MB, {found:,} ST001 found")
        if found != args.files:
            raise SystemExit(f"expected {args.files:,} ST001 violations, found {found:,}")


if __name__ == "__main__":
    main()
