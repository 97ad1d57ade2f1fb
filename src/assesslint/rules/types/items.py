"""`type: items`: every item of a plan (list item, table row or sentence) must meet criteria.

Keys:
  items        what counts as an item, a list of: list-items, table-rows, sentences
               (default: list-items and table-rows). A table row is read whole, so an
               "Outcome | Action | Who | By when" row counts its owner and date.
  sentences-when-no-items
               true: in a section with no list items or table rows, each sentence of its
               paragraphs is an item (a plan written as prose). Default false.
  skip         patterns: an item matching one of these is not an outcome and is left alone
               (for a table row, only its first cell, the outcome, is looked at)
               ("Review at the next core group")
  criteria     a mapping of criterion names to:
                 label     how the message names it ("time-bound")
                 must      patterns of which one must appear in the item
                 must-not  patterns none of which may appear in the item
                 unless    patterns that forgive a `must-not` match ("refer to CAMHS" is
                           fine in an item that also says what will change for the child)

One finding per item that fails any criterion; `details.missing` lists the failed
criteria's names in the order they are written.

Placeholders: {missing} (the failed criteria's labels, joined), {match}, {section}.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assesslint.models import Block, BlockKind, TableCell
from assesslint.rules.spec import PatternSpec, Rule, join_words
from assesslint.rules.types.base import Checker, Hit, Range, RuleType
from assesslint.yamlfile import MarkedDict

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry

ITEM_KINDS = ("list-items", "table-rows", "sentences")


@dataclass(frozen=True)
class Criterion:
    """One thing every item must be."""

    name: str
    label: str
    must: tuple[PatternSpec, ...]
    must_not: tuple[PatternSpec, ...]
    unless: tuple[PatternSpec, ...]


@dataclass(frozen=True)
class ItemsOptions:
    """The parsed keys of an `items` rule."""

    kinds: frozenset[str]
    sentences_when_no_items: bool
    skip: tuple[PatternSpec, ...]
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class _Item:
    anchor: Range
    ranges: tuple[Range, ...]


def parse(data: MarkedDict, ctx: ParseContext) -> ItemsOptions:
    """Check the keys of an `items` rule."""
    kinds = ctx.texts(data, "items") or ["list-items", "table-rows"]
    for kind in kinds:
        if kind not in ITEM_KINDS:
            ctx.error(data.value_at("items"), f"'items' must list some of: {', '.join(ITEM_KINDS)}")
    criteria: list[Criterion] = []
    table = ctx.mapping(data, "criteria")
    if table is None:
        ctx.error(data.position, "an items rule needs 'criteria'")
    for name, value in (table or {}).items():
        if not isinstance(value, MarkedDict):
            ctx.error(
                table.value_at(name) if table else data.position,
                f"criterion {name!r} must be a mapping with 'must' or 'must-not'",
            )
            continue
        ctx.check_keys(value, {"label", "must", "must-not", "unless"}, f"criterion {name!r}")
        must = tuple(ctx.patterns(value, "must"))
        must_not = tuple(ctx.patterns(value, "must-not"))
        if not must and not must_not:
            ctx.error(value.position, f"criterion {name!r} needs 'must' or 'must-not' patterns")
        criteria.append(
            Criterion(
                str(name),
                ctx.text(value, "label") or str(name),
                must,
                must_not,
                tuple(ctx.patterns(value, "unless")),
            )
        )
    return ItemsOptions(
        kinds=frozenset(kinds),
        sentences_when_no_items=ctx.boolean(data, "sentences-when-no-items", False),
        skip=tuple(ctx.patterns(data, "skip")),
        criteria=tuple(criteria),
    )


class ItemsChecker(Checker):
    """Checks each plan item against the criteria."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        super().__init__(rule, registry)
        options: ItemsOptions = rule.options
        self.options = options
        scope = rule.sections
        self.skip = registry.add(rule.id, "skip", options.skip, scope) if options.skip else None

        def key(criterion: Criterion, part: str, patterns: tuple[PatternSpec, ...]) -> str | None:
            return (
                registry.add(rule.id, f"{criterion.name}-{part}", patterns, scope)
                if patterns
                else None
            )

        self.criteria = [
            (
                criterion,
                key(criterion, "must", criterion.must),
                key(criterion, "must-not", criterion.must_not),
                key(criterion, "unless", criterion.unless),
            )
            for criterion in options.criteria
        ]

    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield each item that fails a criterion, naming the criteria it fails."""

        def found(key: str | None, item: _Item) -> bool:
            return key is not None and any(matches.any_within(key, *r) for r in item.ranges)

        for item in self._items(parsed):
            # Only the item's own words decide whether it is an outcome at all: a row whose
            # "By when" cell says "next review" is still an outcome to be judged.
            if self.skip is not None and matches.any_within(self.skip, *item.anchor):
                continue
            failed = []
            for criterion, must, must_not, unless in self.criteria:
                has = must is None or found(must, item)
                has_not = found(must_not, item) and not found(unless, item)
                if not has or has_not:
                    failed.append(criterion)
            if failed:
                start, end = item.anchor
                yield Hit(
                    start,
                    end,
                    values={
                        "missing": join_words([c.label for c in failed]),
                        "match": parsed.text[start:end],
                    },
                    details={"missing": [c.name for c in failed]},
                    redacted="this item",
                )

    def _items(self, parsed: ParsedDocument) -> Iterator[_Item]:
        kinds = self.options.kinds
        blocks = [
            b
            for b in parsed.document.blocks
            if b.kind is not BlockKind.HEADING and self.rule.applies_to_section(b.section.names)
        ]
        rows: dict[tuple[TableCell, ...], list[Block]] = {}
        found_any: set[int] = set()
        for block in blocks:
            if block.kind is BlockKind.LIST_ITEM and "list-items" in kinds:
                found_any.add(block.section.index)
                yield _Item((block.start, block.end), ((block.start, block.end),))
            elif block.kind is BlockKind.TABLE_CELL and "table-rows" in kinds and not block.header:
                key = block.row_key
                if key is not None:
                    rows.setdefault(key, []).append(block)
        for cells in rows.values():
            found_any.add(cells[0].section.index)
            first = cells[0]
            yield _Item((first.start, first.end), tuple((c.start, c.end) for c in cells))
        want_sentences = "sentences" in kinds or self.options.sentences_when_no_items
        if not want_sentences:
            return
        for block in blocks:
            if block.kind is not BlockKind.PARAGRAPH:
                continue
            if "sentences" not in kinds and block.section.index in found_any:
                continue
            for start, end in parsed.sentences_within(block.start, block.end):
                yield _Item((start, end), ((start, end),))


TYPE = RuleType(
    name="items",
    keys=frozenset({"items", "sentences-when-no-items", "skip", "criteria"}),
    placeholders=frozenset({"missing", "match"}),
    parse=parse,
    checker=ItemsChecker,
    doc=__doc__ or "",
)
