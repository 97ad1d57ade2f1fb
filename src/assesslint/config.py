"""Project configuration: `.assesslint.yaml`, or `[tool.assesslint]` in `pyproject.toml`.

For each checked file, the nearest configuration is found by searching upward from the
file's folder; in one folder `.assesslint.yaml` wins over `.assesslint.yml` and
`pyproject.toml`. `--config FILE` names one file for every input instead. The file is
layered over the built-in defaults, and command-line options are layered over the file.
Every key is checked: an unknown key or a value of the wrong kind is an error at its line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assesslint.yamlfile import MarkedDict, MarkedList, YamlError, load_yaml

CONFIG_NAMES = (".assesslint.yaml", ".assesslint.yml")
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Config:
    """Settings from one configuration file (or the defaults, when `path` is None)."""

    path: Path | None = None
    sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class ConfigError(Exception):
    """Mistakes in a configuration file, each located at `path:line:col`."""

    def __init__(self, errors: list[YamlError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


_KEYS = ("sections",)


def find_config_file(start: Path) -> Path | None:
    """Return the nearest configuration file at or above `start` (a file or folder)."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_dir / PYPROJECT
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
    return None


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table = data.get("tool", {}).get("assesslint")
    return table if isinstance(table, dict) else None


def load_config(path: Path) -> Config:
    """Read and validate one configuration file, raising `ConfigError` with every mistake."""
    if path.name == PYPROJECT:
        return _load_pyproject(path)
    try:
        data = load_yaml(path)
    except YamlError as error:
        raise ConfigError([error]) from None
    if data is None:
        return Config(path=path)
    if not isinstance(data, MarkedDict):
        raise ConfigError([YamlError(path, 1, 1, "the configuration must be a mapping of keys")])
    return _validate(data, path, data.key_at, data.value_at)


def _load_pyproject(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError([YamlError(path, 1, 1, f"cannot read the file: {error}")]) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([YamlError(path, 1, 1, f"invalid TOML: {error}")]) from None
    table = data.get("tool", {}).get("assesslint", {})
    if not isinstance(table, dict):
        raise ConfigError([YamlError(path, 1, 1, "[tool.assesslint] must be a table")])

    def where(key: str) -> tuple[int, int]:
        # tomllib keeps no positions; find the key's line in the text instead.
        match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
        if match is None:
            match = re.search(r"^\s*\[tool\.assesslint", text, re.MULTILINE)
        if match is None:
            return 1, 1
        return text.count("\n", 0, match.start()) + 1, 1

    return _validate(table, path, where, where)


def _validate(
    data: Mapping[str, Any],
    path: Path,
    key_at: Callable[[str], tuple[int, int]],
    value_at: Callable[[str], tuple[int, int]],
) -> Config:
    errors: list[YamlError] = []
    for key in data:
        if key not in _KEYS:
            errors.append(
                YamlError(
                    path,
                    *key_at(key),
                    f"unknown key {key!r} in the configuration; expected one of: "
                    f"{', '.join(_KEYS)}",
                )
            )
    sections: dict[str, tuple[str, ...]] = {}
    if "sections" in data:
        sections = _sections(data["sections"], path, value_at("sections"), errors)
    if errors:
        raise ConfigError(errors)
    return Config(path=path, sections=sections)


def _sections(
    value: Any, path: Path, where: tuple[int, int], errors: list[YamlError]
) -> dict[str, tuple[str, ...]]:
    """Validate `sections: {canonical-name: [alias, ...]}`."""
    if not isinstance(value, dict):
        errors.append(
            YamlError(path, *where, "'sections' must map section names to lists of heading aliases")
        )
        return {}
    result: dict[str, tuple[str, ...]] = {}
    for name, aliases in value.items():
        position = value.value_at(name) if isinstance(value, MarkedDict) else where
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            errors.append(
                YamlError(
                    path,
                    *position,
                    f"the aliases of section {name!r} must be a list of text patterns",
                )
            )
            continue
        for index, alias in enumerate(aliases):
            try:
                re.compile(alias)
            except re.error as error:
                at = aliases.item_at(index) if isinstance(aliases, MarkedList) else position
                errors.append(
                    YamlError(path, *at, f"invalid regular expression {alias!r}: {error}")
                )
        result[str(name)] = tuple(aliases)
    return result
