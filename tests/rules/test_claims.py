"""The `claims` rule type, and stable-without-risk built on it: claims, evidence, subjects."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from assesslint.engine import Engine, Selection
from assesslint.models import Finding
from assesslint.nlp import get_pipeline, parse
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap
from assesslint.rules.types.claims import about_someone_else, following_sentences

from helpers import check_rule_yaml


def check_rule(tmp_path: Path, sections: SectionMap, rule: str, text: str) -> list[Finding]:
    """Load one `claims` rule written in YAML and check `text` with it."""
    return check_rule_yaml(tmp_path, sections, rule, text)


def stable(engine: Engine, sections: SectionMap, text: str) -> list[str | None]:
    """What stable-without-risk reports in `text`, read as text (Markdown if it has a table)."""
    suffix = ".md" if text.startswith("|") else ".txt"
    document = read_bytes(textwrap.dedent(text).encode(), "r" + suffix, sections, suffix=suffix)
    selection = Selection(select=frozenset({"stable-without-risk"}))
    return [finding.match for finding in engine.check(document, selection)]


# --- the pieces -------------------------------------------------------------------------


def test_following_sentences_stay_in_the_block_and_with_the_subject(
    sections: SectionMap,
) -> None:
    document = read_bytes(
        b"Analysis:\nDad is calm. He sleeps well. Priya is due at the dentist. He cooks.\n\n"
        b"A new paragraph.",
        "r.txt",
        sections,
        suffix=".txt",
    )
    parsed = parse(get_pipeline(), document)
    start = parsed.text.index("Dad")
    texts = [parsed.text[a:b] for a, b in following_sentences(parsed, start, 5)]
    # The run stops before the sentence about somebody else, and never leaves the block.
    assert texts == ["Dad is calm.", "He sleeps well."]
    start = parsed.text.index("He cooks")
    texts = [parsed.text[a:b] for a, b in following_sentences(parsed, start, 5)]
    assert texts == ["He cooks."]


@pytest.mark.parametrize(
    ("sentence", "known", "other"),
    [
        ("Kirsty is due to see her GP.", {"the", "hv", "has", "ruby."}, True),
        ("Ruby was weighed on Monday.", {"the", "hv", "has", "ruby."}, False),
        ("Ruby's weight is on the 50th centile.", {"ruby."}, False),
        ("She was weighed on Monday.", {"ruby."}, False),
        ("The GP saw her on Monday.", {"ruby."}, False),
        ("Mum says she is fine.", {"ruby."}, False),
        ("However, she has missed two appointments.", {"mum's"}, False),
    ],
)
def test_a_sentence_about_someone_else(sentence: str, known: set[str], other: bool) -> None:
    assert about_someone_else(sentence, (0, len(sentence)), known) is other


def test_evidence_kinds_have_their_own_reach_and_side(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: claims
    claims: [stable]
    evidence:
      near: {patterns: [checked]}
      far: {patterns: [relapse], reach: 1}
      either: {patterns: [tested], before: true}
    """
    text = (
        "Notes:\nMum is stable, checked weekly.\n\n"  # near, after: fine
        "Checked weekly, Mum is stable.\n\n"  # near, before: a finding
        "Mum is stable. It was checked.\n\n"  # near, next sentence: a finding
        "Mum is stable. A relapse is possible.\n\n"  # far, next sentence: fine
        "Mum is stable. She is well. A relapse is possible.\n\n"  # too far: a finding
        "Tested weekly, Mum is stable.\n"  # before counts for this kind
    )
    found = check_rule(tmp_path, sections, rule, text)
    assert [finding.location.line for finding in found] == [4, 6, 10]


def test_hearsay_voids_what_follows_it_and_quiet_covers(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = """\
    type: claims
    claims: [stable]
    quiet: [if mum is stable]
    hearsay: [mum says]
    evidence:
      seen: {patterns: [i saw], reach: 1}
    """
    text = (
        "Notes:\nDad is stable. Mum says I saw him sober.\n\n"
        "Dad is stable. I saw him sober.\n\n"
        "We will close if Mum is stable.\n"
    )
    found = check_rule(tmp_path, sections, rule, text)
    assert [finding.location.line for finding in found] == [2]


# --- stable-without-risk -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Verbs of being and seeming, and comparatives.
        ("Analysis:\nGrandad's health has remained stable.", ["stable"]),
        ("Analysis:\nThe household appears much more settled.", ["settled"]),
        ("Analysis:\nDad presented as settled during my visit.", ["settled"]),
        # Attributive: the family has one now.
        ("Stability:\nThe twins have a settled family life.", ["settled"]),
        ("Analysis:\nThere has been a stable period since the summer.", ["stable"]),
        # Labels with no verb, in prose and in a form's answer cell.
        ("Basic care:\nHome conditions stable.", ["stable"]),
        ("Health:\nMum's mental health - stable.", ["stable"]),
        ("| Area | Answer |\n|---|---|\n| Mood | Settled |", ["Settled"]),
        # A professional's view with no finding, however it is put.
        ("Health:\nThe midwife has no concerns about baby Isla.", ["no concerns"]),
        ("Education:\nThe school reports no worries.", ["no worries"]),
        ("Analysis:\nThere are no safeguarding concerns.", ["no safeguarding concerns"]),
        ("Analysis:\nThe risk of harm to Omar is considered low.", ["low"]),
        # Things near the claim that are not evidence for it.
        ("Health:\nDad's mood is stable. Dad says the GP gave him new tablets.", ["stable"]),
        ("Health:\nMum is settled. Keira starts nursery in September.", ["settled"]),
        ("Analysis:\nThe home is stable since Dad moved out in 2023.", ["stable"]),
        (
            "Analysis:\nThe family seem settled and the school said there are no concerns.",
            ["settled", "no concerns"],
        ),
        (
            "Analysis:\nTheir relationship is stable. They met at college and married in 2019.",
            ["stable"],
        ),
        (
            "Analysis:\nFaith is settled.\n\nHer GP saw her on 4 May and found her well.",
            ["settled"],
        ),
        # Evidence in the same sentence about somebody else.
        ("Health:\nMum's mood is stable and Jake has been to 95% of sessions.", ["stable"]),
        # More ways of putting it.
        ("Analysis:\nThe boys have settled in with their aunt.", ["settled"]),
        ("Analysis:\nMum is happy and settled in the new flat.", ["settled"]),
        ("Health:\nDad is mentally stable.", ["stable"]),
        ("Education:\nThe school are not concerned about Ryan.", ["concerned"]),
        ("Health:\nThere are no health concerns.", ["no health concerns"]),
        ("Analysis:\nThe situation at home has stabilised.", ["stabilised"]),
        ("Education:\nSchool have not raised any concerns.", ["not raised any concerns"]),
        ("Health:\nMum's mood — stable.", ["stable"]),
        ("Analysis:\nDad presented as settled during my visit.", ["settled"]),
        ("Health:\nMum is settled. According to Mum, her GP confirmed she is well.", ["settled"]),
    ],
)
def test_conclusions_without_evidence_are_found(
    engine: Engine, sections: SectionMap, text: str, expected: list[str]
) -> None:
    assert stable(engine, sections, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Headings and the Assessment Framework dimension.
        "Stability:\nOlu has gone to the same school since reception.",
        "Emotional and behavioural development:\nOlu is quiet at first.",
        # Conditions, plans and needs.
        "Recommendation:\nThe case will close if there are no further concerns at review.",
        "Plan:\nSami will live in a settled home with his aunt by June.",
        "Analysis:\nZara needs a stable home where the same adult collects her.",
        "Analysis:\nOnce Mum is stable on her new medication, overnight stays can start.",
        # Verbs about a baby.
        "Observation:\nBaby Theo settles to sleep after his bottle.",
        "Observation:\nTheo was settled in his mum's arms within two minutes.",
        # Negation says there is a problem.
        "Analysis:\nDad's drinking is not stable and he missed three tests.",
        # Somebody's own words, and a parent's own view, are for other rules.
        "Child's views:\nAsha said, “I've got no worries now my dad's gone.”",
        'Child\'s views:\nAsha said: "Home is settled now."',
        "Parents' views:\nMum is not worried about the school's letter.",
        "Parents' views:\nDad feels that home is much more settled now.",
        "Health:\nThe health visitor noted no concerns with Evie's development at her review.",
        "Analysis:\nMum's mood seems more stable. However, she has missed her last two "
        "appointments with the perinatal team.",
        "Analysis:\nThe home has been unstable since the move.",
        # Measures and things that are not about care.
        "Health:\nBaby Nia's weight has been stable on the 9th centile.",
        "Household:\nMum has been in stable employment for four years.",
        # Evidence of a kind that counts, in several forms.
        "Health:\nMum's mood is stable, confirmed by her psychiatrist on 2 June.",
        "Health:\nMum's mood is stable. Her CPN has recorded no low days since March.",
        "Education:\nAttendance has been stable at 97% since Easter.",
        "Analysis:\nDad's drinking is stable: his last six breath tests at the clinic were clear.",
        "Analysis:\nAmy is more settled at school: she has been to 38 of 40 sessions this term.",
        "Analysis:\nThe family are settled. When I visited on 3 May the children were playing "
        "calmly and the kitchen was clean.",
        # The risk that remains, or what would show it slipping.
        "Health:\nMum's mental health is stable, but if she stops her medication the voices "
        "come back within days.",
        "Health:\nMum's mood is stable. The early warning signs are that she stops eating "
        "and stays in bed.",
        "Analysis:\nThe home is settled, although Dad still drinks on Friday nights.",
        "Analysis:\nThe home is stable for now. If Mr Price returns, Mum will call the police.",
        # Evidence about the same person after a turn to another clause.
        "Health:\nMum's mood is stable, and Dr Khan found no sign of low mood on 3 May.",
        # A professional's account is evidence; a parent's is not (above).
        "Education:\nJo is more settled in class: Mrs Cole says she has finished her work every "
        "day for the last three weeks.",
        "Analysis:\nDad's drinking is stable. On each of my visits he was sober and calm.",
        "Health:\nDad is stable on lithium; his psychiatrist saw him on 12 May and his levels "
        "were in range.",
    ],
)
def test_near_misses_stay_quiet(engine: Engine, sections: SectionMap, text: str) -> None:
    assert stable(engine, sections, text) == []
