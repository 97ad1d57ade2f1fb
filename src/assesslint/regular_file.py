"""Read a file only if it is a regular file: never block on a pipe, never read a device.

Opening a named pipe (FIFO) for reading waits until something writes to it, which in a
folder of reports means waiting for ever; reading a device such as /dev/zero never ends.
So a file is opened without waiting (`O_NONBLOCK`, which changes nothing for a regular
file), and what was opened, not what the name pointed to a moment earlier, is checked
before a byte is read. Reports, configuration files and baselines are all read this way.
This module imports nothing from assesslint, so every layer can use it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1024 * 1024


class NotRegularFile(OSError):
    """The path names a folder, a pipe, a device or a socket, not an ordinary file."""

    def __init__(self, path: str | Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a file")
        self.kind = kind
        self.strerror = f"it is {kind}, not a file"


class FileTooLarge(OSError):
    """The file is bigger than the caller's limit; `size` says how big."""

    def __init__(self, path: str | Path, size: int) -> None:
        super().__init__(f"{path} is {size} bytes")
        self.size = size
        self.strerror = f"it is {size:,} bytes, more than allowed"


def kind_of(mode: int) -> str:
    """Say in words what sort of file system object a `st_mode` describes."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def read_regular(path: str | Path, limit: int | None = None) -> bytes:
    """Return the bytes of the regular file at `path` (at most `limit` + 1 of them).

    Raises `NotRegularFile` for anything else, `FileTooLarge` when the file system already
    says it is over `limit` (a file still growing is cut at `limit` + 1 bytes, for the
    caller to refuse), and `OSError` as `open` would.
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(path, kind_of(status.st_mode))
        if limit is not None and status.st_size > limit:
            raise FileTooLarge(path, status.st_size)
        wanted = None if limit is None else limit + 1
        chunks = []
        total = 0
        while wanted is None or total < wanted:
            chunk = os.read(descriptor, _CHUNK if wanted is None else min(_CHUNK, wanted - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_regular_text(path: str | Path, encoding: str = "utf-8") -> str:
    """Return the text of the regular file at `path`, decoded as `read_text` would."""
    return read_regular(path).decode(encoding)
