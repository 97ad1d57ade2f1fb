r"""Show how a report was read: its blocks, their kinds and sections (`assesslint dump`).

QA teams use this to see how their template is read and which heading aliases they need
to add, so every block is shown with the section it landed in and that section's canonical
name, and every heading with how it was recognised (a style, bold, capitals, a table label,
...) and why it got its canonical name (an alias, a name from the report, each part of a
two-part heading, or what the section holds).

The table shows report text and the path with `printable_prose` and `printable`, in rich
`Text` (never markup), so control characters are shown as escapes and brackets as they
are. The JSON keeps every character, the controls in JSON's own escapes (`\u001b`).
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from assesslint.models import Block, BlockKind, Document
from assesslint.printable import printable, printable_json, printable_prose

_PREVIEW_CHARS = 100


def _block_data(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": block.kind.value,
        "text": block.text,
        "section": block.section.heading,
        "canonical": block.section.canonical,
        "location": block.source.to_dict(),
    }
    if block.kind is BlockKind.HEADING:
        section = block.section
        data["heading"] = {
            "level": section.level,
            "marked": section.marked,
            "also": [name for name in section.groups],
            "why": section.why or None,
        }
    return data


def dump_data(document: Document) -> dict[str, Any]:
    """Describe a document as plain data (the `--format json` shape)."""
    return {
        "path": document.path,
        "format": document.format,
        "blocks": [_block_data(block) for block in document.blocks],
        "notices": list(document.notices),
    }


def render_json(document: Document) -> str:
    """Render the dump as JSON."""
    return printable_json(json.dumps(dump_data(document), ensure_ascii=False, indent=2))


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
        title=Text(
            f"{printable(document.path)} ({document.format}, {document.words} words)",
            style="table.title",
        ),
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
        preview = block.text
        if len(preview) > _PREVIEW_CHARS:
            preview = preview[: _PREVIEW_CHARS - 1] + "…"
        kind = block.kind.value + (" (header)" if block.header else "")
        if block.level is not None:
            kind += f" {block.level}"
        table.add_row(
            str(block.index),
            Text(kind, style="bold" if block.kind.value == "heading" else ""),
            Text(printable_prose(block.section.heading or "(before the first heading)")),
            _canonical(block),
            block.source.describe(),
            Text(printable_prose(preview)),
        )
    console.print(table)
    headings = [block for block in document.blocks if block.kind is BlockKind.HEADING]
    if headings:
        console.print()
        why = Table(title="How each heading was read", show_lines=False, expand=False)
        why.add_column("#", justify="right", style="dim")
        why.add_column("Heading", overflow="fold")
        why.add_column("Marked by")
        why.add_column("Section")
        why.add_column("Why", overflow="fold")
        for block in headings:
            section = block.section
            why.add_row(
                str(block.index),
                Text(printable_prose(block.text)),
                Text(section.marked or "-"),
                _canonical(block),
                Text(
                    printable_prose(section.why or "no alias, name or content matched"),
                    style="" if section.why else "yellow",
                ),
            )
        console.print(why)
    for notice in document.notices:
        console.print(f"[yellow]Note:[/yellow] {escape(printable_prose(notice))}")
