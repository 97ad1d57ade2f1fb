"""The engine: one matching pass per document, findings placed exactly, selection applied."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from assesslint.engine import Engine, Selection
from assesslint.models import Document, Severity
from assesslint.nlp import parse
from assesslint.readers import read_bytes, read_document
from assesslint.readers.sections import SectionMap
from assesslint.rules.patterns import _Blocks, _Regex

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

POOR = """\
Reason for assessment:
Referral from MASH after a DV incident. NFA by police. Kayla was present.

Child's views:
N/A - Kayla is too young to give her views.

Parenting capacity:
Mum's mental health is stable. The family are settled and there are no concerns.

Plan:
- Mum to engage with services.
- Refer Kayla to CAMHS.
- Dad will stop shouting.
"""


def long_report(words: int) -> str:
    """A report of at least `words` words, made of realistic sections."""
    parts = []
    while sum(len(p.split()) for p in parts) < words:
        parts.append(POOR)
    return "\n".join(parts)


class Counting:
    """Wraps a matcher or compiled regex and counts how often it is run."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls = 0

    def __call__(self, *args: Any) -> Any:
        self.calls += 1
        return self.inner(*args)

    def finditer(self, *args: Any) -> Any:
        self.calls += 1
        return self.inner.finditer(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __len__(self) -> int:
        return len(self.inner)


def test_a_5000_word_report_is_matched_once_per_pattern(
    engine: Engine, sections: SectionMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = long_report(5600)
    document = read_bytes(text.encode(), "long.txt", sections, suffix=".txt")
    assert document.words >= 5000
    patterns = engine.patterns
    phrase = [Counting(m) for m in patterns._active_phrase]
    tokens = Counting(patterns._token_matcher)
    runs: Counter[int] = Counter()
    original = _Regex.for_text

    def counted(regex: _Regex, text: str, lowered: str | None) -> Any:
        runs[id(regex)] += 1
        return original(regex, text, lowered)

    monkeypatch.setattr(_Regex, "for_text", counted)
    patterns._active_phrase, patterns._token_matcher = phrase, tokens
    try:
        findings = engine.check(document)
    finally:
        patterns._active_phrase = [m.inner for m in phrase]
        patterns._token_matcher = tokens.inner
    assert findings
    assert len(engine.checkers) >= 5
    assert [m.calls for m in phrase] == [1] * len(phrase)
    assert tokens.calls == (1 if patterns._has_tokens else 0)
    distinct = {(r.value, r.case_sensitive) for r in patterns._regexes}
    assert len(distinct) == len(patterns._regexes) > 20, "each pattern is compiled once"
    assert set(runs.values()) == {1}, "and run at most once"
    skipped = [r for r in patterns._regexes if id(r) not in runs]
    assert skipped, "patterns whose words or sections are absent are not run at all"
    blocks = _Blocks(document)
    assert all(not r.ranges(blocks, document.text.lower()) for r in skipped)
    lowered = document.text.lower()
    assert any(r.needed and not any(w in lowered for w in r.needed) for r in skipped)


def _searched_everywhere(regex: _Regex, document: Document) -> set[tuple[int, int]]:
    """What a pattern finds when run over the whole of its sections, block by block."""
    text = document.text
    compiled, subject = regex.for_text(text, text.lower())
    group = "match" if "match" in compiled.groupindex else 0
    found = set()
    for block in document.blocks:
        if regex.scope is None or block.section.names & regex.scope:
            for hit in compiled.finditer(subject, block.start, block.end):
                if hit.end(group) > hit.start(group):
                    found.add(hit.span(group))
    return found


def _documents(sections: SectionMap) -> list[Document]:
    documents = [read_document(path, sections) for path in sorted(EXAMPLES.glob("0*"))]
    documents.append(read_bytes(long_report(3000).encode(), "long.txt", sections, suffix=".txt"))
    return documents


def test_narrowed_searches_find_what_searching_every_block_finds(
    engine: Engine, sections: SectionMap
) -> None:
    # Each pattern runs only over blocks holding a word it needs; that must lose nothing.
    patterns = engine.patterns
    narrowed = 0
    for document in _documents(sections):
        index = patterns.match(parse(engine.nlp, document))
        blocks = _Blocks(document)
        for regex in patterns._regexes:
            expected = _searched_everywhere(regex, document)
            for key in regex.keys:
                assert expected <= set(index.get(key)), (regex.value, document.path)
            everywhere = blocks.in_scope(regex.scope)
            if regex.ranges(blocks, document.text.lower()) != everywhere:
                narrowed += 1
    assert narrowed > 100, "most patterns are searched over a few blocks only"


def test_a_match_keeps_to_its_block_and_hides_none_that_does(sections: SectionMap) -> None:
    from assesslint.rules.patterns import _Gated

    text = "Mum is\n\nstable now. She is stable."
    document = read_bytes(text.encode(), "two.txt", sections, suffix=".txt")
    blocks = _Blocks(document)
    everywhere = blocks.in_scope(None)
    written = r"\bis\b(?:\s+stable)?"
    gated = _Gated(re.compile(r"\b"), re.compile(r"is\b(?:\s+stable)?"))
    for finder in (re.compile(written), gated):
        spans = blocks.matched(finder, document.text, everywhere, 0)
        # "is" then "stable" across the paragraph break is no match; the "is" before it is.
        assert [document.text[a:b] for a, b in spans] == ["is", "is stable"]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("0*")), ids=lambda p: p.name)
def test_match_is_always_the_block_text_between_start_and_end(
    path: Path, engine: Engine, sections: SectionMap
) -> None:
    document = read_document(path, sections)
    findings = engine.check(document)
    for finding in findings:
        location = finding.location
        if finding.match is None:
            assert location.start is None and location.end is None
            continue
        assert location.block is not None and location.start is not None
        block = document.blocks[location.block]
        assert block.text[location.start : location.end] == finding.match
        assert document.text[location.offset : location.offset + len(finding.match)] == (
            finding.match
        )
        assert finding.section == block.section.heading
    assert findings == sorted(findings, key=lambda f: f.sort_key)


def test_selection_by_id_and_category_and_severity(engine: Engine, sections: SectionMap) -> None:
    document = read_bytes(POOR.encode(), "r.txt", sections, suffix=".txt")
    everything = {f.rule for f in engine.check(document)}
    assert {"jargon-acronym", "stable-without-risk", "outcome-not-smart"} <= everything
    categories = {f.rule: f.category for f in engine.check(document)}
    only = engine.check(document, Selection(select=frozenset({"jargon"})))
    assert {f.rule for f in only} == {r for r, c in categories.items() if c == "jargon"}
    without = engine.check(document, Selection(ignore=frozenset({"jargon", "planning"})))
    assert {f.rule for f in without} == {
        r for r, c in categories.items() if c not in {"jargon", "planning"}
    }
    assert "stable-without-risk" in {f.rule for f in without}
    louder = engine.check(
        document,
        Selection(
            select=frozenset({"stable-without-risk"}),
            severity={"stable-without-risk": Severity.ERROR},
        ),
    )
    assert {f.severity for f in louder} == {Severity.ERROR}


def test_redacted_findings_carry_no_report_text(engine: Engine, sections: SectionMap) -> None:
    document = read_bytes(POOR.encode(), "r.txt", sections, suffix=".txt")
    findings = engine.check(document, redact=True)
    assert findings
    sentences = [s.strip() for s in re.split(r"[.\n]", POOR) if len(s.split()) >= 3]
    for finding in findings:
        assert finding.match is None and finding.snippet is None
        for sentence in sentences:
            assert sentence not in finding.message
            assert sentence not in (finding.suggestion or "")


def test_findings_say_where_they_are(engine: Engine, sections: SectionMap) -> None:
    document = read_document(EXAMPLES / "02-case-system-export-poor.docx", sections)
    stable = next(f for f in engine.check(document) if f.rule == "stable-without-risk")
    assert stable.location.where == "table 1, row 7"
    assert stable.section == "Parenting capacity"
    assert stable.snippet is not None
    assert stable.snippet.text[stable.snippet.start : stable.snippet.end] == "stable"
    text = read_bytes(POOR.encode(), "r.txt", sections, suffix=".txt")
    acronym = next(f for f in engine.check(text) if f.rule == "jargon-acronym")
    assert (acronym.location.line, acronym.location.column, acronym.location.where) == (
        2,
        15,
        "2:15",
    )


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("0*")), ids=lambda p: p.name)
def test_fast_regex_matching_finds_what_plain_matching_finds(
    path: Path, engine: Engine, sections: SectionMap
) -> None:
    """Lower-cased text, skipped patterns and section scopes are shortcuts, not changes.

    Every match a plain run finds is found, wherever the pattern's owner looks for it.
    """
    import re

    from assesslint.nlp import parse

    document = read_document(path, sections)
    parsed = parse(engine.nlp, document)
    index = engine.patterns.match(parsed)
    for regex in engine.patterns._regexes:
        flags = re.MULTILINE | (0 if regex.case_sensitive else re.IGNORECASE)
        plain = re.compile(regex.value, flags)
        group = "match" if "match" in plain.groupindex else 0
        expected = {
            hit.span(group)
            for hit in plain.finditer(document.text)
            if hit.end(group) > hit.start(group)
        }
        expected = {
            span
            for span in expected
            if document.block_at(span[0]) is document.block_at(span[1] - 1)
        }
        for key in regex.keys:
            scope = engine.patterns.scopes.get(key)
            wanted = {
                span
                for span in expected
                if scope is None
                or (
                    document.block_at(span[0]).section.names & scope
                    # A plain run over the whole text can run on into the blank line after
                    # a block ("2026\n\n"); a run over a section stops at its end.
                    and span[1] <= document.block_at(span[0]).end
                )
            }
            assert wanted <= set(index.get(key)), (key, regex.value)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("0*")), ids=lambda p: p.name)
def test_word_list_patterns_matched_as_phrases_find_what_the_pattern_finds(
    path: Path, engine: Engine, sections: SectionMap
) -> None:
    from assesslint.nlp import parse

    document = read_document(path, sections)
    index = engine.patterns.match(parse(engine.nlp, document))
    assert len(engine.patterns.as_phrases) > 50
    for key, value in engine.patterns.as_phrases:
        plain = re.compile(value, re.IGNORECASE | re.MULTILINE)
        expected = {
            hit.span()
            for hit in plain.finditer(document.text)
            if document.block_at(hit.start()) is document.block_at(hit.end() - 1)
        }
        assert expected <= set(index.get(key)), (key, value)


def test_runs_of_blocks_from_their_bits() -> None:
    # Sets of blocks are bits of an integer; the runs of neighbours are searched as one.
    import random

    from assesslint.rules.patterns import _runs

    chooser = random.Random(9)
    for _ in range(500):
        count = chooser.randint(0, 130)
        chosen = sorted(chooser.sample(range(count), chooser.randint(0, count)))
        expected: list[tuple[int, int]] = []
        for index in chosen:
            if expected and expected[-1][1] == index - 1:
                expected[-1] = (expected[-1][0], index)
            else:
                expected.append((index, index))
        assert _runs(sum(1 << index for index in chosen)) == expected
