"""The Markdown reader: a real parser, tables with labels, positions back in the source."""

from __future__ import annotations

import pytest

from assesslint.models import Document, TableCell
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap

from helpers import assert_spans_consistent, outline

REPORT = """\
---
title: Early help assessment
---
# Early help assessment

## Reason for assessment

Amira (7) has missed **12 days** of school
this term.

**Child's views**

Amira said she "hates mornings".

- Mum will walk Amira to school *every day*.
- School to check attendance weekly.

| Outcome | Who | By when |
|---------|-----|---------|
| Amira is in school by 8.50am every day | Mum | 1 June 2026 |

| Area | Notes |
|------|-------|
| Analysis | Mum's low mood &amp; late nights. |

> Quoted worry from the school.

```
code that is ignored
```

<!-- an HTML comment that is ignored -->
"""


def read(text: str, sections: SectionMap) -> Document:
    document = read_bytes(text.encode(), "report.md", sections, suffix=".md")
    assert_spans_consistent(document)
    return document


def test_blocks_and_sections(sections: SectionMap) -> None:
    document = read(REPORT, sections)
    assert outline(document) == [
        ("heading", "Early help assessment", "Early help assessment", None),
        ("heading", "Reason for assessment", "Reason for assessment", "reason"),
        (
            "paragraph",
            "Amira (7) has missed 12 days of school\nthis term.",
            "Reason for assessment",
            "reason",
        ),
        ("heading", "Child's views", "Child's views", "child-voice"),
        ("paragraph", 'Amira said she "hates mornings".', "Child's views", "child-voice"),
        ("list-item", "Mum will walk Amira to school every day.", "Child's views", "child-voice"),
        ("list-item", "School to check attendance weekly.", "Child's views", "child-voice"),
        ("table-cell", "Outcome", "Child's views", "child-voice"),
        ("table-cell", "Who", "Child's views", "child-voice"),
        ("table-cell", "By when", "Child's views", "child-voice"),
        ("table-cell", "Amira is in school by 8.50am every day", "Child's views", "child-voice"),
        ("table-cell", "Mum", "Child's views", "child-voice"),
        ("table-cell", "1 June 2026", "Child's views", "child-voice"),
        ("table-cell", "Area", "Child's views", "child-voice"),
        ("table-cell", "Notes", "Child's views", "child-voice"),
        ("heading", "Analysis", "Analysis", "analysis"),
        ("table-cell", "Mum's low mood & late nights.", "Analysis", "analysis"),
        ("paragraph", "Quoted worry from the school.", "Child's views", "child-voice"),
    ]


def test_table_cells_carry_header_labels_and_coordinates(sections: SectionMap) -> None:
    document = read(REPORT, sections)
    cells = {b.text: b for b in document.blocks}
    assert cells["Outcome"].header and not cells["Mum"].header
    assert cells["Mum"].label == "Who"
    assert cells["Mum"].source.table == (TableCell(1, 2, 2),)
    assert cells["Mum's low mood & late nights."].label == "Analysis"
    assert cells["Mum's low mood & late nights."].source.table == (TableCell(2, 2, 2),)


def test_positions_map_back_to_the_markdown(sections: SectionMap) -> None:
    document = read(REPORT, sections)
    paragraph = document.blocks[2]
    assert paragraph.source.lines == (8, 9)
    assert paragraph.source.line_column(paragraph.text.index("12 days")) == (8, 24)
    assert paragraph.source.line_column(paragraph.text.index("this")) == (9, 1)
    item = document.blocks[5]
    assert item.source.line_column(item.text.index("every")) == (15, 34)  # after "- " and "*"


def test_front_matter_and_code_are_left_out(sections: SectionMap) -> None:
    document = read(REPORT, sections)
    assert "title:" not in document.text
    assert "code that is ignored" not in document.text
    assert "HTML comment" not in document.text


# --- fields written as "**Label:** value" lines --------------------------------------------

# Lines ending in two spaces are hard line breaks, as editors write a block of fields.
FIELDS = (
    "# Child's plan\n\n"
    "**Child:** Nell Okafor (6)  \n"
    "**Allocated worker:** Femi Adeyemi  \n"
    "**Date of plan:** 2 March 2026\n\n"
    "## Plan\n\n"
    "| Area | Notes |\n"
    "|------|-------|\n"
    "| Health | Nell has asthma. |\n\n"
    "**Outcome:** Nell will arrive at school before registration on nine days in every ten.  \n"
    "**Action:** Alarm clock bought and a walking route agreed  \n"
    "**Who:** Mum and the school nurse  \n"
    "**By when:** 18 July 2026\n\n"
    "**Outcome**: Nell to be happier.\n"
    "**Action:**\n"
    "**Who**: Everyone\n"
)


def test_bold_label_lines_are_labelled_cells(sections: SectionMap) -> None:
    document = read(FIELDS, sections)
    header = [(b.label, b.text, b.source.table) for b in document.blocks[1:4]]
    assert header == [
        ("Child", "Child: Nell Okafor (6)", (TableCell(1, 1, 1),)),
        ("Allocated worker", "Allocated worker: Femi Adeyemi", (TableCell(1, 1, 2),)),
        ("Date of plan", "Date of plan: 2 March 2026", (TableCell(1, 1, 3),)),
    ]
    worker = document.blocks[2]
    assert worker.source.line_column(0) == (4, 3)  # after "**"
    assert worker.source.line_column(worker.text.index("Femi")) == (4, 23)
    assert worker.source.line_column(worker.text.index("Adeyemi")) == (4, 28)


def test_plan_paragraphs_of_fields_are_rows_of_one_table(sections: SectionMap) -> None:
    document = read(FIELDS, sections)
    plan = [
        (b.label, b.source.table)
        for b in document.blocks
        if b.source.table and b.source.table[0].table == 3
    ]
    # Table 2 is the pipe table; the fields after it are table 3.
    assert plan == [
        ("Outcome", (TableCell(3, 1, 1),)),
        ("Action", (TableCell(3, 1, 2),)),
        ("Who", (TableCell(3, 1, 3),)),
        ("By when", (TableCell(3, 1, 4),)),
        ("Outcome", (TableCell(3, 2, 1),)),
        ("Who", (TableCell(3, 2, 3),)),
    ]
    assert {document.blocks[i].section.canonical for i in (9, 13)} == {"plan"}
    assert not any(b.text in ("Action:", "Action") for b in document.blocks)
    happier = next(b for b in document.blocks if b.text == "Outcome: Nell to be happier.")
    assert happier.source.line_column(0) == (18, 3)
    assert happier.source.line_column(happier.text.index("Nell")) == (18, 14)


def test_a_bold_field_naming_a_section_opens_it(sections: SectionMap) -> None:
    text = "# Review\n\nNell is six.\n\n**Child's views:** Nell said she likes her teacher.\n"
    document = read(text, sections)
    assert outline(document)[-2:] == [
        ("heading", "Child's views", "Child's views", "child-voice"),
        (
            "paragraph",
            "Child's views: Nell said she likes her teacher.",
            "Child's views",
            "child-voice",
        ),
    ]
    assert document.blocks[-1].label == "Child's views"


@pytest.mark.parametrize(
    "text",
    [
        "Mum said: I will try harder with the mornings.",
        "**Mum** said: I will try.",
        "She told me: it was fine.",
    ],
)
def test_a_sentence_with_a_colon_stays_a_paragraph(text: str, sections: SectionMap) -> None:
    document = read("# Analysis\n\n" + text + "\n", sections)
    block = document.blocks[-1]
    assert block.kind.value == "paragraph"
    assert block.label is None
    assert block.text == text.replace("**", "")


def test_a_bold_line_on_its_own_is_still_a_heading(sections: SectionMap) -> None:
    document = read("Nell is six.\n\n**Plan**\n\nMum will read with Nell.\n", sections)
    assert outline(document)[1:] == [
        ("heading", "Plan", "Plan", "plan"),
        ("paragraph", "Mum will read with Nell.", "Plan", "plan"),
    ]
