"""`--format text`: plain text for files and pipes is laid out exactly as rich prints it.

The plain text is wrapped by assesslint itself (rich is ten times slower at it), so
these tests hold the two to the same output: the example reports at several widths, and
hand-made results with the awkward cases (long words and paths, hyphens at the margin,
line breaks in a message, unreadable files, notices).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.console import Console

from assesslint.api import check_file
from assesslint.formatters import text
from assesslint.models import FileProblem, FileResult, Finding, Location, Severity, Snippet

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _through_rich(results: Sequence[FileResult], width: int) -> str:
    console = Console(
        width=width, color_system=None, force_terminal=False, highlight=False, file=io.StringIO()
    )
    with console.capture() as captured:
        text.render(results, console)
    return "\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n"


def _finding(message: str, sentence: str, start: int, end: int, section: str | None) -> Finding:
    return Finding(
        rule="jargon-acronym",
        category="jargon",
        severity=Severity.WARNING,
        message=message,
        suggestion="Write it in full the first time, with the short form after it.",
        match=sentence[start:end],
        section=section,
        location=Location(block=1, start=start, end=end, offset=start, where="paragraph 2"),
        snippet=Snippet(sentence, start, end),
    )


AWKWARD = [
    FileResult(
        path="team/" + "a-very-long-folder-name/" * 6 + "report.docx",
        format="docx",
        words=12345,
        notices=("the document has tracked changes; they were read as accepted",),
        findings=(
            _finding(
                "A message with a line break\nin it, and a web address "
                "https://example.invalid/" + "x" * 120 + " that is longer than any line.",
                "The MASH sent it on to the multi-agency-safeguarding-hub-style team.",
                4,
                8,
                "Reason for assessment",
            ),
            _finding(
                "Hyphenated words at the margin: "
                + "well-being " * 12
                + "\tand wide letters 家庭家庭家庭",
                "The whole sentence is the match.",
                0,
                32,
                None,
            ),
        ),
    ),
    FileResult(
        path="team/broken.docx",
        format=None,
        error=FileProblem("corrupt", "The file is damaged: open it in Word and save it again."),
    ),
    FileResult(path="team/clean.txt", format="txt", words=40),
]


@pytest.mark.parametrize("width", [100, 72, 40])
def test_plain_text_is_what_rich_prints_for_the_examples(width: int) -> None:
    results = [check_file(path) for path in sorted(EXAMPLES.glob("*.docx"))]
    assert sum(len(result.findings) for result in results) > 20
    assert text.render_plain(results, width) == _through_rich(results, width)


@pytest.mark.parametrize("width", [100, 60, 30])
def test_plain_text_is_what_rich_prints_for_awkward_results(width: int) -> None:
    plain = text.render_plain(AWKWARD, width)
    assert plain == _through_rich(AWKWARD, width)
    assert "could not be read (corrupt)" in plain
    assert "«MASH»" in plain
    assert AWKWARD[0].path in plain.splitlines()[0]
    assert all(line == line.rstrip() for line in plain.splitlines())
