r"""`--format github`: GitHub Actions workflow commands, shown as annotations on a run.

One line per finding: `::warning file=PATH,line=N,col=N,title=RULE::MESSAGE`. Text and
Markdown reports get a line and column; a .docx has no lines, so its annotation is on the
file. Errors, warnings and info become `error`, `warning` and `notice`.

Report text and paths are first made printable (control characters shown as `\x1b` and
the like; tabs and line breaks in report text become spaces), since the log viewer and a
terminal act on escape sequences. Then values are escaped as GitHub's toolkit does (`%`,
CR and LF in data; `:` and `,` too in properties), so nothing can end a command early or
start another; the only line break in a message is ours, between it and the suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence

from assesslint.models import FileResult, Severity
from assesslint.printable import printable, printable_prose

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult]) -> str:
    """Return the workflow commands for a run."""
    lines = []
    for result in results:
        path = _property(printable(result.path))
        if result.error is not None:
            message = printable_prose(f"{result.error.code}: {result.error.message}")
            lines.append(
                f"::error file={path},title={_property('could not be read')}::{_data(message)}"
            )
            continue
        for finding in result.findings:
            properties = [f"file={path}"]
            if finding.location.line is not None and result.format != "docx":
                properties.append(f"line={finding.location.line}")
                if finding.location.column is not None:
                    properties.append(f"col={finding.location.column}")
            properties.append(f"title={_property(finding.rule)}")
            where = f"{finding.section}, {finding.location.where}: " if finding.section else ""
            message = printable_prose(where + finding.message)
            if finding.suggestion:
                message += "\n" + printable_prose(finding.suggestion)
            lines.append(
                f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{_data(message)}"
            )
    return "".join(line + "\n" for line in lines)
