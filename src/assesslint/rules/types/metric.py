"""`type: metric`: a count over sentences or blocks, against a limit.

Keys:
  measure   sentence-words (default): words in a sentence;
            block-words: words in a paragraph, list item or table cell
  max       the largest count that is fine (required)

A finding is at the sentence or block that goes over the limit.
Placeholders: {count}, {limit}, {match}, {section}.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assesslint.rules.spec import Rule
from assesslint.rules.types.base import Checker, Hit, RuleType

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry
    from assesslint.yamlfile import MarkedDict

MEASURES = ("sentence-words", "block-words")


@dataclass(frozen=True)
class MetricOptions:
    """The parsed keys of a `metric` rule."""

    measure: str
    limit: int


def parse(data: MarkedDict, ctx: ParseContext) -> MetricOptions:
    """Check the keys of a `metric` rule."""
    limit = ctx.integer(data, "max", minimum=1)
    if limit is None and "max" not in data:
        ctx.error(data.position, "a metric rule needs 'max'")
    return MetricOptions(ctx.choice(data, "measure", MEASURES, "sentence-words"), limit or 1)


class MetricChecker(Checker):
    """Finds sentences or blocks over the limit."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        super().__init__(rule, registry)
        self.options: MetricOptions = rule.options

    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield each sentence or block over the limit."""
        limit = self.options.limit
        if self.options.measure == "block-words":
            spans = [(b.start, b.end) for b in parsed.document.blocks]
        else:
            spans = parsed.sentences
        for start, end in spans:
            block = parsed.document.block_at(start)
            if not self.applies(block):
                continue
            count = parsed.words(start, end)
            if count > limit:
                yield Hit(
                    start,
                    end,
                    values={
                        "count": str(count),
                        "limit": str(limit),
                        "match": parsed.text[start:end],
                    },
                    details={"words": count, "limit": limit},
                    redacted="this sentence",
                )


TYPE = RuleType(
    name="metric",
    keys=frozenset({"measure", "max"}),
    placeholders=frozenset({"count", "limit", "match"}),
    parse=parse,
    checker=MetricChecker,
    doc=__doc__ or "",
)
