"""What a section holds, for naming a section whose heading we do not know.

A views section may be headed "Tomasz" or "In his own time"; an analysis may sit under
"Putting it together". Before a rule reports such a section as missing, the builder asks
here whether an unrecognised section plainly *is* one: most of its paragraphs give the
child's words or what the worker saw of the child, or reason about causes and their
impact on the child.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assesslint.readers.people import People, Role

_SPEECH = (
    r"said|says|told|tells|explained|described|drew|draws|wrote|writes|shared|asked|"
    r"wants|wanted|wishes|likes|liked|enjoys|enjoyed|loves|loved|misses|worries|"
    r"smiled|smiles|laughed|laughs|cried|cries|played|plays|showed|shows|babbled|babbles|"
    r"pointed|reached|chose|hid|ran|clung|settled|responded|reacted|looked|gazed|"
    r"(?:was|is) (?:observed|seen|heard|happy|quiet|upset|withdrawn|chatty|smiling)|"
    r"does not like|doesn't like|feels|felt|thinks|thought|said that|told me|told us"
)
_GENERIC_CHILD = r"(?:the (?:child|baby|children|young person)|he|she|they)"
_CHILD_WORD = re.compile(r"\b(?:the (?:child|baby|children|young person)|him|her|he|she)\b", re.I)
_SEEN = re.compile(r"\b(?:i|we) (?:saw|observed|watched|noticed|heard|met)\b", re.IGNORECASE)
_ANALYSIS = re.compile(
    r"\b(?:because|as a result|this means|which means|means that|the impact (?:of|on)|"
    r"impact(?:s|ed)? on|has led to|led to|is likely to|are likely to|due to|caused by|"
    r"the reason|underlying|keeps? (?:\w+ )?going|maintain(?:s|ed|ing)?|in my (?:view|"
    r"opinion|assessment)|my assessment is|i (?:think|believe|am worried|am concerned)|"
    r"the risk (?:is|to)|at risk of|if .{3,60}? then|therefore|so that)\b",
    re.IGNORECASE,
)

# How much of a section must read as views, or as analysis, to call it one.
_MIN_BLOCKS = 1
_MIN_SHARE = 0.5
_MIN_ANALYSIS_CUES = 3


def _child_pattern(people: People) -> re.Pattern[str]:
    names = [re.escape(name) for name in people.names(Role.CHILD)]
    who = "|".join([*names, _GENERIC_CHILD])
    return re.compile(rf"\b(?:{who})\b(?:'s)?\s+(?:\w+\s+)?(?:{_SPEECH})\b", re.IGNORECASE)


def child_voice_share(texts: Sequence[str], people: People) -> tuple[int, float]:
    """How many of a section's blocks give the child's words or what was seen of them."""
    if not texts:
        return 0, 0.0
    child = _child_pattern(people)
    names = people.names(Role.CHILD)
    count = 0
    for text in texts:
        lowered = text.lower()
        # "I saw Tomasz ...": seeing counts only when it is the child who was seen.
        seen_child = _SEEN.search(text) is not None and (
            any(name in lowered for name in names)
            if names
            else _CHILD_WORD.search(text) is not None
        )
        if seen_child or child.search(text):
            count += 1
    return count, count / len(texts)


def reads_as_child_voice(texts: Sequence[str], people: People) -> int:
    """A score (blocks that count) when a section is plainly the child's views, else 0."""
    count, share = child_voice_share(texts, people)
    return count if count >= _MIN_BLOCKS and share >= _MIN_SHARE else 0


def reads_as_analysis(texts: Sequence[str]) -> int:
    """A score (reasoning cues) when a section plainly analyses, else 0."""
    cues = sum(len(_ANALYSIS.findall(text)) for text in texts)
    blocks = sum(1 for text in texts if _ANALYSIS.search(text))
    return cues if cues >= _MIN_ANALYSIS_CUES and blocks >= min(2, len(texts)) else 0


# What marks a person as one of the children: a young age, school or nursery, and the
# family around them ("his sister", "her mum").
_CHILD_CUE = re.compile(
    r"\b(?:aged?\s+\d|\d{1,2}\s+months?|\d{1,2}-year-old|two-year check|"
    r"(?:his|her|their) (?:mum|mummy|dad|daddy|mother|father|sister|brother|siblings?|"
    r"nursery|school|teacher|class|cot|bottle|nappy|toys?)|nursery|reception class|"
    r"year \d{1,2}\b|primary school|too young)",
    re.IGNORECASE,
)
_MIN_CHILD_CUES = 2


def reads_as_about_a_child(texts: Sequence[str]) -> bool:
    """Say whether a section describes one of the children (age, school, family)."""
    return sum(len(_CHILD_CUE.findall(text)) for text in texts) >= _MIN_CHILD_CUES
