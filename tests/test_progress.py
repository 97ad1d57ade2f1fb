"""The progress bar shows on a terminal only, and counts files and words."""

from __future__ import annotations

import io

from rich.console import Console

from assesslint.models import FileResult
from assesslint.progress import BatchProgress


def test_progress_is_drawn_on_a_terminal_only() -> None:
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)
    with BatchProgress(3, terminal) as progress:
        for words in (100, 200, 300):
            progress.advance(FileResult(path="secret-name.docx", format="docx", words=words))
    assert (progress.done, progress.words) == (3, 600)
    drawn = screen.getvalue()
    assert "3/3" in drawn and "words/s" in drawn
    assert "secret-name" not in drawn  # it names no file
    piped = io.StringIO()
    with BatchProgress(3, Console(file=piped, force_terminal=False)) as quiet:
        quiet.advance(FileResult(path="a.docx", format="docx", words=10))
    assert piped.getvalue() == ""
