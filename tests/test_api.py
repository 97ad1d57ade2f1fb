"""The Python API a case-management system would call."""

from __future__ import annotations

from pathlib import Path

import pytest

import assesslint
from assesslint import api
from assesslint.config import Config

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_check_file_and_check_text_give_file_results() -> None:
    result = assesslint.check_file(EXAMPLES / "04-pre-birth-assessment-poor.md")
    assert result.error is None and result.format == "markdown"
    assert "stable-without-risk" in {f.rule for f in result.findings}
    text = assesslint.check_text("Parenting capacity:\nMum's mental health is stable.\n")
    assert [f.rule for f in text.findings if f.rule == "stable-without-risk"] == [
        "stable-without-risk"
    ]
    markdown = assesslint.check_text("## Plan\n\n- Ongoing monitoring.\n", fmt="markdown")
    assert markdown.format == "markdown"
    assert "outcome-not-smart" in {f.rule for f in markdown.findings}


def test_the_pipeline_is_reused_across_calls() -> None:
    assesslint.check_text("Plan:\n- Mum to engage.\n")
    engine = api._setup(None).engine
    assesslint.check_text("Plan:\n- Dad to engage.\n")
    assert api._setup(None).engine is engine


def test_a_bad_report_is_a_result_not_an_exception(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx")
    result = assesslint.check_file(broken)
    assert result.error is not None and result.error.code == "not-a-docx"
    assert assesslint.check_text("   ").error is not None
    with pytest.raises(ValueError, match="fmt must be"):
        assesslint.check_text("x", fmt="docx")


def test_configuration(tmp_path: Path) -> None:
    config = tmp_path / ".assesslint.yaml"
    config.write_text("select: [jargon]\n", encoding="utf-8")
    result = assesslint.check_text(
        "Reason:\nThe MASH referred Leo. Mum is stable.\n", config=config
    )
    assert {f.category for f in result.findings} == {"jargon"}
    given = assesslint.check_text(
        "Reason:\nThe MASH referred Leo. Mum is stable.\n",
        config=Config(ignore=("jargon",)),
    )
    assert "jargon-acronym" not in {f.rule for f in given.findings}
