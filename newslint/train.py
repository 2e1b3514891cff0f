"""``newslint train``: learn the real-word model (SP102) from a newsroom's own archive.

The archive's articles (files, or the lines of a JSON-lines export as ``newslint check
--input-format jsonl`` reads them) are read with newslint's own readers (Markdown, HTML, plain
text) and split into sentences and words by the same code as in ``newslint check``, so the
counts match what the rule looks up. By default the archive's counts are added to the shipped
model's, so a small archive sharpens the model instead of replacing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.confusables import confusion_sets, homophone_groups
from newslint.lexicon import default_lexicon
from newslint.ngram import (
    NgramCounts,
    NgramModel,
    default_model_path,
    load_books,
    name_places,
    sentence_words,
)
from newslint.readers.base import Reader, reader_for

if TYPE_CHECKING:  # the archive reader brings the engine: imported only to read an archive
    from newslint.archive import Article, Fields, NotAnArticle, UnseenFields

ARCHIVE_SUFFIXES = (".jsonl", ".jsonl.gz")
"""The names of JSON-lines exports, one article a line: named, they say what they hold."""


def is_archive(path: Path) -> bool:
    """Whether ``path`` names a JSON-lines export rather than one article."""
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_articles(
    path: Path,
    fields: Fields,
    max_size: int,
    readers: Mapping[str, Reader],
    unseen: UnseenFields | None = None,
) -> Iterator[Article | NotAnArticle]:
    """The articles of a JSON-lines export, and in their places the lines that are none (and
    why the archive cannot be read, if it cannot), as ``newslint check`` would name them and
    read them with ``readers`` (by suffix, as the plugin manager gathers them); ``unseen``
    watches the lines for the fields it names, as in ``newslint check``."""
    from newslint import archive

    try:
        stream = archive.open_archive(str(path))
    except OSError as exc:
        yield archive.NotAnArticle(str(path), f"cannot read: {exc.strerror or exc}")
        return
    missing = archive.MissingText()  # a wrong --text-field: one error, not one per record
    numbered = archive.lines(stream)
    with stream:
        for line in unseen.watch(str(path), numbered) if unseen else numbered:
            try:
                yield archive.read_line(
                    str(path), path.parent, fields, line, max_size,
                    lambda text: reader_for(readers, Path(), text).suffixes[0],
                )
            except archive.NotAnArticle as exc:
                if isinstance(exc.reason, archive.NoTextField):
                    missing.add(exc.reason)
                else:
                    yield exc
    yield from missing.errors()


def iter_articles(paths: Iterable[Path], suffixes: Iterable[str]) -> Iterator[Path]:
    """The article files and JSON-lines archives under ``paths`` (files as given; folders
    searched recursively for the lower-case ``suffixes`` readers have and for archives), each
    once however many of the paths name it: a text counted twice would count for more."""
    suffixes = set(suffixes)
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if (p.suffix.lower() in suffixes or is_archive(p)) and p.is_file()
            )
        else:
            found = [path]
        for file in found:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                yield file


def count_article(counts: NgramCounts, name: str, text: str, reader: Reader) -> None:
    """Add the sentences of one article's body, as ``reader`` reads it, to ``counts``."""
    document = reader.read(name, text)
    for sentence in document.sentences:
        base = sentence.start
        tokens = [(t.start - base, t.text) for t in sentence.tokens]
        words, where = sentence_words(sentence.text, tokens)
        counts.add_sentence(words, name_places([t for _, t in tokens], where))


def build_model(
    counts: NgramCounts,
    min_count: int = 2,
    meta: dict[str, object] | None = None,
    rare: Iterable[str] | None = None,
) -> NgramModel:
    """Prune ``counts`` into a model, with confusion sets drawn from its vocabulary.

    ``rare`` words (by default those of the shipped book counts) get confusion sets even when
    the counts hardly have them, so that a slip into one ("pubic" for "public") is caught.
    """
    lexicon = default_lexicon()
    lowercase = {w for w in lexicon.counts if w.islower()}
    sets = confusion_sets(
        counts.unigrams,
        lowercase.__contains__,
        homophone_groups(),
        rare=load_books().index if rare is None else rare,
    )
    return counts.to_model(min_count, sets, meta)


def train(
    articles: Iterable[tuple[str, str]],
    output: Path,
    readers: Mapping[str, Reader],
    base: bool = True,
    min_count: int = 2,
) -> tuple[NgramModel, int]:
    """Learn a model from ``articles`` (each a file name and its text, read with the reader
    ``readers`` has for the name, as ``newslint check`` picks one) and write it to ``output``,
    unless there were none.

    :returns: The model and the number of articles read.
    """
    counts = NgramModel.load(default_model_path()).to_counts() if base else NgramCounts()
    read = 0
    for name, text in articles:
        count_article(counts, name, text, reader_for(readers, Path(name), text))
        read += 1
    model = build_model(counts, min_count, {"articles": read, "base": base})
    if read:
        output.parent.mkdir(parents=True, exist_ok=True)
        model.save(output)
    return model, read
