"""Run the families, resolve overlapping proposals, apply the confidence threshold."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from restore.fixes import FAMILIES
from restore.hidden import Seen
from restore.language import foreign_spans, in_foreign_span
from restore.model import Config, Correction, Report
from restore.ocr_page import page_read_as
from restore.windows import windows


def check_families(names: Iterable[str]) -> frozenset[str]:
    """The given family names, or a ``ValueError`` naming the unknown ones."""
    chosen = frozenset(names)
    unknown = sorted(chosen - FAMILIES.keys())
    if unknown:
        raise ValueError(
            f"unknown famil{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}; "
            f"known: {', '.join(FAMILIES)}"
        )
    return chosen


#: Passes over the text before giving up on reaching a fixpoint. A correction in context can
#: make the next one possible ("mediato he aill" takes five): BLN600 pages need up to five
#: passes (the last finding nothing), a megabyte of them six; news text two.
MAX_PASSES = 8
#: The families that read words in English context (the context model's): they leave alone
#: the stretches of a text in another language (:func:`restore.language.foreign_spans`).
#: The others repair patterns of damage (mojibake, "do n't", "11, 000", quotes turned the
#: wrong way) whatever the words around them.
ENGLISH_FAMILIES = frozenset({"ocr", "spin", "function-words"})
#: What a correction's note adds when the passes never settled (:func:`_settled`).
UNSETTLED = "not applied: the passes over this text never settled"


def run(text: str, config: Config) -> Report:
    """Restore ``text``, window by window when it is longer than ``config.window``.

    Each window is a document of its own (:mod:`restore.windows`); the corrections of every
    window are reported on the whole input.
    """
    if len(text) <= config.window:
        return run_document(text, config)
    pieces: list[str] = []
    corrections: list[Correction] = []
    for start, end in windows(text, config.window):
        report = run_document(text[start:end], config)
        pieces.append(report.text)
        for c in report.corrections:
            placed = c.moved(start)
            if corrections and corrections[-1].start == placed.start:
                corrections.extend(_at_one_point(text, corrections.pop(), placed))
            else:
                corrections.append(placed)
    return Report("".join(pieces), tuple(corrections))


def _at_one_point(text: str, first: Correction, second: Correction) -> list[Correction]:
    """An insertion ending one window and a correction starting the next at the same point,
    as one: both applied become one edit (:func:`_joined`; none if they cancel); otherwise
    the applied one (or the first) stands."""
    if first.applied and second.applied:
        joined = _joined(text, [first, second])
        return [] if joined is None else [joined]
    return [second if second.applied else first]


def run_document(text: str, config: Config, *, checked: bool = True) -> Report:
    """Propose, resolve and apply until nothing changes; report corrections on the input.

    A correction that lost to an overlapping one may apply once the winner is in place, so
    the pipeline runs again on its own output and composes the edits of every pass into
    corrections on the original input. This makes ``restore`` idempotent; where the passes
    find no text that stays restored, the input stays as it is and its corrections are
    reported (:func:`_settled`). Every pass reads the text as the page the input is
    (:func:`restore.ocr_page.page_read_as`), as a reader sees it (:func:`_one_pass`).
    :func:`_settled` runs it unchecked (``checked=False``): it is that check.
    """
    with page_read_as(Seen(text).text):
        return _to_fixpoint(text, config, checked=checked)


def _to_fixpoint(text: str, config: Config, *, checked: bool = True) -> Report:
    first = _one_pass(text, config)
    applied = [c for c in first if c.applied]
    if not applied:
        return Report(text, tuple(first))
    current = apply_corrections(text, applied)
    more = [c for c in _one_pass(current, config) if c.applied]
    if more:  # compose the passes' edits (when the second finds nothing, the first's stand)
        pieces = _Pieces(text)
        pieces.apply(applied)
        for _ in range(MAX_PASSES - 2):
            pieces.apply(more)
            more = [c for c in _one_pass(pieces.text(), config) if c.applied]
            if not more:
                break
        else:
            pieces.settle(more)
            if checked and not _settled(pieces.text(), config):
                return Report(text, tuple(c.reported(UNSETTLED) if c.applied else c
                                          for c in first))
        applied = pieces.corrections()
        current = apply_corrections(text, applied)
    kept_starts = [k.start for k in applied]
    suggested = [c for c in first if not c.applied and _clear_of(applied, kept_starts, c)]
    corrections = tuple(sorted([*applied, *suggested], key=lambda c: (c.start, c.end)))
    return Report(current, corrections)


def _settled(text: str, config: Config) -> bool:
    """Whether a run on ``text``, the result of :meth:`_Pieces.settle`, leaves it as it is.
    When it would not, the passes found no text that stays restored (giving a cycle its
    input back changed what a family reads elsewhere, as the phrases of an article pool
    their evidence), and the first pass's corrections are only reported: the input, left
    as it is, is what a new run on it gives again."""
    return run_document(text, config, checked=False).text == text


def _one_pass(text: str, config: Config) -> list[Correction]:
    """The families' proposals on ``text``, resolved. They read it as a reader sees it,
    without the hidden characters inside its words (:class:`restore.hidden.Seen`), so every
    pass does, and a run on the result finds what the last pass found: nothing."""
    selected = FAMILIES.keys() if config.families is None else config.families
    seen = Seen(text)
    proposals = [
        correction
        for name, (family, _) in FAMILIES.items()
        if name in selected
        for correction in family(seen.text)
    ]
    if any(c.family in ENGLISH_FAMILIES for c in proposals) and (
            foreign := foreign_spans(seen.text)):
        proposals = [c for c in proposals if c.family not in ENGLISH_FAMILIES
                     or not in_foreign_span(foreign, c.start, c.end)]
    if seen.text is not text:
        proposals = list(seen.placed(proposals))
    return [
        c if c.confidence >= config.min_confidence else c.reported()
        for c in resolve(proposals)
    ]


@dataclass
class _Piece:
    """A stretch of the current text: a copy of ``original[start:end]``, or its rewrite."""

    start: int
    end: int
    rewrite: str | None = None
    sources: list[Correction] = field(default_factory=list)

    def render(self, original: str) -> str:
        return original[self.start:self.end] if self.rewrite is None else self.rewrite


class _Pieces:
    """The current text as pieces of the original, so edits compose across passes."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.pieces = [_Piece(0, len(original))]

    def text(self) -> str:
        return "".join(piece.render(self.original) for piece in self.pieces)

    def apply(self, corrections: list[Correction]) -> None:
        """Apply non-overlapping ``corrections`` given in current-text coordinates.

        One left-to-right sweep over pieces and corrections: linear in their number.
        """
        corrections = self._joined_within_rewrites(corrections)
        pending = list(reversed(self.pieces))  # a stack: the next piece is at the end
        result: list[_Piece] = []
        position = 0  # offset in the current text of pending[-1]
        for correction in sorted(corrections, key=lambda c: c.start):
            start, end = correction.start, correction.end
            while pending and position + self._length(pending[-1]) <= start and not (
                start == end == position + self._length(pending[-1]) and len(pending) == 1
            ):
                position += self._length(pending[-1])
                result.append(pending.pop())
            touched: list[_Piece] = []
            head_at = position
            while pending and (not touched or position < end):
                touched.append(pending.pop())
                position += self._length(touched[-1])
            if not touched:  # an insertion at the end of an empty text
                touched = [_Piece(len(self.original), len(self.original))]
            head, tail = touched[0], touched[-1]
            tail_at = position - self._length(tail)
            # A copied piece is cut at the edit; a rewritten piece joins the edit whole.
            before = head.rewrite[:start - head_at] if head.rewrite is not None else ""
            after = tail.rewrite[end - tail_at:] if tail.rewrite is not None else ""
            rewritten = before + correction.replacement + after
            origin_start = head.start if head.rewrite is not None else head.start + start - head_at
            origin_end = tail.end if tail.rewrite is not None else tail.start + end - tail_at
            sources = [s for p in touched for s in p.sources] + [correction]
            if head.rewrite is None and origin_start > head.start:
                result.append(_Piece(head.start, origin_start))
            result.append(_Piece(origin_start, origin_end, rewritten, sources))
            if tail.rewrite is None and origin_end < tail.end:
                pending.append(_Piece(origin_end, tail.end))
                position = end
        result.extend(reversed(pending))
        self.pieces = result

    def _joined_within_rewrites(self, corrections: list[Correction]) -> list[Correction]:
        """``corrections`` with those that touch one rewritten piece joined into one, so the
        sweep rewrites each piece once ("comr- euted" → "comr-euted" in one pass, then
        "comr" → "come" and "euted" → "outed" in the next)."""
        starts, ends, _ = self._rewritten()
        groups: list[list[Correction]] = []
        group_last = -1  # the last rewritten piece the current group touches
        for correction in sorted(corrections, key=lambda c: c.start):
            touched = _touched(starts, ends, correction)
            if groups and touched and touched.start <= group_last:
                groups[-1].append(correction)
            else:
                groups.append([correction])
                group_last = -1
            group_last = max(group_last, touched[-1] if touched else -1)
        if all(len(group) == 1 for group in groups):
            return corrections
        current = self.text()
        joined = [group[0] if len(group) == 1 else _joined(current, group) for group in groups]
        return [c for c in joined if c is not None]

    def settle(self, unsettled: list[Correction]) -> None:
        """End on a pass that still changed the text (``unsettled``, on the current text):
        its corrections of text no pass rewrote are applied, and each rewritten piece that
        one of the others would rewrite again gets its original text back. A span whose
        corrections go round a cycle ("agency" → "firm" → "company" → "agency") is left as
        the input had it, and a new run on the result, meeting the same cycle, leaves it so
        again; where it would not, :func:`_settled` says so."""
        starts, ends, rewritten = self._rewritten()
        again: set[int] = set()  # ids of the rewritten pieces to give back
        fresh = []
        for correction in unsettled:
            touched = _touched(starts, ends, correction)
            if touched:
                again.update(id(rewritten[k]) for k in touched)
            else:
                fresh.append(correction)
        self.apply(fresh)
        self.pieces = [_Piece(piece.start, piece.end) if id(piece) in again else piece
                       for piece in self.pieces]

    def _rewritten(self) -> tuple[list[int], list[int], list[_Piece]]:
        """The current-text starts and ends of the rewritten pieces, and the pieces."""
        starts, ends, pieces = [], [], []
        offset = 0
        for piece in self.pieces:
            length = self._length(piece)
            if piece.rewrite is not None:
                starts.append(offset)
                ends.append(offset + length)
                pieces.append(piece)
            offset += length
        return starts, ends, pieces

    def _length(self, piece: _Piece) -> int:
        return piece.end - piece.start if piece.rewrite is None else len(piece.rewrite)

    def corrections(self) -> list[Correction]:
        """One correction on the original text per rewritten piece; an insertion and the
        rewrite that starts where it stands make one (two edits at one point cannot both be
        applied)."""
        merged: list[_Piece] = []
        for piece in self.pieces:
            if piece.rewrite is None:
                continue
            last = merged[-1] if merged else None
            if last is not None and last.start == last.end == piece.start:
                merged[-1] = _Piece(piece.start, piece.end, f"{last.rewrite}{piece.rewrite}",
                                    last.sources + piece.sources)
            else:
                merged.append(piece)
        found = []
        for piece in merged:
            if piece.rewrite is None or piece.rewrite == self.original[piece.start:piece.end]:
                continue
            best = max(piece.sources, key=lambda c: c.confidence)
            notes = list(dict.fromkeys(c.note for c in piece.sources))
            found.append(Correction(
                piece.start, piece.end, self.original[piece.start:piece.end], piece.rewrite,
                min(c.confidence for c in piece.sources), best.rule, "; then ".join(notes),
            ))
        return found


def _touched(starts: list[int], ends: list[int], correction: Correction) -> range:
    """The indices of the rewritten pieces (sorted current-text extents ``starts[k]:ends[k]``)
    that ``correction`` rewrites: those it overlaps and, an insertion, one it stands inside
    or at the start of (one at a piece's end goes into the text after it)."""
    return range(bisect.bisect_right(ends, correction.start),
                 bisect.bisect_left(starts, max(correction.end, correction.start + 1)))


def _joined(text: str, group: list[Correction]) -> Correction | None:
    """One correction doing the work of ``group`` (sorted, non-overlapping) on ``text``;
    ``None`` if together they change nothing."""
    start, end = group[0].start, max(c.end for c in group)
    replacement = apply_corrections(
        text[start:end],
        [c.moved(-start) for c in group])
    if replacement == text[start:end]:
        return None
    best = max(group, key=lambda c: c.confidence)
    return Correction(
        start, end, text[start:end], replacement,
        min(c.confidence for c in group), best.rule,
        "; ".join(dict.fromkeys(c.note for c in group)),
    )


def resolve(proposals: Iterable[Correction]) -> list[Correction]:
    """The most confident proposals that do not overlap, sorted by position.

    Ties in confidence go to the longer span, then to the earlier one, so the result does not
    depend on the order families ran in. Overlap is checked against occupancy maps of the
    text, so the cost is linear in the total span length, not quadratic in the count.
    """
    ranked = sorted(proposals, key=lambda c: (-c.confidence, -(c.end - c.start), c.start, c.rule))
    if not ranked:
        return []
    size = max(c.end for c in ranked) + 1
    covered = bytearray(size)  # positions inside a kept span
    interior = bytearray(size)  # boundaries strictly inside a kept span
    starts = bytearray(size)  # start positions of kept spans (insertions included)
    inserts = bytearray(size)  # positions of kept insertions
    kept: list[Correction] = []
    for c in ranked:
        if starts[c.start]:
            continue
        if c.start == c.end:
            if interior[c.start]:
                continue
        elif covered.find(1, c.start, c.end) != -1 or inserts.find(1, c.start + 1, c.end) != -1:
            continue
        kept.append(c)
        starts[c.start] = 1
        if c.start == c.end:
            inserts[c.start] = 1
        else:
            covered[c.start:c.end] = b"\x01" * (c.end - c.start)
            interior[c.start + 1:c.end] = b"\x01" * (c.end - c.start - 1)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _clear_of(kept: list[Correction], starts: list[int], candidate: Correction) -> bool:
    """Whether ``candidate`` overlaps none of ``kept`` (sorted, non-overlapping; ``starts``
    their start offsets)."""
    for index in range(max(bisect.bisect_left(starts, candidate.start) - 1, 0), len(kept)):
        neighbour = kept[index]
        if neighbour.start > candidate.end:
            return True
        if _overlaps(candidate, neighbour):
            return False
    return True


def _overlaps(a: Correction, b: Correction) -> bool:
    if a.start == b.start:
        return True  # two edits at one point (insertions included) cannot both be applied
    return a.start < b.end and b.start < a.end


def apply_corrections(text: str, corrections: Iterable[Correction]) -> str:
    """Rebuild ``text`` with the applied ``corrections``; every other byte is kept as it was.

    Corrections flagged ``applied=False`` are skipped. Raises ``ValueError`` if a correction
    does not match ``text`` or two of them overlap.

    >>> from restore.model import Correction
    >>> apply_corrections("we do n't", [Correction(3, 9, "do n't", "don't", 1.0, "x.y", "")])
    "we don't"
    """
    if not isinstance(text, str):
        raise TypeError(f"apply_corrections() expects str text, got {type(text).__name__}")
    pieces: list[str] = []
    position = 0
    previous: Correction | None = None
    for correction in sorted((c for c in corrections if c.applied), key=lambda c: c.start):
        if previous is not None and _overlaps(previous, correction):
            raise ValueError(f"corrections overlap: {previous} and {correction}")
        if text[correction.start:correction.end] != correction.original:
            raise ValueError(
                f"correction does not match the text at {correction.start}:{correction.end}: "
                f"expected {correction.original!r}, found "
                f"{text[correction.start:correction.end]!r}"
            )
        pieces.append(text[position:correction.start])
        pieces.append(correction.replacement)
        position = correction.end
        previous = correction
    pieces.append(text[position:])
    return "".join(pieces)
