"""The spin family, its aligner, miner and calibration."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from restore import explain, resources, restore
from restore.align import substitutions
from restore.fixes import spin
from restore.text import token_table, tokens, transfer_case
from scripts import build_thesaurus, calibrate_spin, calibration, mine_spin_maps
from scripts.pairs import tables_in
from tests.conftest import PROJECT

SPUN = ("The corporate stated its income had been buoyed by gross sales abroad, "
        "in keeping with a report to the UN Safety Council.")

#: A government release, clean copy: its words read as unspun.
RELEASE = ("The President today named the delegation that will travel to the Republic of Palau "
           "to attend the inauguration of its new President on January 20 and the ceremonies "
           "commemorating the Twentieth Anniversary of the Compact of Free Association.\n"
           "The delegation will be led by the Secretary of the Interior. Members of the "
           "delegation include the Ambassador to the Republic of Palau, the Assistant Secretary "
           "of State for East Asian and Pacific Affairs, and the Deputy Administrator of the "
           "Agency for International Development. The delegation will meet with members of the "
           "Palau National Congress and with community leaders, and will visit the site of the "
           "new hospital built with support from the United States.\n")


def _write_pairs(directory: Path, texts: list[tuple[str, str]]) -> Path:
    """``directory`` holding each ``(original, spun)`` of ``texts`` as a numbered pair."""
    directory.mkdir()
    for n, (original, spun) in enumerate(texts):
        (directory / f"{n:02}.orig.txt").write_text(original, encoding="utf-8")
        (directory / f"{n:02}.spun.txt").write_text(spun, encoding="utf-8")
    return directory


def _mined_keys(directory: Path, texts: list[tuple[str, str]]) -> list[list[str]]:
    """The ``[spun, original]`` pairs the miner finds in ``texts`` (see :func:`_write_pairs`);
    the pairs are written to ``directory / "pairs"``, the mined tables to ``directory / "out"``."""
    pairs = _write_pairs(directory / "pairs", texts)
    out = directory / "out"
    assert mine_spin_maps.main([str(pairs), "-o", str(out)]) == 0
    return [line.split("\t")[:2] for line in
            (out / "spin-phrases.tsv").read_text().splitlines() if not line.startswith("#")]


def test_substitutions_take_in_a_neighbour_for_insertions() -> None:
    found = substitutions("a satellite tv for pc dish was stated", "a satellite dish was said")
    assert [(s.garbled, s.source) for s in found] == [
        ("satellite tv for pc", "satellite"), ("stated", "said")]
    first = found[0]
    assert (first.garbled_start, first.garbled_end) == (2, 21)
    assert substitutions("same text", "same text") == []


def test_substitutions_keep_a_reordering_whole() -> None:
    found = substitutions("to spice up rates of interest, but to not panic",
                          "to boost interest rates, but not to panic")
    assert [(s.garbled, s.source) for s in found] == [
        ("spice up", "boost"), ("rates of interest", "interest rates"), ("to not", "not to")]
    # a word that stays in place is no move: "mentioned the federal" is not one run
    found = substitutions("he mentioned the federal plan", "he said the plan")
    assert [(s.garbled, s.source) for s in found] == [("mentioned", "said"), ("the federal", "the")]


def test_case_is_carried_over() -> None:
    assert transfer_case("foreign", "Overseas") == "Foreign"
    assert transfer_case("cold war", "Chilly Struggle") == "Cold War"
    assert transfer_case("un", "SAFETY") == "UN"
    assert transfer_case("security", "safety") == "security"


def test_spun_text_is_restored_and_replays() -> None:
    report = explain(SPUN)
    applied = {(c.original, c.replacement) for c in report.applied}
    assert {("Safety", "Security"), ("in keeping with", "according to")} <= applied
    for c in report.corrections:
        if c.family == "spin":
            assert SPUN[c.start:c.end] == c.original
            assert c.rule == "spin.phrase" and "document spun with p=" in c.note


def test_a_phrase_broken_across_lines_is_read_but_not_across_paragraphs() -> None:
    """Hard-wrapped text (a line break inside a paragraph) reads as it would unwrapped."""
    text = "The corporate stated its satellite tv\nfor pc launch was delayed.\n"
    assert ("satellite tv\nfor pc", "satellite") in {
        (c.original, c.replacement) for c in explain(text).applied}
    for paragraph_break in ("\n\n", "\r\n \r\n", "\u2029\u2029", "\x0c\n"):
        apart = f"The corporate stated its satellite tv{paragraph_break}for pc launch was delayed."
        assert all(paragraph_break not in c.original for c in explain(apart).corrections)


def test_a_word_broken_at_a_line_end_is_read_whole_in_the_first_pass() -> None:
    text = ("The corporate sta-\nted its income had been buoyed by gross sales abroad, in "
            "keeping with the agency.")
    assert ("corporate sta-\nted", "company said") in {
        (c.original, c.replacement) for c in spin.propose(text)}


def test_clean_text_is_left_alone() -> None:
    clean = "He stated that the firm would report its income in keeping with the rules."
    assert restore(clean) == clean
    assert all(not c.applied for c in explain(clean).corrections)


def test_clitics_and_articles_fit_their_place() -> None:
    placed = spin._fit("it’s fine", 2, 4, "is", 1, token_table("it’s fine"))
    assert placed == (2, " is")
    text = "a big rise"
    table = token_table(text)
    assert spin._fit(text, 2, 5, "enormous", 1, table) == (0, "an enormous")
    assert spin._fit("they are", 5, 8, "’re", 1, token_table("they are")) == (4, "’re")
    for text, written in (("It’s said he did not go", "didn’t"),
                          ("It's said he did not go", "didn't")):
        at = text.index("did not")
        placed = spin._fit(text, at, at + 7, "didn't", 4, token_table(text))
        assert placed == (at, written)  # the text's own apostrophes


def test_an_original_left_standing_elsewhere_weighs_against_its_reading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def posterior(text: str) -> float:
        return next(c.confidence for c, _ in spin.decisions(text)
                    if c.original == "Safety")

    standing = SPUN + " The Security Council met on Monday."
    alone = SPUN + " The Council met on Monday."
    weighed = posterior(standing), posterior(alone)
    monkeypatch.setattr(spin, "SURVIVED_LOG_RATIO", spin.ABSENT_LOG_RATIO)
    assert weighed[0] < posterior(standing)
    assert weighed[1] == posterior(alone)


def test_an_original_inside_its_spun_phrase_says_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def posterior() -> float:  # "gross sales" holds its original "sales"
        return next(c.confidence for c, _ in spin.decisions(SPUN)
                    if c.original == "gross sales")

    before = posterior()
    monkeypatch.setattr(spin, "SURVIVED_LOG_RATIO", -5.0)
    assert posterior() == before


def test_neighbouring_phrases_are_read_in_each_others_restored_context(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "He mentioned the authorities would assist the financial system."

    def posterior() -> float:  # "would assist the financial" is poor context for "help"
        return next(c.confidence for c, _ in spin.decisions(text)
                    if c.original == "assist")

    in_restored_context = posterior()
    monkeypatch.setattr(spin, "ROUNDS", 1)
    assert posterior() < 0.8 and in_restored_context > 0.95
    monkeypatch.undo()
    # whether "help" and "economy" are applied is the calibration's call; that they are read
    # is this test's
    read = {(c.original, c.replacement) for c in explain(text).corrections}
    assert {("assist", "help"), ("financial system", "economy")} <= read


def test_the_rest_of_the_article_weighs_each_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def posterior(text: str) -> float:  # the spinner writes "agency" for "firm"
        return next(c.confidence for c, _ in spin.decisions(
            f"{text} The agency is based in London.") if c.original == "agency")

    article = (PROJECT / "seeds" / "004.spun.txt").read_text(encoding="utf-8")
    business = "Its former partner at the consulting business stated clients were apprehensive."
    government = "Federal officials at the department stated the administrator was apprehensive."
    texts = f"{article}\n\n{business}", f"{article}\n\n{government}", f"{SPUN} {business}"
    weighed = [posterior(text) for text in texts]
    monkeypatch.setattr(spin, "TOPIC_WEIGHT", 0.0)
    assert weighed[0] > posterior(texts[0])
    assert weighed[1] < posterior(texts[1])
    assert weighed[2] == posterior(texts[2])  # a paragraph is too short to have a topic


def test_the_phrase_as_it_stands_is_weighed_as_news_too() -> None:
    # The context model's corpus says "a 6% increase" where British news says "a 6% rise":
    # leaving a phrase standing is weighed by the news the maps were mined from, as each
    # original is (the news says "rise" more often than the corpus, "stated" less often).
    assert spin._adaptation("rise") > spin._adaptation("increase") > 0 > spin._adaptation("stated")
    read = spin.decisions(SPUN)
    assert len(read) >= 3
    for correction, row in read:
        features = dict(zip(spin.DECISION_FEATURES, row, strict=True))
        keep = spin._log_keep_prior(features["spun_probability"], math.exp(features["kept"]))
        assert features["keep_prior"] == pytest.approx(
            keep + spin._adaptation(correction.original))


def test_an_overlapping_key_the_spinner_uses_more_takes_the_words() -> None:
    phrases = {("the", "federal"): resources.SpinEntry((("the", 0.02),), 1.0),
               ("federal", "government"): resources.SpinEntry((("government", 0.39),), 1.0)}
    lengths = {"the": (2,), "federal": (2,)}
    words = ["the", "federal", "government", "was", "eager"]
    assert spin._outranked(phrases["the", "federal"], 0, 2, words, phrases, lengths)
    assert not spin._outranked(phrases["federal", "government"], 1, 2, words, phrases, lengths)
    report = explain(SPUN + " The federal government was eager to act.")
    assert ("federal government", "government") in {
        (c.original, c.replacement) for c in report.applied}


def test_a_doubled_word_is_not_read_inside_a_longer_run() -> None:
    # "one one" → "one" is a mined pair: read inside "one one one …" it would shorten the
    # run by one word a pass, and never reach a text that restores to itself.
    assert "one" in dict(resources.spin_phrases()["one", "one"].originals)
    text = SPUN + " " + "one " * 300
    assert restore(text).endswith("one " * 300)
    assert restore(restore(text)) == restore(text)


def test_calibration_is_monotone_and_bounded() -> None:
    points = [(i / 100, i % 3 != 0) for i in range(100)] + [(1.0, True)] * 50
    table = calibration.isotonic(points, bins=10)
    uppers = [u for u, _ in table]
    shares = [c for _, c in table]
    assert uppers == sorted(set(uppers))
    assert shares == sorted(shares) and all(0 <= c <= 1 for c in shares)
    for kind in resources.SPIN_CALIBRATIONS:
        assert (spin.calibrated(0.0, kind) <= spin.calibrated(0.5, kind)
                <= spin.calibrated(1.0, kind) <= 1.0)


def test_miner_learns_a_spinner_from_pairs(tmp_path: Path) -> None:
    pairs = _write_pairs(tmp_path / "pairs", [(
        f"The minister said on day {n} that the security council would meet. It is late.\n",
        f"The minister stated on day {n} that the safety council would meet. It's late.\n",
    ) for n in range(4)] + [("He stated it. It is over.\n", "He stated it. It's over.\n")])
    out = tmp_path / "out"
    assert mine_spin_maps.main([str(pairs), "-o", str(out)]) == 0
    rows = [line.split("\t") for line in (out / "spin-phrases.tsv").read_text().splitlines()
            if not line.startswith("#")][1:]
    # spun, original, aligned, left standing in the spun texts of all in the originals, and
    # the original's count: the spinner kept the one "stated" of the originals
    assert ["stated", "said", "4", "1", "1", "4"] in rows
    assert ["safety", "security", "4", "0", "0", "4"] in rows
    assert ["it 's", "it is", "5", "0", "0", "5"] in rows  # a clitic with its word
    first = (out / "spin-phrases.tsv").read_bytes()
    mine_spin_maps.main([str(pairs), "-o", str(out)])
    assert (out / "spin-phrases.tsv").read_bytes() == first  # deterministic


def test_miner_gives_an_insertion_to_the_key_it_belongs_to(tmp_path: Path) -> None:
    keys = _mined_keys(tmp_path, [(
        f"The government said on day {n} that the plan and the talks went well.\n",
        f"The federal government said on day {n} that the plan and the talks went well.\n",
    ) for n in range(4)])
    # "government" became "federal government" every time; "the" became "the federal"
    # for one "the" in three: the insertion goes with "government".
    assert ["federal government", "government"] in keys
    assert ["the federal", "the"] not in keys


def test_miner_reads_a_reordering_as_one_pair(tmp_path: Path) -> None:
    keys = _mined_keys(tmp_path, [(
        f"On day {n} they chose not to raise interest rates.\n",
        f"On day {n} they chose to not raise rates of interest.\n",
    ) for n in range(4)])
    assert ["rates of interest", "interest rates"] in keys
    assert ["to not", "not to"] in keys
    # the moved words are not read as one another ("to" for "not"), nor the move as a loss
    assert ["to", "not"] not in keys and ["not", "to"] not in keys
    assert ["rates of interest", "rates"] not in keys


def test_miner_reads_a_fraction_written_for_words(tmp_path: Path) -> None:
    keys = _mined_keys(tmp_path, [(
        f"On day {n} the bank raised its rate by a quarter of a point.\n",
        f"On day {n} the bank raised its rate by 1 / 4 of a point.\n",
    ) for n in range(4)])
    assert ["1 / 4", "a quarter"] in keys


def test_own_tables_replace_the_shipped_ones(tmp_path: Path) -> None:
    name, file_format, file_version = resources.SPIN_PHRASES
    (tmp_path / name).write_text(
        f"# {file_format}\tv{file_version}\n{mine_spin_maps.PHRASE_COLUMNS}\n", encoding="utf-8")
    script = "from restore import restore; import sys; print(restore(sys.argv[1]))"
    environment = {**os.environ, "RESTORE_DICTIONARIES": str(tmp_path)}
    output = subprocess.run([sys.executable, "-c", script, SPUN], capture_output=True,
                            text=True, check=True, env=environment, cwd=PROJECT).stdout
    assert output.strip() == SPUN  # an empty map restores nothing


def test_the_family_reads_no_phrase_map_for_a_scan() -> None:
    """The maps take a tenth of a second to read: a page of OCR, which the family leaves
    alone at once, must not pay for them (a fresh process: the maps are cached)."""
    script = ("import sys; from restore import resources; from restore.fixes import spin; "
              "spin.propose(sys.argv[1]); print(resources.spin_phrases.cache_info().currsize)")
    scan = "The prisoner was charged witb stealing a watcb from tbe house, and tlie jury heard."
    for text, loaded in ((scan, "0"), (SPUN, "1")):
        output = subprocess.run([sys.executable, "-c", script, text], capture_output=True,
                                text=True, check=True, cwd=PROJECT).stdout
        assert output.strip() == loaded, text


def test_tables_mined_in_a_block_are_read_while_it_runs(tmp_path: Path) -> None:
    shipped = spin._adaptation("rise")  # cached across texts: the block must clear it
    _mined_keys(tmp_path, [("Prices rise again.\n", "Prices rise again.\n")])
    with mine_spin_maps.tables_in(tmp_path / "out"):
        assert spin._adaptation("rise") != shipped
    assert spin._adaptation("rise") == shipped


def test_a_pair_checked_by_hand_reads_what_the_miner_never_saw() -> None:
    text = "The corporate stated its satellite tv for pc launch was delayed by 12 months."
    found = [c for c in explain(text).corrections if c.original == "satellite tv for pc"]
    assert [(c.replacement, c.applied) for c in found] == [("satellite", True)]
    assert "checked by hand" in found[0].note
    with mine_spin_maps.without_maps():
        assert ("satellite", "tv", "for", "pc") not in resources.spin_phrases()


def test_a_mined_pair_wins_over_one_checked_by_hand(tmp_path: Path) -> None:
    for (name, file_format, file_version), header, row in (
            (resources.SPIN_PHRASES,
             mine_spin_maps.PHRASE_COLUMNS, "satellite tv for pc\tsatellite dish\t3\t0\t0\t4"),
            (resources.SPIN_PHRASES_BY_HAND, "spun\toriginal\tnote",
             "satellite tv for pc\tsatellite\tby hand")):
        (tmp_path / name).write_text(f"# {file_format}\tv{file_version}\n{header}\n{row}\n",
                                     encoding="utf-8")
    with tables_in(tmp_path, [resources.spin_phrases]):
        entry = resources.spin_phrases()["satellite", "tv", "for", "pc"]
    assert entry == resources.SpinEntry((("satellite dish", 0.75),), resources.KEPT_FLOOR)


@pytest.mark.parametrize("name", ["004.spun.txt"])
def test_seed_article_improves(name: str) -> None:
    text = (PROJECT / "seeds" / name).read_text(encoding="utf-8")
    restored = restore(text)
    assert "Foreign Minister" in restored and "Security Council" in restored
    assert restore(restored) == restored


def test_thesaurus_pairs_synonyms_inflected_alike(tmp_path: Path) -> None:
    wordnet = tmp_path / "wordnet"
    wordnet.mkdir()
    (wordnet / "data.verb").write_text(
        "  1 This line is the licence header.\n"
        "00000001 32 v 03 state 0 say 0 tell 0 000 | express in words\n"
        "00000004 32 v 02 mention 0 note 0 000 | make reference to\n", encoding="latin-1")
    (wordnet / "verb.exc").write_text("said say\ntold tell\n", encoding="latin-1")
    (wordnet / "data.noun").write_text(
        "00000002 04 n 03 defence 0 defense 0 denial 0 000 | a defending\n"
        "00000003 04 n 02 economy 0 economic_system 0 000 | a system of production\n",
        encoding="latin-1")
    for pos in ("adj", "adv"):
        (wordnet / f"data.{pos}").write_text("", encoding="latin-1")
    moby = tmp_path / "mthesaur.txt"
    moby.write_text("safety,security,guard,free from harm\ncolour,color\n"
                    "despite,regardless of,in spite of\nsay,mention\n"
                    "patients,sufferers\ndollar,greenback\n", encoding="latin-1")
    out = tmp_path / "out"
    arguments = [str(wordnet), "--moby", str(moby), "-o", str(out)]
    assert build_thesaurus.main(arguments) == 0
    rows = dict(line.split("\t") for line in (out / "thesaurus.tsv").read_text().splitlines()
                if not line.startswith("#"))
    assert rows["stated"] == "said told"  # irregular pasts from the exception list
    assert rows["says"] == "mentions states tells" and rows["telling"] == "saying stating"
    assert rows["defence"] == "denial"  # another spelling of a word is no synonym of it
    assert rows["safety"] == "guard security" and rows["security"] == "safety"  # Moby, both ways
    assert "colour" not in rows and "color" not in rows  # one word's spellings
    assert rows["mentioned"] == "noted said"  # Moby's pair inflected as WordNet's verbs
    assert rows["economic_system"] == "economy"  # phrases: WordNet's, joined by "_"
    assert rows["regardless_of"] == "despite"  # and Moby's, root and listed, both ways
    assert rows["despite"] == "in_spite_of regardless_of"
    assert "free_from_harm" not in rows  # a phrase the corpus lacks
    # A spinner's rarer word (116 in the corpus) has an entry, and is listed in none.
    assert rows["sufferers"] == "patients" and "patients" not in rows
    assert "greenback" not in rows  # 15 in the corpus: too rare for an entry of its own
    first = (out / "thesaurus.tsv").read_bytes()
    build_thesaurus.main(arguments)
    assert (out / "thesaurus.tsv").read_bytes() == first  # deterministic
    assert build_thesaurus.main([str(wordnet), "--moby", str(tmp_path / "none"),
                                 "-o", str(out)]) == 1  # says what it lacks


def test_thesaurus_reads_a_spinner_the_maps_do_not_know() -> None:
    text = (PROJECT / "seeds" / "004.spun.txt").read_text(encoding="utf-8")
    with mine_spin_maps.without_maps():
        read = {(c.original, c.replacement) for c in spin.propose(text)
                if c.rule == "spin.thesaurus" and c.confidence >= 0.8}
    assert ("assertion", "statement") in read and ("gathering", "meeting") in read
    assert not any(c.rule == "spin.thesaurus" for c in spin.propose(text))  # the maps read


def test_a_text_whose_words_read_as_clean_copy_is_left_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    words = [token.lower() for token in tokens(RELEASE)]
    assert spin.spun_probability(words) < spin.MIN_SPUN_PROBABILITY
    assert restore(RELEASE) == RELEASE
    monkeypatch.setattr(spin, "MIN_SPUN_PROBABILITY", 0.0)
    # without the gate, the context model's taste for the commoner form would win
    assert [(c.original, c.replacement) for c in spin.propose(RELEASE)] == [("Twentieth", "20th")]


def test_an_ocr_page_is_no_spinner_s_output() -> None:
    racing = "The Four-yr-olds ran at Epsom."
    assert [c.replacement for c in spin.propose(racing)] == ["year"]  # as a spinner writes it
    page = ("The prisoner was charged witb stealing a watcb from tbe house of Mr. Smith, and "
            "lie said he had been sent by the landlord to see to the blinds. " + racing)
    assert spin.propose(page) == []  # a scan of print: "yr" is the page's own


def test_the_decision_model_is_fitted_and_calibrated_from_pairs(tmp_path: Path) -> None:
    # The spinner writes "stated" for "said"; the writers of two articles wrote "stated".
    said = ["stated" if n in (3, 7) else "said" for n in range(12)]
    pairs = _write_pairs(tmp_path / "pairs", [(
        f"The minister {said[n]} on day {n} that the security council would meet. It is late, "
        f"the minister {said[n]}.\n",
        f"The minister stated on day {n} that the safety council would meet. It's late, the "
        "minister stated.\n",
    ) for n in range(12)])
    out = tmp_path / "out"
    assert calibrate_spin.main([str(pairs), "-o", str(out), "--bins", "2"]) == 0
    assert {path.name for path in out.iterdir()} == {
        resources.SPIN_DECISION[0], resources.SPIN_THESAURUS_DECISION[0],
        *(name for name, *_ in resources.SPIN_CALIBRATIONS.values())}
    for table, loader in spin.DECISION_MODELS.values():
        with tables_in(out, [loader]):
            assert set(loader().features) <= set(spin.DECISION_FEATURES), table
    assert calibrate_spin.main([str(tmp_path / "none")]) == 1
