"""Keep loaded rules between runs, so that checking one report starts quickly.

Reading and checking the rule files (YAML, every pattern validated) took a fifth of the
time of `assesslint check` on one report. The loaded result is kept as a pickle in the
user's cache folder, under a key made from every byte of the files it was loaded from,
assesslint's version and Python's, so any change to a rule, lexicon or sections file, or
an upgrade, loads afresh.

Only rule data is kept: rule files, lexicons and section names, never anything from a
report. The cache folder is `$ASSESSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/assesslint`,
else `~/.cache/assesslint`; `ASSESSLINT_NO_CACHE=1` turns the cache off. A cache that
cannot be read or written is ignored: the rules are then loaded as if there were none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar, cast

from assesslint import __version__

T = TypeVar("T")

_KEPT_PER_KIND = 8
_SUFFIX = ".pickle"


def cache_dir() -> Path | None:
    """The folder for cached rules, or None when caching is turned off."""
    if os.environ.get("ASSESSLINT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get("ASSESSLINT_CACHE_DIR")
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "assesslint"


def cached(kind: str, sources: Iterable[Path], detail: str, load: Callable[[], T]) -> T:
    """Return `load()`, from the cache when `sources` and `detail` are unchanged.

    `sources` are the files and folders (read recursively) the result is made from;
    `detail` is anything else it depends on. `load` raising is never cached.
    """
    place = _place(kind, sources, detail)
    if place is None:
        return load()
    found = _read(place[1])
    if found is not None:
        return cast(T, found)
    result = load()
    _store(*place, kind=kind, value=result)
    return result


def lookup(kind: str, sources: Iterable[Path], detail: str) -> object | None:
    """What `store` kept for these sources and detail, or None."""
    place = _place(kind, sources, detail)
    return None if place is None else _read(place[1])


def store(kind: str, sources: Iterable[Path], detail: str, value: object) -> None:
    """Keep `value` for these sources and detail (quietly not, if the cache cannot be written)."""
    place = _place(kind, sources, detail)
    if place is not None:
        _store(*place, kind=kind, value=value)


def _place(kind: str, sources: Iterable[Path], detail: str) -> tuple[Path, Path] | None:
    """The cache folder and the file for this key, or None when not caching."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        key = _key(kind, sources, detail)
    except OSError:
        return None
    return folder, folder / f"{kind}-{key}{_SUFFIX}"


def _read(path: Path) -> object | None:
    """The cached object at `path`, or None if it is missing, damaged or out of date."""
    try:
        with path.open("rb") as stream:
            found: object = pickle.load(stream)  # noqa: S301 - our own file, in the user's cache
        return found
    except Exception:  # anything unreadable (damaged, another version) is loaded afresh
        return None


def _key(kind: str, sources: Iterable[Path], detail: str) -> str:
    digest = hashlib.sha256()
    for part in (kind, __version__, sys.version, detail):
        digest.update(part.encode("utf-8") + b"\0")
    for source in sources:
        files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
        digest.update(str(source).encode("utf-8") + b"\0")
        for file in files:
            digest.update(str(file.relative_to(source) if file != source else "").encode())
            digest.update(b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _store(folder: Path, path: Path, *, kind: str, value: object) -> None:
    """Write the cache file whole or not at all, and drop the oldest of its kind."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        older = sorted(folder.glob(f"{kind}-*{_SUFFIX}"), key=lambda p: p.stat().st_mtime)
        for stale in older[:-_KEPT_PER_KIND]:
            stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return  # a read-only home or an odd rule: run without the cache
