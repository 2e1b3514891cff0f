"""Every hook newslint calls, in one place.

Plugins implement these with the :data:`hookimpl` marker, as built-in rules, readers and
reporters do; outside plugins are found through the ``newslint`` entry-point group or named in
``plugins = [...]`` in the configuration. Hooks are always called with keyword arguments, so a
plugin may accept only the arguments it needs, and new arguments can be added later without
breaking it.

The order in which plugins are loaded:

1. plugins blocked by ``disable-plugins`` in the configuration or ``--disable-plugin`` are skipped;
2. the built-in plugins (:data:`newslint.manager.BUILTIN_PLUGINS`);
3. entry points in the ``newslint`` group, unless ``NEWSLINT_DISABLE_PLUGIN_AUTOLOAD`` is set;
4. the ``plugins`` named in the configuration (dotted module names or paths to ``.py`` files);
5. every hook implementation is validated against these specifications; an unknown hook name is an
   error that names the plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from newslint.config import Config, PluginSchema
    from newslint.document import Document
    from newslint.engine import Session
    from newslint.manager import PluginManager
    from newslint.readers.base import Reader
    from newslint.reporters.base import Reporter
    from newslint.rule import Rule
    from newslint.violation import Violation

PROJECT = "newslint"

hookspec = pluggy.HookspecMarker(PROJECT)
"""Marks a function of this module as a hook specification."""

hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's function as the implementation of a hook of the same name."""


# -------------------------------------------------------------------------
# Initialization hooks
# -------------------------------------------------------------------------


@hookspec(historic=True)
def newslint_addhooks(pluginmanager: PluginManager) -> None:
    """Add new hook specifications, for plugins that offer hooks of their own.

    :param pluginmanager: The newslint plugin manager; call
        ``pluginmanager.add_hookspecs(module)`` with a module of ``@hookspec`` functions.
    :returns: Nothing.

    Called once, when the plugin is registered. The hook is historic: a plugin registered later
    still gets the call.

    Use in plugins
    --------------
    Implement it in the plugin module that defines the new specifications.
    """


@hookspec(historic=True)
def newslint_add_config(schema: PluginSchema) -> None:
    """Declare the configuration keys of a plugin, under ``[plugins.NAME]``.

    :param schema: Call ``schema.add(plugin, key, type, default, help)`` for each key; keys that
        no plugin declared are reported as unknown, with the closest valid name. A key whose
        values of that type are not all usable also takes ``problem=``, a function of the value
        that returns what is wrong with it (``"must be a positive number"``) or ``None``.
    :returns: Nothing.

    Called once when the plugin is registered, before any configuration file is validated. The
    hook is historic.

    Use in plugins
    --------------
    Declare every key your plugin reads, so that a typo in a user's configuration is caught.
    """


@hookspec(historic=True)
def newslint_configure(config: Config) -> None:
    """Set up a plugin once the configuration of a run is known.

    :param config: The effective configuration of the run (from ``--config``, or the nearest
        configuration file of the current directory).
    :returns: Nothing.

    Called once per run after every plugin is registered and before any document is read.

    Use in plugins
    --------------
    Start services, open caches or read the plugin's options here, not at import time.
    """


@hookspec
def newslint_unconfigure(config: Config) -> None:
    """Tear down what :func:`newslint_configure` set up.

    :param config: The same configuration object as given to :func:`newslint_configure`.
    :returns: Nothing.

    Called once at the end of a run, after every document was linted and reported, even when
    the run failed.

    Use in plugins
    --------------
    Stop services and flush caches here.
    """


# -------------------------------------------------------------------------
# Contribution hooks
# -------------------------------------------------------------------------


@hookspec
def newslint_register_rules() -> list[type[Rule]]:
    """Contribute rule classes.

    :returns: A list of :class:`newslint.rule.Rule` subclasses. Codes must be unique across all
        plugins; a clash is a load error naming both plugins.

    Called once per plugin manager; the results are collected into the rule registry, so that
    ``newslint rules`` and ``newslint explain`` work without linting anything.

    Use in plugins
    --------------
    Return your rule classes; give them codes with your own two- or three-letter prefix. A rule
    that wraps an outside checker with an open-ended rule set sets ``dynamic_codes = True``,
    takes a bare prefix as its code (``LT``) and reports ``PREFIX:ID`` codes
    (``LT:EN_A_VS_AN``) with ``Rule.sub_violation``; users select, ignore, re-rank and suppress
    them by prefix or in full, like any code.
    """


@hookspec
def newslint_register_readers() -> list[Reader]:
    """Contribute readers, which turn a file's text into a :class:`newslint.document.Document`.

    :returns: A list of :class:`newslint.readers.base.Reader` instances; each names the file
        suffixes it reads. A plugin's reader for a suffix takes precedence over a built-in one.

    Called once per plugin manager.

    Use in plugins
    --------------
    Add a reader for a format newslint does not know (AsciiDoc, a CMS export).
    """


@hookspec
def newslint_register_reporters() -> list[type[Reporter]]:
    """Contribute reporters, which print the violations of a run in one ``--format``.

    :returns: A list of :class:`newslint.reporters.base.Reporter` subclasses; each declares its
        ``name``, the value of ``--format`` that picks it.

    Called once per plugin manager.

    Use in plugins
    --------------
    Add an output format for your newsroom's dashboards or review tools.
    """


# -------------------------------------------------------------------------
# Per-document hooks
# -------------------------------------------------------------------------


@hookspec(firstresult=True)
def newslint_lint_document(
    document: Document, rules: list[Rule], config: Config
) -> list[Violation] | None:
    """Run the rules on one document and return their violations.

    :param document: The parsed document.
    :param rules: The rule instances selected for this document, with options and severities
        resolved from its configuration.
    :param config: The configuration that applies to the document.
    :returns: The violations, or ``None`` to let the next implementation run.

    The engine's own implementation runs every rule, turning a crash into an
    ``internal-error`` violation. Stops at the first non-``None`` result.

    Use in plugins
    --------------
    Wrap it (``@hookimpl(wrapper=True)``) to cache results or to time rules.
    """


@hookspec
def newslint_modify_violations(
    document: Document, violations: list[Violation], config: Config
) -> None:
    """See, filter, deduplicate or re-rank the violations of one document, in place.

    :param document: The parsed document.
    :param violations: The violations of every rule on the document; change the list in place.
    :param config: The configuration that applies to the document.
    :returns: Nothing.

    Called once per document after :func:`newslint_lint_document`. Inline suppressions
    (``<!-- newslint-disable CODE -->``) are applied by a built-in implementation of this hook.

    Use in plugins
    --------------
    Drop findings that duplicate your own, or adjust messages for your newsroom.
    """


# -------------------------------------------------------------------------
# Session hooks
# -------------------------------------------------------------------------


@hookspec
def newslint_session_finish(session: Session, exitstatus: int) -> None:
    """Called after every document of a run was linted and reported.

    :param session: The finished run: its files, results and errors.
    :param exitstatus: The exit status newslint is about to return.
    :returns: Nothing.

    Use in plugins
    --------------
    Write summaries or metrics of the run.
    """


def hook_names() -> list[str]:
    """The names of every hook specified here (used by tests and the docs)."""
    return [name for name, value in globals().items()
            if name.startswith("newslint_") and callable(value)]
