"""Check files on a Dask cluster (`--scheduler tcp://HOST:8786`), the optional `dask` extra.

The client reads each file and sends its bytes, so workers need no access to the reports
(only to assesslint and to any rule folders the configuration adds, at the same paths).
Each worker process builds the pipeline and rules once per configuration and keeps them.
Results come back in the order of the files, whatever order the workers finish in; a file
that cannot be read is reported like everywhere else, so the output is the same as a
local run's. Only this mode opens network connections, to the scheduler you name.

A file whose workers keep dying while checking it (the scheduler gives up with
`KilledWorker`) is checked again on its own once the others are done, since the workers
that died may have been running a neighbour's file; if it fails again it is reported as a
file that could not be read, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
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
    submitted: list[Any] = []

    def submit(target: Target, config_path: Path | None) -> Any:
        """Send one file to the cluster: its future, or its result if it cannot be read."""
        assert target.path is not None
        try:
            data = read_limited(target.path)
        except ReadError as error:
            return FileResult.unreadable(target.display, error)
        setup = setups.get(config_path)
        future = client.submit(
            check_on_worker,
            target.display,
            data,
            target.path.suffix,
            setup.config,
            setups.options,
            pure=False,
            # Tries once more a task that raised (a worker short of memory, say). A worker
            # that dies is the scheduler's to retry (its `allowed-failures`), not this.
            retries=1,
        )
        submitted.append(future)
        return future

    finished: dict[int, FileResult] = {}
    waiting: dict[Any, tuple[int, Target, Path | None]] = {}
    try:
        for index, (target, config_path) in enumerate(zip(targets, config_paths, strict=True)):
            if target.path is None:
                finished[index] = local(target, config_path)
                on_result(finished[index])
                continue
            sent = submit(target, config_path)
            if isinstance(sent, FileResult):
                finished[index] = sent
                on_result(sent)
            else:
                waiting[sent] = (index, target, config_path)
        completed = as_completed(list(waiting))  # type: ignore[no-untyped-call]
        yield from in_order(
            finished, results_surviving_deaths(completed, waiting, submit), on_result
        )
    finally:
        for future in submitted:
            future.cancel()
        client.close()


def results_surviving_deaths(
    completed: Iterable[Any],
    waiting: dict[Any, tuple[int, Target, Path | None]],
    submit: Callable[[Target, Path | None], Any],
) -> Iterator[tuple[int, FileResult]]:
    """Yield each file's position and result as its future completes.

    A future that failed because its workers died (`KilledWorker`) is sent again once all
    the others are done, one at a time, so that nothing else of this run is on the cluster
    to be blamed: the scheduler counts a death against every task the dead worker held, and
    a file that was only queued beside the culprit often runs out of tries with it. A file
    whose retry fails the same way is reported as one the checker could not read.
    """
    from distributed import KilledWorker

    from assesslint.runner import worker_lost

    suspects: list[tuple[int, Target, Path | None, int]] = []
    for future in completed:
        index, target, config_path = waiting[future]
        try:
            result = future.result()
        except KilledWorker as error:
            suspects.append((index, target, config_path, _tries(error)))
            continue
        yield index, result
    for index, target, config_path, tries in sorted(suspects, key=lambda suspect: suspect[0]):
        retry = submit(target, config_path)
        if not isinstance(retry, FileResult):
            try:
                retry = retry.result()
            except KilledWorker as error:
                retry = worker_lost(target.display, tries + _tries(error))
        yield index, retry


def _tries(error: Exception) -> int:
    """How many workers died running the task, by the scheduler's account."""
    allowed = getattr(error, "allowed_failures", None)
    return allowed + 1 if isinstance(allowed, int) else 1
