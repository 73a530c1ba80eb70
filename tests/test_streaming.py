"""Large files are restored as a stream: same bytes as whole-text restoring, bounded memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from restore import Config, Restorer, batch
from restore.batch import InputError, Job, process_file, read_chunks

PARAGRAPH = "We do n't know if the U. S. sent 11, 000 troops.\r\n\r\nThe court sat.\n\n"


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> Config:
    monkeypatch.setattr(batch, "STREAM_ABOVE", 100)
    monkeypatch.setattr(batch, "READ_SIZE", 7)
    return Config(window=64)


def test_a_large_file_streams_to_the_same_bytes(tmp_path: Path, small_windows: Config) -> None:
    text = PARAGRAPH * 20
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    outcome = process_file(Job(small_windows), str(path))
    assert outcome.spool is not None and outcome.output == ""
    try:
        streamed = Path(outcome.spool).read_bytes().decode("utf-8")
    finally:
        os.unlink(outcome.spool)
    assert streamed == Restorer(small_windows).restore(text)
    assert outcome.applied == 60 and outcome.stats is not None


def test_a_large_file_is_rewritten_in_place(tmp_path: Path, small_windows: Config) -> None:
    text = PARAGRAPH * 20
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    os.chmod(path, 0o640)
    outcome = process_file(Job(small_windows, in_place=True), str(path))
    assert outcome.error is None and outcome.spool is None
    assert path.read_bytes().decode("utf-8") == Restorer(small_windows).restore(text)
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".restore-")]


def test_a_clean_large_file_is_not_rewritten(tmp_path: Path, small_windows: Config) -> None:
    path = tmp_path / "clean.txt"
    path.write_bytes(b"The court sat on Monday.\n\n" * 20)
    before = os.stat(path).st_mtime_ns
    assert process_file(Job(small_windows, in_place=True), str(path)).applied == 0
    assert os.stat(path).st_mtime_ns == before


@pytest.mark.parametrize(("data", "message"), [
    (b"fine text\n" * 30 + b"\xff tail", "not valid UTF-8 (byte 0xff at offset 300)"),
    (b"fine text\n" * 30 + b"\x00", "binary file (NUL byte at offset 300)"),
    (b"fine text\n" * 30 + "é".encode()[:1], "not valid UTF-8 (byte 0xc3 at offset 300)"),
])
def test_a_bad_large_file_fails_before_any_output(tmp_path: Path, small_windows: Config,
                                                  data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_chunks(str(path))
    outcome = process_file(Job(small_windows, in_place=True), str(path))
    assert outcome.error is not None and message in outcome.error
    assert path.read_bytes() == data


def test_the_command_streams_a_file_above_the_threshold(tmp_path: Path) -> None:
    text = PARAGRAPH * (batch.STREAM_ABOVE // len(PARAGRAPH) + 10)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    done = subprocess.run([sys.executable, "-m", "restore.cli", str(path)],
                          capture_output=True, check=True)
    assert done.stdout.decode("utf-8") == Restorer().restore(text)
