r"""Report text and file names made safe to show on a terminal.

A report or a file name can hold characters that a terminal acts on instead of showing:
ESC and the C1 controls (U+009B is "ESC [" in one character) start sequences that clear
the screen, set the window title or move the cursor; BEL rings; a carriage return goes
back to the start of the line, so what follows overwrites what came before; and the
bidirectional overrides and isolates make a line display in another order than its
characters. Saving output to a file does not help: they act when the file is `cat`-ed.

Every piece of report text or path that goes to a text stream passes through one of these
functions, which show each such character as an escape a reader can see (`\x1b`,
`\u202e`), so a practitioner can tell that something odd is in the report. Backslashes
are left as they are: Windows paths are full of them, and the output is read by people,
not parsed.

- `printable`: a name (a path, a file name) on one line; tabs and line breaks are
  escaped too, because a name with a line break in it is not the name it would look like.
- `printable_prose`: report text on one line (a sentence, a heading, a notice); tabs and
  line breaks are layout, so each becomes a space and the line stays one line.
- `printable_lines`: a message of several lines (a list of configuration mistakes);
  newlines and tabs are kept, everything else is escaped.
- `printable_json`: JSON text keeps every character, in JSON's own escapes. `json.dumps`
  escapes the C0 controls but, with `ensure_ascii=False`, leaves DEL, the C1 controls, the
  separators and the bidirectional controls as they are; this escapes those (`\u009b`).

A non-UTF-8 file name reaches us with its bytes as lone surrogates (U+DC80 to U+DCFF,
Python's "surrogateescape"); they are shown as the bytes they stand for (`\xff`), since
written out as they are they would stop the output with an encoding error, or, with the
bytes restored, put a raw C1 control on the terminal.

Most text has none of these characters, and `str.isprintable` (a loop in C) says so
without looking further; the rest goes through one compiled regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_C0 = range(0x00, 0x20)
_DEL_AND_C1 = range(0x7F, 0xA0)
_LINE_AND_PARAGRAPH_SEPARATORS = (0x2028, 0x2029)
_BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SURROGATES = range(0xD800, 0xE000)
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # surrogateescape's stand-ins for bytes 0x80-0xFF

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Outside strings JSON text has only spaces, tabs and line breaks, so these can be in
# strings only, where a \u escape stands for the same character.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    if code in _ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ALL = {
    chr(code): _escape(code)
    for codes in (_C0, _DEL_AND_C1, _LINE_AND_PARAGRAPH_SEPARATORS, _BIDI_CONTROLS, _SURROGATES)
    for code in codes
}
# Layout in prose, not content: tab, the line breaks and the page break. The rarer breaks
# (NEL, the file and record separators) are escaped, being more likely a sign of damage.
_LAYOUT = "\t\n\x0b\x0c\r\u2028\u2029"
_PROSE = _ALL | dict.fromkeys(_LAYOUT, " ")
_LINES = _ALL | {"\n": "\n", "\t": "\t"}


def _shower(table: dict[str, str]) -> Callable[[re.Match[str]], str]:
    def show(found: re.Match[str]) -> str:
        return table[found.group()]

    return show


_SHOW_ALL, _SHOW_PROSE, _SHOW_LINES = _shower(_ALL), _shower(_PROSE), _shower(_LINES)


def printable(text: str) -> str:
    r"""Show a name (a path) on one line, every control character escaped, `\t` and `\n` too."""
    return text if text.isprintable() else _UNSAFE.sub(_SHOW_ALL, text)


def printable_prose(text: str) -> str:
    """Show report text on one line: tabs and line breaks become spaces, controls escapes."""
    return text if text.isprintable() else _UNSAFE.sub(_SHOW_PROSE, text)


def printable_lines(text: str) -> str:
    """Show a message of several lines: newlines and tabs kept, other controls escaped."""
    return text if text.isprintable() else _UNSAFE.sub(_SHOW_LINES, text)


def _json_escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def printable_json(text: str) -> str:
    """Escape in JSON text what `json.dumps(..., ensure_ascii=False)` leaves raw."""
    # json.dumps escapes every C0 control itself, so ASCII text without DEL has nothing
    # left to escape, and saying so is far quicker than searching it.
    if text.isascii() and "\x7f" not in text:
        return text
    return _UNSAFE_IN_JSON.sub(_json_escape, text)
