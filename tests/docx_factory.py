"""Build .docx files for tests, including what python-docx cannot author directly.

Content controls, tracked changes, merged cells, text boxes and footnotes are written as
WordprocessingML and inserted into a document made from python-docx's default template, so
the package (styles, numbering, relationships) is exactly what Word expects.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _change_id(content: str) -> int:
    # Revision ids must differ within a document; derive them from the content so the
    # same document always gets the same ids, whatever else a test run has built.
    return 100 + zlib.crc32(content.encode()) % 1_000_000


def r(text: str, *, bold: bool = False, italic: bool = False, props: str = "") -> str:
    """A run of text. Tabs and line breaks in `text` become <w:tab/> and <w:br/>."""
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + props
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{''.join(parts)}</w:r>"


def p(
    *content: str,
    style: str | None = None,
    num: tuple[int, int] | None = None,
    bold: bool = False,
    ppr: str = "",
) -> str:
    """A paragraph. Plain strings in `content` become runs; XML strings are kept."""
    runs = "".join(c if c.lstrip().startswith("<") else r(c, bold=bold) for c in content)
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


def ins(*content: str) -> str:
    """A tracked insertion of runs (plain strings become runs)."""
    runs = "".join(c if c.startswith("<") else r(c) for c in content)
    return (
        f'<w:ins w:id="{_change_id(runs)}" w:author="Editor" w:date="2026-01-01T00:00:00Z">'
        f"{runs}</w:ins>"
    )


def dele(text: str) -> str:
    """A tracked deletion."""
    return (
        f'<w:del w:id="{_change_id("del" + text)}" w:author="Editor" '
        'w:date="2026-01-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def sdt(*content: str, placeholder: bool = False, tag: str = "field") -> str:
    """A content control around blocks, cells, rows or runs."""
    props = f'<w:tag w:val="{tag}"/>' + ("<w:showingPlcHdr/>" if placeholder else "")
    return (
        f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{''.join(content)}</w:sdtContent></w:sdt>"
    )


def hyperlink(text: str) -> str:
    """An internal hyperlink (an anchor, so no relationship is needed)."""
    return f'<w:hyperlink w:anchor="top">{r(text)}</w:hyperlink>'


def textbox(*paragraphs: str) -> str:
    """A run holding a text box, written as Word does: DrawingML with a VML fallback."""
    inner = "".join(paragraphs)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        f"{inner}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>"
        f"{inner}</w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def tc(*blocks: str, span: int = 1, vmerge: str | None = None, shade: bool = False) -> str:
    """A table cell. `vmerge` is "restart" or "continue"."""
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if shade:
        props += '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
    body = "".join(b if b.startswith("<") else p(b) for b in blocks) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def tr(*cells: str, header: bool = False) -> str:
    """A table row."""
    props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tbl(*rows: str, columns: int = 2) -> str:
    """A table with `columns` grid columns."""
    grid = "".join('<w:gridCol w:w="4000"/>' for _ in range(columns))
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def label_table(*pairs: tuple[str, str], bold_labels: bool = True) -> str:
    """A two-column `label | answer` table, as case-management exports lay out a form."""
    return tbl(*(tr(tc(p(label, bold=bold_labels)), tc(answer)) for label, answer in pairs))


_FOOTNOTES = (
    f"<w:footnotes {NS}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
)


def footnote_reference() -> str:
    """A run referring to footnote 1 (see `build(footnote=...)`)."""
    return (
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>'
    )


def build(
    path: Path,
    *blocks: str,
    header: str | None = None,
    footer: str | None = None,
    footnote: str | None = None,
    comment: tuple[str, str] | None = None,
    setup: Callable[[Any], None] | None = None,
) -> Path:
    """Write a .docx whose body is `blocks` (XML strings; plain strings become paragraphs).

    `comment` is (paragraph text, comment text): a paragraph carrying a Word comment.
    `setup` receives the python-docx document first, to add styles or content.
    """
    document = docx.Document()
    if setup is not None:
        setup(document)
    body = document.element.body
    sect_pr = body[-1]
    for block in blocks:
        xml = block if block.startswith("<") else p(block)
        sect_pr.addprevious(parse_xml(_with_namespaces(xml)))
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    if comment is not None:
        paragraph = document.add_paragraph(comment[0])
        document.add_comment(paragraph.runs, text=comment[1], author="Reviewer", initials="R")
    if footnote is not None:
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            _FOOTNOTES.replace("{text}", escape(footnote)).encode("utf-8"),
            document.part.package,
        )
        document.part.relate_to(part, RT.FOOTNOTES)
    save_reproducibly(document, path)
    return path


def zip_bytes(parts: dict[str, bytes | str]) -> bytes:
    """A zip archive holding `parts` (name to content): a package with only what a test needs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"/>'
)


def docx_with_document_xml(document_xml: str) -> bytes:
    """The least a reader takes for a .docx: content types and `word/document.xml`."""
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document_xml})


def save_reproducibly(document: Any, path: Path) -> None:
    """Save so that the same content always gives the same bytes (fixed dates everywhere)."""
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    properties = document.core_properties
    properties.created = properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))


def _with_namespaces(xml: str) -> str:
    """Declare the namespaces on the outermost element of an XML fragment."""
    end = xml.index(">")
    head = xml[:end]
    closing = "/" if head.endswith("/") else ""
    head = head.rstrip("/")
    return f"{head} {NS}{closing}{xml[end:]}"
