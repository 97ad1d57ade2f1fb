"""Checking the values in a rule file, with every mistake located at `path:line:col`.

`ParseContext` is handed to the shared-key parser and to each rule type's parser. It turns
YAML values into checked Python values (text, lists, numbers, section names, patterns),
records every mistake instead of stopping at the first, and knows the lexicons and section
names that rules may refer to.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assesslint.rules.patterns import plain
from assesslint.rules.regex_safety import backtracking_risk, runtime_flags
from assesslint.rules.spec import Lexicon, PatternSpec, Position
from assesslint.yamlfile import MarkedDict, MarkedList, YamlError

PATTERN_KINDS = ("phrase", "lemma", "exact", "regex", "tokens", "lexicon")


@dataclass
class ParseContext:
    """Everything a rule parser needs: where it is, what exists, and where mistakes go."""

    path: Path
    lexicons: Mapping[str, Lexicon]
    section_names: Collection[str]
    errors: list[YamlError] = field(default_factory=list)
    token_patterns: list[PatternSpec] = field(default_factory=list)
    # The placeholders this rule's messages may use (set once the rule's type is known).
    placeholders: frozenset[str] = frozenset()

    def error(self, where: Position, message: str) -> None:
        """Record a mistake at `where`."""
        self.errors.append(YamlError(self.path, where[0], where[1], message))

    # --- plain values --------------------------------------------------------------------

    def template(self, data: MarkedDict, key: str) -> str | None:
        """Return a message or suggestion template, checking its placeholders."""
        value = self.text(data, key)
        if value is not None:
            self.check_placeholders(value, self.placeholders, data.value_at(key), repr(key))
        return value

    def text(self, data: MarkedDict, key: str, *, required: bool = False) -> str | None:
        """Return `data[key]` as non-empty text, or None if absent and not required."""
        if key not in data:
            if required:
                self.error(data.position, f"missing required key {key!r}")
            return None
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            self.error(data.value_at(key), f"{key!r} must be non-empty text")
            return None
        return value.strip()

    def integer(self, data: MarkedDict, key: str, *, minimum: int = 0) -> int | None:
        """Return `data[key]` as a whole number no smaller than `minimum`, if present."""
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(data.value_at(key), f"{key!r} must be a whole number of at least {minimum}")
            return None
        return value

    def boolean(self, data: MarkedDict, key: str, default: bool) -> bool:
        """Return `data[key]` as true or false, if present."""
        if key not in data:
            return default
        value = data[key]
        if not isinstance(value, bool):
            self.error(data.value_at(key), f"{key!r} must be true or false")
            return default
        return value

    def choice(self, data: MarkedDict, key: str, choices: Iterable[str], default: str) -> str:
        """Return `data[key]`, which must be one of `choices`."""
        options = list(choices)
        if key not in data:
            return default
        value = data[key]
        if value not in options:
            self.error(data.value_at(key), f"{key!r} must be one of: {', '.join(options)}")
            return default
        return str(value)

    def texts(self, data: MarkedDict, key: str) -> list[str]:
        """Return `data[key]` as a list of text (a single text is a list of one)."""
        if key not in data:
            return []
        value = data[key]
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(data.value_at(key), f"{key!r} must be a list of text")
            return []
        return list(value)

    def mapping(self, data: MarkedDict, key: str) -> MarkedDict | None:
        """Return `data[key]` as a mapping, if present."""
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, MarkedDict):
            self.error(data.value_at(key), f"{key!r} must be a mapping of keys to values")
            return None
        return value

    def check_keys(self, data: MarkedDict, allowed: Collection[str], what: str) -> None:
        """Record an error for every key of `data` not in `allowed`."""
        names = sorted(allowed)
        for key in data:
            if key not in allowed:
                self.error(
                    data.key_at(key),
                    f"unknown key {key!r} in {what}; expected one of: {', '.join(names)}",
                )

    def sections(self, data: MarkedDict, key: str) -> frozenset[str] | None:
        """Return canonical section names listed under `key`, checking each exists."""
        if key not in data:
            return None
        names = self.texts(data, key)
        value = data[key]
        for index, name in enumerate(names):
            if name not in self.section_names:
                where = (
                    value.item_at(index) if isinstance(value, MarkedList) else data.value_at(key)
                )
                self.error(
                    where,
                    f"unknown section {name!r}; sections are the canonical names in "
                    "rules/sections.yaml or added by the configuration",
                )
        return frozenset(names)

    def check_placeholders(
        self, template: str, allowed: Collection[str], where: Position, what: str
    ) -> None:
        """Record an error for each `{placeholder}` in `template` not in `allowed`."""
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
        except ValueError as error:
            self.error(
                where, f"{what} has a broken placeholder ({error}); write {{{{ for a literal brace"
            )
            return
        for name in fields:
            if name not in allowed:
                self.error(
                    where,
                    f"{what} uses {{{name}}}, which this rule cannot fill; available: "
                    + ", ".join(f"{{{n}}}" for n in sorted(allowed)),
                )

    # --- patterns ------------------------------------------------------------------------

    def patterns(self, data: MarkedDict, key: str, *, required: bool = False) -> list[PatternSpec]:
        """Parse a list of patterns under `key` (see `pattern`)."""
        if key not in data:
            if required:
                self.error(data.position, f"missing required key {key!r} (a list of patterns)")
            return []
        value = data[key]
        result = self.pattern_list(value, data.value_at(key))
        if required and not result:
            self.error(data.value_at(key), f"{key!r} must list at least one pattern")
        return result

    def pattern_list(self, value: Any, where: Position) -> list[PatternSpec]:
        """Parse a list of patterns (a single pattern is a list of one)."""
        items = value if isinstance(value, list) else [value]
        positions = value.item_positions if isinstance(value, MarkedList) else [where]
        result: list[PatternSpec] = []
        for item, at in zip(items, positions, strict=True):
            result.extend(self.pattern(item, at))
        return result

    def pattern(self, item: Any, where: Position) -> list[PatternSpec]:
        """Parse one pattern: a phrase, or {phrase|lemma|exact|regex|tokens|lexicon: ...}.

        A regular expression with a group named `match`, `(?P<match>...)`, reports only what
        that group matched, so the surrounding words can be required without being quoted.
        """
        path = str(self.path)
        if isinstance(item, str):
            if not item.strip():
                self.error(where, "a pattern must not be empty")
                return []
            return [PatternSpec("lower", item.strip(), path, where)]
        if not isinstance(item, MarkedDict) or not item:
            self.error(
                where,
                "a pattern is a phrase, or a mapping with one of: " + ", ".join(PATTERN_KINDS),
            )
            return []
        kinds = [key for key in item if key in PATTERN_KINDS]
        if len(kinds) != 1:
            self.error(where, "a pattern mapping needs exactly one of: " + ", ".join(PATTERN_KINDS))
            return []
        kind = kinds[0]
        allowed = {kind, "case-sensitive"} if kind == "regex" else {kind}
        self.check_keys(item, allowed, f"a {kind} pattern")
        value = item[kind]
        at = item.value_at(kind)
        if kind == "lexicon":
            lexicon = self.lexicons.get(value) if isinstance(value, str) else None
            if lexicon is None:
                known = ", ".join(sorted(self.lexicons)) or "none"
                self.error(at, f"unknown lexicon {value!r}; lexicons: {known}")
                return []
            return lexicon.patterns()
        if kind == "tokens":
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(token, dict) for token in value)
            ):
                self.error(
                    at, "a tokens pattern is a list of token mappings, as spaCy's Matcher takes"
                )
                return []
            spec = PatternSpec("tokens", plain(value), path, at)
            self.token_patterns.append(spec)
            return [spec]
        if not isinstance(value, str) or not value.strip():
            self.error(at, f"a {kind} pattern must be non-empty text")
            return []
        if kind == "regex":
            case_sensitive = self.boolean(item, "case-sensitive", False)
            try:
                re.compile(value, runtime_flags(value, case_sensitive))
            except re.error as error:
                self.error(at, f"invalid regular expression {value!r}: {error}")
                return []
            risk = backtracking_risk(value)
            if risk is not None:
                self.error(at, f"regular expression {value!r} is unsafe: {risk}")
                return []
            return [PatternSpec("regex", value, path, at, case_sensitive=case_sensitive)]
        return [PatternSpec("lower" if kind == "phrase" else kind, value.strip(), path, at)]
