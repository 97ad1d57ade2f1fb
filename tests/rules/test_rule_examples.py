"""Every example in every built-in rule file runs as its own test, and the catalogue is whole."""

from __future__ import annotations

import pytest

from assesslint.engine import Engine
from assesslint.readers.sections import SectionMap, default_section_map
from assesslint.resources import builtin_rules_dir
from assesslint.rules.loader import RuleSet, load_rules
from assesslint.rules.spec import Example, Rule
from assesslint.rules.types import RULE_TYPES
from assesslint.selftest import run_example

# Loaded at collection without spaCy, so the list of cases costs nothing to build.
CATALOGUE = load_rules(
    [builtin_rules_dir()], default_section_map().names, check_token_patterns=False
)
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{example.kind}-{index}")
    for rule in CATALOGUE.rules
    for index, example in enumerate(e for e in rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: Rule, example: Example, engine: Engine, sections: SectionMap) -> None:
    outcome = run_example(rule, example, engine, sections)
    found = [(f.match, f.location.where, f.message) for f in outcome.found]
    assert outcome.ok, f"{rule.path}:{example.where[0]}: {outcome.problem}; found {found}"


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.id)
def test_every_rule_has_fail_and_pass_examples(rule: Rule) -> None:
    kinds = [example.kind for example in rule.examples]
    assert "fail" in kinds and "pass" in kinds


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.id)
def test_every_rule_explains_itself(rule: Rule) -> None:
    assert rule.title and not rule.title.endswith(".")
    assert len(rule.why.split()) >= 25, "why: one paragraph a practitioner can follow"
    assert rule.suggest, "every rule says what to write instead"
    assert rule.source, "every rule cites the guidance behind it"
    assert rule.path.stem == rule.id and rule.path.parent.name == rule.category


def test_token_patterns_are_valid_spacy_patterns(ruleset: RuleSet) -> None:
    # The session ruleset is loaded with spaCy's own token pattern validation.
    assert {rule.id for rule in ruleset.rules} == {rule.id for rule in CATALOGUE.rules}


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in CATALOGUE.rules]
    assert len(ids) == len(set(ids))


def test_every_type_is_used() -> None:
    assert {rule.type for rule in CATALOGUE.rules} == set(RULE_TYPES)
