"""`--format github`: GitHub Actions workflow commands, shown as annotations on a run.

One line per finding: `::warning file=PATH,line=N,col=N,title=RULE::MESSAGE`. Text and
Markdown reports get a line and column; a .docx has no lines, so its annotation is on the
file. Errors, warnings and info become `error`, `warning` and `notice`. Values are escaped
as GitHub documents, so report text cannot end a command early or start another.
"""

from __future__ import annotations

from collections.abc import Sequence

from assesslint.models import FileResult, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult]) -> str:
    """Return the workflow commands for a run."""
    lines = []
    for result in results:
        if result.error is not None:
            lines.append(
                f"::error file={_property(result.path)},title={_property('could not be read')}"
                f"::{_data(f'{result.error.code}: {result.error.message}')}"
            )
            continue
        for finding in result.findings:
            properties = [f"file={_property(result.path)}"]
            if finding.location.line is not None and result.format != "docx":
                properties.append(f"line={finding.location.line}")
                if finding.location.column is not None:
                    properties.append(f"col={finding.location.column}")
            properties.append(f"title={_property(finding.rule)}")
            where = f"{finding.section}, {finding.location.where}: " if finding.section else ""
            message = where + finding.message
            if finding.suggestion:
                message += f"\n{finding.suggestion}"
            lines.append(
                f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{_data(message)}"
            )
    return "".join(line + "\n" for line in lines)
