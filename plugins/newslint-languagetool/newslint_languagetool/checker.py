"""Checking the paragraphs of an article: the cache first, then batched requests.

Paragraphs the cache does not know are joined with blank lines (LanguageTool's paragraph break)
into as few requests as the server's size limit allows, and each match is handed back to its
paragraph with paragraph-relative offsets. A server that refuses a request as too long (HTTP 413)
gets the same paragraphs again in smaller batches, under the limit it names or, where a proxy
named none, half the refused request's length; the lower limit is kept for the rest of the run.
"""

from __future__ import annotations

import bisect
import time

from newslint_languagetool.cache import ParagraphCache
from newslint_languagetool.client import (
    Client,
    LanguageToolUnavailable,
    Match,
    Settings,
    TextTooLong,
)
from newslint_languagetool.offsets import utf16_len

SEPARATOR = "\n\n"
"""Between paragraphs of one request: a paragraph break to LanguageTool."""

RETRY_AFTER = 60.0
"""Seconds a server that failed is not asked again: a run over many files waits for a dead
server's timeout about once a minute, not once a file, and the language server, whose run
lasts as long as the editor, finds LanguageTool once it has been started (or the limit it hit
has passed)."""


class Checker:
    """The clients of a run (one per server), the paragraph cache, and faults already seen."""

    def __init__(self) -> None:
        self.cache = ParagraphCache()
        self._clients: dict[tuple[str | None, int], Client] = {}
        self._faults: dict[tuple[str | None, int, str], tuple[LanguageToolUnavailable, float]] = {}
        """The last fault of each server, timeout and language, and when it was seen."""
        self._limits: dict[str | None, int] = {}
        self.requests = 0
        """How many ``/v2/check`` requests were sent (for tests and statistics)."""

    def client(self, settings: Settings) -> Client:
        key = (settings.server, settings.timeout)
        client = self._clients.get(key)
        if client is None:
            client = self._clients[key] = Client(settings.server, settings.timeout)
        return client

    def close(self) -> None:
        """Stop local servers and forget faults (the next run tries again)."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()
        self._faults.clear()

    def check_paragraphs(self, paragraphs: list[str], language: str,
                         settings: Settings) -> tuple[list[list[Match]], bool]:
        """LanguageTool's matches for each paragraph (offsets relative to it), and whether the
        server said its results were incomplete. Raises :class:`LanguageToolUnavailable`.

        A server that failed is not asked again for :data:`RETRY_AFTER` seconds: with no
        server, every file would otherwise wait for the same timeout.
        """
        fault_key = (settings.server, settings.timeout, language)
        fault = self._faults.get(fault_key)
        if fault is not None and time.monotonic() - fault[1] < RETRY_AFTER:
            raise fault[0]
        key = settings.result_key(language)
        results: list[list[Match] | None] = [
            self.cache.get(key, p) if p.strip() else [] for p in paragraphs]
        todo = [i for i, found in enumerate(results) if found is None]
        incomplete = False
        try:
            pending = self._batches(todo, paragraphs, settings)
            while pending:
                batch = pending.pop(0)
                try:
                    incomplete |= self._check_batch(batch, paragraphs, results, language,
                                                    settings)
                except TextTooLong as exc:
                    if len(batch) == 1:
                        raise
                    # A lower limit is learned: the rest goes again in batches that fit it.
                    self._refused(exc, batch, paragraphs, settings)
                    pending = self._batches([i for b in [batch, *pending] for i in b],
                                            paragraphs, settings)
        except LanguageToolUnavailable as exc:
            if not isinstance(exc, TextTooLong):  # too long is about this text, not the server
                self._faults[fault_key] = (exc, time.monotonic())
            raise
        return [found or [] for found in results], incomplete

    def _limit(self, settings: Settings) -> int:
        return min(settings.max_request_chars, self._limits.get(settings.server, 1 << 62))

    def _refused(self, exc: TextTooLong, batch: list[int], paragraphs: list[str],
                 settings: Settings) -> None:
        """Lower the server's limit after it refused ``batch`` as too long: to the limit it
        names, and at most half the refused length, as a proxy in front of it names none (nor
        counts as LanguageTool does); halving, a few refusals find a limit that fits."""
        length = utf16_len(SEPARATOR.join(paragraphs[i] for i in batch))
        limit = min(length // 2, self._limit(settings))
        if exc.limit is not None:
            limit = min(limit, exc.limit) if exc.limit >= length else exc.limit
        self._limits[settings.server] = limit

    def _batches(self, todo: list[int], paragraphs: list[str],
                 settings: Settings) -> list[list[int]]:
        """Consecutive runs of paragraph indexes whose joined text fits the size limit."""
        limit = self._limit(settings)
        batches: list[list[int]] = []
        size = 0
        for i in todo:
            length = utf16_len(paragraphs[i])
            if batches and size + len(SEPARATOR) + length <= limit:
                batches[-1].append(i)
                size += len(SEPARATOR) + length
            else:
                batches.append([i])
                size = length
        return batches

    def _check_batch(self, batch: list[int], paragraphs: list[str],
                     results: list[list[Match] | None], language: str,
                     settings: Settings) -> bool:
        text = SEPARATOR.join(paragraphs[i] for i in batch)
        starts, at = [], 0
        for i in batch:
            starts.append(at)
            at += len(paragraphs[i]) + len(SEPARATOR)
        try:
            self.requests += 1
            answer = self.client(settings).check(text, language, settings)
        except TextTooLong as exc:
            if len(batch) > 1:
                raise
            named = f" of {exc.limit} characters" if exc.limit else ""
            raise TextTooLong(f"{exc}: a paragraph of {utf16_len(text)} characters is over the "
                              f"server's limit{named}; raise the server's maxTextLength, or split "
                              "the paragraph", exc.limit) from None
        per_paragraph: list[list[Match]] = [[] for _ in batch]
        for m in answer.matches:
            k = bisect.bisect_right(starts, m.start) - 1
            length = len(paragraphs[batch[k]])
            start = m.start - starts[k]
            if start >= length:
                continue  # on the blank line between two paragraphs: nowhere to point
            per_paragraph[k].append(Match(m.rule_id, m.category, m.issue_type, m.message,
                                          m.replacements, start, min(m.end - starts[k], length)))
        for k, i in enumerate(batch):
            results[i] = per_paragraph[k]
            if not answer.incomplete:  # an incomplete answer may have skipped this paragraph
                self.cache.put(settings.result_key(language), paragraphs[i], per_paragraph[k])
        return answer.incomplete
