"""Shared fixtures: the built-in section map and rules, and one engine for the session."""

from __future__ import annotations

import pytest

from assesslint.engine import Engine
from assesslint.nlp import get_pipeline
from assesslint.readers.sections import SectionMap, default_section_map
from assesslint.resources import builtin_rules_dir
from assesslint.rules.loader import RuleSet, load_rules


@pytest.fixture(scope="session")
def sections() -> SectionMap:
    return default_section_map()


@pytest.fixture(scope="session")
def ruleset(sections: SectionMap) -> RuleSet:
    return load_rules([builtin_rules_dir()], sections.names)


@pytest.fixture(scope="session")
def engine(ruleset: RuleSet) -> Engine:
    return Engine(ruleset, get_pipeline())
