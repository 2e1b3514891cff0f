"""Configuration: finding, reading and validating ``.newslint.toml`` and ``[tool.newslint]``.

For each linted file, the nearest configuration file walking up from its folder wins
(:data:`CONFIG_FILES` lists the names in the order they are tried in each folder); ``--config``
overrides the search. Every mistake (an unknown key, an unknown rule code, a wrong type) is a
:class:`ConfigError` naming the file, the line and the key, with the closest valid name.
"""

from __future__ import annotations

import difflib
import functools
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from newslint.deadline import DEFAULT_RULE_TIMEOUT
from newslint.rule import SUBCODE_RE
from newslint.tomlreader import error_line, error_message, tomllib
from newslint.violation import Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = ["CONFIG_FILES", "Config", "ConfigError", "Override", "PluginSchema"]

CONFIG_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (".newslint.toml", ()),
    ("pyproject.toml", ("tool", "newslint")),
)
"""Configuration file names tried in each folder, with the table that holds newslint's keys."""

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.html", "*.htm", "*.txt")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox")
LOCALES = ("en-US", "en-GB", "en-GB-oxendict")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

# key: (expected type, description of the type) for the top-level keys
_LIST = (list, "a list of strings")
_TOP_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "select": _LIST, "extend-select": _LIST, "ignore": _LIST, "include": _LIST, "exclude": _LIST,
    "extend-exclude": _LIST, "disable-plugins": _LIST,
    "severity": (dict, "a table of code = severity"),
    "rules": (dict, "a table of [rules.CODE] tables"),
    "locale": (str, "a string"),
    "fail-on": (str, "a string"),
    "max-file-size": (int, "an integer (bytes)"),
    "plugin-timeout": ((int, float), "a number (seconds)"),
    "rule-timeout": ((int, float), "a number (seconds)"),
    "cache-dir": (str, "a string (a folder, relative to this file)"),
    "overrides": (list, "an array of [[overrides]] tables"),
    "plugins": (object, "a list of plugin modules, or a table"),
    "preset": (str, "a string (\"ap\" or \"guardian\")"),
    "vale-config": (str, "a string (the path of a .vale.ini)"),
}
_OVERRIDE_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "paths": _LIST, "select": _LIST, "extend-select": _LIST, "ignore": _LIST,
    "severity": _TOP_KEYS["severity"], "rules": _TOP_KEYS["rules"], "locale": _TOP_KEYS["locale"],
}


class ConfigError(Exception):
    """A mistake in a configuration file; ``str()`` is one line: ``path:line: message``."""

    def __init__(self, path: Path | str | None, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        shown = as_shown(path) if path else ""
        where = f"{shown}:{line}" if path and line else shown or "configuration"
        super().__init__(f"{where}: {message}")


def as_shown(path: Path | str) -> str:
    """A file's path as messages show it: relative to the current folder when it is under it,
    as the paths of articles are shown (a configuration is found, and kept, by its absolute
    path), else as it is."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    # a relative path, or one outside the current folder; or the current folder was removed
    except (ValueError, OSError):
        return str(path)


def printable(text: str, limit: int | None = None) -> str:
    """``text`` as an error or a report shows it: a line break or other control character in it
    is escaped, so that one value cannot pose as several lines (or as CI commands), and past
    ``limit`` characters it is cut short."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + "\u2026"
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def quoted(name: str) -> str:
    """A file's path or an article's id as a report or an error shows it: as it is when it is
    all printable, else in double quotes with its control characters, backslashes and double
    quotes escaped, as git shows such a name. So a name cannot pose as several lines (or as CI
    commands), and one holding a line break is not shown as one holding a backslash and an
    ``n`` is: ``"a\\n"`` and ``a\\n``. A printable name that opens with a double quote is
    quoted too, so that it cannot be taken for a quoted one."""
    if name.isprintable() and not name.startswith('"'):
        return name
    return '"' + "".join(_QUOTED.get(c) or (c if c.isprintable() else
                                            c.encode("unicode_escape").decode())
                         for c in name) + '"'


_QUOTED = {"\\": "\\\\", '"': '\\"'}


def closest(name: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices``, or an empty string (never
    ``name`` itself: a code a disabled plugin took away is in the choices of some callers)."""
    match = difflib.get_close_matches(name, [c for c in choices if c != name], n=1, cutoff=0.5)
    return f"; did you mean '{match[0]}'?" if match else ""


class KeyLocator:
    """Finds the line of a key in TOML text (tomllib gives no positions).

    Tracks ``[table]`` and ``[[array]]`` headers; a key path is the tuple of table names, with
    array-of-table indexes as ints, followed by the key.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
    _KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")

    def __init__(self, text: str, prefix: tuple[str, ...] = ()) -> None:
        self.entries: dict[tuple[Any, ...], int] = {}
        counts: dict[tuple[Any, ...], int] = {}
        table: tuple[Any, ...] = ()
        for lineno, line in enumerate(text.splitlines(), 1):
            header = self._HEADER.match(line)
            if header:
                names = tuple(_split_dotted(header.group(2)))
                if header.group(1) == "[[":
                    # counted per parent: each [[rules.custom]] has its own [[rules.custom.tests]]
                    array = (*self._resolve(names[:-1], counts), names[-1])
                    index = counts.get(array, 0)
                    counts[array] = index + 1
                    table = (*array, index)
                else:
                    table = self._resolve(names, counts)
                self._note(table, lineno)
                continue
            key = self._KEY.match(line)
            if key:
                self._note((*table, *_split_dotted(key.group(1))), lineno)
        self.prefix = prefix
        self.kebab = {_kebab_path(path): lineno for path, lineno in reversed(self.entries.items())}
        """The lines by paths whose names are in kebab-case (see :func:`kebab`), for a key
        written with underscores that messages name as documented."""

    def _note(self, path: tuple[Any, ...], lineno: int) -> None:
        """Note the first line of ``path`` and of each table it is in, which a dotted key or
        a header may be the first to name (``bogus.x = 1``, ``[bogus.sub]``, ``[[bogus]]``)."""
        for cut in range(1, len(path) + 1):
            self.entries.setdefault(path[:cut], lineno)

    @staticmethod
    def _resolve(names: tuple[str, ...], counts: dict[tuple[Any, ...], int]) -> tuple[Any, ...]:
        # every array of tables on the way refers to its latest element: [overrides.rules] is in
        # the last [[overrides]], [[rules.custom.tests]] in the last [[rules.custom]]
        path: list[Any] = []
        for name in names:
            path.append(name)
            if tuple(path) in counts:
                path.append(counts[tuple(path)] - 1)
        return tuple(path)

    def line(self, *path: Any) -> int | None:
        """The line of ``path`` or, failing that, of its nearest enclosing key or table."""
        full = (*self.prefix, *path)
        for cut in range(len(full), 0, -1):
            if full[:cut] in self.entries:
                return self.entries[full[:cut]]
            if _kebab_path(full[:cut]) in self.kebab:
                return self.kebab[_kebab_path(full[:cut])]
        return None


def kebab(name: str) -> str:
    """A key as the documentation writes it: in kebab-case, as ruff writes its keys. A key
    written with underscores (``max_file_size``, ``min_words``) is the same key, so that a
    configuration written either way is read alike."""
    return name.replace("_", "-")


def _kebab_path(path: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(kebab(p) if isinstance(p, str) else p for p in path)


def _kebab_keys(cfg: Config, table: dict[str, Any], *path: Any) -> dict[str, Any]:
    """``table`` with its keys in kebab-case; a key given in both spellings is an error, as
    TOML makes a key given twice one."""
    out: dict[str, Any] = {}
    written: dict[str, str] = {}
    for key, value in table.items():
        name = kebab(key)
        if name in out:
            raise cfg.error(f"'{written[name]}' and '{key}' are one key (a '_' in a key is read "
                            "as '-'); give it once", *path, key)
        out[name], written[name] = value, key
    return out


def _kebab_options(cfg: Config, rules: Any, *path: Any) -> Any:
    """The ``[rules]`` table ``rules`` with the keys of each rule's options in kebab-case
    (``rules.custom``, the house rules' definitions, is left as written)."""
    if not isinstance(rules, dict):
        return rules  # an error the type check reports
    return {code: _kebab_keys(cfg, options, *path, code)
            if isinstance(options, dict) and code != "custom" else options
            for code, options in rules.items()}


MIN_TIMEOUT = 0.01
"""The shortest time bound, in seconds: a timer shorter than its own handler fires again in it."""
MAX_TIMEOUT = 1e6
"""The longest time bound, in seconds (eleven days): the system's timers take no more."""


def timeout_in_range(seconds: object) -> bool:
    """Whether ``seconds`` is a number usable as a time bound (see :data:`MIN_TIMEOUT`)."""
    return (isinstance(seconds, (int, float)) and not isinstance(seconds, bool)
            and MIN_TIMEOUT <= seconds <= MAX_TIMEOUT)


def _split_dotted(text: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(r"""(?:"[^"]*"|'[^']*'|[^.]+)""", text)]


@dataclass
class Override:
    """Settings for the files that match ``paths`` (globs relative to the configuration file)."""

    paths: list[str]
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    locale: str | None = None
    _patterns: list[re.Pattern[str]] = field(default_factory=list, repr=False)

    def matches(self, relative: str) -> bool:
        if not self._patterns:
            self._patterns = [glob_to_regex(p) for p in self.paths]
        return any(p.match(relative) for p in self._patterns)


# cached: the walk tests every exclude pattern against every file and folder
@functools.lru_cache(maxsize=1024)
def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Compile a path glob (``*``, ``?``, ``**``, ``[...]``) to a regex over ``/``-separated paths.
    A pattern without a ``/`` matches a file or folder name at any depth, as in ``.gitignore``;
    ``./`` means the configuration file's folder. ``ValueError`` for a ``..`` step: the files
    outside that folder take their settings from a configuration of their own, so such a
    pattern could never match."""
    pattern = pattern.replace("\\", "/").strip("/") if pattern not in ("/", "") else pattern
    steps = pattern.split("/")
    if ".." in steps:
        raise ValueError("'..' leads out of the configuration file's folder, so it never matches")
    anchored = "/" in pattern
    if "." in steps:
        pattern = "/".join(step for step in steps if step != ".") or "**"
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                out.append("[" + pattern[i + 1 : end].replace("!", "^", 1) + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


class PluginSchema:
    """The ``[plugins.NAME]`` keys that plugins declared through ``newslint_add_config``."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[type, Any, str]]] = {}
        self.problems: dict[tuple[str, str], Callable[[Any], str | None]] = {}
        """What is wrong with a value of the right type, by plugin and key (see :meth:`add`)."""

    def add(self, plugin: str, key: str, type_: type, default: Any = None, help: str = "",
            problem: Callable[[Any], str | None] | None = None) -> None:
        """Declare ``[plugins.<plugin>] <key>``, of ``type_``, with its default and a help text.
        ``problem``, given a value of that type, says what is wrong with it (``must be ...``),
        or ``None`` when the plugin can use it: a value it cannot use is then one error naming
        the key when the configuration is loaded, not a fault on every article."""
        self.keys.setdefault(plugin, {})[key] = (type_, default, help)
        if problem is not None:
            self.problems[plugin, key] = problem

    def defaults(self, plugin: str) -> dict[str, Any]:
        return {k: d for k, (_, d, _) in self.keys.get(plugin, {}).items()}


@dataclass(eq=False)
class Config:
    """The effective configuration of one configuration file (or the defaults)."""

    path: Path | None = None
    """The file it came from; ``None`` for the built-in defaults."""
    root: Path = field(default_factory=Path.cwd)
    """The folder that globs in ``include``, ``exclude`` and ``overrides`` are relative to."""
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    locale: str = "en-US"
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    overrides: list[Override] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    plugin_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    disable_plugins: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    plugin_timeout: float | None = None
    """Seconds each plugin of :attr:`plugins` may take to import; ``None`` for the default
    (``NEWSLINT_PLUGIN_TIMEOUT``, see :func:`newslint.manager.plugin_timeout`)."""
    rule_timeout: float = DEFAULT_RULE_TIMEOUT
    """Seconds the rules may take on one file (see :mod:`newslint.deadline`)."""
    cache_dir: str | None = None
    """Where ``newslint check`` keeps its result cache; ``None`` for ``.newslint_cache``."""
    custom_rules: dict[str, Any] = field(default_factory=dict)
    """Rule classes defined by ``[[rules.custom]]``, the preset and ``vale-config``, by code."""
    vale_skipped: dict[str, str] = field(default_factory=dict)
    """Rules of ``vale-config`` that newslint cannot run, by ``Style.Rule``, with the reason."""
    locator: KeyLocator | None = field(default=None, repr=False)

    def line_of(self, *path: Any) -> int | None:
        return self.locator.line(*path) if self.locator else None

    def error(self, message: str, *path: Any) -> ConfigError:
        return ConfigError(self.path, self.line_of(*path), message)

    def relative(self, file: Path) -> str | None:
        """``file`` relative to :attr:`root`, with ``/``; ``None`` when it is outside."""
        try:
            # not Path.resolve, which raises on a symbolic link that loops (one in a folder
            # ended the walk with a traceback; such a link is no file, and the walk skips it)
            return Path(os.path.realpath(file)).relative_to(self._real_root()).as_posix()
        except ValueError:
            return None

    def _real_root(self) -> Path:
        """:attr:`root` resolved, once per root: the walk asks for every file and folder. (A
        relative root is resolved each time, as it depends on the working folder.)"""
        kept = self.__dict__.get("_resolved_root")
        if kept is None or kept[0] != self.root:
            if not self.root.is_absolute():
                return self.root.resolve()
            kept = self.__dict__["_resolved_root"] = (self.root, self.root.resolve())
        return kept[1]

    def is_excluded(self, file: Path) -> bool:
        return self.exclusion(file) is not None

    def exclusion(self, file: Path) -> str | None:
        """The first ``exclude`` pattern that leaves ``file`` (or folder) out, or ``None``."""
        rel = self.relative(file)
        target = rel if rel is not None else file.name
        return next((p for p in self.exclude if glob_to_regex(p).match(target)), None)

    def is_included(self, file: Path) -> bool:
        """Whether ``file`` is an article by ``include``: a pattern with a ``/`` matches its path
        relative to :attr:`root`, as in ``exclude`` (``**/*.md``, ``news/**/*.html``; matched
        against the name, ``**/*.md`` left out the files at the top), any other its name."""
        name = PurePosixPath(file.name)
        rel: str | None = None
        for pattern in self.include:
            if "/" not in pattern.replace("\\", "/"):
                if name.match(pattern):
                    return True
                continue
            if rel is None:
                rel = self.relative(file) or file.name
            if glob_to_regex(pattern).match(rel):
                return True
        return False

    def overrides_for(self, file: Path) -> tuple[Override, ...]:
        if not self.overrides:
            return ()  # without resolving the path, which costs more than the rest of this
        rel = self.relative(file)
        if rel is None:
            return ()
        return tuple(o for o in self.overrides if o.matches(rel))

    # ---- reading -------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Config:
        """Read and check the structure of a configuration file (rule codes are checked later,
        by :meth:`validate_codes`, once the plugins are loaded)."""
        table = next((t for name, t in CONFIG_FILES if name == path.name), ())
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ConfigError(path, None, "configuration file not found") from None
        except OSError as exc:
            raise ConfigError(path, None,
                              f"cannot read configuration: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:  # as an article's bytes are named (decode_article)
            raise ConfigError(path, raw.count(b"\n", 0, exc.start) + 1,
                              f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded (save "
                              "the file as UTF-8)") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = error_line(exc)
            if line is None and "end of document" in str(exc):
                line = len(text.splitlines()) or 1  # an array or string left open
            raise ConfigError(path, line, f"invalid TOML: {error_message(exc)}") from None
        locator = KeyLocator(text, table)
        for depth, key in enumerate(table, 1):
            data = data.get(key, {})
            if not isinstance(data, dict):
                where = ".".join(table[:depth])
                raise ConfigError(path, KeyLocator(text).line(*table[:depth]),
                                  f"'{where}' must be a table")
        return cls.from_dict(data, path, locator)

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: Path | None = None,
                  locator: KeyLocator | None = None) -> Config:
        cfg = cls(path=path, root=path.parent if path else Path.cwd(), locator=locator)
        data = _kebab_keys(cfg, data)
        if "rules" in data:
            data["rules"] = _kebab_options(cfg, data["rules"], "rules")
        for key, value in data.items():
            if key not in _TOP_KEYS:
                raise cfg.error(f"unknown key '{key}'{closest(key, _TOP_KEYS)}", key)
            _check_type(cfg, value, _TOP_KEYS[key], key)
        if "preset" in data or "vale-config" in data or "custom" in data.get("rules", {}):
            # imported only when used: declarative rules validate their own tables
            from newslint.declarative.loader import apply_declarative

            data = apply_declarative(cfg, data)
        cfg.select = data.get("select")
        cfg.extend_select = data.get("extend-select", [])
        cfg.ignore = data.get("ignore", [])
        cfg.severity = _severities(cfg, data.get("severity", {}), ("severity",))
        cfg.rules = _rules(cfg, data.get("rules", {}), ("rules",))
        cfg.locale = _locale(cfg, data.get("locale", cfg.locale), ("locale",))
        cfg.include = data.get("include", cfg.include)
        for glob in cfg.include:
            if not PurePosixPath(glob).parts:  # "" or ".": pathlib's match() raises mid-walk
                raise cfg.error(f"invalid glob {glob!r} in 'include': it names no file",
                                "include")
        cfg.exclude = [*data.get("exclude", cfg.exclude), *data.get("extend-exclude", [])]
        for key in ("include", "exclude", "extend-exclude"):
            _check_globs(cfg, data.get(key, []), key)
        cfg.disable_plugins = data.get("disable-plugins", [])
        if "fail-on" in data:
            cfg.fail_on = _severity(cfg, data["fail-on"], ("fail-on",))
        cfg.max_file_size = data.get("max-file-size", cfg.max_file_size)
        if isinstance(cfg.max_file_size, bool) or cfg.max_file_size < 1:
            # 0 or less would refuse every file with a message blaming the file, not this key
            raise cfg.error("'max-file-size' must be a positive number of bytes", "max-file-size")
        cfg.plugin_timeout = data.get("plugin-timeout")
        cfg.rule_timeout = data.get("rule-timeout", cfg.rule_timeout)
        for key, seconds in (("plugin-timeout", cfg.plugin_timeout),
                             ("rule-timeout", cfg.rule_timeout)):
            if seconds is not None and not timeout_in_range(seconds):
                raise cfg.error(f"'{key}' must be a number of seconds from {MIN_TIMEOUT:g} to "
                                f"{MAX_TIMEOUT:g}", key)
        cfg.cache_dir = data.get("cache-dir")
        plugins = data.get("plugins", [])
        if isinstance(plugins, list):
            _check_type(cfg, plugins, _LIST, "plugins")
            cfg.plugins = plugins
        elif isinstance(plugins, dict):
            load = plugins.get("load", [])
            _check_type(cfg, load, _LIST, "plugins", "load")
            cfg.plugins = load
            cfg.plugin_options = {k: v for k, v in plugins.items() if k != "load"}
            for name, options in cfg.plugin_options.items():
                if not isinstance(options, dict):
                    raise cfg.error(f"'plugins.{name}' must be a table of options", "plugins", name)
                _kebab_keys(cfg, options, "plugins", name)  # a key given in both spellings
        else:
            raise cfg.error("'plugins' must be a list of plugin modules or a table", "plugins")
        for i, raw in enumerate(data.get("overrides", [])):
            cfg.overrides.append(_override(cfg, raw, i))
        return cfg

    @classmethod
    def discover(cls, start: Path) -> Path | None:
        """The nearest configuration file at or above folder ``start``."""
        folder = start.resolve()
        for candidate in (folder, *folder.parents):
            for name, table in CONFIG_FILES:
                file = candidate / name
                if file.is_file() and (not table or _has_table(file, table)):
                    return file
        return None

    # ---- checking against the loaded rules and plugins -----------------------------------

    def validate_codes(self, codes: Mapping[str, Any] | Iterable[str],
                       options_of: Callable[[str], dict[str, Any]],
                       schema: PluginSchema | None = None, key_prefix: str = "") -> None:
        """Check every rule code, prefix and option against the rules that are registered.
        Given the rule classes by code (not only the codes), the files named by their
        :attr:`~newslint.rule.Rule.path_options` must exist too. ``key_prefix`` is put before
        key names in messages (``--`` for command-line options)."""
        classes: Mapping[str, Any] = codes if isinstance(codes, dict) else {}
        registered = set(codes)
        if self.custom_rules:
            from newslint.declarative.loader import check_prefixes

            check_prefixes(self, self.custom_rules, registered)
        known = registered | set(self.custom_rules)
        prefixes = {c[:i] for c in known for i in range(1, len(c) + 1)} | {"ALL"}

        def is_known(code: str) -> bool:
            # "LT:EN_A_VS_AN" is a code of a rule with dynamic codes, the only kind whose
            # registered code is a bare prefix (Rule.dynamic_codes); its IDs are open-ended,
            # so only their shape is checked
            return code in prefixes or (SUBCODE_RE.match(code) is not None
                                        and code.partition(":")[0] in registered)

        sections: list[tuple[tuple[Any, ...], Any]] = [((), self)]
        sections += [(("overrides", i), o) for i, o in enumerate(self.overrides)]
        for where, part in sections:
            for key in ("select", "extend_select", "ignore"):
                for code in getattr(part, key) or ():
                    if not is_known(code):
                        k = key.replace("_", "-")
                        hint = closest(code, known | set(FAMILY_PREFIXES))
                        raise self.error(f"unknown rule code or prefix '{printable(code, 80)}' in "
                                         f"'{key_prefix}{k}'{hint}", *where, k)
            for code in part.severity:
                if not is_known(code):
                    raise self.error(f"unknown rule code '{code}' in [severity]"
                                     f"{closest(code, known)}",
                                     *where, "severity", code)
            for code, options in part.rules.items():
                if code not in known:
                    raise self.error(f"unknown rule code '{code}' in [rules]{closest(code, known)}",
                                     *where, "rules", code)
                allowed = (options_of(code) if code in registered
                           else self.custom_rules[code].options)
                # a plugin's rule may declare its options with underscores
                spelling = {kebab(name): name for name in allowed}
                options = part.rules[code] = {spelling.get(name, name): value
                                              for name, value in options.items()}
                for name, value in options.items():
                    if name not in allowed:
                        raise self.error(f"unknown option '{name}' for rule {code}"
                                         f"{closest(name, allowed) or _options_hint(allowed)}",
                                         *where, "rules", code, name)
                    _check_option(self, code, name, value, allowed[name],
                                  (*where, "rules", code, name))
                    rule = classes.get(code)
                    problem = rule.option_problem(name, value) if rule is not None else None
                    if problem is not None:
                        raise self.error(f"option '{name}' of rule {code} {problem}",
                                         *where, "rules", code, name)
                    if name in getattr(classes.get(code), "path_options", ()):
                        _check_paths(self, classes[code], name, value,
                                     (*where, "rules", code, name))
        if schema is not None:
            for plugin, options in self.plugin_options.items():
                declared = schema.keys.get(plugin)
                if declared is None:
                    raise self.error(f"unknown plugin section 'plugins.{plugin}'"
                                     f"{closest(plugin, schema.keys)}", "plugins", plugin)
                spelled = {kebab(name): name for name in declared}
                options = self.plugin_options[plugin] = {
                    spelled.get(kebab(name), name): value for name, value in options.items()}
                for name, value in options.items():
                    if name not in declared:
                        raise self.error(f"unknown key '{name}' in [plugins.{plugin}]"
                                         f"{closest(name, declared)}", "plugins", plugin, name)
                    type_ = declared[name][0]
                    if not isinstance(value, type_):
                        raise self.error(f"'plugins.{plugin}.{name}' must be of type "
                                         f"{type_.__name__}",
                                         "plugins", plugin, name)
                    if not _finite(value):
                        raise self.error(f"'plugins.{plugin}.{name}' {_finite_wanted(value)}",
                                         "plugins", plugin, name)
                    check = schema.problems.get((plugin, name))
                    problem = check(value) if check is not None else None
                    if problem is not None:
                        raise self.error(f"'plugins.{plugin}.{name}' {problem}",
                                         "plugins", plugin, name)


FAMILY_PREFIXES = ("SP", "HL", "QT", "ST")


def _options_hint(allowed: dict[str, Any]) -> str:
    return f" (it takes: {', '.join(sorted(allowed))})" if allowed else " (it takes no options)"


def _has_table(file: Path, table: tuple[str, ...]) -> bool:
    try:
        raw = file.read_bytes()
    except OSError:
        return False
    try:
        data: Any = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        # one that names the table is meant for newslint: loaded, its error is reported
        return f"[{'.'.join(table)}".encode() in raw
    for key in table:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def _check_type(cfg: Config, value: Any, expected: tuple[type | tuple[type, ...], str],
                *path: Any) -> None:
    type_, description = expected
    if not isinstance(value, type_):
        raise cfg.error(f"'{'.'.join(map(str, path))}' must be {description}, "
                        f"not {_tname(value)}", *path)
    if isinstance(value, list) and description.endswith("strings") and \
            not all(isinstance(v, str) for v in value):
        raise cfg.error(f"'{'.'.join(map(str, path))}' must be {description}", *path)


def _tname(value: Any) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "a boolean",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _severity(cfg: Config, value: Any, path: tuple[Any, ...]) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        raise cfg.error(f"invalid severity {value!r} for '{path[-1]}'"
                        f"{closest(str(value), ('error', 'warning', 'info'))}", *path) from None


def _severities(cfg: Config, table: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Severity]:
    return {code: _severity(cfg, v, (*path, code)) for code, v in table.items()}


def _locale(cfg: Config, value: str, path: tuple[Any, ...]) -> str:
    if value not in LOCALES:
        raise cfg.error(f"unknown locale '{value}'{closest(value, LOCALES)}", *path)
    return value


def _rules(cfg: Config, table: dict[str, Any], path: tuple[Any, ...]) -> dict[str, dict[str, Any]]:
    for code, options in table.items():
        if not isinstance(options, dict):
            raise cfg.error(f"'rules.{code}' must be a table of options", *path, code)
    return table


def _check_option(cfg: Config, code: str, name: str, value: Any, default: Any,
                  path: tuple[Any, ...]) -> None:
    if default is not None:
        _check_option_type(cfg, code, name, value, default, path)
    if not _finite(value):
        raise cfg.error(f"option '{name}' of rule {code} {_finite_wanted(value)}", *path)


def _check_option_type(cfg: Config, code: str, name: str, value: Any, default: Any,
                       path: tuple[Any, ...]) -> None:
    ok = isinstance(value, type(default))
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    if isinstance(default, int) and isinstance(value, bool) and not isinstance(default, bool):
        ok = False
    if ok and isinstance(default, list) and default and isinstance(default[0], str) and \
            not all(isinstance(v, str) for v in value):
        # the list itself is right: "must be a list, not a list" said nothing
        raise cfg.error(f"option '{name}' of rule {code} must be a list of strings", *path)
    if not ok:
        raise cfg.error(f"option '{name}' of rule {code} must be {_tname(default)}, "
                        f"not {_tname(value)}",
                        *path)


def _finite(value: Any) -> bool:
    """Whether ``value`` holds no float but finite ones, in its lists and tables too: TOML
    writes ``nan`` and ``inf`` as float literals, and a threshold of nan compares false with
    every score, so a rule would silently flag all or nothing."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        value = list(value.values())
    return not isinstance(value, list) or all(map(_finite, value))


def _finite_wanted(value: Any) -> str:
    """What a value that is not :func:`_finite` must be instead, with the value as given."""
    wanted = "a finite number" if isinstance(value, float) else "finite numbers only"
    return f"must be {wanted}, not {value}"


def _check_paths(cfg: Config, rule: Any, name: str, value: Any, path: tuple[Any, ...]) -> None:
    """The files a path option of ``rule`` (a rule class) names, one or a list, exist, can be
    read and are what the rule reads (:meth:`~newslint.rule.Rule.path_problem`): found here, a
    bad file is one error; found by the rule, it would be a crash on every article."""
    code = rule.code
    for given in value if isinstance(value, list) else [value]:
        # the default, an empty list, told nothing of its items, and an empty item named the
        # folder: either was a crash of the rule on every article
        if not isinstance(given, str) or (not given and isinstance(value, list)):
            raise cfg.error(f"option '{name}' of rule {code}: {given!r} is not a path", *path)
        if not given:
            continue  # model = "": none, the rule's default
        file = Path(given).expanduser()
        file = file if file.is_absolute() else cfg.root / file
        if not file.is_file():
            problem = (
                "is a folder, not a file" if file.is_dir()
                else "is no regular file" if file.exists()  # a device or a pipe: never read
                else "does not exist"
            )
            raise cfg.error(f"option '{name}' of rule {code}: {given} {problem} (looked at {file})",
                            *path)
        if not os.access(file, os.R_OK):
            raise cfg.error(f"option '{name}' of rule {code}: {given} cannot be read", *path)
        problem = rule.path_problem(name, file)
        if problem is not None:
            raise cfg.error(f"option '{name}' of rule {code}: {given} {problem}", *path)


def _check_globs(cfg: Config, globs: list[str], *path: Any) -> None:
    """Compile each glob now: a bad one (``[z-a]``) would otherwise raise mid-run."""
    for glob in globs:
        try:
            glob_to_regex(glob)
        except (re.error, ValueError) as exc:
            raise cfg.error(f"invalid glob {glob!r} in '{path[-1]}': {exc}", *path) from None


def _override(cfg: Config, raw: Any, index: int) -> Override:
    where = ("overrides", index)
    if not isinstance(raw, dict):
        raise cfg.error("each [[overrides]] entry must be a table", *where)
    raw = _kebab_keys(cfg, raw, *where)
    if "rules" in raw:
        raw["rules"] = _kebab_options(cfg, raw["rules"], *where, "rules")
    for key, value in raw.items():
        if key not in _OVERRIDE_KEYS:
            raise cfg.error(f"unknown key '{key}' in [[overrides]]{closest(key, _OVERRIDE_KEYS)}",
                            *where, key)
        _check_type(cfg, value, _OVERRIDE_KEYS[key], *where, key)
    if not raw.get("paths"):
        raise cfg.error("[[overrides]] needs 'paths', a list of globs", *where)
    _check_globs(cfg, raw["paths"], *where, "paths")
    return Override(
        paths=raw["paths"],
        select=raw.get("select"),
        extend_select=raw.get("extend-select", []),
        ignore=raw.get("ignore", []),
        severity=_severities(cfg, raw.get("severity", {}), (*where, "severity")),
        rules=_rules(cfg, raw.get("rules", {}), (*where, "rules")),
        locale=_locale(cfg, raw["locale"], (*where, "locale")) if "locale" in raw else None,
    )
