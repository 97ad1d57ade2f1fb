"""Load rules from folders, strictly: every mistake in every file, each at `path:line:col`.

A rules folder holds one folder per category, each with one YAML file per rule (the file
name is the rule's ID), and optionally `lexicons/`. Pointing at a single category folder
works too. YAML files at the top of a rules folder (`sections.yaml`) are data, not rules.

Unknown keys, values of the wrong kind, bad regular expressions, unknown lexicons, sections
and placeholders, duplicate IDs and (when asked) spaCy token patterns that spaCy would
refuse are all reported, for every file, in one `RuleLoadError`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assesslint.models import BlockKind, Severity
from assesslint.rules.lexicons import load_lexicons
from assesslint.rules.parsing import ParseContext
from assesslint.rules.spec import (
    COMMON_KEYS,
    COMMON_PLACEHOLDERS,
    DEFAULT_BLOCKS,
    Example,
    Lexicon,
    PatternSpec,
    Rule,
)
from assesslint.rules.types import RULE_TYPES
from assesslint.yamlfile import MarkedDict, MarkedList, YamlError, load_yaml

_RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_BLOCK_NAMES = {kind.value: kind for kind in BlockKind}
_EXAMPLE_KEYS = {"text", "format", "match", "count"}


class RuleLoadError(Exception):
    """Mistakes in rule or lexicon files, each located at `path:line:col`."""

    def __init__(self, errors: Sequence[YamlError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class RuleSet:
    """The rules in force, and the lexicons they were built from."""

    rules: tuple[Rule, ...]
    lexicons: Mapping[str, Lexicon]

    def get(self, rule_id: str) -> Rule | None:
        """Return the rule with this ID, if loaded."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    @property
    def categories(self) -> list[str]:
        """Return the categories, sorted."""
        return sorted({rule.category for rule in self.rules})


def rule_files(folder: Path) -> list[tuple[str, Path]]:
    """Return `(category, path)` for every rule file in a rules folder."""
    found = [
        (path.parent.name, path)
        for path in sorted(folder.glob("*/*.yaml"))
        if path.parent.name != "lexicons"
    ]
    if not found:
        found = [(folder.name, path) for path in sorted(folder.glob("*.yaml"))]
    return found


def load_rules(
    folders: Sequence[Path],
    section_names: Collection[str],
    *,
    check_token_patterns: bool = True,
    extra_lexicons: Mapping[str, Lexicon] | None = None,
) -> RuleSet:
    """Load every rule in `folders`, raising `RuleLoadError` with all mistakes found.

    `extra_lexicons` are lexicons the rules may use besides those in `folders` (a local
    rules folder tested on its own still sees the built-in lexicons).
    """
    loaded, errors = load_lexicons(folders)
    lexicons = {**(extra_lexicons or {}), **loaded}
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            errors.append(YamlError(folder, 1, 1, "rules folder not found"))
            continue
        files = rule_files(folder)
        if folder.name != "lexicons" and not files and not (folder / "lexicons").is_dir():
            errors.append(YamlError(folder, 1, 1, "no rule files (.yaml) in this folder"))
        for category, path in files:
            ctx = ParseContext(path=path, lexicons=lexicons, section_names=section_names)
            rule = _load_rule(path, category, ctx)
            errors.extend(ctx.errors)
            if rule is None or ctx.errors:
                continue
            if rule.id in seen:
                errors.append(
                    YamlError(
                        path,
                        1,
                        1,
                        f"rule ID {rule.id!r} is already used by "
                        f"{seen[rule.id]}; rule IDs must be unique",
                    )
                )
                continue
            seen[rule.id] = path
            rules.append(rule)
    if check_token_patterns:
        errors.extend(
            validate_token_patterns(pattern for rule in rules for pattern in rule.token_patterns)
        )
    if errors:
        raise RuleLoadError(sorted(errors, key=lambda e: (e.path, e.line, e.column)))
    return RuleSet(tuple(rules), lexicons)


def validate_token_patterns(patterns: Iterable[PatternSpec]) -> list[YamlError]:
    """Check spaCy Matcher patterns with spaCy's own schema (this imports spaCy)."""
    patterns = list(patterns)
    if not patterns:
        return []
    from spacy.schemas import validate_token_pattern

    errors = []
    for pattern in patterns:
        for problem in validate_token_pattern(pattern.value):
            errors.append(
                YamlError(pattern.path, *pattern.where, f"invalid spaCy token pattern: {problem}")
            )
    return errors


def _load_rule(path: Path, category: str, ctx: ParseContext) -> Rule | None:
    try:
        data = load_yaml(path)
    except YamlError as error:
        ctx.errors.append(error)
        return None
    if not isinstance(data, MarkedDict):
        ctx.error((1, 1), "a rule file must be a mapping of keys to values")
        return None
    rule_id = path.stem
    if not _RULE_ID.fullmatch(rule_id):
        ctx.error(
            (1, 1),
            f"the file name {path.name!r} is the rule ID, which must be lower "
            "case words joined by hyphens (stable-without-risk.yaml)",
        )
    type_name = data.get("type")
    rule_type = RULE_TYPES.get(type_name) if isinstance(type_name, str) else None
    if rule_type is None:
        ctx.error(
            data.value_at("type") if "type" in data else data.position,
            f"'type' must be one of: {', '.join(sorted(RULE_TYPES))}",
        )
        return None
    ctx.check_keys(data, COMMON_KEYS | rule_type.keys, f"a {rule_type.name} rule")
    placeholders = COMMON_PLACEHOLDERS | rule_type.placeholders
    ctx.placeholders = placeholders
    title = ctx.text(data, "title", required=True) or ""
    message = ctx.text(data, "message", required=True) or ""
    if message:
        ctx.check_placeholders(message, placeholders, data.value_at("message"), "'message'")
    suggest = ctx.template(data, "suggest")
    severity = ctx.choice(data, "severity", ["error", "warning", "info"], "warning")
    why = ctx.text(data, "why", required=True) or ""
    source = ctx.text(data, "source", required=True) or ""
    sections = ctx.sections(data, "sections")
    skip_sections = ctx.sections(data, "skip-sections") or frozenset()
    blocks = _blocks(data, ctx, rule_type.default_blocks or DEFAULT_BLOCKS)
    examples = _examples(data, ctx)
    options = rule_type.parse(data, ctx)
    return Rule(
        id=rule_id,
        category=category,
        type=rule_type.name,
        title=title,
        message=message,
        severity=Severity(severity),
        why=why,
        suggest=suggest,
        source=source,
        sections=sections,
        skip_sections=skip_sections,
        blocks=blocks,
        examples=examples,
        options=options,
        path=path,
        token_patterns=tuple(ctx.token_patterns),
    )


def _blocks(
    data: MarkedDict, ctx: ParseContext, default: frozenset[BlockKind]
) -> frozenset[BlockKind]:
    if "blocks" not in data:
        return default
    names = ctx.texts(data, "blocks")
    kinds = set()
    for name in names:
        if name not in _BLOCK_NAMES:
            ctx.error(
                data.value_at("blocks"), f"'blocks' must list some of: {', '.join(_BLOCK_NAMES)}"
            )
            continue
        kinds.add(_BLOCK_NAMES[name])
    return frozenset(kinds) or default


def _examples(data: MarkedDict, ctx: ParseContext) -> tuple[Example, ...]:
    table = ctx.mapping(data, "examples")
    if table is None:
        if "examples" not in data:
            ctx.error(data.position, "missing required key 'examples' (fail and pass texts)")
        return ()
    ctx.check_keys(table, {"fail", "pass"}, "'examples'")
    examples: list[Example] = []
    for kind in ("fail", "pass"):
        items = table.get(kind)
        if not isinstance(items, MarkedList) or not items:
            ctx.error(
                table.key_at(kind) if kind in table else table.position,
                f"'examples' needs a non-empty list of {kind!r} texts",
            )
            continue
        for index, item in enumerate(items):
            example = _example(kind, item, items.item_at(index), ctx)
            if example is not None:
                examples.append(example)
    return tuple(examples)


def _example(kind: str, item: object, where: tuple[int, int], ctx: ParseContext) -> Example | None:
    if isinstance(item, str) and item.strip():
        return Example(kind, item, "text", where)
    if not isinstance(item, MarkedDict):
        ctx.error(where, "an example is a text, or a mapping with 'text'")
        return None
    ctx.check_keys(
        item, _EXAMPLE_KEYS if kind == "fail" else {"text", "format"}, f"a {kind} example"
    )
    text = ctx.text(item, "text", required=True)
    if text is None:
        return None
    fmt = ctx.choice(item, "format", ["text", "markdown"], "text")
    matches: tuple[str | None, ...] | None = None
    if "match" in item:
        value = item["match"]
        listed = value if isinstance(value, list) else [value]
        if not all(v is None or isinstance(v, str) for v in listed):
            ctx.error(
                item.value_at("match"),
                "'match' is the matched text, a list of them, "
                "or null for a finding about a whole section",
            )
        else:
            matches = tuple(listed)
    count = ctx.integer(item, "count", minimum=1)
    return Example(kind, item["text"], fmt, where, matches, count)
