"""Digits a spinner spelled out inside numbers: "2.four", "$zero.16", "Qthree", "five-0",
"fifteen%".

A spinner treats each number as a word to replace, so "2.4" comes out as "2.four", "Q3" as
"Qthree" and "15%" as "fifteen%". Only shapes that no edited text uses are touched: a digit
word glued to a decimal point, to a capital prefix that makes no word, to a score, or a
number word glued to a per cent sign.

>>> [c.replacement for c in propose("GDP grew 2.four% to $zero.16 in Qthree, a five-0 win.")]
['4', '0', '3', '5']
>>> [c.replacement for c in propose("Sales rose ten% to fifteen%, not 'ten %'.")]
['10', '15']
>>> propose("a seven-12 months hiatus")  # "seven-year", spun: no score
[]

A text that reads as OCR output (:func:`restore.ocr_page.text_ocr_probability`) is a scan
of print, no spinner's copy, and is left alone: there "Isix" is "six" after a speck the
engine read as a capital I, not "I6".
"""

from __future__ import annotations

import regex

from restore import resources
from restore.model import Correction
from restore.ocr_page import MIN_OCR_PROBABILITY, text_ocr_probability
from restore.text import replace_span

DIGITS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
WORD = "|".join(DIGITS)
#: Number words a spinner writes for a whole number before "%": the digits, the teens and
#: the tens.
NUMBERS = DIGITS | {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90",
}
# Each pattern starts its search at the rare "." or "-" and reads the digit word behind it,
# in a look-behind: a pattern that starts with the word is tried at every position of the
# text, twenty times slower.
AFTER_DECIMAL_POINT = regex.compile(rf"(?<=\d)\.\K(?:{WORD})\b")
BEFORE_DECIMAL_POINT = regex.compile(rf"(?<=(?<![\p{{L}}\d.])({WORD}))\.(?=\d)")
CAPITAL_PREFIX = regex.compile(rf"\b(\p{{Lu}}{{1,2}})({WORD})\b")
#: A score's second number is no count of a unit of time: "seven-12 months" is a spinner's
#: "seven-year" ("12 months" for "year"), not a score of seven to twelve.
TIME_UNIT = r"(?i:(?:second|minute|hour|day|week|month|year|decade)s?)"
IN_SCORE = regex.compile(rf"(?<=(?<![\p{{L}}\d-])({WORD}))-(?=\d+\b(?!\s+{TIME_UNIT}\b))")
BEFORE_PER_CENT = regex.compile(rf"(?<=(?<![\p{{L}}\d.-])({'|'.join(NUMBERS)}))%",
                                regex.IGNORECASE)


def propose(text: str) -> list[Correction]:
    """Corrections turning spelled-out digits inside numbers back into digits."""
    corrections = [
        replace_span(text, m.start(), m.end(), DIGITS[m[0]], 0.95, "numerals.decimal",
                     "digit spelled out inside a decimal number")
        for m in AFTER_DECIMAL_POINT.finditer(text)
    ]
    corrections += [
        replace_span(text, m.start(1), m.end(1), DIGITS[m[1]], 0.95, "numerals.decimal",
                     "digit spelled out inside a decimal number")
        for m in BEFORE_DECIMAL_POINT.finditer(text)
    ]
    corrections += [
        replace_span(text, m.start(2), m.end(2), DIGITS[m[2]], 0.9, "numerals.prefixed",
                     f"digit spelled out after the prefix {m[1]!r}")
        for m in CAPITAL_PREFIX.finditer(text)
        if resources.word_zipf(m[0].lower()) < 1.0
    ]
    corrections += [
        replace_span(text, m.start(1), m.end(1), DIGITS[m[1]], 0.85, "numerals.score",
                     "digit spelled out in a score or ratio")
        for m in IN_SCORE.finditer(text)
    ]
    corrections += [
        replace_span(text, m.start(1), m.end(1), NUMBERS[m[1].lower()], 0.95,
                     "numerals.per_cent", "number spelled out before a per cent sign")
        for m in BEFORE_PER_CENT.finditer(text)
    ]
    if corrections and text_ocr_probability(text) >= MIN_OCR_PROBABILITY:
        return []
    return corrections
