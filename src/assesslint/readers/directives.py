"""Requests, written in a report, to leave some findings out.

In a .docx, a Word comment whose text starts `assesslint: ignore` (all rules) or
`assesslint: ignore RULE[, RULE...]` suppresses those rules in the paragraphs the comment is
attached to. In .txt and .md, a line of its own

    <!-- assesslint: ignore RULE -->       the block that follows
    <!-- assesslint: disable RULE -->      every block until the matching
    <!-- assesslint: enable RULE -->       enable (or the end of the report)

does the same; without RULE, every rule. The directive lines are not part of the report's
text. Suppressed findings are still counted, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assesslint.models import Block, Suppression

_IGNORE = re.compile(r"^\s*assesslint\s*:\s*ignore\b(?P<rules>.*)$", re.IGNORECASE | re.DOTALL)
_LINE = re.compile(
    r"^\s*<!--\s*assesslint\s*:\s*(?P<kind>ignore|disable|enable)\b(?P<rules>.*?)-->\s*$",
    re.IGNORECASE,
)
_RULE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _rules(text: str) -> frozenset[str]:
    """The rule IDs named in a directive ("jargon-acronym, stable-without-risk")."""
    return frozenset(_RULE_ID.findall(text.strip().lower()))


def parse_ignore(comment_text: str) -> frozenset[str] | None:
    """Return the rules a Word comment suppresses (empty: all), or None if it is no directive."""
    found = _IGNORE.match(comment_text)
    if found is None:
        return None
    # Only the first line names rules; anything after it is the writer's reason.
    return _rules(found.group("rules").split("\n")[0].split(":")[0])


@dataclass(frozen=True, slots=True)
class LineDirective:
    """A directive found on a line of a text or Markdown report."""

    line: int
    kind: str
    rules: frozenset[str]


def take_line_directives(text: str) -> tuple[str, list[LineDirective]]:
    """Blank out directive lines (keeping line numbers) and return them."""
    directives: list[LineDirective] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = _LINE.match(line)
        if found:
            directives.append(
                LineDirective(index + 1, found.group("kind").lower(), _rules(found.group("rules")))
            )
            lines[index] = ""
    return "\n".join(lines), directives


def line_suppressions(
    blocks: Sequence[Block], directives: Sequence[LineDirective]
) -> tuple[Suppression, ...]:
    """Turn line directives into ranges of the document text."""
    starts = [(b.source.lines[0] if b.source.lines else None, b) for b in blocks if b.source.lines]
    found: list[Suppression] = []
    open_regions: list[LineDirective] = []

    def region(first: int, last: int | None, rules: frozenset[str], origin: str) -> None:
        covered = [b for line, b in starts if line > first and (last is None or line < last)]
        if covered:
            found.append(Suppression(covered[0].start, covered[-1].end, rules, origin))

    for directive in directives:
        if directive.kind == "ignore":
            following = next((b for line, b in starts if line > directive.line), None)
            if following is not None:
                found.append(
                    Suppression(
                        following.start, following.end, directive.rules, f"line {directive.line}"
                    )
                )
        elif directive.kind == "disable":
            open_regions.append(directive)
        else:
            closing = [d for d in open_regions if not directive.rules or d.rules == directive.rules]
            for opened in closing:
                region(opened.line, directive.line, opened.rules, f"line {opened.line}")
                open_regions.remove(opened)
    for opened in open_regions:
        region(opened.line, None, opened.rules, f"line {opened.line}")
    return tuple(found)
