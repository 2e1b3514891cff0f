"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite name="newslint">``; one ``<testcase>`` per linted file (``classname`` and ``name``
are the path, so the file is what a test report lists); one ``<failure>`` per violation, whose
``message`` is ``line:col CODE message`` and whose text is the ``path:line:col: CODE message``
line; an ``<error>`` for a file that could not be read. A clean file is a passing test case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.engine import Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET


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
        case = ET.SubElement(suite, "testcase", classname=r.path, name=r.path, file=r.path,
                             time="0")
        if r.error is not None:
            error = ET.SubElement(case, "error", type="read-error", message=r.error)
            error.text = f"{r.path}: {r.error}"
            continue
        for v in r.violations:
            loc = Location.of(v, r.document)
            failure = ET.SubElement(case, "failure", type=v.code,
                                    message=f"{loc.line}:{loc.column} {v.code} {v.message}")
            failure.text = f"{r.path}:{loc.line}:{loc.column}: {v.code} [{v.severity}] {v.message}"
    ET.indent(root)
    return root


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit XML: a test case per file, a failure per violation"

    def finish(self, session: Session) -> None:
        import xml.etree.ElementTree as ET

        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.write(ET.tostring(junit_tree(session), encoding="unicode"))


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [JunitReporter]
