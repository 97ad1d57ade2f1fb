"""Reports made by other producers (LibreOffice, pandoc, Word-like XML) are read as their key says.

`bench/structure/` holds eighteen synthetic reports written independently of the readers,
with a key of every section heading and the section a practitioner would file it under.
This test holds the readers to the figures they reach today, so a change that loses
headings or names them wrongly fails here before it reaches a team.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "bench" / "structure"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("structure_bench", ROOT / "bench/structure.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while they are made.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> list[Any]:
    bench = _bench()
    key = yaml.safe_load((SET / "key.yaml").read_text(encoding="utf-8"))
    found = []
    for entry in key["files"]:
        result = run_cli("dump", str(SET / entry["file"]), "--format", "json")
        assert result.exit_code == 0, result.output
        found.append(bench.score(entry, json.loads(result.output)["blocks"]))
    return found


def test_headings_are_found(scores: list[Any]) -> None:
    headings = sum(s.headings for s in scores)
    found = sum(s.found for s in scores)
    assert found / headings >= 0.99, [m for s in scores for m in s.misses if "missed" in m.what]


def test_headings_get_the_section_a_practitioner_would_give(scores: list[Any]) -> None:
    headings = sum(s.headings for s in scores)
    right = sum(s.canonical_right for s in scores)
    assert right / headings >= 0.90


def test_near_misses_stay_text(scores: list[Any]) -> None:
    near = sum(s.not_headings for s in scores)
    hit = sum(s.near_misses_hit for s in scores)
    assert hit / near <= 0.10
    assert sum(s.extra for s in scores) == 0


def test_numbered_heading_styles_from_numbering_xml_are_headings() -> None:
    result = run_cli("dump", str(SET / "04-icpc-numbered-styles.docx"), "--format", "json")
    blocks = json.loads(result.output)["blocks"]
    marked = {b["heading"]["marked"] for b in blocks if b["kind"] == "heading"}
    assert "numbered style" in marked
    assert not any(b["kind"] == "list_item" and b["text"] == "Reason for referral" for b in blocks)
