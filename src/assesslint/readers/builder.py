"""Assemble a `Document` from the blocks a reader finds, in reading order.

Every reader (docx, text, Markdown) feeds the same builder: headings open sections, other
blocks join the section that is open, and the builder keeps the spans in the document text
consistent. A table can open a *scope*: headings found inside it (a `label | answer` row, a
header row spanning the table) close again when the table ends, so the text after the
table returns to the section it was in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assesslint.models import (
    Block,
    BlockKind,
    Document,
    ReadError,
    ReadErrorCode,
    Section,
    Source,
    Suppression,
)
from assesslint.readers.directives import LineDirective, line_suppressions
from assesslint.readers.sections import SectionMap

# Blocks are joined by a blank line, so a block never runs into the next one.
BLOCK_SEPARATOR = "\n\n"


class DocumentBuilder:
    """Collect headings and blocks, then build the `Document`."""

    def __init__(self, path: str, fmt: str, sections: SectionMap) -> None:
        self.path = path
        self.format = fmt
        self.notices: list[str] = []
        self._map = sections
        self._blocks: list[Block] = []
        self._sections: list[Section] = []
        self._open: list[Section] = []
        self._preamble: Section | None = None
        self._parts: list[str] = []
        self._offset = 0
        self._implicit_level: int | None = None
        self._explicit: set[int] = set()
        self._comment_blocks: dict[str, list[int]] = {}

    @property
    def block_count(self) -> int:
        """How many blocks have been added so far."""
        return len(self._blocks)

    @property
    def level(self) -> int:
        """Return the level of the innermost open section (0 when none is open)."""
        return self._open[-1].level if self._open else 0

    def heading(self, text: str, level: int, source: Source) -> None:
        """Start a section at `level` (1 is the top level; 0 is a document title).

        This is for headings whose level the file states: a heading style, an underline, a
        numbering depth, a table's own layout.
        """
        self._start_section(text, level, source, explicit=True)

    def implicit_heading(self, text: str, source: Source) -> None:
        """Start a section at a heading the reader inferred rather than read from a style.

        Bold labels and "Label:" lines carry no level of their own, so the level comes from
        what they name and from the nearest heading whose level the file states:
        a main section ("Plan:") sits beside a main section ("3.2 Analysis") rather than
        inside it; a part of one ("Stability:", within parenting capacity) sits inside it;
        and a label we do not know ("Sam, aged 4:") sits under the last section we did
        know, so that the section it is part of still applies.
        """
        anchor = next((s for s in reversed(self._open) if s.index in self._explicit), None)
        base = anchor.level + 1 if anchor is not None else 1
        anchor_is_main = anchor is not None and anchor.canonical is not None
        canonical = self._map.resolve(text)
        if canonical is None:
            level = (self._implicit_level if self._implicit_level is not None else base - 1) + 1
        elif canonical.within:
            anchor_is_part = anchor is not None and bool(anchor.groups)
            level = (
                anchor.level
                if anchor is not None and anchor_is_part
                else base + (0 if anchor_is_main else 1)
            )
        else:
            level = anchor.level if anchor is not None and anchor_is_main else base
        if canonical is not None:
            self._implicit_level = level
        self._start_section(text, max(level, 1), source, explicit=False)

    def _start_section(self, text: str, level: int, source: Source, explicit: bool) -> None:
        text = text.strip()
        if not text:
            return
        if explicit:
            self._implicit_level = None
        while self._open and self._open[-1].level >= level:
            self._open.pop()
        parent = self._open[-1] if self._open else None
        canonical = self._map.resolve(text)
        section = Section(
            index=len(self._sections),
            heading=text,
            level=level,
            canonical=canonical.name if canonical else None,
            groups=self._map.groups(canonical.name) if canonical else (),
            parent=parent,
            block=len(self._blocks),
        )
        if explicit:
            self._explicit.add(section.index)
        self._sections.append(section)
        self._open.append(section)
        self._append(BlockKind.HEADING, text, source, section, level=level)

    def block(
        self,
        kind: BlockKind,
        text: str,
        source: Source,
        *,
        label: str | None = None,
        header: bool = False,
    ) -> None:
        """Add a paragraph, list item or table cell to the open section."""
        if not text.strip():
            return
        self._append(kind, text, source, self._current_section(), label=label, header=header)

    def open_scope(self) -> tuple[Section, ...]:
        """Remember the open sections, so `close_scope` can return to them."""
        return tuple(self._open)

    def close_scope(self, scope: tuple[Section, ...]) -> None:
        """Close every section opened since `open_scope`."""
        self._open = list(scope)

    def is_known_heading(self, text: str) -> bool:
        """Say whether `text` names a canonical section."""
        return self._map.resolve(text) is not None

    def attach_comments(self, comments: frozenset[str]) -> None:
        """Note that Word comments with these IDs are attached to the last block added."""
        if self._blocks:
            for comment in comments:
                self._comment_blocks.setdefault(comment, []).append(len(self._blocks) - 1)

    def build(
        self,
        *,
        comment_rules: Mapping[str, frozenset[str]] | None = None,
        line_directives: Sequence[LineDirective] = (),
    ) -> Document:
        """Return the document, or raise `ReadError(empty)` if no text was found.

        `comment_rules` maps the IDs of Word comments that ask for findings to be left
        out to the rules they name; `line_directives` are those of a text report.
        """
        if not self._blocks:
            raise ReadError(
                ReadErrorCode.EMPTY,
                "the file has no text to check. If it should have, open it, check that the "
                "text is typed (not a scanned picture) and save it again.",
            )
        return Document(
            path=self.path,
            format=self.format,
            text="".join(self._parts),
            blocks=tuple(self._blocks),
            sections=tuple(self._sections),
            notices=tuple(self.notices),
            suppressions=self._suppressions(comment_rules or {}, line_directives),
        )

    def _suppressions(
        self, comment_rules: Mapping[str, frozenset[str]], directives: Sequence[LineDirective]
    ) -> tuple[Suppression, ...]:
        found = list(line_suppressions(self._blocks, directives))
        for comment, rules in sorted(comment_rules.items()):
            indexes = self._comment_blocks.get(comment)
            if indexes:
                first, last = self._blocks[min(indexes)], self._blocks[max(indexes)]
                found.append(Suppression(first.start, last.end, rules, f"Word comment {comment}"))
        return tuple(found)

    def _current_section(self) -> Section:
        if self._open:
            return self._open[-1]
        if self._preamble is None:
            self._preamble = Section(index=len(self._sections), heading="", level=0, canonical=None)
            self._sections.append(self._preamble)
        return self._preamble

    def _append(
        self,
        kind: BlockKind,
        text: str,
        source: Source,
        section: Section,
        *,
        level: int | None = None,
        label: str | None = None,
        header: bool = False,
    ) -> None:
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._offset += len(BLOCK_SEPARATOR)
        start = self._offset
        self._parts.append(text)
        self._offset += len(text)
        self._blocks.append(
            Block(
                index=len(self._blocks),
                kind=kind,
                text=text,
                start=start,
                end=self._offset,
                source=source,
                section=section,
                level=level,
                label=label,
                header=header,
            )
        )
