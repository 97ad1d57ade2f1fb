"""Refuse an output file that is one of the run's inputs, or would be read as one.

`check -o report.txt report.txt` would replace the report with the findings about it. So
before anything is checked, every file a command will write is compared with every file
it reads (the reports, the configuration file, a baseline) as the file system sees them,
by device and inode, so that `./report.txt`, a symbolic link to it, a hard link, or
`REPORT.TXT` on a case-blind drive are all known for the same file. An output that does
not exist yet is refused when it would land in a folder being checked under a name that
is read as a report (`folder/findings.txt`): the next check of that folder would read the
findings as a report. Two outputs of one command that are the same file are refused too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assesslint.files import is_report_name


class OutputClash(Exception):
    """An output path is an input, would be read as one, or is another output."""


@dataclass(frozen=True)
class Output:
    """A file a command will write, and the option that named it (for the message)."""

    path: Path
    option: str


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino)


def _inside(path: Path, folder: Path) -> bool:
    try:
        relative = path.resolve().parent.relative_to(folder.resolve())
    except (OSError, ValueError, RuntimeError):
        return False
    # Hidden folders are not searched, so a file in one is never read as a report.
    return not any(part.startswith(".") for part in relative.parts)


def refuse_clashes(
    outputs: Sequence[Output], inputs: Iterable[Path], folders: Iterable[Path] = ()
) -> None:
    """Raise `OutputClash` if any output is an input, would be read as one, or repeats.

    `inputs` are the files the command reads; `folders` the folders it searches.
    """
    by_identity: dict[tuple[int, int], Path] = {}
    for path in inputs:
        identity = _identity(path)
        if identity is not None:
            by_identity.setdefault(identity, path)
    folders = list(folders)
    written: dict[tuple[int, int] | str, Output] = {}
    for output in outputs:
        identity = _identity(output.path)
        if identity is not None and identity in by_identity:
            source = by_identity[identity]
            same = "" if os.fspath(source) == os.fspath(output.path) else f" (the same as {source})"
            raise OutputClash(
                f"{output.path}: {output.option} names a file this command reads{same}; "
                "writing there would replace it. Choose another file for "
                f"{output.option}; nothing was checked or changed."
            )
        if identity is None and is_report_name(output.path.name):
            for folder in folders:
                if _inside(output.path, folder):
                    raise OutputClash(
                        f"{output.path}: {output.option} would write a file that is read as "
                        f"a report the next time {folder} is checked. Write it outside that "
                        "folder, or give it a name ending .json, .csv or .html; nothing was "
                        "checked or changed."
                    )
        key: tuple[int, int] | str = (
            identity if identity is not None else os.path.normcase(os.path.abspath(output.path))  # noqa: PTH100
        )
        if key in written:
            raise OutputClash(
                f"{output.path}: {output.option} and {written[key].option} name the same "
                "file, so one would replace the other. Give each its own file."
            )
        written[key] = output
