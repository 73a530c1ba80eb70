"""Repair machine-garbled news text: spun synonyms, rewriter artifacts and OCR errors.

>>> from restore import restore, explain
>>> restore("We do n't know if the U. S. sent 11, 000 troops.")
"We don't know if the U.S. sent 11,000 troops."
>>> report = explain("GDP grew 2.four% last year.")
>>> [(c.original, c.replacement, c.rule) for c in report.corrections]
[('four', '4', 'numerals.decimal')]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from restore import pipeline
from restore.detect import Detection, Signal, detect
from restore.model import DEFAULT_MIN_CONFIDENCE, Config, Correction, Report
from restore.pipeline import apply_corrections
from restore.windows import window_end

__version__ = "0.1.0"

__all__ = [
    "Config",
    "Correction",
    "Detection",
    "Report",
    "Restorer",
    "Signal",
    "__version__",
    "apply_corrections",
    "detect",
    "explain",
    "families",
    "restore",
]


def families() -> dict[str, str]:
    """Every correction family by name, with what it fixes, in the order they run."""
    from restore.fixes import FAMILIES

    return {name: description for name, (_, description) in FAMILIES.items()}


def _check_text(text: object, caller: str) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, bytes | bytearray | memoryview):
        raise TypeError(
            f"{caller}() expects str, got {type(text).__name__}: decode it first, "
            f"e.g. data.decode('utf-8')"
        )
    raise TypeError(f"{caller}() expects str, got {type(text).__name__}")


class Restorer:
    """A reusable restorer with a fixed :class:`Config`.

    Dictionaries are loaded lazily, once per process, on first use. A ``Restorer`` is safe to
    share across threads and can be pickled to worker processes (only its config travels).

    >>> r = Restorer(Config(min_confidence=0.9))
    >>> r.restore("They ca n't stay.")
    "They can't stay."
    >>> import pickle; pickle.loads(pickle.dumps(r)).config == r.config
    True
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config if config is not None else Config()
        if self.config.families is not None:
            pipeline.check_families(self.config.families)

    def __repr__(self) -> str:
        return f"Restorer({self.config!r})"

    def explain(self, text: str) -> Report:
        """The restored text and every correction considered, applied or not."""
        return pipeline.run(_check_text(text, "explain"), self.config)

    def restore(self, text: str) -> str:
        """The restored text."""
        return self.explain(text).text

    def restore_stream(self, chunks: Iterable[str]) -> Iterator[str]:
        """Restore text that arrives in pieces (a file read chunk by chunk), window by window.

        Joined, the pieces yielded are exactly ``self.restore("".join(chunks))``, while no more
        than one window (``config.window`` characters) and one chunk are held at a time.

        >>> r = Restorer(Config(window=40))
        >>> chunks = ["We do n't know.\\n\\nThey ca", "n't stay.\\n"]
        >>> "".join(r.restore_stream(chunks)) == r.restore("".join(chunks))
        True
        """
        return (report.text for report in self.explain_stream(chunks))

    def explain_stream(self, chunks: Iterable[str]) -> Iterator[Report]:
        """:meth:`restore_stream`, with the report of each window (offsets in the window)."""
        window = self.config.window
        buffer = ""
        for chunk in chunks:
            buffer += _check_text(chunk, "restore_stream")
            while len(buffer) > window:
                end = window_end(buffer, 0, window)
                yield pipeline.run_document(buffer[:end], self.config)
                buffer = buffer[end:]
        if buffer:
            yield pipeline.run_document(buffer, self.config)


@functools.lru_cache(maxsize=32)
def _restorer(config: Config) -> Restorer:
    return Restorer(config)


def _config(min_confidence: float, families: Iterable[str] | None) -> Config:
    if isinstance(families, str):
        families = [families]
    return Config(
        min_confidence=min_confidence,
        families=None if families is None else frozenset(families),
    )


def explain(
    text: str,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    families: Iterable[str] | None = None,
) -> Report:
    """Restore ``text`` and report every correction, including those not sure enough to apply.

    >>> [c.applied for c in explain("They say 10, 500 came.").corrections]
    [False]
    """
    return _restorer(_config(min_confidence, families)).explain(text)


def restore(
    text: str,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    families: Iterable[str] | None = None,
) -> str:
    """Return ``text`` with every correction at or above ``min_confidence`` applied.

    ``families`` limits the run to the named families (see :func:`families`).

    >>> restore("Sales rose 2.four%.", families=["spacing"])
    'Sales rose 2.four%.'
    """
    return explain(text, min_confidence=min_confidence, families=families).text
