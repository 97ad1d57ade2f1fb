"""Measure how assesslint reads report structure against the held-out key in bench/structure/.

For every report listed in bench/structure/key.yaml this runs `assesslint dump --format json`
and compares the heading blocks it finds with the key:

* recall: the key's headings that were read as headings;
* wrongly read as headings: near-miss lines from the key's not_headings that came out as
  headings, and any other heading block that is not in the key;
* canonical accuracy: the share of the key's headings that were read as headings AND given the
  canonical section the key names (null must come out as null).

Texts are compared after normalising: casefold, no-break and other odd spaces made plain
spaces, zero-width characters and soft hyphens removed, typographic quotes made plain, runs of
space collapsed, leading numbering ("1.", "2.3", "4)", "a)") and trailing punctuation stripped.

It prints figures, never a verdict, and always exits 0.

    .venv/bin/python bench/structure.py --exe .venv/bin/assesslint [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent / "structure"
SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
LEADING_NUMBER = re.compile(r"^(?:(?:section|part)\s+)?(?:\d+(?:\.\d+)*|[a-z]|[ivx]+)[.):]?\s+")
TRAILING = re.compile(r"[\s.:;,?!\-–—]+$")
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def norm(text: str) -> str:
    """Normalise a heading for comparison."""
    text = INVISIBLE.sub("", text).translate(QUOTES)
    text = SPACES.sub(" ", text).strip().casefold()
    text = LEADING_NUMBER.sub("", text, count=1)
    return TRAILING.sub("", text).strip()


@dataclass
class Miss:
    """One disagreement between the tool and the key."""

    file: str
    what: str
    expected: str
    got: str


@dataclass
class FileScore:
    """Counts for one report."""

    file: str
    headings: int = 0
    found: int = 0
    canonical_right: int = 0
    not_headings: int = 0
    near_misses_hit: int = 0
    extra: int = 0
    heading_blocks: int = 0
    error: str = ""
    misses: list[Miss] = field(default_factory=list)


def dump(exe: str, path: Path) -> list[dict[str, Any]]:
    proc = subprocess.run(
        [exe, "dump", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed")
    blocks: list[dict[str, Any]] = json.loads(proc.stdout)["blocks"]
    return blocks


def score(entry: dict[str, Any], blocks: list[dict[str, Any]]) -> FileScore:
    name = str(entry["file"])
    result = FileScore(name)
    key_headings = list(entry.get("headings") or [])
    near = [str(t) for t in entry.get("not_headings") or []]
    heads = [b for b in blocks if b.get("kind") == "heading"]
    others = {norm(str(b.get("text", ""))): str(b.get("kind")) for b in blocks}
    result.headings = len(key_headings)
    result.not_headings = len(near)
    result.heading_blocks = len(heads)
    used: set[int] = set()
    cursor = 0
    for want in key_headings:
        text, canonical = str(want["text"]), want.get("canonical")
        target = norm(text)
        order = list(range(cursor, len(heads))) + list(range(cursor))
        hit = next(
            (i for i in order if i not in used and norm(str(heads[i].get("text", ""))) == target),
            None,
        )
        if hit is None:
            kind = others.get(target, "not found")
            result.misses.append(Miss(name, "heading missed", text, f"read as {kind}"))
            continue
        used.add(hit)
        cursor = hit + 1
        result.found += 1
        got = heads[hit].get("canonical")
        if got == canonical:
            result.canonical_right += 1
        else:
            result.misses.append(Miss(name, "canonical", f"{text} -> {show(canonical)}", show(got)))
    near_norm = {norm(t): t for t in near}
    near_labels = {norm(t.split(":", 1)[0]): t for t in near if ":" in t}
    for i, block in enumerate(heads):
        if i in used:
            continue
        got_text = str(block.get("text", ""))
        target = norm(got_text)
        line = near_norm.get(target) or near_labels.get(target)
        if line is not None:
            result.near_misses_hit += 1
            result.misses.append(Miss(name, "near miss read as heading", line, got_text))
        else:
            result.extra += 1
            result.misses.append(Miss(name, "heading not in key", "(not a heading)", got_text))
    return result


def show(canonical: object) -> str:
    return "null" if canonical is None else str(canonical)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   - "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", default="assesslint", help="the assesslint executable")
    parser.add_argument("--key", type=Path, default=HERE / "key.yaml")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    exe = shutil.which(args.exe) or args.exe
    key = yaml.safe_load(args.key.read_text(encoding="utf-8"))
    scores: list[FileScore] = []
    for entry in key["files"]:
        path = args.key.parent / entry["file"]
        try:
            blocks = dump(exe, path)
        except (OSError, RuntimeError, ValueError, KeyError) as exc:
            failed = FileScore(entry["file"], headings=len(entry.get("headings") or []))
            failed.not_headings = len(entry.get("not_headings") or [])
            failed.error = str(exc) or type(exc).__name__
            scores.append(failed)
            continue
        scores.append(score(entry, blocks))

    header = f"{'file':34} {'recall':>13} {'canonical':>13} {'near-miss hits':>14} {'extra':>6}"
    print(header)
    print("-" * len(header))
    for s in scores:
        if s.error:
            print(f"{s.file:34} could not be read: {s.error}")
            continue
        print(
            f"{s.file:34} {s.found:3}/{s.headings:<3}{pct(s.found, s.headings)} "
            f"{s.canonical_right:3}/{s.headings:<3}{pct(s.canonical_right, s.headings)} "
            f"{s.near_misses_hit:6}/{s.not_headings:<7} {s.extra:6}"
        )
    total = sum(s.headings for s in scores)
    found = sum(s.found for s in scores)
    right = sum(s.canonical_right for s in scores)
    near = sum(s.not_headings for s in scores)
    near_hit = sum(s.near_misses_hit for s in scores)
    extra = sum(s.extra for s in scores)
    blocks = sum(s.heading_blocks for s in scores)
    print("-" * len(header))
    print(f"files: {len(scores)} ({sum(1 for s in scores if s.error)} could not be read)")
    print(f"heading recall:            {found}/{total} {pct(found, total)}")
    print(f"canonical accuracy:        {right}/{total} {pct(right, total)} of the key's headings")
    print(f"  of headings found:       {right}/{found} {pct(right, found)}")
    print(f"near misses read as heads: {near_hit}/{near} {pct(near_hit, near)}")
    print(f"other heading blocks not in the key: {extra}")
    print(f"heading precision:         {found}/{blocks} {pct(found, blocks)} of heading blocks")
    if args.verbose:
        print("\nmisses (file | what | expected | got):")
        for s in scores:
            for m in s.misses:
                print(f"{m.file} | {m.what} | {m.expected} | {m.got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
