"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

One line per violation::

    ::warning file=news/fire.md,line=3,col=18,endLine=3,endColumn=25,title=ST001::"the" is repeated

The command is ``error``, ``warning`` or ``notice`` after the violation's severity. Values are
escaped as the Actions toolkit escapes them (``toCommandValue``/``escapeProperty``): in the
message ``%``, CR and LF; in properties also ``:`` and ``,``. A file that could not be read is an
``::error`` on the file.
"""

from __future__ import annotations

import re

from newslint.engine import FileResult, Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter, summary_line
from newslint.violation import Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters but the tab and the line breaks, which the runner has no escape for."""


def escape_data(text: str) -> str:
    """Escape a command's message. A control character the runner reads no escape of (a
    terminal's escape, a NUL, in an article's id or a quote of its text) is written as Python
    writes it, ``\\x1b``, so that it cannot colour or clear the log that shows the command."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _OTHER_CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def escape_property(text: str) -> str:
    """Escape a property value (``file``, ``title``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """``::name key=value,...::message`` with every part escaped."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    head = f"{name} {props}" if props else name
    return f"::{head}::{escape_data(message)}"


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations (::error / ::warning / ::notice)"

    def report(self, result: FileResult) -> None:
        if result.error is not None:
            self.write(command("error", result.error, file=result.path, title="newslint"))
            return
        for v in result.violations:
            loc = Location.of(v, result.document)
            self.write(command(COMMANDS[v.severity], v.message, file=result.path, line=loc.line,
                               col=loc.column, endLine=loc.end_line, endColumn=loc.end_column,
                               title=v.code))

    def finish(self, session: Session) -> None:
        if not self.quiet:
            self.write(summary_line(session))


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [GithubReporter]
