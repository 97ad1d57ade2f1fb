"""Hostile and broken inputs, built by the tests (nothing is downloaded).

`build_cases(folder)` writes one file per case and returns what each must get: the
`status` and error `code` of the JSON output (a code of None means the file is checked
normally). Every file holds SECRET somewhere, so a test can prove no error message and
no temporary file ever repeats a report's words.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

from cfb import encrypted_docx, legacy_doc
from docx_factory import CONTENT_TYPES, build, docx_with_document_xml, p, tbl, tc, tr, zip_bytes

SECRET = "Kayla's secret placement address"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Case:
    """One hostile file and what it must get."""

    name: str
    code: str | None  # None: read and checked like any report


def _document(body: str, prolog: str = "") -> bytes:
    xml = f'{prolog}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    return docx_with_document_xml(xml)


def _secret_paragraph() -> str:
    return f"<w:p><w:r><w:t>{SECRET}</w:t></w:r></w:p>"


def build_cases(folder: Path) -> list[Case]:
    """Write every hostile file into `folder` and say what each must get."""
    folder.mkdir(parents=True, exist_ok=True)
    noise = random.Random(20261129)
    cases: list[Case] = []

    def write(name: str, data: bytes, code: str | None) -> None:
        (folder / name).write_bytes(data)
        cases.append(Case(name, code))

    whole = build(folder / "_whole.docx", p("Analysis", style="Heading1"), p(SECRET)).read_bytes()
    (folder / "_whole.docx").unlink()
    write("truncated.docx", whole[: len(whole) // 2], "corrupt")
    write(
        "no-document-part.docx",
        zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "word/x.xml": SECRET}),
        "not-a-docx",
    )
    write("invalid-xml.docx", _document(f"<w:p><w:r><w:t>{SECRET}</w:t>"), "corrupt")
    entities = ['<!ENTITY a "lol">'] + [
        f'<!ENTITY {name} "{f"&{previous};" * 10}">'
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    laughs = f'<?xml version="1.0"?><!DOCTYPE d [{"".join(entities)}]>'
    write(
        "billion-laughs.docx",
        _document(f"<w:p><w:r><w:t>&i; {SECRET}</w:t></w:r></w:p>", laughs),
        "corrupt",
    )
    secret_file = folder / "_outside.txt"
    secret_file.write_text("the contents of a private file", encoding="utf-8")
    external = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret_file.as_uri()}">]>'
    write(
        "external-entity.docx",
        _document("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", external),
        "corrupt",
    )
    bomb_body = "<w:p/>" * (60 * 1024 * 1024 // 6)
    write("zip-bomb.docx", _document(bomb_body + _secret_paragraph()), "too-large")
    nested = p(SECRET)
    for _ in range(200):
        nested = tbl(tr(tc(nested)), columns=1)
    # Deeper than XML nesting may safely go: refused with a message, not walked.
    write("nested-200-tables.docx", _document(nested), "too-large")
    long_paragraph = ("Mum said the home was fine. " * 370_000)[: 10 * 1024 * 1024]
    write(
        "ten-mb-paragraph.docx",
        _document(f"<w:p><w:r><w:t>{long_paragraph}</w:t></w:r></w:p>"),
        "too-large",
    )
    write("ten-mb-paragraph.txt", long_paragraph.encode(), "too-large")
    with (folder / "hundred-mb.txt").open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # a sparse file: 100 MB to stat, no disk used
    cases.append(Case("hundred-mb.txt", "too-large"))
    write("random-bytes.docx", bytes(noise.randrange(256) for _ in range(50_000)), "not-a-docx")
    write("random-bytes.txt", bytes(noise.randrange(256) for _ in range(50_000)), "decode")
    utf16 = f"Child's views:\nAmira said she likes school. {SECRET}.\n".encode("utf-16-le")
    write("utf16-no-bom.txt", utf16, None)
    write("nul-bytes.txt", f"Plan:\n- Mum to engage.\x00\x00 {SECRET}\n".encode(), None)
    write(
        "mixed-line-endings.txt",
        f"Analysis:\r\nMum is stable.\rLeo {SECRET}.\n\nPlan:\r\n- Mum to engage.\n".encode(),
        None,
    )
    write("encrypted.docx", encrypted_docx(), "encrypted")
    write("legacy.doc", legacy_doc(), "legacy-doc")
    write(
        "workbook-renamed.docx",
        zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>"}),
        "not-a-docx",
    )
    write(
        "slides-renamed.docx",
        zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": "<p/>"}),
        "not-a-docx",
    )
    write("empty.md", b"", "empty")
    loop = folder / "loop"
    loop.mkdir()
    (loop / "back-to-the-top").symlink_to(folder)  # a folder that contains itself
    locked = folder / "locked.txt"
    locked.write_text(f"Analysis:\n{SECRET}.\n", encoding="utf-8")
    locked.chmod(0)
    # Root reads anything; anyone else gets "unreadable".
    cases.append(Case("locked.txt", None if os.geteuid() == 0 else "unreadable"))
    write("good.txt", f"Analysis:\nMum's mental health is stable. {SECRET}.\n".encode(), None)
    secret_file.unlink()
    return cases
