"""What a rule reports: violations, their severities and their suggested replacements."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from newslint.document import Span


class Severity(enum.IntEnum):
    """How serious a violation is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read ``"error"``, ``"warning"`` or ``"info"``; raises ``ValueError`` otherwise."""
        try:
            return cls[value.upper()]
        except (KeyError, AttributeError):
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A replacement for a span of the source.

    A suggestion with ``safe=True`` is a *fix*: it may be applied unattended by ``--fix``.
    """

    replacement: str
    """The text to put in place of the span."""
    span: Span | None = None
    """The source range to replace; ``None`` means the violation's own span."""
    safe: bool = False
    """Whether ``--fix`` may apply it without a person looking."""
    title: str | None = None
    """A short description for editors ("Remove the repeated word")."""


INTERNAL_ERROR = "internal-error"
"""The code of the violation reported when a rule crashes on a document."""


@dataclass(slots=True)
class Violation:
    """One finding of one rule in one document."""

    code: str
    """The rule's code (``ST001``) or ``internal-error``."""
    rule: str
    """The rule's name (``repeated-word``)."""
    message: str
    """What is wrong, in one sentence, naming the offending text."""
    severity: Severity
    """The effective severity, after configuration."""
    span: Span
    """Where the fault is in the source."""
    suggestions: list[Suggestion] = field(default_factory=list)
    """Suggested replacements, likeliest first."""

    def fix(self) -> Suggestion | None:
        """The first safe suggestion, if any."""
        return next((s for s in self.suggestions if s.safe), None)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.code)
