"""The ``newslint`` command: a thin layer over the engine, the registry and the reporters."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from collections.abc import Callable, Generator, Iterator
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from newslint import __version__
from newslint.baseline import BASELINE_FILE
from newslint.config import LOCALES, ConfigError, printable, quoted
from newslint.manager import PluginError, PluginManager, get_plugin_manager, plugin_errors
from newslint.violation import Severity

if TYPE_CHECKING:  # the engine is imported where a command needs it
    from newslint.archive import UnseenFields
    from newslint.engine import Session

EXIT_ERROR = 2
GC_THRESHOLD = 10_000
"""Allocations between two collections of the youngest generation (Python's default is 700)."""


def error(message: str) -> None:
    """Print ``message`` as one error line, however many lines the values it echoes hold."""
    click.echo(f"newslint: error: {printable(message)}", err=True)


def fail(message: str) -> NoReturn:
    """Print one error line and exit 2."""
    error(message)
    sys.exit(EXIT_ERROR)


def _reads(session: Session, file: Path, targets: list[str], archives: bool) -> bool:
    """Whether the run reads ``file``: as an article, or as an archive (named, or found in a
    folder given with ``--input-format jsonl``)."""
    if archives:
        from newslint import archive  # as the run imports it: only for archives

        return archive.finds(session, file, targets)
    return session.finds(file, targets)


def _is_stdin(file: Path) -> bool:
    """Whether standard input is ``file`` (``- < story.md``): the report would empty it, before
    an archive there is read, or after an article is."""
    if sys.stdin is None:
        return False
    try:
        return os.path.samestat(os.fstat(sys.stdin.fileno()), file.stat())
    except (OSError, ValueError):  # no descriptor (a test's stand-in), or the file went away
        return False


def _stdout_to_nowhere() -> None:
    """Point standard output (and standard error, when it is the same pipe: ``2>&1 | head``) at
    the null device: what is left to print is lost either way, and a later write, or the
    interpreter's own last flush, then does not fail again."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        out = sys.stdout.fileno()
        with contextlib.suppress(OSError, ValueError, AttributeError):  # no error stream
            if os.path.samestat(os.fstat(out), os.fstat(sys.stderr.fileno())):
                os.dup2(nowhere, sys.stderr.fileno())
        os.dup2(nowhere, out)
    finally:
        os.close(nowhere)


def _unwritable(output_file: Path | None, exc: OSError) -> NoReturn:
    """Fail on a report that could not be written (a full disk, a lost device)."""
    if output_file is None:
        _stdout_to_nowhere()
    fail(f"{output_file or 'standard output'}: cannot write the report: {exc.strerror or exc}")


@contextlib.contextmanager
def _until_the_reader_stops(then_end: bool = False) -> Iterator[None]:
    """Printing for a reader that may stop early (``newslint explain ST001 | head -1``): it has
    what it wanted, and the command ends quietly with 0 (click's own handling exits 1, which a
    script under ``set -o pipefail`` takes for a failure); with ``then_end``, at once."""
    try:
        yield
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        _stdout_to_nowhere()
        if then_end:
            raise click.exceptions.Exit(0) from None


def _say(text: str, nl: bool = True) -> None:
    """Print a line of a command's output for a reader that may stop early: the command still
    runs to its end, for its exit status (a failed rule test, an unreadable article), and what
    it prints after the reader stopped goes nowhere."""
    with _until_the_reader_stops():
        click.echo(text, nl=nl)


def _help_for_a_reader_that_stops() -> contextlib.AbstractContextManager[None]:
    """Where ``--help`` or ``--version`` is printed (``newslint check --help | head -1``): a
    reader that stops early has what it asked for, and the command ends there with 0, as the
    help would have, not with click's 1."""
    return _until_the_reader_stops(then_end=True)


def _codes(values: tuple[str, ...]) -> list[str]:
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def _manager(disabled: tuple[str, ...] = ()) -> PluginManager:
    try:
        pm = get_plugin_manager(blocked=disabled)
        # collect the contributions now, so a clash of rule codes or a crashing contribution
        # hook is one error line in every command rather than a traceback in some
        pm.registry, pm.readers, pm.reporters  # noqa: B018
    except PluginError as exc:
        fail(str(exc))
    return pm


class UsageLine(click.UsageError):
    """A usage error shown as one line, ``newslint check: error: ...``, like every other error,
    instead of click's usage, hint, blank line and message."""

    def __init__(self, message: str, ctx: click.Context | None = None,
                 command: str | None = None) -> None:
        super().__init__(message, ctx)
        self.command = command
        """The command being run, for an error click raised before its context was made
        (an option's missing value)."""

    def show(self, file: IO[Any] | None = None) -> None:
        names = []
        ctx = self.ctx
        while ctx is not None and ctx.parent is not None:  # the root is "newslint", however run
            names.append(ctx.info_name or "")
            ctx = ctx.parent
        if not names and self.command:
            names = [self.command]
        command = " ".join(["newslint", *reversed(names)])
        message = printable(self.format_message())
        click.echo(f"{command}: error: {message}", file=file, err=True)


@contextlib.contextmanager
def _usage_in_one_line(group: click.Context | None = None) -> Iterator[None]:
    try:
        yield
    except click.UsageError as exc:
        if type(exc).show is not click.UsageError.show:
            raise  # shown its own way: a UsageLine, or the help for `newslint` alone
        command = group.meta.get(_COMMAND) if group is not None else None
        raise UsageLine(exc.format_message(), exc.ctx, command) from None


_COMMAND = "newslint.command"
"""Where :class:`_Main` keeps the name of the command it runs, in its context's ``meta``."""


INTERRUPTED = 130
"""The exit status after Ctrl-C (128 + SIGINT, as shells report it)."""


class _Command(click.Command):
    """A ``newslint`` command, whose ``--help`` ends quietly for a reader that stops early."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _help_for_a_reader_that_stops():  # where the options, --help among them, are read
            return super().make_context(*args, **kwargs)


class _Main(click.Group):
    """The ``newslint`` group, whose usage errors and its commands' are :class:`UsageLine`."""

    command_class = _Command

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        # the group's own options (--help, --version) and the command's name
        with _usage_in_one_line(), _help_for_a_reader_that_stops():
            return super().make_context(*args, **kwargs)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[_COMMAND] = name
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        with _usage_in_one_line(ctx):  # where the command parses its options and arguments
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt:
                # not click's "Aborted!" and 1, which a CI step takes for "violations found"
                click.echo("newslint: interrupted", err=True)
                ctx.exit(INTERRUPTED)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """newslint: a linter for news copy."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this configuration file instead of searching for the nearest one.")
@click.option("--select", multiple=True,
              help="Rule codes or prefixes to run (replaces the configured set).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to add.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format (see --help-formats).")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are violations.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="The lowest severity that makes the exit status 1 (default: warning).")
@click.option("--statistics", is_flag=True, help="Count the violations of each rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print violations only, no summary.")
@click.option("--stdin-filename", help="The file name to report (and pick a reader by) for '-'.")
@click.option("--color/--no-color", default=None,
              help="Colour the output (default: on a terminal, unless NO_COLOR).")
@click.option("--show-source/--no-show-source", default=None,
              help="Show the source line under each violation.")
@click.option("--disable-plugin", "disabled", multiple=True, help="Do not load this plugin.")
@click.option("--help-formats", is_flag=True, help="List the output formats and exit.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also apply fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--changed-since", metavar="REF",
              help="Lint only articles added, modified or renamed since this git ref.")
@click.option("--add-ignore", is_flag=True,
              help=f"Record every current violation in {BASELINE_FILE}.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--force-exclude", is_flag=True,
              help="Leave out files named on the command line that the configuration excludes "
                   "(pre-commit names every staged file).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs).")
@click.option("--vale-config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Load this .vale.ini and its styles (instead of the configured vale-config).")
@click.option("--input-format", type=click.Choice(["files", "jsonl"]), default="files",
              show_default=True, help="files: articles and folders; jsonl: JSON-lines archives "
              "(.jsonl or .jsonl.gz, folders of them, '-' for standard input), one article a "
              "line.")
@click.option("--text-field", default="text", show_default=True, help="jsonl: the article's text.")
@click.option("--id-field", default="id", show_default=True,
              help="jsonl: the article's id, reported as its path.")
@click.option("--title-field", help="jsonl: the headline, put before the text as its first line.")
@click.option("--format-field", help="jsonl: a field naming each article's format.")
@click.option("--format-hint",
              help="jsonl: the format of articles without a format field, as a format field "
                   "names it: markdown, html or text (default: recognised).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where to lint: local processes, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: the scheduler (tcp://host:8786); "
                   "default: a local cluster.")
def check(paths: tuple[str, ...], config_file: Path | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fmt: str,
          output_file: Path | None, exit_zero: bool, fail_on: str | None, statistics: bool,
          quiet: bool, stdin_filename: str | None, color: bool | None, show_source: bool | None,
          disabled: tuple[str, ...], help_formats: bool, fix: bool, unsafe_fixes: bool,
          diff: bool, changed_since: str | None, add_ignore: bool, no_cache: bool,
          force_exclude: bool, jobs: int | None, vale_config: Path | None, input_format: str,
          text_field: str, id_field: str, title_field: str | None, format_field: str | None,
          format_hint: str | None, executor: str, scheduler: str | None) -> None:
    """Lint articles: files, folders (recursively) and '-' for standard input."""
    # Linting makes and drops hundreds of thousands of small objects per megabyte (tokens,
    # matches, spans) that hold no reference cycles; at the default threshold the collector
    # scans the young ones every 700 allocations: 5-7% of a run, for almost nothing.
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    from newslint import cache, parallel
    from newslint.baseline import Baseline, BaselineError
    from newslint.engine import InputError, Options, Session

    pm = _manager(disabled)
    if config_file is not None and not config_file.is_file():
        what = "is not a regular file" if config_file.exists() else "not found"
        fail(f"{config_file}: configuration file {what}")
    options = Options(
        config_file=config_file,
        select=_codes(select) or None,
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        fail_on=Severity.parse(fail_on) if fail_on else None,
        stdin_filename=stdin_filename,
        # absolute, as its StylesPath is relative to it wherever the session runs
        vale_config=vale_config.resolve() if vale_config else None,
        report_file=output_file,
    )
    archives = input_format == "jsonl"
    if archives and (fix or diff or changed_since):
        fail("--fix, --diff and --changed-since work on files, not --input-format jsonl")
    if archives and not paths:
        fail("--input-format jsonl needs an archive ('-' for standard input)")
    # without it an export.jsonl given with --text-field body was linted as one plain-text file
    field_options = _given("text_field", "id_field", "title_field", "format_field", "format_hint")
    if field_options and not archives:
        fail(f"{_need(field_options)} --input-format jsonl")
    _check_format_hint(format_hint)
    if stdin_filename is not None and not archives and paths and "-" not in paths:
        fail("--stdin-filename names standard input, which is read only when '-' is a path")
    if scheduler is not None and not scheduler.strip():
        # "--scheduler $DASK_SCHEDULER" with the variable unset asked for a cluster: a local
        # one, started in its place, would pass for it
        fail("--scheduler: the address is empty; give the scheduler's (tcp://HOST:8786), or "
             "leave the option out for a local cluster")
    if executor == "dask":
        from newslint import distributed

        if (problem := distributed.missing()) is not None:
            fail(problem)
    elif scheduler:
        fail("--scheduler needs --executor dask")
    # an archive's articles are not files to cache: millions of one-off entries would only fill
    # the cache folder
    use_cache = not no_cache and not archives and cache.register(pm)
    session = Session(pm, options)
    # --stdin-filename alone means standard input (as in ruff), not the current folder
    targets = list(paths) or (["-"] if stdin_filename is not None and not archives else ["."])
    reads_stdin = "-" in targets and not archives  # an archive there is read as a stream
    # a local plugin's format is known once the configuration that names the plugin is read:
    # the first path's (or the working folder's)
    first = Path(targets[0]) if targets[0] != "-" and not archives else Path.cwd()
    try:
        session.config_for(first if first.is_dir() else first.parent)
        reporters = pm.reporters
    except (ConfigError, PluginError) as exc:
        fail(str(exc))
    if help_formats:
        with _until_the_reader_stops():
            for name, listed in sorted(reporters.items()):
                click.echo(f"{name:<10} {listed.description}")
        return
    reporter_cls = reporters.get(fmt)
    if reporter_cls is None:
        fail(f"unknown format '{printable(fmt, 80)}' "
             f"(choose from {', '.join(sorted(reporters))})")
    if changed_since is not None:
        targets = _changed_articles(changed_since, targets, session)
    if force_exclude:
        # an archive on standard input has no name for the configuration to exclude
        kept = _not_excluded(targets, session, None if archives else stdin_filename)
        if targets and not kept:  # pre-commit's staged files, all of them excluded: no failure
            click.echo("newslint: note: nothing to lint: the configuration excludes every file "
                       "named (--force-exclude)", err=True)
        targets = kept
    baseline = None
    if not add_ignore and Path(BASELINE_FILE).is_file():
        try:
            baseline = Baseline.load(Path(BASELINE_FILE))
        except BaselineError as exc:
            fail(str(exc))
    fixer = None
    if fix or diff:
        from newslint.fixes import Fixer  # here: only --fix and --diff need it

        fixer = Fixer(session, unsafe=unsafe_fixes, write=not diff, baseline=baseline)
    stdin_text = None
    if reads_stdin:
        # an input that cannot be read is its result's error, as a file's is: the other paths
        # are still linted and reported
        if sys.stdin is None:  # started with standard input closed (cron, <&-)
            session.stdin_error = "cannot read: standard input is closed"
        else:
            try:
                stdin_text = session.read_stdin(sys.stdin.buffer)
            except ConfigError as exc:
                fail(str(exc))
            except InputError as exc:
                session.stdin_error = str(exc)
    # opening the report empties the file: an article (or archive) named, found in a folder or
    # given as standard input was lost
    try:
        is_article = output_file is not None and output_file.is_file() and (
            _reads(session, output_file, targets, archives)
            or ("-" in targets and _is_stdin(output_file)))
    except ConfigError as exc:
        fail(str(exc))
    if is_article:
        fail(f"{output_file}: is one of the articles to lint; write the report elsewhere")
    # A file name's bytes that are not UTF-8 are written as they are, as Python writes them to
    # standard output in the C.UTF-8 locale; in others (en_US.UTF-8), or to a file, they crashed
    try:
        if output_file:
            stream: Any = open(output_file, "w", encoding="utf-8", errors="surrogateescape")
        else:
            stream = sys.stdout
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="surrogateescape")
    except OSError as exc:
        fail(f"{output_file}: cannot write the report: {exc.strerror or exc}")
    results: Iterator[Any] = iter(())
    unseen_fields: list[str] = []  # the warnings of archive.UnseenFields, once the run is read
    try:
        is_tty = stream.isatty()
        use_color = color if color is not None else is_tty and not os.environ.get("NO_COLOR")
        reporter = reporter_cls(stream, color=use_color,
                                show_source=show_source if show_source is not None else is_tty,
                                statistics=statistics, quiet=quiet)
        silent = diff or add_ignore  # these print diffs or a count, not a report
        if not silent:
            reporter.start()
        workers = jobs or parallel.default_jobs()
        if archives:
            from newslint import archive

            fields = archive.Fields(text_field, id_field, title_field, format_field, format_hint)
            unseen = _unseen_fields(id_field=id_field, title_field=title_field,
                                    format_field=format_field)
            unseen_fields = unseen.warnings
            results = archive.run(session, targets, fields, workers, blocked=disabled,
                                  executor=executor, scheduler=scheduler, unseen=unseen)
        elif executor == "dask":
            results = distributed.run_files(session, targets, stdin_text, scheduler,
                                            blocked=disabled, cache=use_cache, workers=jobs)
        else:
            from newslint.spool import ResultSpool

            session.results = ResultSpool()  # type: ignore[assignment]
            results = parallel.run(session, targets, stdin_text, workers, blocked=disabled,
                                   cache=use_cache)
        if executor == "dask":
            results = _on_the_scheduler(results)
        for result in results:
            if result.error:
                error(f"{quoted(result.path)}: {result.error}")
            for v in result.internal_errors:
                error(f"{quoted(result.path)}: {v.message}")
            if baseline is not None:
                baseline.subtract(result)
            if fixer is not None:
                fixer.process(result)
            if not silent:
                reporter.report(result)
        # once per run, after every configuration is loaded, and not as violations: these
        # rules did not run, and a report of zero hits would otherwise pass for a clean file
        for code, reason in session.skipped_vale_rules().items():
            click.echo(f"newslint: note: skipped Vale rule {code}: {reason}", err=True)
        _warn(unseen_fields)
        if diff and fixer is not None:
            fixer.print_diffs(stream)
        elif not silent:
            reporter.finish(session)
        stream.flush()  # here, where a full disk is an error line, not at exit
    except (ConfigError, PluginError, parallel.WorkerLost) as exc:
        fail(str(exc))
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            _unwritable(output_file, exc)
        # a reader that stopped early (`| head`): the run ends there, quietly, with the exit
        # status of what it linted (click's own handling exited 1, even with --exit-zero)
        if output_file is None:
            _stdout_to_nowhere()
    finally:
        if isinstance(results, Generator):
            # a run stopped early (a closed pipe, a configuration error) keeps the result it was
            # printing, which counts for the exit status as those before it do, and its workers
            # are shut down here rather than whenever the generator is collected
            results.close()
        if output_file:
            with contextlib.suppress(OSError):  # reported above
                stream.close()
        try:
            session.finish()
        except PluginError as exc:
            fail(str(exc))
    status = session.exit_status(exit_zero)
    if add_ignore:
        file = Path(BASELINE_FILE)
        try:
            recorded = Baseline.load(file) if file.is_file() else Baseline(Path.cwd())
        except BaselineError as exc:
            fail(str(exc))
        count = recorded.record(session.results, partial(_codes_run, session))
        try:
            recorded.save(file)
        except OSError as exc:
            fail(f"{BASELINE_FILE}: cannot write: {exc.strerror or exc}")
        noun = "violation" if count == 1 else "violations"
        click.echo(f"Recorded {count} {noun} in {BASELINE_FILE}.", err=True)
        status = 2 if status == 2 else 0
    if fixer is not None:
        for line in fixer.failed:
            error(line)
        for line in fixer.notices():
            click.echo(f"newslint: warning: {printable(line)}", err=True)
        if fixer.failed:
            status = 2
        if not quiet:
            remaining = sum(len(r.violations) for r in session.results)
            click.echo(fixer.summary(remaining), err=True)
        if diff and status != 2:
            status = 1 if fixer.diffs and not exit_zero else 0
    try:
        with plugin_errors("newslint_session_finish"):
            pm.hook.newslint_session_finish(session=session, exitstatus=status)
    except PluginError as exc:
        fail(str(exc))
    sys.exit(status)


def _on_the_scheduler(results: Iterator[Any]) -> Iterator[Any]:
    """A Dask run's ``results``; a bad ``--scheduler`` is one error line, and not taken for a
    report that could not be written (the connection's ``OSError``)."""
    from newslint.distributed import SchedulerError

    try:
        yield from results
    except SchedulerError as exc:
        fail(str(exc))


def _changed_articles(ref: str, paths: list[str], session: Any) -> list[str]:
    """The articles under ``paths`` that changed since ``ref`` (see :mod:`newslint.gitchanges`)."""
    from newslint import gitchanges

    try:
        changed = gitchanges.restrict(gitchanges.changed_files(ref), paths)
        return gitchanges.articles(changed, session.config_for)
    except (gitchanges.GitError, ConfigError) as exc:
        fail(str(exc))


def _codes_run(session: Any, result: Any) -> set[str]:
    """The codes of the rules ``session`` ran on the file of ``result``."""
    file = Path(result.path)
    config = session.config_for(file.parent)
    return {rule.code for rule in session.rules_for(config, config.overrides_for(file))}


def _not_excluded(paths: list[str], session: Any, stdin_filename: str | None) -> list[str]:
    """``paths`` without the files that the configuration of their folder excludes (folders are
    walked with it anyway); standard input goes too when ``--stdin-filename`` names such a file,
    as an editor calls newslint for the buffer of an excluded article."""

    def excluded(name: str) -> bool:
        return session.config_for(Path(name).parent).is_excluded(Path(name))

    try:
        return [p for p in paths
                if (p == "-" and not (stdin_filename and excluded(stdin_filename)))
                or (p != "-" and (Path(p).is_dir() or not excluded(p)))]
    except ConfigError as exc:
        fail(str(exc))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_until_the_reader_stops()
def rules(fmt: str) -> None:
    """List every rule: code, name, family, default severity, on by default."""
    import inspect
    import json

    rules, sources = _rules_here()
    rows = []
    for code, rule in sorted(rules.items()):
        try:
            source = f"{inspect.getsourcefile(rule)}:{inspect.getsourcelines(rule)[1]}"
        except (OSError, TypeError):
            source = sources[code]
        rows.append({"code": code, "name": rule.name, "family": rule.family(),
                     "severity": str(rule.severity), "default": rule.default_enabled,
                     "fixable": rule.fixable, "plugin": sources[code], "source": source})
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    # columns as wide as their longest value: "organisation-named-several-ways" ran into the next
    code_w, name_w, family_w = (max([len(title), *(len(str(r[title])) for r in rows)])
                                for title in ("code", "name", "family"))
    click.echo(f"{'code':<{code_w}} {'name':<{name_w}} {'family':<{family_w}} {'severity':<8} "
               f"{'default':<7} fix")
    for r in rows:
        click.echo(f"{r['code']:<{code_w}} {r['name']:<{name_w}} {r['family']:<{family_w}} "
                   f"{r['severity']:<8} {'on' if r['default'] else 'off':<7} "
                   f"{'yes' if r['fixable'] else ''}")


def _rules_here() -> tuple[dict[str, Any], dict[str, str]]:
    """Every rule ``newslint check`` knows in the current folder, by code, and where each comes
    from: the plugins' and those the configuration here adds (local plugins, ``[[rules.custom]]``,
    a preset, Vale styles)."""
    from newslint.engine import Session

    pm = _manager()
    session = Session(pm)
    try:
        config = session.config_for(Path.cwd())  # loads its local plugins too
    except (ConfigError, PluginError) as exc:
        # a configuration being fixed is where one reads about rules most
        click.echo(f"newslint: warning: {printable(str(exc))}; the rules of the configuration "
                   "here are left out", err=True)
        # a new manager: this one may hold the configuration's broken plugin, registered before
        # its hooks were found to return the wrong thing
        pm = _manager()
        return dict(pm.registry.rules), dict(pm.registry.sources)
    try:
        registry = pm.registry
        hidden = session.hidden_codes(config)
        where = str(config.path) if config.path else "the configuration"
        return ({code: rule for code, rule in {**registry.rules, **config.custom_rules}.items()
                 if code not in hidden},
                {**registry.sources, **dict.fromkeys(config.custom_rules, where)})
    finally:
        try:
            session.finish()  # plugins that set up for the configuration tear down
        except PluginError as exc:
            fail(str(exc))


@main.command()
@click.argument("code")
@_until_the_reader_stops()
def explain(code: str) -> None:
    """Explain a rule: why it matters, with an example of bad and good copy."""
    from newslint.config import closest

    rules, sources = _rules_here()
    rule = rules.get(code.upper()) or next(
        (r for c, r in rules.items() if c.upper() == code.upper()), None)
    if rule is None:
        hint = closest(code.upper(), rules)
        fail(f"unknown rule code '{printable(code, 80)}'{hint}")
    click.echo(f"# {rule.name} ({rule.code})\n")
    click.echo(f"From the **{rule.family()}** rules ({sources[rule.code]}); "
               f"default severity {rule.severity}, "
               f"{'on' if rule.default_enabled else 'off'} by default.")
    click.echo("A safe fix is available.\n" if rule.fixable else "")
    click.echo(rule.explanation())
    if rule.options:
        click.echo("\n## Options\n")
        for name, default in rule.options.items():
            click.echo(f"- `{name}` (default: `{_option_value(default)}`)")


def _option_value(value: object) -> str:
    """An option's default as it is written in ``.newslint.toml`` (``true``, ``["had"]``), not
    as Python writes it (``True``, ``['had']``), which TOML does not read."""
    from newslint.declarative.importer import toml_value

    try:
        return toml_value(value)
    except TypeError:  # a plugin's default TOML has no form for (None, say)
        return repr(value)


INIT_TEMPLATE = '''\
# newslint configuration. Every key is optional; the values shown are the defaults.
# Reference: https://github.com/newslint/newslint#configuration

# Locale that spelling and style rules check against: "en-US", "en-GB" or "en-GB-oxendict"
# (Oxford spelling: British, with -ize).
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
# allow = {allow}

# Different settings for some paths (globs relative to this file).
# [[overrides]]
# paths = ["opinion/**"]
# ignore = ["ST002"]
'''


def _write(target: Path, text: str) -> None:
    """Write ``text`` to ``target``; one error line when it cannot be written."""
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"{target}: cannot write: {exc.strerror or exc}")


@main.command()
@click.option("--locale", type=click.Choice(LOCALES), default="en-US", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite an existing .newslint.toml.")
def init(locale: str, force: bool) -> None:
    """Write a commented .newslint.toml in the current folder."""
    target = Path(".newslint.toml")
    if target.exists() and not force:
        fail(f"{target} already exists (use --force to overwrite it)")
    from newslint.rules.style import RepeatedWord

    # the whole default list: a shortened one, uncommented, would drop the rest
    allow = _option_value(RepeatedWord.options["allow"])
    _write(target, INIT_TEMPLATE.format(locale=locale, allow=allow))
    _say(f"Wrote {target}")


@main.command()
def lsp() -> None:
    """Run the language server on standard input and output (for editors)."""
    import importlib.util

    # checked before importing the server, so a missing extra is one line, not a traceback
    missing = [m for m in ("pygls", "lsprotocol") if importlib.util.find_spec(m) is None]
    if missing:
        fail(f"the language server needs {' and '.join(missing)}: "
             "pip install 'newslint[lsp]'")
    from newslint.lsp import serve

    serve()


def _config_here(config_file: Path | None) -> Any:
    from newslint.config import Config

    path = config_file or Config.discover(Path.cwd())
    if path is None:
        fail("no configuration found (.newslint.toml or [tool.newslint]); use --config")
    try:
        return Config.load(path)
    except ConfigError as exc:
        fail(str(exc))


def _archive_fields(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say how to read the articles of a JSON-lines archive, for the commands
    other than ``check`` that read archives (``test-rules --against``, ``train``)."""
    options = [
        click.option("--text-field", default="text", show_default=True,
                     help="JSON-lines archives: the article's text."),
        click.option("--title-field",
                     help="JSON-lines archives: the headline, put before the text."),
        click.option("--format-field",
                     help="JSON-lines archives: a field naming each article's format."),
        click.option("--format-hint",
                     help="JSON-lines archives: the format of articles without a format field: "
                          "markdown, html or text (default: recognised)."),
    ]
    for option in reversed(options):  # as stacked decorators apply, the last first
        command = option(command)
    return command


@main.command("test-rules")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The configuration whose [[rules.custom]] to test (default: the nearest).")
@click.option("--against", type=click.Path(exists=True, path_type=Path),
              help="Report how often each custom rule fires on the articles under this path: "
                   "files, and JSON-lines archives (.jsonl or .jsonl.gz).")
@_archive_fields
def test_rules(config_file: Path | None, against: Path | None, text_field: str,
               title_field: str | None, format_field: str | None,
               format_hint: str | None) -> None:
    """Run the custom rules' inline tests, or measure them on an archive with --against."""
    from newslint.archive import Fields
    from newslint.declarative import selftest

    field_options = _given("text_field", "title_field", "format_field", "format_hint")
    if field_options and against is None:
        fail(f"{_need(field_options)} --against")
    _check_format_hint(format_hint)
    config, pm = _config_here(config_file), _manager()
    if not config.custom_rules:
        fail("the configuration defines no custom rules")
    if against is not None:
        fields = Fields(text_field, title=title_field, format=format_field, hint=format_hint)
        unseen = _unseen_fields(title_field=title_field, format_field=format_field)
        found = selftest.fire_rates(pm, config, against, fields, unseen)
        for problem in found.unreadable:  # as newslint check names them, and on to the next
            error(problem)
        total = found.articles
        if not total:  # a table of noughts would read as rules that never fire
            fail(f"{printable(str(against))}: no articles found (looked for "
                 f"{' '.join(config.include)}, *.jsonl and *.jsonl.gz)")
        _say(f"{'code':<22} {'articles':>9} {'share':>7} {'hits':>6}")
        for code, (files, hits) in found.rates.items():
            share = files / total
            flag = "  too broad?" if share > selftest.TOO_BROAD else ""
            _say(f"{code:<22} {files:>9} {share:>6.1%} {hits:>6}{flag}")
        _say(f"{total} article{'s' if total != 1 else ''}")
        _warn(unseen.warnings)
        sys.exit(EXIT_ERROR if found.unreadable else 0)
    failed = ran = 0
    for outcome in selftest.run_tests(pm, config):
        ran += 1
        if not outcome.passed:
            failed += 1
            why = outcome.errors[0] if outcome.errors else \
                f"expected {outcome.expected}, got {outcome.got}"
            _say(f"FAIL {outcome.code} test {outcome.index}: {why}")
    _say(f"{ran - failed} of {ran} rule tests passed.")
    sys.exit(1 if failed else 0)


@main.command("import-vale")
@click.argument("style_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the TOML to this file instead of standard output.")
def import_vale(style_dir: Path, output: Path | None) -> None:
    """Write a Vale style's YAML rules as [[rules.custom]] TOML."""
    from newslint.declarative.importer import style_to_toml
    from newslint.declarative.vale import ValeError

    try:
        text = style_to_toml(style_dir)
    except ValeError as exc:
        fail(str(exc))
    if output is None:
        _say(text, nl=False)
    else:
        _write(output, text)
        _say(f"Wrote {output}")


def _given(*names: str) -> list[str]:
    """The options among ``names`` (as parameters are named) given on the command line, as
    they are written there."""
    source = click.get_current_context().get_parameter_source
    return [f"--{name.replace('_', '-')}" for name in names
            if source(name) is not click.core.ParameterSource.DEFAULT]


def _unseen_fields(**fields: str | None) -> UnseenFields:
    """An :class:`~newslint.archive.UnseenFields` watching for the fields of ``fields`` (by
    parameter name: ``title_field="headline"``) given on the command line: a default (the
    default ``--id-field id``) is no claim that the records have it."""
    from newslint.archive import UnseenFields

    given = _given(*fields)
    named = {f"--{name.replace('_', '-')}": value for name, value in fields.items()}
    return UnseenFields({option: value for option, value in named.items()
                         if option in given and value is not None})


def _warn(lines: list[str]) -> None:
    """Print ``lines`` as warnings, one line each, after a command's output."""
    for line in lines:
        click.echo(f"newslint: warning: {printable(line)}", err=True)


def _need(options: list[str]) -> str:
    """``--a needs`` or ``--a, --b need``, to open an error saying what they need."""
    return f"{', '.join(options)} {'needs' if len(options) == 1 else 'need'}"


def _check_format_hint(format_hint: str | None) -> None:
    """Exit with an error unless ``format_hint`` is none or a format a format field names."""
    if format_hint is not None:
        from newslint.archive import FORMATS  # the values a format field takes, and no others

        if format_hint.lower() not in FORMATS:
            fail(f"--format-hint: unknown format '{format_hint}' "
                 f"(choose from {', '.join(sorted(FORMATS))})")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("newsroom.model"), show_default=True, help="The model file to write.")
@click.option("--no-base", is_flag=True,
              help="Learn from these articles alone instead of adding them to the shipped model.")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="Drop words and word sequences seen fewer times than this.")
@_archive_fields
def train(paths: tuple[Path, ...], output: Path, no_base: bool, min_count: int, text_field: str,
          title_field: str | None, format_field: str | None, format_hint: str | None) -> None:
    """Learn the real-word model (SP102) from a newsroom's archive: files or folders of articles,
    and JSON-lines exports (.jsonl or .jsonl.gz, one article a line), named or in the folders.

    Point `[rules.SP102] model` at the file it writes.
    """
    from newslint.archive import Fields, NotAnArticle
    from newslint.config import Config
    from newslint.engine import InputError, read_article
    from newslint.ngram import MAGIC
    from newslint.train import ARCHIVE_SUFFIXES, archive_articles, is_archive, iter_articles
    from newslint.train import train as train_model

    _check_format_hint(format_hint)
    # the readers `check` has, plugins' included, so the counts are of the text it will lint
    readers = _manager().readers
    files = list(iter_articles(paths, readers))
    # with no archive named or in a folder, --text-field body given with a folder of articles
    # would be dropped in silence
    field_options = _given("text_field", "title_field", "format_field", "format_hint")
    if field_options and not any(is_archive(file) for file in files):
        fail(f"{_need(field_options)} a JSON-lines archive (.jsonl or .jsonl.gz) among the paths")
    if not files:  # before the shipped model is read and built again, which takes seconds
        looked = " ".join(f"*{suffix}" for suffix in (*readers, *ARCHIVE_SUFFIXES))
        fail(f"{', '.join(printable(str(p)) for p in paths)}: no articles found (looked for "
             f"{looked})")
    if output.resolve() in {file.resolve() for file in files}:
        fail(f"{output}: is one of the articles to learn from; write the model elsewhere")
    if output.is_file() and not output.read_bytes()[:8] == MAGIC[:8]:
        fail(f"{output}: is there and is no newslint model; not overwritten")
    unreadable = 0
    max_size = Config().max_file_size
    # the headline goes before the text as check puts it, so the body learnt from is the one
    # it lints (the text's first line would otherwise be taken for a headline)
    fields = Fields(text_field, title=title_field, format=format_field, hint=format_hint)
    unseen = _unseen_fields(title_field=title_field, format_field=format_field)

    def articles() -> Iterator[tuple[str, str]]:
        nonlocal unreadable
        for file in files:
            if is_archive(file):
                for article in archive_articles(file, fields, max_size, readers, unseen):
                    if isinstance(article, NotAnArticle):  # as newslint check names it
                        error(f"{quoted(article.name)}: {article}")
                        unreadable += 1
                    else:
                        yield str(article.path), article.text
                continue
            try:
                yield str(file), read_article(file, max_size)
            except InputError as exc:  # as newslint check would say it, and on to the next
                error(f"{file}: {exc}")
                unreadable += 1

    try:
        model, read = train_model(articles(), output, readers, base=not no_base,
                                  min_count=min_count)
    except OSError as exc:
        fail(f"{output}: cannot write the model: {exc.strerror or exc}")
    except ValueError as exc:
        fail(f"{output}: cannot build the model: {exc}")
    if not read:
        fail("no articles found in the given paths")
    size = output.stat().st_size / 1e6
    _say(f"Read {read} article{'s' if read != 1 else ''}; wrote {output} ({size:.2f} MB, "
         f"{model.size} words, {len(model.confusables)} with look-alikes)")
    _warn(unseen.warnings)
    if unreadable:
        sys.exit(EXIT_ERROR)


def run() -> NoReturn:
    """The ``newslint`` command: :data:`main`, then an exit that leaves freeing memory to the
    operating system.

    At shutdown the interpreter frees every object one by one; for the word lists and models
    that takes about 50 ms, more than many runs spend checking. So, as mypy does, the command
    ends the way interpreter shutdown would (exit handlers, plugins' included, then standard
    output and error flushed) and then at once. With a thread still running, or output that
    will not flush, it exits the ordinary way.
    """
    # numpy's OpenBLAS starts a thread per CPU when imported, which spins for about 0.15 s of
    # CPU time, and the rules do no linear algebra; a user's own setting wins
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        main()  # click's standalone mode always ends in SystemExit
        status: Any = 0
    except SystemExit as exc:
        status = exc.code
    if status is None:
        status = 0
    elif not isinstance(status, int):
        print(status, file=sys.stderr)  # what SystemExit("message") does
        status = 1
    import atexit
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's, since 3.0
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if run_exit_handlers is None or any(not t.daemon for t in others):
        sys.exit(status)
    run_exit_handlers()  # it also unregisters them: sys.exit below would not run them twice
    for stream in (sys.stdout, sys.stderr):
        # None without a console; closed by the language server when its client says exit
        if stream is None or stream.closed:
            continue
        try:
            stream.flush()
        except Exception:  # a closed pipe (`newslint check ... | head`): Python's own handling
            sys.exit(status)
    os._exit(status)
