"""Tests of the spelling family (SP101-SP104), its lexicon, n-gram model and ``newslint train``."""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import os
import re
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from click.testing import CliRunner

from newslint import ngram
from newslint.cli import main
from newslint.config import Config
from newslint.confusables import (
    FUNCTION,
    HOMOPHONE,
    ONE_SLIP,
    SUBSTITUTION,
    confusion_kind,
    confusion_sets,
    homophone_table,
    inflections,
)
from newslint.engine import Options, Session, lint_text
from newslint.lexicon import (
    Lexicon,
    SortedTable,
    _slip_odds,
    data_path,
    default_lexicon,
    edits1,
    one_edit_neighbours,
    read_lines,
    words_text,
)
from newslint.manager import get_plugin_manager
from newslint.ngram import CountTable, NgramCounts, NgramModel, PairCounts, Places, load_books
from newslint.phrases import set_phrases
from newslint.readers.markdown import MarkdownReader
from newslint.rules.spelling import RealWordSlip
from newslint.slip_grammar import ruled_out
from newslint.slips import (
    FEATURES,
    SlipWeights,
    is_topical,
    load_model,
    slip_candidates,
    slip_evidence,
    slip_weights,
    topic_words,
)
from newslint.train import build_model, iter_articles
from newslint.violation import Severity
from tests.shared import SEED


@pytest.fixture(scope="module")
def pm():
    return get_plugin_manager()


def sp(pm, text: str, config: Config | None = None, path: str = "article.md"):
    """The SP findings in ``text`` as (code, flagged text, suggestions, severity)."""
    result = lint_text(pm, text, path, config or Config(), select=["SP"])
    return [
        (
            v.code,
            text[v.span.start : v.span.end],
            [s.replacement for s in v.suggestions],
            v.severity,
        )
        for v in result.violations
    ]


# ---- SP101 misspelled word -------------------------------------------------------------


def test_misspelling_flagged_with_intended_word_first(pm):
    found = sp(pm, "The county council dceided on Tuesday to close the library on Elm Street.\n")
    assert [(c, w) for c, w, *_ in found] == [("SP101", "dceided")]
    assert found[0][2][0] == "decided"


@pytest.mark.parametrize(
    ("sentence", "word", "meant"),
    [
        ("The group was marxist in its views, officials said.", "marxist", "Marxist"),
        ("She called him on skype from her office last week.", "skype", "Skype"),
        ("He bought an iphone for his daughter last year.", "iphone", "iPhone"),
    ],
)
def test_a_name_in_lower_case_is_offered_its_capitals(pm, sentence, word, meant):
    # not the nearest lower-case word: "artist", "slype", "phone"
    [(flagged, suggestions)] = sp101(pm, sentence)
    assert (flagged, suggestions[0]) == (word, meant)


@pytest.mark.parametrize(("typo", "meant"), [("nad", "and"), ("mayer", "mayor")])
def test_a_typo_is_not_taken_for_a_rare_name(pm, typo, meant):
    # NAD and Mayer are in the dictionary, but a slip of a common word is far likelier
    [(flagged, suggestions)] = sp101(pm, f"The {typo} said on Monday the plan would go ahead.")
    assert (flagged, suggestions[0]) == (typo, meant)


def test_known_misspelling_suggests_its_correction(pm):
    found = sp(pm, "The goverment said the aid would arrive next week.\n")
    assert found[0][:3] == ("SP101", "goverment", ["government"])


@pytest.mark.parametrize(
    ("sentence", "typo", "meant"),
    [
        ("The minister was acquited of all charges on Tuesday.", "acquited", "acquitted"),
        ("The fouth round of talks ended without a deal.", "fouth", "fourth"),
        ("Police found gas cannisters in the van.", "cannisters", "canisters"),
    ],
)
def test_a_rare_word_that_is_a_common_misspelling_is_reported(pm, sentence, typo, meant):
    # SCOWL's huge lists hold them as rare words ("acquited", "fouth"), accepted as spelt
    # right; codespell lists each as a common misspelling, which in news it nearly always is
    found = sp(pm, sentence + "\n")
    assert [(c, w) for c, w, *_ in found] == [("SP101", typo)]
    assert found[0][2][0] == meant


@pytest.mark.parametrize(
    "sentence",
    [
        "White House press secretary Sarah Huckabee Sanders said the SDF took Baghouz.",
        "Joseph Votel said al-Baghdadi's capture would be a coveted prize for the YPG.",
        "Readers can write to tips@example.org or visit https://www.example.org/news-desk today.",
        "The mayor posted the plan under #SaveOurLibrary and tagged @CityHallPress on Monday.",
        "The 4x4 reached 120km/h on the A23, and 2,000 people watched the 10km race.",
    ],
)
def test_names_acronyms_links_and_numbers_are_not_misspellings(pm, sentence):
    assert sp(pm, sentence + "\n") == []


@pytest.mark.parametrize(
    ("sentence", "typo", "meant"),
    [
        ("The mayor said the problem occured at the meeting on Tuesday.", "occured", "occurred"),
        ("The meeting will not start untill noon, the mayor said.", "untill", "until"),
        ("It was the begining of the end, the mayor said on Tuesday.", "begining", "beginning"),
        ("The mayor said it was truely a great day for the town.", "truely", "truly"),
        ("Each party was alloted ten minutes to speak.", "alloted", "allotted"),
    ],
)
def test_a_known_misspelling_is_no_word_with_an_ending_or_prefix(pm, sentence, typo, meant):
    # "occur" + "ed", "un" + "till", "true" + "ly": read as a known word with a common ending
    # or prefix added, as news coins them ("reposted"), these everyday slips were never
    # reported; English doubles the consonant or drops the "e" there
    [(flagged, suggestions)] = sp101(pm, sentence)
    assert (flagged, suggestions[0]) == (typo, meant)


def test_a_known_misspelling_is_no_compound_of_two_words(pm):
    # "public" + "ally", "when" + "ever": read as two common words written together, as news
    # coins them ("studymate"), these listed slips were never reported
    text = "The report was never made publically available, the mayor said."
    [(flagged, suggestions)] = sp101(pm, text)
    assert (flagged, suggestions[0]) == ("publically", "publicly")
    # nor quoted on its own, where a compound of two dictionary words is taken for a coinage
    # ('pairs of "handpaws"'): a listed slip in quotes passed
    text = 'They called it "noteable" work, and the site was "accessable" to all, the mayor said.'
    assert [(w, s[0]) for w, s in sp101(pm, text)] == [
        ("noteable", "notable"), ("accessable", "accessible")
    ]


def test_a_short_known_misspelling_opening_a_sentence_is_reported_in_its_case(pm):
    # a capitalised slip under six letters was always taken for a name, so "Teh" and "Thier"
    # at a sentence's start passed, where a copy desk sees them first
    text = ("Teh council decided on Tuesday to close the library. Thier members voted for "
            "it.\n")
    assert [(w, s[0]) for c, w, s, _ in sp(pm, text)] == [("Teh", "The"), ("Thier", "Their")]
    # a name is written inside a sentence too, or opens one with the rest of the name
    names = ("Minister Wee Teh spoke. Teh said the council would decide. Raed Juhi, a "
             "spokesman, agreed.\n")
    assert sp(pm, names) == []
    # with a possessive too: the name opening a sentence in full, or written inside one
    assert sp(pm, "Brin's Google stake rose sharply this year.\n") == []
    assert sp(pm, "Shares of the Brin\u2019s company rose. Brin's stake rose.\n") == []


def test_a_long_known_misspelling_written_twice_as_a_name_with_a_possessive(pm):
    # "brough" is codespell's slip of "brought" and the town of a BAE Systems factory: written
    # twice inside sentences, it is a name, and "Brough's" is one of those two as "Brin's" is
    # for a short one; counted bare, once, both were reported
    text = ("BAE Systems builds the Hawk trainer at its factory in Brough, and union officials "
            "said Brough's workers voted on Tuesday to strike over pay.\n")
    assert sp(pm, text) == []
    # once, a capitalised slip of that length is still one
    assert [w for c, w, *_ in sp(pm, "Officials said the Goverment's plan had failed.\n")] == [
        "Goverment's"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Teh European Union said on Tuesday that it would extend the sanctions.",
        "Teh UN agreed to send more aid to the region, officials said.",
    ],
)
def test_a_slip_of_a_function_word_before_a_name_opening_a_sentence(pm, sentence):
    # a capitalised word after a short known misspelling made it the first half of a name,
    # so "Teh" passed before "European" or "UN": a function word opens a noun phrase, names
    # and all, and no name is one
    assert [(w, s[0]) for w, s in sp101(pm, sentence)] == [("Teh", "The")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Raed Juhi, a spokesman for the court, said the trial would resume.",
        "Calle Schlettwein, the finance minister, said the budget was sound.",
        "Abd Rabbo Mansour Hadi returned to Aden on Tuesday.",
    ],
)
def test_a_name_that_is_a_known_misspelling_opening_a_sentence_in_full(pm, sentence):
    # "raed", "calle" and "abd" are codespell's slips of "read", "called" and "and": a name
    # all the same, before the rest of a name no dictionary holds
    assert sp101(pm, sentence) == []


def test_a_surname_that_is_a_known_misspelling_is_a_name_once_the_story_names_the_person(pm):
    # codespell lists "cleary" (for "clearly") and "markey": as surnames, after a title or in a
    # full name, they are names wherever they appear; a misspelling beside them is still one
    text = (
        "Goverment officials met Mr Cleary on Tuesday. Cleary said the talks went well.\n\n"
        "Senator Ed Markey agreed. Markey's aide said so.\n"
    )
    assert [(c, w) for c, w, *_ in sp(pm, text)] == [("SP101", "Goverment")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Volunteers collected sand crabs (Emerita talpoida) and tagged sevengill sharks.",
        "The neo-pagan group co-ordinated a photoshoot with its studymate on the watchlist.",
        "The film, Tylko nie mów nikomu, was released online in May.",
    ],
)
def test_species_compounds_and_foreign_words_are_not_misspellings(pm, sentence):
    assert [f for f in sp(pm, sentence + "\n") if f[0] == "SP101"] == []


def test_a_latin_looking_typo_after_a_capitalised_determiner(pm):
    # a species name's second half follows its capitalised genus ("Emerita talpoida"), but a
    # sentence's capitalised "The" is no genus: "milita" after it is a typo
    text = "The milita said it had taken the town. Emerita talpoida burrows in wet sand.\n"
    assert [(c, w, s[0]) for c, w, s, _ in sp(pm, text)] == [("SP101", "milita", "militia")]


def test_a_typo_amid_terms_the_dictionary_lacks_is_still_flagged(pm):
    # three unknown words, far apart in a long English sentence: a typo and two terms, not a
    # passage of another language (from a GUM interview)
    sentence = (
        "What we could do was to study anatomy, so that when we have samples preserved for"
        " studying the genome, transcriptome, or metabolome, or conduct tests of the fluid in"
        " the burrows or in the animals themsevles, we can make precise comparisons.\n"
    )
    assert [(w, s[0]) for c, w, s, _ in sp(pm, sentence) if c == "SP101"] == [
        ("themsevles", "themselves")
    ]


def test_three_typos_in_an_english_sentence_are_not_another_language(pm):
    # three unknown words in a short sentence made it read as a quotation in another language,
    # and none was reported; each is a slip of a word news uses amid English function words
    text = "Last week teh council dceided to close the library after the goverment cut its funds."
    assert [(w, s[0]) for w, s in sp101(pm, text)] == [
        ("teh", "the"), ("dceided", "decided"), ("goverment", "government")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # too few of the sentence's words to make it French, but a run of them
        "Organisers, who had planned the march for months and expected thousands of people"
        " from across the region to join them on the long walk to the capital, chanted"
        ' "nous sommes tous ensemble ici" as they passed the palace and the cathedral on'
        " Sunday afternoon.",
        # far apart, but a sixth of the sentence: a quotation mixed in, not three typos
        "Voters in the town chose puede over the other word, then continuar, and at the very"
        " end gobernador.",
    ],
)
def test_words_of_another_language_amid_english_are_left_alone(pm, sentence):
    assert sp101(pm, sentence) == []


def test_house_words_and_dictionaries_relative_to_config(pm, tmp_path):
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "house.txt").write_text("# house list\nwikinewsie\n", encoding="utf-8")
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text(
        '[rules.SP101]\nwords = ["fursuiter"]\ndictionaries = ["words/house.txt"]\n',
        encoding="utf-8",
    )
    text = "One fursuiter told a wikinewsie that the convention grew again this year.\n"
    assert [w for _, w, *_ in sp(pm, text)] == ["fursuiter", "wikinewsie"]
    assert sp(pm, text, Config.load(cfg)) == []


def test_a_house_word_covers_its_plural_and_prefixed_forms(pm):
    # as a dictionary word does ("podcasters", "unvaccinated"): the plural of a house word was
    # reported, and with the house word itself as the fix ('did you mean "vaxxer"?')
    text = ("The mayor said the vaxxers gathered outside the hall. Some anti-vaxxers came "
            "from the north on ebikes.\n")
    assert [(w, s[:1]) for _, w, s, _ in sp(pm, text)] == [
        ("vaxxers", ["taxers"]), ("anti-vaxxers", ["anti-taxers"]), ("ebikes", ["bikes"]),
    ]
    house = Config.from_dict({"rules": {"SP101": {"words": ["vaxxer", "ebike"]}}})
    assert sp(pm, text, house) == []
    # a slip of the house word is still one
    assert [(w, s[:1]) for _, w, s, _ in sp(pm, "One vaxer spoke.\n", house)] == [
        ("vaxer", ["vaxxer"])
    ]


def test_a_dictionary_file_is_read_again_when_it_changes(pm, tmp_path):
    # the language server keeps its rules while the desk adds a word to the house list
    words = tmp_path / "house.txt"
    words.write_text("# house list\n", encoding="utf-8")
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('[rules.SP101]\ndictionaries = ["house.txt"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Convention news\n\nA wikinewsie told us the convention grew.\n",
                       encoding="utf-8")
    session = Session(pm, Options(select=["SP101"]))

    def flagged() -> list[str]:
        (result,) = session.run([str(article)])
        return [result.document.source[v.span.start : v.span.end] for v in result.violations]

    assert flagged() == ["wikinewsie"]
    words.write_text("# house list\nwikinewsie\n", encoding="utf-8")
    assert flagged() == []


def test_a_dictionary_saved_with_a_byte_order_mark_knows_its_first_word(pm, tmp_path):
    # Notepad saves UTF-8 with a byte-order mark, which is no part of the first word
    (tmp_path / "house.txt").write_bytes("\ufeffwikinewsie\r\nfursuiter\r\n".encode())
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text('[rules.SP101]\ndictionaries = ["house.txt"]\n', encoding="utf-8")
    text = "One fursuiter told a wikinewsie that the convention grew again this year.\n"
    assert sp(pm, text, Config.load(cfg)) == []


@pytest.mark.parametrize("written", ["cap\u2019n", "cap'n"])
def test_a_house_word_with_a_curly_apostrophe_matches_either(pm, written):
    # a word list pasted from a word processor has curly apostrophes; the word was then never
    # known, and was even offered as the fix of itself ('did you mean "cap’n"?')
    text = f"The {written} of the ferry said the crossing was calm.\n"
    assert [w for _, w, *_ in sp(pm, text)] == [written]
    assert sp(pm, text, Config.from_dict({"rules": {"SP101": {"words": ["cap\u2019n"]}}})) == []


def sp101(pm, text: str, config: Config | None = None):
    """The SP101 findings in ``text`` as (flagged text, suggestions)."""
    return [(w, s) for c, w, s, _ in sp(pm, text + "\n", config) if c == "SP101"]


@pytest.mark.parametrize(
    "sentence",
    [
        # terms no dictionary word is near
        "This included prescriptions for oxycodone tied to a West Virginia woman's death.",
        "The data were stored on servers that were misconfigured to allow public access.",
        # other languages, and phrases English borrows
        'Protesters chanted "libertad y seguridad" outside the palace on Sunday.',
        "Penguins return to the colony en masse after a foraging trip.",
        "He served as speaker pro tem of the chamber for fourteen years.",
        "They defended the importance of the fa'a Samoa, the Samoan way of life.",
        "The researchers chose Caudipteryx zoui, a dinosaur the size of a peacock.",
        # compounds and derivations of known words
        "Investigators traced the sales to a darknet market run from Europe.",
        "A mobile escape room allowed playthroughs for VIP attendees.",
        "Boeing is also working with NASA on human-crewable spacecraft.",
        "Our recordings are used in a number of commercialish projects.",
        "I only know the preparedness of the gov't from what I read in cyber space.",
        "The retailer said on Sunday that it was hit by a cyber attack.",
        "We need a commitment that there'll be no new taxes.",
        "It is equipped with a 33 bhp, 624 cc engine at the rear.",
        # a term named in quotes; a handle; an editor's completion
        'He wants to take over "aywv" and do more gaming news.',
        'Sean had made over a thousand pairs of "handpaws", costume gloves.',
        "Cosplayers torontogroot as Beast Boy and raven_alwayz as Raven.",
        'The minister was "[e]xtremely pained" to hear of the death.',
        # a term of the article's subject in its forms
        "Several countries ban niqabs. The niqab ban was first proposed by the niqab critics.",
    ],
)
def test_terms_foreign_phrases_and_compounds_are_not_misspellings(pm, sentence):
    assert sp101(pm, sentence) == []


def test_a_word_of_a_name_in_another_language_is_no_misspelling(pm):
    # French and German names write their adjectives and verbs in lower case after a
    # capitalised word no English news uses, alone or as a name ("Rue", "Loi", "Chancen"):
    # each such word was reported as a misspelling ("nationale" of "national")
    text = ("The procession reached the Rue nationale at noon. The Loi organique was passed "
            "in 2001, and a programme named Deutschlands Chancen nutzen followed.")
    assert sp101(pm, text) == []
    # an easy slip after such a name is still one, and so is a word after a name news uses
    text = ("Minister Zinichev decdied to resign. The Melbourne suspsects were freed, and "
            "Rue nationale was closed.")
    assert [w for w, _ in sp101(pm, text)] == ["decdied", "suspsects"]
    # as is a letter struck for another in a common word ("dacided" of "decided")
    text = "Minister Zinichev dacided to resign, and Senator Blumenthol sayd so."
    assert [w for w, _ in sp101(pm, text)] == ["dacided", "sayd"]


def test_a_dropped_g_marked_by_an_apostrophe_is_no_misspelling(pm):
    # background articles quote 'Who we'all honorin' today?' and the song "Ain't No Stoppin'
    # Us Now": each was reported as a misspelling of "honoring", "Stopping"
    text = ('She said, "Who we\'all honorin\' today?" The list named "Ain\u2019t No '
            "Stoppin\u2019 Us Now\" by McFadden & Whitehead.\n")
    assert sp101(pm, text) == []
    # without the apostrophe that marks it, the dropped letter is a slip
    assert [w for w, _ in sp101(pm, "She said the group was honorin the dead.")] == ["honorin"]


def test_a_slip_of_a_one_syllable_ing_word_before_a_closing_single_quote(pm):
    # British copy quotes in single marks, so the apostrophe after "brin" closed the quote but
    # passed it for a dropped "g" ("bring"); a one-syllable "-ing" never drops its "g"
    text = "The finance minister said the economy had been pulled back 'from the brin'."
    [(word, suggestions)] = sp101(pm, text)
    assert word == "brin" and "brink" in suggestions
    # the dropped "g" of an unstressed ending still passes in single quotes
    assert sp101(pm, "'We got nothin' left,' the farmer said. 'I was just sittin' there.'") == []


def test_a_loanword_written_without_its_accents_is_no_misspelling(pm):
    # background articles write "melee", "protege", "attache" and "emigre" as English
    # usually does; the word list has them only as "mêlée", "protégé", "attaché", "émigré"
    text = (
        "An estimated 30 civilians were reportedly injured in the melee. Yadav, a protege of "
        "the railway minister, resigned after the expulsion of the naval attache. Melees broke "
        "out near the home of an emigre, and a protoge of the minister was arrested.\n"
    )
    assert [w for w, _ in sp101(pm, text)] == ["protoge"]


def test_a_foreign_set_phrase_is_english_only_as_a_whole(pm):
    # background articles write these phrases without italics, as English does; each phrase
    # has a word the word list lacks ("absentia", "officio", "majeure", "gratae")
    text = (
        "Timane Erdimi was sentenced to death in absentia. Two Duca aides are government "
        "members ex officio, beside 850 ex-officio delegates. Police said Shepherd's modus "
        "operandi involves fake web sites. He found prima facie evidence of corruption. He "
        "graduated magna cum laude in 1991. French was a diplomatic lingua franca. Deposits "
        "were lost through force majeure. It replaced the entente cordiale agreement. Two "
        "diplomats were declared personae non gratae. It was a casus belli, he said.\n"
    )
    assert sp101(pm, text) == []
    # a slip inside a phrase, or its words alone, are still misspellings
    slips = (
        "He was tried in absentai last year. He noted the absentia of the minister. Lawyers "
        "sought a writ of habeus corpus. The firm cited force majuere after the floods.\n"
    )
    assert [w for w, _ in sp101(pm, slips)] == ["absentai", "absentia", "habeus", "majuere"]


def test_every_set_phrase_holds_a_word_the_word_list_lacks():
    # a phrase of dictionary words alone would change nothing: the list stays what it is for
    lexicon = default_lexicon()
    for phrases in set_phrases().values():
        for phrase in phrases:
            assert any(not lexicon.knows(w) and not lexicon.is_derived(w) for w in phrase), phrase


def test_rhyming_pairs_are_no_misspellings(pm):
    # background articles: "I was sort of wishy-washy on the death penalty", "sitting up in
    # bed at night with a walkie-talkie"; dictionaries list such pairs only in part
    text = (
        "Before I was a parent, I was sort of wishy-washy on the death penalty. I sat up in "
        "bed at night with a walkie-talkie. Critics called it hanky-panky and mumbo-jumbo.\n"
    )
    assert sp101(pm, text) == []
    # a slip breaks the rhyme
    assert [w for w, _ in sp101(pm, "He was wisy-washy about it.\n")] == ["wisy-washy"]


def test_a_name_particle_between_names_is_no_misspelling(pm):
    # background articles: "the terrorists, who call themselves the Muadh ibn Jabal Brigades"
    text = "The Muadh ibn Jabal Brigades said they held the journalists.\n"
    assert sp101(pm, text) == []
    assert [w for w, _ in sp101(pm, "He said ibn was the word.\n")] == ["ibn"]


@pytest.mark.parametrize(
    ("sentence", "slip", "meant"),
    [
        ("However, the JSC will recieve pilot and commander seats.", "recieve", "receive"),
        (
            "Bystanders foil knife-weilding man on London Bridge.",
            "knife-weilding",
            "knife-wielding",
        ),
        (
            "In all, 33 were reported hopitalised with five seriously injured.",
            "hopitalised",
            "hospitalized",
        ),
        (
            'He made the first "sacewalk" and stayed outside for twelve minutes.',
            "sacewalk",
            "spacewalk",
        ),
        ("Europe's darknet markets sold drugs to mulitple buyers.", "mulitple", "multiple"),
    ],
)
def test_slips_are_still_flagged_with_the_word_meant(pm, sentence, slip, meant):
    assert [(w, s[0]) for w, s in sp101(pm, sentence)] == [(slip, meant)]


@pytest.mark.parametrize(
    ("typo", "word", "odds"),
    [
        ("cused", "caused", 1.0),  # a letter dropped
        ("ewst", "east", 1 / 26),  # a letter struck for another
        ("ewst", "west", 0.1),  # two letters swapped, at the first letter
        ("teh", "the", 1.0),
        ("communnity", "community", 1.0),  # a key struck twice
        ("helloo", "hello", 1.0),
        ("hhello", "hello", 1.0),  # the first letter struck twice is right
        ("cused", "used", 0.1 / 26),  # a letter added, at the first letter
        ("helxlo", "hello", 1 / 26),
    ],
)
def test_slip_odds_weigh_each_kind_of_slip(typo, word, odds):
    assert _slip_odds(typo, word) == pytest.approx(odds)


@pytest.mark.parametrize(
    ("sentence", "slip", "meant", "commoner"),
    [
        # a dropped letter, not one added at the front of a commoner word
        ("Heavy rain cused flooding in the valley on Monday.", "cused", "caused", "used"),
        # two letters swapped, not one struck for another
        ("The storm moved ewst across the state overnight.", "ewst", "west", "east"),
        # a dropped letter, not one added to a commoner word
        ("The mayr said the bridge would reopen in March.", "mayr", "mayor", "may"),
    ],
)
def test_the_likeliest_slip_is_suggested_first(pm, sentence, slip, meant, commoner):
    ((word, suggestions),) = sp101(pm, sentence)
    assert (word, suggestions[0]) == (slip, meant)
    assert commoner in suggestions
    lexicon = default_lexicon()
    assert lexicon.frequency(commoner) > lexicon.frequency(meant)


def test_unsuggested_option_reports_words_no_word_is_near(pm, tmp_path):
    cfg = tmp_path / ".newslint.toml"
    cfg.write_text("[rules.SP101]\nunsuggested = true\n", encoding="utf-8")
    text = "This included prescriptions for oxycodone tied to a woman's death."
    assert sp101(pm, text) == []
    assert sp101(pm, text, Config.load(cfg)) == [("oxycodone", [])]


# ---- SP102 real-word slip --------------------------------------------------------------


def test_seed_slip_forced_for_forces(pm):
    text = (
        "The warning comes from Joseph Votel, the top commander of U.S. forced in the Middle East, "
        "who said in February that the fight against ISIS was not over.\n"
    )
    found = [f for f in sp(pm, text) if f[0] == "SP102"]
    assert [(w, s[0]) for _, w, s, _ in found] == [("forced", "forces")]


def test_a_long_article_is_judged_for_slips_a_part_at_a_time(pm, monkeypatch):
    # an 8 MB article's 1.4 million words were judged in one call, whose arrays held a
    # gigabyte: they are judged some thousands of words at a time, in whole sentences, with
    # the same findings (here a part is 60 words, a few sentences)
    from newslint import slips

    story = " ".join(SLIP_SENTENCES.values())
    text = "Court hears fraud case\n\n" + "\n\n".join([story] * 30) + "\n"
    judged = slips.slip_candidates
    calls: list[int] = []

    def counted(model, books, sentences, topical):
        calls.append(sum(len(words) for words, _, _ in sentences))
        return judged(model, books, sentences, topical)

    monkeypatch.setattr(slips, "slip_candidates", counted)
    monkeypatch.setattr(slips, "CHUNK_WORDS", 10**9, raising=False)
    at_once = sp(pm, text)
    assert len(calls) == 1
    monkeypatch.setattr(slips, "CHUNK_WORDS", 60, raising=False)
    calls.clear()
    assert sp(pm, text) == at_once
    # told thirty times, "form", "forced" and "trail" are words of the story's subject, which
    # must pass by TOPICAL_MARGIN more: "suffering form cancer" does, each time
    assert [w for c, w, *_ in at_once if c == "SP102"] == ["form", "Their"] * 30
    longest = max(len(sentence.split()) for sentence in SLIP_SENTENCES.values())
    assert len(calls) > 1 and max(calls) < 60 + 2 * longest


def test_a_long_article_s_sentences_are_let_go_once_judged_for_slips(monkeypatch):
    # SP102 kept its view of every sentence (its prose tokens, the words as the model reads
    # them) to the end of the check: 150 MB of an 8 MB article's 676 MB peak; past the first
    # part's worth, each is now let go once read, and what the check holds at its peak grows
    # by the findings and the names' words it weighs, not by every word
    import tracemalloc

    from newslint import slips

    monkeypatch.setattr(slips, "CHUNK_WORDS", 100, raising=False)
    rule = RealWordSlip()
    story = " ".join(SLIP_SENTENCES.values())

    def peak(paragraphs: int) -> tuple[int, int, int]:
        text = "Court hears fraud case\n\n" + "\n\n".join([story] * paragraphs) + "\n"
        doc = MarkdownReader().read("story.md", text)
        words = len(doc.tokens)  # the document's own, built before and held for every rule
        tracemalloc.start()
        try:
            found = sum(1 for _ in rule.check(doc))
            return tracemalloc.get_traced_memory()[1], words, found
        finally:
            tracemalloc.stop()

    peak(1)  # the models and tables loaded, the caches of common words filled
    short, short_words, found_short = peak(20)
    long, long_words, found_long = peak(400)
    # "Their" for "There" and "form" for "from" (a word of the story's subject, but plainly
    # a slip there), in every paragraph
    assert (found_short, found_long) == (40, 800)
    # it grew by some 160 bytes a word: each sentence's lists and strings
    assert (long - short) / (long_words - short_words) < 40


def test_a_word_of_the_story_s_subject_is_still_a_slip_on_strong_evidence(pm):
    # "passed" three times in fifty words is a word of this story's subject (see TOPICAL),
    # and SP102 left such words alone altogether: "debated in the passed." went unreported
    text = (
        "Senate passes term limits bill\n\n"
        "The state Senate passed a bill on Tuesday that limits lawmakers to three terms in "
        "office. The House passed a similar bill last month, and the governor is expected to "
        "sign it.\n\n"
        "Supporters said such limits had been debated many times in the passed.\n"
    )
    found = sp(pm, text)
    assert [(c, w) for c, w, *_ in found] == [("SP102", "passed")]
    assert found[0][2][0] == "past"
    # its uses in the story's own sense still pass: they need the margin to be reported
    assert sp(pm, text.replace("in the passed.", "in the past.")) == []


def test_a_word_of_the_subject_is_weighed_against_look_alikes_that_fit_both_sides():
    # such a word needs a margin to be reported, which a look-alike that fits worse on either
    # side all but never reaches: those are not weighed at all ("the passed bill": "the past"
    # is likelier, "past bill" is not), and the rule costs what it did when it skipped them
    model, books = load_model(""), load_books()

    def rows(text: str, topical: frozenset[str]) -> list[str]:
        (sentence,) = MarkdownReader().read("story.md", text).sentences
        tokens = [(t.start - sentence.start, t.text) for t in sentence.tokens]
        words, _ = ngram.sentence_words(sentence.text, tokens)
        found = slip_candidates(model, books, [(words, [words.index("passed")], [])], topical)
        return [] if found is None else found.others

    subject = frozenset({"passed"})
    assert "past" in rows("The passed bill was signed on Tuesday.", frozenset())
    assert rows("The passed bill was signed on Tuesday.", subject) == []
    assert rows("It had been debated many times in the passed.", subject) == ["past"]


def test_slip_form_for_from(pm):
    text = "He had been suffering form cancer for several years, his family said.\n"
    found = sp(pm, text)
    assert [(c, w) for c, w, *_ in found] == [("SP102", "form")]
    assert "from" in found[0][2]


SLIP_SENTENCES = {
    ("form", "from"): "He had been suffering form cancer for several years, his family said.",
    ("their", "there"): "Their was no sign of the missing boat when the coastguard arrived.",
    ("forced", "forces"): "Joseph Votel, the top commander of U.S. forced in the Middle East, "
                          "said the fight was not over.",
    ("trail", "trial"): "He will stand trail next month on charges of fraud.",
}
"""A news sentence with each slip: a pair that SP102's page names must be found in it."""


def test_the_slips_the_explain_page_names_are_found(pm):
    page = RealWordSlip.explanation().split("## Why")[0]
    named = re.findall(r'"(\w+)" for "(\w+)"', page)
    assert ("form", "from") in named
    for slip, meant in named:
        text = f"Local news\n\n{SLIP_SENTENCES[slip, meant]}\n"
        found = [(w.lower(), fixes[0].lower()) for code, w, fixes, _ in sp(pm, text, path="a.txt")
                 if code == "SP102"]
        assert found == [(slip, meant)], (slip, meant)


def test_slip_where_news_saw_neither_pair(pm):
    # News has "fishermen from" no more often than "fishermen form", nor "from Vietnam" than
    # "form Vietnam": its pairs tell nothing here, and the books and word classes decide.
    model = load_model("")
    size, index = model.size, model.index
    fishermen, form, from_, vietnam = (index[w] for w in ("fishermen", "form", "from", "vietnam"))
    keys = [fishermen * size + form, fishermen * size + from_]
    keys += [form * size + vietnam, from_ * size + vietnam]
    pairs = model.bigrams.lookup(np.array(keys))
    assert pairs.tolist() == [0, 0, 0, 0]
    text = "Three fishermen form Vietnam were rescued on Sunday.\n"
    found = [(code, word, fixes[0]) for code, word, fixes, _ in sp(pm, text)]
    assert found == [("SP102", "form", "from")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Classes for students from kindergarten to high school, pubic and private, will be "
        "cancelled on Friday, the education department said.",
        "The former minister had not made pubic appearances since his retirement in 2012, his "
        "family said.",
        "She said the plan was made with the American pubic in mind.",
        "The group said the funding would be a significant pubic benefit.",
        "The new rules make them eligible for certain pubic services.",
    ],
)
def test_a_slip_into_a_word_news_never_uses(pm, sentence):
    # "pubic" is a dictionary word that 1.6 million words of news never used: such a word is
    # far likelier a slip than meant, and its look-alikes get a lower threshold
    model = load_model("")
    assert model.unigrams[model.index["pubic"]] == 0
    found = [(code, word, fixes[0]) for code, word, fixes, _ in sp(pm, sentence + "\n")]
    assert found == [("SP102", "pubic", "public")]


@pytest.mark.parametrize(("locale", "found"), [("en-GB", []), ("en-US", [("SP104", "recognise")])])
def test_a_spelling_of_the_other_locale_is_no_real_word_slip(pm, locale, found):
    # "recognise" was reported as a slip for "recognize" in British copy too, where it is
    # right; in American copy the mixed spelling is SP104's to report, once
    text = (
        "# Top Hamas official seized by Israel\n\n"
        "On Saturday, in a pre-dawn raid, Israeli soldiers seized Nasser al-Shaer at his home "
        "in Ramallah. Israel has been cracking down on the Hamas movement, which does not "
        "recognise Israel, for the last seven weeks.\n"
    )
    assert [(c, w) for c, w, *_ in sp(pm, text, Config(locale=locale))] == found


def _sp102_trainer():
    """tools/train_sp102.py, loaded as a module against the package."""
    path = Path(__file__).parents[2] / "tools" / "train_sp102.py"
    spec = importlib.util.spec_from_file_location("train_sp102", path)
    assert spec is not None and spec.loader is not None
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    return trainer


def test_the_sp102_trainer_runs_against_the_package():
    # tools/train_sp102.py imported a helper the rules no longer have and failed at once;
    # its acceptance check, the seed article's "forced" for "forces", runs on the package
    trainer = _sp102_trainer()
    assert [meant for meant, *_ in trainer.must_catch()] == ["forces"]


def test_the_sp102_trainer_judges_a_word_of_the_subject_as_the_rule_does():
    # the trainer fits the topical margin on its own verdicts: they must be the rule's, a
    # margin just short of the look-alike's lead flagging it in both, one just past it in
    # neither
    import dataclasses

    trainer = _sp102_trainer()
    model, books, weights = load_model(""), load_books(), slip_weights()
    (sentence,) = MarkdownReader().read("story.md", "It was debated in the passed.").sentences
    tokens = [(t.start - sentence.start, t.text) for t in sentence.tokens]
    words, _ = ngram.sentence_words(sentence.text, tokens)
    at, subject = words.index("passed"), frozenset({"passed"})
    evidence = slip_candidates(model, books, [(words, [at], [])], subject)
    assert evidence is not None and evidence.others == ["past"]
    kinds = evidence.kinds()
    lead = float(
        weights.scores(kinds, evidence.features)[0]
        - weights.thresholds(kinds, evidence.written, evidence.others, evidence.features)[0]
    )
    found = list(zip(evidence.others, kinds, map(tuple, evidence.features.tolist()), strict=True))
    rows = trainer.rows_of([("passed", found, True)])
    for margin, expected in ((lead - 0.01, ["past"]), (lead + 0.01, [])):
        margined = dataclasses.replace(weights, topical_margin=margin)
        assert evidence.likely(margined, 0.0, subject).get((0, at), []) == expected
        flagged = trainer.flagged(margined, rows).tolist()
        assert [o for o, s in zip(rows.others, flagged, strict=True) if s > -math.inf] == expected


def test_correct_words_in_context_are_left_alone(pm):
    text = (
        "The trial of the former mayor began on Monday. Their lawyers said there was no case "
        "to answer, and the county will appeal the ruling.\n"
    )
    assert sp(pm, text) == []


def test_confusion_kinds_and_inflections():
    homophones = {"their": frozenset({"there"}), "principle": frozenset({"principal"})}
    assert confusion_kind("their", "there", homophones) == FUNCTION
    assert confusion_kind("principle", "principal", homophones) == HOMOPHONE
    assert confusion_kind("form", "from", homophones) == ONE_SLIP
    # the shipped list of commonly confused words holds the classic function-word slips
    assert confusion_kind("form", "from", homophone_table()) == FUNCTION
    assert confusion_kind("now", "not", homophone_table()) == FUNCTION
    assert confusion_kind("pubic", "public", homophones) == ONE_SLIP
    assert confusion_kind("forced", "forces", homophones) == SUBSTITUTION
    assert {"forces", "forcing", "force"} <= inflections("forced")


def test_one_edit_neighbours_are_the_edits_in_the_words():
    # found through shared deletions, they must be exactly what edits1 finds: substitutions and
    # insertions of LETTERS only, deletions and swaps of anything (a hyphen, an accent, a digit)
    import random

    rng = random.Random(3)
    alphabet = "abcde'-é1"
    words = {"".join(rng.choices(alphabet, k=rng.randint(1, 6))) for _ in range(4000)}
    queries = {"".join(rng.choices(alphabet, k=rng.randint(0, 7))) for _ in range(3000)}
    queries |= {"its", "it's", "form", "from", "trial"}
    words |= {"its", "it's", "from", "form", "trail", "tr-ial", "trial1"}
    found = one_edit_neighbours(words, queries)
    assert {q: found[q] for q in queries} == {q: (edits1(q) & words) - {q} for q in queries}
    assert found["its"] == {"it's"} and found["trial"] == {"trail"}  # no digit is typed in


def test_confusion_sets_of_typing_slips_inflections_and_the_list():
    counts = {"from": 900, "form": 80, "forms": 30, "trial": 50, "trail": 9, "pubic": 1,
              "public": 400, "there": 500, "their": 450, "fo": 9, "for": 990}
    sets = confusion_sets(counts, lambda w: w != "fo", [["their", "there"]], rare=["pubic"])
    assert sets["form"] == ["for", "from", "forms"]  # commonest first
    assert sets["from"] == ["form"] and sets["for"] == ["form"]
    assert sets["trail"] == ["trial"] and sets["trial"] == ["trail"]
    assert sets["pubic"] == ["public"] and "public" not in sets  # rare: never offered
    assert sets["their"] == ["there"]
    assert "fo" not in sets  # not a word


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("Troops were withdrawn form the region last year.\n", "form", "from"),
        ("The mayor said their was no money left for the new library.\n", "their", "there"),
        ("The new bridge is far longer then the old one, officials said.\n", "then", "than"),
    ],
)
def test_real_word_slip_function_words(pm, text, slip, meant):
    found = [(code, word, fixes[0]) for code, word, fixes, _ in sp(pm, text) if code == "SP102"]
    assert found == [("SP102", slip, meant)]



@pytest.mark.parametrize(
    "text",
    [
        # "where" opens a clause with a subject and a verb of its own: "were" would leave
        # "previously only the royal flag" no place
        "At a brief ceremony, the mayor hoisted the city flag where previously only the royal "
        "flag had flown.",
        # "too" qualifies an adverb that a complement follows
        "The capsule slowed too gradually for the crew to notice.",
        # "were" opens a conditional by inversion
        "The law would let officers search homes, were a state of emergency to be declared.",
    ],
)
def test_no_slip_where_grammar_rules_the_look_alike_out(pm, text):
    # each was flagged ("were", "to", "where") by the statistics of the words beside it
    assert [f for f in sp(pm, text + "\n") if f[0] == "SP102"] == []


def _padded(text: str) -> list[str]:
    (sentence,) = MarkdownReader().read("story.md", text).sentences
    tokens = [(t.start - sentence.start, t.text) for t in sentence.tokens]
    return [ngram.BOS, *ngram.sentence_words(sentence.text, tokens)[0], ngram.EOS]


@pytest.mark.parametrize(
    ("text", "written", "other", "out"),
    [
        ("The archive counts events where four or more people are killed.", "where", "were", True),
        ("He visited the town where his father had been born.", "where", "were", True),
        # a participle or an adjective after it: the complement of "were"
        ("Most of the 300 who where detained are expected to be freed.", "where", "were", False),
        ("The people where killed in an attack that was claimed.", "where", "were", False),
        ("The protests where peaceful as many marched.", "where", "were", False),
        # after a pronoun it stands for the pronoun's verb; a verb after "to" is no clause's
        ("They said they where told more police would come.", "where", "were", False),
        ("If the court where to rule against it, it would appeal.", "where", "were", False),
        # "may" is as often the month
        ("The group where freed on May 5 by the rebels.", "where", "were", False),
        ("He offered him immunity were he to return to the country.", "were", "where", True),
        ("The deal would have failed were it not for the bank.", "were", "where", True),
        ("We went to Texas, were he hopes to win the primary.", "were", "where", False),
        ("It opened offices in the city, were the union plans to vote.", "were", "where", False),
        ("They were the first to leave the plane.", "were", "where", False),
        ("The same is true in the United States too, in fact.", "too", "to", True),
        ("Other politicians condemned the violence too.", "too", "to", True),
        ("The device deployed too slowly to hit the cap.", "too", "to", True),
        ("The government is too weak to take on the militias.", "too", "to", True),
        ("He said it was too early for a verdict.", "too", "to", True),
        # a verb, which news writes after "to" far more often than after "very" or "more"
        ("They hope too pay for the road.", "too", "to", False),
        ("He was able too buy the company.", "too", "to", False),
        # "supply", "apply": verbs, not adverbs of a word
        ("The firm agreed too supply the army.", "too", "to", False),
        ("He urged them too apply for the jobs.", "too", "to", False),
        # an article or a possessive never ends a sentence; after a modal comes a verb
        ("The monks are said to have lived there.", "there", "their", True),
        # before punctuation a quotation or a link may follow
        ("Nokia said it's \"preliminary estimate\" was low.", "it's", "its", False),
        ("He left there in 1979 for good.", "there", "their", False),
        ("Citizens must buy their insurance from the state.", "buy", "by", True),
        ("The rule would form part of the law.", "form", "from", True),
        ("He will form a new party.", "form", "from", False),
        ("The people where killed.", "where", "where", False),
    ],
)
def test_grammar_that_rules_a_look_alike_out(text, written, other, out):
    words = _padded(text)
    at = words.index(written)
    assert ruled_out(words, at, other, load_model("")) is out


def test_a_look_alike_ruled_out_is_no_candidate():
    # the trainer reads slip_candidates as the rule does: a place where grammar rules a
    # look-alike out gives no row for it, so no false alarm to fit the thresholds on either
    model, books = load_model(""), load_books()
    for text, written, other in (
        ("Prices rose in the United States too, in fact.", "too", "to"),
        ("The mayor hoisted the city flag where previously only the royal flag had flown.",
         "where", "were"),
        ("The body was left there.", "there", "their"),
        ("They have legislated that people must buy their service.", "buy", "by"),
    ):
        words = _padded(text)[1:-1]
        at = words.index(written)
        evidence = slip_candidates(model, books, [(words, [at], [])])
        assert other not in ([] if evidence is None else evidence.others)

@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("The Untied Nations will meet on Monday, officials said.", "Untied", "United"),
        ("Officials at the Whit House declined to comment.", "Whit", "White"),
        # news itself wrote "Prime Minster" 13 times, "Prime Minister" 1,296
        ("The Prime Minster said the talks would go on.", "Minster", "Minister"),
        # no word at all, which SP101 takes for a name
        ("The Prime Mininster said the talks would go on.", "Mininster", "Minister"),
    ],
)
def test_a_slip_in_a_name_news_repeats(pm, text, slip, meant):
    found = [(word, fixes[0]) for code, word, fixes, _ in sp(pm, text + "\n") if code == "SP102"]
    assert found == [(slip, meant)]


@pytest.mark.parametrize(
    "text",
    [
        # the article's own name, written twice
        "Monks at the White Horse Temple prayed. The White Horse Temple is old.",
        # beside a word that seldom stands in names ("right now")
        "The group Equal Rights Now said the law was unfair.",
        # beside a number, or a function word
        "A Russian Tupolev Tu-95 Bear aircraft flew near the coast.",
        "He once wrote for The Onion, a satirical paper.",
        # a name news knows; another ending news also writes
        "Putin met Bulgarian President Georgi Parvanov on Monday.",
        "Two former Prime Ministers attended the funeral on Monday.",
        # a name in plain letters; a letter news never wrote is no slip for a comma
        "He was detained at the airport in Sao Paulo on Monday.",
        "He met Prime Minister Å on Monday.",
    ],
)
def test_names_that_are_no_slips(pm, text):
    assert [f for f in sp(pm, text + "\n") if f[0] == "SP102"] == []


def test_a_listed_pair_is_flagged_below_the_threshold_of_other_look_alikes(pm):
    # "effect" for "affect" scores below the threshold of look-alikes of no listed pair, but
    # above that of listed pairs: contexts tell such pairs apart more surely
    text = "The new law will effect millions of workers.\n"
    found = [(code, word, fixes[0]) for code, word, fixes, _ in sp(pm, text) if code == "SP102"]
    assert found == [("SP102", "effect", "affect")]
    score = _score_of("the new law will effect millions of workers", "affect")
    weights = slip_weights()
    assert weights.listed_threshold < score < weights.threshold


def test_a_listed_pair_whose_contexts_overlap_needs_more_evidence(pm):
    # "now" and "not" fit the same places ("will now/not appeal"): the pair has a threshold
    # of its own, above the score of this correct sentence, which the others' would flag
    text = "The club will now appeal the decision.\n"
    assert [f for f in sp(pm, text) if f[0] == "SP102"] == []
    score = _score_of(text.rstrip(".\n").lower(), "not")
    weights = slip_weights()
    assert weights.threshold < score < weights.pair_thresholds["now", "not"]


def _score_of(sentence: str, alternative: str) -> float:
    """The odds SP102 gives ``alternative`` at its one place in ``sentence`` (lower-case
    words, no punctuation) where it has look-alikes."""
    words = sentence.split()
    model, books = load_model(""), load_books()
    found = slip_evidence(model, books, [(words, range(len(words)), [])])
    ((kind, row),) = [(k, f) for _, _, rows in found for alt, k, f in rows if alt == alternative]
    return float(slip_weights().scores([kind], np.array([row]))[0])


# ---- SP103 name spelled two ways -------------------------------------------------------


def test_a_page_title_is_checked_but_not_counted_as_a_second_use(pm):
    # an HTML page's <title> restates its <h1>: its slips are found, and a slip written in both
    # is no term the story uses twice, nor the commoner spelling of a name
    page = (
        "<html><head><title>Bystanders foil knife-weilding man on London Bridge | Gazette"
        "</title></head><body><h1>Bystanders foil knife-weilding man on London Bridge</h1>"
        "<p>Minister Yevgeny Zinichev was on the bridge when the man attacked. Zinichev said "
        "he fled.</p></body></html>\n"
    )
    found = [(c, w) for c, w, *_ in sp(pm, page, path="story.html")]
    assert found == [("SP101", "knife-weilding"), ("SP101", "knife-weilding")]
    page = page.replace("London Bridge", "Zinchev's bridge")
    found = [(c, w) for c, w, *_ in sp(pm, page, path="story.html") if c == "SP103"]
    assert found == [("SP103", "Zinchev's"), ("SP103", "Zinchev's")]



def test_rarer_spelling_of_a_name_is_flagged(pm):
    text = (
        "Emergencies minister Yevgeny Zinichev died on Wednesday. Zinichev had led the ministry "
        "since 2018. Officials said Zinchev fell while trying to save a cameraman.\n"
    )
    assert [(c, w, s) for c, w, s, _ in sp(pm, text)] == [("SP103", "Zinchev", ["Zinichev"])]


def test_a_name_with_its_doubled_letter_moved_is_flagged(pm):
    # two edits apart, so never compared: "Morisson" for "Morrison", as a background article
    # writes "Rosset" for the journalist Claudia Rosett
    text = (
        "Prime Minister Scott Morrison said the government would provide payments. "
        "Mr Morisson is expected to visit the region on Tuesday.\n"
    )
    assert [(c, w, s) for c, w, s, _ in sp(pm, text)] == [("SP103", "Morisson", ["Morrison"])]


def test_different_names_are_not_one_name(pm):
    text = "Obama met Americans in Ohio. Hillary Clinton and Bill Clinton spoke to an American.\n"
    assert sp(pm, text) == []


@pytest.mark.parametrize(
    ("quote", "flagged"),
    [
        # the mayor's words in French: another language's form of the word, not a misspelling
        ("« En mon nom et celui des Parisiens, mes premières pensées vont aux familles. »", []),
        ("She said the Parisiens would not forget the victims.", ["Parisiens"]),
        # English with curly contractions and a hashtag is English
        ("Parisiens? It’s true they’re sure we’ll win, you’ve seen #JeSuisParis.", ["Parisiens"]),
    ],
)
def test_names_in_a_sentence_of_another_language_are_its_own(pm, quote, flagged):
    text = (
        f"The mayor of Paris spoke to Parisians on Friday. {quote} Parisians laid flowers at "
        "the scene.\n"
    )
    assert [w for c, w, *_ in sp(pm, text) if c == "SP103"] == flagged


def test_a_place_and_its_adjective_are_not_one_name_spelt_two_ways(pm):
    # one letter apart, but the adjective or people of the place, not a misspelling of it
    text = (
        "Voronin said the Transnistrian problem fuels insecurity. Trade between Transnistria "
        "and Ukraine totals about 400 million, and Transnistria has its own army. A "
        "Kazakhstani delegation met officials from Kazakhstan and Darfuri refugees from Darfur "
        "on Monday. Transnistrians voted on Sunday, and one Transnistrian leader spoke.\n"
    )
    assert [f for f in sp(pm, text) if f[0] == "SP103"] == []
    # a slip of a letter at the end of the name is still one
    slip = "Officials in Transnistria said so. Transnistria has an army. Transnistra denied it.\n"
    assert [(c, w) for c, w, *_ in sp(pm, slip)] == [("SP103", "Transnistra")]
    # and so is a name with its last letter dropped, an "n" that makes no adjective
    dropped = (
        "Former president Bill Clinton visited Leeds on Monday. Clinton spoke to students "
        "about trade. Later, Clinto met the mayor, and Clinton toured a hospital.\n"
    )
    assert [(c, w) for c, w, *_ in sp(pm, dropped)] == [("SP103", "Clinto")]


def test_two_people_named_in_full_are_two_surnames(pm):
    # an election's candidates, "Joyce Schulte" beside "Dave Schultz", "Chris Van Hollen"
    # beside "Terry Holley": surnames one letter apart, of people of other given names
    text = ("Joyce Schulte ran as a Democrat. Dave Schultz won the seat, and Schultz thanked "
            "voters. Chris Van Hollen and Terry Holley also won, Holley by a mile.\n")
    assert [f for f in sp(pm, text) if f[0] == "SP103"] == []
    # one person's surname written two ways, with the same given name or none, is still a slip
    text = ("Menzies Campbell leads the party. Campbell said so, and Menzies Cambell later "
            "resigned. Joyce Schultz spoke, and Schultz thanked voters, as Schulte had.\n")
    assert [(c, w) for c, w, *_ in sp(pm, text) if c == "SP103"] == [
        ("SP103", "Cambell"), ("SP103", "Schulte")
    ]
    # relatives share a surname: a husband's spelt one letter off his wife's is a slip
    text = ("Anne Sacoolas left. Police spoke with Sacoolas, and she and her husband Jonathan "
            "Socoolas flew home.\n")
    assert [(c, w) for c, w, *_ in sp(pm, text) if c == "SP103"] == [("SP103", "Socoolas")]
    # and so where the relative is spoken of beside the other spelling
    text = ("Jonathan Socoolas, a diplomat, left on Monday. Police said his wife, Anne Sacoolas, "
            "drove the car, and Sacoolas later apologised.\n")
    assert [(c, w) for c, w, *_ in sp(pm, text) if c == "SP103"] == [("SP103", "Socoolas")]
    # a spouse, a fiancée or an in-law is a relative too
    for kin in ("spouse", "fiancée", "brother-in-law"):
        text = (f"Anne Sacoolas left. Police spoke with Sacoolas, and she and her {kin} Jonathan "
                "Socoolas flew home.\n")
        assert [(c, w) for c, w, *_ in sp(pm, text) if c == "SP103"] == [("SP103", "Socoolas")]


def test_name_with_and_without_accents_is_not_a_misspelling(pm):
    text = (
        "Jarosław Kaczyński leads the party. Kaczynski said on Monday that Jaroslaw would "
        "not stand again.\n"
    )
    assert [f for f in sp(pm, text) if f[0] == "SP103"] == []


@pytest.mark.parametrize(
    "text",
    [
        # a market table's codes: change and percentage of each index
        "Markets fell. DJIA-c = 128,00 | DJIA-p = 1,49 | Nasdaq-c = 4,39 | Nasdaq-p = 0.27\n",
        # a trade show named after a word, beside the word
        "Intel showed its Computex chips. Apple Computer and Dell Computer did not attend.\n",
    ],
)
def test_names_one_letter_from_a_label_or_word_are_their_own(pm, text):
    assert [f for f in sp(pm, text) if f[0] == "SP103"] == []


def test_a_hyphenated_name_misspelt_is_still_flagged(pm):
    text = (
        "Dominique Strauss-Kahn resigned. Strauss-Kahn denied the charges, and Strauss-Khan's "
        "lawyers said so again on Monday.\n"
    )
    found = [(c, w, s) for c, w, s, _ in sp(pm, text) if c == "SP103"]
    assert found == [("SP103", "Strauss-Khan's", ["Strauss-Kahn's"])]


def test_a_name_written_with_al_is_seen_beside_its_other_forms(pm):
    # the issue's own pair: a name opened by a lower-case particle was never read as a name,
    # so "al-Bagdadi" passed beside "al-Baghdadi", as did "al-Zawahri" beside "Zawahiri"
    text = (
        "Abu Bakr al-Baghdadi was killed on Sunday. Al-Baghdadi had led the group since 2010, "
        "and officials said al-Bagdadi's aides fled. Ayman al-Zawahiri spoke. In the tape "
        "Zawahiri says the group lives on, and al-Zawahri later released another.\n"
    )
    found = [(c, w, s) for c, w, s, _ in sp(pm, text) if c == "SP103"]
    assert found == [
        ("SP103", "al-Bagdadi's", ["al-Baghdadi's"]),
        ("SP103", "al-Zawahri", ["al-Zawahiri"]),
    ]
    # the fix's title names what it writes, not the bare name ('Replace with "Baghdadi"')
    result = lint_text(pm, text, "article.md", Config(), select=["SP103"])
    assert [s.title for v in result.violations for s in v.suggestions] == [
        'Replace with "al-Baghdadi\'s"',
        'Replace with "al-Zawahiri"',
    ]
    # a word joined to a name is no particle of it, and the two names stay two
    text = "Pro-Mugabe crowds met anti-Tsvangirai ones. Mugabe and Tsvangirai spoke.\n"
    assert [f for f in sp(pm, text) if f[0] == "SP103"] == []


# ---- SP104 mixed spelling --------------------------------------------------------------


def test_british_spelling_in_mixed_us_article(pm):
    text = (
        "People there realised that this shy man was an astute strategist. "
        "IS put up a vicious defense to the end.\n"
    )
    found = sp(pm, text)
    assert [(c, w, s, sev) for c, w, s, sev in found] == [
        ("SP104", "realised", ["realized"], Severity.WARNING)
    ]


def test_american_spelling_in_en_gb_article_and_names_kept(pm):
    text = "The Ministry of Defence said officials realized the colour of the flag mattered.\n"
    found = sp(pm, text, Config(locale="en-GB"))
    assert [(c, w, s) for c, w, s, _ in found] == [("SP104", "realized", ["realised"])]


@pytest.mark.parametrize(
    ("locale", "text", "flagged"),
    [
        # codespell's short list has none of these: each was passed in silence
        (
            "en-US",
            "Rumours spread after two men were hospitalised. The defense said the offences "
            "were minor and the tumour benign, and the paediatric ward was in the center.\n",
            [
                ("Rumours", ["Rumors"]),
                ("hospitalised", ["hospitalized"]),
                ("offences", ["offenses"]),
                ("tumour", ["tumor"]),
                ("paediatric", ["pediatric"]),
            ],
        ),
        (
            "en-GB",
            "Two men were hospitalized after the offense. The colour of the harbor lights "
            "had been privatized.\n",
            [
                ("hospitalized", ["hospitalised"]),
                ("offense", ["offence"]),
                ("harbor", ["harbour"]),
                ("privatized", ["privatised"]),
            ],
        ),
    ],
)
def test_the_usual_changes_find_spellings_the_pair_list_lacks(pm, locale, text, flagged):
    found = sp(pm, text, Config(locale=locale))
    assert [(w, s) for c, w, s, _ in found if c == "SP104"] == flagged
    assert {sev for c, *_, sev in found if c == "SP104"} == {Severity.WARNING}


def test_a_cheque_is_a_check_in_american_copy_but_a_check_stays_in_british(pm):
    # no usual change made "check" of "cheque", so American copy kept the British bank
    # "cheque" unreported; "check" is British too in every sense but the bank's, which its
    # spelling cannot tell, so British copy is told only of the bank's own compounds
    text = "The council wrote a cheque for the chequered flags, its treasurer said.\n"
    found = sp(pm, text)
    assert [(w, s) for c, w, s, _ in found if c == "SP104"] == [
        ("cheque", ["check"]),
        ("chequered", ["checkered"]),
    ]
    text = "Officials will check the checkbook and the cheques, the treasurer said.\n"
    found = sp(pm, text, Config(locale="en-GB"))
    assert [(w, s) for c, w, s, _ in found if c == "SP104"] == [("checkbook", ["chequebook"])]


def test_an_american_spelling_whose_british_form_american_dictionaries_hold_is_found(pm):
    # "travelled" and "theatre" are American variants too, so no form that only the British
    # dictionary holds was made of "traveled" or "theater", and en-GB copy kept them unreported
    text = ("The minister traveled to the theater with fuel for the lamps, and travelers "
            "waited.\n")
    found = sp(pm, text, Config(locale="en-GB"))
    assert [(w, s) for c, w, s, _ in found if c == "SP104"] == [
        ("traveled", ["travelled"]),
        ("theater", ["theatre"]),
        ("travelers", ["travellers"]),
    ]
    # in American copy they are American, but American dictionaries hold their British forms
    # too: they say little of the writer's convention, and "colour" beside them is as it was
    found = sp(pm, text.replace("fuel", "colour"))
    assert [(w, sev) for c, w, _, sev in found] == [("colour", Severity.INFO)]


def test_a_spelling_with_a_possessive_or_in_a_compound_is_found_and_fixed_alone(pm, tmp_path):
    # the token was looked up whole, "neighbour’s", "centre's", "colour-coded", and none
    # was found; the word alone is reported and respelt, its possessive and hyphens kept
    text = ("# Council paints the town\n\nThe neighbour\u2019s fence was painted in a "
            "colour-coded scheme that was well-organised. The centre's staff said so.\n")
    found = sp(pm, text)
    assert [(w, s) for c, w, s, _ in found] == [
        ("neighbour", ["neighbor"]), ("colour", ["color"]), ("organised", ["organized"]),
        ("centre", ["center"]),
    ]
    article = tmp_path / "story.md"
    article.write_text(text, encoding="utf-8")
    (tmp_path / ".newslint.toml").write_text('select = ["SP104"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--fix", str(article)])
    assert result.exit_code == 0, result.output
    assert article.read_text(encoding="utf-8") == (
        "# Council paints the town\n\nThe neighbor\u2019s fence was painted in a color-coded "
        "scheme that was well-organized. The center's staff said so.\n")
    # a name with a capital after its hyphen is a name, even where a sentence opens with it
    text = "Roed-Larson met the envoy. The envoy traveled on.\n"
    assert [w for c, w, *_ in sp(pm, text, Config(locale="en-GB"))] == ["traveled"]


def test_a_name_opening_a_sentence_keeps_its_spelling(pm):
    # "Labour Party" is a name at the start of a sentence as well as inside one; "Colour" alone
    # opening a sentence is a word
    text = "Labour Party leader Jeremy Corbyn realized it. Colour photographs were shown.\n"
    assert [(c, w) for c, w, *_ in sp(pm, text)] == [("SP104", "Colour")]


def test_a_word_the_article_writes_as_a_name_keeps_its_spelling_opening_a_sentence(pm):
    # "Labour threw its support" after "the Labour Party", and "Arbour is a candidate" after
    # "Paul Arbour": the article writes the word with its capital inside a sentence, a name,
    # which a sentence that opens with it and goes on in lower case was reported as
    text = (
        "The Labour Party met on Monday. Labour threw its support behind the bill. "
        "Wikinews talked with Paul Arbour. Arbour is a candidate. Colour photographs were "
        "shown.\n"
    )
    assert [(c, w) for c, w, *_ in sp(pm, text)] == [("SP104", "Colour")]


def test_a_known_misspelling_is_no_spelling_of_either_convention(pm):
    # "sord" and "fragmentization" are in only the American huge list, which d9c9b65 stopped
    # taking as rare words for codespell lists them as slips; still taken as American
    # spellings, they were reported by SP104 too in en-GB copy, with "sourd" and
    # "fragmentisation" as safe fixes that --fix wrote
    text = "The knight drew his sord, and analysts spoke of fragmentization in the market.\n"
    found = sp(pm, text, Config(locale="en-GB"))
    assert [(c, w) for c, w, *_ in found] == [("SP101", "sord"), ("SP101", "fragmentization")]
    lexicon = default_lexicon()
    assert all(lexicon.knows(w) for w in lexicon.us_only | lexicon.gb_only)


@pytest.mark.parametrize(
    "text",
    [
        "# Government Raises Labour Costs\n\n{body}\n",
        "Costs rise\n\n## What the Council Said of Labour Costs\n\n{body}\n",
        "---\ntitle: Government Raises Labour Costs\n---\n\n{body}\n",
    ],
)
def test_a_title_case_headline_names_no_word_that_opens_a_sentence(pm, text):
    # a headline or subhead in title case capitalises every word: "Labour" there is no name,
    # and "Labour costs rose" opening the body is still British spelling in en-US copy
    body = "Labour costs rose by five percent this year, the council said on Monday."
    found = sp(pm, text.format(body=body))
    assert [(c, w) for c, w, *_ in found] == [("SP104", "Labour")]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("story.md", "---\ntitle: Minister resigns\nlocale: en-GB\n---\n\n{body}\n"),
        ("story.md", "---\nLang: en_AU\n---\n\n{body}\n"),
        ("story.md", "---\nlocale: en_GB.UTF-8\n---\n\n{body}\n"),
        ("story.html", '<html><head><meta property="og:locale" content="en_GB"></head>'
                       "<body><p>{body}</p></body></html>\n"),
        ("story.html", '<html lang="en-GB"><body><h1>Minister resigns</h1><p>{body}</p></body>'
                       "</html>\n"),
        ("story.html", '<html lang="en-US"><head><meta name="language" content="en-GB"></head>'
                       "<body><p>{body}</p></body></html>\n"),
        # XHTML names its language with xml:lang, and may leave lang out
        ("story.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en-GB"><body>'
                        "<p>{body}</p></body></html>\n"),
        # a <meta> language that names no convention leaves the page's own
        ("story.html", '<html lang="en-GB"><head><meta name="language" content="English">'
                       "</head><body><p>{body}</p></body></html>\n"),
    ],
)
def test_an_article_that_declares_its_locale_is_checked_against_it(pm, path, text):
    # a newsroom running wire copy from London beside its own American copy: the article's own
    # declaration (front matter, the page's <meta> or <html lang>) beats the configured locale
    body = "The minister realised the programme had failed, his spokesman said."
    found = sp(pm, text.format(body=body), path=path)
    assert found == []
    found = sp(pm, text.format(body=body.replace("realised", "realized")), path=path)
    assert [(c, w) for c, w, *_ in found] == [("SP104", "realized")]


@pytest.mark.parametrize(
    "config", [Config(), Config.from_dict({"locale": "en-GB-oxendict"})],
)
def test_oxford_spelling_is_british_with_ize(pm, config):
    # Oxford spelling (en-GB-oxendict) writes -ize where American does, beside British -our,
    # -re and "analyse": read as plain en-GB, its "organization" and "realized" were reported
    # as American, and its -ise forms passed
    declared = "---\nlocale: en-GB-oxendict\n---\n\n" if config.locale == "en-US" else ""
    text = (declared + "The organization realized that the colour of the centre mattered, "
            "and analysed it.\n")
    assert sp(pm, text, config) == []
    text = text.replace("realized", "realised").replace("colour", "color")
    assert [(c, w, s, sev) for c, w, s, sev in sp(pm, text, config)] == [
        ("SP104", "realised", ["realized"], Severity.WARNING),
        ("SP104", "color", ["colour"], Severity.WARNING),
    ]


def test_a_misspelling_in_oxford_spelling_gets_oxford_words(pm):
    # SP101 suggested for Oxford copy as for no locale: American "color" first for "colr" (en-GB
    # gets "cold"), and the British "hospitalised" for "hopitalised", which SP104 then reported
    config = Config.from_dict({"locale": "en-GB-oxendict"})
    text = "The colr of the flag faded. The nieghbour was hopitalised on Monday."
    oxford, british = sp101(pm, text, config), sp101(pm, text, Config(locale="en-GB"))
    assert "color" not in oxford[0][1] and oxford[:2] == british[:2]
    assert [(w, s[0]) for w, s in oxford[2:]] == [("hopitalised", "hospitalized")]


@pytest.mark.parametrize("lang", ["en", "fr", "en-CA", "english"])
def test_a_declaration_of_no_spelling_convention_leaves_the_configured_locale(pm, lang):
    text = f"---\nlang: {lang}\n---\n\nThe minister realised the plan had failed.\n"
    assert [(c, w) for c, w, *_ in sp(pm, text)] == [("SP104", "realised")]
    assert sp(pm, text, Config(locale="en-GB")) == []


def test_links_addresses_and_handles_keep_their_spelling(pm):
    # not words of the article: respelt by the safe fix, they led nowhere
    text = ("The mayor realised it: see www.example.org/favourite, #colour, @favourite_colour "
            "and colour@example.com.\n")
    assert [(c, w) for c, w, *_ in sp(pm, text)] == [("SP104", "realised")]


def test_spellings_both_locales_hold_are_not_mixed(pm):
    text = "The organisation said the match was cancelled after the judgement.\n"
    assert [(c, w) for c, w, *_ in sp(pm, text)] == [("SP104", "organisation")]


def test_consistently_british_article_is_info_in_en_us(pm):
    found = sp(pm, "The organisation said the centre would reopen.\n")
    assert {(w, sev) for _, w, _, sev in found} == {
        ("organisation", Severity.INFO),
        ("centre", Severity.INFO),
    }


BRITISH = {"analysed", "colour"}


@pytest.mark.parametrize(
    ("sentence", "severity"),
    [
        ("The study focused on data the scientists analysed.", Severity.INFO),
        ("The vaccine program used data the scientists analysed.", Severity.INFO),
        ("The study organized data the scientists analysed.", Severity.INFO),
        ("The study program analyzed data the scientists analysed.", Severity.WARNING),
        ("The organization said colour data were analysed.", Severity.INFO),
        ("The organization's defense said colour data were analysed.", Severity.WARNING),
    ],
)
def test_only_a_spelling_of_the_locale_alone_makes_an_article_mixed(pm, sentence, severity):
    # "focused" and "program" are British spellings too; "organized" and "organization" are
    # Oxford and Canadian ones (-ize, but "colour" and "analyse"); "analyzed" and "defense"
    # are American alone
    british = [(w, sev) for c, w, _, sev in sp(pm, sentence + "\n") if w in BRITISH]
    assert british == [(w, severity) for w in sentence.rstrip(".").split() if w in BRITISH]


# ---- the seed article ------------------------------------------------------------------


@pytest.mark.skipif(not SEED.is_file(), reason="shared data not present")
def test_seed_article(pm):
    text = SEED.read_text(encoding="utf-8")
    found = sp(pm, text, path=str(SEED))
    assert [(c, w) for c, w, *_ in found] == [("SP102", "forced"), ("SP104", "realised")]
    assert found[0][2][0] == "forces"


# ---- lexicon, model and training -------------------------------------------------------


def test_lexicon_locales_and_names():
    lexicon = default_lexicon()
    assert lexicon.locale_of("colour") == "en-GB" and lexicon.locale_of("color") == "en-US"
    assert lexicon.knows("London") and lexicon.knows("LONDON") and not lexicon.knows("london")


def test_sorted_table_finds_what_a_dict_would():
    lines = sorted(["a", "ab\tx", "abc\ty|z", "abd", "b", "ba\t", "café", "Zed", "zz'", "éa"])
    table = SortedTable("\n".join(lines))
    expected = {k: v.split("|") if v else [] for k, _, v in (x.partition("\t") for x in lines)}
    probes = {"", "a", "ab", "abc", "abcd", "abd", "ac", "b", "ba", "bb", "c", "caf", "café"}
    probes.add("Zed")
    probes |= {"zed", "zz", "zz'", "é", "éa", "\U0010ffff", "ab\tx"}
    for key in probes:
        assert table.get(key) == expected.get(key) and (key in table) == (key in expected), key
    assert dict(table.items()) == expected and len(table) == len(expected)
    assert "q" not in SortedTable("") and SortedTable("").get("q", []) == []


def test_words_file_round_trips_and_matches_the_shipped_one(tmp_path):
    counts = {"London": 7, "colour": 3, "color": 0, "zebu": 0, "apple": 12}
    text = words_text(counts, ["color"], ["colour"], ["zymurgy", "aardwolf"])
    (tmp_path / "words.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "misspellings.tsv.gz").write_bytes(
        gzip.compress(b"aple\tapple\ncolur\tcolor|colour\n")
    )
    back = Lexicon.load(tmp_path)
    assert back.counts == counts and back.frequency("apple") == 12
    assert back.knows("aardwolf") and back.knows("Zymurgy") and not back.knows("aardvark")
    assert back.locale_of("color") == "en-US" and back.locale_of("colour") == "en-GB"
    assert back.misspellings == {"aple": ["apple"], "colur": ["color", "colour"]}
    assert back.suggest("Colur", locale="en-GB") == ["Colour"]
    assert "zebux" in back.suggest("zebuy", extra={"zebux"})  # house words, in any set
    # The builder writes what the reader reads: the shipped file is this function's output.
    shipped = default_lexicon()
    data = data_path("words.txt").read_text(encoding="utf-8")
    assert data == words_text(shipped.counts, shipped.us_only, shipped.gb_only, shipped.rare) + "\n"


def test_shipped_misspellings_are_sorted_for_lookup_in_place():
    lines = read_lines(data_path("misspellings.tsv.gz"))
    assert lines == sorted(lines)
    assert default_lexicon().misspellings.get("goverment") == ["government"]


def test_prose_tokens_leave_out_links_addresses_and_handles(pm):
    text = "See https://example.org/dceided and www.x.com then tips@x.org or @Cty, #Tag, end.\n"
    document = pm.readers[".md"].read("a.md", text)
    words = [t.text for s in document.sentences for t in s.prose_tokens]
    assert words == ["See", "and", "then", "or", "end"]
    # a bare domain, with no "/" or "www.", in a sentence with abbreviations' dots too
    text = "The U.S. agency posted it on Example.CO.UK at 2.30 p.m. on Monday.\n"
    (sentence,) = pm.readers[".md"].read("b.md", text).sentences
    words = [t.text for t in sentence.prose_tokens]
    assert " ".join(words) == "The U.S. agency posted it on at 2.30 p.m. on Monday"


def test_a_sentences_words_are_its_tokens_texts(pm):
    # the checks read the words where a token's text is all they need: the same, in order
    text = "See www.x.com and @Cty: the U.S. agency’s 2,000 well-known staff left, she said.\n"
    (sentence,) = pm.readers[".md"].read("a.md", text).sentences
    assert sentence.words == [t.text for t in sentence.tokens]
    assert sentence.prose_words == [t.text for t in sentence.prose_tokens]
    assert sentence.prose_words == [
        "See", "and", "the", "U.S.", "agency’s", "2,000", "well-known", "staff", "left", "she",
        "said",
    ]


def test_a_company_named_by_its_domain_is_no_misspelling(pm):
    # 'yandex.ru' and 'myntra.in' were words to SP101 ('"yandex" is not in the dictionary; did
    # you mean "index"?'), where 'yandex.com' was an address it passes by: only 14 endings made
    # a domain; any two lower-case letters, a country's, now do
    text = (
        "Indian retailer reports higher sales\n\nShoppers on flipkart.in and myntra.in spent "
        "more this year, while yandex.ru said traffic fell and Allegro.pl held its prices.\n"
    )
    assert sp(pm, text) == []
    # a full stop with no space after it before a capitalised word is no domain
    text = "Storm hits coast\n\nThe storm reached the coast on Monday.It dceided nothing.\n"
    assert [(c, w) for c, w, *_ in sp(pm, text)] == [("SP101", "dceided")]


@pytest.mark.parametrize("compress", [True, False])
def test_model_round_trip(tmp_path, compress):
    counts = NgramCounts()
    for _ in range(3):
        counts.add_sentence("The trial began in 2019 .".split())
        counts.add_sentence("A trail began .".split())
    sets = {"trial": ["trail", "unseen"], "began": ["begun"]}
    model = counts.to_model(min_count=2, confusables=sets)
    model.save(tmp_path / "m.model", compress=compress)
    back = NgramModel.load(tmp_path / "m.model")
    ids = [back.id_of(w) for w in ("the", "trial", "began")]
    assert back.count(*ids) == 3 and back.count(back.id_of("<num>")) == 3
    assert back.count(back.id_of("trail"), back.id_of("trial")) == 0
    assert back.confusables == sets
    # look-alikes as ids: only words the model knows, -1 past a word's last and for <unk>
    table = back.lookalikes(np.array([back.id_of("trial"), back.id_of("began"), 0]))
    assert table[:, :2].tolist() == [[back.id_of("trail"), -1], [-1, -1], [-1, -1]]
    assert (table[:, 2:] == -1).all()


def test_names_beside_words_are_counted_saved_and_merged(tmp_path):
    counts = NgramCounts()
    text = "Flights from Sydney and from Perth , not form ."
    reader = MarkdownReader()
    (sentence,) = reader.read("a.md", text).sentences
    tokens = [(t.start - sentence.start, t.text) for t in sentence.tokens]
    words, where = ngram.sentence_words(sentence.text, tokens)
    names = ngram.name_places([t for _, t in tokens], where)
    assert [words[at] for at in names] == ["sydney", "perth"]  # "Flights" opens the sentence
    counts.add_sentence(words, names)
    more = NgramCounts()
    more.add_sentence(words, names)
    more.add_sentence(["no", "names"])
    counts.update(more)
    assert counts.names_after == {"from": 4}
    assert counts.names_before == {"and": 2, ",": 2}
    model = counts.to_model(min_count=2, confusables={"from": ["form"], "form": ["from"]})
    model.save(tmp_path / "m.model")
    back = NgramModel.load(tmp_path / "m.model")
    assert back.names_after[back.id_of("from")] == 4
    assert back.names_before[back.id_of("and")] == 2
    merged = back.to_counts()  # as newslint train starts from the shipped model
    assert (merged.names_before, merged.names_after) == (counts.names_before, counts.names_after)
    x = np.array([back.id_of("from"), back.id_of("form")])
    named = np.array([True, True])
    before, after = back.name_terms(x, named, named)
    assert after[0] > after[1]  # a name follows "from" far more often than "form"
    assert before[0] < before[1]  # and never came before it here
    _, after = back.name_terms(x, ~named, ~named)
    assert after[0] < after[1]


def test_words_near_each_other_are_counted_saved_and_merged(tmp_path):
    counts = NgramCounts()
    for _ in range(2):
        counts.add_sentence("the impeachment of the president goes to trial".split())
        counts.add_sentence("the hikers took a trail up the mountain , slowly".split())
    # three to six words apart, either first (in alphabetical order); a comma pairs with nothing
    assert counts.near["impeachment", "trial"] == counts.near["hikers", "trail"] == 2
    assert ("to", "trial") not in counts.near and ("impeachment", "the") not in counts.near
    assert counts.near["president", "the"] == 2 and counts.near["mountain", "took"] == 2
    assert not [pair for pair in counts.near if "," in pair]
    model = counts.to_model(min_count=2, confusables={"trial": ["trail"], "trail": ["trial"]})
    model.save(tmp_path / "m.model")
    back = NgramModel.load(tmp_path / "m.model")
    assert back.to_counts().near == counts.near  # as newslint train starts from the shipped model
    x = np.array([back.id_of("trial"), back.id_of("trail")])

    def near(*sentences: str) -> list[float]:
        words = [w for s in sentences for w in ("<s>", *s.split(), "</s>")]
        ids = np.array([back.id_of(w) for w in words])
        at = len(words) - 2  # the last word of the last sentence
        return back.near.terms(ids, np.array([at, at]), x, back.unigrams, back.total).tolist()

    on_trial = near("the impeachment of the president goes to X")
    assert on_trial[0] > 0 >= on_trial[1]
    assert near("the hikers took a X")[1] > 0
    assert near("impeachment of the president", "X") == [0.0, 0.0]  # another sentence's words


def test_a_model_without_names_gives_no_name_evidence():
    counts = NgramCounts()
    for _ in range(2):
        counts.add_sentence("flights from sydney".split())  # no names given
    model = counts.to_model(min_count=2)
    x = np.array([model.id_of("from"), model.id_of("flights")])
    named = np.array([True, False])
    assert [t.tolist() for t in model.name_terms(x, named, named)] == [[0.0, 0.0], [0.0, 0.0]]


def test_a_name_after_the_place_is_evidence_for_from():
    model, books = load_model(""), load_books()
    first = "police said".split()
    words = "the boy form sydney was arrested".split()
    at = words.index("form")
    rows = {}
    for names in ([], [words.index("sydney")]):
        # the place is in the second sentence: names count from their own sentence's start
        judged = [(first, [], []), (words, [at], names)]
        for n, _, found in slip_evidence(model, books, judged):
            assert n == 1
            rows[bool(names)] = {alt: f for alt, _, f in found}
    after = FEATURES.index("name_after")
    assert rows[True]["from"][after] > 1 > rows[False]["from"][after]
    weights = slip_weights()
    odds = {k: weights.scores(["function-word"], np.array([r["from"]]))[0] for k, r in rows.items()}
    assert odds[True] > odds[False]


def test_count_table_lookups():
    table = CountTable.from_counts({7: 3, 2: 1, 40: 9}, min_count=2)
    assert table.lookup(np.array([40, 2, 7, 0, 41])).tolist() == [9, 0, 3, 0, 0]
    assert table.get(7) == 3 and table.total() == 12
    assert CountTable.from_counts({}).lookup(np.array([1, 2])).tolist() == [0, 0]
    assert list(CountTable.from_parts(*table.to_parts()).items()) == [(7, 3), (40, 9)]


def test_class_contexts_generalise_past_seen_words(tmp_path, monkeypatch):
    # "were" is seen before past participles, "where" before names; neither before "banned".
    # With only the two commonest words as classes of their own, the participles share one.
    monkeypatch.setattr(ngram, "CLASS_WORDS", 2)
    counts = NgramCounts()
    for verb in ("allowed", "killed", "injured", "arrested"):
        for _ in range(3):
            counts.add_sentence(f"the men were {verb} .".split())
    for _ in range(6):
        counts.add_sentence("the town where smith lives .".split())
    model = counts.to_model(min_count=2, confusables={"where": ["were"], "were": ["where"]})
    model.save(tmp_path / "m.model")
    back = NgramModel.load(tmp_path / "m.model")
    contexts = back.contexts
    assert contexts.word_class("banned") == contexts.word_class("allowed")  # both end in -ed
    words = ["<s>", *"the men where banned .".split(), "</s>"]
    ids = np.array([back.id_of(w) for w in words])
    classes = np.array([contexts.word_class(w) for w in words])
    place = Places(ids, classes, np.array([3]), np.array([0]), np.array([len(words)]))
    here, other = back.id_of("where"), back.id_of("were")

    def fit(word: int) -> float:
        x = np.array([word])
        return float(sum(contexts.terms(place, x, back.unigrams[x]))[0])

    fits = fit(other) - fit(here)
    assert back.count(back.id_of("where"), back.id_of("banned")) == 0
    assert fits > 3


def test_slip_weights_score_and_reject_other_features(tmp_path):
    kinds = ("function-word", "homophone", "one-slip", "substitution", "other")
    data = {
        "features": list(FEATURES),
        "bias": {k: -1.0 for k in kinds},
        "weights": {f: 0.0 for f in FEATURES} | {"news": 0.5},
        "by_kind": {k: {"news": 0.0, "books": 0.0, "classes": 0.0} for k in kinds}
        | {"homophone": {"news": 0.0, "books": 1.0, "classes": 2.0}},
        "threshold": 0.0,
        "listed_threshold": -2.0,
        "pair_thresholds": {"now not": 3.0},
        "unseen_offset": 1.5,
        "topical_margin": 2.0,
    }
    (tmp_path / "w.json").write_text(json.dumps(data))
    weights = SlipWeights.load(tmp_path / "w.json")
    # a listed pair has its own threshold, or the listed pairs' lower one; others the first,
    # lower by the offset where news never saw the written word (its frequency feature is 0)
    seen = [0.0] * len(FEATURES)
    seen[FEATURES.index("written_frequency")] = 4.0
    unseen = [0.0] * len(FEATURES)
    thresholds = weights.thresholds(
        [FUNCTION, FUNCTION, HOMOPHONE, ONE_SLIP, ONE_SLIP, HOMOPHONE],
        ["now", "their", "piece", "trail", "pubic", "witch"],
        ["not", "there", "peace", "trial", "public", "which"],
        np.array([seen, seen, seen, seen, unseen, unseen]),
    )
    assert thresholds.tolist() == [3.0, -2.0, -2.0, 0.0, -1.5, -2.0]
    # every one higher by the margin where the written word is one of the article's subject
    topical = weights.thresholds(
        [FUNCTION, ONE_SLIP, ONE_SLIP],
        ["now", "trail", "pubic"],
        ["not", "trial", "public"],
        np.array([seen, seen, unseen]),
        np.array([True, False, True]),
    )
    assert topical.tolist() == [5.0, 0.0, 0.5]
    features = [0.0] * len(FEATURES)
    features[FEATURES.index("news")] = 4.0
    features[FEATURES.index("books")] = 1.0
    features[FEATURES.index("classes_before")] = 0.5
    features[FEATURES.index("classes_after")] = 0.25
    rows = np.array([features, features, [0.0] * len(FEATURES)])
    assert weights.scores(["other", "homophone", "one-slip"], rows).tolist() == pytest.approx(
        [1.0, 3.5, -1.0]
    )
    data["features"] = data["features"][:-1]
    (tmp_path / "w.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="other features"):
        SlipWeights.load(tmp_path / "w.json")


@pytest.mark.parametrize("compress", [True, False])
def test_book_pairs_round_trip_and_contractions(tmp_path, compress):
    words = {"it": 50, "is": 40, "its": 20, "said": 30, "a": 60}
    pairs = {("said", "it"): 12, ("it", "is"): 15, ("is", "a"): 14, ("its", "a"): 2}
    PairCounts(words, pairs).save(tmp_path / "b.pairs", compress=compress)
    books = PairCounts.load(tmp_path / "b.pairs")
    assert books.words == words and books.floor == 2

    def scores(*contexts: tuple[str | None, str, str | None]) -> list[float]:
        left, word, right = zip(*contexts, strict=True)
        found = books.scores(books.word_ids(left), books.word_parts(word), books.word_ids(right))
        return found.tolist()

    # "it's" is scored as "it is": said it + it is + is a, each pair divided by its first word.
    contraction, plain, unknown, half_known = scores(
        ("said", "it's", "a"), ("said", "its", "a"), ("said", "nonce", "a"), ("a", "its'll", "a")
    )
    assert contraction > plain and math.isnan(unknown) and math.isnan(half_known)
    log = math.log
    assert contraction == pytest.approx(log(12) + log(15) - log(50) + log(14) - log(40))
    # No left neighbour (or one not listed): the word's own share; an unlisted pair: chance,
    # but under half the floor.
    alone, unlisted_left = scores((None, "its", "said"), ("nonce", "its", "said"))
    chance = min(log(1), log(20) + log(30) - log(200))
    assert alone == unlisted_left == pytest.approx(log(20) - log(200) + chance - log(20))


def test_load_rejects_other_files(tmp_path):
    (tmp_path / "x.model").write_bytes(b"not a model")
    with pytest.raises(ValueError, match="not a newslint n-gram model"):
        NgramModel.load(tmp_path / "x.model")
    (tmp_path / "old.model").write_bytes(b"NEWSLINT-NGRAM 3\n...")
    with pytest.raises(ValueError, match="an older newslint; run newslint train again"):
        NgramModel.load(tmp_path / "old.model")
    (tmp_path / "new.model").write_bytes(b"NEWSLINT-NGRAM 70\n...")
    with pytest.raises(ValueError, match="a newer newslint"):
        NgramModel.load(tmp_path / "new.model")
    # the magic line cut before its end is no model of any version
    (tmp_path / "cut.model").write_bytes(ngram.MAGIC[:-1])
    with pytest.raises(ValueError, match="not a newslint n-gram model"):
        NgramModel.load(tmp_path / "cut.model")


def _small_model() -> NgramModel:
    counts = NgramCounts()
    for _ in range(2):
        counts.add_sentence("the trial of the mayor began on monday in the city court".split())
    return counts.to_model(min_count=2, confusables={"trial": ["trail"], "trail": ["trial"]})


def test_load_notices_a_file_cut_short_or_with_bytes_to_spare(tmp_path):
    path = tmp_path / "m.model"
    _small_model().save(path, compress=False)  # as the shipped model: no zlib check to fail
    whole = path.read_bytes()
    for damaged in (whole[:-100], whole + b"\0" * 8):
        path.write_bytes(damaged)
        with pytest.raises(ValueError, match="cut short or damaged"):
            NgramModel.load(path)


def test_save_replaces_the_file_whole(tmp_path):
    path = tmp_path / "m.model"
    path.write_bytes(b"NEWSLINT-NGRAM 6\nan old model")
    before = path.stat().st_ino
    old_mask = os.umask(0o022)
    try:
        _small_model().save(path)
    finally:
        os.umask(old_mask)
    # a rename, not a rewrite: a reader that opened the old file reads it to its end, and one
    # that opens the path gets the new file whole
    assert path.stat().st_ino != before
    assert NgramModel.load(path).id_of("trial") > 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["m.model"]


def test_a_model_trained_on_top_of_keeps_what_it_worked_out_before_pruning():
    # newslint train starts from the shipped model's counts, whose trigrams were pruned: its
    # class contexts and skip pairs, worked out from them all, must come through whole
    shipped = load_model("")
    again = build_model(shipped.to_counts(), 2, {})
    assert again.vocab == shipped.vocab
    for name, table in (
        *((n, getattr(shipped.contexts, n)) for n in ("left", "middle", "right", "pairs", "gaps")),
        ("before", shipped.skips.before),
        ("after", shipped.skips.after),
    ):
        rebuilt = getattr(again.skips if name in ("before", "after") else again.contexts, name)
        assert len(table) > 10_000 and list(rebuilt.items()) == list(table.items()), name


def test_a_vocabulary_too_large_for_the_keys_is_an_error(monkeypatch):
    monkeypatch.setattr(ngram, "MAX_WORDS", 5)
    with pytest.raises(ValueError, match="more than a model holds"):
        _small_model()


def test_train_reads_an_article_once_however_often_it_is_named(tmp_path, monkeypatch):
    (tmp_path / "f1").mkdir()
    (tmp_path / "f1" / "a.txt").write_text("Headline\n\nThe minister spoke.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = [Path("f1"), Path("f1"), Path("f1/a.txt"), Path("./f1"), tmp_path / "f1"]
    assert list(iter_articles(named, [".txt"])) == [Path("f1/a.txt")]


def test_train_reads_articles_with_the_readers_check_has(tmp_path, monkeypatch):
    # a plugin's reader for a newsroom's own format: `check` lints such files with it, but
    # `train` knew only the three built-in readers, found no article in a folder of them and
    # read a named one as plain text
    from newslint import cli, hookimpl
    from newslint.readers.text import TextReader

    read = []

    class WireReader(TextReader):
        name = "wire"
        suffixes = (".wire",)

        def read(self, path, source):
            read.append(path)
            return super().read(path, source)

    class Plugin:
        @hookimpl
        def newslint_register_readers(self):
            return [WireReader()]

    def manager(disabled=()):
        pm = get_plugin_manager()
        pm.register(Plugin(), "wire-reader")
        return pm

    monkeypatch.setattr(cli, "_manager", manager)
    wires = tmp_path / "wires"
    wires.mkdir()
    for i in range(2):
        (wires / f"w{i}.wire").write_text(
            f"Story {i}\n\nThe report named the units of U.S. forced in the Middle East.\n",
            encoding="utf-8",
        )
    model = tmp_path / "house.model"
    result = CliRunner().invoke(main, ["train", "--no-base", str(wires), "-o", str(model)])
    assert result.exit_code == 0, result.output
    assert "Read 2 articles" in result.output
    assert sorted(Path(p).name for p in read) == ["w0.wire", "w1.wire"]


def test_train_end_to_end_changes_a_verdict(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    # A newsroom whose copy (here, a deliberately odd house phrase) uses "forced in the" after
    # "U.S." teaches the model that this context is normal for it.
    for i in range(3):
        (archive / f"story{i}.md").write_text(
            f"# Story {i}\n\nThe report named the units of U.S. forced in the Middle East.\n",
            encoding="utf-8",
        )
    article = tmp_path / "desk" / "article.md"
    article.parent.mkdir()
    article.write_text(
        "# Visit\n\nVotel, the top commander of U.S. forced in the Middle East, spoke on Monday.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    before = runner.invoke(
        main, ["check", "--select", "SP102", "--format", "concise", str(article)]
    )
    assert "SP102" in before.output
    model = tmp_path / "desk" / "house.model"
    result = runner.invoke(main, ["train", str(archive), "-o", str(model)])
    assert result.exit_code == 0, result.output
    assert "Read 3 articles" in result.output
    (tmp_path / "desk" / ".newslint.toml").write_text(
        '[rules.SP102]\nmodel = "house.model"\n', encoding="utf-8"
    )
    after = runner.invoke(main, ["check", "--select", "SP102", "--format", "concise", str(article)])
    assert after.exit_code == 0 and "SP102" not in after.output


def test_train_learns_from_a_json_lines_archive(tmp_path):
    # the export `newslint check --input-format jsonl` lints: read as one plain-text article
    # of JSON, it taught the model nothing of the newsroom's copy (or was a "binary file", gzipped)
    story = "The report named the units of U.S. forced in the Middle East."
    lines = [json.dumps({"id": f"s{i}", "body": f"# Story {i}\n\n{story}\n"}) for i in range(3)]
    lines += ["{not json", json.dumps({"id": "s9", "body": 7})]
    lines += [json.dumps({"id": f"t{i}", "text": f"# Story\n\n{story}\n"}) for i in range(2)]
    packed = tmp_path / "export.jsonl.gz"
    packed.write_bytes(gzip.compress("\n".join(lines).encode()))
    article = tmp_path / "desk" / "article.md"
    article.parent.mkdir()
    article.write_text(
        "# Visit\n\nVotel, the top commander of U.S. forced in the Middle East, spoke on Monday.\n",
        encoding="utf-8",
    )
    model = tmp_path / "desk" / "house.model"
    runner = CliRunner()
    result = runner.invoke(main, ["train", str(packed), "--text-field", "body", "-o", str(model)])
    # the lines that are no articles are named, as newslint check names them; the rest learnt
    assert result.exit_code == 2, result.output
    assert f"{packed}:4: not a JSON object" in result.output
    assert f"s9: line 5 of {packed}: no text in field 'body'" in result.output
    # records without the field at all are one error for the archive, not one each
    assert result.output.count("no field") == 1
    assert (f"{packed}: 2 records have no field 'body' (--text-field); the first, line 6 "
            "(id 't0'), has the fields 'id', 'text'") in result.output
    assert "Read 3 articles;" in result.output
    (tmp_path / "desk" / ".newslint.toml").write_text(
        '[rules.SP102]\nmodel = "house.model"\n', encoding="utf-8"
    )
    after = runner.invoke(main, ["check", "--select", "SP102", "--format", "concise", str(article)])
    assert after.exit_code == 0 and "SP102" not in after.output


def test_train_refuses_archive_options_without_an_archive(project, run_cli, error_line):
    # they were dropped in silence: the folder's articles were learnt as if no option was given
    project.write("archive/story.md", "# Fire\n\nThe fire spread to the warehouse.\n")
    project.write("export.jsonl", json.dumps({"body": "# Fire\n\nThe fire spread.\n"}) + "\n")
    for args, options in (
        (["archive", "--text-field", "body"], "--text-field needs"),
        (["archive/story.md", "--format-field", "kind", "--format-hint", "html"],
         "--format-field, --format-hint need"),
    ):
        code, out, err = run_cli("train", *args, "-o", "house.model", "--no-base")
        assert (code, out) == (2, ""), err
        error_line(err, f"{options} a JSON-lines archive (.jsonl or .jsonl.gz) among the paths")
        assert not (project.root / "house.model").exists()
    # with an archive among the paths, they are its options, and the folder is learnt as well
    code, out, err = run_cli("train", "archive", "export.jsonl", "--text-field", "body",
                             "-o", "house.model", "--no-base")
    assert (code, err) == (0, "") and "Read 2 articles;" in out


def test_train_warns_of_a_named_field_no_record_has(project, run_cli):
    # as newslint check does: a mistyped --format-field or --title-field left every article
    # without its format or headline, and the model was written with no word said
    story = "Fire\n\nThe fire spread to the warehouse.\n"
    lines = "".join(json.dumps({"id": f"s{i}", "body": story, "kind": None}) + "\n"
                    for i in range(3))
    project.write("export.jsonl", lines)
    code, out, err = run_cli("train", "export.jsonl", "--text-field", "body", "--format-field",
                             "format", "--title-field", "headline", "-o", "house.model",
                             "--no-base")
    assert code == 0 and "Read 3 articles;" in out
    assert err.splitlines() == [
        "newslint: warning: export.jsonl: no record has the field 'headline' (--title-field), "
        "nor the field 'format' (--format-field); the first, line 1, has the fields 'id', "
        "'body', 'kind'"]
    code, _, err = run_cli("train", "export.jsonl", "--text-field", "body", "--format-field",
                           "kind", "-o", "house.model", "--no-base")
    assert (code, err) == (0, "")  # null in every record: the field is there


def test_train_reads_the_title_field_as_check_does(project, run_cli):
    # there was no --title-field: the text's first line was taken for its headline and not
    # learnt from, where newslint check, given the title, lints that line as the body's
    title, first = "Ferries resume after gales", "Weekend ferries resume sailings"
    project.write("export.jsonl", json.dumps(
        {"title": title, "text": f"{first}\n\nThe ferry left the pier at noon.\n"}) + "\n")
    code, out, err = run_cli("train", "export.jsonl", "--title-field", "title", "-o",
                             "house.model", "--no-base", "--min-count", "1")
    assert (code, err) == (0, "") and "Read 1 article;" in out
    vocab = set(NgramModel.load(project.root / "house.model").vocab)
    assert {"sailings", "pier"} <= vocab  # the first line is body, as check reads it
    assert "gales" not in vocab  # headlines are not learnt from, as SP102 does not check them


def test_train_learns_from_the_archives_in_a_folder(project, run_cli):
    # a folder of the newsroom's nightly exports was searched for articles only: "no articles
    # found in the given paths", and beside articles the exports were left out in silence
    story = "# Fire\n\nThe fire spread to the warehouse.\n"
    project.write("exports/2024/story.md", story)
    lines = "".join(json.dumps({"id": f"s{i}", "body": story}) + "\n" for i in range(3))
    packed = project.root / "exports" / "2024" / "night.jsonl.gz"
    packed.write_bytes(gzip.compress(lines.encode()))
    project.write("exports/2025/night.jsonl", lines)
    code, out, err = run_cli("train", "exports", "--text-field", "body", "-o", "house.model",
                             "--no-base")
    assert (code, err) == (0, "") and "Read 7 articles;" in out


def test_train_never_writes_over_an_article_and_names_what_it_cannot_read(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("# Fire\n\nThe fire spread to the warehouse.\n", encoding="utf-8")
    (tmp_path / "latin.md").write_bytes("# Caf\xe9\n\nThe caf\xe9 shut.\n".encode("latin-1"))
    notes = tmp_path / "notes.csv"  # no article (.md, .html, .txt), and no model either
    notes.write_text("not a model\n", encoding="utf-8")
    runner = CliRunner()
    for output, why in ((story, "is one of the articles to learn from"),
                        (notes, "is there and is no newslint model; not overwritten")):
        result = runner.invoke(main, ["train", str(tmp_path), "-o", str(output), "--no-base"])
        assert result.exit_code == 2 and why in result.output, result.output
    assert story.read_text(encoding="utf-8").startswith("# Fire")
    assert notes.read_text(encoding="utf-8") == "not a model\n"
    model = tmp_path / "out" / "house.model"
    result = runner.invoke(main, ["train", str(tmp_path), "-o", str(model), "--no-base"])
    # the article that is not UTF-8 is named, as newslint check names it; the others are learnt
    assert result.exit_code == 2 and f"{tmp_path / 'latin.md'}: not UTF-8" in result.output
    assert "Read 1 article;" in result.output and model.is_file()
    result = runner.invoke(main, ["train", str(story), "-o", str(story / "x.model")])
    assert result.exit_code == 2 and "cannot write the model" in result.output
    # a folder with no articles is said so at once, with the shipped model not even read
    (tmp_path / "empty").mkdir()
    with mock.patch("newslint.train.NgramModel.load", side_effect=AssertionError("read")):
        result = runner.invoke(main, ["train", str(tmp_path / "empty"), "-o", str(model)])
    # naming the folder and what was looked for ('no articles found in the given paths' named
    # neither)
    assert (result.exit_code, result.stderr) == (
        2, f"newslint: error: {tmp_path / 'empty'}: no articles found (looked for *.txt *.text "
           "*.md *.markdown *.mdown *.mkd *.html *.htm *.xhtml *.jsonl *.jsonl.gz)\n")


def test_a_model_rewritten_on_disk_is_read_again(tmp_path):
    # a language server runs on while newslint train writes the model again
    path = tmp_path / "house.model"
    for words in (["alpha", "beta"], ["gamma", "delta", "epsilon"]):
        counts = NgramCounts()
        counts.add_sentence(words)
        counts.to_model(1).save(path)
        assert load_model(str(path)).index.keys() >= set(words)
    assert load_model("") is load_model("")  # the shipped model: read once


def test_topic_words_are_those_an_article_uses_far_more_than_news_does():
    model = load_model("")
    counts = Counter({"moles": 5, "the": 40, "said": 3, "mole": 1})
    topical = topic_words(model, counts)
    assert topical == {"moles"}  # "mole", used once, is never a topic word
    size = sum(counts.values())
    assert topical == {w for w, c in counts.items() if is_topical(model, w, c, size)}


def test_words_two_apart_are_weighed_against_chance():
    # ids: 0 <s>, 1 "the", 2 a common word, 3 a word news never used, 4 a rarer word, 5 "of",
    # 6 </s>; the place is the "_" of "<s> the 4 _ 4 of </s>": "the" stands two before it,
    # "of" two after
    vocab = 7
    unigrams = np.array([0, 1000, 2000, 0, 100, 1000, 0])
    total = 10_000
    before = CountTable(np.array([1 * vocab + 4]), np.array([50]))  # "the" two before 4
    skips = ngram.SkipPairs(vocab, before, CountTable(np.array([], dtype=np.int64), np.array([])))
    ids = np.array([0, 1, 4, 2, 4, 5, 6])
    places = Places(
        ids, np.zeros(len(ids), dtype=np.int64), np.array([3]), np.array([0]), np.array([7])
    ).subset(np.array([0, 0, 0]))
    x = np.array([3, 2, 4])
    two_before, two_after = skips.terms(places, x, unigrams[x], unigrams, total)
    # never seen: no evidence either way
    assert two_before[0] == two_after[0] == 0.0
    # common, yet never seen beside "the" or "of" where chance gives it 200: it fits badly
    assert two_before[1] == pytest.approx(-math.log(201))
    assert two_after[1] == pytest.approx(-math.log(201))
    # seen 50 times beside "the" where chance gives 10: it fits well
    assert two_before[2] == pytest.approx(math.log(51) - math.log(11))


def test_slip_candidates_rows_and_their_grouping_by_place():
    model, books = load_model(""), load_books()
    text = "Votel is the top commander of U.S. forced in the Middle East."
    (sentence,) = MarkdownReader().read("story.md", text).sentences
    tokens = [(t.start - sentence.start, t.text) for t in sentence.tokens]
    words, where = ngram.sentence_words(sentence.text, tokens)
    forced = words.index("forced")
    names = ngram.name_places([text for _, text in tokens], where)
    assert [words[at] for at in names] == ["u.s.", "middle", "east"]  # not the first word
    judged = [(words, range(len(words)), names), (["nothing", "here"], [], [])]
    evidence = slip_candidates(model, books, judged)
    assert evidence is not None
    assert evidence.features.shape == (len(evidence.others), len(FEATURES))
    rows = zip(evidence.sentences, evidence.positions, evidence.others, strict=True)
    assert (0, forced, "forces") in rows
    grouped = list(slip_evidence(model, books, judged))
    # each place once, in order, with exactly the rows slip_candidates gave it
    places = [(n, at) for n, at, _ in grouped]
    rows = set(zip(evidence.sentences, evidence.positions, strict=True))
    assert places == sorted(set(places)) == sorted(rows)
    assert sum(len(found) for _, _, found in grouped) == len(evidence.others)
    by_place = {(n, at): found for n, at, found in grouped}
    assert "forces" in [alt for alt, _, _ in by_place[0, forced]]
    assert slip_candidates(model, books, [(["the", "cat"], [], [])]) is None
    # The features the previous, one-place-at-a-time implementation gave "forces" here with the
    # same statistics (rebuilding the shipped model changes them), with the two words-apart
    # features as worked out one count at a time from the tables, then the two name features
    # ("U.S." stands before it), then the words near it (is, the, top, commander; Middle,
    # East) summed one by one: the array code computes the same evidence, not merely
    # evidence that ranks "forces" first.
    (row,) = [f for alt, _, f in by_place[0, forced] if alt == "forces"]
    assert row == pytest.approx(FORCES_FEATURES, rel=1e-9)
    score = slip_weights().scores(["substitution"], np.array([row]))
    assert score.tolist() == pytest.approx([4.048049022498123], rel=1e-9)


FORCES_FEATURES = (
    13.903868147311217, 8.358978885242113, 4.533605861109278, 1.0112834009598255,
    5.324991725132403, 1.0, 5.42264103346545, 6.360453537555462, 6.083523195860561,
    1.272625192323047, 5.459585514144159, 1.0, 1.0, 3.8501476017100584, 4.442651256490317,
    2.823577517056103, 1.4018984364890443, 2.9323897495234346, 0.04908535547184633,
    2.9985029109246306,
)  # fmt: skip


@pytest.mark.parametrize(("select", "loaded"), [("ST,SP101,SP103", False), ("SP102", True)])
def test_numpy_and_the_model_load_only_when_sp102_runs(tmp_path, select, loaded):
    article = tmp_path / "story.md"
    article.write_text("# Talks end\n\nThe the talks ended on Friday.\n", encoding="utf-8")
    code = (
        "import sys\nfrom newslint.cli import main\n"
        f"try:\n    main(['check', '--no-cache', '--select', {select!r}, {str(article)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print('numpy' in sys.modules, 'newslint.slips' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stderr.splitlines()[-1] == f"{loaded} {loaded}", proc.stderr


def test_slip_candidates_book_evidence_is_the_books_score_of_the_words_around():
    # The books know words the news model does not ("banished", and "banished from" as a
    # pair): a neighbour's book id comes from the word itself then, not from the model's
    # <unk>. Each row's book feature is the books' score of the look-alike minus the written
    # word's, between the same neighbours.
    model, books = load_model(""), load_books()
    assert "banished" not in model.index and "banished" in books.index
    words = ["he", "was", "banished", "form", "the", "country"]
    evidence = slip_candidates(model, books, [(words, [3], [])])
    assert evidence is not None and "from" in evidence.others
    left, right = books.word_ids(["banished", "the"])
    for written, other, row in zip(
        evidence.written, evidence.others, evidence.features, strict=True
    ):
        scores = books.scores(
            np.array([left, left]), books.word_parts([other, written]), np.array([right, right])
        )
        assert row[FEATURES.index("books")] == pytest.approx(scores[0] - scores[1])
        assert row[FEATURES.index("books_known")] == 1


def test_a_slip_in_a_front_matter_title_and_the_heading_under_it(pm):
    # The CMS's title and the page's H1 restate one headline: the slip in both is one slip
    # written twice, not a term the article uses twice, and is reported in each
    text = (
        '---\ntitle: "Man held after knife-weilding attack in Leeds"\n---\n\n'
        "# Man held after knife-weilding attack in Leeds\n\n"
        "Police arrested a man on Monday after an attack in the city centre.\n"
    )
    found = [(code, word) for code, word, _, _ in sp(pm, text) if code == "SP101"]
    assert found == [("SP101", "knife-weilding"), ("SP101", "knife-weilding")]
