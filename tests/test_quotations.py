"""Quotations are found as a reader finds them: paired marks, never apostrophes."""

from __future__ import annotations

import pytest

from assesslint.quotations import inside, quotation_spans


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quotation_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'He said "he kicks off when he\'s tired" and laughed.',
            ['"he kicks off when he\'s tired"'],
        ),
        ("Mia's mum said ‘he kicks off’ at bedtime.", ["‘he kicks off’"]),
        ("Dad said 'he's fine' and 'no problem'.", ["'he's fine'", "'no problem'"]),
        ("In her words, “it’s calmer now”.", ["“it’s calmer now”"]),
        ("She said “I don’t like ‘contact’ days” to me.", ["“I don’t like ‘contact’ days”"]),
        ("(‘We’re fine,’ Mum said.)", ["‘We’re fine,’"]),
    ],
)
def test_quotations_are_paired(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't worry; the kids' room is tidy and Leo's bed is made.",
        "Mum’s partner isn’t home on Fridays.",
        'A stray " mark with nothing to pair with.',
        "He was 'quiet\nand then another line'.",
        "She grew up in the '90s in Leeds.",
    ],
)
def test_apostrophes_and_stray_marks_quote_nothing(text: str) -> None:
    assert quoted(text) == []


def test_inside_a_quotation() -> None:
    text = 'Mum said "he kicks off" but he kicks off at school too.'
    spans = quotation_spans(text)
    first = text.index("kicks off")
    second = text.index("kicks off", first + 1)
    assert inside(spans, first, first + 9)
    assert not inside(spans, second, second + 9)
    assert not inside([], first, first + 9)
