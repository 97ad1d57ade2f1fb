"""`annotate` decompresses no part beyond the reader's limits, pictures included.

The packages are built here: a small report with pictures related to its main part, some
over the (lowered) limits, some whose zip directory understates what they expand to.
"""

from __future__ import annotations

import io
import random
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assesslint.annotate import annotate
from assesslint.cli import main
from assesslint.engine import Engine, Selection
from assesslint.models import ReadError, ReadErrorCode
from assesslint.readers import limits
from assesslint.readers.sections import SectionMap

from docx_factory import build, p

MIB = 1024 * 1024
_PICTURE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_PNG_HEADER = b"\x89PNG\r\n\x1a\n"


def _report(folder: Path) -> bytes:
    return build(
        folder / "source.docx",
        p("Analysis", style="Heading1"),
        p("The MASH referred Leo in March."),
    ).read_bytes()


def _rezipped(
    report: bytes, change: Callable[[str, bytes], bytes], added: dict[str, bytes] | None = None
) -> bytes:
    """The package with each part passed through `change(name, data)`, and `added` parts."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(report)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
        for name, content in (added or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()


def _with_pictures(report: bytes, pictures: dict[str, bytes]) -> bytes:
    """The report with `pictures` (file name in word/media -> content) related to its text."""
    relationships = "".join(
        f'<Relationship Id="rIdPicture{number}" Type="{_PICTURE}" Target="media/{name}"/>'
        for number, name in enumerate(pictures)
    ).encode()

    def relate(name: str, data: bytes) -> bytes:
        if name == "word/_rels/document.xml.rels":
            data = data.replace(b"</Relationships>", relationships + b"</Relationships>")
        if name == "[Content_Types].xml" and b'Extension="png"' not in data:
            png = b'<Default Extension="png" ContentType="image/png"/>'
            data = data.replace(b"<Default ", png + b"<Default ", 1)
        return data

    return _rezipped(report, relate, {f"word/media/{n}": c for n, c in pictures.items()})


def _declaring(data: bytes, name: str, size: int) -> bytes:
    """The package with the size its zip directory gives for the part `name` set to `size`."""
    patched = bytearray(data)
    end = data.rfind(b"PK\x05\x06")
    (entry,) = struct.unpack("<I", data[end + 16 : end + 20])
    while data[entry : entry + 4] == b"PK\x01\x02":
        lengths = struct.unpack("<HHH", data[entry + 28 : entry + 34])
        if data[entry + 46 : entry + 46 + lengths[0]] == name.encode():
            patched[entry + 24 : entry + 28] = struct.pack("<I", size)
        entry += 46 + sum(lengths)
    return bytes(patched)


def _refusal(data: bytes, sections: SectionMap, engine: Engine) -> ReadError:
    with pytest.raises(ReadError) as caught:
        annotate(data, "report.docx", sections, engine, Selection())
    assert not caught.value.internal
    return caught.value


def test_a_picture_over_the_part_limit_is_refused_from_the_zip_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sections: SectionMap, engine: Engine
) -> None:
    monkeypatch.setattr(limits, "MAX_PART_BYTES", MIB)
    data = _with_pictures(_report(tmp_path), {"image1.png": _PNG_HEADER + bytes(2 * MIB)})
    error = _refusal(data, sections, engine)
    assert error.code is ReadErrorCode.TOO_LARGE
    assert "word/media/image1.png" in error.message and "zip bomb" in error.message


def test_pictures_over_the_package_limit_together_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sections: SectionMap, engine: Engine
) -> None:
    monkeypatch.setattr(limits, "MAX_PACKAGE_BYTES", MIB)
    noise = random.Random(1)
    pictures = {f"image{n}.png": _PNG_HEADER + noise.randbytes(600 * 1024) for n in (1, 2)}
    error = _refusal(_with_pictures(_report(tmp_path), pictures), sections, engine)
    assert error.code is ReadErrorCode.TOO_LARGE and "together" in error.message


def test_a_picture_whose_directory_understates_its_size_is_never_inflated_whole(
    tmp_path: Path, sections: SectionMap, engine: Engine
) -> None:
    report = _report(tmp_path)
    annotate(report, "report.docx", sections, engine, Selection())  # warm up outside the trace
    picture = "word/media/image1.png"
    # 64 MB of zeros compress to 64 KB; the directory says the part is 1,000 bytes.
    data = _declaring(_with_pictures(report, {"image1.png": bytes(64 * MIB)}), picture, 1000)
    tracemalloc.start()
    try:
        error = _refusal(data, sections, engine)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MIB, f"{peak / MIB:.0f} MB"
    # The part is read a megabyte at a time, so the lie shows as a failed checksum.
    assert error.code is ReadErrorCode.CORRUPT and picture in error.message


def test_the_command_refuses_a_zip_bomb_in_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_PART_BYTES", MIB)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_with_pictures(_report(tmp_path), {"image1.png": bytes(2 * MIB)}))
    result = CliRunner().invoke(main, ["annotate", str(bomb)], env={"COLUMNS": "80"})
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(bomb) in lines[0] and "(too-large)" in lines[0], lines
    assert "Traceback" not in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bomb.docx", "source.docx"]


def test_pictures_are_copied_into_the_reviewed_copy_unchanged(
    tmp_path: Path, sections: SectionMap, engine: Engine
) -> None:
    noise = random.Random(2)
    pictures = {
        "image1.png": _PNG_HEADER + noise.randbytes(300 * 1024),
        "image2.png": _PNG_HEADER + bytes(MIB + MIB // 2),  # very compressible
    }
    annotated = annotate(
        _with_pictures(_report(tmp_path), pictures), "report.docx", sections, engine, Selection()
    )
    assert annotated.findings  # comments were written around the pictures
    with zipfile.ZipFile(io.BytesIO(annotated.data)) as reviewed:
        for name, content in pictures.items():
            assert reviewed.read(f"word/media/{name}") == content
        assert reviewed.testzip() is None


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: xml.replace(b'w:id="0"', b'w:id="' + b"9" * 5000 + b'"'),
        lambda xml: xml.replace(b"<w:comments ", b"<w:commentz ").replace(
            b"</w:comments>", b"</w:commentz>"
        ),
    ],
    ids=["id-of-5000-digits", "root-not-a-comments-list"],
)
def test_a_damaged_comments_part_is_a_damaged_file(
    tmp_path: Path, change: Callable[[bytes], bytes]
) -> None:
    source = build(
        tmp_path / "with-comment.docx",
        p("Plan", style="Heading1"),
        p("Mum to engage with services."),
        comment=("An earlier reviewer's paragraph.", "Please look again."),
    ).read_bytes()
    damaged = _rezipped(source, lambda name, data: change(data) if "comments" in name else data)
    assert damaged != source
    report = tmp_path / "report.docx"
    report.write_bytes(damaged)
    result = CliRunner().invoke(main, ["annotate", str(report)])
    assert result.exit_code == 2, result.output
    assert "comments part (word/comments.xml) is damaged" in result.output
    assert "fault in assesslint" not in result.output
    assert sorted(f.name for f in tmp_path.iterdir()) == ["report.docx", "with-comment.docx"]
