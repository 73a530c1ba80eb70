"""Run the families, resolve overlapping proposals, apply the confidence threshold."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from restore.fixes import FAMILIES
from restore.model import Config, Correction, Report


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


#: Passes over the text before giving up on reaching a fixpoint (real text needs two at most).
MAX_PASSES = 4


def run(text: str, config: Config) -> Report:
    """Propose, resolve and apply until nothing changes; report corrections on the input.

    A correction that lost to an overlapping one may apply once the winner is in place, so
    the pipeline runs again on its own output and composes the edits of every pass into
    corrections on the original input. This makes ``restore`` idempotent.
    """
    first = _one_pass(text, config)
    applied = [c for c in first if c.applied]
    if not applied:
        return Report(text, tuple(first))
    pieces = _Pieces(text)
    pieces.apply(applied)
    for _ in range(MAX_PASSES - 1):
        current = pieces.text()
        more = [c for c in _one_pass(current, config) if c.applied]
        if not more:
            break
        pieces.apply(more)
    kept = pieces.corrections()
    suggested = [c for c in first if not c.applied and not any(_overlaps(c, k) for k in kept)]
    corrections = tuple(sorted([*kept, *suggested], key=lambda c: (c.start, c.end)))
    return Report(apply_corrections(text, corrections), corrections)


def _one_pass(text: str, config: Config) -> list[Correction]:
    selected = FAMILIES.keys() if config.families is None else config.families
    proposals = [
        correction
        for name, (family, _) in FAMILIES.items()
        if name in selected
        for correction in family(text)
    ]
    return [
        c if c.confidence >= config.min_confidence else dataclasses.replace(c, applied=False)
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

        Right to left, so the offsets of the pieces left of each edit stay valid.
        """
        offsets: list[int] = []
        position = 0
        for piece in self.pieces:
            offsets.append(position)
            position += len(piece.render(self.original))
        for correction in sorted(corrections, key=lambda c: c.start, reverse=True):
            self._apply_one(correction, offsets)

    def _apply_one(self, correction: Correction, offsets: list[int]) -> None:
        start, end = correction.start, correction.end
        # The pieces the edit touches: those overlapping it, or for an insertion the piece
        # it falls in (the one starting there when it falls on a boundary).
        first = max(bisect.bisect_right(offsets, start) - 1, 0)
        if start == end and first + 1 < len(offsets) and offsets[first + 1] == start:
            first += 1
        last = first
        while last + 1 < len(offsets) and offsets[last + 1] < end:
            last += 1
        head, tail = self.pieces[first], self.pieces[last]
        head_at, tail_at = offsets[first], offsets[last]
        current = "".join(p.render(self.original) for p in self.pieces[first:last + 1])
        # A copied piece is cut at the edit; a rewritten piece joins the edit whole.
        region_start = head_at if head.rewrite is not None else start
        region_end = (tail_at + len(tail.render(self.original)) if tail.rewrite is not None
                      else end)
        origin_start = head.start if head.rewrite is not None else head.start + start - head_at
        origin_end = tail.end if tail.rewrite is not None else tail.start + end - tail_at
        rewritten = (current[region_start - head_at:start - head_at] + correction.replacement
                     + current[end - head_at:region_end - head_at])
        sources = [s for p in self.pieces[first:last + 1] for s in p.sources] + [correction]
        replacement = [_Piece(origin_start, origin_end, rewritten, sources)]
        new_offsets = [region_start]
        if head.rewrite is None and origin_start > head.start:
            replacement.insert(0, _Piece(head.start, origin_start))
            new_offsets.insert(0, head_at)
        if tail.rewrite is None and origin_end < tail.end:
            replacement.append(_Piece(origin_end, tail.end))
            new_offsets.append(region_start + len(rewritten))
        self.pieces[first:last + 1] = replacement
        offsets[first:last + 1] = new_offsets

    def corrections(self) -> list[Correction]:
        """One correction on the original text per rewritten piece."""
        found = []
        for piece in self.pieces:
            if piece.rewrite is None or piece.rewrite == self.original[piece.start:piece.end]:
                continue
            best = max(piece.sources, key=lambda c: c.confidence)
            notes = list(dict.fromkeys(c.note for c in piece.sources))
            found.append(Correction(
                piece.start, piece.end, self.original[piece.start:piece.end], piece.rewrite,
                min(c.confidence for c in piece.sources), best.rule, "; then ".join(notes),
            ))
        return found


def resolve(proposals: Iterable[Correction]) -> list[Correction]:
    """The most confident proposals that do not overlap, sorted by position.

    Ties in confidence go to the longer span, then to the earlier one, so the result does not
    depend on the order families ran in.
    """
    ranked = sorted(proposals, key=lambda c: (-c.confidence, -(c.end - c.start), c.start, c.rule))
    kept: list[Correction] = []
    for candidate in ranked:
        if not any(_overlaps(candidate, other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: (c.start, c.end))


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
