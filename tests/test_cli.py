"""The installed ``restore`` command, run as a subprocess on real files."""

from __future__ import annotations

import json
import os
import pty
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from restore import families
from tests.conftest import PROJECT

COMMAND = str(Path(sys.executable).with_name("restore"))
DAMAGED = "We do n't know if the U. S. sent 11, 000 troops.\n"
RESTORED = "We don't know if the U.S. sent 11,000 troops.\n"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([COMMAND, *args], input=stdin, capture_output=True, timeout=60,
                          check=False)


def one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("restore: ")
    assert "Traceback" not in lines[0]
    return lines[0]


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_stdin_to_stdout() -> None:
    result = run(stdin=DAMAGED.encode())
    assert result.returncode == 0
    assert result.stdout.decode() == RESTORED
    assert run("-", stdin=DAMAGED.encode()).stdout.decode() == RESTORED


def test_files_and_failures_keep_other_output(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", DAMAGED)
    b = write(tmp_path / "b.txt", "Growth was 2.four%.\n")
    result = run(str(a), str(tmp_path / "missing.txt"), str(b))
    assert result.returncode == 1
    assert result.stdout.decode() == RESTORED + "Growth was 2.4%.\n"
    assert one_error_line(result) == f"restore: {tmp_path / 'missing.txt'}: no such file"


def test_empty_input_is_no_failure_and_says_so(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", b"")
    for args in ([str(empty)], ["-i", str(empty)], ["--json", str(empty)],
                 ["--jsonl", str(empty)], []):
        result = run(*args)
        name = str(empty) if args else "-"
        assert (result.returncode, result.stdout) == (0, b""), args
        assert one_error_line(result) == f"restore: {name}: empty, nothing to restore"
    assert empty.read_bytes() == b""


def test_empty_file_among_others(tmp_path: Path) -> None:
    empty = write(tmp_path / "a.txt", b"")
    other = write(tmp_path / "b.txt", "It wo n't rain.\n")
    result = run(str(empty), str(other))
    assert (result.returncode, result.stdout) == (0, b"It won't rain.\n")
    assert one_error_line(result) == f"restore: {empty}: empty, nothing to restore"


@pytest.mark.parametrize("data", [
    "Line one do n't\r\nLine two\r\n",
    "\ufeffA BOM do n't\n",
    "mixed\r\nendings do n't\nand\rmore  spaces\t\n",
    "no final newline do n't",
])
def test_bytes_outside_corrections_are_preserved(tmp_path: Path, data: str) -> None:
    result = run(str(write(tmp_path / "in.txt", data)))
    assert result.stdout == data.replace("do n't", "don't").encode()


def test_output_file_and_refusal_to_overwrite_input(tmp_path: Path) -> None:
    source = write(tmp_path / "in.txt", DAMAGED)
    target = tmp_path / "out.txt"
    assert run(str(source), "-o", str(target)).returncode == 0
    assert target.read_text() == RESTORED
    result = run(str(source), "-o", str(source))
    assert result.returncode == 2
    assert "refusing to write over the input" in one_error_line(result)
    assert source.read_text() == DAMAGED


def test_in_place_rewrites_atomically_and_keeps_mode(tmp_path: Path) -> None:
    source = write(tmp_path / "in.txt", DAMAGED)
    source.chmod(0o640)
    clean = write(tmp_path / "clean.txt", "Nothing to fix.\n")
    before = clean.stat().st_mtime_ns
    result = run("--in-place", str(source), str(clean))
    assert (result.returncode, result.stdout) == (0, b"")
    assert source.read_text() == RESTORED
    assert stat.S_IMODE(source.stat().st_mode) == 0o640
    assert clean.stat().st_mtime_ns == before  # unchanged files are not rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "in.txt"]


def test_in_place_on_read_only_file_keeps_it(tmp_path: Path) -> None:
    source = write(tmp_path / "ro.txt", DAMAGED)
    source.chmod(0o444)
    result = run("-i", str(source))
    assert result.returncode == 1
    assert one_error_line(result) == f"restore: {source}: cannot write: file is read-only"
    assert source.read_text() == DAMAGED


@pytest.mark.parametrize(("args", "message"), [
    (["--in-place"], "--in-place needs FILE arguments"),
    (["--in-place", "x", "-o", "y"], "cannot be used together"),
    (["--min-confidence", "2"], "must be between 0 and 1"),
    (["--min-confidence", "high"], "not a number"),
    (["--only", "nope"], "unknown family nope"),
    (["--only", "spacing", "--skip", "spacing"], "leave no family"),
    (["--diff", "--json"], "not allowed with argument"),
    (["--bogus"], "unrecognized arguments"),
])
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = run(*args, stdin=b"x")
    assert result.returncode == 2
    assert message in one_error_line(result)


def test_input_errors(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.returncode == 1
    assert one_error_line(result) == (
        f"restore: {tmp_path}: is a directory (use -r to restore the files in it)")
    binary = write(tmp_path / "bin.dat", b"abc\x00def")
    assert one_error_line(run(str(binary))) == (
        f"restore: {binary}: binary file (NUL byte at offset 3), not restored")
    latin = write(tmp_path / "latin.txt", b"caf" + b"\xe9 ok")
    assert one_error_line(run(str(latin))) == (
        f"restore: {latin}: not valid UTF-8 (byte 0xe9 at offset 3), not restored")
    result = run(stdin=b"\xff")
    assert result.returncode == 1
    assert "restore: -: not valid UTF-8 (byte 0xff at offset 0)" in one_error_line(result)


def test_permission_denied(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", DAMAGED)
    secret.chmod(0o000)
    command = [COMMAND, str(secret)]
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
        command = [setpriv, "--inh-caps=-dac_override,-dac_read_search",
                   "--bounding-set=-dac_override,-dac_read_search", *command]
    result = subprocess.run(command, capture_output=True, timeout=60, check=False)
    assert result.returncode == 1
    assert one_error_line(result) == f"restore: {secret}: permission denied"


def test_diff() -> None:
    result = run("--diff", stdin=b"a U. S. plan\nsame\n")
    assert result.stdout.decode() == (
        "--- -\n+++ -\n@@ -1,2 +1,2 @@\n-a U. S. plan\n+a U.S. plan\n same\n")
    no_newline = run("--diff", stdin=b"a U. S. plan").stdout.decode()
    assert no_newline.endswith("+a U.S. plan\n\\ No newline at end of file\n")
    assert run("--diff", stdin=b"clean\n").stdout == b""


def test_json_lines() -> None:
    result = run("--json", stdin="first line\nthe U. S. and 10, 500 do n’t\n".encode())
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["line"], r["column"], r["original"], r["applied"]) for r in rows] == [
        (2, 5, "U. S.", True), (2, 15, "10, 500", False), (2, 23, "do n’t", True)]
    assert set(rows[0]) == {"file", "start", "end", "line", "column", "original",
                            "replacement", "confidence", "rule", "note", "applied"}
    assert rows[0]["file"] == "-" and rows[0]["start"] == 15


def test_min_confidence_only_skip_and_list() -> None:
    text = b"the U. S. and 10, 500 and 2.four\n"
    assert run("--min-confidence", "0.5", stdin=text).stdout == b"the U.S. and 10,500 and 2.4\n"
    assert run("--only", "numerals", stdin=text).stdout == b"the U. S. and 10, 500 and 2.4\n"
    skipped = run("--skip", "numerals,quotes", stdin=text).stdout
    assert skipped == b"the U.S. and 10, 500 and 2.four\n"
    listing = run("--list-families").stdout.decode().splitlines()
    assert [line.split()[0] for line in listing] == list(families())
    # One column of descriptions, after the longest name.
    assert len({line.index(line.split()[1]) for line in listing}) == 1
    assert run("--version").stdout.decode().startswith("restore ")


def test_stats(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", DAMAGED)
    result = run("--stats", str(a))
    assert result.stderr.decode() == (
        f"restore: {a}: 3 applied, 0 suggested "
        "(spacing.digit_groups 1, spacing.initialism 1, spacing.negation 1)\n")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    files = [str(write(tmp_path / f"{i}.txt", DAMAGED)) for i in range(3)]
    controller, terminal = pty.openpty()
    shown = b""
    try:
        process = subprocess.Popen([COMMAND, *files], stdout=subprocess.PIPE, stderr=terminal)
        os.close(terminal)
        while True:  # read the terminal while the command runs; EIO once it has closed
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        stdout, _ = process.communicate(timeout=60)
    finally:
        os.close(controller)
    assert process.returncode == 0
    assert b"/3" in shown and b"restore" in shown
    assert stdout.decode() == RESTORED * 3
    assert run(*files).stderr == b""  # no bar when stderr is not a terminal


def test_huge_line() -> None:
    line = ("word " * 1_000_000 + "do n't " + "word " * 1_000_000).encode()
    result = run(stdin=line)
    assert result.returncode == 0
    assert result.stdout == line.replace(b"do n't", b"don't")


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", DAMAGED * 20_000)
    pipeline = subprocess.run(f"{COMMAND} {big} {big} | head -c 10", shell=True,
                              capture_output=True, timeout=60, check=False)
    assert pipeline.stdout == RESTORED.encode()[:10]
    assert b"Traceback" not in pipeline.stderr


def test_detect_prints_a_line_per_file(tmp_path: Path) -> None:
    spun = write(tmp_path / "spun.txt", (PROJECT / "seeds" / "004.spun.txt").read_bytes())
    clean = write(tmp_path / "clean.txt", (PROJECT / "seeds" / "004.gold.txt").read_bytes())
    result = run("--detect", str(spun), str(tmp_path / "missing.txt"), str(clean))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith(f"{spun}: spun (spun 1.00, ")
    assert "'additionally' at " in lines[0]
    assert lines[1].startswith(f"{clean}: clean (")
    assert one_error_line(result).endswith("missing.txt: no such file")


def test_detect_json_and_stdin() -> None:
    result = run("--detect", "--json", stdin=DAMAGED.encode() * 3)
    assert result.returncode == 0
    (line,) = result.stdout.decode().splitlines()
    record = json.loads(line)
    assert record["file"] == "-" and record["label"] == "artifacts"
    assert set(record["scores"]) == {"spun", "artifacts", "ocr"}
    assert record["score"] == max(record["scores"].values())
    text = DAMAGED * 3
    for signal in record["evidence"]:
        assert text[signal["start"]:signal["end"]] == signal["text"]


@pytest.mark.parametrize("flag", ["--in-place", "--diff"])
def test_detect_refuses_to_rewrite(tmp_path: Path, flag: str) -> None:
    path = write(tmp_path / "a.txt", DAMAGED)
    result = run("--detect", flag, str(path))
    assert result.returncode == 2
    assert "--detect" in one_error_line(result)
    assert path.read_text() == DAMAGED


def make_tree(root: Path) -> list[Path]:
    """Files in nested directories, with one that is not text and one not UTF-8."""
    (root / "b" / "c").mkdir(parents=True)
    files = [write(root / "a.txt", DAMAGED), write(root / "b" / "x.txt", "Growth was 2.four%.\n"),
             write(root / "b" / "c" / "y.txt", "It wo n't rain.\n")]
    write(root / "b" / "skip.md", DAMAGED)
    write(root / "b" / "c" / "bad.txt", b"caf\xe9\n")
    return files


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_recursive_with_jobs_is_ordered_and_isolates_failures(tmp_path: Path, jobs: str) -> None:
    make_tree(tmp_path)
    result = run("-r", "--jobs", jobs, "--stats", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.decode() == RESTORED + "Growth was 2.4%.\n" + "It won't rain.\n"
    errors = [line for line in result.stderr.decode().splitlines() if "not valid UTF-8" in line]
    assert len(errors) == 1 and "bad.txt" in errors[0]
    assert result.stderr.decode().splitlines()[-1] == (
        "restore: 4 files, 5 corrections applied, 1 failed")


def test_jobs_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    files = [str(write(tmp_path / f"{i:02}.txt", DAMAGED * (i + 1) + "Sales 2.four%.\n"))
             for i in range(12)]
    one = run("--json", *files)
    two = run("--json", "--jobs", "2", *files)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout


def test_in_place_with_jobs(tmp_path: Path) -> None:
    files = make_tree(tmp_path)
    result = run("-r", "-i", "-j", "2", str(tmp_path))
    assert result.returncode == 1
    assert files[0].read_text() == RESTORED
    assert files[2].read_text() == "It won't rain.\n"
    assert (tmp_path / "b" / "skip.md").read_text() == DAMAGED
    assert (tmp_path / "b" / "c" / "bad.txt").read_bytes() == b"caf\xe9\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_restores_one_field_and_passes_the_rest(tmp_path: Path, jobs: str) -> None:
    lines = [json.dumps({"id": 1, "body": DAMAGED.strip(), "lang": "en"}),
             "",
             "not json",
             json.dumps({"id": 3, "title": "no body"}),
             json.dumps({"id": 4, "body": "Fine as it is."})]
    path = write(tmp_path / "in.jsonl", "\r\n".join(lines) + "\r\n")
    result = run("--jsonl", "--field", "body", "--corrections-key", "fixes", "-j", jobs,
                 str(path))
    assert result.returncode == 1
    out = result.stdout.decode().split("\r\n")
    first = json.loads(out[0])
    assert first["body"] == RESTORED.strip() and first["id"] == 1 and first["lang"] == "en"
    assert [f["replacement"] for f in first["fixes"]] == ["don't", "U.S.", "11,000"]
    assert out[1:4] == ["", "not json", json.dumps({"id": 3, "title": "no body"})]
    assert json.loads(out[4]) == {"id": 4, "body": "Fine as it is.", "fixes": []}
    errors = result.stderr.decode().splitlines()
    assert errors == [f"restore: {path}:3: not JSON (Expecting value)",
                      f"restore: {path}:4: no string field 'body'"]


def test_jsonl_from_stdin_and_usage_errors() -> None:
    record = json.dumps({"text": "It wo n't rain."}) + "\n"
    result = run("--jsonl", stdin=record.encode())
    assert result.returncode == 0
    assert json.loads(result.stdout)["text"] == "It won't rain."
    for flag in ("--diff", "--json", "--detect"):
        refused = run("--jsonl", flag, stdin=record.encode())
        assert refused.returncode == 2 and "--jsonl" in one_error_line(refused)
    assert run("--jobs", "-1", stdin=record.encode()).returncode == 2
