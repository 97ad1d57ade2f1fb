"""assesslint: a linter for written assessments of children in UK children's social care.

`check_file` and `check_text` (see `assesslint.api`) check one report from Python. They
are imported on first use, so that `assesslint --help` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check_file", "check_text"]

if TYPE_CHECKING:
    from assesslint.api import check_file, check_text


def __getattr__(name: str) -> Any:
    if name in {"check_file", "check_text"}:
        from assesslint import api

        return getattr(api, name)
    raise AttributeError(f"module 'assesslint' has no attribute {name!r}")
