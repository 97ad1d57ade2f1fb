"""Check files on a Dask cluster (`--scheduler tcp://HOST:8786`), the optional `dask` extra.

The client reads each file and sends its bytes, so workers need no access to the reports
(only to assesslint and to any rule folders the configuration adds, at the same paths).
Each worker process builds the pipeline and rules once per configuration and keeps them.
Results come back in the order of the files, whatever order the workers finish in; a file
that cannot be read is reported like everywhere else, so the output is the same as a
local run's. Only this mode opens network connections, to the scheduler you name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assesslint.models import FileResult, ReadError

if TYPE_CHECKING:
    from assesslint.config import Config
    from assesslint.files import Target
    from assesslint.runner import RunOptions, Setup, Setups

# Worker side: setups by configuration, built on first use and kept for the process.
_worker_setups: dict[str, Setup] = {}


class ClusterError(Exception):
    """The cluster cannot be used: the extra is missing or the scheduler cannot be reached."""


def _setup_on_worker(config: Config, options: RunOptions) -> Setup:
    from assesslint.runner import make_setup

    key = repr((config, options))
    if key not in _worker_setups:
        _worker_setups[key] = make_setup(config, options)
    return _worker_setups[key]


def check_on_worker(
    display: str, data: bytes, suffix: str, config: Config, options: RunOptions
) -> FileResult:
    """Check one file's bytes on a worker (the function the cluster runs)."""
    from assesslint.readers import read_bytes
    from assesslint.runner import result_of

    setup = _setup_on_worker(config, options)
    try:
        document = read_bytes(data, display, setup.sections, suffix=suffix)
    except ReadError as error:
        return FileResult.unreadable(display, error)
    return result_of(display, document, setup, options.redact)


def run_on_cluster(
    address: str,
    targets: Sequence[Target],
    config_paths: Sequence[Path | None],
    setups: Setups,
    on_result: Callable[[FileResult], None],
    local: Callable[[Target, Path | None], FileResult],
) -> Iterator[FileResult]:
    """Check `targets` on the cluster at `address`, yielding results in their order."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError(
            'running on a cluster needs the dask extra: pip install "assesslint[dask]"'
        ) from None
    from assesslint.readers import read_limited
    from assesslint.runner import in_order

    try:
        client: Any = Client(address, timeout="5s")  # type: ignore[no-untyped-call]
    except OSError as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    finished: dict[int, FileResult] = {}
    waiting: dict[Any, int] = {}
    try:
        for index, (target, config_path) in enumerate(zip(targets, config_paths, strict=True)):
            if target.path is None:
                finished[index] = local(target, config_path)
                on_result(finished[index])
                continue
            try:
                data = read_limited(target.path)
            except ReadError as error:
                finished[index] = FileResult.unreadable(target.display, error)
                on_result(finished[index])
                continue
            setup = setups.get(config_path)
            future = client.submit(
                check_on_worker,
                target.display,
                data,
                target.path.suffix,
                setup.config,
                setups.options,
                pure=False,
            )
            waiting[future] = index
        completed = as_completed(list(waiting))  # type: ignore[no-untyped-call]
        done = ((waiting[future], future.result()) for future in completed)
        yield from in_order(finished, done, on_result)
    finally:
        for future in waiting:
            future.cancel()
        client.close()
