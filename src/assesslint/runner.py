"""Check many files: the configuration for each, one engine per configuration, workers.

Each file is checked with the configuration found for it (or the one named with
`--config`). A `Setup` holds what a configuration needs (section names, rules, selection,
and the engine, built on first use) and is made once per configuration per process.
Configuration and rule-file mistakes are found before any file is read, so they stop the
run with every mistake listed; a file that cannot be read is a result like any other, and
so is a file whose worker process dies twice while checking it (the run goes on without it).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from assesslint import collector
from assesslint.config import Config, ConfigError, find_config_file, load_config
from assesslint.engine import Engine, Selection
from assesslint.files import Target
from assesslint.loadcache import cached, lookup, store
from assesslint.models import Document, FileResult, ReadError, ReadErrorCode, Severity
from assesslint.nlp import get_pipeline
from assesslint.readers import read_bytes, read_document
from assesslint.readers.sections import SectionMap, default_section_map
from assesslint.resources import builtin_rules_dir
from assesslint.rules.loader import RuleSet, load_rules
from assesslint.rules.regex_safety import FACTS_VERSION, known_facts, remember_facts
from assesslint.rules.spec import Rule
from assesslint.yamlfile import YamlError

# Below this many files, starting worker processes costs more than it saves.
_MIN_FILES_FOR_WORKERS = 4

# Files handed to the pool at once, per worker: enough that a worker never waits for the
# main process, few enough that when a worker dies only these few are suspects.
_IN_FLIGHT_PER_WORKER = 2


def worker_lost(display: str, tries: int = 2) -> FileResult:
    """The result for a file whose worker process died every time it was checked."""
    times = "twice" if tries == 2 else f"{tries} times"
    message = (
        "the checker stopped while reading this file: the process checking it ended "
        f"unexpectedly {times}, so the file was not checked. It may be too big or too complex "
        "for this computer's memory. Try checking it on its own, or open it in Word, save a "
        "copy and check that. If this keeps happening, it is a fault in assesslint: please "
        "report it, saying what kind of file it is, but without sending the file or any of "
        "its text."
    )
    return FileResult.unreadable(display, ReadError(ReadErrorCode.UNREADABLE, message))


@dataclass(frozen=True)
class RunOptions:
    """What the command line asked for, over and above the configuration."""

    config_file: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    jobs: int | None = None
    redact: bool = False
    scheduler: str | None = None


@dataclass
class Setup:
    """Everything needed to check files under one configuration."""

    config: Config
    sections: SectionMap
    ruleset: RuleSet
    selection: Selection
    fail_on: str
    # What the rules were loaded from, so that facts about their patterns can be kept.
    rule_sources: tuple[Path, ...] = ()
    rule_detail: str = ""
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The engine for this configuration, built on first use."""
        if self._engine is None:
            kept = lookup("pattern-facts", self.rule_sources, self.facts_detail)
            if isinstance(kept, dict):
                remember_facts(kept)
            self._engine = Engine(self.ruleset, get_pipeline(self.config.model))
            if kept is None:
                store("pattern-facts", self.rule_sources, self.facts_detail, known_facts())
            collector.settle()  # the program's start-up is over: collect again
        return self._engine

    @property
    def facts_detail(self) -> str:
        """What the kept facts about patterns depend on, beyond the rule files."""
        return f"{self.rule_detail}\nfacts {FACTS_VERSION}"


def make_setup(config: Config, options: RunOptions) -> Setup:
    """Load the sections and rules for `config`; raise `ConfigError` for any mistake."""
    sections = default_section_map()
    if config.sections:
        sections = sections.with_aliases(config.sections)
    folders = [builtin_rules_dir(), *config.rule_dirs]
    names = sections.names
    detail = "\n".join(sorted(names))
    ruleset = cached("rules", folders, detail, lambda: load_rules(folders, names))
    select = options.select if options.select is not None else config.select
    ignore = (*config.ignore, *options.ignore)
    errors = _unknown_selectors(ruleset, config, select, ignore, options)
    for rule_id in config.severity:
        if ruleset.get(rule_id) is None:
            errors.append(config.error_at("severity", f"'severity' names unknown rule {rule_id!r}"))
    if errors:
        raise ConfigError(errors)
    selection = Selection(
        select=frozenset(select) if select is not None else None,
        ignore=frozenset(ignore),
        severity={rule: Severity(level) for rule, level in config.severity.items()},
        allow=frozenset(config.allow),
    )
    fail_on = options.fail_on or config.fail_on or "error"
    return Setup(config, sections, ruleset, selection, fail_on, tuple(folders), detail)


def _unknown_selectors(
    ruleset: RuleSet,
    config: Config,
    select: Sequence[str] | None,
    ignore: Sequence[str],
    options: RunOptions,
) -> list[YamlError]:
    known = {rule.id for rule in ruleset.rules} | set(ruleset.categories)
    errors = []
    for key, names, from_cli in (
        ("select", select or (), options.select is not None),
        ("ignore", ignore, False),
    ):
        for name in names:
            if name in known:
                continue
            message = (
                f"{key!r} names {name!r}, which is neither a rule nor a category; "
                "see `assesslint rules`"
            )
            if from_cli or name in options.ignore:
                errors.append(YamlError("command line", 1, 1, message))
            else:
                errors.append(config.error_at(key, message))
    return errors


class Setups:
    """Setups by configuration file, made once each."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self._by_path: dict[Path | None, Setup] = {}
        self._by_folder: dict[Path, Path | None] = {}

    def config_path(self, target: Target) -> Path | None:
        """Return the configuration file that applies to `target`."""
        if self.options.config_file is not None:
            return self.options.config_file
        path = target.path if target.path is not None else Path.cwd()
        folder = path if path.is_dir() else path.parent
        # A team folder holds thousands of files; the search upwards is done once a folder.
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config_file(folder)
        return self._by_folder[folder]

    def get(self, config_path: Path | None) -> Setup:
        """Return the setup for a configuration file (None: the defaults)."""
        if config_path not in self._by_path:
            config = load_config(config_path) if config_path is not None else Config()
            self._by_path[config_path] = make_setup(config, self.options)
        return self._by_path[config_path]

    def rules(self) -> list[Rule]:
        """Every rule any configuration used in this run loaded, once each, by ID."""
        by_id: dict[str, Rule] = {}
        for setup in self._by_path.values():
            for rule in setup.ruleset.rules:
                by_id.setdefault(rule.id, rule)
        return [by_id[rule_id] for rule_id in sorted(by_id)]


def check_target(
    target: Target, setup: Setup, redact: bool, stdin: Callable[[], bytes] | None = None
) -> FileResult:
    """Read and check one file, returning its result (never raising for a bad file)."""
    try:
        if target.path is None:
            data = (stdin or _read_stdin)()
            suffix = Path(target.display).suffix
            document = read_bytes(data, target.display, setup.sections, suffix=suffix or ".txt")
        else:
            document = read_document(target.path, setup.sections)
    except ReadError as error:
        return FileResult.unreadable(target.display, error)
    return result_of(target.display, document, setup, redact)


def result_of(display: str, document: Document, setup: Setup, redact: bool) -> FileResult:
    """Check a document that has been read, with a setup's engine and selection."""
    findings, suppressed = setup.engine.check_with_suppressed(
        document, setup.selection, redact=redact
    )
    return FileResult(
        path=display,
        format=document.format,
        findings=tuple(findings),
        words=document.words,
        notices=document.notices + _unknown_suppressed_rules(document, setup.ruleset),
        suppressed=tuple(suppressed),
    )


def _unknown_suppressed_rules(document: Document, ruleset: RuleSet) -> tuple[str, ...]:
    """Say when a suppression comment names a rule that does not exist (a typo hides nothing)."""
    known = {rule.id for rule in ruleset.rules}
    return tuple(
        f"the suppression at {s.origin} names {', '.join(sorted(s.rules - known))}, which "
        "is not a rule, so it suppresses nothing of it; `assesslint rules` lists them"
        for s in document.suppressions
        if s.rules - known
    )


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


# Worker processes keep their own setups, built once each.
_worker_setups: Setups | None = None


def _init_worker(options: RunOptions) -> None:
    global _worker_setups
    _ignore_interrupts()
    _worker_setups = Setups(options)


def _check_in_worker(target: Target, config_path: Path | None) -> FileResult:
    assert _worker_setups is not None
    setup = _worker_setups.get(config_path)
    return check_target(target, setup, _worker_setups.options.redact)


def default_jobs() -> int:
    """Return the number of worker processes to use by default: one per core."""
    return max(
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
        1,
    )


def run(
    targets: Sequence[Target],
    setups: Setups,
    on_result: Callable[[FileResult], None] | None = None,
) -> Iterator[FileResult]:
    """Check every target, yielding results in the order of `targets` as soon as they can be.

    `on_result` is called as each file is finished, in whatever order the workers finish
    them (for a progress bar). Configurations are all loaded first, so a mistake in one
    stops the run before any file is read. Stopping early (Ctrl-C, or closing the
    generator) cancels the files not yet started.
    """
    config_paths = [setups.config_path(target) for target in targets]
    for config_path in dict.fromkeys(config_paths):
        # Build each engine now: a missing spaCy model is reported before any file is
        # read, and forked workers start with the engine already built.
        _ = setups.get(config_path).engine
    if setups.options.scheduler is not None:
        from assesslint.cluster import run_on_cluster

        def local(target: Target, config_path: Path | None) -> FileResult:
            return check_target(target, setups.get(config_path), setups.options.redact)

        yield from run_on_cluster(
            setups.options.scheduler,
            targets,
            config_paths,
            setups,
            on_result or (lambda _: None),
            local,
        )
        return
    jobs = setups.options.jobs
    if jobs is None:
        configured = [setups.get(p).config.jobs for p in config_paths if setups.get(p).config.jobs]
        jobs = min(j for j in configured if j is not None) if configured else default_jobs()
    files = [t for t in targets if not t.is_stdin]
    if jobs <= 1 or len(files) < _MIN_FILES_FOR_WORKERS:
        for target, config_path in zip(targets, config_paths, strict=True):
            result = check_target(target, setups.get(config_path), setups.options.redact)
            if on_result is not None:
                on_result(result)
            yield result
        return
    yield from _run_in_workers(
        targets, config_paths, setups, min(jobs, len(files)), on_result or (lambda _: None)
    )


def _ignore_interrupts() -> None:
    # Ctrl-C is the main process's to handle: it stops the run and reports what is done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass(frozen=True)
class _Job:
    """A file for a worker, with its position among the targets."""

    index: int
    target: Target
    config_path: Path | None


def _run_in_workers(
    targets: Sequence[Target],
    config_paths: Sequence[Path | None],
    setups: Setups,
    workers: int,
    on_result: Callable[[FileResult], None],
) -> Iterator[FileResult]:
    global _worker_setups
    finished: dict[int, FileResult] = {}
    jobs: deque[_Job] = deque()
    for index, (target, config_path) in enumerate(zip(targets, config_paths, strict=True)):
        if target.is_stdin:
            result = check_target(target, setups.get(config_path), setups.options.redact)
            on_result(result)
            finished[index] = result
        else:
            jobs.append(_Job(index, target, config_path))
    forked = "fork" in multiprocessing.get_all_start_methods()
    if forked:
        # Forked workers inherit the setups, engines included, and build nothing. What
        # exists now lives as long as they do: frozen, their garbage collector never walks
        # it (nor copies its pages into each worker by touching them). Workers ran a
        # twentieth faster. Unfrozen after, for a program that calls this many times.
        _worker_setups = setups
        gc.freeze()
    new_pool = functools.partial(_new_pool, forked=forked, options=setups.options)
    try:
        yield from in_order(finished, _checked_in_pools(jobs, workers, new_pool), on_result)
    finally:
        if forked:
            gc.unfreeze()


def _new_pool(workers: int, forked: bool, options: RunOptions) -> ProcessPoolExecutor:
    if forked:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_ignore_interrupts,
        )
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(options,),
    )


def _checked_in_pools(
    jobs: deque[_Job], workers: int, new_pool: Callable[[int], ProcessPoolExecutor]
) -> Iterator[tuple[int, FileResult]]:
    """Check `jobs` in a shared pool, yielding each one's position and result as it finishes.

    A worker that dies (killed, out of memory, a crash in a C library) breaks the whole
    pool, and every file the pool held then fails with it: each is a suspect. Suspects are
    checked again one at a time, alone, so that a second death is surely that file's; the
    files not yet handed to the pool go on in a fresh one.
    """
    while jobs:
        suspects: list[_Job] = []
        pool = new_pool(min(workers, len(jobs)))
        try:
            yield from _checked_until_broken(pool, jobs, workers * _IN_FLIGHT_PER_WORKER, suspects)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        yield from _checked_alone(suspects, new_pool)


def _checked_until_broken(
    pool: ProcessPoolExecutor, jobs: deque[_Job], limit: int, suspects: list[_Job]
) -> Iterator[tuple[int, FileResult]]:
    """Check files from `jobs` until none is left or the pool breaks.

    At most `limit` files are in the pool at once; those it held when it broke are added to
    `suspects`, and those it was never given stay in `jobs`.
    """
    running: dict[Future[FileResult], _Job] = {}
    broken = not _top_up(pool, jobs, running, limit)
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        results = []
        for future in done:
            job = running.pop(future)
            try:
                results.append((job.index, future.result()))
            except BrokenProcessPool:
                suspects.append(job)
                broken = True
        # The next files go in before these results are handed on, which may take a while
        # (writing them out), so that the workers are not left idle meanwhile.
        if not broken:
            broken = not _top_up(pool, jobs, running, limit)
        yield from results


def _top_up(
    pool: ProcessPoolExecutor,
    jobs: deque[_Job],
    running: dict[Future[FileResult], _Job],
    limit: int,
) -> bool:
    """Hand the pool files until it holds `limit`; return False if it turns out broken."""
    # Ctrl-C is held back while files are handed over, and arrives as soon as they are: an
    # interrupt in the middle of `submit` could leave the pool's own bookkeeping half done,
    # and the shutdown that follows waiting for ever.
    with _interrupts_held():
        while jobs and len(running) < limit:
            job = jobs[0]
            try:
                future = pool.submit(_check_in_worker, job.target, job.config_path)
            except BrokenProcessPool:
                return False  # the file stays in `jobs`: it never reached a worker
            running[future] = jobs.popleft()
    return True


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _checked_alone(
    suspects: list[_Job], new_pool: Callable[[int], ProcessPoolExecutor]
) -> Iterator[tuple[int, FileResult]]:
    """Check each suspect alone in a one-worker pool; one that kills it is reported unreadable.

    Nothing else runs meanwhile, so a death now is the file's own, and not a neighbour's or
    a machine short of memory because of its neighbours.
    """
    pool: ProcessPoolExecutor | None = None
    try:
        for job in sorted(suspects, key=lambda job: job.index):
            if pool is None:
                pool = new_pool(1)
            try:
                result = pool.submit(_check_in_worker, job.target, job.config_path).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                pool = None
                result = worker_lost(job.target.display)
            yield job.index, result
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def in_order(
    finished: dict[int, FileResult],
    done: Iterable[tuple[int, FileResult]],
    on_result: Callable[[FileResult], None],
) -> Iterator[FileResult]:
    """Yield results in the order of the files, as soon as each one's turn has come.

    `finished` holds results already known, by position; `done` yields each other file's
    position and result as it is finished (locally or on a cluster), in any order.
    `on_result` is called for each result from `done` as it arrives.
    """
    following = 0
    while following in finished:
        yield finished.pop(following)
        following += 1
    for index, result in done:
        on_result(result)
        finished[index] = result
        while following in finished:
            yield finished.pop(following)
            following += 1


__all__ = ["ConfigError", "RunOptions", "Setup", "Setups", "check_target", "run"]
