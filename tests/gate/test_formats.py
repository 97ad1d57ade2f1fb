"""SARIF, JUnit and GitHub output: valid, complete, and stable where it must be."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner

from assesslint.cli import main

from docx_factory import build
from helpers import SMALL_REPORT, run_cli

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(
        encoding="utf-8"
    )
)
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def sarif(*paths: Path | str) -> dict[str, Any]:
    result = run_cli("check", "--format", "sarif", *map(str, paths))
    return json.loads(result.output)


def test_sarif_is_valid_and_describes_every_rule(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx")
    log = sarif(
        EXAMPLES / "02-case-system-export-poor.docx",
        EXAMPLES / "04-pre-birth-assessment-poor.md",
        broken,
    )
    jsonschema.validate(log, SCHEMA)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert "stable-without-risk" in ids and ids == sorted(ids)
    stable = rules[ids.index("stable-without-risk")]
    assert stable["shortDescription"]["text"] and stable["fullDescription"]["text"]
    assert stable["help"]["text"] and stable["defaultConfiguration"]["level"] == "warning"
    results = run_["results"]
    assert results and all(ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    docx_result = next(
        r
        for r in results
        if r["ruleId"] == "stable-without-risk"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".docx")
    )
    region = docx_result["locations"][0]["physicalLocation"]["region"]
    assert set(region) == {"charOffset", "charLength"} and region["charLength"] == len("stable")
    md_result = next(
        r
        for r in results
        if r["ruleId"] == "stable-without-risk"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".md")
    )
    assert md_result["locations"][0]["physicalLocation"]["region"]["startLine"] > 1
    logical = md_result["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"].startswith("Parenting capacity > ")
    notification = run_["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["level"] == "error" and "not-a-docx" in notification["message"]["text"]
    assert run_["invocations"][0]["executionSuccessful"] is False


def _fingerprints(log: dict[str, Any]) -> dict[str, str]:
    return {
        r["ruleId"] + ":" + str(i): r["partialFingerprints"]["assesslintFingerprint/v1"]
        for i, r in enumerate(sorted(log["runs"][0]["results"], key=lambda r: r["ruleId"]))
    }


def test_fingerprints_survive_a_paragraph_inserted_above(tmp_path: Path) -> None:
    before = tmp_path / "before.txt"
    before.write_text(SMALL_REPORT, encoding="utf-8")
    after = tmp_path / "after.txt"
    after.write_text(
        SMALL_REPORT.replace(
            "Parenting capacity:\n",
            "Parenting capacity:\nMum works nights at the bakery.\n\n"
            "Leo goes to nursery on Mondays.\n\n",
        ),
        encoding="utf-8",
    )
    first, second = sarif(before), sarif(after)
    moved = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for log in (first, second)
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "stable-without-risk"
    ]
    assert moved[0] != moved[1], "the finding moved down"
    assert _fingerprints(first) == _fingerprints(second)
    changed = tmp_path / "changed.txt"
    changed.write_text(SMALL_REPORT.replace("is stable.", "is stable now."), encoding="utf-8")
    assert _fingerprints(sarif(changed)) != _fingerprints(first), "a rewritten sentence is new"


def test_docx_fingerprints_survive_a_paragraph_inserted_above(tmp_path: Path) -> None:
    def report(extra: list[str]) -> list[str]:
        return [
            "Reason for assessment:",
            "The MASH referred Leo.",
            *extra,
            "Parenting capacity:",
            "Mum's mental health is stable.",
        ]

    one = build(tmp_path / "one.docx", *report([]))
    two = build(
        tmp_path / "two.docx",
        *report(["Mum works nights at the bakery.", "Leo goes to nursery on Mondays."]),
    )
    fingerprints = [_fingerprints(sarif(path)) for path in (one, two)]
    assert fingerprints[0] == fingerprints[1] and fingerprints[0]


def test_junit_parses_with_one_case_per_finding(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx")
    good, poor = (
        EXAMPLES / "06-signs-of-safety-good.md",
        EXAMPLES / "04-pre-birth-assessment-poor.md",
    )
    result = run_cli("check", "--format", "junit", str(good), str(poor), str(broken))
    root = ET.fromstring(result.output.encode("utf-8"))  # noqa: S314 - our own output
    suites = {Path(s.get("name", "")).name: s for s in root.iter("testsuite")}
    assert set(suites) == {good.name, poor.name, broken.name}
    clean = suites[good.name]
    assert clean.get("tests") == "1" and clean.get("failures") == "0"
    assert clean.find("testcase/failure") is None
    findings = json.loads(run_cli("check", "--format", "json", str(poor)).output)["files"][0][
        "findings"
    ]
    failing = suites[poor.name].findall("testcase")
    assert len(failing) == len(findings) and all(c.find("failure") is not None for c in failing)
    assert suites[poor.name].get("failures") == str(len(findings))
    error = suites[broken.name].find("testcase/error")
    assert error is not None and error.get("type") == "not-a-docx"
    assert root.get("tests") == str(1 + len(findings) + 1) and root.get("errors") == "1"


def test_github_annotations(tmp_path: Path) -> None:
    report = tmp_path / "odd, name: 100%.txt"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    docx_report = EXAMPLES / "02-case-system-export-poor.docx"
    lines = run_cli(
        "check", "--format", "github", str(report), str(docx_report)
    ).output.splitlines()
    pattern = re.compile(
        r"^::(error|warning|notice) file=([^,:]+)(?:,line=\d+,col=\d+)?,title=([a-z-]+)::(.+)$"
    )
    assert lines and all(pattern.match(line) for line in lines), lines
    text_lines = [line for line in lines if "odd%2C name%3A 100%25.txt" in line]
    stable = next(line for line in text_lines if "title=stable-without-risk" in line)
    assert re.search(r",line=5,col=24,", stable) and stable.startswith("::warning ")
    assert "%0A" in stable and "\n" not in stable  # the suggestion follows on its own line
    docx_lines = [line for line in lines if "02-case-system-export-poor.docx" in line]
    assert docx_lines and not any(",line=" in line for line in docx_lines)
    assert any(line.startswith("::error ") for line in docx_lines)  # child-voice is an error


def test_statistics(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    text = run_cli("check", "--statistics", str(report)).output
    assert "Findings per rule:" in text and re.search(r"\n\s+1  stable-without-risk", text)
    machine = CliRunner().invoke(main, ["check", "--statistics", "--format", "json", str(report)])
    json.loads(machine.stdout)  # the counts do not spoil the JSON
    assert "Findings per rule:" in machine.stderr
