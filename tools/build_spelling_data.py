#!/usr/bin/env python3
"""Build the spelling data that ships in ``newslint/data/spelling/`` from its sources.

Sources (see ``newslint/data/spelling/README.md`` for licences):

- SCOWL word lists as Debian packs them (``apt-get install wamerican-large wbritish-large
  wamerican-huge wbritish-huge``): ``/usr/share/dict/{american,british}-english-large`` (size
  70: the words suggested and looked for slips) and ``-huge`` (size 80: rarer words news
  uses, "lockdown", "javascript", only accepted as spelt right; but not those codespell lists
  as misspellings, "fouth", "acquited", which are left to it);
- codespell's misspelling and British-to-American lists (``shared/data/spelling``);
- the Wikinews background corpus (``shared/data/background/wikinews-2004-2018.jsonl.gz``), for
  word frequencies and the n-gram model; articles that are also in ``news-dev`` (same title)
  are left out, so the development set stays unseen;
- SymSpell's English frequency lists as symspellpy ships them (``pip download symspellpy
  --no-deps`` and unzip; ``--symspell`` names the folder holding
  ``frequency_dictionary_en_82_765.txt`` and ``frequency_bigramdictionary_en_243_342.txt``),
  cut down to the pairs that touch a confusable word (``books.pairs``).

Usage: ``python tools/build_spelling_data.py --symspell DIR [--shared ../shared/data]
[--holdout N]``. With
``--holdout N`` every Nth corpus article is left out of the model (to measure it on unseen
text; ``--fold K`` leaves out the ones whose number is K modulo N instead of 0, so that N
models leave out every article once) and the left-out article ids are written to
``holdout.txt`` beside the model.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from newslint import lexicon as lexicon_module
from newslint.ngram import NgramCounts, PairCounts, name_places, sentence_words
from newslint.readers.markdown import MarkdownReader
from newslint.train import build_model

OUT = Path(__file__).resolve().parent.parent / "newslint" / "data" / "spelling"
CORPUS_MIN_COUNT = 5
"""A word SCOWL lacks joins the list when Wikinews uses it this often in lower case."""
_ALPHA = re.compile(r"^[a-z][a-z'\-]*[a-z]$")


def scowl(path: Path) -> set[str]:
    """A SCOWL list without its possessive forms (the checker strips those itself)."""
    return {w for w in path.read_text(encoding="utf-8").split() if not w.endswith("'s")}


def codespell(path: Path) -> dict[str, list[str]]:
    """codespell's ``wrong->right1, right2,`` lines as a dict."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        fixes = [r.strip() for r in right.split(",") if r.strip()]
        if wrong and fixes:
            out[wrong.strip()] = fixes
    return out


def dev_titles(shared: Path) -> set[str]:
    """The titles of the development articles, which the model must not learn from."""
    index = shared / "news-dev" / "index.jsonl"
    lines = index.read_text(encoding="utf-8").splitlines() if index.is_file() else []
    return {json.loads(line)["title"].strip().lower() for line in lines if line.strip()}


def book_pairs(folder: Path, keep: set[str]) -> PairCounts:
    """SymSpell's word and pair counts, only the pairs with a word of ``keep`` in them (the
    confusable words: the only places SP102 looks) and the words those pairs use."""
    pairs = {}
    for line in (folder / "frequency_bigramdictionary_en_243_342.txt").open(encoding="utf-8"):
        left, right, count = line.split()
        if left in keep or right in keep:
            pairs[(left, right)] = int(count)
    used = keep | {w for pair in pairs for w in pair}
    words = {}
    for line in (folder / "frequency_dictionary_en_82_765.txt").open(encoding="utf-8"):
        word, count = line.split()
        if word in used:
            words[word] = int(count)
    return PairCounts(words, pairs)


def write_gz(path: Path, lines: list[str]) -> None:
    # mtime=0 keeps the build reproducible byte for byte.
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), 9, mtime=0))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--dict-dir", type=Path, default=Path("/usr/share/dict"))
    ap.add_argument("--holdout", type=int, default=0)
    ap.add_argument("--fold", type=int, default=0, help="which Nth articles to leave out")
    ap.add_argument("--symspell", type=Path, required=True, help="folder of SymSpell's lists")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    out = a.out
    out.mkdir(parents=True, exist_ok=True)

    us = scowl(a.dict_dir / "american-english-large")
    gb = scowl(a.dict_dir / "british-english-large")
    us_huge = scowl(a.dict_dir / "american-english-huge")
    gb_huge = scowl(a.dict_dir / "british-english-huge")
    misspelt = codespell(a.shared / "spelling" / "dictionary.txt")

    counts = NgramCounts()
    reader = MarkdownReader()
    held = []
    written: Counter[str] = Counter()  # lower-case as written, so names stay out of the extras
    dev = dev_titles(a.shared)
    skipped = 0
    with gzip.open(
        a.shared / "background" / "wikinews-2004-2018.jsonl.gz", "rt", encoding="utf-8"
    ) as f:
        for n, line in enumerate(f):
            article = json.loads(line)
            if article["title"].strip().lower() in dev:
                skipped += 1
                continue
            if a.holdout and n % a.holdout == a.fold:
                held.append(str(article["id"]))
                continue
            document = reader.read(f"{article['id']}.md", article["markdown"])
            for sentence in document.sentences:
                tokens = [(t.start - sentence.start, t.text) for t in sentence.tokens]
                words, where = sentence_words(sentence.text, tokens)
                counts.add_sentence(words, name_places([t for _, t in tokens], where))
                written.update(t for _, t in tokens if t.islower())
    freq = counts.unigrams

    words = us | gb
    # Wikinews words SCOWL lacks (blog, jihadist); not ones that are known slips, nor
    # contractions that lost their apostrophe ("dont").
    contractions = {w.replace("'", "") for w in words if "'" in w}
    extra = {
        w
        for w, c in written.items()
        if c >= CORPUS_MIN_COUNT
        and _ALPHA.match(w)
        and w not in words
        and w not in misspelt
        and w not in contractions
    }
    rows = sorted(words | extra)
    # A word only the huge lists hold that codespell lists as a common misspelling ("fouth",
    # "acquited", "cannisters") is far likelier a slip in news than that rare word: no word
    # at all, so not one of either convention either ("sord" would be American spelling)
    slips = ((us_huge | gb_huge) - set(rows)) & set(misspelt)
    rare = sorted((us_huge | gb_huge) - set(rows) - slips)
    text = lexicon_module.words_text(
        {w: freq.get(w.lower(), 0) for w in rows},
        us_huge - gb_huge - slips,
        gb_huge - us_huge - slips,
        rare,
    )
    (out / "words.txt").write_bytes(f"{text}\n".encode())

    known = words | extra | set(rare)
    fixes = []
    for wrong, right in sorted(misspelt.items()):
        right = [r for r in right if r in known or " " in r]
        if wrong not in known and right:
            fixes.append(f"{wrong}\t{'|'.join(right)}")
    write_gz(out / "misspellings.tsv.gz", fixes)

    pairs = codespell(a.shared / "spelling" / "dictionary_en-GB_to_en-US.txt")
    (out / "en-GB_to_en-US.tsv").write_text(
        "".join(f"{gb_word}\t{r[0]}\n" for gb_word, r in sorted(pairs.items())), encoding="utf-8"
    )

    lexicon_module.default_lexicon.cache_clear()
    book_words = [
        line.split()[0]
        for line in (a.symspell / "frequency_dictionary_en_82_765.txt").open(encoding="utf-8")
    ]
    model = build_model(
        counts,
        rare=book_words,
        meta={"source": "Wikinews 2004-2018 (CC BY 2.5)", "articles": n + 1 - len(held) - skipped},
    )
    model.save(out / "news.model", compress=False)  # loads faster; the wheel compresses it
    confusable = set(model.confusables) | {w for alts in model.confusables.values() for w in alts}
    books = book_pairs(a.symspell, confusable)
    books.save(out / "books.pairs", compress=False)
    if a.holdout:
        (out / "holdout.txt").write_text("\n".join(held) + "\n", encoding="utf-8")
    print(
        f"words {len(rows)} (+{len(extra)} from the corpus, +{len(rare)} rare), "
        f"misspellings {len(fixes)}, pairs {len(pairs)}, vocab {model.size}, "
        f"bigrams {len(model.bigrams)}, trigrams {len(model.trigrams)}, "
        f"confusable words {len(model.confusables)}, "
        f"model {(out / 'news.model').stat().st_size / 1e6:.2f} MB, book pairs {len(books.pairs)} "
        f"({(out / 'books.pairs').stat().st_size / 1e6:.2f} MB), dev articles left out {skipped}"
    )


if __name__ == "__main__":
    main()
