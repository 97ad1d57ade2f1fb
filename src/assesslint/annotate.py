"""`assesslint annotate`: a reviewed copy of a .docx, with a Word comment on each finding.

The report is read twice from the same bytes: once by our reader on its own parse (to
check it is safe to open), and once on python-docx's parse, which is the tree we edit and
save, so that every block knows which `w:p` and which `w:t` its text came from. A
finding's words are anchored exactly: a run is split where the words start or end inside
it, and the new run gets a copy of every formatting property. Comment markers go beside
the runs wherever they are (a table cell, a content control, a tracked insertion).

A finding about a section is a comment on its heading. Findings about the whole report,
and any that cannot be anchored exactly (words running across a field, say), go into one
summary comment on the first paragraph, with the counts per rule. The report's text is
never changed; existing comments are kept.

python-docx decompresses every part of a package whole, pictures included, so it is never
given the report itself: it gets a copy whose XML parts are read within the reader's
limits (`BoundedZip`) and whose other parts (pictures, fonts, embedded files) are stand-ins.
Once the comments are in, those parts are copied from the report into the reviewed copy a
chunk at a time, within the same limits.
"""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree

from assesslint.models import Finding, ReadError, ReadErrorCode, Severity
from assesslint.readers import read_bytes
from assesslint.readers.docx import ParagraphAnchor, paragraph_pieces, read_docx_tree
from assesslint.readers.package import BoundedZip, WordPackage, open_word_package, parse_xml

if TYPE_CHECKING:
    from assesslint.engine import Engine, Selection
    from assesslint.readers.sections import SectionMap

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Annotated:
    """The reviewed copy and what went into it."""

    data: bytes
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    on_words: int
    on_headings: int
    not_exact: int


def annotate(
    data: bytes,
    path: str,
    sections: SectionMap,
    engine: Engine,
    selection: Selection,
    author: str = "assesslint",
    initials: str = "AL",
) -> Annotated:
    """Return a copy of the .docx in `data` with a comment on each finding."""
    import docx

    # Our reader first: it names what is wrong with a damaged, encrypted or legacy file,
    # and applies the size and zip-bomb limits before python-docx opens anything.
    expected = read_bytes(data, path, sections, suffix=".docx")
    package = open_word_package(data)
    archive = BoundedZip(data)
    kept = _parts_kept_aside(archive)
    skeleton = _skeleton(archive, kept)
    try:
        word = docx.Document(io.BytesIO(skeleton))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise ReadError(
            ReadErrorCode.CORRUPT,
            f"the file could be checked but not annotated ({type(error).__name__}); open "
            "it in Word, save it again and retry, or use `assesslint check`.",
        ) from None
    document, anchors = read_docx_tree(word.element, package, path, sections)
    if document.text != expected.text:
        raise ReadError(
            ReadErrorCode.CORRUPT,
            "the file could be checked but not annotated safely (two readings of it "
            "differ); use `assesslint check` instead.",
        )
    findings, suppressed = engine.check_with_suppressed(document, selection)
    writer = _CommentWriter(word, package, author, initials)
    on_words = on_headings = 0
    left_over: list[Finding] = []
    # Last first: splitting runs later in a paragraph never moves earlier words.
    for finding in sorted(findings, key=lambda f: f.sort_key, reverse=True):
        block = finding.location.block
        anchor = anchors.get(block) if block is not None else None
        if anchor is None:
            left_over.append(finding)
            continue
        if finding.location.start is None or finding.location.end is None or anchor.whole:
            runs = writer.whole_paragraph(anchor)
            on_headings += runs is not None
        else:
            runs = writer.exact(anchor, finding.location.start, finding.location.end)
            on_words += runs is not None
        if runs is None:
            left_over.append(finding)
            continue
        writer.comment(
            runs, [finding.message, *([finding.suggestion] if finding.suggestion else [])]
        )
    not_exact = sum(1 for f in left_over if f.location.block is not None)
    if findings:
        first = anchors[min(anchors)] if anchors else None
        runs = writer.whole_paragraph(first) if first is not None else None
        if runs is not None:
            writer.comment(runs, _summary(findings, sorted(left_over, key=lambda f: f.sort_key)))
    output = io.BytesIO()
    word.save(output)
    return Annotated(
        data=_with_parts_put_back(output.getvalue(), archive, kept),
        findings=tuple(findings),
        suppressed=tuple(suppressed),
        on_words=on_words,
        on_headings=on_headings,
        not_exact=not_exact,
    )


_CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# What python-docx holds for a part kept aside until the reviewed copy is written.
_STAND_IN = b"assesslint: this part is copied from the report when the copy is saved"


def _parts_kept_aside(archive: BoundedZip) -> frozenset[str]:
    """The parts python-docx need not decompress: those whose content type is not XML.

    python-docx parses only XML parts; pictures, fonts and embedded files it carries as
    bytes. Their sizes are checked against the limits here, before any work is done.
    """
    if _CONTENT_TYPES not in archive.names:
        return frozenset()
    root = parse_xml(archive.read(_CONTENT_TYPES), _CONTENT_TYPES)
    defaults = {
        (entry.get("Extension") or "").lower(): entry.get("ContentType") or ""
        for entry in root.iter(f"{{{_TYPES_NS}}}Default")
    }
    overrides = {
        (entry.get("PartName") or "").lower(): entry.get("ContentType") or ""
        for entry in root.iter(f"{{{_TYPES_NS}}}Override")
    }
    kept = set()
    for name in archive.names:
        if name == _CONTENT_TYPES or name.endswith("/"):
            continue
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        content_type = overrides.get(f"/{name}".lower(), defaults.get(extension))
        if content_type is not None and not content_type.lower().endswith("xml"):
            kept.add(name)
    archive.check(kept)
    return frozenset(kept)


def _skeleton(archive: BoundedZip, kept: frozenset[str]) -> bytes:
    """The package python-docx opens: XML parts read within the limits, stand-ins for the rest."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as skeleton:
        for name in sorted(archive.names):
            if not name.endswith("/"):
                skeleton.writestr(name, _STAND_IN if name in kept else archive.read(name))
    return buffer.getvalue()


def _with_parts_put_back(saved: bytes, archive: BoundedZip, kept: frozenset[str]) -> bytes:
    """python-docx's saved package, with the report's own parts in place of the stand-ins."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            written = source.read(info)
            copied = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copied.compress_type = zipfile.ZIP_DEFLATED
            copied.external_attr = info.external_attr
            if info.filename in kept and written == _STAND_IN:
                with target.open(copied, "w") as stream:
                    for chunk in archive.stream(info.filename):
                        stream.write(chunk)
            else:
                target.writestr(copied, written)
    return buffer.getvalue()


def _summary(findings: Sequence[Finding], left_over: Sequence[Finding]) -> list[str]:
    severities = Counter(f.severity for f in findings)
    counts = ", ".join(
        f"{severities[s]} {s.value}{'s' if severities[s] != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if severities[s]
    )
    lines = [f"assesslint found {len(findings)} things to look at in this report ({counts})."]
    rules = Counter(f.rule for f in findings)
    lines += [
        f"{rule}: {count}" for rule, count in sorted(rules.items(), key=lambda i: (-i[1], i[0]))
    ]
    whole = [f for f in left_over if f.location.block is None]
    if whole:
        lines.append("About the whole report:")
        lines += [f"• {f.message} {f.suggestion or ''}".rstrip() for f in whole]
    inexact = [f for f in left_over if f.location.block is not None]
    if inexact:
        lines.append("These could not be placed on the exact words:")
        lines += [
            f"• {f.section or 'Before the first heading'}, {f.location.where}: {f.message}"
            for f in inexact
        ]
    return lines


class _CommentWriter:
    """Split runs, place comment markers and write comments into python-docx's tree."""

    def __init__(self, word: Any, package: WordPackage, author: str, initials: str) -> None:
        self.word = word
        self.package = package
        self.author = author
        self.initials = initials
        self.w = etree.QName(word.element).namespace

    def t(self, name: str) -> str:
        return f"{{{self.w}}}{name}"

    # --- finding the runs -----------------------------------------------------------

    def whole_paragraph(self, anchor: ParagraphAnchor) -> tuple[Any, Any] | None:
        _, pieces = paragraph_pieces(anchor.paragraph, self.package)
        runs = [self._run_of(p.element) for p in pieces if p.element is not None]
        runs = [r for r in runs if r is not None]
        return (runs[0], runs[-1]) if runs else None

    def exact(self, anchor: ParagraphAnchor, start: int, end: int) -> tuple[Any, Any] | None:
        first, last = start + anchor.lead, end + anchor.lead
        paragraph = anchor.paragraph
        _, pieces = paragraph_pieces(paragraph, self.package)
        covered = [p for p in pieces if p.end > first and p.start < last]
        if not covered or any(
            p.element is None or self._run_of(p.element) is None for p in covered
        ):
            return None
        if self._crosses_field(covered[0].element, covered[-1].element, paragraph):
            return None
        tail = covered[-1]
        if last < tail.end:
            self._split(tail.element, last - tail.start)
        _, pieces = paragraph_pieces(paragraph, self.package)
        head = next(p for p in pieces if p.end > first)
        self._split(head.element, first - head.start)
        _, pieces = paragraph_pieces(paragraph, self.package)
        starting = next((p for p in pieces if p.start == first), None)
        ending = next((p for p in pieces if p.end == last), None)
        if starting is None or ending is None:
            return None
        return self._run_of(starting.element), self._run_of(ending.element)

    def _run_of(self, element: Any) -> Any:
        parent = element.getparent() if element is not None else None
        return parent if parent is not None and parent.tag == self.t("r") else None

    def _crosses_field(self, first: Any, last: Any, paragraph: Any) -> bool:
        inside = False
        for element in paragraph.iter():
            if element is first:
                inside = True
            if inside and element.tag in (self.t("fldChar"), self.t("instrText")):
                return True
            if element is last:
                return False
        return False

    def _split(self, element: Any, offset: int) -> None:
        """Split the run holding `element` so that a new run starts at `offset` in it."""
        run = element.getparent()
        content = [child for child in run if child.tag != self.t("rPr")]
        index = content.index(element)
        text = element.text or "" if element.tag == self.t("t") else ""
        moving: list[Any]
        if element.tag == self.t("t") and 0 < offset < len(text):
            rest = element.makeelement(element.tag, {_XML_SPACE: "preserve"})
            rest.text = text[offset:]
            element.text = text[:offset]
            element.set(_XML_SPACE, "preserve")
            moving = [rest, *content[index + 1 :]]
        elif offset <= 0:
            if index == 0:
                return  # the run already starts here
            moving = content[index:]
        else:
            moving = content[index + 1 :]
            if not moving:
                return  # the run already ends here
        new_run = run.makeelement(run.tag, dict(run.attrib))
        properties = run.find(self.t("rPr"))
        if properties is not None:
            new_run.append(copy.deepcopy(properties))
        for child in moving:
            new_run.append(child)  # lxml moves the element out of the old run
        run.addnext(new_run)

    # --- writing the comment ---------------------------------------------------------

    def comment(self, runs: tuple[Any, Any], paragraphs: Sequence[str]) -> None:
        first, last = runs
        try:
            comment = self.word.comments.add_comment(
                text=paragraphs[0], author=self.author, initials=self.initials
            )
        except (ValueError, TypeError, AttributeError, KeyError):
            # python-docx reads the report's own comments part here (to number the new
            # comment after the old ones); these are what it raises when that part is
            # damaged: a root that is not a comments list, an id that is not a number.
            raise ReadError(
                ReadErrorCode.CORRUPT,
                "the file could be checked but not annotated: its comments part "
                "(word/comments.xml) is damaged. Open it in Word, which can often repair "
                "it, save it again and retry, or use `assesslint check`.",
            ) from None
        for text in paragraphs[1:]:
            comment.add_paragraph(text)
        number = str(comment.comment_id)
        start = first.makeelement(self.t("commentRangeStart"), {self.t("id"): number})
        first.addprevious(start)
        end = last.makeelement(self.t("commentRangeEnd"), {self.t("id"): number})
        last.addnext(end)
        reference = last.makeelement(self.t("r"), {})
        properties = etree.SubElement(reference, self.t("rPr"))
        etree.SubElement(properties, self.t("rStyle"), {self.t("val"): "CommentReference"})
        etree.SubElement(reference, self.t("commentReference"), {self.t("id"): number})
        end.addnext(reference)
