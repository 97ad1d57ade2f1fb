"""Heading aliases: template headings from England, Wales, Scotland and Northern Ireland."""

from __future__ import annotations

from pathlib import Path

import pytest

from assesslint.readers.sections import SectionFileError, SectionMap, normalise_heading

HEADINGS = [
    # England: child and family assessment and the Assessment Framework (2000)
    ("Reason for assessment", "reason"),
    ("What has led to this assessment?", "reason"),
    ("Chronology of significant events", "history"),
    ("Background and history", "history"),
    ("Household composition", "household"),
    ("Household and family", "household"),
    ("Family", "household"),
    ("Genogram", "household"),
    ("Child's developmental needs", "child-development"),
    ("Emotional and behavioural development", "emotional-behavioural"),
    ("Selfcare skills", "self-care"),
    ("Parenting capacity", "parenting-capacity"),
    ("Ensuring safety", "ensuring-safety"),
    ("Guidance and boundaries", "guidance-boundaries"),
    ("Stability", "stability"),
    ("Family and environmental factors", "family-environment"),
    ("Family history and functioning", "family-functioning"),
    ("Child's wishes and feelings", "child-voice"),
    ("Voice of the child", "child-voice"),
    ("Lived experience of the child", "child-voice"),
    ("A day in the life of Leo", "child-voice"),
    ("Leo's views", "child-voice"),
    ("Leo's views and lived experience", "child-voice"),
    ("What does the child/young person want to happen?", "child-voice"),
    ("Parents' views", "parent-views"),
    ("Mum's views", "parent-views"),
    ("Father's views", "parent-views"),
    ("Analysis of risk and need", "analysis"),
    ("Summary and analysis", "analysis"),
    ("Professional analysis", "analysis"),
    ("Analysis of implications for the child's future safety, health and development", "analysis"),
    ("Outcome of assessment", "decision"),
    ("Recommendations", "decision"),
    ("Child in need plan", "plan"),
    ("Future plan of intervention", "plan"),
    ("Outline child protection plan", "plan"),
    ("Plan for Leo", "plan"),
    ("Desired outcomes", "outcomes"),
    ("How will we know we are making progress?", "outcomes"),
    ("Who will do what by when", "actions"),
    ("Contingency plan", "contingency"),
    ("What will happen if the plan does not work?", "contingency"),
    ("Date report shared with parents/carers", "sharing"),
    ("Manager's decision", "management"),
    # Early help and pre-birth
    ("Development of the unborn baby/infant/child/young person", "child-development"),
    ("The unborn baby's anticipated needs", "child-development"),
    ("Birth plan", "plan"),
    ("Reason for pre-birth assessment", "reason"),
    ("Strengths and needs of the child", None),
    # Signs of Safety
    ("What are we worried about?", "risks"),
    ("What's working well?", "strengths"),
    ("What needs to happen?", "plan"),
    ("Danger statements", "danger-statements"),
    ("Safety goals", "safety-goals"),
    ("Safety scale", "scaling"),
    ("Complicating factors", "risks"),
    # Wales
    ("What matters to me", "child-voice"),
    ("Personal outcomes", "outcomes"),
    ("Barriers to achieving personal outcomes", "risks"),
    ("Care and support protection plan", "plan"),
    # Scotland (GIRFEC)
    ("How I grow and develop", "child-development"),
    ("What I need from the people who look after me", "parenting-capacity"),
    ("My wider world", "family-environment"),
    ("Child's plan", "plan"),
    ("Wellbeing indicators", "wellbeing"),
    # Northern Ireland (UNOCINI)
    ("Child or young person's needs", "child-development"),
    ("Basic care, safety and protection", "basic-care"),
    ("Emotional warmth and stability", "emotional-warmth"),
    ("Guidance, boundaries and stimulation", "guidance-boundaries"),
    ("Family functioning, influences and history", "family-functioning"),
    ("Housing, employment and financial considerations", "housing"),
    # Numbering, punctuation and case
    ("3. ANALYSIS", "analysis"),
    ("Section 4: Child’s views", "child-voice"),
    ("4.2 Stability:", "stability"),
    ("b) Plan", "plan"),
    # Not sections: these must not be claimed
    ("Assessment", None),
    ("Summary", None),
    ("Mother's mental health", None),
    ("Grandmother's views", None),
]


@pytest.mark.parametrize(("heading", "canonical"), HEADINGS)
def test_heading_resolves(sections: SectionMap, heading: str, canonical: str | None) -> None:
    found = sections.resolve(heading)
    assert (found.name if found else None) == canonical


def test_groups(sections: SectionMap) -> None:
    assert sections.groups("stability") == ("parenting-capacity",)
    assert sections.groups("safety-goals") == ("outcomes", "plan")
    assert sections.groups("analysis") == ()


def test_normalise_heading() -> None:
    assert normalise_heading("  3.1  Child’s   Views: ") == "child's views"
    assert normalise_heading("Section 2 - Parents & Carers") == "parents and carers"


def test_extra_aliases_come_first(sections: SectionMap) -> None:
    local = sections.with_aliases(
        {"child-voice": ["what i told my worker"], "local-section": ["panel notes"]}
    )
    assert local.resolve("What I told my worker:").name == "child-voice"
    assert local.resolve("Panel notes").name == "local-section"
    assert local.resolve("Analysis").name == "analysis"
    assert sections.resolve("What I told my worker") is None


def test_broken_sections_file_is_reported_at_each_mistake(tmp_path: Path) -> None:
    path = tmp_path / "sections.yaml"
    path.write_text(
        "fragments: {}\n"
        "sections:\n"
        "  analysis:\n"
        "    aliases: ['analysis(']\n"
        "    colour: red\n"
        "  plan:\n"
        "    within: nowhere\n"
        "    aliases: ['{missing} plan']\n",
        encoding="utf-8",
    )
    with pytest.raises(SectionFileError) as caught:
        SectionMap.load(path)
    messages = [str(error) for error in caught.value.errors]
    assert any(m.startswith(f"{path}:4:15: invalid regular expression") for m in messages)
    assert any(m.startswith(f"{path}:5:5: unknown key 'colour'") for m in messages)
    assert any(m.startswith(f"{path}:8:15: unknown fragment {{missing}}") for m in messages)
    assert any(
        m.startswith(f"{path}:7:13: section 'plan' is within unknown section") for m in messages
    )
