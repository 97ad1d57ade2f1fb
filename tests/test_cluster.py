"""Checking on a Dask cluster gives the output of a local run, and survives dying workers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import KilledWorker, LocalCluster

from assesslint import cluster
from assesslint.files import Target
from assesslint.models import FileProblem, FileResult
from assesslint.runner import RunOptions, Setups

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assesslint", "check", "--format", "json", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_local_cluster_gives_the_local_output(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "ci"))
    (folder / "broken.docx").write_bytes(b"not a Word document")
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        remote = check("--scheduler", cluster.scheduler_address, str(folder))
    local = check(str(folder))
    assert remote.returncode == local.returncode == 2, remote.stderr
    assert remote.stdout == local.stdout
    files = json.loads(remote.stdout)["files"]
    assert [Path(f["path"]).name for f in files] == sorted(p.name for p in folder.iterdir())
    assert next(f for f in files if f["path"].endswith("broken.docx"))["status"] == "error"


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Plan:\n- Mum to engage.\n", encoding="utf-8")
    result = check("--scheduler", "tcp://127.0.0.1:9", str(report))
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def write_reports(folder: Path, names: list[str]) -> list[Target]:
    folder.mkdir()
    targets = []
    for number, name in enumerate(names):
        path = folder / f"{number:02d}-{name}.txt"
        path.write_text(f"Plan:\n- Mum to engage with Child{number}'s school.\n", encoding="utf-8")
        targets.append(Target(str(path), path))
    return targets


def test_a_file_whose_workers_die_is_unreadable_and_the_rest_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The function sent to the workers kills its process on a file named poison (as the
    # out-of-memory killer would) and otherwise gives a result without loading spaCy, to
    # keep this quick. The scheduler gives up on a task after one death here, so a file
    # queued on the same worker fails beside it and must be retried, and checked.
    targets = write_reports(tmp_path / "team", ["a", "b", "poison", "c", "d", "e"])

    def dying(display: str, data: bytes, *_: object) -> FileResult:
        import os
        import signal
        from pathlib import Path

        from assesslint.models import FileResult

        if "poison" in Path(display).name:
            os.kill(os.getpid(), signal.SIGKILL)
        return FileResult(display, "text", words=len(data.split()))

    monkeypatch.setattr(cluster, "check_on_worker", dying)
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as local,
    ):
        address = local.scheduler_address
        setups = Setups(RunOptions(scheduler=address))
        reported: list[FileResult] = []
        results = list(
            cluster.run_on_cluster(
                address, targets, [None] * len(targets), setups, reported.append, unused
            )
        )
    assert [r.path for r in results] == [t.display for t in targets]
    assert sorted(r.path for r in reported) == sorted(t.display for t in targets)
    lost = results[2]
    assert lost.error is not None
    assert lost.error.code == "unreadable"
    assert lost.error.message.startswith("the checker stopped while reading this file")
    assert "twice" in lost.error.message
    assert [r.status for r in results] == ["checked"] * 2 + ["error"] + ["checked"] * 3
    assert all(r.words == 8 for r in results if r.error is None)


def unused(target: Target, config_path: Path | None) -> FileResult:
    raise AssertionError("no file here is checked in this process")


class FakeFuture:
    """Stands for a Dask future: its result, or the error `result()` raises."""

    def __init__(self, outcome: FileResult | Exception) -> None:
        self.outcome = outcome

    def result(self) -> FileResult:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


def test_a_file_whose_workers_died_is_tried_again_alone_after_the_others() -> None:
    targets = [Target(f"r{n}.txt", Path(f"r{n}.txt")) for n in range(5)]
    checked = {t.display: FileResult(t.display, "text", words=10) for t in targets}
    first = {
        0: FakeFuture(checked["r0.txt"]),
        1: FakeFuture(KilledWorker("task-1", None, 3)),  # a neighbour's death: innocent
        2: FakeFuture(checked["r2.txt"]),
        3: FakeFuture(KilledWorker("task-3", None, 3)),  # dies every time
        4: FakeFuture(KilledWorker("task-4", None, 3)),  # unreadable when sent again
    }
    now_unreadable = FileResult("r4.txt", None, error=FileProblem("not-found", "gone"))
    again = {
        "r1.txt": FakeFuture(checked["r1.txt"]),
        "r3.txt": FakeFuture(KilledWorker("task-3b", None, 3)),
        "r4.txt": now_unreadable,
    }
    waiting = {future: (n, targets[n], None) for n, future in first.items()}
    consumed: list[int] = []

    def completed() -> Iterator[FakeFuture]:
        for n, future in first.items():
            consumed.append(n)
            yield future

    sent_again: list[tuple[str, int]] = []

    def submit(target: Target, config_path: Path | None) -> FakeFuture | FileResult:
        sent_again.append((target.display, len(consumed)))
        return again[target.display]

    results = list(cluster.results_surviving_deaths(completed(), waiting, submit))
    # Sent again one at a time, in order, once every first try has come back.
    assert sent_again == [("r1.txt", 5), ("r3.txt", 5), ("r4.txt", 5)]
    assert [n for n, _ in results] == [0, 2, 1, 3, 4]
    by_index = dict(results)
    assert by_index[1] == checked["r1.txt"]
    assert by_index[4] == now_unreadable
    lost = by_index[3]
    assert lost.error is not None
    assert lost.error.code == "unreadable"
    assert lost.error.message.startswith("the checker stopped while reading this file")
    assert "8 times" in lost.error.message  # four tries by the scheduler, twice over


def test_other_errors_from_a_worker_are_not_hidden() -> None:
    # A fault in assesslint is not a file that cannot be read: it must be seen.
    target = Target("r.txt", Path("r.txt"))
    future = FakeFuture(ValueError("a fault"))
    with pytest.raises(ValueError, match="a fault"):
        list(cluster.results_surviving_deaths([future], {future: (0, target, None)}, unused))
