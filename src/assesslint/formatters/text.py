"""`--format text`: findings a practitioner can read, grouped by file and then section.

Each finding shows its severity, where it is ("paragraph 3", "table 2, row 4", "12:5"
under its section's heading), the rule, the message, the sentence with the matched words
marked, and what to write instead (once per rule and file; after that, "As above"). A
summary line ends the output. On a terminal the match is highlighted in colour; elsewhere
it is marked «like this».
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from assesslint.models import FileResult, Finding, Severity
from assesslint.summary import Summary

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_NO_SECTION_YET = object()


def _heading(result: FileResult) -> Text:
    text = Text(result.path, style="bold")
    if result.error is None:
        count = len(result.findings)
        detail = f"{result.words:,} words, " + (
            f"{count} finding{'s' if count != 1 else ''}" if count else "no problems found"
        )
        if result.suppressed:
            detail += f", {len(result.suppressed)} suppressed"
        text.append(f"  ({detail})", style="dim")
    return text


def _snippet(finding: Finding, colour: bool) -> Text | None:
    snippet = finding.snippet
    if snippet is None:
        return None
    sentence = snippet.text.replace("\n", " ")
    before, match, after = (
        sentence[: snippet.start],
        sentence[snippet.start : snippet.end],
        sentence[snippet.end :],
    )
    line = Text("│ ", style="dim")
    line.append(before)
    # Marking a whole sentence (a long sentence, a plan item) adds nothing.
    if len(match) >= 0.8 * len(sentence.strip(" …")):
        line.append(match)
    elif colour:
        line.append(match, style="bold underline")
    else:
        # Marks inside the line stay right however the line wraps, unlike carets below it.
        line.append(f"«{match}»")
    line.append(after)
    return line


def _finding(finding: Finding, colour: bool, repeat: bool) -> Padding:
    head = Text()
    head.append(finding.severity.value, style=_STYLES[finding.severity])
    head.append(f"  {finding.location.where}  ", style="dim" if colour else "")
    head.append(finding.rule, style="bold" if colour else "")
    lines: list[Text | Padding] = [head, _indent(Text(finding.message), 2)]
    snippet = _snippet(finding, colour)
    if snippet is not None:
        lines.append(_indent(snippet, 2))
    if finding.suggestion:
        suggestion = Text("→ ", style="green")
        suggestion.append("As above." if repeat else finding.suggestion)
        lines.append(_indent(suggestion, 2))
    return Padding(Group(*lines), (0, 0, 1, 4), expand=False)


def _indent(renderable: Text, left: int) -> Padding:
    return Padding(renderable, (0, 0, 0, left), expand=False)


def render(results: Sequence[FileResult], console: Console, closing: bool = True) -> None:
    """Print a run's results, ending with the summary sentence unless `closing` is False."""
    colour = console.is_terminal and console.color_system is not None
    for result in results:
        # A long path stays on one line, so the file can be found by searching the output.
        console.print(_heading(result), overflow="ignore", crop=False, no_wrap=True)
        for notice in result.notices:
            console.print(_indent(Text(f"note: {notice}", style="dim"), 2))
        if result.error is not None:
            problem = Text("could not be read", style="bold red")
            problem.append(f" ({result.error.code}): ")
            problem.append(result.error.message)
            console.print(Padding(problem, (0, 0, 1, 2), expand=False))
            continue
        section: object = _NO_SECTION_YET
        advised: set[tuple[str, str | None]] = set()
        for finding in result.findings:
            if finding.section != section:
                section = finding.section
                title = finding.section or (
                    "Whole report" if finding.location.block is None else "Before the first heading"
                )
                console.print(_indent(Text(title, style="bold" if colour else ""), 2))
            advice = (finding.rule, finding.suggestion)
            console.print(_finding(finding, colour, repeat=advice in advised))
            advised.add(advice)
        if not result.findings:
            console.print()
    if closing:
        console.print(Text(Summary.of(results).sentence(), style="bold" if colour else ""))


def render_plain(results: Sequence[FileResult], width: int = 100, closing: bool = True) -> str:
    """Render a run as plain text (no colour, no trailing spaces), for files and pipes."""
    console = Console(
        width=width, color_system=None, force_terminal=False, highlight=False, file=io.StringIO()
    )
    with console.capture() as captured:
        render(results, console, closing)
    return "\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n"
