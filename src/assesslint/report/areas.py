"""Practice areas and indicative grades, read from `rules/areas.yaml`.

An area gathers rules by ID or category. A report meets an area when none of those rules
found anything at or above `counts-from` in it; the share of reports meeting an area maps
to a grade on the scale the file names. The file's format is documented at its top.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assesslint.models import Severity
from assesslint.resources import areas_file
from assesslint.yamlfile import MarkedDict, MarkedList, YamlError, check_keys, load_yaml


@dataclass(frozen=True)
class Area:
    """One practice area: its title and the rule IDs or categories it gathers."""

    id: str
    title: str
    selectors: frozenset[str]

    def covers(self, rule_id: str, category: str) -> bool:
        """Say whether a finding of this rule counts against this area."""
        return rule_id in self.selectors or category in self.selectors


@dataclass(frozen=True)
class Grade:
    """A point on the grading scale and the share of reports it needs."""

    number: int
    label: str
    at_least: float


@dataclass(frozen=True)
class Areas:
    """The practice areas, the severity that counts, and the grading scale."""

    scale: str
    disclaimer: str
    counts_from: Severity
    areas: tuple[Area, ...]
    grades: tuple[Grade, ...]

    def grade(self, share: float) -> Grade:
        """Return the best grade whose threshold `share` reaches."""
        for grade in self.grades:
            if share >= grade.at_least:
                return grade
        return self.grades[-1]

    def unknown_selectors(self, known: Iterable[str]) -> list[str]:
        """Return selectors that name no rule or category in `known`."""
        names = set(known)
        return sorted(s for area in self.areas for s in area.selectors if s not in names)


@cache
def default_areas() -> Areas:
    """Return the built-in areas, read once per process."""
    return load_areas(areas_file())


def load_areas(path: Path) -> Areas:
    """Read an areas file, raising `YamlError` at the first mistake."""
    data = load_yaml(path)
    if not isinstance(data, MarkedDict):
        raise YamlError(path, 1, 1, "an areas file must be a mapping of keys to values")
    errors = check_keys(data, {"scale", "disclaimer", "counts-from", "areas", "grades"}, path, "")
    if errors:
        raise errors[0]
    counts_from = data.get("counts-from", "warning")
    if counts_from not in {s.value for s in Severity}:
        raise YamlError(path, *data.value_at("counts-from"), "'counts-from' must be a severity")
    return Areas(
        scale=_text(data, "scale", path),
        disclaimer=_text(data, "disclaimer", path),
        counts_from=Severity(counts_from),
        areas=_areas(data, path),
        grades=_grades(data, path),
    )


def _text(data: MarkedDict, key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        where = data.value_at(key) if key in data else data.position
        raise YamlError(path, *where, f"{key!r} must be some text")
    return value.strip()


def _areas(data: MarkedDict, path: Path) -> tuple[Area, ...]:
    listed = data.get("areas")
    if not isinstance(listed, MarkedDict) or not listed:
        raise YamlError(path, *data.position, "'areas' must map area IDs to {title, rules}")
    areas = []
    for area_id, body in listed.items():
        if not isinstance(body, MarkedDict):
            raise YamlError(path, *listed.value_at(area_id), "an area is {title, rules}")
        errors = check_keys(body, {"title", "rules"}, path, f"area {area_id!r}")
        if errors:
            raise errors[0]
        rules = body.get("rules")
        if not isinstance(rules, MarkedList) or not all(isinstance(r, str) for r in rules):
            where = body.value_at("rules") if "rules" in body else body.position
            raise YamlError(path, *where, "'rules' must be a list of rule IDs or categories")
        areas.append(Area(str(area_id), _text(body, "title", path), frozenset(rules)))
    return tuple(areas)


def _grades(data: MarkedDict, path: Path) -> tuple[Grade, ...]:
    listed = data.get("grades")
    if not isinstance(listed, MarkedList) or not listed:
        raise YamlError(path, *data.position, "'grades' must list {grade, label, at-least}")
    grades = []
    for index, item in enumerate(listed):
        where = listed.item_at(index)
        if not isinstance(item, MarkedDict):
            raise YamlError(path, *where, "a grade is {grade, label, at-least}")
        errors = check_keys(item, {"grade", "label", "at-least"}, path, "a grade")
        if errors:
            raise errors[0]
        number, label, at_least = item.get("grade"), item.get("label"), item.get("at-least")
        if not isinstance(number, int) or not isinstance(label, str):
            raise YamlError(path, *where, "a grade needs a whole-number 'grade' and a 'label'")
        if not isinstance(at_least, int | float) or not 0 <= at_least <= 1:
            raise YamlError(path, *where, "'at-least' must be a share from 0 to 1")
        grades.append(Grade(number, label, float(at_least)))
    shares = [g.at_least for g in grades]
    if shares != sorted(shares, reverse=True) or shares[-1] != 0:
        raise YamlError(
            path, *data.value_at("grades"), "list grades best first, the last at-least 0"
        )
    return tuple(grades)
