"""`assesslint report --html`: one self-contained HTML file a supervisor can share.

The file works offline and runs nothing: no scripts, no fonts or styles from elsewhere,
charts as inline SVG, and a Content-Security-Policy that forbids scripts, frames, forms and
loading anything. Every piece of text from a report (paths, headings, quotations) is
escaped, so words that look like HTML show as words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from assesslint import __version__
from assesslint.models import FileResult, Finding
from assesslint.report.svg import bar_chart, meter
from assesslint.report.team import TeamSummary

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
MOST_RULES_CHARTED = 12

_STYLE = """
:root { --ink: #1d1d1b; --muted: #5b5b57; --line: #d8d6cf; --paper: #fff;
  --error: #a4262c; --warning: #8a5a00; --info: #1f5f8b; --good: #2e6b30; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; color: var(--ink);
  background: var(--paper); margin: 0 auto; max-width: 60rem; padding: 1.5rem;
  line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.lede, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { border-left: 4px solid var(--info); padding: .4rem .8rem; background: #f3f7fa; }
.finding { border-left: 4px solid var(--line); padding: .3rem .8rem; margin: .6rem 0; }
.finding.error { border-color: var(--error); }
.finding.warning { border-color: var(--warning); }
.finding.info { border-color: var(--info); }
.sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); }
.sev.info { color: var(--info); }
.rule { font-family: ui-monospace, Consolas, monospace; font-size: .9rem; }
blockquote { margin: .3rem 0; padding: .2rem .6rem; background: #f6f5f1;
  white-space: pre-wrap; }
mark { background: #ffe48a; padding: 0 .1rem; }
.suggest::before { content: "→ "; color: var(--good); font-weight: 600; }
.unreadable { color: var(--error); }
svg text { font-family: system-ui, "Segoe UI", Arial, sans-serif; }
@media print { body { max-width: none; } .finding { break-inside: avoid; } }
"""


def render(
    results: Sequence[FileResult], team: TeamSummary, redacted: bool, title: str = ""
) -> str:
    """Return the whole HTML document for a run."""
    heading = title or "Assessment quality report"
    parts = [
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{escape(heading)}</h1>",
        f'<p class="lede">{escape(team.counts.sentence())} '
        f"Made by assesslint {escape(__version__)}.</p>",
    ]
    if redacted:
        parts.append(
            '<p class="note">This report holds no words from the reports themselves: no '
            "quotations and no matched words, only file names, section headings, rules and "
            "counts.</p>"
        )
    parts.append("</header>")
    parts += _areas(team)
    parts += _commonest(team)
    parts += _worst_first(team, results)
    for index, result in enumerate(results):
        parts += _file(index, result)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _areas(team: TeamSummary) -> list[str]:
    if not team.counts.checked:
        return []
    rows = [
        "<tr><td>{}</td><td>{}</td><td class=n>{} of {} ({:.0%})</td><td>{}</td></tr>".format(
            escape(area.title),
            meter(area.share, f"{area.title}: {area.share:.0%} of reports meet it"),
            area.met,
            area.checked,
            area.share,
            escape(f"{area.grade.number} {area.grade.label}" if area.grade else "-"),
        )
        for area in team.areas
    ]
    return [
        "<section><h2>Practice areas</h2>",
        f"<p>A report meets an area when none of the area's rules found anything at "
        f"warning or above in it. Grades use the {escape(team.scale)}.</p>",
        f'<p class="note">{escape(team.disclaimer)}</p>',
        "<table><thead><tr><th>Area</th><th>Share of reports</th><th class=n>Reports "
        "that meet it</th><th>Indicative grade</th></tr></thead><tbody>",
        *rows,
        "</tbody></table></section>",
    ]


def _commonest(team: TeamSummary) -> list[str]:
    if not team.rules:
        return []
    charted = team.rules[:MOST_RULES_CHARTED]
    chart = bar_chart(
        [(rule.rule, rule.reports) for rule in charted],
        maximum=max(team.counts.checked, 1),
        label="Number of reports with each problem",
    )
    rows = [
        f"<tr><td class=rule>{escape(r.rule)}</td><td>{escape(r.severity.value)}</td>"
        f"<td class=n>{r.reports} of {team.counts.checked}</td><td class=n>{r.times}</td></tr>"
        for r in team.rules
    ]
    return [
        "<section><h2>Commonest problems</h2>",
        chart,
        "<table><thead><tr><th>Rule</th><th>Severity</th><th class=n>Reports</th>"
        "<th class=n>Times</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        '<p class="muted"><code>assesslint explain RULE</code> says why each one matters and '
        "what to write instead.</p></section>",
    ]


def _worst_first(team: TeamSummary, results: Sequence[FileResult]) -> list[str]:
    anchors = {result.path: f"file-{index + 1}" for index, result in enumerate(results)}
    rows = []
    for line in team.files:
        problems = ", ".join(f"{rule} ×{count}" for rule, count in line.commonest)
        rows.append(
            f'<tr><td><a href="#{anchors[line.path]}">{escape(line.path)}</a></td>'
            f"<td class=n>{line.errors}</td><td class=n>{line.warnings}</td>"
            f"<td class=n>{line.infos}</td><td class=n>{line.words:,}</td>"
            f"<td>{escape(problems or 'no problems found')}</td></tr>"
        )
    for problem in team.unreadable:
        rows.append(
            f'<tr><td><a href="#{anchors[problem.path]}">{escape(problem.path)}</a></td>'
            '<td colspan=4 class="unreadable">could not be read</td>'
            f"<td>{escape(problem.code)}</td></tr>"
        )
    return [
        "<section><h2>Reports, worst first</h2>",
        "<table><thead><tr><th>Report</th><th class=n>Errors</th><th class=n>Warnings</th>"
        "<th class=n>Info</th><th class=n>Words</th><th>Commonest problems</th></tr></thead>"
        "<tbody>",
        *rows,
        "</tbody></table></section>",
    ]


def _file(index: int, result: FileResult) -> list[str]:
    parts = [f'<section id="file-{index + 1}"><h2>{escape(result.path)}</h2>']
    if result.error is not None:
        parts.append(
            f'<p class="unreadable">Could not be read ({escape(result.error.code)}): '
            f"{escape(result.error.message)}</p></section>"
        )
        return parts
    count = len(result.findings)
    parts.append(
        f'<p class="muted">{result.words:,} words, '
        + (f"{count} finding{'s' if count != 1 else ''}." if count else "no problems found.")
        + "</p>"
    )
    for notice in result.notices:
        parts.append(f'<p class="muted">Note: {escape(notice)}</p>')
    for section, findings in _by_section(result.findings):
        parts.append(f"<h3>{escape(section)}</h3>")
        parts += [_finding(finding) for finding in findings]
    parts.append("</section>")
    return parts


def _by_section(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: list[tuple[str, list[Finding]]] = []
    for finding in findings:
        title = finding.section or (
            "Whole report" if finding.location.block is None else "Before the first heading"
        )
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append(finding)
    return groups


def _finding(finding: Finding) -> str:
    severity = finding.severity.value
    parts = [
        f'<div class="finding {severity}"><div><span class="sev {severity}">{severity}</span> '
        f"<span class=muted>{escape(finding.location.where)}</span> "
        f"<span class=rule>{escape(finding.rule)}</span></div>",
        f"<p>{escape(finding.message)}</p>",
    ]
    snippet = finding.snippet
    if snippet is not None:
        text = snippet.text
        before, match, after = (
            text[: snippet.start],
            text[snippet.start : snippet.end],
            text[snippet.end :],
        )
        # Marking a whole sentence (a long sentence, a plan item) adds nothing.
        marked = (
            escape(match)
            if len(match) >= 0.8 * len(text.strip(" …"))
            else f"<mark>{escape(match)}</mark>"
        )
        parts.append(f"<blockquote>{escape(before)}{marked}{escape(after)}</blockquote>")
    if finding.suggestion:
        parts.append(f'<p class="suggest">{escape(finding.suggestion)}</p>')
    parts.append("</div>")
    return "".join(parts)
