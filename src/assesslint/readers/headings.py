"""Which canonical section a heading means, and why: one resolver for every reader.

`rules/sections.yaml` lists aliases that must match a heading's whole text. Real headings
are freer than any list, so the resolver tries, in order, and keeps the reason it used:

1. the heading with the report's own people put in their place ("What Tomasz told me" is
   "what the child told me" when Tomasz is a child of the family; "Donna's views" is "the
   parent's views" when Donna is the mother); several names of one kind become the plural
   ("What Samira and Tariq told me": the parents); failing that, the heading as written;
2. each part of a heading with two parts ("Analysis: what this means for Theo", "How
   things are for the children (our analysis)", "Next steps? Goals"): parts are split at
   ":", "?", ";", "|", dashes between spaces and brackets (an unbalanced bracket too).
   A bracketed part that names a section comes first ("What I think (analysis)"), a
   narrower part beats the broader one it is within ("Child's development: Health"),
   and every other part that names a section is kept too, so the section answers to all;
3. a capitalised word the report does not introduce ("What Ola said", "Wayne's views"):
   read as the child when the report introduces no children, and otherwise as an adult of
   the family, marked `weak` so that the builder can look at what the section holds.

Copy-paste characters (zero-width spaces, soft hyphens, a byte-order mark, non-breaking
spaces and hyphens) are normalised first; `SAME_LENGTH` replaces the visible ones one for
one, for block text whose offsets must hold.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from assesslint.readers.people import NOT_NAMES, People, Role
from assesslint.readers.sections import CanonicalSection, SectionMap

# Characters copy-paste brings. Non-breaking and narrow spaces, non-breaking hyphens;
# zero-width spaces, word joiners and byte-order marks, which separate words; and the
# soft hyphen and zero-width (non-)joiners, which sit inside a word.
_SPACES = "\u00a0\u202f\u2007\u2009\u200a"
_HYPHENS = "\u2010\u2011"
_BREAKS = "\u200b\u2060\ufeff"
_INSIDE_WORDS = "\u00ad\u200c\u200d"
# One for one, so that offsets into the file still hold (block text).
SAME_LENGTH = {
    **dict.fromkeys(map(ord, _SPACES + _BREAKS), " "),
    **dict.fromkeys(map(ord, _HYPHENS), "-"),
}
# For headings, where only the words matter.
_PASTE = {
    **dict.fromkeys(map(ord, _SPACES + "\t"), " "),
    **dict.fromkeys(map(ord, _HYPHENS), "-"),
    **dict.fromkeys(map(ord, _BREAKS + _INSIDE_WORDS), None),
}
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’|')$")

_PIECES = re.compile(r"\s*([()\[\]]|:|\?|;|\||\s[-–—]\s|\s[-–—]$|^[-–—]\s)\s*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Capitalised words that begin headings or name things, not people.
_NOT_A_NAME = NOT_NAMES | frozenset(
    [
        "manager",
        "worker",
        "teacher",
        "officer",
        "practitioner",
        "visitor",
        "chair",
        "supervisor",
        "doctor",
        "nurse",
        "head",
        "lead",
        "panel",
        "conference",
        "what",
        "why",
        "how",
        "who",
        "where",
        "when",
        "which",
        "about",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "has",
        "have",
        "young",
        "person",
        "family",
        "families",
        "professional",
        "professionals",
        "worker",
        "education",
        "analysis",
        "views",
        "voice",
        "wishes",
        "feelings",
        "story",
        "day",
        "life",
        "told",
        "said",
        "says",
        "think",
        "thinks",
        "matters",
        "signs",
        "safety",
        "danger",
        "worry",
        "worries",
        "goals",
        "scaling",
        "house",
        "houses",
        "three",
        "world",
        "me",
        "i",
        "us",
        "england",
        "wales",
        "scotland",
        "northern",
        "ireland",
    ]
)
_ONLY_CHILDREN = re.compile(r"the (?:child|children)[:.]?")
_ABOUT_CHILD = "child-development"
_VIEWS = "child-voice"
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "nurse", "pc", "dc", "sgt", "cllr"})


def clean(text: str) -> str:
    """Remove or replace the characters copy-paste brings (keeps everything else)."""
    return text.translate(_PASTE)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a heading names: a canonical section, others its parts name, and why."""

    canonical: CanonicalSection | None
    also: tuple[CanonicalSection, ...] = ()
    why: str = ""
    # Only names ("Kian and Poppy"): what the section holds may say better what it is.
    weak: bool = False


_NONE = Resolution(None)


class HeadingResolver:
    """Resolves headings to canonical sections with a `SectionMap` and a report's people."""

    def __init__(self, sections: SectionMap) -> None:
        self.map = sections
        self._alone: dict[str, Resolution] = {}

    def resolve(self, heading: str, people: People | None = None) -> Resolution:
        """Say which canonical section `heading` names, and why."""
        if people is not None:
            return self._resolve(heading, people)
        # Readers ask of headings before the people are known, often of the same text.
        found = self._alone.get(heading)
        if found is None:
            found = self._alone[heading] = self._resolve(heading, None)
        return found

    def _resolve(self, heading: str, people: People | None) -> Resolution:
        text = clean(heading).strip()
        if not text:
            return _NONE
        # A name the report introduces decides whose section it is before any alias
        # does: "Kerry-Ann's views" are a parent's when Kerry-Ann is the mother.
        swapped, named = _swap_people(text, people)
        children = people is not None and bool(people.names(Role.CHILD))
        whole = self.map.resolve(swapped) if named else None
        why = f"the heading names {named}" if whole is not None else ""
        if whole is None:
            whole = self.map.resolve(text)
            why = f'a heading for "{whole.title}"' if whole is not None else ""
        parts = _parts(swapped)
        if len(parts) > 1:
            resolved = [(part, bracketed, self.map.resolve(part)) for part, bracketed in parts]
            hits = [(part, b, section) for part, b, section in resolved if section is not None]
            # A bracketed label says what the section is: "What I think (analysis)".
            hits.sort(key=lambda hit: not hit[1])
            if whole is not None and not (hits and hits[0][1]):
                hits.insert(0, (text, False, whole))
            if hits:
                first = self._narrowest([section for *_, section in hits])
                also = tuple(dict.fromkeys(s for *_, s in hits if s.name != first.name))
                which = " and ".join(f'"{part.strip()}"' for part, *_ in hits)
                reason = f"each part of the heading counts ({which})"
                if named:
                    reason += f"; the heading names {named}"
                return Resolution(first, also, reason)
        if whole is not None and whole.name == _VIEWS and children:
            # The report introduces its children, so a name it does not introduce is more
            # likely an adult's: "Wayne's views" are a parent's, though a child's name could
            # stand there. The builder looks at what the section holds before it agrees.
            adult = self._unknown_name(swapped, "the parent", "an adult of the family")
            if adult is not None:
                return dataclasses.replace(adult, weak=True)
        if whole is not None:
            return Resolution(whole, why=why)
        if (
            named
            and _ONLY_CHILDREN.fullmatch(swapped.strip().lower())
            and (_ABOUT_CHILD in self.map.names)
        ):
            # A heading that is only the children's names ("Kian and Poppy") is a part
            # about them; what it holds may say better what it is (see the builder).
            return Resolution(
                self.map.section(_ABOUT_CHILD), why=f"the heading names {named}", weak=True
            )
        if not children:
            # With no children introduced, a name in "What Ola said" is the child's.
            return self._unknown_name(swapped, "the child", "the child") or _NONE
        adult = self._unknown_name(swapped, "the parent", "an adult of the family")
        return dataclasses.replace(adult, weak=True) if adult is not None else _NONE

    def _unknown_name(self, text: str, noun: str, who: str) -> Resolution | None:
        """Resolve a heading with an unintroduced name read as `noun`, or None."""
        guessed, unknown = _swap_unknown_names(text, noun)
        if not unknown:
            return None
        for candidate in (guessed, *(part for part, _ in _parts(guessed))):
            found = self.map.resolve(candidate) if candidate.strip() else None
            if found is not None:
                return Resolution(
                    found, why=f'"{unknown}" is not introduced in the report; read as {who}'
                )
        return None

    def _narrowest(self, found: list[CanonicalSection]) -> CanonicalSection:
        """The first section, or a narrower one that a later part names.

        "Child's development: Health" is health, which is within the child's development.
        """
        first = found[0]
        for other in found[1:]:
            if first.name in self.map.groups(other.name):
                return other
        return first

    def might_name_someone(self, heading: str) -> bool:
        """Say whether a heading may hold a name, so that the report's people are needed.

        A capitalised word that is not a heading word ("What Tomasz told me"), a
        possessive of one ("ELLIS'S VIEWS"), or capitals we cannot otherwise resolve.
        """
        text = clean(heading).strip()
        words = _WORD.findall(text)
        capitals = text.upper() == text
        for index, word in enumerate(words):
            base, possessive = _split_possessive(word)
            if base.lower() in _NOT_A_NAME or base.lower() in _TITLES:
                continue
            if capitals:
                if possessive:
                    return True
            elif _is_name_word(base) and (index > 0 or possessive):
                return True
        return capitals and len(words) > 1 and not self.names_a_section(heading)

    def names_a_section(self, heading: str) -> bool:
        """Say whether a heading names any section, before the report's people are known."""
        return self.resolve(heading).canonical is not None


def _swap_people(text: str, people: People | None) -> tuple[str, str]:
    """Put role words in place of the report's people; say whom it named."""
    if people is None or not people.roles:
        return text, ""
    named: list[tuple[str, Role]] = []

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        base, possessive = _split_possessive(word)
        role = people.role(base)
        if role is None:
            return word
        named.append((base, role))
        # Other adults of the family (a grandmother, an aunt) give the family's views too.
        noun = "child" if role is Role.CHILD else "parent"
        return f"the {noun}{possessive.replace('’', chr(39))}"

    swapped = _WORD.sub(swap, text)
    if not named:
        return text, ""
    for noun, plural in (("child", "children"), ("parent", "parents")):
        # "the child and the child", "the child, the child and the child" -> "the children"
        swapped = re.sub(
            rf"the {noun}(?:,\s*the {noun})*\s+(?:and|&)\s+the {noun}(?P<own>'s|s')?",
            rf"the {plural}\g<own>",
            swapped,
        )
    # Children and parents named together are the family.
    swapped = re.sub(
        r"the (?:children|child|parents|parent)(?:,\s*the \w+)*\s+(?:and|&)\s+"
        r"the (?:children|child|parents|parent)",
        "the family",
        swapped,
    )
    described = ", ".join(f"{name} ({role.value})" for name, role in named)
    return swapped, described


def _parts(text: str) -> list[tuple[str, bool]]:
    """Split a heading into its parts, saying of each whether it was in brackets."""
    found: list[tuple[str, bool]] = []
    depth = 0
    for piece in _PIECES.split(text):
        if piece in ("(", "["):
            depth += 1
        elif piece in (")", "]"):
            depth = max(depth - 1, 0)
        elif piece and piece.strip(" -–—:?;|"):
            found.append((piece.strip(" -–—:?;|"), depth > 0))
    return found


def _is_name_word(word: str) -> bool:
    """A capitalised word, or capitalised words joined by hyphens ("Lily-Mae")."""
    return all(part[:1].isupper() and part[1:].islower() for part in word.split("-") if part)


def _split_possessive(word: str) -> tuple[str, str]:
    """Split "Ffion's" into ("Ffion", "'s"); a word with no possessive keeps "" ."""
    base = _POSSESSIVE.sub("", word)
    return base, word[len(base) :]


def _swap_unknown_names(text: str, noun: str) -> tuple[str, str]:
    """Put `noun` in place of the first capitalised word that looks like a first name."""
    words = list(_WORD.finditer(text))
    for index, match in enumerate(words):
        base, possessive = _split_possessive(match.group(0))
        after_title = index > 0 and words[index - 1].group(0).lower().rstrip(".") in _TITLES
        if (
            not after_title
            and base.lower() not in _TITLES
            and _is_name_word(base)
            and base.lower() not in _NOT_A_NAME
            and (index > 0 or bool(possessive))
        ):
            swapped = noun + possessive.replace("’", "'")
            return text[: match.start()] + swapped + text[match.end() :], base
    return text, ""
