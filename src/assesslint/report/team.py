"""What a batch of results says about a team: worst reports, commonest problems, areas.

Reports come worst first; each rule is counted by reports and times; each practice area by
how many reports meet it.

Built from `FileResult`s only, so it holds no report text beyond what the findings carry,
and nothing at all of the reports when the run was made with `--no-snippets`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assesslint.models import FileResult, Severity
from assesslint.report.areas import Areas, Grade
from assesslint.summary import Summary

COMMONEST_PER_FILE = 3


@dataclass(frozen=True)
class FileLine:
    """One report in the summary."""

    path: str
    errors: int
    warnings: int
    infos: int
    words: int
    commonest: tuple[tuple[str, int], ...]

    @property
    def findings(self) -> int:
        """All findings, of any severity."""
        return self.errors + self.warnings + self.infos


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read, and why."""

    path: str
    code: str
    message: str


@dataclass(frozen=True)
class RuleLine:
    """One rule across the batch: in how many reports, how many times."""

    rule: str
    category: str
    severity: Severity
    reports: int
    times: int


@dataclass(frozen=True)
class AreaLine:
    """One practice area across the batch."""

    id: str
    title: str
    met: int
    checked: int
    grade: Grade | None

    @property
    def share(self) -> float:
        """The share of checked reports that meet the area (0 with none checked)."""
        return self.met / self.checked if self.checked else 0.0


@dataclass(frozen=True)
class TeamSummary:
    """The supervisor's summary of a batch."""

    counts: Summary
    files: tuple[FileLine, ...]
    unreadable: tuple[Unreadable, ...]
    rules: tuple[RuleLine, ...]
    areas: tuple[AreaLine, ...]
    scale: str
    disclaimer: str

    @classmethod
    def of(cls, results: Sequence[FileResult], areas: Areas) -> TeamSummary:
        """Summarise `results`, grading each area by `areas`."""
        checked = [r for r in results if r.error is None]
        return cls(
            counts=Summary.of(results),
            files=tuple(sorted((_file_line(r) for r in checked), key=_worst_first)),
            unreadable=tuple(
                Unreadable(r.path, r.error.code, r.error.message)
                for r in results
                if r.error is not None
            ),
            rules=_rule_lines(checked),
            areas=_area_lines(checked, areas),
            scale=areas.scale,
            disclaimer=areas.disclaimer,
        )


def _file_line(result: FileResult) -> FileLine:
    severities = Counter(f.severity for f in result.findings)
    rules = Counter(f.rule for f in result.findings)
    commonest = sorted(rules.items(), key=lambda item: (-item[1], item[0]))[:COMMONEST_PER_FILE]
    return FileLine(
        path=result.path,
        errors=severities[Severity.ERROR],
        warnings=severities[Severity.WARNING],
        infos=severities[Severity.INFO],
        words=result.words,
        commonest=tuple(commonest),
    )


def _worst_first(line: FileLine) -> tuple[int, int, int, str]:
    return (-line.errors, -line.warnings, -line.infos, line.path)


def _rule_lines(results: Sequence[FileResult]) -> tuple[RuleLine, ...]:
    reports: Counter[str] = Counter()
    times: Counter[str] = Counter()
    about: dict[str, tuple[str, Severity]] = {}
    for result in results:
        for finding in result.findings:
            times[finding.rule] += 1
            current = about.get(finding.rule)
            if current is None or finding.severity.rank > current[1].rank:
                about[finding.rule] = (finding.category, finding.severity)
        reports.update({f.rule for f in result.findings})
    lines = [
        RuleLine(rule, about[rule][0], about[rule][1], reports[rule], times[rule]) for rule in times
    ]
    return tuple(sorted(lines, key=lambda r: (-r.reports, -r.times, r.rule)))


def _area_lines(results: Sequence[FileResult], areas: Areas) -> tuple[AreaLine, ...]:
    lines = []
    threshold = areas.counts_from.rank
    for area in areas.areas:
        met = sum(
            1
            for result in results
            if not any(
                f.severity.rank >= threshold and area.covers(f.rule, f.category)
                for f in result.findings
            )
        )
        grade = areas.grade(met / len(results)) if results else None
        lines.append(AreaLine(area.id, area.title, met, len(results), grade))
    return tuple(lines)
