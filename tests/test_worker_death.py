"""A worker process that dies while checking a file does not take the run down.

The workers are forked, so they inherit a `check_target` patched here to kill its own
process (SIGKILL, as the out-of-memory killer does) when it is given a file named
"poison": always, or only the first time. Every other file must be checked as usual. Each
file takes a twentieth of a second longer, so that when a worker dies its neighbours are
still in the pool, running or waiting.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from assesslint import runner
from assesslint.cli import main
from assesslint.files import Target
from assesslint.models import FileResult
from assesslint.runner import RunOptions, Setups, run

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the workers must be forked to inherit the patched checker",
)

DYING_MESSAGE = "the checker stopped while reading this file"

REPORT = (
    "Reason for assessment:\n"
    "Concerns were raised by school about {name}'s attendance.\n\n"
    "Child's views:\n"
    "N/A - {name} is too young.\n\n"
    "Plan:\n"
    "- Mum to engage with services.\n"
    "- Ongoing monitoring by the team.\n"
)


def write_reports(folder: Path, names: list[str]) -> list[Target]:
    folder.mkdir()
    targets = []
    for number, name in enumerate(names):
        path = folder / f"{number:02d}-{name}.txt"
        path.write_text(REPORT.format(name=f"Child{number}"), encoding="utf-8")
        targets.append(Target(str(path), path))
    return targets


@pytest.fixture
def attempts(tmp_path: Path) -> Path:
    """A file each worker appends the name of every file it starts to check to."""
    return tmp_path / "attempts.log"


def patch_workers(
    monkeypatch: pytest.MonkeyPatch, attempts: Path, first_time_only: Path | None = None
) -> None:
    """Make a worker die when it checks a file named poison (once only, with a marker)."""
    real = runner.check_target
    parent = os.getpid()

    def checking(target: Target, *args: object, **kwargs: object) -> FileResult:
        if os.getpid() != parent:
            name = Path(target.display).name
            with attempts.open("a", encoding="utf-8") as log:
                log.write(name + "\n")
            if "poison" in name and (first_time_only is None or _first(first_time_only)):
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(0.05)
        return real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_target", checking)


def _first(marker: Path) -> bool:
    try:
        marker.touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def tries(attempts: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in attempts.read_text(encoding="utf-8").split():
        counts[name] = counts.get(name, 0) + 1
    return counts


def clean_results(targets: list[Target]) -> dict[str, FileResult]:
    """Each file's result when nothing dies, checked in this process."""
    return {r.path: r for r in run(targets, Setups(RunOptions(jobs=1)))}


def checked(
    targets: list[Target], on_result: Callable[[FileResult], None] | None = None
) -> Iterator[FileResult]:
    return run(targets, Setups(RunOptions(jobs=2)), on_result=on_result)


def test_a_file_that_always_kills_its_worker_is_unreadable_and_the_rest_are_checked(
    tmp_path: Path, attempts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["a", "b", "poison", "c", "d", "e", "f", "g", "h"]
    targets = write_reports(tmp_path / "team", names)
    expected = clean_results(targets)
    patch_workers(monkeypatch, attempts)
    frozen = gc.get_freeze_count()
    reported: list[FileResult] = []
    results = list(checked(targets, reported.append))

    assert [r.path for r in results] == [t.display for t in targets]
    assert sorted(r.path for r in reported) == sorted(t.display for t in targets)
    lost = results[2]
    assert lost.error is not None
    assert lost.error.code == "unreadable"
    assert lost.error.message.startswith(DYING_MESSAGE)
    assert "twice" in lost.error.message
    for result in results[:2] + results[3:]:
        assert result == expected[result.path]  # checked, with its findings
        assert result.findings
    counts = tries(attempts)
    # Tried with others and then alone, never a third time; the neighbour that was
    # running when its worker was killed with the others was tried again and checked.
    assert counts["02-poison.txt"] == 2
    assert any(counts[Path(t.display).name] == 2 for t in targets[:2] + targets[3:])
    assert gc.get_freeze_count() == frozen
    assert not multiprocessing.active_children()


def test_only_the_files_the_pool_held_are_suspects(
    tmp_path: Path, attempts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At most two files a worker are in the pool, so a death puts at most four under
    # suspicion (each then checked alone, one at a time); the rest go on in a new pool.
    targets = write_reports(tmp_path / "team", ["a", "b", "poison", *"cdefghijk"])
    patch_workers(monkeypatch, attempts)
    suspects: list[int] = []
    alone = runner._checked_alone

    def spied(jobs: list[runner._Job], *args: object) -> Iterator[tuple[int, FileResult]]:
        suspects.extend(job.index for job in jobs)
        return alone(jobs, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_checked_alone", spied)
    results = list(checked(targets))
    assert [r.path for r in results if r.error is not None] == [targets[2].display]
    assert 2 in suspects
    assert 1 < len(suspects) <= 2 * 2
    assert max(suspects) < 8


def test_a_file_that_kills_its_worker_once_is_checked_on_the_retry(
    tmp_path: Path, attempts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["a", "b", "c", "poison", "d", "e"]
    targets = write_reports(tmp_path / "team", names)
    expected = clean_results(targets)
    patch_workers(monkeypatch, attempts, first_time_only=tmp_path / "died-once")
    results = list(checked(targets))
    assert [r.path for r in results] == [t.display for t in targets]
    assert results == [expected[t.display] for t in targets]
    assert results[3].error is None
    assert results[3].findings
    assert tries(attempts)["03-poison.txt"] == 2


def test_two_files_that_kill_their_workers_are_each_reported(
    tmp_path: Path, attempts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["poison-a", "b", "c", "d", "e", "f", "g", "h", "i", "poison-j", "k"]
    targets = write_reports(tmp_path / "team", names)
    patch_workers(monkeypatch, attempts)
    results = list(checked(targets))
    assert [r.path for r in results] == [t.display for t in targets]
    unreadable = [r.path for r in results if r.error is not None]
    assert unreadable == [targets[0].display, targets[9].display]
    assert all(r.findings for r in results if r.error is None)


def test_stopping_early_leaves_no_worker_and_nothing_frozen(
    tmp_path: Path, attempts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C reaches the main process as KeyboardInterrupt wherever it is, here in the
    # progress callback after two files; the run must stop and clear up after itself.
    targets = write_reports(tmp_path / "team", [f"r{n}" for n in range(12)])
    patch_workers(monkeypatch, attempts)
    frozen = gc.get_freeze_count()
    seen: list[FileResult] = []

    def interrupt(result: FileResult) -> None:
        seen.append(result)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        list(checked(targets, interrupt))
    assert gc.get_freeze_count() == frozen
    assert not multiprocessing.active_children()
    # Files not yet handed to a worker when the run stopped were never started.
    assert len(attempts.read_text(encoding="utf-8").split()) < len(targets)


def test_the_command_reports_every_other_file_and_exits_2(
    tmp_path: Path, attempts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["a", "b", "poison", "c", "d", "e"]
    targets = write_reports(tmp_path / "team", names)
    patch_workers(monkeypatch, attempts)
    result = CliRunner().invoke(
        main, ["check", "--jobs", "2", "--format", "json", str(tmp_path / "team")]
    )
    assert result.exit_code == 2, result.output
    files = json.loads(result.stdout)["files"]
    assert [Path(f["path"]).name for f in files] == [Path(t.display).name for t in targets]
    assert [f["status"] for f in files] == ["checked"] * 2 + ["error"] + ["checked"] * 3
    assert files[2]["error"]["code"] == "unreadable"
    assert files[2]["error"]["message"].startswith(DYING_MESSAGE)
    assert all(f["findings"] for f in files if f["status"] == "checked")
