"""Practice areas load strictly from YAML, and the team summary counts what it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from assesslint.models import FileProblem, FileResult, Finding, Location, Severity
from assesslint.readers.sections import default_section_map
from assesslint.report.areas import default_areas, load_areas
from assesslint.report.team import TeamSummary
from assesslint.resources import builtin_rules_dir
from assesslint.rules.loader import load_rules
from assesslint.yamlfile import YamlError


def finding(rule: str, category: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity=severity,
        message="m",
        suggestion="s",
        match=None,
        section=None,
        location=Location(),
    )


def result(path: str, *findings: Finding, words: int = 100) -> FileResult:
    return FileResult(path=path, format="text", findings=findings, words=words)


def test_every_built_in_area_names_real_rules_or_categories() -> None:
    ruleset = load_rules(
        [builtin_rules_dir()], default_section_map().names, check_token_patterns=False
    )
    known = {rule.id for rule in ruleset.rules} | set(ruleset.categories)
    areas = default_areas()
    assert areas.unknown_selectors(known) == []
    covered = {r.id for r in ruleset.rules if any(a.covers(r.id, r.category) for a in areas.areas)}
    assert covered == {rule.id for rule in ruleset.rules}, "every rule belongs to an area"


@pytest.mark.parametrize(
    ("share", "label"),
    [
        (1.0, "Excellent"),
        (0.9, "Very good"),
        (0.7, "Good"),
        (0.5, "Adequate"),
        (0.3, "Weak"),
        (0.0, "Unsatisfactory"),
    ],
)
def test_grades_follow_the_share_of_reports(share: float, label: str) -> None:
    assert default_areas().grade(share).label == label


def test_team_summary(tmp_path: Path) -> None:
    results = [
        result("b.txt", finding("jargon-acronym", "jargon"), finding("jargon-acronym", "jargon")),
        result(
            "a.txt",
            finding("analysis-missing", "analysis", Severity.ERROR),
            finding("jargon-acronym", "jargon"),
            finding("long-sentence", "clarity", Severity.INFO),
        ),
        result("c.txt", finding("long-sentence", "clarity", Severity.INFO)),
        FileResult(path="d.docx", format=None, error=FileProblem("encrypted", "locked")),
    ]
    team = TeamSummary.of(results, default_areas())
    assert [f.path for f in team.files] == ["a.txt", "b.txt", "c.txt"]  # worst first
    assert team.files[1].commonest == (("jargon-acronym", 2),)
    assert [(u.path, u.code) for u in team.unreadable] == [("d.docx", "encrypted")]
    rules = {r.rule: (r.reports, r.times) for r in team.rules}
    assert rules == {"jargon-acronym": (2, 3), "analysis-missing": (1, 1), "long-sentence": (2, 2)}
    assert team.rules[0].rule == "jargon-acronym"
    areas = {a.id: (a.met, a.checked) for a in team.areas}
    # An info finding does not stop a report meeting an area; a warning does.
    assert areas["plain-language"] == (1, 3)
    assert areas["analysis"] == (2, 3)
    assert areas["child-voice"] == (3, 3)
    assert next(a for a in team.areas if a.id == "child-voice").grade.label == "Excellent"


def test_areas_file_mistakes_are_located(tmp_path: Path) -> None:
    good = (builtin_rules_dir() / "areas.yaml").read_text(encoding="utf-8")
    cases = {
        "typo": (good.replace("counts-from:", "count-from:"), "unknown key 'count-from'"),
        "severity": (good.replace("counts-from: warning", "counts-from: loud"), "severity"),
        "order": (good.replace("at-least: 0.95", "at-least: 0.10"), "best first"),
        "share": (good.replace("at-least: 0.85", "at-least: 85"), "share from 0 to 1"),
    }
    for name, (text, expected) in cases.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(YamlError, match=expected) as caught:
            load_areas(path)
        assert caught.value.line > 1, name
