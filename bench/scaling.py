"""How cost grows: time per word in one long document, and memory per worker.

1. One document of 10,000, 50,000 and 200,000 words (.txt, so reading is not the
   measure): checking time per word, in one process with the engine built once and
   warmed on a short report first (patterns are compiled on first use, which would
   otherwise be charged to the first size) and then frozen for the garbage collector,
   as the program freezes it; the median of three runs. Target: flat within 20%.
2. `assesslint check -j CORES` over 100 and over 2,000 files: the peak resident memory of
   the largest worker, and of the main process. Target: workers under 400 MB, and the
   same for both.

    python bench/scaling.py [--skip-memory]
"""

from __future__ import annotations

import argparse
import gc
import time

from common import DATA, check_folder_command, peak_rss_by_role_mb

from corpus import plain_text, team_folder


def time_per_word() -> None:
    from assesslint.engine import Engine
    from assesslint.nlp import get_pipeline
    from assesslint.readers import read_bytes
    from assesslint.readers.sections import default_section_map
    from assesslint.resources import builtin_rules_dir
    from assesslint.rules.loader import load_rules

    sections = default_section_map()
    engine = Engine(load_rules([builtin_rules_dir()], sections.names), get_pipeline())
    warm = plain_text(2_000, seed=1)
    engine.check(read_bytes(warm.encode(), "warm.txt", sections, suffix=".txt"))
    # As the program does once its engine is built (see assesslint.collector): otherwise
    # a full collection walking spaCy's and the rules' objects lands in whichever size
    # happens to be running, and weighs most on the shortest.
    gc.freeze()
    rates = []
    for words in (10_000, 50_000, 200_000):
        text = plain_text(words, seed=words)
        document = read_bytes(text.encode(), f"long-{words}.txt", sections, suffix=".txt")
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            findings = engine.check(document)
            timings.append(time.perf_counter() - started)
        seconds = sorted(timings)[1]
        per_word = seconds / document.words * 1e6
        rates.append(per_word)
        print(
            f"{document.words:>8,} words: {seconds:6.2f} s, {per_word:5.1f} µs a word, "
            f"{len(findings):,} findings"
        )
    spread = max(rates) / min(rates) - 1
    print(f"time per word varies by {spread:.0%} from 10,000 to 200,000 words (target <= 20%)")


def memory() -> None:
    for files in (100, 2000):
        folder, _ = team_folder(DATA, files)
        main_peak, worker_peak = peak_rss_by_role_mb(
            check_folder_command(folder, DATA / "scaling.json")
        )
        print(
            f"{files:>5,} files: largest worker peaked at {worker_peak:,.0f} MB "
            f"(target < 400 MB); the main process, which gathers every result, at "
            f"{main_peak:,.0f} MB"
        )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--skip-memory", action="store_true")
    args = options.parse_args()
    time_per_word()
    if not args.skip_memory:
        memory()


if __name__ == "__main__":
    main()
