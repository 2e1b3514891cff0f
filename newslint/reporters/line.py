"""``--format line``: Vale's line output, ``path:line:col:Rule:message``, one line per violation.

Rules from a Vale style are named ``Style.Rule`` as Vale names them, so a run over a Vale
configuration prints what ``vale --output=line`` prints.
"""

from __future__ import annotations

from newslint.engine import FileResult
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter, shown_message, shown_path


class LineReporter(Reporter):
    name = "line"
    description = "Vale's line format: path:line:col:Rule:message"

    def report(self, result: FileResult) -> None:
        path = shown_path(result)
        for v in result.violations:
            loc = Location.of(v, result.document)
            self.write(f"{path}:{loc.line}:{loc.column}:{v.code}:{shown_message(v)}")


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [LineReporter]
