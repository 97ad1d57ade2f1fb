"""Results cross from worker processes by pickle, and arrive whole and unchanged."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from assesslint.files import discover
from assesslint.models import FileResult, Finding
from assesslint.runner import RunOptions, Setups, run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_results_survive_pickling_whole(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a Word document")
    results = list(run(discover([str(EXAMPLES), str(broken)]), Setups(RunOptions(jobs=1))))
    findings = [finding for result in results for finding in result.findings]
    assert any(finding.location.table for finding in findings)  # tables are exercised
    assert any(result.error is not None for result in results)
    copies = pickle.loads(pickle.dumps(results))  # noqa: S301 - our own bytes
    assert copies == results
    for copy, result in zip(copies, results, strict=True):
        assert type(copy) is FileResult
        for field in dataclasses.fields(FileResult):
            assert getattr(copy, field.name) == getattr(result, field.name)
    finding = copies[0].findings[0] if copies[0].findings else findings[0]
    assert isinstance(finding, Finding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "changed"  # type: ignore[misc]


def test_workers_give_the_same_results_and_leave_nothing_frozen() -> None:
    # Objects are frozen for the garbage collector while workers run (they inherit them);
    # a program that calls the runner again and again must get them back afterwards.
    import gc

    targets = discover([str(EXAMPLES)])
    alone = list(run(targets, Setups(RunOptions(jobs=1))))
    frozen_before = gc.get_freeze_count()
    together = list(run(targets, Setups(RunOptions(jobs=2))))
    assert together == alone
    assert gc.get_freeze_count() == frozen_before
