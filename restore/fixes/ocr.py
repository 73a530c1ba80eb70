"""OCR misreadings corrected: a noisy channel over learned confusions, decided in context.

For each word *w* of a text that reads like OCR output, the candidates are the words the
engine could have misread as *w*: dictionary words within edit distance two of a non-word
(:mod:`restore.spelling`, over the context model's vocabulary) and, for any word, those one learned
confusion away ("tlie" ← "the", "rnoney" ← "money", "m0ney" ← "money", "lie" ← "he");
the names the page itself repeats that the corpus lacks ("Rosenliranz" ← "Rosenkranz");
the two words a non-word could be with a lost space ("ofjewellery"), or the likeliest run
of three or more that lost theirs ("andthejury"); and a word broken by
a spaced or line-end hyphen (read as one, or as a full stop), a stray space or a stray mark
("pro- perty", "pur. chased", "th e", "with~out", "t'he"), read as one misread word when
its pieces make no known word ("de- lared" ← "declared"). Each candidate *c* is scored
against leaving *w* as it is::

    P(c | w, context) ∝ P(ocr) · P(w | c) · LM(c in context)
    P(keep | w, context) ∝ (P(clean) + P(ocr) · P(w | w)) · LM(w in context)

``P(w | c)`` is the channel learned from OCR and human transcriptions
(``ocr-channel.tsv``); ``P(ocr)``, the document's odds of being OCR output at all, comes
from its share of lower-case words the context model has never seen
(:mod:`restore.ocr_page`), so the same word is corrected in a scanned page and left alone
in clean copy; a word broken at a line end is typesetting, not a misreading, and is joined
on any page where the corpus knows the word, or the text writes it whole elsewhere (a name:
"Blun-⏎kett" where "Blunkett" stands). Real words wrong in context ("tho court", "lie
said") are candidates too; numbers, and capitalized names the model knows nothing better
for, are left as they are.
A hyphen between one sentence's closing mark and the next one's capital is the dash of the
period's print read as a hyphen ("refused.-George" for "refused.—George"), weighed the same
way. A character the page's decoder could not read (U+FFFD) before an amount is the pound
sign it lost ("�12" → "£12"), and a sum in pounds inside a sentence lost the "l." it was
printed with to a one ("fined 51. and costs" → "5l.").
Punctuation the engine read where the page printed none goes: a hyphen, an apostrophe or a
mark glued to a word's start ("having -been", "took them 'into custody"), a mark no word has,
and a full stop, comma or lone letter that the context model reads on through ("went home
with. my sister"), each at the share of such removals that were right on development pages
(``scripts/measure_ocr_marks.py``); so does a hyphen the engine read for a space between
two words ("felled him-to the ground"), where the context model reads a space by far.

Whether a word's best reading is right is not the posterior alone: on development pages a
long word, a common reading, a digit in the word or a reading that leads the next one far
says more than the posterior gives it credit for, and a real word or one with many readings
less, and each by how much depends on the others. Gradient-boosted trees over these and the
posterior's own terms (``WORD_FEATURES``; ``ocr-word-decision.tsv``, fitted by
``scripts/calibrate_ocr.py``) give the probability that the reading is right: on pages
they were not fitted on they tell right readings from wrong better than a logistic
regression over the same terms did (log loss 0.240 against 0.269). The
confidence reported is that probability (for a broken word or a dash, the posterior)
calibrated on development pages, one table for each kind of proposal
(:func:`calibration_kind`; on the dashes, a transcriber who writes an en dash counts against
them).

>>> text = ("The prisoner was charged witb stealing a watcb from tbe house, and lie said "
...         "he had been sent by the landlord to see to the blinds. Tlie pro- perty was found.")
>>> [(c.original, c.replacement) for c in propose(text) if c.confidence >= 0.5]
... # doctest: +NORMALIZE_WHITESPACE
[('witb', 'with'), ('watcb', 'watch'), ('tbe', 'the'), ('lie', 'he'), ('Tlie', 'The'),
 ('pro- perty', 'property')]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import string
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from restore import resources
from restore.language import COMMONEST_WORD_MIN_COUNT
from restore.lm import UNKNOWN
from restore.model import Correction
from restore.ocr_page import (
    MAX_WORD_LENGTH,
    MIN_OCR_PROBABILITY,
    page_ocr_probability,
)
from restore.probability import logistic
from restore.text import (
    TokenTable,
    american_spelling,
    match_table,
    token_table,
    tokens,
    transfer_case,
)
from restore.vocabulary import COMMON_MIN_COUNT, common_word

#: A word as OCR reads it: letters and digits together ("m0ney", "bro1ught", "of37"). Only
#: ASCII: words with other letters ("café", mojibake's "itâ€™s") are left to other families.
WORD = regex.compile(r"(?<![\p{L}\p{M}\d])[A-Za-z0-9]+(?![\p{L}\p{M}\d])")
#: A word broken by a hyphen and a space or line break ("pro- perty", "sub-\nsequently"),
#: whole: not the end of "n't" nor of another compound. The search starts at the hyphen and
#: reads the word before it in a look-behind.
LINE_END_HYPHEN = regex.compile(r"(?<=(?<![\p{L}\d'’-])(\p{L}+))-[ \t]*(?:\r\n|\r|\n|[ \t])[ \t]*"
                                r"(\p{L}+)(?![\p{L}\d])")
#: A word broken by a hyphen with one or two short bits of the page's margin read between
#: its pieces ("pas- hE senger", "prose- S I cute"), whole. The search starts at the hyphen.
ACROSS_MARGIN = regex.compile(r"(?<=(?<![\p{L}\d'’-])(\p{L}+))-[ \t]+(?:\S{1,3}[ \t]+){1,2}"
                              r"(\p{L}+)(?![\p{L}\d])")
#: A word broken at a line end whose hyphen the engine read as a full stop ("pur. chased",
#: "state. ment"): two letters or more on each side, the second piece in lower case (a
#: sentence's full stop is followed by a capital), not after another full stop ("a.m. in").
#: The search starts at the full stop.
READ_AS_STOP = regex.compile(r"(?<=(?<![\p{L}\d'’.-])(\p{L}{2,}))\.[ \t]*(?:\r\n|\r|\n|[ \t])"
                             r"[ \t]*(\p{Ll}{2,})(?![\p{L}\d])")
#: A mark inside a word that no English spelling puts there ("with~out", "arreste]d",
#: "bei?!g"; "and/or" and "AT&T" keep theirs). The search starts at the mark.
STRAY_MARK = regex.compile(r"(?<=(?<![\p{L}\d])([A-Za-z]+))[~\[\]{}!?<>$^*|\\]+([A-Za-z]+)"
                           r"(?![\p{L}\d])")
#: A whole word of Latin letters just before a mark, captured in a look-behind (so that a
#: search starts at the mark), and one just after it, captured in a look-ahead.
WORD_BEFORE_MARK = r"(?<=(?<![\p{L}\d'’.-])([A-Za-z]+))"
WORD_AFTER_MARK = r"(?=([A-Za-z]+)(?![\p{L}\d'’-]))"
#: An apostrophe that is not before an apostrophe's suffix ("don't", "prisoner's").
APOSTROPHE_BEFORE_NO_SUFFIX = r"['’](?!(?i:s|t|d|ll|re|ve|m)(?![\p{L}\d]))"
#: A hyphen, an apostrophe or a full stop inside a word ("t'he", "t-o", "cour.t"), not before
#: an apostrophe's suffix ("don't", "prisoner's"). It goes where the pieces together make a
#: common word, in one case, and are not both words themselves ("to-day", "of'a" keep theirs),
#: nor, about a full stop, two single letters ("a.m"): see :func:`_marks_inside_words`. The
#: search starts at the mark.
MARK_INSIDE_WORD = regex.compile(rf"{WORD_BEFORE_MARK}(?:{APOSTROPHE_BEFORE_NO_SUFFIX}|[.-])"
                                 r"([A-Za-z]+)(?![\p{L}\d'’-]|\.\p{L})")
#: The dash printed where the engine read a hyphen; BLN600's transcribers write it as an em
#: dash three times in four (and as an en dash otherwise: a choice of theirs, not the page's).
DASH = "—"
#: Hyphens (one or two) that may be a dash the engine read as a hyphen, by kind: where one
#: stands, mostly between a sentence's closing mark and the capital starting the next, as
#: reports of the time set them, and the share of such hyphens that were printed as dashes,
#: em or en, on the even half of BLN600 (``scripts/measure_ocr_marks.py``). A hyphen two
#: kinds find is read by the first. (Between two words alone, or after a comma or colon with
#: a space beside it, a hyphen is seldom a dash: it joins a compound, ends a line or is the
#: engine's noise; ``READ_IN_CONTEXT`` reads the few that are, before a capital.)
READ_AS_HYPHEN: tuple[tuple[str, regex.Pattern[str], float], ...] = (
    ("a hyphen glued between a sentence's mark and a capital",  # "refused.-George": 420 of 429
     regex.compile(r"(?<=\p{L}[.,;:!?'\"’”)])--?(?=\p{Lu})"), 0.979),
    # "case. -The", "Peckham.- Ta", "manslaughter."-The", "conduct ?-Complainant"
    ("a hyphen spaced from a sentence's end, before a capital",  # 148 of 195
     regex.compile(r"(?<=[\p{L}\d][)\"'’”]?[ \t]?[.!?][)\"'’”]?[ \t]?)--?(?=[ \t]?[\"“‘']?\p{Lu})"),
     0.759),
)
#: Marks and letters between two words that the context model reads otherwise, by kind:
#: where one stands, and its readings, each with the least evidence (nats over the text as
#: read) the model must give it and the share of such readings that brought the page closer
#: to its transcription on the even half of BLN600, where it covers the words
#: (``scripts/measure_ocr_marks.py``). A pattern that also captures the letters either side
#: of the mark (two groups) is read only where both are words of their own that together
#: make none (:func:`_apart`).
READ_IN_CONTEXT: tuple[tuple[str, regex.Pattern[str], dict[str, tuple[float, float]]], ...] = (
    ("a full stop between words",  # "went home with. my sister": 143 of 163
     regex.compile(r"(?<=\p{L})\.(?=\s\p{L})"), {"": (10.0, 0.877)}),
    ("a comma between words",
     regex.compile(r"(?<=\p{L}),(?=\s\p{L})"),
     {"": (10.0, 0.886),  # "he was, taken": 78 of 88
      ".": (6.0, 0.875)}),  # "to the street, The police": 56 of 64
    ("a semicolon between words",  # 16 of 18
     regex.compile(r"(?<=\p{L});(?=\s\p{L})"), {"": (10.0, 0.889)}),
    ("an apostrophe at a word's end",  # "his brother' and": 153 of 162
     regex.compile(r"(?<=\p{L})'(?=\s\p{L})"), {"": (8.0, 0.944)}),
    # A lower-case letter alone that is no word (not "a"; the print of the time set the
    # pronoun "I" and the vocative "O" in capitals) nor the "v" of a case name.
    ("a letter alone between words",  # "the t prisoner": 583 of 689
     regex.compile(r"(?<=\p{L}[.,;:]?\s)[b-uw-z]\s(?=\p{L})"), {"": (6.0, 0.846)}),
    ("an I alone between lower-case words",  # "the I prisoner": 20 of 21
     regex.compile(r"(?<=\p{Ll}[.,;:]?\s)I\s(?=\p{Ll})"), {"": (12.0, 0.952)}),
    ("a capital alone between lower-case words",  # "the C prisoner": 83 of 104
     regex.compile(r"(?<=\p{Ll}[.,;:]?\s)[B-HJ-Z]\s(?=\p{Ll})"), {"": (6.0, 0.798)}),
    ("a hyphen between words",  # "felled him-to the ground": 62 of 73
     regex.compile(r"(?<=\p{L})-(?=\p{L})"), {" ": (10.0, 0.849)}),
    ("a full stop for a space between words",  # "had.evidently slept": 19 of 20
     # (Between whole words only: not inside "bbc.co.uk" nor "e.g.".)
     regex.compile(r"(?<=(?:^|[\s(\"'“‘])\p{Ll}{2,})\.(?=\p{Ll}{2,}(?:$|[\s,;:!?)\"'”’]))",
                   regex.MULTILINE), {" ": (12.0, 0.950)}),
    ("a hyphen for a space beside one of the commonest words",  # "from-the": 67 of 83
     regex.compile(f"{WORD_BEFORE_MARK}-(?=\\p{{Ll}}){WORD_AFTER_MARK}"), {" ": (3.0, 0.807)}),
    # Before a capital the hyphen was a dash, whatever the context model makes of it.
    ("a hyphen for a dash before a capital, beside one of the commonest words",
     # "his clients-The learned judge": 12 of 14
     regex.compile(f"{WORD_BEFORE_MARK}-(?=\\p{{Lu}}){WORD_AFTER_MARK}"),
     {DASH: (-math.inf, 0.857)}),
    # Two hyphens: a dash, which the context model, mined from plain text that writes one
    # so, cannot tell from them. "the animal--The": 13 of 13, taken as 13 of 14.
    ("two hyphens between words, before a capital",
     regex.compile(r"(?<=\p{L}[ \t]?)--(?=[ \t]?\p{Lu})"), {DASH: (-math.inf, 0.929)}),
    ("a comma with no space after it, between words",  # "Hull,was": 25 of 28
     # (Not after a letter alone: "SCOTLAND I,The" is a rule read before the text.)
     regex.compile(f"{WORD_BEFORE_MARK}(?<=\\p{{L}}{{2}}),{WORD_AFTER_MARK}"),
     {", ": (0.0, 0.893)}),
    ("an apostrophe for a space between words",  # "fell to'the ground": 90 of 97
     # (Not before an apostrophe's suffix, "don't"; "o'clock" and "O'Brien" have no word
     # before it, and "cash'mere" is one.)
     regex.compile(f"{WORD_BEFORE_MARK}{APOSTROPHE_BEFORE_NO_SUFFIX}{WORD_AFTER_MARK}"),
     {" ": (0.0, 0.928)}),
)
#: The spaces before a lower-case word that starts a sentence: after a full stop, question
#: or exclamation mark that ends a lower-case word of three letters or more (not "Mr." nor
#: an initial).
SENTENCE_START = regex.compile(r"(?<=\p{Ll}{3}[.!?])[ \t]+(?=\p{Ll})")
#: A short word capitalized between lower-case words ("the man In the dock"): read in lower
#: case where the context model favours that by ``CAPITAL_EVIDENCE`` nats; 41 of 48 such
#: readings brought the page closer to its transcription on the even half of BLN600
#: (``scripts/measure_ocr_marks.py``).
MISREAD_CAPITAL = regex.compile(r"(?<=\p{Ll}\s)\p{Lu}\p{Ll}{1,5}(?=\s\p{Ll})")
CAPITAL_EVIDENCE = 8.0
CAPITAL_SHARE = 0.854
#: The character a decoder could not read (U+FFFD), before an amount: the pound sign that
#: the page's encoding lost ("value �12" for "value £12"). 52 of 54 on the even half of
#: BLN600 were pound signs.
LOST_POUND = regex.compile(r"(?<![\p{L}\d])\ufffd(?=\d)")
POUND_SHARE = 0.963
#: A sum in pounds printed with an "l." (librae: "5l.", "100l.") that the engine read as a
#: one ("51.", "1001."): the last "1" of a number whose full stop stands inside a sentence
#: (a comma or a word in lower case follows: "fined 51. and costs"), where the number is no
#: year ("1851."). At a sentence's end a number is mostly itself ("quarter to 11. The").
#: 64 of 66 such readings brought the page closer to its transcription on the even half of
#: BLN600 and 1 farther; 49 of 55 and none on the odd half. A number grouped in thousands
#: whose last group has a fourth digit, a one ("6,0001."), is such a sum wherever it stands:
#: 15 of 15 on the even half, where the transcription covers it, and 19 of 19 on the odd.
POUNDS_READ_AS_ONE = regex.compile(
    r"(?<![\w.,£$])(?:(?!(?:1[6-9]|20)\d1\.)\d+\K1(?=\.(?:[,;:](?:\s|$)|\s+[^\p{Lu}\s]))"
    r"|\d{1,3}(?:,\d{3})*,\d{3}\K1(?![\w,]|\.\d))")
POUNDS_SHARE = 0.93
#: Marks the engine read where the page printed none, by kind: where one stands (the match
#: goes), and the share of such removals that brought the page closer to its transcription
#: on the even half of BLN600, where it covers the words (``scripts/measure_ocr_marks.py``).
STRAY_PUNCTUATION = (
    ("a hyphen before a lower-case word",  # "having -been": 119 of 138
     regex.compile(r"(?<=\p{L}\s)-+(?=\p{Ll})"), 0.862),
    ("a hyphen before a capital",  # "the -Mayor": 16 of 37
     regex.compile(r"(?<=\p{L}\s)-+(?=\p{Lu})"), 0.432),
    ("a hyphen alone between words",  # "intimate - with": 27 of 37
     regex.compile(r"(?<=\p{L}\s)-+\s(?=\p{L})"), 0.730),
    ("an apostrophe glued to the start of a word",  # "took them 'into custody": 306 of 336
     regex.compile(r"(?<=\s)'+(?=\p{L})"), 0.911),
    ("a comma, full stop, colon or semicolon glued to the start of a word",  # 244 of 271
     regex.compile(r"(?<=\s)[,.;:]+(?=\p{L})"), 0.900),
    ("a full stop alone between words",  # "the . prisoner": 30 of 43
     regex.compile(r"(?<=\p{L}\s)\.\s(?=\p{L})"), 0.698),
    ("a colon between lower-case words",  # "committed: to take": 44 of 50
     regex.compile(r"(?<=\p{Ll}):(?=\s\p{Ll})"), 0.880),
    ("a mark no word has, alone between words",  # "the | prisoner": 15 of 22
     regex.compile(r"(?<=\p{L}\s)[|*~<>\\`{}\[\]]+\s(?=\p{L})"), 0.682),
    ("a mark no word has, glued to a word",  # "the prisoner~ said": 110 of 127
     regex.compile(r"(?<=\p{L})[|*~<>\\^{}\[\]]+(?=\s)|(?<=\s)[|*~<>\\^{}\[\]]+(?=\p{L})"),
     0.866),
    ("a full stop doubled",  # "the prisoner.. He": 45 of 50
     regex.compile(r"(?<=\p{L}\.)\.(?=\s)"), 0.900),
    # (Not a full stop followed by a comma: "Co., solicitors" abbreviates; 17 of 134.)
    ("a full stop after a comma",  # "the prisoner,. who": 33 of 41
     regex.compile(r"(?<=\p{L},)\.(?=\s)"), 0.805),
    ("a hyphen glued to the end of a word before a lower-case word",  # "the- court": 93 of 124
     regex.compile(r"(?<=\s\p{Ll}{2,})-(?=\s\p{Ll})"), 0.750),
    ("a full stop alone after a full stop",  # "at that colliery. . The": 23 of 26
     regex.compile(r"(?<=\p{L}\.)\s\.(?=\s)"), 0.885),
    ("a comma doubled",  # "that letter,, and": 17 of 20
     regex.compile(r"(?<=\p{L},),(?=\s)"), 0.850),
    ("an apostrophe after a comma",  # "in the evening,' and": 20 of 23
     regex.compile(r"(?<=\p{L},)'(?=\s)"), 0.870),
    # "I SHOWMEN AND THE": 5 of 5, and 23 where the transcription writes the rule out in
    # underscores (26 of 27 counted so).
    ("a rule read as a letter or bar before a heading",
     regex.compile(r"(?m)^[ \t]*\K[I|][ \t]+(?=\p{Lu}{2,}\b)"), 0.963),
)
#: A lower-case word is known (a real word) when the corpus has it this often.
KNOWN_MIN_COUNT = 5
#: A real word of at most this many letters is also read as any word with one letter more
#: that the corpus has ``FRAGMENT_RATIO`` times as often: a word the OCR lost a letter of
#: ("wa", "te", "ito"). With the decision model refitted, BLN600's word errors fell from
#: 21,272 to 21,100 on the tuning half and from 18,612 to 18,466 on the other; ratios of
#: 100 and 500 did worse on the tuning half, where a refit alone moves the count by about
#: 200 either way.
FRAGMENT_MAX_LETTERS = 3
FRAGMENT_RATIO = 1000
#: Channel probability of a lost space ("ofjewellery"), or of the spaces of a run of words
#: ("andthejury").
LOST_SPACE = 0.002
#: Shortest non-word read as three or more words that lost their spaces, and the longest
#: piece such a reading has.
SEGMENTED_MIN_LENGTH = 6
SEGMENT_MAX_LENGTH = 20
#: A piece of such a reading of at most ``SHORT_PIECE`` letters is a word this common
#: ("of", "the", "had"): the abbreviations and names of the corpus ("de", "co", "ip") would
#: read any garbled word as a run of them.
SHORT_PIECE = 3
SHORT_PIECE_MIN_COUNT = 30_000
#: Share of the words broken at a line end that make no known word, with a second piece no
#: word of its own, whose joining as they stand brought the page closer to its
#: transcription on the even half of BLN600 (78 of 96; ``scripts/measure_ocr_marks.py``).
JOINED_SHARE = 0.812
#: A run of letters, and runs of letters joined by hyphens.
LETTERS = regex.compile(r"\p{L}+")
COMPOUND = regex.compile(r"\p{L}+(?:-\p{L}+)+")
#: Share of the words broken at a line end that make no known word but one the text writes
#: whole elsewhere (and never hyphenated) that were that word: 43 of 43 in the even half of
#: the BBC originals broken at line ends as print sets a column
#: (``benchmarks.layout.broken_at_line_ends``) and 3 of 3 on the even half of BLN600
#: (``scripts/measure_ocr_marks.py``), reported as the rule of succession gives (47 / 48).
#: On the odd halves, 58 of 58 and 7 of 7.
WRITTEN_WHOLE_SHARE = 0.98
#: A word in two pieces, by kind of break: the probability that such a break stands where
#: the page printed none (for a hyphen or a space, where the pieces together make a common
#: word), the rule and the reason.
BREAKS = {
    # A hyphen at a line end ("pro- perty"): typesetting, not a misreading.
    "hyphen": (0.3, "ocr.hyphenation", "word broken at a line end"),
    "space": (0.002, "ocr.space", "stray space"),  # "th e"
    # A mark inside a word ("with~out", "arreste]d"): where the pieces make a common word,
    # 60 of 81 on the even half of BLN600.
    "mark": (0.74, "ocr.mark", "stray mark inside a word"),
    # A hyphen, apostrophe or full stop inside a word ("t'he"): of those where the pieces
    # make a common word, 38 of 79 on the even half of BLN600 brought the page closer to its
    # transcription, none farther (29 of 55 and none on the odd half).
    "inside": (0.48, "ocr.mark", "stray hyphen, apostrophe or full stop inside a word"),
    # Bits of the margin between the pieces ("pas- hE senger"): where the pieces make a
    # common word, 53 of 58 on the even half.
    "margin": (0.91, "ocr.hyphenation", "word broken at a line end, the margin read between"),
    # A full stop for the hyphen ("pur. chased"): where the pieces make a common word, 112
    # of 118 on the even half (111 of 115 on the odd half) brought the page closer.
    "stop": (0.95, "ocr.hyphenation", "word broken at a line end, its hyphen read as a full stop"),
}
#: Candidates scored in context per word, the most probable before context.
MAX_CANDIDATES = 4
#: A lower-case reading is given a capital when the corpus capitalizes it this many times
#: more often than not: names ("john" 1,106 times, "commons" 18), not the nouns of news
#: headings ("house" 4.3, "council" 3.9, "king" 2.4).
CAPITALIZED_RATIO = 10.0
#: Words around a word that make its page, for what the page says of it, in a document too
#: long to be one page (a BLN600 page has at most 1,311 words).
PAGE_WORDS = 2000
#: Words of the document itself added to a non-word's candidates, the most probable.
DOCUMENT_READINGS = 2
#: Weight of the context model's evidence against the channel's.
LM_WEIGHT = 1.3
#: Most the context can say for or against one reading, in nats; less when the word read is
#: a real word, where the model's modern-news frequencies would overstate the evidence.
LM_CAP = 20.0
REAL_WORD_LM_CAP = 15.0
#: A real word is checked in context only against readings at most this much less probable
#: before context (channel times corpus frequency, in nats): "lie" against "he", not
#: "the" against "she".
REAL_WORD_PRIOR_GAP = 5.0
#: What the decision model (``resources.ocr_word_decision``) reads of a word that may be
#: misread and its best reading, in order: the reading's channel log-probability and what
#: its context says for it against the word (nats, capped); the channel's log P(word | word);
#: whether the word is a real word; how many readings it has; its case (lower, title,
#: upper); its length and log length; the reading's log corpus count (the mean of a split's
#: pieces); whether the reading is two words ("ofthe"); how far its score leads the next
#: reading's; whether the word has a digit ("m0ney"); the log-odds of the channel-and-context
#: posterior; the channel and context again for real words, and the context for lower-case
#: non-words; how often the document has the word as read (a name the engine read right
#: recurs, a misreading seldom) and the reading (log counts, the reading's plus one); and the
#: word's own log corpus count plus one ("lie" is common, yet "he" far commoner).
WORD_FEATURES = (
    "channel", "context", "as_read", "real_word", "readings", "lower", "title", "upper",
    "length", "log_length", "reading_frequency", "split", "lead", "digit", "posterior",
    "channel_if_real_word", "context_if_real_word", "context_if_lower_non_word",
    "word_in_document", "reading_in_document", "word_frequency",
)
#: Most a lead or a log-odds counts for in the decision model, in nats.
FEATURE_CAP = 30.0
#: Probability (or, for a broken word or a dash, raw posterior) below which a reading is not
#: reported at all.
REPORT_FLOOR = 0.3
#: The raw score handed to calibration is logistic(log-odds / RAW_SCALE): monotone in the
#: posterior, but not rounded to 1 where the evidence is overwhelming.
RAW_SCALE = 10.0


def propose(text: str) -> list[Correction]:
    """Corrections of words in ``text`` that OCR misread."""
    return _propose(text, calibrate=True)


def propose_uncalibrated(text: str) -> list[Correction]:
    """The corrections of :func:`propose` with the model's raw score (monotone in its
    posterior) as confidence."""
    return _propose(text, calibrate=False)


def word_decisions(text: str) -> list[WordDecision]:
    """The best reading of each word of ``text`` that may be misread, with what the decision
    model reads of it: what ``scripts/calibrate_ocr.py`` fits that model on."""
    return _analyse(text, calibrate=False)[1]


def _propose(text: str, *, calibrate: bool) -> list[Correction]:
    corrections, decisions, p_ocr = _analyse(text, calibrate)
    note = f"misread; document is OCR with p={p_ocr:.2f}"
    broken_note = f"misread, and broken at a line end; document is OCR with p={p_ocr:.2f}"
    model = resources.ocr_word_decision()
    columns = resources.decision_columns(model, resources.OCR_WORD_DECISION, WORD_FEATURES)
    probabilities = model.probabilities([[features[k] for k in columns]
                                         for *_, features in decisions])
    for (start, end, reading, _), probability in zip(decisions, probabilities, strict=True):
        if probability >= REPORT_FLOOR:
            said = broken_note if LINE_END_HYPHEN.search(text, start, end) else note
            corrections.append(_reported(text, start, end, reading, probability, "ocr.word", said,
                                         calibrate))
    return sorted(corrections, key=lambda c: c.start)


def _analyse(text: str, calibrate: bool,
             ) -> tuple[list[Correction], list[WordDecision], float]:
    """The broken words and dashes of ``text`` as corrections, the decision on each word
    that may be misread, and the probability that ``text`` is OCR output."""
    spans = token_table(text)
    p_ocr = page_ocr_probability(text)
    # A word broken at a line end is typesetting, in OCR output or not: joined everywhere.
    joins = [
        _join(text, spans, m.start(1), m.end(), m[1], m[2], p_ocr, calibrate, kind="hyphen")
        for m in LINE_END_HYPHEN.finditer(text, overlapped=True)
    ]
    joins += _joined_as_written_elsewhere(text)
    if p_ocr < MIN_OCR_PROBABILITY:
        return [join for join in joins if join is not None], [], p_ocr
    words = match_table(WORD, text)
    starts, ends, texts = words
    for i in _pairs_with_a_rare_word(texts):
        head, tail = texts[i], texts[i + 1]
        between = ends[i]
        if (starts[i + 1] == between + 1 and text[between] == " " and head.isalpha()
                and tail.isalpha()):
            joins.append(_join(text, spans, starts[i], ends[i + 1], head, tail, p_ocr,
                               calibrate, kind="space"))
    joins += [_join(text, spans, m.start(1), m.end(), m[1], m[2], p_ocr, calibrate, kind=kind)
              for pattern, kind in ((STRAY_MARK, "mark"), (ACROSS_MARGIN, "margin"),
                                    (READ_AS_STOP, "stop"))
              for m in pattern.finditer(text, overlapped=True)]
    joins += [_join(text, spans, m.start(1), m.end(), m[1], m[2], p_ocr, calibrate, kind="inside")
              for m in _marks_inside_words(text)]
    corrections = [join for join in joins if join is not None]
    joined = bytearray(len(text) + 1)  # a word inside a broken word is not read on its own
    broken_at = bytearray(len(text) + 1)  # nor a mark inside one: it goes with the join
    for join in corrections:
        broken_at[join.start:join.end] = b"\x01" * (join.end - join.start)
        if join.confidence >= 0.5:
            joined[join.start:join.end] = b"\x01" * (join.end - join.start)
    corrections += _dashes(text, spans, p_ocr, calibrate)
    corrections += _marks_in_context(text, spans, p_ocr)
    corrections += _capitals_in_context(text, spans, p_ocr)
    corrections += [Correction(m.start(), m.end(), m[0], "£", round(p_ocr * POUND_SHARE, 4),
                               "ocr.pound", "a pound sign the encoding lost, before an amount")
                    for m in LOST_POUND.finditer(text)]
    corrections += [Correction(m.start(), m.end(), m[0], "l", round(p_ocr * POUNDS_SHARE, 4),
                               "ocr.pounds", "a sum in pounds (“5l.”) read with a one")
                    for m in POUNDS_READ_AS_ONE.finditer(text)]
    corrections += [Correction(m.start(), m.end(), m[0], "", round(p_ocr * share, 4),
                               "ocr.stray_punctuation", f"{kind} that the page did not print")
                    for kind, pattern, share in STRAY_PUNCTUATION
                    for m in pattern.finditer(text) if not broken_at[m.start()]]
    page = _PageCounts(texts, starts)
    lexicon = _lexicon(texts, page.whole)
    broken = _misread_broken_words(text, joined, lexicon)
    corrections += _joined_as_they_stand(text, p_ocr)
    readings_of = {word: _in_document(word, _readings(word), lexicon) for word in set(texts)}
    read = [(start, end, word, readings)
            for start, end, word in zip(starts, ends, texts, strict=True)
            if not joined[start] and (readings := readings_of[word]).options] + broken
    sentence_starts = {m.end() for m in SENTENCE_START.finditer(text)}
    evidence = _said_in_place(spans, [(start, end, word,
                                       _asked(readings, start in sentence_starts))
                                      for start, end, word, readings in read])
    for k, (start, end, word, readings) in enumerate(read):
        if start in sentence_starts:
            cased, evidence[k] = _in_the_case_said(word, readings, evidence[k])
            read[k] = (start, end, word, cased)
    decisions = [WordDecision(start, end, *_decide(word, readings, said, p_ocr,
                                                   page.around(start)))
                 for (start, end, word, readings), said in zip(read, evidence, strict=True)]
    return corrections, [d for d in decisions if d.reading != text[d.start:d.end]], p_ocr


class _PageCounts:
    """How often the page around a word has each word (lower case): the whole document, or
    in a longer one (a newspaper issue in one file) the ``PAGE_WORDS`` words around it.
    The decision model learned what such counts say on single pages: over a long document
    they grow with its length, and every common reading would look like a name the page
    repeats (read whole, 250 BLN600 pages as one text had 9.8 thousand corrections at 0.8 or
    more where their pages one by one had 8.3 thousand, and the corrections at 0.95 or more
    right 90.0% of the time instead of 93.1%)."""

    def __init__(self, words: list[str], starts: Sequence[int]) -> None:
        self.words = [word.lower() for word in words]
        self.whole = Counter(self.words)
        self.starts = starts
        self._positions: dict[str, list[int]] = {}  # word -> its indices, for a long text

    def around(self, start: int) -> Callable[[str], int]:
        """How often the page around the word at character ``start`` has a word."""
        size = len(self.words)
        if size <= PAGE_WORDS:
            return self.whole.__getitem__
        if not self._positions:
            for index, word in enumerate(self.words):
                self._positions.setdefault(word, []).append(index)
        first = min(max(bisect.bisect_left(self.starts, start) - PAGE_WORDS // 2, 0),
                    size - PAGE_WORDS)
        positions = self._positions

        def counted(word: str) -> int:
            at = positions.get(word, ())
            return (bisect.bisect_left(at, first + PAGE_WORDS)
                    - bisect.bisect_left(at, first))

        return counted


def _asked(readings: Readings, with_capitals: bool) -> tuple[str, ...]:
    """What the context is asked about for a word: each of its readings and, where a
    sentence may start, then each with a capital (see :func:`_in_the_case_said`)."""
    asked = tuple(reading for reading, _ in readings.options)
    return asked + tuple(_cased(reading, "title") for reading in asked) if with_capitals else asked


def _in_the_case_said(word: str, readings: Readings, said: tuple[float, ...],
                      ) -> tuple[Readings, tuple[float, ...]]:
    """The ``readings`` of a lower-case ``word`` where a sentence may start, each in the
    case its context favours, and what the context said for each (``said``: for each
    reading, then for each with a capital). The page may have printed a capital that the
    engine read otherwise ("lie also said" for "He also said"), or the full stop may be a
    speck ("btoanseess. suemmons"). The channel does not tell the cases apart: a capital
    misread is scored as its letter misread."""
    count = len(readings.options)
    cased = [((_cased(reading, "title"), log_channel), capital) if capital > lower
             else ((reading, log_channel), lower)
             for (reading, log_channel), lower, capital in zip(
                 readings.options, said[:count], said[count:], strict=True)]
    return (readings._replace(options=tuple(option for option, _ in cased)),
            tuple(evidence for _, evidence in cased))


def _misread_broken_words(text: str, joined: bytearray, lexicon: Lexicon,
                          ) -> list[tuple[int, int, str, Readings]]:
    """Words broken at a line end whose pieces make no known word ("de- clared" read as
    "de- lared"), each as ``(start, end, pieces joined, readings)``: read as one word, they
    have readings a piece alone lacks. Their place in ``joined`` is marked, so that the
    pieces are not read on their own."""
    counts = resources.word_counts()
    found = []
    for m in LINE_END_HYPHEN.finditer(text, overlapped=True):
        start, end, whole = m.start(1), m.end(), m[1] + m[2]
        if joined[start] or not whole.isascii() or counts.get(whole.lower(), 0) >= KNOWN_MIN_COUNT:
            continue  # joined as it stands, or read as it stands
        readings = _in_document(whole, _readings(whole), lexicon)
        if readings.options:
            found.append((start, end, whole, readings))
            joined[start:end] = b"\x01" * (end - start)
    return found


def _joined_as_they_stand(text: str, p_ocr: float) -> list[Correction]:
    """Words broken at a line end that make no known word and whose second piece is no word
    of its own ("de- lared"), joined as they stand (``JOINED_SHARE``): a surer reading of
    the word wins over it, and in the next pass the joined word is read as a word."""
    counts = resources.word_counts()
    return [Correction(m.start(1), m.end(), text[m.start(1):m.end()], m[1] + m[2],
                       round(p_ocr * JOINED_SHARE, 4), "ocr.joined",
                       "word broken at a line end, joined as it stands")
            for m in _broken_into_no_known_word(text)
            if m[2][0].islower() and not common_word(m[2].lower(), counts)]


def _joined_as_written_elsewhere(text: str) -> list[Correction]:
    """Words broken at a line end that make no known word but one the text writes whole
    elsewhere, and never with a hyphen between the pieces ("Blun-⏎kett" where "Blunkett"
    stands: a name the corpus lacks), joined on any page (``WRITTEN_WHOLE_SHARE``).

    >>> [c.replacement for c in _joined_as_written_elsewhere(
    ...     "Mr Blunkett said Mr Blun-\\nkett's aide and Mr Kil-\\nroy, not Kil-roy, left.")]
    ['Blunkett']
    """
    broken = _broken_into_no_known_word(text)
    if not broken:
        return []
    words = {word.lower() for word in LETTERS.findall(text)}
    hyphenated = {f"{first}-{second}" for compound in COMPOUND.findall(text.lower())
                  for first, second in itertools.pairwise(compound.split("-"))}
    return [Correction(m.start(1), m.end(), text[m.start(1):m.end()], m[1] + m[2],
                       WRITTEN_WHOLE_SHARE, "ocr.joined",
                       "word broken at a line end, joined as the text writes it elsewhere")
            for m in broken
            if (m[1] + m[2]).lower() in words and f"{m[1]}-{m[2]}".lower() not in hyphenated]


@functools.lru_cache(maxsize=2)
def _broken_into_no_known_word(text: str) -> tuple[regex.Match[str], ...]:
    """The matches of ``LINE_END_HYPHEN`` whose pieces make no word the corpus knows (the
    last two texts' kept: both kinds of join of a pass read them)."""
    counts = resources.word_counts()
    return tuple(m for m in LINE_END_HYPHEN.finditer(text, overlapped=True)
                 if counts.get((m[1] + m[2]).lower(), 0) < KNOWN_MIN_COUNT)


def _marks_inside_words(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``MARK_INSIDE_WORD`` whose pieces together are a word in one case
    ("t'he", not "l'E") and are not both words of their own, nor, about a full stop, two
    single letters.

    >>> [m[0] for m in _marks_inside_words("t'he t-o cour.t to-day of'a a.m Mr.Smith l'E")]
    ["'he", '-o', '.t']
    """
    counts = resources.word_counts()
    for m in MARK_INSIDE_WORD.finditer(text, overlapped=True):
        head, tail = m[1], m[2]
        whole = head + tail
        if ((whole.islower() or whole.isupper() or whole[1:].islower())
                and not (common_word(head.lower(), counts) and common_word(tail.lower(), counts))
                and not (len(head) == len(tail) == 1 and text[m.end(1)] == ".")):
            yield m


#: A document's own words by their first letter (lower case) and length.
Lexicon = dict[tuple[str, int], list[str]]


def _lexicon(words: list[str], in_document: Counter[str]) -> Lexicon:
    """The words of a document it may have misread elsewhere that the spelling dictionary lacks:
    words of three letters or more the document has twice (a name: "Gadd" twice, and
    "Ghdd"), by first letter and length."""
    counts = resources.word_counts()
    lexicon: Lexicon = {}
    for word in dict.fromkeys(words):
        lower = word.lower()
        if (len(word) >= 3 and word.isalpha() and in_document[lower] >= 2
                and counts.get(lower, 0) < resources.SPELLING_MIN_COUNT):
            lexicon.setdefault((lower[0], len(word)), []).append(word)
    return lexicon


def _in_document(word: str, readings: Readings, lexicon: Lexicon) -> Readings:
    """``readings`` of a non-word with, added, the words of the document's ``lexicon`` with
    its first letter within edit distance two of it (the most probable
    ``DOCUMENT_READINGS``): the names a page repeats are seldom in the corpus. (The first
    letter bounds the search on a long document.)"""
    if readings.known or _leave_alone(word) or not word.isalpha() or not lexicon:
        return readings
    lower, case = word.lower(), _case_of(word)
    nearby = [near for length in range(len(word) - 2, len(word) + 3)
              for near in lexicon.get((lower[0], length), ())]
    have = {reading.lower() for reading, _ in readings.options}
    channel = resources.ocr_channel()
    found = []
    for near, _, _ in process.extract(lower, nearby, scorer=Levenshtein.distance,
                                      processor=str.lower, score_cutoff=2, limit=None):
        if near.lower() in have or near.lower() == lower:
            continue
        reading = near if case == "lower" and near[0].isupper() else _cased(near.lower(), case)
        found.append((channel.log_prob(reading, word), reading))
        have.add(near.lower())
    if not found:
        return readings
    found.sort(reverse=True)
    return readings._replace(options=readings.options + tuple(
        (reading, log_channel) for log_channel, reading in found[:DOCUMENT_READINGS]))


def _pairs_with_a_rare_word(words: list[str]) -> list[int]:
    """Each ``i`` where ``words[i]`` or ``words[i + 1]`` is seen fewer than
    ``KNOWN_MIN_COUNT`` times in the corpus, in order."""
    counts = resources.word_counts()
    rare = {word for word in set(words) if counts.get(word.lower(), 0) < KNOWN_MIN_COUNT}
    found = sorted({j for i, word in enumerate(words) if word in rare for j in (i - 1, i)})
    return [i for i in found if 0 <= i < len(words) - 1]


def _leave_alone(word: str) -> bool:
    """Numbers, numbers with a suffix ("4th", "1870s", "6d"), short all-capital abbreviations,
    and words too short or too long to say anything about."""
    if not 2 <= len(word) <= MAX_WORD_LENGTH or word.isdigit() or word[0].isdigit():
        return True
    return word.isupper() and len(word) <= 3


class WordDecision(NamedTuple):
    """A word that may be misread, ``text[start:end]``: its best reading and the values of
    ``WORD_FEATURES`` for it."""

    start: int
    end: int
    reading: str
    features: tuple[float, ...]


class Readings(NamedTuple):
    """What a word as read could have been printed as."""

    #: Whether the word is a real word.
    known: bool
    #: ``log P(word | word)``: the channel read it as printed.
    as_read: float
    #: Its readings with their channel log-probability ``log P(word | reading)``, the most
    #: probable first. Words left alone have none.
    options: tuple[tuple[str, float], ...]


@functools.lru_cache(maxsize=1 << 16)
def _readings(word: str) -> Readings:
    """The readings of ``word``. A reading of a real word that the strongest context could
    not prefer to it is dropped."""
    if _leave_alone(word):
        return Readings(False, 0.0, ())
    counts = resources.word_counts()
    lower = word.lower()
    known = lower.isalpha() and counts.get(lower, 0) >= KNOWN_MIN_COUNT
    channel = resources.ocr_channel()
    as_read = channel.log_prob(word, word)
    hopeless = as_read + math.log(REPORT_FLOOR / (1 - REPORT_FLOOR)) - (
        REAL_WORD_LM_CAP if known else LM_CAP)
    if known:
        hopeless = max(hopeless, as_read + math.log(counts[lower]) - REAL_WORD_PRIOR_GAP)
    scored = []
    american = american_spelling(lower)
    case = _case_of(word)
    for candidate in dict.fromkeys((*_candidates(lower, known), *_undone_in_case(word))):
        if american_spelling(candidate) == american:
            continue  # "organisation" is how British print spells it, not a misreading
        reading = _cased(candidate, _reading_case(word, candidate, case))
        if " " in candidate:
            log_channel = math.log(LOST_SPACE) + channel.log_prob(
                reading.replace(" ", ""), word)
        else:
            log_channel = channel.log_prob(reading, word)
        prior = sum(math.log(counts.get(piece, 1)) for piece in candidate.split(" "))
        if log_channel + (prior if known else 0.0) > hopeless:
            scored.append((log_channel + prior, log_channel, reading))
    scored.sort(reverse=True)
    return Readings(known, as_read, tuple((reading, log_channel)
                                          for _, log_channel, reading in scored[:MAX_CANDIDATES]))



@functools.lru_cache(maxsize=1 << 16)
def _candidates(lower: str, known: bool) -> tuple[str, ...]:
    """Lower-case readings of a lower-cased word: its spelling neighbours, the words one
    learned confusion away and, for a non-word, the two words it may run together."""
    counts = resources.word_counts()
    spelling = resources.spelling()
    found: set[str] = set()
    if not known:
        found.update(spelling.nearest(lower))
    found.update(resources.ocr_channel().undo(lower) & spelling.counts.keys())
    if known and len(lower) <= FRAGMENT_MAX_LETTERS:
        found.update(_with_a_letter_lost(lower, counts))
    if not known:
        found.update(_splits(lower, counts))
        found.update(_segmentation(lower, counts))
    found.discard(lower)
    return tuple(sorted(found))


@functools.lru_cache(maxsize=1 << 16)
def _undone_in_case(word: str) -> tuple[str, ...]:
    """Lower-case readings of a word with capitals that one learned confusion of capitals
    away gives ("TEE" for "THE": H read as E), which its lower-cased form, all
    :func:`_candidates` sees, may not.

    >>> "the" in _undone_in_case("TEE"), "the" in _undone_in_case("tee")
    (True, False)
    """
    lower = word.lower()
    if word == lower:
        return ()
    spelling = resources.spelling()
    undone = {found.lower() for found in resources.ocr_channel().undo(word)}
    return tuple(sorted(candidate for candidate in undone - {lower} if candidate in spelling))


def _with_a_letter_lost(lower: str, counts: dict[str, int]) -> list[str]:
    """The words a short real word may be with a letter the OCR lost: those with one letter
    more that the corpus has ``FRAGMENT_RATIO`` times as often ("wa" for "was", "ito" for
    "into"), so that a rare word (of 32 "ito", the corpus's) is read in context.

    >>> from restore import resources
    >>> _with_a_letter_lost("ito", resources.word_counts())
    ['into']
    """
    floor = FRAGMENT_RATIO * counts[lower]
    return [candidate for i in range(len(lower) + 1) for letter in string.ascii_lowercase
            if counts.get(candidate := lower[:i] + letter + lower[i:], 0) >= floor]


def _splits(lower: str, counts: dict[str, int]) -> list[str]:
    """``lower`` as two common words (or a word and a number) that lost the space between."""
    found = []
    for i in range(1, len(lower)):
        left, right = lower[:i], lower[i:]
        if common_word(left, counts) and (right.isdigit() or common_word(right, counts)):
            found.append(f"{left} {right}")
    return found


def _segmentation(lower: str, counts: dict[str, int]) -> list[str]:
    """``lower`` as three or more common words that lost the spaces between them
    ("andthejury"), the likeliest such reading under the words' corpus frequencies, if any.
    Short pieces must be very common words: a garbled word is no run of abbreviations; and
    a lone "i" is no piece, which in such a run is most often a space misread. (symspellpy's
    ``word_segmentation`` takes any word of its index as a piece, "de can ip ed", and 0.1 to
    0.8 ms a word, against 0.02 ms here.)

    >>> from restore import resources
    >>> _segmentation("whichcamenextday", resources.word_counts())
    ['which came next day']
    >>> _segmentation("ofjewellery", resources.word_counts())  # two words: see _splits
    []
    >>> _segmentation("decaniped", resources.word_counts())  # not "de can ip ed"
    []
    """
    if len(lower) < SEGMENTED_MIN_LENGTH or not lower.isalpha():
        return []
    total = resources.ngram_model().tokens
    # best[i]: the log probability and the pieces of the likeliest reading of lower[:i].
    best: list[tuple[float, tuple[str, ...]] | None] = [(0.0, ())] + [None] * len(lower)
    for end in range(1, len(lower) + 1):
        for start in range(max(end - SEGMENT_MAX_LENGTH, 0), end):
            before, piece = best[start], lower[start:end]
            if before is not None and piece != "i" and _piece(piece, counts):
                score = before[0] + math.log(counts[piece] / total)
                current = best[end]
                if current is None or score > current[0]:
                    best[end] = (score, (*before[1], piece))
    found = best[-1]
    return [" ".join(found[1])] if found is not None and len(found[1]) >= 3 else []


def _piece(lower: str, counts: dict[str, int]) -> bool:
    """Whether ``lower`` can stand as a word of its own beside words it lost the space to
    (or had it read as a mark): common, and very common if short."""
    return common_word(lower, counts) and (
        len(lower) > SHORT_PIECE or counts[lower] >= SHORT_PIECE_MIN_COUNT)


def _case_of(word: str) -> str:
    """The case OCR made a mess of in ``word``: ``"upper"`` when most of its letters are
    capitals, ``"title"`` when its first letter is one, else ``"lower"``. A capital I after
    the first letter and before a lower-case one is a misread stroke, no capital ("MIr" is
    "Mr", "HIe" "He").

    >>> [_case_of(word) for word in ("THe", "iRussia", "Tlie", "m0ney", "MIr", "MIL")]
    ['upper', 'lower', 'title', 'lower', 'title', 'upper']
    """
    letters = sum(ch.isalpha() for ch in word)
    capitals = sum(ch.isupper() and not (ch == "I" and i > 0 and word[i + 1:i + 2].islower())
                   for i, ch in enumerate(word))
    if letters > 1 and 2 * capitals > letters:
        return "upper"
    return "title" if word[0].isupper() else "lower"


def _reading_case(word: str, candidate: str, case: str) -> str:
    """The case of ``word`` for its reading ``candidate``: a capital I before lower-case
    letters that the reading reads as an "l" or drops was a misread "l" or a speck, no
    capital ("Iabour" is "labour", "Ithe" "the"); one the reading keeps, or reads with the
    next letter as another, was a capital ("Inqnest" is "Inquest", "Ile" "He").

    >>> [_reading_case(word, candidate, "title") for word, candidate in
    ...  (("Iabour", "labour"), ("Ithe", "the"), ("Inqnest", "inquest"), ("Ile", "he"))]
    ['lower', 'lower', 'title', 'title']
    """
    if (case == "title" and word[:1] == "I" and word[1:2].islower()
            and candidate[:1] in ("l", word[1])):
        return "lower"
    return case


def _cased(candidate: str, case: str) -> str:
    """``candidate`` (lower case) in the ``case`` of the word it replaces (see
    :func:`_case_of`); in lower case, names in the corpus's usual case ("iRussia" → "Russia").

    >>> _cased("the", "upper"), _cased("the", "title"), _cased("russia", "lower")
    ('THE', 'The', 'Russia')
    """
    if case == "upper":
        return candidate.upper()
    if case == "title":
        return transfer_case(candidate, "A")
    return " ".join(transfer_case(piece, "A") if _usually_capitalized(piece) else piece
                    for piece in candidate.split(" "))


@functools.lru_cache(maxsize=1 << 16)
def _usually_capitalized(word: str) -> bool:
    model = resources.ngram_model()
    capital, lower = model.word_id(word[:1].upper() + word[1:]), model.word_id(word)
    if capital == UNKNOWN:
        return False
    return lower == UNKNOWN or model.count([capital]) > CAPITALIZED_RATIO * model.count([lower])


def _context(spans: TokenTable, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two tokens before ``start`` and the two after ``end``."""
    before = bisect.bisect_right(spans.ends, start)
    after = bisect.bisect_left(spans.starts, end)
    return tuple(spans.texts[max(before - 2, 0):before]), tuple(spans.texts[after:after + 2])


def _decide(word: str, readings: Readings, evidence: tuple[float, ...], p_ocr: float,
            on_page: Callable[[str], int]) -> tuple[str, tuple[float, ...]]:
    """The most probable reading of ``word`` given what its context says for each
    (:func:`_evidence`), and the values of ``WORD_FEATURES`` for it; ``on_page`` tells how
    often the page around it has a word (lower case: :class:`_PageCounts`)."""
    keep = math.log((1.0 - p_ocr) + p_ocr * math.exp(readings.as_read))
    cap = REAL_WORD_LM_CAP if readings.known else LM_CAP
    capped = (max(min(said, cap), -cap) for said in evidence)
    scored = sorted(((math.log(p_ocr) + log_channel + LM_WEIGHT * said, log_channel, said, reading)
                     for (reading, log_channel), said in zip(readings.options, capped,
                                                             strict=True)), reverse=True)
    best, log_channel, said, reading = scored[0]
    lead = best - scored[1][0] if len(scored) > 1 else FEATURE_CAP
    posterior = _log_odds(best, [keep, *(other for other, *_ in scored[1:])])
    counts = resources.word_counts()
    pieces = reading.lower().split(" ")
    real, lower = float(readings.known), float(word.islower())
    return reading, (
        log_channel, said, readings.as_read, real, float(len(scored)), lower,
        float(word[0].isupper() and word[1:].islower()), float(word.isupper()),
        float(len(word)), math.log(len(word)),
        math.log(sum(counts.get(piece, 0) for piece in pieces) / len(pieces) + 1.0),
        float(len(pieces) > 1), min(lead, FEATURE_CAP),
        float(any(ch.isdigit() for ch in word)),
        max(min(posterior, FEATURE_CAP), -FEATURE_CAP),
        log_channel * real, said * real, said * (1.0 - real) * lower,
        math.log(max(on_page(word.lower()), 1)),
        math.log(1.0 + min(on_page(piece) for piece in pieces)),
        math.log(counts.get(word.lower(), 0) + 1.0))


#: A word in its place: the tokens on its left, the word, the tokens on its right, and its
#: readings.
Place = tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...]]
#: What the context said for a word's readings, by place: kept for the next pass, where
#: most words stand in the same context again.
_EVIDENCE: dict[Place, tuple[float, ...]] = {}
#: Entries kept in ``_EVIDENCE`` before it starts afresh.
EVIDENCE_CACHE_SIZE = 1 << 18


def _evidence(places: list[Place]) -> list[tuple[float, ...]]:
    """For each ``(left, word, right, readings)``, what the context says for each reading
    against the word as read: the difference of their log scores between the tokens
    ``left`` and ``right``. The contexts not seen before are scored in one batch."""
    model = resources.ngram_model()
    found: dict[Place, tuple[float, ...]] = {}
    new = []
    for place in dict.fromkeys(places):
        said = _EVIDENCE.get(place)
        if said is None:
            new.append(place)
        else:
            found[place] = said
    queries: list[tuple[Sequence[int], Sequence[int], Sequence[int]]] = []
    for left, word, right, readings in new:
        left_ids, right_ids = model.ids(left), model.ids(right)
        queries.append((left_ids, _token_ids(word), right_ids))
        queries += [(left_ids, _token_ids(reading), right_ids) for reading in readings]
    scores = iter(model.score_many_in_context(queries))
    if len(_EVIDENCE) + len(new) > EVIDENCE_CACHE_SIZE:
        _EVIDENCE.clear()
    for place in new:
        as_is = next(scores)
        found[place] = _EVIDENCE[place] = tuple(next(scores) - as_is for _ in place[3])
    return [found[place] for place in places]


@functools.lru_cache(maxsize=1 << 16)
def _token_ids(phrase: str) -> tuple[int, ...]:
    """The context model's ids of the tokens of ``phrase``."""
    return tuple(resources.ngram_model().ids(tokens(phrase)))


def _dashes(text: str, spans: TokenTable, p_ocr: float, calibrate: bool) -> list[Correction]:
    """Hyphens the engine read where the page printed a dash (``READ_AS_HYPHEN``), each
    decided in context against the share of its kind that were dashes."""
    model = resources.ngram_model()
    found = []
    queries: list[tuple[Sequence[int], Sequence[int], Sequence[int]]] = []
    for _, m, share in read_as_hyphen(text):
        start, end = m.span()
        left, right = _context(spans, start, end)
        left_ids, right_ids = model.ids(left), model.ids(right)
        queries += [(left_ids, _token_ids(DASH), right_ids),
                    (left_ids, _token_ids(m[0]), right_ids)]
        found.append((start, end, p_ocr * share))
    scores = model.score_many_in_context(queries)
    corrections = []
    for k, (start, end, probability) in enumerate(found):
        change = _change_score(probability, scores[2 * k] - scores[2 * k + 1])
        correction = _posterior_correction(
            text, start, end, math.log(1.0 - probability), [(change, DASH)], "ocr.dash",
            f"a dash read as a hyphen; document is OCR with p={p_ocr:.2f}", calibrate)
        if correction is not None:
            corrections.append(correction)
    return corrections


def read_as_hyphen(text: str) -> Iterator[tuple[str, regex.Match[str], float]]:
    """``(kind, match, share)`` for each hyphen of ``text`` that ``READ_AS_HYPHEN`` finds,
    by the first kind that finds it.

    >>> [(kind.split(",")[0], m[0]) for kind, m, _ in read_as_hyphen(
    ...     "he refused.-George left. -The court, a well-known Man")]
    [("a hyphen glued between a sentence's mark and a capital", '-'), \
("a hyphen spaced from a sentence's end", '-')]
    """
    seen = set()
    for kind, pattern, share in READ_AS_HYPHEN:
        for m in pattern.finditer(text):
            if m.start() not in seen:
                seen.add(m.start())
                yield kind, m, share


def _marks_in_context(text: str, spans: TokenTable, p_ocr: float) -> list[Correction]:
    """The marks and letters of ``READ_IN_CONTEXT`` read otherwise, at their measured share."""
    return [Correction(m.start(), m.end(), m[0], reading, round(p_ocr * share, 4),
                       "ocr.stray_punctuation",
                       f"{kind} where the context reads {f'“{reading}”' if reading else 'on'}; "
                       "the page did not print it")
            for kind, m, reading, share in read_in_context(text, spans)]


def _capitals_in_context(text: str, spans: TokenTable, p_ocr: float) -> list[Correction]:
    """Short words capitalized between lower-case words ("the man In the dock") that the
    context model reads in lower case, by at least ``CAPITAL_EVIDENCE`` nats."""
    found = list(MISREAD_CAPITAL.finditer(text))
    evidence = _said_in_place(spans, [(m.start(), m.end(), m[0], (m[0].lower(),))
                                      for m in found])
    return [Correction(m.start(), m.end(), m[0], m[0].lower(), round(p_ocr * CAPITAL_SHARE, 4),
                       "ocr.capital", "a capital the context reads in lower case")
            for m, (said,) in zip(found, evidence, strict=True) if said >= CAPITAL_EVIDENCE]


def read_in_context(text: str, spans: TokenTable,
                    ) -> Iterator[tuple[str, regex.Match[str], str, float]]:
    """``(kind, match, reading, share)`` for each mark or letter of ``READ_IN_CONTEXT`` whose
    reading the context model favours most, and enough, over the text as read."""
    counts = resources.word_counts()
    found = [(kind, m, readings) for kind, pattern, readings in READ_IN_CONTEXT
             for m in pattern.finditer(text)
             if pattern.groups < 2 or _apart(m[1], m[0], m[2], counts)]
    evidence = _said_in_place(spans, [(m.start(), m.end(), m[0], tuple(readings))
                                      for _, m, readings in found])
    for (kind, m, readings), said in zip(found, evidence, strict=True):
        most, reading = max(zip(said, readings, strict=True))
        least, share = readings[reading]
        if most >= least:
            yield kind, m, reading, share


def _apart(head: str, mark: str, tail: str, counts: dict[str, int]) -> bool:
    """Whether ``head`` and ``tail``, either side of ``mark``, are words of their own, short
    ones very common, that together make no word: the mark stands for a space. A hyphen,
    which joins compounds ("police-station", "well-known"), must also stand beside one of the
    commonest words ("from-the", "the-court"), neither a single letter ("a-year" is the
    print's own).

    >>> from restore import resources
    >>> [_apart(head, mark, tail, resources.word_counts()) for head, mark, tail in (
    ...     ("to", "'", "the"), ("cash", "'", "mere"), ("char", "'", "ed"), ("York", "'", "road"),
    ...     ("from", "-", "the"), ("police", "-", "station"), ("a", "-", "year"))]
    [True, False, False, True, True, False, False]
    """
    lower_head, lower_tail = head.lower(), tail.lower()
    if not (_piece(lower_head, counts) and _piece(lower_tail, counts)
            and counts.get(lower_head + lower_tail, 0) < KNOWN_MIN_COUNT):
        return False
    return mark != "-" or (min(len(head), len(tail)) > 1 and max(
        counts[lower_head], counts[lower_tail]) >= COMMONEST_WORD_MIN_COUNT)


def _said_in_place(spans: TokenTable, read: Sequence[tuple[int, int, str, tuple[str, ...]]],
                   ) -> list[tuple[float, ...]]:
    """For each ``(start, end, as read, readings)``, what the context of ``start:end`` says
    for each reading against the text as read (:func:`_evidence`)."""
    places: list[Place] = []
    for start, end, word, readings in read:
        left, right = _context(spans, start, end)
        places.append((left, word, right, readings))
    return _evidence(places)


def _join(text: str, spans: TokenTable, start: int, end: int, head: str, tail: str,
          p_ocr: float, calibrate: bool, *, kind: str) -> Correction | None:
    """``text[start:end]``, the pieces ``head`` and ``tail`` of a word broken by a hyphen at a
    line end ("pro- perty"), with the margin read between them ("pas- hE senger") or the
    hyphen read as a full stop ("pur. chased"), by a stray space ("th e") or by a stray
    mark ("with~out"): the ``kind`` of break, a key of ``BREAKS``. As one word when that
    word is common, or at a line end merely known where a piece is no word of its own
    ("inter- rogatory"; of two words, "of- interest", a rare word is no likelier than a stray
    hyphen); a stray mark goes whatever the pieces make (what they make is read as a word in
    the next pass), and may have stood for a space between two words ("was~admissible")."""
    if len(head) + len(tail) > MAX_WORD_LENGTH:
        return None
    counts = resources.word_counts()
    readings = [head + tail]
    two_words = common_word(head.lower(), counts) and common_word(tail.lower(), counts)
    if kind == "mark":
        if two_words:
            readings.append(f"{head} {tail}")
    elif counts.get(readings[0].lower(), 0) < (
            KNOWN_MIN_COUNT if kind == "hyphen" and not two_words else COMMON_MIN_COUNT):
        return None
    model = resources.ngram_model()
    left, right = _context(spans, start, end)
    as_is = model.score_in_context(left, tokens(text[start:end]), right)
    probability, rule, note = BREAKS[kind]
    if kind != "hyphen":  # a misreading, not typesetting: as likely as OCR is
        probability *= p_ocr
        note += f"; document is OCR with p={p_ocr:.2f}"
    scored = [(_change_score(probability,
                             model.score_in_context(left, tokens(reading), right) - as_is),
               reading) for reading in readings]
    return _posterior_correction(text, start, end, math.log(1.0 - probability), scored, rule,
                                 note, calibrate)


def _change_score(probability: float, evidence: float) -> float:
    """The log score of a change the channel makes with ``probability``, which its context
    favours by ``evidence`` nats (capped at ``LM_CAP``) over the text as it stands."""
    return math.log(probability) + LM_WEIGHT * max(min(evidence, LM_CAP), -LM_CAP)


def _posterior_correction(text: str, start: int, end: int, keep: float,
                          scored: list[tuple[float, str]], rule: str, note: str,
                          calibrate: bool) -> Correction | None:
    """The best of ``scored`` (log score, reading) against ``keep``, if its posterior is at
    least ``REPORT_FLOOR``, with the confidence its kind's calibration table gives its raw
    score (:func:`calibration_kind`) or, without ``calibrate``, the raw score itself: the
    posterior's log-odds squashed by ``RAW_SCALE``, which keeps apart what the posterior
    itself rounds to 1."""
    score, reading = max(scored)
    others = [keep, *(other for other, _ in scored)]
    others.remove(score)
    log_odds = _log_odds(score, others)
    if log_odds < math.log(REPORT_FLOOR / (1.0 - REPORT_FLOOR)) or reading == text[start:end]:
        return None
    return _reported(text, start, end, reading, logistic(log_odds / RAW_SCALE), rule, note,
                     calibrate)


def _log_odds(score: float, others: list[float]) -> float:
    """The log-odds of the reading scored ``score`` against all the ``others`` together."""
    norm = max(others)
    return score - norm - math.log(sum(math.exp(other - norm) for other in others))


def _reported(text: str, start: int, end: int, reading: str, raw: float, rule: str, note: str,
              calibrate: bool) -> Correction:
    """``text[start:end]`` read as ``reading``, with the confidence its kind's calibration
    table gives its ``raw`` score (:func:`calibration_kind`), or the raw score itself."""
    original = text[start:end]
    kind = calibration_kind(rule, original, reading)
    confidence = raw if not calibrate or kind is None else resources.calibrated(
        resources.OCR_CALIBRATIONS[kind], raw)
    return Correction(start, end, original, reading, confidence, rule, note)


#: The rules of words broken in two, calibrated together.
BROKEN_WORD_RULES = frozenset(rule for _, rule, _ in BREAKS.values())


def calibration_kind(rule: str, original: str, replacement: str) -> str | None:
    """The kind of the proposal of ``rule`` turning ``original`` into ``replacement`` (words
    that lost their spaces are a kind of their own): the key of its
    calibration table in ``resources.OCR_CALIBRATIONS``; ``None`` for a rule whose
    confidence is a measured share (``ocr.pound``, ``ocr.stray_punctuation``, ``ocr.joined``,
    ``ocr.capital``).

    >>> [calibration_kind("ocr.word", word, reading) for word, reading in (
    ...     ("lie", "he"), ("decaniped", "decamped"), ("tliot", "that"))]
    ['real word', 'non-word, one reading', 'non-word, several readings']
    >>> calibration_kind("ocr.word", "de- caniped", "decamped")
    'non-word, one reading'
    >>> calibration_kind("ocr.word", "andthejury", "and the jury")
    'lost space'
    >>> (calibration_kind("ocr.hyphenation", "pro- perty", "property"),
    ...  calibration_kind("ocr.dash", "-", "—"))
    ('broken word', 'dash')
    """
    if rule == "ocr.dash":
        return "dash"
    if rule in BROKEN_WORD_RULES:
        return "broken word"
    if rule != "ocr.word":
        return None
    if " " in replacement and " " not in original:
        return "lost space"
    readings = _readings(LINE_END_HYPHEN.sub(r"\2", original))  # a broken word read whole
    if readings.known:
        return "real word"
    return "non-word, one reading" if len(readings.options) == 1 else "non-word, several readings"
