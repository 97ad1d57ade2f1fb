r"""Patterns that begin with assertions run as their rest, gated, and match the same.

Python's engine jumps ahead to where a pattern can start only when the pattern begins
with characters; `\b(?:she|he) has` and `(?<!no )domestic` begin with assertions, so the
engine cuts such patterns in two (`regex_safety.gated_form`) and checks the assertions
only where the rest matches. These tests hold the cut to the pattern, and every built-in
pattern that is cut to the same matches as the whole.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from assesslint.engine import Engine
from assesslint.readers import read_document
from assesslint.readers.sections import SectionMap
from assesslint.rules.patterns import _Gated
from assesslint.rules.regex_safety import gated_form

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Near-misses for the gates: words inside words, negations just before, at text edges.
AWKWARD = (
    "she has made tea. ashe has made it. the house was clean. no domestic abuse; "
    "domestic abuse. not aware of domestic abuse. panda dv da dvd. with a hat, without a "
    "hat. s.20 s20 s 20 as.20 is stable. she is stable but. if mum drinks, leo will stay. "
    'mum said: leo now sleeps. leo_now sleeps. 19 1990 x1990 in 2019. “quoted” "text"'
)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:she|he) has\b", (r"\b", r"(?:she|he) has\b")),
        (r"(?<!no )(?<!not )\bdomestic", (r"(?<!no )(?<!not )\b", "domestic")),
        (r"(?=\w)(?:a|b)c", (r"(?=\w)", "(?:a|b)c")),
        (r"(?<![(\]])\bx", (r"(?<![(\]])\b", "x")),  # brackets inside a class
        (r"\bwith [a-z]+", (r"\b", "with [a-z]+")),
        (r"\b[a-z]ed\b", (r"\b", r"[a-z]ed\b")),
        (r"\b[a-z]+ed\b", None),  # a repeated class: the engine does not jump to it
        (r"dog\b", None),  # nothing in front to cut away
        (r"\b\w+ly\b", None),  # the rest starts anywhere: nothing to jump to
        (r"\b(?:is)?\s*stable", None),  # the rest's first character may be anything
        (r"\b(?=(a))a", None),  # the gate holds a group
        (r"\b(?:x)?", None),  # the rest can match nothing
        (r"\b", None),
        (r"(?<!no \bdomestic", None),  # not a pattern at all
    ],
)
def test_gated_form(pattern: str, expected: tuple[str, str] | None) -> None:
    assert gated_form(pattern, re.MULTILINE) == expected


def _same_matches(pattern: str, gated: _Gated, text: str) -> None:
    whole = re.compile(pattern, re.MULTILINE)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in whole.finditer(text)], (
        pattern
    )
    # Searches start and stop inside the text: the gate still sees the words before.
    rng = random.Random(len(text))
    for _ in range(5):
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert [m.span() for m in gated.finditer(text, start, end)] == [
            m.span() for m in whole.finditer(text, start, end)
        ], (pattern, start, end)


def test_gated_runs_find_the_same_matches_on_awkward_text() -> None:
    for pattern, (gate, rest) in [
        (r"\b(?:she|he) has made\b", (r"\b", r"(?:she|he) has made\b")),
        (r"(?<!no )(?<!of )\bdomestic abuse", (r"(?<!no )(?<!of )\b", "domestic abuse")),
        (r"\b(?:dv|da)\b", (r"\b", r"(?:dv|da)\b")),
        (r"\b[s]\.? ?20\b", (r"\b", r"[s]\.? ?20\b")),
        (r"\b(?:19|20)\d\d\b", (r"\b", r"(?:19|20)\d\d\b")),
    ]:
        assert gated_form(pattern, re.MULTILINE) == (gate, rest)
        gated = _Gated(re.compile(gate, re.MULTILINE), re.compile(rest, re.MULTILINE))
        _same_matches(pattern, gated, AWKWARD)


def test_every_gated_builtin_pattern_matches_the_same(engine: Engine, sections: SectionMap) -> None:
    texts = [read_document(path, sections).text for path in sorted(EXAMPLES.glob("0*.*"))]
    texts += [AWKWARD, AWKWARD.upper()]
    cut = 0
    for regex in engine.patterns._regexes:
        gated = regex.gated
        if gated is None:
            continue
        cut += 1
        usual = regex.value if regex.case_sensitive else regex._lowered_source
        assert usual is not None
        for text in texts:
            _same_matches(usual, gated, text if regex.case_sensitive else text.lower())
    assert cut >= 50  # most patterns begin with \b
