"""Curly quotes a rewriter turned the wrong way, spaced, or put outside their punctuation.

Each line is read as a paragraph, its double quotes paired left to right. A closing quote
where an opening one belongs is turned round and its space moved outside
(``” The`` → ``“The``, ``said:” I`` → ``said: “I``, ``column”All`` → ``column “All``); a
comma or full stop left outside a quoted full sentence is moved inside (``systems”, she
said`` → ``systems,” she said``); the spaces a tokenizer left inside a quotation's marks
go (``“ We can’t wait. ”`` → ``“We can’t wait.”``) where the text spaces quotations as a
habit (two or more, and at least half of its quotes), not as a writer's single slip.
A quote that closes a quotation opened in an earlier paragraph is left as it is.

>>> [c.replacement for c in propose("” The sky is falling”, she said.")]
['“', ',”']
"""

from __future__ import annotations

import regex

from restore.model import Correction
from restore.text import lines_with_offsets, replace_span

OPEN, CLOSE = "“", "”"
DOUBLE_QUOTE = regex.compile(f"[{OPEN}{CLOSE}]")
SPEECH_VERBS = (
    "said|says|added|adds|told|asked|asks|stated|explained|noted|wrote|continued|replied|"
    "insisted|argued|warned|recalled|declared|announced"
)
ATTRIBUTION = regex.compile(
    rf" (?:(?:he|she|they|it|we|I|you|\p{{Lu}}[\p{{L}}.’'-]*(?: \p{{Lu}}[\p{{L}}.’'-]*){{0,3}}) "
    rf"(?:{SPEECH_VERBS})|(?:{SPEECH_VERBS}))\b"
)
SPACED_POSSESSIVE = regex.compile(r"(?<=\p{L}s) ‘(?= \p{Ll})")

SURE = 0.9
LIKELY = 0.85
UNSURE = 0.5


def propose(text: str) -> list[Correction]:
    """Corrections for misturned, misplaced and spaced curly quotes in ``text``."""
    corrections: list[Correction] = []
    spaced: list[tuple[int, int]] = []
    for offset, line in lines_with_offsets(text):
        corrections += _pair_double_quotes(text, offset, line, spaced)
        corrections += [
            replace_span(text, offset + m.start(), offset + m.end(), "’", LIKELY,
                         "quotes.spaced_apostrophe",
                         "possessive apostrophe written as a spaced opening quote")
            for m in SPACED_POSSESSIVE.finditer(line)
        ]
    # A tokenizer spaces every quotation it writes; a writer's slip spaces one of many.
    habit = len(spaced) >= 2 and 2 * len(spaced) >= len(DOUBLE_QUOTE.findall(text))
    corrections += [
        replace_span(text, start, end, "", LIKELY if habit else UNSURE, "quotes.spaced",
                     "space inside a quotation's marks")
        for start, end in spaced
    ]
    return corrections


def _pair_double_quotes(text: str, offset: int, line: str,
                        spaced: list[tuple[int, int]]) -> list[Correction]:
    """The corrections of the double quotes of ``line`` (at ``offset`` in ``text``), paired
    left to right; the spaces inside a quotation's marks ("“ We can’t wait. ”") are added to
    ``spaced`` as spans of ``text``."""
    corrections: list[Correction] = []
    positions = [m.start() for m in DOUBLE_QUOTE.finditer(line)]
    is_open = False
    opened_sentence = False
    for k, i in enumerate(positions):
        before = line[i - 1] if i > 0 else ""
        after = line[i + 1: i + 3]
        if line[i] == OPEN:
            is_open, opened_sentence = True, _starts_sentence(line, i, i + 1)
            # Where a quotation can open: not after a word, as „ja“ closes German quotes.
            content = len(line) - len(line[i + 1:].lstrip(" "))
            if (content > i + 1 and line[content:content + 1].isalnum()
                    and (before == "" or before.isspace() or before in "([‘—–")):
                spaced.append((offset + i + 1, offset + content))
            continue
        if is_open:
            is_open = False
            # After a word or a mark, not after ’: in “… ‘a’ ” the space sets nested quotes apart.
            words_end = len(line[:i].rstrip(" "))
            if 0 < words_end < i and (line[words_end - 1].isalnum()
                                      or line[words_end - 1] in ".,;:!?…"):
                spaced.append((offset + words_end, offset + i))
            moved = _punctuation_inside(line, i, opened_sentence)
            if moved is not None:
                replacement, confidence, note = moved
                corrections.append(replace_span(text, offset + i, offset + i + 2, replacement,
                                                confidence, "quotes.punctuation_inside", note))
            continue
        reversed_opening = _reversed_opening(line, positions[k + 1:], i, before, after)
        if reversed_opening is not None:
            end, replacement, confidence = reversed_opening
            corrections.append(replace_span(text, offset + i, offset + end, replacement, confidence,
                                            "quotes.reversed_opening",
                                            "closing quote where a quotation opens"))
            is_open, opened_sentence = True, _starts_sentence(line, i, end)
    return corrections


def _reversed_opening(
    line: str, later: list[int], i: int, before: str, after: str
) -> tuple[int, str, float] | None:
    """How to turn a ``”`` met outside any quotation into an opening quote, if it is one."""
    next_is_closing = bool(later) and line[later[0]] == CLOSE
    if after[:1].isalpha():
        if before in ("", " ", "\t"):
            return i + 1, OPEN, SURE  # ”The
        if before.isalnum() and next_is_closing:
            return i + 1, f" {OPEN}", LIKELY  # column”All politics is global”
        return None
    if not (after[:1] == " " and after[1:2].isalnum()):
        return None
    if before in ("", " ", "\t"):
        return i + 2, OPEN, SURE  # ” The
    if before == ":":
        return i + 2, f" {OPEN}", SURE  # said:” I  (after a comma, ”  closes: have,” Pak said)
    if before.isalnum() and next_is_closing:
        return i + 2, f" {OPEN}", LIKELY  # Russia’s” full accept” of
    return None  # most likely closes a quotation opened in an earlier paragraph


def _starts_sentence(line: str, quote: int, content: int) -> bool:
    """Whether the quotation opening at ``quote`` (text from ``content``) is a full sentence."""
    lead = line[:quote].rstrip()
    first = line[content:].lstrip()[:1]
    return first.isupper() and (lead == "" or lead[-1] in ":.!?")


def _punctuation_inside(line: str, i: int, full_sentence: bool) -> tuple[str, float, str] | None:
    """Move a comma or full stop just after the closing quote at ``i`` inside it."""
    mark = line[i + 1: i + 2]
    rest = line[i + 2:]
    if mark == "," and ATTRIBUTION.match(rest):
        confidence = LIKELY if full_sentence else UNSURE
        return f",{CLOSE}", confidence, "comma of quoted speech belongs inside the quote"
    if mark == "." and (rest == "" or rest[:1] == " "):
        confidence = LIKELY if full_sentence else UNSURE
        return f".{CLOSE}", confidence, "full stop of a quoted sentence belongs inside the quote"
    return None
