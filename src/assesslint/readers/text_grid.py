"""Tables in text and Markdown: tab-separated lines, and emitting any such table's blocks.

A table copied from Word or a spreadsheet into a .txt file arrives as lines of cells
separated by tabs. `tab_rows` finds such a table (two or more lines with the same number of
tab-separated cells, at least two), and `emit_grid` turns a table's rows into blocks by the
same layout rules as Word tables (`readers.tables.classify_rows`): a header row labels the
cells below it, a `label | answer` row makes its label a heading, and everything else is
cells. The Markdown reader's pipe tables go through `emit_grid` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assesslint.models import BlockKind, Source, TableCell
from assesslint.readers.builder import DocumentBuilder
from assesslint.readers.tables import (
    MAX_HEADER_WORDS,
    CellSummary,
    RowRole,
    RowSummary,
    classify_rows,
    is_short_label,
)
from assesslint.readers.text_fields import SourceLine, join_lines, reads_as_label


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell: its text, whether it is all bold, its column and where it was written."""

    text: str
    bold: bool
    column: int
    source: Source


@dataclass(frozen=True, slots=True)
class GridRow:
    """One row: its cells, whether the file marks it as a header row, and its number."""

    cells: Sequence[GridCell]
    header: bool
    number: int


def emit_grid(builder: DocumentBuilder, table: int, rows: Sequence[GridRow]) -> None:
    """Add table `table`'s rows to the document, each by the role `classify_rows` gives it."""
    summaries = [
        RowSummary(
            [CellSummary(cell.text, cell.bold, cell.column) for cell in row.cells], row.header
        )
        for row in rows
    ]
    columns = max((len(row.cells) for row in rows), default=0)
    roles = classify_rows(summaries, columns, builder.is_known_heading)
    scope = builder.open_scope()
    base = builder.level
    column_labels: dict[int, str] = {}
    for row, role in zip(rows, roles, strict=True):
        if role is RowRole.HEADER:
            for cell in row.cells:
                column_labels[cell.column] = cell.text
        if role is RowRole.LABEL:
            left, right = row.cells
            builder.heading(left.text, base + 1, _placed(left, table, row))
            _cell(builder, right, table, row, left.text)
            continue
        for cell in row.cells:
            if cell.text:
                label = column_labels.get(cell.column)
                _cell(builder, cell, table, row, label, role is RowRole.HEADER)
    builder.close_scope(scope)


def _placed(cell: GridCell, table: int, row: GridRow) -> Source:
    return Source(
        table=(TableCell(table, row.number, cell.column),),
        lines=cell.source.lines,
        line_map=cell.source.line_map,
    )


def _cell(
    builder: DocumentBuilder,
    cell: GridCell,
    table: int,
    row: GridRow,
    label: str | None,
    header: bool = False,
) -> None:
    builder.block(
        BlockKind.TABLE_CELL, cell.text, _placed(cell, table, row), label=label, header=header
    )


def _cells_of(line: SourceLine) -> list[tuple[int, int]]:
    """The `(start, end)` of each tab-separated cell of a line, or [] if it has no inner tab."""
    text = line.text.rstrip(" \r")
    lead = len(text) - len(text.lstrip())
    if "\t" not in text.strip():
        return []
    spans: list[tuple[int, int]] = []
    start = lead
    while True:
        tab = text.find("\t", start)
        if tab < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, tab))
        start = tab + 1


def tab_rows(lines: Sequence[SourceLine], index: int) -> tuple[list[GridRow], int]:
    """Read a tab-separated table starting at `index`: its rows and the index after it.

    Returns no rows unless two or more consecutive lines have the same number (two or more)
    of tab-separated cells. A single line with a tab in it is a line of text.
    """
    if "\t" not in lines[index].text:
        return [], index  # most lines: decided without splitting
    width = len(_cells_of(lines[index]))
    end = index
    spans: list[list[tuple[int, int]]] = []
    while end < len(lines):
        cells = _cells_of(lines[end])
        if width < 2 or len(cells) != width:
            break
        spans.append(cells)
        end += 1
    if len(spans) < 2:
        return [], index
    rows: list[GridRow] = []
    for number, (line, cells) in enumerate(zip(lines[index:end], spans, strict=True), start=1):
        grid_cells: list[GridCell] = []
        for column, (start, stop) in enumerate(cells, start=1):
            text, source = join_lines([(line, start, stop)])
            grid_cells.append(GridCell(text, False, column, source))
        rows.append(GridRow(grid_cells, False, number))
    if _header_like(rows[0]) and any(not _header_like_cell(c) for r in rows[1:] for c in r.cells):
        rows[0] = GridRow(rows[0].cells, True, 1)
    return rows, end


def _header_like_cell(cell: GridCell) -> bool:
    text = cell.text
    if not text:
        return True
    return (
        is_short_label(text, MAX_HEADER_WORDS)
        and text[0].isupper()
        and reads_as_label(text)
        and not any(ch.isdigit() for ch in text)
    )


def _header_like(row: GridRow) -> bool:
    """Column headers are short title-like text ("Who", "By when"), one in each cell."""
    return all(cell.text for cell in row.cells) and all(_header_like_cell(c) for c in row.cells)
