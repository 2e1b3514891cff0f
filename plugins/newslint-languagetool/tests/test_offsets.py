"""UTF-16 ↔ str offsets, checked against Python's own UTF-16 encoder."""

from __future__ import annotations

import pytest
from newslint_languagetool.offsets import Utf16Index, utf16_len

TEXTS = ["", "plain text", "😀 a apple", "a😀b😀😀c", "é ü 中文 𝄞 end", "😀"]


def units_of(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", TEXTS)
def test_round_trip_at_every_character(text):
    index = Utf16Index(text)
    assert index.units == utf16_len(text) == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        unit = units_of(text, offset)
        assert index.to_units(offset) == unit
        assert index.to_str(unit) == offset


def test_an_offset_inside_a_surrogate_pair_goes_to_the_character_start():
    index = Utf16Index("a😀b")
    assert index.to_str(2) == 1  # between the two halves of the emoji


def test_offsets_are_clamped_into_the_text():
    index = Utf16Index("a😀")
    assert index.to_str(-3) == 0
    assert index.to_str(99) == 2
    assert index.to_units(99) == 3
