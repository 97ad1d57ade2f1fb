"""Read a .docx as Word shows it: every paragraph and table cell once, in reading order.

python-docx's `Document.paragraphs` skips content controls, drops tracked insertions and
returns a merged cell once per grid cell it spans, so this reader walks the
WordprocessingML itself. It reads paragraphs and tables in body order (nested tables too),
text in content controls at every level (but not their placeholder prompts), tracked
insertions but not deletions, hyperlinks, fields' results, and text boxes once (not once
per drawing format). It leaves out page headers and footers, footnotes and comments, which
live in other parts, and table-of-contents entries, which repeat the headings.

The reading has two passes: `docx_walk` collects paragraphs and tables with what their
styles and formatting say; this module then decides headings (`docx_headings`) and table
layouts (`tables`), and feeds the `DocumentBuilder`.
"""

from __future__ import annotations

from lxml import etree

from assesslint.models import BlockKind, Document, Source, TableCell
from assesslint.readers.builder import DocumentBuilder
from assesslint.readers.directives import parse_ignore
from assesslint.readers.docx_headings import HeadingJudge, body_size
from assesslint.readers.docx_items import Cell, Para, ParagraphAnchor, Piece, Row, Table
from assesslint.readers.docx_styles import StyleSheet
from assesslint.readers.docx_text import RunReader
from assesslint.readers.docx_walk import Walker
from assesslint.readers.package import WordPackage, open_word_package
from assesslint.readers.sections import SectionMap
from assesslint.readers.tables import RowRole, RowSummary, classify_rows

__all__ = ["ParagraphAnchor", "Piece", "paragraph_pieces", "read_docx", "read_docx_tree"]

_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _Emitter:
    """Second pass: decide headings and table layouts, and feed the builder."""

    def __init__(self, builder: DocumentBuilder, judge: HeadingJudge) -> None:
        self.builder = builder
        self.judge = judge
        # Block index -> where its text is in the XML, for tools that edit the file.
        self.anchors: dict[int, ParagraphAnchor] = {}

    def _anchor_new_block(self, before: int, anchor: ParagraphAnchor | None) -> None:
        if anchor is not None and self.builder.block_count > before:
            self.anchors[self.builder.block_count - 1] = anchor

    def items(
        self,
        items: list[Para | Table],
        path: tuple[TableCell, ...],
        label: str | None,
        header: bool = False,
    ) -> None:
        for item in items:
            if isinstance(item, Para):
                self.paragraph(item, path, label, header=header)
                for box in item.textboxes:
                    self.paragraph(box, path, label, number=item.number, header=header)
            else:
                self.table(item, path)

    def paragraph(
        self,
        para: Para,
        path: tuple[TableCell, ...],
        label: str | None,
        number: int | None = None,
        header: bool = False,
    ) -> None:
        if not para.text:
            return
        before = self.builder.block_count
        source = Source(paragraph=number or para.number, table=path)
        split = False
        if header:
            self.builder.block(BlockKind.TABLE_CELL, para.text, source, header=True)
        elif self._heading(para, path, source):
            pass
        elif not path and self._lead_label(para, source):
            split = True  # the heading and its text each have their own anchor
        else:
            if para.is_list:
                kind = BlockKind.LIST_ITEM
            elif path:
                kind = BlockKind.TABLE_CELL
            else:
                kind = BlockKind.PARAGRAPH
            self.builder.block(kind, para.text, source, label=label)
        if not split:
            self._anchor_new_block(before, para.anchor())
        if para.comments:
            self.builder.attach_comments(para.comments)

    def _heading(self, para: Para, path: tuple[TableCell, ...], source: Source) -> bool:
        verdict = self.judge.judge(para, in_table=bool(path))
        if verdict is None:
            return False
        if verdict.level is not None:
            self.builder.heading(para.text, verdict.level, source, marked=verdict.kind.value)
        else:
            self.builder.implicit_heading(para.text, source, marked=verdict.kind.value)
        return True

    def _lead_label(self, para: Para, source: Source) -> bool:
        """Split "**Child's views:** Ola said ..." into a heading and its text."""
        found = self.judge.lead_label(para)
        if found is None:
            return False
        label, end = found
        rest = para.raw[end:]
        if not self.builder.starts_section(label, rest):
            return False
        before = self.builder.block_count
        self.builder.implicit_heading(label, source, marked="bold label")
        self._anchor_new_block(before, para.anchor())
        before = self.builder.block_count
        self.builder.block(BlockKind.PARAGRAPH, rest.strip(), source)
        self._anchor_new_block(before, para.anchor(at=end + len(rest) - len(rest.lstrip())))
        return True

    def table(self, table: Table, path: tuple[TableCell, ...]) -> None:
        rows = [
            RowSummary([cell.summary() for cell in row.cells], row.header) for row in table.rows
        ]
        roles = classify_rows(rows, table.columns, self.builder.is_known_heading)
        scope = self.builder.open_scope()
        base = self.builder.level
        label_level = base + 1
        column_labels: dict[int, str] = {}
        for row, summary, role in zip(table.rows, rows, roles, strict=True):

            def where(cell: Cell, row: Row = row) -> tuple[TableCell, ...]:
                return (*path, TableCell(table.number, row.number, cell.column))

            if role is RowRole.HEADING:
                cell = row.cells[0]
                self._label_heading(cell, summary.cells[0].text, base + 1, where(cell))
                label_level = base + 2
            elif role is RowRole.HEADER:
                for cell, cell_summary in zip(row.cells, summary.cells, strict=True):
                    for column in range(cell.column, cell.column + cell.span):
                        column_labels[column] = cell_summary.text
                    self.items(cell.items, where(cell), None, header=True)
            elif role is RowRole.LABEL:
                left, right = row.cells
                self._label_heading(left, summary.cells[0].text, label_level, where(left))
                self.items(right.items, where(right), summary.cells[0].text)
            else:
                for cell in row.cells:
                    self.items(cell.items, where(cell), column_labels.get(cell.column))
        self.builder.close_scope(scope)

    def _label_heading(
        self, cell: Cell, text: str, level: int, where: tuple[TableCell, ...]
    ) -> None:
        """Make a label cell the heading of its row, keeping any table nested in it."""
        paragraphs = cell.paragraphs()
        first = paragraphs[0].number if paragraphs else 1
        before = self.builder.block_count
        self.builder.heading(text, level, Source(first, where), marked="table label")
        written = [p for p in paragraphs if p.text]
        self._anchor_new_block(before, written[0].anchor(whole=True) if written else None)
        for item in cell.items:
            if isinstance(item, Table):
                self.table(item, where)


_SHEETS_KEPT = 16
_sheets: dict[tuple[str, bytes | None, bytes | None], StyleSheet] = {}


def style_sheet(w: str, package: WordPackage) -> StyleSheet:
    """The style sheet of a package, shared with earlier packages of the same template.

    A team's reports come from a handful of templates, and reading a template's styles
    and numbering took a fifth of the time of reading a report. Only the style parts are
    kept (they hold style names and list formats, not what was written), in memory, for
    the last few templates.
    """
    key = (w, package.styles_data, package.numbering_data)
    sheet = _sheets.get(key)
    if sheet is None:
        sheet = StyleSheet(w, package.styles, package.numbering)
        if len(_sheets) >= _SHEETS_KEPT:
            del _sheets[next(iter(_sheets))]
        _sheets[key] = sheet
    return sheet


def read_docx(data: bytes, path: str, sections: SectionMap) -> Document:
    """Read a .docx from its bytes into a `Document`."""
    package = open_word_package(data)
    return read_docx_tree(package.document, package, path, sections)[0]


def read_docx_tree(
    root: etree._Element, package: WordPackage, path: str, sections: SectionMap
) -> tuple[Document, dict[int, ParagraphAnchor]]:
    """Read a parsed main document part, returning the document and its blocks' anchors.

    `root` may be another parse of the same part (python-docx's, for `annotate`), so that
    the anchors point into the tree that will be edited and saved.
    """
    w = etree.QName(root).namespace or _W_TRANSITIONAL
    walker = Walker(w, style_sheet(w, package))
    walker.chunks = package.chunks
    body = root.find(f"{{{w}}}body")
    items = walker.container(body, 0) if body is not None else []
    builder = DocumentBuilder(path, "docx", sections)
    builder.notices.extend(walker.notices)
    judge = HeadingJudge(walker.has_styled_headings, body_size(items), builder.is_known_heading)
    emitter = _Emitter(builder, judge)
    emitter.items(items, (), None)
    document = builder.build(comment_rules=_suppressing_comments(package.comments, w))
    return document, emitter.anchors


def paragraph_pieces(
    paragraph: etree._Element, package: WordPackage
) -> tuple[str, tuple[Piece, ...]]:
    """Read one paragraph again (after an edit): its untrimmed text and pieces."""
    w = etree.QName(paragraph).namespace or _W_TRANSITIONAL
    runs = RunReader(w, style_sheet(w, package), lambda _box: [])
    collector = runs.collect(paragraph, None)
    return collector.text(), tuple(collector.sources)


def _suppressing_comments(comments: etree._Element | None, w: str) -> dict[str, frozenset[str]]:
    """Map the IDs of comments that start "assesslint: ignore" to the rules they name."""
    found: dict[str, frozenset[str]] = {}
    if comments is None:
        return found
    for comment in comments.iter(f"{{{w}}}comment"):
        comment_id = comment.get(f"{{{w}}}id")
        text = " ".join(
            "".join(t.text or "" for t in p.iter(f"{{{w}}}t")) for p in comment.iter(f"{{{w}}}p")
        )
        rules = parse_ignore(text)
        if comment_id is not None and rules is not None:
            found[comment_id] = rules
    return found
