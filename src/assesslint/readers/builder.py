"""Assemble a `Document` from the blocks a reader finds, in reading order.

Every reader (docx, text, Markdown) feeds the same builder: headings open sections, other
blocks join the section that is open, and the builder keeps the spans in the document text
consistent. A table can open a *scope*: headings found inside it (a `label | answer` row, a
header row spanning the table) close again when the table ends, so the text after the
table returns to the section it was in.

Which canonical section each heading names is decided twice. While reading, from the
heading alone (readers use it to tell a heading from text and to nest sections). When
the whole report has been read, again with the people the report introduces ("What
Tomasz told me" is the child's views only if Tomasz is a child), and, for the child's
views and the analysis when no heading names them, from what an unrecognised section
holds (`section_content`).
"""

from __future__ import annotations

import re
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
from assesslint.readers.headings import SAME_LENGTH, HeadingResolver, Resolution, clean
from assesslint.readers.people import People, people_in
from assesslint.readers.section_content import (
    reads_as_about_a_child,
    reads_as_analysis,
    reads_as_child_voice,
)
from assesslint.readers.sections import SectionMap

# Blocks are joined by a blank line, so a block never runs into the next one.
BLOCK_SEPARATOR = "\n\n"
# A bold "Label:" opens a section only when a passage follows it, not a value.
_MIN_PASSAGE_WORDS = 8
# A title ends with the kind of document it is ("Child in Need Plan Review").
_DOCUMENT_KIND = re.compile(
    r"\b(?:assessment|report|review|record|conference|form|minutes|plan)$", re.IGNORECASE
)
_NOT_A_TITLE = re.compile(
    r"(?:reasons?|why|purpose|summary|what|how|outcome|analysis|date|type)\b", re.IGNORECASE
)


class DocumentBuilder:
    """Collect headings and blocks, then build the `Document`."""

    def __init__(self, path: str, fmt: str, sections: SectionMap) -> None:
        self.path = path
        self.format = fmt
        self.notices: list[str] = []
        self._map = sections
        self._resolver = HeadingResolver(sections)
        self._blocks: list[Block] = []
        self._sections: list[Section] = []
        self._open: list[Section] = []
        self._preamble: Section | None = None
        self._parts: list[str] = []
        self._offset = 0
        self._implicit_level: int | None = None
        self._explicit: set[int] = set()
        self._comment_blocks: dict[str, list[int]] = {}
        self._register: People | None = None

    @property
    def block_count(self) -> int:
        """How many blocks have been added so far."""
        return len(self._blocks)

    @property
    def level(self) -> int:
        """Return the level of the innermost open section (0 when none is open)."""
        return self._open[-1].level if self._open else 0

    def heading(self, text: str, level: int, source: Source, *, marked: str = "style") -> None:
        """Start a section at `level` (1 is the top level; 0 is a document title).

        This is for headings whose level the file states: a heading style, an underline, a
        numbering depth, a table's own layout. `marked` says how it was recognised, for
        `dump`.
        """
        self._start_section(text, level, source, explicit=True, marked=marked)

    def implicit_heading(self, text: str, source: Source, *, marked: str = "label") -> None:
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
        canonical = self._resolver.resolve(text).canonical
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
        self._start_section(text, max(level, 1), source, explicit=False, marked=marked)

    def _start_section(
        self, text: str, level: int, source: Source, explicit: bool, marked: str
    ) -> None:
        text = text.strip()
        if not text:
            return
        if explicit:
            self._implicit_level = None
        while self._open and self._open[-1].level >= level:
            self._open.pop()
        parent = self._open[-1] if self._open else None
        canonical = self._resolver.resolve(text).canonical
        section = Section(
            index=len(self._sections),
            heading=text,
            level=level,
            canonical=canonical.name if canonical else None,
            groups=self._map.groups(canonical.name) if canonical else (),
            parent=parent,
            block=len(self._blocks),
            marked=marked,
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
        if not text.translate(SAME_LENGTH).strip():
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
        return self._resolver.names_a_section(text)

    def starts_section(self, label: str, rest: str) -> bool:
        """Say whether a label at the start of a paragraph opens a section of its own.

        It does when it names a section and what follows is a passage, not a value:
        "Children: Kian (8) and Poppy (3)" and plan fields ("Outcome:", "Actions:") stay
        fields.
        """
        resolution = self._resolver.resolve(label)
        canonical = resolution.canonical
        return (
            canonical is not None
            and not resolution.weak
            # The first line: "Family: Saunders\nReview held: ..." is a group of fields.
            and len(rest.strip().split("\n")[0].split()) >= _MIN_PASSAGE_WORDS
            and not (canonical.name == "plan" or "plan" in self._map.groups(canonical.name))
        )

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
        sections, blocks = self._resolved()
        return Document(
            path=self.path,
            format=self.format,
            text="".join(self._parts),
            blocks=blocks,
            sections=sections,
            notices=tuple(self.notices),
            suppressions=self._suppressions(comment_rules or {}, line_directives),
            people=self._register,
        )

    def _resolved(self) -> tuple[tuple[Section, ...], tuple[Block, ...]]:
        """Name each section again, knowing the report's people and what sections hold."""
        # Finding the people reads every paragraph; most templates' headings name nobody.
        needed = any(self._resolver.might_name_someone(s.heading) for s in self._sections)
        people = self._people() if needed else None
        resolutions = [
            self._resolver.resolve(section.heading, people) if section.heading else Resolution(None)
            for section in self._sections
        ]
        self._drop_title(resolutions)
        self._check_unknown_names(resolutions)
        self._name_by_content(resolutions, people)
        # The sections are settled here, before anything outside the builder sees them, so
        # they are updated in place (parents come first) rather than copied with every
        # block that points at them.
        settle = object.__setattr__
        for section, resolution in zip(self._sections, resolutions, strict=True):
            canonical = resolution.canonical
            groups: list[str] = []
            if canonical is not None:
                groups.extend(self._map.groups(canonical.name))
                for other in resolution.also:
                    groups.extend((other.name, *self._map.groups(other.name)))
            settle(section, "canonical", canonical.name if canonical else None)
            settle(
                section,
                "groups",
                tuple(
                    name
                    for name in dict.fromkeys(groups)
                    if canonical is None or name != canonical.name
                ),
            )
            settle(section, "why", resolution.why)
            section.__post_init__()
        return tuple(self._sections), tuple(self._blocks)

    def _drop_title(self, resolutions: list[Resolution]) -> None:
        """A report's title names no section: "Child in Need Plan Review" is not its plan.

        The title is the first heading, before any text, when it names a kind of document
        and other headings follow; otherwise every section under it would inherit its name.
        """
        headed = [s for s in self._sections if s.heading]
        if len(headed) < 3 or headed[0].block != 0:
            return
        first = headed[0]
        name = re.split(r"\s[-–—]\s|:|\(", first.heading)[0].strip()
        if first.level == 0 or (
            _DOCUMENT_KIND.search(name) is not None
            and len(name.split()) >= 3
            and _NOT_A_TITLE.match(name) is None
        ):
            resolutions[first.index] = Resolution(None, why="the report's title")

    def _check_unknown_names(self, resolutions: list[Resolution]) -> None:
        """A child's name the report never introduced, read as an adult's, is put right.

        "How things are for Frankie" was read as an adult's views because Frankie is not
        introduced; a section that describes a child (an age, school, "his sister") is the
        child's views after all.
        """
        if "child-voice" not in self._map.names:
            return
        guessed = {
            index
            for index, resolution in enumerate(resolutions)
            if resolution.weak
            and resolution.canonical is not None
            and resolution.canonical.name == "parent-views"
        }
        for index, found in self._texts_of(guessed).items():
            if reads_as_about_a_child(found):
                why = resolutions[index].why.replace("an adult of the family", "a child")
                resolutions[index] = Resolution(
                    self._map.section("child-voice"), why=f"{why}, as the section describes one"
                )

    def _texts_of(self, sections: set[int]) -> dict[int, list[str]]:
        """The text of each block (not headings) directly in the sections `sections`."""
        texts: dict[int, list[str]] = {index: [] for index in sections}
        for block in self._blocks:
            if block.kind is not BlockKind.HEADING and block.section.index in texts:
                texts[block.section.index].append(clean(block.text))
        return texts

    def _people(self) -> People:
        if self._register is None:
            # Block text has had pasted spaces replaced already (`_append`).
            self._register = people_in(self._blocks)
        return self._register

    def _name_by_content(self, resolutions: list[Resolution], people: People | None) -> None:
        """Name the child's views or the analysis by content when no heading names them."""
        named = {
            name
            for resolution in resolutions
            if resolution.canonical is not None
            for name in (resolution.canonical.name, *(s.name for s in resolution.also))
        }
        candidates = [
            section
            for section, resolution in zip(self._sections, resolutions, strict=True)
            if (resolution.canonical is None or resolution.weak)
            and section.heading
            and section.level >= 1
        ]
        if not candidates:
            return
        if people is None and not {"child-voice", "analysis"} <= named:
            people = self._people()
        known = people or People({})
        texts = self._texts_of({section.index for section in candidates})
        judges = (
            (
                "child-voice",
                lambda t: reads_as_child_voice(t, known),
                "the child's words or what was seen of the child",
            ),
            ("analysis", reads_as_analysis, "reasoning about causes and their impact"),
        )
        for name, judge, what in judges:
            if not candidates:
                break
            if name in named or name not in self._map.names:
                continue
            scored = [(judge(texts[section.index]), section) for section in candidates]
            score, best = max(scored, key=lambda pair: pair[0])
            if score:
                before = resolutions[best.index].canonical
                resolutions[best.index] = Resolution(
                    self._map.section(name),
                    also=(before,) if before is not None else (),
                    why=f"what the section holds: {what}",
                )
                candidates.remove(best)
                named.add(name)

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
        # Characters copy-paste brings, replaced one for one so offsets into the file
        # still hold: rules then match "looked\u00a0after" as "looked after".
        text = text.translate(SAME_LENGTH)
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
