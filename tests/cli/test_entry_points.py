"""assesslint runs as a console script and as `python -m assesslint`."""

from __future__ import annotations

import subprocess
import sys

from assesslint import __version__


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
