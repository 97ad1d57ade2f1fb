"""The `assesslint` command line: parse options, call the layers below, set the exit code.

Exit codes are a contract: 0 nothing at or above `--fail-on`; 1 findings at or above it;
2 a usage, configuration or rule-file error, or an input that could not be read (the other
inputs are still checked and reported).
"""

from __future__ import annotations

import errno
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from rich.console import Console
from rich.markup import escape

from assesslint import __version__
from assesslint.config import FAIL_ON, Config, ConfigError, find_config_file, load_config
from assesslint.formatters.output import WriteError, describe_stream
from assesslint.leave import run_then_leave
from assesslint.models import FileResult, ReadError, Severity
from assesslint.output_paths import Output, OutputClash, refuse_clashes
from assesslint.printable import printable, printable_lines, printable_prose
from assesslint.readers.sections import SectionFileError, SectionMap, default_section_map
from assesslint.rules.loader import RuleLoadError, RuleSet

if TYPE_CHECKING:
    from assesslint.files import Target as Target_
    from assesslint.report.team import TeamSummary as TeamSummary_
    from assesslint.rules.spec import Rule as Rule_
    from assesslint.runner import RunOptions as RunOptions_
    from assesslint.runner import Setups as Setups_

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

_SETUP_ERRORS = (ConfigError, RuleLoadError, SectionFileError)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str) -> NoReturn:
    # Messages name files and quote configuration: shown as they are, never as markup.
    _stderr().print(f"[bold red]error:[/bold red] {escape(printable_lines(message))}")
    sys.exit(EXIT_ERROR)


def _config_for(path: Path, explicit: Path | None) -> Config:
    config_path = explicit or find_config_file(path)
    return load_config(config_path) if config_path else Config()


def _section_map(config: Config) -> SectionMap:
    base = default_section_map()
    return base.with_aliases(config.sections) if config.sections else base


def _split(values: Iterable[str]) -> tuple[str, ...]:
    """Accept `--select a,b --select c` as well as repeated options."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class _Program(click.Group):
    """The command group, which turns every failure that is not a finding into exit 2.

    A file that cannot be written gets a one-line message naming it. Anything else that
    escapes a command is a fault in assesslint: it is said to be one, with where it
    happened but not the exception's message (which could quote a report), and exit 2,
    so that a pre-submission gate never mistakes a crash for findings (exit 1).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WriteError as error:
            _fail(str(error))
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # Whoever was reading the output has gone (`| head`); nothing more can be said.
            sys.exit(EXIT_ERROR)
        except OSError as error:
            if error.errno in _OUTPUT_ERRNOS and error.filename is None:
                _fail(describe_stream("standard output", error))
            _internal_fault(error)
        except Exception as error:
            _internal_fault(error)


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _internal_fault(error: BaseException) -> NoReturn:
    frames = traceback.extract_tb(error.__traceback__)
    where = [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames[-6:]]
    _stderr().print(
        f"error: assesslint stopped because of a fault in assesslint itself "
        f"({type(error).__name__}). Please report it with the command you ran and these "
        "lines (they hold no report text):\n" + "\n".join(where),
        markup=False,
    )
    sys.exit(EXIT_ERROR)


@click.group(cls=_Program, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assesslint")
def main() -> None:
    """Check written assessments of children for the problems case reviews keep finding.

    \b
    Exit codes:
      0  no findings at or above --fail-on
      1  findings at or above --fail-on
      2  a report could not be read, an output could not be written (or would have
         replaced a report), a mistake in the command line or configuration, or a
         fault in assesslint
    """  # noqa: D301 - "\b" is click's mark for a paragraph kept as written


# --- check -------------------------------------------------------------------------------


def exit_code(outcomes: Sequence[tuple[FileResult, str]]) -> int:
    """Work out the exit code from each file's result and its `--fail-on` threshold."""
    if any(result.error is not None for result, _ in outcomes):
        return EXIT_ERROR
    for result, fail_on in outcomes:
        if fail_on == "never":
            continue
        threshold = Severity(fail_on).rank
        if any(finding.severity.rank >= threshold for finding in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


EXIT_INTERRUPTED = 130  # the shell's convention for a run stopped by Ctrl-C


_RULE_OPTIONS = [
    click.option(
        "--fail-on",
        type=click.Choice(FAIL_ON),
        help="Exit with 1 when there are findings this serious or more "
        "[default: error, or the configuration's].",
    ),
    click.option(
        "--select",
        multiple=True,
        metavar="ID/CATEGORY",
        help="Only these rules or categories (repeat, or separate with commas).",
    ),
    click.option(
        "--ignore",
        multiple=True,
        metavar="ID/CATEGORY",
        help="Leave out these rules or categories (added to the configuration's).",
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        help="Use this configuration file for every report.",
    ),
]
_RUN_OPTIONS = [
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        help="Worker processes for a batch [default: one per core].",
    ),
    click.option(
        "--scheduler",
        metavar="tcp://HOST:8786",
        help='Check on a Dask cluster with this scheduler (needs "assesslint[dask]").',
    ),
    click.option(
        "--follow-links",
        is_flag=True,
        help="Follow symbolic links inside folders (files named on the command line are "
        "always read).",
    ),
    click.option(
        "--no-snippets",
        is_flag=True,
        help="Leave every word of the reports out of the output: no quotations, no "
        "matched words (for sharing with people who must not see case details).",
    ),
]


def _apply(options: list[Callable[..., Any]], command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(options):
        command = option(command)
    return command


def _rule_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every checking command takes: which rules, which configuration."""
    return _apply(_RULE_OPTIONS, command)


def _batch_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of commands that check many files: rules, configuration, workers."""
    return _apply(_RULE_OPTIONS + _RUN_OPTIONS, command)


@dataclass
class Batch:
    """The results of a run, each file's `--fail-on`, and whether Ctrl-C stopped it."""

    results: list[FileResult]
    thresholds: list[str]
    interrupted: bool
    rules: list[Rule_]

    @property
    def exit_code(self) -> int:
        """The exit code the contract gives these results."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return exit_code(list(zip(self.results, self.thresholds, strict=True)))


@dataclass(frozen=True)
class Files:
    """What a batch command reads and writes, beyond its rules: for `_run_batch`."""

    follow_links: bool = False
    # Files the command will write, checked against what it reads before anything is read.
    outputs: tuple[Output, ...] = ()
    # Files read besides the reports and configuration (a baseline).
    also_read: tuple[Path, ...] = ()


def _run_batch(
    paths: Sequence[str],
    options: RunOptions_,
    stdin_name: str = "stdin.txt",
    each: Callable[[FileResult], None] | None = None,
    files: Files = Files(),  # frozen, so one shared default is safe
) -> Batch:
    """Check every file, calling `each` with each result in path order as soon as it can."""
    from assesslint.cluster import ClusterError
    from assesslint.files import find_targets
    from assesslint.nlp import ModelError
    from assesslint.progress import BatchProgress
    from assesslint.runner import Setups, run

    found = find_targets(paths, stdin_name=stdin_name, follow_links=files.follow_links)
    targets = found.targets
    passed_over = found.passed_over()
    if passed_over:
        _stderr().print(f"note: {printable_lines(passed_over)}.", markup=False)
    if not targets:
        _fail("no .docx, .txt or .md files were found in " + ", ".join(paths))
    setups = Setups(options)
    _refuse_clashes(files, targets, setups, paths)
    results: list[FileResult] = []
    interrupted = False
    try:
        with BatchProgress(len(targets)) as progress:
            for result in run(targets, setups, on_result=progress.advance):
                if each is not None:
                    each(result)
                results.append(result)
    except _SETUP_ERRORS as error:
        _fail(f"assesslint cannot start because of these mistakes:\n{error}")
    except ModelError as error:
        _fail(str(error))
    except ClusterError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        interrupted = True
        _stderr().print(
            f"Stopped by Ctrl-C: {len(results)} of {len(targets)} files were checked, and "
            "are reported below. No file was changed."
        )
    thresholds = [setups.get(setups.config_path(t)).fail_on for t in targets[: len(results)]]
    return Batch(results, thresholds, interrupted, setups.rules())


def _refuse_clashes(
    files: Files, targets: Sequence[Target_], setups: Setups_, paths: Sequence[str]
) -> None:
    """Stop before reading anything if an output would replace something this run reads."""
    if not files.outputs:
        return
    inputs = [t.path for t in targets if t.path is not None]
    configs = {setups.config_path(t) for t in targets}
    inputs += [path for path in configs if path is not None]
    inputs += files.also_read
    folders = [Path(p) for p in paths if p != "-" and Path(p).is_dir()]
    try:
        refuse_clashes(files.outputs, inputs, folders)
    except OutputClash as error:
        _fail(str(error))


def _options(
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_file: Path | None,
    jobs: int | None,
    no_snippets: bool,
    scheduler: str | None = None,
) -> RunOptions_:
    from assesslint.runner import RunOptions

    return RunOptions(
        config_file=config_file,
        select=_split(select) or None,
        ignore=_split(ignore),
        fail_on=fail_on,
        jobs=jobs,
        redact=no_snippets,
        scheduler=scheduler,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit", "github", "csv", "html"]),
    default="text",
    show_default=True,
    help="How to show the findings: text for people; json, sarif, junit or github for "
    "tools and CI; csv for spreadsheets; html for a report to share.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of the screen.",
)
@_batch_options
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings that are not in this baseline (see `assesslint baseline`).",
)
@click.option(
    "--statistics", is_flag=True, help="Add a count of findings per rule after the output."
)
@click.option(
    "--stdin-name",
    default="stdin.txt",
    show_default=True,
    metavar="NAME",
    help="The name to give standard input (`-`); its extension sets the format.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    jobs: int | None,
    scheduler: str | None,
    follow_links: bool,
    no_snippets: bool,
    baseline_file: Path | None,
    statistics: bool,
    stdin_name: str,
) -> None:
    """Check reports (.docx, .txt, .md): files, folders, globs, or - for standard input.

    With more than one file, a team summary follows the findings: reports worst first,
    the commonest problems, and how many reports meet each practice area.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a report
    that could not be read (the others are still checked), an output that could not be
    written or would have replaced an input, a mistake in the command line or
    configuration, or a fault in assesslint.
    """
    options = _options(select, ignore, fail_on, config_file, jobs, no_snippets, scheduler)
    known = _load_baseline(baseline_file) if baseline_file is not None else None
    files = Files(
        follow_links,
        (Output(output, "--output"),) if output is not None else (),
        (baseline_file,) if baseline_file is not None else (),
    )
    if fmt == "json" and output is not None and known is None:
        batch = _json_file_while_checking(paths, options, stdin_name, output, files)
    else:
        batch = _run_batch(paths, options, stdin_name, files=files)
        if known is not None and baseline_file is not None:
            from assesslint import baseline

            batch.results = baseline.apply(batch.results, known, baseline_file)
        _emit(batch.results, fmt, output, no_snippets, batch.rules)
    _notes(batch.results, fmt, statistics)
    sys.exit(batch.exit_code)


def _json_file_while_checking(
    paths: Sequence[str], options: RunOptions_, stdin_name: str, output: Path, files: Files
) -> Batch:
    """Check, writing each file's JSON as its result arrives rather than all at the end.

    Over a folder, the writing then happens while the workers are still checking. The file
    is still written whole or not at all: it replaces `output` only once it is complete.
    """
    from assesslint.formatters.json_report import JsonWriter
    from assesslint.formatters.output import atomic_file

    with atomic_file(output) as stream:
        writer = JsonWriter(lambda text: stream.write(text.encode("utf-8")))
        batch = _run_batch(paths, options, stdin_name, each=writer.add, files=files)
        writer.finish()
    return batch


def _load_baseline(path: Path) -> Counter[tuple[str, str, str]]:
    from assesslint.baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as error:
        _fail(str(error))


def _notes(results: list[FileResult], fmt: str, statistics: bool) -> None:
    """Counts that machine formats have no place for go to standard error."""
    from assesslint.summary import Summary

    summary = Summary.of(results)
    to_stderr = fmt != "text"
    if to_stderr and (summary.suppressed or summary.baselined):
        _stderr().print(f"assesslint: {summary.sentence()}")
    if statistics:
        counts = Counter(f.rule for r in results for f in r.findings)
        lines = [
            f"{count:6}  {rule}"
            for rule, count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
        ]
        text = "\n".join(["Findings per rule:", *lines] if lines else ["Findings per rule: none"])
        if to_stderr:
            _stderr().print(text, markup=False)
        else:
            click.echo(text)


def _team(results: list[FileResult]) -> TeamSummary_:
    from assesslint.report.areas import default_areas
    from assesslint.report.team import TeamSummary

    return TeamSummary.of(results, default_areas())


def _emit(
    results: list[FileResult],
    fmt: str,
    output: Path | None,
    redacted: bool,
    rules: Sequence[Rule_] = (),
) -> None:
    from assesslint.formatters import csv_report, github, json_report, junit, sarif, text
    from assesslint.formatters.output import write_atomically
    from assesslint.report import html
    from assesslint.report import text as team_text
    from assesslint.summary import Summary

    if fmt == "json":
        # Written a file at a time: a batch of thousands of reports is never one string.
        chunks = json_report.render_chunks(results)
        if output is None:
            for chunk in chunks:
                click.echo(chunk, nl=False)
        else:
            write_atomically(output, chunks)
        return
    rendered: str | None = None
    if fmt == "sarif":
        rendered = sarif.render(results, rules)
    elif fmt == "junit":
        rendered = junit.render(results)
    elif fmt == "github":
        rendered = github.render(results)
    elif fmt == "csv":
        rendered = csv_report.render_findings(results)
    elif fmt == "html":
        rendered = html.render(results, _team(results), redacted)
    if rendered is not None:
        if output is None:
            click.echo(rendered, nl=False)
        else:
            write_atomically(output, rendered)
        return
    team = _team(results) if len(results) > 1 else None
    closing = Summary.of(results).sentence() + "\n"
    if output is not None:
        plain = text.render_plain(results, closing=team is None)
        if team is not None:
            plain += team_text.render_plain(team) + "\n" + closing
        write_atomically(output, plain)
        return
    console = Console(highlight=False)
    if console.is_terminal:
        text.render(results, console, closing=team is None)
        if team is not None:
            console.print(team_text.renderable(team))
            console.print()
            console.print(closing.strip(), style="bold")
    else:
        click.echo(text.render_plain(results, console.width, closing=team is None), nl=False)
        if team is not None:
            click.echo(team_text.render_plain(team, width=console.width) + "\n" + closing, nl=False)


# --- annotate ------------------------------------------------------------------------------


@main.command()
@click.argument(
    "report_path", metavar="REPORT.docx", type=click.Path(path_type=Path, dir_okay=False)
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the reviewed copy [default: REPORT.reviewed.docx beside it].",
)
@click.option("--author", default="assesslint", show_default=True, help="The comments' author.")
@click.option("--initials", default="AL", show_default=True, help="The comments' initials.")
@_rule_options
def annotate(
    report_path: Path,
    output: Path | None,
    author: str,
    initials: str,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
) -> None:
    """Write a reviewed copy of a Word report with a comment on the words of each finding.

    The report itself is never changed. Findings about a section are comments on its
    heading; findings about the whole report, with the counts per rule, are a summary
    comment on the first paragraph.
    """
    from assesslint import annotate as annotating
    from assesslint.files import Target
    from assesslint.formatters.output import write_atomically
    from assesslint.nlp import ModelError
    from assesslint.readers import read_limited
    from assesslint.runner import Setups

    if report_path.suffix.lower() != ".docx":
        _fail(f"{report_path}: annotate writes Word comments, so it needs a .docx report")
    target = output or report_path.with_name(f"{report_path.stem}.reviewed.docx")
    options = _options(select, ignore, fail_on, config_file, None, False)
    setups = Setups(options)
    config_path = setups.config_path(Target(str(report_path), report_path))
    try:
        refuse_clashes(
            [Output(target, "--output")],
            [report_path, *([config_path] if config_path is not None else [])],
        )
    except OutputClash as error:
        _fail(str(error))
    try:
        setup = setups.get(config_path)
        engine = setup.engine
        data = read_limited(report_path)
        annotated = annotating.annotate(
            data, str(report_path), setup.sections, engine, setup.selection, author, initials
        )
    except _SETUP_ERRORS as error:
        _fail(f"assesslint cannot start because of these mistakes:\n{error}")
    except ModelError as error:
        _fail(str(error))
    except ReadError as error:
        _fail(f"{report_path}: could not be read ({error.code.value}): {error.message}")
    write_atomically(target, annotated.data)
    parts = [f"{annotated.on_words} on the exact words"]
    if annotated.on_headings:
        parts.append(f"{annotated.on_headings} on section headings")
    if annotated.findings:
        parts.append("a summary comment on the first paragraph")
    click.echo(
        f"Wrote {printable(str(target))}: {len(annotated.findings)} finding"
        f"{'s' if len(annotated.findings) != 1 else ''}; comments: " + ", ".join(parts) + "."
    )
    if annotated.not_exact:
        click.echo(
            f"{annotated.not_exact} finding{'s' if annotated.not_exact != 1 else ''} could not "
            "be placed on the exact words and are listed in the summary comment."
        )
    if annotated.suppressed:
        click.echo(f"{len(annotated.suppressed)} suppressed by comments in the report.")
    result = FileResult(path=str(report_path), format="docx", findings=annotated.findings)
    sys.exit(exit_code([(result, setup.fail_on)]))


# --- baseline ------------------------------------------------------------------------------


@main.command()
@click.argument("baseline_file", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@_batch_options
def baseline(
    baseline_file: Path,
    paths: tuple[str, ...],
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    jobs: int | None,
    scheduler: str | None,
    follow_links: bool,
    no_snippets: bool,
) -> None:
    """Record today's findings in FILE, so `check --baseline FILE` fails only on new ones.

    Findings are keyed by report (relative to FILE's folder), rule and a hash of the
    sentence, so they survive edits elsewhere in a report. FILE holds no report text.
    """
    from assesslint import baseline as baselines
    from assesslint.formatters.output import write_atomically

    options = _options(select, ignore, fail_on, config_file, jobs, no_snippets, scheduler)
    written = (Output(baseline_file, "the baseline FILE"),)
    batch = _run_batch(paths, options, files=Files(follow_links, written))
    if batch.interrupted:
        sys.exit(EXIT_INTERRUPTED)  # a partial baseline would hide nothing of the rest
    write_atomically(baseline_file, baselines.render(batch.results, baseline_file))
    count = sum(len(r.findings) for r in batch.results)
    click.echo(
        f"Recorded {count:,} findings in {len(batch.results):,} files in "
        f"{printable(str(baseline_file))}."
    )
    unreadable = [r.path for r in batch.results if r.error is not None]
    if unreadable:
        _stderr().print(
            f"{len(unreadable)} file(s) could not be read and are not in the baseline: "
            + ", ".join(map(printable, unreadable)),
            markup=False,
        )
        sys.exit(EXIT_ERROR)


# --- report --------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write a self-contained HTML report to this file.",
)
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write one row per finding to this CSV file (opens in Excel).",
)
@click.option(
    "--csv-files",
    "csv_files_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write one row per report to this CSV file.",
)
@click.option("--title", default="", help="A title for the HTML report.")
@_batch_options
def report(
    paths: tuple[str, ...],
    html_file: Path | None,
    csv_file: Path | None,
    csv_files_file: Path | None,
    title: str,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    jobs: int | None,
    scheduler: str | None,
    follow_links: bool,
    no_snippets: bool,
) -> None:
    """Check a team's reports and write a summary to share (HTML, CSV).

    The team summary is printed too: reports worst first, the commonest problems, and how
    many reports meet each practice area, with an indicative grade.
    """
    from assesslint.formatters import csv_report
    from assesslint.formatters.output import write_atomically
    from assesslint.report import html
    from assesslint.report import text as team_text

    options = _options(select, ignore, fail_on, config_file, jobs, no_snippets, scheduler)
    outputs = (
        Output(path, option)
        for path, option in (
            (html_file, "--html"),
            (csv_file, "--csv"),
            (csv_files_file, "--csv-files"),
        )
        if path is not None
    )
    batch = _run_batch(paths, options, files=Files(follow_links, tuple(outputs)))
    team = _team(batch.results)
    written = []
    if html_file is not None:
        write_atomically(html_file, html.render(batch.results, team, no_snippets, title))
        written.append(html_file)
    if csv_file is not None:
        write_atomically(csv_file, csv_report.render_findings(batch.results))
        written.append(csv_file)
    if csv_files_file is not None:
        write_atomically(csv_files_file, csv_report.render_files(batch.results))
        written.append(csv_files_file)
    console = Console(highlight=False)
    if console.is_terminal:
        console.print(team_text.renderable(team))
    else:
        click.echo(team_text.render_plain(team, width=console.width), nl=False)
    click.echo("\n" + team.counts.sentence())
    for path in written:
        click.echo(f"Wrote {printable(str(path))}")
    sys.exit(batch.exit_code)


# --- rules, explain, test-rules, init ------------------------------------------------------


def _load_catalogue(config_file: Path | None) -> RuleSet:
    """Load the rules for listing: built in, plus the configuration's folders; no spaCy."""
    from assesslint.resources import builtin_rules_dir
    from assesslint.rules.loader import load_rules

    config = _config_for(Path.cwd(), config_file)
    folders = [builtin_rules_dir(), *config.rule_dirs]
    return load_rules(folders, _section_map(config).names, check_token_patterns=False)


@main.command()
@click.argument("category", required=False)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Include the rule folders this configuration adds.",
)
def rules(category: str | None, config_file: Path | None) -> None:
    """List the rules (all, or one CATEGORY's)."""
    from rich.table import Table

    try:
        ruleset = _load_catalogue(config_file)
    except _SETUP_ERRORS as error:
        _fail(f"the rules have mistakes:\n{error}")
    chosen = [r for r in ruleset.rules if category in (None, r.category)]
    if category and not chosen:
        _fail(f"there is no category {category!r}; categories: {', '.join(ruleset.categories)}")
    table = Table(show_lines=False)
    for column in ("Rule", "Category", "Severity", "Type", "What it finds"):
        table.add_column(column, overflow="fold")
    for rule in sorted(chosen, key=lambda r: (r.category, r.id)):
        table.add_row(rule.id, rule.category, rule.severity.value, rule.type, rule.title)
    Console(highlight=False).print(table)


@main.command()
@click.argument("rule_id", metavar="RULE")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Include the rule folders this configuration adds.",
)
def explain(rule_id: str, config_file: Path | None) -> None:
    """Explain a rule: why it matters, what to write instead, its source and examples."""
    from rich.markdown import Markdown

    try:
        ruleset = _load_catalogue(config_file)
    except _SETUP_ERRORS as error:
        _fail(f"the rules have mistakes:\n{error}")
    rule = ruleset.get(rule_id)
    if rule is None:
        _fail(f"there is no rule {rule_id!r}; `assesslint rules` lists them")
    lines = [
        f"# {rule.id}: {rule.title}",
        f"*{rule.category}*, {rule.severity.value}, type `{rule.type}`"
        + (f"; applies in: {', '.join(sorted(rule.sections))}" if rule.sections else ""),
        "",
        "## Why it matters",
        "",
        rule.why,
    ]
    if rule.suggest:
        lines += ["", "## What to write instead", "", rule.suggest]
    lines += ["", "## Source", "", rule.source, "", "## Examples", ""]
    for example in rule.examples:
        verdict = "Flagged" if example.kind == "fail" else "Not flagged"
        body = example.text.strip().replace("\n", "\n> ")
        lines += [f"**{verdict}:**", "", f"> {body}", ""]
    Console(highlight=False).print(Markdown("\n".join(lines)))


@main.command("test-rules")
@click.argument(
    "folder", required=False, type=click.Path(path_type=Path, file_okay=False, exists=True)
)
def test_rules(folder: Path | None) -> None:
    """Run the examples of every rule in FOLDER (default: the built-in rules)."""
    from assesslint.engine import Engine
    from assesslint.nlp import get_pipeline
    from assesslint.resources import builtin_rules_dir
    from assesslint.rules.lexicons import load_lexicons
    from assesslint.rules.loader import load_rules
    from assesslint.selftest import run_examples

    folder = folder or builtin_rules_dir()
    sections = default_section_map()
    try:
        # A local folder may use the built-in lexicons.
        builtin_lexicons, _ = load_lexicons([builtin_rules_dir()])
        loaded = load_rules([folder], sections.names, extra_lexicons=builtin_lexicons)
    except _SETUP_ERRORS as error:
        _fail(f"the rules have mistakes:\n{error}")
    ruleset = RuleSet(loaded.rules, loaded.lexicons)
    outcomes = run_examples(ruleset, Engine(ruleset, get_pipeline()), sections)
    console = Console(highlight=False, soft_wrap=True)
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        example = outcome.example
        console.print(
            f"[bold red]FAIL[/] {outcome.rule.path}:{example.where[0]}:"
            f"{example.where[1]} {outcome.rule.id} ({example.kind} example): "
            f"{outcome.problem}",
            markup=True,
        )
        console.print(f"     text: {example.text.strip()!r}", markup=False)
        for finding in outcome.found:
            console.print(
                f"     found: {finding.match!r} at {finding.location.where}: {finding.message}",
                markup=False,
            )
    rules_count = len({o.rule.id for o in outcomes})
    console.print(
        f"{len(outcomes) - len(failed)} of {len(outcomes)} examples of "
        f"{rules_count} rules behaved as written."
    )
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


STARTER_CONFIG = """\
# assesslint configuration. assesslint uses the nearest .assesslint.yaml above each report.
# Every key is optional; remove the # to use one. `assesslint rules` lists rule IDs.

# Only these rules or categories (default: all of them).
# select: [jargon, clarity, child-voice, analysis, evidence, risk, planning]

# Leave out these rules or categories.
# ignore: [long-sentence]

# Change a rule's severity: error, warning or info.
# severity:
#   jargon-care-term: info

# Exit with 1 (for a pre-submission check) when there are findings this serious or more:
# error (default), warning, info, or never.
# fail-on: error

# More rule folders, relative to this file (one folder per category inside).
# rules: [our-rules]

# Headings your templates use, as regular expressions matched against the whole heading.
# sections:
#   child-voice: ["what i told my worker"]
#   analysis: ["our professional view"]

# Words your authority uses that should not be flagged.
# allow: [SENCO]

# A trained spaCy pipeline, if installed (the built-in rules never need one).
# model: en_core_web_sm

# Worker processes for a folder of reports (default: one per core).
# jobs: 2
"""


@main.command()
@click.option("--force", is_flag=True, help="Replace an existing .assesslint.yaml.")
def init(force: bool) -> None:
    """Write a commented starter .assesslint.yaml in the current folder."""
    from assesslint.formatters.output import write_atomically

    path = Path.cwd() / ".assesslint.yaml"
    if path.exists() and not force:
        _fail(f"{path} already exists; use --force to replace it")
    write_atomically(path, STARTER_CONFIG)
    click.echo(f"Wrote {printable(str(path))}")


# --- dump ----------------------------------------------------------------------------------


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table to read, or JSON for tools.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Use this configuration file instead of searching for one.",
)
def dump(file: Path, fmt: str, config_file: Path | None) -> None:
    """Show how FILE was read: every block with its kind, section and canonical name."""
    from assesslint.formatters.dump import render_json, render_table
    from assesslint.readers import read_document

    try:
        sections = _section_map(_config_for(file, config_file))
    except _SETUP_ERRORS as error:
        _fail(f"the configuration has mistakes:\n{error}")
    try:
        document = read_document(file, sections)
    except ReadError as error:
        _fail(f"{file}: cannot be read ({error.code.value}): {error.message}")
    if fmt == "json":
        click.echo(render_json(document))
        for notice in document.notices:
            _stderr().print(
                f"note: {printable(str(file))}: {printable_prose(notice)}", markup=False
            )
    else:
        render_table(document, Console(highlight=False))


def run() -> NoReturn:
    """The `assesslint` program: `main`, ended as `assesslint.leave` explains."""
    run_then_leave(main)
