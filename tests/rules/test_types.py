"""Each rule type's keys and edge cases, on small rules written in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from assesslint.models import Finding
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap

from helpers import check_rule_yaml

check = check_rule_yaml


def matches(findings: list[Finding]) -> list[str | None]:
    return [finding.match for finding in findings]


# --- terms -----------------------------------------------------------------------------


def test_terms_match_forms(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: terms
    terms:
      - {term: placement}
      - {term: abscond, match: lemma}
      - {term: LAC}
    """
    text = "Placements ended. The placement broke down. He absconded twice. lac is not LAC."
    assert matches(check(tmp_path, sections, rule, text)) == ["placement", "absconded", "LAC"]


def test_terms_unless_and_unless_sentence(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: terms
    terms:
      - {term: placement, unless: [work placement]}
      - {term: contact, unless-sentence: [by phone, email]}
    """
    text = (
        "Tyler's work placement starts in May. His placement is with Ray. "
        "I made contact with the school by phone. Contact with dad is on Saturdays."
    )
    found = check(tmp_path, sections, rule, text)
    assert [(f.match, f.location.column) for f in found] == [("placement", 43), ("Contact", 107)]


def test_acronym_defined_at_first_use_in_either_order(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: terms
    terms:
      - {term: CIN, class: define, expansion: child in need}
      - {term: PLO, class: define, expansion: public law outline}
      - {term: ICPC, class: define}
    """
    text = (
        "Leo is on a child in need (CIN) plan. The CIN plan works. "
        "The PLO (public law outline) letter was sent. Then the PLO meeting. "
        "The ICPC was held. The initial child protection conference (ICPC) agreed."
    )
    found = check(tmp_path, sections, rule, text)
    assert [(f.match, f.details) for f in found] == [("ICPC", {"uses": 2})]


def test_acronym_spelled_out_in_a_heading_counts(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: terms
    terms:
      - {term: CIN, class: define, expansion: child in need}
    """
    text = "Child in need (CIN) plan:\nThe CIN plan is reviewed monthly.\n"
    assert check(tmp_path, sections, rule, text) == []


def test_unknown_abbreviations(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: terms
    terms: [{term: GP, class: known}]
    unknown: {message: "unknown {match}", ignore: [ZZQ]}
    """
    text = (
        "Mr B and Child AB live here. Part IV applies. Mum did NOT come. "
        "The KPQ met twice; the KPQ agreed. Three ICPCs were held. ZZQ is local. "
        "The GP is Dr JM. The team around the family (TAF) met. The TAF agreed.\n\n"
        "MUM WAS VERY ANGRY AND SHOUTED AT THE WORKER ABOUT THE CP PLAN."
    )
    found = check(tmp_path, sections, rule, text)
    assert [(f.match, f.message) for f in found] == [
        ("KPQ", "unknown KPQ"),
        ("ICPCs", "unknown ICPCs"),
    ]


def test_local_allow_list(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: terms
    terms: [{term: placement}]
    unknown: {}
    """
    text = "The SENCO visited. Her placement is going well."
    found = check(tmp_path, sections, rule, text, allow=frozenset({"senco", "placement"}))
    assert found == []


# --- conditional ------------------------------------------------------------------------


def test_conditional_windows(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: conditional
    trigger: [stable]
    require: [relapse]
    window: {sentences-after: 1}
    """
    text = (
        "Analysis:\nMum is stable. A relapse would show in poor sleep.\n\n"
        "Mum is stable. She is well. A relapse is possible.\n\n"
        "Plan:\nMum is stable.\n\nHistory:\nA relapse in 2020."
    )
    found = check(tmp_path, sections, rule, text)
    assert [f.location.line for f in found] == [4, 7]


def test_conditional_with_and_unless(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: conditional
    trigger: [engaged well, attended]
    unless: [attended school]
    with: [risk has reduced, shows that]
    """
    text = (
        "Mum engaged well, which shows that the risk has reduced. Mum attended school "
        "meetings, which shows that she cares. Dad engaged well with the worker."
    )
    assert matches(check(tmp_path, sections, rule, text)) == ["engaged well"]


def test_conditional_repeat_last_word(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: conditional
    trigger:
      - tokens: [{LOWER: partner}, {IS_TITLE: true}]
    repeat: last-word
    window: {sections: [parenting-capacity, analysis]}
    """
    text = (
        "Household:\nMum's partner Kyle lives here. Her partner Kyle works nights. "
        "Her partner Dean visits.\n\nAnalysis:\nDean is kind to Leo."
    )
    found = check(tmp_path, sections, rule, text)
    assert matches(found) == ["partner Kyle"]


def test_companion_inside_another_trigger_does_not_count(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = """\
    type: conditional
    trigger: [settled, no concerns]
    require: [{lemma: concern}]
    """
    text = "The family are settled and there are no concerns. The concern is mornings."
    assert matches(check(tmp_path, sections, rule, text)) == ["settled", "no concerns"]


def test_inside_a_trigger_is_found_by_position() -> None:
    # Companions are looked up among sorted triggers by position, not one by one.
    import random

    from assesslint.rules.types.conditional import _inside_any, _outermost

    rng = random.Random(9)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 60)
            spans.append((start, start + rng.randint(1, 12)))
        triggers = _outermost(spans)
        starts = [start for start, _ in triggers]
        for _ in range(20):
            start = rng.randint(0, 70)
            span = (start, start + rng.randint(1, 8))
            expected = any(s <= span[0] and span[1] <= e for s, e in triggers)
            assert _inside_any(span, triggers, starts) == expected, (span, triggers)


# --- coverage ---------------------------------------------------------------------------

COVERAGE = """\
type: coverage
section: child-voice
if-missing: report
missing-message: "No child's voice."
stand-ins: [N/A, too young]
questions:
  voice:
    label: what the child said or did
    patterns: [said, played, smiled]
"""


def test_coverage_missing_section(tmp_path: Path, sections: SectionMap) -> None:
    found = check(tmp_path, sections, COVERAGE, "Analysis:\nText.\n")
    assert [(f.message, f.location.block, f.match) for f in found] == [
        ("No child's voice.", None, None)
    ]


def test_coverage_stand_ins_need_an_answer_in_their_block(
    tmp_path: Path, sections: SectionMap
) -> None:
    text = (
        "Children's views:\nMia said she is scared when Dad drinks.\n\n"
        "Noah is too young to share his views.\n\n"
        "Baby is too young to talk, but she smiled at her mum.\n"
    )
    found = check(tmp_path, sections, COVERAGE, text)
    assert [(f.match, f.location.line) for f in found] == [("too young", 4)]


def test_coverage_unanswered_and_empty_sections(tmp_path: Path, sections: SectionMap) -> None:
    text = "Child's views:\nI visited on Monday.\n\nParenting capacity:\nMum cooks.\n"
    found = check(tmp_path, sections, COVERAGE, text, message="{section}: {question}")
    assert [(f.message, f.match, f.location.block) for f in found] == [
        ("Child's views:: what the child said or did", None, 0)
    ]


def test_coverage_scope_each(tmp_path: Path, sections: SectionMap) -> None:
    rule = COVERAGE.replace("if-missing: report", "if-missing: report\nscope: each")
    text = "Mia's views:\nMia played.\n\nNoah's views:\nI visited.\n"
    found = check(tmp_path, sections, rule, text, message="{section}")
    assert [f.message for f in found] == ["Noah's views:"]


def test_coverage_when_and_together(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: coverage
    section: analysis
    questions:
      drinking:
        label: what the drinking means for the child
        when: [drink, drinking, alcohol]
        together: [[drink, drinking, alcohol], [for Leo, impact on]]
    """
    no_drinking = "Analysis:\nMum is warm.\n"
    assert check(tmp_path, sections, rule, no_drinking) == []
    apart = (
        "History:\nDad's drinking.\n\n"
        "Analysis:\nDad's drinking is daily. He works nights. The impact on Leo is unclear."
    )
    assert len(check(tmp_path, sections, rule, apart)) == 1
    next_sentence = "Analysis:\nDad's drinking is daily. The impact on Leo is that he is scared."
    assert check(tmp_path, sections, rule, next_sentence) == []
    together = "Analysis:\nDad's drinking means that for Leo, evenings are frightening."
    assert check(tmp_path, sections, rule, together) == []


def test_coverage_missing_unless(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: coverage
    section: contingency
    if-missing: report
    missing-unless: [contingency]
    """
    assert len(check(tmp_path, sections, rule, "Plan:\n- Mum will cook daily.\n")) == 1
    written_in = "Plan:\n- Mum will cook daily.\n- The contingency is that Gran cooks.\n"
    assert check(tmp_path, sections, rule, written_in) == []


# --- items ------------------------------------------------------------------------------

ITEMS = """\
type: items
sections: [plan]
skip-sections: [contingency]
sentences-when-no-items: true
skip: [review at]
criteria:
  timebound: {label: time-bound, must: [{regex: "\\\\b20\\\\d\\\\d\\\\b"}]}
  owner: {label: owned, must: [Mum, Dad, Gran]}
  specific: {label: specific, must-not: [attend a course], unless: [so that]}
"""


def test_items_list_and_details(tmp_path: Path, sections: SectionMap) -> None:
    text = (
        "Plan:\n- Mum will cook daily from 1 May 2026.\n- Attend a course.\n"
        "- Dad will attend a course so that he is calmer, by June 2026.\n- Review at core group.\n"
    )
    found = check(tmp_path, sections, ITEMS, text, message="{missing}")
    assert [(f.match, f.message, f.details) for f in found] == [
        (
            "Attend a course.",
            "time-bound, owned and specific",
            {"missing": ["timebound", "owner", "specific"]},
        ),
    ]


def test_items_table_rows_are_read_whole(tmp_path: Path, sections: SectionMap) -> None:
    text = (
        "## Plan\n\n| Outcome | Who | When |\n|---|---|---|\n"
        "| Leo eats breakfast daily. | Gran | 2026 |\n| Leo sleeps well. | | |\n"
    )
    found = check(tmp_path, sections, ITEMS, text, fmt=".md", message="{missing}")
    assert [(f.match, f.message) for f in found] == [("Leo sleeps well.", "time-bound and owned")]


def test_items_sentences_only_when_no_list(tmp_path: Path, sections: SectionMap) -> None:
    prose = "Plan:\nMum will cook in 2026. Things will improve.\n\nContingency plan:\nGran helps."
    found = check(tmp_path, sections, ITEMS, prose)
    assert matches(found) == ["Things will improve."]


# --- metric -----------------------------------------------------------------------------


def test_metric_sentence_and_block_words(tmp_path: Path, sections: SectionMap) -> None:
    rule = "type: metric\nmax: 5\n"
    text = "Analysis:\nOne two three four five six. One two.\n"
    found = check(tmp_path, sections, rule, text, message="{count}/{limit}")
    assert [(f.message, f.match) for f in found] == [("6/5", "One two three four five six.")]
    blocks = check(
        tmp_path, sections, "type: metric\nmax: 7\nmeasure: block-words\n", text, message="{count}"
    )
    assert [f.message for f in blocks] == ["8"]


@pytest.mark.parametrize("measure", ["sentence-words", "block-words"])
def test_metric_headings_are_not_measured(
    tmp_path: Path, sections: SectionMap, measure: str
) -> None:
    text = "# A heading with far too many words for any heading really\n\nShort.\n"
    rule = f"type: metric\nmax: 3\nmeasure: {measure}\n"
    assert check(tmp_path, sections, rule, text, fmt=".md") == []


def test_conditional_first_per_sentence(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: conditional
    trigger: [cooperative, attended every appointment]
    per-sentence: first
    """
    text = "Mum was cooperative and attended every appointment. Dad was cooperative."
    assert matches(check(tmp_path, sections, rule, text)) == ["cooperative", "cooperative"]


def test_coverage_also_in(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    type: coverage
    section: analysis
    questions:
      strengths:
        label: the strengths
        patterns: [warm, close to]
        also-in: [strengths]
    """
    listed = "Strengths:\nLeo is close to his mum.\n\nAnalysis:\nMornings are hard.\n"
    assert check(tmp_path, sections, rule, listed) == []
    absent = "Risks:\nLeo is close to the road.\n\nAnalysis:\nMornings are hard.\n"
    assert len(check(tmp_path, sections, rule, absent)) == 1


def test_abbreviation_candidates_are_every_token_of_capitals(sections: SectionMap) -> None:
    # Candidates are found from stretches of capitals, not token by token; every token
    # that is wholly an abbreviation must still be among them, in order.
    import spacy

    from assesslint.nlp import parse
    from assesslint.rules.types.terms import _CANDIDATE, _candidates

    text = (
        "GONNA and CAN'T and NHSs, MASH's CP-plan x-RAY ABCDEFGHIJKLMNOP.\n\n"
        "Mr. DV, (CAMHS) 'GP' ISP/CIN plan; IRO-led KS2 aB AB\tCD ABCD.\n"
    )
    document = read_bytes(text.encode(), "r.txt", sections, suffix=".txt")
    nlp = spacy.blank("en")
    # Two abbreviations with nothing between them: the second starts inside the first's
    # stretch of capitals.
    nlp.tokenizer.add_special_case("ABCD", [{"ORTH": "AB"}, {"ORTH": "CD"}])
    parsed = parse(nlp, document)
    every = [
        (i, start, end)
        for i, (start, end) in enumerate(zip(parsed.token_starts, parsed.token_ends, strict=True))
        if _CANDIDATE.fullmatch(parsed.text, start, end)
    ]
    assert len(every) >= 10
    assert list(_candidates(parsed)) == every
