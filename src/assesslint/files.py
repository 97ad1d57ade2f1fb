"""Turn the paths on the command line into the files to check.

A path can be a file, a folder (searched recursively for .docx, .txt and .md, and for
legacy .doc files so that they are reported rather than passed over; skipping
hidden files and folders and Word's `~$` lock files), a glob (`reports/**/*.docx`, for
shells that do not expand it), or `-` for standard input. Files come back sorted by path
and without repeats, so results have a stable order. A path that matches nothing is kept,
so that it can be reported as not found.

In a folder, only regular files are taken: a named pipe would make the run wait for ever,
and a device would never end. Symbolic links are not followed unless asked
(`follow_links`), as ripgrep and git do, so a link inside a team folder to a file outside
it never has that file's text quoted in a shared report; the links passed over are
counted so that the command can say so. A file named on the command line (or matched by
a glob) is read even through a link, because someone named it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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


def is_report_name(name: str) -> bool:
    """Say whether a file of this name is read as a report when its folder is checked."""
    return not name.startswith((".", "~$")) and Path(name).suffix.lower() in CHECKED_SUFFIXES


@dataclass
class Discovery:
    """The files to check, and what was passed over in folders and why."""

    targets: list[Target]
    links: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)

    def passed_over(self) -> str | None:
        """Say what was passed over in folders, for standard error, or None."""
        parts = []
        if self.links:
            parts.append(
                f"{_count(len(self.links), 'symbolic link')} in the folders "
                f"{'was' if len(self.links) == 1 else 'were'} not followed (use "
                "--follow-links to check what they point to)"
            )
        if self.special:
            parts.append(
                f"{_count(len(self.special), 'named pipe, device or socket')} with a "
                f"report's name {'was' if len(self.special) == 1 else 'were'} passed over "
                "(only ordinary files are read)"
            )
        return "; ".join(parts) if parts else None


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun.replace('pipe, device or socket', 'pipes, devices or sockets')}" + (
        "" if noun.endswith("socket") else "s"
    )


class _Walk:
    """A recursive, sorted walk of folders that takes regular files only."""

    def __init__(self, follow_links: bool, discovery: Discovery) -> None:
        self.follow_links = follow_links
        self.discovery = discovery
        # Folders already walked, by device and inode: a followed link loop ends here.
        self._seen: set[tuple[int, int]] = set()

    def files(self, folder: Path) -> Iterator[Path]:
        try:
            status = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return  # an unreadable folder holds nothing we can check
        if (status.st_dev, status.st_ino) in self._seen:
            return
        self._seen.add((status.st_dev, status.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink() and not self.follow_links:
                    if entry.is_dir() or is_report_name(entry.name):
                        self.discovery.links.append(entry.path)
                    continue
                if entry.is_dir():
                    yield from self.files(path)
                elif not is_report_name(entry.name):
                    continue
                elif entry.is_file():
                    yield path
                elif entry.is_symlink() and not path.exists():
                    yield path  # a broken link is reported as not found, not passed over
                else:
                    self.discovery.special.append(entry.path)
            except OSError:
                continue


def discover(
    arguments: Iterable[str], stdin_name: str = "stdin", follow_links: bool = False
) -> list[Target]:
    """Expand command-line paths into sorted, distinct targets."""
    return find_targets(arguments, stdin_name, follow_links).targets


def find_targets(
    arguments: Iterable[str], stdin_name: str = "stdin", follow_links: bool = False
) -> Discovery:
    """Expand command-line paths into sorted, distinct targets, noting what was passed over."""
    discovery = Discovery([])
    walk = _Walk(follow_links, discovery)
    found: dict[str, Target] = {}
    stdin: list[Target] = []
    for argument in arguments:
        if argument == STDIN:
            stdin = [Target(stdin_name, None)]
            continue
        path = Path(argument)
        if path.is_dir():
            for file in walk.files(path):
                found.setdefault(str(file), Target(str(file), file))
        elif not path.exists() and _GLOB_CHARS & set(argument):
            # glob.glob, not Path.glob: the pattern may be absolute or start with "..".
            matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
            files = [Path(m) for m in matches if Path(m).is_file() and is_report_name(Path(m).name)]
            for folder in (Path(m) for m in matches if Path(m).is_dir()):
                files.extend(walk.files(folder))
            if not files:
                found.setdefault(argument, Target(argument, path))
            for file in files:
                found.setdefault(str(file), Target(str(file), file))
        else:
            found.setdefault(argument, Target(argument, path))
    discovery.targets = stdin + sorted(found.values())
    return discovery
