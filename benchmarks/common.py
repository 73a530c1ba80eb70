"""What every benchmark shares: where the data is, and measuring a fresh process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
#: The development data, beside the project (``../shared/data``).
DEFAULT_DATA = PROJECT.parent / "shared" / "data"
#: Python source defining ``peak_rss_kib()``, the peak resident set of the running process
#: from /proc (``ru_maxrss`` would count the parent that forked it, on Linux).
PEAK_RSS_HELPER = """
def peak_rss_kib():
    with open("/proc/self/status") as status:
        return int(next(l for l in status if l.startswith("VmHWM:")).split()[1])
"""


def fresh_process(script: str, *args: str) -> str:
    """What ``script`` prints when run by this Python in a new process."""
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, check=True).stdout.strip()
