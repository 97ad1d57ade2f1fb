"""Precision and recall of the rule pack, measured on a labelled corpus of report passages.

`tests/corpus/*.yaml` holds passages written the way practitioners write, good practice
among them, each labelled with the findings a careful reader would accept. A file names the
rules it judges (`rules:`); a finding of any other rule is not scored there, so a short
passage about jargon is not marked down for having no contingency plan.

A case lists, per rule, the words each finding should point at (null for a finding at a
heading or at the whole report, "*" where any words will do, as for a whole long
sentence). A finding counts as right when its rule and words match an expected one.
Every rule must reach 0.9 precision and 0.9 recall here. The corpus was written beside the
rules, so these are figures on known phrasings; reports from elsewhere will score lower.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from assesslint.engine import Engine
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap

CORPUS = Path(__file__).parent.parent / "corpus"
THRESHOLD = 0.9
MIN_CASES = 4  # expected findings a rule needs in the corpus before it is scored


@dataclass
class Score:
    """Right, wrong and missed findings for one rule."""

    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.right + len(self.wrong)
        return self.right / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.right + len(self.missed)
        return self.right / expected if expected else 1.0


def _cases() -> list[tuple[str, list[str], dict[str, object]]]:
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, case in enumerate(data["cases"]):
            cases.append((f"{path.name}#{index + 1}", data["rules"], case))
    return cases


def _score(engine: Engine, sections: SectionMap) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for name, judged, case in _cases():
        suffix = ".md" if case.get("format") == "markdown" else ".txt"
        text = str(case["text"])
        document = read_bytes(text.encode(), f"case{suffix}", sections, suffix=suffix)
        expected = Counter(
            (rule, None if match is None else str(match))
            for rule, matches in (case.get("expect") or {}).items()
            for match in matches
        )
        anywhere = {rule for rule, match in expected if match == "*"}
        found = Counter(
            (f.rule, "*" if f.rule in anywhere else f.match)
            for f in engine.check(document)
            if f.rule in judged
        )
        for rule in judged:
            scores.setdefault(rule, Score())
        for rule, match in found | expected:
            score = scores.setdefault(rule, Score())
            right = min(found[(rule, match)], expected[(rule, match)])
            score.right += right
            score.wrong += [f"{name}: {match!r}"] * (found[(rule, match)] - right)
            score.missed += [f"{name}: {match!r}"] * (expected[(rule, match)] - right)
    return scores


@pytest.fixture(scope="module")
def scores(engine: Engine, sections: SectionMap) -> dict[str, Score]:
    return _score(engine, sections)


def test_the_corpus_is_labelled_for_known_rules(engine: Engine) -> None:
    known = {rule.id for rule in engine.ruleset.rules}
    for name, judged, case in _cases():
        assert set(judged) <= known, name
        assert set(case.get("expect") or {}) <= set(judged), name


def test_every_rule_is_measured(scores: dict[str, Score], engine: Engine) -> None:
    thin = {
        rule.id: scores.get(rule.id, Score()).right + len(scores.get(rule.id, Score()).missed)
        for rule in engine.ruleset.rules
    }
    assert {rule: n for rule, n in thin.items() if n < MIN_CASES} == {}


def test_precision_and_recall(scores: dict[str, Score]) -> None:
    table = "\n".join(
        f"{rule:32} precision {s.precision:.2f}  recall {s.recall:.2f}  "
        f"({s.right} right, {len(s.wrong)} wrong, {len(s.missed)} missed)"
        for rule, s in sorted(scores.items())
    )
    print("\n" + table)
    failing = [
        f"{rule}: wrong {s.wrong}, missed {s.missed}"
        for rule, s in sorted(scores.items())
        if s.precision < THRESHOLD or s.recall < THRESHOLD
    ]
    if failing:
        pytest.fail(table + "\n\n" + "\n".join(failing), pytrace=False)
