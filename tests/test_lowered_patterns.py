"""Case-insensitive patterns run without IGNORECASE on lower-cased text, and match the same.

Python matches two to three times faster without IGNORECASE, so a case-insensitive pattern
is rewritten for lower-cased text, capitals and all ("Mr [A-Z]" becomes "mr [a-z]").
These tests hold every built-in pattern that is rewritten to the same matches, and check
that what cannot be rewritten safely is left to run as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assesslint.engine import Engine
from assesslint.readers import read_document
from assesslint.readers.sections import SectionMap
from assesslint.rules.regex_safety import lowered_form

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Mixed and shouting case, names and initials, as reports write them.
MIXED = (
    "MUM SAID Leo NOW sleeps well. Mr SMITH told the GP. According to Mrs Jones, "
    "KAYLA has started nursery. The CAMHS worker SEEN BY THE GP on 3/4/2025. S.47 and s 17. "
    "Because She is tired. It means that Leo is safe. His Own Childhood in care."
)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bMr [A-Z]\w*", r"\bmr [a-z]\w*"),
        (r"\bwill\b", r"\bwill\b"),  # nothing to change
        (r"(?P<match>GP|CAMHS)\W", r"(?P<match>gp|camhs)\W"),  # names and escapes kept
        (r"[^A-Z-]", r"[^a-z-]"),
        (r"(?<=Mr )Smith", r"(?<=mr )smith"),
        (r"[A-z]", None),  # lower-cased, the range would lose [ \ ] ^ _ `
        (r"[\]-Z]", None),
        (r"(?-i:DV) ok", None),  # a part that keeps its case
        (r"\x41", None),  # a capital given by number
        (r"\N{LATIN CAPITAL LETTER A}", None),
        (r"[É-Ö]", None),
        ("İ", None),  # lower-cases to two characters
    ],
)
def test_lowered_form(pattern: str, expected: str | None) -> None:
    assert lowered_form(pattern) == expected


def _texts(sections: SectionMap) -> list[str]:
    texts = [read_document(path, sections).text for path in sorted(EXAMPLES.glob("0*.*"))]
    return [*texts, MIXED, MIXED.lower(), MIXED.upper()]


def test_every_rewritten_builtin_pattern_matches_the_same(
    engine: Engine, sections: SectionMap
) -> None:
    # Every distinct regular expression the engine runs, from rules and lexicons alike.
    patterns = {regex.value for regex in engine.patterns._regexes if not regex.case_sensitive}
    rewritten = {p: lowered_form(p) for p in patterns}
    changed = {p: q for p, q in rewritten.items() if q is not None and q != p}
    assert len(changed) >= 10  # names, initials and [A-Z] are common in the rules
    texts = _texts(sections)
    for pattern, lowered in changed.items():
        written = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
        fast = re.compile(lowered, re.MULTILINE)
        for text in texts:
            assert [m.span() for m in written.finditer(text)] == [
                m.span() for m in fast.finditer(text.lower())
            ], pattern
