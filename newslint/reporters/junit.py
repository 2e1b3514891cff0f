"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite name="newslint">``; one ``<testcase>`` per linted file (``classname`` and ``name``
are the path, so the file is what a test report lists; a path that holds a character XML
cannot hold is quoted and escaped, as the report's lines show it, so each file stays a test case
of its own); one ``<failure>`` per violation, whose
``message`` is ``line:col CODE message`` and whose text is the ``path:line:col: CODE message``
line; an ``<error>`` for a file that could not be read. A clean file is a passing test case.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from newslint.config import quoted
from newslint.engine import Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET


@cache
def _not_xml() -> re.Pattern[str]:
    """Characters XML 1.0 has no place for, even escaped: control characters, and the lone
    surrogates that stand for the bytes of a file name that is not UTF-8. Compiled on first
    use: its ranges take 5 ms to compile, and few runs write JUnit."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` with each character XML cannot hold written as its escape (``\\x01``), so that
    two messages that differ only there stay apart, and the reader sees what is there."""
    return _not_xml().sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def _name(path: str) -> str:
    """A test case's name for the file ``path``: the path itself when XML can hold it, else
    the path quoted as the report's lines show it (``"a\\x01.md"``), which no other path is
    written as, so that each file stays a test case of its own. A path that opens with a double
    quote is quoted too, so that it cannot pose as one so written."""
    return quoted(path) if path.startswith('"') or _not_xml().search(path) else path


def junit_tree(session: Session) -> ET.Element:
    """The XML document of a run."""
    import xml.etree.ElementTree as ET  # here, not at start-up: few runs write JUnit

    results = session.results
    failures = sum(len(r.violations) for r in results if r.error is None)
    errors = sum(1 for r in results if r.error is not None)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": "newslint", **counts})
    suite = ET.SubElement(root, "testsuite",
                          {"name": "newslint", "skipped": "0", "time": "0", **counts})
    for r in results:
        path = _name(r.path)
        case = ET.SubElement(suite, "testcase", classname=path, name=path, file=path, time="0")
        # the report's line, the path quoted as in a terminal: a line break in an id made two
        line = quoted(r.path)
        if r.error is not None:
            error = ET.SubElement(case, "error", type="read-error", message=_xml(r.error))
            error.text = f"{line}: {_xml(r.error)}"
            continue
        for v in r.violations:
            loc = Location.of(v, r.document)
            message = _xml(v.message)
            failure = ET.SubElement(case, "failure", type=_xml(v.code),
                                    message=f"{loc.line}:{loc.column} {v.code} {message}")
            failure.text = f"{line}:{loc.line}:{loc.column}: {v.code} [{v.severity}] {message}"
    ET.indent(root)
    return root


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit XML: a test case per file, a failure per violation"

    def finish(self, session: Session) -> None:
        import xml.etree.ElementTree as ET

        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        # a carriage return in text, which ElementTree leaves as it is (it escapes those in
        # attributes), as a reference: a parser reads a raw one as a line feed (XML 1.0, 2.11)
        xml = ET.tostring(junit_tree(session), encoding="unicode")
        self.write(xml.replace("\r", "&#13;"))


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [JunitReporter]
