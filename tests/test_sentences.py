"""Sentence splitting and word tokens (newslint.text) on real-looking news copy."""

from __future__ import annotations

import pytest

from newslint.text import WORD_RE, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # U.S. and U.K.: inside a sentence, and ending one before a word that opens a sentence
        (
            "The U.S. military said the strike was lawful. The Pentagon declined to comment.",
            ["The U.S. military said the strike was lawful.", "The Pentagon declined to comment."],
        ),
        (
            "He moved to the U.S. The move was sudden.",
            ["He moved to the U.S.", "The move was sudden."],
        ),
        (
            "He moved to the U.S. in 1999 and never left.",
            ["He moved to the U.S. in 1999 and never left."],
        ),
        (
            "Talks with the U.K. government stalled on Friday.",
            ["Talks with the U.K. government stalled on Friday."],
        ),
        (
            "The E.U. responded quickly. The U.N. did not.",
            ["The E.U. responded quickly.", "The U.N. did not."],
        ),
        (
            "Results from the U.S.A. are in. They are good.",
            ["Results from the U.S.A. are in.", "They are good."],
        ),
        # titles, with and without the full stop
        (
            "Mr Smith arrived. Mrs Jones left. Ms Amara said no.",
            ["Mr Smith arrived.", "Mrs Jones left.", "Ms Amara said no."],
        ),
        (
            "Mr. Smith arrived early. Dr. Jones was late.",
            ["Mr. Smith arrived early.", "Dr. Jones was late."],
        ),
        (
            "Gen. Mark Milley spoke first. Sen. Elizabeth Warren replied.",
            ["Gen. Mark Milley spoke first.", "Sen. Elizabeth Warren replied."],
        ),
        (
            "Lt. Col. Alexander Vindman testified on Tuesday.",
            ["Lt. Col. Alexander Vindman testified on Tuesday."],
        ),
        (
            "Sgt. Maj. Smith, Capt. Jones and Prof. Brown attended.",
            ["Sgt. Maj. Smith, Capt. Jones and Prof. Brown attended."],
        ),
        (
            "The St. Louis Cardinals won. Mt. Everest is tall.",
            ["The St. Louis Cardinals won.", "Mt. Everest is tall."],
        ),
        # AP's titles before a name, plurals too ("Sens." for senators)
        (
            "Brig. Gen. Mark Smith and Pvt. Jane Doe left. Pfc. Tom Lee and Spc. Al Roe stayed.",
            [
                "Brig. Gen. Mark Smith and Pvt. Jane Doe left.",
                "Pfc. Tom Lee and Spc. Al Roe stayed.",
            ],
        ),
        (
            "Sens. Mary Jones and Tom Lee, Reps. Ann Roe and Govs. Al Fox agreed.",
            ["Sens. Mary Jones and Tom Lee, Reps. Ann Roe and Govs. Al Fox agreed."],
        ),
        ("Msgr. John Ryan and Ens. Kate Doe spoke.", ["Msgr. John Ryan and Ens. Kate Doe spoke."]),
        # "brig" and "reps" are words too
        (
            "He was sent to the brig. The captain said so. She did ten reps. Then she rested.",
            ["He was sent to the brig.", "The captain said so.", "She did ten reps.",
             "Then she rested."],
        ),
        # abbreviations that follow a name or a number end a sentence before a word that
        # opens one; "St." is Saint before a name as well
        (
            "The holiday honours Martin Luther King Jr. The march began at noon.",
            ["The holiday honours Martin Luther King Jr.", "The march began at noon."],
        ),
        (
            "Martin Luther King Jr. Day falls on Monday.",
            ["Martin Luther King Jr. Day falls on Monday."],
        ),
        (
            "The deed was signed by John Smith Sr. He died in 1990.",
            ["The deed was signed by John Smith Sr.", "He died in 1990."],
        ),
        (
            "The White House is at 1600 Pennsylvania Ave. It was built in 1800.",
            ["The White House is at 1600 Pennsylvania Ave.", "It was built in 1800."],
        ),
        (
            "The shop is on Baker St. The owner was away. St. Paul is nearby.",
            ["The shop is on Baker St.", "The owner was away.", "St. Paul is nearby."],
        ),
        # a.m. and p.m., mid-sentence and at the end
        (
            "The meeting began at 9 a.m. and ended at noon.",
            ["The meeting began at 9 a.m. and ended at noon."],
        ),
        ("The ship docked at 10 a.m. Friday.", ["The ship docked at 10 a.m. Friday."]),
        (
            "The meeting ended at 5 p.m. The mayor then spoke.",
            ["The meeting ended at 5 p.m.", "The mayor then spoke."],
        ),
        (
            "Polls closed at 8 p.m. Officials began counting.",
            ["Polls closed at 8 p.m.", "Officials began counting."],
        ),
        # months, numbers after No.
        (
            "The law takes effect on Jan. 1 and expires in Feb. 2025.",
            ["The law takes effect on Jan. 1 and expires in Feb. 2025."],
        ),
        ("She lives at No. 10 Downing Street.", ["She lives at No. 10 Downing Street."]),
        ("It was ranked No. 1. Then it fell.", ["It was ranked No. 1.", "Then it fell."]),
        ("He said no. The others agreed.", ["He said no.", "The others agreed."]),
        # initials
        (
            "J. K. Rowling wrote the book. George W. Bush read it.",
            ["J. K. Rowling wrote the book.", "George W. Bush read it."],
        ),
        (
            "The fallback was Plan B. The team agreed.",
            ["The fallback was Plan B.", "The team agreed."],
        ),
        ("World War I. The war ended in 1918.", ["World War I.", "The war ended in 1918."]),
        # quotes ending sentences
        (
            '"We won," he said. "Next year will be harder."',
            ['"We won," he said.', '"Next year will be harder."'],
        ),
        ('"Why?" she asked. Nobody answered.', ['"Why?" she asked.', "Nobody answered."]),
        ('"Stop!" shouted the officer.', ['"Stop!" shouted the officer.']),
        ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
        (
            "\u201cWe are done.\u201d The minister left.",
            ["\u201cWe are done.\u201d", "The minister left."],
        ),
        ('She said it was "over". Then she left.', ['She said it was "over".', "Then she left."]),
        (
            "The score was 2-1 (after extra time). Fans cheered.",
            ["The score was 2-1 (after extra time).", "Fans cheered."],
        ),
        # ellipses
        (
            "Wait... what happened next? Nobody knows.",
            ["Wait... what happened next?", "Nobody knows."],
        ),
        ("He paused\u2026 Then he spoke.", ["He paused\u2026", "Then he spoke."]),
        # decimals, money, percentages
        (
            "Growth was 3.5 percent. The deficit hit $1.2 billion.",
            ["Growth was 3.5 percent.", "The deficit hit $1.2 billion."],
        ),
        (
            "Prices rose 5%. Analysts were surprised.",
            ["Prices rose 5%.", "Analysts were surprised."],
        ),
        ("Version 2.0 shipped on Monday.", ["Version 2.0 shipped on Monday."]),
        ("He was born in 1999. Then he moved.", ["He was born in 1999.", "Then he moved."]),
        # URLs and e-mail addresses
        (
            "Visit https://www.example.com/news.html for details. Then call us.",
            ["Visit https://www.example.com/news.html for details.", "Then call us."],
        ),
        (
            "Write to press@example.co.uk for details. Then call us.",
            ["Write to press@example.co.uk for details.", "Then call us."],
        ),
        ("Visit example.com. Officials said so.", ["Visit example.com.", "Officials said so."]),
        # companies and etc.
        (
            "Apple Inc. reported profits. The shares rose.",
            ["Apple Inc. reported profits.", "The shares rose."],
        ),
        (
            "They sold apples, pears, etc. The market closed.",
            ["They sold apples, pears, etc.", "The market closed."],
        ),
        # question and exclamation marks
        ("Is this the end? No! It is not.", ["Is this the end?", "No!", "It is not."]),
        ("Yahoo! said it would appeal.", ["Yahoo! said it would appeal."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_trim_whitespace_and_survive_line_breaks() -> None:
    text = "  First sentence here.\nSecond one on a new line.  "
    assert split_sentences(text) == [(2, 22), (23, 48)]
    assert sentences("") == []
    assert sentences("   ") == []


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The U.S.-backed force", ["The", "U.S.", "backed", "force"]),
        ("at 9 a.m. sharp", ["at", "9", "a.m.", "sharp"]),
        ("2,000 troops and 3.5 percent", ["2,000", "troops", "and", "3.5", "percent"]),
        (
            "the group's well-known rock\u2019n\u2019roll",
            ["the", "group's", "well-known", "rock\u2019n\u2019roll"],
        ),
        ("born in 1999.", ["born", "in", "1999"]),
        ("caf\u00e9 in Z\u00fcrich", ["caf\u00e9", "in", "Z\u00fcrich"]),
        ("snake_case -dash 'quoted'", ["snake", "case", "dash", "quoted"]),
        ("A. B. and 1.2.3 and 7,", ["A", "B", "and", "1.2.3", "and", "7"]),
        ("_x_ Mr._ 12_ 2,3,", ["x", "Mr", "12", "2,3"]),
    ],
)
def test_word_tokens(text: str, tokens: list[str]) -> None:
    assert [m.group() for m in WORD_RE.finditer(text)] == tokens
