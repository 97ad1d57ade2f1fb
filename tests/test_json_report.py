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
