"""Peer linters for comparison: proselint (Python) and write-good (Node.js).

`python bench/peers.py --install` installs them into bench/.peers (a scratch virtual
environment and node_modules), never into your environment. `peer_rates(folder)` times
each over .txt copies of a sample of the folder's reports, on all cores.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import HERE, cores

from corpus import folder_plan, plain_text

PEERS = HERE / ".peers"
SAMPLE = 200


def install() -> None:
    PEERS.mkdir(parents=True, exist_ok=True)
    venv = PEERS / "venv"
    if not venv.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    if shutil.which("npm"):
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(PEERS), "write-good"], check=True
        )


def _sample(folder: Path) -> tuple[list[Path], int]:
    texts = PEERS / "sample"
    texts.mkdir(parents=True, exist_ok=True)
    paths, words = [], 0
    # The first reports of the folder, by the same sizes and seeds, as plain text.
    for index, (size, seed) in enumerate(folder_plan(SAMPLE)):
        text = plain_text(size, seed)
        path = texts / f"report-{index:05}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words


def _timed(commands: list[list[str]]) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(cores()) as pool:
        list(pool.map(lambda c: subprocess.run(c, capture_output=True, check=False), commands))
    return time.perf_counter() - started


def peer_rates(folder: Path) -> dict[str, float]:
    paths, words = _sample(folder)
    rates: dict[str, float] = {}
    proselint = PEERS / "venv" / "bin" / "proselint"
    if proselint.exists():
        # One process per core, each given its share of the files, as assesslint runs.
        shares = [paths[i :: cores()] for i in range(cores())]
        # proselint 0.16 and later take a `check` command; earlier ones take the paths.
        version = subprocess.run(
            [str(proselint), "version"], capture_output=True, text=True, check=False
        )
        command = [str(proselint), "check"] if version.returncode == 0 else [str(proselint)]
        seconds = _timed([[*command, *map(str, share)] for share in shares])
        rates["proselint"] = words / seconds
    else:
        rates["proselint"] = 0.0
    write_good = PEERS / "node_modules" / ".bin" / "write-good"
    if write_good.exists():
        shares = [paths[i :: cores()] for i in range(cores())]
        seconds = _timed([[str(write_good), *map(str, share)] for share in shares])
        rates["write-good"] = words / seconds
    else:
        rates["write-good"] = 0.0
    return rates


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--install", action="store_true")
    if options.parse_args().install:
        install()
