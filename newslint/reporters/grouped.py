"""``--format grouped``: violations under the name of their file, for people reading a long run::

    news/fire.md
      3:18   warning  ST001  "the" is repeated
      7:4    error    QT302  quote with no speaker

    Found 2 violations (1 error, 1 warning) in 1 of 5 files.

Clean files are not listed. Positions are padded so that codes line up within a file; with
colour on (``--color``, or a terminal without ``NO_COLOR``) the path is bold and the severity
coloured.
"""

from __future__ import annotations

from newslint.engine import FileResult, Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import (
    Location,
    Reporter,
    shown_message,
    shown_path,
    summary_line,
)
from newslint.violation import Severity

_STYLE = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


class GroupedReporter(Reporter):
    name = "grouped"
    description = "for people: violations grouped under each file"

    def _paint(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.color else text

    def report(self, result: FileResult) -> None:
        if not result.violations:
            return
        rows = []
        for v in result.violations:
            loc = Location.of(v, result.document)
            rows.append((f"{loc.line}:{loc.column}", v))
        width = max(len(pos) for pos, _ in rows)
        self.write(self._paint(shown_path(result), _BOLD))
        for pos, v in rows:
            severity = self._paint(f"{v.severity!s:<7}", _STYLE[v.severity])
            self.write(f"  {pos:<{width}}  {severity}  {v.code:<6} {shown_message(v)}")
        self.write()

    def finish(self, session: Session) -> None:
        if not self.quiet:
            self.write(summary_line(session))


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [GroupedReporter]
