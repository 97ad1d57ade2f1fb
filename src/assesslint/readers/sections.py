"""Canonical section names: which heading means "analysis", "child's views", "plan", ...

Templates across England, Wales, Scotland and Northern Ireland name the same parts of an
assessment differently. `SectionMap` holds the canonical names and heading aliases from
`rules/sections.yaml` (plus any a config file adds) and resolves a heading as written to its
canonical name. The file's format is documented at its top.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assesslint.loadcache import cached
from assesslint.resources import sections_file
from assesslint.yamlfile import (
    MarkedDict,
    MarkedList,
    YamlError,
    check_keys,
    load_yaml,
    require_mapping,
)

_NUMBERING = re.compile(
    r"""^(?:
        (?:section|part|step|question|q)\s*[0-9a-z]{1,3}(?:\.[0-9]{1,3})*\s*[.:)\-–]?\s+
      | [0-9]{1,3}(?:\.[0-9]{1,3})*[.):]?\s+
      | \(?[a-z]\)\s+
      | [a-z]\.\s+
      | (?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s+
    )""",
    re.VERBOSE,
)
_TRAILING = re.compile(r"[\s:?.*\-–—]+$")
_SPACES = re.compile(r"\s+")
_FRAGMENT = re.compile(r"\{([a-z][a-z0-9_-]*)\}")


def normalise_heading(text: str) -> str:
    """Reduce a heading to the form aliases are matched against (see sections.yaml)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = text.replace("&", " and ").replace("\u201c", '"').replace("\u201d", '"')
    text = _SPACES.sub(" ", text).strip().lower()
    text = text.replace(" / ", "/").replace(" /", "/").replace("/ ", "/")
    text = _NUMBERING.sub("", text, count=1)
    text = _TRAILING.sub("", text)
    return text.strip(" \"'()[]")


@dataclass(frozen=True, slots=True)
class CanonicalSection:
    """One canonical section name, the broader sections it is within and its aliases."""

    name: str
    title: str
    within: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


class SectionMap:
    """Resolve headings as written to canonical section names."""

    def __init__(self, sections: Sequence[CanonicalSection]) -> None:
        self._sections = tuple(sections)
        self._by_name = {section.name: section for section in self._sections}
        self._cache: dict[str, CanonicalSection | None] = {}

    @property
    def names(self) -> frozenset[str]:
        """Every canonical name known to this map."""
        return frozenset(self._by_name)

    def section(self, name: str) -> CanonicalSection:
        """Return the canonical section called `name`."""
        return self._by_name[name]

    def title(self, name: str) -> str:
        """Return the human title of a canonical name."""
        return self._by_name[name].title

    def resolve(self, heading: str) -> CanonicalSection | None:
        """Return the canonical section a heading names, or None if it names none."""
        key = normalise_heading(heading)
        if key in self._cache:
            return self._cache[key]
        found = None
        if key:
            for section in self._sections:
                if any(pattern.fullmatch(key) for pattern in section.patterns):
                    found = section
                    break
        self._cache[key] = found
        return found

    def groups(self, name: str) -> tuple[str, ...]:
        """Return the broader sections `name` is within, nearest first, transitively."""
        result: list[str] = []
        pending = list(self._by_name[name].within)
        while pending:
            broader = pending.pop(0)
            if broader not in result and broader != name:
                result.append(broader)
                pending.extend(self._by_name[broader].within)
        return tuple(result)

    def with_aliases(self, extra: Mapping[str, Sequence[str]]) -> SectionMap:
        """Return a map whose sections also answer to `extra` aliases (tried first).

        Aliases a config file adds are plain regular expressions (no fragments); they are
        tried before the built-in ones so that a local heading wins over a general one.
        Unknown names become new canonical sections.
        """
        added: list[CanonicalSection] = []
        for name, aliases in extra.items():
            patterns = tuple(re.compile(alias, re.IGNORECASE) for alias in aliases)
            base = self._by_name.get(name)
            within = base.within if base else ()
            title = base.title if base else name
            added.append(CanonicalSection(name, title, within, patterns))
        return SectionMap([*added, *self._sections])

    @classmethod
    def load(cls, path: str | Path | None = None) -> SectionMap:
        """Read a sections file (by default the built-in one), raising located errors."""
        path = Path(path) if path is not None else sections_file()
        errors: list[YamlError] = []
        sections = _parse_sections(load_yaml(path), path, errors)
        if errors:
            raise SectionFileError(errors)
        return cls(sections)


class SectionFileError(Exception):
    """One or more mistakes in a sections file, each located at `path:line:col`."""

    def __init__(self, errors: Sequence[YamlError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = list(errors)


def compile_alias(
    alias: str, fragments: Mapping[str, str], path: str | Path, where: tuple[int, int]
) -> re.Pattern[str]:
    """Expand `{fragment}` references and compile an alias, raising located errors."""

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise YamlError(path, *where, f"unknown fragment {{{name}}} in alias {alias!r}")
        return fragments[name]

    expanded = _FRAGMENT.sub(expand, alias)
    try:
        return re.compile(expanded, re.IGNORECASE)
    except re.error as error:
        raise YamlError(path, *where, f"invalid regular expression {alias!r}: {error}") from None


def _parse_sections(data: object, path: Path, errors: list[YamlError]) -> list[CanonicalSection]:
    root = require_mapping(data, path, (1, 1), "a sections file")
    errors.extend(check_keys(root, {"fragments", "sections"}, path, "a sections file"))
    fragments = root.get("fragments") or MarkedDict()
    fragments = require_mapping(fragments, path, root.value_at("fragments"), "'fragments'")
    table = require_mapping(root.get("sections"), path, root.value_at("sections"), "'sections'")
    result = []
    for name, entry in table.items():
        where = table.key_at(name)
        if not isinstance(entry, MarkedDict):
            errors.append(YamlError(path, *where, f"section {name!r} must be a mapping"))
            continue
        errors.extend(check_keys(entry, {"title", "within", "aliases"}, path, f"section {name!r}"))
        aliases = entry.get("aliases")
        if not isinstance(aliases, MarkedList) or not aliases:
            errors.append(
                YamlError(
                    path, *entry.key_at("aliases"), f"section {name!r} needs a list of aliases"
                )
            )
            continue
        patterns = []
        for index, alias in enumerate(aliases):
            try:
                patterns.append(compile_alias(str(alias), fragments, path, aliases.item_at(index)))
            except YamlError as error:
                errors.append(error)
        within = entry.get("within")
        within_names = (within,) if isinstance(within, str) else tuple(within or ())
        result.append(
            CanonicalSection(
                str(name), str(entry.get("title", name)), within_names, tuple(patterns)
            )
        )
    known = {section.name for section in result}
    for section in result:
        for broader in section.within:
            if broader not in known:
                line, column = table[section.name].value_at("within")
                errors.append(
                    YamlError(
                        path,
                        line,
                        column,
                        f"section {section.name!r} is within unknown section {broader!r}",
                    )
                )
    return result


@cache
def default_section_map() -> SectionMap:
    """Return the built-in section map, read once per process (and kept between runs)."""
    return cached("sections", [sections_file()], "", SectionMap.load)
