"""Run the examples written in rule files, so every rule proves what it catches and spares.

A `fail` example must give at least one finding of its rule (and exactly the listed
matches or count, when the example names them); a `pass` example must give none. Each
example is read as a text file (or Markdown, when it says `format: markdown`), so it can
have headings and sections like a real report.
"""

from __future__ import annotations

from dataclasses import dataclass

from assesslint.engine import Engine, Selection
from assesslint.models import Finding, ReadError
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap
from assesslint.rules.loader import RuleSet
from assesslint.rules.spec import Example, Rule


@dataclass(frozen=True)
class ExampleOutcome:
    """How one example went: `problem` is empty when it behaved as written."""

    rule: Rule
    example: Example
    found: tuple[Finding, ...]
    problem: str

    @property
    def ok(self) -> bool:
        """Say whether the example behaved as written."""
        return not self.problem


def run_example(
    rule: Rule, example: Example, engine: Engine, sections: SectionMap
) -> ExampleOutcome:
    """Check one example of one rule."""
    suffix = ".md" if example.format == "markdown" else ".txt"
    try:
        document = read_bytes(
            example.text.encode("utf-8"), f"example{suffix}", sections, suffix=suffix
        )
    except ReadError as error:
        return ExampleOutcome(rule, example, (), f"the example cannot be read: {error.message}")
    found = tuple(engine.check(document, Selection(select=frozenset({rule.id}))))
    return ExampleOutcome(rule, example, found, _problem(example, found))


def _problem(example: Example, found: tuple[Finding, ...]) -> str:
    if example.kind == "pass":
        if found:
            return f"expected no finding, found {len(found)}"
        return ""
    if not found:
        return "expected a finding, found none"
    if example.count is not None and len(found) != example.count:
        return f"expected {example.count} finding(s), found {len(found)}"
    if example.matches is not None:
        got = tuple(f.match for f in found)
        if got != example.matches:
            return f"expected matches {list(example.matches)!r}, found {list(got)!r}"
    return ""


def run_examples(ruleset: RuleSet, engine: Engine, sections: SectionMap) -> list[ExampleOutcome]:
    """Check every example of every rule in `ruleset`."""
    return [
        run_example(rule, example, engine, sections)
        for rule in ruleset.rules
        for example in rule.examples
    ]
