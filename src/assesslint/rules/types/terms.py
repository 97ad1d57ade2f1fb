"""`type: terms`: listed words and phrases, each with a plainer alternative.

Keys:
  terms        a list of entries (as in a lexicon): a phrase, or a mapping with
                 term          the word or phrase
                 name          how to name a term written as a regular expression
                 match         lower (default), lemma (every form of a word), exact (exact
                               case; the default for a term written in capitals), regex
                 alternative   what to write instead: text or a list of text
                 class         flag (default): every use is a finding;
                               define: an acronym, fine once spelled out at its first use,
                                 as "Child in Need (CIN)" or "CIN (child in need)";
                               known: never a finding (GP, NHS), and never "unknown"
                 expansion     for `define`: what the acronym stands for (text or a list)
                 unless        phrases that make a use fine when they contain it
                               ("work placement" for "placement")
                 unless-sentence  phrases that make a use fine anywhere in its sentence
  lexicon      the name (or a list of names) of lexicons whose entries are added to `terms`
  quotations   skip (default): a listed term inside quotation marks is someone's own words
                 ("he kicks off at bedtime", the child says), not the writer's, and is left
                 alone; check: flag it there too
  define       {message, suggest}: wording for an acronym not spelled out at first use
  unknown      abbreviations that are in no list: {message, suggest, min-length (2),
               max-length (6), ignore: [...]}; initials after Mr, Ms, Child, Baby and the
               like, Roman numerals, ordinary words typed in capitals and text written all
               in capitals are never taken for abbreviations

Placeholders: {match}, {term}, {alternative} (the alternatives, each in quotation marks, joined
by "or"), {advice} (the same without quotation marks, for alternatives that describe what to
write rather than give the words), {expansion}, {section}.
A `define` or `unknown` finding is made once per acronym, at its first use.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assesslint.models import BlockKind
from assesslint.quotations import inside
from assesslint.rules.lexicons import validate_entry
from assesslint.rules.patterns import pattern_from_entry
from assesslint.rules.spec import PatternSpec, Rule
from assesslint.rules.types.base import Checker, Hit, RuleType, quotations_of
from assesslint.yamlfile import MarkedDict, MarkedList

if TYPE_CHECKING:
    from assesslint.nlp import ParsedDocument
    from assesslint.rules.parsing import ParseContext
    from assesslint.rules.patterns import MatchIndex, PatternRegistry

_UPPER_TERM = re.compile(r"[A-Z][A-Z0-9&/]*[A-Z0-9]s?")
_CANDIDATE = re.compile(r"[A-Z]{2,12}s?")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_FUNCTION_WORDS = frozenset(
    {"of", "and", "the", "for", "in", "to", "with", "on", "at", "a", "an", "or", "by", "&"}
)
# Anonymised people are written "Mr B", "Child AB", "Baby C": their initials are names.
_NAME_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "child",
        "baby",
        "sibling",
        "adult",
        "person",
        "mother",
        "father",
        "parent",
        "carer",
        "family",
        "young",
        "subject",
        "professor",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
    }
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*")


@dataclass(frozen=True)
class TermSpec:
    """One listed term, parsed."""

    term: str
    pattern: PatternSpec
    cls: str
    alternatives: tuple[str, ...]
    expansions: tuple[str, ...]
    unless: tuple[PatternSpec, ...]
    unless_sentence: tuple[PatternSpec, ...]


@dataclass(frozen=True)
class Wording:
    """A message and suggestion for one kind of finding."""

    message: str | None
    suggest: str | None


@dataclass(frozen=True)
class Unknown:
    """How to find and word abbreviations that are in no list."""

    wording: Wording
    min_length: int
    max_length: int
    ignore: frozenset[str]


@dataclass(frozen=True)
class TermsOptions:
    """The parsed keys of a `terms` rule."""

    terms: tuple[TermSpec, ...]
    define: Wording | None
    unknown: Unknown | None
    skip_quotations: bool = True


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value)


def _term(entry: Any, where: tuple[int, int], ctx: ParseContext) -> TermSpec:
    path = str(ctx.path)
    if isinstance(entry, str):
        entry = {"term": entry}
    term = str(entry["term"]).strip()
    if "match" not in entry and _UPPER_TERM.fullmatch(term):
        entry = {**entry, "match": "exact"}
    pattern = pattern_from_entry(entry, path, where)
    return TermSpec(
        term=str(entry.get("name", term)),
        pattern=pattern,
        cls=str(entry.get("class", "flag")),
        alternatives=_as_tuple(entry.get("alternative")),
        expansions=_as_tuple(entry.get("expansion")),
        unless=tuple(PatternSpec("lower", u, path, where) for u in _as_tuple(entry.get("unless"))),
        unless_sentence=tuple(
            PatternSpec("lower", u, path, where) for u in _as_tuple(entry.get("unless-sentence"))
        ),
    )


def _wording(data: MarkedDict, key: str, ctx: ParseContext) -> Wording | None:
    block = ctx.mapping(data, key)
    if block is None:
        return None
    ctx.check_keys(block, {"message", "suggest"}, f"{key!r}")
    return Wording(ctx.template(block, "message"), ctx.template(block, "suggest"))


def parse(data: MarkedDict, ctx: ParseContext) -> TermsOptions:
    """Check the keys of a `terms` rule."""
    terms: list[TermSpec] = []
    listed = data.get("terms")
    if listed is not None:
        if not isinstance(listed, MarkedList):
            ctx.error(data.value_at("terms"), "'terms' must be a list of entries")
        else:
            for index, entry in enumerate(listed):
                where = listed.item_at(index)
                if (isinstance(entry, str) and entry.strip()) or (
                    isinstance(entry, MarkedDict) and validate_entry(ctx.path, entry, ctx.errors)
                ):
                    terms.append(_term(entry, where, ctx))
                elif not isinstance(entry, MarkedDict):
                    ctx.error(where, "a term is a phrase, or a mapping with 'term'")
    for name in ctx.texts(data, "lexicon"):
        lexicon = ctx.lexicons.get(name)
        if lexicon is None:
            ctx.error(
                data.value_at("lexicon"),
                f"unknown lexicon {name!r}; lexicons: "
                + (", ".join(sorted(ctx.lexicons)) or "none"),
            )
            continue
        for entry, where in zip(lexicon.entries, lexicon.positions, strict=True):
            terms.append(_term(entry, where, ctx))
    if not terms and "terms" not in data and "lexicon" not in data:
        ctx.error(data.position, "a terms rule needs 'terms' or 'lexicon'")
    unknown = None
    unknown_data = ctx.mapping(data, "unknown")
    if unknown_data is not None:
        ctx.check_keys(
            unknown_data, {"message", "suggest", "min-length", "max-length", "ignore"}, "'unknown'"
        )
        unknown = Unknown(
            wording=Wording(
                ctx.template(unknown_data, "message"), ctx.template(unknown_data, "suggest")
            ),
            min_length=ctx.integer(unknown_data, "min-length", minimum=2) or 2,
            max_length=ctx.integer(unknown_data, "max-length", minimum=2) or 6,
            ignore=frozenset(ctx.texts(unknown_data, "ignore")),
        )
    quotations = data.get("quotations", "skip")
    if quotations not in ("skip", "check"):
        ctx.error(data.value_at("quotations"), "'quotations' must be skip or check")
    return TermsOptions(tuple(terms), _wording(data, "define", ctx), unknown, quotations != "check")


class TermsChecker(Checker):
    """Finds listed terms, acronyms not spelled out, and unknown abbreviations."""

    def __init__(self, rule: Rule, registry: PatternRegistry) -> None:
        super().__init__(rule, registry)
        self.options: TermsOptions = rule.options
        self.keys: list[tuple[TermSpec, str, str | None, str | None]] = []
        for index, term in enumerate(self.options.terms):
            scope = rule.sections
            key = registry.add(rule.id, f"term{index}", [term.pattern], scope)
            unless = registry.add(rule.id, f"unless{index}", term.unless) if term.unless else None
            sentence = (
                registry.add(rule.id, f"sentence{index}", term.unless_sentence)
                if term.unless_sentence
                else None
            )
            self.keys.append((term, key, unless, sentence))
        self.listed = {term.term.lower() for term in self.options.terms}
        # Abbreviations can be defined in a heading even though headings are not checked.
        self.headings_define = BlockKind.HEADING not in rule.blocks

    def check(self, parsed: ParsedDocument, matches: MatchIndex) -> Iterator[Hit]:
        """Yield listed terms, acronyms not spelled out, and unknown abbreviations."""
        text = parsed.text
        quoted = quotations_of(parsed) if self.options.skip_quotations else []
        flagged: list[tuple[int, int, TermSpec]] = []
        for term, key, unless, sentence_key in self.keys:
            if term.cls == "known":
                continue
            spans = matches.get(key)
            if term.cls == "define":
                yield from self._first_use(parsed, term, spans)
                continue
            for start, end in spans:
                block = parsed.document.block_at(start)
                if not self.applies(block):
                    continue
                if unless and matches.covering(unless, start, end):
                    continue
                if sentence_key and matches.any_within(sentence_key, *parsed.sentence_span(start)):
                    continue
                if quoted and inside(quoted, start, end):
                    continue
                flagged.append((start, end, term))
        # Where listed terms overlap ("placement breakdown", "placement"), the longest wins.
        last_end = -1
        for start, end, term in sorted(flagged, key=lambda f: (f[0], -f[1])):
            if start < last_end:
                continue
            last_end = end
            yield Hit(start, end, values=self._values(term, text[start:end]), redacted=term.term)
        if self.options.unknown is not None:
            yield from self._unknown(parsed, self.options.unknown)

    def _values(self, term: TermSpec, match: str) -> dict[str, str]:
        return {
            "match": match,
            "term": term.term,
            "alternative": " or ".join(f'"{a}"' for a in term.alternatives) or "plainer words",
            "advice": " or ".join(term.alternatives) or "what happened, in plain words",
            "expansion": term.expansions[0] if term.expansions else "the words in full",
        }

    def _first_use(
        self, parsed: ParsedDocument, term: TermSpec, spans: list[tuple[int, int]]
    ) -> Iterator[Hit]:
        wording = self.options.define or Wording(None, None)
        for start, end in spans:
            block = parsed.document.block_at(start)
            if is_defined(parsed.text, start, end, block.start, block.end, term.expansions):
                return
            if not self.applies(block):
                continue
            yield Hit(
                start,
                end,
                values=self._values(term, parsed.text[start:end]),
                message=wording.message,
                suggest=wording.suggest,
                redacted=term.term,
                details={"uses": len(spans)},
            )
            return

    def _unknown(self, parsed: ParsedDocument, unknown: Unknown) -> Iterator[Hit]:
        from assesslint.nlp import is_english_word

        seen: set[str] = set()
        doc = parsed.doc
        text = parsed.text
        shouting: dict[int, bool] = {}
        for i, start, end in _candidates(parsed):
            word = text[start:end]
            stem = word[:-1] if word.endswith("s") else word
            if not unknown.min_length <= len(stem) <= unknown.max_length:
                continue
            if stem in seen or stem in unknown.ignore or stem.lower() in self.listed:
                continue
            if word.lower() in self.listed or _ROMAN.fullmatch(stem):
                continue
            if i > 0 and doc[i - 1].lower_.rstrip(".") in _NAME_TITLES:
                continue
            if is_english_word(stem.lower()):
                continue
            block = parsed.document.block_at(start)
            sentence = parsed.sentence_index(start)
            if sentence not in shouting:
                shouting[sentence] = _mostly_capitals(text[slice(*parsed.sentences[sentence])])
            if shouting[sentence]:
                continue
            seen.add(stem)
            if is_defined(text, start, end, block.start, block.end, ()):
                continue
            if self.headings_define and block.kind is BlockKind.HEADING:
                continue
            if not self.applies(block):
                continue
            yield Hit(
                start,
                end,
                values={
                    "match": word,
                    "term": word,
                    "alternative": "the words in full",
                    "advice": "the words in full",
                    "expansion": "the words in full",
                },
                message=unknown.wording.message,
                suggest=unknown.wording.suggest,
                redacted="an abbreviation",
            )


def _candidates(parsed: ParsedDocument) -> Iterator[tuple[int, int, int]]:
    """Each token that could be an abbreviation: its index, start and end, in order.

    Only the stretches of capitals are looked at, not every token. A token that is one
    (`_CANDIDATE` matches all of it) starts inside one of them, so none is missed.
    """
    text, starts, ends = parsed.text, parsed.token_starts, parsed.token_ends
    candidate = _CANDIDATE.fullmatch
    for capitals in _CANDIDATE.finditer(text):
        i = bisect.bisect_left(starts, capitals.start())
        while i < len(starts) and starts[i] < capitals.end():
            if candidate(text, starts[i], ends[i]):
                yield i, starts[i], ends[i]
            i += 1


def _mostly_capitals(sentence: str) -> bool:
    words = [w for w in _WORD.findall(sentence) if any(c.isalpha() for c in w)]
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    return len(words) >= 2 and len(capitals) * 2 >= len(words)


def _letters(acronym: str) -> str:
    core = acronym[:-1] if len(acronym) > 2 and acronym.endswith("s") else acronym
    return "".join(c for c in core.lower() if c.isalpha())


def initials_match(acronym: str, phrase: str) -> bool:
    """Say whether the words of `phrase` spell out `acronym` ("Child in Need" for CIN)."""
    letters = _letters(acronym)
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", phrase)]
    if not letters or not words:
        return False

    def fits(i: int, j: int) -> bool:
        if i == len(letters):
            return all(w in _FUNCTION_WORDS for w in words[j:])
        if j == len(words):
            return False
        word = words[j]
        if word[0] == letters[i] and fits(i + 1, j + 1):
            return True
        # A word can give two letters ("Healthcare" in EHCP is rare; "Plan" gives P).
        if (
            len(word) > 1
            and i + 1 < len(letters)
            and word[:2] == letters[i : i + 2]
            and fits(i + 2, j + 1)
        ):
            return True
        return word in _FUNCTION_WORDS and fits(i, j + 1)

    return fits(0, 0)


def _same(expansion: str, phrase: str) -> bool:
    def norm(text: str) -> str:
        text = re.sub(r"[^a-z0-9 ]+", " ", text.lower())
        return re.sub(r"^(the|a|an) ", "", re.sub(r"\s+", " ", text).strip())

    return norm(expansion) == norm(phrase)


def is_defined(
    text: str, start: int, end: int, block_start: int, block_end: int, expansions: tuple[str, ...]
) -> bool:
    """Say whether the acronym at `start`-`end` is spelled out right there.

    Accepts "words in full (ACRONYM)" and "ACRONYM (words in full)", where the words are a
    listed expansion or spell out the acronym's letters.
    """
    acronym = text[start:end]
    before = text[block_start:start].rstrip()
    after = text[end:block_end]
    if before.endswith("(") and after.lstrip().startswith(")"):
        preceding = before[:-1].rstrip()
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", preceding)
        for count in range(1, min(len(words), len(_letters(acronym)) + 4) + 1):
            phrase = " ".join(words[-count:])
            if any(_same(e, phrase) for e in expansions) or initials_match(acronym, phrase):
                return True
        return False
    opening = re.match(r"\s*\(([^()]{3,120})\)", after)
    if opening:
        phrase = opening.group(1)
        return any(_same(e, phrase) for e in expansions) or initials_match(acronym, phrase)
    return False


TYPE = RuleType(
    name="terms",
    keys=frozenset({"terms", "lexicon", "define", "unknown", "quotations"}),
    placeholders=frozenset({"match", "term", "alternative", "advice", "expansion"}),
    parse=parse,
    checker=TermsChecker,
    doc=__doc__ or "",
)
