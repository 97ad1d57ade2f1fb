"""Named pipes never stall a run, and links in a folder are followed only when asked.

Each command runs in a child process with a time limit: before this was fixed, a pipe
named like a report made the run wait for ever, so a hang must fail the test, not hang it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SMALL_REPORT

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assesslint", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=cwd,
    )


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "a.txt").write_text(SMALL_REPORT, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "to-pipe.md").symlink_to(folder / "pipe.txt")
    return folder


def test_a_folder_with_a_pipe_is_checked_without_waiting(team: Path) -> None:
    for extra in ([], ["--follow-links"]):
        result = _run("check", "--format", "json", *extra, str(team))
        files = [f["path"] for f in json.loads(result.stdout)["files"]]
        assert files == [str(team / "a.txt")]
        assert result.returncode == 1, result.stderr  # findings in a.txt, nothing unreadable
        assert "passed over" in result.stderr or "not followed" in result.stderr


def test_a_pipe_named_on_the_command_line_is_refused_not_read(team: Path) -> None:
    for name in ("pipe.txt", "to-pipe.md"):
        result = _run("check", "--format", "json", str(team / name), str(team / "a.txt"))
        assert result.returncode == 2
        files = json.loads(result.stdout)["files"]
        refused = next(f for f in files if f["path"] == str(team / name))
        assert refused["error"]["code"] == "unreadable"
        assert "named pipe" in refused["error"]["message"]
        assert any(f["path"] == str(team / "a.txt") and f["findings"] for f in files)


def test_a_pipe_as_the_configuration_file_is_a_clear_error(team: Path) -> None:
    os.mkfifo(team / "settings.yaml")
    result = _run("check", "--config", str(team / "settings.yaml"), str(team / "a.txt"))
    assert result.returncode == 2
    assert "named pipe" in result.stderr


def test_a_linked_report_outside_the_folder_is_not_quoted(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "a.txt").write_text(SMALL_REPORT, encoding="utf-8")
    private = tmp_path / "private.txt"
    private.write_text("Plan:\n- Mr Quill to engage with services.\n", encoding="utf-8")
    (team / "b.txt").symlink_to(private)
    plain = _run("check", str(team))
    assert "Quill" not in plain.stdout
    assert "1 symbolic link in the folders was not followed" in plain.stderr
    followed = _run("check", "--follow-links", str(team))
    assert "Quill" in followed.stdout
