"""The per-paragraph cache: a paragraph LanguageTool has seen is not sent again.

Keyed by the paragraph's text and everything else that decides LanguageTool's answer (server,
language, rule and category choices, picky, spelling; see :meth:`Settings.result_key`), so an
edit to one paragraph re-sends only that paragraph, and a settings change re-sends everything.
It lives as long as the process: across the files of one run, and for the whole session of the
language server, where articles are re-linted on every edit.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from newslint_languagetool.client import Match


class ParagraphCache:
    """A bounded, least-recently-used map from (settings, paragraph) to LanguageTool's matches,
    with offsets relative to the paragraph."""

    def __init__(self, max_entries: int = 50_000) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[Match, ...]] = OrderedDict()

    @staticmethod
    def _key(settings_key: tuple[Any, ...], text: str) -> str:
        # a digest, so that long paragraphs are not kept twice in memory
        return hashlib.sha256(repr((settings_key, text)).encode("utf-8")).hexdigest()

    def get(self, settings_key: tuple[Any, ...], text: str) -> list[Match] | None:
        key = self._key(settings_key, text)
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return list(found)

    def put(self, settings_key: tuple[Any, ...], text: str, matches: list[Match]) -> None:
        key = self._key(settings_key, text)
        self._entries[key] = tuple(matches)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
