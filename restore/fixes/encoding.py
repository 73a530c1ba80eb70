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
from collections.abc import Callable

import regex
from rapidfuzz.distance import Indel

from restore.model import Correction
from restore.text import lines_with_offsets, replace_span

#: An HTML character reference, named or numbered.
ENTITY = regex.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);")


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
        for start, end, replacement in _changed_runs(line, fixed):
            rule, note = "encoding.mojibake", ("text decoded with the wrong encoding "
                                               "(repaired by ftfy)")
            for first, last in entities:  # "&amp;" → "&" changed "amp;" only: show it whole
                if first <= start and end <= last:
                    replacement = line[first:start] + replacement + line[end:last]
                    start, end = first, last
                    rule, note = "encoding.html_entity", ("HTML entity in plain text "
                                                          "(decoded by ftfy)")
            corrections.append(replace_span(text, offset + start, offset + end, replacement, 0.95,
                                            rule, note))
    return corrections


def _changed_runs(old: str, new: str) -> list[tuple[int, int, str]]:
    """Maximal runs where ``new`` differs from ``old``: (start, end in old, replacement)."""
    runs: list[tuple[int, int, str]] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            continue
        replacement = new[op.dest_start:op.dest_end]
        if runs and runs[-1][1] == op.src_start:
            start, _, previous = runs.pop()
            runs.append((start, op.src_end, previous + replacement))
        else:
            runs.append((op.src_start, op.src_end, replacement))
    return runs
