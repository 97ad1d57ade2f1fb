"""Fuzzing: broken .docx files never raise anything but ReadError, and findings point true."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assesslint.engine import Engine
from assesslint.models import Document, ReadError
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap

from docx_factory import build, label_table, p, sdt

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
WORDS = [
    "Mum",
    "Dad",
    "Leo",
    "stable",
    "MASH",
    "CIN",
    "LAC",
    "placement",
    "contact",
    "it",
    "is",
    "felt",
    "appropriate",
    "N/A",
    "too",
    "young",
    "engage",
    "with",
    "services",
    "risk",
    "reduced",
    "because",
    "drinking",
    "domestic",
    "abuse",
    "Plan:",
    "Analysis:",
    "-",
    "1.",
    "Child's",
    "views:",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "(",
    ")",
    '"',
    "«",
    "é",
    "—",
    "…",
]


def _source_docx(folder: Path) -> bytes:
    return build(
        folder / "source.docx",
        p("Analysis", style="Heading1"),
        p("Mum's mental health is stable. The MASH referred Leo."),
        label_table(("Child's views", "N/A"), ("Plan", "Mum to engage with services.")),
        p("Nursery and ", sdt("<w:r><w:t>CAMHS</w:t></w:r>"), " were asked."),
    ).read_bytes()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _check_consistent(document: Document, engine: Engine) -> None:
    for finding in engine.check(document):
        location = finding.location
        if finding.match is None:
            continue
        assert location.block is not None and location.start is not None
        block = document.blocks[location.block]
        assert block.text[location.start : location.end] == finding.match
        assert document.text[block.start : block.end] == block.text


def _read_and_check(data: bytes, sections: SectionMap, engine: Engine) -> None:
    """A damaged .docx is either a ReadError with a message, or read and checked soundly."""
    try:
        document = read_bytes(data, "fuzz.docx", sections, suffix=".docx")
    except ReadError as error:
        assert error.message
        return
    _check_consistent(document, engine)


@FUZZ
@given(
    cut=st.integers(min_value=0, max_value=10_000),
    length=st.integers(min_value=0, max_value=400),
    insert=st.sampled_from(
        [
            b"",
            b"<",
            b">",
            b"</w:p>",
            b"<w:p>",
            b"<w:tbl>",
            b"&",
            b"&amp;",
            b"\x00",
            b"\xff\xfe",
            b"<w:r><w:t>MASH</w:t></w:r>",
            b"]]>",
            b"<!--",
            b'"',
        ]
    ),
)
def test_mutated_document_xml(
    tmp_path_factory: pytest.TempPathFactory,
    sections: SectionMap,
    engine: Engine,
    cut: int,
    length: int,
    insert: bytes,
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    parts = _parts(_source_docx(folder))
    xml = parts["word/document.xml"]
    position = cut % (len(xml) + 1)
    parts["word/document.xml"] = xml[:position] + insert + xml[position + length :]
    _read_and_check(_zip(parts), sections, engine)


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 1_000_000), st.integers(0, 255)), max_size=12))
def test_mutated_zip_bytes(
    tmp_path_factory: pytest.TempPathFactory,
    sections: SectionMap,
    engine: Engine,
    flips: list[tuple[int, int]],
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    data = bytearray(_source_docx(folder))
    for position, value in flips:
        data[position % len(data)] = value
    _read_and_check(bytes(data), sections, engine)


@FUZZ
@given(
    words=st.lists(st.sampled_from(WORDS) | st.text(max_size=8), min_size=1, max_size=120),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_random_text(sections: SectionMap, engine: Engine, words: list[str], suffix: str) -> None:
    text = " ".join(words)
    try:
        document = read_bytes(
            text.encode("utf-8", "surrogatepass"), f"r{suffix}", sections, suffix=suffix
        )
    except ReadError as error:
        assert error.code.value in {"empty", "decode"}
        return
    _check_consistent(document, engine)
