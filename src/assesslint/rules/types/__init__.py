"""The rule types, one module each. A rule's `type:` names one of them."""

from __future__ import annotations

from assesslint.rules.types import conditional, coverage, items, metric, terms
from assesslint.rules.types.base import Checker, Hit, RuleType

RULE_TYPES: dict[str, RuleType] = {
    module.TYPE.name: module.TYPE for module in (terms, conditional, coverage, items, metric)
}

__all__ = ["RULE_TYPES", "Checker", "Hit", "RuleType"]
