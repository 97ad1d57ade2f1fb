"""What a rule file says, as data: the keys every rule has, its patterns and its examples.

A rule is one YAML file, `rules/<category>/<rule-id>.yaml`. The keys every rule shares are
described here; each rule type adds its own (see `assesslint.rules.types`). Nothing here
imports spaCy, so listing and explaining rules stays quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assesslint.models import BlockKind, Severity

Position = tuple[int, int]

COMMON_KEYS = frozenset(
    {
        "type",
        "title",
        "message",
        "severity",
        "why",
        "suggest",
        "source",
        "sections",
        "skip-sections",
        "blocks",
        "examples",
    }
)

# Placeholders every rule may use in `message` and `suggest`.
COMMON_PLACEHOLDERS = frozenset({"section"})

DEFAULT_BLOCKS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL})


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One pattern as written in a rule or lexicon.

    `kind` is "lower" (a phrase matched on lower case; a plain string in YAML), "lemma" (a
    phrase matched on lemmas, so every form of a word matches), "exact" (exact case, for
    acronyms), "regex" (a regular expression over the text) or "tokens" (a spaCy Matcher
    pattern).
    """

    kind: str
    value: Any
    path: str
    where: Position
    case_sensitive: bool = False

    @property
    def text(self) -> str:
        """The pattern as a string, for messages."""
        return self.value if isinstance(self.value, str) else repr(self.value)


@dataclass(frozen=True, slots=True)
class Example:
    """An example from a rule file: text that must (fail) or must not (pass) be flagged.

    `format` is "text" or "markdown". For a fail example, `matches` lists the matched text
    each finding must have, in order, when given, and `count` how many findings there are.
    """

    kind: str
    text: str
    format: str
    where: Position
    matches: tuple[str | None, ...] | None = None
    count: int | None = None


@dataclass(frozen=True)
class Rule:
    """A loaded rule: the shared keys, and the options its type parsed."""

    id: str
    category: str
    type: str
    title: str
    message: str
    severity: Severity
    why: str
    suggest: str | None
    source: str
    sections: frozenset[str] | None
    skip_sections: frozenset[str]
    blocks: frozenset[BlockKind]
    examples: tuple[Example, ...]
    options: Any
    path: Path
    token_patterns: tuple[PatternSpec, ...] = field(default=(), repr=False)

    def applies_to_section(self, names: frozenset[str]) -> bool:
        """Say whether the rule applies in a section with these canonical names."""
        if names & self.skip_sections:
            return False
        return self.sections is None or bool(names & self.sections)


@dataclass(frozen=True)
class Lexicon:
    """A shared vocabulary, `rules/lexicons/<name>.yaml`, used by name from any rule."""

    name: str
    description: str
    entries: tuple[Any, ...]
    path: Path
    positions: tuple[Position, ...]

    def patterns(self) -> list[PatternSpec]:
        """Return the lexicon's entries as patterns (see `patterns.pattern_from_entry`)."""
        from assesslint.rules.patterns import pattern_from_entry

        return [
            pattern_from_entry(entry, str(self.path), where)
            for entry, where in zip(self.entries, self.positions, strict=True)
        ]


def join_words(words: Sequence[str]) -> str:
    """Join words as a sentence would: "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
