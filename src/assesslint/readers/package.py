"""Open a Word package (.docx) safely and hand out its XML parts.

A .docx is a zip of XML parts. This module finds the main document part and its styles and
numbering parts through the package relationships, refuses zip bombs (`BoundedZip`: a size
limit on every part and on the package, each checked while decompressing, and a limit on
the compression ratio), and parses XML with entity expansion, DTD loading and network
access switched off. A part carrying a document type declaration is refused: Word never
writes one. Damage to the zip (a broken header, a corrupt compressed stream, a compression
method Word never uses) is a `ReadError` saying the file is damaged.

A report generator may embed part of a report as an "alternative format chunk"
(`w:altChunk`): HTML, plain text or another format that Word converts when it opens the
file. Plain-text and HTML chunks are read here into paragraphs of text (`WordPackage.chunks`);
a chunk in another format is recorded as unreadable (None).
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree, html

from assesslint.models import ReadError, ReadErrorCode
from assesslint.readers import limits

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_STYLES = "/styles"
_NUMBERING = "/numbering"
_COMMENTS = "/comments"
_ALT_CHUNK = "/aFChunk"
_MAX_CHUNKS = 64

_OTHER_PACKAGES = {
    "xl/workbook.xml": "an Excel workbook",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "visio/document.xml": "a Visio drawing",
}


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, part: str) -> etree._Element:
    """Parse one XML part safely, raising `ReadError` if it is broken or unsafe."""
    parser = _xml_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        message = str(error)
        if "depth" in message.lower() or "huge" in message.lower():
            raise ReadError(
                ReadErrorCode.TOO_LARGE,
                f"the document's structure ({part}) is nested too deeply to read safely. "
                "Open it in Word and save it again, or copy the text into a new document.",
            ) from None
        raise _corrupt(f"its XML ({part}) is damaged") from None
    # libxml2 counts an undeclared namespace prefix, or a namespace that is not a URI, as an
    # error that leaves the XML well formed, and lxml returns the tree whenever a warning
    # follows the error: elements named "q:r", or a namespace with braces that no tag can
    # be built from. Word refuses such a part, and so does this reader, warning or not.
    if any(entry.level >= etree.ErrorLevels.ERROR for entry in parser.error_log):
        raise _corrupt(f"its XML ({part}) is damaged")
    if root.getroottree().docinfo.doctype:
        raise _corrupt(
            f"its XML ({part}) declares a document type, which Word never writes; it was not "
            "read, for safety"
        )
    return root


def _corrupt(what: str) -> ReadError:
    return ReadError(
        ReadErrorCode.CORRUPT,
        f"the file is damaged: {what}. Open it in Word (Word can often repair it), save it "
        "again as .docx, and check the new copy.",
    )


@dataclass
class WordPackage:
    """The parts of a .docx that the reader needs.

    The main part and comments are parsed; styles and numbering are kept as bytes and
    parsed on first use, because the reports of one team share a template, and a style
    sheet already read for one of them is used again (see `docx.style_sheet`).
    """

    document: etree._Element
    styles_data: bytes | None
    numbering_data: bytes | None
    comments: etree._Element | None = None
    # Relationship id of each altChunk part -> its paragraphs, or None if not readable.
    chunks: dict[str, list[str] | None] = field(default_factory=dict)
    _parsed: dict[str, etree._Element | None] = field(default_factory=dict, repr=False)

    @property
    def styles(self) -> etree._Element | None:
        """The parsed styles part, if the package has one."""
        return self._part("word/styles.xml", self.styles_data)

    @property
    def numbering(self) -> etree._Element | None:
        """The parsed numbering part, if the package has one."""
        return self._part("word/numbering.xml", self.numbering_data)

    def _part(self, name: str, data: bytes | None) -> etree._Element | None:
        if name not in self._parsed:
            self._parsed[name] = None if data is None else parse_xml(data, name)
        return self._parsed[name]


# What zipfile raises for a damaged archive or part, besides its own BadZipFile: EOFError
# and OSError for data cut short (bz2 reports damage as OSError), ValueError and
# OverflowError for impossible offsets, sizes and names, NotImplementedError for a zip
# version or compression method it does not know, and the decompressors' own errors, which
# derive from none of these.
_ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    OverflowError,
    NotImplementedError,
    zlib.error,
    lzma.LZMAError,
)
_CHUNK_BYTES = 1024 * 1024


def _damage(error: Exception) -> str:
    """What is wrong with a part, in words, without quoting the file."""
    if isinstance(error, NotImplementedError):
        return "it is stored in a way Word never uses (its zip headers are probably damaged)"
    if isinstance(error, zipfile.BadZipFile):
        return "its zip headers or checksum are damaged"
    if isinstance(error, EOFError):
        return "its compressed data is cut short"
    return "its compressed data is damaged"


class BoundedZip:
    """A zip archive whose parts are decompressed within the size limits.

    Each part is refused on the sizes the zip's directory declares for it, before anything
    is decompressed, and again on the bytes it really expands to, while decompressing,
    because the directory can lie. Parts are decompressed a megabyte at a time: Python's
    zipfile cuts a part whose directory understates it at the stated size (and then fails
    its checksum), but only after decompressing all it was asked for, which for a part
    read whole can be gigabytes. Everything decompressed from one archive counts towards a
    limit for the whole package.
    """

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except NotImplementedError:
            raise _corrupt(
                "its zip directory asks for a zip feature Word never uses (it is probably damaged)"
            ) from None
        except _ZIP_DAMAGE:
            raise _corrupt(
                "it is not a complete zip package (was it fully copied or saved?)"
            ) from None
        self.names = set(self._zip.namelist())
        self._inflated = 0

    def check(self, names: Iterable[str]) -> None:
        """Refuse the package now if the parts `names` declare more than the limits allow."""
        total = self._inflated
        for name in names:
            info = self._declared(name)
            total += info.file_size
            _check_size(name, info, info.file_size, total)

    def read(self, name: str) -> bytes:
        """Read one part, refusing it if it would expand beyond the limits."""
        return b"".join(self.stream(name))

    def stream(self, name: str) -> Iterator[bytes]:
        """Decompress one part a chunk at a time, within the limits."""
        info = self._declared(name)
        _check_size(name, info, info.file_size, self._inflated + info.file_size)
        total = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK_BYTES):
                    total += len(chunk)
                    self._inflated += len(chunk)
                    _check_size(name, info, total, self._inflated)
                    yield chunk
        except ReadError:
            raise
        except _ZIP_DAMAGE as error:
            raise _corrupt(f"the part {name} cannot be decompressed: {_damage(error)}") from None

    def _declared(self, name: str) -> zipfile.ZipInfo:
        """The directory entry of a part that can be read at all."""
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise _corrupt(f"the part {name} is missing") from None
        if info.flag_bits & 0x1:
            raise ReadError(
                ReadErrorCode.ENCRYPTED,
                "the file is password-protected. Remove the password in Word (File > Info > "
                "Protect Document), save a copy, and check that copy.",
            )
        return info


def _check_size(name: str, info: zipfile.ZipInfo, size: int, package: int) -> None:
    """Refuse a part of `size` bytes, or a package of `package` bytes, over the limits."""
    if size > limits.MAX_PART_BYTES:
        raise _too_large(
            f"the part {name} expands to more than {limits.describe_bytes(limits.MAX_PART_BYTES)}"
        )
    if size > limits.RATIO_FLOOR_BYTES and size > limits.MAX_COMPRESSION_RATIO * max(
        info.compress_size, 1
    ):
        raise _too_large(
            f"the part {name} expands to more than {limits.MAX_COMPRESSION_RATIO} times its "
            "compressed size"
        )
    if package > limits.MAX_PACKAGE_BYTES:
        raise _too_large(
            "the parts of the file expand to more than "
            f"{limits.describe_bytes(limits.MAX_PACKAGE_BYTES)} together"
        )


def _too_large(what: str) -> ReadError:
    return ReadError(
        ReadErrorCode.TOO_LARGE,
        f"{what}, far more than any report needs; it was not read, to protect this computer "
        "(it may be a zip bomb). If it is a real report, split it or copy its text into a new "
        "document.",
    )


def _relationships(archive: BoundedZip, rels_name: str) -> dict[str, str]:
    """Map relationship type suffixes (e.g. "/styles") to part names, for one rels part."""
    if rels_name not in archive.names:
        return {}
    root = parse_xml(archive.read(rels_name), rels_name)
    base = posixpath.dirname(posixpath.dirname(rels_name))
    found: dict[str, str] = {}
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        kind = rel.get("Type", "")
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(base, target))
        )
        suffix = kind[kind.rfind("/") :]
        found.setdefault(suffix, name)
    return found


def open_word_package(data: bytes) -> WordPackage:
    """Open a .docx from its bytes, raising `ReadError` with the reason if it is not one."""
    archive = BoundedZip(data)
    main = _relationships(archive, "_rels/.rels").get(_OFFICE_DOCUMENT)
    if main is None or main not in archive.names:
        main = "word/document.xml" if "word/document.xml" in archive.names else None
    if main is None:
        for part, what in _OTHER_PACKAGES.items():
            if part in archive.names:
                raise ReadError(
                    ReadErrorCode.NOT_A_DOCX,
                    f"this is {what}, not a Word document. assesslint reads .docx, .txt and "
                    ".md files.",
                )
        if "mimetype" in archive.names or "content.xml" in archive.names:
            raise ReadError(
                ReadErrorCode.NOT_A_DOCX,
                "this is an OpenDocument file, not a Word document. Open it in Word or "
                "LibreOffice and save it as .docx.",
            )
        raise ReadError(
            ReadErrorCode.NOT_A_DOCX,
            "this is a zip archive but not a Word document (it has no word/document.xml). "
            "assesslint reads .docx, .txt and .md files.",
        )
    document = parse_xml(archive.read(main), main)
    rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    related = _relationships(archive, rels_name)
    styles = _optional_bytes(archive, related.get(_STYLES, "word/styles.xml"))
    numbering = _optional_bytes(archive, related.get(_NUMBERING, "word/numbering.xml"))
    comments = _optional_bytes(archive, related.get(_COMMENTS, "word/comments.xml"))
    return WordPackage(
        document=document,
        styles_data=styles,
        numbering_data=numbering,
        comments=None if comments is None else parse_xml(comments, "word/comments.xml"),
        chunks=_alt_chunks(archive, rels_name),
    )


def _alt_chunks(archive: BoundedZip, rels_name: str) -> dict[str, list[str] | None]:
    """Read the altChunk parts the main part relates to: rId -> paragraphs, or None."""
    if rels_name not in archive.names:
        return {}
    root = parse_xml(archive.read(rels_name), rels_name)
    base = posixpath.dirname(posixpath.dirname(rels_name))
    chunks: dict[str, list[str] | None] = {}
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        kind = rel.get("Type", "")
        rel_id = rel.get("Id")
        target = rel.get("Target", "")
        if not kind.endswith(_ALT_CHUNK) or rel_id is None:
            continue
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(base, target))
        )
        if (
            len(chunks) >= _MAX_CHUNKS
            or rel.get("TargetMode") == "External"
            or name not in archive.names
        ):
            chunks[rel_id] = None
            continue
        chunks[rel_id] = chunk_paragraphs(name, archive.read(name))
    return chunks


# Characters XML cannot hold. A chunk's paragraphs become text in the document's tree, and
# a damaged or binary chunk may carry them; each becomes a space.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def chunk_paragraphs(name: str, data: bytes) -> list[str] | None:
    """The paragraphs of a plain-text or HTML altChunk part, or None for another format."""
    extension = posixpath.splitext(name)[1].lower()
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if extension in (".htm", ".html", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        paragraphs = _html_paragraphs(data)
    elif extension in (".txt", ".text"):
        paragraphs = _text_paragraphs(data)
    else:
        return None  # .mht, .rtf, .docx, .xml: formats Word converts but this reader does not
    cleaned = (_NOT_XML.sub(" ", text).strip() for text in paragraphs)
    return [text for text in cleaned if text]


def _decode(data: bytes) -> str:
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _text_paragraphs(data: bytes) -> list[str]:
    lines = _decode(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.strip() for line in lines if line.strip()]


_HTML_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "caption",
        "address",
    ]
)
_HTML_HIDDEN = frozenset(("script", "style", "head", "title", "template"))


def _html_paragraphs(data: bytes) -> list[str]:
    """The text of an HTML part, one paragraph per innermost block element."""
    parser = html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False
    )
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return []
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _HTML_HIDDEN:
            return
        block = tag.lower() in _HTML_BLOCKS
        if block:
            flush()
        if tag.lower() == "br":
            flush()
        current.append(element.text or "")
        for child in element:
            walk(child)
            current.append(child.tail or "")
        if block:
            flush()

    walk(root)
    flush()
    return paragraphs


def _optional_bytes(archive: BoundedZip, name: str) -> bytes | None:
    return archive.read(name) if name in archive.names else None
