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

from assesslint.regular_file import read_regular_text
from assesslint.yamlfile import MarkedDict, MarkedList, YamlError, load_yaml

CONFIG_NAMES = (".assesslint.yaml", ".assesslint.yml")
PYPROJECT = "pyproject.toml"


FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Config:
    """Settings from one configuration file (or the defaults, when `path` is None).

    `positions` remembers where each key was written, so that a mistake found later (a
    rule ID that does not exist) can still be reported at its line.
    """

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    rule_dirs: tuple[Path, ...] = ()
    sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    allow: tuple[str, ...] = ()
    model: str | None = None
    jobs: int | None = None
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def error_at(self, key: str, message: str) -> YamlError:
        """Return a located error about the value of `key`."""
        line, column = self.positions.get(key, (1, 1))
        return YamlError(self.path or "configuration", line, column, message)


class ConfigError(Exception):
    """Mistakes in a configuration file, each located at `path:line:col`."""

    def __init__(self, errors: list[YamlError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


_KEYS = ("select", "ignore", "severity", "fail-on", "rules", "sections", "allow", "model", "jobs")


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
        data = tomllib.loads(read_regular_text(path))
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
        text = read_regular_text(path)
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

    def error(key: str, message: str) -> None:
        errors.append(YamlError(path, *value_at(key), message))

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

    def texts(key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            error(key, f"{key!r} must be a list of text")
            return ()
        return tuple(value)

    severity: dict[str, str] = {}
    if "severity" in data:
        value = data["severity"]
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and v in SEVERITIES for k, v in value.items()
        ):
            error("severity", "'severity' maps rule IDs to error, warning or info")
        else:
            severity = dict(value)
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        error("fail-on", f"'fail-on' must be one of: {', '.join(FAIL_ON)}")
        fail_on = None
    rule_dirs = []
    for folder in texts("rules"):
        resolved = (path.parent / folder).resolve()
        if not resolved.is_dir():
            error("rules", f"rules folder {folder!r} does not exist (relative to {path.parent})")
        rule_dirs.append(resolved)
    model = data.get("model")
    if model is not None and (not isinstance(model, str) or not model.strip()):
        error("model", "'model' must be the name of an installed spaCy pipeline")
        model = None
    jobs = data.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        error("jobs", "'jobs' must be a whole number of at least 1")
        jobs = None
    sections: dict[str, tuple[str, ...]] = {}
    if "sections" in data:
        sections = _sections(data["sections"], path, value_at("sections"), errors)
    select = texts("select") if "select" in data else None
    ignore = texts("ignore")
    allow = tuple(word.lower() for word in texts("allow"))
    if errors:
        raise ConfigError(errors)
    return Config(
        path=path,
        select=select,
        ignore=ignore,
        severity=severity,
        fail_on=fail_on,
        rule_dirs=tuple(rule_dirs),
        sections=sections,
        allow=allow,
        model=model,
        jobs=jobs,
        positions={key: value_at(key) for key in data if key in _KEYS},
    )


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
