"""Write an output file whole or not at all, and say plainly when it cannot be written.

The report goes to a temporary file in the same folder, which is renamed over the target
only once it is complete, so an interrupted run never leaves half a report behind. The
temporary file is hidden (its name starts with a dot) and ends in `.tmp`, so it is never
taken for a report; its name carries this machine's name and the process number, so that
one left by a run that was killed is removed the next time the same file is written.

Every failure to write (a full disk, a file-size limit, a read-only or missing folder, no
permission) becomes a `WriteError` whose message names the path and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO


class WriteError(Exception):
    """An output file could not be written; the message names it and says what to do."""


_ADVICE = {
    errno.ENOSPC: "the disk is full. Free some space, or write the report somewhere else",
    errno.EDQUOT: "your disk quota is used up. Free some space, or write somewhere else",
    errno.EFBIG: "it would be bigger than this system allows one file to be. Write it "
    "somewhere without that limit, or check fewer reports at a time",
    errno.EROFS: "the drive is read-only. Write the report to a folder you can change",
    errno.EACCES: "you do not have permission to write there. Choose a folder of your own, "
    "or ask whoever manages this one",
    errno.EPERM: "you do not have permission to write there. Choose a folder of your own, "
    "or ask whoever manages this one",
    errno.ENOENT: "its folder does not exist. Create the folder first, or check the path",
    errno.ENOTDIR: "part of the path is a file, not a folder. Check the path",
    errno.EISDIR: "that is a folder. Give a file name, such as findings.json",
}


def describe(path: Path, error: OSError) -> str:
    """Say why `path` could not be written, and what to do, in one line."""
    advice = _ADVICE.get(error.errno or 0)
    if advice is None:
        reason = error.strerror or type(error).__name__
        advice = f"the system said: {reason}. Check the path and try again"
    return f"{path}: could not be written: {advice}. Nothing was written there."


def describe_stream(name: str, error: OSError) -> str:
    """Say why a stream (standard output) could not be written, and what that means."""
    advice = _ADVICE.get(error.errno or 0) or f"the system said: {error.strerror}"
    return f"{name} could not be written: {advice}. The output is incomplete."


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new one what the user's umask allows."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "host"


def _temporary_name(target: str) -> str:
    return f".{target}.{_host()}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive, and not ours to judge
    return True


def remove_stale_temporaries(folder: Path, target: str) -> None:
    """Remove temporary files of `target` left in `folder` by runs on this machine that died.

    Only files named as `atomic_file` names them, for this host, whose process is gone, are
    removed: another run writing the same file at this moment is left alone.
    """
    pattern = re.compile(
        rf"\.{re.escape(target)}\.{re.escape(_host())}-(\d+)-[0-9a-f]{{8}}\.tmp", re.ASCII
    )
    try:
        entries = [entry for entry in folder.iterdir() if entry.name.startswith(f".{target}.")]
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found and int(found.group(1)) != os.getpid() and not _alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                entry.unlink()


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through: it takes `path`'s place only if the block ends well.

    Raises `WriteError` if the file cannot be written; the target is then left as it was.
    """
    folder = path.absolute().parent
    try:
        mode = _mode_for(path)
        remove_stale_temporaries(folder, path.name)
        temporary = folder / _temporary_name(path.name)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise WriteError(describe(path, error)) from None
    try:
        # Made private (0600) while it is written; a report is shared like any other file.
        # Some network drives refuse permissions; the file is still written.
        with contextlib.suppress(OSError):
            os.chmod(temporary, mode)  # noqa: PTH101 - named here, not yet a Path in use
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            _sync(stream.fileno())
        temporary.replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError) and not isinstance(error, BrokenPipeError):
            raise WriteError(describe(path, error)) from None
        raise


def _sync(descriptor: int) -> None:
    try:
        os.fsync(descriptor)
    except OSError as error:
        # A few file systems (some network and FUSE ones) cannot sync; the data is written.
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise


def write_atomically(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write `data` (text, bytes, or pieces of text) to `path` in one step."""
    with atomic_file(path) as stream:
        if isinstance(data, str | bytes):
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        else:
            for piece in data:
                stream.write(piece.encode("utf-8"))
