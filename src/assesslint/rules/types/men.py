"""`type: men`: every father and male carer the report names, and whether he was assessed.

The report's men come from `readers.men` (household tables, "her partner Craig", "Dean
(mum's boyfriend)", ...). Every sentence about a man is gathered from the whole report:
sentences naming him (any of his names, or his relationship when only he has it), and
sentences after them in the same paragraph, or under a heading about him, that speak of
"he" or "him". Each sentence is read clause by clause for evidence that he was assessed.

Keys:
  roles        regular expressions of relationship nouns that make a man one to assess
               (required): father, step-?father, partner, boyfriend, ...
  neutral-roles  those of `roles` that do not say the person is a man ("partner")
  assessed     regular expressions: strong evidence he was assessed (checks on him
               reported, met on his own, interviewed). `{he}`, `{him}` and `{his}` stand
               for his names or the pronoun.
  results      regular expressions: the result of a check on him, evidence even when
               worded as a negative ("no police record", "not known to children's
               services")
  household-roles  relationships that count only when the man is introduced in one of
               `household-sections` (a grandfather who lives with the child)
  heard        regular expressions: evidence he was seen or heard (his own words, a
               meeting with him). Enough, unless the report also says he is still to be
               assessed (`unassessed`).
  seen         regular expressions: he was only seen or present ("was seen once", "was at
               the home visit"); not enough on its own: seeing a man is not assessing him
  unassessed   regular expressions: the report says he is still to be assessed or checked
  absent       regular expressions: only his absence is recorded (quoted in the message)
  negation     regular expressions: a clause where one comes before the evidence does not
               count ("I have not spoken to him", "Gareth will meet Marco")
  hearsay      regular expressions: someone else's account ("Mum says he told her ...")
               before the evidence in its sentence; such evidence does not count
  unnamed      regular expressions: an unnamed father the report says is not known; a
               finding when no man with a father's role is named
  unnamed-message  the message for an unnamed father ({match})
  views-sections  canonical sections that give a parent's views: a heading there that
               names someone ("Wayne's views") adds him, if the report calls him "he"
  gaps         what the message says is missing, by case: silent (nothing about him after
               he is introduced), absent (only his absence: {absence} is the quotation),
               unassessed (seen or heard, but said to be still to assess), seen (only
               seen or present: {absence} quotes it)

One finding per man, at his name where he is introduced, or at the words about an unnamed
father. Placeholders: {match}, {role}, {gap}, {section}.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assesslint.models import Block, BlockKind, Section
from assesslint.readers.men import Man, MenFinder
from assesslint.rules.regex_safety import backtracking_risk
from assesslint.rules.spec import Rule
from assesslint.rules.types.base import Checker, Hit, RuleType

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry
    from assesslint.yamlfile import MarkedDict

GAPS = ("silent", "absent", "unassessed", "seen")
_PRONOUN = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_CLAUSE = re.compile(
    r";|:|\s+-\s+|\s+–\s+|,?\s+\b(?:but|although|though|whereas|however|while)\b", re.IGNORECASE
)
_VIEWS_OF = re.compile(r"\s*([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:'s|’s)\s")
_NOT_DONE = re.compile(r"\b(?:not|never|n't|yet to|will|shall|hope|plan|aim)\b", re.IGNORECASE)
_UNDONE = re.compile(r"\b(?:not|never|yet to|n't)\b", re.IGNORECASE)
_FATHER = re.compile(r"\b(?:father|dad|daddy)\b", re.IGNORECASE)


@dataclass(frozen=True)
class MenOptions:
    """The parsed keys of a `men` rule."""

    roles: str
    neutral: str | None
    assessed: tuple[str, ...]
    results: tuple[str, ...]
    heard: tuple[str, ...]
    seen: tuple[str, ...]
    unassessed: tuple[str, ...]
    absent: tuple[str, ...]
    negation: tuple[str, ...]
    hearsay: tuple[str, ...]
    unnamed: tuple[str, ...]
    unnamed_message: str | None
    gaps: dict[str, str]
    views: frozenset[str]
    household_roles: str | None
    household: frozenset[str]


def _regexes(data: MarkedDict, key: str, ctx: ParseContext, *, required: bool = False) -> list[str]:
    values = ctx.texts(data, key)
    if required and not values:
        ctx.error(data.position, f"a men rule needs {key!r}, a list of regular expressions")
    kept = []
    for value in values:
        filled = value.replace("{he}", "he").replace("{him}", "him").replace("{his}", "his")
        try:
            re.compile(filled)
        except re.error as error:
            ctx.error(data.value_at(key), f"invalid regular expression {value!r}: {error}")
            continue
        risk = backtracking_risk(filled)
        if risk is not None:
            ctx.error(data.value_at(key), f"regular expression {value!r} is unsafe: {risk}")
            continue
        kept.append(value)
    return kept


def parse(data: MarkedDict, ctx: ParseContext) -> MenOptions:
    """Check the keys of a `men` rule."""
    gaps: dict[str, str] = {}
    mapping = ctx.mapping(data, "gaps")
    if mapping is not None:
        ctx.check_keys(mapping, set(GAPS), "'gaps'")
        for name in GAPS:
            text = ctx.text(mapping, name, required=True)
            if text is not None:
                gaps[name] = text
    else:
        ctx.error(data.position, "a men rule needs 'gaps': " + ", ".join(GAPS))
    roles = _regexes(data, "roles", ctx, required=True)
    neutral = _regexes(data, "neutral-roles", ctx)
    return MenOptions(
        roles="|".join(roles) or "father",
        neutral="|".join(neutral) or None,
        assessed=tuple(_regexes(data, "assessed", ctx, required=True)),
        results=tuple(_regexes(data, "results", ctx)),
        heard=tuple(_regexes(data, "heard", ctx)),
        seen=tuple(_regexes(data, "seen", ctx)),
        unassessed=tuple(_regexes(data, "unassessed", ctx)),
        absent=tuple(_regexes(data, "absent", ctx)),
        negation=tuple(_regexes(data, "negation", ctx)),
        hearsay=tuple(_regexes(data, "hearsay", ctx)),
        unnamed=tuple(_regexes(data, "unnamed", ctx)),
        unnamed_message=ctx.template(data, "unnamed-message"),
        gaps=gaps,
        views=ctx.sections(data, "views-sections") or frozenset(),
        household_roles="|".join(_regexes(data, "household-roles", ctx)) or None,
        household=ctx.sections(data, "household-sections") or frozenset(),
    )


def _union(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"


@dataclass
class _Reading:
    """What the report says about one man."""

    strong: bool = False
    heard: bool = False
    seen: str | None = None
    unassessed: str | None = None
    absent: str | None = None
    mentions: int = 0


class MenChecker(Checker):
    """Finds fathers and male carers with no evidence that they were assessed."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        super().__init__(rule, registry)
        options: MenOptions = rule.options
        self.options = options
        self.finder = MenFinder(options.roles, options.neutral)
        self.household_finder = (
            MenFinder(options.household_roles) if options.household_roles else None
        )
        self.negation = re.compile(_union(options.negation), re.IGNORECASE)
        self.hearsay = re.compile(_union(options.hearsay), re.IGNORECASE)
        self.absent = re.compile(_union(options.absent), re.IGNORECASE)
        self.unnamed = re.compile(_union(options.unnamed), re.IGNORECASE)
        # His names are written as one stand-in word in each sentence about him, so the
        # evidence patterns are compiled once, not for every man in every report.
        self.assessed = _about_him(options.assessed)
        self.heard = _about_him(options.heard)
        self.seen = _about_him(options.seen)
        self.pending = _about_him(options.unassessed)
        self.results = _about_him(options.results)

    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield one hit for each man the report does not show was assessed."""
        document = parsed.document
        men = self.finder.find(document.text, document.blocks)
        if self.household_finder is not None:
            # A grandfather or uncle counts when the report says he lives with the child.
            known = {man.first for man in men if man.first}
            at_home = [b for b in document.blocks if b.section.names & self.options.household]
            for man in self.household_finder.find(document.text, at_home):
                if man.first not in known:
                    men.append(man)
            men.sort(key=lambda man: man.start)
        for section in document.sections:
            # "Wayne's views": a parent whose views the report sets out to give.
            heard = _VIEWS_OF.match(section.heading or "")
            if heard and section.names & self.options.views:
                self.finder.add_parent(men, heard.group(1), document.text)
        readings = self._read(parsed, men)
        for man, reading in zip(men, readings, strict=True):
            if not self.applies(document.block_at(man.start)):
                continue
            if reading.strong or (reading.heard and reading.unassessed is None):
                continue
            gaps = self.options.gaps
            role = _as_written_in_prose(man.role)
            if reading.heard:
                gap = gaps["unassessed"].replace("{absence}", reading.unassessed or "")
            elif reading.seen:
                gap = gaps["seen"].replace("{absence}", reading.seen)
            elif reading.absent:
                gap = gaps["absent"].replace("{absence}", reading.absent)
            else:
                gap = gaps["silent"]
            yield Hit(
                man.start,
                man.end,
                values={"match": parsed.text[man.start : man.end], "role": role, "gap": gap},
                details={"role": role},
                redacted="this man",
            )
        if not any(_FATHER.search(man.role) for man in men):
            yield from self._unnamed(parsed)

    def _unnamed(self, parsed: ParsedDocument) -> Iterator[Hit]:
        if not self.options.unnamed:
            return
        heading = ""
        previous: Block | None = None
        for block in parsed.document.blocks:
            if block.kind is BlockKind.HEADING:
                heading, previous = block.text, None
                continue
            # A form's "Father | Not known" (a label, or the cell before in the row), or a
            # "Father" heading over "Unknown".
            beside = previous.text if previous and previous.row_key == block.row_key else ""
            fields = [block.label or "", heading, beside if block.row_key else ""]
            field = next((f for f in fields if _FATHER.search(f)), "")
            heading, previous = "", block
            if not self.applies(block):
                continue
            prefix = f"{field.strip().rstrip(':')}: " if field else ""
            found = self.unnamed.search(prefix + block.text)
            if found:
                start = block.start + max(found.start() - len(prefix), 0)
                end = block.start + max(found.end() - len(prefix), 1)
                yield Hit(
                    start,
                    end,
                    values={"match": parsed.text[start:end], "role": "father", "gap": ""},
                    message=self.options.unnamed_message,
                    details={"role": "father"},
                    redacted="the father",
                )
                return

    def _read(self, parsed: ParsedDocument, men: list[Man]) -> list[_Reading]:
        readings = [_Reading() for _ in men]
        if not men:
            return readings
        names = [re.compile(self._refers_to(man, men)) for man in men]
        # "Dad told me" is his own words when only he is the father: the stand-in word
        # replaces every way the report refers to him.
        evidence = names
        document = parsed.document
        text = document.text
        # Which sentences name each man, and which say "he": one pass over the text each,
        # not a search of every sentence for every man.
        named_in: dict[int, list[int]] = {}
        for index, name in enumerate(names):
            for found in name.finditer(text):
                at = parsed.sentence_index(found.start())
                here = named_in.setdefault(at, [])
                if index not in here:
                    here.append(index)
        pronouns = {parsed.sentence_index(found.start()) for found in _PRONOUN.finditer(text)}
        for block in document.blocks:
            if block.kind is BlockKind.HEADING or not block.text:
                continue
            current = self._heading_man(block.section, names)
            if current is None and not any(i in named_in for i in _indices(parsed, block)):
                continue
            for at in _indices(parsed, block):
                named = named_in.get(at, [])
                if len(named) == 1:
                    current = named[0]
                elif named:
                    current = None
                elif current is not None and at in pronouns:
                    named = [current]
                if not named:
                    continue
                start, end = parsed.sentences[at]
                sentence = text[start:end]
                for index in named:
                    said = evidence[index].sub(_HIM, sentence)
                    self._weigh(said, readings[index], _called(men[index]))
        return readings

    def _heading_man(self, section: Section, names: list[re.Pattern[str]]) -> int | None:
        heading = section.heading or ""
        named = [i for i, name in enumerate(names) if name.search(heading)]
        return named[0] if len(named) == 1 else None

    def _refers_to(self, man: Man, men: list[Man]) -> str:
        """His names, and his relationship where no other man has it ("the father")."""
        noun = re.sub(r"\s+(?:of|to)\s+.*$", "", man.role.strip()).split()[-1].lower()
        same = [other for other in men if noun in other.role.lower()]
        refs = [man.pattern()]
        if len(same) == 1 and noun.isalpha():
            refs.append(
                rf"\b(?:the|his|her|their|[A-Z][a-z]+(?:'s|’s))\s+(?:birth\s+)?{re.escape(noun)}\b"
            )
            if _FATHER.fullmatch(noun):
                refs.append(r"\bDad\b(?!'s)")
        return "|".join(f"(?:{ref})" for ref in refs)

    def _weigh(self, sentence: str, reading: _Reading, called: str) -> None:
        reading.mentions += 1
        pending = self.pending.search(sentence)
        if pending and reading.unassessed is None:
            reading.unassessed = _named(pending.group(0), called)
        gone = self.absent.search(sentence)
        if gone and reading.absent is None:
            reading.absent = _named(gone.group(0), called)
        present = self.seen.search(sentence)
        if present and reading.seen is None and not _NOT_DONE.search(present.group(0)):
            lead = sentence[: present.start()]
            if not self.negation.search(lead) and not self.hearsay.search(lead):
                reading.seen = _named(present.group(0), called)
        result = self.results.search(sentence)
        if result and not self.hearsay.search(sentence[: result.start()]):
            # "No police record": a check's result, however it is worded.
            reading.strong = True
        for clause in _clauses(sentence):
            before_clause = sentence[: sentence.find(clause)] if clause in sentence else ""
            for pattern, strong in ((self.assessed, True), (self.heard, False)):
                found = pattern.search(clause)
                if found is None:
                    continue
                lead = clause[: found.start()]
                if self.negation.search(lead) or self.hearsay.search(before_clause + lead):
                    continue
                if _NOT_DONE.search(found.group(0)):
                    continue  # "I have not met him", "we will have visited him"
                if strong and _UNDONE.search(clause, found.end(), found.end() + 40):
                    continue  # "Police checks on him have not been done"
                if strong:
                    reading.strong = True
                else:
                    reading.heard = True


_COMMON_START = re.compile(
    r"(?:father|dad|daddy|mother|mum|mum's|mother's|partner|step\w*|birth|biological|boyfriend"
    r"|husband|male|lodger|children's|child's|baby's|the|her|his|their|parent|new|current|ex)\b",
    re.IGNORECASE,
)


def _as_written_in_prose(role: str) -> str:
    """A form's "FATHER OF BABY" or "Father" as a sentence says it; "Kai's dad" as it is."""
    if role.isupper():
        return role.lower()
    if _COMMON_START.match(role):
        return role[:1].lower() + role[1:]
    return role


def _indices(parsed: ParsedDocument, block: Block) -> range:
    """The indices of the sentences of a block."""
    first = parsed.sentence_index(block.start)
    last = parsed.sentence_index(max(block.end - 1, block.start))
    return range(first, last + 1)


# The stand-in for his names: a word no report writes.
_HIM = "Xhimx"


def _about_him(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """Compile patterns whose `{he}`, `{him}` and `{his}` stand for him or the pronoun."""
    he = rf"(?:\bhe\b|\b{_HIM}\b)"
    him = rf"(?:\bhim\b|\b{_HIM}\b)"
    his = rf"(?:\bhis\b|\b{_HIM}(?:'s|’s))"
    text = _union(patterns).replace("{he}", he).replace("{him}", him).replace("{his}", his)
    return re.compile(text, re.IGNORECASE)


def _called(man: Man) -> str:
    """What the report calls him most simply: his first name, or "Mr Surname"."""
    return man.first or f"Mr {man.surname}"


def _named(quoted: str, called: str) -> str:
    """A quotation with his name written back in place of the stand-in word."""
    return quoted.replace(_HIM, called)


def _clauses(sentence: str) -> list[str]:
    return [part for part in _CLAUSE.split(sentence) if part and part.strip()]


TYPE = RuleType(
    name="men",
    keys=frozenset(
        {
            "roles",
            "neutral-roles",
            "assessed",
            "heard",
            "seen",
            "unassessed",
            "absent",
            "negation",
            "hearsay",
            "unnamed",
            "unnamed-message",
            "gaps",
            "views-sections",
            "results",
            "household-roles",
            "household-sections",
        }
    ),
    placeholders=frozenset({"match", "role", "gap"}),
    parse=parse,
    checker=MenChecker,
    doc=__doc__ or "",
)
