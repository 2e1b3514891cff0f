"""``--format tsv``: one tab-separated line per violation, for spreadsheets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint import hookimpl
from newslint.reporters.base import Location, Reporter

if TYPE_CHECKING:
    from newslint.engine import FileResult


class TsvReporter(Reporter):
    name = "tsv"
    description = "tab-separated: path, line, column, code, message"

    def start(self) -> None:
        self.write("path\tline\tcolumn\tcode\tmessage")

    def report(self, result: FileResult) -> None:
        for v in result.violations:
            loc = Location.of(v, result.document)
            self.write(f"{result.path}\t{loc.line}\t{loc.column}\t{v.code}\t{v.message}")


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [TsvReporter]
