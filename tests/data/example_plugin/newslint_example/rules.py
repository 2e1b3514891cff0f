"""EX rules: markers that should never reach print."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint import Document, Rule, Severity, Span, Violation, hookimpl


class ToComeMarker(Rule):
    """## What it does
    Flags "TK", the newsroom's "to come" marker for a fact still being checked.

    ## Why is this bad?
    A TK left in the copy means a number, a name or a quote was never filled in.

    ## Example
    ```text
    The council will spend TK million on roads.
    ```

    ## Use instead
    ```text
    The council will spend 4 million on roads.
    ```
    """

    code = "EX001"
    name = "to-come-marker"
    severity = Severity.ERROR

    _TK = re.compile(r"\bTKs?\b")

    def check(self, document: Document) -> Iterator[Violation]:
        for m in self._TK.finditer(document.source):
            yield self.violation(Span(m.start(), m.end()), "TK marker left in the copy")


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [ToComeMarker]
