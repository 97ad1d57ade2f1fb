"""The engine: every rule compiled once, a document matched once, findings worded.

`Engine` builds each rule's checker and the shared matchers when it is created. Checking a
document parses it once, runs the shared matchers once, asks each selected checker for
hits, and turns each hit into a `Finding`: the message and suggestion filled in, the
location in words a reader can follow, and the sentence it is in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assesslint.models import (
    Block,
    BlockKind,
    Document,
    Finding,
    Location,
    Severity,
    Snippet,
)
from assesslint.nlp import ParsedDocument, parse
from assesslint.rules.loader import RuleSet
from assesslint.rules.patterns import PatternRegistry
from assesslint.rules.spec import Rule
from assesslint.rules.types import RULE_TYPES, Checker, Hit

if TYPE_CHECKING:
    from spacy.language import Language

# A sentence longer than this is shortened around the match when it is shown.
_SNIPPET_CHARS = 240


@dataclass(frozen=True)
class Selection:
    """Which rules run for a file, at what severity, and which words are allowed locally."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    allow: frozenset[str] = frozenset()

    def includes(self, rule: Rule) -> bool:
        """Say whether `rule` is selected (by ID or category) and not ignored."""
        names = {rule.id, rule.category}
        if names & self.ignore:
            return False
        return self.select is None or bool(names & self.select)


class _Values(dict[str, str]):
    """Placeholder values; a placeholder with no value is left as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill a message template's placeholders (plain names, checked when rules load)."""
    return template.format_map(_Values(values))


class Engine:
    """Checks documents against a rule set with one pipeline and one set of matchers."""

    def __init__(self, ruleset: RuleSet, nlp: Language) -> None:
        self.ruleset = ruleset
        self.nlp = nlp
        registry = PatternRegistry()
        self.checkers: list[tuple[Rule, Checker]] = [
            (rule, RULE_TYPES[rule.type].checker(rule, registry)) for rule in ruleset.rules
        ]
        self.patterns = registry.compile(nlp)

    def check(
        self,
        document: Document,
        selection: Selection | None = None,
        *,
        redact: bool = False,
    ) -> list[Finding]:
        """Return the findings for `document`, in reading order, less any suppressed."""
        return self.check_with_suppressed(document, selection, redact=redact)[0]

    def check_with_suppressed(
        self,
        document: Document,
        selection: Selection | None = None,
        *,
        redact: bool = False,
    ) -> tuple[list[Finding], list[Finding]]:
        """Return the findings for `document`, and those its writer suppressed."""
        findings = self._all_findings(document, selection, redact)
        if not document.suppressions:
            return findings, []
        kept: list[Finding] = []
        suppressed: list[Finding] = []
        for finding in findings:
            offset = _offset_of(finding, document)
            hidden = offset is not None and any(
                s.covers(finding.rule, offset) for s in document.suppressions
            )
            (suppressed if hidden else kept).append(finding)
        return kept, suppressed

    def _all_findings(
        self, document: Document, selection: Selection | None, redact: bool
    ) -> list[Finding]:
        selection = selection or Selection()
        parsed = parse(self.nlp, document)
        matches = self.patterns.match(parsed)
        findings: list[Finding] = []
        for rule, checker in self.checkers:
            if not selection.includes(rule):
                continue
            severity = selection.severity.get(rule.id, rule.severity)
            for hit in checker.check(parsed, matches):
                if _allowed(hit, selection.allow):
                    continue
                findings.append(
                    _finding(
                        rule, _softened(severity) if hit.softer else severity, hit, parsed, redact
                    )
                )
        findings.sort(key=lambda f: f.sort_key)
        return findings


def _softened(severity: Severity) -> Severity:
    """One severity lower, for a finding its checker is not sure of (info stays info)."""
    return {Severity.ERROR: Severity.WARNING}.get(severity, Severity.INFO)


def _offset_of(finding: Finding, document: Document) -> int | None:
    """Where a finding is in the document's text (a heading's start for a section)."""
    if finding.location.offset is not None:
        return finding.location.offset
    if finding.location.block is not None:
        return document.blocks[finding.location.block].start
    return None


def _fingerprint(rule: Rule, hit: Hit, block: Block | None, parsed: ParsedDocument) -> str:
    """Identify a finding by its rule and the words around it, never by its position."""
    if hit.start is not None and hit.end is not None:
        sentence_start, sentence_end = parsed.sentence_span(hit.start)
        sentence = parsed.document.text[min(sentence_start, hit.start) : max(sentence_end, hit.end)]
        where = " ".join(sentence.lower().split())
        what = " ".join(parsed.document.text[hit.start : hit.end].lower().split())
    else:
        where = " ".join((block.section.heading or "").lower().split()) if block else ""
        what = repr(sorted(hit.details.items()))
    key = "\x1f".join((rule.id, where, what))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _allowed(hit: Hit, allow: Collection[str]) -> bool:
    if not allow:
        return False
    return any(hit.values.get(key, "").lower() in allow for key in ("match", "term"))


def _finding(
    rule: Rule, severity: Severity, hit: Hit, parsed: ParsedDocument, redact: bool
) -> Finding:
    document = parsed.document
    block = _hit_block(hit, document)
    section = block.section if block is not None else None
    values = {"section": section.heading if section and section.heading else "the report"}
    values.update(hit.values)
    if redact:
        values["match"] = hit.redacted
    message = fill(hit.message or rule.message, values)
    template = hit.suggest or rule.suggest
    suggestion = fill(template, values) if template else None
    location, match, snippet = _locate(hit, block, parsed)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=severity,
        message=message,
        suggestion=suggestion,
        match=None if redact else match,
        section=section.heading if section is not None else None,
        location=location,
        snippet=None if redact else snippet,
        details=dict(hit.details),
        fingerprint=_fingerprint(rule, hit, block, parsed),
    )


def _hit_block(hit: Hit, document: Document) -> Block | None:
    if hit.start is not None:
        return document.block_at(hit.start)
    if hit.block is not None:
        return document.blocks[hit.block]
    return None


def _locate(
    hit: Hit, block: Block | None, parsed: ParsedDocument
) -> tuple[Location, str | None, Snippet | None]:
    if block is None:
        return Location(where="the whole report"), None, None
    source = block.source
    if hit.start is None or hit.end is None:
        line_column = source.line_column(0)
        return (
            Location(
                block=block.index,
                line=line_column[0] if line_column else None,
                column=line_column[1] if line_column else None,
                table=source.table,
                where=describe(block, parsed),
            ),
            None,
            None,
        )
    start = hit.start - block.start
    end = min(hit.end, block.end) - block.start
    line_column = source.line_column(start)
    location = Location(
        block=block.index,
        start=start,
        end=end,
        offset=hit.start,
        line=line_column[0] if line_column else None,
        column=line_column[1] if line_column else None,
        table=source.table,
        where=describe(block, parsed, line_column),
    )
    return location, block.text[start:end], _snippet(hit.start, hit.end, parsed)


def _snippet(start: int, end: int, parsed: ParsedDocument) -> Snippet:
    sentence_start, sentence_end = parsed.sentence_span(start)
    sentence_start = min(sentence_start, start)
    sentence_end = max(sentence_end, end)
    if sentence_end - sentence_start > _SNIPPET_CHARS:
        margin = max((_SNIPPET_CHARS - (end - start)) // 2, 20)
        sentence_start = max(sentence_start, start - margin)
        sentence_end = min(sentence_end, end + margin)
    text = parsed.document.text[sentence_start:sentence_end]
    lead = "…" if sentence_start > parsed.sentence_span(start)[0] else ""
    tail = "…" if sentence_end < parsed.sentence_span(start)[1] else ""
    return Snippet(
        lead + text + tail, len(lead) + start - sentence_start, len(lead) + end - sentence_start
    )


def describe(
    block: Block, parsed: ParsedDocument, line_column: tuple[int, int] | None = None
) -> str:
    """Say where a block is, in words: "paragraph 3", "table 1, row 4", "12:5"."""
    if line_column is not None:
        return f"{line_column[0]}:{line_column[1]}"
    if block.source.lines is not None:
        return f"line {block.source.lines[0]}"
    if block.source.table:
        return " › ".join(f"table {cell.table}, row {cell.row}" for cell in block.source.table)
    if block.kind is BlockKind.HEADING:
        return "heading"
    return f"paragraph {_paragraph_numbers(parsed)[block.index]}"


def _paragraph_numbers(parsed: ParsedDocument) -> dict[int, int]:
    """Number each block within its section, as a reader counts paragraphs."""
    cached = parsed.cache.get("paragraph_numbers")
    if cached is not None:
        return cached  # type: ignore[return-value]
    numbers: dict[int, int] = {}
    counts: dict[int, int] = {}
    for block in parsed.document.blocks:
        if block.kind is not BlockKind.HEADING:
            counts[block.section.index] = counts.get(block.section.index, 0) + 1
            numbers[block.index] = counts[block.section.index]
    parsed.cache["paragraph_numbers"] = numbers
    return numbers
