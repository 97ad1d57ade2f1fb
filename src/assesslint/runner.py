"""Check many files: the configuration for each, one engine per configuration, workers.

Each file is checked with the configuration found for it (or the one named with
`--config`). A `Setup` holds what a configuration needs (section names, rules, selection,
and the engine, built on first use) and is made once per configuration per process.
Configuration and rule-file mistakes are found before any file is read, so they stop the
run with every mistake listed; a file that cannot be read is a result like any other.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from assesslint import collector
from assesslint.config import Config, ConfigError, find_config_file, load_config
from assesslint.engine import Engine, Selection
from assesslint.files import Target
from assesslint.loadcache import cached, lookup, store
from assesslint.models import Document, FileResult, ReadError, Severity
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


def _run_in_workers(
    targets: Sequence[Target],
    config_paths: Sequence[Path | None],
    setups: Setups,
    workers: int,
    on_result: Callable[[FileResult], None],
) -> Iterator[FileResult]:
    global _worker_setups
    context: BaseContext
    forked = "fork" in multiprocessing.get_all_start_methods()
    if forked:
        # Forked workers inherit the setups, engines included, and build nothing. What
        # exists now lives as long as they do: frozen, their garbage collector never walks
        # it (nor copies its pages into each worker by touching them). Workers ran a
        # twentieth faster. Unfrozen after, for a program that calls this many times.
        _worker_setups = setups
        gc.freeze()
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_ignore_interrupts
        )
    else:
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(setups.options,),
        )
    finished: dict[int, FileResult] = {}
    waiting: dict[Future[FileResult], int] = {}
    try:
        for index, (target, config_path) in enumerate(zip(targets, config_paths, strict=True)):
            if target.is_stdin:
                result = check_target(target, setups.get(config_path), setups.options.redact)
                on_result(result)
                finished[index] = result
            else:
                waiting[pool.submit(_check_in_worker, target, config_path)] = index
        yield from in_order(finished, waiting, as_completed(waiting), on_result)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if forked:
            gc.unfreeze()


def in_order(
    finished: dict[int, FileResult],
    waiting: Mapping[Any, int],
    completed: Iterable[Any],
    on_result: Callable[[FileResult], None],
) -> Iterator[FileResult]:
    """Yield results in the order of the files, as soon as each one's turn has come.

    `finished` holds results already known, by position; `waiting` maps each future to
    its position; `completed` yields the futures as they finish (local or on a cluster).
    """
    following = 0
    while following in finished:
        yield finished.pop(following)
        following += 1
    for future in completed:
        result = future.result()
        on_result(result)
        finished[waiting[future]] = result
        while following in finished:
            yield finished.pop(following)
            following += 1


__all__ = ["ConfigError", "RunOptions", "Setup", "Setups", "check_target", "run"]
