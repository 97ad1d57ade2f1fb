"""The men in a child's life as a report introduces them, and where it mentions them again.

A careful reader of an assessment asks, for every father and male carer, whether he was
seen, heard and checked. That needs a register first: who the men are, the names each goes
by ("Stuart Fraser", "Stuart", "Mr Fraser") and the relationship the report gives him. The
names come from the report, never from a list; which relationships count is the caller's
(a rule's data), given as a regular expression of role nouns ("father|dad|partner|...").

A man is introduced in the ways reports introduce people:
  "her partner Craig", "Callum's father, Stuart Fraser,", "Father of the baby: Jordan Pike"
  "Dean (mum's boyfriend)", "Ryan Shaw (32, mother's partner)"
  "Gary Nolan, Tracey's partner,", "Craig Hill, Tyler's father (33)", "Declan Quinn - father"
  "Wayne is Kai's father"
  a table row with a relationship cell and a name cell, a "Father | Declan Quinn" form row,
  and a heading that is a relationship ("Father") over a paragraph that starts with a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assesslint.models import Block, BlockKind
from assesslint.readers.people import NOT_NAMES

# "Poppy-Mae", "O'Neill"; never a possessive ("Tracey's").
_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)*"
# "Craig", "Ryan Shaw", "Mr Fraser", "Mr B": a first name and perhaps a surname.
_NAME = rf"(?:Mr\.?\s+[A-Z][A-Za-z'’-]*|{_WORD}(?:\s+{_WORD})?)"
_OWNER = (
    rf"(?:{_WORD}(?:\s+and\s+{_WORD})?(?:'s|’s)|(?:the\s+)?(?:children|child|baby|boys|girls)"
    r"(?:'s|’s|s'|s’)|his|her|their|the|mum's|mum’s|mother's|mother’s)"
)
_QUALIFIER = (
    r"(?:new|current|ex-?|former|birth|biological|natural|alleged|putative|own|older|young)"
)
# Capitalised words that follow a relationship but are not his name.
_NOT_NAME = frozenset(
    {
        "is",
        "was",
        "has",
        "had",
        "who",
        "whom",
        "lives",
        "unknown",
        "not",
        "no",
        "none",
        "n/a",
        "tbc",
        "name",
        "details",
        "christmas",
        "social",
        "children",
        "unnamed",
        "if",
        "when",
        "since",
        "although",
        "but",
        "because",
        "as",
        "we",
        "i",
        "you",
        # What a child calls the adults around them, never a man's name here.
        "mummy",
        "daddy",
        "nana",
        "nan",
        "nanna",
        "gran",
        "grandma",
        "grandad",
        "grandpa",
        "granny",
        "aunty",
        "auntie",
        "uncle",
        "outcome",
        "action",
    }
)
_SENTENCE_ENDS = (". ", "! ", "? ", "\n")
_HE = re.compile(r"\b(?:he|him)\b", re.IGNORECASE)
_SHE = re.compile(r"\bshe\b", re.IGNORECASE)
_SPEECH_AFTER = re.compile(
    r"\s+(?:said|says|told|tells|explained|asked|thinks|feels|wants|likes|describes|described)\b"
)


@dataclass
class Man:
    """A man in the report: the names he goes by, the relationship given, where introduced.

    `start` and `end` are the span of his name in the document text where the report first
    introduces him; `role` is the relationship as written ("Callum's father").
    """

    names: list[str]
    role: str
    start: int
    end: int
    first: str = ""
    surname: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    sure: bool = False

    def pattern(self) -> str:
        """A regular expression for any of his names (case as written, whole words)."""
        words = sorted(self.aliases, key=len, reverse=True)
        return r"(?<![\w'’])(?:" + "|".join(re.escape(word) for word in words) + r")\b"


def _split_name(name: str) -> tuple[str, str | None, bool]:
    """Return (first name or '', surname or None, whether written as "Mr X")."""
    name = " ".join(name.split())
    mister = re.match(r"Mr\.?\s+(.+)", name)
    if mister:
        return "", mister.group(1), True
    parts = name.split(" ")
    return parts[0], (parts[1] if len(parts) > 1 else None), False


def _plausible(name: str) -> bool:
    first, surname, mister = _split_name(name)
    word = (surname if mister else first) or ""
    if not word:
        return False
    if not mister and (word.lower() in NOT_NAMES or word.lower() in _NOT_NAME or len(word) < 2):
        return False
    return not (surname and surname.lower() in NOT_NAMES | _NOT_NAME)


class MenFinder:
    """Finds the men a report introduces, for a given set of relationship nouns.

    `roles` is a regular expression of role nouns ("father|dad|step-?father|partner").
    `neutral` are those of them that do not say the person is a man ("partner"): a person
    introduced by one of them counts only when the report speaks of him as "he" or "Mr",
    or the role is the mother's ("mum's partner", "her partner").
    """

    def __init__(self, roles: str, neutral: str | None = None) -> None:
        role = rf"(?:(?:{_OWNER})\s+)?(?:{_QUALIFIER}\s+)?\b(?:{roles})\b"
        role += (
            rf"(?:\s+(?:of|to)\s+(?:the\s+)?(?:unborn\s+)?(?:baby|child|children|boys|girls"
            rf"|{_WORD}(?:,\s+{_WORD})*(?:\s+and\s+{_WORD})?))?"
        )
        self.role = re.compile(role, re.IGNORECASE)
        # Most paragraphs name no relationship: a plain search for the nouns rules them out
        # before the costlier search for an owner ("Callum's") and a name.
        self.nouns = re.compile(rf"\b(?:{roles})\b", re.IGNORECASE)
        # "Father", "Mum's partner:", "Birth father (lives separately)", "Father - not in
        # the household": a relationship, and perhaps a note about it, but no name.
        self.role_only = re.compile(
            rf"\s*(?:{role})\s*(?::|\([^()]*\)|\s[-–]\s[^A-Z]*)?\s*", re.IGNORECASE
        )
        self.neutral = re.compile(rf"\b(?:{neutral})\b", re.IGNORECASE) if neutral else None
        # The role as a case-insensitive group beside a case-sensitive name.
        r = f"(?i:{role})"
        self.forms = [
            # "her partner Craig", "Father: Declan Quinn", "Callum's father, Stuart Fraser";
            # not a list of names ("Mummy, Daddy, Tyler, Biscuit").
            re.compile(
                rf"(?<![,“\"]\s)(?<![,“\"])(?P<role>{r})(?:\s*[:,(–-]\s*|\s+(?:is|was)\s+|\s+)"
                rf"(?P<name>{_NAME})(?!\s*,\s*[A-Z“\"]|\s+and\s+[A-Z])"
            ),
            # "Dean (mum's boyfriend)", "Ryan Shaw (32, mum's partner)"
            re.compile(rf"(?P<name>{_NAME})\s*\((?:\s*\d{{1,2}}\s*,)?\s*(?P<role>{r})[^()]*\)"),
            # "Gary Nolan, Tracey's partner", "Craig Hill, Tyler's father", "Declan - father";
            # not "Kirsty (29), her partner Ryan", where the man is the one named after.
            re.compile(
                rf"(?P<name>{_NAME})(?:\s*\(\d{{1,2}}\))?(?:,\s*\d{{1,2}})?(?:\s*,\s*|\s+[–-]\s+)"
                rf"(?P<role>{r})(?![\s,:]*{_NAME})(?!\s*,\s*[A-Z“\"]|\s+and\s+[A-Z][\w-]*+(?!['’]))"
            ),
            # "Wayne is Kai's father"
            re.compile(rf"(?P<name>{_NAME})\s+(?:is|was)\s+(?P<role>(?i:{_OWNER})\s+{r})"),
        ]

    def find(self, text: str, blocks: Sequence[Block]) -> list[Man]:
        """Return the men introduced in a document's blocks, in the order introduced."""
        men: list[Man] = []
        candidates = sorted(self._candidates(text, blocks), key=lambda c: c[2])
        for name, role, start, end, sure in candidates:
            self._add(men, name, role, start, end, sure)
        return [
            man for man in men if self._is_man(man, text) and (man.sure or _used_as_name(man, text))
        ]

    def add_parent(self, men: list[Man], name: str, text: str) -> Man | None:
        """Add a parent known only by a heading ("Wayne's views"), if the report says "he".

        He is placed at the first time his name is written; None if he is already known,
        his name is not a plausible name, or the report speaks of him as "she".
        """
        first, _, _ = _split_name(name)
        if not _plausible(name) or any(man.first == first for man in men):
            return None
        found = re.search(rf"(?<![\w'’]){re.escape(name)}\b", text)
        if found is None:
            return None
        man = Man([name], "parent", found.start(), found.end(), first, None, {name}, ["parent"])
        if self._is_man_by_pronouns(man, text) and self._pronouns(man, text)[0]:
            men.append(man)
            return man
        return None

    def _candidates(
        self, text: str, blocks: Sequence[Block]
    ) -> Iterable[tuple[str, str, int, int, bool]]:
        rows: dict[object, list[Block]] = {}
        previous: Block | None = None
        for block in blocks:
            if block.kind is BlockKind.HEADING:
                previous = block
                continue
            if block.source.table:
                rows.setdefault(block.row_key, []).append(block)
            if self.nouns.search(block.text):
                yield from self._in_text(block)
            label = block.label or ""
            if label and self._is_role(label):
                yield from self._leading_name(block, label)
            elif previous is not None and self._is_role(previous.text):
                yield from self._leading_name(block, previous.text)
            previous = None
        for cells in rows.values():
            yield from self._in_row(cells)

    def _is_role(self, text: str) -> bool:
        """Say whether `text` is a relationship and nothing else ("Father", "Mum's partner:")."""
        return (
            len(text) < 80
            and bool(self.nouns.search(text))
            and bool(self.role_only.fullmatch(text))
        )

    def _in_text(self, block: Block) -> Iterable[tuple[str, str, int, int, bool]]:
        text = block.text
        # An introduction is within a few words of the relationship: only those stretches
        # of a long paragraph are searched.
        windows: list[tuple[int, int]] = []
        for noun in self.nouns.finditer(text):
            start, end = max(noun.start() - 90, 0), min(noun.end() + 70, len(text))
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        seen: set[tuple[int, int]] = set()
        for number, form in enumerate(self.forms):
            for start, end in windows:
                for match in form.finditer(text, start, end):
                    if match.span() not in seen:
                        seen.add(match.span())
                        yield from self._introduced(block, match, number)

    def _introduced(
        self, block: Block, match: re.Match[str], number: int
    ) -> Iterable[tuple[str, str, int, int, bool]]:
        name = match.group("name")
        if _SPEECH_AFTER.match(block.text, match.end("name")):
            return  # "about his father, Kai said ...": Kai is speaking
        if not _plausible(name):
            return
        # "Ryan Shaw (32)": a surname, never a word of the sentence after it.
        name = _trim(name)
        start = block.start + match.start("name")
        # "Dean (mum's boyfriend)" and "Wayne is Kai's father" show a name; a word
        # before ", her partner" may only open the sentence.
        yield name, match.group("role"), start, start + len(name), number in (1, 3)

    def _leading_name(self, block: Block, role: str) -> Iterable[tuple[str, str, int, int, bool]]:
        match = re.match(rf"\s*(?P<name>{_NAME})(?=\s*(?:[,(:;–-]|$|\s+\(|\s+\d))", block.text)
        if match and _plausible(match.group("name")):
            start = block.start + match.start("name")
            name = match.group("name")
            yield name, role.strip().rstrip(":"), start, start + len(name), True

    def _in_row(self, cells: list[Block]) -> Iterable[tuple[str, str, int, int, bool]]:
        roles = [cell for cell in cells if self._is_role(cell.text)]
        names = [
            cell
            for cell in cells
            if re.fullmatch(rf"\s*{_NAME}\s*", cell.text)
            and _plausible(cell.text.strip())
            and not self.nouns.search(cell.text)
        ]
        if len(roles) == 1 and len(names) == 1:
            cell = names[0]
            offset = len(cell.text) - len(cell.text.lstrip())
            name = cell.text.strip()
            start = cell.start + offset
            yield name, roles[0].text.strip(), start, start + len(name), True

    def _add(self, men: list[Man], name: str, role: str, start: int, end: int, sure: bool) -> None:
        first, surname, _ = _split_name(name)
        for man in men:
            same_first = first and man.first == first
            same_surname = not first and surname and man.surname == surname
            if same_first or same_surname:
                man.roles.append(role)
                man.sure = man.sure or sure
                if surname and not man.surname:
                    man.surname = surname
                    man.aliases |= {f"{first} {surname}", f"Mr {surname}", surname}
                return
        aliases = {name}
        if first:
            aliases.add(first)
        if surname:
            aliases |= {f"Mr {surname}", f"Mr. {surname}"}
            if first:
                aliases.add(surname)
        men.append(Man([name], role, start, end, first, surname, aliases, [role], sure))

    def _is_man(self, man: Man, text: str) -> bool:
        if self.neutral is None or any(not self.neutral.search(role) for role in man.roles):
            return True
        if re.match(r"(?:mum|mother|mummy)(?:'s|’s)\s", man.role, re.IGNORECASE):
            return True
        if re.match(r"his\b", man.role, re.IGNORECASE):
            return False  # "his partner": a man's partner, most often a woman
        if any(alias.startswith("Mr") for alias in man.aliases if alias in text):
            return True
        return self._is_man_by_pronouns(man, text)

    def _is_man_by_pronouns(self, man: Man, text: str) -> bool:
        he, she = self._pronouns(man, text)
        return he >= she

    def _pronouns(self, man: Man, text: str) -> tuple[int, int]:
        """Count "he"/"him" and "she" in the sentences that name him."""
        # "her partner Jo ... She works at the school": the report says who she is.
        he = she = 0
        done = -1
        for found in re.finditer(man.pattern(), text):
            if found.start() < done:
                continue  # named twice in one sentence: counted once
            start = max(text.rfind(mark, 0, found.start()) for mark in _SENTENCE_ENDS) + 1
            ends = [at for mark in _SENTENCE_ENDS if (at := text.find(mark, found.end())) >= 0]
            done = min(ends) if ends else len(text)
            sentence = self.role.sub(" ", text[start:done])  # "her partner" is the mother's
            he += len(_HE.findall(sentence))
            # "her" is as often the mother's ("her partner", "her flat"): only "she".
            she += len(_SHE.findall(sentence))
        return he, she


def _used_as_name(man: Man, text: str) -> bool:
    """Say whether his name is written as a name somewhere, not only opening a sentence.

    "Yesterday, her partner ..." would otherwise make "Yesterday" a man: a name is also
    written capitalised after a lower-case word or a bracket, or is given in full.
    """
    if man.surname:
        return True
    word = re.escape(man.first)
    return re.search(rf"(?:[a-z,;:(]\s*|\band\s+){word}\b", text) is not None


def _trim(name: str) -> str:
    """Drop a second word that is not a surname ("Craig Stays" cannot happen; "Dean The")."""
    first, surname, mister = _split_name(name)
    if mister or surname is None:
        return " ".join(name.split())
    if surname.lower() in NOT_NAMES or surname.lower() in _NOT_NAME:
        return first
    return f"{first} {surname}"
