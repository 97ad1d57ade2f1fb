"""A team's folder: words per second of `assesslint check` on all cores, against floors.

Writes (once, then reuses) a folder of 2,000 synthetic reports, about 8 million words, in
mixed layouts and sizes. Measures, on the same cores in the same run:

  assesslint    `assesslint check -j CORES --format json` over the folder
  floor         the same texts through spaCy's bare tokenizer and the lookup lemmatizer,
                one process per core, timed once the texts are in memory: the least a
                spaCy-based checker can do
  proselint     (with --peers) proselint over .txt copies of a sample of the reports
  write-good    (with --peers) write-good over the same sample

Targets: at least 60% of the floor's words per second, and at least 2 x proselint's.

    python bench/throughput.py [--files 2000] [--peers]
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path
from typing import Any

from common import DATA, check_folder_command, cores, wall

from corpus import folder_plan, plain_text, team_folder

_start_together: Any = None  # a Barrier, inherited by the forked floor workers


def _floor_worker(jobs: list[tuple[int, int]]) -> float:
    """Seconds this worker's texts take through the pipeline, timed from a shared start.

    The texts are made before the clock starts: the floor is the tokenizer and lemmatizer
    alone, not the making of synthetic text (which took a third of its time when timed).
    """
    from assesslint.nlp import get_pipeline

    nlp = get_pipeline()  # blank English + sentencizer + lookup lemmatizer, as we run
    texts = [plain_text(words, seed) for words, seed in jobs]
    _start_together.wait()
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def floor_rate(files: int, words: int) -> float:
    global _start_together
    jobs = folder_plan(files)
    n = cores()
    context = multiprocessing.get_context("fork")
    _start_together = context.Barrier(n)
    with context.Pool(n) as pool:
        seconds = pool.map(_floor_worker, [jobs[i::n] for i in range(n)], chunksize=1)
    return words / max(seconds)


def ours_rate(folder: Path, words: int) -> float:
    out = DATA / "throughput.json"
    seconds = wall(check_folder_command(folder, out))[0]
    return words / seconds


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--files", type=int, default=2000)
    options.add_argument("--peers", action="store_true", help="also time proselint and write-good")
    options.add_argument("--only-peers", action="store_true", help="time only the peers")
    args = options.parse_args()
    folder, words = team_folder(DATA, args.files)
    if args.only_peers:
        from peers import peer_rates

        for name, rate in peer_rates(folder).items():
            print(f"{name:11}{rate:>28,.0f} words/s")
        return
    print(f"folder: {args.files:,} reports, {words:,} words; {cores()} cores")
    floor = floor_rate(args.files, words)
    print(f"floor (tokenizer + lookup lemmatizer): {floor:,.0f} words/s")
    ours = ours_rate(folder, words)
    print(
        f"assesslint check:                      {ours:,.0f} words/s = "
        f"{ours / floor:.0%} of the floor (target >= 60%)"
    )
    if args.peers:
        from peers import peer_rates

        for name, rate in peer_rates(folder).items():
            verdict = f"assesslint is {ours / rate:.1f} x" if rate else "not installed"
            print(f"{name:11}{rate:>28,.0f} words/s; {verdict}")


if __name__ == "__main__":
    main()
