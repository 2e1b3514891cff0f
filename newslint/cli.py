"""The ``newslint`` command: a thin layer over the engine, the registry and the reporters."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from newslint import __version__
from newslint.config import ConfigError
from newslint.manager import PluginError, PluginManager, get_plugin_manager
from newslint.violation import Severity

EXIT_ERROR = 2


def fail(message: str) -> NoReturn:
    """Print one error line and exit 2."""
    click.echo(f"newslint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _codes(values: tuple[str, ...]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def _manager(disabled: tuple[str, ...] = ()) -> PluginManager:
    try:
        return get_plugin_manager(blocked=disabled)
    except PluginError as exc:
        fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """newslint: a linter for news copy."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file instead of searching for the nearest one.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (replaces the configured set).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to add.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option("--format", "fmt", default="text", show_default=True, help="Output format (see --help-formats).")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are violations.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="The lowest severity that makes the exit status 1 (default: warning).")
@click.option("--statistics", is_flag=True, help="Count the violations of each rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print violations only, no summary.")
@click.option("--stdin-filename", help="The file name to report (and pick a reader by) for '-'.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: on a terminal, unless NO_COLOR).")
@click.option("--show-source/--no-show-source", default=None, help="Show the source line under each violation.")
@click.option("--disable-plugin", "disabled", multiple=True, help="Do not load this plugin.")
@click.option("--help-formats", is_flag=True, help="List the output formats and exit.")
def check(paths: tuple[str, ...], config_file: Path | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fmt: str,
          output_file: Path | None, exit_zero: bool, fail_on: str | None, statistics: bool,
          quiet: bool, stdin_filename: str | None, color: bool | None, show_source: bool | None,
          disabled: tuple[str, ...], help_formats: bool) -> None:
    """Lint articles: files, folders (recursively) and '-' for standard input."""
    from newslint.engine import Options, Session

    pm = _manager(disabled)
    if help_formats:
        for name, reporter in sorted(pm.reporters.items()):
            click.echo(f"{name:<10} {reporter.description}")
        return
    reporter_cls = pm.reporters.get(fmt)
    if reporter_cls is None:
        fail(f"unknown format '{fmt}' (choose from {', '.join(sorted(pm.reporters))})")
    if config_file is not None and not config_file.is_file():
        fail(f"{config_file}: configuration file not found")
    options = Options(
        config_file=config_file,
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        fail_on=Severity.parse(fail_on) if fail_on else None,
        stdin_filename=stdin_filename,
    )
    session = Session(pm, options)
    stdin_text = None
    if "-" in paths:
        data = sys.stdin.buffer.read()
        try:
            stdin_text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            fail(f"{stdin_filename or '-'}: not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}")
    stream: Any = open(output_file, "w", encoding="utf-8") if output_file else sys.stdout
    try:
        is_tty = stream.isatty()
        use_color = color if color is not None else is_tty and not os.environ.get("NO_COLOR")
        reporter = reporter_cls(stream, color=use_color,
                                show_source=show_source if show_source is not None else is_tty,
                                statistics=statistics, quiet=quiet)
        reporter.start()
        for result in session.run(list(paths) or ["."], stdin_text):
            if result.error:
                click.echo(f"newslint: error: {result.path}: {result.error}", err=True)
            for v in result.internal_errors:
                click.echo(f"newslint: error: {result.path}: {v.message}", err=True)
            reporter.report(result)
        reporter.finish(session)
    except (ConfigError, PluginError) as exc:
        fail(str(exc))
    finally:
        if output_file:
            stream.close()
        session.finish()
    status = session.exit_status(exit_zero)
    pm.hook.newslint_session_finish(session=session, exitstatus=status)
    sys.exit(status)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule: code, name, family, default severity, on by default."""
    import inspect
    import json

    registry = _manager().registry
    rows = []
    for code, rule in sorted(registry.rules.items()):
        try:
            source = f"{inspect.getsourcefile(rule)}:{inspect.getsourcelines(rule)[1]}"
        except (OSError, TypeError):
            source = registry.sources[code]
        rows.append({"code": code, "name": rule.name, "family": rule.family(),
                     "severity": str(rule.severity), "default": rule.default_enabled,
                     "fixable": rule.fixable, "plugin": registry.sources[code], "source": source})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{'code':<8} {'name':<28} {'family':<10} {'severity':<8} {'default':<7} fix")
    for r in rows:
        click.echo(f"{r['code']:<8} {r['name']:<28} {r['family']:<10} {r['severity']:<8} "
                   f"{'on' if r['default'] else 'off':<7} {'yes' if r['fixable'] else ''}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule: why it matters, with an example of bad and good copy."""
    from newslint.config import closest

    registry = _manager().registry
    rule = registry.rules.get(code.upper())
    if rule is None:
        fail(f"unknown rule code '{code}'{closest(code.upper(), registry.rules)}")
    click.echo(f"# {rule.name} ({rule.code})\n")
    click.echo(f"From the **{rule.family()}** rules ({registry.sources[rule.code]}); "
               f"default severity {rule.severity}, {'on' if rule.default_enabled else 'off'} by default.")
    click.echo("A safe fix is available.\n" if rule.fixable else "")
    click.echo(rule.explanation())
    if rule.options:
        click.echo("\n## Options\n")
        for name, default in rule.options.items():
            click.echo(f"- `{name}` (default: `{default!r}`)")


INIT_TEMPLATE = '''\
# newslint configuration. Every key is optional; the values shown are the defaults.
# Reference: https://github.com/newslint/newslint#configuration

# Locale that spelling and style rules check against: "en-US" or "en-GB".
locale = "{locale}"

# Rules to run, by code or prefix ("ALL" for every rule). Leave out to run the defaults.
# select = ["ST", "SP", "HL", "QT"]
# extend-select = []
# ignore = []

# The lowest severity that makes `newslint check` exit with status 1.
fail-on = "warning"

# Files that `newslint check FOLDER` lints, and what it skips.
include = ["*.md", "*.markdown", "*.html", "*.htm", "*.txt"]
# extend-exclude = ["archive/**"]

# Severity per rule code or prefix: "error", "warning" or "info".
[severity]
# ST002 = "info"

# Options of individual rules (see `newslint explain CODE`).
[rules.ST001]
# words that may legitimately repeat
# allow = ["had", "that", "is", "was", "do", "very", "really", "many"]

# Different settings for some paths (globs relative to this file).
# [[overrides]]
# paths = ["opinion/**"]
# ignore = ["ST002"]
'''


@main.command()
@click.option("--locale", type=click.Choice(["en-US", "en-GB"]), default="en-US", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite an existing .newslint.toml.")
def init(locale: str, force: bool) -> None:
    """Write a commented .newslint.toml in the current folder."""
    target = Path(".newslint.toml")
    if target.exists() and not force:
        fail(f"{target} already exists (use --force to overwrite it)")
    target.write_text(INIT_TEMPLATE.format(locale=locale), encoding="utf-8")
    click.echo(f"Wrote {target}")
