"""The `assesslint` command line: parse options, call the layers below, set the exit code.

Exit codes are a contract: 0 nothing at or above `--fail-on`, 1 findings at or above it,
2 a usage, configuration or rule-file error, or an input that could not be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from assesslint import __version__
from assesslint.config import Config, ConfigError, find_config_file, load_config
from assesslint.models import ReadError
from assesslint.readers import read_document
from assesslint.readers.sections import SectionFileError, SectionMap, default_section_map

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _fail(message: str) -> None:
    _stderr().print(f"[bold red]error:[/bold red] {message}", markup=True, soft_wrap=True)


def _config_for(path: Path, explicit: Path | None) -> Config:
    config_path = explicit or find_config_file(path)
    return load_config(config_path) if config_path else Config()


def _section_map(config: Config) -> SectionMap:
    base = default_section_map()
    return base.with_aliases(config.sections) if config.sections else base


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assesslint")
def main() -> None:
    """Check written assessments of children for the problems case reviews keep finding."""


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

    try:
        sections = _section_map(_config_for(file, config_file))
    except (ConfigError, SectionFileError) as error:
        _fail(f"the configuration has mistakes:\n{error}")
        sys.exit(EXIT_ERROR)
    try:
        document = read_document(file, sections)
    except ReadError as error:
        _fail(f"{file}: cannot be read ({error.code.value}): {error.message}")
        sys.exit(EXIT_ERROR)
    if fmt == "json":
        click.echo(render_json(document))
        for notice in document.notices:
            _stderr().print(f"note: {file}: {notice}", markup=False)
    else:
        render_table(document, Console(highlight=False))
