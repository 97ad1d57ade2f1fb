"""Fields in plain text: "Label: value" lines, plan rows made of them, and their near misses."""

from __future__ import annotations

import pytest

from assesslint.engine import Engine
from assesslint.models import BlockKind, Document, TableCell
from assesslint.readers.sections import SectionMap

from helpers import content_blocks as content
from helpers import read_text_report as read


def headings(document: Document) -> list[str]:
    return [block.text for block in document.blocks if block.kind is BlockKind.HEADING]


def cells(document: Document) -> list[tuple[str | None, str, tuple[TableCell, ...]]]:
    return [(block.label, block.text, block.source.table) for block in content(document)]


# --- "Label: value" lines -------------------------------------------------------------------


def test_a_block_of_label_lines_is_one_row_of_labelled_cells(sections: SectionMap) -> None:
    text = (
        "Name: Rosa Quinlan\n"
        "Date of birth: 3 May 2019\n"
        "Allocated worker: Femi Adeyemi, Family Help Team\n"
    )
    document = read(text, sections)
    assert headings(document) == []
    assert cells(document) == [
        ("Name", "Name: Rosa Quinlan", (TableCell(1, 1, 1),)),
        ("Date of birth", "Date of birth: 3 May 2019", (TableCell(1, 1, 2),)),
        (
            "Allocated worker",
            "Allocated worker: Femi Adeyemi, Family Help Team",
            (TableCell(1, 1, 3),),
        ),
    ]
    assert {block.kind for block in content(document)} == {BlockKind.TABLE_CELL}


def test_a_value_keeps_its_line_and_column(sections: SectionMap) -> None:
    text = "Intro line.\n\nName: Rosa Quinlan\n  Date of birth:   3 May 2019\n"
    document = read(text, sections)
    born = next(block for block in document.blocks if block.label == "Date of birth")
    assert born.text == "Date of birth:   3 May 2019"
    assert born.source.lines == (4, 4)
    assert born.source.line_column(0) == (4, 3)
    assert born.source.line_column(born.text.index("3 May")) == (4, 20)
    assert born.source.line_column(born.text.index("2019")) == (4, 26)


def test_a_field_on_its_own_is_a_labelled_paragraph(sections: SectionMap) -> None:
    text = "Attendance note: Rosa has missed nine days of school\nsince half term.\n"
    document = read(text, sections)
    (block,) = document.blocks
    assert block.kind is BlockKind.PARAGRAPH
    assert block.label == "Attendance note"
    assert block.text == text.strip()
    assert block.source.line_column(block.text.index("since")) == (2, 1)
    assert block.source.line_column(block.text.index("Rosa")) == (1, 18)


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("Child's views: Rosa said she likes her new room.", "child-voice"),
        ("CHILD'S VIEWS: N/A", "child-voice"),
        ("Analysis: The worry is that Rosa is left alone at night.", "analysis"),
    ],
)
def test_a_field_naming_a_section_opens_it(line: str, canonical: str, sections: SectionMap) -> None:
    document = read("Rosa is seven.\n\n" + line + "\n", sections)
    label = line.split(":")[0]
    assert headings(document) == [label]
    block = document.blocks[-1]
    assert block.kind is BlockKind.PARAGRAPH
    assert block.label == label
    # The label opens the section, and stays in the field's text as it was written.
    assert block.text == line
    assert block.section.canonical == canonical


def test_a_field_opening_a_section_keeps_the_paragraphs_after_it(sections: SectionMap) -> None:
    text = "Analysis: The worry is the nights.\n\nRosa's mum works late.\n"
    document = read(text, sections)
    assert [block.section.canonical for block in content(document)] == ["analysis", "analysis"]


@pytest.mark.parametrize(
    "text",
    [
        "Mum said: I will try harder with the mornings.",
        "She told me: it was fine.",
        "The teacher explained: Nell is often late.",
        "Last week, at the school gate: Nell cried.",
        "Dad's view is clear: he wants more time with Nell.",
        "At 10:30 Nell arrived at nursery.",
        "See https://example.org for the leaflet.",
        "Nell wasn't there: her bag was.",
        "The plan for the next six weeks is clear: Mum will walk Nell to school.",
        "mum said: ok",
    ],
    ids=[
        "said",
        "pronoun",
        "explained",
        "comma",
        "clause",
        "time",
        "address",
        "contraction",
        "long",
        "lower-case",
    ],
)
def test_a_sentence_with_a_colon_is_not_a_field(text: str, sections: SectionMap) -> None:
    document = read("Analysis\n--------\n" + text + "\n", sections)
    (block,) = content(document)
    assert block.kind is BlockKind.PARAGRAPH
    assert block.text == text
    assert block.label is None


def test_two_sentences_with_colons_are_not_a_group(sections: SectionMap) -> None:
    text = "Mum said: I will try.\nDad said: so will I.\n"
    document = read(text, sections)
    (block,) = document.blocks
    assert block.kind is BlockKind.PARAGRAPH and block.label is None
    assert block.text == text.strip()


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_label_dash_value_lines_in_a_group_are_fields(dash: str, sections: SectionMap) -> None:
    text = f"Mother {dash} Aisha Rahman (29)\nFather {dash} Tomasz Wood (33)\n"
    document = read(text, sections)
    assert cells(document) == [
        ("Mother", f"Mother {dash} Aisha Rahman (29)", (TableCell(1, 1, 1),)),
        ("Father", f"Father {dash} Tomasz Wood (33)", (TableCell(1, 1, 2),)),
    ]


def test_a_known_heading_before_a_dash_opens_its_section(sections: SectionMap) -> None:
    document = read("Rosa is seven.\n\nHousing – the flat is damp and cold.\n", sections)
    assert headings(document) == ["Housing"]
    block = document.blocks[-1]
    assert (block.label, block.text) == ("Housing", "Housing – the flat is damp and cold.")
    assert block.section.canonical == "housing"


@pytest.mark.parametrize(
    "text",
    [
        "Mum - she was tired after work.",
        "Nell - who is four - was seen at home.",
        "Tuesday evenings - Nell goes to her nan's.",
    ],
)
def test_a_dash_in_a_sentence_is_not_a_field(text: str, sections: SectionMap) -> None:
    document = read(text + "\n", sections)
    (block,) = document.blocks
    assert (block.kind, block.text, block.label) == (BlockKind.PARAGRAPH, text, None)


def test_a_label_line_over_prose_is_still_a_heading(sections: SectionMap) -> None:
    text = "Name: Rosa Quinlan\nWorker: Femi Adeyemi\nAnalysis:\nThe worry is the nights.\n"
    document = read(text, sections)
    assert headings(document) == ["Analysis:"]
    assert document.blocks[-1].section.canonical == "analysis"
    assert document.blocks[-1].label is None


def test_a_label_line_after_a_blank_line_is_still_a_heading(sections: SectionMap) -> None:
    text = "Name: Rosa Quinlan\nWorker: Femi Adeyemi\nAnalysis:\n\nThe worry is the nights.\n"
    document = read(text, sections)
    assert headings(document) == ["Analysis:"]
    assert document.blocks[-1].section.canonical == "analysis"


def test_fields_under_a_line_of_prose_start_their_own_block(sections: SectionMap) -> None:
    text = (
        "We agreed the following at the meeting.\nOutcome: Nell sleeps in her own bed.\nWho: Mum\n"
    )
    document = read(text, sections)
    assert [(block.kind, block.label) for block in document.blocks] == [
        (BlockKind.PARAGRAPH, None),
        (BlockKind.TABLE_CELL, "Outcome"),
        (BlockKind.TABLE_CELL, "Who"),
    ]


# --- plan rows ---------------------------------------------------------------------------

PLAN = """\
Plan:

Outcome: Nell will arrive at school before registration on nine days in every ten.
Action: Alarm clock bought and a walking route agreed
Who: Mum and the school nurse
By when: 18 July 2026

Outcome: Nell to be happier.
Action:
Who:
By when: Ongoing
"""


def test_each_group_of_plan_fields_is_a_row_of_one_table(sections: SectionMap) -> None:
    document = read(PLAN, sections)
    assert headings(document) == ["Plan:"]
    assert cells(document) == [
        (
            "Outcome",
            "Outcome: Nell will arrive at school before registration on nine days in every ten.",
            (TableCell(1, 1, 1),),
        ),
        (
            "Action",
            "Action: Alarm clock bought and a walking route agreed",
            (TableCell(1, 1, 2),),
        ),
        ("Who", "Who: Mum and the school nurse", (TableCell(1, 1, 3),)),
        ("By when", "By when: 18 July 2026", (TableCell(1, 1, 4),)),
        # "Action:" and "Who:" are fields left empty: no heading, and no block.
        ("Outcome", "Outcome: Nell to be happier.", (TableCell(1, 2, 1),)),
        ("By when", "By when: Ongoing", (TableCell(1, 2, 4),)),
    ]
    assert {block.section.canonical for block in content(document)} == {"plan"}


def test_a_signs_of_safety_plan_reads_the_same_way(sections: SectionMap) -> None:
    text = (
        "Safety plan\n-----------\n"
        "Goal: Idris is collected from nursery by a sober adult every day\n"
        "What will happen: Nan collects Idris on Mondays and Fridays\n"
        "Who: Nan (Mrs Pike)\n"
        "When: From 4 May 2026\n"
        "Review: At each core group\n\n"
        "Goal: Idris sleeps in his own cot\n"
        "What will happen: Cot delivered by the family centre\n"
        "Who: Family support worker\n"
        "When: 11 May 2026\n"
    )
    document = read(text, sections)
    rows = [(b.source.table[0].row, b.label) for b in content(document)]
    assert rows == [
        (1, "Goal"),
        (1, "What will happen"),
        (1, "Who"),
        (1, "When"),
        (1, "Review"),
        (2, "Goal"),
        (2, "What will happen"),
        (2, "Who"),
        (2, "When"),
    ]
    assert headings(document) == ["Safety plan"]


def test_a_label_written_again_starts_a_new_row(sections: SectionMap) -> None:
    text = "Plan:\nOutcome: Nell reads daily.\nWho: Mum\nOutcome: Nell sleeps by 8pm.\nWho: Dad\n"
    document = read(text, sections)
    assert [(b.label, b.source.table) for b in content(document)] == [
        ("Outcome", (TableCell(1, 1, 1),)),
        ("Who", (TableCell(1, 1, 2),)),
        ("Outcome", (TableCell(1, 2, 1),)),
        ("Who", (TableCell(1, 2, 2),)),
    ]


def test_a_wrapped_value_stays_in_its_cell(sections: SectionMap) -> None:
    text = "Plan:\nOutcome: Nell will be at school every day\n  until the end of term.\nWho: Mum\n"
    document = read(text, sections)
    outcome = content(document)[0]
    assert outcome.text == "Outcome: Nell will be at school every day\nuntil the end of term."
    assert outcome.source.line_column(outcome.text.index("until")) == (3, 3)


def test_a_heading_between_plans_starts_a_new_table(sections: SectionMap) -> None:
    text = (
        "Plan for Nell\n=============\nOutcome: A\nWho: Mum\n\n"
        "Plan for Idris\n==============\nOutcome: B\nWho: Dad\n"
    )
    document = read(text, sections)
    assert [b.source.table[0].table for b in content(document)] == [1, 1, 2, 2]


def test_fields_standing_alone_with_different_labels_are_not_a_table(
    sections: SectionMap,
) -> None:
    text = "Date of visit: 2 March 2026\n\nVisit type: Unannounced\n"
    document = read(text, sections)
    assert [(b.kind, b.label, b.source.table) for b in document.blocks] == [
        (BlockKind.PARAGRAPH, "Date of visit", ()),
        (BlockKind.PARAGRAPH, "Visit type", ()),
    ]


def test_rules_read_a_field_as_it_was_written(engine: Engine, sections: SectionMap) -> None:
    document = read("Name: Rosa Quinlan\nPlacement: stable.\n", sections)
    matches = [(f.rule, f.match) for f in engine.check(document)]
    assert ("stable-without-risk", "stable") in matches


def test_the_items_rule_reads_a_plan_row_whole(engine: Engine, sections: SectionMap) -> None:
    document = read(PLAN, sections)
    findings = [f for f in engine.check(document) if f.rule == "outcome-not-smart"]
    by_row = {}
    for finding in findings:
        assert finding.location.block is not None
        block = document.blocks[finding.location.block]
        by_row[block.source.table[0].row] = finding
    # The first row's owner and date are in its "Who" and "By when" cells.
    first = by_row.get(1)
    missing = first.details["missing"] if first is not None else []
    assert "owner" not in missing and "timebound" not in missing
    # The second row is one item, not one per field.
    assert 2 in by_row
    assert len(findings) == len(by_row)
