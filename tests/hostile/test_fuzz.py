"""Fuzzing: broken files never raise anything but ReadError, and findings point true.

A damaged file ends as a `Document` or as a `ReadError` that names the damage, never as the
readers' catch-all for their own faults (`ReadError.internal`). The damage is of the kinds
found to reach that catch-all: corrupt compressed data, compression methods and zip
versions Python cannot read, impossible zip64 offsets, XML namespace errors that lxml lets
through when a warning follows them, and control characters in embedded chunks. Each has
a test of its own after the fuzz tests.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assesslint.engine import Engine
from assesslint.models import Document, ReadError, ReadErrorCode
from assesslint.readers import read_bytes
from assesslint.readers.sections import SectionMap

from docx_factory import W, build, label_table, p, sdt

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


def _read_or_refuse(data: bytes, sections: SectionMap, suffix: str = ".docx") -> Document | None:
    """Read a damaged file: a Document, or None for a ReadError that names the damage."""
    try:
        return read_bytes(data, f"fuzz{suffix}", sections, suffix=suffix)
    except ReadError as error:
        assert error.message
        assert not error.internal, error.message
        return None


def _read_and_check(data: bytes, sections: SectionMap, engine: Engine) -> None:
    """A damaged .docx is either a ReadError with a message, or read and checked soundly."""
    document = _read_or_refuse(data, sections)
    if document is not None:
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


# --- damaged packages and text ----------------------------------------------------------

READERS_FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_WARNING = b'<x xml:space="bad"/>'  # a warning from libxml2, after any error before it
_PARTS = (
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/comments.xml",
    "word/_rels/document.xml.rels",
    "_rels/.rels",
    "[Content_Types].xml",
)
_AFCHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A report with styles, numbering, comments and a table: every part the reader reads."""
    return build(
        tmp_path_factory.mktemp("package") / "report.docx",
        p("Analysis", style="Heading1"),
        p("Mum's mental health is stable. The MASH referred Leo."),
        p("Mum to engage with services.", style="ListBullet"),
        label_table(("Child's views", "Leo said he likes nursery.")),
        comment=("Commented paragraph.", "assesslint: ignore jargon"),
    ).read_bytes()


def _entries(data: bytes) -> dict[str, tuple[int, int]]:
    """Each member's local header and central directory entry offsets."""
    end = data.rfind(b"PK\x05\x06")
    (entry,) = struct.unpack("<I", data[end + 16 : end + 20])
    found = {}
    while data[entry : entry + 4] == b"PK\x01\x02":
        lengths = struct.unpack("<HHH", data[entry + 28 : entry + 34])
        (local,) = struct.unpack("<I", data[entry + 42 : entry + 46])
        found[data[entry + 46 : entry + 46 + lengths[0]].decode("cp437")] = (local, entry)
        entry += 46 + sum(lengths)
    return found


def _compressed_span(data: bytes, name: str) -> tuple[int, int]:
    """Where a member's compressed data starts in the file, and how long it is."""
    local, central = _entries(data)[name]
    (size,) = struct.unpack("<I", data[central + 20 : central + 24])
    name_length, extra_length = struct.unpack("<HH", data[local + 26 : local + 30])
    return local + 30 + name_length + extra_length, size


def _with_method(data: bytes, name: str, method: int, where: str = "both") -> bytes:
    """The package with a member's compression method id changed in its headers."""
    local, central = _entries(data)[name]
    damaged = bytearray(data)
    if where in ("local", "both"):
        damaged[local + 8 : local + 10] = struct.pack("<H", method)
    if where in ("central", "both"):
        damaged[central + 10 : central + 12] = struct.pack("<H", method)
    return bytes(damaged)


def _with_part(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    parts = _parts(data)
    parts[name] = change(parts[name])
    return _zip(parts)


def _before_last_tag(xml: bytes, insert: bytes) -> bytes:
    end = xml.rfind(b"</")
    return xml[:end] + insert + xml[end:]


def _root_end(xml: bytes) -> int:
    """Where the root element's start tag closes."""
    start = xml.index(b"<")
    while xml[start + 1 : start + 2] in (b"?", b"!"):
        start = xml.index(b"<", start + 1)
    return xml.index(b">", start)


def _namespace_error(xml: bytes, kind: str) -> bytes:
    """An XML namespace error libxml2 leaves the tree well formed for, then a warning."""
    declaration = f'xmlns:w="{W}"'.encode()
    if kind == "root prefix" and declaration in xml:
        xml = xml.replace(declaration, b"", 1)
        inner = _root_end(xml) + 1
        xml = xml[:inner] + b"<w:inner " + declaration + b"/>" + xml[inner:]
    elif kind == "braces" and declaration in xml:
        xml = xml.replace(declaration, b'xmlns:w="http://example.org/{w}"', 1)
    elif kind == "attribute prefix":
        root = _root_end(xml)
        xml = xml[:root] + b' q:unknown="1"' + xml[root:]
    else:
        xml = _before_last_tag(xml, b"<q:unknown/>")
    return _before_last_tag(xml, _WARNING)


def _damage_bytes(data: bytes, draw: st.DataObject) -> bytes:
    damaged = bytearray(data)
    kind = draw.draw(st.sampled_from(["flip", "truncate", "insert"]))
    position = draw.draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return data[:position]
    if kind == "insert":
        return data[:position] + draw.draw(st.binary(min_size=1, max_size=64)) + data[position:]
    for where, value in draw.draw(st.lists(st.tuples(st.integers(0), st.integers(0, 255)))):
        damaged[where % len(damaged)] = value
    return bytes(damaged)


@functools.cache
def _compressed_with(data: bytes, method: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in _parts(data).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _damage_stream(data: bytes, draw: st.DataObject) -> bytes:
    methods = [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
    data = _compressed_with(data, draw.draw(st.sampled_from(methods)))
    name = draw.draw(st.sampled_from(sorted(_entries(data))))
    start, size = _compressed_span(data, name)
    damaged = bytearray(data)
    flips = st.lists(st.tuples(st.integers(0), st.integers(0, 255)), min_size=1, max_size=8)
    for where, value in draw.draw(flips):
        damaged[start + where % max(size, 1)] = value
    return bytes(damaged)


def _damage_method(data: bytes, draw: st.DataObject) -> bytes:
    name = draw.draw(st.sampled_from(sorted(_entries(data))))
    method = draw.draw(st.sampled_from([0, 1, 6, 8, 9, 12, 14, 93, 98, 99]))
    where = draw.draw(st.sampled_from(["local", "central", "both"]))
    return _with_method(data, name, method, where)


def _damage_version(data: bytes, draw: st.DataObject) -> bytes:
    name = draw.draw(st.sampled_from(sorted(_entries(data))))
    _, central = _entries(data)[name]
    damaged = bytearray(data)
    damaged[central + 6 : central + 8] = struct.pack("<H", draw.draw(st.integers(0, 0xFFFF)))
    return bytes(damaged)


def _damage_xml(data: bytes, draw: st.DataObject) -> bytes:
    name = draw.draw(st.sampled_from(_PARTS))
    kind = draw.draw(
        st.sampled_from(
            [
                "root prefix",
                "element prefix",
                "attribute prefix",
                "braces",
                "encoding",
                "huge attribute",
            ]
        )
    )
    if kind == "encoding":
        encoding = draw.draw(st.sampled_from([b"UTF-16", b"UCS-4", b"EBCDIC-US", b"bogus", b""]))
        declared = b'<?xml version="1.0" encoding="' + encoding + b'"?>'
        return _with_part(data, name, lambda xml: declared + xml.split(b"?>", 1)[-1])
    if kind == "huge attribute":
        size = draw.draw(st.sampled_from([100_000, 11_000_000]))
        return _with_part(
            data, name, lambda xml: _before_last_tag(xml, b'<w:x w:val="' + b"9" * size + b'"/>')
        )
    return _with_part(data, name, lambda xml: _namespace_error(xml, kind))


def _damage_chunk(data: bytes, draw: st.DataObject) -> bytes:
    extension = draw.draw(st.sampled_from(["html", "txt"]))
    content = draw.draw(
        st.binary(max_size=200)
        | st.text(max_size=40).map(lambda text: f"<p>{text}</p>".encode("utf-8", "surrogatepass"))
        | st.sampled_from([b"one\x00two\x0bthree", "\ufffe\uffff".encode()])
    )
    relationship = f'<Relationship Id="rIdChunk" Type="{_AFCHUNK}" Target="chunk.{extension}"/>'
    parts = _parts(data)
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b'<w:body><w:altChunk r:id="rIdChunk"/>', 1
    )
    parts["word/_rels/document.xml.rels"] = _before_last_tag(
        parts["word/_rels/document.xml.rels"], relationship.encode()
    )
    parts[f"word/chunk.{extension}"] = content
    return _zip(parts)


_DAMAGE: dict[str, Callable[[bytes, st.DataObject], bytes]] = {
    "bytes": _damage_bytes,
    "compressed data": _damage_stream,
    "compression method": _damage_method,
    "zip version": _damage_version,
    "xml": _damage_xml,
    "embedded chunk": _damage_chunk,
}


@READERS_FUZZ
@given(damage=st.sampled_from(sorted(_DAMAGE)), draw=st.data())
def test_a_damaged_package_is_read_or_refused_with_its_own_error(
    package: bytes, sections: SectionMap, damage: str, draw: st.DataObject
) -> None:
    _read_or_refuse(_DAMAGE[damage](package, draw), sections)


@READERS_FUZZ
@given(
    content=st.binary(max_size=2000),
    start=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"]),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_damaged_text_is_read_or_refused_with_its_own_error(
    sections: SectionMap, content: bytes, start: bytes, suffix: str
) -> None:
    _read_or_refuse(start + content, sections, suffix)


# --- the damage the fuzzing found, one kind at a time ------------------------------------


def _refused(data: bytes, sections: SectionMap) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "damaged.docx", sections, suffix=".docx")
    assert not caught.value.internal, caught.value.message
    return caught.value


def _damaged(data: bytes, sections: SectionMap) -> None:
    error = _refused(data, sections)
    assert error.code is ReadErrorCode.CORRUPT
    assert error.message.startswith("the file is damaged"), error.message


def test_a_corrupt_deflate_stream_is_a_damaged_file(package: bytes, sections: SectionMap) -> None:
    start, _ = _compressed_span(package, "word/document.xml")
    damaged = bytearray(package)
    damaged[start] = 0b111  # the last block, of the reserved type 3
    with pytest.raises(zlib.error):
        zlib.decompress(bytes(damaged[start : start + 64]), -15)
    _damaged(bytes(damaged), sections)


@pytest.mark.parametrize(("where", "value"), [(4, 0xFF), (40, 0x00)], ids=["options", "data"])
def test_corrupt_lzma_data_is_a_damaged_file(
    package: bytes, sections: SectionMap, where: int, value: int
) -> None:
    compressed = _compressed_with(package, zipfile.ZIP_LZMA)
    start, _ = _compressed_span(compressed, "word/document.xml")
    damaged = bytearray(compressed)
    damaged[start + where] = value  # in the LZMA properties, or in the stream itself
    _damaged(bytes(damaged), sections)


@pytest.mark.parametrize("method", [1, 6, 9, 12, 14, 93, 98])
def test_a_compression_method_word_never_uses_is_a_damaged_file(
    package: bytes, sections: SectionMap, method: int
) -> None:
    # 12 (bzip2) and 14 (LZMA) are methods Python knows, so the deflated data fails to
    # decompress in them; the others Python does not implement at all.
    _damaged(_with_method(package, "word/document.xml", method), sections)


def test_a_zip_version_python_cannot_read_is_a_damaged_file(
    package: bytes, sections: SectionMap
) -> None:
    _, central = _entries(package)["word/styles.xml"]
    damaged = bytearray(package)
    damaged[central + 6 : central + 8] = struct.pack("<H", 199)  # "needs zip version 19.9"
    _damaged(bytes(damaged), sections)


def test_an_impossible_zip64_offset_is_a_damaged_file(package: bytes, sections: SectionMap) -> None:
    _, central = _entries(package)["word/document.xml"]
    end = package.rfind(b"PK\x05\x06")
    name_length, extra_length = struct.unpack("<HH", package[central + 28 : central + 32])
    after_extra = central + 46 + name_length + extra_length
    entry = bytearray(package[central:after_extra])
    entry[30:32] = struct.pack("<H", extra_length + 12)
    entry[42:46] = b"\xff\xff\xff\xff"  # the offset is in the zip64 extra field ...
    zip64 = struct.pack("<HHQ", 1, 8, 2**64 - 1)  # ... and is past anything a file can hold
    tail = bytearray(package[end:])
    tail[12:16] = struct.pack("<I", struct.unpack("<I", tail[12:16])[0] + len(zip64))
    damaged = package[:central] + entry + zip64 + package[after_extra:end] + tail
    _damaged(bytes(damaged), sections)


@pytest.mark.parametrize(
    ("part", "kind"),
    [
        ("word/document.xml", "root prefix"),
        ("word/document.xml", "braces"),
        ("word/document.xml", "element prefix"),
        ("word/styles.xml", "element prefix"),
        ("word/comments.xml", "attribute prefix"),
        ("word/_rels/document.xml.rels", "attribute prefix"),
    ],
)
def test_an_xml_namespace_error_is_a_damaged_file_even_with_a_warning_after_it(
    package: bytes, sections: SectionMap, part: str, kind: str
) -> None:
    # Without the warning lxml refuses these parts itself; with it, it returns a tree with
    # tags no namespace-aware code can use ("w:document", "{http://example.org/{w}}body").
    damaged = _with_part(package, part, lambda xml: _namespace_error(xml, kind))
    error = _refused(damaged, sections)
    assert error.code is ReadErrorCode.CORRUPT and part in error.message


def test_control_characters_in_an_embedded_chunk_are_read_as_spaces(
    package: bytes, sections: SectionMap
) -> None:
    parts = _parts(package)
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b'<w:body><w:altChunk r:id="rIdChunk"/>', 1
    )
    relationship = f'<Relationship Id="rIdChunk" Type="{_AFCHUNK}" Target="chunk.txt"/>'
    parts["word/_rels/document.xml.rels"] = _before_last_tag(
        parts["word/_rels/document.xml.rels"], relationship.encode()
    )
    parts["word/chunk.txt"] = b"Leo\x00said\x0bhe likes\x1fnursery.\x0c"
    document = _read_or_refuse(_zip(parts), sections)
    assert document is not None
    assert document.text.startswith("Leo said he likes nursery.")
