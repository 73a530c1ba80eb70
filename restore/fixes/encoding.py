"""Mojibake and other encoding damage, repaired by ftfy and reported span by span.

ftfy decides what is damaged and how to repair it; this module only runs it on each line
with every cosmetic option off (quotes, ligatures, widths and line breaks are left alone)
and turns the difference into minimal corrections. HTML entities left in plain text by a
scraper ("AT&amp;T") are decoded too, on a line with no "<" (ftfy's own rule: a line with
tags is markup, where entities belong).

>>> [(c.original, c.replacement) for c in propose("The cafÃ© said itâ€™s open.")]
[('Ã©', 'é'), ('â€™', '’')]
>>> [(c.original, c.replacement, c.rule) for c in propose("AT&amp;T rose.")]
[('&amp;', '&', 'encoding.html_entity')]
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from rapidfuzz.distance import Indel, Opcodes

from restore.model import Correction
from restore.text import ENTITY, lines_with_offsets, replace_span


@functools.cache
def _fixer() -> Callable[[str], str]:
    """ftfy's ``fix_text`` with every cosmetic fix off. ftfy is imported here, when a line
    that is not ASCII first needs it: importing it takes a tenth of a second."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html="auto",
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return functools.partial(ftfy.fix_text, config=config)


def propose(text: str) -> list[Correction]:
    """Corrections for the encoding damage ftfy finds in ``text``, one per damaged run."""
    corrections = []
    for offset, line in lines_with_offsets(text):
        if line.isascii() and "&" not in line:
            continue
        fixed = _fixer()(line)
        if fixed == line:
            continue
        entities = [m.span() for m in ENTITY.finditer(line)]
        for start, end, replacement in _changed_runs(line, fixed, entities):
            if any(first <= start < last for first, last in entities):
                rule, note = "encoding.html_entity", "HTML entity in plain text (decoded by ftfy)"
            else:
                rule, note = "encoding.mojibake", ("text decoded with the wrong encoding "
                                                   "(repaired by ftfy)")
            corrections.append(replace_span(text, offset + start, offset + end, replacement, 0.95,
                                            rule, note))
    return corrections


def _changed_runs(old: str, new: str, whole: Sequence[tuple[int, int]]
                  ) -> list[tuple[int, int, str]]:
    """Maximal runs where ``new`` differs from ``old``: (start, end in old, replacement),
    each stretched over any span of ``whole`` it touches ("&amp;" → "&" changes "amp;"
    only, "&apos;s" → "'s" may change "&apo" and ";": each entity is shown whole).

    >>> _changed_runs("it &apos;s", "it 's", [(3, 9)])
    [(3, 9, "'")]
    """
    opcodes = Indel.opcodes(old, new)
    spans: list[list[int]] = []
    for op in opcodes:
        if op.tag == "equal":
            continue
        start, end = op.src_start, op.src_end
        for first, last in whole:
            if max(first, start) < min(last, end) or first < start < last:
                start, end = min(start, first), max(end, last)
        if spans and spans[-1][1] >= start:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(start, end, new[_moved(opcodes, start):_moved(opcodes, end, at_end=True)])
            for start, end in spans]


def _moved(opcodes: Opcodes, position: int, *, at_end: bool = False) -> int:
    """Where ``position`` of the old text, outside any change or at its edge, is in the new:
    before what was inserted there, or after it ``at_end`` (a run's insertions are its own).
    """
    if at_end:
        op = next(op for op in reversed(opcodes) if op.src_start <= position)
    else:
        op = next(op for op in opcodes if position <= op.src_end)
    if op.tag == "equal":
        return op.dest_start + position - op.src_start
    return op.dest_start if position == op.src_start and not at_end else op.dest_end
