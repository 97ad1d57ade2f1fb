"""`type: claims`: a conclusion ("stable", "no concerns") with no evidence about it nearby.

A claim is a judgement that all is well. It is fine when the writer says what it rests on
or what risk remains, and says it about the same thing: in the claim's own sentence, or in
the next sentences of the same paragraph or cell, before the report moves on to somebody
else. Evidence is typed, because a bare date, "since" or "GP" beside a claim is not a
finding, and each kind says how far from the claim it may be.

Keys:
  claims     patterns for the conclusion (required); a regular expression's `match` group
             is what is reported
  quiet      patterns that, holding a claim, make it something other than a conclusion: a
             condition ("if there are no concerns"), a negation, a hope or a plan ("needs a
             stable home", "will remain stable"), a baby settling after a feed
  evidence   a mapping from a kind of evidence (a name of your choosing) to
               patterns  what this kind looks like (required)
               reach     how many sentences after the claim's own it may be in, within the
                         same block (default 0: the claim's sentence only)
               before    true: it also counts before the claim in the claim's sentence
                         (default false: only after it, so "the health visitor says" in
                         front of "no concerns" is the claim's source, not its evidence)
  hearsay    patterns for a parent's own account ("Mum says", "she told me"): nothing
             after one in the same sentence counts as evidence

A following sentence that opens with a name the claim's sentence does not use is about
somebody else: evidence is not looked for there or beyond.

Placeholders: {match}, {section}.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assesslint.nlp import is_english_word
from assesslint.rules.spec import PatternSpec, Rule
from assesslint.rules.types.base import Checker, Hit, RuleType

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry
    from assesslint.yamlfile import MarkedDict

Span = tuple[int, int]

EVIDENCE_KEYS = frozenset({"patterns", "reach", "before"})

# A claim this many words or fewer after a source ("the school say there are no concerns")
# is what the source said, not evidence for another claim.
_SOURCE_GAP = 4

# A name opening a clause: "..., and Jake has", "; Priya is".
_CLAUSE_NAME = re.compile(r"(?:\band|\bbut|\bwhile|\bwhereas|[;,])\s+([A-Z][a-z]+)\b")

# Words that open a sentence about the person already being written about.
_CONTINUING = frozenset(
    {"he", "she", "they", "her", "his", "their", "this", "that", "these", "it", "i", "we"}
)


@dataclass(frozen=True)
class EvidenceKind:
    """One kind of evidence: its patterns, how far after the claim, whether before it."""

    name: str
    patterns: tuple[PatternSpec, ...]
    reach: int
    before: bool


@dataclass(frozen=True)
class ClaimsOptions:
    """The parsed keys of a `claims` rule."""

    claims: tuple[PatternSpec, ...]
    quiet: tuple[PatternSpec, ...]
    evidence: tuple[EvidenceKind, ...]
    hearsay: tuple[PatternSpec, ...]


def parse(data: MarkedDict, ctx: ParseContext) -> ClaimsOptions:
    """Check the keys of a `claims` rule."""
    kinds: list[EvidenceKind] = []
    evidence = ctx.mapping(data, "evidence")
    if evidence is not None:
        for name in evidence:
            value = ctx.mapping(evidence, name)
            if value is None:
                continue
            ctx.check_keys(value, EVIDENCE_KEYS, f"evidence {name!r}")
            kinds.append(
                EvidenceKind(
                    name=str(name),
                    patterns=tuple(ctx.patterns(value, "patterns", required=True)),
                    reach=ctx.integer(value, "reach") or 0,
                    before=ctx.boolean(value, "before", False),
                )
            )
    return ClaimsOptions(
        claims=tuple(ctx.patterns(data, "claims", required=True)),
        quiet=tuple(ctx.patterns(data, "quiet")),
        evidence=tuple(kinds),
        hearsay=tuple(ctx.patterns(data, "hearsay")),
    )


class ClaimsChecker(Checker):
    """Finds claims with no evidence of a kind that counts where it is."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        super().__init__(rule, registry)
        options: ClaimsOptions = rule.options
        scope = rule.sections
        self.claims = registry.add(rule.id, "claims", options.claims, scope)
        self.quiet = registry.add(rule.id, "quiet", options.quiet) if options.quiet else None
        self.hearsay = (
            registry.add(rule.id, "hearsay", options.hearsay, scope) if options.hearsay else None
        )
        self.evidence = [
            (kind, registry.add(rule.id, f"evidence-{kind.name}", kind.patterns, scope))
            for kind in options.evidence
        ]
        self.reach = max((kind.reach for kind in options.evidence), default=0)

    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield each claim that has no evidence where evidence of its kind counts."""
        claims = _outermost(matches.get(self.claims))
        starts = [start for start, _ in claims]
        for start, end in claims:
            block = parsed.document.block_at(start)
            if not self.applies(block):
                continue
            if self.quiet and matches.covering(self.quiet, start, end):
                continue
            if self.supported(parsed, matches, start, end, starts):
                continue
            yield Hit(start, end, values={"match": parsed.text[start:end]})

    def supported(
        self, parsed: ParsedDocument, matches: MatchIndex, start: int, end: int, starts: list[int]
    ) -> bool:
        """Say whether evidence of some kind is where that kind counts for this claim."""
        for distance, (first, last) in enumerate(following_sentences(parsed, start, self.reach)):
            cut = self._hearsay_at(matches, first, last)
            for kind, key in self.evidence:
                if distance > kind.reach:
                    continue
                for span in matches.within(key, first, last):
                    if span[0] >= cut or _introduces_claim(parsed.text, span, starts, last, start):
                        continue
                    if distance == 0 and span[1] > start and span[0] < end:
                        continue
                    if distance == 0 and span[0] < start and not kind.before:
                        continue
                    if (
                        distance == 0
                        and span[0] >= end
                        and _turns_to_someone_else(parsed.text, first, end, span[0])
                    ):
                        continue
                    return True
        return False

    def _hearsay_at(self, matches: MatchIndex, first: int, last: int) -> int:
        if not self.hearsay:
            return last
        spans = matches.within(self.hearsay, first, last)
        return spans[0][0] if spans else last


def following_sentences(parsed: ParsedDocument, offset: int, reach: int) -> list[Span]:
    """The sentence at `offset` and up to `reach` after it in its block, about one subject.

    The run stops at the block's edge, and before a sentence that opens with a name the
    first sentence does not use: that sentence is about somebody else.
    """
    block = parsed.document.block_at(offset)
    index = parsed.sentence_index(offset)
    own = parsed.sentences[index]
    spans = [own]
    words = set(parsed.text[own[0] : own[1]].lower().split())
    for following in parsed.sentences[index + 1 : index + 1 + reach]:
        if following[0] >= block.end or about_someone_else(parsed.text, following, words):
            break
        spans.append(following)
    return spans


def about_someone_else(text: str, sentence: Span, known: set[str]) -> bool:
    """Say whether a sentence opens with a name not among `known` (lower-case words)."""
    first = next(iter(text[sentence[0] : sentence[1]].split()), "")
    word = first.strip("\"'“‘(").split("'")[0].split("’")[0].rstrip(".,;:!?)")
    if not word[:1].isupper() or word.lower() in _CONTINUING:
        return False
    lower = word.lower()
    if any(known_word.strip(".,;:!?\"'’(").startswith(lower) for known_word in known):
        return False
    return not is_english_word(lower)


def _turns_to_someone_else(text: str, sentence_start: int, claim_end: int, at: int) -> bool:
    """Say whether the sentence turns to another person between the claim and `at`.

    In "Mum's mood is stable and Jake has been to 95% of sessions" the figure is about
    Jake: a clause opening with a name the sentence has not used before the claim.
    """
    known = text[sentence_start:claim_end].lower()
    for name in _CLAUSE_NAME.findall(text, claim_end, at):
        lower = name.lower()
        if lower not in known and not is_english_word(lower):
            return True
    return False


def _introduces_claim(
    text: str, span: Span, claim_starts: list[int], sentence_end: int, own: int
) -> bool:
    """Say whether another claim than the one at `own` follows `span` closely, as its source.

    In "the family are settled and the school said there are no concerns" the school is
    who made the second claim, not what the first one rests on.
    """
    at = bisect.bisect_left(claim_starts, span[1])
    if at == len(claim_starts) or claim_starts[at] >= sentence_end or claim_starts[at] == own:
        return False
    return len(text[span[1] : claim_starts[at]].split()) <= _SOURCE_GAP


def _outermost(spans: list[Span]) -> list[Span]:
    """Drop spans inside a longer span (several claim patterns matching one phrase)."""
    kept: list[Span] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


TYPE = RuleType(
    name="claims",
    keys=frozenset({"claims", "quiet", "evidence", "hearsay"}),
    placeholders=frozenset({"match"}),
    parse=parse,
    checker=ClaimsChecker,
    doc=__doc__ or "",
)
