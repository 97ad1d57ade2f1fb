"""The `conditional` type's optional keys for who speaks and what follows them.

`speaker`, `quotations`, `with-follows` and `with-sections`, on small rules written here.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from assesslint.readers.sections import SectionMap

from helpers import check_rule_yaml

_WHO = r"(?:mum|dad|she|he|(?:Mr|Mrs) [A-Z]\\w+|(?-i:[A-Z][a-z]+))"
SPEECH = f"""\
trigger:
  - {{regex: "\\\\b{_WHO} (?:says|said|told me)\\\\b"}}
"""


def check(tmp_path: Path, sections: SectionMap, rule: str, text: str) -> list[str | None]:
    found = check_rule_yaml(tmp_path, sections, "type: conditional\n" + textwrap.dedent(rule), text)
    return [finding.match for finding in found]


def test_without_speaker_every_speech_phrase_is_a_trigger(
    tmp_path: Path, sections: SectionMap
) -> None:
    text = "Household:\nOlek (6) lives with his mum.\n\nViews:\nOlek says he likes football."
    assert check(tmp_path, sections, SPEECH, text) == ["Olek says"]


def test_a_childs_name_from_the_report_is_not_an_account_to_check(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = SPEECH + "speaker: not-child\n"
    text = (
        "Household:\nOlek (6) lives with his mum, Renata Nowak (34).\n\n"
        "Views:\nOlek says he likes football. Renata says she has stopped drinking. "
        "Mum said the flat is warm."
    )
    assert check(tmp_path, sections, rule, text) == ["Renata says", "Mum said"]


def test_a_pronoun_speaks_for_the_person_named_before_it(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = SPEECH + "speaker: not-child\n"
    text = (
        "Household:\nOlek (6) and his sister Zosia (9) live with Renata Nowak (mother).\n\n"
        "Views:\nI saw Zosia alone at school. She says she gets her own breakfast.\n\n"
        "I saw Renata at home. She says she has stopped drinking.\n\n"
        "Olek was asleep, and later he said he was hungry.\n\n"
        "She said the flat is warm."
    )
    # The last "She" has nobody named before it: a speaker nobody can place is checked.
    assert check(tmp_path, sections, rule, text) == ["She says", "She said"]


def test_family_leaves_a_titled_professional_alone(tmp_path: Path, sections: SectionMap) -> None:
    text = (
        "Household:\nAmani (8) lives with her father, Mr Osei.\n\n"
        "Professionals:\nMrs Lund, Amani's class teacher, sees her every day.\n\n"
        "Views:\nMrs Lund says Amani is on time. Mr Osei says he has stopped drinking."
    )
    assert check(tmp_path, sections, SPEECH + "speaker: family\n", text) == ["Mr Osei says"]
    # `not-child` alone checks professionals too: the default is unchanged.
    assert check(tmp_path, sections, SPEECH + "speaker: not-child\n", text) == [
        "Mrs Lund says",
        "Mr Osei says",
    ]


def test_quotations_skip_ignores_companions_in_someones_own_words(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = (
        SPEECH
        + "with: [stopped]\nrequire: [test]\nwindow: {sentences-after: 1}\nquotations: skip\n"
    )
    text = (
        'Views:\nDad said "I stopped ages ago" and he feels fine.\n\n'
        'Mum said she has stopped. She told me "I did the test last week".\n\n'
        "Dad said he has stopped; his test in May was clear."
    )
    assert check(tmp_path, sections, rule, text) == ["Mum said"]
    counted = SPEECH + "with: [stopped]\nrequire: [test]\nwindow: {sentences-after: 1}\n"
    assert check(tmp_path, sections, counted, text) == ["Dad said"]


def test_quotations_skip_passes_over_a_trigger_inside_quotation_marks(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = SPEECH + "quotations: skip\n"
    text = 'Views:\nKayden told me, "Mum said I can go out." Mum said it is fine.'
    assert check(tmp_path, sections, rule, text) == ["Kayden told me", "Mum said"]


def test_with_follows_counts_only_what_comes_after_the_trigger(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = SPEECH + "with: [drinking]\nwith-follows: true\n"
    text = (
        "Views:\nHer drinking worries me, but Mum said the winter is hard. Dad said drinking helps."
    )
    assert check(tmp_path, sections, rule, text) == ["Dad said"]


def test_with_sections_stand_in_for_the_with(tmp_path: Path, sections: SectionMap) -> None:
    rule = """\
    trigger: [attended every meeting]
    with: [risk has reduced]
    with-sections: [strengths]
    """
    text = (
        "Strengths:\nMum has attended every meeting.\n\n"
        "History:\nMum has attended every meeting.\n\n"
        "Analysis:\nMum has attended every meeting, so the risk has reduced."
    )
    assert check(tmp_path, sections, rule, text) == [
        "attended every meeting",
        "attended every meeting",
    ]


def test_family_leaves_a_professional_introduced_by_first_name_alone(
    tmp_path: Path, sections: SectionMap
) -> None:
    text = (
        "Household:\nNoor (3) lives with her mother, Hana.\n\n"
        "Professionals:\nNoor's health visitor, Carys Pugh, visits monthly. "
        "Bethan (family support worker) sees Hana weekly.\n\n"
        "Views:\nCarys says Noor is gaining weight. Bethan said the flat was warm. "
        "Hana says she has stopped drinking. Hana has engaged with the family support worker."
    )
    found = check(tmp_path, sections, SPEECH + "speaker: family\n", text)
    assert found == ["Hana says"]


def test_with_follows_reads_the_sentence_when_the_speech_phrase_ends_it(
    tmp_path: Path, sections: SectionMap
) -> None:
    rule = SPEECH + "with: [stopped]\nwith-follows: true\n"
    text = "Views:\nThe fights have stopped, Mum said. Nothing has stopped, Mum said, but it helps."
    assert check(tmp_path, sections, rule, text) == ["Mum said"]
