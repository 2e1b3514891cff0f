#!/usr/bin/env python3
"""Build the stem document-frequency table the HL rules weigh headline terms with.

Reads the Wikinews background corpus (one JSON object a line: id, url, date, title, markdown),
counts in how many articles each stem (:func:`newslint.terms.stem` of every
:data:`newslint.terms.TERM_RE` word, as the rules read a story) occurs,
keeps the stems seen in at least ``--min-df`` articles (rarer ones are treated as maximally rare
at run time, so they need no entry), and writes a gzipped TSV: a ``#documents<TAB>N`` header,
then ``stem<TAB>df`` lines sorted by stem. The output is deterministic for a given input.

Usage::

    python tools/build_headline_stats.py ../shared/data/background/wikinews-2004-2018.jsonl.gz

The corpus is CC BY 2.5 (Wikinews contributors); the table is a derived work and ships with
that attribution in ``newslint/data/headlines/README.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from newslint.terms import STATS_RESOURCE, TERM_RE, stem

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "newslint" / STATS_RESOURCE


def document_frequencies(corpus: Path) -> tuple[int, Counter[str]]:
    """How many articles the corpus has, and in how many of them each stem occurs."""
    counts: Counter[str] = Counter()
    documents = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            text = f"{article.get('title', '')}\n{article.get('markdown', '')}"
            words = set(TERM_RE.findall(text.replace("\u2019", "'")))
            # a headline's "self-medicating" is weighed part by part, so count the parts too
            words.update([part for word in words if "-" in word for part in word.split("-")])
            counts.update({stem(word) for word in words})
            documents += 1
    return documents, counts


def main() -> None:
    """Parse the arguments, count, and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="wikinews-2004-2018.jsonl.gz")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-df", type=int, default=3)
    args = parser.parse_args()
    documents, counts = document_frequencies(args.corpus)
    rows = [f"#documents\t{documents}"]
    rows += [f"{term}\t{df}" for term, df in sorted(counts.items()) if df >= args.min_df]
    # mtime=0 keeps the gzip bytes identical from run to run
    args.out.write_bytes(gzip.compress("\n".join(rows).encode("utf-8") + b"\n", mtime=0))
    print(f"{args.out}: {len(rows) - 1} stems from {documents} articles")


if __name__ == "__main__":
    main()
