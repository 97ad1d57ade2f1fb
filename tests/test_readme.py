"""The README's quick start and its sample output say what the tool really does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assesslint.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_has_exactly_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2, commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci.replace(" --quiet", "") == commands[1], "CI must run the README's test command"


@pytest.mark.parametrize(
    "report", re.findall(r"<!-- check-output: (\S+) -->", README), ids=lambda r: r
)
def test_sample_output_is_what_check_prints(report: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    shown = README.split(f"<!-- check-output: {report} -->\n```\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(main, ["check", report], env={"COLUMNS": "96"})
    assert result.output == shown, "paste the new output into README.md after reading it"


def test_every_safety_guarantee_names_a_test_that_exists() -> None:
    section = README.split("## Safety and privacy", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", section)
    assert len(named) >= 15
    for path, name in named:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert f"def {name}(" in source, f"{path}::{name}"


def test_the_exit_codes_in_the_readme_and_in_help_agree() -> None:
    table = README.split("### Exit codes", 1)[1].split("\n### ", 1)[0]
    codes = dict(re.findall(r"^\| (\d+) \| (.+) \|$", table, re.MULTILINE))
    assert sorted(codes) == ["0", "1", "130", "2"]
    helps = [
        CliRunner().invoke(main, [*command, "--help"], env={"COLUMNS": "200"}).output
        for command in ([], ["check"])
    ]
    # What exit 2 covers, in the words both use.
    for words in ("could not be read", "could not be written", "fault in assesslint"):
        assert words in codes["2"]
        for shown in helps:
            assert words in " ".join(shown.split()), (words, shown)
