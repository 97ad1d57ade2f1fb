"""A baseline hides the findings it knows, and only those."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from assesslint.cli import main

from helpers import SMALL_REPORT, run_cli


def rules_of(result: Result) -> list[tuple[str, str | None]]:
    data = json.loads(result.stdout)
    return [(f["rule"], f["match"]) for file in data["files"] for f in file["findings"]]


def test_a_baseline_hides_only_known_findings(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "leo.txt"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    made = run_cli("baseline", str(baseline), str(folder))
    assert made.exit_code == 0, made.output
    assert "Recorded" in made.output
    stored = baseline.read_text(encoding="utf-8")
    assert "stable" not in stored.replace("stable-without-risk", "")  # no report text
    assert json.loads(stored)["findings"][0]["path"] == "reports/leo.txt"

    clean = CliRunner().invoke(
        main, ["check", "--baseline", str(baseline), "--format", "json", str(report)]
    )
    assert clean.exit_code == 0 and rules_of(clean) == []
    assert "hidden by the baseline" in clean.stderr

    # New paragraphs above a known finding, and one new problem.
    report.write_text(
        SMALL_REPORT.replace(
            "Parenting capacity:\n",
            "Parenting capacity:\nMum works nights at the bakery.\n\nDad's drinking is stable.\n\n",
        ),
        encoding="utf-8",
    )
    new = CliRunner().invoke(
        main, ["check", "--baseline", str(baseline), "--format", "json", str(report)]
    )
    assert rules_of(new) == [("stable-without-risk", "stable")]
    snippet = json.loads(new.stdout)["files"][0]["findings"][0]["location"]
    assert snippet["line"] == 7  # the new one, not the known one on line 9
    text = run_cli("check", "--baseline", str(baseline), "--fail-on", "warning", str(report))
    assert text.exit_code == 1
    assert "known findings were hidden by the baseline" in text.output


def test_the_same_sentence_twice_needs_two_entries(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Parenting capacity:\nMum is stable.\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    run_cli("baseline", str(baseline), str(report))
    report.write_text(
        "Parenting capacity:\nMum is stable.\n\nHealth:\nMum is stable.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--select",
            "stable-without-risk",
            "--baseline",
            str(baseline),
            "--format",
            "json",
            str(report),
        ],
    )
    assert len(rules_of(result)) == 1


def test_a_missing_or_wrong_baseline_is_a_clear_error(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    missing = run_cli("check", "--baseline", str(tmp_path / "none.json"), str(report))
    assert missing.exit_code == 2 and "assesslint baseline FILE" in missing.output
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"schema": "something-else"}', encoding="utf-8")
    result = run_cli("check", "--baseline", str(wrong), str(report))
    assert result.exit_code == 2 and "not an assesslint baseline" in result.output
