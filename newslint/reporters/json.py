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
from typing import Any

from newslint.document import Document
from newslint.engine import Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter, utf8_json
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


_STRING = json.encoder.encode_basestring  # json.dumps's string encoder with ensure_ascii=False


def _encode(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it when nested at
    ``indent``. Written here because ``indent`` makes json use its pure-Python encoder, which was
    most of the time of reporting an archive's thousands of violations."""
    if isinstance(value, str):
        return _STRING(value)
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = (f"{inner}{_STRING(k)}: {_encode(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _encode(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value)  # a number, true, false, null, [] or {}


def _item_text(obj: dict[str, Any]) -> str:
    """One object of the array, as ``json.dump`` of the whole array writes it. Not
    ``textwrap.indent`` of the object's own dump: it indents after U+2028, U+2029 and U+0085
    too, which JSON leaves in strings, and so put two spaces into a path or message."""
    return "  " + _encode(obj, "  ")


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
                item = utf8_json(_item_text(violation_dict(r.path, v, r.document)))
                self.stream.write(("\n" if empty else ",\n") + item)
                empty = False
        self.write("]" if empty else "\n]")


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [JsonReporter]
