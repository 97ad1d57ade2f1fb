"""What every rule type shares: the `Hit` a checker yields, and where a rule applies.

A rule type is one module with a `TYPE`: its name, its YAML keys, the placeholders its
messages may use, a `parse` function that checks its keys and returns its options, and a
`Checker` that registers patterns when the engine is built and yields `Hit`s for a parsed
document. The engine turns hits into findings (message, location, sentence).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assesslint.models import Block, BlockKind, Section
from assesslint.quotations import quotation_spans
from assesslint.rules.spec import Rule

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry
    from assesslint.yamlfile import MarkedDict

Range = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """A problem a checker found, before the engine words it as a finding.

    `start` and `end` are offsets in the document text, or None for a finding about a
    section (then `block` is its heading's index) or the whole document (both None).
    `values` fill the message's placeholders; `message` and `suggest` replace the rule's
    own templates when a checker has a more specific one. `redacted` stands in for
    `{match}` when report text must not be shown; `softer` lowers the severity by one.
    """

    start: int | None = None
    end: int | None = None
    block: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    message: str | None = None
    suggest: str | None = None
    redacted: str = "this wording"
    details: dict[str, object] = field(default_factory=dict)
    # The checker is not sure (a section may be there under a heading it does not know):
    # the finding is reported one severity lower than the rule's.
    softer: bool = False


class Checker(ABC):
    """Checks one rule against parsed documents. Built once, used for every document."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        self.rule = rule

    @abstractmethod
    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield the problems this rule finds in `parsed`."""

    def applies(self, block: Block) -> bool:
        """Say whether the rule applies to `block` (its kind and its section)."""
        return block.kind in self.rule.blocks and self.rule.applies_to_section(block.section.names)


@dataclass(frozen=True)
class RuleType:
    """A rule type: its YAML keys, message placeholders, parser and checker."""

    name: str
    keys: frozenset[str]
    placeholders: frozenset[str]
    parse: Callable[[MarkedDict, ParseContext], Any]
    checker: type[Checker]
    default_blocks: frozenset[BlockKind] | None = None
    doc: str = ""


def section_range(parsed: ParsedDocument, section: Section) -> Range:
    """Return the character range of a section and its sub-sections."""
    return _section_ranges(parsed)[section.index]


def _section_ranges(parsed: ParsedDocument) -> dict[int, Range]:
    cached = parsed.cache.get("section_ranges")
    if cached is not None:
        return cached  # type: ignore[return-value]
    ranges: dict[int, Range] = {}
    for block in parsed.document.blocks:
        section: Section | None = block.section
        while section is not None:
            start, end = ranges.get(section.index, (block.start, block.end))
            ranges[section.index] = (min(start, block.start), max(end, block.end))
            section = section.parent
    parsed.cache["section_ranges"] = ranges
    return ranges


def window_ranges(parsed: ParsedDocument, window: Window, offset: int) -> list[Range]:
    """Return the character ranges of `window` around the text at `offset`."""
    document = parsed.document
    block = document.block_at(offset)
    if window.kind == "block":
        return [(block.start, block.end)]
    if window.kind == "section":
        return [section_range(parsed, block.section)]
    if window.kind == "document":
        return [(0, len(parsed.text))]
    if window.kind == "sections":
        return [
            (b.start, b.end)
            for b in document.blocks
            if b.kind is not BlockKind.HEADING and b.section.names & window.sections
        ]
    index = parsed.sentence_index(offset)
    first = max(index - window.before, 0)
    last = min(index + window.after, len(parsed.sentences) - 1)
    section_start, section_end = section_range(parsed, block.section)
    start = max(parsed.sentences[first][0], section_start)
    end = min(parsed.sentences[last][1], section_end)
    return [(start, max(end, parsed.sentences[index][1]))]


@dataclass(frozen=True)
class Window:
    """Where a companion pattern is looked for, around a trigger.

    `sentences` looks `before` sentences back and `after` sentences on (0 and 0 is the
    trigger's own sentence), never beyond its section; `block`, `section` and `document`
    are what they say; `sections` is every block in the named sections.
    """

    kind: str = "sentences"
    before: int = 0
    after: int = 0
    sections: frozenset[str] = frozenset()


WINDOW_NAMES = ("sentence", "block", "section", "document")


def parse_window(data: MarkedDict, key: str, ctx: ParseContext, default: Window) -> Window:
    """Parse `window:` as a name, or {sentences-before, sentences-after} or {sections}."""
    from assesslint.yamlfile import MarkedDict as Marked

    if key not in data:
        return default
    value = data[key]
    if isinstance(value, str):
        if value not in WINDOW_NAMES:
            ctx.error(
                data.value_at(key),
                f"{key!r} must be one of: {', '.join(WINDOW_NAMES)}, "
                "or a mapping with sentences-before/sentences-after or sections",
            )
            return default
        return Window("sentences") if value == "sentence" else Window(value)
    if not isinstance(value, Marked):
        ctx.error(data.value_at(key), f"{key!r} must be a window name or a mapping")
        return default
    ctx.check_keys(value, {"sentences-before", "sentences-after", "sections"}, f"{key!r}")
    if "sections" in value:
        return Window("sections", sections=ctx.sections(value, "sections") or frozenset())
    before = ctx.integer(value, "sentences-before") or 0
    after = ctx.integer(value, "sentences-after") or 0
    return Window("sentences", before=before, after=after)


def quotations_of(parsed: ParsedDocument) -> list[tuple[int, int]]:
    """The document's quotations, found once and shared by every rule type that asks."""
    spans = parsed.cache.get("quotations")
    if spans is None:
        spans = parsed.cache["quotations"] = quotation_spans(parsed.text)
    return spans  # type: ignore[return-value]
