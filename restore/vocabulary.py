"""Whether the corpus knows a word well enough for it to stand on its own.

One test for every family that asks it: what undoing a misreading must give ("tlie" is
"the"), each piece of a split or joined word ("ofthe"), and the word a line-end hyphen
broke ("pro-⏎perty").

>>> from restore.resources import word_counts
>>> [common_word(word, word_counts()) for word in ("property", "perty", "a", "b")]
[True, False, True, False]
"""

from __future__ import annotations

#: A word is common when the corpus has it this often (lower case).
COMMON_MIN_COUNT = 50


def common_word(lower: str, counts: dict[str, int]) -> bool:
    """Whether ``lower`` can stand as a word of its own: common, and "a" or "i" if one letter.
    ``counts`` are the corpus's (:func:`restore.resources.word_counts`)."""
    return counts.get(lower, 0) >= COMMON_MIN_COUNT and (len(lower) > 1 or lower in "ai")
