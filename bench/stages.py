"""Where a word's time goes: each stage of checking on one core, against the floor.

Takes every tenth report of the throughput folder (200 of 2,000) and times, in one
process with everything built and warmed first and the garbage collector off, the
median of three runs of:

  bare read     unzip and parse each .docx's XML and join its text; decode each .txt/.md:
                the least any reader can do
  read          assesslint's readers (paragraphs, tables, headings, sections, anchors)
  floor         the texts through the blank tokenizer and lookup lemmatizer (nlp.pipe),
                as in throughput.py
  parse         assesslint's parse (the same pipeline, sentences, token arrays, sections)
  patterns      every pattern of the rule pack matched against the parsed report
  rules         the rule types' checks on those matches and the findings made of their
                hits: the whole of `Engine.check` less its parse and patterns

and prints microseconds a word for each, then the largest share of the floor's rate a
checker could reach if it did only some of the stages, at today's cost. It explains the
throughput figure; it has no target of its own.

    python bench/stages.py [--every 10]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import DATA

from corpus import team_folder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def bare_read(path: Path) -> str:
    """A report's text with nothing worked out: the least any reader can do."""
    from lxml import etree

    if path.suffix != ".docx":
        return path.read_bytes().decode("utf-8")
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(_W + "t")) for p in root.iter(_W + "p"))


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    from assesslint.config import Config
    from assesslint.nlp import parse
    from assesslint.readers import read_document
    from assesslint.runner import RunOptions, make_setup

    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--every", type=int, default=10, help="take every Nth report")
    every = options.parse_args().every
    folder, _ = team_folder(DATA, 2000)
    files = sorted(f for f in folder.iterdir() if f.suffix != ".json")[::every]
    setup = make_setup(Config(), RunOptions())
    engine = setup.engine
    nlp = engine.nlp

    def read() -> list[Any]:
        return [read_document(f, setup.sections) for f in files]

    for document in read()[:5]:  # compile patterns and fill caches before timing
        engine.check(document)

    def one_run() -> tuple[dict[str, float], int]:
        took, documents = timed(read)
        texts = [d.text for d in documents]
        stage = {"read": took, "bare read": timed(lambda: [bare_read(f) for f in files])[0]}
        stage["floor"] = timed(lambda: [len(doc) for doc in nlp.pipe(texts)])[0]
        stage["parse"], parsed = timed(lambda: [parse(nlp, d) for d in documents])
        stage["patterns"] = timed(lambda: [engine.patterns.match(p) for p in parsed])[0]
        fresh = read()
        whole = timed(lambda: [engine.check(d) for d in fresh])[0]
        stage["rules"] = whole - stage["parse"] - stage["patterns"]
        return stage, sum(d.words for d in documents)

    # Each run starts from newly read reports: parsed reports keep what they worked out,
    # so timing a stage twice on the same objects would flatter it. The collector is off
    # while timing: it would walk the 200 reports held for the next stage again and
    # again, which a real run, holding one report at a time, never does.
    runs: dict[str, list[float]] = {}
    gc.freeze()
    for _ in range(3):
        gc.disable()
        stage, words = one_run()
        gc.enable()
        gc.collect()
        for name, value in stage.items():
            runs.setdefault(name, []).append(value)
    seconds = {name: statistics.median(values) for name, values in runs.items()}

    def us(stage: str) -> float:
        return seconds[stage] / words * 1e6

    print(f"{len(files)} reports, {words:,} words; one core, median of three runs")
    for stage in seconds:
        print(f"  {stage:10} {us(stage):5.2f} µs a word")
    checking = ("read", "parse", "patterns", "rules")
    print(f"  {'check':10} {sum(us(s) for s in checking):5.2f} µs a word (read to rules)")
    print("largest share of the floor's rate, doing only:")
    for label, stages in (
        ("bare read + floor", ("bare read", "floor")),
        ("bare read + floor + patterns", ("bare read", "floor", "patterns")),
        ("read + parse + patterns + rules", checking),
    ):
        print(f"  {label:32} {us('floor') / sum(us(s) for s in stages):4.0%}")


if __name__ == "__main__":
    main()
