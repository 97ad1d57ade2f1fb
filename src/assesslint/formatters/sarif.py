"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other tools read it.

Every rule is described in `tool.driver.rules` (title, why, what to write instead, default
level). Each finding is a result with one physical location (line and column for text and
Markdown; a character offset and length in the report's text for .docx) and a logical
location naming the section and paragraph. `partialFingerprints` carry the finding's
fingerprint, which depends on the sentence and rule, not on where the sentence is, so an
alert survives edits elsewhere in the report. Findings suppressed by comments in a report
are included with `suppressions`, as SARIF intends; files that could not be read are tool
execution notifications.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assesslint import __version__
from assesslint.models import FileResult, Finding, Severity
from assesslint.printable import printable_json
from assesslint.rules.spec import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "assesslintFingerprint/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative path as a forward-slash URI reference; an absolute one as a file URI."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return candidate.as_posix()


def _rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^a-z0-9]+", rule_id) if part)


def _rule(rule: Rule) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category], "source": rule.source},
    }
    if rule.suggest:
        described["help"] = {"text": rule.suggest}
    return described


def _region(finding: Finding, fmt: str | None) -> dict[str, Any] | None:
    location = finding.location
    if fmt == "docx":
        if location.offset is None or location.start is None or location.end is None:
            return None
        return {"charOffset": location.offset, "charLength": location.end - location.start}
    if location.line is None:
        # A finding about the whole report is placed at its start.
        return {"startLine": 1} if location.block is None else None
    region: dict[str, Any] = {"startLine": location.line}
    if location.column is not None:
        region["startColumn"] = location.column
        if location.start is not None and location.end is not None:
            region["endColumn"] = location.column + (location.end - location.start)
    return region


def _result(
    finding: Finding, result: FileResult, index: int, rule_index: dict[str, int]
) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": artifact_uri(result.path), "index": index}
    }
    region = _region(finding, result.format)
    if region is not None:
        physical["region"] = region
    where = finding.location.where
    section = finding.section or "the whole report"
    text = finding.message + (f" {finding.suggestion}" if finding.suggestion else "")
    described: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [
                    {"name": where, "fullyQualifiedName": f"{section} > {where}", "kind": "element"}
                ],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.rule in rule_index:
        described["ruleIndex"] = rule_index[finding.rule]
    return described


def render(results: Sequence[FileResult], rules: Sequence[Rule]) -> str:
    """Return the SARIF log for a run."""
    ordered = sorted(rules, key=lambda r: r.id)
    rule_index = {rule.id: index for index, rule in enumerate(ordered)}
    artifacts = [{"location": {"uri": artifact_uri(r.path)}} for r in results]
    found: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for index, result in enumerate(results):
        if result.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.error.code}: {result.error.message}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": artifact_uri(result.path),
                                    "index": index,
                                }
                            }
                        }
                    ],
                }
            )
            continue
        found += [_result(f, result, index, rule_index) for f in result.findings]
        for finding in result.suppressed:
            suppressed = _result(finding, result, index, rule_index)
            suppressed["suppressions"] = [{"kind": "inSource"}]
            found.append(suppressed)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "assesslint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule) for rule in ordered],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "artifacts": artifacts,
                "results": found,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return printable_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
