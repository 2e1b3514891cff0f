"""The result cache: the violations of each article, kept on disk between runs.

A plugin of two hook implementations of :func:`~newslint.hookspecs.newslint_lint_document`: a
``tryfirst`` look-up that answers from the cache (so the rules do not run), and a ``trylast``
wrapper, the innermost, that stores what the rules found. Because it is the innermost wrapper,
it caches exactly the rules' output; other wrappers (the unused-suppression check) and
``newslint_modify_violations`` (inline suppressions) still run on every document, hit or miss.

An entry is keyed by a hash of:

- the article's path and text, the reader that parsed it and its locale (rules from
  configuration may pick their severity by path);
- the effective configuration of its rules: codes, options and severities after ``select``,
  ``ignore``, ``[[overrides]]`` and the command line, the plain-data class attributes of each
  rule (the definition of a rule written in TOML), the ``[plugins]`` options, and the files of
  the modules that loading each local plugin imported (its helpers' code changes results);
- the newslint version and a fingerprint of the code that produced the result: the size and
  modification time of every file of the newslint package (its data too) and of the modules
  that define the rules, and the versions of installed ``newslint`` entry-point distributions.
  (Development checkouts change code without changing the version; the file fingerprint
  catches that.)

Entries are JSON, never pickle, since CI systems restore cache folders from untrusted builds.
Every entry read or written is stamped with the time; once a day, the first run that uses a
cache folder removes the entries no run has used for :data:`MAX_AGE_DAYS` days, and the
folders of older entry formats, so an editor or CI cache does not grow for ever.
A result with an ``internal-error`` is not cached, so a crash is seen on every run; nor is one
a rule marked :data:`NOT_STORED` (an outside service could not check the document). The cache
lives in ``cache-dir`` (default ``.newslint_cache``) beside the configuration file, or in the
current folder when there is none.

It is registered by ``newslint check`` (unless ``--no-cache``), not among the built-in plugins:
library callers (:func:`newslint.engine.lint_text`, the language server, tests) lint without
writing to the disk.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import __version__
from newslint.document import Span
from newslint.entrypoints import GROUP, may_declare_plugins
from newslint.hookspecs import hookimpl
from newslint.lexicon import file_version
from newslint.violation import INTERNAL_ERROR, Severity, Suggestion, Violation

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document
    from newslint.manager import PluginManager
    from newslint.rule import Rule

PLUGIN_NAME = "newslint.cache"
DEFAULT_DIR = ".newslint_cache"
SCHEMA = "v1"
"""Bumped when the entry format changes; old entries are then simply never read."""

_KEY = "newslint.cache.key"
_HIT = "newslint.cache.hit"
NOT_STORED = "newslint.cache.not-stored"
"""Set to true in :attr:`Document.meta` by a rule whose findings on the document are not all
that its text and configuration decide: an outside service could not check it (LanguageTool
was down, or stopped early). The result is then not cached, so the next run checks the
document again rather than repeat that it was not checked until the file changes."""
MAX_AGE_DAYS = 30
"""Entries no run has read or written for this many days are removed."""
PRUNE_EVERY = 24 * 3600
"""Seconds between two prunings of one cache folder."""
_pruned: set[Path] = set()
CACHE_TAG = "# a newslint result cache"
"""The line of ``CACHEDIR.TAG`` that marks a folder as newslint's own (and so prunable)."""
_OLD_FORMAT = re.compile(r"v\d+")
"""The cache folders this process has already considered pruning."""


def register(pm: PluginManager) -> bool:
    """Turn the cache on for ``pm``, unless ``--disable-plugin newslint.cache`` blocked it;
    returns whether the cache is on."""
    if pm.is_blocked(PLUGIN_NAME):
        return False
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], PLUGIN_NAME)
    return True


def cache_dir(config: Config) -> Path:
    """The cache folder of a configuration: its ``cache-dir``, relative to its folder."""
    return config.root / (getattr(config, "cache_dir", None) or DEFAULT_DIR)


# ---- keys ----------------------------------------------------------------------------------


def _stat(path: str | None) -> list[Any]:
    version = file_version(path) if path else None
    return [path, *version] if version else [path]


@functools.lru_cache(maxsize=1)
def environment_fingerprint() -> str:
    """The newslint version, its own code and the installed entry-point plugins, once a process."""
    package = Path(__file__).resolve().parent
    # code and every data file rules read (word lists, gzipped tables, the SP102 model)
    files = sorted(str(p) for p in package.rglob("*")
                   if p.suffix != ".pyc" and "__pycache__" not in p.parts and p.is_file())
    dists = _plugin_distributions() if may_declare_plugins() else []
    data = [__version__, sys.version_info[:2], [_stat(f) for f in files], dists]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def _plugin_distributions() -> list[str]:
    from importlib import metadata  # here: costly to import, and most runs have no plugin

    return sorted(
        f"{d.metadata['Name']}=={d.version}"
        for d in metadata.distributions()
        if any(ep.group == GROUP for ep in d.entry_points)
    )


_RULE_PRINTS: dict[int, tuple[list[Rule], str]] = {}


def rules_fingerprint(rules: list[Rule]) -> str:
    """Codes, classes, options and severities of the selected rules, their modules' files and
    the files their path options name (a house word list edited changes the answers).

    The engine hands the same list object to every file of one configuration, so this is worked
    out once per list (the list is kept alive with its answer, so its ``id`` is not reused).
    """
    known = _RULE_PRINTS.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    modules = sorted({type(r).__module__ for r in rules})
    data = [
        [[r.code, type(r).__module__, type(r).__qualname__, int(r.effective_severity), r.config,
          _class_data(type(r))] for r in rules],
        [_stat(getattr(sys.modules.get(m), "__file__", None)) for m in modules],
        [_stat(str(path)) for r in rules for path in _option_files(r)],
    ]
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=repr).encode()).hexdigest()
    _RULE_PRINTS[id(rules)] = (rules, digest)
    return digest


def _option_files(rule: Rule) -> list[Path]:
    """The files the rule's path options name (see :attr:`Rule.path_options`)."""
    files = []
    for name in type(rule).path_options:
        value = rule.config.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item:
                files.append(rule.resolve_path(item))
    return files


def _class_data(cls: type) -> dict[str, Any]:
    """The plain-data class attributes of a rule class and its bases below :class:`Rule`.

    Rules built from configuration (``[[rules.custom]]``, Vale styles) are classes made at run
    time that share one module and name and carry their definition (patterns, message) as class
    attributes, not as options; two definitions must not share cache entries.
    """
    out: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if name.startswith("__") or callable(value):
                continue
            try:
                out[name] = json.loads(json.dumps(value, sort_keys=True))
            except (TypeError, ValueError):
                out[name] = type(value).__name__  # not plain data: covered by the module's code
    return out


def config_fingerprint(config: Config) -> str:
    """The parts of a configuration that reach rules other than through their options: the
    ``[plugins]`` options, and the code of its local plugins and of the modules they import."""
    from newslint.manager import local_plugin_files

    local = [[p, [_stat(f) for f in local_plugin_files(p, config.root)]] for p in config.plugins]
    return json.dumps([config.plugin_options, local], sort_keys=True, default=repr)


def cache_key(document: Document, rules: list[Rule], config: Config) -> str:
    """The key of one document's result under ``rules`` and ``config``."""
    h = hashlib.sha256()
    for part in (SCHEMA, environment_fingerprint(), rules_fingerprint(rules),
                 config_fingerprint(config), document.format, document.locale):
        h.update(part.encode())
        h.update(b"\0")
    h.update(document.path.encode("utf-8", "surrogatepass"))  # rules may depend on the path
    h.update(b"\0")
    h.update(document.source.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# ---- entries -------------------------------------------------------------------------------


def encode(violations: list[Violation]) -> str:
    rows = [
        [v.code, v.rule, v.message, int(v.severity), v.span.start, v.span.end,
         [[s.replacement, s.span.start if s.span else None, s.span.end if s.span else None,
           s.safe, s.title] for s in v.suggestions]]
        for v in violations
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def decode(text: str, size: int) -> list[Violation]:
    """The violations of an entry for a source of ``size`` characters; ``ValueError`` when it is
    not one newslint wrote (a restored cache folder may hold anything): a miss, not a crash."""
    rows = json.loads(text)
    if not _well_formed(rows, size):
        raise ValueError("not a cache entry")
    return [
        Violation(code, rule, message, Severity(sev), Span(start, end),
                  [Suggestion(r, Span(a, b) if a is not None else None, safe, title)
                   for r, a, b, safe, title in suggestions])
        for code, rule, message, sev, start, end, suggestions in rows
    ]


def _well_formed(rows: Any, size: int) -> bool:
    def span(start: Any, end: Any) -> bool:
        return type(start) is int and type(end) is int and 0 <= start <= end <= size

    def suggestion(s: Any) -> bool:
        return (isinstance(s, list) and len(s) == 5 and isinstance(s[0], str)
                and (s[1] is s[2] is None or span(s[1], s[2])) and type(s[3]) is bool
                and (s[4] is None or isinstance(s[4], str)))

    return isinstance(rows, list) and all(
        isinstance(row, list) and len(row) == 7 and all(isinstance(x, str) for x in row[:3])
        and type(row[3]) is int and span(row[4], row[5]) and isinstance(row[6], list)
        and all(suggestion(s) for s in row[6])
        for row in rows)


def entry_path(folder: Path, key: str) -> Path:
    return folder / SCHEMA / key[:2] / f"{key[2:]}.json"


def _prepare_folder(folder: Path) -> None:
    """Create the cache folder with a ``.gitignore`` and a ``CACHEDIR.TAG``, as ruff does."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# created by newslint\n*\n", encoding="utf-8")
    (folder / "CACHEDIR.TAG").write_text(
        f"Signature: 8a477f597d28d172789f06886806bc55\n{CACHE_TAG}\n", encoding="utf-8")


def store_entry(folder: Path, key: str, violations: list[Violation]) -> None:
    """Write one entry atomically; a cache that cannot be written is silently skipped."""
    path = entry_path(folder, key)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        _prepare_folder(folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(encode(violations), encoding="utf-8")
        os.replace(tmp, path)  # readers see the old entry or the new one, never half of one
    except OSError:
        with contextlib.suppress(OSError):  # no folder to hold it: the cache path is a file
            tmp.unlink(missing_ok=True)


def load_entry(folder: Path, key: str, size: int) -> list[Violation] | None:
    path = entry_path(folder, key)
    try:
        found = decode(path.read_text(encoding="utf-8"), size)
    except (OSError, ValueError, TypeError):
        return None
    try:
        os.utime(path)  # used now: pruning keeps it
    except OSError:
        pass  # a read-only cache (restored in CI) still answers
    return found


def prune(folder: Path, now: float | None = None) -> int:
    """Remove the entries of ``folder`` that no run has used for :data:`MAX_AGE_DAYS` days
    and the folders of other entry formats, unless that was done in the last
    :data:`PRUNE_EVERY` seconds; returns how many entries went. Another process reading an
    entry as it goes sees a miss, never an error."""
    now = time.time() if now is None else now
    stamp = folder / "last-prune"
    try:
        # only a folder newslint made: cache-dir may name a folder shared with other things
        if CACHE_TAG not in (folder / "CACHEDIR.TAG").read_text(encoding="utf-8"):
            return 0
        if stamp.is_file() and now - stamp.stat().st_mtime < PRUNE_EVERY:
            return 0
    except OSError:
        return 0
    removed = 0
    try:
        for child in folder.iterdir():
            if child.is_dir() and _OLD_FORMAT.fullmatch(child.name) and child.name != SCHEMA:
                shutil.rmtree(child, ignore_errors=True)
        for entry in (folder / SCHEMA).glob("*/*.json"):
            try:
                if now - entry.stat().st_mtime > MAX_AGE_DAYS * 86400:
                    entry.unlink()
                    removed += 1
            except OSError:
                continue  # gone already: another process pruned or replaced it
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        pass  # a cache that cannot be pruned is left as it is, like one that cannot be written
    return removed


# ---- the hook implementations --------------------------------------------------------------


@hookimpl(specname="newslint_lint_document", tryfirst=True)
def lookup(document: Document, rules: list[Rule], config: Config) -> list[Violation] | None:
    """Answer from the cache, so the rules do not run; ``None`` on a miss."""
    key = cache_key(document, rules, config)
    document.meta[_KEY] = key
    folder = cache_dir(config)
    if folder not in _pruned:
        _pruned.add(folder)
        prune(folder)
    found = load_entry(folder, key, len(document.source))
    if found is not None:
        document.meta[_HIT] = True
    return found


@hookimpl(specname="newslint_lint_document", wrapper=True, trylast=True)
def store(document: Document, rules: list[Rule],
          config: Config) -> Generator[None, list[Violation] | None, list[Violation] | None]:
    """Keep what the rules found, unless it came from the cache, holds a crash or a rule
    marked it :data:`NOT_STORED`."""
    violations = yield
    key = document.meta.pop(_KEY, None)
    hit = document.meta.pop(_HIT, False)
    partial = document.meta.pop(NOT_STORED, False)
    crashed = violations is None or any(v.code == INTERNAL_ERROR for v in violations)
    if key and not hit and not partial and violations is not None and not crashed:
        store_entry(cache_dir(config), key, violations)
    return violations
