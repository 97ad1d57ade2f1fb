"""Compile every rule's patterns into shared matchers, and match a document once.

Rules register groups of patterns with a `PatternRegistry` and get back a key. When all
rules are registered, `compile` builds one spaCy PhraseMatcher per attribute (lower case,
lemma, exact case), one Matcher for token patterns, and one compiled expression per
regular expression. `CompiledPatterns.match` runs each of them once over a parsed document
and returns a `MatchIndex`: for each key, the character spans its patterns matched.
However many rules there are, a document is matched once.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from assesslint.models import spans_within
from assesslint.rules.regex_safety import facts
from assesslint.rules.spec import PatternSpec

if TYPE_CHECKING:
    from spacy.language import Language

    from assesslint.models import Document
    from assesslint.nlp import ParsedDocument

Span = tuple[int, int]
_FAR = 1 << 62

_PHRASE_ATTRS = {"lower": "LOWER", "lemma": "LEMMA", "exact": "ORTH"}


def pattern_from_entry(entry: Any, path: str, where: tuple[int, int]) -> PatternSpec:
    """Turn a lexicon entry into a pattern: a phrase, or a mapping with `term` and `match`."""
    if isinstance(entry, str):
        return PatternSpec("lower", entry, path, where)
    term = entry["term"]
    match = entry.get("match", "lower")
    if match == "tokens":
        return PatternSpec("tokens", plain(term), path, where)
    return PatternSpec(
        match, term, path, where, case_sensitive=bool(entry.get("case-sensitive", False))
    )


def plain(value: Any) -> Any:
    """Turn marked YAML containers into plain dicts and lists (for spaCy)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


@dataclass
class MatchIndex:
    """Character spans matched by each registered key, sorted by start."""

    spans: dict[str, list[Span]] = field(default_factory=dict)

    def get(self, key: str) -> list[Span]:
        """Return every span matched for `key`."""
        return self.spans.get(key, [])

    def within(self, key: str, start: int, end: int) -> list[Span]:
        """Return the spans for `key` lying wholly between `start` and `end`."""
        spans = self.spans.get(key)
        return spans_within(spans, start, end) if spans else []

    def any_within(self, key: str, start: int, end: int) -> bool:
        """Say whether `key` matched anything wholly between `start` and `end`."""
        return bool(self.within(key, start, end))

    def covering(self, key: str, start: int, end: int) -> bool:
        """Say whether some span for `key` contains the span `start`-`end`."""
        spans = self.spans.get(key)
        if not spans:
            return False
        last = bisect.bisect_right(spans, (start, _FAR))
        return any(s <= start and e >= end for s, e in spans[:last])


class PatternRegistry:
    """Collects pattern groups from every rule before anything is compiled."""

    def __init__(self) -> None:
        self._groups: dict[str, list[PatternSpec]] = {}
        self._scopes: dict[str, frozenset[str] | None] = {}

    def add(
        self,
        owner: str,
        role: str,
        patterns: Sequence[PatternSpec],
        sections: frozenset[str] | None = None,
    ) -> str:
        """Register a group of patterns for `owner` (a rule id) and return its key.

        `sections` says where the owner will look for these matches (canonical section
        names; None for anywhere). A regular expression is then run over those sections
        only, which is where most of the time of checking goes. Matches elsewhere may
        still be reported for the key, when another group shares the expression.
        """
        key = f"{owner}:{role}"
        suffix = 1
        while key in self._groups:
            suffix += 1
            key = f"{owner}:{role}#{suffix}"
        self._groups[key] = list(patterns)
        self._scopes[key] = sections
        return key

    def compile(self, nlp: Language) -> CompiledPatterns:
        """Build the shared matchers for every registered group."""
        return CompiledPatterns(nlp, self._groups, self._scopes)


def _union(scopes: list[frozenset[str] | None]) -> frozenset[str] | None:
    """Where a shared expression must run: everywhere if any of its users looks there."""
    found: set[str] = set()
    for scope in scopes:
        if scope is None:
            return None
        found |= scope
    return frozenset(found)


class _Blocks:
    """Where a document's blocks start and end in its text, for narrowing searches."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.starts = [block.start for block in document.blocks]
        self.ends = [block.end for block in document.blocks]
        self._scoped: dict[frozenset[str] | None, list[tuple[int, int]]] = {
            None: [(0, len(document.text))]
        }
        self._scope_bits: dict[frozenset[str], int] = {}
        self._found: dict[str, int] = {}
        self._containing: dict[frozenset[str], int | None] = {}
        self._pieces: tuple[str, list[int], list[tuple[str, int]]] | None = None

    def in_scope(self, scope: frozenset[str] | None) -> list[tuple[int, int]]:
        """The stretches of text whose blocks are in the named sections (or inside them)."""
        found = self._scoped.get(scope)
        if found is None:
            found = self._scoped[scope] = self.spans(self.scope_bits(scope))
        return found

    def scope_bits(self, scope: frozenset[str] | None) -> int:
        """The blocks in the named sections (or inside them), as bits (see `containing`)."""
        if scope is None:
            return (1 << len(self.starts)) - 1
        found = self._scope_bits.get(scope)
        if found is None:
            found = self._scope_bits[scope] = sum(
                1 << block.index for block in self.document.blocks if block.section.names & scope
            )
        return found

    def spans(self, bits: int) -> list[tuple[int, int]]:
        """The stretches of text that runs of neighbouring blocks cover."""
        return [(self.starts[first], self.ends[last]) for first, last in _runs(bits)]

    def containing(self, lowered: str, words: frozenset[str]) -> int | None:
        """The blocks holding any of `words`, as bits; None when over half the blocks do.

        `lowered` is the document's text in lower case; `words` are in lower case, with no
        spaces in them. Patterns often need the same words: each set is worked out once.
        Sets of blocks are bits of an integer (block i is bit i): joining them is one step.
        """
        if words in self._containing:
            return self._containing[words]
        chosen = 0
        enough = len(self.starts) // 2
        found: int | None = None
        for word in words:
            held = self._found.get(word)
            if held is None:
                held = self._found[word] = self._holding_in_pieces(lowered, word)
            chosen |= held
            if chosen.bit_count() > enough:
                break  # hardly narrower than searching everything
        else:
            found = chosen
        self._containing[words] = found
        return found

    def _holding_in_pieces(self, lowered: str, word: str) -> int:
        """The blocks holding a word with no space in it, found through the text's pieces.

        Such a word can only lie inside one space-separated piece of the text. Most needed
        words are in no report's text, and the distinct pieces are a tenth of its length
        to look through; a common word ("will") is one piece, however often it is used.
        """
        if self._pieces is None:
            self._index_pieces(lowered)
        assert self._pieces is not None
        joined, starts, pieces = self._pieces
        blocks = 0
        at = joined.find(word)
        while at >= 0:
            which = bisect.bisect_right(starts, at) - 1
            blocks |= pieces[which][1]
            at = joined.find(word, starts[which] + len(pieces[which][0]))
        return blocks

    def _index_pieces(self, lowered: str) -> None:
        holders: dict[str, int] = defaultdict(int)
        for index, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
            bit = 1 << index
            for piece in lowered[start:end].split():
                holders[piece] |= bit
        pieces = list(holders.items())
        starts, offset = [], 0
        for piece, _ in pieces:
            starts.append(offset)
            offset += len(piece) + 1
        self._pieces = ("\n".join(piece for piece, _ in pieces), starts, pieces)

    def matched(
        self, finder: _Finder, subject: str, ranges: list[Span], group: int | str
    ) -> list[Span]:
        """The spans of `group` in every non-empty match of `finder` within `ranges`.

        A match that runs past the end of its block is not a match (the words around a
        paragraph break do not belong together), and it must not hide one that keeps to
        its block, so the rest of that block is searched again on its own. One call per
        pattern, not per range: a pattern may have hundreds of ranges in a report.
        """
        found: list[Span] = []
        add = found.append
        starts, ends = self.starts, self.ends
        count = len(starts)
        right = bisect.bisect_right
        for start, end in ranges:
            while start < end:
                for hit in finder.finditer(subject, start, end):
                    following = right(starts, hit.start())
                    own_end = ends[following - 1] if following else 0
                    if hit.end() > own_end and following < count:
                        for inner in finder.finditer(subject, hit.start(), own_end):
                            span = inner.span(group)
                            if span[1] > span[0]:
                                add(span)
                        start = starts[following]
                        break
                    span = hit.span(group)
                    if span[1] > span[0]:
                        add(span)
                else:
                    break
        return found


class _Finder(Protocol):
    """What `_Blocks.matched` needs of a pattern: a compiled one, or a `_Gated` one."""

    @property
    def groupindex(self) -> Mapping[str, int]: ...

    def finditer(self, string: str, pos: int = ..., endpos: int = ...) -> Iterator[re.Match[str]]:
        """Every match between `pos` and `endpos`, as `re.Pattern.finditer`."""
        ...


class _Gated:
    """A pattern run as its rest, its leading assertions checked where the rest matches.

    See `regex_safety.gated_form`: the engine jumps between the places the rest can start,
    instead of trying the whole pattern at every character. The matches are the same as
    the whole pattern's: the gate takes up no text and holds no group, and the rest is
    never empty, so each search carries on after the last match (or the last place the
    gate refused) just as `finditer` does.
    """

    __slots__ = ("gate", "groupindex", "rest")

    def __init__(self, gate: re.Pattern[str], rest: re.Pattern[str]) -> None:
        self.gate = gate
        self.rest = rest
        self.groupindex: Mapping[str, int] = rest.groupindex

    def finditer(self, string: str, pos: int = 0, endpos: int = _FAR) -> Iterator[re.Match[str]]:
        """Every match between `pos` and `endpos`, as `re.Pattern.finditer`."""
        search, opens = self.rest.search, self.gate.match
        while True:
            hit = search(string, pos, endpos)
            if hit is None:
                return
            start = hit.start()
            if opens(string, start, endpos) is None:
                pos = start + 1
                continue
            yield hit
            pos = hit.end()


_SET_BITS = re.compile("1+")


def _runs(bits: int) -> list[tuple[int, int]]:
    """The runs of set bits in `bits`, lowest first, as (first, last) bit numbers."""
    # One pass over the bits written out, lowest first: arithmetic on the whole integer
    # for each run would cost a long report's block count again for every run.
    written = bin(bits)[:1:-1]
    return [(run.start(), run.end() - 1) for run in _SET_BITS.finditer(written)]


def _longest_parts(words: frozenset[str] | None) -> frozenset[str] | None:
    if words is None:
        return None
    parts = frozenset(max(word.split(), key=len, default="") for word in words)
    return None if "" in parts else parts


class _Regex:
    r"""One distinct regular expression and the pattern groups that use it.

    A case-insensitive pattern is run, without IGNORECASE, on a lower-cased copy of the
    text (the same length, so offsets agree), its own capitals lower-cased too
    (`regex_safety.lowered_form`): Python's engine is two to three times faster that way.
    Case-sensitive patterns, and the rare one that cannot be lowered, run as written.

    Python tries a pattern at every character it is given, so the time goes on the text
    searched, not on the matches. A pattern that needs one of some literal words
    (`\b(?:hungry|anxious)\b`) is therefore run only over the blocks that hold one of
    them, found with plain substring search; a match never spans two blocks.
    """

    def __init__(
        self,
        value: str,
        case_sensitive: bool,
        keys: list[str],
        scope: frozenset[str] | None = None,
    ) -> None:
        self.keys = tuple(keys)
        self.scope = scope
        self.value = value
        self.flags = re.MULTILINE | (0 if case_sensitive else re.IGNORECASE)
        self._compiled: re.Pattern[str] | None = None
        self._lowered: re.Pattern[str] | None = None
        self._gated: _Gated | None = None
        known = facts(value, case_sensitive)
        self._lowered_source = known.lowered
        self._lowered_flags = known.flags & ~re.IGNORECASE
        self._gated_sources = known.gated
        self.case_sensitive = case_sensitive
        # In lower case; a block holding "still the case" holds "still", so each needed
        # word is looked for by its longest part without spaces: a little wider, still
        # exact, and found through the text's pieces (see `_Blocks`).
        self.needed = _longest_parts(known.needed)

    # Both are compiled on first use: a pattern whose words a report lacks never is, and
    # checking one report starts sooner.
    @property
    def compiled(self) -> re.Pattern[str]:
        """The pattern as written, for the text as written."""
        if self._compiled is None:
            self._compiled = re.compile(self.value, self.flags)
        return self._compiled

    @property
    def on_lowered(self) -> re.Pattern[str] | None:
        """The pattern without IGNORECASE, for lower-cased text (None if it cannot be)."""
        if self._lowered is None and self._lowered_source is not None:
            self._lowered = re.compile(self._lowered_source, self._lowered_flags)
        return self._lowered

    def ranges(self, blocks: _Blocks, lowered: str | None) -> list[tuple[int, int]]:
        """The stretches of text worth searching: in scope, and holding a needed word.

        `lowered` is the lower-cased text, or None when lower-casing changed its length
        (so its offsets are not the text's, and nothing is narrowed).
        """
        within = blocks.in_scope(self.scope)
        if self.needed is None or lowered is None or not within:
            return within
        holding = blocks.containing(lowered, self.needed)
        if holding is None:
            return within
        # A run of neighbouring blocks is searched as one stretch: `search` keeps each
        # match to its block, so the gap between two blocks adds nothing.
        return blocks.spans(holding & blocks.scope_bits(self.scope))

    @property
    def gated(self) -> _Gated | None:
        """The form that usually runs, cut at its leading assertions (None if not faster)."""
        if self._gated is None and self._gated_sources is not None:
            gate, rest = self._gated_sources
            flags = self._lowered_flags
            self._gated = _Gated(re.compile(gate, flags), re.compile(rest, flags))
        return self._gated

    def for_text(self, text: str, lowered: str | None) -> tuple[_Finder, str]:
        """The pattern to run, and the text to run it on."""
        if self.on_lowered is not None and lowered is not None:
            return self.gated or self.on_lowered, lowered
        if self.case_sensitive:
            return self.gated or self.compiled, text
        return self.compiled, text  # lower-casing changed the text's length: as written


class CompiledPatterns:
    """The shared matchers; `match` runs each once over a document."""

    def __init__(
        self,
        nlp: Language,
        groups: dict[str, list[PatternSpec]],
        scopes: dict[str, frozenset[str] | None] | None = None,
    ) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        from assesslint.nlp import lemmatize

        self.keys = list(groups)
        self._phrase_matchers = {
            kind: PhraseMatcher(nlp.vocab, attr=attr) for kind, attr in _PHRASE_ATTRS.items()
        }
        self._token_matcher = Matcher(nlp.vocab, validate=True)
        # Each distinct regular expression is compiled and run once, whichever rules share it.
        regexes: dict[tuple[str, bool], list[str]] = defaultdict(list)
        self.as_phrases: list[tuple[str, str]] = []
        # A match id stands for every key whose patterns include what it matched.
        self._keys_of: dict[int, tuple[str, ...]] = {}
        phrases: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for key, patterns in groups.items():
            self._keys_of[nlp.vocab.strings.add(key)] = (key,)
            for pattern in patterns:
                if pattern.kind in _PHRASE_ATTRS:
                    phrases[pattern.kind][key].append(pattern.value)
                elif pattern.kind == "tokens":
                    self._token_matcher.add(key, [pattern.value])
                elif (
                    pattern.kind == "regex"
                    and not pattern.case_sensitive
                    and (words := facts(pattern.value, False).phrases)
                ):
                    # A list of words written as a pattern: matched as phrases, by hashing.
                    phrases["lower"][key].extend(words)
                    self.as_phrases.append((key, pattern.value))
                elif pattern.kind == "regex":
                    owners = regexes[(pattern.value, pattern.case_sensitive)]
                    if key not in owners:
                        owners.append(key)
        # A phrase several rules share (a lexicon used by three rules, say) is made into a
        # Doc and matched once, for all of them: building the Docs is most of the start-up.
        users: dict[tuple[str, str], list[str]] = defaultdict(list)
        for kind, by_key in phrases.items():
            for key, texts in by_key.items():
                for text in texts:
                    using = users[(kind, text)]
                    if key not in using:
                        using.append(key)
        shared: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
        for (kind, text), using in users.items():
            shared[(kind, tuple(using))].append(text)
        for number, ((kind, sharing), texts) in enumerate(shared.items()):
            name = f"\x1fshared phrases {number}"  # never a key of the registry
            self._keys_of[nlp.vocab.strings.add(name)] = sharing
            if kind == "lemma":
                docs = [lemmatize(nlp, text) for text in texts]
            else:
                docs = [nlp.make_doc(text) for text in texts]
            self._phrase_matchers[kind].add(name, docs)
        scopes = scopes or {}
        self.scopes = scopes
        self._regexes = [
            _Regex(value, exact, keys, _union([scopes.get(k) for k in keys]))
            for (value, exact), keys in regexes.items()
        ]
        self._active_phrase = [m for m in self._phrase_matchers.values() if len(m)]
        self._has_tokens = len(self._token_matcher) > 0

    def match(self, parsed: ParsedDocument) -> MatchIndex:
        """Run every matcher once over `parsed`; return the spans for each key."""
        doc = parsed.doc
        found: dict[str, set[Span]] = defaultdict(set)
        token_matches: list[Iterable[tuple[int, int, int]]] = []
        for matcher in self._active_phrase:
            token_matches.append(matcher(doc))
        if self._has_tokens:
            token_matches.append(self._token_matcher(doc))
        # The document text keeps its line breaks, so ^ and $ find block and line edges.
        document = parsed.document
        text = document.text
        lowered = text.lower()
        same_length = len(lowered) == len(text)
        blocks = _Blocks(document)
        starts_at, ends_at, keys_of = parsed.token_starts, parsed.token_ends, self._keys_of
        right, block_starts = bisect.bisect_right, blocks.starts
        for matches in token_matches:
            for match_id, start, end in matches:
                first, last = starts_at[start], ends_at[end - 1]
                # A match of several words never runs from one block into the next.
                if end - start == 1 or right(block_starts, first) == right(block_starts, last - 1):
                    for key in keys_of[match_id]:
                        found[key].add((first, last))
        for regex in self._regexes:
            ranges = regex.ranges(blocks, lowered if same_length else None)
            if not ranges:
                continue
            finder, subject = regex.for_text(text, lowered if same_length else None)
            # A group named "match" narrows the match to the words that matter
            # ("is stable" is found, "stable" is reported).
            group = "match" if "match" in finder.groupindex else 0
            hits = blocks.matched(finder, subject, ranges, group)
            if hits:
                for key in regex.keys:
                    found[key].update(hits)
        index = MatchIndex()
        for key, spans in found.items():
            if spans:
                index.spans[key] = sorted(spans)
        return index
