"""The engine: finds the files, reads them once, runs the selected rules, and keeps the results.

Everything here is independent of how results are shown: the CLI and the language server build a
:class:`Session` and hand its results to a reporter. Bad input never raises out of a session: a
file that cannot be read becomes a :class:`FileResult` with an ``error`` line, and a rule that
crashes becomes an ``internal-error`` violation for that file.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newslint import deadline
from newslint.config import Config, ConfigError, Override, as_shown
from newslint.document import Document, Span, lf_line_breaks
from newslint.hookspecs import hookimpl
from newslint.manager import (
    PluginError,
    PluginManager,
    is_local_plugin,
    local_plugin_name,
    plugin_errors,
)
from newslint.readers.base import Reader, ReadError, is_composed, reader_for
from newslint.rule import Rule
from newslint.violation import INTERNAL_ERROR, Severity, Violation

if TYPE_CHECKING:
    from newslint.declarative.vale import ValeConfig
    from newslint.registry import Registry

STDIN = "-"
Wanted = Callable[[Config, Path], bool]
"""Which files a walk takes, asked with the configuration of their folder."""


@dataclass
class FileResult:
    """The outcome of linting one file."""

    path: str
    """The path as the user gave it (or as found under a folder they gave)."""
    violations: list[Violation] = field(default_factory=list)
    """Violations, sorted by position."""
    document: Document | None = None
    """The parsed document; ``None`` when the file could not be read."""
    error: str | None = None
    """A one-line reason the file could not be linted, or ``None``."""
    stdin: bool = False
    """Whether the article came from standard input, whatever name it is shown under."""
    fail_on: Severity | None = None
    """The lowest severity that makes the exit status 1, as the article's configuration says;
    kept with the result, as an archive's article is named by its id, which leads to no
    configuration. ``None`` for a file that could not be linted."""

    @property
    def internal_errors(self) -> list[Violation]:
        return [v for v in self.violations if v.code == INTERNAL_ERROR]

    def light(self) -> FileResult:
        """This result with a document of the source alone, without the parsed blocks,
        sentences and tokens: all that reporters, fixes and the baseline read once the file has
        been reported, at a small part of the memory (a run over 100,000 files keeps them all)."""
        doc = self.document
        if doc is None or not doc.parsed:
            return self
        kept = Document(path=doc.path, source=doc.source, format=doc.format, headline=None,
                        blocks=[], frontmatter=doc.frontmatter, locale=doc.locale)
        return FileResult(self.path, self.violations, kept, self.error, self.stdin, self.fail_on)


class InputError(Exception):
    """A file or path that cannot be linted; the message is one line."""


@dataclass
class Options:
    """Command-line choices that override configuration files."""

    config_file: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity | None = None
    stdin_filename: str | None = None
    vale_config: Path | None = None
    """``--vale-config``: a ``.vale.ini`` whose rules replace those of every configuration's
    ``vale-config`` (a path, not the loaded rules, so that worker processes can be sent it)."""
    report_file: Path | None = None
    """``--output-file``: never an article, though a folder's walk finds it (``check . -o
    report.txt`` linted its own report, empty as the run began, and failed the run)."""


class Session:
    """One run over a set of paths."""

    def __init__(self, pm: PluginManager, options: Options | None = None) -> None:
        self.pm = pm
        self.options = options or Options()
        self.results: list[FileResult] = []
        """Every finished result, kept light; ``newslint check`` puts a
        :class:`~newslint.spool.ResultSpool` here, so a large run keeps them on disk."""
        self.stdin_error: str | None = None
        """Why standard input could not be read (see :meth:`read_stdin`): the error of its
        result, as a file's that cannot be read is, while the other paths are linted."""
        self._configs: dict[Path, Config] = {}
        self._dir_config: dict[Path, Config] = {}
        self._given_config: dict[Path | tuple[str, Path], Config] = {}
        self._default: Config | None = None
        self._configured: set[int] = set()
        self._cli_spelling: dict[int, tuple[Config, tuple[list[str] | None, list[str],
                                                          list[str]]]] = {}
        self._hidden: dict[int, tuple[Config, Registry, frozenset[str]]] = {}
        self._vale: ValeConfig | None = None

    # ---- configuration -------------------------------------------------------------------

    def config_for(self, folder: Path) -> Config:
        """The configuration of files in ``folder``: ``--config``, else the nearest file, else
        the defaults. Loading one also loads the plugins it names and checks its rule codes."""
        if self.options.config_file is not None:
            return self._load(self.options.config_file)
        # looked up by the folder as given first: resolving it costs more than the rest of a
        # look-up, and the run asks for each file's folder several times
        given = folder if folder.is_absolute() else (os.getcwd(), folder)
        cached = self._given_config.get(given)
        if cached is None:
            real = folder.resolve()
            cached = self._dir_config.get(real)
            if cached is None:
                found = Config.discover(real)
                cached = self._load(found) if found else self._defaults()
                self._dir_config[real] = cached
            self._given_config[given] = cached
        return cached

    def _defaults(self) -> Config:
        if self._default is None:
            self._default = Config()
            self._prepare(self._default)
        return self._default

    def _load(self, path: Path) -> Config:
        path = path.resolve()
        config = self._configs.get(path)
        if config is None:
            config = Config.load(path)
            self._configs[path] = config
            for name in config.disable_plugins:
                if self.pm.get_plugin(name) is not None:
                    self.pm.unregister(name=name)
                self.pm.set_blocked(name)
            if config.plugins:
                try:
                    self.pm.load_local(config.plugins, config.root, config.plugin_timeout)
                    self.pm.validate()
                except PluginError as exc:
                    # say which configuration named the plugin, and where
                    raise config.error(str(exc), "plugins") from None
            self._prepare(config)
        return config

    def _prepare(self, config: Config) -> None:
        registry = self.pm.registry
        vale = self._cli_vale()
        if vale is not None:
            # the command line wins over the file, as --select does: the file's Vale rules go
            config.custom_rules = {**{code: rule for code, rule in config.custom_rules.items()
                                      if not rule.vale}, **vale.rules}
            config.vale_skipped = dict(vale.skipped)
        hidden = self.hidden_codes(config)
        rules = {code: rule for code, rule in registry.rules.items() if code not in hidden}
        config.validate_codes(rules, registry.options_of, self.pm.schema)
        # the configuration's custom codes (NYT001, Microsoft.Foo) are as valid on the command
        # line as in the file
        select, extend_select, ignore = self._cli_codes(config)
        cli = Config(select=select, extend_select=extend_select, ignore=ignore,
                     custom_rules=config.custom_rules)
        cli.validate_codes(rules, registry.options_of, key_prefix="--")
        if self.options.fail_on is not None:
            config.fail_on = self.options.fail_on
        if id(config) not in self._configured:
            self._configured.add(id(config))
            with plugin_errors("newslint_configure"):
                self.pm.hook.newslint_configure.call_historic(kwargs={"config": config})

    def _cli_vale(self) -> ValeConfig | None:
        """The Vale configuration of ``--vale-config``, read once per session."""
        if self.options.vale_config is None:
            return None
        if self._vale is None:
            from newslint.declarative.vale import ValeError, load_vale

            try:
                self._vale = load_vale(self.options.vale_config)
            except ValeError as exc:
                raise ConfigError(None, None, f"--vale-config: {exc}") from None
        return self._vale

    def skipped_vale_rules(self) -> dict[str, str]:
        """The Vale rules that the configurations loaded so far could not run, by
        ``Style.Rule``, with the reason; each once, however many configurations name it."""
        skipped: dict[str, str] = {}
        for config in (*self._configs.values(), *([self._default] if self._default else [])):
            for code, reason in config.vale_skipped.items():
                skipped.setdefault(code, reason)
        return skipped

    def custom_rules(self) -> dict[str, type[Rule]]:
        """The rules that the configurations loaded so far define (``[[rules.custom]]``, a
        preset, Vale styles), by code; a code two of them define, as the first loaded did."""
        rules: dict[str, type[Rule]] = {}
        for config in (*self._configs.values(), *([self._default] if self._default else [])):
            for code, rule in config.custom_rules.items():
                rules.setdefault(code, rule)
        return rules

    def finish(self) -> None:
        """Let plugins tear down what they set up for each configuration."""
        for config in {*self._configs.values(), *([self._default] if self._default else [])}:
            with plugin_errors("newslint_unconfigure"):
                self.pm.hook.newslint_unconfigure(config=config)

    def rules_for(self, config: Config, overrides: tuple[Override, ...]) -> list[Rule]:
        """The rules that run on a file under ``config`` and the ``overrides`` that match it."""
        select, extend_select, ignore = self._cli_codes(config)
        return self.pm.registry.select(config, overrides, hidden=self.hidden_codes(config),
                                       cli_select=select, cli_ignore=ignore,
                                       cli_extend_select=extend_select)

    def hidden_codes(self, config: Config) -> frozenset[str]:
        """The codes of the rules of local plugins that ``config`` does not name: a local plugin
        is the house rules of the files under the configuration naming it. Its rules stay
        registered once loaded, and ran on (and were valid in the configuration of) every file
        that came after, so the outcome hung on the order of the files and differed with
        ``--jobs``."""
        registry = self.pm.registry
        kept = self._hidden.get(id(config))
        if kept is not None and kept[0] is config and kept[1] is registry:
            return kept[2]
        named = {local_plugin_name(spec, config.root) for spec in config.plugins}
        hidden = frozenset(code for code, source in registry.sources.items()
                           if source not in named and is_local_plugin(source))
        self._hidden[id(config)] = (config, registry, hidden)  # the config kept: ids are reused
        return hidden

    def _cli_codes(self, config: Config) -> tuple[list[str] | None, list[str], list[str]]:
        """``--select``, ``--extend-select`` and ``--ignore`` spelt as the rules of ``config``
        spell them: the command line takes codes in any case ("st001"), and most codes are
        upper case, but a Vale rule keeps its style's name ("Microsoft.Passive")."""
        kept = self._cli_spelling.get(id(config))
        found = kept[1] if kept is not None and kept[0] is config else None
        if found is None:
            spelling: dict[str, str] = {}
            for code in sorted({*self.pm.registry.rules, *config.custom_rules}):
                for end in range(1, len(code) + 1):
                    spelling.setdefault(code[:end].upper(), code[:end])
            o = self.options

            def spell(codes: list[str]) -> list[str]:
                return [spelling.get(code.upper(), code) for code in codes]

            found = (None if o.select is None else spell(o.select), spell(o.extend_select),
                     spell(o.ignore))
            self._cli_spelling[id(config)] = (config, found)  # the config kept: ids are reused
        return found

    # ---- finding files -------------------------------------------------------------------

    def expand(self, paths: list[str]) -> Iterator[tuple[str, Path | None, str | None]]:
        """Yield ``(shown path, file, error)`` for each file to lint; ``file`` is ``None`` for
        stdin, and ``error`` is set for a path that cannot be linted. A file named twice (``a.md
        ./a.md``, or a folder and a file in it) is linted once, where it first comes."""
        seen: set[Any] = set()
        for given in paths:
            if given == STDIN:
                if given not in seen:  # one text, read once: "- -" reported it twice
                    seen.add(given)
                    yield given, None, None
                continue
            if not given:  # Path("") is the current folder: an empty "$FILES" would lint it all
                yield "''", Path(given), "an empty path names no file"
                continue
            path = Path(given)
            if path.is_dir():
                found = False
                for file in self.walk(path):
                    found = True
                    if self._is_report(file):
                        continue  # the report, which the run opened, is no article
                    if first_time(file, seen):
                        yield str(file), file, None
                if not found:
                    yield given, path, self.why_none_in(path)
            elif path.exists():
                if first_time(path, seen):
                    yield given, path, None
            else:
                yield given, path, "no such file or folder"

    def why_none_in(self, top: Path, wanted: Wanted | None = None, what: str = "article",
                    looked: str | None = None) -> str:
        """Why the walk of a folder named on the command line found no article in it (or no
        file ``wanted`` takes, a ``what``, named by the patterns ``looked`` for): none is there,
        or ``exclude`` left out every one, which the walk does not tell apart. Walked again for
        that only, as far as the first article excluded, and without reading the
        configurations of excluded folders (the walk never does)."""
        took: dict[Path, tuple[str, Config]] = {}  # excluded folders: the pattern, whose it is
        for folder, dirs, files in os.walk(top):
            here = Path(folder)
            inherited = took.get(here)
            config = inherited[1] if inherited else self.config_for(here)
            dirs.sort()
            for name in dirs:
                if inherited:
                    took[here / name] = inherited
                elif (pattern := config.exclusion(here / name)) is not None:
                    took[here / name] = (pattern, config)
            for name in sorted(files):
                file = here / name
                if not (wanted or Config.is_included)(config, file) or not file.is_file():
                    continue
                pattern = inherited[0] if inherited else config.exclusion(file)
                if pattern is not None:
                    where = as_shown(config.path) if config.path else "the default exclude"
                    return (f"every {what} in this folder is excluded by the configuration: "
                            f"'{pattern}' ({where}) excludes {file}")
        looked = looked or " ".join(self.config_for(top).include)
        return f"no {what}s found in this folder (looked for {looked})"

    def _is_report(self, file: Path) -> bool:
        """Whether ``file`` is the ``--output-file``, by any path to it (a link, a folder
        reached through a link); only a file of its name is looked at twice."""
        report = self.options.report_file
        if report is None or file.name != report.name:
            return False
        try:
            return os.path.samefile(file, report)
        except OSError:
            return False

    def finds(self, file: Path, paths: list[str]) -> bool:
        """Whether linting ``paths`` would lint ``file``: named, or found in a folder."""
        for given in paths:
            if given == STDIN or not given:
                continue
            path = Path(given)
            try:
                if path.is_dir():
                    if any(os.path.samefile(found, file) for found in self.walk(path)
                           if found.name == file.name):
                        return True
                elif os.path.samefile(path, file):
                    return True
            except OSError:
                continue
        return False

    def walk(self, top: Path, wanted: Wanted | None = None) -> Iterator[Path]:
        """The files under ``top`` that the configuration of their folder includes (or that
        ``wanted`` takes) and does not exclude; an excluded folder is not entered, nor its
        configuration read."""
        wanted = wanted or Config.is_included
        for folder, dirs, files in os.walk(top):
            here = Path(folder)
            config = self.config_for(here)
            dirs[:] = sorted(d for d in dirs if not config.is_excluded(here / d))
            for name in sorted(files):
                file = here / name
                # a pipe or socket named like an article would block the run on reading it; one
                # named on the command line is still read, as the user asked for it
                if wanted(config, file) and not config.is_excluded(file) and file.is_file():
                    yield file

    # ---- linting -------------------------------------------------------------------------

    def run(self, paths: list[str], stdin_text: str | None = None) -> Iterator[FileResult]:
        """Lint every path; yields each file's result as soon as it is ready."""
        return self.lint_items(self.expand(paths), stdin_text)

    def lint_items(self, items: Iterable[tuple[str, Path | None, str | None]],
                   stdin_text: str | None = None,
                   lint_file: Callable[[str, Path], FileResult] | None = None,
                   ) -> Iterator[FileResult]:
        """Lint what :meth:`expand` found, in order; each result is yielded, then kept
        :meth:`~FileResult.light` so memory does not grow with the parsed documents of a
        large run, and its document released (see :meth:`~newslint.document.Document.release`)
        so that it is freed at once. ``lint_file`` stands in for :meth:`lint_file` (to take the
        results of worker processes or a cluster in their place)."""
        lint_file = lint_file or self.lint_file
        for shown, file, error in items:
            if error is not None:
                result = FileResult(shown, error=error)
            elif file is None:
                result = self.lint_stdin(stdin_text or "")
            else:
                result = lint_file(shown, file)
            try:
                yield result
            finally:
                # reported (or the consumer stopped): from here on only the light result is
                # needed, and it is kept even when the run stops early
                self.results.append(result.light())
                if result.document is not None:
                    result.document.release()

    def _stdin_folder(self) -> Path:
        return Path(self.options.stdin_filename).parent if self.options.stdin_filename \
            else Path.cwd()

    def read_stdin(self, stream: BinaryIO) -> str:
        """The article on standard input, decoded; :class:`InputError` when it is not UTF-8 or
        is over its configuration's ``max-file-size``, which is found having read at most one
        byte more, so a huge pipe is refused without being held in memory."""
        limit = self.config_for(self._stdin_folder()).max_file_size
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"input is over the {size_text(limit)} limit "
                             "(raise max-file-size in the configuration to lint it)")
        return decode_article(data)

    def lint_stdin(self, text: str) -> FileResult:
        name = self.options.stdin_filename or STDIN
        if self.stdin_error is not None:
            return FileResult(name, error=self.stdin_error, stdin=True)
        config = self.config_for(self._stdin_folder())
        if not text.strip():
            return FileResult(name, error="empty input", stdin=True)
        result = self.lint_source(name, Path(name), text, config)
        result.stdin = True
        return result

    def lint_file(self, shown: str, file: Path) -> FileResult:
        config = self.config_for(file.parent)
        try:
            text = read_article(file, config.max_file_size)
        except InputError as exc:
            return FileResult(shown, error=str(exc))
        return self.lint_source(shown, file, text, config)

    def lint_source(self, shown: str, file: Path, text: str, config: Config) -> FileResult:
        """Parse ``text`` as the article ``file`` and run the rules on it."""
        text = lf_line_breaks(text)
        reader = self.reader_for(file, text)
        try:
            document = reader.read(shown, text)
        except ReadError as exc:
            where = f"line {exc.line}: " if exc.line else ""
            return FileResult(shown, error=f"{where}{exc}")
        except Exception as exc:
            return FileResult(shown, error=f"the {reader.name} reader crashed: "
                                           f"{type(exc).__name__}: {exc}")
        overrides = config.overrides_for(file)
        document.locale = document.declared_locale or next(
            (o.locale for o in reversed(overrides) if o.locale), config.locale
        )
        rules = self.rules_for(config, overrides)
        hook = self.pm.hook
        try:
            violations = hook.newslint_lint_document(document=document, rules=rules,
                                                     config=config) or []
        except Exception as exc:
            violations = [internal_error(f"a plugin's newslint_lint_document raised "
                                         f"{type(exc).__name__}: {exc}")]
        violations = _only_violations(violations, "newslint_lint_document returned")
        _fixes_within_prose(document, violations)
        _fixes_as_written(document, violations)
        try:
            hook.newslint_modify_violations(document=document, violations=violations, config=config)
        except Exception as exc:
            violations.append(internal_error(f"a plugin's newslint_modify_violations raised "
                                             f"{type(exc).__name__}: {exc}"))
        violations = _only_violations(violations, "newslint_modify_violations left")
        violations.sort(key=Violation.sort_key)
        return FileResult(shown, violations, document, fail_on=config.fail_on)

    def reader_for(self, file: Path, text: str) -> Reader:
        return reader_for(self.pm.readers, file, text)

    # ---- outcome -------------------------------------------------------------------------

    def exit_status(self, exit_zero: bool = False) -> int:
        """2 when a file could not be linted or a rule crashed; else 1 when a violation is at or
        above its configuration's failing severity (unless ``exit_zero``); else 0."""
        if any(r.error or r.internal_errors for r in self.results):
            return 2
        if exit_zero:
            return 0
        for result in self.results:
            threshold = result.fail_on or Severity.WARNING  # the configuration's default
            if any(v.severity >= threshold for v in result.violations):
                return 1
        return 0


def read_article(file: Path, max_size: int) -> str:
    """The decoded text of ``file``; :class:`InputError` for anything that is not an article."""
    try:
        size = file.stat().st_size
        if size > max_size:
            raise InputError(f"file is {size_text(size)}, over the {size_text(max_size)} limit "
                             "(raise max-file-size in the configuration to lint it)")
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    text = decode_article(data)
    if not text.strip():
        raise InputError("empty file")
    return text


def size_text(size: int) -> str:
    """``size`` bytes for people: "104.9 MB", "2.0 kB", "512 bytes"."""
    if size >= 1e6:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e3:.1f} kB" if size >= 1e3 else f"{size} bytes"


def first_time(file: Path, seen: set[Any]) -> bool:
    """Whether ``file`` is not yet in ``seen``, and note it there. A file is known by its
    device and inode, so a link to an article found beside it ("latest.md") is not linted
    twice, nor fixed twice (the second time, "changed on disk"); by its absolute path when
    it cannot be looked at, or has no inode."""
    key: Any = os.path.abspath(file)
    with contextlib.suppress(OSError):
        st = os.stat(file)
        if st.st_ino:  # 0 where the file system has no inodes (FAT, some network drives)
            key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def decode_article(data: bytes) -> str:
    """``data`` decoded as UTF-8 (a byte-order mark dropped); :class:`InputError` for a binary
    file or bytes that are not UTF-8."""
    # anywhere in the file, not only near its start: the rules use NUL as a marker of their own
    if b"\x00" in data:
        raise InputError("binary file, not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
                         "cannot be decoded (save the file as UTF-8)") from None
    return text


def internal_error(message: str) -> Violation:
    """The violation that stands for a crash, so the run goes on and the crash is seen."""
    return Violation(INTERNAL_ERROR, INTERNAL_ERROR, message, Severity.ERROR, Span(0, 0))


def run_rules(document: Document, rules: list[Rule],
              timeout: float | None = None) -> list[Violation]:
    """Run each rule on ``document``; a crash becomes an ``internal-error`` violation, and so
    does a rule still running when the rules have taken ``timeout`` seconds on this file (see
    :mod:`newslint.deadline`)."""
    out: list[Violation] = []
    with deadline.bound(timeout) as clock:
        for rule in rules:
            try:
                try:
                    clock.begin()
                    found = list(rule.check(document))
                finally:
                    # the timer may fire up to here: the outer handlers see it, and after it
                    # it stops nothing
                    clock.end()
            except deadline.RuleTimeout:
                out.append(internal_error(
                    f"rule {rule.code} ({rule.name}) was stopped: the rules ran over "
                    f"{timeout:g} s on this file (raise rule-timeout in the configuration)"))
                clock.restart()
            except Exception as exc:
                out.append(internal_error(f"rule {rule.code} ({rule.name}) crashed: "
                                          f"{type(exc).__name__}: {exc}"))
            else:
                if all(isinstance(v, Violation) for v in found):
                    out.extend(found)
                    continue
                bad = next(v for v in found if not isinstance(v, Violation))
                out.append(internal_error(f"rule {rule.code} ({rule.name}) yielded "
                                          f"{bad!r:.60}, not a violation"))
    return out


def _only_violations(found: object, what: str) -> list[Violation]:
    """``found`` when it is a list of violations; else the violations in it and an internal
    error saying what else a plugin's hook gave (``what``: "newslint_lint_document returned")."""
    items: list[Any] = found if isinstance(found, list) else [found]
    if all(isinstance(v, Violation) for v in items):
        return items
    bad = next(v for v in items if not isinstance(v, Violation))
    return [*(v for v in items if isinstance(v, Violation)),
            internal_error(f"a plugin's {what} {bad!r:.60}, not a violation")]


def _fixes_within_prose(document: Document, violations: list[Violation]) -> None:
    """Make a plain suggestion of each safe fix that would replace more than prose: a fix of
    the violation's own span, when that span holds markup, an escape or an entity
    ("reali<!-- note -->sed", a link's bracket, a YAML-escaped title), would delete them with
    the words it meant to change. Fixes with spans of their own (a whole block removed) are
    the rule's own reckoning."""
    for v in violations:
        if any(s.safe and s.span is None for s in v.suggestions) and not document.holds_prose(
            v.span
        ):
            v.suggestions = [
                replace(s, safe=False) if s.safe and s.span is None else s for s in v.suggestions
            ]


def _fixes_as_written(document: Document, violations: list[Violation]) -> None:
    """Write each replacement decomposed where the text it replaces is (a letter, then its
    combining mark): the rules read composed prose (see
    :class:`~newslint.readers.base.ProseBuilder`), and a fix changes words, not the way the
    file writes its accents."""
    source = document.source
    if source.isascii() or is_composed(source):
        return
    for v in violations:
        v.suggestions = [
            replace(s, replacement=unicodedata.normalize("NFD", s.replacement))
            if not s.replacement.isascii()
            and not is_composed(source[(s.span or v.span).start : (s.span or v.span).end])
            else s
            for s in v.suggestions
        ]


@hookimpl(trylast=True)
def newslint_lint_document(document: Document, rules: list[Rule],
                           config: Config) -> list[Violation]:
    return run_rules(document, rules, config.rule_timeout)


def lint_text(pm: PluginManager, text: str, path: str = "article.md",
              config: Config | None = None, **options: Any) -> FileResult:
    """Lint ``text`` as if it were the file ``path`` (for tests, the LSP and plugin authors)."""
    session = Session(pm, Options(**options))
    config = config or Config()
    session._prepare(config)
    return session.lint_source(path, Path(path), text, config)
