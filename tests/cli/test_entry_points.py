"""assesslint runs as a console script and as `python -m assesslint`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assesslint import __version__
from assesslint.cli import main
from assesslint.leave import status_of

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assesslint", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"assesslint, version {__version__}"


def test_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assesslint", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "dump" in result.stdout


def _program(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assesslint", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_the_program_gives_its_whole_output_and_the_contract_exit_codes(tmp_path: Path) -> None:
    # The program ends without Python's tear-down; everything it wrote must still arrive.
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a Word file")
    in_process = CliRunner().invoke(main, ["check", "--format", "json", str(EXAMPLES)])
    whole = _program("check", "--format", "json", str(EXAMPLES))
    assert whole.returncode == in_process.exit_code == 1
    assert json.loads(whole.stdout) == json.loads(in_process.output)
    assert _program("check", "--fail-on", "never", str(EXAMPLES)).returncode == 0
    unreadable = _program("check", "--fail-on", "never", str(broken), str(EXAMPLES))
    assert unreadable.returncode == 2
    assert "could not be read" in unreadable.stdout
    usage = _program("check", "--format", "pdf", str(EXAMPLES))
    assert usage.returncode == 2
    assert "Invalid value for '--format'" in usage.stderr


def test_an_exit_message_is_printed_with_status_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert status_of(None) == 0
    assert status_of(3) == 3
    assert status_of("stopped") == 1
    assert capsys.readouterr().err == "stopped\n"


@pytest.mark.parametrize("other_thread", [False, True])
def test_exit_handlers_run_and_output_arrives(other_thread: bool) -> None:
    # With a thread still running (a cluster client's, say) Python's own exit is used.
    script = (
        "import atexit, threading, time\n"
        "from assesslint.leave import run_then_leave\n"
        "atexit.register(lambda: print('handlers ran', flush=True))\n"
        f"if {other_thread}: threading.Thread(target=time.sleep, args=(0.3,)).start()\n"
        "def command():\n"
        "    print('done', end=' ')\n"
        "    raise SystemExit(1)\n"
        "run_then_leave(command)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (1, "done handlers ran\n")
