"""Throughput of newslint on real news: the development articles and the background corpus.

Prints, for each corpus, files per second and MB per second of linting in one process (the
document model and every default rule, plugins loaded once, the best of ``--repeat`` runs), and
the whole-process wall time of a cold ``newslint check --no-cache FOLDER`` (default ``--jobs``, and
``--jobs 1``) next to ``proselint check`` on the same folder when proselint is installed (median of
``--repeat`` runs, alternating the tools). For the background corpus it also times the archive
itself as JSON lines, ``newslint check --input-format jsonl ... --format json --jobs 2`` (median
of ``--repeat`` runs), in MB of articles per second.

    python benchmarks/bench.py                 # both corpora
    python benchmarks/bench.py --corpus news-dev --repeat 5

It looks for the shared data in ../shared/data (beside the checkout) unless --data is given.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bytecode_cache

from newslint.engine import Options, Session
from newslint.manager import get_plugin_manager

ROOT = Path(__file__).resolve().parent.parent


def unpack_background(archive: Path, target: Path) -> Path:
    """Write each article of the JSON-lines archive as a Markdown file (headline as H1)."""
    target.mkdir(parents=True, exist_ok=True)
    with gzip.open(archive, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            text = f"# {item['title']}\n\n{item['markdown'].strip()}\n"
            (target / f"{item['id']}.md").write_text(text, encoding="utf-8")
    return target


def in_process(folder: Path, repeat: int) -> tuple[int, int, float, int]:
    """(files, bytes, best seconds, violations) for linting ``folder`` in this process."""
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt", ".html"))
    size = sum(p.stat().st_size for p in files)
    pm = get_plugin_manager()
    best = float("inf")
    found = 0
    for _ in range(repeat):
        session = Session(pm, Options())
        start = time.perf_counter()
        found = sum(len(r.violations) for r in session.run([str(folder)]))
        best = min(best, time.perf_counter() - start)
    return len(files), size, best, found


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def whole_process(folder: Path, repeat: int) -> dict[str, float]:
    """Median wall time of each tool on ``folder``, runs alternating between the tools."""
    # cold: no result cache, or a second run would only read it back
    newslint = [sys.executable, "-m", "newslint", "check", "-q", "--no-cache", "--exit-zero"]
    tools = {"newslint check": [*newslint, str(folder)],
             "newslint check --jobs 1": [*newslint, "-j", "1", str(folder)]}
    proselint = shutil.which("proselint") or str(Path(sys.executable).parent / "proselint")
    if Path(proselint).exists():
        tools["proselint check"] = [proselint, "check", str(folder)]
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(repeat):
        for name, cmd in tools.items():
            times[name].append(wall(cmd))
    return {name: statistics.median(t) for name, t in times.items()}


def archive_throughput(archive: Path, repeat: int) -> None:
    """Print the median whole-process time of linting the JSON-lines ``archive`` with two jobs."""
    with gzip.open(archive, "rb") as fh:
        size = sum(len(line) for line in fh)
    cmd = [sys.executable, "-m", "newslint", "check", "--input-format", "jsonl", str(archive),
           "--text-field", "markdown", "--title-field", "title", "--format", "json",
           "--no-cache", "--exit-zero", "--jobs", "2"]
    median = statistics.median(wall(cmd) for _ in range(repeat))
    print(f"  newslint check --input-format jsonl --jobs 2 (whole process, median of {repeat}): "
          f"{median:.2f} s, {size / 1e6 / median:.2f} MB/s of {size / 1e6:.2f} MB")


def report(name: str, folder: Path, repeat: int) -> None:
    n, size, seconds, found = in_process(folder, repeat)
    print(f"{name}: {n} files, {size / 1e6:.2f} MB, {found} violations")
    print(f"  in process: {seconds:.2f} s, {n / seconds:.0f} files/s, "
          f"{size / 1e6 / seconds:.2f} MB/s")
    for tool, median in whole_process(folder, repeat).items():
        print(f"  {tool} (whole process, cold, median of {repeat}): {median:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--corpus", choices=["news-dev", "background", "all"], default="all")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bytecode_cache.refresh()
    if args.corpus in ("news-dev", "all"):
        report("news-dev", args.data / "news-dev", args.repeat)
    if args.corpus in ("background", "all"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = unpack_background(args.data / "background" / "wikinews-2004-2018.jsonl.gz",
                                       Path(tmp) / "background")
            report("background", folder, args.repeat)
        archive_throughput(args.data / "background" / "wikinews-2004-2018.jsonl.gz", args.repeat)


if __name__ == "__main__":
    main()
