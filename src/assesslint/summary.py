"""Counts over a run: files checked, files that could not be read, findings by severity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assesslint.models import FileResult, Severity


@dataclass(frozen=True)
class Summary:
    """What a run found, in numbers."""

    files: int
    checked: int
    unreadable: int
    words: int
    by_severity: dict[str, int]
    suppressed: int = 0
    baselined: int = 0

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        """Count the results of a run."""
        counts = {Severity.ERROR.value: 0, Severity.WARNING.value: 0, Severity.INFO.value: 0}
        for result in results:
            for finding in result.findings:
                counts[finding.severity.value] += 1
        unreadable = sum(1 for result in results if result.error is not None)
        return cls(
            files=len(results),
            checked=len(results) - unreadable,
            unreadable=unreadable,
            words=sum(result.words for result in results),
            by_severity=counts,
            suppressed=sum(len(result.suppressed) for result in results),
            baselined=sum(result.baselined for result in results),
        )

    @property
    def findings(self) -> int:
        """The number of findings of any severity."""
        return sum(self.by_severity.values())

    def sentence(self) -> str:
        """Say the summary in one sentence."""
        files = "1 file" if self.files == 1 else f"{self.files:,} files"
        words = f"{self.words:,} word{'s' if self.words != 1 else ''}"
        if self.findings:
            parts = [
                f"{count:,} {name}{'s' if count != 1 and name != 'info' else ''}"
                for name, count in self.by_severity.items()
                if count
            ]
            found = ", ".join(parts)
        else:
            found = "no problems found"
        text = f"Checked {files} ({words}): {found}."
        if self.suppressed:
            text += (
                f" {self.suppressed:,} finding{'s were' if self.suppressed != 1 else ' was'} "
                "suppressed by comments in the reports."
            )
        if self.baselined:
            text += (
                f" {self.baselined:,} known finding{'s were' if self.baselined != 1 else ' was'} "
                "hidden by the baseline."
            )
        if self.unreadable:
            text += (
                f" {self.unreadable:,} file{' ' if self.unreadable == 1 else 's '}could "
                "not be read."
            )
        return text
