"""The baseline: today's findings, recorded so that later runs report only new ones.

``newslint check --add-ignore`` writes :data:`BASELINE_FILE` in the current folder; every later
``check`` run from that folder subtracts it. An entry is keyed by the article's path, the rule
code and :func:`violation_hash`, a hash of the violating text and the sentence around it, with
whitespace collapsed. Line numbers and offsets are deliberately left out, so an edit elsewhere in
the story (a new paragraph above, a re-wrapped line) does not invalidate the entry, while an edit
to the offending sentence does: the finding is then new copy and is reported again.

The same sentence may hold the same fault twice, so an entry carries a count, and a run subtracts
at most that many matching violations from a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__
from newslint.document import ArticleId
from newslint.text import split_sentences
from newslint.violation import INTERNAL_ERROR, Violation

if TYPE_CHECKING:
    from newslint.engine import FileResult

BASELINE_FILE = ".newslint-baseline.json"
FORMAT_VERSION = 1

_BLANK_LINE_RE = re.compile(r"\n[ \t]*\r?\n")
_SPACE_RE = re.compile(r"\s+")

Key = tuple[str, str, str]
"""``(path, code, hash)``: what identifies a finding across edits elsewhere in the file."""


class BaselineError(Exception):
    """The baseline file cannot be read; the message is one line."""


def _normal(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def sentence_around(source: str, start: int, end: int) -> str:
    """The sentence of ``source`` that holds the range ``[start, end)``.

    Worked out from the source alone (the paragraph between blank lines, split into sentences),
    not from a parsed document, so that a result read back from the cache or from a worker
    process gives the same answer as one linted here.
    """
    para_start = 0
    for m in _BLANK_LINE_RE.finditer(source, 0, start):
        para_start = m.end()
    after = _BLANK_LINE_RE.search(source, max(end, start))
    para_end = after.start() if after else len(source)
    paragraph = source[para_start:para_end]
    at = start - para_start
    for a, b in split_sentences(paragraph):
        if a <= at < b or (a <= at == b):
            return paragraph[a:max(b, end - para_start)]
    return paragraph


def violation_hash(source: str, violation: Violation) -> str:
    """A short hash of the violating text and its sentence, blind to whitespace changes."""
    span = violation.span
    text = _normal(source[span.start : span.end])
    sentence = _normal(sentence_around(source, span.start, span.end))
    digest = hashlib.sha256(f"{violation.code}\0{text}\0{sentence}".encode())
    return digest.hexdigest()[:16]


def relative_key(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators, as baseline entries store it; an
    archive's article id as it is."""
    if isinstance(path, ArticleId):
        return str(path)
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


class Baseline:
    """The recorded findings, as counts per key."""

    def __init__(self, root: Path, counts: Counter[Key] | None = None) -> None:
        self.root = root
        """The folder that entry paths are relative to (where the file lives)."""
        self.counts: Counter[Key] = counts or Counter()

    @classmethod
    def load(cls, file: Path) -> Baseline:
        """Read a baseline file; :class:`BaselineError` when it is not one."""
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            entries = data["entries"]
            counts: Counter[Key] = Counter()
            for e in entries:
                counts[(e["path"], e["code"], e["hash"])] += int(e.get("count", 1))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = f"{type(exc).__name__}: {exc}"
            raise BaselineError(f"{file}: not a newslint baseline ({reason})") from None
        return cls(file.parent, counts)

    def keys_of(self, result: FileResult) -> list[Key | None]:
        """The key of each violation of ``result`` (``None`` for crashes, never baselined)."""
        if result.document is None:
            return [None] * len(result.violations)
        path = relative_key(result.path, self.root)
        source = result.document.source
        return [None if v.code == INTERNAL_ERROR else (path, v.code, violation_hash(source, v))
                for v in result.violations]

    def subtract(self, result: FileResult) -> int:
        """Drop the baselined violations from ``result`` in place; returns how many were dropped."""
        if not self.counts or not result.violations:
            return 0
        budget: Counter[Key] = Counter()
        kept = []
        for violation, key in zip(result.violations, self.keys_of(result), strict=True):
            if key is not None and budget[key] < self.counts.get(key, 0):
                budget[key] += 1
                continue
            kept.append(violation)
        dropped = len(result.violations) - len(kept)
        result.violations = kept
        return dropped

    def record(self, results: list[FileResult],
               ran: Callable[[FileResult], Collection[str]] | None = None) -> int:
        """Replace the entries of the files in ``results`` by their current findings (entries of
        files not linted in this run are kept, and with ``ran``, which gives the codes of the
        rules run on a file, so are the entries of rules not run on it: ``--select`` narrowed
        to one family does not drop the others' findings); returns the number recorded."""
        replaced: dict[str, Collection[str] | None] = {
            # and the codes found now, which a plugin's hook may add beside the rules
            relative_key(r.path, self.root): {*ran(r), *(v.code for v in r.violations)}
            if ran else None
            for r in results if r.document is not None}

        def kept(path: str, code: str) -> bool:
            if path not in replaced:
                return True
            codes = replaced[path]
            return codes is not None and not any(
                code == c or code.startswith(c + ":") for c in codes)  # LT:EN_A_VS_AN of LT

        self.counts = Counter({k: n for k, n in self.counts.items() if kept(k[0], k[1])})
        added = 0
        for result in results:
            for key in self.keys_of(result):
                if key is not None:
                    self.counts[key] += 1
                    added += 1
        return added

    def to_json(self) -> dict[str, Any]:
        entries = [{"path": p, "code": c, "hash": h, "count": n}
                   for (p, c, h), n in sorted(self.counts.items())]
        return {"version": FORMAT_VERSION, "generated-by": f"newslint {__version__}",
                "entries": entries}

    def save(self, file: Path) -> None:
        """Write the baseline, sorted so that its diffs in review are small."""
        from newslint.atomic import write_atomic

        text = json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n"
        # a path's bytes that are not UTF-8 (lone surrogates) as JSON's \udcxx escapes, which
        # load back as the same path
        write_atomic(file, text.encode("utf-8", "backslashreplace"))


def fingerprints(result: FileResult, seen: Counter[str] | None = None) -> list[str]:
    """A stable identity for each violation of ``result``, for GitLab and SARIF consumers that
    track findings across commits: the path, the code and :func:`violation_hash`, plus an
    occurrence number when one sentence holds the same fault twice. ``seen`` counts them
    across a run's results: an archive may hold two articles under one id, and a fault in
    both would otherwise be one finding to GitLab."""
    if result.document is None:
        return []
    source = result.document.source
    path = relative_key(result.path, Path.cwd()) if result.path != "-" else "-"
    if seen is None:
        seen = Counter()
    out = []
    for v in result.violations:
        base = f"{path}\0{v.code}\0{violation_hash(source, v)}"
        # surrogatepass: a file name's bytes that are not UTF-8 are lone surrogates in ``path``
        data = f"{base}\0{seen[base]}".encode("utf-8", "surrogatepass")
        out.append(hashlib.sha256(data).hexdigest())
        seen[base] += 1
    return out
