"""Against a real LanguageTool server, when ``NEWSLINT_LANGUAGETOOL_URL`` names one (e.g.
``http://localhost:8081`` after ``java -cp languagetool-server.jar
org.languagetool.server.HTTPServer --port 8081``); skipped otherwise."""

from __future__ import annotations

import os

import pytest

URL = os.environ.get("NEWSLINT_LANGUAGETOOL_URL")

pytestmark = pytest.mark.skipif(
    not URL, reason="NEWSLINT_LANGUAGETOOL_URL is not set (the URL of a LanguageTool server)")

MARKDOWN = """\
---
title: Mayor buys fruit
---

The mayor bought a apple at the market.

```
a apple in code is not checked
```

> 😀 Fans cheered as she bought a orange.
"""


def test_a_real_server_finds_a_vs_an_with_exact_spans(lint):
    result = lint(MARKDOWN, server=URL)
    source = result.document.source
    hits = [(v.code, source[v.span.start:v.span.end]) for v in result.violations]
    assert ("LT:EN_A_VS_AN", "a") in hits
    starts = sorted(v.span.start for v in result.violations if v.code == "LT:EN_A_VS_AN")
    assert starts == [source.index("a apple at"), source.index("a orange")]
    assert all(v.suggestions and v.suggestions[0].replacement == "an"
               for v in result.violations if v.code == "LT:EN_A_VS_AN")


def test_a_real_server_leaves_spelling_to_newslint(lint):
    result = lint("Mayor speaks\n\nThe mayor said helo to the wrold.\n", "s.txt", server=URL)
    assert not [v for v in result.violations if "MORFOLOGIK" in v.code]
