"""Shared helpers for the benchmark scripts: where data lives, timing, memory."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
PYTHON = sys.executable
FLOOR_IMPORT = "import spacy; spacy.blank('en')"


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def wall(command: list[str], runs: int = 1) -> list[float]:
    """Wall times of `runs` runs of a command, output discarded."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


_PEAK = """
import json, resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(json.dumps(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
"""


def peak_child_rss_mb(command: list[str]) -> float:
    """The largest resident set of any process the command started (its workers), in MB."""
    done = subprocess.run(
        [PYTHON, "-c", _PEAK, *command], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout) / 1024


def own_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
