"""Lazy, cached loading of the shipped dictionaries and word statistics.

Every loader runs at most once per process (``functools.cache``) and checks the format
header of its file, so a stale or foreign table fails loudly instead of misbehaving.

In an installed wheel the tables live in ``restore/dictionaries``; in a source checkout
(editable install) they are read from the top-level ``dictionaries/`` directory.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


class DictionaryError(RuntimeError):
    """A shipped dictionary is missing or has the wrong format header."""


def dictionary_root() -> Traversable:
    """The directory holding the shipped dictionaries."""
    packaged = files("restore") / "dictionaries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "dictionaries"


def read_table(name: str, expected_format: str, version: int) -> list[list[str]]:
    """Rows of a TSV dictionary after its ``#`` header lines and column-name line.

    The first line must be ``# <format>\\tv<version>``.
    """
    resource = dictionary_root() / name
    if not resource.is_file():
        raise DictionaryError(f"dictionary {name!r} is missing from {dictionary_root()}")
    lines = resource.read_text(encoding="utf-8").splitlines()
    expected = f"# {expected_format}\tv{version}"
    if not lines or lines[0] != expected:
        found = lines[0] if lines else "an empty file"
        raise DictionaryError(f"dictionary {name!r}: expected header {expected!r}, got {found!r}")
    body = [line for line in lines if not line.startswith("#")]
    return [line.split("\t") for line in body[1:] if line]


@functools.cache
def abbreviations() -> dict[str, str]:
    """Known dotted initialisms keyed by their letters: ``{"US": "U.S.", "LP": "L.P."}``."""
    rows = read_table("abbreviations.tsv", "restore-abbreviations", 1)
    return {form.replace(".", ""): form for form, *_ in rows}


@functools.cache
def word_zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (wordfreq); 0.0 for unknown words."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))
