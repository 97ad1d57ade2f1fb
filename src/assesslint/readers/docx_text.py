"""A .docx paragraph's visible text, piece by piece, and how each piece is formatted.

`RunReader` walks the inline content of a `w:p`: runs, hyperlinks, content controls,
tracked insertions (deletions are left out), fields (the result Word shows, not the field
code; for a legacy drop-down or check box form field, the entry or box it shows), symbols
(`w:sym`, with Wingdings and Symbol ticks, crosses and boxes as their Unicode look-alikes),
equations and text boxes. It records each piece of text with the XML element it
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
        # For each open field: what a form field shows without result runs (a drop-down's
        # entry, a check box), and the text length when its result began.
        self.shown: list[tuple[str | None, int]] = []
        self.comments: set[str] = set()

    def add(self, text: str, fmt: _Format, element: etree._Element | None = None) -> None:
        """Add a piece of visible text."""
        if text:
            self.pieces.append((text, fmt))
            self.sources.append(Piece(self._length, self._length + len(text), element))
            self._length += len(text)

    @property
    def length(self) -> int:
        """The length of the text read so far."""
        return self._length

    @property
    def in_field_code(self) -> bool:
        """Say whether the text being read is a field's code (not shown by Word)."""
        return "code" in self.fields

    def text(self) -> str:
        """The paragraph's text as read so far."""
        return "".join(piece for piece, _ in self.pieces)

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
            elif tag == self.t("sym"):
                if not out.in_field_code:
                    out.add(self.symbol(child), fmt, child)
            elif tag == self.t("fldChar"):
                self._field_char(child, out, fmt)
            elif tag == self.t("commentReference"):
                comment = child.get(self.t("id"))
                if comment is not None:
                    out.comments.add(comment)
            elif tag in (self.t("drawing"), self.t("pict"), f"{{{MC}}}AlternateContent"):
                self._textboxes(child, out)

    def symbol(self, sym: etree._Element) -> str:
        """The character Word shows for a `w:sym` (a character of a symbol font)."""
        return symbol_text(sym.get(self.t("font")), sym.get(self.t("char")))

    def _field_char(self, element: etree._Element, out: TextCollector, fmt: _Format) -> None:
        kind = element.get(self.t("fldCharType"))
        if kind == "begin":
            # A form field nested in another field's code is not shown.
            shown = None if out.in_field_code else self._form_field_text(element)
            out.fields.append("code")
            out.shown.append((shown, -1))
        elif kind == "separate" and out.fields:
            out.fields[-1] = "result"
            if out.shown:
                out.shown[-1] = (out.shown[-1][0], out.length)
        elif kind == "end" and out.fields:
            out.fields.pop()
            shown, result_start = out.shown.pop() if out.shown else (None, -1)
            # Word writes no result runs for a drop-down or a check box; if a generator
            # wrote some, they are what is shown and were read already.
            if shown and (result_start < 0 or out.length == result_start):
                out.add(shown, fmt, None)

    def _form_field_text(self, begin: etree._Element) -> str | None:
        """What a legacy drop-down or check box form field shows, or None for other fields."""
        data = begin.find(self.t("ffData"))
        if data is None:
            return None
        box = data.find(self.t("checkBox"))
        if box is not None:
            checked = on_off(box.find(self.t("checked")), self.w)
            if checked is None:
                default = box.find(self.t("default"))
                checked = default is not None and default.get(self.t("val"), "0") in _TRUE
            return BOX_CHECKED if checked else BOX_EMPTY
        choices = data.find(self.t("ddList"))
        if choices is not None:
            entries = [
                entry.get(self.t("val")) or "" for entry in choices.findall(self.t("listEntry"))
            ]
            index = _index(choices.find(self.t("result")), self.t("val"))
            if index is None:
                index = _index(choices.find(self.t("default")), self.t("val"))
            if index is None or not 0 <= index < len(entries):
                index = 0
            return entries[index] if entries else None
        return None

    def _textboxes(self, element: etree._Element, out: TextCollector) -> None:
        if element.tag == f"{{{MC}}}AlternateContent":
            chosen = choose(element)
            if chosen is None:
                return
            element = chosen
        for box in _outermost(element, self.t("txbxContent")):
            out.textboxes.extend(self._textbox_reader(box))


BOX_EMPTY = "\u2610"  # ☐
BOX_CHECKED = "\u2612"  # ☒
TICK = "\u2713"  # ✓
CROSS = "\u2717"  # ✗
BOX_TICKED = "\u2611"  # ☑

_TRUE = {"1", "true", "on"}

# Characters of symbol fonts (as the 0xF0xx private-use code Word writes) and what they
# look like. Ticks, crosses and boxes, as forms and check lists use them, and bullets.
_WINGDINGS = {
    0xF06F: BOX_EMPTY,
    0xF070: BOX_EMPTY,
    0xF071: BOX_EMPTY,
    0xF072: BOX_EMPTY,
    0xF078: BOX_CHECKED,
    0xF0A8: BOX_EMPTY,
    0xF0FB: CROSS,
    0xF0FC: TICK,
    0xF0FD: BOX_CHECKED,
    0xF0FE: BOX_TICKED,
    0xF09F: "\u2022",
    0xF0A7: "\u25aa",
    0xF0D8: "\u27a2",
    0xF0E0: "\u2192",
}
_WINGDINGS_2 = {
    0xF04F: CROSS,
    0xF050: TICK,
    0xF051: BOX_CHECKED,
    0xF052: BOX_TICKED,
    0xF053: BOX_CHECKED,
    0xF054: BOX_CHECKED,
    0xF0A3: BOX_EMPTY,
    0xF0A4: BOX_EMPTY,
}
_SYMBOL = {
    0xF0B7: "\u2022",
    0xF0D6: "\u221a",
    0xF0B4: "\u00d7",
    0xF0AE: "\u2192",
    0xF0AC: "\u2190",
    0xF0B3: "\u2265",
    0xF0A3: "\u2264",
    0xF0B1: "\u00b1",
    0xF0B0: "\u00b0",
    0xF0B9: "\u2260",
}
_FONTS = {
    "wingdings": _WINGDINGS,
    "wingdings 2": _WINGDINGS_2,
    "symbol": _SYMBOL,
}


def symbol_text(font: str | None, char: str | None) -> str:
    """The character Word shows for symbol `char` (hex) of `font`, or "" if there is none."""
    try:
        code = int((char or "").strip(), 16)
    except ValueError:
        return ""
    if 0x20 <= code <= 0xFF:
        code += 0xF000  # Word also accepts the font's own code, without the 0xF000
    table = _FONTS.get((font or "").strip().lower(), {})
    if code in table:
        return table[code]
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return ""
    return chr(code)


def _index(element: etree._Element | None, attribute: str) -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(attribute) or "")
    except ValueError:
        return None


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
    "sym",
    "font",
    "char",
    "ffData",
    "checkBox",
    "checked",
    "default",
    "ddList",
    "listEntry",
    "result",
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
