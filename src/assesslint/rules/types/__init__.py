"""The rule types, one module each. A rule's `type:` names one of them."""

from __future__ import annotations

from assesslint.rules.types import claims, conditional, coverage, items, metric, terms
from assesslint.rules.types.base import Checker, Hit, RuleType
from assesslint.rules.types.men import TYPE as MEN_TYPE

RULE_TYPES: dict[str, RuleType] = {
    module.TYPE.name: module.TYPE
    for module in (terms, conditional, coverage, items, metric, claims)
}
RULE_TYPES[MEN_TYPE.name] = MEN_TYPE

__all__ = ["RULE_TYPES", "Checker", "Hit", "RuleType"]
