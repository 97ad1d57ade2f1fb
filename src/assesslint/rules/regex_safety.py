r"""Refuse regular expressions that can take exponential time on some text.

A rule written by a quality assurance team runs on every report a team writes. A pattern
such as `(\w+\s?)*$`, a repeated group that itself repeats, can make Python's regular
expression engine try an exponential number of ways to match a line that almost fits, and a
check would never finish. Such patterns are found when rules are loaded and reported as
mistakes, with the usual `path:line:col`.

The test is structural: an unbounded repetition (`*`, `+`, `{n,}`) whose body contains
another repetition of more than one. Bounded outer repetitions (`{0,3}`) are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from re import _compiler as compiler  # type: ignore[attr-defined]
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {constants.MAX_REPEAT, constants.MIN_REPEAT}
if hasattr(constants, "POSSESSIVE_REPEAT"):
    _REPEATS.add(constants.POSSESSIVE_REPEAT)


@cache
def _parsed(pattern: str, flags: int) -> Any:
    """Parse once: loading the rules and building the engine both look at each pattern."""
    try:
        return parser.parse(pattern, flags)
    except re.error:
        return None


def runtime_flags(pattern: str, case_sensitive: bool) -> int:
    """The flags a pattern is compiled with when it runs.

    A case-insensitive pattern with no capital letters in it runs without IGNORECASE on a
    lower-cased copy of the text, which Python matches two to three times faster.
    Validating with the same flags means the compiled pattern is reused from `re`'s cache.
    """
    if case_sensitive or has_capitals(pattern):
        return re.MULTILINE | (0 if case_sensitive else re.IGNORECASE)
    return re.MULTILINE


# Upper-case letters in a pattern, once escapes (\b, \W) and (?P<name>) are set aside.
_ESCAPES = re.compile(r"\\.|\(\?P[<=]")


def has_capitals(pattern: str) -> bool:
    """Say whether a pattern has capital letters of its own (not in escapes or names)."""
    return any(character.isupper() for character in _ESCAPES.sub("", pattern))


# Escapes that name a character by number or name (which could be a capital), and inline
# flags that turn a flag off (a part that must keep its case): no lower-cased form.
_UNSAFE_TO_LOWER = re.compile(r"\\[xuUN0]|\(\?[a-zA-Z]*-")


def lowered_form(pattern: str) -> str | None:
    """`pattern` (case-insensitive) as it must be written to run on lower-cased text.

    Without IGNORECASE, Python matches two to three times faster, and names and initials
    ("Mr", "GP", "[A-Z]") need not stop it: on text that is all lower case, "[A-Z]" under
    IGNORECASE matches what "[a-z]" does. Escapes and group names are kept as they are;
    None when a capital cannot be lowered safely (a range such as "[A-z]", a character
    given by number, or a part that turns IGNORECASE off). Exact for the Latin alphabet,
    like lower-casing the text itself.
    """
    if _UNSAFE_TO_LOWER.search(pattern):
        return None
    if not has_capitals(pattern):
        return pattern
    out: list[str] = []
    at, end = 0, len(pattern)
    in_class = False
    while at < end:
        char = pattern[at]
        if char == "\\":
            out.append(pattern[at : at + 2])
            at += 2
            continue
        if not in_class and pattern.startswith(("(?P<", "(?P="), at):
            close = pattern.find(">" if pattern[at + 3] == "<" else ")", at)
            if close < 0:
                return None
            out.append(pattern[at : close + 1])
            at = close + 1
            continue
        if not in_class and char == "[":
            in_class = True
            out.append(char)
            at += 1
            for opening in ("^", "]"):  # part of the class, not its end
                if pattern.startswith(opening, at):
                    out.append(opening)
                    at += 1
            continue
        if in_class and char == "]":
            in_class = False
        elif in_class and char == "-" and out[-1] != "[" and pattern[at + 1 : at + 2] != "]":
            low, high = pattern[at - 1], pattern[at + 1 : at + 2]
            ends_are_escapes = pattern[at - 2 : at - 1] == "\\" or high == "\\"
            if (low.isupper() or high.isupper()) and (
                ends_are_escapes or not ("A" <= low <= "Z" and "A" <= high <= "Z")
            ):
                return None
        if len(char.lower()) != 1:
            return None  # "İ" lower-cases to two characters
        out.append(char.lower())
        at += 1
    lowered = "".join(out)
    try:
        same_groups = re.compile(lowered).groupindex == re.compile(pattern).groupindex
    except re.error:
        return None
    return lowered if same_groups else None


def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """Say why `pattern` can take exponential time, or return None if it cannot."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None  # reported as an invalid pattern elsewhere
    return _risk(list(parsed), inside_unbounded=False)


def _risk(items: list[Any], inside_unbounded: bool) -> str | None:
    for op, value in items:
        if op in _REPEATS:
            _low, high, body = value
            if inside_unbounded and high > 1:
                return (
                    "it repeats a group that itself repeats, which can take exponential "
                    "time on text that almost matches; make the inner or outer repetition "
                    "bounded, for example {0,5}"
                )
            found = _risk(list(body), inside_unbounded or high == constants.MAXREPEAT)
            if found:
                return found
        elif op == constants.SUBPATTERN:
            found = _risk(list(value[-1]), inside_unbounded)
            if found:
                return found
        elif op == constants.BRANCH:
            for branch in value[1]:
                found = _risk(list(branch), inside_unbounded)
                if found:
                    return found
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            found = _risk(list(value[1]), inside_unbounded)
            if found:
                return found
    return None


_ZERO_WIDTH = {constants.AT, constants.ASSERT, constants.ASSERT_NOT}
_MIN_LITERAL = 3


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    r"""Return words of which every match must contain one, or None if there are none.

    Used to skip a pattern on a text that holds none of the words: `\b(?:hungry|upset)\b`
    needs "hungry" or "upset". Only literal text counts; each word is at least three
    characters, so the test stays selective. The words are in lower case, to be looked for
    in lower-cased text, so the test holds whatever the case of the pattern or the text.
    """
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    found = _sequence(list(parsed))
    return None if found is None else frozenset(word.lower() for word in found)


def _sequence(items: list[Any]) -> frozenset[str] | None:
    """The most selective set of needed words among the items of a sequence."""
    best: frozenset[str] | None = None
    run = ""
    candidates: list[frozenset[str]] = []
    for op, value in items:
        if op == constants.LITERAL:
            run += chr(value)
            continue
        if _selective(run):
            candidates.append(frozenset({run}))
        run = ""
        if op in _ZERO_WIDTH:
            continue
        found = _element(op, value)
        if found is not None:
            candidates.append(found)
    if _selective(run):
        candidates.append(frozenset({run}))
    for candidate in candidates:
        if best is None or _cost(candidate) < _cost(best):
            best = candidate
    return best


def _selective(run: str) -> bool:
    # Three letters, two digits ("s.17", "1990s"), or a slash (dates): rare enough in
    # prose to be worth a search.
    return len(run) >= _MIN_LITERAL or (len(run) == 2 and run.isdigit()) or run == "/"


def _cost(words: frozenset[str]) -> tuple[int, int]:
    # Each word is one search of the text, and short words are found everywhere: fewest
    # words first, then the longest shortest word.
    return len(words) + (4 if min(map(len, words)) < 4 else 0), -min(map(len, words))


def _element(op: Any, value: Any) -> frozenset[str] | None:
    if op == constants.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op == constants.BRANCH:
        words: set[str] = set()
        for branch in value[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            words |= found
        return frozenset(words)
    if op in _REPEATS and value[0] >= 1:
        return _sequence(list(value[2]))
    return None


_MOST_PHRASES = 300


def as_phrases(pattern: str) -> list[str] | None:
    r"""Return the phrases a pattern is a plain list of, or None if it is more than that.

    `\b(?:hungry|anxious|frightened)\b` and `\bimpacts? on\b` are lists of words in
    disguise; as phrases, spaCy's PhraseMatcher finds them by hashing tokens instead of
    trying the pattern at every character. Only word boundaries at both ends, literal
    text, alternatives and single optional letters qualify.
    """
    parsed = _parsed(pattern, 0)
    if parsed is None:
        return None
    items = list(parsed)
    boundary = (constants.AT, constants.AT_BOUNDARY)
    if len(items) < 3 or items[0] != boundary or items[-1] != boundary:
        return None
    variants = _variants(items[1:-1])
    if not variants or len(variants) > _MOST_PHRASES:
        return None
    phrases = []
    for variant in variants:
        if not variant or variant != variant.strip() or "  " in variant:
            return None
        if not all(ch.isalnum() or ch in " '-" for ch in variant):
            return None
        if not (variant[0].isalnum() and variant[-1].isalnum()):
            return None
        phrases.append(variant)
    return phrases


def _variants(items: list[Any]) -> list[str] | None:
    results = [""]
    for op, value in items:
        options: list[str] | None
        if op == constants.LITERAL:
            options = [chr(value)]
        elif op == constants.SUBPATTERN and value[0] is None and not value[1] and not value[2]:
            options = _variants(list(value[3]))
        elif op == constants.BRANCH:
            gathered: list[str] = []
            for branch in value[1]:
                found = _variants(list(branch))
                if found is None:
                    return None
                gathered += found
            options = gathered
        elif op in _REPEATS and value[0] == 0 and value[1] == 1:
            inner = _variants(list(value[2]))
            if inner is None:
                return None
            options = ["", *inner]
        else:
            return None
        if options is None:
            return None
        results = [r + o for r in results for o in options]
        if len(results) > _MOST_PHRASES:
            return None
    return results


_LOOKAROUNDS = ("(?<!", "(?<=", "(?=", "(?!")


def gated_form(pattern: str, flags: int) -> tuple[str, str] | None:
    r"""`pattern` as its leading assertions (the gate) and the rest, if that is faster.

    Python's engine finds where a match may start by the pattern's first characters
    (`(?:she|he) has` can only start at an s or an h) and jumps from one to the next, but
    only when the pattern begins with them: a leading `\b` or `(?<!no )` makes it try the
    whole pattern at every character. Searching for the rest alone, and checking the gate
    only where the rest matches, finds exactly the same matches (the gate takes up no
    text and holds no group) two to ten times faster. None when the pattern has no
    leading assertions, the gate holds a group, the rest could match nothing, or the rest
    does not begin with characters the engine can jump to.
    """
    at = 0
    while True:
        if pattern.startswith(r"\b", at):
            at += 2
        elif pattern.startswith(_LOOKAROUNDS, at):
            close = _closing_parenthesis(pattern, at)
            if close is None:
                return None
            at = close + 1
        else:
            break
    if at == 0 or at == len(pattern):
        return None
    gate, rest = pattern[:at], pattern[at:]
    try:
        whole, gate_parsed, rest_parsed = (parser.parse(p, flags) for p in (pattern, gate, rest))
        if re.compile(gate, flags).groups or rest_parsed.getwidth()[0] == 0:
            return None
        # The two halves must be the pattern cut in two, not a misreading of it.
        if repr(list(whole)) != repr([*gate_parsed, *rest_parsed]):
            return None
        prefix = compiler._get_literal_prefix(rest_parsed, flags)[0]
        jumps = bool(prefix) or bool(compiler._get_charset_prefix(rest_parsed, flags))
    except (re.error, AttributeError, TypeError, ValueError):
        return None  # not a pattern this Python can take apart; it runs as written
    return (gate, rest) if jumps else None


def _closing_parenthesis(pattern: str, opening: int) -> int | None:
    """Where the group opened at `opening` closes, past escapes and character classes."""
    depth, at, in_class = 0, opening, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            for opening_part in ("^", "]"):  # part of the class, not its end
                if pattern.startswith(opening_part, at + 1):
                    at += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at
        at += 1
    return None


@dataclass(frozen=True, slots=True)
class PatternFacts:
    """What the engine needs to know of a pattern before it runs it (see `facts`)."""

    phrases: tuple[str, ...] | None  # the phrases it is a plain list of, if it is one
    needed: frozenset[str] | None  # words every match contains one of, in lower case
    flags: int  # the flags it runs with
    lowered: str | None  # the pattern for lower-cased text, if it can run on it
    # The form that usually runs (lowered, or as written if case-sensitive) cut into its
    # leading assertions and the rest (see `gated_form`), if that is faster.
    gated: tuple[str, str] | None


_facts: dict[tuple[str, bool], PatternFacts] = {}

# Facts kept between runs are keyed by the rule files and assesslint's version; this
# changes whenever the way they are worked out does, so that none are kept too long.
FACTS_VERSION = "4"


def facts(pattern: str, case_sensitive: bool) -> PatternFacts:
    """Work out, once, what the engine needs to know of a pattern.

    Parsing some four hundred patterns for these took a tenth of a second at every start,
    so they are remembered (`known_facts`) and kept between runs with the rules.
    """
    key = (pattern, case_sensitive)
    found = _facts.get(key)
    if found is None:
        phrases = None if case_sensitive else as_phrases(pattern)
        flags = runtime_flags(pattern, case_sensitive)
        lowered = None if case_sensitive else lowered_form(pattern)
        usual = pattern if case_sensitive else lowered
        found = _facts[key] = PatternFacts(
            phrases=tuple(phrases) if phrases else None,
            needed=required_literals(pattern),
            flags=flags,
            lowered=lowered,
            gated=None if usual is None else gated_form(usual, flags & ~re.IGNORECASE),
        )
    return found


def known_facts() -> dict[tuple[str, bool], PatternFacts]:
    """Every pattern's facts worked out so far in this process."""
    return dict(_facts)


def remember_facts(known: dict[tuple[str, bool], PatternFacts]) -> None:
    """Take facts worked out by an earlier run (for the same rule files)."""
    _facts.update(known)
