"""The register of men in a report, and the `men` rule type that asks whether each was assessed.

The reports here are synthetic and short; each test names the capability it holds: how a
man is introduced, which of his mentions are his, and which sentences show he was seen,
heard or checked, as opposed to his absence.
"""

from __future__ import annotations

import textwrap

import pytest

from assesslint.engine import Engine, Selection
from assesslint.models import Finding
from assesslint.nlp import get_pipeline
from assesslint.readers import read_bytes
from assesslint.readers.men import MenFinder
from assesslint.readers.sections import SectionMap
from assesslint.resources import builtin_rules_dir
from assesslint.rules.loader import load_rules

ROLES = "father|dad|daddy|step-?father|step-?dad|partner|boyfriend|husband|lodger"


@pytest.fixture(scope="module")
def engine() -> tuple[Engine, SectionMap]:
    sections = SectionMap.load()
    ruleset = load_rules([builtin_rules_dir()], sections.names)
    return Engine(ruleset, get_pipeline()), sections


def men_in(text: str, fmt: str = ".txt") -> list[tuple[str, str]]:
    sections = SectionMap.load()
    document = read_bytes(textwrap.dedent(text).encode(), f"r{fmt}", sections, suffix=fmt)
    finder = MenFinder(ROLES, "partner")
    return [
        (document.text[man.start : man.end], man.role)
        for man in finder.find(document.text, document.blocks)
    ]


def findings(engine: tuple[Engine, SectionMap], text: str, fmt: str = ".txt") -> list[Finding]:
    checker, sections = engine
    document = read_bytes(textwrap.dedent(text).encode(), f"r{fmt}", sections, suffix=fmt)
    return checker.check(document, Selection(select=frozenset({"man-not-assessed"})))


# --- the register ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ellie lives with her mum and her partner Nathan.", "Nathan"),
        ("Ellie's father, Robert Carey, lives in Hull.", "Robert Carey"),
        ("Father of the baby: Aaron Pitt, born 2001.", "Aaron Pitt"),
        ("Father of Ruby and Sam: Aaron Pitt (30), lives nearby.", "Aaron Pitt"),
        ("Nathan (mum's boyfriend) stays most nights.", "Nathan"),
        ("Nathan Webb (29, mum's partner) moved in last year.", "Nathan Webb"),
        ("Robert Carey, Ellie's stepfather, works away.", "Robert Carey"),
        ("Robert Carey - father - no contact.", "Robert Carey"),
        ("Robert is Ellie's father and sees her on Sundays.", "Robert"),
        ("Ellie's dad, Mr Carey, collects her on Fridays.", "Mr Carey"),
    ],
)
def test_a_man_is_found_however_he_is_introduced(text: str, name: str) -> None:
    assert [found for found, _ in men_in(text)] == [name]


def test_a_heading_that_is_a_relationship_introduces_the_name_under_it() -> None:
    text = "# Father\n\nOwen Marsh - lives in Leeds, no contact.\n"
    assert men_in(text, ".md") == [("Owen Marsh", "Father")]


def test_a_household_table_row_introduces_a_man() -> None:
    text = "| Name | Relationship |\n|---|---|\n| Ellie | child |\n| Owen Marsh | stepfather |\n"
    assert men_in(text, ".md") == [("Owen Marsh", "stepfather")]


@pytest.mark.parametrize(
    "text",
    [
        # A child's list of the people at home, and a child's words about her father.
        'She said "Mummy, Daddy, Ellie, Biscuit" live in her house.',
        "When I asked about his father, Kai said he misses him.",
        # "grandfather" holds "father"; a grandfather is not a role this register is given.
        "Ellie sees her grandfather Ray on Sundays.",
        # A man's partner: "his partner".
        "Robert lives with his partner Jo.",
        # A partner the report calls "she".
        "Mum's sister lives with her partner Jo. Jo says she is glad to help.",
        # A capitalised word opening a sentence is not a man's name.
        "Yesterday, her partner stayed in.",
        # "Kirsty (29), her partner Ryan": Kirsty is not the partner.
    ],
)
def test_words_that_are_not_a_man_introduced(text: str) -> None:
    assert men_in(text) == []


def test_the_woman_before_the_partner_is_not_the_partner() -> None:
    found = men_in("Kai lives with his mum Kirsty (29), her partner Ryan Shaw (32) and Isla.")
    assert [name for name, _ in found] == ["Ryan Shaw"]


def test_one_man_introduced_twice_is_one_man() -> None:
    text = "Ellie's father, Robert Carey, lives in Hull.\n\nRobert (Ellie's dad) phones weekly."
    assert [name for name, _ in men_in(text)] == ["Robert Carey"]


# --- was he assessed? --------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "Robert has not been spoken to.",
        "I have not yet spoken to him.",
        "He did not attend the meeting and could not be reached by phone.",
        "Robert works away and was not present at either visit.",
        "Robert was not invited to the review.",
        "Mum says he told her he has stopped drinking.",
        "I will meet Robert before the review.",
        "Robert has contact with Ellie every Saturday.",
        "I have not met Robert.",
        "We have never visited him at home.",
        "Police checks on Robert have not been done.",
        "I hope to have met Robert on his own by the review.",
        "A home visit with Mum was completed on 4 May; Robert was at work.",
        "Mum and Robert's sister were seen together on 4 May.",
    ],
)
def test_absence_hearsay_and_intentions_are_not_evidence(
    engine: tuple[Engine, SectionMap], words: str
) -> None:
    text = f"Family:\nEllie's father, Robert Carey, lives in Hull.\n\nParents' views:\n{words}\n"
    found = findings(engine, text)
    assert [f.match for f in found] == ["Robert Carey"]


@pytest.mark.parametrize(
    "words",
    [
        "I met Robert on his own at his flat on 4 May.",
        "I interviewed Robert on 4 May. He told me he wants Ellie every weekend.",
        "Police checks on Robert came back with one caution from 2019.",
        "Robert said he is worried about Ellie's school.",
        "Robert was not at the first visit, but I met him on 9 May and he said he will help.",
        "Robert was at all three home visits and told me he does the school run.",
        "A home visit was completed with Mum and Robert on 4 May.",
        "Robert shared that he finds bedtimes hard.",
    ],
)
def test_being_met_heard_or_checked_is_evidence(
    engine: tuple[Engine, SectionMap], words: str
) -> None:
    text = f"Family:\nEllie's father, Robert Carey, lives in Hull.\n\nParents' views:\n{words}\n"
    assert findings(engine, text) == []


def test_he_continues_the_man_named_before_him_in_the_paragraph(
    engine: tuple[Engine, SectionMap],
) -> None:
    text = (
        "Family:\nEllie's father, Robert Carey, lives in Hull.\n\n"
        "Parents' views:\nI went to Robert's flat on 4 May. He said he wants Ellie to stay.\n"
    )
    assert findings(engine, text) == []


def test_seen_and_heard_but_said_to_be_still_to_assess_is_a_finding(
    engine: tuple[Engine, SectionMap],
) -> None:
    text = (
        "Family:\nEllie's father, Robert Carey, lives with her.\n\n"
        "Parents' views:\nRobert said he is pleased about the baby.\n\n"
        "Plan:\nRobert to be assessed by 30 June.\n"
    )
    found = findings(engine, text)
    assert [f.match for f in found] == ["Robert Carey"]
    assert "still to be assessed" in found[0].message


def test_the_message_quotes_what_the_report_says_of_his_absence(
    engine: tuple[Engine, SectionMap],
) -> None:
    text = "Family:\nEllie's father, Robert Carey, lives in Hull. He has not been contacted.\n"
    (finding,) = findings(engine, text)
    assert '"has not been contacted"' in finding.message
    assert "Robert Carey (Ellie's father)" in finding.message


def test_one_finding_per_man_at_his_introduction(engine: tuple[Engine, SectionMap]) -> None:
    text = (
        "Family:\nEllie's father, Robert Carey, lives in Hull. Shannon's boyfriend, Carl, "
        "stays three nights a week.\n\nViews:\nRobert was not present. Robert did not reply. "
        "Carl was not present.\n"
    )
    assert [f.match for f in findings(engine, text)] == ["Robert Carey", "Carl"]


def test_a_parent_known_only_by_his_views_heading(engine: tuple[Engine, SectionMap]) -> None:
    text = (
        "Family:\nEllie (7) lives with her mum, Jade Moss. Jade and Owen Moss separated in 2020."
        "\n\nJade's views:\nJade says Ellie is happier since the move.\n\n"
        "Owen's views:\nOwen has not been spoken to, although Ellie stays with him on Sundays.\n"
    )
    assert [f.match for f in findings(engine, text)] == ["Owen"]


def test_an_unknown_father_is_a_finding_unless_a_father_is_named(
    engine: tuple[Engine, SectionMap],
) -> None:
    unknown = "Family:\nMum lives with Maya. Maya's father is not known.\n"
    assert [f.match for f in findings(engine, unknown)] == ["Maya's father is not known"]
    to_police = "Family:\nMum lives with Maya. Maya's father is not known to the police.\n"
    assert findings(engine, to_police) == []


def test_a_relationship_cell_with_a_note_still_introduces_the_man() -> None:
    text = (
        "| Name | Relationship |\n|---|---|\n| Ellie | child |\n"
        "| Owen Marsh | Birth father (lives separately) |\n"
    )
    assert [name for name, _ in men_in(text, ".md")] == ["Owen Marsh"]


def test_a_father_field_left_unknown_is_a_finding(engine: tuple[Engine, SectionMap]) -> None:
    text = "# Family\n\n| Mother | Jade Moss |\n|---|---|\n| Father | Unknown |\n"
    found = findings(engine, text, ".md")
    assert [f.rule for f in found] == ["man-not-assessed"]
    assert "not known" in found[0].message


def test_dad_is_him_when_he_is_the_only_father(engine: tuple[Engine, SectionMap]) -> None:
    text = (
        "Family:\nEllie's father, Robert Carey, lives in Hull.\n\n"
        "Parents' views:\nDad told me he wants Ellie every other weekend.\n"
    )
    assert findings(engine, text) == []


def test_seen_at_a_visit_and_nothing_more_is_a_finding(engine: tuple[Engine, SectionMap]) -> None:
    text = (
        "Family:\nEllie's father, Robert Carey, lives with her.\n\n"
        "Parenting:\nRobert was seen at the home visit on 4 May, before he went to work.\n"
    )
    (finding,) = findings(engine, text)
    assert 'only that he was seen ("Robert was seen")' in finding.message
