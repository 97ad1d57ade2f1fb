"""`assesslint annotate`: a comment on exactly the words of each finding, nothing else changed."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner, Result
from lxml import etree

from assesslint.cli import main
from assesslint.readers import read_document
from assesslint.readers.sections import default_section_map

from docx_factory import W, build, ins, label_table, p, r, sdt

FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> DOCPROPERTY Team </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "<w:r><w:t>IN</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})


def report(tmp_path: Path) -> Path:
    """A report with findings in every kind of place a run can be."""
    colour = '<w:color w:val="C00000"/><w:sz w:val="26"/>'
    return build(
        tmp_path / "leo.docx",
        p("Reason for assessment", style="Heading1"),
        p(r("Referral from the "), r("MASH referred Leo", props=colour), r(" in March.")),
        p("Parenting capacity", style="Heading1"),
        p(r("Mum's mental health is "), r("sta", bold=True), r("ble.", italic=True)),
        label_table(("Health", "Leo's health visitor contact is by phone; it is felt fine.")),
        p(r("Nursery and "), sdt(r("CAMHS")), r(" were asked.")),
        p(r("The plan was shared with "), ins(r("the LADO")), r(" on 4 March.")),
        p(r("Leo has been open to C"), FIELD, r(" since May.")),
        p("Analysis", style="Heading1"),
        p("Mum attended the meeting on 15 January."),
        comment=("Commented paragraph at the end.", "A colleague's comment."),
    )


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment ID -> the text between its range markers, in reading order."""
    document = docx.Document(str(path))
    open_ranges: dict[str, str] = {}
    texts: dict[str, str] = {}
    for element in document.element.iter():
        tag = etree.QName(element).localname
        comment = element.get(f"{{{W}}}id")
        if tag == "commentRangeStart":
            open_ranges[comment] = ""
        elif tag == "commentRangeEnd" and comment in open_ranges:
            texts[comment] = open_ranges.pop(comment)
        elif tag == "t":
            for key in open_ranges:
                open_ranges[key] += element.text or ""
    return texts


def test_every_comment_sits_on_exactly_its_words(tmp_path: Path) -> None:
    source = report(tmp_path)
    original = source.read_bytes()
    checked = json.loads(run("check", "--format", "json", str(source)).output)
    findings = checked["files"][0]["findings"]
    result = run("annotate", str(source))
    assert result.exit_code == 1, result.output  # as `check`: there are error findings
    reviewed = tmp_path / "leo.reviewed.docx"
    assert reviewed.exists() and source.read_bytes() == original  # the input is untouched
    assert "1 finding could not be placed on the exact words" in result.output

    document = docx.Document(str(reviewed))
    comments = {str(c.comment_id): c for c in document.comments}
    ours = {k: c for k, c in comments.items() if c.author == "assesslint"}
    theirs = [c for c in comments.values() if c.author == "Reviewer"]
    assert [c.text for c in theirs] == ["A colleague's comment."]  # existing comments kept
    texts = anchored_texts(reviewed)
    by_message = {c.text.split("\n")[0]: texts[k] for k, c in ours.items()}
    exact = [f for f in findings if f["match"] is not None and f["match"] != "CIN"]
    for finding in exact:
        assert by_message[finding["message"]] == finding["match"], finding["rule"]
    matched = {f["match"] for f in exact}
    assert matched == {"MASH", "stable", "it is felt", "CAMHS", "LADO"}
    heading = next(f for f in findings if f["rule"] == "analysis-missing-impact")
    assert by_message[heading["message"]] == "Analysis"
    summary = next(c for c in ours.values() if c.text.startswith("assesslint found"))
    assert texts[str(summary.comment_id)] == "Reason for assessment"
    assert "These could not be placed on the exact words" in summary.text
    assert "CIN" in summary.text.split("These could not")[1]  # the one across a field
    for whole in (f for f in findings if f["location"]["block"] is None):
        assert whole["message"] in summary.text
    # One comment per finding on a block, plus the summary (which holds the rest).
    on_blocks = [f for f in findings if f["location"]["block"] is not None and f["match"] != "CIN"]
    assert len(ours) == len(on_blocks) + 1

    sections = default_section_map()
    before, after = read_document(source, sections), read_document(reviewed, sections)
    assert after.text == before.text  # the report's words are unchanged


def test_formatting_is_kept_when_runs_are_split(tmp_path: Path) -> None:
    source = report(tmp_path)
    run("annotate", str(source))
    document = docx.Document(str(tmp_path / "leo.reviewed.docx"))
    paragraphs = {p.text: p for p in document.paragraphs}
    stable = paragraphs["Mum's mental health is stable."]
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in stable.runs if r.text] == [
        ("Mum's mental health is ", False, False),
        ("sta", True, False),
        ("ble", False, True),
        (".", False, True),
    ]
    referral = paragraphs["Referral from the MASH referred Leo in March."]
    coloured = [r for r in referral.runs if r.font.color.rgb is not None]
    assert [r.text for r in coloured] == ["MASH", " referred Leo"]
    assert all(str(r.font.color.rgb) == "C00000" and r.font.size.pt == 13 for r in coloured)


def test_output_choices_and_refusals(tmp_path: Path) -> None:
    source = report(tmp_path)
    chosen = tmp_path / "out" / "copy.docx"
    chosen.parent.mkdir()
    assert run("annotate", str(source), "-o", str(chosen), "--author", "QA team").exit_code == 1
    assert {c.author for c in docx.Document(str(chosen)).comments} >= {"QA team"}
    over = run("annotate", str(source), "--output", str(source))
    assert over.exit_code == 2 and "names a file this command reads" in over.output
    text = tmp_path / "r.txt"
    text.write_text("Plan:\n- Mum to engage.\n", encoding="utf-8")
    assert run("annotate", str(text)).exit_code == 2
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx")
    result = run("annotate", str(broken))
    assert result.exit_code == 2 and "not-a-docx" in result.output
    assert not (tmp_path / "broken.reviewed.docx").exists()
    quiet = run(
        "annotate", str(source), "--select", "jargon-bureaucratic", "-o", str(tmp_path / "q.docx")
    )
    assert quiet.exit_code == 0 and "0 findings" in quiet.output
