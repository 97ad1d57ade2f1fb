"""Turn the bytes of a text or Markdown file into text, saying how when it is not plain UTF-8.

Reports saved from older Windows programs are often Windows-1252; some systems write UTF-16,
with or without a byte-order mark. We read UTF-8 (with or without a BOM) and UTF-16/32 with
a BOM silently, UTF-16 without a BOM and Windows-1252 with a notice, and refuse binary data
with a `decode` error rather than guess.
"""

from __future__ import annotations

import codecs

from assesslint.models import ReadError, ReadErrorCode

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A}  # tab, newlines, form feed, DOS EOF
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _ALLOWED_CONTROLS and b != 0) + b"\x7f"
# Above this share of control bytes, a file is binary data, not text.
_MAX_CONTROL_SHARE = 0.05


def _decode_error(reason: str) -> ReadError:
    return ReadError(
        ReadErrorCode.DECODE,
        f"the file cannot be read as text: {reason}. Open it in the program that made it and "
        "save it as plain text (UTF-8), or as a Word document.",
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """Return "utf-16-le" or "utf-16-be" if the bytes look like BOM-less UTF-16 text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _decode_error(f"it starts with a {name} marker but is not valid {name}") from None


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode a text file, returning its text and notices for the user."""
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, name), []
    notices: list[str] = []
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = _strict(data, utf16, "UTF-16")
        order = "little" if utf16.endswith("le") else "big"
        notices.append(f"read as UTF-16 ({order}-endian) without a byte-order mark")
        return text, notices
    # NUL counts too: random bytes are binary, a text file with a stray NUL is not.
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES)) + data.count(0)
    if data and controls / len(data) > _MAX_CONTROL_SHARE:
        raise _decode_error("it looks like binary data, not text")
    if 0 in data:
        nuls = data.count(0)
        data = data.replace(b"\x00", b"")
        notices.append(f"{nuls} NUL byte(s) were ignored; they are often a sign of a damaged file")
    try:
        return data.decode("utf-8"), notices
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _decode_error("it is neither UTF-8 nor Windows-1252 text") from None
    notices.append(
        "read as Windows-1252 because it is not valid UTF-8; check that £ signs, dashes and "
        "quotation marks look right, or save the file as UTF-8"
    )
    return text, notices
