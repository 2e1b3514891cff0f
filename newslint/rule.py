"""The base class of every rule, built-in or from a plugin.

A rule is a class with a stable ``code``, a kebab-case ``name`` for the fault, a default
``severity``, default ``options``, and a docstring in ruff's sections (``## What it does``,
``## Why is this bad?``, ``## Example``, ``## Use instead``) that ``newslint explain`` prints.
The engine makes one instance per configuration, with the options resolved, and calls
:meth:`Rule.check` once per document.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from newslint.document import Document, Span
from newslint.violation import Severity, Suggestion, Violation

CODE_RE = re.compile(r"^[A-Z]{2,3}[0-9]{3}$")
"""What a rule code looks like: a two- or three-letter family prefix and three digits."""

PREFIX_RE = re.compile(r"^[A-Z]{2,3}$")
"""The code of a rule with :attr:`Rule.dynamic_codes`: a bare two- or three-letter prefix."""

SUBCODE_RE = re.compile(r"^[A-Z]{2,3}:[A-Z0-9_]+$")
"""A code reported by a rule with dynamic codes: its prefix, a colon and an upstream rule ID."""

FAMILIES = {"SP": "spelling", "HL": "headlines", "QT": "quotes", "ST": "style"}
"""The built-in families, by prefix."""


def choice_problem(value: object, choices: tuple[str, ...], any_case: bool = False) -> str | None:
    """For :meth:`Rule.option_problem`: ``None`` when ``value`` is one of ``choices`` (in any
    case with ``any_case``), else what it must be, ``value`` shown as given."""
    if (str(value).lower() if any_case else value) in choices:
        return None
    shown = ", ".join(f'"{c}"' for c in choices)  # as TOML writes them
    return f"must be one of {shown}, not \"{value}\""


def strings_problem(value: list[Any]) -> str | None:
    """For :meth:`Rule.option_problem` of a list option whose default is empty, so that the
    type of its items cannot be checked against it."""
    return None if all(isinstance(v, str) for v in value) else "must be a list of strings"


class Rule:
    """Base class for rules. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    """Stable code, e.g. ``ST001``; never reused for another fault."""
    name: ClassVar[str]
    """Kebab-case name of the fault, e.g. ``repeated-word``."""
    severity: ClassVar[Severity] = Severity.WARNING
    """Default severity."""
    default_enabled: ClassVar[bool] = True
    """Whether the rule runs when the configuration does not select it explicitly."""
    options: ClassVar[dict[str, Any]] = {}
    """Option names and defaults; users set them under ``[rules.CODE]``."""
    path_options: ClassVar[tuple[str, ...]] = ()
    """The options whose value is a file, or a list of files, relative to the configuration
    file (see :meth:`resolve_path`): the configuration checks that they exist when it is loaded,
    so a missing file is one error naming the key, not a crash on every article."""
    fixable: ClassVar[bool] = False
    """Whether the rule offers safe fixes."""

    @classmethod
    def path_problem(cls, name: str, file: Path) -> str | None:
        """What is wrong with ``file``, the value of the path option ``name``, beyond not being
        there (which the configuration checks itself): ``None`` when the rule can use it. Called
        when the configuration is loaded; a rule whose files have a format of their own (a
        model) reads them here, so that a corrupt one is one error naming the key."""
        return None

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        """What is wrong with ``value`` for the option ``name`` beyond its type, which the
        configuration checks against the default's: ``None`` when the rule can use it, else
        what it must be (``must be one of ...``). Called when the configuration is loaded, so a
        value the rule does not know is one error naming the key, not a crash, or a check left
        out in silence, on every article."""
        return None

    dynamic_codes: ClassVar[bool] = False
    """Whether the rule wraps an outside checker whose rule set is open-ended (LanguageTool):
    ``code`` is then a bare prefix (``LT``) and each violation's code is ``CODE:ID``
    (``LT:EN_A_VS_AN``), made with :meth:`sub_violation`. Selection, ``[severity]`` and inline
    suppressions match these codes by prefix, like any other code."""

    subcode_policy: Callable[[str, Severity], Severity | None] | None = None
    """Set by the registry on a rule with dynamic codes: given a sub-code and its default
    severity, the severity the configuration gives it, or ``None`` when it is not selected."""

    def __init__(self, options: dict[str, Any] | None = None, severity: Severity | None = None):
        self.config: dict[str, Any] = {**type(self).options, **(options or {})}
        self.effective_severity = severity or type(self).severity

    root: Path | None = None
    """The folder of the configuration file the options came from, set by the registry; option
    values that are paths are relative to it (see :meth:`resolve_path`)."""

    def resolve_path(self, value: str) -> Path:
        """An option's path, made absolute against :attr:`root` (or the working folder)."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else (self.root or Path.cwd()) / path

    def check(self, document: Document) -> Iterable[Violation]:
        """Yield the violations of this rule in ``document``."""
        raise NotImplementedError

    def violation(
        self, span: Span, message: str, suggestions: Iterable[Suggestion] = ()
    ) -> Violation:
        """Make a violation of this rule at ``span`` with the configured severity."""
        return Violation(
            self.code, self.name, message, self.effective_severity, span, list(suggestions)
        )

    def sub_violation(
        self, sub_id: str, span: Span, message: str, severity: Severity,
        suggestions: Iterable[Suggestion] = (), name: str | None = None,
    ) -> Violation | None:
        """Make a violation with the dynamic code ``CODE:sub_id`` and the given default
        severity, or ``None`` when the configuration does not select that code. ``[severity]``
        entries still win over the default, longest prefix first. ``name`` replaces the rule's
        name in the report (e.g. the upstream rule's category)."""
        code = f"{self.code}:{sub_id}"
        if self.subcode_policy is not None:
            chosen = self.subcode_policy(code, severity)
            if chosen is None:
                return None
            severity = chosen
        return Violation(code, name or self.name, message, severity, span, list(suggestions))

    @classmethod
    def family(cls) -> str:
        """The family name of the rule's prefix (``style`` for ``ST``), or the prefix itself."""
        prefix = cls.code.rstrip("0123456789")
        return FAMILIES.get(prefix, prefix)

    @classmethod
    def explanation(cls) -> str:
        """The rule's docstring, dedented: its ``explain`` page."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def examples(cls) -> dict[str, list[str]]:
        """The fenced blocks under each ``## Section`` of the explanation, keyed by section
        title."""
        sections: dict[str, list[str]] = {}
        for part in re.split(r"^## ", cls.explanation(), flags=re.M)[1:]:
            title, _, body = part.partition("\n")
            blocks = re.findall(r"^```[^\n]*\n(.*?)^```", body, flags=re.M | re.S)
            sections[title.strip()] = blocks
        return sections
