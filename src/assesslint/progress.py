"""A progress bar for a batch: files done of the total, words a second, time left.

Shown on standard error, and only when standard error is a terminal, so piped and saved
output stays clean. It names no file, so nothing of a report shows on the screen by way of
it.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from assesslint.models import FileResult


class BatchProgress:
    """Count finished files and words; draw nothing unless standard error is a terminal."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.done = 0
        self.words = 0
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if self.console.is_terminal and total > 1:
            self._bar = Progress(
                TextColumn("Checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files · {task.fields[rate]} words/s ·"),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._task = self._bar.add_task("check", total=total, rate="-")

    def __enter__(self) -> BatchProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, result: FileResult) -> None:
        """Count one finished file."""
        self.done += 1
        self.words += result.words
        if self._bar is not None and self._task is not None:
            elapsed = max(time.monotonic() - self._started, 1e-6)
            self._bar.update(self._task, advance=1, rate=f"{self.words / elapsed:,.0f}")
