"""The plugin manager: loads built-in and outside plugins and offers typed calls to the hooks.

Load order is documented in :mod:`newslint.hookspecs`. A plugin that fails to import, or that
implements a hook that does not exist, is a :class:`PluginError` naming the plugin, never a
traceback. So is an outside plugin that hangs: its import and its contribution hooks
(``newslint_register_*``) run in a worker thread that is waited for at most
:func:`plugin_timeout` seconds. (So a plugin cannot install signal handlers at import time,
which Python allows only in the main thread; and a local plugin named by two configurations
gets the ``plugin-timeout`` of the first that loads it.) Build a manager per run with
:func:`get_plugin_manager`; none exists at import time.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import pluggy

from newslint import hookspecs
from newslint.config import MAX_TIMEOUT, MIN_TIMEOUT, PluginSchema, closest, timeout_in_range
from newslint.entrypoints import GROUP, may_declare_plugins
from newslint.registry import Registry

if TYPE_CHECKING:
    from newslint.readers.base import Reader
    from newslint.reporters.base import Reporter

PLUGIN_TIMEOUT_ENV = "NEWSLINT_PLUGIN_TIMEOUT"
DEFAULT_PLUGIN_TIMEOUT = 60.0
"""Seconds an outside plugin may take to import, or to answer a contribution hook: far more than
any plugin needs (the LanguageTool plugin imports in under a second), far less than a CI job's
own timeout, which would otherwise be the only end of a plugin that hangs."""
_LOCAL_FILES: dict[str, list[str]] = {}
"""The code of each local plugin, by its load name (see :func:`_plugin_code`): the result cache
keys on it, since an edit to a plugin's helper module changes results."""

T = TypeVar("T")

BUILTIN_PLUGINS = (
    "newslint.readers.text",
    "newslint.readers.markdown",
    "newslint.readers.html",
    "newslint.rules.style",
    "newslint.rules.quotes",
    "newslint.rules.spelling",
    "newslint.rules.headlines",
    "newslint.suppressions",
    "newslint.unused_suppressions",
    "newslint.engine",
    "newslint.reporters.text",
    "newslint.reporters.concise",
    "newslint.reporters.json",
    "newslint.reporters.sarif",
    "newslint.reporters.github",
    "newslint.reporters.junit",
    "newslint.reporters.gitlab",
    "newslint.reporters.grouped",
    "newslint.reporters.line",
)
"""Modules registered as plugins before any outside plugin, in this order."""


class PluginError(Exception):
    """A plugin could not be loaded; the message names it and says why, in one line."""


@contextmanager
def plugin_errors(hook: str) -> Iterator[None]:
    """Turn an exception a plugin's ``hook`` raised into a :class:`PluginError` (one line, exit
    2), for the hooks that pluggy calls for all plugins at once and so cannot name the one."""
    try:
        yield
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(f"a plugin's {hook} raised {type(exc).__name__}: {exc}") from None


def plugin_timeout() -> float:
    """The bound on a plugin's import and contribution hooks: ``NEWSLINT_PLUGIN_TIMEOUT``
    seconds, or :data:`DEFAULT_PLUGIN_TIMEOUT`."""
    raw = os.environ.get(PLUGIN_TIMEOUT_ENV)
    if raw is None:
        return DEFAULT_PLUGIN_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not timeout_in_range(value):
        raise PluginError(f"{PLUGIN_TIMEOUT_ENV}={raw!r}: must be a number of seconds from "
                          f"{MIN_TIMEOUT:g} to {MAX_TIMEOUT:g}")
    return value


def bounded(what: str, call: Callable[[], T], timeout: float) -> T:
    """``call()``, waited for at most ``timeout`` seconds; past that, a :class:`PluginError`
    saying that ``what`` hangs. It runs in a daemon thread: a thread cannot be stopped, but a
    daemon one does not keep the process alive, so the run ends with the error (exit 2)."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the caller's thread, which reports it
            outcome["error"] = exc

    thread = threading.Thread(target=target, name=f"newslint: {what}", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise PluginError(f"{what} did not finish within {timeout:g} s; it hangs (set "
                          f"{PLUGIN_TIMEOUT_ENV} or plugin-timeout to wait longer)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class PluginManager(pluggy.PluginManager):
    """pluggy's manager with newslint's hooks, load order and typed façade methods."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.timeout = plugin_timeout()
        """Seconds an outside plugin's import or contribution hook may take."""
        self._timeouts: dict[str, float] = {}
        """The bound of each local plugin whose configuration sets ``plugin-timeout``."""
        self.add_hookspecs(hookspecs)
        # historic, so every plugin gets the call when it is registered, as the spec promises
        self.hook.newslint_addhooks.call_historic(kwargs={"pluginmanager": self})
        self.schema = PluginSchema()
        self._registry: Registry | None = None
        self._readers: dict[str, Reader] | None = None
        self._reporters: dict[str, type[Reporter]] | None = None
        if os.environ.get("NEWSLINT_TRACE_PLUGINS"):
            self.trace.root.setwriter(lambda msg: print(msg, end="", file=sys.stderr))
            self.enable_tracing()

    def register(self, plugin: Any, name: str | None = None) -> str | None:
        try:
            result = super().register(plugin, name)
        except pluggy.PluginValidationError as exc:
            # pluggy's message spans several lines; an error here is one line
            reason = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
            raise PluginError(f"plugin {name or repr(plugin)}: {reason}") from None
        except PluginError:
            raise
        except Exception as exc:
            # a historic hook (newslint_add_config, newslint_configure) is called as it registers
            raise PluginError(f"plugin {name or repr(plugin)}: a hook raised "
                              f"{type(exc).__name__}: {exc}") from None
        self._registry = self._readers = self._reporters = None
        return result

    def unregister(self, plugin: Any = None, name: str | None = None) -> Any:
        result = super().unregister(plugin, name)
        # the rules, readers and reporters gathered before went on with the plugin's in them
        self._registry = self._readers = self._reporters = None
        return result

    # ---- loading -------------------------------------------------------------------------

    def load_builtins(self, blocked: Iterable[str] = ()) -> None:
        blocked = set(blocked)
        for name in BUILTIN_PLUGINS:
            short = name.removeprefix("newslint.")
            if name in blocked or short in blocked:
                self.set_blocked(name)
                continue
            try:
                module = importlib.import_module(name)
            except Exception as exc:
                raise PluginError(f"built-in plugin {name} failed to import: "
                                  f"{type(exc).__name__}: {exc}") from None
            self.register(module, name)
        self.hook.newslint_add_config.call_historic(kwargs={"schema": self.schema})

    def load_entry_points(self, blocked: Iterable[str] = ()) -> None:
        if os.environ.get("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD") or not may_declare_plugins():
            return
        from importlib import metadata  # here: costly to import, and most runs have no plugin

        blocked = set(blocked)
        for dist in metadata.distributions():
            for ep in dist.entry_points:
                if ep.group != GROUP or ep.name in blocked:
                    continue
                if self.get_plugin(ep.name) is not None or self.is_blocked(ep.name):
                    continue
                try:
                    plugin = bounded(f"plugin '{ep.name}' from {dist.metadata['Name']} "
                                     f"({ep.value}): its import", ep.load, self.timeout)
                except PluginError:
                    raise
                except Exception as exc:
                    raise PluginError(
                        f"plugin '{ep.name}' from {dist.metadata['Name']} failed to import "
                        f"({ep.value}): {type(exc).__name__}: {exc}"
                    ) from None
                self.register(plugin, ep.name)

    def load_local(self, specs: Iterable[str], base: Path, timeout: float | None = None) -> None:
        """Load ``plugins = [...]`` from a configuration: paths to ``.py`` files (relative to the
        configuration file's folder) or dotted module names. Each may take ``timeout`` seconds
        (the configuration's ``plugin-timeout``; by default :attr:`timeout`) to import and to
        answer each contribution hook."""
        for spec in specs:
            name = local_plugin_name(spec, base)
            if self.get_plugin(name) is not None:
                continue
            module = bounded(f"plugin {spec}: its import", partial(self._import_local, spec, base),
                             timeout or self.timeout)
            _LOCAL_FILES.setdefault(name, _plugin_code(module, spec))
            self.register(module, name)
            if timeout:
                self._timeouts[name] = timeout

    @staticmethod
    def _import_local(spec: str, base: Path) -> ModuleType:
        try:
            if _is_path(spec):
                path = (base / spec).resolve()
                if not path.is_file():
                    raise PluginError(f"plugin file {spec} not found (looked at {path})")
                # a name stable across runs: the result cache keys rules by their module, and
                # hash() of a string changes with every process
                name = f"newslint_local_{hashlib.sha256(str(path).encode()).hexdigest()[:16]}"
                loader_spec = importlib.util.spec_from_file_location(name, path)
                assert loader_spec and loader_spec.loader
                module = importlib.util.module_from_spec(loader_spec)
                sys.modules[name] = module
                loader_spec.loader.exec_module(module)
                return module
            # a dotted module is looked up next to the configuration file that names it, as a
            # path is; the console script does not have the working directory on sys.path
            folder = str(base.resolve())
            if folder not in sys.path:
                sys.path.insert(0, folder)
            return importlib.import_module(spec)
        except PluginError:
            raise
        # a plugin's sys.exit() must not end the run with its own message and status
        except (Exception, SystemExit) as exc:
            raise PluginError(f"plugin {spec} failed to import: "
                              f"{type(exc).__name__}: {exc}") from None

    def validate(self) -> None:
        """pluggy's ``check_pending``, with an error that gives the plugin's registered name and
        the closest hook name (a misspelled hook is the usual cause)."""
        callers = {n: c for n, c in vars(self.hook).items() if isinstance(c, pluggy.HookCaller)}
        known = [n for n, c in callers.items() if c.has_spec()]
        for name, caller in callers.items():
            if caller.has_spec():
                continue
            for impl in caller.get_hookimpls():
                if not impl.optionalhook:
                    plugin = self.get_name(impl.plugin) or repr(impl.plugin)
                    raise PluginError(f"plugin {plugin}: unknown hook "
                                      f"'{name}'{closest(name, known)}")

    # ---- typed façade --------------------------------------------------------------------

    def _collect(self, hook: Any, valid: Callable[[Any], bool], what: str) -> list[tuple[str, Any]]:
        """Call a contribution hook plugin by plugin, so results keep the plugin's name; each
        item must pass ``valid`` (it is ``what``), or the plugin is named in a one-line error."""
        out: list[tuple[str, Any]] = []
        # registration order, so that a later plugin's contribution can replace a built-in one
        for impl in hook.get_hookimpls():
            name = self.get_name(impl.plugin) or repr(impl.plugin)
            try:
                # the built-ins are trusted not to hang: no thread for each of them
                items = impl.function() if name in BUILTIN_PLUGINS else bounded(
                    f"plugin {name}: {hook.name}", impl.function,
                    self._timeouts.get(name, self.timeout))
            except PluginError:
                raise
            except Exception as exc:
                raise PluginError(f"plugin {name}: {hook.name} raised "
                                  f"{type(exc).__name__}: {exc}") from None
            if not isinstance(items, (list, tuple)):
                raise PluginError(f"plugin {name}: {hook.name} must return a list, "
                                  f"not {type(items).__name__}")
            for item in items:
                if not valid(item):
                    raise PluginError(
                        f"plugin {name}: {hook.name} returned {item!r:.60}, not {what}")
                out.append((name, item))
        return out

    @property
    def registry(self) -> Registry:
        """Every rule of every plugin, by code."""
        if self._registry is None:
            from newslint.registry import RegistryError
            from newslint.rule import Rule

            try:
                self._registry = Registry(self._collect(
                    self.hook.newslint_register_rules,
                    lambda r: isinstance(r, type) and issubclass(r, Rule), "a Rule subclass"))
            except RegistryError as exc:
                raise PluginError(str(exc)) from None
        return self._registry

    @property
    def readers(self) -> dict[str, Reader]:
        """Readers by suffix; a later plugin's reader replaces a built-in one."""
        if self._readers is None:
            from newslint.readers.base import Reader

            self._readers = {}
            for _, reader in self._collect(self.hook.newslint_register_readers,
                                           lambda r: isinstance(r, Reader), "a Reader instance"):
                for suffix in reader.suffixes:
                    self._readers[suffix.lower()] = reader
        return self._readers

    @property
    def reporters(self) -> dict[str, type[Reporter]]:
        """Reporter classes by ``--format`` name."""
        if self._reporters is None:
            from newslint.reporters.base import Reporter

            self._reporters = {r.name: r for _, r in self._collect(
                self.hook.newslint_register_reporters,
                lambda r: isinstance(r, type) and issubclass(r, Reporter), "a Reporter subclass")}
        return self._reporters


def _plugin_code(module: ModuleType, spec: str) -> list[str]:
    """The Python files a local plugin's code may be in: those of its folder (a file plugin's)
    or of its top package (a dotted one's), and of the packages inside it. Whatever imported
    them first, and whenever (a helper imported inside a rule's ``check``), an edit to one of
    them is an edit to the plugin."""
    top = module if _is_path(spec) else sys.modules.get(spec.split(".")[0], module)
    file = getattr(top, "__file__", None)
    if not isinstance(file, str):
        return []
    found: list[str] = []
    folders = [Path(file).parent]
    while folders:
        folder = folders.pop()
        with contextlib.suppress(OSError):
            for entry in sorted(folder.iterdir()):
                if entry.suffix == ".py" and entry.is_file():
                    found.append(str(entry))
                elif entry.is_dir() and (entry / "__init__.py").is_file():
                    folders.append(entry)  # a package of its own, not a folder of articles
    return sorted(found)


def local_plugin_name(spec: str, base: Path) -> str:
    """The name the local plugin ``spec`` of the configuration in ``base`` is registered under:
    a file's full path (two folders may each have their own "house.py"), or the module name."""
    return str((base / spec).resolve()) if _is_path(spec) else spec


def is_local_plugin(name: str) -> bool:
    """Whether the plugin registered as ``name`` came from a configuration's ``plugins``."""
    return name in _LOCAL_FILES


def local_plugin_files(spec: str, base: Path) -> list[str]:
    """The Python files of the local plugin ``spec`` (as the configuration in ``base`` names
    it; see :func:`_plugin_code`); empty when it is not loaded."""
    return _LOCAL_FILES.get(local_plugin_name(spec, base), [])


def _is_path(spec: str) -> bool:
    return spec.endswith(".py") or "/" in spec or os.sep in spec


def get_plugin_manager(blocked: Iterable[str] = (), autoload: bool = True) -> PluginManager:
    """A manager with the built-in plugins and (unless disabled) the entry-point plugins."""
    pm = PluginManager()
    blocked = list(blocked)
    pm.load_builtins(blocked)
    if autoload:
        pm.load_entry_points(blocked)
    pm.validate()
    return pm
