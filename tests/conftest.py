"""Shared fixtures: the built-in section map and rules, and one engine for the session."""

from __future__ import annotations

import os
import tempfile

import pytest

from assesslint.engine import Engine
from assesslint.nlp import get_pipeline
from assesslint.readers.sections import SectionMap, default_section_map
from assesslint.resources import builtin_rules_dir
from assesslint.rules.loader import RuleSet, load_rules

# Rules loaded by the tests (and the commands they run) are cached here, not in ~/.cache.
os.environ["ASSESSLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="assesslint-test-cache-")
os.environ.pop("ASSESSLINT_NO_CACHE", None)


@pytest.fixture(scope="session")
def sections() -> SectionMap:
    return default_section_map()


@pytest.fixture(scope="session")
def ruleset(sections: SectionMap) -> RuleSet:
    return load_rules([builtin_rules_dir()], sections.names)


@pytest.fixture(scope="session")
def engine(ruleset: RuleSet) -> Engine:
    return Engine(ruleset, get_pipeline())
