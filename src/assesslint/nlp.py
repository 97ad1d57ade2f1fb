"""The spaCy pipeline, and a report parsed by it.

The default pipeline is `spacy.blank("en")`, a sentencizer (spaCy's rule, worked out on
arrays), and lemmas looked up in the English table of spacy-lookups-data: no model
download, the same results on every machine. Lemmas are looked up for the lower-cased
word, so "Refused" and "refused" both become "refuse". A trained pipeline named in config
(`model: en_core_web_sm`) is used instead when it is installed. Either way sentences also
break at every block edge, so a heading never runs into the paragraph after it.

spaCy is imported only when a pipeline is first built, and each pipeline is built once per
process, so commands that only list rules stay quick.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy

from assesslint.models import Document, spans_within

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_LEMMATIZER = "assesslint_lemmatizer"
_SENTENCIZER = "assesslint_sentencizer"
_pipelines: dict[str | None, Language] = {}

# Whitespace that would become tokens of its own is matched as a plain space; offsets stay
# the same because every character maps to exactly one character.
_SPACES = str.maketrans(
    {
        "\n": " ",
        "\t": " ",
        "\r": " ",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2028": " ",
        "\u2029": " ",
        "\x0b": " ",
        "\x0c": " ",
    }
)


class ModelError(Exception):
    """A trained pipeline was named in the configuration but cannot be loaded."""


class _LowerLookupLemmatizer:
    """Set each token's lemma from the English lookup table, by its lower-case form.

    Lemmas are set through arrays of string IDs, not token by token: making a Python
    object for every token was a seventh of the time of checking a report.
    """

    def __init__(self, table: dict[int, str], vocab: Any) -> None:
        self.ids = {lower: vocab.strings.add(lemma) for lower, lemma in table.items()}

    def __call__(self, doc: Doc) -> Doc:

        if not len(doc):
            return doc
        attrs = _attrs()
        ids = self.ids
        # Each distinct word is looked up once (a report uses a few thousand words, many
        # times over). String IDs use all 64 bits: kept as uint64, never through floats.
        distinct, where = numpy.unique(doc.to_array([attrs.LOWER]).ravel(), return_inverse=True)
        lemmas: Any = numpy.fromiter(
            (ids.get(lower, lower) for lower in distinct.tolist()),
            dtype=numpy.uint64,
            count=len(distinct),
        )
        doc.from_array([attrs.LEMMA], lemmas[where].reshape(-1, 1))
        return doc


class _ArraySentencizer:
    """spaCy's rule-based sentencizer, worked out on arrays of the tokens' attributes.

    A sentence starts at the first token after sentence-ending punctuation that is not
    punctuation itself; breaks already marked (at block edges) are kept. spaCy's own
    sentencizer applies this rule to a Python object per token, which took a third of
    the time spent parsing a report; the result is the same (tested).
    """

    def __init__(self, vocab: Any) -> None:
        from spacy.pipeline import Sentencizer

        self.enders = numpy.array(
            sorted(vocab.strings.add(mark) for mark in Sentencizer.default_punct_chars),
            dtype=numpy.uint64,
        )

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        attrs = _attrs()
        table: Any = doc.to_array([attrs.ORTH, attrs.IS_PUNCT, attrs.SENT_START])
        # A sorted search, not numpy.isin, which sorts the whole document's IDs each time.
        place = numpy.searchsorted(self.enders, table[:, 0]).clip(0, len(self.enders) - 1)
        ender = self.enders[place] == table[:, 0]
        enders = numpy.flatnonzero(ender)
        words = numpy.flatnonzero(~ender & (table[:, 1] == 0))
        following = numpy.searchsorted(words, enders, side="right")
        guess = numpy.zeros(len(doc), dtype=bool)
        guess[0] = True
        guess[words[following[following < len(words)]]] = True
        marked: Any = table[:, 2].astype(numpy.int64)
        unmarked = marked == 0
        marked[unmarked] = numpy.where(guess[unmarked], 1, -1)
        doc.from_array([attrs.SENT_START], marked.astype(numpy.uint64))
        return doc


def _attrs() -> Any:
    """SpaCy's attribute IDs (imported late: spaCy is heavy, and has no stubs for these)."""
    import spacy.attrs  # type: ignore[import-not-found]

    return spacy.attrs


@cache
def _lookup_table() -> dict[int, str]:
    """The English lemma table of spacy-lookups-data, keyed by the word's string ID."""
    from spacy.strings import get_string_id

    # Reading the file directly is three times quicker than spaCy's registry lookup,
    # which scans every installed package's entry points first.
    try:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
        with gzip.open(path, "rb") as stream:
            words: dict[str, str] = json.loads(stream.read())
        return {get_string_id(word): lemma for word, lemma in words.items()}
    except (ImportError, OSError, ValueError):
        from spacy.lookups import load_lookups

        table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        return dict(table.items())


@cache
def _english_words() -> frozenset[int]:
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.strings import get_string_id

    table = _lookup_table()
    words = set(table) | {get_string_id(lemma) for lemma in table.values()}
    words |= {get_string_id(word) for word in STOP_WORDS}
    return frozenset(words)


def is_english_word(lower: str) -> bool:
    """Say whether a lower-case word is an ordinary English word (or a form of one)."""
    from spacy.strings import get_string_id

    return get_string_id(lower) in _english_words()


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(_LEMMATIZER):

        @Language.factory(_LEMMATIZER)
        def make_lemmatizer(nlp: Language, name: str) -> _LowerLookupLemmatizer:
            return _LowerLookupLemmatizer(_lookup_table(), nlp.vocab)

    if not Language.has_factory(_SENTENCIZER):

        @Language.factory(_SENTENCIZER)
        def make_sentencizer(nlp: Language, name: str) -> _ArraySentencizer:
            return _ArraySentencizer(nlp.vocab)


def get_pipeline(model: str | None = None) -> Language:
    """Return the pipeline for `model` (None for the default), building it once."""
    if model in _pipelines:
        return _pipelines[model]
    import spacy

    _register_components()
    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe(_SENTENCIZER)
        nlp.add_pipe(_LEMMATIZER)
    else:
        try:
            nlp = spacy.load(model)
        except OSError:
            raise ModelError(
                f"the spaCy pipeline {model!r} named in the configuration is not installed. "
                f"Install it into the same environment as assesslint (for example `pip "
                f"install {model}`), or remove `model:` to use the built-in pipeline."
            ) from None
        if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
            nlp.add_pipe(_SENTENCIZER)
    # The readers refuse documents over 5 million characters; spaCy's own default limit of
    # one million would refuse long reports that the readers accept.
    nlp.max_length = 10_000_000
    _pipelines[model] = nlp
    return nlp


def lemmatize(nlp: Language, text: str) -> Doc:
    """Tokenise and lemmatise a short text (a pattern), without the rest of the pipeline."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name in (_LEMMATIZER, "lemmatizer", "tagger", "attribute_ruler", "tok2vec"):
            doc = component(doc)
    return doc


@dataclass
class ParsedDocument:
    """A report with its spaCy `Doc`, and maps between characters, blocks and sentences.

    `text` is the document text with newlines and tabs made spaces (same length, so every
    offset is shared with `document.text`); `doc` was made from the same text with the
    blank lines between blocks kept. `sentences` are character spans that never cross a
    block edge.
    """

    document: Document
    doc: Doc
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    # Where each token starts and ends, and how many words come before it, read from
    # arrays once: rules that made a spaCy Token object per word spent a fifth of
    # checking a report on making them.
    token_starts: list[int] = field(default_factory=list, repr=False)
    token_ends: list[int] = field(default_factory=list, repr=False)
    _words_before: list[int] = field(default_factory=lambda: [0], repr=False)
    # Things rule checkers work out once per document and share (section ranges, ...).
    cache: dict[str, object] = field(default_factory=dict, repr=False)

    def sentence_index(self, offset: int) -> int:
        """Return the index of the sentence containing `offset`."""
        return max(bisect.bisect_right(self._sentence_starts, offset) - 1, 0)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """Return the character span of the sentence containing `offset`."""
        return self.sentences[self.sentence_index(offset)]

    def sentences_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return the sentences lying wholly between two offsets (found by bisection)."""
        return spans_within(self.sentences, start, end)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Return the tokens covering characters `start` to `end`, as a slice of `doc`."""
        first = max(bisect.bisect_right(self.token_starts, start) - 1, 0)
        last = bisect.bisect_left(self.token_starts, end)
        return first, max(last, first + 1)

    def words(self, start: int, end: int) -> int:
        """Count the words (not punctuation or spaces) between two offsets."""
        first, last = self.token_range(start, end)
        last = min(last, len(self.token_starts))
        return max(self._words_before[last] - self._words_before[first], 0)


def _for_tokenizer(document: Document, spaced: str) -> str:
    """The text given to spaCy: `spaced`, with the blank line kept between blocks.

    spaCy's tokenizer remembers how it split each word, but stops remembering for the rest
    of a document once it meets one of its special cases, and a lone space between two
    spaces is one. Made of spaces, every gap between blocks would be one, and every
    report would be split word by word from scratch: fifteen times slower. The gap's
    own characters are not a special case, and make the same one space token.
    """
    pieces: list[str] = []
    done = 0
    original = document.text
    for block in document.blocks:
        if block.start > done:
            pieces.append(original[done : block.start])
        pieces.append(spaced[block.start : block.end])
        done = block.end
    pieces.append(spaced[done:])
    return "".join(pieces)


def _sentence_spans(
    doc: Doc, starts: list[int], ends: list[int], marks: Any
) -> Iterator[tuple[int, int]]:
    """The character spans of `doc.sents`, read from `marks`, its SENT_START array."""
    if not len(doc):
        return
    if "sents" in doc.user_hooks:
        for sentence in doc.sents:
            yield sentence.start_char, sentence.end_char
        return
    firsts = [0, *(numpy.flatnonzero(marks[1:] == 1) + 1).tolist(), len(doc)]
    for first, following in itertools.pairwise(firsts):
        yield starts[first], ends[following - 1]


def parse(nlp: Language, document: Document) -> ParsedDocument:
    """Run the pipeline over a document, breaking sentences at every block edge."""
    attrs = _attrs()
    text = document.text.translate(_SPACES)
    doc = nlp.make_doc(_for_tokenizer(document, text))
    if len(doc):
        # Marked through an array: setting `Token.is_sent_start` checks the whole document
        # each time, which made long reports quadratic.
        before: Any = doc.to_array([attrs.IDX, attrs.SENT_START])
        token_starts: list[int] = before[:, 0].tolist()
        starts: Any = before[:, 1].copy()
        for block in document.blocks:
            index = bisect.bisect_left(token_starts, block.start)
            if index < len(doc):
                starts[index] = 1
                end = bisect.bisect_left(token_starts, block.end)
                if end < len(doc):
                    starts[end] = 1
        doc.from_array([attrs.SENT_START], starts)
    for _, component in nlp.pipeline:
        doc = component(doc)
    # Read after the pipeline, in case a trained one merged tokens.
    token_starts, token_ends, words_before, marks = [], [], [0], None
    if len(doc):
        table: Any = doc.to_array(
            [attrs.IDX, attrs.LENGTH, attrs.IS_PUNCT, attrs.IS_SPACE, attrs.SENT_START]
        )
        token_starts = table[:, 0].tolist()
        token_ends = (table[:, 0] + table[:, 1]).tolist()
        words_before += numpy.cumsum(1 - (table[:, 2] | table[:, 3])).tolist()
        marks = table[:, 4].astype(numpy.int64)
    sentences = []
    for start, end in _sentence_spans(doc, token_starts, token_ends, marks):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        sentences.append((start, start + len(stripped)))
    return ParsedDocument(
        document=document,
        doc=doc,
        text=text,
        sentences=sentences,
        _sentence_starts=[start for start, _ in sentences],
        token_starts=token_starts,
        token_ends=token_ends,
        _words_before=words_before,
    )
