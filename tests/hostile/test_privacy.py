"""No network, no changed inputs, and no report text anywhere but the output asked for."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assesslint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
SECRET_SENTENCE = "Mum's mental health is stable"


def team(folder: Path) -> Path:
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "ci"))
    return folder


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class _NoNetwork(socket.socket):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("assesslint tried to open a network socket")


def test_no_network_in_check_report_and_annotate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = team(tmp_path / "team")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("assesslint tried to reach the network")

    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    runner = CliRunner()
    # -j 2: forked workers inherit the refusal too.
    checked = runner.invoke(main, ["check", "-j", "2", "--format", "json", str(folder)])
    # A refused socket would surface as an AssertionError, not as an ordinary exit.
    assert isinstance(checked.exception, SystemExit) and checked.exit_code == 1, checked.output
    assert len(json.loads(checked.output)["files"]) == 6
    reported = runner.invoke(
        main, ["report", "-j", "2", str(folder), "--html", str(tmp_path / "r.html")]
    )
    assert isinstance(reported.exception, SystemExit), reported.output
    assert (tmp_path / "r.html").exists()
    annotated = runner.invoke(
        main,
        [
            "annotate",
            str(folder / "05-conference-report-mixed.docx"),
            "-o",
            str(tmp_path / "a.docx"),
        ],
    )
    assert isinstance(annotated.exception, SystemExit), annotated.output
    assert (tmp_path / "a.docx").exists()


def test_inputs_are_never_changed(tmp_path: Path) -> None:
    folder = team(tmp_path / "team")
    before = hashes(folder)
    runner = CliRunner()
    runner.invoke(main, ["check", str(folder)])
    runner.invoke(main, ["report", str(folder), "--html", str(tmp_path / "r.html")])
    runner.invoke(main, ["baseline", str(tmp_path / "b.json"), str(folder)])
    for report in folder.glob("*.docx"):
        runner.invoke(
            main, ["annotate", str(report), "-o", str(tmp_path / f"{report.stem}.out.docx")]
        )
    assert hashes(folder) == before


def test_report_text_goes_only_where_it_was_asked(tmp_path: Path) -> None:
    """Run every command in a child process with its own temp folder, home and cwd."""
    folder = team(tmp_path / "team")
    marker = f"Zebedee {uuid.uuid4().hex} feeds the goldfish"  # in no rule or example
    (folder / "marker.txt").write_text(f"Analysis:\n{marker}. Mum is stable.\n")
    work, private_tmp, home = tmp_path / "work", tmp_path / "tmp", tmp_path / "home"
    for made in (work, private_tmp, home):
        made.mkdir()
    env = {**os.environ, "TMPDIR": str(private_tmp), "HOME": str(home), "COLUMNS": "100"}
    env.pop("XDG_CACHE_HOME", None)
    env.pop("ASSESSLINT_CACHE_DIR", None)  # the real default: the rules cache in ~/.cache
    commands = [
        ["check", "--no-snippets", str(folder)],
        ["check", "--no-snippets", "--format", "sarif", str(folder)],
        ["report", "--no-snippets", str(folder), "--html", "r.html", "--csv", "r.csv"],
        ["annotate", str(folder / "01-child-and-family-assessment-good.docx"), "-o", "a.docx"],
        ["baseline", "b.json", str(folder)],
    ]
    for command in commands:
        done = subprocess.run(
            [sys.executable, "-m", "assesslint", *command],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode in (0, 1), (command, done.stderr)
        # With --no-snippets, nothing of the reports reaches the screen or the log.
        if "--no-snippets" in command:
            assert SECRET_SENTENCE not in done.stdout + done.stderr, command
        assert "Traceback" not in done.stderr
    assert sorted(p.name for p in work.iterdir()) == ["a.docx", "b.json", "r.csv", "r.html"]
    for name in ("r.csv", "r.html", "b.json"):
        assert SECRET_SENTENCE not in (work / name).read_text(encoding="utf-8-sig"), name
    assert list(private_tmp.iterdir()) == [], "no temporary file is left behind"
    # The only thing kept in the home folder is the loaded rules (see loadcache.py).
    cached = [p for p in home.rglob("*") if p.is_file()]
    assert cached, "the rules are kept between runs"
    for path in cached:
        assert path.parent == home / ".cache" / "assesslint", path
        assert path.name.startswith(("rules-", "sections-", "pattern-facts-")), path
        assert marker.encode() not in path.read_bytes(), path
