"""First pass over a .docx body: WordprocessingML elements to paragraphs and tables.

The walk keeps body order, looks through content controls (but not their placeholder
prompts or a table of contents), custom XML and tracked insertions, reads nested tables
down to a depth limit (flattening deeper ones to their text), counts a merged cell once,
leaves out tracked deletions of rows and cells, and records for each paragraph what its
style and numbering say (heading level, list) beside its text and formatting.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from assesslint.readers import limits
from assesslint.readers.docx_items import Cell, Para, Row, Table
from assesslint.readers.docx_styles import StyleSheet, on_off
from assesslint.readers.docx_text import MC, RunReader, choose


class Walker:
    """Reads the body (or a cell, or a text box) into `Para` and `Table` items."""

    def __init__(self, w: str, styles: StyleSheet) -> None:
        self.w = w
        self.styles = styles
        self.has_styled_headings = False
        self._tag = {name: f"{{{w}}}{name}" for name in _W_NAMES}
        self.runs = RunReader(w, styles, self._textbox)
        # altChunk parts read by the package (rId -> paragraphs, None if unreadable), and
        # notices for the chunks that could not be read.
        self.chunks: dict[str, list[str] | None] = {}
        self.notices: list[str] = []

    def t(self, name: str) -> str:
        """The qualified tag of a WordprocessingML element name."""
        return self._tag[name]

    # --- containers ------------------------------------------------------------------

    def container(self, element: etree._Element, depth: int) -> list[Para | Table]:
        """Read the paragraphs and tables of the body, a cell or a text box."""
        items: list[Para | Table] = []
        counters = {"paragraph": 0, "table": 0}
        for child in self._block_children(element):
            if child.tag in (self.t("commentRangeStart"), self.t("commentRangeEnd")):
                self.runs.comment_mark(child, None)
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

    def _textbox(self, box: etree._Element) -> list[Para]:
        return [
            item for item in self.container(box, limits.MAX_TABLE_DEPTH) if isinstance(item, Para)
        ]

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
                if not self.runs.is_placeholder(child) and not self._is_contents(child):
                    content = child.find(self.t("sdtContent"))
                    if content is not None:
                        yield from self._block_children(content)
            elif tag in (self.t("customXml"), self.t("ins"), self.t("moveTo")):
                yield from self._block_children(child)
            elif tag == f"{{{MC}}}AlternateContent":
                chosen = choose(child)
                if chosen is not None:
                    yield from self._block_children(chosen)
            elif tag == self.t("altChunk"):
                yield from self._alt_chunk(child)

    def _alt_chunk(self, chunk: etree._Element) -> Iterator[etree._Element]:
        """Paragraphs for an embedded HTML or text part, or a notice that it is unread."""
        paragraphs = self.chunks.get(chunk.get(f"{{{_R}}}id") or "")
        if paragraphs is None:
            if _ALT_CHUNK_NOTICE not in self.notices:
                self.notices.append(_ALT_CHUNK_NOTICE)
            return
        for text in paragraphs:
            p = etree.Element(self.t("p"))
            run = etree.SubElement(p, f"{{{self.w}}}r")
            etree.SubElement(run, f"{{{self.w}}}t").text = text
            yield p

    def _flattened(self, table: etree._Element, counters: dict[str, int]) -> list[Para | Table]:
        # Beyond the depth limit, keep the text of every paragraph and drop the structure.
        items: list[Para | Table] = []
        for p in table.iter(self.t("p")):
            counters["paragraph"] += 1
            para = self.paragraph(p, counters["paragraph"])
            if para is not None:
                items.append(para)
        return items

    def _is_contents(self, sdt: etree._Element) -> bool:
        gallery = sdt.find(f"{self.t('sdtPr')}/{self.t('docPartObj')}/{self.t('docPartGallery')}")
        return gallery is not None and "contents" in (gallery.get(self.t("val")) or "").lower()

    # --- paragraphs ----------------------------------------------------------------------

    def paragraph(self, p: etree._Element, number: int) -> Para | None:
        """Read one `w:p`, or return None for a table-of-contents entry."""
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
        collector = self.runs.collect(p, style)
        text = collector.text()
        look = collector.look()
        if styled_level is not None and styled_level >= 1 and text.strip():
            self.has_styled_headings = True
        return Para(
            raw=text,
            bold=look.bold,
            styled_level=styled_level,
            # Word's multilevel list linked to Heading 1-3 numbers the headings: they are
            # headings that carry a number, not list items.
            is_list=is_list and styled_level is None,
            numbered=is_list and styled_level is not None,
            number=number,
            mark_deleted=mark_deleted,
            textboxes=collector.textboxes,
            comments=frozenset(collector.comments),
            element=p,
            pieces=tuple(collector.sources),
            look=look,
        )

    # --- tables ----------------------------------------------------------------------

    def table(self, tbl: etree._Element, number: int, depth: int) -> Table:
        """Read one `w:tbl` (and the tables nested in its cells)."""
        grid = tbl.find(self.t("tblGrid"))
        columns = len(grid.findall(self.t("gridCol"))) if grid is not None else 0
        rows: list[Row] = []
        for row_number, tr in enumerate(self._unwrap(tbl, self.t("tr")), start=1):
            props = tr.find(self.t("trPr"))
            if props is not None and props.find(self.t("del")) is not None:
                continue  # a tracked deletion of the whole row
            header = props is not None and bool(on_off(props.find(self.t("tblHeader")), self.w))
            column = 0
            if props is not None:
                before = props.find(self.t("gridBefore"))
                column = (_int(before.get(self.t("val"))) or 0) if before is not None else 0
            cells: list[Cell] = []
            for tc in self._unwrap(tr, self.t("tc")):
                span, continued = self._cell_span(tc)
                if not continued:
                    cells.append(Cell(self.container(tc, depth), column + 1, span))
                column += span
            columns = max(columns, column)
            rows.append(Row(cells, row_number, header))
        return Table(rows, columns, number)

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


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ALT_CHUNK_NOTICE = (
    "part of the report is embedded in a form assesslint cannot read (an altChunk); open "
    "it in Word and save it again so that every part is checked"
)

_W_NAMES = (
    "altChunk",
    "p",
    "commentRangeStart",
    "commentRangeEnd",
    "pPr",
    "pStyle",
    "outlineLvl",
    "numPr",
    "numId",
    "ilvl",
    "rPr",
    "del",
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
    "docPartObj",
    "docPartGallery",
    "customXml",
    "ins",
    "moveTo",
)


def _join_deleted_marks(items: list[Para | Table]) -> list[Para | Table]:
    """Join a paragraph whose mark is a tracked deletion to the paragraph after it."""
    joined: list[Para | Table] = []
    for item in items:
        previous = joined[-1] if joined else None
        if isinstance(item, Para) and isinstance(previous, Para) and previous.mark_deleted:
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
