"""Helpers shared by the tests: compact views of what a reader produced."""

from __future__ import annotations

from assesslint.models import Document


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
