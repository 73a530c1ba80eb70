"""Hypothesis strategies for text that exercises every family's patterns."""

from __future__ import annotations

from hypothesis import strategies as st

#: Pieces that, glued together in any order, produce the shapes the families look for,
#: their near misses, and the characters that break naive offset arithmetic.
FRAGMENTS = [
    "do", "ca", "wo", " n't", " n’t", "n’t", "I", " 'm", " ’s", " 're", "'s", "’",
    "“", "”", "‘", '"', "”,", "”.", ",”", ":”", " she said", " Pak said", "The", "the",
    "11", "147", "000", "500", ", ", ",", ".", " ,", " .", "...", "U.", "U. ", "S.", "S",
    "L. P", "-", "- ", "high", "profile", "pro", "perty", "and", "2.", "four", "three",
    ".5", "$", "zero", "Q", "G", "one", "five-0", "0-", "nine", "(", " )", "( ", ")",
    "Ã©", "â€™", "cafÃ", "Â", "\u00a0", "\ufeff", "\u200b", "\u202e", "\r\n", "\n", "\r",
    "\t", " ", "  ", "\x00", "\x85", "\u2028", "\u00ad", "\u2060", "é", "ß", "İ", "🙂",
    "January", "experts",
    " ‘ access", "tbe", "tlie", "m0ney", "witb", "lie", "ofthe", "th e", "pro-\n", "rn",
    "Tlie", "aud", "1873", "£", "�", " arsenic", " whitethorn beryllium", " successful",
    "Arsenic", " galore", "``", "`` ", " ''", "''", "-LRB-", " -RRB-", "-RSB-", "&amp;",
    "&quot;", "&#39;", "&apos;", "&apos;s", "&", "<", "“ ", " ”", " %", "%", "$ ", "€ ",
]

damaged_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.one_of(st.text(), damaged_text, st.text(alphabet=st.characters(codec="utf-8")))
