"""Read a .docx as Word shows it: every paragraph and table cell once, in reading order.

python-docx's `Document.paragraphs` skips content controls, drops tracked insertions and
returns a merged cell once per grid cell it spans, so this reader walks the
WordprocessingML itself. It reads paragraphs and tables in body order (nested tables too),
text in content controls at every level (but not their placeholder prompts), tracked
insertions but not deletions, hyperlinks, fields' results, and text boxes once (not once
per drawing format). It leaves out page headers and footers, footnotes and comments, which
live in other parts, and table-of-contents entries, which repeat the headings.

The walk has two passes: the first collects paragraphs and tables with what their styles
say; the second decides headings (styled, or bold stand-alone labels when a template uses
no heading styles) and table layouts, and feeds the `DocumentBuilder`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from assesslint.models import BlockKind, Document, Source, TableCell
from assesslint.readers import limits
from assesslint.readers.builder import DocumentBuilder
from assesslint.readers.directives import parse_ignore
from assesslint.readers.docx_styles import StyleSheet, on_off
from assesslint.readers.package import WordPackage, open_word_package
from assesslint.readers.sections import SectionMap
from assesslint.readers.tables import CellSummary, RowRole, RowSummary, classify_rows

_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"

# A styled heading this long is a paragraph someone styled by mistake.
_MAX_HEADING_WORDS = 30
# A bold stand-alone paragraph counts as a heading only when it is this short.
_MAX_PSEUDO_HEADING_WORDS = 10
_MAX_PSEUDO_HEADING_CHARS = 80


@dataclass
class _Para:
    raw: str
    bold: bool
    styled_level: int | None
    is_list: bool
    number: int
    mark_deleted: bool = False
    textboxes: list[_Para] = field(default_factory=list)
    comments: frozenset[str] = frozenset()
    element: etree._Element | None = None
    pieces: tuple[Piece, ...] = ()

    def anchor(self, whole: bool = False) -> ParagraphAnchor | None:
        if self.element is None:
            return None
        lead = len(self.raw) - len(self.raw.lstrip())
        return ParagraphAnchor(self.element, self.pieces, lead, whole)

    @property
    def text(self) -> str:
        return self.raw.strip()


@dataclass
class _Cell:
    items: list[_Para | _Table]
    column: int
    span: int

    def paragraphs(self) -> list[_Para]:
        return [item for item in self.items if isinstance(item, _Para)]

    def summary(self) -> CellSummary:
        paragraphs = [p for p in self.paragraphs() if p.text]
        return CellSummary(
            text=" ".join(p.text for p in paragraphs),
            bold=bool(paragraphs) and all(p.bold for p in paragraphs),
            column=self.column,
            span=self.span,
        )


@dataclass
class _Row:
    cells: list[_Cell]
    number: int
    header: bool


@dataclass
class _Table:
    rows: list[_Row]
    columns: int
    number: int


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text and the XML element it came from.

    `element` is the `w:t` (or `w:tab`, `w:br`, ...) that holds the text, or None for text
    that cannot be pointed at (an equation); `start` and `end` are offsets in the
    paragraph's text before it is trimmed.
    """

    start: int
    end: int
    element: etree._Element | None


@dataclass(frozen=True)
class ParagraphAnchor:
    """Where a block's text lives in the XML: its `w:p`, pieces and trimmed lead.

    Block offset `n` is offset `n + lead` in the pieces' coordinates. `whole` marks a
    block that stands for the whole paragraph (a label cell made a heading).
    """

    paragraph: etree._Element
    pieces: tuple[Piece, ...]
    lead: int
    whole: bool = False


class _TextCollector:
    """Gathers a paragraph's visible text, whether each piece is bold, and text boxes."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, bool]] = []
        self.sources: list[Piece] = []
        self._length = 0
        self.textboxes: list[_Para] = []
        self.fields: list[str] = []
        self.comments: set[str] = set()

    def add(self, text: str, bold: bool, element: etree._Element | None = None) -> None:
        if text:
            self.pieces.append((text, bold))
            self.sources.append(Piece(self._length, self._length + len(text), element))
            self._length += len(text)

    @property
    def in_field_code(self) -> bool:
        return "code" in self.fields

    def text(self) -> str:
        return "".join(piece for piece, _ in self.pieces)

    def bold(self) -> bool:
        visible = [bold for piece, bold in self.pieces if piece.strip()]
        return bool(visible) and all(visible)


class _Walker:
    """First pass: WordprocessingML elements to paragraphs and tables."""

    def __init__(self, w: str, styles: StyleSheet) -> None:
        self.w = w
        self.styles = styles
        self.has_styled_headings = False
        self._tag = {name: f"{{{w}}}{name}" for name in _W_NAMES}
        self._transparent_inline = {
            self.t(name)
            for name in (
                "hyperlink",
                "smartTag",
                "customXml",
                "ins",
                "moveTo",
                "fldSimple",
                "dir",
                "bdo",
            )
        }
        # Word comments whose range is open at this point of the reading order.
        self._open_comments: set[str] = set()

    def t(self, name: str) -> str:
        return self._tag[name]

    # --- containers ------------------------------------------------------------------

    def container(self, element: etree._Element, depth: int) -> list[_Para | _Table]:
        """Read the paragraphs and tables of the body, a cell or a text box."""
        items: list[_Para | _Table] = []
        counters = {"paragraph": 0, "table": 0}
        for child in self._block_children(element):
            if child.tag in (self.t("commentRangeStart"), self.t("commentRangeEnd")):
                self._comment_mark(child, None)
            elif child.tag == self.t("p"):
                counters["paragraph"] += 1
                para = self.paragraph(child, counters["paragraph"])
                if para is not None:
                    items.append(para)
            elif child.tag == self.t("tbl"):
                counters["table"] += 1
                if depth >= limits.MAX_TABLE_DEPTH:
                    items.extend(self._flattened(child, counters))
                else:
                    items.append(self.table(child, counters["table"], depth + 1))
        return _join_deleted_marks(items)

    def _block_children(self, element: etree._Element) -> Iterator[etree._Element]:
        """Yield block-level children, looking through content controls and wrappers."""
        for child in element:
            tag = child.tag
            if tag in (
                self.t("p"),
                self.t("tbl"),
                self.t("commentRangeStart"),
                self.t("commentRangeEnd"),
            ):
                yield child
            elif tag == self.t("sdt"):
                if not self._is_placeholder(child) and not self._is_contents(child):
                    content = child.find(self.t("sdtContent"))
                    if content is not None:
                        yield from self._block_children(content)
            elif tag in (self.t("customXml"), self.t("ins"), self.t("moveTo")):
                yield from self._block_children(child)
            elif tag == f"{{{_MC}}}AlternateContent":
                chosen = _choose(child)
                if chosen is not None:
                    yield from self._block_children(chosen)

    def _flattened(self, table: etree._Element, counters: dict[str, int]) -> list[_Para | _Table]:
        # Beyond the depth limit, keep the text of every paragraph and drop the structure.
        items: list[_Para | _Table] = []
        for p in table.iter(self.t("p")):
            counters["paragraph"] += 1
            para = self.paragraph(p, counters["paragraph"])
            if para is not None:
                items.append(para)
        return items

    def _is_placeholder(self, sdt: etree._Element) -> bool:
        props = sdt.find(self.t("sdtPr"))
        return props is not None and bool(on_off(props.find(self.t("showingPlcHdr")), self.w))

    def _is_contents(self, sdt: etree._Element) -> bool:
        gallery = sdt.find(f"{self.t('sdtPr')}/{self.t('docPartObj')}/{self.t('docPartGallery')}")
        return gallery is not None and "contents" in (gallery.get(self.t("val")) or "").lower()

    # --- paragraphs ----------------------------------------------------------------------

    def paragraph(self, p: etree._Element, number: int) -> _Para | None:
        props = p.find(self.t("pPr"))
        style = outline = num_id = None
        level = 0
        mark_deleted = False
        if props is not None:
            style_el = props.find(self.t("pStyle"))
            style = style_el.get(self.t("val")) if style_el is not None else None
            outline_el = props.find(self.t("outlineLvl"))
            outline = _int(outline_el.get(self.t("val"))) if outline_el is not None else None
            num = props.find(self.t("numPr"))
            if num is not None:
                num_el = num.find(self.t("numId"))
                num_id = num_el.get(self.t("val")) if num_el is not None else None
                level_el = num.find(self.t("ilvl"))
                level = (_int(level_el.get(self.t("val"))) or 0) if level_el is not None else 0
            mark_deleted = props.find(f"{self.t('rPr')}/{self.t('del')}") is not None
        if self.styles.is_contents_entry(style):
            return None
        if outline is not None:
            styled_level = outline + 1 if 0 <= outline <= 8 else None
        else:
            styled_level = self.styles.heading_level(style)
        if num_id is not None:
            is_list = self.styles.is_list_numbering(num_id, level)
        else:
            style_num = self.styles.style_num_id(style)
            is_list = self.styles.is_list_numbering(style_num, level) or self.styles.is_list_style(
                style
            )
        collector = _TextCollector()
        collector.comments.update(self._open_comments)
        self._inline(p, collector, self.styles.paragraph_bold(style))
        text = collector.text()
        if styled_level is not None and styled_level >= 1 and text.strip():
            self.has_styled_headings = True
        return _Para(
            raw=text,
            bold=collector.bold(),
            styled_level=styled_level,
            is_list=is_list,
            number=number,
            mark_deleted=mark_deleted,
            textboxes=collector.textboxes,
            comments=frozenset(collector.comments),
            element=p,
            pieces=tuple(collector.sources),
        )

    def collect(self, paragraph: etree._Element) -> _TextCollector:
        """Gather one paragraph's visible text and where each piece of it comes from."""
        collector = _TextCollector()
        self._inline(paragraph, collector, False)
        return collector

    def _inline(self, element: etree._Element, out: _TextCollector, para_bold: bool) -> None:
        for child in element:
            tag = child.tag
            if tag == self.t("r"):
                self._run(child, out, para_bold)
            elif tag in self._transparent_inline:
                self._inline(child, out, para_bold)
            elif tag == self.t("sdt"):
                content = child.find(self.t("sdtContent"))
                if content is not None and not self._is_placeholder(child):
                    self._inline(content, out, para_bold)
            elif tag == f"{{{_MC}}}AlternateContent":
                chosen = _choose(child)
                if chosen is not None:
                    self._inline(chosen, out, para_bold)
            elif tag in (self.t("commentRangeStart"), self.t("commentRangeEnd")):
                self._comment_mark(child, out)
            elif tag in (f"{{{_MATH}}}oMath", f"{{{_MATH}}}oMathPara"):
                out.add("".join(t.text or "" for t in child.iter(f"{{{_MATH}}}t")), para_bold)
            # Deletions, moved-from text, bookmarks and proofing marks carry no text
            # that Word shows.

    def _comment_mark(self, mark: etree._Element, out: _TextCollector | None) -> None:
        """Track which Word comments cover the paragraphs being read."""
        comment = mark.get(self.t("id"))
        if comment is None:
            return
        if mark.tag == self.t("commentRangeStart"):
            self._open_comments.add(comment)
            if out is not None:
                out.comments.add(comment)
        else:
            self._open_comments.discard(comment)

    def _run(self, run: etree._Element, out: _TextCollector, para_bold: bool) -> None:
        props = run.find(self.t("rPr"))
        bold = para_bold
        if props is not None:
            if on_off(props.find(self.t("vanish")), self.w):
                return  # hidden text is not part of the report as read
            direct = on_off(props.find(self.t("b")), self.w)
            if direct is not None:
                bold = direct
            else:
                style_el = props.find(self.t("rStyle"))
                if style_el is not None:
                    from_style = self.styles.character_bold(style_el.get(self.t("val")))
                    if from_style is not None:
                        bold = from_style
        for child in run:
            tag = child.tag
            if tag == self.t("t"):
                if not out.in_field_code:
                    out.add(child.text or "", bold, child)
            elif tag in (self.t("tab"), self.t("ptab")):
                out.add(" ", bold, child)
            elif tag in (self.t("br"), self.t("cr")):
                out.add("\n", bold, child)
            elif tag == self.t("noBreakHyphen"):
                out.add("-", bold, child)
            elif tag == self.t("fldChar"):
                self._field_char(child, out)
            elif tag == self.t("commentReference"):
                comment = child.get(self.t("id"))
                if comment is not None:
                    out.comments.add(comment)
            elif tag in (self.t("drawing"), self.t("pict"), f"{{{_MC}}}AlternateContent"):
                self._textboxes(child, out)

    def _field_char(self, element: etree._Element, out: _TextCollector) -> None:
        kind = element.get(self.t("fldCharType"))
        if kind == "begin":
            out.fields.append("code")
        elif kind == "separate" and out.fields:
            out.fields[-1] = "result"
        elif kind == "end" and out.fields:
            out.fields.pop()

    def _textboxes(self, element: etree._Element, out: _TextCollector) -> None:
        if element.tag == f"{{{_MC}}}AlternateContent":
            chosen = _choose(element)
            if chosen is None:
                return
            element = chosen
        for box in _outermost(element, self.t("txbxContent")):
            for item in self.container(box, limits.MAX_TABLE_DEPTH):
                if isinstance(item, _Para):
                    out.textboxes.append(item)

    # --- tables ----------------------------------------------------------------------

    def table(self, tbl: etree._Element, number: int, depth: int) -> _Table:
        grid = tbl.find(self.t("tblGrid"))
        columns = len(grid.findall(self.t("gridCol"))) if grid is not None else 0
        rows: list[_Row] = []
        for row_number, tr in enumerate(self._rows(tbl), start=1):
            props = tr.find(self.t("trPr"))
            if props is not None and props.find(self.t("del")) is not None:
                continue  # a tracked deletion of the whole row
            header = props is not None and bool(on_off(props.find(self.t("tblHeader")), self.w))
            column = 0
            if props is not None:
                before = props.find(self.t("gridBefore"))
                column = (_int(before.get(self.t("val"))) or 0) if before is not None else 0
            cells: list[_Cell] = []
            for tc in self._cells(tr):
                span, continued = self._cell_span(tc)
                if not continued:
                    cells.append(_Cell(self.container(tc, depth), column + 1, span))
                column += span
            columns = max(columns, column)
            rows.append(_Row(cells, row_number, header))
        return _Table(rows, columns, number)

    def _rows(self, tbl: etree._Element) -> Iterator[etree._Element]:
        yield from self._unwrap(tbl, self.t("tr"))

    def _cells(self, tr: etree._Element) -> Iterator[etree._Element]:
        yield from self._unwrap(tr, self.t("tc"))

    def _unwrap(self, element: etree._Element, wanted: str) -> Iterator[etree._Element]:
        # Rows and cells may sit inside content controls or custom XML.
        for child in element:
            if child.tag == wanted:
                yield child
            elif child.tag == self.t("sdt"):
                content = child.find(self.t("sdtContent"))
                if content is not None:
                    yield from self._unwrap(content, wanted)
            elif child.tag == self.t("customXml"):
                yield from self._unwrap(child, wanted)

    def _cell_span(self, tc: etree._Element) -> tuple[int, bool]:
        """Return how many grid columns a cell spans, and whether it continues a merge."""
        props = tc.find(self.t("tcPr"))
        if props is None:
            return 1, False
        span_el = props.find(self.t("gridSpan"))
        span = max(_int(span_el.get(self.t("val"))) or 1, 1) if span_el is not None else 1
        vmerge = props.find(self.t("vMerge"))
        hmerge = props.find(self.t("hMerge"))
        continued = (vmerge is not None and vmerge.get(self.t("val")) != "restart") or (
            hmerge is not None and hmerge.get(self.t("val")) != "restart"
        )
        deleted = props.find(self.t("cellDel")) is not None
        return span, continued or deleted


_W_NAMES = (
    "p",
    "commentRangeStart",
    "commentRangeEnd",
    "commentReference",
    "comment",
    "id",
    "pPr",
    "pStyle",
    "outlineLvl",
    "numPr",
    "numId",
    "ilvl",
    "rPr",
    "del",
    "r",
    "t",
    "tab",
    "ptab",
    "br",
    "cr",
    "noBreakHyphen",
    "fldChar",
    "fldCharType",
    "drawing",
    "pict",
    "txbxContent",
    "vanish",
    "b",
    "rStyle",
    "val",
    "tbl",
    "tblGrid",
    "gridCol",
    "tr",
    "trPr",
    "tblHeader",
    "gridBefore",
    "tc",
    "tcPr",
    "gridSpan",
    "vMerge",
    "hMerge",
    "cellDel",
    "sdt",
    "sdtPr",
    "sdtContent",
    "showingPlcHdr",
    "docPartObj",
    "docPartGallery",
    "customXml",
    "ins",
    "moveTo",
    "hyperlink",
    "smartTag",
    "fldSimple",
    "dir",
    "bdo",
    "body",
)


def _choose(alternate: etree._Element) -> etree._Element | None:
    """Pick one branch of mc:AlternateContent (both carry the same text)."""
    choice = alternate.find(f"{{{_MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{_MC}}}Fallback")


def _outermost(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Yield descendants with `tag`, not descending into a match (nested text boxes)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag != f"{{{_MC}}}Fallback":
            yield from _outermost(child, tag)


def _join_deleted_marks(items: list[_Para | _Table]) -> list[_Para | _Table]:
    """Join a paragraph whose mark is a tracked deletion to the paragraph after it."""
    joined: list[_Para | _Table] = []
    for item in items:
        previous = joined[-1] if joined else None
        if isinstance(item, _Para) and isinstance(previous, _Para) and previous.mark_deleted:
            previous.raw += item.raw
            previous.bold = previous.bold and item.bold
            previous.mark_deleted = item.mark_deleted
            previous.is_list = previous.is_list or item.is_list
            previous.textboxes.extend(item.textboxes)
            continue
        joined.append(item)
    return joined


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class _Emitter:
    """Second pass: decide headings and table layouts, and feed the builder."""

    def __init__(self, builder: DocumentBuilder, has_styled_headings: bool) -> None:
        self.builder = builder
        self.has_styled_headings = has_styled_headings
        # Block index -> where its text is in the XML, for tools that edit the file.
        self.anchors: dict[int, ParagraphAnchor] = {}

    def _anchor_new_block(self, before: int, anchor: ParagraphAnchor | None) -> None:
        if anchor is not None and self.builder.block_count > before:
            self.anchors[self.builder.block_count - 1] = anchor

    def items(
        self,
        items: list[_Para | _Table],
        path: tuple[TableCell, ...],
        label: str | None,
        header: bool = False,
    ) -> None:
        for item in items:
            if isinstance(item, _Para):
                self.paragraph(item, path, label, header=header)
                for box in item.textboxes:
                    self.paragraph(box, path, label, number=item.number, header=header)
            else:
                self.table(item, path)

    def paragraph(
        self,
        para: _Para,
        path: tuple[TableCell, ...],
        label: str | None,
        number: int | None = None,
        header: bool = False,
    ) -> None:
        if not para.text:
            return
        before = self.builder.block_count
        self._emit_paragraph(para, path, label, number, header)
        self._anchor_new_block(before, para.anchor())
        if para.comments:
            self.builder.attach_comments(para.comments)

    def _emit_paragraph(
        self,
        para: _Para,
        path: tuple[TableCell, ...],
        label: str | None,
        number: int | None,
        header: bool,
    ) -> None:
        source = Source(paragraph=number or para.number, table=path)
        if header:
            self.builder.block(BlockKind.TABLE_CELL, para.text, source, header=True)
            return
        words = len(para.text.split())
        if para.styled_level is not None and words <= _MAX_HEADING_WORDS and not para.is_list:
            self.builder.heading(para.text, para.styled_level, source)
            return
        if self._is_pseudo_heading(para, in_table=bool(path)):
            self.builder.implicit_heading(para.text, source)
            return
        if para.is_list:
            kind = BlockKind.LIST_ITEM
        elif path:
            kind = BlockKind.TABLE_CELL
        else:
            kind = BlockKind.PARAGRAPH
        self.builder.block(kind, para.text, source, label=label)

    def _is_pseudo_heading(self, para: _Para, in_table: bool) -> bool:
        text = para.text
        if para.is_list or "\n" in text or text.endswith((".", ";", ",", "!")):
            return False
        if len(text.split()) > _MAX_PSEUDO_HEADING_WORDS or len(text) > _MAX_PSEUDO_HEADING_CHARS:
            return False
        known = self.builder.is_known_heading(text)
        if para.bold:
            return known or not (self.has_styled_headings or in_table)
        # An un-bolded "Child's views:" on its own line still names a section.
        return known and text.endswith(":")

    def table(self, table: _Table, path: tuple[TableCell, ...]) -> None:
        rows = [
            RowSummary([cell.summary() for cell in row.cells], row.header) for row in table.rows
        ]
        roles = classify_rows(rows, table.columns, self.builder.is_known_heading)
        scope = self.builder.open_scope()
        base = self.builder.level
        label_level = base + 1
        column_labels: dict[int, str] = {}
        for row, summary, role in zip(table.rows, rows, roles, strict=True):

            def where(cell: _Cell, row: _Row = row) -> tuple[TableCell, ...]:
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
        self, cell: _Cell, text: str, level: int, where: tuple[TableCell, ...]
    ) -> None:
        """Make a label cell the heading of its row, keeping any table nested in it."""
        paragraphs = cell.paragraphs()
        first = paragraphs[0].number if paragraphs else 1
        before = self.builder.block_count
        self.builder.heading(text, level, Source(first, where))
        written = [p for p in paragraphs if p.text]
        self._anchor_new_block(before, written[0].anchor(whole=True) if written else None)
        for item in cell.items:
            if isinstance(item, _Table):
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
    walker = _Walker(w, style_sheet(w, package))
    body = root.find(f"{{{w}}}body")
    items = walker.container(body, 0) if body is not None else []
    builder = DocumentBuilder(path, "docx", sections)
    emitter = _Emitter(builder, walker.has_styled_headings)
    emitter.items(items, (), None)
    document = builder.build(comment_rules=_suppressing_comments(package.comments, w))
    return document, emitter.anchors


def paragraph_pieces(
    paragraph: etree._Element, package: WordPackage
) -> tuple[str, tuple[Piece, ...]]:
    """Read one paragraph again (after an edit): its untrimmed text and pieces."""
    w = etree.QName(paragraph).namespace or _W_TRANSITIONAL
    walker = _Walker(w, style_sheet(w, package))
    collector = walker.collect(paragraph)
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
