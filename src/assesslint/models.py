"""The document model every layer shares: a report read into blocks and sections.

A `Document` is the text of one report and its `Block`s in reading order. Each block knows its
kind, its span in the document text, where it came from in the file (`Source`) and the
`Section` it belongs to. Readers build documents; everything downstream only reads them.

This module imports nothing of ours, so every other layer may import it.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

_Class = TypeVar("_Class", bound=type)


def _pickled_by_fields(cls: _Class) -> _Class:
    """Pickle a frozen slotted dataclass as a call with its fields, in order.

    Results cross from worker processes to the main one by pickle, and a folder's can
    hold 200,000 findings. The dataclass default restores each object by looking up its
    fields anew, which was two-fifths of the main process's work in a large run.
    """
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


def spans_within(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Return the spans (sorted by start) lying wholly between `start` and `end`."""
    index = bisect.bisect_left(spans, (start, -1))
    found = []
    while index < len(spans) and spans[index][0] < end:
        if spans[index][1] <= end:
            found.append(spans[index])
        index += 1
    return found


class BlockKind(enum.StrEnum):
    """What a block is in the report's layout."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"


class ReadErrorCode(enum.StrEnum):
    """Why a file could not be read. The values are part of the JSON contract."""

    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    ENCRYPTED = "encrypted"
    LEGACY_DOC = "legacy-doc"
    UNSUPPORTED_FORMAT = "unsupported-format"
    NOT_A_DOCX = "not-a-docx"
    CORRUPT = "corrupt"
    TOO_LARGE = "too-large"
    DECODE = "decode"


class ReadError(Exception):
    """A file that cannot be read, with a code and a message that says what to do.

    Readers raise it; the layers above turn it into a per-file result, so one bad file
    never stops a batch. The message never quotes the file's content.

    `internal` is set only where an unexpected exception inside assesslint was turned into
    a ReadError so that the batch could go on: every damaged file whose fault is understood
    gets a ReadError of its own, so tests can tell the two apart.
    """

    def __init__(self, code: ReadErrorCode, message: str, *, internal: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.internal = internal

    def __repr__(self) -> str:
        return f"ReadError({self.code.value!r}, {self.message!r})"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class TableCell:
    """One level of a table coordinate. All numbers count from 1, as a reader would."""

    table: int
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class Source:
    """Where a block came from in its file.

    For .docx: `paragraph` numbers body paragraphs from 1 in reading order, or, inside a
    table, the paragraph within the cell; `table` is the path of cells from the outermost
    table inwards. For text and Markdown: `lines` is the first and last line (from 1), and
    `line_map` maps offsets in the block text back to `(offset, line, column)` starts, so a
    match can be reported at its exact line and column.
    """

    paragraph: int | None = None
    table: tuple[TableCell, ...] = ()
    lines: tuple[int, int] | None = None
    line_map: tuple[tuple[int, int, int], ...] = ()

    def line_column(self, offset: int) -> tuple[int, int] | None:
        """Return the 1-based line and column of `offset` in the block text, if known."""
        if not self.line_map:
            return None
        starts = [entry[0] for entry in self.line_map]
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        block_offset, line, column = self.line_map[index]
        return line, column + (offset - block_offset)

    def to_dict(self) -> dict[str, object]:
        """Describe the source location as plain data (for `dump --format json`)."""
        data: dict[str, object] = {}
        if self.paragraph is not None:
            data["paragraph"] = self.paragraph
        if self.table:
            data["table"] = [
                {"table": cell.table, "row": cell.row, "column": cell.column} for cell in self.table
            ]
        if self.lines is not None:
            data["lines"] = list(self.lines)
        return data

    def describe(self) -> str:
        """Say where the block is, in words a reader of the file can follow."""
        parts = []
        for depth, cell in enumerate(self.table):
            prefix = "table" if depth == 0 else "nested table"
            parts.append(f"{prefix} {cell.table}, row {cell.row}, column {cell.column}")
        if self.lines is not None:
            first, last = self.lines
            parts.append(f"line {first}" if first == last else f"lines {first}-{last}")
        elif self.paragraph is not None and (not self.table or self.paragraph > 1):
            parts.append(f"paragraph {self.paragraph}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True, eq=False)
class Section:
    """A part of the report under one heading.

    `heading` is the heading as written ("" for text before the first heading); `canonical`
    is the name it resolves to in `rules/sections.yaml` (`analysis`, `child-voice`, ...), or
    None when the heading is not one we know. `groups` are broader canonical names the
    canonical name belongs to (the "Stability" dimension belongs to `parenting-capacity`),
    and the canonical names of a two-part heading's other parts ("Plan: the outcomes we
    agreed" is a plan and outcomes). `marked` says how the heading was recognised (a style,
    bold, capitals, a table label, ...) and `why` how its canonical name was chosen (an
    alias, a name from the report, what the section holds), so `dump` can show both.
    """

    index: int
    heading: str
    level: int
    canonical: str | None
    groups: tuple[str, ...] = ()
    parent: Section | None = None
    block: int | None = None
    marked: str = ""
    why: str = ""
    # Every canonical name this section answers to: its own, its groups, its parents'.
    # Worked out once: rules ask it of every block.
    names: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: set[str] = set(self.groups)
        if self.canonical:
            names.add(self.canonical)
        if self.parent is not None:
            names |= self.parent.names
        object.__setattr__(self, "names", frozenset(names))

    @property
    def trail(self) -> tuple[str, ...]:
        """Headings from the outermost section down to this one, for display."""
        outer = self.parent.trail if self.parent is not None else ()
        return (*outer, self.heading) if self.heading else outer


@dataclass(frozen=True, slots=True, eq=False)
class Block:
    """A heading, paragraph, list item or table cell, with its place in the document.

    `start` and `end` are the block's span in `Document.text`. For a table cell, `label` is
    the text of its column header or of the row label it answers, and `header` says whether
    the cell is itself a header cell.
    """

    index: int
    kind: BlockKind
    text: str
    start: int
    end: int
    source: Source
    section: Section
    level: int | None = None
    label: str | None = None
    header: bool = False

    @property
    def row_key(self) -> tuple[TableCell, ...] | None:
        """Identify the table row a cell belongs to (None outside tables)."""
        if not self.source.table:
            return None
        *outer, inner = self.source.table
        return (*outer, TableCell(inner.table, inner.row, 0))


@dataclass(frozen=True, slots=True)
class Suppression:
    """A range of the document where the writer asked for findings to be left out.

    `start` and `end` are offsets in `Document.text`; `rules` names the rules suppressed
    (empty: every rule); `origin` says where the request was written ("Word comment 2",
    "line 14"), never what the report says.
    """

    start: int
    end: int
    rules: frozenset[str]
    origin: str

    def covers(self, rule: str, offset: int) -> bool:
        """Say whether a finding of `rule` at `offset` is suppressed."""
        return self.start <= offset < self.end and (not self.rules or rule in self.rules)


@dataclass(frozen=True, slots=True, eq=False)
class Document:
    """One report: its text, blocks in reading order and sections.

    `text` is the blocks' texts joined by blank lines, so every block's span can be looked
    up in it. `notices` are things the reader wants the user to know (for example that a
    text file was read as Windows-1252); they never contain report text.
    """

    path: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    notices: tuple[str, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    # The people register (`readers.people.People`) if the reader worked it out while
    # naming sections, so that rules asking who is who do not read the report again.
    people: object | None = None
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts.extend(block.start for block in self.blocks)

    def block_at(self, offset: int) -> Block:
        """Return the block containing `offset` in `text` (the nearest one before it)."""
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self.blocks[index]

    @property
    def words(self) -> int:
        """Count the words in the document, as a word processor would."""
        return sum(len(block.text.split()) for block in self.blocks)


class Severity(enum.StrEnum):
    """How serious a finding is. `error` is for failures case reviews tie to harm."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order severities: info < warning < error."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: in which block, at which offsets, and in words.

    `block` is the block's index (for a finding about a section, its heading's; None for a
    finding about the whole document). `start` and `end` are offsets in that block's text,
    and `offset` is `start` in the document's text; all three are None for a finding about
    a section or the document. `line` and `column` (from 1) are set for text and Markdown;
    `table` is set for table cells. `where` says all this in words a reader can follow:
    "paragraph 3", "table 1, row 4", "12:5".
    """

    block: int | None = None
    start: int | None = None
    end: int | None = None
    offset: int | None = None
    line: int | None = None
    column: int | None = None
    table: tuple[TableCell, ...] = ()
    where: str = ""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Snippet:
    """The sentence a finding is in, and where its match starts and ends in that sentence."""

    text: str
    start: int
    end: int


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one report.

    `match` is the block's text between `location.start` and `location.end`, or None for a
    finding about a section or the whole document. `section` is the heading of the section
    the finding is in, as written. `fingerprint` identifies the finding by its rule and
    the text around it, not its position, so it stays the same when other parts of the
    report change (for baselines and SARIF); it is a hash and holds no report text.
    """

    rule: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None
    match: str | None
    section: str | None
    location: Location
    snippet: Snippet | None = None
    details: dict[str, object] = field(default_factory=dict)
    fingerprint: str = ""

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Order findings as a reader meets them: by block, then by position in it."""
        block = -1 if self.location.block is None else self.location.block
        start = -1 if self.location.start is None else self.location.start
        return block, start, self.rule


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileProblem:
    """Why a file could not be checked (the JSON `error` object)."""

    code: str
    message: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome of checking one file: its findings, or the reason it could not be read."""

    path: str
    format: str | None
    findings: tuple[Finding, ...] = ()
    error: FileProblem | None = None
    words: int = 0
    notices: tuple[str, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    baselined: int = 0

    @classmethod
    def unreadable(cls, path: str, error: ReadError) -> FileResult:
        """The result for a file that could not be read."""
        return cls(path=path, format=None, error=FileProblem(error.code.value, error.message))

    @property
    def status(self) -> str:
        """Return "checked" or "error", as in the JSON contract."""
        return "error" if self.error is not None else "checked"
