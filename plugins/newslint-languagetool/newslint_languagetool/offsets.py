"""UTF-16 ↔ ``str`` offsets.

LanguageTool is written in Java, whose strings count UTF-16 code units: a character outside the
Basic Multilingual Plane (most emoji, some CJK) is two units there and one ``str`` index in
Python. Every offset and length in a ``/v2/check`` answer is in UTF-16 units, so each is
converted before it touches newslint's character offsets.
"""

from __future__ import annotations

import bisect


class Utf16Index:
    """Converts between UTF-16 code-unit offsets and ``str`` offsets of one text.

    Only the positions of astral characters (two units each) are stored; text without them,
    the common case, converts by identity.
    """

    __slots__ = ("_astral", "_astral_units", "_length")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        """``str`` offsets of the astral characters."""
        self._astral_units = [i + n for n, i in enumerate(self._astral)]
        """Their UTF-16 offsets (each earlier astral character adds one unit)."""

    @property
    def units(self) -> int:
        """The length of the text in UTF-16 code units."""
        return self._length + len(self._astral)

    def to_str(self, unit: int) -> int:
        """The ``str`` offset of UTF-16 offset ``unit``, clamped into the text.

        An offset that falls between the two halves of a surrogate pair (no valid answer from
        LanguageTool does that) maps to the start of that character.
        """
        unit = max(0, min(unit, self.units))
        before = bisect.bisect_left(self._astral_units, unit)  # astral characters wholly before
        offset = unit - before
        if before and self._astral_units[before - 1] + 1 == unit:
            offset = self._astral[before - 1]  # inside a pair: back to its start
        return offset

    def to_units(self, offset: int) -> int:
        """The UTF-16 offset of ``str`` offset ``offset``, clamped into the text."""
        offset = max(0, min(offset, self._length))
        return offset + bisect.bisect_left(self._astral, offset)


def utf16_len(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, as Java's ``String.length()`` counts it."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
