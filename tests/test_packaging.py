"""The built wheel ships the package, its dictionaries, py.typed and the console script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import PROJECT


def test_wheel_contents(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(tmp_path), str(PROJECT)],
        check=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("restore-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (PROJECT / "dictionaries").iterdir()}
    assert shipped and {f"restore/dictionaries/{name}" for name in shipped} <= names
    assert {"restore/__init__.py", "restore/py.typed", "restore/cli.py"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "restore = restore.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(name.startswith(("seeds/", "tests/", "benchmarks/")) for name in names)
