"""`--format json`: the `assesslint/v1` schema, exactly as DESIGN.md sets it out (a contract).

`match` is the block's text between `start` and `end`, or null for a finding about a
section or the whole report (and with `--no-snippets`). `table` is null outside tables,
otherwise a list of `{table, row, column}` from the outermost table inwards, counted from 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring as _string
from typing import Any

from assesslint import __version__
from assesslint.models import FileResult, Finding
from assesslint.printable import printable_json
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


def render_chunks(results: Sequence[FileResult]) -> Iterator[str]:
    """Render a run as JSON text, one file at a time.

    The text is exactly `json.dumps(report_data(results), indent=2)`, but a run over
    thousands of reports never holds the whole document in memory at once.
    """
    pieces: list[str] = []
    writer = JsonWriter(pieces.append)
    for result in results:
        writer.add(result)
        yield from pieces
        pieces.clear()
    writer.finish()
    yield from pieces


class JsonWriter:
    """Write a run's JSON as its results arrive, a file at a time, the summary last.

    `add` each result in order, then `finish`; `write` receives the text in pieces that
    join to exactly what `render` gives for the results added. Each file goes out in one
    piece, and the summary counts what went out, so a run stopped part way (Ctrl-C)
    still leaves a report that agrees with itself.
    """

    def __init__(self, write: Callable[[str], object]) -> None:
        self._write = write
        self._added: list[FileResult] = []
        self._indent = ""

    def add(self, result: FileResult) -> None:
        """Write one file's result."""
        if not self._added:
            head, self._indent, _ = _outline([])
            text = head + _file_text(result, self._indent)
        else:
            text = ",\n" + self._indent + _file_text(result, self._indent)
        # json.dumps leaves C1 and bidi controls (and a non-UTF-8 file name's lone
        # surrogates) raw; escaped, the values read back are the same and the text is safe.
        self._write(printable_json(text))
        self._added.append(result)

    def finish(self) -> None:
        """Write the summary of the results added, and close the report."""
        if not self._added:
            self._write(json.dumps(report_data([]), ensure_ascii=False, indent=2) + "\n")
            return
        self._write(_outline(self._added)[2] + "\n")


_PLACEHOLDER = "\u0000assesslint-files\u0000"


def _outline(results: Sequence[FileResult]) -> tuple[str, str, str]:
    """The report around its files: the text before them, their indentation, the text after."""
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
    head, tail = skeleton.split(json.dumps(_PLACEHOLDER, ensure_ascii=False))
    return head, head[head.rindex("\n") + 1 :], tail


# What follows writes `file_data(result)` exactly as `json.dumps(..., indent=2)` would, at
# a given indentation, three times faster: a folder of reports can have 200,000 findings,
# and Python's indenting encoder took 2.6 s over them in a 35-second run. The test holds the
# two to the same bytes.


def _file_text(result: FileResult, pad: str) -> str:
    inner = pad + "  "
    error = "null"
    if result.error is not None:
        error = (
            f'{{\n{inner}  "code": {_string(result.error.code)},\n'
            f'{inner}  "message": {_string(result.error.message)}\n{inner}}}'
        )
    findings = "[]"
    if result.findings:
        each = ",\n".join([_finding_text(finding, inner + "  ") for finding in result.findings])
        findings = f"[\n{each}\n{inner}]"
    return (
        f'{{\n{inner}"path": {_string(result.path)},\n'
        f'{inner}"format": {_scalar(result.format)},\n'
        f'{inner}"status": {_string(result.status)},\n'
        f'{inner}"error": {error},\n'
        f'{inner}"words": {_scalar(result.words)},\n'
        f'{inner}"findings": {findings}\n{pad}}}'
    )


def _finding_text(finding: Finding, pad: str) -> str:
    location = finding.location
    inner = pad + "  "
    deeper = inner + "  "
    table = "null"
    if location.table:
        cells = ",\n".join(
            f'{deeper}  {{\n{deeper}    "table": {cell.table},\n'
            f'{deeper}    "row": {cell.row},\n{deeper}    "column": {cell.column}\n{deeper}  }}'
            for cell in location.table
        )
        table = f"[\n{cells}\n{deeper}]"
    return (
        f'{pad}{{\n{inner}"rule": {_string(finding.rule)},\n'
        f'{inner}"category": {_string(finding.category)},\n'
        f'{inner}"severity": {_string(finding.severity.value)},\n'
        f'{inner}"message": {_string(finding.message)},\n'
        f'{inner}"suggestion": {_scalar(finding.suggestion)},\n'
        f'{inner}"match": {_scalar(finding.match)},\n'
        f'{inner}"section": {_scalar(finding.section)},\n'
        f'{inner}"location": {{\n'
        f'{deeper}"block": {_scalar(location.block)},\n'
        f'{deeper}"start": {_scalar(location.start)},\n'
        f'{deeper}"end": {_scalar(location.end)},\n'
        f'{deeper}"line": {_scalar(location.line)},\n'
        f'{deeper}"column": {_scalar(location.column)},\n'
        f'{deeper}"table": {table}\n{inner}}},\n'
        f'{inner}"details": {_any(finding.details, inner)}\n{pad}}}'
    )


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


def _any(value: object, pad: str) -> str:
    """Any JSON value, as `json.dumps(value, indent=2)` writes it at indentation `pad`."""
    if value is None or isinstance(value, str | int):
        return _scalar(value)
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            return "{}"
        inner = pad + "  "
        each = ",\n".join([f"{inner}{_string(k)}: {_any(v, inner)}" for k, v in value.items()])
        return f"{{\n{each}\n{pad}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = pad + "  "
        each = ",\n".join([inner + _any(item, inner) for item in value])
        return f"[\n{each}\n{pad}]"
    # Fractions, and anything unusual: as json writes them.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
