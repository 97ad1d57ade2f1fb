r"""`--format junit`: JUnit XML, which most CI systems show as test results.

Each report is a test suite. Each finding is a failing test case named by its rule and
place; a report with no findings is one passing case; a report that could not be read is
one case in error.

The file stays well-formed XML 1.0 whatever a report or a file name holds. Characters XML
cannot hold at all, even as references (most C0 controls, lone surrogates from a
non-UTF-8 file name), are shown as `printable` shows them (`\x1b`). Characters it can
hold but a terminal would act on when the file is `cat`-ed (a carriage return, DEL, the
C1 controls, the bidirectional controls) are written as character references (`&#x9b;`),
which a parser reads back as the same characters.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from assesslint.models import FileResult, Finding
from assesslint.printable import printable

# Characters XML 1.0 cannot hold, even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Only report text and paths can put these in the output: its markup is ours, and ASCII.
_AS_REFERENCE = re.compile("[\r\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _shown(found: re.Match[str]) -> str:
    character = found.group()
    return f"\\u{ord(character):04x}" if character >= "\ufffe" else printable(character)


def _clean(text: str) -> str:
    return _NOT_XML.sub(_shown, text)


def _reference(found: re.Match[str]) -> str:
    return f"&#x{ord(found.group()):x};"


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
    xml = _AS_REFERENCE.sub(_reference, ET.tostring(suites, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
