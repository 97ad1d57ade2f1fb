"""The Markdown reader: a real parser, tables with labels, positions back in the source."""

from __future__ import annotations

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
