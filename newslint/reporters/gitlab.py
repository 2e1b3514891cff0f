"""``--format gitlab``: GitLab Code Quality JSON, shown in merge request widgets and diffs.

A JSON array of issues::

    {"description": "ST001 \\"the\\" is repeated", "check_name": "ST001", "fingerprint": "…",
     "severity": "minor", "location": {"path": "news/fire.md",
     "positions": {"begin": {"line": 3, "column": 18}, "end": {"line": 3, "column": 25}}}}

``severity`` maps error to ``major``, warning to ``minor`` and info to ``info``. The fingerprint
(:func:`newslint.baseline.fingerprints`) hashes the path, the code, the violating text and its
sentence, never line numbers, so GitLab does not report a finding as fixed and new again when a
paragraph is added above it. Paths are relative to the current folder, as GitLab expects them
relative to the repository root.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newslint.baseline import fingerprints, relative_key
from newslint.engine import Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Location, Reporter, utf8_json
from newslint.violation import Severity

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_issues(session: Session) -> list[dict[str, Any]]:
    """The Code Quality issues of a run."""
    out = []
    seen: Counter[str] = Counter()
    for r in session.results:
        if r.error is not None:
            continue
        path = relative_key(r.path, Path.cwd()) if r.path != "-" else r.path
        for v, fingerprint in zip(r.violations, fingerprints(r, seen), strict=True):
            loc = Location.of(v, r.document)
            out.append({
                "type": "issue",
                "description": f"{v.code} {v.message}",
                "check_name": v.code,
                "categories": ["Style"],
                "fingerprint": fingerprint,
                "severity": SEVERITIES[v.severity],
                "location": {"path": path, "positions": {
                    "begin": {"line": loc.line, "column": loc.column},
                    "end": {"line": loc.end_line, "column": loc.end_column},
                }},
            })
    return out


class GitlabReporter(Reporter):
    name = "gitlab"
    description = "GitLab Code Quality JSON, with stable fingerprints"

    def finish(self, session: Session) -> None:
        self.write(utf8_json(json.dumps(gitlab_issues(session), ensure_ascii=False, indent=2)))


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [GitlabReporter]
