"""Decide which .docx paragraphs are headings, however the template marks them.

A heading may be marked by a style (Heading 1-9, a custom style based on one, an outline
level; numbered by a list linked to the style or not), or only by how it looks: bold,
capitals, underline or a larger font than the body text, on a short paragraph of its own.
How a paragraph that only *looks* like a heading is decided (the README's "How headings
are found" says the same for users):

1. it is short (at most ten words, 80 characters), on one line, and does not end as a
   sentence ends (".", ";", ",", "!"); a bullet or numbered list item is not one, except a
   bold numbered label ("2. Family history");
2. every visible character has the look: bold, capitals, underline, or a font at least one
   point larger than the body text's usual size;
3. and it reads as a heading rather than as a sentence someone emphasised: it names a
   section we know (by its words or its shape, "What Ola told me"), or it ends with a
   colon, or it has no sign of a sentence (a subject and a verb: "Mum has not used since
   March" is emphasis, "Family history" is a heading). When the template uses heading
   styles, a paragraph marked only by bold must also name a section we know: such
   templates use bold for emphasis.

A bold label at the start of a paragraph ("Child's views: Ola said ...") is a heading when
it names a section we know, and otherwise a field label for the text after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from assesslint.readers.docx_items import Para, Table

# A styled heading this long is a paragraph someone styled by mistake.
MAX_STYLED_WORDS = 30
# A paragraph marked only by its look counts as a heading only when it is this short.
MAX_LOOK_WORDS = 10
MAX_LOOK_CHARS = 80
# One point larger than the body text (sizes are in half-points).
_LARGER = 2

_WH_START = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:what|why|how|who|where|when|which|if|is|are|does|do|has|have|can)\b",
    re.IGNORECASE,
)
# A subject followed by a finite verb: the mark of a sentence rather than a title.
_SENTENCE = re.compile(
    r"\b(?:i|he|she|they|we|it|you|mum|dad|mother|father|[A-Z][a-z]+)\s+"
    r"(?:(?:has|have|had|is|was|were|will|would|can|could|did|does|do|may|must|should)"
    r"(?:\s+(?:not|never|been|no|also|now|still))?|said|says|told|wants|wanted|feels|felt"
    r"|went|goes|likes|loves|needs|attends|attended)\b"
)
_RELATIVES = frozenset({"that", "which", "who", "what", "how", "why", "when", "where", "if"})


class HeadingKind(Enum):
    """How a paragraph was recognised as a heading (shown by `dump`)."""

    STYLE = "style"
    NUMBERED_STYLE = "numbered style"
    BOLD = "bold"
    CAPITALS = "capitals"
    LARGER = "larger font"
    UNDERLINE = "underline"
    LABEL = "bold label"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A heading decision: how it was marked, and its level when the file states one."""

    kind: HeadingKind
    level: int | None


def body_size(items: Iterable[Para | Table]) -> int | None:
    """The font size most of the body text is set in (half-points), by characters."""
    sizes: Counter[int] = Counter()
    for para in _paragraphs(items):
        if para.look.size is not None and para.styled_level is None:
            sizes[para.look.size] += len(para.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _paragraphs(items: Iterable[Para | Table]) -> Iterable[Para]:
    for item in items:
        if isinstance(item, Para):
            yield item
        else:
            for row in item.rows:
                for cell in row.cells:
                    yield from _paragraphs(cell.items)


def reads_as_sentence(text: str) -> bool:
    """Say whether short text reads as a sentence (a subject and a verb), not a title."""
    if _WH_START.match(text):
        return False
    for match in _SENTENCE.finditer(text):
        before = text[: match.start()].split()
        # "Harm that has happened", "Things which are going well": a relative clause
        # inside a title.
        if before and before[-1].lower() in _RELATIVES:
            continue
        return True
    return False


def _caps(para: Para) -> bool:
    letters = [ch for ch in para.text if ch.isalpha()]
    if len(letters) < 3:
        return False
    return para.look.caps or "".join(letters).isupper()


class HeadingJudge:
    """Decides headings for one document, knowing its body size and whether it has styles."""

    def __init__(
        self,
        has_styled_headings: bool,
        size: int | None,
        names_section: Callable[[str], bool],
    ) -> None:
        self.has_styled_headings = has_styled_headings
        self.size = size
        self.names_section = names_section

    def judge(self, para: Para, in_table: bool) -> Verdict | None:
        """Return how `para` is a heading, or None when it is not one."""
        words = len(para.text.split())
        if para.styled_level is not None and words <= MAX_STYLED_WORDS:
            styled = HeadingKind.NUMBERED_STYLE if para.numbered else HeadingKind.STYLE
            return Verdict(styled, para.styled_level)
        if not self._short(para, in_table):
            return None
        kind = self._look(para)
        if kind is None:
            return None
        known = self.names_section(para.text)
        if known:
            return Verdict(kind, None)
        if in_table:
            return None
        if kind is HeadingKind.BOLD and self.has_styled_headings:
            return None
        if para.text.endswith(":") or not reads_as_sentence(para.text.rstrip(":")):
            return Verdict(kind, None)
        return None

    def _short(self, para: Para, in_table: bool) -> bool:
        text = para.text
        if "\n" in text or text.endswith((".", ";", ",", "!")):
            return False
        if len(text.split()) > MAX_LOOK_WORDS or len(text) > MAX_LOOK_CHARS:
            return False
        return not para.is_list or (para.look.bold and not in_table)

    def _look(self, para: Para) -> HeadingKind | None:
        look = para.look
        if self.size is not None and look.size is not None and look.size >= self.size + _LARGER:
            return HeadingKind.LARGER
        if _caps(para):
            return HeadingKind.CAPITALS
        if look.bold:
            return HeadingKind.BOLD
        if look.underline:
            return HeadingKind.UNDERLINE
        if para.text.endswith(":") and self.names_section(para.text):
            # An un-bolded "Child's views:" on its own line still names a section.
            return HeadingKind.LABEL
        return None

    def lead_label(self, para: Para) -> tuple[str, int] | None:
        """The bold "Label:" a paragraph starts with and where it ends in `raw`, or None."""
        end = para.look.lead_bold
        if not end:
            return None
        label = para.raw[:end].strip()
        if not label or len(label.split()) > MAX_LOOK_WORDS or "\n" in label:
            return None
        return label, end
