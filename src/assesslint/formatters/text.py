"""`--format text`: findings a practitioner can read, grouped by file and then section.

Each finding shows its severity, where it is ("paragraph 3", "table 2, row 4", "12:5"
under its section's heading), the rule, the message, the sentence with the matched words
marked, and what to write instead (once per rule and file; after that, "As above"). A
summary line ends the output. On a terminal the match is highlighted in colour; elsewhere
it is marked «like this».

The layout is worked out once, as indented lines of styled pieces; rich prints them on a
terminal, and plain text (files and pipes) is wrapped here, which is ten times faster
than rich for the same output. Every piece passes through `printable_prose` on its way
out, so no control character from a report (or its path, escaped with `printable` first)
reaches the terminal, and each line stays one line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from assesslint.models import FileResult, Finding, Severity
from assesslint.printable import printable, printable_prose
from assesslint.summary import Summary

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_NO_SECTION_YET = object()


@dataclass(frozen=True)
class _Line:
    """One line of output before wrapping: its indent and its pieces with their styles."""

    indent: int = 0
    pieces: tuple[tuple[str, str], ...] = ()
    wrap: bool = True


_BLANK = _Line()


def _heading(result: FileResult) -> _Line:
    pieces = [(printable(result.path), "bold")]
    if result.error is None:
        count = len(result.findings)
        detail = f"{result.words:,} words, " + (
            f"{count} finding{'s' if count != 1 else ''}" if count else "no problems found"
        )
        if result.suppressed:
            detail += f", {len(result.suppressed)} suppressed"
        pieces.append((f"  ({detail})", "dim"))
    # A long path stays on one line, so the file can be found by searching the output.
    return _Line(0, tuple(pieces), wrap=False)


def _snippet(finding: Finding, colour: bool) -> tuple[tuple[str, str], ...] | None:
    snippet = finding.snippet
    if snippet is None:
        return None
    sentence = snippet.text.replace("\n", " ")
    before, match, after = (
        sentence[: snippet.start],
        sentence[snippet.start : snippet.end],
        sentence[snippet.end :],
    )
    # Marking a whole sentence (a long sentence, a plan item) adds nothing.
    if len(match) >= 0.8 * len(sentence.strip(" …")):
        marked = (match, "")
    elif colour:
        marked = (match, "bold underline")
    else:
        # Marks inside the line stay right however the line wraps, unlike carets below it.
        marked = (f"«{match}»", "")
    return (("│ ", "dim"), (before, ""), marked, (after, ""))


def _finding(finding: Finding, colour: bool, repeat: bool) -> Iterator[_Line]:
    yield _Line(
        4,
        (
            (finding.severity.value, _STYLES[finding.severity]),
            (f"  {finding.location.where}  ", "dim" if colour else ""),
            (finding.rule, "bold" if colour else ""),
        ),
    )
    yield _Line(6, ((finding.message, ""),))
    snippet = _snippet(finding, colour)
    if snippet is not None:
        yield _Line(6, snippet)
    if finding.suggestion:
        yield _Line(6, (("→ ", "green"), ("As above." if repeat else finding.suggestion, "")))
    yield _BLANK


def _lines(results: Sequence[FileResult], colour: bool, closing: bool) -> Iterator[_Line]:
    for result in results:
        yield _heading(result)
        for notice in result.notices:
            yield _Line(2, ((f"note: {notice}", "dim"),))
        if result.error is not None:
            yield _Line(
                2,
                (
                    ("could not be read", "bold red"),
                    (f" ({result.error.code}): ", ""),
                    (result.error.message, ""),
                ),
            )
            yield _BLANK
            continue
        section: object = _NO_SECTION_YET
        advised: set[tuple[str, str | None]] = set()
        for finding in result.findings:
            if finding.section != section:
                section = finding.section
                title = finding.section or (
                    "Whole report" if finding.location.block is None else "Before the first heading"
                )
                yield _Line(2, ((title, "bold" if colour else ""),))
            advice = (finding.rule, finding.suggestion)
            yield from _finding(finding, colour, repeat=advice in advised)
            advised.add(advice)
        if not result.findings:
            yield _BLANK
    if closing:
        yield _Line(0, ((Summary.of(results).sentence(), "bold" if colour else ""),))


def render(results: Sequence[FileResult], console: Console, closing: bool = True) -> None:
    """Print a run's results, ending with the summary sentence unless `closing` is False."""
    colour = console.is_terminal and console.color_system is not None
    for line in _lines(results, colour, closing):
        text = Text.assemble(*((printable_prose(piece), style) for piece, style in line.pieces))
        if not line.wrap:
            console.print(text, overflow="ignore", crop=False, no_wrap=True)
        elif line.indent:
            console.print(Padding(text, (0, 0, 0, line.indent), expand=False))
        else:
            console.print(text)


_WORD = re.compile(r"\s*\S+\s*")


def _breaks(text: str, width: int) -> Iterator[int]:
    """Where rich would break `text` to fit `width` cells.

    Between words; inside a word only when it is longer than a whole line, and then the
    word starts on a line of its own.
    """
    used = 0
    for word in _WORD.finditer(text):
        start, length = word.start(), cell_len(word.group().rstrip())
        if length <= width - used:
            used += cell_len(word.group())
        elif length > width:
            pieces = chop_cells(word.group(), width)
            for piece in pieces[:-1]:
                if start:
                    yield start
                start += len(piece)
            if start:
                yield start
            used = cell_len(pieces[-1])
        elif used and start:
            yield start
            used = cell_len(word.group())


def _wrapped(line: _Line, width: int) -> Iterator[str]:
    # Tabs and line breaks are spaces by now, so the line is wrapped as one paragraph.
    text = printable_prose("".join(piece for piece, _ in line.pieces))
    margin = " " * line.indent
    if not line.wrap:
        yield (margin + text).rstrip()
        return
    edges = [0, *_breaks(text, max(width - line.indent, 1)), len(text)]
    for start, end in itertools.pairwise(edges):
        row = text[start:end].rstrip()
        yield margin + row if row else ""


def render_plain(results: Sequence[FileResult], width: int = 100, closing: bool = True) -> str:
    """Render a run as plain text (no colour, no trailing spaces), for files and pipes."""
    out = [row for line in _lines(results, False, closing) for row in _wrapped(line, width)]
    return "\n".join(out) + "\n"
