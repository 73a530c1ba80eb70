"""The OCR family: the learned channel, candidates in context, and what it must leave alone."""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from restore import Config, Restorer, explain, ocr_page, resources, restore
from restore.fixes import numerals, ocr, spacing
from restore.ocr_channel import Channel, confusions
from restore.text import tokens
from scripts import calibrate_ocr, learn_ocr_channel, measure_ocr_marks
from scripts.pairs import tables_in

#: A page as a 19th-century newspaper comes out of OCR: enough misread words that the
#: document reads as OCR output.
PAGE = (
    "The prisoner was charged witb stealing a watcb from tbe house of Mr. Smith, and lie "
    "said he had been sent by the landlord to see to the blinds. Tlie pro- perty was found "
    "in a pawnshop in Church-street, and tbe prisoner was remanded for a week."
)

#: The same story as clean copy, long enough to read as no OCR page.
CLEAN = ("The prisoner was charged with stealing a watch from the house of Mr. Smith, "
         "and he said he had been sent by the landlord to see to the blinds.\n") * 10


def _ocr_corrections(text: str) -> dict[str, str]:
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(text)
    return {c.original: c.replacement for c in report.applied}


def _proposed(text: str, rule: str) -> list[tuple[str, str, float]]:
    """(original, replacement, confidence) of what the OCR family proposes by ``rule``."""
    return [(c.original, c.replacement, c.confidence) for c in ocr.propose(text)
            if c.rule == rule]


def _left_alone_on_a_clean_page(sentence: str) -> None:
    """``sentence`` after clean copy: a page that does not read as OCR is not touched."""
    clean = CLEAN + sentence
    assert restore(clean) == clean


def test_misread_words_on_an_ocr_page_are_corrected() -> None:
    fixed = _ocr_corrections(PAGE)
    assert fixed["witb"] == "with"
    assert fixed["watcb"] == "watch"
    assert fixed["tbe"] == "the"
    assert fixed["Tlie"] == "The"
    assert fixed["pro- perty"] == "property"


def test_a_word_of_ll_that_lost_an_l_is_read_whole() -> None:
    # "caled" is no British spelling of "called" (as "traveled" is of "travelled").
    fixed = _ocr_corrections(PAGE + " The constable was caled, and the prisoner filled a form.")
    assert fixed["caled"] == "called"
    assert "filled" not in fixed


def test_a_capital_i_read_for_an_l_or_a_speck_is_no_capital() -> None:
    fixed = _ocr_corrections(PAGE + " He said that the Iabour of the men was paid by Ithe week.")
    assert fixed["Iabour"] == "labour"
    assert fixed["Ithe"] == "the"


def test_a_capital_i_after_a_capital_and_before_lower_case_is_no_capital() -> None:
    # A short word with it is not in capitals: "MIr" is "Mr", not "MR".
    fixed = _ocr_corrections(PAGE + " MIr. Smith was there. HIe said that the watch was his own.")
    assert (fixed["MIr"], fixed["HIe"]) == ("Mr", "He")


def test_a_capital_read_as_another_capital_is_read_in_its_case() -> None:
    # The channel reads "H" as "E" far more often than "h" as "e".
    fixed = _ocr_corrections(PAGE + " Ee said that the watch was his own.")
    assert fixed["Ee"] == "He"


def test_a_short_word_that_lost_a_letter_is_read_in_context() -> None:
    found = {c.original: c for c in ocr.propose(
        PAGE + " The prisoner wa taken to the station, and put ito a cell.")}
    assert found["wa"].replacement == "was" and found["wa"].confidence >= 0.9
    assert found["ito"].replacement == "into"  # proposed, with the confidence it has


def test_a_real_word_wrong_in_context_is_proposed_with_its_confidence() -> None:
    page = PAGE.replace("Mr. Smith,", "Mr. Smith, and tho court heard that")
    found = {c.original: c for c in ocr.propose(page)}
    assert found["tho"].replacement == "the" and found["tho"].confidence >= 0.9
    assert found["lie"].replacement == "he" and 0.0 < found["lie"].confidence < 1.0
    assert _ocr_corrections(page)["tho"] == "the"


def test_words_that_lost_the_spaces_between_them_are_read_apart() -> None:
    page = PAGE.replace("and tbe prisoner was remanded", "andthejury found that tbe prisoner was")
    fixed = _ocr_corrections(page)
    assert fixed["andthejury"] == "and the jury"
    proposals = ocr.propose("The prisoner decaniped witb tbe watcb.")
    assert any(c.original == "witb" for c in proposals)  # the page reads as OCR
    assert not any(c.original == "decaniped" and " " in c.replacement
                   for c in proposals)  # and a garbled word is no run of abbreviations


def test_a_full_context_cache_starts_afresh_without_changing_a_correction(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "_EVIDENCE", {})
    expected = ocr.propose(PAGE)
    every_context = len(ocr._EVIDENCE)
    monkeypatch.setattr(ocr, "_EVIDENCE", {})
    ocr.propose(PAGE[:len(PAGE) // 2])  # some of the page's contexts are known, some new
    known = len(ocr._EVIDENCE)
    monkeypatch.setattr(ocr, "EVIDENCE_CACHE_SIZE", known)
    assert ocr.propose(PAGE) == expected
    assert known > 0 and len(ocr._EVIDENCE) < every_context  # it started afresh


def test_every_correction_keeps_the_bytes_around_it() -> None:
    text = PAGE.replace(". ", ".\r\n")
    report = explain(text)
    for c in report.corrections:
        assert text[c.start:c.end] == c.original
        assert 0.0 <= c.confidence <= 1.0
    assert report.text.count("\r\n") == text.count("\r\n")


def test_a_word_broken_at_a_line_end_is_joined_across_any_line_break() -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = PAGE.replace("pro- perty", f"pro-{newline}perty")
        assert _ocr_corrections(text)[f"pro-{newline}perty"] == "property"


def test_a_word_broken_at_a_line_end_is_joined_on_a_clean_page_too() -> None:
    text = CLEAN + ("The timber was obtained by the com- pany in large quanti-\nties, and a "
                    "well- known merchant had a high-\nprofile part in it.")
    assert ocr_page.ocr_probability(tokens(text)) < ocr_page.MIN_OCR_PROBABILITY
    assert restore(text) == CLEAN + (
        "The timber was obtained by the company in large quantities, "
        "and a well- known merchant had a high-\nprofile part in it.")


def test_a_broken_word_needs_only_be_known_where_a_piece_is_no_word() -> None:
    text = PAGE + " His interroga- tory was met with a piece of- interest to all."
    fixed = _ocr_corrections(text)
    assert fixed["interroga- tory"] == "interrogatory"
    assert fixed["of- interest"] == "of interest"  # read whole: two words, not "ofinterest"


def test_a_misread_word_broken_at_a_line_end_is_read_whole() -> None:
    text = PAGE + " She afterwards de- lared that the prisoner had taken it."
    found = {c.original: c for c in ocr.propose(text)}
    assert found["de- lared"].replacement == "declared"
    assert "broken at a line end" in found["de- lared"].note
    assert "lared" not in found  # a piece is not read on its own
    assert _ocr_corrections(text)["de- lared"] == "declared"
    # a misreading is OCR's: not on a clean page
    _left_alone_on_a_clean_page("She afterwards de- lared that the prisoner had taken it.")


def test_a_broken_word_no_reading_fits_is_joined_as_it_stands() -> None:
    text = PAGE + " It was the strange- ometer that failed, and the Squarry- street lamp."
    assert _proposed(text, "ocr.joined") == [
        ("strange- ometer", "strangeometer", ocr.JOINED_SHARE)]  # "street" is a word of its own
    _left_alone_on_a_clean_page("It was the strange- ometer that failed.")


def test_a_name_broken_at_a_line_end_is_joined_as_the_text_writes_it_elsewhere() -> None:
    sentence = ("Mr Blunkett met Mr Kilroy-Silk. Later Mr Blun-\nkett's aide and Mr Kil-\n"
                "roy-Silk left, as did Ms Gei-\njsen and Mr Misa-\nmore, whom some call "
                "Misamore and some Misa-more.")
    joined = sentence.replace("Blun-\nkett's", "Blunkett's").replace("Kil-\nroy", "Kilroy")
    assert restore(CLEAN + sentence) == CLEAN + joined  # "Geijsen" stands nowhere else
    assert [(c.original, c.confidence) for c in explain(PAGE + " " + sentence).applied
            if c.rule == "ocr.joined"] == [("Blun-\nkett", ocr.WRITTEN_WHOLE_SHARE),
                                           ("Kil-\nroy", ocr.WRITTEN_WHOLE_SHARE),
                                           ("Gei-\njsen", ocr.JOINED_SHARE)]  # OCR's share


def test_the_margin_read_between_the_pieces_of_a_broken_word_goes() -> None:
    text = PAGE + (" An automatic brake in all pas- hE senger trains was fitted by the "
                   "con- I tractor.")
    fixed = _ocr_corrections(text)
    assert fixed["pas- hE senger"] == "passenger"
    assert fixed["con- I tractor"] == "contractor"
    sentence = "They were sent by the con- I tractor."
    assert ocr_page.ocr_probability(tokens(CLEAN + sentence)) < ocr_page.MIN_OCR_PROBABILITY
    _left_alone_on_a_clean_page(sentence)  # a margin is OCR's


def test_a_hyphen_read_as_a_full_stop_inside_a_broken_word_goes() -> None:
    text = PAGE + (" He had pur. chased the watch, and his state. ment was read. He left "
                   "at 10 a.m. in a cab. Mr. Smith said. then he sat down.")
    fixed = _ocr_corrections(text)
    assert fixed["pur. chased"] == "purchased"
    assert fixed["state. ment"] == "statement"
    joined = {c.original for c in ocr.propose(text) if c.rule == "ocr.hyphenation"}
    assert not joined & {"m. in", "said. then", "Mr. Smith"}  # a time, no common word, a name
    _left_alone_on_a_clean_page("He had pur. chased the watch.")  # a full stop is the writer's


def test_a_spinners_digit_shapes_are_no_spin_on_an_ocr_page() -> None:
    sentence = " Amelia Francis, aged Isix, was indicted."
    assert numerals.propose(PAGE + sentence) == []
    assert [c.replacement for c in numerals.propose(CLEAN + sentence)] == ["6"]


def test_a_name_the_page_repeats_is_a_reading_of_its_misreadings() -> None:
    text = PAGE + (" Herr Rosenkranz, a baker, said the prisoner came to him. Rosenkranz knew "
                   "him well. Rosenliranz then left the court.")
    assert _ocr_corrections(text)["Rosenliranz"] == "Rosenkranz"
    once = text.replace("Rosenkranz knew", "He knew")  # named once: no better than a misreading
    assert "Rosenliranz" not in _ocr_corrections(once)


def test_a_pound_sign_the_encoding_lost_is_restored_before_an_amount() -> None:
    text = PAGE + " The watch was worth \ufffd12, a chain \ufffd4 10s.; the man�s coat \ufffd. 3"
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(text)
    pounds = [c for c in report.applied if c.rule == "ocr.pound"]
    assert [(c.original, c.replacement) for c in pounds] == [("\ufffd", "£")] * 2
    assert report.text.endswith("worth £12, a chain £4 10s.; the man�s coat \ufffd. 3")
    _left_alone_on_a_clean_page("The watch was worth \ufffd12.")


@pytest.mark.parametrize(("sentence", "restored", "left"), [
    # inside a sentence; at a sentence's end a number is itself, and so is a year
    (" He was fined 51. and costs, paid 1001., and owed 541. 10s. to a man of 21. The court "
     "rose at 11. The case was heard in 1851. and in 2001. again.",
     "fined 5l. and costs, paid 100l., and owed 54l. 10s. to",
     "man of 21. The court rose at 11. The case was heard in 1851. and in 2001. again."),
    # grouped in thousands, wherever it stands; not a decimal nor a sum with its sign
    (" The bankrupt owed 6,0001. The sum of 5,071,0321.-Mr. Smith left 12,0001 in gold. The "
     "town has 1,000 men, 2,5001.5 acres and £3,0001.",
     "owed 6,000l. The sum of 5,071,032l.—Mr. Smith left 12,000l in gold.",
     "1,000 men, 2,5001.5 acres and £3,0001."),
])
def test_a_sum_in_pounds_read_with_a_one_is_restored(sentence: str, restored: str,
                                                     left: str) -> None:
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(PAGE + sentence)
    pounds = [c for c in report.applied if c.rule == "ocr.pounds"]
    assert [(c.original, c.replacement) for c in pounds] == [("1", "l")] * 3
    assert restored in report.text
    assert report.text.endswith(left)
    _left_alone_on_a_clean_page(sentence)


def test_stray_punctuation_goes_with_its_measured_share() -> None:
    text = PAGE + (" The body having -been found, a witness - who was there - said the "
                   "-Mayor took them 'into custody.. They were committed: to take their "
                   "trial for the well-known case.")
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(text)
    shares = {kind: share for kind, _, share in ocr.STRAY_PUNCTUATION}
    stray = sorted((c.original, c.confidence) for c in report.corrections
                   if c.rule == "ocr.stray_punctuation")
    assert stray == sorted([
        ("-", shares["a hyphen before a lower-case word"]),
        ("- ", shares["a hyphen alone between words"]),
        ("- ", shares["a hyphen alone between words"]),
        ("-", shares["a hyphen before a capital"]),
        ("'", shares["an apostrophe glued to the start of a word"]),
        (".", shares["a full stop doubled"]),
        (":", shares["a colon between lower-case words"])])
    assert report.text.endswith(  # those below 0.8 are reported, not applied
        "having been found, a witness - who was there - said the -Mayor took them into "
        "custody. They were committed to take their trial for the well-known case.")
    assert restore(text, min_confidence=0.4).endswith(
        "having been found, a witness who was there said the Mayor took them into custody. "
        "They were committed to take their trial for the well-known case.")
    _left_alone_on_a_clean_page(
        "The body having -been found, a witness - who was there - spoke: he 'said.")
    marks = PAGE + (" The ,prisoner and the . officer went ;home to the | court. Then the "
                    "prisoner~ said that the C officer had gone, for Smith and Co., "
                    "solicitors,. who were there. . The officer took the- letter,, and in "
                    "the evening,' he said so.")
    found = {(original, confidence)
             for original, _, confidence in _proposed(marks, "ocr.stray_punctuation")}
    glued = shares["a comma, full stop, colon or semicolon glued to the start of a word"]
    in_context = {kind: readings[""][1] for kind, _, readings in ocr.READ_IN_CONTEXT
                  if "" in readings}
    assert found == {(",", glued), (";", glued), (". ", shares["a full stop alone between words"]),
                     ("| ", shares["a mark no word has, alone between words"]),
                     ("~", shares["a mark no word has, glued to a word"]),
                     ("C ", in_context["a capital alone between lower-case words"]),
                     (".", shares["a full stop after a comma"]),  # not "Co.,"
                     (" .", shares["a full stop alone after a full stop"]),
                     ("-", shares["a hyphen glued to the end of a word before a lower-case word"]),
                     (",", shares["a comma doubled"]),
                     ("'", shares["an apostrophe after a comma"])}  # none in "pro- perty"


def test_a_reading_where_a_sentence_starts_takes_the_case_its_context_favours() -> None:
    sentences = (" He tried to save them from ruin. lie also said he had been there. The man"
                 " was seen. tbe prisoner said so, and the usual. sumnons was served.")
    restored = restore(PAGE + sentences)
    assert restored.endswith(" He tried to save them from ruin. He also said he had been there."
                           " The man was seen. The prisoner said so, and the usual. summons was"
                           " served.")


def test_a_rule_read_before_a_heading_goes() -> None:
    text = ("I SHOWMEN AND THE COUNTY COUNCIL\n" + PAGE + "\n  | MIDDLESEX SESSIONS.\n"
            "I CENTRAL CRIMINAL COURT.\nI said no.\n")
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(text)
    share = {kind: share for kind, _, share in ocr.STRAY_PUNCTUATION}[
        "a rule read as a letter or bar before a heading"]
    assert sorted((c.start, c.original, c.confidence) for c in report.corrections
                  if c.rule == "ocr.stray_punctuation") == [
        (0, "I ", share), (text.index("| MID"), "| ", share),
        (text.index("I CENTRAL"), "I ", share)]
    assert report.text.startswith("SHOWMEN AND THE COUNTY COUNCIL\n")
    assert "\n  MIDDLESEX SESSIONS.\n" in report.text  # the indentation stays
    assert report.text.endswith("\nI said no.\n")  # the pronoun before a lower-case word stays
    _left_alone_on_a_clean_page("\nI SHOWMEN AND THE COUNTY COUNCIL")


def test_a_mark_between_words_is_read_as_the_context_reads_it() -> None:
    text = PAGE + (" Then I went home with. my sister and the. prisoner. He said no. but he "
                   "was, taken to the street, The police then charged his brother' and t him.")
    marks = {(text[c.start - 4:c.end + 3], c.replacement, c.confidence) for c in ocr.propose(text)
             if c.original in (".", ",", "'", "t ")}
    shares = {(kind, reading): share for kind, _, readings in ocr.READ_IN_CONTEXT
              for reading, (_, share) in readings.items()}
    assert marks == {("with. my", "", shares["a full stop between words", ""]),
                     (" the. pr", "", shares["a full stop between words", ""]),
                     (" was, ta", "", shares["a comma between words", ""]),
                     ("reet, Th", ".", shares["a comma between words", "."]),
                     ("ther' an", "", shares["an apostrophe at a word's end", ""]),
                     ("and t him", "", shares["a letter alone between words", ""])}
    _left_alone_on_a_clean_page("Then I went home with. my sister.")
    case = PAGE + " In Regina v Smith a man said no, that I was there and I saw it."
    assert not any(c.original.strip() in ("v", "a", "I")  # words of one letter are kept
                   for c in ocr.propose(case))
    letters = PAGE + " The prisoner i said that the officer o took him away."
    lower_case = {letters[c.start - 5:c.end + 3] for c in ocr.propose(letters)
                  if c.rule == "ocr.stray_punctuation"}
    assert lower_case == {"oner i sai", "icer o too"}  # the print set "I" and "O"
    stray_i = [c for c in ocr.propose(PAGE + " Then the I prisoner was taken.")
               if c.original == "I "]
    assert [c.confidence for c in stray_i] == [shares["an I alone between lower-case words", ""]]
    hyphens = {(c.original, c.replacement) for c in ocr.propose(
        PAGE + " He struck out and felled him-to the ground at the police-court to-day.")
        if c.original == "-"}
    assert hyphens == {("-", " ")}  # "him-to"; the compounds of the period's print stay
    beside = PAGE + (" He came from-the station and entered the-court with his brother-in-law,"
                     " a well-known man who earned 300l. a-year at the police-station to-day.")
    assert restore(beside).endswith(" He came from the station and entered the court with his"
                                    " brother-in-law, a well-known man who earned 300l. a-year"
                                    " at the police-station to-day.")
    stops = [(c.original, c.replacement) for c in ocr.propose(
        PAGE + " He had.evidently slept there, he said, and wrote to bbc.co.uk.")
        if c.original == "."]
    assert stops == [(".", " ")]  # "had.evidently"; not inside an address


@pytest.mark.parametrize("between", [" ", "\n"])
def test_a_letter_alone_is_read_alike_within_a_line_and_at_its_end(between: str) -> None:
    """Hard-wrapped OCR (a line break inside a paragraph) reads as it would unwrapped."""
    text = PAGE + f" The constable said that the t{between}prisoner was taken away."
    found = {(c.original, c.replacement) for c in explain(text).applied}
    assert (f"t{between}", "") in found


def test_an_apostrophe_between_two_words_is_read_as_a_space() -> None:
    text = PAGE + (" He fell to'the ground, hiring'the cab at three o'clock. Mr."
                   " O'Brien said he didn't see it, nor the cash'mere shawl at York'road.")
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(text)
    share = {kind: readings[" "][1] for kind, _, readings in ocr.READ_IN_CONTEXT
             if " " in readings}["an apostrophe for a space between words"]
    assert {(text[c.start - 2:c.end + 3], c.replacement, c.confidence)
            for c in report.corrections if c.original == "'"} == {
        ("to'the", " ", share), ("ng'the", " ", share), ("rk'roa", " ", share)}
    assert report.text.endswith(" He fell to the ground, hiring the cab at three o'clock. Mr."
                                " O'Brien said he didn't see it, nor the cash'mere shawl at"
                                " York road.")
    _left_alone_on_a_clean_page("He fell to'the ground, hiring'the cab.")


def test_a_comma_glued_to_the_next_word_gets_its_space() -> None:
    text = PAGE + (" The constable, who was at Hull,was called; it cost 11,000l. in all, and"
                   " the heading read MURDER IN SCOTLAND I,The trial began.")
    share = {kind: readings[", "][1] for kind, _, readings in ocr.READ_IN_CONTEXT
             if ", " in readings}["a comma with no space after it, between words"]
    assert _proposed(text, "ocr.stray_punctuation") == [(",", ", ", share)]
    assert " at Hull, was called; it cost 11,000l. in all" in restore(text)  # not the number
    _left_alone_on_a_clean_page("The constable, who was at Hull,was called.")


def test_a_hyphen_before_a_capital_beside_a_common_word_is_read_as_a_dash() -> None:
    text = PAGE + " He paid his clients-The learned judge then rose, and the well-known man left."
    share = {kind: readings[ocr.DASH][1] for kind, _, readings in ocr.READ_IN_CONTEXT
             if ocr.DASH in readings}[
        "a hyphen for a dash before a capital, beside one of the commonest words"]
    assert ("-", ocr.DASH, share) in _proposed(text, "ocr.stray_punctuation")
    assert "his clients—The learned judge" in restore(text)
    assert "the well-known man" in restore(text)  # a compound stays


def test_a_space_before_a_mark_goes_on_an_ocr_page_at_its_measured_share() -> None:
    sentence = " The Railway Company . was sued ( twice ) for it."
    report = explain(PAGE + sentence)
    spaced = {(c.original, c.confidence, c.applied) for c in report.corrections
              if c.rule in ("spacing.punctuation", "spacing.bracket")}
    assert spaced == {(" ", spacing.WEAK_ON_OCR["spacing.punctuation"], True),
                      (" ", spacing.WEAK_ON_OCR["spacing.bracket"], False)}
    assert "Company. was sued ( twice )" in report.text
    clean = explain(CLEAN + sentence + " We can not say.")  # in news copy, the writer's
    assert clean.text == CLEAN + sentence + " We can not say."
    assert {(c.rule, c.confidence) for c in clean.corrections} == {
        ("spacing.punctuation", spacing.WEAK_ALONE), ("spacing.bracket", spacing.WEAK_ALONE),
        ("spacing.cannot", spacing.CANNOT_ALONE)}  # "can not": more often a spinner's


def test_a_capital_the_context_reads_in_lower_case_is_lowered() -> None:
    text = PAGE + " The man stood In the dock, and then Smith went to see Jones about it."
    assert _proposed(text, "ocr.capital") == [("In", "in", ocr.CAPITAL_SHARE)]  # not names
    _left_alone_on_a_clean_page("The man stood In the dock.")


def test_a_stray_mark_inside_a_word_is_dropped_and_legitimate_ones_kept() -> None:
    text = PAGE + (" He came with~out delay at half~past ten and was arreste]d at the door. "
                   "See and/or AT&T.")
    fixed = _ocr_corrections(text)
    assert fixed["with~out"] == "without"
    assert fixed["arreste]d"] == "arrested"
    assert fixed["half~past"] == "half past"  # the mark stood for a space
    assert not any("/" in original or "&" in original for original in fixed)


def test_a_stray_hyphen_apostrophe_or_full_stop_inside_a_word_goes() -> None:
    text = PAGE + (" He said t'he man l'eft the house o'f his brother and came t-o the "
                   "cour.t at ten. He don't know the prisoner's wife; at 5 a.m. to-day he "
                   "met O'Brien at one o'clock and went off'a while.")
    fixed = _ocr_corrections(text)
    assert {fixed.get(word) for word in ("t'he", "l'eft", "o'f", "t-o", "cour.t")} == {
        "the", "left", "of", "to", "court"}
    assert not {"don't", "prisoner's", "a.m", "to-day", "O'Brien", "o'clock", "off'a"} & {
        c.original for c in ocr.propose(text)}  # a suffix, two words, two letters, no word
    _left_alone_on_a_clean_page("He said t'he man came t-o the cour.t at ten.")


def test_a_dash_read_as_a_hyphen_between_sentences_is_restored() -> None:
    text = PAGE + (" The magistrate would hear the case on Monday.-Mr. Jones, for the "
                   "defence, asked for bail.-The bench refused.")
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(text)
    dashes = [c for c in report.applied if c.rule == "ocr.dash"]
    assert [(c.original, c.replacement) for c in dashes] == [("-", "—"), ("-", "—")]
    assert "Monday.—Mr. Jones" in report.text and "bail.—The bench" in report.text


def test_a_dash_read_as_a_spaced_or_doubled_hyphen_is_restored() -> None:
    text = PAGE + (" The magistrate would hear the case on Monday. -Mr. Jones, for the "
                   "defence, asked for bail.- The bench refused the animal--The prisoner wept,"
                   " and said: - Then go.")
    report = Restorer(Config(families=frozenset({"ocr"}))).explain(text)
    assert [(c.original, c.replacement) for c in report.applied if c.replacement == ocr.DASH
            ] == [("-", "—"), ("-", "—"), ("--", "—")]  # not after a colon
    assert "Monday. —Mr. Jones" in report.text and "animal—The prisoner" in report.text


def test_a_hyphen_between_sentences_is_left_alone_on_a_clean_page() -> None:
    text = "Talks on U.S.-China trade resumed on Monday. He said so.-Then he left."
    assert restore(text) == text


def test_hyphenated_compounds_are_left_alone() -> None:
    text = PAGE + " He came to-day to the bed-room of the North-Eastern hotel."
    assert not any("-" in original and " " not in original and "\n" not in original
                   for original in _ocr_corrections(text))


def test_clean_text_is_not_touched() -> None:
    assert ocr.propose(CLEAN) == []


@pytest.mark.parametrize("kept", ["£100", "March 23, 1873", "4th", "1870s", "£5 5s. 6d.",
                                  "Cunliffe", "M.P."])
def test_numbers_dates_currency_and_names_are_kept(kept: str) -> None:
    text = f"{PAGE} The sum of {kept} was named by Mr. Cunliffe."
    for original in _ocr_corrections(text):
        assert kept not in original and original not in kept


def test_ocr_probability_separates_ocr_from_clean_text() -> None:
    assert ocr_page.ocr_probability(PAGE.split()) > 0.9
    assert ocr_page.ocr_probability("The court heard the case on Monday .".split()) < 0.01


def test_a_text_whose_rare_words_are_no_misreadings_is_not_ocr() -> None:
    text = ("A crew is a body of people who work at a common activity. On a ship the crewmen "
            "answer to the boatswain, and in a shipyard the yardmen and riggers work under a "
            "foreman.")  # "yardmen", 1 of 34 words unseen: enough for OCR, but no misreading
    assert ocr_page.ocr_probability(tokens(text)) == 0.0
    misread = text.replace("the boatswain", "tlie boatswain")
    assert ocr_page.ocr_probability(tokens(misread)) > ocr_page.MIN_OCR_PROBABILITY


def test_confusions_join_adjacent_edits() -> None:
    assert confusions("modern", "rnodem") == [("m", "rn"), ("rn", "m")]
    assert confusions("the", "tlie") == [("h", "li")]
    assert confusions("watch", "wxatch") == [("w", "wx")]
    assert confusions("same", "same") == []


def test_channel_prefers_learned_confusions() -> None:
    channel = Channel([("h", "li", 50, 1000), ("e", "c", 30, 3000), ("m", "rn", 20, 1000)])
    assert channel.log_prob("the", "tlie") > channel.log_prob("the", "tqe")
    assert channel.log_prob("money", "money") > channel.log_prob("money", "rnoney")
    assert channel.undo("rnoney") == {"money"}


@given(st.text(alphabet="rnmlih1e", max_size=8))
def test_undo_undoes_each_learned_confusion_once(seen: str) -> None:
    """Every printed string one learned confusion reads as ``seen``: each stretch of
    ``seen`` that is a learned reading, replaced by each string printed so."""
    rows = [("m", "rn", 20, 1000), ("h", "li", 50, 1000), ("l", "1", 9, 900),
            ("rn", "m", 7, 400), ("e", "e1", 3, 3000), ("i", "l", 4, 800)]
    printed_as: dict[str, list[str]] = {}
    for source, reading, _, _ in rows:
        printed_as.setdefault(reading, []).append(source)
    expected = {seen[:i] + source + seen[j:]
                for i in range(len(seen)) for j in range(i + 1, len(seen) + 1)
                for source in printed_as.get(seen[i:j], ())} - {seen}
    assert Channel(rows).undo(seen) == expected


def test_learner_counts_confusions_from_pairs(tmp_path: Path) -> None:
    (tmp_path / "a.ocr.txt").write_text("tlie court and tlie jury heard tbe case", encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text("the court and the jury heard the case", encoding="utf-8")
    out = tmp_path / "out"
    assert learn_ocr_channel.main([str(tmp_path), "-o", str(out), "--min-count", "1"]) == 0
    first = (out / "ocr-channel.tsv").read_text(encoding="utf-8")
    rows = {tuple(line.split("\t")[:3]) for line in first.splitlines()[4:]}
    assert ("h", "li", "2") in rows and ("h", "b", "1") in rows
    assert learn_ocr_channel.main([str(tmp_path), "-o", str(out), "--min-count", "1"]) == 0
    assert (out / "ocr-channel.tsv").read_text(encoding="utf-8") == first


def test_learner_says_when_there_are_no_pairs(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert learn_ocr_channel.main([str(tmp_path), "-o", str(tmp_path)]) == 1
    assert "no X.ocr.txt/X.gold.txt pairs" in capsys.readouterr().err


def test_the_shares_of_stray_punctuation_are_measured_on_pairs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGE + (" The body having -been found, they took him 'into custody. Mr Blunkett "
                   "and Mr Blun-\nkett's clerk.")
    (tmp_path / "a.ocr.txt").write_text(page)
    (tmp_path / "a.gold.txt").write_text(
        page.replace(" -been", " been").replace(" 'into", " into").replace(" tbe", " the")
        .replace("Blun-\nkett", "Blunkett"))
    assert measure_ocr_marks.main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert ("a hyphen before a lower-case word: 1 of 1 right, share 1.000; 0 not covered"
            in printed)
    assert "an apostrophe glued to the start of a word: 1 of 1 right" in printed
    assert "joined as the text writes it elsewhere: 1 of 1 right" in printed
    assert ocr.STRAY_PUNCTUATION and ocr.READ_IN_CONTEXT  # switched on again
    assert all(getattr(ocr, name).__name__ == name for name in measure_ocr_marks.MEASURED)
    assert measure_ocr_marks.main([str(tmp_path / "none")]) == 1
    assert "no pairs" in capsys.readouterr().err


def test_the_decision_model_is_fitted_and_calibrated_from_pairs(tmp_path: Path) -> None:
    gold = PAGE.replace("witb", "with").replace("watcb", "watch").replace("tbe", "the").replace(
        "Tlie", "The").replace("pro- perty", "property")  # and "lie" was printed "lie"
    for name in ("a", "b", "c"):  # the even half: "a" and "c"
        (tmp_path / f"{name}.ocr.txt").write_text(PAGE, encoding="utf-8")
        (tmp_path / f"{name}.gold.txt").write_text(gold, encoding="utf-8")
    out = tmp_path / "out"
    assert calibrate_ocr.main([str(tmp_path), "-o", str(out), "--bins", "2"]) == 0
    assert {path.name for path in out.iterdir()} == {
        resources.OCR_WORD_DECISION[0], *(name for name, *_ in
                                          resources.OCR_CALIBRATIONS.values())}
    with tables_in(out, [resources.ocr_word_decision]):
        model = resources.ocr_word_decision()
        assert set(model.features) <= set(ocr.WORD_FEATURES)
        found = {c.original: c.replacement for c in ocr.propose(PAGE)}
    assert found["tbe"] == "the"


def test_a_reading_is_never_less_sure_for_a_higher_posterior() -> None:
    # The page's probability of being OCR output moves only the posterior: a pipeline pass
    # reading a text as a page more surely OCR never corrects it less surely than a new run
    # on that text, so the run's result restores to itself.
    model = resources.ocr_word_decision()
    columns = resources.decision_columns(model, resources.OCR_WORD_DECISION, ocr.WORD_FEATURES)
    at = ocr.WORD_FEATURES.index("posterior")
    grid = np.linspace(-ocr.FEATURE_CAP, ocr.FEATURE_CAP, 121)
    decisions = ocr.word_decisions(PAGE)
    assert decisions
    for decision in decisions:
        rows = [[*decision.features[:at], posterior, *decision.features[at + 1:]]
                for posterior in grid]
        probabilities = model.probabilities([[row[k] for k in columns] for row in rows])
        assert all(low <= high for low, high in itertools.pairwise(probabilities))


def test_calibrate_ocr_says_what_it_needs_without_scikit_learn(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.ocr.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text(PAGE, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sklearn", None)  # as if it were not installed
    assert calibrate_ocr.main([str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    assert "needs scikit-learn" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_decision_model_reads_its_trees_and_refuses_other_features(tmp_path: Path) -> None:
    name, file_format, version = resources.OCR_WORD_DECISION
    head = f"# {file_format}\tv{version}\ntree\tnode\tfeature\tthreshold\tvalue\n"
    baseline = f"{resources.BASELINE}\t\t\t\t-1\n"

    def model(body: str) -> None:
        (tmp_path / name).write_text(head + body, encoding="utf-8")

    model(baseline + "0\t0\tdigit\t0.5\t\n0\t1\t\t\t-2\n0\t2\t\t\t3\n")
    with tables_in(tmp_path, [resources.ocr_word_decision]):
        trees = resources.ocr_word_decision()
        assert trees.features == ("digit",)
        assert [round(p, 4) for p in trees.probabilities([(0.0,), (1.0,)])] == [
            round(1 / (1 + math.exp(3)), 4), round(1 / (1 + math.exp(-2)), 4)]
    model(baseline + "0\t0\tsharpness\t0.5\t\n0\t1\t\t\t-2\n0\t2\t\t\t3\n")
    with tables_in(tmp_path, [resources.ocr_word_decision]), pytest.raises(
            resources.DictionaryError, match="reads the features sharpness; this version gives"):
        ocr.propose(PAGE)
    model("0\t0\tdigit\t0.5\t\n0\t1\t\t\t-2\n0\t2\t\t\t3\n")
    with tables_in(tmp_path, [resources.ocr_word_decision]), pytest.raises(
            resources.DictionaryError, match="does not start with its \\(baseline\\) row"):
        resources.ocr_word_decision()
    model(baseline + "0\t0\tdigit\t0.5\t\n0\t1\t\t\t-2\n")
    with tables_in(tmp_path, [resources.ocr_word_decision]), pytest.raises(
            resources.DictionaryError, match="tree 0 is not complete"):
        resources.ocr_word_decision()
    model(baseline)
    with tables_in(tmp_path, [resources.ocr_word_decision]), pytest.raises(
            resources.DictionaryError, match="has no trees"):
        resources.ocr_word_decision()


def test_a_long_document_counts_a_word_on_its_own_page() -> None:
    """Past ``PAGE_WORDS`` words, what the page says of a word is counted in the
    ``PAGE_WORDS`` words around it, as on the single pages the decision model learned from;
    a shorter document is one page."""
    words = ["Gadd"] * 3 + ["the"] * (3 * ocr.PAGE_WORDS) + ["Gadd"] * 2
    starts = list(range(0, 2 * len(words), 2))
    page = ocr._PageCounts(words, starts)
    assert page.around(starts[0])("gadd") == 3
    assert page.around(starts[-1])("gadd") == 2
    assert page.around(starts[len(words) // 2])("gadd") == 0
    assert page.around(starts[len(words) // 2])("the") == ocr.PAGE_WORDS
    assert ocr._PageCounts(words[:10], starts[:10]).around(starts[9])("gadd") == 3


def test_a_page_inside_a_long_document_counts_its_words_as_alone() -> None:
    """A misread word's page count is the same on the page alone and at the start of a long
    text whose far end repeats it: what the page says of it does not grow with the text."""
    column = ocr.WORD_FEATURES.index("word_in_document")
    letters = "abcdefghijklmnopqrstuvwxyz"
    filler = " ".join(f"tlie xq{a}{b} and" for a in letters for b in letters)  # 2,028 words
    long_text = f"{PAGE}\n\n{filler}\n\n{' '.join(['witb'] * 50)}\n"
    alone = {PAGE[d.start:d.end]: d.features[column] for d in ocr.word_decisions(PAGE)}
    inside = {long_text[d.start:d.end]: d.features[column]
              for d in ocr.word_decisions(long_text) if d.end <= len(PAGE)}
    assert alone["witb"] == inside["witb"] == math.log(1)
