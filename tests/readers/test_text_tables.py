"""Tables pasted into plain text as tab-separated lines, and lines with a tab that are not."""

from __future__ import annotations

from assesslint.engine import Engine
from assesslint.models import BlockKind, TableCell
from assesslint.readers.sections import SectionMap

from helpers import content_blocks as content
from helpers import read_text_report as read

PLAN = (
    "Plan\n"
    "----\n"
    "Who\tWhat\tBy when\n"
    "Mum\tWalk Nell to school every day\t1 June 2026\n"
    "School\tRing Mum by 9.15am if Nell is absent\tFrom 1 May 2026\n"
)


def test_tab_separated_lines_are_a_table_with_a_header_row(sections: SectionMap) -> None:
    document = read(PLAN, sections)
    rows = [
        (b.text, b.label, b.header, b.source.table, b.kind)
        for b in content(document)
        if b.source.table
    ]
    assert rows[:3] == [
        ("Who", "Who", True, (TableCell(1, 1, 1),), BlockKind.TABLE_CELL),
        ("What", "What", True, (TableCell(1, 1, 2),), BlockKind.TABLE_CELL),
        ("By when", "By when", True, (TableCell(1, 1, 3),), BlockKind.TABLE_CELL),
    ]
    assert rows[3:6] == [
        ("Mum", "Who", False, (TableCell(1, 2, 1),), BlockKind.TABLE_CELL),
        (
            "Walk Nell to school every day",
            "What",
            False,
            (TableCell(1, 2, 2),),
            BlockKind.TABLE_CELL,
        ),
        ("1 June 2026", "By when", False, (TableCell(1, 2, 3),), BlockKind.TABLE_CELL),
    ]
    assert len(rows) == 9
    assert {b.section.canonical for b in content(document)} == {"plan"}


def test_each_cell_keeps_its_line_and_column(sections: SectionMap) -> None:
    document = read(PLAN, sections)
    cell = next(b for b in document.blocks if b.text.startswith("Ring Mum"))
    assert cell.source.lines == (5, 5)
    assert cell.source.line_column(0) == (5, 8)
    assert cell.source.line_column(cell.text.index("9.15am")) == (5, 20)


def test_a_table_without_a_header_row_has_unlabelled_cells(sections: SectionMap) -> None:
    text = "Household\n---------\nRosa Quinlan\t7\tYear 2\nIdris Quinlan\t4\tNursery\n"
    document = read(text, sections)
    assert [(b.text, b.label, b.header, b.source.table) for b in content(document)] == [
        ("Rosa Quinlan", None, False, (TableCell(1, 1, 1),)),
        ("7", None, False, (TableCell(1, 1, 2),)),
        ("Year 2", None, False, (TableCell(1, 1, 3),)),
        ("Idris Quinlan", None, False, (TableCell(1, 2, 1),)),
        ("4", None, False, (TableCell(1, 2, 2),)),
        ("Nursery", None, False, (TableCell(1, 2, 3),)),
    ]


def test_empty_cells_keep_their_columns(sections: SectionMap) -> None:
    text = "Name\tSchool\tNotes\nRosa\t\tHome educated since 2025\nIdris\tNursery\t\n"
    document = read(text, sections)
    cells = [(b.text, b.label, b.source.table[0].column) for b in content(document)]
    assert ("Home educated since 2025", "Notes", 3) in cells
    assert ("Nursery", "School", 2) in cells


def test_a_two_column_table_of_labels_reads_as_a_form(sections: SectionMap) -> None:
    text = "Area\tNotes\nHousing\tThe flat is damp.\nHealth\tNell has asthma.\n"
    document = read(text, sections)
    damp = next(b for b in document.blocks if b.text == "The flat is damp.")
    assert damp.label == "Housing"
    assert damp.section.canonical == "housing"


def test_two_tables_are_numbered_in_turn(sections: SectionMap) -> None:
    text = "A\tB\nx 1\ty 2\n\nC\tD\nz 3\tw 4\n"
    document = read(text, sections)
    assert [b.source.table[0].table for b in content(document)] == [1] * 4 + [2] * 4


def test_a_single_line_with_a_tab_is_a_line_of_text(sections: SectionMap) -> None:
    text = "Rosa said\tshe likes school.\n"
    document = read(text, sections)
    (block,) = document.blocks
    assert block.kind is BlockKind.PARAGRAPH
    assert block.text == "Rosa said\tshe likes school."


def test_lines_with_different_numbers_of_cells_are_not_a_table(sections: SectionMap) -> None:
    text = "Rosa\t7\nIdris\t4\tNursery\n"
    document = read(text, sections)
    assert [b.kind for b in document.blocks] == [BlockKind.PARAGRAPH]


def test_lines_indented_with_a_tab_are_not_a_table(sections: SectionMap) -> None:
    text = "\tRosa was seen at home.\n\tShe showed me her room.\n"
    document = read(text, sections)
    (block,) = document.blocks
    assert block.kind is BlockKind.PARAGRAPH
    assert block.text == "Rosa was seen at home.\nShe showed me her room."


def test_a_tab_table_under_text_starts_its_own_block(sections: SectionMap) -> None:
    text = "We agreed this plan with Mum.\nWho\tWhat\nMum\tReads with Nell at bedtime, from 1 May\n"
    document = read(text, sections)
    assert [b.kind for b in document.blocks] == [BlockKind.PARAGRAPH] + [BlockKind.TABLE_CELL] * 4


def test_the_items_rule_reads_a_tab_row_whole(engine: Engine, sections: SectionMap) -> None:
    text = (
        "Plan:\n"
        "Outcome\tWho\tBy when\n"
        "Nell reads with Mum on five nights in every seven\tMum\t1 June 2026\n"
        "Nell to be happier\tEveryone\tOngoing\n"
    )
    document = read(text, sections)
    findings = [f for f in engine.check(document) if f.rule == "outcome-not-smart"]
    rows = [document.blocks[f.location.block or 0].source.table[0].row for f in findings]
    assert rows == [3]
