"""CSV for spreadsheets: one row per finding, and optionally one row per file.

Written as UTF-8 with a byte order mark, so Excel opens it with accents and symbols intact.
A cell that starts with = + - @ or a control character gets a leading apostrophe, so that a
spreadsheet shows it as text and never runs it as a formula (report text is not trusted).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from assesslint.models import FileResult

BOM = "\ufeff"
FINDING_COLUMNS = (
    "path",
    "section",
    "location",
    "rule",
    "category",
    "severity",
    "message",
    "match",
    "suggestion",
)
FILE_COLUMNS = ("path", "status", "error", "words", "errors", "warnings", "info", "findings")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return BOM + buffer.getvalue()


def render_findings(results: Sequence[FileResult]) -> str:
    """Return one row per finding, in the order of the results."""
    return _table(
        FINDING_COLUMNS,
        (
            (
                result.path,
                finding.section,
                finding.location.where,
                finding.rule,
                finding.category,
                finding.severity.value,
                finding.message,
                finding.match,
                finding.suggestion,
            )
            for result in results
            for finding in result.findings
        ),
    )


def render_files(results: Sequence[FileResult]) -> str:
    """Return one row per file: its status, words and counts by severity."""
    rows = []
    for result in results:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in result.findings:
            counts[finding.severity.value] += 1
        rows.append(
            (
                result.path,
                result.status,
                f"{result.error.code}: {result.error.message}" if result.error else "",
                result.words,
                counts["error"],
                counts["warning"],
                counts["info"],
                len(result.findings),
            )
        )
    return _table(FILE_COLUMNS, rows)
