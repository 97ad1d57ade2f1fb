"""Where the built-in data lives: the `rules/` folder of rules, lexicons and section names.

In a wheel the folder is packaged as `assesslint/_rules`; in a source checkout (an editable
install, or the tests) it is the `rules/` folder at the top of the repository. Imports
nothing of ours.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def builtin_rules_dir() -> Path:
    """Return the folder holding the built-in rules, lexicons and `sections.yaml`."""
    package = Path(__file__).resolve().parent
    installed = package / "_rules"
    if installed.is_dir():
        return installed
    checkout = package.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "assesslint's built-in rules are missing from this installation; reinstall assesslint"
    )


def sections_file() -> Path:
    """Return the path of the built-in section names and heading aliases."""
    return builtin_rules_dir() / "sections.yaml"


def areas_file() -> Path:
    """Return the path of the practice areas and grades used by the supervisor's summary."""
    return builtin_rules_dir() / "areas.yaml"
