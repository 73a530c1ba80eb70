"""The README's console examples run as written (its Python examples run as doctests)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    examples = []
    for block in CONSOLE.findall(readme):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, expected = chunk.partition("\n")
            examples.append((command, expected))
    return examples


@pytest.mark.parametrize(("command", "expected"), _examples())
def test_console_example(command: str, expected: str, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60, check=False)
    assert result.stdout + result.stderr == expected
