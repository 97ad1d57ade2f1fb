"""`--format junit`: JUnit XML, which most CI systems show as test results.

Each report is a test suite. Each finding is a failing test case named by its rule and
place; a report with no findings is one passing case; a report that could not be read is
one case in error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from assesslint.models import FileResult, Finding

# Characters XML 1.0 cannot hold, which a damaged report could still contain.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(finding: Finding) -> str:
    lines = [finding.message]
    if finding.snippet is not None:
        lines.append(f"Sentence: {finding.snippet.text}")
    if finding.suggestion:
        lines.append(f"Instead: {finding.suggestion}")
    return _clean("\n".join(lines))


def render(results: Sequence[FileResult]) -> str:
    """Return the JUnit XML for a run."""
    suites = ET.Element("testsuites", name="assesslint")
    total = failures = errors = 0
    for result in results:
        suite = ET.SubElement(suites, "testsuite", name=_clean(result.path))
        cases = 0
        if result.error is not None:
            case = ET.SubElement(suite, "testcase", classname=_clean(result.path), name="read")
            ET.SubElement(
                case, "error", type=result.error.code, message=_clean(result.error.message)
            )
            cases, errors = 1, errors + 1
            suite.set("errors", "1")
            suite.set("failures", "0")
        elif not result.findings:
            ET.SubElement(
                suite, "testcase", classname=_clean(result.path), name="no problems found"
            )
            cases = 1
            suite.set("errors", "0")
            suite.set("failures", "0")
        else:
            for finding in result.findings:
                where = (
                    f"{finding.section} > {finding.location.where}"
                    if finding.section
                    else (finding.location.where)
                )
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=_clean(result.path),
                    name=_clean(f"{finding.rule} ({where})"),
                )
                failure = ET.SubElement(
                    case, "failure", type=finding.severity.value, message=_clean(finding.message)
                )
                failure.text = _failure_text(finding)
            cases = len(result.findings)
            failures += cases
            suite.set("errors", "0")
            suite.set("failures", str(cases))
        suite.set("tests", str(cases))
        total += cases
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
