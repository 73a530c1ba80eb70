"""Words broken by a hyphen at a line end ("pro-⏎perty"), read whole.

Print breaks words at line ends, and so do a PDF's text and the OCR of either; the pieces
("pro", "perty") are no words. What weighs a document's words (its odds of being OCR output
or spun, the spun phrases in it) reads such a word as the word its pieces make where the
corpus knows it, and as a hyphenated compound ("well-⏎known") where it does not. Whether to
join it in the text is the OCR family's decision, in context.

>>> token_table_read_whole("The pro-\\nperty, well-\\nknown.").texts
['The', 'property', ',', 'well', '-', 'known', '.']
"""

from __future__ import annotations

import bisect
import functools
from array import array

import regex

from restore import resources
from restore.text import TokenTable, token_table
from restore.vocabulary import common_word

#: A word broken by a hyphen at a line end: its two pieces.
BROKEN_AT_LINE_END = regex.compile(
    r"(?<=(?<![\p{L}\p{M}])(\p{L}+))-[ \t]*(?:\r\n|\r|\n)[ \t]*(\p{L}+)(?![\p{L}\p{M}])")
#: A hyphen at a line end, which every broken word has: few texts have one.
HYPHEN_AT_LINE_END = regex.compile(r"-[ \t]*[\r\n]")


@functools.lru_cache(maxsize=2)
def token_table_read_whole(text: str) -> TokenTable:
    """:func:`restore.text.token_table` of ``text``, each broken word that makes a word one
    token from its first piece to its last, whose text is that word.

    >>> table = token_table_read_whole("He sta-\\nted it.")
    >>> table.texts, table.starts[1], table.ends[1]
    (['He', 'stated', 'it', '.'], 3, 11)
    """
    table = token_table(text)
    if not HYPHEN_AT_LINE_END.search(text):
        return table
    breaks = [m for m in BROKEN_AT_LINE_END.finditer(text) if "-" not in _whole(m)]
    if not breaks:
        return table
    starts, ends, texts = array("q"), array("q"), []
    kept_from = 0
    for m in breaks:
        first = bisect.bisect_left(table.starts, m.start(1))
        after = bisect.bisect_left(table.starts, m.end())
        starts.extend(table.starts[kept_from:first])
        ends.extend(table.ends[kept_from:first])
        texts += table.texts[kept_from:first]
        starts.append(m.start(1))
        ends.append(m.end())
        texts.append(m[1] + m[2])
        kept_from = after
    starts.extend(table.starts[kept_from:])
    ends.extend(table.ends[kept_from:])
    texts += table.texts[kept_from:]
    return TokenTable(starts, ends, texts)


def _whole(broken: regex.Match[str]) -> str:
    """The word the pieces of ``broken`` make, or the two hyphenated."""
    head, tail = broken[1], broken[2]
    return head + tail if make_a_word(head, tail) else f"{head}-{tail}"


def make_a_word(head: str, tail: str) -> bool:
    """Whether the pieces of a word broken at a line end make a word the corpus knows.

    >>> make_a_word("pro", "perty"), make_a_word("well", "known")
    (True, False)
    """
    return common_word((head + tail).lower(), resources.word_counts())
