"""Time spent per rule family on the development articles, in one process.

Reads every article once, then runs each selected rule on every document, summing the time by
family prefix (best of ``--repeat`` passes). Sentences and tokens are built on first use, so that
cost lands in whichever rule asks first; model and word-list loading is done before timing.

    python benchmarks/families.py
    python benchmarks/families.py --folder ../shared/data/news-dev --repeat 5
    python benchmarks/families.py --ignore SP
    python benchmarks/families.py --like-cli

By default every document of a pass is kept until the pass ends, so the cyclic collector's
passes over them (whose timing depends on how many objects the imports left behind) land in
whichever rule runs then. ``--like-cli`` runs as ``newslint check`` does: its collector
threshold, each document parsed, checked and released before the next.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter
from pathlib import Path

from newslint.cli import GC_THRESHOLD
from newslint.document import Document
from newslint.engine import Options, Session
from newslint.manager import get_plugin_manager

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT.parent / "shared" / "data" / "news-dev")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ignore", nargs="*", default=[], help="rule code prefixes to leave out")
    parser.add_argument("--like-cli", action="store_true",
                        help="one document at a time, released, at the CLI's collector threshold")
    args = parser.parse_args()
    if args.like_cli:
        gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    pm = get_plugin_manager()
    session = Session(pm, Options())
    config = session.config_for(args.folder)
    rules = [r for r in session.rules_for(config, ()) if not r.code.startswith(tuple(args.ignore))]
    reader = pm.readers[".md"]
    files = sorted(args.folder.glob("*.md"))
    texts = [(str(f), f.read_text(encoding="utf-8")) for f in files]
    for rule in rules:  # load models and word lists before timing
        list(rule.check(reader.read(*texts[0])))
    best: dict[str, float] = {}

    def check(doc: Document, spent: Counter[str]) -> None:
        for rule in rules:
            start = time.perf_counter()
            list(rule.check(doc))
            spent[rule.code.rstrip("0123456789").split(".")[0]] += time.perf_counter() - start

    for _ in range(args.repeat):
        spent: Counter[str] = Counter()
        if args.like_cli:
            for path, text in texts:
                start = time.perf_counter()
                doc = reader.read(path, text)
                spent["parse"] += time.perf_counter() - start
                check(doc, spent)
                doc.release()
        else:
            start = time.perf_counter()
            docs = [reader.read(path, text) for path, text in texts]
            spent["parse"] = time.perf_counter() - start
            for doc in docs:
                check(doc, spent)
        for name, seconds in spent.items():
            best[name] = min(best.get(name, seconds), seconds)
    total = sum(best.values())
    size = sum(len(text.encode()) for _, text in texts)
    print(f"{len(files)} articles, {size / 1e6:.2f} MB; best of {args.repeat}")
    for name, seconds in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<8} {seconds:6.3f} s  {100 * seconds / total:5.1f}%")
    print(f"  total    {total:6.3f} s  {size / 1e6 / total:.2f} MB/s")


if __name__ == "__main__":
    main()
