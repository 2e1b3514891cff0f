"""House style (ST): typing slips and the newsroom's own conventions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.document import Document, Span
from newslint.hookspecs import hookimpl
from newslint.rule import Rule
from newslint.violation import Severity, Suggestion, Violation


class RepeatedWord(Rule):
    """## What it does
    Flags a word typed twice in a row, as in "the the".

    ## Why is this bad?
    A doubled word survives a quick read, often across a line break, and makes it into print.
    Doubles that English allows ("had had", "that that") and names ("Bora Bora") are left alone;
    the `allow` option lists the words that may repeat.

    ## Example
    ```text
    The fire spread to the the warehouse next door.
    ```

    ## Use instead
    ```text
    The fire spread to the warehouse next door.
    ```
    """

    code = "ST001"
    name = "repeated-word"
    severity = Severity.WARNING
    fixable = True
    options = {
        "allow": ["had", "that", "is", "was", "do", "very", "really", "many", "much", "so", "far",
                  "long", "more", "bye", "no", "yes", "yeah", "aye", "ha", "tut", "knock"],
    }

    def check(self, document: Document) -> Iterator[Violation]:
        allow = {w.lower() for w in self.config["allow"]}
        source = document.source
        for sentence in document.sentences:
            tokens = sentence.tokens
            for i, (a, b) in enumerate(zip(tokens, tokens[1:])):
                word = a.text.lower()
                if word != b.text.lower() or word in allow or word[0].isdigit():
                    continue
                if a.text[0].isupper() and b.text[0].isupper():
                    continue  # a name such as Bora Bora or Sirhan Sirhan
                if b.text.isupper() != a.text.isupper() and len(word) > 1 and not a.is_sentence_initial:
                    continue  # "the first FIRST competition": a name in capitals
                if (i > 0 and tokens[i - 1].text.lower() == word) or (
                    i + 2 < len(tokens) and tokens[i + 2].text.lower() == word
                ):
                    continue  # three or more in a row is deliberate ("killing killing killing")
                if source[a.span.end : b.span.start].strip():
                    continue  # markup or punctuation between them
                yield self.violation(
                    Span(a.span.start, b.span.end),
                    f'"{b.text}" is repeated',
                    [Suggestion(a.text, safe=True, title=f'Remove the repeated "{b.text}"')],
                )


class MultipleSpaces(Rule):
    """## What it does
    Flags two or more spaces in a row inside a sentence.

    ## Why is this bad?
    Runs of spaces are left behind by edits and pastes; they print as ragged gaps in web copy
    and break searches for the phrase.

    ## Example
    ```text
    Police said the  driver was not hurt.
    ```

    ## Use instead
    ```text
    Police said the driver was not hurt.
    ```
    """

    code = "ST002"
    name = "multiple-spaces"
    severity = Severity.WARNING
    fixable = True

    _SPACES = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")

    def check(self, document: Document) -> Iterator[Violation]:
        for sentence in document.sentences:
            block, base = sentence.block, sentence.start
            for m in self._SPACES.finditer(sentence.text):
                span = block.source_span(base + m.start(), base + m.end())
                yield self.violation(
                    span,
                    f"{len(m.group())} spaces in a row inside a sentence",
                    [Suggestion(" ", safe=True, title="Replace with one space")],
                )


@hookimpl
def newslint_register_rules() -> list[type[Rule]]:
    return [RepeatedWord, MultipleSpaces]
