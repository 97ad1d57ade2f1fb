"""A child's age is read from the ways reports give it, by first name."""

from __future__ import annotations

import pytest

from assesslint.rules.ages import ages_in


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("Children: Kian Brannigan (10), Poppy Brannigan (4)", "Poppy", 4),
        ("Poppy (aged 4) lives with her mum.", "Poppy", 4),
        ("Poppy, 4, and her brother Sam, 9, live with Mum.", "Poppy", 4),
        ("Poppy is four and goes to nursery.", "Poppy", 4),
        ("Sam is 9 years old.", "Sam", 9),
        ("She is a bright four-year-old, Poppy, who loves drawing.", "Poppy", 4),
        ("At five, Maisie told me what life is like for her.", "Maisie", 5),
        ("Maisie, a 5-year-old, drew her house.", "Maisie", 5),
        ("Riley (10 months) is thriving.", "Riley", 0),
    ],
)
def test_ages_are_read(text: str, name: str, age: int) -> None:
    assert ages_in(text).get(name) == age


@pytest.mark.parametrize(
    "text",
    [
        "Poppy is 4/5 on the scale.",
        "Poppy is happy at nursery.",
        "Room 4 is where Poppy plays.",
    ],
)
def test_numbers_that_are_not_ages(text: str) -> None:
    assert "Poppy" not in ages_in(text)


def test_the_first_age_given_is_kept() -> None:
    assert ages_in("Poppy (4) ... Poppy is 5 in May.")["Poppy"] == 4
