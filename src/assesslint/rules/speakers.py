"""Who is speaking when a report says "X says", "she told me", "according to him".

A child saying something is the child's voice, which a report should have more of; a
parent saying something about drinking or the house is an account to be checked. The
difference is the speaker, and the speaker is a name, a relationship word or a pronoun.
Names are looked up in the report's own people register (`readers.people`), never in a
list; a pronoun is given the person last named before it, in its own sentence or the one
before. Someone called by a title and surname ("Mr Hale") is a professional when the report
anywhere gives that title and surname beside a professional's role ("his head of year, Mr
Hale"); a doctor always is. A speaker nobody can place is not called a child.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assesslint.readers.people import People, Role, people_in, role_of

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument

_CACHE_KEY = "speakers.people"
_PROFESSIONALS_KEY = "speakers.professionals"
PROFESSIONAL = "professional"
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][A-Za-z'’-]+)")
_PROFESSION = re.compile(
    r"\b(?:teacher|head ?teacher|head of year|deputy head|senco|sendco|alnco|health visitor"
    r"|midwife|gp|doctor|nurse|officer|worker|manager|practitioner|therapist|psychologist"
    r"|psychiatrist|consultant|paediatrician|pc|dsl|safeguarding lead|tutor|mentor"
    r"|co-?ordinator|keyworker|counsellor|clinician|social worker|principal)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "hers", "their"})
# Capitalised words that open a speech phrase without being its speaker.
_LEAD_WORDS = frozenset({"according", "as", "in", "to", "by", "mr", "mrs", "ms", "miss", "dr"})
# Words that name a child whatever the report calls them.
_CHILD_WORDS = frozenset({"child", "children", "baby", "son", "daughter", "young", "boy", "girl"})


def people(parsed: ParsedDocument) -> People:
    """The report's people register, worked out once per document."""
    found = parsed.cache.get(_CACHE_KEY)
    if isinstance(found, People):
        return found
    # The reader may have worked it out already, to name the sections.
    if isinstance(parsed.document.people, People):
        parsed.cache[_CACHE_KEY] = parsed.document.people
        return parsed.document.people
    register = people_in(parsed.document.blocks)
    parsed.cache[_CACHE_KEY] = register
    return register


def _role_of_word(word: str, register: People) -> Role | None:
    lower = word.lower().strip("'’")
    if lower.endswith(("'s", "’s")):
        lower = lower[:-2]
    if lower in _CHILD_WORDS:
        return Role.CHILD
    if word[:1].isupper():
        named = register.role(lower)
        if named is not None:
            return named
    return role_of(lower)


def _person(words: list[str], register: People) -> Role | None:
    """The role of the first person named among `words` (a name or a relationship word)."""
    for word in words:
        if word.lower() in _PRONOUNS:
            continue
        role = _role_of_word(word, register)
        if role is not None:
            return role
    return None


def _is_professional(parsed: ParsedDocument, title: str, surname: str) -> bool:
    """Say whether the report gives `surname` a professional's role in a sentence.

    "Simon Hale, Kai's key worker", "his class teacher, Mrs Lund". Answers are kept per
    document.
    """
    if title == "Dr":
        return True
    known = parsed.cache.setdefault(_PROFESSIONALS_KEY, {})
    assert isinstance(known, dict)
    if surname not in known:
        text = parsed.text
        known[surname] = any(
            _PROFESSION.search(text, max(found.start() - 50, first), min(found.end() + 50, last))
            for found in re.finditer(rf"\b{re.escape(surname)}\b", text)
            # Within the sentence: the next one may be about someone else.
            for first, last in [parsed.sentence_span(found.start())]
        )
    return bool(known[surname])


def _introduced_as_professional(parsed: ParsedDocument, name: str) -> bool:
    """Say whether the report introduces a first name with a professional's role.

    Only right beside the name: "Sarah (health visitor)", "Sarah Jones, the family's
    health visitor", "the health visitor, Sarah". A parent's name in a sentence that
    mentions a worker ("Shannon has engaged with the support worker") is not one.
    """
    known = parsed.cache.setdefault(_PROFESSIONALS_KEY + ".first", {})
    assert isinstance(known, dict)
    if name not in known:
        role = _PROFESSION.pattern
        named = rf"\b{re.escape(name)}(?:\s+[A-Z][A-Za-z'’-]+)?"
        introduced = re.compile(
            rf"{named}\s*(?:\(|,\s*)(?:the |a |an |his |her |their |\w+(?:'s|’s) )?"
            # Not "GP: Chantelle is prescribed ...", a label before what a source said.
            rf"(?:\w+ ){{0,2}}{role}|{role},?\s+{re.escape(name)}\b",
            re.IGNORECASE,
        )
        known[name] = introduced.search(parsed.text) is not None
    return bool(known[name])


def speaker_kind(parsed: ParsedDocument, start: int, end: int) -> Role | str | None:
    """`speaker_role`, or `PROFESSIONAL` for a speaker the report makes a professional."""
    titled = _TITLED.search(parsed.text, start, end)
    if titled is not None:
        if _is_professional(parsed, titled.group(1), titled.group(2)):
            return PROFESSIONAL
    else:
        for found in _WORD.finditer(parsed.text, start, end):
            word = found.group(0)
            if word[0].isupper() and word.lower() not in _LEAD_WORDS | _PRONOUNS:
                if role_of(word) is None and _introduced_as_professional(parsed, word):
                    return PROFESSIONAL
                break
    return speaker_role(parsed, start, end)


def speaker_role(parsed: ParsedDocument, start: int, end: int) -> Role | None:
    """The role of whoever speaks in the speech phrase at `start`..`end`, if known.

    The speaker is the first person the phrase names ("Mum", "Ffion", "her mother"); in a
    phrase that names nobody ("she says", "according to him") the pronoun stands for a
    person named before it (`_referent`).
    """
    register = people(parsed)
    pronoun = None
    for found in _WORD.finditer(parsed.text, start, end):
        lower = found.group(0).lower()
        if lower in _LEAD_WORDS:
            continue
        if lower in _PRONOUNS:
            pronoun = pronoun if pronoun is not None else found.start()
            continue
        role = _role_of_word(found.group(0), register)
        if role is not None:
            return role
    return _referent(parsed, start, pronoun, register) if pronoun is not None else None


def _referent(parsed: ParsedDocument, start: int, pronoun: int, register: People) -> Role | None:
    """Whom a pronoun at `pronoun` stands for.

    The person last named before it in its own sentence, or else the subject (the first
    person named) of the sentence before, within the block.
    """
    sentence_start = parsed.sentence_span(start)[0]
    before = _WORD.findall(parsed.text, sentence_start, pronoun)
    role = _person(list(reversed(before)), register)
    if role is not None:
        return role
    index = parsed.sentence_index(start)
    block = parsed.document.block_at(start)
    if index > 0 and parsed.sentences[index - 1][0] >= block.start:
        previous = parsed.sentences[index - 1]
        return _person(_WORD.findall(parsed.text, *previous), register)
    return None
