"""Whether a text is OCR output: the detector every family asks before it reads a scan.

A text is a scan of print when enough of its words, each counted once, are lower-case words
the context model has never seen and one learned confusion from a common word ("tbe",
"aud", "tlie"); clean copy has few such words, and its rare words are the writer's. The
pipeline reads every pass of a run as the page it was given (:func:`page_read_as`): a scan
with its misreadings fixed may read as clean copy, but is still a scan.

>>> ocr_probability("tbe court heard tlie case of tbe prisoner".split()) > 0.99
True
>>> ocr_probability("the court heard the case of the prisoner".split()) < 0.01
True
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import operator
from collections.abc import Iterator, Sequence

from restore import resources
from restore.language import foreign_spans, in_foreign_span
from restore.line_ends import token_table_read_whole
from restore.lm import UNKNOWN
from restore.probability import logistic
from restore.text import ENTITY
from restore.vocabulary import common_word

#: Share of unseen lower-case words (each counted once) at which a text is OCR output with
#: probability one half, and the spread of the logistic around it: between the 1st
#: percentile of BLN600 OCR pages (1.0%) and the 99th of their human transcriptions (0.8%)
#: and of clean BBC news (0.7%).
OCR_MIDPOINT = 0.011
OCR_SPREAD = 0.0015
#: Below this probability of being OCR output a text is left alone: a rare word in clean copy
#: is the writer's, not a misreading. (A share of unseen words of 1.4%, below the 5th
#: percentile of the BLN600 OCR pages and above the 95th of clean news.)
MIN_OCR_PROBABILITY = 0.9
#: Longer words are left as they are: no misreading of a word runs that long.
MAX_WORD_LENGTH = 30


#: The OCR probability of the page a pipeline run is restoring (see :func:`page_read_as`).
_PAGE_PROBABILITY: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "page_ocr_probability", default=None)


@contextlib.contextmanager
def page_read_as(text: str) -> Iterator[None]:
    """Within this block every text is a reading of the page ``text``: its
    :func:`page_ocr_probability` is at least that of ``text``. The pipeline's later passes
    read what its first pass made of the page; a scan with its misreadings fixed may read as
    clean copy, but is still a scan (after one pass, 186 of the 500 BLN600 pages read as no
    OCR, and their later passes left the words the first pass's corrections put in context
    as misread as they were).

    >>> page = "tbe court heard tlie case of tbe prisoner"
    >>> with page_read_as(page):
    ...     page_ocr_probability("the court heard the case of the prisoner") > 0.99
    True
    """
    token = _PAGE_PROBABILITY.set(text_ocr_probability(text))
    try:
        yield
    finally:
        _PAGE_PROBABILITY.reset(token)


def page_ocr_probability(text: str) -> float:
    """The probability that ``text`` is OCR output, as the families correcting a scan ask
    it: :func:`text_ocr_probability`, or that of the page being restored
    (:func:`page_read_as`) where it is higher. These families propose more, and more surely,
    the higher it is (most of their confidences are a share times it, and below
    ``MIN_OCR_PROBABILITY`` they read no word; the word decision model is fitted never to
    fall as a reading's posterior rises, ``scripts/calibrate_ocr.py``), so a result of the
    pipeline, read afresh with its own lower probability, gets from them nothing the last
    pass did not, or next to nothing: ``restore`` stays idempotent (on all 1,337
    development documents). The spinners' families, which a higher probability silences,
    ask :func:`text_ocr_probability` of the text itself."""
    page = _PAGE_PROBABILITY.get()
    own = text_ocr_probability(text)
    return own if page is None else max(page, own)


@functools.lru_cache(maxsize=2)
def text_ocr_probability(text: str) -> float:
    """:func:`ocr_probability` of the tokens of ``text`` (the last two texts' kept: the
    families of one pass ask in turn), HTML entities and the stretches in another language
    left out ("n&apos;t" is no misreading, :func:`restore.language.foreign_spans`), and
    each word broken at a line end read whole
    (:func:`restore.line_ends.token_table_read_whole`).

    >>> text_ocr_probability("They were n&apos;t sure , and said : &quot; We are ready") < 0.01
    True
    >>> text_ocr_probability("The pro-\\nperty and the docu-\\nments of the mer-\\nchant") < 0.01
    True
    """
    if ENTITY.search(text):
        text = ENTITY.sub(" ", text)
    table = token_table_read_whole(text)
    foreign = foreign_spans(text)
    if not foreign:
        return ocr_probability(table.texts)
    return ocr_probability([word for start, end, word in zip(*table, strict=True)
                            if not in_foreign_span(foreign, start, end)])


def ocr_probability(words: Sequence[str]) -> float:
    """The odds, as a probability, that a text with these tokens is OCR output: from the
    share of its words that are lower-case words the context model has never seen ("tbe",
    "aud", "tlie"), each counted once: a misreading rarely repeats, a rare word does. A text
    none of whose unseen words is one learned confusion from a common word is not OCR
    output: its rare words ("crewyard", "ocotillos") are the writer's.

    >>> ocr_probability("tbe court heard tlie case of tbe prisoner".split()) > 0.99
    True
    >>> ocr_probability(("the court heard the case " * 60 + "ariary " * 3).split()) < 0.01
    True
    >>> ocr_probability("the ocotillos and boojums of the desert".split())
    0.0
    """
    model = resources.ngram_model()
    seen = sum(map(str.isalpha, map(operator.itemgetter(0), words)))
    unseen = [token for token in set(words)
              if token[0].islower() and token[0].isalpha() and model.word_id(token) == UNKNOWN]
    if unseen and not any(map(_misreads_a_common_word, unseen)):
        return 0.0
    share = len(unseen) / max(seen, 1)
    return logistic((share - OCR_MIDPOINT) / OCR_SPREAD)


def _misreads_a_common_word(word: str) -> bool:
    """Whether undoing one learned confusion in ``word`` gives a common word ("tlie")."""
    if len(word) > MAX_WORD_LENGTH:
        return False  # and undoing each confusion of a line-long "word" costs its square
    counts = resources.word_counts()
    return any(common_word(printed, counts) for printed in resources.ocr_channel().undo(word))
