"""Reading YAML files so that every mistake can be reported at `path:line:col`.

Rule files, lexicons, `rules/sections.yaml` and config files are written by people, not
programs, so an error must point at the exact key or value. `load_yaml` returns plain dicts
and lists (subclasses that remember where each key and item started), and `YamlError` is
the located error every loader raises. Imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from assesslint.regular_file import read_regular_text


class YamlError(Exception):
    """A mistake in a YAML file, located at a 1-based line and column."""

    def __init__(self, path: str | Path, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = str(path)
        self.line = line
        self.column = column
        self.message = message


Position = tuple[int, int]


class MarkedDict(dict[Any, Any]):
    """A mapping that remembers where it, each key and each value started (1-based)."""

    position: Position = (1, 1)
    key_positions: dict[Any, Position]
    value_positions: dict[Any, Position]

    def key_at(self, key: Any) -> Position:
        """Return where `key` is written, or where the mapping starts if it is absent."""
        return self.key_positions.get(key, self.position)

    def value_at(self, key: Any) -> Position:
        """Return where the value of `key` starts, or the mapping's start if absent."""
        return self.value_positions.get(key, self.position)


class MarkedList(list[Any]):
    """A sequence that remembers where it and each item started (1-based)."""

    position: Position = (1, 1)
    item_positions: list[Position]

    def item_at(self, index: int) -> Position:
        """Return where item `index` starts."""
        if 0 <= index < len(self.item_positions):
            return self.item_positions[index]
        return self.position


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


# libyaml's parser, where PyYAML was built with it, is several times faster; the nodes it
# builds carry the same source marks.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkingLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings and sequences carry source positions."""

    def construct_marked_mapping(self, node: yaml.MappingNode) -> MarkedDict:
        result = MarkedDict()
        result.position = _position(node)
        result.key_positions = {}
        result.value_positions = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "a key must be a plain value, not a list or mapping",
                    key_node.start_mark,
                ) from None
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice", key_node.start_mark
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_positions[key] = _position(key_node)
            result.value_positions[key] = _position(value_node)
        return result

    def construct_marked_sequence(self, node: yaml.SequenceNode) -> MarkedList:
        result = MarkedList(self.construct_object(child, deep=True) for child in node.value)
        result.position = _position(node)
        result.item_positions = [_position(child) for child in node.value]
        return result


_MarkingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _MarkingLoader.construct_marked_mapping
)
_MarkingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _MarkingLoader.construct_marked_sequence
)


def parse_yaml(text: str, path: str | Path) -> Any:
    """Parse YAML text, raising `YamlError` located at the problem."""
    try:
        return yaml.load(text, Loader=_MarkingLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise YamlError(path, line, column, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlError(path, 1, 1, f"invalid YAML: {error}") from None


def load_yaml(path: str | Path) -> Any:
    """Read and parse a YAML file, raising `YamlError` for unreadable or invalid files."""
    try:
        text = read_regular_text(path, "utf-8-sig")
    except UnicodeDecodeError:
        raise YamlError(path, 1, 1, "the file is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise YamlError(path, 1, 1, f"cannot read the file: {error.strerror}") from None
    return parse_yaml(text, path)


def require_mapping(value: Any, path: str | Path, where: Position, what: str) -> MarkedDict:
    """Check that `value` is a mapping, or raise a located error naming `what`."""
    if not isinstance(value, MarkedDict):
        raise YamlError(path, *where, f"{what} must be a mapping of keys to values")
    return value


def check_keys(
    mapping: MarkedDict, allowed: Iterable[str], path: str | Path, what: str
) -> list[YamlError]:
    """Return an error for every key of `mapping` not in `allowed`, at the key itself."""
    allowed = sorted(allowed)
    errors = []
    for key in mapping:
        if key not in allowed:
            errors.append(
                YamlError(
                    path,
                    *mapping.key_at(key),
                    f"unknown key {key!r} in {what}; expected one of: {', '.join(allowed)}",
                )
            )
    return errors
