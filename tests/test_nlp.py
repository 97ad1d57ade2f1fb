"""The pipeline: the same on every machine, sentences broken at block edges, lemmas by lookup."""

from __future__ import annotations

import pytest
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id

from assesslint.nlp import ModelError, _lookup_table, get_pipeline, parse
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap


def test_default_pipeline_needs_no_model() -> None:
    nlp = get_pipeline()
    assert nlp.pipe_names == ["assesslint_sentencizer", "assesslint_lemmatizer"]
    assert get_pipeline() is nlp  # built once per process


def test_lemmas_are_lower_case_lookups() -> None:
    doc = get_pipeline()("Refused to engage. Placements ended. Mum ABSCONDED.")
    assert [t.lemma_ for t in doc if t.is_alpha] == [
        "refuse",
        "to",
        "engage",
        "placement",
        "end",
        "mum",
        "abscond",
    ]


def test_sentences_break_at_every_block_edge(sections: SectionMap) -> None:
    # No full stops at all: only the block edges can separate these.
    text = "Analysis\n\nMum is stable\n\nShe sleeps well\n- Leo eats well\n- Leo sleeps"
    document = read_bytes(text.encode(), "r.txt", sections, suffix=".txt")
    parsed = parse(get_pipeline(), document)
    sentences = [document.text[start:end] for start, end in parsed.sentences]
    assert sentences == [
        "Analysis",
        "Mum is stable",
        "She sleeps well",
        "Leo eats well",
        "Leo sleeps",
    ]


def test_named_model_that_is_not_installed() -> None:
    with pytest.raises(ModelError) as caught:
        get_pipeline("en_core_web_nonexistent")
    assert "not installed" in str(caught.value)
    assert "pip install en_core_web_nonexistent" in str(caught.value)


def test_no_token_stops_the_tokenizer_remembering_words(sections: SectionMap) -> None:
    # A lone " " token is one of spaCy's special cases, and after one the tokenizer stops
    # caching for the rest of the document (fifteen times slower on a long report).
    text = "Analysis\n\nMum is stable.\nShe sleeps\twell.\n\nPlan\n\n- Leo eats well\n- Leo sleeps"
    document = read_bytes(text.encode(), "r.txt", sections, suffix=".txt")
    parsed = parse(get_pipeline(), document)
    specials = get_pipeline().tokenizer.rules or {}
    assert " " in specials
    assert not [t.text for t in parsed.doc if t.text in specials and t.is_space]
    # The words and their places are those of the text with its line breaks made spaces.
    spaced = get_pipeline().make_doc(parsed.text)
    assert [(t.idx, t.text) for t in parsed.doc if not t.is_space] == [
        (t.idx, t.text) for t in spaced if not t.is_space
    ]
    assert len(parsed.doc) == len(spaced)


TRICKY = [
    "",
    "One sentence with no full stop",
    'Mr. Smith met Mum. She said: "no." Then... nothing happened!? Really?! Yes.',
    "It ended.\n\nA new block . . . and (brackets.) Then “quotes.” Next one。次",
    "!!! ?? . Leo is 4. He sleeps 8.5 hours, e.g. from 7 p.m. to 6 a.m. Dad works.",
    "1. First\n2. Second!\n- a bullet. - another",
]


@pytest.mark.parametrize("text", TRICKY)
def test_sentences_are_spacys_rule(text: str) -> None:
    # Ours works on arrays; it must give exactly what spaCy's own sentencizer gives,
    # and keep breaks marked before it (block edges) as spaCy's does.
    ours, theirs = get_pipeline().make_doc(text), get_pipeline().make_doc(text)
    if len(ours) > 3:
        ours[3].is_sent_start = theirs[3].is_sent_start = True
    get_pipeline().get_pipe("assesslint_sentencizer")(ours)
    Sentencizer()(theirs)
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]
    assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]


@pytest.mark.parametrize("text", TRICKY[1:])
def test_sentence_spans_are_spacys(text: str, sections: SectionMap) -> None:
    document = read_bytes(text.encode(), "r.txt", sections, suffix=".txt")
    parsed = parse(get_pipeline(), document)
    spans = [(s.start_char, s.end_char) for s in parsed.doc.sents] if len(parsed.doc) else []
    stripped = [
        (start + len(part) - len(part.lstrip()), start + len(part.rstrip()))
        for start, end in spans
        if (part := parsed.text[start:end]).strip()
    ]
    assert parsed.sentences == stripped


def test_every_lemma_is_the_table_entry_for_the_lower_case_word() -> None:
    text = "Refused refused REFUSED placements Placements, zxqv ran. The the THE 3 £5 café"
    doc = get_pipeline()(text)
    table = _lookup_table()
    assert [t.lemma_ for t in doc] == [table.get(get_string_id(t.lower_), t.lower_) for t in doc]
