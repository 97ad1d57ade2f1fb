"""Rule files with known mistakes: every mistake reported at its line and column, in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assesslint.cli import main
from assesslint.readers.sections import SectionMap
from assesslint.rules.loader import RuleLoadError, load_rules
from assesslint.rules.types import RULE_TYPES

VALID = """\
type: terms
title: A valid rule
message: "'{match}' is a word to avoid."
suggest: Write {alternative}.
why: A reason long enough to explain to a practitioner why the rule exists at all.
source: A published guide.
terms:
  - {term: placement, alternative: home}
examples:
  fail: [The placement is going well.]
  pass: [The home is going well.]
"""

# (file name, content, expected "line:col: message" prefixes)
BROKEN = [
    ("bad-yaml.yaml", "type: terms\ntitle: [unclosed\n", ["3:1: invalid YAML"]),
    (
        "unknown-key.yaml",
        VALID.replace("severity", "x") + "colour: red\n",
        ["12:1: unknown key 'colour' in a terms rule"],
    ),
    (
        "wrong-type.yaml",
        VALID.replace("type: terms\n", "type: terms\nseverity: loud\n"),
        ["2:11: 'severity' must be one of: error, warning, info"],
    ),
    (
        "unknown-type.yaml",
        VALID.replace("type: terms", "type: spelling"),
        ["1:7: 'type' must be one of: " + ", ".join(sorted(RULE_TYPES))],
    ),
    (
        "bad-regex.yaml",
        VALID.replace(
            "  - {term: placement, alternative: home}", "  - {term: 'plac(ement', match: regex}"
        ),
        ["8:12: invalid regular expression 'plac(ement'"],
    ),
    (
        "unknown-lexicon.yaml",
        VALID.replace("terms:\n  - {term: placement, alternative: home}\n", "lexicon: nowhere\n"),
        ["7:10: unknown lexicon 'nowhere'"],
    ),
    (
        "unknown-section.yaml",
        VALID.replace("type: terms\n", "type: terms\nsections: [analysis, nowhere]\n"),
        ["2:22: unknown section 'nowhere'"],
    ),
    (
        "bad-placeholder.yaml",
        VALID.replace("'{match}' is a word to avoid.", "'{matched}' is a word to avoid."),
        ["3:10: 'message' uses {matched}, which this rule cannot fill"],
    ),
    (
        "no-pass-example.yaml",
        VALID.replace("  pass: [The home is going well.]\n", ""),
        ["10:3: 'examples' needs a non-empty list of 'pass' texts"],
    ),
    (
        "Bad_Name.yaml",
        VALID,
        ["1:1: the file name 'Bad_Name.yaml' is the rule ID, which must be lower case words"],
    ),
    (
        "missing-why.yaml",
        VALID.replace(
            "why: A reason long enough to explain to a practitioner why the rule exists at all.\n",
            "",
        ),
        ["1:1: missing required key 'why'"],
    ),
    (
        "bad-token-pattern.yaml",
        """\
type: conditional
title: A token rule
message: "{match}"
suggest: Something else.
why: A reason.
source: A guide.
trigger:
  - tokens: [{LEMMA: engage}, {LOWR: with}]
examples:
  fail: [x]
  pass: [y]
""",
        [
            "8:13: invalid spaCy token pattern: [pattern -> 1 -> LOWR] Extra inputs are not "
            "permitted"
        ],
    ),
    (
        "bad-window.yaml",
        """\
type: conditional
title: A window rule
message: "{match}"
suggest: Something else.
why: A reason.
source: A guide.
trigger: [stable]
window: fortnight
examples:
  fail: [x]
  pass: [y]
""",
        ["8:9: 'window' must be one of: sentence, block, section, document"],
    ),
]


def write_rules(folder: Path) -> Path:
    category = folder / "local"
    category.mkdir(parents=True)
    for name, content, _ in BROKEN:
        (category / name).write_text(content, encoding="utf-8")
    (category / "good-rule.yaml").write_text(VALID, encoding="utf-8")
    return category


def test_every_mistake_in_every_file_in_one_run(tmp_path: Path, sections: SectionMap) -> None:
    category = write_rules(tmp_path)
    with pytest.raises(RuleLoadError) as caught:
        load_rules([tmp_path], sections.names)
    messages = [str(error) for error in caught.value.errors]
    for name, _, expected in BROKEN:
        for prefix in expected:
            wanted = f"{category / name}:{prefix}"
            assert any(m.startswith(wanted) for m in messages), f"{wanted!r} not in {messages}"
    assert not any("good-rule.yaml" in m for m in messages)


def test_duplicate_rule_ids_across_folders(tmp_path: Path, sections: SectionMap) -> None:
    for folder in ("one", "two"):
        category = tmp_path / folder / "jargon"
        category.mkdir(parents=True)
        (category / "same-rule.yaml").write_text(VALID, encoding="utf-8")
    with pytest.raises(RuleLoadError) as caught:
        load_rules([tmp_path / "one", tmp_path / "two"], sections.names)
    assert "rule ID 'same-rule' is already used by" in str(caught.value)


def test_broken_lexicon_is_located(tmp_path: Path, sections: SectionMap) -> None:
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "words.yaml").write_text(
        "entries:\n  - fine\n  - {term: x, colour: red}\n  - {regex: '(('}\n", encoding="utf-8"
    )
    with pytest.raises(RuleLoadError) as caught:
        load_rules([tmp_path], sections.names)
    text = str(caught.value)
    assert f"{lexicons / 'words.yaml'}:3:15: unknown key 'colour' in a lexicon entry" in text
    assert f"{lexicons / 'words.yaml'}:4:13: invalid regular expression '(('" in text


def test_cli_prints_every_mistake_and_exits_2(tmp_path: Path) -> None:
    write_rules(tmp_path)
    result = CliRunner().invoke(main, ["test-rules", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad-regex.yaml:8:12: invalid regular expression" in result.output
    assert "unknown-section.yaml:2:22: unknown section 'nowhere'" in result.output
    assert "Traceback" not in result.output


def test_check_refuses_to_start_with_broken_local_rules(tmp_path: Path) -> None:
    write_rules(tmp_path / "la-rules")
    (tmp_path / ".assesslint.yaml").write_text("rules: [la-rules]\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("Analysis:\nThe placement is going well.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(report)])
    assert result.exit_code == 2
    assert "bad-yaml.yaml:3:1: invalid YAML" in result.output
