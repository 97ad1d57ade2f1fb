"""`type: coverage`: a section must answer named questions.

Keys:
  section        the canonical name of the section (required); its sub-sections count
  scope          all (default): every section of that name is read together;
                 each: each one is checked on its own
  if-missing     ignore (default) or report: a report with no such section is a finding
  missing-unless patterns that, found anywhere in the report, stand in for a missing section
                 (a contingency written into the plan as "if ... then ...")
  missing-message, missing-suggest
                 wording for a missing section (default: the rule's own)
  questions      a mapping of question names to:
                   label     the question in words, for {question} ("why the problem began")
                   patterns  patterns of which `min` (default 1) must appear in the section
                   together  a list of pattern lists that must all appear in one sentence
                             or in a sentence and the one after it
                   when      patterns that must appear somewhere in the report for the
                             question to be asked at all (ask about the impact of drinking
                             only when drinking is mentioned)
                   also-in   canonical sections whose text, if there is any, answers the
                             question (strengths listed under "Strengths" count for the
                             analysis)
  stand-ins      patterns for words that stand in for an answer without giving one ("N/A",
                 "too young"): each one needs an answer in its own block, or it is a
                 finding at those words
  stand-in-answers
                 patterns that answer a stand-in (default: the questions' patterns)
  stand-in-message
                 wording for a stand-in (default: the rule's own message)
  old-enough     {age, stand-ins, message}: stand-ins ("too young") that nothing answers when
                 they are about a child the report says is at least `age` years old ("Poppy
                 (4)", "Poppy is four"): a child that age can be asked, so what was seen of
                 her does not stand in for what she would say. `message` may use {child}
                 and {age}.

An unanswered question is a finding at the section's heading, worded by the rule's
`message`; so is an empty section, when the rule asks no questions. Headings themselves are
never taken as answers.

Placeholders: {question}, {section}, {match} (for stand-ins), {child} and {age} (for
`old-enough`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assesslint.models import Block, BlockKind, Section
from assesslint.rules.ages import ages_in
from assesslint.rules.spec import PatternSpec, Rule
from assesslint.rules.types.base import Checker, Hit, Range, RuleType
from assesslint.yamlfile import MarkedDict, MarkedList

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry


@dataclass(frozen=True)
class Question:
    """One question a section must answer."""

    name: str
    label: str
    patterns: tuple[PatternSpec, ...]
    together: tuple[tuple[PatternSpec, ...], ...]
    when: tuple[PatternSpec, ...]
    minimum: int
    also_in: frozenset[str]


@dataclass(frozen=True)
class CoverageOptions:
    """The parsed keys of a `coverage` rule."""

    section: str
    scope: str
    if_missing: str
    missing_unless: tuple[PatternSpec, ...]
    missing_message: str | None
    missing_suggest: str | None
    questions: tuple[Question, ...]
    stand_ins: tuple[PatternSpec, ...]
    stand_in_answers: tuple[PatternSpec, ...]
    stand_in_message: str | None
    old_enough: OldEnough | None = None


@dataclass(frozen=True)
class OldEnough:
    """Stand-ins that are findings whatever was seen, for a child old enough to be asked."""

    age: int
    stand_ins: tuple[PatternSpec, ...]
    message: str | None


def _old_enough(data: MarkedDict, ctx: ParseContext) -> OldEnough | None:
    block = ctx.mapping(data, "old-enough")
    if block is None:
        return None
    ctx.check_keys(block, {"age", "stand-ins", "message"}, "'old-enough'")
    stand_ins = tuple(ctx.patterns(block, "stand-ins"))
    if not stand_ins:
        ctx.error(data.value_at("old-enough"), "'old-enough' needs 'stand-ins'")
    return OldEnough(
        age=ctx.integer(block, "age", minimum=1) or 4,
        stand_ins=stand_ins,
        message=ctx.template(block, "message"),
    )


def parse(data: MarkedDict, ctx: ParseContext) -> CoverageOptions:
    """Check the keys of a `coverage` rule."""
    section = ctx.text(data, "section", required=True) or ""
    if section and section not in ctx.section_names:
        ctx.error(data.value_at("section"), f"unknown section {section!r}")
    questions: list[Question] = []
    table = ctx.mapping(data, "questions")
    for name, value in (table or {}).items():
        where = table.value_at(name) if table is not None else data.position
        if not isinstance(value, MarkedDict):
            ctx.error(where, f"question {name!r} must be a mapping with 'label' and 'patterns'")
            continue
        ctx.check_keys(
            value, {"label", "patterns", "together", "when", "min", "also-in"}, f"question {name!r}"
        )
        together: list[tuple[PatternSpec, ...]] = []
        groups = value.get("together")
        if groups is not None:
            if not isinstance(groups, MarkedList) or not all(
                isinstance(group, list) for group in groups
            ):
                ctx.error(value.value_at("together"), "'together' must be a list of pattern lists")
            else:
                for index, group in enumerate(groups):
                    patterns_of_group = ctx.pattern_list(group, groups.item_at(index))
                    if not patterns_of_group:
                        ctx.error(groups.item_at(index), "each 'together' group needs a pattern")
                    together.append(tuple(patterns_of_group))
        patterns = tuple(ctx.patterns(value, "patterns"))
        if not patterns and not together:
            ctx.error(where, f"question {name!r} needs 'patterns' or 'together'")
        questions.append(
            Question(
                name=str(name),
                label=ctx.text(value, "label") or str(name),
                patterns=patterns,
                together=tuple(together),
                when=tuple(ctx.patterns(value, "when")),
                minimum=ctx.integer(value, "min", minimum=1) or 1,
                also_in=ctx.sections(value, "also-in") or frozenset(),
            )
        )
    return CoverageOptions(
        section=section,
        scope=ctx.choice(data, "scope", ["all", "each"], "all"),
        if_missing=ctx.choice(data, "if-missing", ["ignore", "report"], "ignore"),
        missing_unless=tuple(ctx.patterns(data, "missing-unless")),
        missing_message=ctx.template(data, "missing-message"),
        missing_suggest=ctx.template(data, "missing-suggest"),
        questions=tuple(questions),
        stand_ins=tuple(ctx.patterns(data, "stand-ins")),
        stand_in_answers=tuple(ctx.patterns(data, "stand-in-answers")),
        stand_in_message=ctx.template(data, "stand-in-message"),
        old_enough=_old_enough(data, ctx),
    )


_CAPITALISED = re.compile(r"\b[A-Z][a-z][a-z'-]+\b")


class CoverageChecker(Checker):
    """Finds missing sections, unanswered questions and stand-in answers."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        super().__init__(rule, registry)
        options: CoverageOptions = rule.options
        self.options = options
        self.missing_unless = (
            registry.add(rule.id, "missing-unless", options.missing_unless)
            if options.missing_unless
            else None
        )
        # Answers are looked for in the section (and any `also-in` ones) only.
        own = frozenset({options.section})
        self.stand_ins = (
            registry.add(rule.id, "stand-ins", options.stand_ins, own)
            if options.stand_ins
            else None
        )
        self.stand_in_answers = (
            registry.add(rule.id, "stand-in-answers", options.stand_in_answers, own)
            if options.stand_in_answers
            else None
        )
        old_enough = options.old_enough
        self.old_enough = (
            registry.add(rule.id, "old-enough", old_enough.stand_ins, own)
            if old_enough is not None
            else None
        )
        self.questions: list[tuple[Question, str | None, list[str], str | None]] = []
        for question in options.questions:
            key = (
                registry.add(rule.id, f"{question.name}", question.patterns, own)
                if question.patterns
                else None
            )
            together = [
                registry.add(rule.id, f"{question.name}-together{i}", group, own)
                for i, group in enumerate(question.together)
            ]
            when = (
                registry.add(rule.id, f"{question.name}-when", question.when)
                if question.when
                else None
            )
            self.questions.append((question, key, together, when))

    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield missing sections, unanswered questions and stand-in answers."""
        options = self.options
        groups = _instances(parsed, options.section)
        if not groups:
            if options.if_missing == "report" and not (
                self.missing_unless and matches.get(self.missing_unless)
            ):
                yield self._missing(parsed)
            return
        if options.scope == "all":
            groups = [[section for group in groups for section in group]]
        for sections, blocks in zip(groups, _blocks_of(parsed, groups), strict=True):
            heading = sections[0]
            if not self.rule.applies_to_section(heading.names):
                continue
            ranges = [(b.start, b.end) for b in blocks]
            answered = set()
            unanswered: list[Question] = []
            for question, key, together, when in self.questions:
                if when and not matches.get(when):
                    answered.add(question.name)
                    continue
                if question.also_in and any(
                    b.kind is not BlockKind.HEADING and b.section.names & question.also_in
                    for b in parsed.document.blocks
                ):
                    answered.add(question.name)
                    continue
                if self._answered(parsed, matches, key, together, question, ranges):
                    answered.add(question.name)
                else:
                    unanswered.append(question)
            stand_in_found = False
            if self.stand_ins:
                for block in blocks:
                    for start, end in matches.within(self.stand_ins, block.start, block.end):
                        stand_in_found = True
                        asked = self._old_enough_child(parsed, matches, start)
                        if asked is None and self._block_answers(parsed, matches, block):
                            continue
                        values = {
                            "match": parsed.text[start:end],
                            "section": heading.heading,
                            "question": _labels(unanswered or [q for q, *_ in self.questions]),
                        }
                        message = options.stand_in_message
                        details: dict[str, object] = {}
                        if asked is not None and options.old_enough is not None:
                            child, age = asked
                            values |= {"child": child, "age": str(age), "question": ""}
                            message = options.old_enough.message or message
                            details = {"age": age}
                        yield Hit(start, end, values=values, message=message, details=details)
                        break
            if stand_in_found:
                continue
            if not self.questions and not blocks:
                yield self._at_heading(heading, "", details={"empty": True})
            for question in unanswered:
                yield self._at_heading(heading, question.label, details={"question": question.name})

    def _missing(self, parsed: ParsedDocument) -> Hit:
        """A missing section; softer when headings we do not know might be it."""
        options = self.options
        unknown = _unrecognised_headings(parsed)
        message = options.missing_message or self.rule.message
        details: dict[str, object] = {"missing-section": options.section}
        if unknown:
            details["unrecognised-headings"] = unknown
            which = (
                "one of the report's headings is one I do not recognise, and it may be this section"
                if unknown == 1
                else f"{unknown} of the report's headings are ones I do not recognise, and"
                " one of them may be this section"
            )
            message = message.rstrip() + (
                f" No heading names it, but {which}. If so, add that heading to the"
                f" `{options.section}` list under `sections` in .assesslint.yaml"
                f" (`assesslint dump` shows how each heading was read)."
            )
        return Hit(
            message=message,
            suggest=options.missing_suggest,
            values={"question": "", "section": options.section},
            details=details,
            softer=bool(unknown),
        )

    def _at_heading(self, heading: Section, label: str, details: dict[str, object]) -> Hit:
        return Hit(
            block=heading.block,
            values={"question": label, "section": heading.heading},
            details=details,
        )

    def _answered(
        self,
        parsed: ParsedDocument,
        matches: MatchIndex,
        key: str | None,
        together: list[str],
        question: Question,
        ranges: list[Range],
    ) -> bool:
        if key is not None:
            count = sum(len(matches.within(key, start, end)) for start, end in ranges)
            if count >= question.minimum:
                return True
        if together:
            for start, end in ranges:
                for span in matches.within(together[0], start, end):
                    # "Dad's drinking began in 2024. For Sam this means ..." is one answer.
                    index = parsed.sentence_index(span[0])
                    following = parsed.sentences[min(index + 1, len(parsed.sentences) - 1)]
                    window = (parsed.sentences[index][0], following[1])
                    if all(matches.any_within(k, *window) for k in together[1:]):
                        return True
        return False

    def _old_enough_child(
        self, parsed: ParsedDocument, matches: MatchIndex, start: int
    ) -> tuple[str, int] | None:
        """The child old enough to be asked that the stand-in at `start` is about, if any."""
        options = self.options.old_enough
        if self.old_enough is None or options is None:
            return None
        sentence = parsed.sentence_span(start)
        if not matches.any_within(self.old_enough, *sentence):
            return None
        ages = parsed.cache.get("ages")
        if ages is None:
            ages = parsed.cache["ages"] = ages_in(parsed.text)
        assert isinstance(ages, dict)
        for name in _CAPITALISED.findall(parsed.text[slice(*sentence)]):
            age = ages.get(name)
            if age is not None and age >= options.age:
                return name, age
        return None

    def _block_answers(self, parsed: ParsedDocument, matches: MatchIndex, block: Block) -> bool:
        if self.stand_in_answers is not None:
            return matches.any_within(self.stand_in_answers, block.start, block.end)
        for question, key, together, _when in self.questions:
            if self._answered(parsed, matches, key, together, question, [(block.start, block.end)]):
                return True
        return False


def _labels(questions: list[Question]) -> str:
    from assesslint.rules.spec import join_words

    return join_words([q.label for q in questions])


def _blocks_of(parsed: ParsedDocument, groups: list[list[Section]]) -> list[list[Block]]:
    """The blocks (not headings) inside each group of sections, or inside their subsections."""
    inside = _blocks_inside(parsed)
    found: list[list[Block]] = []
    for sections in groups:
        if len(sections) == 1:
            found.append(list(inside.get(id(sections[0]), ())))
            continue
        merged = {block.index: block for s in sections for block in inside.get(id(s), ())}
        found.append([merged[index] for index in sorted(merged)])
    return found


def _blocks_inside(parsed: ParsedDocument) -> dict[int, list[Block]]:
    """The blocks (not headings) inside each section or its subsections, by section id.

    Worked out in one pass over the blocks and kept with the document: every coverage rule
    asks for it, and a long report has hundreds of sections.
    """
    cached = parsed.cache.get("blocks_inside")
    if cached is not None:
        return cached  # type: ignore[return-value]
    inside: dict[int, list[Block]] = {}
    for block in parsed.document.blocks:
        if block.kind is BlockKind.HEADING:
            continue
        current: Section | None = block.section
        while current is not None:
            inside.setdefault(id(current), []).append(block)
            current = current.parent
    parsed.cache["blocks_inside"] = inside
    return inside


def _unrecognised_headings(parsed: ParsedDocument) -> int:
    """How many headings (other than a title before any text) name no section we know."""
    sections = [s for s in parsed.document.sections if s.heading and s.level >= 1]
    unknown = [s for s in sections if not s.names]
    # The first heading of a report is usually its title ("Child and Family Assessment").
    if sections and unknown and unknown[0] is sections[0]:
        unknown = unknown[1:]
    return len(unknown)


def _instances(parsed: ParsedDocument, name: str) -> list[list[Section]]:
    """Return the outermost sections named `name`, each as a one-item group."""
    found: list[list[Section]] = []
    for section in parsed.document.sections:
        if name not in section.names:
            continue
        parent = section.parent
        nested = False
        while parent is not None:
            if name in parent.names:
                nested = True
                break
            parent = parent.parent
        if not nested:
            found.append([section])
    return found


TYPE = RuleType(
    name="coverage",
    keys=frozenset(
        {
            "stand-in-answers",
            "stand-in-message",
            "old-enough",
            "section",
            "scope",
            "if-missing",
            "missing-unless",
            "missing-message",
            "missing-suggest",
            "questions",
            "stand-ins",
        }
    ),
    placeholders=frozenset({"question", "match", "child", "age"}),
    parse=parse,
    checker=CoverageChecker,
    doc=__doc__ or "",
)
