"""Lines in capitals in plain text: headings and labels, but not answers or shouted sentences."""

from __future__ import annotations

import pytest

from assesslint.models import BlockKind, Document
from assesslint.readers.sections import SectionMap

from helpers import read_text_report as read


def kinds(document: Document) -> list[tuple[str, str]]:
    return [(block.kind.value, block.text) for block in document.blocks]


@pytest.mark.parametrize(
    ("heading", "canonical"),
    [
        ("HOUSING", "housing"),
        ("ANALYSIS", "analysis"),
        ("PLAN", "plan"),
        ("CHRONOLOGY OF EVENTS", None),
        ("FAMILY COMPOSITION", None),
        ("WHAT ARE WE WORRIED ABOUT?", None),
        ("OBSERVATIONS", None),
    ],
)
def test_capitals_that_read_as_labels_are_headings(
    heading: str, canonical: str | None, sections: SectionMap
) -> None:
    document = read(f"Rosa is seven.\n\n{heading}\nThe flat has two bedrooms.\n", sections)
    assert kinds(document)[1] == ("heading", heading)
    body = document.blocks[2]
    assert body.section.heading == heading
    if canonical is not None:
        assert body.section.canonical == canonical


@pytest.mark.parametrize(
    "shout",
    [
        "MUM SAID SHE WILL NOT LET HIM IN AGAIN AND SHE MEANT IT",
        "MUM SAID SHE WILL NOT LET HIM IN",
        "HE WAS VERY ANGRY",
        "DAD HAS MOVED OUT",
        "SHE DIDN'T COME HOME",
        "GET OUT OF MY HOUSE!",
    ],
)
def test_a_shouted_sentence_is_not_a_heading(shout: str, sections: SectionMap) -> None:
    document = read(f"Analysis\n--------\nRosa is seven.\n\n{shout}\n", sections)
    assert kinds(document)[-1] == ("paragraph", shout)
    assert document.blocks[-1].section.canonical == "analysis"


@pytest.mark.parametrize("answer", ["N/A", "NONE", "NOT KNOWN", "NO CONCERNS", "NOT DISCUSSED"])
def test_answers_in_capitals_are_not_headings(answer: str, sections: SectionMap) -> None:
    document = read(f"CHILD'S VIEWS\n{answer}\n", sections)
    assert kinds(document) == [("heading", "CHILD'S VIEWS"), ("paragraph", answer)]
    assert document.blocks[1].section.canonical == "child-voice"


def test_an_acronym_answering_the_label_above_is_not_a_heading(sections: SectionMap) -> None:
    document = read("Referred to:\nCAMHS\n", sections)
    assert kinds(document) == [("heading", "Referred to:"), ("paragraph", "CAMHS")]


def test_a_label_in_capitals_with_a_value_is_a_field(sections: SectionMap) -> None:
    document = read("MOTHER: Aisha Rahman\nFATHER: Tomasz Wood\n", sections)
    assert [(b.kind, b.label, b.text) for b in document.blocks] == [
        (BlockKind.TABLE_CELL, "MOTHER", "MOTHER: Aisha Rahman"),
        (BlockKind.TABLE_CELL, "FATHER", "FATHER: Tomasz Wood"),
    ]


def test_a_heading_in_two_parts_is_a_heading_not_a_field(sections: SectionMap) -> None:
    document = read("SECTION 3: ANALYSIS\nThe worry is the nights.\n", sections)
    assert kinds(document)[0] == ("heading", "SECTION 3: ANALYSIS")
    assert document.blocks[1].section.canonical == "analysis"
    assert document.blocks[1].label is None
