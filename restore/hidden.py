"""Characters no reader sees inside a word: soft hyphens (HTML's ``&shy;``, hyphenation
hints), zero-width spaces, word joiners and zero-width no-break spaces. The families read a
document as a reader sees it, without them ("Secu\\u00adrity" is one word, "Security", not
"Secu" and "rity", which read like OCR), and their corrections are placed back on the text
as given: a hidden character inside a corrected span goes with it, every other one stays.

>>> Seen("The pro\\u00adperty was sold.").text
'The property was sold.'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import regex

from restore.model import Correction

#: The hidden characters: soft hyphen, zero-width space, word joiner, zero-width no-break
#: space (a byte-order mark inside a text).
HIDDEN_CHARACTERS = "\u00ad\u200b\u2060\ufeff"
#: A run of them between two letters (elsewhere such a character is left to the families: a
#: byte-order mark starting a file, a zero-width space between words).
HIDDEN = regex.compile(f"(?<=\\p{{L}})[{HIDDEN_CHARACTERS}]+(?=\\p{{L}})")


class Seen:
    """A text as a reader sees it (``text``), and where its characters are in the given one.

    >>> seen = Seen("Secu\\u00adrity Coun\\u00adcil")
    >>> seen.text, [seen.given(at) for at in (0, 4, 8, 16)]
    ('Security Council', [0, 5, 9, 18])
    """

    def __init__(self, given: str) -> None:
        self.given_text = given
        self._cuts: list[int] = []  # where in ``text`` a run was cut out
        self._shifts: list[int] = []  # the characters cut out there and before
        kept: list[str] = []
        kept_from = cut_out = 0
        if any(character in given for character in HIDDEN_CHARACTERS):
            for match in HIDDEN.finditer(given):
                kept.append(given[kept_from:match.start()])
                self._cuts.append(match.start() - cut_out)
                cut_out += match.end() - match.start()
                self._shifts.append(cut_out)
                kept_from = match.end()
        self.text = "".join(kept) + given[kept_from:] if kept else given

    def given(self, at: int) -> int:
        """Where the character ``at`` of ``text`` (or its end) is in the given text."""
        cut = bisect.bisect_right(self._cuts, at)
        return at + (self._shifts[cut - 1] if cut else 0)

    def placed(self, corrections: Iterable[Correction]) -> tuple[Correction, ...]:
        """``corrections`` on ``text`` placed on the given text: each from where its first
        character is to just after its last (the hidden characters between them go with
        it); one that would then leave the text as it is goes."""
        placed = (self._placed(correction) for correction in corrections)
        return tuple(correction for correction in placed if correction is not None)

    def _placed(self, correction: Correction) -> Correction | None:
        start = self.given(correction.start)
        end = self.given(correction.end - 1) + 1 if correction.end > correction.start else start
        original = self.given_text[start:end]
        if original == correction.replacement:
            return None
        return Correction(start, end, original, correction.replacement, correction.confidence,
                          correction.rule, correction.note, correction.applied)
