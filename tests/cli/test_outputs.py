"""Commands that write files never replace a report, and say plainly when they cannot write.

Every output is compared with every input as the file system sees it (so a second spelling,
a symbolic link or a hard link is the same file), before anything is checked. A write that
fails (a full disk, a file-size limit, a missing or read-only folder, no permission) is one
line naming the file and what to do, exit 2, with nothing left behind: not a partial file,
not a temporary one.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assesslint.formatters import output as output_module
from assesslint.formatters.output import remove_stale_temporaries

from helpers import SMALL_REPORT, run_cli

BEFORE = "the report as the worker wrote it, which must survive\n" + SMALL_REPORT


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(BEFORE, encoding="utf-8")
    return path


def _unchanged(path: Path) -> bool:
    return path.read_text(encoding="utf-8") == BEFORE


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-o", "{r}", "{r}"],
        ["check", "--format", "json", "-o", "{r}", "{r}"],
        ["check", "-o", "{dir}/./report.txt", "{r}"],
        ["check", "-o", "{dir}/link.txt", "{r}"],
        ["check", "-o", "{dir}/hard.txt", "{r}"],
        ["check", "-o", "{r}", "{dir}"],
        ["report", "--html", "{r}", "{r}"],
        ["report", "--csv", "{dir}/link.txt", "{dir}"],
        ["baseline", "{r}", "{r}"],
        ["check", "--config", "{dir}/settings.yaml", "-o", "{dir}/settings.yaml", "{r}"],
    ],
    ids=[
        "same-name",
        "json-while-checking",
        "other-spelling",
        "symlink",
        "hard-link",
        "inside-checked-folder",
        "report-html",
        "report-csv-link",
        "baseline",
        "config-file",
    ],
)
def test_an_output_that_is_an_input_is_refused(report: Path, args: list[str]) -> None:
    folder = report.parent
    (folder / "link.txt").symlink_to(report)
    os.link(report, folder / "hard.txt")
    settings = folder / "settings.yaml"
    settings.write_text("fail-on: never\n", encoding="utf-8")
    before = _listing(folder)
    result = run_cli(*(a.format(r=report, dir=folder) for a in args))
    assert result.exit_code == 2, result.output
    assert "names a file this command reads" in result.output
    assert "nothing was checked or changed" in result.output
    assert _unchanged(report)
    assert settings.read_text(encoding="utf-8") == "fail-on: never\n"
    assert _listing(folder) == before


def test_annotate_refuses_the_report_itself_by_another_spelling(tmp_path: Path) -> None:
    from docx_factory import build

    source = build(tmp_path / "report.docx", "Analysis", "Mum's mental health is stable.")
    data = source.read_bytes()
    result = run_cli("annotate", str(source), "-o", str(tmp_path / "." / "report.docx"))
    assert result.exit_code == 2
    assert "names a file this command reads" in result.output
    assert source.read_bytes() == data


def test_a_new_output_in_a_checked_folder_under_a_report_name_is_refused(report: Path) -> None:
    result = run_cli("check", str(report.parent), "-o", str(report.parent / "findings.md"))
    assert result.exit_code == 2
    assert "read as a report the next time" in result.output
    assert not (report.parent / "findings.md").exists()


def test_outputs_that_cannot_be_read_as_reports_may_sit_beside_them(report: Path) -> None:
    folder = report.parent
    json_file = folder / "findings.json"
    result = run_cli("check", "--format", "json", "-o", str(json_file), str(folder))
    assert result.exit_code in (0, 1), result.output
    assert json.loads(json_file.read_text(encoding="utf-8"))["files"][0]["path"] == str(report)
    # A hidden folder is never searched, so a report name there is safe.
    (folder / ".out").mkdir()
    hidden = run_cli("check", "-o", str(folder / ".out" / "findings.txt"), str(folder))
    assert hidden.exit_code in (0, 1), hidden.output
    assert _unchanged(report)


def test_two_outputs_that_are_one_file_are_refused(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(
        "report", str(report), "--html", str(out / "team.csv"), "--csv", str(out / "team.csv")
    )
    assert result.exit_code == 2
    assert "name the same file" in result.output
    assert _listing(out) == []


def _failing_open(number: int):  # type: ignore[no-untyped-def]
    real_open = os.open

    def fake(path: str | Path, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise OSError(number, os.strerror(number), str(path))
        return real_open(path, flags, mode)

    return fake


@pytest.mark.parametrize(
    ("number", "advice"),
    [
        (errno.EACCES, "you do not have permission to write there"),
        (errno.EROFS, "the drive is read-only"),
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "your disk quota is used up"),
    ],
)
@pytest.mark.parametrize("command", ["check", "report", "baseline"])
def test_a_file_that_cannot_be_created_is_one_line_and_exit_2(
    report: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    number: int,
    advice: str,
    command: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "findings.json"
    monkeypatch.setattr(os, "open", _failing_open(number))
    args = {
        "check": ["check", "--format", "json", "-o", str(target), str(report)],
        "report": ["report", "--html", str(target), str(report)],
        "baseline": ["baseline", str(target), str(report)],
    }[command]
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(message) == 1
    assert message[0].startswith(f"error: {target}: could not be written: {advice}")
    assert "Traceback" not in result.output
    assert _listing(out) == []


def test_a_missing_folder_is_named(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "findings.html"
    result = run_cli("report", "--html", str(target), str(report))
    assert result.exit_code == 2
    assert f"{target}: could not be written: its folder does not exist" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write in a read-only folder")
def test_a_read_only_folder_is_named(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run_cli("check", "-o", str(out / "findings.txt"), str(report))
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2
    assert "could not be written: you do not have permission" in result.output
    assert _listing(out) == []


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_the_file_size_limit_is_a_message_not_a_killed_process(
    report: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "findings.json"
    # Python ignores SIGXFSZ, so writing past the limit fails with EFBIG instead of killing.
    command = ["check", "--format", "json", "-o", str(target), str(report)]
    result = subprocess.run(
        [sys.executable, "-m", "assesslint", *command],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_file_size,  # a limit for the child alone
    )
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.returncode != -signal.SIGXFSZ
    assert f"{target}: could not be written: it would be bigger than this system allows" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert _listing(out) == []


def test_a_full_standard_output_is_exit_2(report: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "assesslint", "check", str(report)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 2
    assert "standard output could not be written: the disk is full" in result.stderr
    assert "Traceback" not in result.stderr


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_file_of_a_killed_run_is_removed_and_never_a_report(tmp_path: Path) -> None:
    host = output_module._host()
    stale = tmp_path / f".findings.json.{host}-{_dead_pid()}-0123abcd.tmp"
    live = tmp_path / f".findings.json.{host}-{os.getppid()}-0123abcd.tmp"
    elsewhere = tmp_path / ".findings.json.another-machine-1-0123abcd.tmp"
    for path in (stale, live, elsewhere):
        path.write_text("{", encoding="utf-8")
    remove_stale_temporaries(tmp_path, "findings.json")
    assert not stale.exists()
    assert live.exists()  # a run still going
    assert elsewhere.exists()  # another computer's process numbers mean nothing here
    from assesslint.files import discover

    assert discover([str(tmp_path)]) == []


def test_a_killed_run_leaves_no_report_and_the_next_run_tidies_up(
    report: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "findings.json"
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITE_AND_HANG, str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.kill()
    child.wait()
    left = _listing(out)
    assert len(left) == 1
    assert left[0].startswith(".findings.json.") and left[0].endswith(".tmp")
    result = run_cli("check", "--format", "json", "-o", str(target), str(report))
    assert result.exit_code in (0, 1), result.output
    assert _listing(out) == ["findings.json"]


_WRITE_AND_HANG = """
import sys, time
from pathlib import Path
from assesslint.formatters.output import atomic_file
with atomic_file(Path(sys.argv[1])) as stream:
    stream.write(b"{")
    print("writing", flush=True)
    time.sleep(60)
"""


def test_a_fault_in_assesslint_is_exit_2_without_report_text(
    report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assesslint import summary

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a sentence from the report that must not be shown")

    monkeypatch.setattr(summary.Summary, "of", broken)
    result = run_cli("check", str(report))
    assert result.exit_code == 2
    assert "fault in assesslint itself (RuntimeError)" in result.output
    assert "must not be shown" not in result.output
