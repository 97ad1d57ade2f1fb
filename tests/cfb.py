"""Write minimal but well-formed OLE2 compound files, for legacy and encrypted Office tests.

A legacy .doc holds a `WordDocument` stream; a password-protected .docx is a compound file
holding `EncryptionInfo` and `EncryptedPackage`. Office writes both in this container, and
this writer follows the format (version 3, 512-byte sectors, one FAT sector, streams large
enough to live in ordinary sectors) so the tests exercise real structure, not magic bytes.
"""

from __future__ import annotations

import struct

_SECTOR = 512
_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _entry(name: str, kind: int, start: int, size: int, right: int, child: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded.ljust(64, b"\x00"),
        len(encoded),
        kind,
        1,
        _NOSTREAM,
        right,
        child,
        b"\x00" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """Return a compound file holding `streams` (at most three, each padded to 4 KB)."""
    assert 1 <= len(streams) <= 3
    payloads = [data.ljust(4096, b"\x00") for data in streams.values()]
    sector_counts = [-(-len(data) // _SECTOR) for data in payloads]
    fat = [_FAT, _END]  # sector 0 holds the FAT, sector 1 the directory
    starts = []
    for count in sector_counts:
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + count))
        fat.append(_END)
    assert len(fat) <= _SECTOR // 4
    fat.extend([_FREE] * (_SECTOR // 4 - len(fat)))

    entries = [_entry("Root Entry", 5, _END, 0, _NOSTREAM, 1)]
    names = list(streams)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else _NOSTREAM
        entries.append(_entry(name, 2, starts[index], len(payloads[index]), right, _NOSTREAM))
    while len(entries) < 4:
        entries.append(
            b"\x00" * 64
            + struct.pack("<HBBIII", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM)
            + b"\x00" * 48
        )
    header = (
        _MAGIC
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    assert len(header) == _SECTOR
    body = (
        struct.pack(f"<{_SECTOR // 4}I", *fat)
        + b"".join(entries)
        + b"".join(
            data.ljust(count * _SECTOR, b"\x00")
            for data, count in zip(payloads, sector_counts, strict=True)
        )
    )
    return header + body


def legacy_doc() -> bytes:
    """A Word 97-2003 document's container."""
    return compound_file({"WordDocument": b"\xec\xa5" + b"\x00" * 100, "1Table": b"\x00" * 64})


def encrypted_docx() -> bytes:
    """A password-protected Office Open XML file's container."""
    return compound_file(
        {
            "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
            "EncryptedPackage": b"\x00" * 256,
        }
    )


def legacy_workbook() -> bytes:
    """An Excel 97-2003 workbook's container."""
    return compound_file({"Workbook": b"\x09\x08" + b"\x00" * 64})
