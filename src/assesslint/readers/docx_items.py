"""What the first pass over a .docx body produces: paragraphs and tables with their facts.

`Para` is one paragraph's visible text with what its style, numbering and run formatting
say (heading level, list, bold, capitals, size, underline); `Table`, `Row` and `Cell`
keep a table's grid. `Piece` and `ParagraphAnchor` tie text back to the XML it came from,
for `annotate`, which puts comments on the exact words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from assesslint.readers.tables import CellSummary


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


@dataclass(frozen=True, slots=True)
class Look:
    """How a paragraph's visible text is formatted, as far as headings are concerned.

    Each flag is true only when every visible character has it; `size` is the smallest
    font size (half-points) of the visible text, or None when it is not stated anywhere.
    `lead_bold` is the length of a bold stretch at the start that ends in a colon
    ("Reason for referral:" in bold, then plain text), or 0.
    """

    bold: bool = False
    caps: bool = False
    underline: bool = False
    size: int | None = None
    lead_bold: int = 0


@dataclass
class Para:
    """One paragraph of the body, a cell or a text box."""

    raw: str
    bold: bool
    styled_level: int | None
    is_list: bool
    number: int
    mark_deleted: bool = False
    textboxes: list[Para] = field(default_factory=list)
    comments: frozenset[str] = frozenset()
    element: etree._Element | None = None
    pieces: tuple[Piece, ...] = ()
    look: Look = Look()
    # A heading style that also carries list numbering ("1. Reason for referral").
    numbered: bool = False

    def anchor(self, whole: bool = False, at: int | None = None) -> ParagraphAnchor | None:
        """Where this paragraph's text is in the XML, or None for text made up here.

        The block's text starts at offset `at` of `raw` (by default, where the trimmed
        text starts).
        """
        # Paragraphs read from an embedded chunk are made here and have no place in the
        # file's XML for `annotate` to comment on.
        if self.element is None or self.element.getparent() is None:
            return None
        lead = len(self.raw) - len(self.raw.lstrip()) if at is None else at
        return ParagraphAnchor(self.element, self.pieces, lead, whole)

    @property
    def text(self) -> str:
        """The paragraph's text without surrounding white space."""
        return self.raw.strip()


@dataclass
class Cell:
    """One table cell (a merged cell once), with the paragraphs and tables inside it."""

    items: list[Para | Table]
    column: int
    span: int

    def paragraphs(self) -> list[Para]:
        """The paragraphs directly in this cell."""
        return [item for item in self.items if isinstance(item, Para)]

    def summary(self) -> CellSummary:
        """What the table classifier needs to know of this cell."""
        paragraphs = [p for p in self.paragraphs() if p.text]
        return CellSummary(
            text=" ".join(p.text for p in paragraphs),
            bold=bool(paragraphs) and all(p.bold for p in paragraphs),
            column=self.column,
            span=self.span,
        )


@dataclass
class Row:
    """One table row: its cells, number and whether Word marks it a header row."""

    cells: list[Cell]
    number: int
    header: bool


@dataclass
class Table:
    """One table: rows, the number of grid columns and its number in its container."""

    rows: list[Row]
    columns: int
    number: int
