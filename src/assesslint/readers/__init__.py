"""Read a report file into a `Document`, or say clearly why it cannot be read.

`read_document` is the one entry point for files and `read_bytes` for standard input. The
file's content, not its name, decides how it is read (see `sniff`): a .docx renamed .doc is
read, a .doc renamed .docx is refused as a legacy document. Every failure is a `ReadError`
with a code from the JSON contract and a message that says what to do; the file's text is
never part of the message.
"""

from __future__ import annotations

from pathlib import Path

from assesslint.models import Document, ReadError, ReadErrorCode
from assesslint.readers import limits
from assesslint.readers.decode import decode_text
from assesslint.readers.docx import read_docx
from assesslint.readers.sections import SectionMap
from assesslint.readers.sniff import Kind, sniff
from assesslint.readers.text import read_text
from assesslint.regular_file import FileTooLarge, NotRegularFile, read_regular

DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# What a folder is searched for. Legacy .doc files are included so that they are reported
# (with how to convert them) rather than silently passed over.
CHECKED_SUFFIXES = frozenset({".docx", ".txt", ".md", ".doc"})

_FORMATS_READ = "assesslint reads Word documents (.docx), plain text (.txt) and Markdown (.md)"

_OTHER_FORMATS = {
    ".pdf": "a PDF",
    ".odt": "an OpenDocument text file",
    ".rtf": "a Rich Text file",
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".ods": "a spreadsheet",
    ".csv": "a spreadsheet (CSV)",
    ".pptx": "a PowerPoint presentation",
    ".ppt": "a PowerPoint presentation",
    ".pages": "a Pages document",
    ".html": "a web page",
    ".htm": "a web page",
    ".msg": "an Outlook message",
    ".eml": "an email",
}


def _unsupported(what: str) -> ReadError:
    return ReadError(
        ReadErrorCode.UNSUPPORTED_FORMAT,
        f"this is {what}, which assesslint does not read. {_FORMATS_READ}: open the report in "
        "Word and save it as .docx, or copy its text into a .txt file.",
    )


def read_document(path: str | Path, sections: SectionMap) -> Document:
    """Read the report at `path`, raising `ReadError` if it cannot be read."""
    path = Path(path)
    return read_bytes(read_limited(path), str(path), sections, suffix=path.suffix)


def read_limited(path: Path) -> bytes:
    """Return a file's bytes, or a `ReadError` for anything that is not a readable report.

    Folders, pipes, devices, missing files and files over the size limit are refused (see
    `regular_file`: a named pipe is refused, never waited on).
    """
    try:
        data = read_regular(path, limits.MAX_FILE_BYTES)
    except FileTooLarge as error:
        raise _too_large(error.size) from None
    except NotRegularFile as error:
        raise ReadError(
            ReadErrorCode.UNREADABLE,
            f"this is {error.kind}, not an ordinary file, so it was not read (reading it "
            "could wait for ever or never end). Check the report file itself.",
        ) from None
    except FileNotFoundError:
        raise ReadError(
            ReadErrorCode.NOT_FOUND,
            "there is no file at this path. Check the name and the folder; it may have been "
            "moved or deleted.",
        ) from None
    except PermissionError:
        raise ReadError(
            ReadErrorCode.UNREADABLE,
            "you do not have permission to read this file. Ask whoever manages the folder "
            "for read access, or check a copy.",
        ) from None
    except IsADirectoryError:
        raise ReadError(ReadErrorCode.UNREADABLE, "this is a folder, not a file.") from None
    except OSError as error:
        raise ReadError(
            ReadErrorCode.UNREADABLE,
            f"the file cannot be opened ({error.strerror or type(error).__name__}). If it is "
            "open in another program or on a network drive that has gone away, try again.",
        ) from None
    if len(data) > limits.MAX_FILE_BYTES:
        raise _too_large(len(data))
    return data


def read_bytes(data: bytes, path: str, sections: SectionMap, suffix: str = "") -> Document:
    """Read a report from its bytes; `suffix` is the file name's extension, if it has one."""
    suffix = suffix.lower()
    if not data:
        raise ReadError(
            ReadErrorCode.EMPTY,
            "the file is empty (0 bytes). It may not have finished saving or copying; check "
            "the original.",
        )
    if len(data) > limits.MAX_FILE_BYTES:
        raise _too_large(len(data))
    if suffix in _OTHER_FORMATS:
        raise _unsupported(_OTHER_FORMATS[suffix])
    try:
        document = _read_by_content(data, path, sections, suffix)
    except ReadError:
        raise
    except (RecursionError, MemoryError):
        raise ReadError(
            ReadErrorCode.TOO_LARGE,
            "the document's structure is too deep or too big to read safely. Open it in Word "
            "and save it again, or copy its text into a new document.",
        ) from None
    except Exception as error:
        # A reader fault must not stop a batch: report this file and carry on. Damage the
        # readers understand is a ReadError of its own before it gets here; `internal` marks
        # what is left as assesslint's fault, for the tests.
        raise ReadError(
            ReadErrorCode.CORRUPT,
            f"the file could not be read ({type(error).__name__}); it may be damaged. Open it "
            "and save it again. If it opens without complaint, this is a fault in assesslint: "
            "please report it.",
            internal=True,
        ) from None
    if len(document.text) > limits.MAX_TEXT_CHARS:
        raise ReadError(
            ReadErrorCode.TOO_LARGE,
            f"the document has {len(document.text):,} characters of text, more than the "
            f"{limits.MAX_TEXT_CHARS:,} assesslint checks in one file. Split it into parts.",
        )
    return document


def _read_by_content(data: bytes, path: str, sections: SectionMap, suffix: str) -> Document:
    kind = sniff(data)
    named_docx = suffix in DOCX_SUFFIXES
    if kind is Kind.ZIP:
        return read_docx(data, path, sections)
    if kind is Kind.ENCRYPTED_OFFICE:
        raise ReadError(
            ReadErrorCode.ENCRYPTED,
            "the file is password-protected (encrypted), so its text cannot be read. Open it "
            "in Word, remove the password (File > Info > Protect Document > Encrypt with "
            "Password, then clear it), save a copy and check that copy.",
        )
    if kind is Kind.LEGACY_DOC:
        raise ReadError(
            ReadErrorCode.LEGACY_DOC,
            "this is an old-style Word 97-2003 document (.doc). Open it in Word and save it as "
            ".docx (File > Save As > Word Document), then check the .docx.",
        )
    if named_docx and kind is not Kind.TEXT:
        what = {
            Kind.LEGACY_EXCEL: "an Excel workbook",
            Kind.LEGACY_POWERPOINT: "a PowerPoint presentation",
            Kind.PDF: "a PDF",
            Kind.RTF: "a Rich Text file",
        }.get(kind, "an Office file of another kind")
        raise ReadError(
            ReadErrorCode.NOT_A_DOCX,
            f"the file is named .docx but is {what}, not a Word document. {_FORMATS_READ}.",
        )
    if kind is Kind.LEGACY_EXCEL:
        raise _unsupported("an Excel workbook")
    if kind is Kind.LEGACY_POWERPOINT:
        raise _unsupported("a PowerPoint presentation")
    if kind is Kind.OLE_OTHER:
        raise _unsupported("an Office file of another kind")
    if kind is Kind.PDF:
        raise _unsupported("a PDF")
    if kind is Kind.RTF:
        raise _unsupported("a Rich Text (RTF) file")
    if named_docx:
        raise ReadError(
            ReadErrorCode.NOT_A_DOCX,
            "the file is named .docx but is not a Word document (it is not a zip package). It "
            f"may be damaged or renamed. {_FORMATS_READ}.",
        )
    if suffix and suffix not in TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
        raise _unsupported(f"a file of type {suffix}")
    text, notices = decode_text(data)
    if suffix in MARKDOWN_SUFFIXES:
        # Imported here: the Markdown parser is only needed for Markdown reports.
        from assesslint.readers.markdown import read_markdown

        return read_markdown(text, path, sections, notices)
    return read_text(text, path, sections, notices)


def _too_large(size: int) -> ReadError:
    return ReadError(
        ReadErrorCode.TOO_LARGE,
        f"the file is {limits.describe_bytes(size)}, more than the "
        f"{limits.describe_bytes(limits.MAX_FILE_BYTES)} assesslint reads. If it is a report "
        "with many pictures, save a copy without them; otherwise split it.",
    )


__all__ = [
    "CHECKED_SUFFIXES",
    "DOCX_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "TEXT_SUFFIXES",
    "SectionMap",
    "read_bytes",
    "read_document",
]
