"""What Word shows beyond plain run text: symbols, form fields and embedded parts.

Symbols are `w:sym`, form fields legacy drop-downs and check boxes, embedded parts the
HTML or plain text of an altChunk.
"""

from __future__ import annotations

from assesslint.models import Document
from assesslint.readers import read_bytes
from assesslint.readers.docx_items import Para
from assesslint.readers.docx_styles import StyleSheet
from assesslint.readers.docx_text import symbol_text
from assesslint.readers.docx_walk import Walker
from assesslint.readers.package import chunk_paragraphs, open_word_package
from assesslint.readers.sections import SectionMap

from docx_factory import CONTENT_TYPES, NS, W, docx_with_document_xml, p, r, zip_bytes
from helpers import assert_spans_consistent


def _document(*blocks: str) -> str:
    return f"<w:document {NS}><w:body>{''.join(blocks)}</w:body></w:document>"


def _read(sections: SectionMap, *blocks: str) -> Document:
    document = read_bytes(
        docx_with_document_xml(_document(*blocks)), "t.docx", sections, suffix=".docx"
    )
    assert_spans_consistent(document)
    return document


def _texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


def _sym(char: str, font: str = "Wingdings") -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def _field(instruction: str, *, ff_data: str = "", result: str | None = None) -> str:
    begin = f'<w:r><w:fldChar w:fldCharType="begin">{ff_data}</w:fldChar></w:r>'
    code = f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
    separate = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' if result is not None else ""
    shown = r(result) if result else ""
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    return begin + code + separate + shown + end


def _dropdown(entries: list[str], result: int | None = None, default: int | None = None) -> str:
    inner = "".join(f'<w:listEntry w:val="{entry}"/>' for entry in entries)
    if result is not None:
        inner = f'<w:result w:val="{result}"/>' + inner
    if default is not None:
        inner = f'<w:default w:val="{default}"/>' + inner
    return f'<w:ffData><w:name w:val="Drop1"/><w:ddList>{inner}</w:ddList></w:ffData>'


def _checkbox(inner: str) -> str:
    return (
        '<w:ffData><w:name w:val="Check1"/><w:checkBox><w:sizeAuto/>'
        f"{inner}</w:checkBox></w:ffData>"
    )


# --- w:sym ------------------------------------------------------------------------------


def test_wingdings_tick_and_cross_read_as_shown(sections: SectionMap) -> None:
    document = _read(
        sections,
        p(r("Home visit completed "), _sym("F0FC")),
        p(r("School contacted "), _sym("F0FB")),
        p(_sym("F0A8"), r(" Health visitor"), _sym("F0FD", "Wingdings"), r(" GP")),
    )
    assert _texts(document) == [
        "Home visit completed ✓",
        "School contacted ✗",
        "☐ Health visitor☒ GP",
    ]


def test_sym_pieces_point_at_the_sym_element(sections: SectionMap) -> None:
    xml = _document(p(r("Seen alone "), _sym("F0FC")))
    package = open_word_package(docx_with_document_xml(xml))
    walker = Walker(W, StyleSheet(W, None, None))
    body = package.document.find(f"{{{W}}}body")
    assert body is not None
    (para,) = walker.container(body, 0)
    assert isinstance(para, Para)
    assert para.raw == "Seen alone ✓"
    last = para.pieces[-1]
    assert (last.start, last.end) == (11, 12)
    assert last.element is not None and last.element.tag == f"{{{W}}}sym"


def test_symbol_text_other_codes() -> None:
    assert symbol_text("Wingdings", "FC") == "✓"  # without the F0 prefix
    assert symbol_text("Wingdings", "F06F") == "☐"
    assert symbol_text("Wingdings", "F078") == "☒"
    assert symbol_text("Wingdings 2", "F050") == "✓"
    assert symbol_text("Symbol", "F0B7") == "•"
    assert symbol_text("Arial", "F041") == "A"  # private-use value minus 0xF000
    assert symbol_text("MS Gothic", "2612") == "☒"  # a real Unicode character
    assert symbol_text("Wingdings", "F00A") == ""  # a control character
    assert symbol_text("Wingdings", "zz") == ""
    assert symbol_text(None, None) == ""


def test_sym_in_a_field_code_is_not_shown(sections: SectionMap) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> SYMBOL 252 </w:instrText></w:r>'
        + _sym("F0FC")
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("done")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert _texts(_read(sections, p(r("Visit: "), field))) == ["Visit: done"]


# --- legacy form fields -------------------------------------------------------------------


def test_form_dropdown_shows_selected_entry(sections: SectionMap) -> None:
    entries = ["Not known", "Yes", "No"]
    document = _read(
        sections,
        p(r("Child seen: "), _field("FORMDROPDOWN", ff_data=_dropdown(entries, result=1))),
        p(r("Child seen alone: "), _field("FORMDROPDOWN", ff_data=_dropdown(entries, default=2))),
        p(r("Parent present: "), _field("FORMDROPDOWN", ff_data=_dropdown(entries))),
        p(r("Out of range: "), _field("FORMDROPDOWN", ff_data=_dropdown(entries, result=9))),
    )
    assert _texts(document) == [
        "Child seen: Yes",
        "Child seen alone: No",
        "Parent present: Not known",
        "Out of range: Not known",
    ]


def test_form_dropdown_result_runs_are_not_doubled(sections: SectionMap) -> None:
    field = _field("FORMDROPDOWN", ff_data=_dropdown(["Yes", "No"], result=1), result="No")
    assert _texts(_read(sections, p(r("Child seen: "), field))) == ["Child seen: No"]


def test_form_checkbox_checked_and_unchecked(sections: SectionMap) -> None:
    document = _read(
        sections,
        p(_field("FORMCHECKBOX", ff_data=_checkbox("<w:checked/>")), r(" Child seen alone")),
        p(_field("FORMCHECKBOX", ff_data=_checkbox('<w:default w:val="1"/>')), r(" Home visit")),
        p(_field("FORMCHECKBOX", ff_data=_checkbox('<w:default w:val="0"/>')), r(" School")),
        p(
            _field(
                "FORMCHECKBOX",
                ff_data=_checkbox('<w:default w:val="1"/><w:checked w:val="0"/>'),
            ),
            r(" Nursery"),
        ),
    )
    assert _texts(document) == [
        "☒ Child seen alone",
        "☒ Home visit",
        "☐ School",
        "☐ Nursery",
    ]


def test_form_text_still_reads_its_result(sections: SectionMap) -> None:
    ff_data = '<w:ffData><w:name w:val="Text1"/><w:textInput/></w:ffData>'
    field = _field("FORMTEXT", ff_data=ff_data, result="Sam Example")
    assert _texts(_read(sections, p(r("Name: "), field))) == ["Name: Sam Example"]


def test_form_field_nested_in_a_field_code_is_not_shown(sections: SectionMap) -> None:
    inner = _field("FORMCHECKBOX", ff_data=_checkbox("<w:checked/>"))
    outer = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        + inner
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("shown")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert _texts(_read(sections, p(r("Result: "), outer))) == ["Result: shown"]


def test_form_field_text_has_no_element() -> None:
    xml = _document(p(r("Seen: "), _field("FORMCHECKBOX", ff_data=_checkbox("<w:checked/>"))))
    package = open_word_package(docx_with_document_xml(xml))
    walker = Walker(W, StyleSheet(W, None, None))
    body = package.document.find(f"{{{W}}}body")
    assert body is not None
    (para,) = walker.container(body, 0)
    assert isinstance(para, Para)
    assert para.raw == "Seen: ☒"
    assert para.pieces[-1].element is None
    assert (para.pieces[-1].start, para.pieces[-1].end) == (6, 7)


# --- altChunk -----------------------------------------------------------------------------

_RELS = (
    '<?xml version="1.0"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{rels}</Relationships>"
)
_AFCHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def _chunked_docx(body: str, parts: dict[str, bytes]) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_AFCHUNK}" Target="{name}"/>'
        for n, name in enumerate(parts, start=1)
    )
    files: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": _document(body),
        "word/_rels/document.xml.rels": _RELS.format(rels=rels),
    }
    files.update({f"word/{name}": data for name, data in parts.items()})
    return zip_bytes(files)


def _walk(data: bytes) -> tuple[list[str], list[str]]:
    """Read the body as read_docx_tree does once it hands the package's chunks on."""
    package = open_word_package(data)
    walker = Walker(W, StyleSheet(W, None, None))
    walker.chunks = package.chunks
    body = package.document.find(f"{{{W}}}body")
    assert body is not None
    items = walker.container(body, 0)
    return [item.raw for item in items if isinstance(item, Para)], walker.notices


def _chunk(n: int) -> str:
    return f'<w:altChunk r:id="rId{n}"/>'


_HTML = (
    b"<html><head><title>Export</title><style>p {color: red}</style></head><body>"
    b"<h1>Child&#8217;s views</h1><p>Sam said <b>school</b> is\n  fun.</p>"
    b"<ul><li>Likes football</li><li>Has a dog</li></ul>"
    b"<div>Line one<br>Line two</div></body></html>"
)


def test_alt_chunks_html_and_text_read_as_paragraphs() -> None:
    data = _chunked_docx(
        p("Before") + _chunk(1) + p("Between") + _chunk(2) + p("After"),
        {"chunk1.html": _HTML, "chunk2.txt": "\ufeffFirst line\r\n\r\nSecond line\n".encode()},
    )
    texts, notices = _walk(data)
    assert texts == [
        "Before",
        "Child’s views",
        "Sam said school is fun.",
        "Likes football",
        "Has a dog",
        "Line one",
        "Line two",
        "Between",
        "First line",
        "Second line",
        "After",
    ]
    assert notices == []


def test_alt_chunk_mht_gives_a_notice() -> None:
    data = _chunked_docx(
        p("Before") + _chunk(1) + _chunk(2) + p("After"),
        {"chunk1.mht": b"MIME-Version: 1.0\r\n\r\nhidden", "chunk2.rtf": b"{\\rtf1 x}"},
    )
    texts, notices = _walk(data)
    assert texts == ["Before", "After"]
    assert len(notices) == 1 and "altChunk" in notices[0]


def test_alt_chunk_with_a_missing_part_gives_a_notice() -> None:
    xml = _document(p("Before") + _chunk(7))
    texts, notices = _walk(docx_with_document_xml(xml))
    assert texts == ["Before"]
    assert len(notices) == 1


def test_chunk_paragraphs_by_kind() -> None:
    assert chunk_paragraphs("a.htm", b"<p>One</p><p>  </p><p>Two</p>") == ["One", "Two"]
    assert chunk_paragraphs("a.bin", b"<!DOCTYPE html><html><body>Hi</body></html>") == ["Hi"]
    assert chunk_paragraphs("a.txt", "Caf\u00e9".encode("cp1252")) == ["Caf\u00e9"]
    assert chunk_paragraphs("a.txt", "\ufeffA\nB".encode("utf-16-le")) == ["A", "B"]
    assert chunk_paragraphs("a.mht", b"anything") is None
    assert chunk_paragraphs("a.html", b"") == []
