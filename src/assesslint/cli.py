"""The `assesslint` command line: parse options, call the layers below, set the exit code.

Exit codes are a contract: 0 nothing at or above `--fail-on`; 1 findings at or above it;
2 a usage, configuration or rule-file error, or an input that could not be read (the other
inputs are still checked and reported).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from assesslint import __version__
from assesslint.config import FAIL_ON, Config, ConfigError, find_config_file, load_config
from assesslint.models import FileResult, ReadError, Severity
from assesslint.readers.sections import SectionFileError, SectionMap, default_section_map
from assesslint.rules.loader import RuleLoadError, RuleSet

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

_SETUP_ERRORS = (ConfigError, RuleLoadError, SectionFileError)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str) -> NoReturn:
    _stderr().print(f"[bold red]error:[/bold red] {message}", markup=True)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assesslint")
def main() -> None:
    """Check written assessments of children for the problems case reviews keep finding."""


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


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to show the findings.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of the screen.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit with 1 when there are findings this serious or more "
    "[default: error, or the configuration's].",
)
@click.option(
    "--select",
    multiple=True,
    metavar="ID/CATEGORY",
    help="Only these rules or categories (repeat, or separate with commas).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="ID/CATEGORY",
    help="Leave out these rules or categories (added to the configuration's).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Use this configuration file for every report.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for a batch [default: one per core].",
)
@click.option(
    "--no-snippets",
    is_flag=True,
    help="Leave every word of the reports out of the output: no quotations, no "
    "matched words (for sharing with people who must not see case details).",
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
    no_snippets: bool,
    stdin_name: str,
) -> None:
    """Check reports (.docx, .txt, .md): files, folders, globs, or - for standard input."""
    from assesslint.files import discover
    from assesslint.nlp import ModelError
    from assesslint.runner import RunOptions, Setups, run

    targets = discover(paths, stdin_name=stdin_name)
    if not targets:
        _fail("no .docx, .txt or .md files were found in " + ", ".join(paths))
    options = RunOptions(
        config_file=config_file,
        select=_split(select) or None,
        ignore=_split(ignore),
        fail_on=fail_on,
        jobs=jobs,
        redact=no_snippets,
    )
    setups = Setups(options)
    try:
        results = list(run(targets, setups))
        thresholds = [setups.get(setups.config_path(t)).fail_on for t in targets]
    except _SETUP_ERRORS as error:
        _fail(f"assesslint cannot start because of these mistakes:\n{error}")
    except ModelError as error:
        _fail(str(error))
    _emit(results, fmt, output)
    sys.exit(exit_code(list(zip(results, thresholds, strict=True))))


def _emit(results: list[FileResult], fmt: str, output: Path | None) -> None:
    from assesslint.formatters import json_report, text
    from assesslint.formatters.output import write_atomically

    if fmt == "json":
        rendered = json_report.render(results)
        if output is None:
            click.echo(rendered, nl=False)
        else:
            write_atomically(output, rendered)
        return
    if output is not None:
        write_atomically(output, text.render_plain(results))
        return
    console = Console(highlight=False)
    if console.is_terminal:
        text.render(results, console)
    else:
        click.echo(text.render_plain(results, width=console.width), nl=False)


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
# select: [jargon, risk, child-voice, analysis, planning]

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
    click.echo(f"Wrote {path}")


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
            _stderr().print(f"note: {file}: {notice}", markup=False)
    else:
        render_table(document, Console(highlight=False))
