"""Build the structure evaluation set from the spec files in bench/structure/src/.

Each spec file holds one synthetic assessment in a small line format and names the producer
that turns it into a report file:

    producer: md | txt | pandoc | libre-html | libre-fodt | docx
    options:  producer options, space-separated (see the render functions)
    ---
    # Heading text -> canonical // note      a heading (level = number of #)
    ##{bold} Heading text -> canonical        a heading with a marking ({mark}, see below)
    plain lines                               a paragraph (lines up to a blank line join)
    - text                                    a list item
    | a | b | c |                             a table row (the first row of a table is its header)
    #| Label -> canonical | answer            a form row: the label cell is a section heading
    ~ text  /  ~{bold} text                   a near miss: a paragraph that is NOT a heading
    : Label: value                            a field line (kept with the next field lines)
    !not text                                 a line that must not be read as a heading, only
                                              recorded in the key (a bold sentence inside text)

Inline **bold** marks bold text inside a paragraph. {nbsp}, {zwsp} and {shy} stand for the
characters copy-paste brings (no-break space, zero-width space, soft hyphen).

Heading marks (docx producer): title, h (a Heading N style; the default), custom (a style
based on Heading 1), outline (a custom style with only an outline level), bold, wcaps (the
w:caps run property), caps (typed capitals), size (a larger w:sz), under (w:u). The md and txt
producers and LibreOffice's HTML import understand bold and title only.

Run from the repository root: `python bench/structure/make.py`. It needs pandoc and soffice
(LibreOffice) on PATH for the pandoc and libre-* specs; it writes the reports next to this
file and rewrites key.yaml.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
CHARS = {"{nbsp}": "\u00a0", "{zwsp}": "\u200b", "{shy}": "\u00ad"}
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass
class Item:
    """One element of a spec body."""

    kind: str  # heading, para, li, row, form, near, field
    text: str = ""
    level: int = 1
    mark: str = ""
    canonical: str | None = None
    note: str = ""
    cells: list[str] = field(default_factory=list)


@dataclass
class Spec:
    """A parsed spec: producer, options, body and extra not-headings."""

    name: str
    producer: str
    options: set[str]
    items: list[Item]
    extra_not: list[str]


def chars(text: str) -> str:
    for key, value in CHARS.items():
        text = text.replace(key, value)
    return text


def reader_text(text: str) -> str:
    """Text as a reader sees it: markers gone, no bold stars, copy-paste characters cleaned."""
    text = text.replace("**", "").replace("{nbsp}", " ").replace("{zwsp}", "")
    return text.replace("{shy}", "")


HEAD_RE = re.compile(r"^(#+)(?:\{(\w+)\})?\s+(.*)$")
NEAR_RE = re.compile(r"^~(?:\{(\w+)\})?\s+(.*)$")


def split_canonical(rest: str) -> tuple[str, str | None, str]:
    note = ""
    if " // " in rest:
        rest, note = rest.split(" // ", 1)
    canonical: str | None = None
    if " -> " in rest:
        rest, canon = rest.rsplit(" -> ", 1)
        canonical = None if canon.strip() == "null" else canon.strip()
    return rest.strip(), canonical, note.strip()


def parse(path: Path) -> Spec:
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    items: list[Item] = []
    extra: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            items.append(Item("para", " ".join(para)))
            para.clear()

    for line in body.splitlines():
        line = line.rstrip()
        if not line:
            flush()
            continue
        if line.startswith("#|"):
            flush()
            label, answer = line[2:].split(" | ", 1)
            text, canonical, note = split_canonical(label)
            items.append(Item("form", text, canonical=canonical, note=note, cells=[answer.strip()]))
        elif m := HEAD_RE.match(line):
            flush()
            text, canonical, note = split_canonical(m.group(3))
            items.append(Item("heading", text, len(m.group(1)), m.group(2) or "", canonical, note))
        elif m := NEAR_RE.match(line):
            flush()
            items.append(Item("near", m.group(2), mark=m.group(1) or ""))
        elif line.startswith(": "):
            flush()
            items.append(Item("field", line[2:]))
        elif line.startswith("- "):
            flush()
            items.append(Item("li", line[2:]))
        elif line.startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip("|").split("|")]
            items.append(Item("row", cells=cells))
        elif line.startswith("!not "):
            extra.append(line[5:].strip())
        else:
            para.append(line.strip())
    flush()
    return Spec(
        path.stem,
        meta["producer"].strip(),
        set(meta.get("options", "").split()),
        items,
        extra,
    )


# --------------------------------------------------------------------------- Markdown / text


def md_inline(text: str) -> str:
    return chars(text)


def render_md(spec: Spec, for_pandoc: bool = False) -> str:
    out: list[str] = []
    prev = ""
    for item in spec.items:
        if item.kind != prev and prev in {"li", "row", "field"}:
            out.append("")
        if item.kind == "heading":
            text = md_inline(item.text)
            if item.mark == "bold":
                out += [f"**{text}**", ""]
            elif item.mark == "title" and for_pandoc:
                out += ["#" * item.level + " " + text + " {.unnumbered}", ""]
            elif "setext" in spec.options and item.level <= 2:
                out += [text, ("=" if item.level == 1 else "-") * len(reader_text(item.text)), ""]
            else:
                out += ["#" * item.level + " " + text, ""]
        elif item.kind in {"para", "near"}:
            text = md_inline(item.text)
            out += [f"**{text}**" if item.mark == "bold" else text, ""]
        elif item.kind == "field":
            out.append(md_inline(item.text) + ("\\" if for_pandoc else "  "))
        elif item.kind == "li":
            out.append("- " + md_inline(item.text))
        elif item.kind == "row":
            out.append("| " + " | ".join(md_inline(c) for c in item.cells) + " |")
            if prev != "row":
                out.append("|" + "---|" * len(item.cells))
        prev = item.kind
    text = "\n".join(out).rstrip() + "\n"
    return re.sub(r"\\\n(?=\n|$)", "\n", text)


def render_txt(spec: Spec) -> str:
    out: list[str] = []
    prev = ""
    style = next((o for o in ("caps", "colon", "underline") if o in spec.options), "caps")
    for item in spec.items:
        if item.kind != prev and prev in {"li", "row", "field"}:
            out.append("")
        text = chars(item.text).replace("**", "")
        if item.kind == "heading":
            if item.mark == "title" or style == "underline":
                rule = "=" if item.level == 1 or item.mark == "title" else "-"
                out += [text, rule * len(reader_text(item.text)), ""]
            elif style == "colon" and item.level > 1:
                out += [text if text.endswith(":") else text + ":", ""]
            else:
                out += [text.upper(), ""]
        elif item.kind in {"para", "near"}:
            out += [text, ""]
        elif item.kind == "field":
            out.append(text)
        elif item.kind == "li":
            out.append("* " + text)
        elif item.kind == "row":
            out.append("  ".join(c.ljust(22) for c in item.cells).rstrip())
        prev = item.kind
    return "\n".join(out).rstrip() + "\n"


def txt_heading_text(spec: Spec, item: Item) -> str:
    """The heading text a reader sees in the .txt rendering."""
    text = reader_text(item.text)
    style = next((o for o in ("caps", "colon", "underline") if o in spec.options), "caps")
    if item.mark == "title" or style == "underline":
        return text
    if style == "colon" and item.level > 1:
        return text
    return text.upper()


# --------------------------------------------------------------------------- HTML and FODT


def html_inline(text: str) -> str:
    parts = chars(text).split("**")
    return "".join(
        f"<b>{html.escape(p)}</b>" if i % 2 else html.escape(p) for i, p in enumerate(parts)
    )


def render_html(spec: Spec) -> str:
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>']
    prev = ""
    for item in spec.items:
        if prev == "li" and item.kind != "li":
            out.append("</ul>")
        if prev == "row" and item.kind != "row":
            out.append("</table>")
        if item.kind == "heading":
            if item.mark == "bold":
                out.append(f"<p><b>{html_inline(item.text)}</b></p>")
            else:
                out.append(f"<h{item.level}>{html_inline(item.text)}</h{item.level}>")
        elif item.kind in {"para", "near", "field"}:
            text = html_inline(item.text)
            out.append(f"<p><b>{text}</b></p>" if item.mark == "bold" else f"<p>{text}</p>")
        elif item.kind == "li":
            if prev != "li":
                out.append("<ul>")
            out.append(f"<li>{html_inline(item.text)}</li>")
        elif item.kind == "row":
            if prev != "row":
                out.append('<table border="1" cellpadding="4">')
                cells = "".join(f"<th>{html_inline(c)}</th>" for c in item.cells)
            else:
                cells = "".join(f"<td>{html_inline(c)}</td>" for c in item.cells)
            out.append(f"<tr>{cells}</tr>")
        prev = item.kind
    out.append("</ul>" if prev == "li" else "</table>" if prev == "row" else "")
    out.append("</body></html>")
    return "\n".join(out)


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"
  style:class="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"
  style:class="chapter"><style:text-properties fo:font-size="20pt"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="1" style:class="text">
  <style:text-properties fo:font-size="16pt"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="2" style:class="text">
  <style:text-properties fo:font-size="13pt"/></style:style>
 <style:style style:name="Strong" style:family="text">
  <style:text-properties fo:font-weight="bold"/></style:style>
 <text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="1" style:num-suffix=".">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab"/>
   </style:list-level-properties></text:outline-level-style>
  <text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab"/>
   </style:list-level-properties></text:outline-level-style>
 </text:outline-style>
</office:styles>
<office:body><office:text>
"""


def fodt_inline(text: str) -> str:
    parts = chars(text).split("**")
    return "".join(
        f'<text:span text:style-name="Strong">{html.escape(p)}</text:span>'
        if i % 2
        else html.escape(p)
        for i, p in enumerate(parts)
    )


def render_fodt(spec: Spec) -> str:
    out = [FODT_HEAD]
    prev = ""
    ncols = 0
    for item in spec.items:
        if prev == "li" and item.kind != "li":
            out.append("</text:list>")
        if prev == "row" and item.kind != "row":
            out.append("</table:table>")
        if item.kind == "heading" and item.mark == "title":
            out.append(f'<text:p text:style-name="Title">{fodt_inline(item.text)}</text:p>')
        elif item.kind == "heading":
            out.append(
                f'<text:h text:style-name="Heading_20_{item.level}" '
                f'text:outline-level="{item.level}">{fodt_inline(item.text)}</text:h>'
            )
        elif item.kind in {"para", "near", "field"}:
            text = fodt_inline(f"**{item.text}**" if item.mark == "bold" else item.text)
            out.append(f'<text:p text:style-name="Standard">{text}</text:p>')
        elif item.kind == "li":
            if prev != "li":
                out.append("<text:list>")
            out.append(
                f"<text:list-item><text:p>{fodt_inline(item.text)}</text:p></text:list-item>"
            )
        elif item.kind == "row":
            if prev != "row":
                ncols = len(item.cells)
                out.append('<table:table table:name="Household">')
                out.append(f'<table:table-column table:number-columns-repeated="{ncols}"/>')
            cells = "".join(
                f"<table:table-cell><text:p>{fodt_inline(c)}</text:p></table:table-cell>"
                for c in item.cells
            )
            out.append(f"<table:table-row>{cells}</table:table-row>")
        prev = item.kind
    out.append("</text:list>" if prev == "li" else "</table:table>" if prev == "row" else "")
    out.append("</office:text></office:body></office:document>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------- hand-made .docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{CT}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{CT}.numbering+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/>'
    "</Relationships>"
)


def styles_xml(numbered: bool) -> str:
    def heading(level: int, size: int) -> str:
        num = (
            f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="1"/></w:numPr>'
            if numbered
            else ""
        )
        return (
            f'<w:style w:type="paragraph" w:styleId="Heading{level}">'
            f'<w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/>{num}<w:spacing w:before="240" w:after="60"/>'
            f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
            f'<w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>'
        )

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
        '<w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>"
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="40"/></w:rPr></w:style>'
        + heading(1, 32)
        + heading(2, 26)
        + heading(3, 24)
        + '<w:style w:type="paragraph" w:customStyle="1" w:styleId="AssessHeading">'
        '<w:name w:val="Assess Heading"/><w:basedOn w:val="Heading1"/><w:qFormat/>'
        '<w:rPr><w:color w:val="1F4E79"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="SectionTitle">'
        '<w:name w:val="Section Title"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="SubSection">'
        '<w:name w:val="Sub Section"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
        '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
        '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
        "</w:tblBorders></w:tblPr></w:style></w:styles>"
    )


NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W}>'
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="432" w:hanging="432"/>'
    "</w:pPr></w:lvl>"
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
    '<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="576" w:hanging="576"/>'
    "</w:pPr></w:lvl>"
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading3"/>'
    '<w:lvlText w:val="%1.%2.%3"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" '
    'w:hanging="720"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num></w:numbering>'
)


def run(text: str, rpr: str = "") -> str:
    text = html.escape(chars(text), quote=False)
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def runs(text: str, rpr: str = "") -> str:
    parts = text.split("**")
    return "".join(
        run(p, rpr + ("<w:b/>" if i % 2 and "<w:b/>" not in rpr else ""))
        for i, p in enumerate(parts)
        if p
    )


MARK_RPR = {
    "bold": "<w:b/>",
    "wcaps": "<w:caps/>",
    "caps": "",
    "size": '<w:sz w:val="32"/>',
    "under": '<w:u w:val="single"/>',
    "plain": "",
}
MARK_STYLE = {"title": "Title", "custom": "AssessHeading", "outline": "SectionTitle"}


def para(text: str, style: str = "", rpr: str = "", ppr: str = "") -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{pstyle}{ppr}</w:pPr>" if pstyle or ppr else ""
    return f"<w:p>{props}{runs(text, rpr)}</w:p>"


def cell(content: str, width: int) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def render_docx(spec: Spec, out: Path) -> None:
    body: list[str] = []
    rows: list[str] = []
    default = next((o.split("=", 1)[1] for o in spec.options if o.startswith("marks=")), "h")

    def flush_table() -> None:
        if rows:
            body.append(
                '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
                "</w:tblPr>" + "".join(rows) + "</w:tbl>"
            )
            rows.clear()

    prev = ""
    for item in spec.items:
        if item.kind not in {"row", "form"} or (prev and prev != item.kind):
            flush_table()
        if item.kind == "heading":
            mark = item.mark or default
            if mark == "h":
                style = f"Heading{item.level}"
                body.append(para(item.text, style))
            elif mark == "outline" and item.level > 1:
                body.append(para(item.text, "SubSection"))
            elif mark in MARK_STYLE:
                body.append(para(item.text, MARK_STYLE[mark]))
            else:
                body.append(para(item.text, "", MARK_RPR[mark]))
        elif item.kind in {"para", "near", "field"}:
            body.append(para(item.text, "", MARK_RPR.get(item.mark, "")))
        elif item.kind == "li":
            num = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'
            body.append(para(item.text, "ListParagraph", "", num))
        elif item.kind == "row":
            width = 9000 // len(item.cells)
            bold = "<w:b/>" if prev != "row" else ""
            cells = "".join(cell(para(c, "", bold), width) for c in item.cells)
            rows.append(f"<w:tr>{cells}</w:tr>")
        elif item.kind == "form":
            label = cell(para(item.text, "", "<w:b/>"), 3000)
            rows.append(f"<w:tr>{label}{cell(para(item.cells[0]), 6000)}</w:tr>")
        prev = item.kind
    flush_table()
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
        + "".join(body)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": document,
        "word/styles.xml": styles_xml("numbered" in spec.options),
        "word/numbering.xml": NUMBERING,
        "word/_rels/document.xml.rels": DOC_RELS,
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, ZIP_DATE), data.encode("utf-8"))


# --------------------------------------------------------------------------- producers


def soffice(source: Path, outdir: Path) -> Path:
    exe = shutil.which("soffice") or "soffice"
    args = [exe, "--headless", "--convert-to", "docx:MS Word 2007 XML"]
    if source.suffix == ".html":
        args += ["--infilter=HTML (StarWriter)"]
    with tempfile.TemporaryDirectory() as profile:
        args += [f"-env:UserInstallation=file://{profile}", "--outdir", str(outdir), str(source)]
        subprocess.run(args, check=True, capture_output=True)
    return outdir / (source.stem + ".docx")


def build(spec: Spec) -> tuple[Path, list[Item]]:
    """Write the report for spec; return its path."""
    if spec.producer == "md":
        out = HERE / f"{spec.name}.md"
        out.write_text(render_md(spec), encoding="utf-8")
    elif spec.producer == "txt":
        out = HERE / f"{spec.name}.txt"
        out.write_text(render_txt(spec), encoding="utf-8")
    elif spec.producer == "docx":
        out = HERE / f"{spec.name}.docx"
        render_docx(spec, out)
    elif spec.producer == "pandoc":
        out = HERE / f"{spec.name}.docx"
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / f"{spec.name}.md"
            source.write_text(render_md(spec, for_pandoc=True), encoding="utf-8")
            args = ["pandoc", "-f", "markdown", "-t", "docx", "-o", str(out), str(source)]
            if "number-sections" in spec.options:
                args.insert(1, "--number-sections")
            subprocess.run(args, check=True)
    elif spec.producer in {"libre-html", "libre-fodt"}:
        out = HERE / f"{spec.name}.docx"
        with tempfile.TemporaryDirectory() as tmp:
            if spec.producer == "libre-html":
                source = Path(tmp) / f"{spec.name}.html"
                source.write_text(render_html(spec), encoding="utf-8")
            else:
                source = Path(tmp) / f"{spec.name}.fodt"
                source.write_text(render_fodt(spec), encoding="utf-8")
            made = soffice(source, Path(tmp))
            shutil.copyfile(made, out)
    else:
        raise SystemExit(f"{spec.name}: unknown producer {spec.producer}")
    return out, spec.items


def key_entry(spec: Spec, out: Path) -> dict[str, object]:
    headings: list[dict[str, object]] = []
    not_headings: list[str] = []
    for item in spec.items:
        if item.kind in {"heading", "form"}:
            text = reader_text(item.text)
            if spec.producer == "txt":
                text = txt_heading_text(spec, item)
            entry: dict[str, object] = {"text": text, "canonical": item.canonical}
            if item.note:
                entry["note"] = item.note
            headings.append(entry)
        elif item.kind in {"near", "field"}:
            not_headings.append(reader_text(item.text))
    not_headings += [reader_text(t) for t in spec.extra_not]
    return {
        "file": out.name,
        "producer": spec.producer,
        "headings": headings,
        "not_headings": not_headings,
    }


KEY_HEAD = """\
# The key to the structure evaluation set, written by make.py from src/*.spec.
# For each file: its section headings in reading order, as a reader sees them (Word's
# automatic list numbers left out), each with the canonical section a practitioner would file
# it under (null where none fits), and the lines that must NOT be read as headings.
"""


def main(argv: list[str]) -> int:
    only = set(argv)
    specs = [parse(p) for p in sorted(SRC.glob("*.spec"))]
    entries = []
    for spec in specs:
        if only and spec.name not in only:
            out = next(HERE.glob(f"{spec.name}.*"))
        else:
            out, _ = build(spec)
            print(f"wrote {out.relative_to(HERE)}")
        entries.append(key_entry(spec, out))
    text = yaml.safe_dump(
        {"files": entries}, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    (HERE / "key.yaml").write_text(KEY_HEAD + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
