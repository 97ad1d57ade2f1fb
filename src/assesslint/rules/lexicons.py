"""Shared vocabularies: `rules/lexicons/<name>.yaml`, referred to by name from any rule.

A lexicon is a list of entries. An entry is a phrase; a pattern written as in a rule
(`{lemma: ...}`, `{exact: ...}`, `{regex: ...}`, `{tokens: [...]}`); or a mapping with a
`term` and, for rules of type `terms`, what to write instead (`alternative`), how to match
it (`match`: lower, lemma, exact or regex), its `class` (flag, define, known), an
`expansion` for an acronym, and context in which it is fine (`unless`, `unless-sentence`).
A term matched by a regular expression has a `name` to show in its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from assesslint.rules.regex_safety import backtracking_risk, runtime_flags
from assesslint.rules.spec import Lexicon
from assesslint.yamlfile import MarkedDict, MarkedList, YamlError, load_yaml

ENTRY_KEYS = frozenset(
    {
        "term",
        "name",
        "match",
        "alternative",
        "class",
        "expansion",
        "unless",
        "unless-sentence",
        "case-sensitive",
    }
)
MATCH_KINDS = ("lower", "lemma", "exact", "regex", "tokens")
# Pattern-style entries, as rules write patterns, and the `match` each one means.
PATTERN_STYLE = {
    "phrase": "lower",
    "lemma": "lemma",
    "exact": "exact",
    "regex": "regex",
    "tokens": "tokens",
}
CLASSES = ("flag", "define", "known")
LEXICON_KEYS = frozenset({"description", "source", "entries"})


def lexicon_files(rule_dirs: Iterable[Path]) -> list[Path]:
    """Return the lexicon files of every rule folder, in a stable order."""
    files: list[Path] = []
    for folder in rule_dirs:
        lexicons = folder / "lexicons"
        if lexicons.is_dir():
            files.extend(sorted(lexicons.glob("*.yaml")))
    return files


def load_lexicons(rule_dirs: Iterable[Path]) -> tuple[dict[str, Lexicon], list[YamlError]]:
    """Load every lexicon, returning them by name and every mistake found."""
    lexicons: dict[str, Lexicon] = {}
    errors: list[YamlError] = []
    for path in lexicon_files(rule_dirs):
        try:
            data = load_yaml(path)
        except YamlError as error:
            errors.append(error)
            continue
        lexicon = _parse(path, data, errors)
        if lexicon is None:
            continue
        if lexicon.name in lexicons:
            errors.append(
                YamlError(
                    path,
                    1,
                    1,
                    f"lexicon {lexicon.name!r} is defined twice, "
                    f"also in {lexicons[lexicon.name].path}",
                )
            )
            continue
        lexicons[lexicon.name] = lexicon
    return lexicons, errors


def _parse(path: Path, data: object, errors: list[YamlError]) -> Lexicon | None:
    if not isinstance(data, MarkedDict):
        errors.append(YamlError(path, 1, 1, "a lexicon must be a mapping with 'entries'"))
        return None
    for key in data:
        if key not in LEXICON_KEYS:
            errors.append(
                YamlError(
                    path,
                    *data.key_at(key),
                    f"unknown key {key!r} in a "
                    f"lexicon; expected one of: {', '.join(sorted(LEXICON_KEYS))}",
                )
            )
    entries = data.get("entries")
    if not isinstance(entries, MarkedList) or not entries:
        errors.append(
            YamlError(
                path, *data.key_at("entries"), "a lexicon needs a non-empty list of 'entries'"
            )
        )
        return None
    kept: list[object] = []
    positions: list[tuple[int, int]] = []
    for index, entry in enumerate(entries):
        where = entries.item_at(index)
        if isinstance(entry, str) and entry.strip():
            kept.append(entry.strip())
            positions.append(where)
        elif isinstance(entry, MarkedDict) and any(key in PATTERN_STYLE for key in entry):
            normalised = _pattern_entry(path, entry, errors)
            if normalised is not None:
                kept.append(normalised)
                positions.append(where)
        elif isinstance(entry, MarkedDict) and validate_entry(path, entry, errors):
            kept.append(entry)
            positions.append(where)
        elif not isinstance(entry, MarkedDict):
            errors.append(YamlError(path, *where, "an entry is a phrase, or a mapping with 'term'"))
    description = data.get("description", "")
    return Lexicon(path.stem, str(description), tuple(kept), path, tuple(positions))


def _pattern_entry(path: Path, entry: MarkedDict, errors: list[YamlError]) -> MarkedDict | None:
    """Turn `{regex: ..., case-sensitive: true}` and the like into a term entry."""
    kinds = [key for key in entry if key in PATTERN_STYLE]
    allowed = {kinds[0], "case-sensitive"} if kinds[0] == "regex" else {kinds[0]}
    ok = len(kinds) == 1
    for key in entry:
        if key not in allowed:
            errors.append(
                YamlError(path, *entry.key_at(key), f"unknown key {key!r} in a {kinds[0]} pattern")
            )
            ok = False
    value = entry[kinds[0]]
    if kinds[0] == "tokens":
        if not isinstance(value, list) or not value:
            errors.append(
                YamlError(
                    path, *entry.value_at(kinds[0]), "a tokens pattern is a list of token mappings"
                )
            )
            ok = False
    elif not isinstance(value, str) or not value.strip():
        errors.append(
            YamlError(
                path, *entry.value_at(kinds[0]), f"a {kinds[0]} pattern must be non-empty text"
            )
        )
        ok = False
    if not ok:
        return None
    normalised = MarkedDict(
        {
            "term": value,
            "match": PATTERN_STYLE[kinds[0]],
            "case-sensitive": bool(entry.get("case-sensitive", False)),
        }
    )
    normalised.position = entry.position
    normalised.key_positions = {"term": entry.key_at(kinds[0])}
    normalised.value_positions = {"term": entry.value_at(kinds[0])}
    return normalised if validate_entry(path, normalised, errors) else None


def validate_entry(path: Path, entry: MarkedDict, errors: list[YamlError]) -> bool:
    """Check a term entry's keys and values, recording mistakes; say whether it is usable."""
    ok = True
    for key in entry:
        if key not in ENTRY_KEYS:
            errors.append(
                YamlError(
                    path,
                    *entry.key_at(key),
                    f"unknown key {key!r} in a "
                    f"lexicon entry; expected one of: {', '.join(sorted(ENTRY_KEYS))}",
                )
            )
            ok = False
    term = entry.get("term")
    if entry.get("match") == "tokens":
        return ok
    if not isinstance(term, str) or not term.strip():
        errors.append(YamlError(path, *entry.position, "a lexicon entry needs a 'term'"))
        return False
    for key, choices in (("match", MATCH_KINDS), ("class", CLASSES)):
        if key in entry and entry[key] not in choices:
            errors.append(
                YamlError(
                    path, *entry.value_at(key), f"{key!r} must be one of: {', '.join(choices)}"
                )
            )
            ok = False
    for key in ("alternative", "expansion"):
        value = entry.get(key)
        if value is not None and not (
            isinstance(value, str)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            errors.append(
                YamlError(path, *entry.value_at(key), f"{key!r} must be text or a list of text")
            )
            ok = False
    for key in ("unless", "unless-sentence"):
        value = entry.get(key)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            errors.append(
                YamlError(path, *entry.value_at(key), f"{key!r} must be a list of phrases")
            )
            ok = False
    if entry.get("match") == "regex":
        try:
            # The flags it will run with, so the engine reuses this compiled pattern.
            re.compile(str(term), runtime_flags(str(term), bool(entry.get("case-sensitive"))))
        except re.error as error:
            errors.append(
                YamlError(
                    path, *entry.value_at("term"), f"invalid regular expression {term!r}: {error}"
                )
            )
            ok = False
        else:
            risk = backtracking_risk(str(term))
            if risk is not None:
                errors.append(
                    YamlError(
                        path,
                        *entry.value_at("term"),
                        f"regular expression {term!r} is unsafe: {risk}",
                    )
                )
                ok = False
    return ok
