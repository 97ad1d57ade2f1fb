"""Decide what each row of a table is: a heading, column headers, a `label | answer` pair, or cells.

Case-management systems (Mosaic, LCS, Liquidlogic and others) export an assessment as a
form: a two-column table whose left cell is the question ("Child's views") and whose right
cell is the answer. Grid tables ("Outcome | Action | Who | By when") carry a header row
instead, and a row spanning the whole table is usually a section banner. Both readers with
tables (.docx and Markdown) describe each row to `classify_rows` and emit blocks by role.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A label is a short, one-line piece of text ("Child's views", "Date of birth:").
MAX_LABEL_WORDS = 12
MAX_LABEL_CHARS = 100
# Column headers are shorter still ("Who", "By when").
MAX_HEADER_WORDS = 6


class RowRole(enum.Enum):
    """What a table row is."""

    HEADING = "heading"
    HEADER = "header"
    LABEL = "label"
    CELLS = "cells"


@dataclass(frozen=True, slots=True)
class CellSummary:
    """What the classifier needs to know of one cell."""

    text: str
    bold: bool
    column: int
    span: int = 1


@dataclass(frozen=True, slots=True)
class RowSummary:
    """What the classifier needs to know of one row."""

    cells: Sequence[CellSummary]
    marked_header: bool = False


def _words(text: str) -> int:
    return len(text.split())


def is_short_label(text: str, max_words: int = MAX_LABEL_WORDS) -> bool:
    """Say whether text is short and on one line, as a label or heading is."""
    text = text.strip()
    return (
        bool(text)
        and "\n" not in text
        and _words(text) <= max_words
        and len(text) <= MAX_LABEL_CHARS
        and not text.endswith((".", ";", ","))
    )


def _looks_like_label(cell: CellSummary, is_known: Callable[[str], bool]) -> bool:
    text = cell.text.strip()
    return is_short_label(text) and (cell.bold or text.endswith((":", "?")) or is_known(text))


def _is_header_row(rows: Sequence[RowSummary], index: int) -> bool:
    row = rows[index]
    if row.marked_header:
        return True
    if index != 0 or len(rows) < 2 or len(row.cells) < 2:
        return False
    if not all(cell.bold and is_short_label(cell.text, MAX_HEADER_WORDS) for cell in row.cells):
        return False
    # Bold labels down the left of a form are not a header row: the row under a header
    # row has some plain text in it.
    return any(not cell.bold for cell in rows[1].cells if cell.text.strip())


def classify_rows(
    rows: Sequence[RowSummary], columns: int, is_known: Callable[[str], bool]
) -> list[RowRole]:
    """Return the role of each row of a table with `columns` grid columns."""
    roles: list[RowRole] = []
    header_seen = False
    for index, row in enumerate(rows):
        cells = [cell for cell in row.cells]
        if (not header_seen or roles[-1] is RowRole.HEADER) and _is_header_row(rows, index):
            header_seen = True
            roles.append(RowRole.HEADER)
            continue
        if len(cells) == 1:
            roles.append(_single_cell_role(rows, index, columns, is_known))
        elif len(cells) == 2 and _is_label_row(cells[0], cells[1], header_seen, is_known):
            roles.append(RowRole.LABEL)
        else:
            roles.append(RowRole.CELLS)
    return roles


def _single_cell_role(
    rows: Sequence[RowSummary], index: int, columns: int, is_known: Callable[[str], bool]
) -> RowRole:
    cell = rows[index].cells[0]
    if columns >= 2 and cell.span >= columns:
        # A banner across the whole table ("SECTION 3: ANALYSIS").
        return RowRole.HEADING if is_short_label(cell.text) else RowRole.CELLS
    if columns <= 1 and index + 1 < len(rows) and _looks_like_label(cell, is_known):
        # A one-column form: a label row, then the answer in the row below.
        return RowRole.HEADING
    return RowRole.CELLS


def _is_label_row(
    left: CellSummary, right: CellSummary, header_seen: bool, is_known: Callable[[str], bool]
) -> bool:
    if not is_short_label(left.text):
        return False
    if _looks_like_label(left, is_known):
        return not (left.bold and right.bold and header_seen and not is_known(left.text))
    if header_seen:
        return False
    # An unmarked form: a short question with a longer answer beside it.
    return _words(right.text) >= 2 * _words(left.text)
