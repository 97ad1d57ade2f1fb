"""A .docx paragraph's visible text, piece by piece, and how each piece is formatted.

`RunReader` walks the inline content of a `w:p`: runs, hyperlinks, content controls,
tracked insertions (deletions are left out), fields (the result Word shows, not the field
code), equations and text boxes. It records each piece of text with the XML element it
came from (for `annotate`) and with the formatting a heading is recognised by: bold,
capitals, underline and font size, each from the run, its character style and the
paragraph's style.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from assesslint.readers.docx_items import Look, Para, Piece
from assesslint.readers.docx_styles import RunFormat, StyleSheet, on_off

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"


@dataclass(frozen=True, slots=True)
class _Format:
    bold: bool
    caps: bool
    underline: bool
    size: int | None


class TextCollector:
    """Gathers a paragraph's visible text, each piece's formatting, and text boxes."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, _Format]] = []
        self.sources: list[Piece] = []
        self._length = 0
        self.textboxes: list[Para] = []
        self.fields: list[str] = []
        self.comments: set[str] = set()

    def add(self, text: str, fmt: _Format, element: etree._Element | None = None) -> None:
        """Add a piece of visible text."""
        if text:
            self.pieces.append((text, fmt))
            self.sources.append(Piece(self._length, self._length + len(text), element))
            self._length += len(text)

    @property
    def in_field_code(self) -> bool:
        """Say whether the text being read is a field's code (not shown by Word)."""
        return "code" in self.fields

    def text(self) -> str:
        """The paragraph's text as read so far."""
        return "".join(piece for piece, _ in self.pieces)

    def bold(self) -> bool:
        """Say whether every visible piece is bold."""
        visible = [fmt.bold for piece, fmt in self.pieces if piece.strip()]
        return bool(visible) and all(visible)

    def look(self) -> Look:
        """Summarise the formatting of the visible text."""
        visible = [(piece, fmt) for piece, fmt in self.pieces if piece.strip()]
        if not visible:
            return Look()
        sizes = [fmt.size for _, fmt in visible if fmt.size is not None]
        return Look(
            bold=all(fmt.bold for _, fmt in visible),
            caps=all(fmt.caps for _, fmt in visible),
            underline=all(fmt.underline for _, fmt in visible),
            size=min(sizes) if len(sizes) == len(visible) else None,
            lead_bold=self._lead_bold(),
        )

    def _lead_bold(self) -> int:
        """The length of a leading bold stretch ending in a colon, or 0."""
        length = 0
        for piece, fmt in self.pieces:
            if not fmt.bold:
                break
            length += len(piece)
        text = self.text()
        lead = text[:length].rstrip()
        if not lead.endswith(":") or not text[length:].strip():
            # The colon may be the first plain character: "**Reason for referral**: ..."
            rest = text[length:]
            if length and rest.lstrip().startswith(":") and rest.lstrip()[1:].strip():
                return length + (len(rest) - len(rest.lstrip())) + 1
            return 0
        return len(lead)


class RunReader:
    """Reads the inline content of paragraphs in one document part."""

    def __init__(
        self,
        w: str,
        styles: StyleSheet,
        textbox_reader: Callable[[etree._Element], list[Para]],
    ) -> None:
        self.w = w
        self.styles = styles
        self._textbox_reader = textbox_reader
        self._tag = {name: f"{{{w}}}{name}" for name in _W_NAMES}
        self._transparent = {
            self._tag[name]
            for name in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple")
        } | {self._tag["dir"], self._tag["bdo"]}
        # Word comments whose range is open at this point of the reading order.
        self.open_comments: set[str] = set()

    def t(self, name: str) -> str:
        """The qualified tag of a WordprocessingML element name."""
        return self._tag[name]

    def collect(self, paragraph: etree._Element, style: str | None) -> TextCollector:
        """Gather one paragraph's visible text and where each piece of it comes from."""
        collector = TextCollector()
        collector.comments.update(self.open_comments)
        self._inline(paragraph, collector, self.styles.paragraph_format(style))
        return collector

    def is_placeholder(self, sdt: etree._Element) -> bool:
        """Say whether a content control still shows its placeholder prompt."""
        props = sdt.find(self.t("sdtPr"))
        return props is not None and bool(on_off(props.find(self.t("showingPlcHdr")), self.w))

    def comment_mark(self, mark: etree._Element, out: TextCollector | None) -> None:
        """Track which Word comments cover the paragraphs being read."""
        comment = mark.get(self.t("id"))
        if comment is None:
            return
        if mark.tag == self.t("commentRangeStart"):
            self.open_comments.add(comment)
            if out is not None:
                out.comments.add(comment)
        else:
            self.open_comments.discard(comment)

    def _inline(self, element: etree._Element, out: TextCollector, para: RunFormat) -> None:
        for child in element:
            tag = child.tag
            if tag == self.t("r"):
                self._run(child, out, para)
            elif tag in self._transparent:
                self._inline(child, out, para)
            elif tag == self.t("sdt"):
                content = child.find(self.t("sdtContent"))
                if content is not None and not self.is_placeholder(child):
                    self._inline(content, out, para)
            elif tag == f"{{{MC}}}AlternateContent":
                chosen = choose(child)
                if chosen is not None:
                    self._inline(chosen, out, para)
            elif tag in (self.t("commentRangeStart"), self.t("commentRangeEnd")):
                self.comment_mark(child, out)
            elif tag in (f"{{{MATH}}}oMath", f"{{{MATH}}}oMathPara"):
                text = "".join(t.text or "" for t in child.iter(f"{{{MATH}}}t"))
                out.add(text, _format(para))
            # Deletions, moved-from text, bookmarks and proofing marks carry no text
            # that Word shows.

    def _run_format(self, props: etree._Element | None, para: RunFormat) -> _Format:
        fmt = para
        if props is not None:
            style_el = props.find(self.t("rStyle"))
            if style_el is not None:
                fmt = fmt.overlaid(self.styles.character_format(style_el.get(self.t("val"))))
            fmt = fmt.overlaid(RunFormat.of(props, self.w))
        return _format(fmt)

    def _run(self, run: etree._Element, out: TextCollector, para: RunFormat) -> None:
        props = run.find(self.t("rPr"))
        if props is not None and on_off(props.find(self.t("vanish")), self.w):
            return  # hidden text is not part of the report as read
        fmt = self._run_format(props, para)
        for child in run:
            tag = child.tag
            if tag == self.t("t"):
                if not out.in_field_code:
                    out.add(child.text or "", fmt, child)
            elif tag in (self.t("tab"), self.t("ptab")):
                out.add(" ", fmt, child)
            elif tag in (self.t("br"), self.t("cr")):
                out.add("\n", fmt, child)
            elif tag == self.t("noBreakHyphen"):
                out.add("-", fmt, child)
            elif tag == self.t("fldChar"):
                self._field_char(child, out)
            elif tag == self.t("commentReference"):
                comment = child.get(self.t("id"))
                if comment is not None:
                    out.comments.add(comment)
            elif tag in (self.t("drawing"), self.t("pict"), f"{{{MC}}}AlternateContent"):
                self._textboxes(child, out)

    def _field_char(self, element: etree._Element, out: TextCollector) -> None:
        kind = element.get(self.t("fldCharType"))
        if kind == "begin":
            out.fields.append("code")
        elif kind == "separate" and out.fields:
            out.fields[-1] = "result"
        elif kind == "end" and out.fields:
            out.fields.pop()

    def _textboxes(self, element: etree._Element, out: TextCollector) -> None:
        if element.tag == f"{{{MC}}}AlternateContent":
            chosen = choose(element)
            if chosen is None:
                return
            element = chosen
        for box in _outermost(element, self.t("txbxContent")):
            out.textboxes.extend(self._textbox_reader(box))


def _format(fmt: RunFormat) -> _Format:
    return _Format(bool(fmt.bold), bool(fmt.caps), bool(fmt.underline), fmt.size)


def choose(alternate: etree._Element) -> etree._Element | None:
    """Pick one branch of mc:AlternateContent (both carry the same text)."""
    choice = alternate.find(f"{{{MC}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC}}}Fallback")


def _outermost(element: etree._Element, tag: str) -> list[etree._Element]:
    """Descendants with `tag`, not descending into a match (nested text boxes)."""
    found: list[etree._Element] = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag != f"{{{MC}}}Fallback":
            found.extend(_outermost(child, tag))
    return found


_W_NAMES = (
    "p",
    "commentRangeStart",
    "commentRangeEnd",
    "commentReference",
    "id",
    "r",
    "rPr",
    "rStyle",
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
    "val",
    "sdt",
    "sdtPr",
    "sdtContent",
    "showingPlcHdr",
    "customXml",
    "ins",
    "moveTo",
    "hyperlink",
    "smartTag",
    "fldSimple",
    "dir",
    "bdo",
)
