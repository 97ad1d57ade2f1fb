"""What a .docx's styles and numbering say about a paragraph: heading level, list, format.

Word keeps much of a paragraph's meaning in its style: "Heading 2", a custom "Report
Heading" based on it, an outline level, a "List Bullet" style with numbering, bold set in a
character or paragraph style, capitals, underline or a larger size that make a heading
without a heading style. `StyleSheet` follows the `basedOn` chains of styles.xml and
the numbering definitions of numbering.xml to answer those questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_HEADING_NAME = re.compile(r"heading\s*([1-9])")
_TOC_NAME = re.compile(r"toc\s*[1-9]|table of contents|toc heading")
_FALSE = {"0", "false", "off", "none"}


@dataclass(frozen=True, slots=True)
class RunFormat:
    """Run formatting that matters for headings; None where a level of styling is silent.

    `size` is in half-points, as Word stores it.
    """

    bold: bool | None = None
    caps: bool | None = None
    underline: bool | None = None
    size: int | None = None

    @classmethod
    def of(cls, props: etree._Element | None, w: str) -> RunFormat:
        """Read the formatting a `w:rPr` sets."""
        if props is None:
            return _SILENT
        underline = props.find(f"{{{w}}}u")
        size = props.find(f"{{{w}}}sz")
        caps = on_off(props.find(f"{{{w}}}caps"), w)
        small_caps = on_off(props.find(f"{{{w}}}smallCaps"), w)
        return cls(
            bold=on_off(props.find(f"{{{w}}}b"), w),
            caps=caps if caps is not None else small_caps,
            underline=(
                None
                if underline is None
                else (underline.get(f"{{{w}}}val") or "single").lower() != "none"
            ),
            size=_int(size.get(f"{{{w}}}val")) if size is not None else None,
        )

    def overlaid(self, nearer: RunFormat) -> RunFormat:
        """This format with whatever `nearer` (a run, over its style) says on top."""
        return RunFormat(
            bold=nearer.bold if nearer.bold is not None else self.bold,
            caps=nearer.caps if nearer.caps is not None else self.caps,
            underline=nearer.underline if nearer.underline is not None else self.underline,
            size=nearer.size if nearer.size is not None else self.size,
        )


_SILENT = RunFormat()


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None
    num_id: str | None
    run: RunFormat


def on_off(element: etree._Element | None, w: str) -> bool | None:
    """Read a WordprocessingML on/off property such as `<w:b/>` or `<w:b w:val="0"/>`."""
    if element is None:
        return None
    value = element.get(f"{{{w}}}val")
    return value is None or value.lower() not in _FALSE


class StyleSheet:
    """Paragraph and character styles, and list definitions, of one document."""

    def __init__(
        self, w: str, styles: etree._Element | None, numbering: etree._Element | None
    ) -> None:
        self.w = w
        self._paragraph: dict[str, _Style] = {}
        self._character: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.defaults = _SILENT
        # Every paragraph asks about its style five times; each style's answers are kept.
        self._chains: dict[str | None, tuple[_Style, ...]] = {}
        self._levels: dict[str | None, int | None] = {}
        self._formats: dict[str | None, RunFormat] = {}
        if styles is not None:
            self._read_styles(styles)
        self._list_formats = self._read_numbering(numbering) if numbering is not None else {}

    def _read_styles(self, root: etree._Element) -> None:
        w = self.w
        defaults = RunFormat.of(root.find(f"{{{w}}}docDefaults/{{{w}}}rPrDefault/{{{w}}}rPr"), w)
        # Word's own default size is 10 pt (20 half-points) when the file states none.
        self.defaults = RunFormat(
            bold=bool(defaults.bold),
            caps=bool(defaults.caps),
            underline=bool(defaults.underline),
            size=defaults.size or 20,
        )
        for style in root.iter(f"{{{w}}}style"):
            style_id = style.get(f"{{{w}}}styleId")
            if not style_id:
                continue
            name_el = style.find(f"{{{w}}}name")
            name = (name_el.get(f"{{{w}}}val") if name_el is not None else None) or style_id
            based = style.find(f"{{{w}}}basedOn")
            outline = style.find(f"{{{w}}}pPr/{{{w}}}outlineLvl")
            num = style.find(f"{{{w}}}pPr/{{{w}}}numPr/{{{w}}}numId")
            info = _Style(
                name=name.strip().lower(),
                based_on=based.get(f"{{{w}}}val") if based is not None else None,
                outline_level=_int(outline.get(f"{{{w}}}val")) if outline is not None else None,
                num_id=num.get(f"{{{w}}}val") if num is not None else None,
                run=RunFormat.of(style.find(f"{{{w}}}rPr"), w),
            )
            kind = style.get(f"{{{w}}}type", "paragraph")
            if kind == "paragraph":
                self._paragraph[style_id] = info
                if style.get(f"{{{w}}}default") in {"1", "true", "on"}:
                    self.default_paragraph = style_id
            elif kind == "character":
                self._character[style_id] = info

    def _read_numbering(self, root: etree._Element) -> dict[tuple[str, int], str]:
        """Map (numId, level) to the number format ("bullet", "decimal", "none", ...)."""
        w = self.w
        abstract_formats: dict[str, dict[int, str]] = {}
        for abstract in root.iter(f"{{{w}}}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{{{w}}}lvl"):
                fmt = lvl.find(f"{{{w}}}numFmt")
                ilvl = _int(lvl.get(f"{{{w}}}ilvl")) or 0
                levels[ilvl] = fmt.get(f"{{{w}}}val", "decimal") if fmt is not None else "decimal"
            abstract_formats[abstract.get(f"{{{w}}}abstractNumId", "")] = levels
        formats: dict[tuple[str, int], str] = {}
        for num in root.iter(f"{{{w}}}num"):
            num_id = num.get(f"{{{w}}}numId", "")
            ref = num.find(f"{{{w}}}abstractNumId")
            levels = abstract_formats.get(ref.get(f"{{{w}}}val", "") if ref is not None else "", {})
            for ilvl, fmt in levels.items():
                formats[(num_id, ilvl)] = fmt
            formats.setdefault((num_id, 0), "decimal")
        return formats

    def _chain(self, table: dict[str, _Style], style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in table and style_id not in seen:
            seen.add(style_id)
            chain.append(table[style_id])
            style_id = table[style_id].based_on
        return chain

    def paragraph_chain(self, style_id: str | None) -> tuple[_Style, ...]:
        """Return a paragraph style and the styles it is based on, nearest first."""
        chain = self._chains.get(style_id)
        if chain is None:
            chain = self._chains[style_id] = tuple(
                self._chain(self._paragraph, style_id or self.default_paragraph)
            )
        return chain

    def heading_level(self, style_id: str | None) -> int | None:
        """Return the heading level a paragraph style gives (0 for Title), or None."""
        if style_id not in self._levels:
            self._levels[style_id] = self._heading_level(style_id)
        return self._levels[style_id]

    def _heading_level(self, style_id: str | None) -> int | None:
        for style in self.paragraph_chain(style_id):
            match = _HEADING_NAME.fullmatch(style.name)
            if match:
                return int(match.group(1))
            if style.name == "title":
                return 0
            if style.outline_level is not None and 0 <= style.outline_level <= 8:
                return style.outline_level + 1
        return None

    def is_contents_entry(self, style_id: str | None) -> bool:
        """Say whether a paragraph is a table-of-contents entry (which repeats headings)."""
        return any(_TOC_NAME.fullmatch(style.name) for style in self.paragraph_chain(style_id))

    def style_num_id(self, style_id: str | None) -> str | None:
        """Return the numbering a paragraph style applies, if any."""
        for style in self.paragraph_chain(style_id):
            if style.num_id is not None:
                return style.num_id
        return None

    def is_list_style(self, style_id: str | None) -> bool:
        """Say whether a paragraph style is one of Word's list styles by name."""
        return any(
            style.name.startswith(("list bullet", "list number"))
            for style in self.paragraph_chain(style_id)
        )

    def is_list_numbering(self, num_id: str | None, level: int) -> bool:
        """Say whether numbering `num_id` at `level` shows a bullet or number."""
        if not num_id or num_id == "0":
            return False
        if not self._list_formats:
            return True
        fmt = self._list_formats.get((num_id, level)) or self._list_formats.get((num_id, 0))
        return fmt is not None and fmt != "none"

    def paragraph_format(self, style_id: str | None) -> RunFormat:
        """The run formatting a paragraph style gives its text, over the defaults."""
        fmt = self._formats.get(style_id)
        if fmt is None:
            fmt = self.defaults
            for style in reversed(self.paragraph_chain(style_id)):
                fmt = fmt.overlaid(style.run)
            self._formats[style_id] = fmt
        return fmt

    def character_format(self, style_id: str | None) -> RunFormat:
        """The formatting a character style sets (None where it does not say)."""
        fmt = _SILENT
        for style in reversed(self._chain(self._character, style_id)):
            fmt = fmt.overlaid(style.run)
        return fmt


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
