"""No built-in rule names a person: names come from the report, never from a rule.

A rule whose pattern says "Leo" or "Kayla" passes its own examples and does nothing, or the
wrong thing, on a report about any other child. The check reads every pattern text in every
rule and lexicon file (everything but the prose a person reads: examples, message, suggest,
why, source, title, description) and looks for common UK first names, capitalised, as
whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from assesslint.resources import builtin_rules_dir

# Prose for people to read, where names belong (a worked example, a review's title, the
# wording a term's finding offers instead).
_PROSE_KEYS = frozenset(
    {
        "examples",
        "message",
        "suggest",
        "why",
        "source",
        "title",
        "description",
        "note",
        "alternative",
        "expansion",
    }
)

# Common first names in the UK, both sexes, several backgrounds. Names that are also
# ordinary capitalised words in rules (May, June, Will, Hope, Grace, Mark, Rose, Summer)
# are left out so the check cannot fail on a month or a modal verb.
_FIRST_NAMES = """
Aaliyah Aaron Abdul Abdullah Abigail Ada Adam Adele Aditya Adrian Ahmed Aidan Aiden Aisha
Aisling Alana Alan Alex Alexander Alexandra Alfie Ali Alice Alicia Alisha Amara Amber Amelia
Amina Amir Amira Amy Ananya Andrea Andrew Angela Anna Annie Anthony Archie Arjun Arlo Arthur
Asha Ashley Aurora Ava Ayaan Ayesha Barry Bartosz Beatrice Bella Ben Benjamin Bethany Bilal
Billy Blessing Bobby Bradley Brandon Brooke Bryony Caitlin Callum Calum Cameron Caoimhe
Carl Carly Carys Casey Cerys Chantelle Charlie Charlotte Chelsea Chidi Chinedu Chloe
Chantal Ciara Ciaran Clare Claire Cody Connor Conor Courtney Craig Daisy Daniel Danielle
Darren David Dean Declan Demi Denise Dennis Dev Dominic Donna Dylan Ebony Eden Eilidh
Eleanor Elijah Eliza Ella Ellie Ellis Elsie Emeka Emily Emma Erin Ethan Eva Evie Ewan Ezra
Fatima Ffion Finlay Finley Finn Fiona Florence Frankie Freddie Freya Gabriel Gareth Gavin
Gemma George Georgia Gethin Gracie Hamza Hannah Harley Harper Harrison Harry Harvey Hassan
Hayley Heidi Henry Holly Hussain Ibrahim Idris Imogen Isaac Isabella Isabelle Isla Ismail
Isobel Ivy Jack Jacob Jade Jake James Jamie Jasmine Jason Jayden Jennifer Jessica Jodie
Joe Joel John Jordan Joseph Joshua Julie Kai Kacper Karen Karim Katie Kayden Kayla Kayleigh
Keeley Keira Kelly Kerry Kevin Khadija Kian Kieran Kirsty Kofi Kwame Kyle Lacey Laila
Lauren Layla Leah Lee Leanne Leila Leo Leon Lewis Liam Lily Lisa Logan Lola Louie Louis
Lucas Lucy Luke Luna Lydia Maddison Madison Maisie Maja Malachi Maria Mariam Marley Martin
Maryam Mason Matilda Matthew Megan Mia Michael Michelle Millie Mohammed Mohammad Molly Muhammad
Nadia Naomi Natalie Nathan Niamh Nicola Noah Nuala Oisin Olivia Oliver Ollie Omar Oscar
Osian Owen Paige Patrick Paul Phoebe Piotr Poppy Priya Rachel Rebecca Reece Rhiannon Rhys
Riley Robert Robyn Ronan Rory Rosie Ryan Sadie Safiya Samantha Samir Samira Samuel Sara
Sarah Scarlett Sean Seren Shannon Shauna Shona Siobhan Sofia Sophie Stacey Stephen Steven
Tariq Tayla Taylor Teigan Theo Thomas Tia Tiffany Toby Tom Tommy Tomasz Tracey Tyler Usman
Victoria Wiktoria Willow William Yasmin Yusuf Zac Zain Zainab Zara Zoe Zofia Zuzanna
""".split()  # noqa: SIM905 - a list of hundreds of words is easier to read as text

_NAME = re.compile(rf"\b(?:{'|'.join(_FIRST_NAMES)})\b")


def _pattern_texts(node: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a rule file outside its prose keys, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key) not in _PROSE_KEYS:
                yield from _pattern_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _pattern_texts(value, f"{where}[{index}]")
    elif isinstance(node, str):
        yield where, node


def names_in(data: object) -> list[tuple[str, str]]:
    """The (place, name) of each first name in the pattern texts of a parsed rule file."""
    return [
        (where, found.group(0))
        for where, text in _pattern_texts(data, "")
        for found in _NAME.finditer(text)
    ]


RULE_FILES = sorted(builtin_rules_dir().rglob("*.yaml"))


def test_there_are_rule_files_to_check() -> None:
    assert len(RULE_FILES) > 20


@pytest.mark.parametrize(
    "path", RULE_FILES, ids=lambda p: p.relative_to(builtin_rules_dir()).as_posix()
)
def test_no_first_names_in_patterns(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert names_in(data) == [], f"{path}: patterns name people; take names from the report"


def test_the_check_finds_a_name_in_a_pattern_and_not_in_prose() -> None:
    rule = {
        "trigger": [{"regex": "\\b(?:Leo|child)\\s+says\\b"}, "Mum said Ffion"],
        "entries": [{"term": "MGM", "alternative": ["Leo's grandmother"]}],
        "unless": ["(?:Amira|Mr [A-Z]\\w*)"],
        "message": "Leo's mum",
        "examples": {"fail": ["Kayla says"], "pass": [{"text": "Leo says"}]},
        "source": "review into the death of Arthur",
    }
    assert [name for _, name in names_in(rule)] == ["Leo", "Ffion", "Amira"]


def test_the_check_leaves_ordinary_words_and_lower_case_alone() -> None:
    rule = {"trigger": ["by May 2026", "leo", "kai", "Mr Smith", "Will attend", "Grace period"]}
    assert names_in(rule) == []
