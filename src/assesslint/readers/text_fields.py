"""Labelled fields typed as lines ("Who: Mum", "Housing – damp flat") in text and Markdown.

Reports typed without a template's tables still write a form: a block of `Label: value`
lines at the top, and a plan written as groups of `Outcome / Action / Who / By when` lines.
This module owns how such lines are recognised and how they become blocks, for both the
plain-text and the Markdown reader:

- a line is a field when it starts with a short label that reads as a label and not as the
  start of a sentence ("Mum said: I will try" is a sentence);
- consecutive field lines are one *group*; groups separated only by blank lines are one
  *sequence*;
- a sequence that is a grid (a group of several fields, or a label used again) becomes one
  table with a synthetic number, each group a row and each field a cell labelled with its
  label, as a Word grid table's cells are labelled with their column headers, so that a plan
  row is read whole;
- a field standing alone is a paragraph with a label, and when its label names a section
  ("Child's views: ...") the section starts there, as a Word form's `label | answer` row
  does.

A field's text is its whole line, label included ("Placement: stable."), so rules written
over such lines still read them; `label` says what the value answers. A field with no value
("Who:") adds no block. It also holds the label tests the plain-text reader uses for headings in
capitals (`reads_as_label`) and `SourceLine`, which lets both readers map text back to the
file in the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assesslint.models import BlockKind, Source, TableCell
from assesslint.readers.builder import DocumentBuilder

# A label is a few words; longer text before a colon is a sentence.
MAX_FIELD_LABEL_WORDS = 6
_MAX_FIELD_LABEL_CHARS = 60
# A label before a dash is shorter still: a dash is also how people punctuate prose.
_MAX_DASH_LABEL_WORDS = 4

# The second part of a heading written in two parts is a title, not an answer.
_MAX_HEADING_PART_WORDS = 8
_NUMBERING_LABEL = re.compile(
    r"^(?:section|part|step|stage|question|appendix)\s+[0-9a-z]{1,3}$", re.IGNORECASE
)
_COLON = re.compile(r":(?:\s+|$)")
_DASH = re.compile(r"\s+[-–—]\s+")
_SENTENCE_PUNCTUATION = re.compile(r"[.,;!?\"“”]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Questions make good labels ("What is working well:", "Who will do it:").
_QUESTION_WORDS = frozenset(
    {"what", "who", "whom", "whose", "which", "why", "when", "where", "how", "is", "are", "does"}
)
# A label does not start with a pronoun: "She told me: ..." is a sentence.
_PRONOUNS = frozenset(
    {"i", "he", "she", "they", "we", "you", "it", "this", "that", "there", "these", "those"}
)
# Words that make a clause of what would otherwise be a label: a subject and one of these
# ("Mum said", "The teacher explained", "HE WAS VERY ANGRY"). As the first word they are
# fine ("Agreed actions:").
_CLAUSE_VERBS = frozenset(
    {
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "tell",
        "asked",
        "asks",
        "stated",
        "states",
        "explained",
        "explains",
        "replied",
        "replies",
        "added",
        "adds",
        "disclosed",
        "discloses",
        "wrote",
        "writes",
        "mentioned",
        "confirmed",
        "confirms",
        "agreed",
        "agrees",
        "admitted",
        "admits",
        "denied",
        "denies",
        "described",
        "describes",
        "feels",
        "felt",
        "thinks",
        "thought",
        "believes",
        "believed",
        "knows",
        "knew",
        "wants",
        "wanted",
        "went",
        "came",
        "shouted",
        "screamed",
        "cried",
    }
)
_CONTRACTION = re.compile(r"n['’]t$|['’](?:ll|re|ve|m|d)$")


def reads_as_label(text: str) -> bool:
    """Say whether short text reads as a label or heading rather than as a clause.

    A label names something ("Date of birth", "Mum's views", "What is working well"); a
    clause says something about someone ("Mum said", "SHE WILL NOT LET HIM IN"). Without
    a parser the difference is read from a pronoun at the start, a verb after the first
    word, or a contraction, and questions count as labels.
    """
    words = [word.lower() for word in _WORD.findall(text)]
    if not words or words[0] in _PRONOUNS:
        return False
    if any(_CONTRACTION.search(word) for word in words):
        return False
    if words[0] in _QUESTION_WORDS:
        return True
    return not any(word in _CLAUSE_VERBS for word in words[1:])


def title_like(text: str) -> bool:
    """Say whether text is written as a title: capitals on its longer words, or all capitals."""
    words = [word for word in _WORD.findall(text) if len(word) > 3]
    if not words:
        return False
    return text == text.upper() or all(word[0].isupper() for word in words)


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a report as a reader sees it, with its map back to the file.

    `text` is the line's text (Markdown with its markers removed); `line_map` maps offsets
    in `text` to `(offset, line, column)` starts, as `Source.line_map` does; `bold_end` is
    the end of bold text at the start of the line, if the line starts in bold.
    """

    text: str
    line_map: tuple[tuple[int, int, int], ...]
    number: int
    bold_end: int | None = None

    @property
    def blank(self) -> bool:
        """Say whether the line has no text."""
        return not self.text.strip()


def plain_line(text: str, number: int) -> SourceLine:
    """A line of a plain-text file: every offset is one column along from the first."""
    return SourceLine(text, ((0, number, 1),), number)


def _shift_map(
    line_map: tuple[tuple[int, int, int], ...], start: int
) -> list[tuple[int, int, int]]:
    """Entries of `line_map` for the text from `start` on, with offsets counted from there."""
    covering = (0, 0, 1)
    later: list[tuple[int, int, int]] = []
    for entry in line_map:
        if entry[0] <= start:
            covering = entry
        else:
            later.append((entry[0] - start, entry[1], entry[2]))
    offset, line, column = covering
    return [(0, line, column + start - offset), *later]


def join_lines(pieces: Sequence[tuple[SourceLine, int, int | None]]) -> tuple[str, Source]:
    """Join `(line, start, end)` pieces into block text with a map back to the file.

    Each piece is the line's text from `start` to `end` (None: to the end of the line),
    without the spaces around it; pieces are joined by newlines.
    """
    parts: list[str] = []
    line_map: list[tuple[int, int, int]] = []
    offset = 0
    for line, start, end in pieces:
        raw = line.text[start:end].rstrip()
        lead = len(raw) - len(raw.lstrip())
        piece = raw.lstrip()
        if parts:
            parts.append("\n")
            offset += 1
        line_map.extend(
            (offset + entry_offset, number, column)
            for entry_offset, number, column in _shift_map(line.line_map, start + lead)
            if entry_offset < max(len(piece), 1)
        )
        parts.append(piece)
        offset += len(piece)
    source = Source(lines=(pieces[0][0].number, pieces[-1][0].number), line_map=tuple(line_map))
    return "".join(parts), source


@dataclass(frozen=True, slots=True)
class FieldLine:
    """Where the label and the value of a field line are."""

    label: str
    label_start: int
    value_start: int
    dash: bool

    def empty(self, text: str) -> bool:
        """Say whether the field has no value on its line ("Who:")."""
        return not text[self.value_start :].strip()


def _label_words_ok(label: str, max_words: int) -> bool:
    return (
        0 < len(label.split()) <= max_words
        and len(label) <= _MAX_FIELD_LABEL_CHARS
        and label[0].isupper()
        and not _SENTENCE_PUNCTUATION.search(label)
        and reads_as_label(label)
    )


def _heading_in_two_parts(label: str, value: str, is_known: Callable[[str], bool]) -> bool:
    """Say whether "label: value" is a heading ("Section 3: Analysis", "Plan: Outcomes")."""
    if not value or len(value.split()) > _MAX_HEADING_PART_WORDS or value.endswith((".", ";")):
        return False
    return bool(_NUMBERING_LABEL.match(label)) or is_known(value)


def parse_field(line: SourceLine, is_known: Callable[[str], bool]) -> FieldLine | None:
    """Return where the label and value of a field line are, or None if it is not one."""
    text = line.text
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    colon = _COLON.search(text, lead)
    if colon is not None:
        label = text[lead : colon.start()].strip()
        # "**Outcome**: ..." and "**Outcome:** ..." alike: the label is the bold text.
        if line.bold_end is not None and line.bold_end < colon.start() and label:
            return None
        if _label_words_ok(label, MAX_FIELD_LABEL_WORDS):
            value_start = colon.end()
            if _heading_in_two_parts(label, text[value_start:].strip(), is_known):
                return None
            return FieldLine(label, lead, value_start, dash=False)
    dash = _DASH.search(text, lead)
    if dash is not None:
        label = text[lead : dash.start()].strip()
        if (
            _label_words_ok(label, _MAX_DASH_LABEL_WORDS)
            and (title_like(label) or is_known(label))
            and text[dash.end() :].strip()
            and not _heading_in_two_parts(label, text[dash.end() :].strip(), is_known)
        ):
            return FieldLine(label, lead, dash.end(), dash=True)
    return None


@dataclass
class Field:
    """One field: its label and the pieces of its text (its line and any wrapped lines)."""

    label: str
    line: SourceLine
    label_start: int
    pieces: list[tuple[SourceLine, int, int | None]] = field(default_factory=list)
    dash: bool = False

    @property
    def key(self) -> str:
        """The label as compared with other labels (case and spacing ignored)."""
        return " ".join(self.label.lower().split())

    def label_source(self) -> Source:
        """Where the label was written."""
        return join_lines([(self.line, self.label_start, None)])[1]


@dataclass
class FieldGroup:
    """Consecutive field lines, and the index of the line after them."""

    fields: list[Field]
    end: int


def label_key(label: str) -> str:
    """Compare labels as `Field.key` does."""
    return " ".join(label.lower().split())


def _next_written(lines: Sequence[SourceLine], index: int) -> int:
    while index < len(lines) and lines[index].blank:
        index += 1
    return index


def read_group(
    lines: Sequence[SourceLine],
    index: int,
    is_known: Callable[[str], bool],
    continues: Callable[[int], bool],
    columns: frozenset[str] = frozenset(),
) -> FieldGroup | None:
    """Read the field lines starting at `index`, or return None if no group starts there.

    `continues(i)` says whether line `i` may carry on a value written on the line above
    (a wrapped line). `columns` are the labels of the groups already read in the same
    sequence: a group may start with an empty field only when its label is one of them.
    """
    fields: list[Field] = []
    position = index
    while position < len(lines):
        line = lines[position]
        found = parse_field(line, is_known) if not line.blank else None
        if found is not None and fields and found.dash != fields[0].dash:
            break  # a form keeps to one separator: "Council - Team" over "Name:" lines is not one
        if found is not None:
            if found.empty(line.text) and not _empty_field_here(
                lines, position, found, fields, columns, is_known
            ):
                break
            fields.append(
                Field(
                    found.label,
                    line,
                    found.label_start,
                    [(line, found.label_start, None)] if not found.empty(line.text) else [],
                    found.dash,
                )
            )
            position += 1
            continue
        if fields and fields[-1].pieces and not line.blank and continues(position):
            fields[-1].pieces.append((line, 0, None))
            position += 1
            continue
        break
    if not fields:
        return None
    if len(fields) == 1 and _dash_alone(lines[index], is_known):
        return None  # "Mum - she was tired" on its own is prose
    return FieldGroup(fields, position)


def _dash_alone(line: SourceLine, is_known: Callable[[str], bool]) -> bool:
    found = parse_field(line, is_known)
    return found is not None and found.dash and not is_known(found.label)


def _empty_field_here(
    lines: Sequence[SourceLine],
    position: int,
    found: FieldLine,
    fields: list[Field],
    columns: frozenset[str],
    is_known: Callable[[str], bool],
) -> bool:
    """Say whether a label with no value is an empty field here rather than a heading.

    "Who:" between field lines is a field left empty; "Analysis:" over a paragraph is a
    heading. At the start of a group only a label the sequence has already used counts.
    """
    key = label_key(found.label)
    if not fields and key not in columns:
        return False
    after = position + 1
    if after < len(lines) and not lines[after].blank:
        return parse_field(lines[after], is_known) is not None
    following = _next_written(lines, after)
    if following >= len(lines) or not is_known(found.label) or key in columns:
        return True
    ahead = parse_field(lines[following], is_known)
    return ahead is not None and not ahead.empty(lines[following].text)


def is_grid(groups: Sequence[FieldGroup]) -> bool:
    """Say whether a sequence of groups is a grid (a table) rather than fields standing alone.

    A group of several fields is a row; single fields are rows only when a label comes
    again ("Outcome: ..." over "Outcome: ..."), otherwise each stands alone ("Analysis: ...",
    then "Child's views: ...").
    """
    if any(len(group.fields) > 1 for group in groups):
        return True
    keys = [group.fields[0].key for group in groups]
    return len(set(keys)) < len(keys)


def rows_of(groups: Sequence[FieldGroup]) -> list[list[Field]]:
    """Split groups into rows: a label written again within a group starts a new row."""
    rows: list[list[Field]] = []
    for group in groups:
        row: list[Field] = []
        seen: set[str] = set()
        for item in group.fields:
            if item.key in seen:
                rows.append(row)
                row, seen = [], set()
            row.append(item)
            seen.add(item.key)
        rows.append(row)
    return rows


def emit_fields(builder: DocumentBuilder, groups: Sequence[FieldGroup], table: int) -> bool:
    """Add a sequence of field groups to the document; return whether it used table `table`.

    A grid becomes table `table`: one row per group, a column per label (the same label in
    the same column in every row), each cell labelled. Fields standing alone become
    labelled paragraphs, opening the section their label names.
    """
    if is_grid(groups):
        columns: dict[str, int] = {}
        for row_number, row in enumerate(rows_of(groups), start=1):
            for item in row:
                column = columns.setdefault(item.key, len(columns) + 1)
                if not item.pieces:
                    continue
                text, source = join_lines(item.pieces)
                cell = Source(
                    table=(TableCell(table, row_number, column),),
                    lines=source.lines,
                    line_map=source.line_map,
                )
                builder.block(BlockKind.TABLE_CELL, text, cell, label=item.label)
        return True
    for group in groups:
        item = group.fields[0]
        if builder.is_known_heading(item.label):
            builder.implicit_heading(item.label, item.label_source())
        if item.pieces:
            text, source = join_lines(item.pieces)
            builder.block(BlockKind.PARAGRAPH, text, source, label=item.label)
    return False


def read_sequence(
    lines: Sequence[SourceLine],
    index: int,
    is_known: Callable[[str], bool],
    continues: Callable[[int], bool],
) -> list[FieldGroup]:
    """Read the groups separated only by blank lines that start at `index` (none: [])."""
    groups: list[FieldGroup] = []
    columns: frozenset[str] = frozenset()
    position = index
    while position < len(lines):
        group = read_group(lines, position, is_known, continues, columns)
        if group is None:
            break
        groups.append(group)
        columns = columns | {item.key for item in group.fields}
        position = _next_written(lines, group.end)
    return groups
