"""One long article: ``newslint check --no-cache`` on a single file of 0.5 to 8 MB.

Builds one article per size and format from the paragraphs of the development articles, one
after another under one headline (Markdown, HTML and plain text), then runs the whole
``newslint check`` process on each and prints its wall time, CPU time, peak resident memory
and findings. Time and memory should grow in step with the size, up to the 10 MB that
``max-file-size`` lets through by default:

    python benchmarks/bench_large_article.py
    python benchmarks/bench_large_article.py --sizes 1 4 --formats md
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bytecode_cache

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = "Officials review the year in news across the region"


def paragraphs(folder: Path) -> list[str]:
    """The paragraphs of the articles in ``folder``, headlines left out, as one line each."""
    found = []
    for file in sorted(folder.glob("*.md")):
        for block in file.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            if block and not block.startswith("#"):
                found.append(" ".join(line.lstrip("> ") for line in block.splitlines()))
    return found


def article(source: list[str], size: int, form: str) -> str:
    """About ``size`` bytes of ``source``'s paragraphs, in turn, under :data:`HEADLINE`."""
    taken, length = [], 0
    while length < size:
        taken.append(source[len(taken) % len(source)])
        length += len(taken[-1].encode()) + 2
    if form == "html":
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in taken)
        return f"<html><body><article><h1>{HEADLINE}</h1>\n{body}\n</article></body></html>\n"
    head = f"# {HEADLINE}" if form == "md" else HEADLINE
    return head + "\n\n" + "\n\n".join(taken) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT.parent / "shared" / "data" / "news-dev")
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2, 8], help="MB")
    parser.add_argument("--formats", nargs="+", default=["md", "html", "txt"])
    args = parser.parse_args()
    bytecode_cache.refresh()
    source = paragraphs(args.folder)
    print(f"{'article':>16} {'MB':>5} {'wall (s)':>9} {'CPU (s)':>8} {'peak (MB)':>10} "
          f"{'found':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / ".newslint.toml").write_text("# bench_large_article\n", encoding="utf-8")
        for form in args.formats:
            for size in args.sizes:
                file = Path(tmp) / f"article-{size:g}.{form}"
                file.write_text(article(source, int(size * 1e6), form), encoding="utf-8")
                cmd = [sys.executable, "-m", "newslint", "check", "--no-cache", "-q",
                       "--format", "json", file.name]
                errors = Path(tmp) / "stderr.txt"
                start = time.perf_counter()
                with errors.open("wb") as stderr:
                    proc = subprocess.Popen(cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=stderr)
                    out = proc.stdout.read()  # type: ignore[union-attr]
                    # waited for here, for this process's own figures (getrusage's of the
                    # children would be the largest of every run so far)
                    _, status, usage = os.wait4(proc.pid, 0)
                    proc.returncode = os.waitstatus_to_exitcode(status)
                elapsed = time.perf_counter() - start
                if proc.returncode not in (0, 1):
                    raise SystemExit(f"newslint failed on {file.name}: {errors.read_text()[:500]}")
                print(f"{file.name:>16} {file.stat().st_size / 1e6:5.1f} {elapsed:9.1f} "
                      f"{usage.ru_utime + usage.ru_stime:8.1f} {usage.ru_maxrss / 1024:10.0f} "
                      f"{len(json.loads(out)):6d}")


if __name__ == "__main__":
    main()
