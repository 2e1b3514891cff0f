"""``--format text`` (the default): ``path:line:col: CODE message``, and on a terminal the
source line with a caret under the span, in colour; then a summary line."""

from __future__ import annotations

from collections import Counter

from newslint.engine import FileResult, Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import (
    Location,
    Reporter,
    shown_line,
    shown_message,
    shown_path,
    summary_line,
)
from newslint.violation import Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextReporter(Reporter):
    name = "text"
    description = "for people: location, code and message, with the source line on a terminal"

    def start(self) -> None:
        self._console = None
        if self.color or self.show_source:
            from rich.console import Console

            self._console = Console(file=self.stream, force_terminal=self.color,
                                    no_color=not self.color, highlight=False, soft_wrap=True)

    def report(self, result: FileResult) -> None:
        path = shown_path(result)
        for v in result.violations:
            loc = Location.of(v, result.document)
            head = f"{path}:{loc.line}:{loc.column}:"
            if self._console is None:
                self.write(f"{head} {v.code} {shown_message(v)}")
                continue
            from rich.text import Text

            line = Text()
            line.append(head, style="bold")
            line.append(" ")
            line.append(v.code, style=_STYLE[v.severity])
            line.append(f" {shown_message(v)}")
            self._console.print(line)
            if self.show_source and result.document is not None:
                self._source(result, loc)

    def _source(self, result: FileResult, loc: Location) -> None:
        from rich.cells import cell_len
        from rich.text import Text

        doc = result.document
        assert doc is not None and self._console is not None
        span = doc.lines.line_span(loc.line)
        text = shown_line(doc.source[span.start : span.end].expandtabs(1))
        end = loc.end_column if loc.end_line == loc.line else len(text) + 1
        # Columns count characters, but a terminal gives CJK and emoji two cells each.
        indent = cell_len(text[: loc.column - 1])
        width = cell_len(text[loc.column - 1 : end - 1])
        gutter = f"{loc.line:>5} | "
        self._console.print(Text(gutter, style="dim") + Text(text))
        carets = " " * (len(gutter) + indent) + "^" * max(width, 1)
        self._console.print(Text(carets, style="bold red"))

    def finish(self, session: Session) -> None:
        if self.statistics:
            counts = Counter((v.code, v.rule) for r in session.results for v in r.violations)
            for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                self.write(f"{n:>6}  {code:<8} {rule}")
        if not self.quiet:
            self.write(summary_line(session))


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [TextReporter]
