"""Where a report quotes someone: the spans of text inside quotation marks.

Words in quotation marks are a child's or a parent's own words ("he kicks off when he's
tired"), not the worker's: they are never jargon, never the worker's label or unowned
opinion. Quotation marks are paired within one line, straight or curly, double or single.
A single mark is only a quotation mark where it could not be an apostrophe: an opening one
comes at the start of a word after a space, a bracket or a dash, and a closing one at the
end of a word before a space or punctuation, so "don't", "Leo's" and "the kids' room"
never open or close a quotation. A mark left unpaired quotes nothing. This module imports
nothing from assesslint, so every layer can use it.
"""

from __future__ import annotations

import bisect
import re
import sys

# At most 400 characters: longer than any quoted remark, so a longer "quotation" is a
# stray mark pairing with another.
_DOUBLE = re.compile(r'"[^"\n]{1,400}?"|“[^”“\n]{1,400}?”')
_SINGLE = re.compile(r"(?<![^\s(\[{—–-])['‘](?=\S)[^\n]{1,400}?(?<=\S)['’](?![\w])")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Return the sorted (start, end) spans of quotations in `text`, marks included."""
    if not any(mark in text for mark in "\"“‘'"):
        return []
    spans = [(m.start(), m.end()) for m in _DOUBLE.finditer(text)]
    if "‘" in text or "'" in text:
        taken = list(spans)
        for found in _SINGLE.finditer(text):
            start, end = found.span()
            # A single quotation inside a double one is already covered.
            if not any(s <= start < e for s, e in taken):
                spans.append((start, end))
    return sorted(spans)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Say whether `start`..`end` lies within one of `spans` (as `quotation_spans` gives)."""
    index = bisect.bisect_right(spans, (start, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]
