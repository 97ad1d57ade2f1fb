"""Turn the paths on the command line into the files to check.

A path can be a file, a folder (searched recursively for .docx, .txt and .md, and for
legacy .doc files so that they are reported rather than passed over; skipping
hidden files and folders and Word's `~$` lock files), a glob (`reports/**/*.docx`, for
shells that do not expand it), or `-` for standard input. Files come back sorted by path
and without repeats, so results have a stable order. A path that matches nothing is kept,
so that it can be reported as not found.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assesslint.readers import CHECKED_SUFFIXES

STDIN = "-"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True, order=True)
class Target:
    """One input: a file path, or standard input (`path` None, shown as `display`)."""

    display: str
    path: Path | None

    @property
    def is_stdin(self) -> bool:
        """Say whether this input is standard input."""
        return self.path is None


def _wanted(name: str) -> bool:
    return not name.startswith((".", "~$")) and Path(name).suffix.lower() in CHECKED_SUFFIXES


def _walk(folder: Path) -> Iterable[Path]:
    # os.walk does not follow symbolic links to folders, so a link loop cannot trap it.
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _wanted(name):
                yield Path(root) / name


def discover(arguments: Iterable[str], stdin_name: str = "stdin") -> list[Target]:
    """Expand command-line paths into sorted, distinct targets."""
    found: dict[str, Target] = {}
    stdin: list[Target] = []
    for argument in arguments:
        if argument == STDIN:
            stdin = [Target(stdin_name, None)]
            continue
        path = Path(argument)
        if path.is_dir():
            for file in _walk(path):
                found.setdefault(str(file), Target(str(file), file))
        elif not path.exists() and _GLOB_CHARS & set(argument):
            # glob.glob, not Path.glob: the pattern may be absolute or start with "..".
            matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
            files = [Path(m) for m in matches if Path(m).is_file() and _wanted(Path(m).name)]
            for folder in (Path(m) for m in matches if Path(m).is_dir()):
                files.extend(_walk(folder))
            if not files:
                found.setdefault(argument, Target(argument, path))
            for file in files:
                found.setdefault(str(file), Target(str(file), file))
        else:
            found.setdefault(argument, Target(argument, path))
    return stdin + sorted(found.values())
