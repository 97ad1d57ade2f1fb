"""How old the report says each person is, by first name, from the ways reports say it.

"Poppy Brannigan (4)", "Poppy (aged 4)", "Poppy, 4,", "Poppy is four", "a four-year-old,
Poppy", "Poppy, a 4-year-old", "At four, Poppy ...". Ages in months ("Riley (10 months)")
are under one year and are given as 0. A name given two ages keeps the first. Only
first names are kept: that is how a report names a child later on.
"""

from __future__ import annotations

import re

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
}
_NUMBER = r"(\d{1,2}|" + "|".join(_WORDS) + r")"
_NAME = r"([A-Z][a-z][a-z'-]+)"
_SURNAME = r"(?:\s+[A-Z][a-z'-]+)?"
_PATTERNS = [
    # Poppy Brannigan (4), Poppy (aged 4), Poppy (4 years), Riley (10 months)
    re.compile(
        _NAME + _SURNAME + r"\s*\((?:aged?\s*)?" + _NUMBER + r"(\s*(?:years?|yrs?|y))?"
        r"(\s*months?)?\)"
    ),
    # Poppy, 4, / Poppy, aged 4
    re.compile(
        _NAME + _SURNAME + r",\s*(?:aged?\s+)?" + _NUMBER + r"(\s*(?:years?|yrs?))?"
        r"(\s*months?)?(?=[,;)]|\s+(?:years?|and|is|has|was|lives))"
    ),
    # Poppy is four / Poppy is 4 years old
    re.compile(
        _NAME + r" is (?:now |only |just )?" + _NUMBER + r"(\s+years?(?: old)?)?"
        r"(\s+months?(?: old)?)?\b(?![-/.:]\d)"
    ),
]
# A four-year-old, Poppy / four-year-old Poppy / Poppy, a four-year-old / At four, Poppy
_BEFORE = [
    re.compile(r"\b" + _NUMBER + r"[- ]year[- ]old,?\s+" + _NAME),
    re.compile(r"\b[Aa]t (?:the age of |age )?" + _NUMBER + r",\s+" + _NAME),
]
_AFTER = re.compile(_NAME + r",?\s+(?:a|an|who is a|who is an)\s+" + _NUMBER + r"[- ]year[- ]old")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _WORDS[text.lower()]


def ages_in(text: str) -> dict[str, int]:
    """Return each first name's age in years, as the report gives it."""
    found: dict[str, int] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            name, number, _years, months = match.groups()
            found.setdefault(name, 0 if months else _number(number))
    for pattern in _BEFORE:
        for match in pattern.finditer(text):
            number, name = match.groups()
            found.setdefault(name, _number(number))
    for match in _AFTER.finditer(text):
        name, number = match.groups()
        found.setdefault(name, _number(number))
    return found
