"""The pipeline: the same on every machine, sentences broken at block edges, lemmas by lookup."""

from __future__ import annotations

import pytest

from assesslint.nlp import ModelError, get_pipeline, parse
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap


def test_default_pipeline_needs_no_model() -> None:
    nlp = get_pipeline()
    assert nlp.pipe_names == ["sentencizer", "assesslint_lemmatizer"]
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
