"""``--format concise``: one plain line per violation, ``path:line:col: CODE message``."""

from __future__ import annotations

from newslint.engine import FileResult
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter, shown_message, shown_path
from newslint.violation import Violation


def violation_line(result: FileResult, violation: Violation) -> str:
    loc = Location.of(violation, result.document)
    message = shown_message(violation)
    return f"{shown_path(result)}:{loc.line}:{loc.column}: {violation.code} {message}"


class ConciseReporter(Reporter):
    name = "concise"
    description = "one line per violation, no colour"

    def report(self, result: FileResult) -> None:
        for v in result.violations:
            self.write(violation_line(result, v))


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [ConciseReporter]
