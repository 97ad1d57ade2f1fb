"""The .docx reader on documents built in the test, one Word feature at a time."""

from __future__ import annotations

from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE

from assesslint.models import BlockKind, Document, TableCell
from assesslint.readers import read_document
from assesslint.readers.sections import SectionMap

from docx_factory import (
    build,
    dele,
    footnote_reference,
    hyperlink,
    ins,
    p,
    r,
    sdt,
    tbl,
    tc,
    textbox,
    tr,
)
from helpers import assert_spans_consistent, outline


def read(path: Path, sections: SectionMap) -> Document:
    document = read_document(path, sections)
    assert_spans_consistent(document)
    return document


def texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


def test_headings_by_style_paragraphs_and_lists(tmp_path: Path, sections: SectionMap) -> None:
    path = build(
        tmp_path / "a.docx",
        p("Child and family assessment", style="Title"),
        p("Reason for assessment", style="Heading1"),
        p("Leo was referred by his health visitor."),
        p("Parenting capacity", style="Heading1"),
        p("Stability", style="Heading2"),
        p("Mum has lived at the same address for three years."),
        p("Mum will keep her GP appointments.", style="ListBullet"),
        p("Dad will collect Leo from nursery.", num=(1, 0)),
    )
    document = read(path, sections)
    assert outline(document) == [
        ("heading", "Child and family assessment", "Child and family assessment", None),
        ("heading", "Reason for assessment", "Reason for assessment", "reason"),
        ("paragraph", "Leo was referred by his health visitor.", "Reason for assessment", "reason"),
        ("heading", "Parenting capacity", "Parenting capacity", "parenting-capacity"),
        ("heading", "Stability", "Stability", "stability"),
        (
            "paragraph",
            "Mum has lived at the same address for three years.",
            "Stability",
            "stability",
        ),
        ("list-item", "Mum will keep her GP appointments.", "Stability", "stability"),
        ("list-item", "Dad will collect Leo from nursery.", "Stability", "stability"),
    ]
    levels = [block.level for block in document.blocks if block.kind is BlockKind.HEADING]
    assert levels == [0, 1, 1, 2]
    stability = document.blocks[5].section
    assert stability.names == {"stability", "parenting-capacity"}
    assert [block.source.paragraph for block in document.blocks] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_custom_heading_style_and_outline_level(tmp_path: Path, sections: SectionMap) -> None:
    def add_style(document: object) -> None:
        styles = document.styles  # type: ignore[attr-defined]
        custom = styles.add_style("Report Heading", WD_STYLE_TYPE.PARAGRAPH)
        custom.base_style = styles["Heading 2"]

    path = build(
        tmp_path / "b.docx",
        p("Analysis", style="ReportHeading"),
        p("The worry is that Leo is hungry at nursery."),
        p("Plan", ppr='<w:outlineLvl w:val="0"/>'),
        p("Mum will pack a lunch every day."),
        setup=add_style,
    )
    document = read(path, sections)
    assert [(b.kind.value, b.level, b.section.canonical) for b in document.blocks] == [
        ("heading", 2, "analysis"),
        ("paragraph", None, "analysis"),
        ("heading", 1, "plan"),
        ("paragraph", None, "plan"),
    ]


def test_each_template_keeps_its_own_styles(tmp_path: Path, sections: SectionMap) -> None:
    # Style sheets are shared between reports of one template, never between templates.
    def add_style(document: object) -> None:
        styles = document.styles  # type: ignore[attr-defined]
        custom = styles.add_style("Report Heading", WD_STYLE_TYPE.PARAGRAPH)
        custom.base_style = styles["Heading 2"]

    blocks = (p("Analysis", style="ReportHeading"), p("Leo is hungry at nursery."))
    styled = build(tmp_path / "styled.docx", *blocks, setup=add_style)
    plain = build(tmp_path / "plain.docx", *blocks)
    for path, first in [(styled, "heading"), (plain, "paragraph"), (styled, "heading")]:
        assert read(path, sections).blocks[0].kind.value == first, path.name


def test_bold_standalone_paragraphs_are_headings_when_no_styles(
    tmp_path: Path, sections: SectionMap
) -> None:
    path = build(
        tmp_path / "c.docx",
        p("Reason for assessment", bold=True),
        p("School raised a concern about attendance."),
        p("Child's views:", bold=True),
        p("Sam, aged 4", bold=True),
        p("Sam showed me his bedroom and smiled."),
        p("Analysis", bold=True),
        p("A sentence with ", r("some bold", bold=True), " words is not a heading."),
        p(
            "This bold paragraph is far too long to be a heading because it goes on and on.",
            bold=True,
        ),
    )
    document = read(path, sections)
    assert outline(document) == [
        ("heading", "Reason for assessment", "Reason for assessment", "reason"),
        (
            "paragraph",
            "School raised a concern about attendance.",
            "Reason for assessment",
            "reason",
        ),
        ("heading", "Child's views:", "Child's views:", "child-voice"),
        ("heading", "Sam, aged 4", "Sam, aged 4", None),
        ("paragraph", "Sam showed me his bedroom and smiled.", "Sam, aged 4", None),
        ("heading", "Analysis", "Analysis", "analysis"),
        ("paragraph", "A sentence with some bold words is not a heading.", "Analysis", "analysis"),
        (
            "paragraph",
            "This bold paragraph is far too long to be a heading because it goes on and on.",
            "Analysis",
            "analysis",
        ),
    ]
    # The unknown label sits inside the child's views, so rules about that section apply.
    assert document.blocks[4].section.names == {"child-voice"}


def test_bold_labels_with_heading_styles_only_when_known(
    tmp_path: Path, sections: SectionMap
) -> None:
    path = build(
        tmp_path / "d.docx",
        p("Assessment", style="Heading1"),
        p("Child's views", bold=True),
        p("Leo pointed at the dog."),
        p("Important", bold=True),
        p("Leo's nursery place is funded."),
        p("Parents' views:"),
        p("Mum agreed with the plan."),
    )
    document = read(path, sections)
    assert [(b.kind.value, b.text, b.section.canonical) for b in document.blocks] == [
        ("heading", "Assessment", None),
        ("heading", "Child's views", "child-voice"),
        ("paragraph", "Leo pointed at the dog.", "child-voice"),
        ("paragraph", "Important", "child-voice"),
        ("paragraph", "Leo's nursery place is funded.", "child-voice"),
        ("heading", "Parents' views:", "parent-views"),
        ("paragraph", "Mum agreed with the plan.", "parent-views"),
    ]


def test_content_controls_at_every_level(tmp_path: Path, sections: SectionMap) -> None:
    path = build(
        tmp_path / "e.docx",
        sdt(p("Block-level control text.")),
        sdt(p("Click or tap here to enter text."), placeholder=True),
        p("Inline ", sdt(r("control")), " text and a ", hyperlink("link"), "."),
        p("Prompt: ", sdt(r("Enter a date."), placeholder=True)),
        tbl(
            tr(tc(p("Cell label", bold=True)), tc(sdt(p("Cell control text.")))),
            sdt(tr(tc(p("Row label", bold=True)), tc("Row control text."))),
        ),
    )
    document = read(path, sections)
    assert texts(document) == [
        "Block-level control text.",
        "Inline control text and a link.",
        "Prompt:",
        "Cell label",
        "Cell control text.",
        "Row label",
        "Row control text.",
    ]


def test_tracked_changes(tmp_path: Path, sections: SectionMap) -> None:
    moved = (
        '<w:moveFrom w:id="7" w:author="E" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:t>moved away</w:t></w:r></w:moveFrom>"
        '<w:moveTo w:id="8" w:author="E" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:t>moved here</w:t></w:r></w:moveTo>"
    )
    deleted_mark = '<w:rPr><w:del w:id="9" w:author="E" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    path = build(
        tmp_path / "f.docx",
        p("Leo was ", ins("not "), "seen", dele(" by the GP"), " at home."),
        p("Text ", moved, "."),
        p("First half of a sentence ", ppr=deleted_mark),
        p("joined to its second half."),
        p(dele("A paragraph wholly deleted.")),
    )
    document = read(path, sections)
    assert texts(document) == [
        "Leo was not seen at home.",
        "Text moved here.",
        "First half of a sentence joined to its second half.",
    ]


def test_merged_cells_are_read_once(tmp_path: Path, sections: SectionMap) -> None:
    path = build(
        tmp_path / "g.docx",
        tbl(
            tr(tc("Outcome", span=1), tc("Who"), tc("By when")),
            tr(
                tc("Leo will sleep in his own cot every night.", vmerge="restart"),
                tc("Mum"),
                tc("1 May 2026"),
            ),
            tr(tc(vmerge="continue"), tc("Health visitor checks"), tc("fortnightly")),
            tr(tc("Spanning note across two columns", span=2), tc("end")),
            columns=3,
        ),
    )
    document = read(path, sections)
    body = [b.text for b in document.blocks if not b.header]
    assert body.count("Leo will sleep in his own cot every night.") == 1
    assert body.count("Spanning note across two columns") == 1
    spanning = next(b for b in document.blocks if b.text == "Spanning note across two columns")
    assert spanning.source.table == (TableCell(1, 4, 1),)
    end = next(b for b in document.blocks if b.text == "end")
    assert end.source.table == (TableCell(1, 4, 3),)


def test_label_answer_export(tmp_path: Path, sections: SectionMap) -> None:
    path = build(
        tmp_path / "h.docx",
        p("Assessment", style="Heading1"),
        tbl(
            tr(tc(p("SECTION 2: THE CHILD", bold=True), span=2)),
            tr(tc(p("Child's views", bold=True)), tc("Leo said he likes nursery.")),
            tr(
                tc(p("Lived experience", bold=True)),
                tc("Leo's day starts at 6am.", "He has breakfast at nursery."),
            ),
            tr(tc(p("Analysis", bold=True)), tc("The worry is mornings.")),
            tr(tc(p("Contingency plan:")), tc("")),
        ),
        p("Text after the table."),
    )
    document = read(path, sections)
    assert outline(document) == [
        ("heading", "Assessment", "Assessment", None),
        ("heading", "SECTION 2: THE CHILD", "SECTION 2: THE CHILD", None),
        ("heading", "Child's views", "Child's views", "child-voice"),
        ("table-cell", "Leo said he likes nursery.", "Child's views", "child-voice"),
        ("heading", "Lived experience", "Lived experience", "child-voice"),
        ("table-cell", "Leo's day starts at 6am.", "Lived experience", "child-voice"),
        ("table-cell", "He has breakfast at nursery.", "Lived experience", "child-voice"),
        ("heading", "Analysis", "Analysis", "analysis"),
        ("table-cell", "The worry is mornings.", "Analysis", "analysis"),
        ("heading", "Contingency plan:", "Contingency plan:", "contingency"),
        ("paragraph", "Text after the table.", "Assessment", None),
    ]
    answer = document.blocks[3]
    assert answer.label == "Child's views"
    assert answer.source.table == (TableCell(1, 2, 2),)
    assert [b.level for b in document.blocks if b.kind is BlockKind.HEADING] == [1, 2, 3, 3, 3, 3]


def test_unmarked_form_labels_and_data_tables(tmp_path: Path, sections: SectionMap) -> None:
    path = build(
        tmp_path / "i.docx",
        tbl(
            tr(tc("Name"), tc("Leo Smith")),
            tr(tc("What does the child want to happen?"), tc("To stay with mum.")),
        ),
        tbl(
            tr(tc(p("Name", bold=True)), tc(p("Relationship", bold=True))),
            tr(tc("Sarah Smith"), tc("Mother")),
        ),
    )
    document = read(path, sections)
    assert outline(document) == [
        ("heading", "Name", "Name", None),
        ("table-cell", "Leo Smith", "Name", None),
        (
            "heading",
            "What does the child want to happen?",
            "What does the child want to happen?",
            "child-voice",
        ),
        ("table-cell", "To stay with mum.", "What does the child want to happen?", "child-voice"),
        ("table-cell", "Name", "", None),
        ("table-cell", "Relationship", "", None),
        ("table-cell", "Sarah Smith", "", None),
        ("table-cell", "Mother", "", None),
    ]
    header, _, sarah, mother = document.blocks[4:]
    assert header.header and not sarah.header
    assert (sarah.label, mother.label) == ("Name", "Relationship")


def test_grid_table_header_row_labels_columns(tmp_path: Path, sections: SectionMap) -> None:
    path = build(
        tmp_path / "j.docx",
        p("Plan", style="Heading1"),
        tbl(
            tr(tc("Outcome"), tc("Who"), tc("By when"), header=True),
            tr(tc("Leo goes to nursery every day."), tc("Mum"), tc("June 2026")),
            columns=3,
        ),
    )
    document = read(path, sections)
    cells = [b for b in document.blocks if b.kind is BlockKind.TABLE_CELL]
    assert [(c.text, c.header, c.label) for c in cells] == [
        ("Outcome", True, None),
        ("Who", True, None),
        ("By when", True, None),
        ("Leo goes to nursery every day.", False, "Outcome"),
        ("Mum", False, "Who"),
        ("June 2026", False, "By when"),
    ]
    assert all(c.section.canonical == "plan" for c in cells)
    assert cells[3].row_key == cells[5].row_key != cells[0].row_key


def test_nested_tables(tmp_path: Path, sections: SectionMap) -> None:
    inner = tbl(tr(tc("inner one"), tc("inner two")))
    path = build(
        tmp_path / "k.docx",
        tbl(tr(tc("outer left"), tc(p("before"), inner, p("after")))),
        tbl(tr(tc("second table"), tc("x"))),
    )
    document = read(path, sections)
    assert texts(document) == [
        "outer left",
        "before",
        "inner one",
        "inner two",
        "after",
        "second table",
        "x",
    ]
    inner_two = document.blocks[3]
    assert inner_two.source.table == (TableCell(1, 1, 2), TableCell(1, 1, 2))
    assert (
        inner_two.source.describe() == "table 1, row 1, column 2, nested table 1, row 1, column 2"
    )
    assert document.blocks[5].source.table == (TableCell(2, 1, 1),)


def test_deeply_nested_tables_keep_their_text(tmp_path: Path, sections: SectionMap) -> None:
    content = tbl(tr(tc("deepest text"), tc("x")))
    for depth in range(25):
        content = tbl(tr(tc(f"level {depth}"), tc(content)))
    document = read(build(tmp_path / "deep.docx", content), sections)
    assert "deepest text" in texts(document)
    assert sum(text.startswith("level ") for text in texts(document)) == 25


def test_left_out_parts(tmp_path: Path, sections: SectionMap) -> None:
    path = build(
        tmp_path / "l.docx",
        p("Body text", footnote_reference(), " continues."),
        p("Hidden ", r("secret", props="<w:vanish/>"), "text."),
        header="PAGE HEADER TEXT",
        footer="PAGE FOOTER TEXT",
        footnote="FOOTNOTE TEXT",
        comment=("Commented paragraph.", "COMMENT TEXT"),
    )
    document = read(path, sections)
    assert texts(document) == ["Body text continues.", "Hidden text.", "Commented paragraph."]
    for hidden in ("PAGE HEADER", "PAGE FOOTER", "FOOTNOTE", "COMMENT", "secret"):
        assert hidden not in document.text


def test_table_of_contents_entries_are_left_out(tmp_path: Path, sections: SectionMap) -> None:
    def add_toc_style(document: object) -> None:
        document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]

    path = build(
        tmp_path / "toc.docx",
        p("Analysis\t4", style="toc1"),
        p("Analysis", style="Heading1"),
        p("Body."),
        setup=add_toc_style,
    )
    assert texts(read(path, sections)) == ["Analysis", "Body."]


def test_tabs_breaks_fields_and_text_boxes(tmp_path: Path, sections: SectionMap) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1 May 2026</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    path = build(
        tmp_path / "m.docx",
        p("Name:\tLeo\nAge:\t2"),
        p("Seen on ", field, "."),
        p("Anchor text", textbox(p("Text box words."))),
        p("After."),
    )
    document = read(path, sections)
    assert texts(document) == [
        "Name: Leo\nAge: 2",
        "Seen on 1 May 2026.",
        "Anchor text",
        "Text box words.",
        "After.",
    ]


def test_reading_does_not_modify_the_file(tmp_path: Path, sections: SectionMap) -> None:
    path = build(tmp_path / "n.docx", p("Analysis", style="Heading1"), p("Text."))
    before = path.read_bytes()
    read(path, sections)
    assert path.read_bytes() == before
