"""newslint: a linter for news copy.

The public API for plugin authors is what this module exports; everything else is internal.
"""

from __future__ import annotations

from newslint.document import Block, Document, Sentence, Span, Token
from newslint.hookspecs import hookimpl, hookspec
from newslint.rule import Rule
from newslint.violation import Severity, Suggestion, Violation

__version__ = "0.1.0"

__all__ = [
    "Block", "Document", "Rule", "Sentence", "Severity", "Span", "Suggestion", "Token",
    "Violation", "__version__", "hookimpl", "hookspec",
]
