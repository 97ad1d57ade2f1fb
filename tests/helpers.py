"""Helpers shared by the tests: compact views of what a reader produced."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

from assesslint.cli import main
from assesslint.engine import Engine, Selection
from assesslint.models import Block, BlockKind, Document, Finding
from assesslint.nlp import get_pipeline
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap
from assesslint.resources import builtin_rules_dir
from assesslint.rules.lexicons import load_lexicons
from assesslint.rules.loader import load_rules

RULE_HEADER = """\
title: A test rule
message: "{message}"
suggest: Something better.
why: A reason.
source: A guide.
examples:
  fail: [x]
  pass: [y]
"""


def check_rule_yaml(
    tmp_path: Path,
    sections: SectionMap,
    rule: str,
    text: str,
    *,
    fmt: str = ".txt",
    message: str = "{match}",
    allow: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Load one rule written in YAML (the built-in lexicons available) and check `text`."""
    folder = tmp_path / "rules" / "tests"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "test-rule.yaml"
    header = RULE_HEADER.replace("{message}", message)
    path.write_text(header + textwrap.dedent(rule), encoding="utf-8")
    lexicons, _ = load_lexicons([builtin_rules_dir()])
    ruleset = load_rules([tmp_path / "rules"], sections.names, extra_lexicons=lexicons)
    document = read_bytes(textwrap.dedent(text).encode(), f"r{fmt}", sections, suffix=fmt)
    return Engine(ruleset, get_pipeline()).check(document, Selection(allow=allow))


def outline(document: Document) -> list[tuple[str, str, str, str | None]]:
    """(kind, text, section heading, canonical name) for every block, in order."""
    return [
        (block.kind.value, block.text, block.section.heading, block.section.canonical)
        for block in document.blocks
    ]


def assert_spans_consistent(document: Document) -> None:
    """Every block's span in the document text is exactly its text."""
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
    assert len({block.index for block in document.blocks}) == len(document.blocks)


# A short report with one finding each for jargon, "stable" and an outcome.
SMALL_REPORT = (
    "Reason for assessment:\n"
    "The MASH referred Leo on 2 March.\n\n"
    "Parenting capacity:\n"
    "Mum's mental health is stable.\n\n"
    "Plan:\n"
    "- Mum to engage with services.\n"
)


def run_cli(*args: str, columns: int = 200) -> Result:
    """Run the `assesslint` command line in-process, at a fixed width."""
    return CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns)})


def read_text_report(text: str, sections: SectionMap) -> Document:
    """Read `text` as a plain-text report, checking its spans."""
    document = read_bytes(text.encode(), "report.txt", sections, suffix=".txt")
    assert_spans_consistent(document)
    return document


def content_blocks(document: Document) -> list[Block]:
    """Every block that is not a heading."""
    return [block for block in document.blocks if block.kind is not BlockKind.HEADING]
