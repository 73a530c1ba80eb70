"""The correction families: one module each, each a pure function ``text -> list[Correction]``.

A family proposes; it never applies. The pipeline resolves overlaps and the confidence
threshold, so a family reports every candidate it sees with an honest confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from restore.fixes import encoding, function_words, numerals, ocr, quotes, spacing, spin
from restore.model import Correction

Family = Callable[[str], list[Correction]]

#: Every family by name, in the order they run, with a one-line description.
FAMILIES: dict[str, tuple[Family, str]] = {
    "encoding": (encoding.propose, "mojibake and HTML entities in plain text (via ftfy)"),
    "spacing": (spacing.propose,
                "tokenizer damage: do n't, 11, 000, U. S., -LRB-, high- profile, 5 %, word ,"),
    "quotes": (quotes.propose,
               "curly quotes turned the wrong way, spaced or outside their punctuation"),
    "numerals": (numerals.propose,
                 "digits a spinner spelled out: 2.four, $zero.16, Qthree, five-0"),
    "ocr": (ocr.propose, "OCR misreadings in scanned print: tbe, m0ney, tlie, pro- perty, ofthe"),
    "spin": (spin.propose,
             "synonyms a spinner substituted: Safety Council, satellite tv for pc, stated"),
    "function-words": (function_words.propose,
                       "common words a spinner swapped for another sense: arsenic, whitethorn"),
}
