"""Shared helpers for the benchmark scripts: where data lives, timing, memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
PYTHON = sys.executable
FLOOR_IMPORT = "import spacy; spacy.blank('en')"


def check_folder_command(folder: Path, out: Path) -> list[str]:
    """`assesslint check` over a folder on every core, as JSON into `out`, never failing."""
    return [
        PYTHON, "-m", "assesslint", "check", "-j", str(cores()),
        "--format", "json", "--fail-on", "never", "-o", str(out), str(folder),
    ]  # fmt: skip


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


def _peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def peak_rss_by_role_mb(command: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB) of the main process and of the largest worker (Linux)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    main_peak = worker_peak = 0
    while process.poll() is None:
        main_peak = max(main_peak, _peak_kib(process.pid))
        for child in _children(process.pid):
            worker_peak = max(worker_peak, _peak_kib(child))
        time.sleep(0.2)
    return main_peak / 1024, worker_peak / 1024
