"""`type: conditional`: a trigger without the companion it needs nearby.

Keys:
  trigger      patterns that start a check (required)
  unless       patterns that make a trigger fine when they contain it
  require      patterns of which one must appear in the window, or the trigger is a finding
  with         patterns of which one must also appear in `with-window` for the trigger to
               be a finding at all (so "engaged well" is flagged only beside "risk reduced")
  repeat       last-word: the trigger's last word (a name, say) must be mentioned again in
               the window, outside the trigger's own sentence, or it is a finding (once per
               word)
  window       where `require` and `repeat` look: sentence (default), block, section,
               document, {sentences-before: N, sentences-after: N} (never beyond the
               trigger's section), or {sections: [canonical names]}
  with-window  where `with` looks; the same forms; default sentence
  per-sentence all (default): every trigger is a finding; first: at most one finding in a
               sentence (several triggers in one sentence are one problem)
  speaker      not-child: a trigger that is a speech phrase ("she says", "according to
               Mum") is passed over when its speaker is a child of the report (a name the
               report gives a child, "the child", or a pronoun standing for one), because
               that is the child's voice, not an account to check; family: also when the
               speaker is a professional ("Mr Hale" where the report makes him a teacher)
  quotations   count (default): quotations are read like the rest; skip: a trigger inside
               quotation marks is someone's own words, and a `with` or `require` there
               does not count (a parent's "I did the test" is not a test result)
  with-sections  canonical section names in which a trigger has its `with` without
               looking (a strengths section presents everything in it as a strength)
  with-follows true: `with` counts only from the trigger on (what "Mum says" is about
               comes after it), or from the start of its sentence when the trigger ends
               it ("It has stopped, Mum says."); default false

Placeholders: {match}, {section}.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assesslint.quotations import inside
from assesslint.readers.people import Role
from assesslint.rules.speakers import PROFESSIONAL, speaker_kind
from assesslint.rules.spec import PatternSpec, Rule
from assesslint.rules.types.base import (
    Checker,
    Hit,
    RuleType,
    Window,
    parse_window,
    quotations_of,
    window_ranges,
)

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry
    from assesslint.yamlfile import MarkedDict


@dataclass(frozen=True)
class ConditionalOptions:
    """The parsed keys of a `conditional` rule."""

    trigger: tuple[PatternSpec, ...]
    unless: tuple[PatternSpec, ...]
    require: tuple[PatternSpec, ...]
    with_: tuple[PatternSpec, ...]
    repeat: str | None
    window: Window
    with_window: Window
    first_per_sentence: bool
    not_child_speaker: bool = False
    family_speaker: bool = False
    skip_quotations: bool = False
    with_sections: frozenset[str] = frozenset()
    with_follows: bool = False


def parse(data: MarkedDict, ctx: ParseContext) -> ConditionalOptions:
    """Check the keys of a `conditional` rule."""
    repeat = None
    if "repeat" in data:
        repeat = ctx.choice(data, "repeat", ["last-word"], "last-word")
    return ConditionalOptions(
        trigger=tuple(ctx.patterns(data, "trigger", required=True)),
        unless=tuple(ctx.patterns(data, "unless")),
        require=tuple(ctx.patterns(data, "require")),
        with_=tuple(ctx.patterns(data, "with")),
        repeat=repeat,
        window=parse_window(data, "window", ctx, Window()),
        with_window=parse_window(data, "with-window", ctx, Window()),
        first_per_sentence=ctx.choice(data, "per-sentence", ["all", "first"], "all") == "first",
        not_child_speaker="speaker" in data,
        family_speaker=ctx.choice(data, "speaker", ["not-child", "family"], "not-child")
        == "family",
        skip_quotations=ctx.choice(data, "quotations", ["count", "skip"], "count") == "skip",
        with_sections=ctx.sections(data, "with-sections") or frozenset(),
        with_follows=ctx.boolean(data, "with-follows", False),
    )


class ConditionalChecker(Checker):
    """Finds triggers that lack (or have) their companion in a window."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        super().__init__(rule, registry)
        options: ConditionalOptions = rule.options
        self.options = options
        scope = rule.sections
        # Companions sought near the trigger are in the trigger's own section.
        near = {"sentences", "block", "section"}
        self.trigger = registry.add(rule.id, "trigger", options.trigger, scope)
        self.unless = registry.add(rule.id, "unless", options.unless) if options.unless else None
        self.require = (
            registry.add(
                rule.id,
                "require",
                options.require,
                scope if options.window.kind in near else None,
            )
            if options.require
            else None
        )
        self.with_ = (
            registry.add(
                rule.id, "with", options.with_, scope if options.with_window.kind in near else None
            )
            if options.with_
            else None
        )

    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield each trigger that lacks its companion (or has its `with`)."""
        options = self.options
        reported: set[str] = set()
        flagged_sentences: set[int] = set()
        triggers = _outermost(matches.get(self.trigger))
        trigger_starts = [start for start, _ in triggers]
        for start, end in triggers:
            block = parsed.document.block_at(start)
            if not self.applies(block):
                continue
            if self.unless and matches.covering(self.unless, start, end):
                continue
            quotes = quotations_of(parsed) if options.skip_quotations else []
            if quotes and inside(quotes, start, end):
                continue
            follows = _follows(parsed, start, end) if options.with_follows else 0
            if (
                self.with_
                and not (options.with_sections and block.section.names & options.with_sections)
                and not any(
                    not (quotes and inside(quotes, *span))
                    for where in window_ranges(parsed, options.with_window, start)
                    if where[1] > follows
                    for span in matches.within(self.with_, max(where[0], follows), where[1])
                )
            ):
                continue
            if options.not_child_speaker and _passed_over(parsed, start, end, options):
                continue
            ranges = window_ranges(parsed, options.window, start)
            if self.require and any(
                # A companion inside another trigger does not count: "no concerns" is not
                # a risk statement.
                not _inside_any(span, triggers, trigger_starts)
                and not (quotes and inside(quotes, *span))
                for r in ranges
                for span in matches.within(self.require, *r)
            ):
                continue
            match = parsed.text[start:end]
            if options.repeat:
                word = match.split()[-1]
                if word.lower() in reported or _mentioned(parsed, word, ranges, start):
                    continue
                reported.add(word.lower())
            if options.first_per_sentence:
                sentence = parsed.sentence_index(start)
                if sentence in flagged_sentences:
                    continue
                flagged_sentences.add(sentence)
            yield Hit(start, end, values={"match": match})


def _passed_over(parsed: ParsedDocument, start: int, end: int, options: ConditionalOptions) -> bool:
    """Say whether a speech phrase's speaker is one the rule leaves alone."""
    kind = speaker_kind(parsed, start, end)
    return kind is Role.CHILD or (options.family_speaker and kind == PROFESSIONAL)


def _follows(parsed: ParsedDocument, start: int, end: int) -> int:
    """Where what a speech phrase reports begins.

    After the phrase, or, when it closes its sentence ("The rows have stopped, she says."),
    at the start of the sentence.
    """
    sentence_start, sentence_end = parsed.sentence_span(start)
    if not parsed.text[end:sentence_end].strip(" .!?\"'’”)"):
        return sentence_start
    return start


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans inside a longer span (several trigger patterns matching one phrase)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _inside_any(span: tuple[int, int], triggers: list[tuple[int, int]], starts: list[int]) -> bool:
    # `triggers` come from `_outermost`: sorted and not overlapping, so only the last one
    # starting at or before the span can hold it. Looking at each would cost a long
    # report's trigger count for every companion found.
    at = bisect.bisect_right(starts, span[0]) - 1
    return at >= 0 and span[1] <= triggers[at][1]


def _mentioned(
    parsed: ParsedDocument, word: str, ranges: list[tuple[int, int]], trigger_at: int
) -> bool:
    own = parsed.sentence_span(trigger_at)
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for start, end in ranges:
        for hit in pattern.finditer(parsed.text, start, end):
            if not own[0] <= hit.start() < own[1]:
                return True
    return False


TYPE = RuleType(
    name="conditional",
    keys=frozenset(
        {
            "trigger",
            "unless",
            "require",
            "with",
            "repeat",
            "window",
            "with-window",
            "per-sentence",
            "speaker",
            "with-sections",
            "with-follows",
            "quotations",
        }
    ),
    placeholders=frozenset({"match"}),
    parse=parse,
    checker=ConditionalChecker,
    doc=__doc__ or "",
)
