"""Shared fixtures."""

from __future__ import annotations

import pytest

from assesslint.readers.sections import SectionMap, default_section_map


@pytest.fixture(scope="session")
def sections() -> SectionMap:
    return default_section_map()
