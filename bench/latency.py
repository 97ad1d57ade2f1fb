"""One report: wall time of `assesslint check` on a 5,000-word .docx, against the floor.

The floor is `python -c "import spacy; spacy.blank('en')"`: the least any spaCy-based
checker can take to start. Runs alternate between the two so that both see the same
machine; medians are printed. Target: at most 1.5 x the floor.

    python bench/latency.py [--runs 9]
"""

from __future__ import annotations

import argparse

from common import DATA, FLOOR_IMPORT, PYTHON, median, wall

from corpus import write_report


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=9)
    runs = options.parse_args().runs
    DATA.mkdir(parents=True, exist_ok=True)
    report = DATA / "latency-5000.docx"
    words = write_report(report, 5000, seed=5000)
    check = [PYTHON, "-m", "assesslint", "check", "--fail-on", "never", str(report)]
    floor = [PYTHON, "-c", FLOOR_IMPORT]
    wall(check)  # warm the file cache
    ours, bare = [], []
    for _ in range(runs):
        ours += wall(check)
        bare += wall(floor)
    print(f"report: {words:,} words, .docx")
    print(f"floor  (import spacy; blank('en')): median {median(bare):.3f} s over {runs} runs")
    print(f"assesslint check:                   median {median(ours):.3f} s over {runs} runs")
    print(f"ratio: {median(ours) / median(bare):.2f} x the floor (target <= 1.5)")


if __name__ == "__main__":
    main()
