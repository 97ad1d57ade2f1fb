"""Tell what kind of file we were given from its first bytes, not from its name.

People rename files, and case-management systems export with odd extensions. Before any
reader runs, the content decides: a zip package (maybe a .docx), an OLE2 compound file (a
legacy .doc, or a password-protected Office file, which Office stores the same way), a PDF,
RTF, or something we take to be text.
"""

from __future__ import annotations

import enum

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class Kind(enum.Enum):
    """What the bytes of a file say it is."""

    ZIP = "zip"
    ENCRYPTED_OFFICE = "encrypted"
    LEGACY_DOC = "doc"
    LEGACY_EXCEL = "xls"
    LEGACY_POWERPOINT = "ppt"
    OLE_OTHER = "ole"
    PDF = "pdf"
    RTF = "rtf"
    TEXT = "text"


def _ole_has_stream(data: bytes, name: str) -> bool:
    # An OLE2 directory entry stores its name in UTF-16LE within one 128-byte entry, so a
    # stream name is always contiguous in the file.
    return name.encode("utf-16-le") in data


def sniff(data: bytes) -> Kind:
    """Classify the content of a file."""
    if data.startswith(_ZIP_MAGICS):
        return Kind.ZIP
    if data.startswith(_OLE_MAGIC):
        if _ole_has_stream(data, "EncryptedPackage") or _ole_has_stream(data, "EncryptionInfo"):
            return Kind.ENCRYPTED_OFFICE
        if _ole_has_stream(data, "WordDocument"):
            return Kind.LEGACY_DOC
        if _ole_has_stream(data, "Workbook") or _ole_has_stream(data, "Book"):
            return Kind.LEGACY_EXCEL
        if _ole_has_stream(data, "PowerPoint Document"):
            return Kind.LEGACY_POWERPOINT
        return Kind.OLE_OTHER
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return Kind.PDF
    if head.startswith(b"{\\rtf"):
        return Kind.RTF
    return Kind.TEXT
