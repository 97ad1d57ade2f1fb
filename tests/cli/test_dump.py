"""`assesslint dump`: how a report was read, for QA teams mapping their templates."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assesslint.cli import main

from docx_factory import build, label_table, p, sdt, tbl, tc, tr

ANSWERS = {
    "Reason for assessment": ("Nursery raised concerns about bruising.", "reason"),
    "Child's views": ("Leo showed me his toy car and laughed.", "child-voice"),
    "Parenting capacity": ("Mum gets Leo to nursery every day.", "parenting-capacity"),
    "Analysis": ("The worry is how mornings go when Mum is low.", "analysis"),
    "Plan": ("Mum will ring her sister on bad mornings.", "plan"),
}


def export(tmp_path: Path) -> Path:
    """A report laid out as a case-management system exports it: label | answer rows."""
    rows = [
        tr(tc(p("CHILD AND FAMILY ASSESSMENT", bold=True), span=2)),
        *(
            tr(tc(p(label, bold=True), shade=True), tc(sdt(p(answer))))
            for label, (answer, _) in ANSWERS.items()
        ),
    ]
    return build(tmp_path / "export.docx", tbl(*rows))


def test_every_answer_once_under_its_canonical_section(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dump", "--format", "json", str(export(tmp_path))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["format"] == "docx"
    answers = [b for b in data["blocks"] if b["kind"] == "table-cell"]
    assert [(b["text"], b["section"], b["canonical"]) for b in answers] == [
        (answer, label, canonical) for label, (answer, canonical) in ANSWERS.items()
    ]
    assert answers[1]["location"] == {
        "paragraph": 1,
        "table": [{"table": 1, "row": 3, "column": 2}],
    }
    texts = [b["text"] for b in data["blocks"]]
    assert len(texts) == len(set(texts))


def test_table_output_names_sections(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dump", str(export(tmp_path))], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for label, (_, canonical) in ANSWERS.items():
        assert label in result.output
        assert canonical in result.output
    assert "table 1, row 3, column 2" in result.output


def test_config_aliases_are_used(tmp_path: Path) -> None:
    report = build(tmp_path / "r.docx", label_table(("What I told my worker", "I like my dog.")))
    config = tmp_path / ".assesslint.yaml"
    config.write_text("sections:\n  child-voice: ['what i told my worker']\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dump", "--format", "json", str(report)])
    cell = json.loads(result.output)["blocks"][1]
    assert cell["canonical"] == "child-voice"


def test_bad_config_exits_2_with_location(tmp_path: Path) -> None:
    report = build(tmp_path / "r.docx", p("Text."))
    config = tmp_path / ".assesslint.yaml"
    config.write_text("sectionz: {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dump", str(report)])
    assert result.exit_code == 2
    assert f"{config.resolve()}:1:1: unknown key 'sectionz'" in result.output


def test_unreadable_file_exits_2_with_its_code(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"not a zip at all")
    result = CliRunner().invoke(main, ["dump", str(path)])
    assert result.exit_code == 2
    assert "not-a-docx" in result.output
    assert "Traceback" not in result.output


def test_text_file_notice_goes_to_stderr_with_json(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("Analysis:\nCosts £5.".encode("cp1252"))
    result = CliRunner().invoke(main, ["dump", "--format", "json", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["blocks"][1]["text"] == "Costs £5."
    assert "Windows-1252" in result.stderr
