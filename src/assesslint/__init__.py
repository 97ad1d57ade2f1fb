"""assesslint: a linter for written assessments of children in UK children's social care."""

__version__ = "0.1.0"
