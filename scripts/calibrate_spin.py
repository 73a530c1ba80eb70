"""Calibrate the spin family's confidence on articles its phrase maps have never seen.

Mines phrase maps from one half of the pairs (``scripts/mine_spin_maps.py --half even``),
runs the spin family with them on the other half, and scores each proposal alone against
the original (right when it brings the spun text closer: :class:`benchmarks.quality.Judge`).
Gradient-boosted trees of right against what the family reads of each proposal of the maps
(``restore.fixes.spin.DECISION_FEATURES``) give ``dictionaries/spin-decision.tsv``: the
probability that the proposal is right. An isotonic fit (:func:`scripts.calibration.isotonic`)
of right against that probability, one for each kind of proposal
(:func:`restore.fixes.spin.calibration_kind`), each fifth of the articles scored by a model
fitted on the others (:func:`scripts.calibration.fit_and_calibrate`), gives the tables
``dictionaries/spin-*-calibration.tsv``: the confidence the family reports, so that
corrections reported at 0.9 are right about 90% of the time on unseen articles of a known
spinner. The thesaurus's proposals, read with the maps switched off, get a model and tables
of their own (``dictionaries/spin-thesaurus-decision.tsv``), fitted the same way.

Usage::

    python scripts/calibrate_spin.py [DIR] [-o dictionaries] [--bins 40]

Needs scikit-learn (``pip install -e '.[fit]'``). ``DIR`` defaults to
``../shared/data/spun-dev/bbc``. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from restore import resources
from restore.fixes import spin
from restore.model import Correction
from scripts import mine_spin_maps
from scripts.calibration import fit_and_calibrate, has_scikit_learn, write_calibration

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
#: The kind fitted with the maps switched off: only then does the thesaurus read words.
NO_MAPS = "thesaurus"
#: The features each decision model is fitted on. Only the thesaurus's reads how common the
#: words are: that took the BBC WER reduction with the maps switched off from 5.2% to 6.5%,
#: but with the maps from 71.1% to 70.4% (and with maps from the even half, on the odd, from
#: 68.1% to 67.3%). The maps' model reads P(s | s) only through the prior of keeping the
#: phrase, which weighs it by the document's probability of being spun: fitted on whole
#: articles (all read as spun), trees that read it bare took a phrase the spinner always
#: replaces for spun in a sentence that reads as clean copy ("Overseas Minister", 0.67
#: where it was 0.97), and left out, the WER reduction on the odd half went from 70.0% to
#: 70.7%.
FITTED_FEATURES = {
    spin.PHRASE_RULE: tuple(feature for feature in spin.DECISION_FEATURES
                            if not feature.endswith("_frequency") and feature != "kept"),
    spin.THESAURUS_RULE: spin.DECISION_FEATURES,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=mine_spin_maps.DEFAULT_PAIRS)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--bins", type=int, default=40)
    args = parser.parse_args(argv)
    pairs = mine_spin_maps.find_pairs([args.directory], "odd")
    if not pairs:
        print(f"calibrate_spin: no pairs in {args.directory}", file=sys.stderr)
        return 1
    if not has_scikit_learn("calibrate_spin"):
        return 1
    found = f"{len(pairs)} odd-half pairs of {args.directory.name}"
    with mine_spin_maps.half_mined(args.directory) as scratch:
        fit(args, pairs, spin.PHRASE_RULE, scratch, f"{found}, maps mined from the even half")
    with mine_spin_maps.without_maps() as scratch:
        fit(args, pairs, spin.THESAURUS_RULE, scratch, f"{found}, maps switched off")
    return 0


def fit(args: argparse.Namespace, pairs: list[tuple[Path, Path]], rule: str, scratch: Path,
        found: str) -> None:
    """Fit the decision model of ``rule``'s readings (:data:`restore.fixes.spin.DECISION_MODELS`)
    and the calibration tables of their kinds on ``found``, the block reading its tables
    from ``scratch``."""
    table, loader = spin.DECISION_MODELS[rule]
    features = FITTED_FEATURES[rule]
    columns = [spin.DECISION_FEATURES.index(feature) for feature in features]

    def decide(text: str) -> list[tuple[Correction, tuple[float, ...]]]:
        return [(c, tuple(values[k] for k in columns)) for c, values in spin.decisions(text)
                if c.rule == rule]

    def kind(correction: Correction) -> str | None:
        return None if correction.rule != rule else spin.calibration_kind(
            correction.rule, correction.original, correction.replacement)

    decisions, points = fit_and_calibrate(
        pairs, decide, spin.propose_uncalibrated, kind, table, features, loader,
        scratch, args.output, f"over {{}} proposals on {found}; built by scripts/calibrate_spin.py")
    print(f"calibrate_spin: {table[0]}: fitted on {decisions} proposals", file=sys.stderr)
    for name, table_spec in resources.SPIN_CALIBRATIONS.items():
        if (name == NO_MAPS) == (rule == spin.THESAURUS_RULE):
            write_calibration(args.output, table_spec, points.get(name, []), args.bins,
                              "calibrate_spin",
                              f"{found}, each fifth scored by a decision model fitted on the "
                              "others")


if __name__ == "__main__":
    raise SystemExit(main())
