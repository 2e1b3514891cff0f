"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run, whose tool driver lists the rules that reported something (id, name, descriptions and
``help`` taken from the rule's ``explain`` page, default level, family as a tag). Each result
points at its region (1-based lines, columns in Unicode code points, as ``columnKind`` says; the
end column is exclusive, as in SARIF), carries a stable ``partialFingerprints`` entry, and lists
the rule's suggestions as ``fixes`` (the property ``safe`` says whether ``--fix`` applies it).
Files that could not be read are ``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newslint import __version__
from newslint.baseline import fingerprints
from newslint.document import Document, Span
from newslint.engine import Session
from newslint.hookspecs import hookimpl
from newslint.reporters.base import Reporter
from newslint.rule import Rule
from newslint.violation import INTERNAL_ERROR, Severity, Violation

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/newslint/newslint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path as a ``%SRCROOT%``-based URI; an absolute one as a ``file:`` URI."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    # a file name's bytes that are not UTF-8 (lone surrogates here) are escaped as themselves
    return {"uri": quote(p.as_posix(), errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}


def region(document: Document | None, span: Span) -> dict[str, int]:
    if document is None:
        return {"startLine": 1, "startColumn": 1}
    start, end = document.position(span.start), document.position(span.end)
    return {"startLine": start.line, "startColumn": start.column,
            "endLine": end.line, "endColumn": end.column}


def _sections(explanation: str) -> dict[str, str]:
    parts = re.split(r"^## ", explanation, flags=re.M)[1:]
    return {title.strip(): body.strip() for title, _, body in (p.partition("\n") for p in parts)}


def rule_descriptor(code: str, rule: type[Rule] | None) -> dict[str, Any]:
    """The ``reportingDescriptor`` of one rule, with its ``explain`` page as help."""
    if rule is None:  # internal-error, which no plugin registers
        return {"id": code, "name": code,
                "shortDescription": {"text": "A rule or plugin crashed on this file."},
                "defaultConfiguration": {"level": "error"}}
    explanation = rule.explanation()
    sections = _sections(explanation)
    what = sections.get("What it does", "").strip() or rule.name
    why = sections.get("Why is this bad?", "").strip()
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": " ".join(what.split())},
        "fullDescription": {"text": " ".join(f"{what}\n{why}".split())},
        "help": {"text": explanation or rule.name, "markdown": explanation or rule.name},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.default_enabled},
        "properties": {"tags": [rule.family()]},
    }


def sarif_fixes(violation: Violation, path: str, document: Document | None) -> list[dict[str, Any]]:
    out = []
    for s in violation.suggestions:
        span = s.span or violation.span
        description = s.title or f"Replace with {s.replacement!r}"
        out.append({
            "description": {"text": description},
            "artifactChanges": [{
                "artifactLocation": artifact_location(path),
                "replacements": [{"deletedRegion": region(document, span),
                                  "insertedContent": {"text": s.replacement}}],
            }],
            "properties": {"safe": s.safe},
        })
    return out


def sarif_log(session: Session) -> dict[str, Any]:
    """The whole SARIF log of a run."""
    # a configuration's own rules too: they were described as crashes, at the error level
    rules = {**session.custom_rules(), **session.pm.registry.rules}
    codes = sorted({v.code for r in session.results for v in r.violations})
    index = {code: i for i, code in enumerate(codes)}
    results = []
    notifications = []
    seen: Counter[str] = Counter()
    for r in session.results:
        if r.error is not None:
            notifications.append({
                "level": "error", "message": {"text": r.error},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_location(r.path)}}],
            })
            continue
        for v, fingerprint in zip(r.violations, fingerprints(r, seen), strict=True):
            result: dict[str, Any] = {
                "ruleId": v.code,
                "ruleIndex": index[v.code],
                "level": LEVELS[v.severity],
                "message": {"text": v.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_location(r.path),
                    "region": region(r.document, v.span),
                }}],
                "partialFingerprints": {"newslint/v1": fingerprint},
            }
            fixes = sarif_fixes(v, r.path, r.document)
            if fixes:
                result["fixes"] = fixes
            results.append(result)
    crashed = any(r.error or r.internal_errors for r in session.results)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newslint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(c, rules.get(c) if c != INTERNAL_ERROR else None)
                          for c in codes],
            }},
            "invocations": [{"executionSuccessful": not crashed,
                             "toolExecutionNotifications": notifications}],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0, for GitHub code scanning (rules, help, fixes)"

    def finish(self, session: Session) -> None:
        json.dump(sarif_log(session), self.stream, ensure_ascii=False, indent=2)
        self.write()


@hookimpl
def newslint_register_reporters() -> list[type[Reporter]]:
    return [SarifReporter]
