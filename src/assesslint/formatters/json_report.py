"""`--format json`: the `assesslint/v1` schema, exactly as DESIGN.md sets it out (a contract).

`match` is the block's text between `start` and `end`, or null for a finding about a
section or the whole report (and with `--no-snippets`). `table` is null outside tables,
otherwise a list of `{table, row, column}` from the outermost table inwards, counted from 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from assesslint import __version__
from assesslint.models import FileResult, Finding
from assesslint.summary import Summary

SCHEMA = "assesslint/v1"


def finding_data(finding: Finding) -> dict[str, Any]:
    """Describe one finding as the schema does."""
    location = finding.location
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "match": finding.match,
        "section": finding.section,
        "location": {
            "block": location.block,
            "start": location.start,
            "end": location.end,
            "line": location.line,
            "column": location.column,
            "table": [
                {"table": cell.table, "row": cell.row, "column": cell.column}
                for cell in location.table
            ]
            or None,
        },
        "details": finding.details,
    }


def file_data(result: FileResult) -> dict[str, Any]:
    """Describe one file's result as the schema does."""
    return {
        "path": result.path,
        "format": result.format,
        "status": result.status,
        "error": (
            {"code": result.error.code, "message": result.error.message}
            if result.error is not None
            else None
        ),
        "words": result.words,
        "findings": [finding_data(finding) for finding in result.findings],
    }


def report_data(results: Sequence[FileResult]) -> dict[str, Any]:
    """Describe a whole run as the schema does."""
    summary = Summary.of(results)
    return {
        "schema": SCHEMA,
        "tool": {"name": "assesslint", "version": __version__},
        "files": [file_data(result) for result in results],
        "summary": {
            "files": summary.files,
            "checked": summary.checked,
            "errors": summary.unreadable,
            "findings": summary.by_severity,
        },
    }


def render(results: Sequence[FileResult]) -> str:
    """Render a run as JSON text."""
    return "".join(render_chunks(results))


_PLACEHOLDER = "\u0000assesslint-files\u0000"


def render_chunks(results: Sequence[FileResult]) -> Iterator[str]:
    """Render a run as JSON text, one file at a time.

    The text is exactly `json.dumps(report_data(results), indent=2)`, but a run over
    thousands of reports never holds the whole document in memory at once.
    """
    if not results:
        yield json.dumps(report_data(results), ensure_ascii=False, indent=2) + "\n"
        return
    outline = report_data([])
    outline["files"] = [_PLACEHOLDER]
    summary = Summary.of(results)
    outline["summary"] = {
        "files": summary.files,
        "checked": summary.checked,
        "errors": summary.unreadable,
        "findings": summary.by_severity,
    }
    skeleton = json.dumps(outline, ensure_ascii=False, indent=2)
    marker = json.dumps(_PLACEHOLDER, ensure_ascii=False)
    head, tail = skeleton.split(marker)
    indent = head[head.rindex("\n") + 1 :]  # the files' own indentation
    yield head
    for index, result in enumerate(results):
        text = json.dumps(file_data(result), ensure_ascii=False, indent=2)
        if index:
            yield ",\n" + indent
        yield text.replace("\n", "\n" + indent)
    yield tail + "\n"
