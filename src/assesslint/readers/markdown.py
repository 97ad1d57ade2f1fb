"""Read a Markdown report with a real Markdown parser (markdown-it-py, which rich brings).

Headings, paragraphs, list items, block quotes and tables become blocks; code blocks, HTML
and YAML front matter are left out. Emphasis markers are removed from the text, and each
block keeps a map from its text back to the line and column it was written at. Tables go
through the same layout rules as Word tables (`readers.tables`, by way of `text_grid`).
Paragraphs whose lines are labelled fields ("**Outcome:** ...", "Who: Mum") are read as the
plain-text reader reads them (`text_fields`): a plan row's fields are one table row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from assesslint.models import BlockKind, Document, Source
from assesslint.readers.builder import DocumentBuilder
from assesslint.readers.directives import take_line_directives
from assesslint.readers.sections import SectionMap
from assesslint.readers.text import split_lines
from assesslint.readers.text_fields import FieldGroup, SourceLine, emit_fields, read_group
from assesslint.readers.text_grid import GridCell, GridRow, emit_grid

_MAX_PSEUDO_HEADING_WORDS = 10


@dataclass
class _Inline:
    """The plain text of an inline token, its map back to the file, and its emphasis."""

    text: str
    line_map: tuple[tuple[int, int, int], ...]
    lines: tuple[int, int]
    bold: bool
    bold_spans: tuple[tuple[int, int], ...] = ()

    def source_lines(self) -> list[SourceLine]:
        """Split the text into its lines, each with its own map back to the file."""
        result: list[SourceLine] = []
        start = 0
        for piece in self.text.split("\n"):
            end = start + len(piece)
            entries = [entry for entry in self.line_map if start <= entry[0] < max(end, start + 1)]
            covering = [entry for entry in self.line_map if entry[0] <= start]
            line_map: list[tuple[int, int, int]] = []
            if covering and (not entries or entries[0][0] > start):
                offset, line, column = covering[-1]
                line_map.append((0, line, column + start - offset))
            line_map.extend((offset - start, line, column) for offset, line, column in entries)
            if not line_map:
                line_map.append((0, self.lines[0], 1))
            lead = len(piece) - len(piece.lstrip())
            bold_end = next(
                (b - start for a, b in self.bold_spans if a <= start + lead < b and b <= end),
                None,
            )
            result.append(SourceLine(piece, tuple(line_map), line_map[0][1], bold_end))
            start = end + 1
        return result


@dataclass
class _MdCell:
    inline: _Inline
    column: int


@dataclass
class _MdRow:
    cells: list[_MdCell]
    header: bool
    number: int


@dataclass
class _MdTable:
    rows: list[_MdRow] = field(default_factory=list)


def _blank_front_matter(source_lines: list[str]) -> list[str]:
    """Blank out YAML front matter, keeping line numbers."""
    if not source_lines or source_lines[0].strip() != "---":
        return source_lines
    for end in range(1, min(len(source_lines), 200)):
        if source_lines[end].strip() in {"---", "..."}:
            return [""] * (end + 1) + source_lines[end + 1 :]
    return source_lines


class _MarkdownReader:
    def __init__(self, text: str, builder: DocumentBuilder) -> None:
        self.lines = [line.text for line in split_lines(text)]
        self.lines = _blank_front_matter(self.lines)
        self.builder = builder
        self.tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(self.lines))
        self.has_headings = any(token.type == "heading_open" for token in self.tokens)
        # Pipe tables and tables of fields are numbered together, in reading order.
        self.table_count = 0

    def run(self) -> None:
        in_list = 0
        index = 0
        tokens = self.tokens
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                in_list += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                in_list -= 1
            elif kind == "heading_open":
                inline = self.inline(tokens[index + 1])
                level = int(token.tag[1:])
                self.builder.heading(inline.text, level, self.source(inline))
                index += 2
            elif kind == "paragraph_open":
                if in_list == 0:
                    after = self.fields(index)
                    if after is not None:
                        index = after
                        continue
                self.paragraph(self.inline(tokens[index + 1]), in_list > 0)
                index += 2
            elif kind == "table_open":
                index = self.table(index)
                continue
            index += 1

    def paragraph(self, inline: _Inline, in_list: bool) -> None:
        if not inline.text:
            return
        if not in_list and self._is_pseudo_heading(inline):
            self.builder.implicit_heading(inline.text, self.source(inline))
            return
        kind = BlockKind.LIST_ITEM if in_list else BlockKind.PARAGRAPH
        self.builder.block(kind, inline.text, self.source(inline))

    def fields(self, index: int) -> int | None:
        """Read paragraphs of field lines starting at token `index`; return the index after.

        Each paragraph whose every line is a field (or a wrapped value) is a group, and
        paragraphs of fields one after another are one sequence. Returns None when the
        paragraph at `index` is not made of fields.
        """
        tokens = self.tokens
        groups: list[FieldGroup] = []
        columns: frozenset[str] = frozenset()
        while index + 2 < len(tokens) and tokens[index].type == "paragraph_open":
            lines = self.inline(tokens[index + 1]).source_lines()
            group = read_group(lines, 0, self.builder.is_known_heading, lambda _: True, columns)
            if group is None or group.end < len(lines):
                break
            groups.append(group)
            columns = columns | {item.key for item in group.fields}
            index += 3
        if not groups:
            return None
        if emit_fields(self.builder, groups, self.table_count + 1):
            self.table_count += 1
        return index

    def _is_pseudo_heading(self, inline: _Inline) -> bool:
        text = inline.text
        if not inline.bold or "\n" in text or text.endswith((".", ";", ",", "!")):
            return False
        if len(text.split()) > _MAX_PSEUDO_HEADING_WORDS:
            return False
        return self.builder.is_known_heading(text) or not self.has_headings

    def source(self, inline: _Inline) -> Source:
        return Source(lines=inline.lines, line_map=inline.line_map)

    def inline(self, token: Token) -> _Inline:
        """Extract plain text from an inline token and map it back to the source."""
        first, last = token.map if token.map else (0, 1)
        region = "\n".join(self.lines[first:last])
        pieces: list[str] = []
        line_map: list[tuple[int, int, int]] = []
        offset = 0
        cursor = 0
        children = token.children or []
        strong_depth = 0
        plain_outside_strong = False
        bold_spans: list[tuple[int, int]] = []
        bold_start = 0
        for child in children:
            if child.type == "strong_open":
                if strong_depth == 0:
                    bold_start = offset
                strong_depth += 1
                continue
            if child.type == "strong_close":
                strong_depth -= 1
                if strong_depth == 0:
                    bold_spans.append((bold_start, offset))
                continue
            if child.type in ("softbreak", "hardbreak"):
                piece = "\n"
            elif child.type in ("text", "code_inline"):
                piece = child.content
            else:
                continue  # links' own markup, images, inline HTML
            if piece.strip() and strong_depth == 0:
                plain_outside_strong = True
            if piece != "\n":
                found = region.find(piece, cursor)
                if found >= 0:
                    line = first + region.count("\n", 0, found) + 1
                    column = found - (region.rfind("\n", 0, found) + 1) + 1
                    line_map.append((offset, line, column))
                    cursor = found + len(piece)
            pieces.append(piece)
            offset += len(piece)
        raw = "".join(pieces)
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        shifted = tuple((max(o - lead, 0), line, col) for o, line, col in line_map)
        if not shifted:
            shifted = ((0, first + 1, 1),)
        return _Inline(
            text,
            shifted,
            (first + 1, max(last, first + 1)),
            bold=bool(text) and not plain_outside_strong,
            bold_spans=tuple((max(a - lead, 0), max(b - lead, 0)) for a, b in bold_spans),
        )

    def table(self, index: int) -> int:
        """Read a table starting at `index`; return the index after it."""
        self.table_count += 1
        table = _MdTable()
        row: _MdRow | None = None
        in_head = False
        tokens = self.tokens
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = _MdRow([], in_head, len(table.rows) + 1)
                table.rows.append(row)
            elif token.type in ("th_open", "td_open") and row is not None:
                row.cells.append(_MdCell(self.inline(tokens[index + 1]), len(row.cells) + 1))
                index += 1
            index += 1
        self.emit_table(table)
        return index + 1

    def emit_table(self, table: _MdTable) -> None:
        rows = [
            GridRow(
                [
                    GridCell(
                        cell.inline.text, cell.inline.bold, cell.column, self.source(cell.inline)
                    )
                    for cell in row.cells
                ],
                row.header,
                row.number,
            )
            for row in table.rows
        ]
        emit_grid(self.builder, self.table_count, rows)


def read_markdown(text: str, path: str, sections: SectionMap, notices: list[str]) -> Document:
    """Read decoded Markdown into a `Document`."""
    builder = DocumentBuilder(path, "markdown", sections)
    builder.notices.extend(notices)
    text, directives = take_line_directives(text)
    _MarkdownReader(text, builder).run()
    return builder.build(line_directives=directives)
