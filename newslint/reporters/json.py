"""``--format json``: a JSON array with one object per violation.

This shape is a public interface, documented in the README; fields are only ever added::

    {"path": "news/fire.md", "code": "ST001", "rule": "repeated-word", "severity": "warning",
     "message": "\\"the\\" is repeated", "line": 3, "column": 18, "end_line": 3, "end_column": 25,
     "suggestions": ["the"], "fix": {"replacement": "the", "line": 3, "column": 18,
     "end_line": 3, "end_column": 25}}

Lines and columns are 1-based, columns count Unicode characters, and the end is exclusive.
``fix`` is the safe replacement ``--fix`` would apply, or ``null``.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from newslint.document import Document
from newslint.engine import Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter
from newslint.violation import Violation


def violation_dict(path: str, violation: Violation, document: Document | None) -> dict[str, Any]:
    """The JSON object of one violation."""
    loc = Location.of(violation, document)
    fix = violation.fix()
    fix_obj = None
    if fix is not None:
        span = fix.span or violation.span
        floc = Location.of(Violation("", "", "", violation.severity, span), document)
        fix_obj = {"replacement": fix.replacement, "line": floc.line, "column": floc.column,
                   "end_line": floc.end_line, "end_column": floc.end_column}
    return {
        "path": path,
        "code": violation.code,
        "rule": violation.rule,
        "severity": str(violation.severity),
        "message": violation.message,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "suggestions": [s.replacement for s in violation.suggestions],
        "fix": fix_obj,
    }


class JsonReporter(Reporter):
    name = "json"
    description = "a JSON array, one object per violation (a stable, documented shape)"

    def finish(self, session: Session) -> None:
        # written one violation at a time, the same text as json.dump of the whole list: an
        # archive's results are read back from disk and never held in memory at once
        self.stream.write("[")
        empty = True
        for r in session.results:
            for v in r.violations:
                item = json.dumps(violation_dict(r.path, v, r.document), ensure_ascii=False,
                                  indent=2)
                self.stream.write(("\n" if empty else ",\n") + textwrap.indent(item, "  "))
                empty = False
        self.write("]" if empty else "\n]")


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [JsonReporter]
