"""Helpers shared by the tests: compact views of what a reader produced."""

from __future__ import annotations

from click.testing import CliRunner, Result

from assesslint.cli import main
from assesslint.models import Block, BlockKind, Document
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap


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
