"""The plain-text reader: encodings, line endings, headings people type, lists, positions."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from assesslint.models import Document
from assesslint.readers import read_bytes, read_document
from assesslint.readers.sections import SectionMap

from helpers import assert_spans_consistent, outline

REPORT = """\
CHILD AND FAMILY ASSESSMENT
===========================

Reason for assessment:
Leo (2) was referred by the health visitor on 3 March 2026 after
bruising was seen on his arm.

1. Household

Leo lives with his mother and her partner, Mr B.

CHILD'S VIEWS
N/A

Parenting capacity
------------------

Stability:
Mum has had the same flat for three years.

3.2 Analysis
The worry is that Leo is not safe. Mum said:
"I won't let it happen again."

Plan:
- Mum will take Leo to nursery every day
  by 9am, starting 1 April.
* Dad will read with Leo twice a week.
\u2022 The health visitor will weigh Leo monthly.
1) School nurse to see Leo by 1 June.
a) Nursery will tell the social worker of any absence.
(b) Mum will ring her sister if she feels low.
"""


def read_text(text: str, sections: SectionMap, encoding: str = "utf-8") -> Document:
    document = read_bytes(text.encode(encoding), "report.txt", sections, suffix=".txt")
    assert_spans_consistent(document)
    return document


def test_headings_paragraphs_and_lists(sections: SectionMap) -> None:
    document = read_text(REPORT, sections)
    assert outline(document) == [
        ("heading", "CHILD AND FAMILY ASSESSMENT", "CHILD AND FAMILY ASSESSMENT", None),
        ("heading", "Reason for assessment:", "Reason for assessment:", "reason"),
        (
            "paragraph",
            "Leo (2) was referred by the health visitor on 3 March 2026 after\n"
            "bruising was seen on his arm.",
            "Reason for assessment:",
            "reason",
        ),
        ("heading", "1. Household", "1. Household", "household"),
        (
            "paragraph",
            "Leo lives with his mother and her partner, Mr B.",
            "1. Household",
            "household",
        ),
        ("heading", "CHILD'S VIEWS", "CHILD'S VIEWS", "child-voice"),
        ("paragraph", "N/A", "CHILD'S VIEWS", "child-voice"),
        ("heading", "Parenting capacity", "Parenting capacity", "parenting-capacity"),
        ("heading", "Stability:", "Stability:", "stability"),
        ("paragraph", "Mum has had the same flat for three years.", "Stability:", "stability"),
        ("heading", "3.2 Analysis", "3.2 Analysis", "analysis"),
        (
            "paragraph",
            'The worry is that Leo is not safe. Mum said:\n"I won\'t let it happen again."',
            "3.2 Analysis",
            "analysis",
        ),
        ("heading", "Plan:", "Plan:", "plan"),
        (
            "list-item",
            "Mum will take Leo to nursery every day\nby 9am, starting 1 April.",
            "Plan:",
            "plan",
        ),
        ("list-item", "Dad will read with Leo twice a week.", "Plan:", "plan"),
        ("list-item", "The health visitor will weigh Leo monthly.", "Plan:", "plan"),
        ("list-item", "School nurse to see Leo by 1 June.", "Plan:", "plan"),
        ("list-item", "Nursery will tell the social worker of any absence.", "Plan:", "plan"),
        ("list-item", "Mum will ring her sister if she feels low.", "Plan:", "plan"),
    ]
    plan = document.blocks[12].section
    analysis = document.blocks[10].section
    assert plan.level == analysis.level  # "Plan:" sits beside "3.2 Analysis", not inside it


def test_line_and_column_of_every_block(sections: SectionMap) -> None:
    document = read_text(REPORT, sections)
    item = document.blocks[13]
    assert item.source.lines == (26, 27)
    assert item.source.line_column(0) == (26, 3)
    offset = item.text.index("by 9am")
    assert item.source.line_column(offset) == (27, 3)
    stability = document.blocks[9]
    assert stability.source.line_column(stability.text.index("three")) == (19, 31)


@pytest.mark.parametrize(
    ("data", "notice"),
    [
        (codecs.BOM_UTF8 + "Analysis:\nLeo is safe – £5.".encode(), None),
        (codecs.BOM_UTF16_LE + "Analysis:\nLeo is safe – £5.".encode("utf-16-le"), None),
        (codecs.BOM_UTF16_BE + "Analysis:\nLeo is safe – £5.".encode("utf-16-be"), None),
        ("Analysis:\nLeo is safe – £5.".encode("utf-16-le"), "UTF-16"),
        ("Analysis:\nLeo is safe – £5.".encode("cp1252"), "Windows-1252"),
        ("Analysis:\r\nLeo is safe – £5.".encode(), None),
        ("Analysis:\rLeo is safe – £5.".encode(), None),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16-no-bom", "cp1252", "crlf", "cr"],
)
def test_encodings_and_line_endings(data: bytes, notice: str | None, sections: SectionMap) -> None:
    document = read_bytes(data, "r.txt", sections, suffix=".txt")
    assert [b.text for b in document.blocks] == ["Analysis:", "Leo is safe – £5."]
    assert document.blocks[1].section.canonical == "analysis"
    if notice is None:
        assert document.notices == ()
    else:
        assert len(document.notices) == 1 and notice in document.notices[0]


def test_mixed_line_endings_keep_line_numbers(sections: SectionMap) -> None:
    document = read_bytes(b"One\r\nTwo\n\rThree\r\n\r\nFour", "r.txt", sections, suffix=".txt")
    assert [(b.text, b.source.lines) for b in document.blocks] == [
        ("One\nTwo", (1, 2)),
        ("Three", (4, 4)),
        ("Four", (6, 6)),
    ]


def test_stray_nul_bytes_are_dropped_with_a_notice(sections: SectionMap) -> None:
    document = read_bytes(b"Analysis:\nLeo is \x00safe.", "r.txt", sections, suffix=".txt")
    assert document.blocks[1].text == "Leo is safe."
    assert "NUL" in document.notices[0]


def test_not_headings(sections: SectionMap) -> None:
    text = (
        "CHILD'S VIEWS\nNOT APPLICABLE\n\n"
        "Mum told me the following:\nShe is tired.\n\n"
        "1. Refer to CAMHS\n2. Attend a course\n"
    )
    document = read_text(text, sections)
    kinds = [(b.kind.value, b.text) for b in document.blocks]
    assert ("paragraph", "NOT APPLICABLE") in kinds
    assert ("list-item", "Refer to CAMHS") in kinds
    assert ("list-item", "Attend a course") in kinds


def test_underlined_and_hash_headings(sections: SectionMap) -> None:
    text = "Analysis\n--------\nText one.\n\n## Plan\nText two.\n"
    document = read_text(text, sections)
    assert outline(document) == [
        ("heading", "Analysis", "Analysis", "analysis"),
        ("paragraph", "Text one.", "Analysis", "analysis"),
        ("heading", "Plan", "Plan", "plan"),
        ("paragraph", "Text two.", "Plan", "plan"),
    ]


def test_reads_a_file_from_disk(tmp_path: Path, sections: SectionMap) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    document = read_document(path, sections)
    assert document.format == "text"
    assert document.path == str(path)
    # Underlines and list markers are not words of the report.
    assert document.words == len(REPORT.split()) - 8
