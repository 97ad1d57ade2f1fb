"""Suppression written in the report: only its range, only its rule, and always counted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from assesslint.cli import main

from docx_factory import build

RULES = "jargon-acronym,stable-without-risk,unowned-opinion"


def findings(path: Path) -> tuple[list[tuple[str, str | None]], str]:
    result = CliRunner().invoke(main, ["check", "--select", RULES, "--format", "json", str(path)])
    data = json.loads(result.stdout)
    found = [(f["rule"], f["match"]) for f in data["files"][0]["findings"]]
    return found, result.stderr


def test_text_ignore_covers_the_next_block_and_its_rule_only(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "Parenting capacity:\n"
        "<!-- assesslint: ignore stable-without-risk -->\n"
        "Mum's mood is stable. It is felt that she copes.\n\n"
        "Dad's mood is stable.\n",
        encoding="utf-8",
    )
    found, note = findings(report)
    assert found == [("unowned-opinion", "It is felt"), ("stable-without-risk", "stable")]
    assert "1 finding was suppressed by comments" in note
    text = CliRunner().invoke(main, ["check", "--select", RULES, str(report)]).output
    assert "(16 words, 2 findings, 1 suppressed)" in text
    assert "assesslint" not in text.split("\n", 1)[1].split("Checked")[0]  # not report text


def test_text_disable_and_enable(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "Reason for assessment:\nThe MASH referred Leo.\n\n"
        "<!-- assesslint: disable -->\n"
        "Parenting capacity:\nMum is stable. It is felt that she copes.\n\n"
        "<!-- assesslint: enable -->\n"
        "Analysis:\nDad is stable.\n",
        encoding="utf-8",
    )
    found, _ = findings(report)
    assert found == [("jargon-acronym", "MASH"), ("stable-without-risk", "stable")]
    assert found[1] == ("stable-without-risk", "stable")


def test_markdown_comment(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text(
        "## Parenting capacity\n\n"
        "<!-- assesslint: ignore unowned-opinion, stable-without-risk -->\n"
        "Mum is stable. It is felt that she copes.\n\n"
        "Dad is stable.\n",
        encoding="utf-8",
    )
    found, _ = findings(report)
    assert found == [("stable-without-risk", "stable")]


def _commented(document: Any, text: str, comment: str) -> None:
    paragraph = document.add_paragraph(text)
    document.add_comment(paragraph.runs, text=comment, author="Team manager", initials="TM")


def test_word_comment_suppresses_its_paragraphs_and_rules(tmp_path: Path) -> None:
    def setup(document: Any) -> None:
        document.add_heading("Parenting capacity", level=1)
        _commented(
            document,
            "Mum's mood is stable. It is felt that she copes.",
            "assesslint: ignore stable-without-risk\nAgreed in supervision: see the GP letter.",
        )
        document.add_paragraph("Dad's mood is stable.")
        _commented(document, "The MASH referred Leo.", "Please check this date.")
        _commented(document, "It was noted that Leo was cold.", "assesslint: ignore")

    report = build(tmp_path / "r.docx", setup=setup)
    found, note = findings(report)
    assert found == [
        ("unowned-opinion", "It is felt"),
        ("stable-without-risk", "stable"),
        ("jargon-acronym", "MASH"),  # an ordinary comment suppresses nothing
    ]
    assert "2 findings were suppressed by comments" in note


def test_suppressed_findings_are_in_sarif_marked_as_suppressed(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "Parenting capacity:\n<!-- assesslint: ignore -->\nMum is stable.\n", encoding="utf-8"
    )
    log = json.loads(
        CliRunner()
        .invoke(main, ["check", "--format", "sarif", "--select", RULES, str(report)])
        .stdout
    )
    results = log["runs"][0]["results"]
    assert [r.get("suppressions") for r in results] == [[{"kind": "inSource"}]]


def test_a_misspelt_rule_is_pointed_out(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "Parenting capacity:\n<!-- assesslint: ignore stable-without-risks -->\nMum is stable.\n",
        encoding="utf-8",
    )
    found, _ = findings(report)
    assert found == [("stable-without-risk", "stable")]
    out = (
        CliRunner()
        .invoke(main, ["check", "--select", RULES, str(report)], env={"COLUMNS": "300"})
        .output
    )
    assert "the suppression at line 2 names stable-without-risks, which is not a rule" in out
