"""Headings however a template marks them, and sections by what a heading means.

Each test builds a report the way a producer writes it and reads back, from
`assesslint dump --format json`, every heading's text, how it was marked and its canonical
section. All names are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assesslint.readers.headings import HeadingResolver, clean
from assesslint.readers.people import People, Role, find_people
from assesslint.readers.sections import SectionMap

from docx_factory import build, label_table, p, r
from helpers import run_cli

FAMILY = label_table(
    ("Child", "Tomasz Nowak (8)"),
    ("Sister", "Hania Nowak, aged 3"),
    ("Mother", "Donna Nowak"),
)


def headings(path: Path) -> list[tuple[str, str | None, str]]:
    result = run_cli("dump", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return [
        (block["text"], block["canonical"], block["heading"]["marked"])
        for block in data["blocks"]
        if block["kind"] == "heading"
    ]


def canonical_of(path: Path) -> dict[str, str | None]:
    return {text: canonical for text, canonical, _ in headings(path)}


def test_headings_numbered_by_a_list_linked_to_the_heading_style(tmp_path: Path) -> None:
    path = build(
        tmp_path / "numbered.docx",
        p("Reason for referral", style="Heading1", num=(1, 0)),
        p("School referred the family in March."),
        p("Analysis", style="Heading1", num=(1, 0)),
        p("The mornings are hardest for Tomasz because his mum works nights."),
        p("Plan", style="Heading1", num=(1, 0)),
        p("Tomasz to be in school by 8.50 every day by 1 May 2026 (Donna)."),
    )
    assert headings(path) == [
        ("Reason for referral", "reason", "numbered style"),
        ("Analysis", "analysis", "numbered style"),
        ("Plan", "plan", "numbered style"),
    ]


@pytest.mark.parametrize(
    ("props", "marked"),
    [
        ("<w:caps/>", "capitals"),
        ('<w:u w:val="single"/>', "underline"),
        ('<w:sz w:val="32"/>', "larger font"),
        ("<w:b/>", "bold"),
    ],
)
def test_headings_marked_only_by_how_they_look(tmp_path: Path, props: str, marked: str) -> None:
    body = '<w:rPr><w:sz w:val="22"/></w:rPr>'
    path = build(
        tmp_path / "look.docx",
        p(r("Family history", props=props)),
        p(f"<w:r>{body}<w:t>Donna moved to the town in 2019 with both children.</w:t></w:r>"),
        p(r("Risks", props=props)),
        p(f"<w:r>{body}<w:t>The flat is cold and the boiler has failed twice.</w:t></w:r>"),
    )
    assert headings(path) == [("Family history", "history", marked), ("Risks", "risks", marked)]


def test_typed_capitals_make_a_heading_a_single_word_too(tmp_path: Path) -> None:
    path = build(
        tmp_path / "caps.docx",
        p("HOUSING"),
        p("The family rent a two-bedroom flat from the council."),
    )
    assert headings(path) == [("HOUSING", "housing", "capitals")]


def test_a_short_bold_sentence_in_running_text_is_not_a_heading(tmp_path: Path) -> None:
    path = build(
        tmp_path / "emphasis.docx",
        p("Reason for referral", style="Heading1"),
        p("School referred the family in March after three late arrivals."),
        p("Mum has not used since March", bold=True),
        p("She tests weekly at the clinic."),
        p("Donna said she will try.", bold=True),
    )
    assert [text for text, *_ in headings(path)] == ["Reason for referral"]


def test_a_bold_sentence_is_emphasis_even_without_heading_styles(tmp_path: Path) -> None:
    path = build(
        tmp_path / "emphasis.docx",
        p("Family history", bold=True),
        p("Donna moved to the town in 2019."),
        p("Dad has not been seen since May", bold=True),
        p("Nobody knows where he lives now."),
    )
    assert [text for text, *_ in headings(path)] == ["Family history"]


def test_a_bold_label_opening_a_passage_is_a_heading(tmp_path: Path) -> None:
    path = build(
        tmp_path / "label.docx",
        FAMILY,
        p(
            r("Child's views:", bold=True),
            r(" Tomasz said he likes his new school and wants his mum to stop being tired."),
        ),
    )
    assert ("Child's views:", "child-voice", "bold label") in headings(path)


def test_headings_named_after_people_of_the_report(tmp_path: Path) -> None:
    path = build(
        tmp_path / "people.docx",
        FAMILY,
        p("What Tomasz told me", style="Heading1"),
        p("Tomasz said he is scared when the shouting starts."),
        p("A day in Hania's life", style="Heading1"),
        p("Hania goes to nursery three mornings a week."),
        p("Donna's views", style="Heading1"),
        p("Donna said she wants help with mornings."),
    )
    found = canonical_of(path)
    assert found["What Tomasz told me"] == "child-voice"
    assert found["A day in Hania's life"] == "child-voice"
    assert found["Donna's views"] == "parent-views"


def test_two_part_headings_count_every_part(tmp_path: Path) -> None:
    path = build(
        tmp_path / "parts.docx",
        FAMILY,
        p("Analysis: what this means for Tomasz", style="Heading1"),
        p("Because mornings are chaotic, Tomasz misses breakfast."),
        p("How things are for the children (our analysis", style="Heading1"),
        p("The children are tired because nights are broken."),
        p("Plan - the outcomes we agreed", style="Heading1"),
        p("Tomasz in school by 8.50 every day by 1 May 2026 (Donna)."),
    )
    result = run_cli("dump", str(path), "--format", "json")
    blocks = json.loads(result.output)["blocks"]
    by_text = {b["text"]: b for b in blocks if b["kind"] == "heading"}
    assert by_text["Analysis: what this means for Tomasz"]["canonical"] == "analysis"
    unbalanced = by_text["How things are for the children (our analysis"]
    assert unbalanced["canonical"] == "analysis"
    assert "child-voice" in unbalanced["heading"]["also"]
    # The narrower part names the section, and the broader one still counts.
    plan = by_text["Plan - the outcomes we agreed"]
    assert plan["canonical"] == "outcomes"
    assert "plan" in plan["heading"]["also"]
    assert "part" in plan["heading"]["why"]


def test_a_views_section_under_an_unknown_heading_is_found_by_its_content(
    tmp_path: Path,
) -> None:
    path = build(
        tmp_path / "content.docx",
        FAMILY,
        p("Reason for referral", style="Heading1"),
        p("School referred the family in March."),
        p("In his own time", style="Heading1"),
        p('Tomasz said "I like it when Mum walks me to school".'),
        p("I saw Tomasz play with his sister and laugh when she hid behind the sofa."),
    )
    result = run_cli("dump", str(path), "--format", "json")
    blocks = json.loads(result.output)["blocks"]
    heading = next(b for b in blocks if b["text"] == "In his own time")
    assert heading["canonical"] == "child-voice"
    assert "what the section holds" in heading["heading"]["why"]
    check = run_cli("check", str(path), "--format", "json", "--select", "child-voice")
    rules = {f["rule"] for f in json.loads(check.output)["files"][0]["findings"]}
    assert "child-voice-not-applicable" not in rules


def test_a_missing_section_is_softer_when_unknown_headings_might_be_it(tmp_path: Path) -> None:
    path = build(
        tmp_path / "unsure.docx",
        p("Reason for referral", style="Heading1"),
        p("School referred the family in March."),
        p("Our time together", style="Heading1"),
        p("We met at the family centre on three afternoons."),
        p("Analysis", style="Heading1"),
        p("Mornings are hard because Donna works nights, so Tomasz is late."),
    )
    result = run_cli("check", str(path), "--format", "json", "--fail-on", "never")
    findings = json.loads(result.output)["files"][0]["findings"]
    missing = [f for f in findings if f["rule"] == "child-voice-not-applicable"]
    assert len(missing) == 1
    assert missing[0]["severity"] == "warning"
    assert missing[0]["details"]["unrecognised-headings"] == 1
    assert "assesslint dump" in missing[0]["message"]


def test_a_missing_section_stays_an_error_when_every_heading_is_known(tmp_path: Path) -> None:
    path = build(
        tmp_path / "sure.docx",
        p("Reason for referral", style="Heading1"),
        p("School referred the family in March."),
        p("Analysis", style="Heading1"),
        p("Mornings are hard because Donna works nights, so Tomasz is late."),
    )
    result = run_cli("check", str(path), "--format", "json", "--fail-on", "never")
    findings = json.loads(result.output)["files"][0]["findings"]
    missing = [f for f in findings if f["rule"] == "child-voice-not-applicable"]
    assert [f["severity"] for f in missing] == ["error"]


# --- the resolver and the people register on their own ---------------------------------


@pytest.fixture(scope="module")
def resolver() -> HeadingResolver:
    return HeadingResolver(SectionMap.load())


def test_people_come_from_tables_fields_and_introductions() -> None:
    people = find_people(
        [
            "Kyle Brennan, 25, Jodie's partner",
            "Ava (18 months) lives with her mum, Jodie, in a flat.",
            "Child's name: Reuben Hale",
            "Nan, Lorraine Fairbrother, 58, lives next door.",
        ],
        [[("Name", "Ola Szymańska"), ("Relationship", "daughter")]],
    )
    assert people.role("Kyle") is Role.PARENT
    assert people.role("Ava") is Role.CHILD
    assert people.role("Jodie") is Role.PARENT
    assert people.role("Reuben") is Role.CHILD
    assert people.role("Lorraine") is Role.ADULT


def test_a_word_the_report_writes_in_lower_case_is_not_a_name() -> None:
    people = find_people(["Support (child) is offered.", "We will support Ava (4)."], [])
    assert people.role("Support") is None
    assert people.role("Ava") is Role.CHILD


@pytest.mark.parametrize(
    ("heading", "canonical"),
    [
        ("What Tomasz told me", "child-voice"),
        ("What matters to Tomasz", "child-voice"),
        ("Tomasz's story", "child-voice"),
        ("What Donna thinks", "parent-views"),
        ("What Donna and Piotr told me", "parent-views"),
        ("Views of Tomasz's carers", "parent-views"),
        ("Analysis: what this means for Tomasz", "analysis"),
        ("What I think (analysis)", "analysis"),
        ("Next steps? Goals", "decision"),
        ("If things do not get better", "contingency"),
        ("Why this assessment is happening", "reason"),
        ("Strengths, capability and resources", "strengths"),
        ("Progress since the last review", "progress"),
        ("Fam\u00adily his\u200btory", "history"),
        ("Family\u00a0history", "history"),
        ("Child's development: Health", "health"),
        ("Parents' capacity: Basic care", "basic-care"),
        ("What we think is happening", "analysis"),
        ("Why is early help needed?", "reason"),
        ("Manager's comments", "management"),
    ],
)
def test_resolver(resolver: HeadingResolver, heading: str, canonical: str) -> None:
    people = People({"tomasz": Role.CHILD, "donna": Role.PARENT, "piotr": Role.PARENT})
    assert (resolver.resolve(heading, people).canonical or None) is not None
    found = resolver.resolve(heading, people).canonical
    assert found is not None and found.name == canonical


def test_an_unintroduced_name_is_an_adult_once_the_children_are_known(
    resolver: HeadingResolver,
) -> None:
    heading = "What Dawn thinks"
    alone = resolver.resolve(heading, People({}))
    with_children = resolver.resolve(heading, People({"ada": Role.CHILD}))
    assert alone.canonical is not None and alone.canonical.name == "child-voice"
    assert with_children.canonical is not None
    assert with_children.canonical.name == "parent-views"
    assert "not introduced" in with_children.why


def test_an_unintroduced_name_describing_a_child_is_the_childs_views(tmp_path: Path) -> None:
    path = build(
        tmp_path / "unintroduced.docx",
        FAMILY,
        p("Wayne's views", style="Heading1"),
        p("Wayne was not invited to the review and has not been spoken to."),
        p("How things are for Frankie", style="Heading1"),
        p("Frankie had his two-year check in March and goes to nursery with his sister."),
    )
    found = canonical_of(path)
    assert found["Wayne's views"] == "parent-views"
    assert found["How things are for Frankie"] == "child-voice"


def test_a_line_of_fields_after_a_bold_label_is_not_a_section(tmp_path: Path) -> None:
    path = build(
        tmp_path / "fields.docx",
        p(
            r("Family:", bold=True),
            r(" Nowak\n"),
            r("Review held:", bold=True),
            r(" 15 April 2026 at the family hub with everyone who works with them"),
        ),
    )
    assert headings(path) == []


def test_a_professional_named_with_a_title_is_not_taken_for_the_child(
    resolver: HeadingResolver,
) -> None:
    assert resolver.resolve("Views of Dr Okafor", People({})).canonical is None


def test_clean_removes_what_copy_paste_brings() -> None:
    assert clean("Child\u2019s\u00a0views\u200b\ufeff") == "Child\u2019s views"
    assert clean("safe\u00adguarding non\u2011stop") == "safeguarding non-stop"


def test_pasted_spaces_and_hyphens_do_not_hide_words(tmp_path: Path) -> None:
    path = build(
        tmp_path / "pasted.docx",
        p("Plan", style="Heading1"),
        p("We will review the plan going\u00a0forward and\u200bliaise with school."),
        p("\u200b"),
    )
    dumped = json.loads(run_cli("dump", str(path), "--format", "json").output)
    assert [b["text"] for b in dumped["blocks"]] == [
        "Plan",
        "We will review the plan going forward and liaise with school.",
    ]
    result = run_cli("check", str(path), "--format", "json", "--fail-on", "never")
    matches = {f["match"] for f in json.loads(result.output)["files"][0]["findings"]}
    assert {"going forward", "liaise"} <= matches
