"""Write an output file whole or not at all.

The report goes to a temporary file in the same folder, which is renamed over the target
only once it is complete, so an interrupted run never leaves half a report behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new one what the user's umask allows."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through: it takes `path`'s place only if the block ends well."""
    folder = path.resolve().parent
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); a report is shared like any other file.
        os.chmod(temporary, mode)  # noqa: PTH101 - the file is open by descriptor
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def write_atomically(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write `data` (text, bytes, or pieces of text) to `path` in one step."""
    with atomic_file(path) as stream:
        if isinstance(data, str | bytes):
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        else:
            for piece in data:
                stream.write(piece.encode("utf-8"))
