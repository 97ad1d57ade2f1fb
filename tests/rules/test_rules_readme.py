"""rules/README.md documents every key of every rule type, so authors can rely on it."""

from __future__ import annotations

from assesslint.resources import builtin_rules_dir
from assesslint.rules.spec import COMMON_KEYS
from assesslint.rules.types import RULE_TYPES


def test_every_key_and_placeholder_is_documented() -> None:
    readme = (builtin_rules_dir() / "README.md").read_text(encoding="utf-8")
    for key in COMMON_KEYS:
        assert f"`{key}`" in readme, key
    for name, rule_type in RULE_TYPES.items():
        section = readme.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
        for key in rule_type.keys:
            assert f"`{key}" in section, f"{name}: {key}"
        for placeholder in rule_type.placeholders:
            assert f"`{{{placeholder}}}`" in section, f"{name}: {{{placeholder}}}"
