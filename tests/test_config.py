"""Configuration files: found upward from each report, validated key by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from assesslint.config import Config, ConfigError, find_config_file, load_config


def test_found_by_searching_upward(tmp_path: Path) -> None:
    team = tmp_path / "team"
    (team / "2026" / "march").mkdir(parents=True)
    config = team / ".assesslint.yaml"
    config.write_text("sections:\n  child-voice: ['my words']\n", encoding="utf-8")
    report = team / "2026" / "march" / "report.docx"
    assert find_config_file(report) == config.resolve()
    assert find_config_file(tmp_path / "elsewhere.docx") is None


def test_yaml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.assesslint]\n", encoding="utf-8")
    assert find_config_file(tmp_path / "r.txt") == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / ".assesslint.yml").write_text("", encoding="utf-8")
    assert find_config_file(tmp_path / "r.txt") == (tmp_path / ".assesslint.yml").resolve()


def test_pyproject_without_our_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 88\n", encoding="utf-8")
    assert find_config_file(tmp_path / "r.txt") is None


def test_sections_aliases_are_read(tmp_path: Path) -> None:
    path = tmp_path / ".assesslint.yaml"
    path.write_text(
        "sections:\n  child-voice:\n    - 'my words'\n    - 'what i said'\n", encoding="utf-8"
    )
    assert load_config(path) == Config(
        path=path, sections={"child-voice": ("my words", "what i said")}
    )


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.assesslint.sections]\nplan = ["our plan"]\n', encoding="utf-8")
    assert load_config(path).sections == {"plan": ("our plan",)}


def test_empty_file_is_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / ".assesslint.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load_config(path) == Config(path=path)


def test_mistakes_are_located(tmp_path: Path) -> None:
    path = tmp_path / ".assesslint.yaml"
    path.write_text(
        "sectons:\n  plan: [x]\nsections:\n  analysis: ['analysis(']\n  plan: 3\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    messages = [str(error) for error in caught.value.errors]
    assert messages[0] == (
        f"{path}:1:1: unknown key 'sectons' in the configuration; expected one of: select, "
        "ignore, severity, fail-on, rules, sections, allow, model, jobs"
    )
    assert messages[1].startswith(f"{path}:4:14: invalid regular expression 'analysis('")
    assert messages[2].startswith(f"{path}:5:9: the aliases of section 'plan' must be a list")


def test_invalid_yaml_is_located(tmp_path: Path) -> None:
    path = tmp_path / ".assesslint.yaml"
    path.write_text("sections:\n  plan: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:3:1: invalid YAML")


def test_pyproject_mistakes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[tool.assesslint]\nselct = ["jargon"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:5:1: unknown key 'selct'")


def test_every_key(tmp_path: Path) -> None:
    (tmp_path / "la-rules").mkdir()
    path = tmp_path / ".assesslint.yaml"
    path.write_text(
        "select: [jargon, stable-without-risk]\n"
        "ignore: long-sentence\n"
        "severity: {jargon-acronym: info}\n"
        "fail-on: warning\n"
        "rules: [la-rules]\n"
        "allow: [SENCO, Contact]\n"
        "model: en_core_web_sm\n"
        "jobs: 3\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.select == ("jargon", "stable-without-risk")
    assert config.ignore == ("long-sentence",)
    assert config.severity == {"jargon-acronym": "info"}
    assert config.fail_on == "warning"
    assert config.rule_dirs == ((tmp_path / "la-rules").resolve(),)
    assert config.allow == ("senco", "contact")
    assert (config.model, config.jobs) == ("en_core_web_sm", 3)
    assert config.positions["jobs"] == (8, 7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail-on: sometimes\n", "1:10: 'fail-on' must be one of: error, warning, info, never"),
        ("severity: {jargon-acronym: loud}\n", "1:11: 'severity' maps rule IDs to error"),
        ("rules: [missing-folder]\n", "1:8: rules folder 'missing-folder' does not exist"),
        ("jobs: 0\n", "1:7: 'jobs' must be a whole number of at least 1"),
        ("select: {a: 1}\n", "1:9: 'select' must be a list of text"),
    ],
)
def test_bad_values_are_located(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / ".assesslint.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:{message}")
