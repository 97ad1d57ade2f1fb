"""The team summary as text: reports worst first, the commonest problems, practice areas.

Printed by `assesslint check` after the findings when more than one file was checked,
and by `assesslint report` when no other output is asked for. File names are shown with
`printable` (a name could hold a terminal's control sequences) in rich `Text`, so brackets
in a name are shown, never read as rich markup.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from assesslint.printable import printable
from assesslint.report.team import TeamSummary

MOST_RULES = 10


def renderable(team: TeamSummary, colour: bool = True) -> RenderableType:
    """Return the summary as something a rich console can print."""
    bold = "bold" if colour else ""
    parts: list[RenderableType] = [Text("\nTeam summary\n", style=bold)]
    files = Table(box=box.SIMPLE_HEAD, title="Reports, worst first", title_justify="left")
    for name in ("Errors", "Warnings", "Info", "Words"):
        files.add_column(name, justify="right")
    files.add_column("Report, and its commonest problems", overflow="fold", ratio=1)
    for line in team.files:
        cell = Text(printable(line.path))
        problems = "\n".join(f"  {rule} ×{count}" for rule, count in line.commonest)
        cell.append("\n" + (problems or "  no problems found"), style="dim" if colour else "")
        files.add_row(
            str(line.errors), str(line.warnings), str(line.infos), f"{line.words:,}", cell
        )
    for problem in team.unreadable:
        cell = Text(printable(problem.path))
        cell.append(f"\n  could not be read ({problem.code})", style="bold red" if colour else "")
        files.add_row("-", "-", "-", "-", cell)
    parts += [files, Text()]
    if team.rules:
        rules = Table(
            box=box.SIMPLE_HEAD, title="Commonest problems across the reports", title_justify="left"
        )
        rules.add_column("Rule")
        rules.add_column("Severity")
        rules.add_column("Reports", justify="right")
        rules.add_column("Times", justify="right")
        for rule in team.rules[:MOST_RULES]:
            rules.add_row(
                rule.rule,
                rule.severity.value,
                f"{rule.reports} of {team.counts.checked}",
                str(rule.times),
            )
        if len(team.rules) > MOST_RULES:
            rules.caption = f"and {len(team.rules) - MOST_RULES} more rules"
            rules.caption_justify = "left"
        parts += [rules, Text()]
    if team.counts.checked:
        areas = Table(
            box=box.SIMPLE_HEAD,
            title=f"Practice areas ({team.scale})",
            title_justify="left",
            caption=team.disclaimer,
            caption_justify="left",
        )
        areas.add_column("Area")
        areas.add_column("Reports that meet it", justify="right")
        areas.add_column("Indicative grade")
        for area in team.areas:
            grade = f"{area.grade.number} {area.grade.label}" if area.grade else "-"
            areas.add_row(area.title, f"{area.met} of {area.checked} ({area.share:.0%})", grade)
        parts.append(areas)
    return Group(*parts)


def render_plain(team: TeamSummary, width: int = 100) -> str:
    """Render the summary as plain text, without colour or trailing spaces."""
    console = Console(
        width=width, color_system=None, force_terminal=False, highlight=False, file=io.StringIO()
    )
    with console.capture() as captured:
        console.print(renderable(team, colour=False))
    return "\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n"
