"""Show how a report was read: its blocks, their kinds and sections (`assesslint dump`).

QA teams use this to see how their template is read and which heading aliases they need
to add, so every block is shown with the section it landed in and that section's canonical
name.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from assesslint.models import Block, Document

_PREVIEW_CHARS = 100


def dump_data(document: Document) -> dict[str, Any]:
    """Describe a document as plain data (the `--format json` shape)."""
    return {
        "path": document.path,
        "format": document.format,
        "blocks": [
            {
                "kind": block.kind.value,
                "text": block.text,
                "section": block.section.heading,
                "canonical": block.section.canonical,
                "location": block.source.to_dict(),
            }
            for block in document.blocks
        ],
    }


def render_json(document: Document) -> str:
    """Render the dump as JSON."""
    return json.dumps(dump_data(document), ensure_ascii=False, indent=2)


def _canonical(block: Block) -> Text:
    section = block.section
    if section.canonical:
        return Text(section.canonical)
    enclosing = section.parent
    while enclosing is not None and not enclosing.canonical:
        enclosing = enclosing.parent
    if enclosing is not None and enclosing.canonical:
        return Text(f"(in {enclosing.canonical})", style="dim")
    if section.heading:
        return Text("unrecognised", style="yellow")
    return Text("-", style="dim")


def render_table(document: Document, console: Console) -> None:
    """Print the dump as a table."""
    table = Table(
        title=f"{document.path} ({document.format}, {document.words} words)",
        show_lines=False,
        expand=False,
    )
    table.add_column("#", justify="right", style="dim")
    table.add_column("Kind")
    table.add_column("Section")
    table.add_column("Canonical")
    table.add_column("Where", style="dim")
    table.add_column("Text", overflow="fold")
    for block in document.blocks:
        preview = block.text.replace("\n", " ")
        if len(preview) > _PREVIEW_CHARS:
            preview = preview[: _PREVIEW_CHARS - 1] + "…"
        kind = block.kind.value + (" (header)" if block.header else "")
        if block.level is not None:
            kind += f" {block.level}"
        table.add_row(
            str(block.index),
            Text(kind, style="bold" if block.kind.value == "heading" else ""),
            Text(block.section.heading or "(before the first heading)"),
            _canonical(block),
            block.source.describe(),
            Text(preview),
        )
    console.print(table)
    for notice in document.notices:
        console.print(f"[yellow]Note:[/yellow] {notice}")
