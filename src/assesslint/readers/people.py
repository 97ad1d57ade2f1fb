"""Who is in the report: first names and whether each is a child or an adult.

Practitioners name sections after people ("What Tomasz told me", "Donna's views"), so
whether a heading is the child's views or a parent's depends on who the name belongs to.
The names come from the report itself, never from a list: household and family tables
(a name in one cell, a relationship, age or date of birth in another), "Name:" fields
("Child's name: Ffion Rees", "Mother: Donna Rees"), and the ways reports introduce people
in prose ("Ffion (7)", "Ffion, aged 7", "Donna Rees (mother)", "his mum, Donna", "Mum
(Donna)").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from assesslint.models import Block, BlockKind


class Role(Enum):
    """What a person is in the report, as far as headings are concerned."""

    CHILD = "child"
    PARENT = "parent"
    ADULT = "adult"


_NAME = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*"
_FULL_NAME = rf"({_NAME})(?:\s+{_NAME}){{0,2}}"

_CHILD_WORDS = (
    r"child|son|daughter|baby|unborn baby|infant|brother|half[- ]brother|step[- ]?brother"
    r"|sister|half[- ]sister|step[- ]?sister|sibling|half[- ]sibling|grandson|granddaughter"
    r"|subject child|young person|twin|nephew|niece"
)
_PARENT_WORDS = (
    r"mother|mum|mom|father|dad|step[- ]?father|step[- ]?dad|step[- ]?mother|step[- ]?mum"
    r"|birth (?:mother|father|mum|dad)|parent|carer|main carer|kinship carer|foster carer"
    r"|partner|mother's partner|mum's partner|boyfriend|girlfriend|husband|wife"
    r"|special guardian|guardian|adoptive (?:mother|father|parent)"
)
_ADULT_WORDS = (
    r"grandmother|grandfather|grandma|grandad|granddad|nan|nana|nanna|gran|grandparent"
    r"|maternal grandmother|paternal grandmother|maternal grandfather|paternal grandfather"
    r"|aunt|auntie|aunty|uncle|great[- ]grandmother|lodger|friend of the family|family friend"
)
_ROLE_WORD = re.compile(
    rf"\b(?:(?:maternal|paternal|birth|step|the child's|his|her|their)\s+)?"
    rf"(?P<parent>{_PARENT_WORDS})\b|\b(?P<adult>{_ADULT_WORDS})\b|\b(?P<child>{_CHILD_WORDS})\b",
    re.IGNORECASE,
)
_IN_MONTHS = re.compile(r"months?|weeks?", re.IGNORECASE)
_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](\d{2}|\d{4})\b|\b(19|20)\d{2}\b")

# "Ffion (7)", "Ffion (age 7)", "Ffion, aged 7", "Ffion (born March 2019)", "Ffion (DOB ...".
_NAME_AGE = re.compile(
    rf"\b{_FULL_NAME}\s*(?:\(\s*(?:aged?\s*)?(\d{{1,2}})(?:\s*(?:years?|yrs?|months?))?\s*\)"
    rf"|,\s*aged?\s+(\d{{1,2}})\b|\s+aged?\s+(\d{{1,2}})\b|,?\s*\(\s*(?:born|dob|d\.o\.b)\b)"
)
# "Donna Rees (mother)", "Donna (Mum)", "Kyle (Ffion's brother)".
_NAME_ROLE = re.compile(rf"\b{_FULL_NAME}\s*\(\s*([^()\d]{{2,40}})\)")
# "Mother: Donna Rees", "mum, Donna,", "his father Kyle", "Mum (Donna)".
_ROLE_NAME = re.compile(
    rf"\b((?:(?:maternal|paternal|birth|step)\s+)?(?:{_PARENT_WORDS}|{_ADULT_WORDS}|{_CHILD_WORDS}))"
    rf"(?:'s name)?\s*(?::|,|\(|-|–)?\s*{_FULL_NAME}",
    re.IGNORECASE,
)
# "Kyle Brennan, 25, Jodie's partner", "Lauren Ashworth - mother", "Ffion Rees, 7".
_NAME_COMMA = re.compile(
    rf"\s*(?:[•*-]\s*)?{_FULL_NAME}\s*(?:,|–|-|:)\s*(?:aged?\s*)?(?:(\d{{1,2}})\s*"
    rf"(?:years?(?: old)?|yrs?|months?)?\s*(?:,|–|-|\)|$)\s*)?"
    rf"((?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*(?:'s|’s)\s+)?(?:(?:maternal|paternal|birth|step)\s+)?"
    rf"(?:{_PARENT_WORDS}|{_ADULT_WORDS}|{_CHILD_WORDS}))?",
    re.MULTILINE,
)
# "Child's name: Ffion Rees", "Name of child: Ffion", "Name: Ffion Rees".
_NAME_FIELD = re.compile(
    r"^\s*(?:(?P<who>[A-Za-z' ]{0,30}?)'?s?\s+)?(?:full\s+)?name"
    r"(?:\s+of\s+(?P<of>[A-Za-z' ]{1,30}))?\s*[:\-–]\s*",
    re.IGNORECASE,
)

# Words that look like names in these patterns but are not people.
NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "his",
        "her",
        "their",
        "my",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "mum",
        "dad",
        "mother",
        "father",
        "parent",
        "parents",
        "carer",
        "carers",
        "child",
        "children",
        "baby",
        "school",
        "nursery",
        "health",
        "police",
        "social",
        "services",
        "council",
        "court",
        "gp",
        "nhs",
        "camhs",
        "team",
        "plan",
        "review",
        "assessment",
        "name",
        "date",
        "age",
        "dob",
        "born",
        "male",
        "female",
        "unknown",
        "none",
        "not",
        "n/a",
        "tbc",
        "yes",
        "no",
        "he",
        "she",
        "they",
        "we",
        "it",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


@dataclass(frozen=True, slots=True)
class People:
    """First names (lower case) found in a report, each with the role it most often has."""

    roles: Mapping[str, Role]

    def role(self, name: str) -> Role | None:
        """The role of a first name, or None when the report does not introduce it."""
        return self.roles.get(name.lower())

    def names(self, role: Role | None = None) -> list[str]:
        """The names with `role` (all of them by default), longest first."""
        found = [name for name, has in self.roles.items() if role is None or has is role]
        return sorted(found, key=len, reverse=True)


def role_of(words: str) -> Role | None:
    """The role a relationship or description names ("mother", "Ffion's brother", "7")."""
    match = _ROLE_WORD.search(words)
    if match is not None:
        if match.group("parent"):
            return Role.PARENT
        if match.group("adult"):
            return Role.ADULT
        return Role.CHILD
    return None


def _age_role(age: str | None) -> Role | None:
    if age is None:
        return None
    return Role.CHILD if int(age) < 18 else Role.ADULT


def _stated_age_role(introduction: str, age: str | None) -> Role | None:
    """The role an introduction's age gives; "Isla (18 months)": months are a baby's."""
    if age is None:
        return None
    if _IN_MONTHS.search(introduction):
        return Role.CHILD
    return _age_role(age)


def _first(name: str) -> str | None:
    first = name.split()[0].strip("'’").lower()
    return None if first in NOT_NAMES or len(first) < 2 else first


class _Votes:
    def __init__(self) -> None:
        self.votes: defaultdict[str, Counter[Role]] = defaultdict(Counter)

    def add(self, name: str | None, role: Role | None, weight: int = 1) -> None:
        if name is None or role is None:
            return
        first = _first(name)
        if first is not None:
            self.votes[first][role] += weight

    def people(self) -> People:
        roles: dict[str, Role] = {}
        for name, counts in self.votes.items():
            # A parent is also an adult: "adult" votes go to "parent" when there are any.
            if counts[Role.PARENT] and counts[Role.ADULT]:
                counts[Role.PARENT] += counts.pop(Role.ADULT)
            roles[name] = counts.most_common(1)[0][0]
        return People(roles)


# Single words that can name a relationship: a paragraph without one introduces nobody
# by relationship (multi-word ones end in one of these: "birth mother", "half-sister").
_ROLE_WORDS = frozenset(
    [
        "mother",
        "mum",
        "mom",
        "father",
        "dad",
        "stepfather",
        "stepdad",
        "stepmother",
        "stepmum",
        "step",
        "parent",
        "carer",
        "partner",
        "boyfriend",
        "girlfriend",
        "husband",
        "wife",
        "guardian",
        "grandmother",
        "grandfather",
        "grandma",
        "grandad",
        "granddad",
        "nan",
        "nana",
        "nanna",
        "gran",
        "grandparent",
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "lodger",
        "friend",
        "child",
        "son",
        "daughter",
        "baby",
        "infant",
        "brother",
        "sister",
        "sibling",
        "grandson",
        "granddaughter",
        "twin",
        "nephew",
        "niece",
        "person",
    ]
)
_ANY_WORD = re.compile(r"[a-z]+")
_AGE_HINT = re.compile(r"\bage|\bborn\b", re.IGNORECASE)


def people_in(blocks: Iterable[Block]) -> People:
    """Find the people a report's blocks introduce: its paragraphs and its table rows."""
    rows: dict[object, list[tuple[str | None, str]]] = {}
    texts: list[str] = []
    for block in blocks:
        if block.kind is not BlockKind.HEADING:
            texts.append(block.text)
        key = block.row_key
        if key is not None:
            label = None if block.kind is BlockKind.HEADING else block.label
            rows.setdefault(key, []).append((label, block.text))
    return find_people(texts, rows.values())


def find_people(texts: Iterable[str], rows: Iterable[list[tuple[str | None, str]]]) -> People:
    """Find the people a report introduces.

    `texts` are the report's paragraphs (not its headings, where nobody is introduced);
    `rows` are its table rows (and groups of labelled fields), each a list of
    `(column label, cell text)`.
    """
    votes = _Votes()
    for row in rows:
        _from_row(row, votes)
    kept = list(texts)
    for text in kept:
        _from_text(text, votes)
    # A word the report also writes in lower case ("support", "ongoing") is not a name.
    whole = "\n".join(kept)
    for word in [word for word in votes.votes if re.search(rf"\b{re.escape(word)}\b", whole)]:
        del votes.votes[word]
    return votes.people()


def _from_row(row: list[tuple[str | None, str]], votes: _Votes) -> None:
    """A household table row: a name in one cell, its role or age in another."""
    name: str | None = None
    role: Role | None = None
    for label, text in row:
        text = text.strip()
        header = (label or "").lower()
        labelled = role_of(header) if label and "name" not in header else None
        if labelled is not None and re.fullmatch(_FULL_NAME, text):
            # A form's "Mother | Donna Nowak" row: the label is the relationship.
            name, role = text, labelled
        elif "name" in header and re.fullmatch(_FULL_NAME, text):
            name = text
            # "Child's name", "Mother's name": the label says who.
            role = role_of(header.replace("name", "")) or role
        elif any(word in header for word in ("relationship", "role", "relation")):
            role = role_of(text) or role
        elif "age" in header.split() or header.startswith(("age", "dob", "date of birth")):
            age = re.search(r"\d{1,2}", text)
            if age and not _DATE.search(text):
                role = role or _age_role(age.group(0))
            elif _DATE.search(text):
                year = re.search(r"(19|20)\d{2}", text)
                if year and role is None:
                    role = Role.CHILD if int(year.group(0)) >= 2008 else Role.ADULT
    if name is None:
        # No column labels: a name cell beside a relationship cell.
        cells = [text.strip() for _, text in row]
        names = [cell for cell in cells if re.fullmatch(_FULL_NAME, cell) and not role_of(cell)]
        roles = [role_of(cell) for cell in cells if len(cell.split()) <= 4]
        known = [r for r in roles if r is not None]
        if len(names) == 1 and known:
            name, role = names[0], known[0]
    votes.add(name, role, weight=3)


def _from_text(text: str, votes: _Votes) -> None:
    if "(" not in text and not _AGE_HINT.search(text):
        ages: Iterable[re.Match[str]] = ()
    else:
        ages = _NAME_AGE.finditer(text)
    for match in ages:
        age = match.group(2) or match.group(3) or match.group(4)
        votes.add(match.group(1), _stated_age_role(match.group(0), age) or Role.CHILD, 2)
    starts = [0, *(i + 1 for i, ch in enumerate(text) if ch in "\n;")] if "\n" in text else [0]
    commas = (_NAME_COMMA.match(text, start) for start in starts)
    for match in (m for m in commas if m is not None):
        age, relation = match.group(2), match.group(3)
        if relation:
            votes.add(match.group(1), role_of(relation), weight=2)
        else:
            votes.add(match.group(1), _stated_age_role(match.group(0), age))
    for match in _NAME_ROLE.finditer(text) if "(" in text else ():
        inside = match.group(2)
        # "Kyle (Ffion's brother)": the role is of the person named outside.
        votes.add(match.group(1), role_of(inside), weight=2)
    # "his mum, Donna" is the costliest pattern; most paragraphs have no relationship word.
    has_role = not _ROLE_WORDS.isdisjoint(_ANY_WORD.findall(text.lower()))
    for match in _ROLE_NAME.finditer(text) if has_role else ():
        name = match.group(2)
        if name[0].isupper():
            votes.add(name, role_of(match.group(1)))
    field = _NAME_FIELD.match(text)
    if field is not None:
        rest = text[field.end() :].strip()
        person = re.match(_FULL_NAME, rest)
        who = " ".join(part for part in (field.group("who"), field.group("of")) if part)
        if person is not None:
            votes.add(person.group(0), role_of(who) if who else Role.CHILD, weight=2)
