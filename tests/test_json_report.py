"""The JSON report is written a file at a time, and is byte for byte the schema's dump."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assesslint.files import discover
from assesslint.formatters.json_report import render, render_chunks, report_data
from assesslint.runner import RunOptions, Setups, run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("count", [0, 1, 7])
def test_chunks_make_exactly_the_plain_dump(tmp_path: Path, count: int) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a Word document")
    results = list(run(discover([str(EXAMPLES), str(broken)]), Setups(RunOptions(jobs=1))))
    chosen = results[:count]
    expected = json.dumps(report_data(chosen), ensure_ascii=False, indent=2) + "\n"
    assert render(chosen) == expected
    pieces = list(render_chunks(chosen))
    assert len(pieces) >= count  # one piece (at least) per file, never one big string
    assert json.loads("".join(pieces)) == report_data(chosen)


def test_unusual_values_are_written_as_json_writes_them() -> None:
    # The writer is hand-made for speed; whatever a rule puts in a finding, the bytes must
    # be json.dumps's.
    from assesslint.models import (
        FileProblem,
        FileResult,
        Finding,
        Location,
        Severity,
        TableCell,
    )

    odd = Finding(
        rule="r",
        category="c",
        severity=Severity.INFO,
        message='Quotes " and \\ and a tab\t, a line\nbreak, \u0007, é, 家, and 🙂',
        suggestion=None,
        match="",
        section=None,
        location=Location(
            block=0,
            start=0,
            end=0,
            table=(TableCell(1, 2, 3), TableCell(4, 5, 6)),
            where="table 1, row 2",
        ),
        details={
            "ratio": 0.25,
            "big": 10**20,
            "flag": True,
            "none": None,
            "empty": {},
            "nothing": [],
            "nested": {"list": [1, "two", [3.5, False]], "tuple": (1, 2)},
            "nan": float("nan"),
        },
    )
    numbered = Finding(
        rule="r",
        category="c",
        severity=Severity.ERROR,
        message="m",
        suggestion="s",
        match=None,
        section="Analysis",
        location=Location(where="the whole report"),
        details={1: "a number as a key"},  # type: ignore[dict-item]
    )
    results = [
        FileResult(path="a/ü.docx", format="docx", findings=(odd, numbered), words=3),
        FileResult(path="b.docx", format=None, error=FileProblem("corrupt", 'Say "why".')),
        FileResult(path="c.txt", format="txt", words=0),
    ]
    expected = json.dumps(report_data(results), ensure_ascii=False, indent=2) + "\n"
    assert render(results) == expected
