"""The findings on each example report are pinned, so a change in the rules' behaviour is seen.

`tests/example_findings.yaml` lists, for each report in `examples/`, every finding as
(rule, words pointed at, section heading). Each was read and judged right when it was
recorded. After a deliberate change, regenerate the file with

    python tests/test_example_findings.py

and read the difference in `git diff` before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from assesslint.engine import Engine
from assesslint.readers import read_document
from assesslint.readers.sections import SectionMap

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
PINNED = HERE / "example_findings.yaml"
REPORTS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".docx", ".txt", ".md"})


def findings_of(path: Path, engine: Engine, sections: SectionMap) -> list[list[str | None]]:
    """Return [rule, match, section] for every finding on the report at `path`."""
    return [[f.rule, f.match, f.section] for f in engine.check(read_document(path, sections))]


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name)
def test_findings_are_as_recorded(report: Path, engine: Engine, sections: SectionMap) -> None:
    pinned = yaml.safe_load(PINNED.read_text(encoding="utf-8"))
    assert report.name in pinned, "run python tests/test_example_findings.py"
    assert findings_of(report, engine, sections) == pinned[report.name]


def test_the_good_reports_are_clean(engine: Engine, sections: SectionMap) -> None:
    for report in REPORTS:
        if "-good." in report.name:
            assert findings_of(report, engine, sections) == [], report.name


def _record() -> None:  # pragma: no cover - run by hand after a deliberate change
    from assesslint.nlp import get_pipeline
    from assesslint.readers.sections import default_section_map
    from assesslint.resources import builtin_rules_dir
    from assesslint.rules.loader import load_rules

    sections = default_section_map()
    engine = Engine(load_rules([builtin_rules_dir()], sections.names), get_pipeline())
    recorded = {p.name: findings_of(p, engine, sections) for p in REPORTS}
    PINNED.write_text(
        "# Written by tests/test_example_findings.py; every finding here was read and judged.\n"
        + yaml.safe_dump(
            recorded, allow_unicode=True, sort_keys=True, width=200, default_flow_style=None
        ),
        encoding="utf-8",
    )
    sys.stdout.write(f"recorded {sum(map(len, recorded.values()))} findings in {PINNED}\n")


if __name__ == "__main__":  # pragma: no cover
    _record()
