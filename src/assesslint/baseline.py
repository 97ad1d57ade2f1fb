"""Baselines: record today's findings so that a gate fails only on new ones.

A baseline file lists each finding by report path (relative to the baseline file's
folder), rule and fingerprint: a hash of the finding's sentence and words, so it survives
edits elsewhere in the report but not a rewrite of the sentence itself. It holds no report
text. Findings are matched as a multiset: two identical findings need two entries.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from assesslint import __version__
from assesslint.models import FileResult
from assesslint.printable import printable_json
from assesslint.regular_file import read_regular_text

SCHEMA = "assesslint-baseline/v1"

Key = tuple[str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be used, with what to do about it."""


def _report_key(path: str, folder: Path) -> str:
    if path.startswith("stdin"):
        return path
    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def render(results: Sequence[FileResult], baseline_path: Path) -> str:
    """Return the baseline file's text for these results."""
    folder = baseline_path.resolve().parent
    counts: Counter[Key] = Counter(
        (_report_key(result.path, folder), finding.rule, finding.fingerprint)
        for result in results
        for finding in result.findings
    )
    entries = [
        {"path": path, "rule": rule, "fingerprint": fingerprint, "count": count}
        for (path, rule, fingerprint), count in sorted(counts.items())
    ]
    document = {"schema": SCHEMA, "tool": {"version": __version__}, "findings": entries}
    return printable_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def load(path: Path) -> Counter[Key]:
    """Read a baseline file, raising `BaselineError` with a clear reason."""
    try:
        data = json.loads(read_regular_text(path))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: there is no baseline file here; make one with "
            "`assesslint baseline FILE PATH...`"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(
            f"{path}: this is not a baseline file that can be read ({error})"
        ) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise BaselineError(f"{path}: this is not an assesslint baseline (schema {SCHEMA})")
    counts: Counter[Key] = Counter()
    for entry in data.get("findings", []):
        try:
            key = (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
            counts[key] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(
                f"{path}: an entry is missing its path, rule or fingerprint"
            ) from None
    return counts


def apply(
    results: Sequence[FileResult], known: Counter[Key], baseline_path: Path
) -> list[FileResult]:
    """Hide findings the baseline knows; count them in each result's `baselined`."""
    folder = baseline_path.resolve().parent
    remaining = Counter(known)
    filtered = []
    for result in results:
        report = _report_key(result.path, folder)
        kept = []
        hidden = 0
        for finding in result.findings:
            key = (report, finding.rule, finding.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                hidden += 1
            else:
                kept.append(finding)
        filtered.append(replace(result, findings=tuple(kept), baselined=hidden))
    return filtered
