"""Read a plain-text report: paragraphs, list items, fields, tables and the headings people type.

Plain-text reports have no styles, so headings are recognised by how they look: underlined
with `===` or `---`, lines in capitals that read as labels ("HOUSING", "FAMILY HISTORY", but
not a shouted sentence or an answer such as "N/A"), numbered headings ("3. Analysis", "3.1
Stability"), `# Markdown-style` lines, `Label:` lines standing alone ("Child's views:"), and
a known section name typed on a line of its own after a blank line ("Plan"). Paragraphs are
runs of lines separated by blank lines; list items start with `-`, `*`, `•`, `1.`, `1)`,
`a)` or `(a)`. `Label: value` lines are labelled fields, and groups of them are table rows
(`text_fields`); lines of tab-separated cells are a table (`text_grid`). Every block keeps
a map back to its lines and columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assesslint.models import BlockKind, Document, Source
from assesslint.readers.builder import DocumentBuilder
from assesslint.readers.directives import take_line_directives
from assesslint.readers.sections import SectionMap
from assesslint.readers.text_fields import (
    emit_fields,
    parse_field,
    plain_line,
    read_sequence,
    reads_as_label,
)
from assesslint.readers.text_grid import emit_grid, tab_rows

_UNDERLINE = re.compile(r"^\s*(={3,}|-{3,})\s*$")
_HASH_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(
    r"^(\s*(?:[-*•▪◦‣–]|\d{1,3}[.)]|[a-zA-Z]\)|\([a-zA-Z0-9]{1,3}\))\s+)(\S.*)$"
)
_NUMBERED_HEADING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(\S.*)$")
_MAX_HEADING_WORDS = 10
_MAX_LABEL_WORDS = 8
# Short ALL-CAPS answers are not headings ("N/A" under "CHILD'S VIEWS").
_CAPS_ANSWERS = {
    "N/A",
    "NA",
    "NONE",
    "NIL",
    "NO",
    "YES",
    "NOT APPLICABLE",
    "NOT KNOWN",
    "UNKNOWN",
    "TBC",
    "NOT ASKED",
    "NOT SEEN",
    "NOT RECORDED",
}
# Answers in capitals start with one of these words ("NO CONCERNS", "NOT DISCUSSED").
_CAPS_ANSWER_WORDS = {"NO", "NOT", "NONE", "NIL", "N/A"}
# A single word in capitals is a heading only if it is a word, not an acronym answer.
_MIN_CAPS_WORD_LETTERS = 4


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based
    text: str  # without the newline

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def split_lines(text: str) -> list[_Line]:
    """Split text into numbered lines, treating CRLF, LF and lone CR alike."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]


def block_text(lines: list[tuple[_Line, int]]) -> tuple[str, Source]:
    """Join `(line, start column)` pieces into block text with a map back to the file."""
    parts: list[str] = []
    line_map: list[tuple[int, int, int]] = []
    offset = 0
    for line, column in lines:
        piece = line.text[column:].rstrip()
        lead = len(piece) - len(piece.lstrip())
        piece = piece.lstrip()
        if parts:
            parts.append("\n")
            offset += 1
        line_map.append((offset, line.number, column + lead + 1))
        parts.append(piece)
        offset += len(piece)
    source = Source(lines=(lines[0][0].number, lines[-1][0].number), line_map=tuple(line_map))
    return "".join(parts), source


class _TextReader:
    def __init__(self, lines: list[_Line], builder: DocumentBuilder) -> None:
        self.lines = lines
        self.source_lines = [plain_line(line.text, line.number) for line in lines]
        self.builder = builder
        # Tables made of fields and of tab-separated lines are numbered in reading order.
        self.tables = 0
        # `---` underlines are second-level headings only when `===` ones are also used.
        self.dash_level = (
            2
            if any(
                line.stripped.startswith("===") and _UNDERLINE.match(line.text) for line in lines
            )
            else 1
        )

    def run(self) -> None:
        index = 0
        while index < len(self.lines):
            index = self._step(index)

    def _step(self, index: int) -> int:
        line = self.lines[index]
        text = line.stripped
        if not text:
            return index + 1
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if following is not None and _UNDERLINE.match(following.text) and _short(text):
            level = 1 if following.stripped.startswith("=") else self.dash_level
            self._explicit(text, level, line)
            return index + 2
        if _UNDERLINE.match(line.text):
            return index + 1  # a rule drawn across the page
        hashed = _HASH_HEADING.match(text)
        if hashed:
            self._explicit(hashed.group(2), len(hashed.group(1)), line)
            return index + 1
        rows, after = tab_rows(self.source_lines, index)
        if rows:
            self.tables += 1
            emit_grid(self.builder, self.tables, rows)
            return after
        if not _LIST_ITEM.match(line.text):
            groups = read_sequence(
                self.source_lines, index, self.builder.is_known_heading, self._continues
            )
            if groups:
                if emit_fields(self.builder, groups, self.tables + 1):
                    self.tables += 1
                return groups[-1].end
        heading_level = self._heading_level(index)
        if heading_level is not None:
            self._explicit(text, heading_level, line)
            return index + 1
        if self._is_label_line(text) or self._is_bare_heading(index):
            self._implicit(text, line)
            return index + 1
        if _LIST_ITEM.match(line.text):
            return self._list_item(index)
        return self._paragraph(index)

    def _explicit(self, text: str, level: int, line: _Line) -> None:
        column = max(line.text.find(text), 0)
        source = Source(lines=(line.number, line.number), line_map=((0, line.number, column + 1),))
        self.builder.heading(text, level, source)

    def _implicit(self, text: str, line: _Line) -> None:
        column = line.indent
        source = Source(lines=(line.number, line.number), line_map=((0, line.number, column + 1),))
        self.builder.implicit_heading(text, source)

    def _heading_level(self, index: int) -> int | None:
        """Return the level of an ALL-CAPS or numbered heading at `index`, or None."""
        text = self.lines[index].stripped
        if not _short(text) or text.endswith((".", ",", ";", "!")):
            return None
        known = self.builder.is_known_heading(text)
        if self._is_caps_heading(index, known):
            return 1
        numbered = _NUMBERED_HEADING.match(text)
        if numbered:
            depth = numbered.group(1).count(".") + 1
            title = numbered.group(2)
            if known or depth > 1 or (self._isolated(index) and _title_case(title)):
                return depth
        return None

    def _is_caps_heading(self, index: int, known: bool) -> bool:
        """Say whether a line in capitals is a heading rather than an answer or a shout.

        "HOUSING" and "FAMILY HISTORY" are headings; "N/A", "NO CONCERNS" and an acronym
        answering the label above it ("CAMHS") are answers, and "SHE SAID HE WAS NOT IN" is
        a sentence typed in capitals.
        """
        text = self.lines[index].stripped
        letters = [ch for ch in text if ch.isalpha()]
        if len(letters) < 2 or text != text.upper():
            return False
        core = text.rstrip(":?").strip()
        words = core.split()
        if core in _CAPS_ANSWERS or (words and words[0] in _CAPS_ANSWER_WORDS):
            return False
        if known:
            return True
        if not reads_as_label(core):
            return False
        if len(words) >= 2:
            return len(letters) >= 6
        before = index == 0 or not self.lines[index - 1].stripped
        return before and len(letters) >= _MIN_CAPS_WORD_LETTERS

    def _isolated(self, index: int) -> bool:
        before = index == 0 or not self.lines[index - 1].stripped
        after = index + 1 >= len(self.lines) or not self.lines[index + 1].stripped
        return before and after

    def _is_label_line(self, text: str) -> bool:
        if not text.endswith(":") or text.count(":") > 1 or not text[0].isupper():
            return False
        words = len(text.split())
        return words <= _MAX_LABEL_WORDS and (
            self.builder.is_known_heading(text) or words <= _MAX_LABEL_WORDS - 2
        )

    def _is_bare_heading(self, index: int) -> bool:
        """A known heading typed on a line of its own ("Plan", "Analysis of risk")."""
        text = self.lines[index].stripped
        before = index == 0 or not self.lines[index - 1].stripped
        return (
            before
            and _short(text)
            and not text.endswith((".", ",", ";"))
            and self.builder.is_known_heading(text)
        )

    def _starts_fields(self, index: int) -> bool:
        """Say whether two field lines with values start at `index` (a form under prose)."""
        is_known = self.builder.is_known_heading
        for position in (index, index + 1):
            if position >= len(self.source_lines):
                return False
            line = self.source_lines[position]
            found = parse_field(line, is_known)
            if found is None or found.empty(line.text):
                return False
        return True

    def _list_item(self, index: int) -> int:
        line = self.lines[index]
        match = _LIST_ITEM.match(line.text)
        assert match is not None
        pieces = [(line, len(match.group(1)))]
        index += 1
        while index < len(self.lines) and self._continues(index):
            pieces.append((self.lines[index], 0))
            index += 1
        text, source = block_text(pieces)
        self.builder.block(BlockKind.LIST_ITEM, text, source)
        return index

    def _paragraph(self, index: int) -> int:
        pieces = [(self.lines[index], 0)]
        index += 1
        while index < len(self.lines) and self._continues(index):
            pieces.append((self.lines[index], 0))
            index += 1
        text, source = block_text(pieces)
        self.builder.block(BlockKind.PARAGRAPH, text, source)
        return index

    def _continues(self, index: int) -> bool:
        """Say whether line `index` carries on the block above it."""
        line = self.lines[index]
        text = line.stripped
        if not text or _LIST_ITEM.match(line.text) or _HASH_HEADING.match(text):
            return False
        if index + 1 < len(self.lines) and _UNDERLINE.match(self.lines[index + 1].text):
            return False
        if self._starts_fields(index) or tab_rows(self.source_lines, index)[0]:
            return False
        # Inside a paragraph, only a heading we recognise breaks it: a wrapped line may
        # end with a colon.
        return not (
            self.builder.is_known_heading(text) and (text.endswith(":") or text == text.upper())
        )


def _short(text: str) -> bool:
    return 0 < len(text.split()) <= _MAX_HEADING_WORDS and len(text) <= 100


def _title_case(text: str) -> bool:
    words = [word for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(word) > 3]
    return bool(words) and all(word[0].isupper() for word in words)


def read_text(text: str, path: str, sections: SectionMap, notices: list[str]) -> Document:
    """Read decoded plain text into a `Document`."""
    builder = DocumentBuilder(path, "text", sections)
    builder.notices.extend(notices)
    text, directives = take_line_directives(text)
    _TextReader(split_lines(text), builder).run()
    return builder.build(line_directives=directives)
