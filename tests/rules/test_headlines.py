"""HL201-HL207: headlines, on the seed article, real Wikinews headline/body pairs and cases."""

from __future__ import annotations

import re

import pytest

from newslint.support import BodyIndex, headline_support
from newslint.terms import numbers_in, rarity, stem
from tests.shared import DATA

SEED = DATA / "seed" / "seed-article.txt"
NEWS = DATA / "news-dev"
needs_data = pytest.mark.skipif(not NEWS.exists(), reason="shared data not present")

BODY = (
    "The United States will keep about 2,000 troops in northern Syria until the end of the year, "
    "officials said on Friday, reversing a plan announced in December to bring them home. The "
    "decision followed talks with allies in the coalition against the Islamic State group."
)


def codes(violations, prefix: str = "HL") -> list[str]:
    return [v.code for v in violations if v.code.startswith(prefix)]


def news_pairs() -> list[tuple[str, str, str]]:
    """``(name, headline, body)`` of every news-dev article (``# Headline``, blank line, body)."""
    pairs = []
    for path in sorted(NEWS.glob("*.md")):
        first, _, body = path.read_text(encoding="utf-8").partition("\n")
        pairs.append((path.stem, first.removeprefix("# ").strip(), body.strip()))
    return pairs


def article(headline: str, body: str) -> str:
    return f"# {headline}\n\n{body}\n"


# ---- the seed ------------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="shared data not present")
def test_seed_repeat_on_line_5_is_removed_by_the_fix_and_headline_fits(lint) -> None:
    source = SEED.read_text(encoding="utf-8")
    found = lint(source, path="seed-article.txt", select=["HL"])
    repeats = [v for v in found if v.code == "HL202"]
    assert len(repeats) == 1
    assert source.count("\n", 0, repeats[0].span.start) + 1 == 5
    assert "HL203" not in codes(found)  # "Syria force ... wiped out" fits its story
    fix = repeats[0].fix()
    assert fix is not None and fix.span is not None
    fixed = source[: fix.span.start] + fix.replacement + source[fix.span.end :]
    assert fixed.count("Syria force takes IS bastion") == 1
    assert "\n\n\n" not in fixed  # the blank line after the repeat went with it
    assert "HL202" not in codes(lint(fixed, path="seed-article.txt", select=["HL"]))


# ---- HL201 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "path"), [
    ("", "a.txt"),
    ("Some copy under no heading.\n\nMore copy.\n", "a.md"),
    ("<p>Some copy under no heading.</p>", "a.html"),
])
def test_missing_headline(lint, text: str, path: str) -> None:
    assert "HL201" in codes(lint(text, path=path, select=["HL201"]))


def test_a_lead_paragraph_on_the_first_line_is_no_headline(lint) -> None:
    text = BODY + "\n\nMore copy follows here.\n"
    assert "HL201" in codes(lint(text, select=["HL201"]))
    assert codes(lint("US to keep troops in Syria\n\n" + BODY, select=["HL201"])) == []
    # and, as it is no headline, it is read as the body: a pasted story that lost its headline
    # still has its lede checked
    lede = ('The SDF took the town on Friday. "The fighting is over now, and we are going home," '
            "Ms Amara said.\n\nThe Syrian Democratic Forces said residents began returning on "
            "Saturday.\n")
    found = [f"{v.code}:{lede[v.span.start:v.span.end]}"
             for v in lint(lede, select=["HL201", "ST004", "QT303"])]
    assert found == ["HL201:" + lede.partition("\n")[0], "ST004:SDF", "QT303:Ms Amara"]
    # in Markdown, a first paragraph under no heading was already body copy
    md = [v.code for v in lint(lede, path="a.md", select=["HL201", "ST004", "QT303"])]
    assert md == ["HL201", "ST004", "QT303"]
    # the line it points at ends before a CRLF line break
    crlf = lede.replace("\n", "\r\n")
    (v,) = lint(crlf, select=["HL201"])
    assert crlf[v.span.start:v.span.end] == lede.partition("\n")[0]


# ---- HL202 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("repeat", [
    "Syria force takes IS bastion, 'caliphate' wiped out",
    "SYRIA FORCE TAKES IS BASTION, “CALIPHATE” WIPED OUT",
    "Syria force takes IS bastion - caliphate wiped out.",
    "## Syria force takes IS bastion, 'caliphate' wiped out",
])
def test_near_copies_of_the_headline_are_repeats(lint, repeat: str) -> None:
    text = article("Syria force takes IS bastion, 'caliphate' wiped out", f"{repeat}\n\n{BODY}")
    found = lint(text, path="a.md", select=["HL202"])
    assert len(found) == 1 and text[found[0].span.start :].startswith(repeat)


def test_a_sentence_that_opens_with_the_headline_words_is_not_a_repeat(lint) -> None:
    text = article("US to keep troops in Syria",
                   "US to keep troops in Syria until the end of the year, officials said. " + BODY)
    assert codes(lint(text, path="a.md", select=["HL202"])) == []


@pytest.mark.parametrize(("headline", "lede"), [
    ("Flood waters recede in York", "Flood waters receded in York."),
    ("Council approves new cycle lanes", "The council approved new cycle lanes."),
    ("Police arrest man after Leeds shop robbery",
     "Police arrested a man after a Leeds shop robbery."),
])
def test_a_short_lede_in_other_words_is_not_a_repeat(lint, headline: str, lede: str) -> None:
    # its safe fix would delete the story's first paragraph
    text = f"{headline}\n\n{lede}\n\n{BODY}\n"
    assert codes(lint(text, select=["HL202"])) == []


def test_an_h1_restating_the_front_matter_title_is_not_a_pasted_repeat(lint) -> None:
    text = "---\ntitle: US to keep troops in Syria\n---\n# US to keep troops in Syria\n\n" + BODY
    assert codes(lint(text, path="a.md", select=["HL202", "HL205"])) == []


def test_front_matter_without_a_title_leaves_a_later_h1_a_repeat(lint) -> None:
    # the first heading is the headline, so the second is pasted, not a CMS title restated
    text = ("---\ndate: 2019-03-23\nauthor: Staff reporter\n---\n# US to keep troops in Syria\n\n"
            "# US to keep troops in Syria\n\n" + BODY)
    found = lint(text, path="a.md", select=["HL202"])
    assert codes(found) == ["HL202"] and text[found[0].span.start:].startswith("# US")


@needs_data
def test_no_repeat_in_clean_news(lint) -> None:
    for name, headline, body in news_pairs():
        found = lint(article(headline, body), path="a.md", select=["HL202"])
        assert "HL202" not in codes(found), name


# ---- HL203 ---------------------------------------------------------------------------------


@needs_data
def test_real_headlines_fit_their_own_stories(lint) -> None:
    pairs = news_pairs()
    flagged = [name for name, h, b in pairs
               if "HL203" in codes(lint(article(h, b), path="a.md", select=["HL203"]))]
    assert len(flagged) <= 0.02 * len(pairs), flagged


@needs_data
@pytest.mark.parametrize("shift", [1, 37])
def test_headlines_moved_to_other_stories_are_caught(lint, shift: int) -> None:
    pairs = news_pairs()
    caught = 0
    for i, (_, _, body) in enumerate(pairs):
        headline = pairs[(i + shift) % len(pairs)][1]
        caught += "HL203" in codes(lint(article(headline, body), path="a.md", select=["HL203"]))
    assert caught >= 0.9 * len(pairs)


@pytest.mark.parametrize(("headline", "body"), [
    # shortenings: "Syria force" for the Syrian Democratic Forces, "SDF" for its expansion
    ("Syria force takes IS bastion, SDF says 'caliphate' wiped out",
     "The Syrian Democratic Forces said on Saturday that the last Islamic State enclave at Baghouz "
     "had fallen, and that IS was eliminated as a territorial power after five years of fighting. "
     "Coalition officials confirmed that the caliphate no longer held any land in the country."),
    # accents aside
    ("Kaczynski promises tougher sentences for abusers",
     "Jarosław Kaczyński, leader of Poland's governing party, promised on Saturday that people who "
     "abuse children would face much longer prison terms under a bill his party would bring to the "
     "parliament next month, after a documentary about abuse in the church shocked the country."),
])
def test_headlines_that_share_few_words_with_their_story_still_fit(lint, headline, body) -> None:
    assert codes(lint(f"{headline}\n\n{body}", select=["HL203", "HL207"])) == []


def test_too_short_a_body_is_not_judged(lint) -> None:
    text = "Council approves cycle lanes\n\nFlood waters recede."
    assert codes(lint(text, select=["HL203"])) == []


def test_support_weighs_rare_terms_more() -> None:
    body = BodyIndex("The council met on Tuesday, taking no decision on the bridge.")
    support = headline_support("Council takes decision on caliphate", body)
    weights = {t.text: t.weight for t in support.terms}
    assert weights["caliphate"] > weights["takes"]
    assert [t.text for t in support.missing()] == ["caliphate"]
    assert 0 < support.score < 1


def test_body_index_backs_inflections_acronyms_and_demonyms() -> None:
    body = BodyIndex("Syrian Democratic Forces have taken the town; self-medicating ants, "
                     "the U.S. said.")
    assert body.backs_word("Syria") and body.backs_word("force") and body.backs_word("takes")
    assert body.backs_word("medicating")
    assert body.backs_acronym("SDF") and body.backs_acronym("US")
    assert not body.backs_word("bastion") and not body.backs_acronym("NATO")


# ---- HL206 / HL207 -------------------------------------------------------------------------


def test_a_number_the_story_does_not_give(lint) -> None:
    found = [v for v in lint("US to keep 200 troops in Syria\n\n" + BODY, select=["HL"])
             if v.code == "HL206"]
    assert len(found) == 1 and '"200"' in found[0].message
    assert codes(lint("US to keep 2,000 troops in Syria\n\n" + BODY, select=["HL206"])) == []
    assert codes(lint("US to keep 2000 troops in Syria in 2019\n\n" + BODY, select=["HL206"])) == []


def test_a_round_number_is_backed_by_the_figure_it_rounds() -> None:
    assert BodyIndex("Rescuers saved 908 people.").backs_number(900)
    assert not BodyIndex("About 2,000 troops stay.").backs_number(200)


def test_a_number_is_backed_by_a_more_precise_figure_that_rounds_to_it(lint) -> None:
    body = ("Spain's jobless rate reached 17.4% in the first quarter, the national statistics "
            "office said on Friday, the highest rate in eleven years. Growth is forecast at 2.74% "
            "this year, down from a forecast of 3.1% made in the autumn by the central bank.")
    for headline in ("Spain's unemployment rate surpasses 17 percent",
                     "Spanish growth forecast cut to 2.7%"):
        assert codes(lint(article(headline, body), select=["HL206"])) == []
    assert not BodyIndex("Growth is forecast at 2.76% this year.").backs_number(2.7)
    assert not BodyIndex("The jobless rate reached 18% in March.").backs_number(17)
    # a half rounds up, as newsrooms round, not to the even neighbour as Python's round()
    assert BodyIndex("The jobless rate reached 16.5% in March.").backs_number(17)
    assert BodyIndex("Turnout was 2.25 million.").backs_number(2.3e6)
    assert not BodyIndex("The jobless rate reached 16.5% in March.").backs_number(16)
    # a figure rounds to the headline's only as a more precise form of it, not as 5 to 10
    assert not BodyIndex("Five of the schools shut.").backs_number(10)
    assert not BodyIndex("Fifty of the schools shut.").backs_number(100)
    assert BodyIndex("Sales rose by 0.96 percent.").backs_number(1)
    assert BodyIndex("Spending reached $1.35 trillion.").backs_number(1e12)


def test_a_headline_may_add_up_the_parts_the_story_gives(lint) -> None:
    # gum-news-asylum: "Over 900" over a story of 700 rescued by fishermen and 200 by the navy
    body = ("Fishermen pulled more than 400 migrants from the sea off Lampedusa on Sunday, and "
            "the coastguard rescued 150 more from a second boat, officials said. Most of those "
            "rescued were from Eritrea and Sudan and were taken to a centre on the island.")
    assert codes(lint(article("More than 550 migrants rescued off Lampedusa", body),
                      select=["HL206"])) == []
    assert codes(lint(article("More than 600 migrants rescued off Lampedusa", body),
                      select=["HL206"])) == ["HL206"]
    # figures in different sentences, or a year, are no parts of one total
    assert not BodyIndex("In 2013, 400 people were rescued.").backs_total(2413)
    assert not BodyIndex("Fishermen saved 400. The navy saved 150 more.").backs_total(550)


def test_a_headline_abbreviates_billions_with_a_b(lint) -> None:
    body = ("Hewlett-Packard announced on Tuesday that it will acquire Electronic Data Systems for "
            "US$13.9 billion in an all-cash deal, the largest purchase in its history after the "
            "merger with Compaq, doubling the size of its services business in one stroke.")
    assert codes(lint(article("HP to acquire EDS for $13.9B", body), select=["HL206"])) == []
    assert [v for v, _, _ in numbers_in("$13.9B, 2tn and Group B")] == [13.9e9, 2e12]
    # a lower-case b is no billion: a flat, a section, a form
    assert [v for v, _, _ in numbers_in("Flat 4b, section 12b")] == [4, 12]


def test_a_year_cut_to_two_digits_is_a_year(lint) -> None:
    body = ("Tokyo's Nikkei index fell to lows not seen since October 1982 on Friday, as the "
            "government's budget for the fiscal year 2014 to 2015 failed to reassure investors "
            "that the railway and the rest of the economy would recover from the long slump.")
    for headline in ("Nikkei at lowest level since '82", "Nikkei falls despite 2014-15 budget",
                     "Nikkei falls despite 2014/15 budget"):
        assert codes(lint(article(headline, body), select=["HL206"])) == [], headline
    assert codes(lint(article("Nikkei falls 15 points", body), select=["HL206"])) == ["HL206"]


def test_a_name_the_story_never_mentions(lint) -> None:
    found = [v for v in lint("US and Kowalczyk to keep troops in Syria\n\n" + BODY, select=["HL"])
             if v.code == "HL207"]
    assert len(found) == 1 and "Kowalczyk" in found[0].message


# ---- HL204 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("headline", "options", "fires"), [
    ("US to keep troops in Syria.", {}, True),
    ("Troops stay in the U.S.", {}, False),
    ("US To Keep Troops In Syria Until End Of Year", {}, True),
    ("US to keep troops in Syria", {"case": "title"}, True),
    ("US to Keep Troops in Syria", {"case": "title"}, False),
    ("BREAKING: US to keep troops in Syria", {}, True),
    ("NATO backs US plan to keep troops in Syria", {}, False),
    ('US to keep "small force" in Syria', {}, False),
    ('US to keep "small force" in Syria', {"quotes": "single"}, True),
    ("US to keep 'small force' in Syria", {"quotes": "single"}, False),
    ("US officials' plan keeps troops in Syria", {"quotes": "double"}, False),
    ("US to keep troops in Syria", {"max-length": 20}, True),
])
def test_headline_style(lint, headline: str, options: dict, fires: bool) -> None:
    config = {"rules": {"HL204": options}} if options else None
    found = codes(lint(f"{headline}\n\n{BODY}", config=config, select=["HL204"]))
    assert bool(found) == fires, found


@needs_data
def test_clean_wikinews_headlines_keep_the_default_style(lint) -> None:
    for name, headline, body in news_pairs():
        assert codes(lint(article(headline, body), path="a.md", select=["HL204"])) == [], name


# ---- HL205 ---------------------------------------------------------------------------------


def test_title_and_heading_that_tell_different_stories(lint) -> None:
    text = ("---\ntitle: Council approves cycle lanes for Bristol\n---\n"
            "# US to keep troops in Syria\n\n")
    assert "HL205" in codes(lint(text + BODY, path="a.md", select=["HL205"]))
    text = "---\ntitle: US keeps 2,000 troops in Syria\n---\n# US to keep troops in Syria\n\n"
    assert codes(lint(text + BODY, path="a.md", select=["HL205"])) == []


def test_description_that_does_not_back_the_headline(lint) -> None:
    text = ("---\ndescription: Bristol council approves a network of new cycle lanes in the city\n"
            "---\n# US to keep troops in Syria\n\n")
    assert "HL205" in codes(lint(text + BODY, path="a.md", select=["HL205"]))


# ---- terms ---------------------------------------------------------------------------------


def test_rarity_table_ranks_news_words() -> None:
    idf = rarity().idf
    assert idf(stem("the")) < idf(stem("said")) < idf(stem("troops")) < idf(stem("caliphate"))
    assert idf("zzzunseen") == rarity().ceiling


def test_numbers_in_reads_separators_and_scales() -> None:
    values = [v for v, _, _ in numbers_in("2,000 troops, 1.5 million people, $3bn, 45")]
    assert values == [2000, 1_500_000, 3_000_000_000, 45]
    assert not re.search(r"\d", "".join(str(v) for v, _, _ in numbers_in("no numbers")))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("7 days", [(7, 0, 1)]),  # at the very start
        ("F16 and x2 and 4x4", [(4, 15, 16)]),  # not inside a word, but after one
        ("v.2 and .5 and 3.4.5", [(3.4, 15, 18)]),  # not after a dot
        ("1,23 and 12,345,678", [(1, 0, 1), (23, 2, 4), (12_345_678, 9, 19)]),
        ("\u0663 and 5k", [(3, 0, 1), (5000, 6, 8)]),  # any decimal digit
    ],
)
def test_numbers_in_takes_numbers_that_stand_alone(text: str, found: list) -> None:
    assert numbers_in(text) == found
