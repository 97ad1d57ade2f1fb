"""Every way a file can fail to be read gets its own code and a message that says what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assesslint.models import ReadError, ReadErrorCode
from assesslint.readers import limits, read_document
from assesslint.readers.sections import SectionMap

from cfb import encrypted_docx, legacy_doc, legacy_workbook
from docx_factory import build, docx_with_document_xml, p, zip_bytes

SECRET = "Leo's secret sentence"


def error_for(path: Path, sections: SectionMap) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_document(path, sections)
    error = caught.value
    assert error.message, "every error says what happened"
    assert SECRET not in error.message, "an error never quotes the report"
    assert "Traceback" not in error.message
    return error


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_not_found(tmp_path: Path, sections: SectionMap) -> None:
    error = error_for(tmp_path / "missing.docx", sections)
    assert error.code is ReadErrorCode.NOT_FOUND


def test_a_folder_is_unreadable(tmp_path: Path, sections: SectionMap) -> None:
    error = error_for(tmp_path, sections)
    assert error.code is ReadErrorCode.UNREADABLE
    assert "folder" in error.message


def test_permission_denied_is_unreadable(
    tmp_path: Path, sections: SectionMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "locked.txt", b"Analysis:\nText.")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Root reads any file whatever its mode, so the refusal is made where files are opened.
    monkeypatch.setattr(os, "open", refuse)
    error = error_for(path, sections)
    assert error.code is ReadErrorCode.UNREADABLE
    assert "permission" in error.message


@pytest.mark.parametrize("name", ["empty.docx", "empty.txt", "empty.md"])
def test_zero_bytes_is_empty(tmp_path: Path, sections: SectionMap, name: str) -> None:
    assert error_for(write(tmp_path / name, b""), sections).code is ReadErrorCode.EMPTY


def test_no_text_is_empty(tmp_path: Path, sections: SectionMap) -> None:
    assert error_for(write(tmp_path / "blank.txt", b"  \n\n \t\n"), sections).code is (
        ReadErrorCode.EMPTY
    )
    blank_docx = build(tmp_path / "blank.docx", p(""), p("   "))
    assert error_for(blank_docx, sections).code is ReadErrorCode.EMPTY


@pytest.mark.parametrize("name", ["report.docx", "report.doc", "report"])
def test_password_protected_office_file(tmp_path: Path, sections: SectionMap, name: str) -> None:
    error = error_for(write(tmp_path / name, encrypted_docx()), sections)
    assert error.code is ReadErrorCode.ENCRYPTED
    assert "password" in error.message


@pytest.mark.parametrize("name", ["report.doc", "report.docx"])
def test_legacy_doc(tmp_path: Path, sections: SectionMap, name: str) -> None:
    error = error_for(write(tmp_path / name, legacy_doc()), sections)
    assert error.code is ReadErrorCode.LEGACY_DOC
    assert "save it as .docx" in error.message


def test_docx_renamed_doc_is_read(tmp_path: Path, sections: SectionMap) -> None:
    source = build(tmp_path / "real.docx", p("Analysis", style="Heading1"), p("Text."))
    renamed = write(tmp_path / "real.doc", source.read_bytes())
    assert [b.text for b in read_document(renamed, sections).blocks] == ["Analysis", "Text."]


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "PDF"),
        ("report.txt", b"%PDF-1.7\n1 0 obj", "PDF"),
        ("report.rtf", b"{\\rtf1\\ansi Analysis}", "Rich Text"),
        (
            "report.odt",
            zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"}),
            "OpenDocument",
        ),
        ("report.xlsx", zip_bytes({"xl/workbook.xml": "<workbook/>"}), "Excel"),
        ("report.xls", legacy_workbook(), "Excel"),
        ("report.log", b"Analysis: text", ".log"),
    ],
)
def test_unsupported_formats_say_which_formats_are_read(
    tmp_path: Path, sections: SectionMap, name: str, data: bytes, what: str
) -> None:
    error = error_for(write(tmp_path / name, data), sections)
    assert error.code is ReadErrorCode.UNSUPPORTED_FORMAT
    assert what in error.message
    assert ".docx" in error.message and ".txt" in error.message and ".md" in error.message


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (bytes(range(256)) * 8, "not a zip"),
        (b"Just some text, renamed.", "not a zip"),
        (zip_bytes({"xl/workbook.xml": "<workbook/>"}), "Excel"),
        (zip_bytes({"ppt/presentation.xml": "<p/>"}), "PowerPoint"),
        (zip_bytes({"readme.txt": "hello"}), "no word/document.xml"),
        (legacy_workbook(), "Excel"),
    ],
    ids=["random-bytes", "text", "xlsx", "pptx", "other-zip", "xls"],
)
def test_not_a_docx(tmp_path: Path, sections: SectionMap, data: bytes, what: str) -> None:
    error = error_for(write(tmp_path / "report.docx", data), sections)
    assert error.code is ReadErrorCode.NOT_A_DOCX
    assert what in error.message


def test_truncated_docx_is_corrupt(tmp_path: Path, sections: SectionMap) -> None:
    whole = build(tmp_path / "whole.docx", p("Analysis"), p("Text.")).read_bytes()
    error = error_for(write(tmp_path / "cut.docx", whole[: len(whole) // 2]), sections)
    assert error.code is ReadErrorCode.CORRUPT
    assert "Word" in error.message


def test_invalid_xml_is_corrupt(tmp_path: Path, sections: SectionMap) -> None:
    data = docx_with_document_xml("<w:document><w:body><w:p>unclosed")
    assert error_for(write(tmp_path / "bad.docx", data), sections).code is ReadErrorCode.CORRUPT


def test_external_entity_is_never_read(tmp_path: Path, sections: SectionMap) -> None:
    secret = write(tmp_path / "secret.txt", SECRET.encode())
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    error = error_for(write(tmp_path / "xxe.docx", docx_with_document_xml(xml)), sections)
    assert error.code is ReadErrorCode.CORRUPT
    assert "document type" in error.message


def test_file_over_the_size_limit(
    tmp_path: Path, sections: SectionMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    error = error_for(write(tmp_path / "big.txt", b"Analysis text. " * 100), sections)
    assert error.code is ReadErrorCode.TOO_LARGE


def test_zip_bomb_is_refused(tmp_path: Path, sections: SectionMap) -> None:
    # 60 MB of XML that compresses to about 60 KB: beyond the per-part limit.
    body = "<w:p/>" * (60 * 1024 * 1024 // 6)
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    data = docx_with_document_xml(xml)
    assert len(data) < 1024 * 1024
    error = error_for(write(tmp_path / "bomb.docx", data), sections)
    assert error.code is ReadErrorCode.TOO_LARGE
    assert "zip bomb" in error.message


def test_binary_text_file_is_a_decode_error(tmp_path: Path, sections: SectionMap) -> None:
    error = error_for(write(tmp_path / "noise.txt", bytes(range(256)) * 16), sections)
    assert error.code is ReadErrorCode.DECODE
    assert "UTF-8" in error.message


def test_bad_utf16_after_a_bom_is_a_decode_error(tmp_path: Path, sections: SectionMap) -> None:
    error = error_for(write(tmp_path / "odd.txt", b"\xff\xfeA\x00\x00\xd8"), sections)
    assert error.code is ReadErrorCode.DECODE


def test_every_code_is_covered() -> None:
    tested = {
        "not-found",
        "unreadable",
        "empty",
        "encrypted",
        "legacy-doc",
        "unsupported-format",
        "not-a-docx",
        "corrupt",
        "too-large",
        "decode",
    }
    assert {code.value for code in ReadErrorCode} == tested
