"""When Python's cyclic garbage collector runs in the `assesslint` program.

While spaCy, numpy and the rules load, the collector runs hundreds of times over a heap
that only grows, and frees almost nothing: a tenth of the time of checking one report.
The program pauses it as it starts (`pause`). Once an engine is built, everything made
so far is frozen, so the collector never walks it again, and collection resumes
(`settle`): checking a long list of files still frees what it no longer uses. Used as a
library, assesslint leaves the collector alone, since only the program pauses it.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop collecting until `settle` (if the collector is running)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def settle() -> None:
    """Freeze what exists and collect again, if `pause` stopped collecting."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
