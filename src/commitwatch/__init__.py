"""commitwatch: what governments committed to in official statements, and when it changed.

The public API is everything named in ``__all__``. Importing the package does no I/O and loads
submodules only when one of their names is first used, so ``commitwatch --version`` stays fast.

Example:
    >>> import commitwatch
    >>> corpus = commitwatch.load_statements(commitwatch.shipped_seeds())
    >>> len(corpus.statements)
    4
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._shipped import shipped_catalog, shipped_seeds
    from .catalog import load_catalog
    from .changelog import build_changelog, track
    from .check import CheckResult, ExampleOutcome, check_catalog
    from .cleaning import CleaningRule, CleaningRules, default_cleaning_rules, load_cleaning_rules
    from .converter import make_converter
    from .errors import CatalogError, CommitwatchError, InputError, Problem, StatementError
    from .matching import Matcher, explain, match
    from .model import (
        Catalog,
        CatalogChange,
        Change,
        ChangeKind,
        Changelog,
        CleaningStep,
        CommitmentInfo,
        CommitmentType,
        Corpus,
        Cue,
        CueMatch,
        Evidence,
        Examples,
        Family,
        MatchExample,
        ModifierLexicon,
        ModifierMatch,
        Modifiers,
        NearMiss,
        NoMatchExample,
        Observation,
        OffsetSegment,
        Party,
        Reading,
        Sentence,
        SentenceExplanation,
        SkippedFile,
        Statement,
        StatementMeta,
        Variant,
        Version,
        WordChange,
    )
    from .statements import load_statement, load_statements

_EXPORTS: dict[str, str] = {
    "shipped_catalog": "._shipped",
    "shipped_seeds": "._shipped",
    "CleaningRule": ".cleaning",
    "CleaningRules": ".cleaning",
    "default_cleaning_rules": ".cleaning",
    "load_cleaning_rules": ".cleaning",
    "make_converter": ".converter",
    "CatalogError": ".errors",
    "CommitwatchError": ".errors",
    "InputError": ".errors",
    "Problem": ".errors",
    "StatementError": ".errors",
    "load_catalog": ".catalog",
    "build_changelog": ".changelog",
    "track": ".changelog",
    "CheckResult": ".check",
    "ExampleOutcome": ".check",
    "check_catalog": ".check",
    "Change": ".model",
    "Changelog": ".model",
    "CommitmentInfo": ".model",
    "Version": ".model",
    "Matcher": ".matching",
    "explain": ".matching",
    "match": ".matching",
    "Catalog": ".model",
    "CatalogChange": ".model",
    "CommitmentType": ".model",
    "Cue": ".model",
    "CueMatch": ".model",
    "Evidence": ".model",
    "Examples": ".model",
    "Family": ".model",
    "MatchExample": ".model",
    "ModifierLexicon": ".model",
    "ModifierMatch": ".model",
    "Modifiers": ".model",
    "NearMiss": ".model",
    "NoMatchExample": ".model",
    "Observation": ".model",
    "Party": ".model",
    "Reading": ".model",
    "SentenceExplanation": ".model",
    "ChangeKind": ".model",
    "CleaningStep": ".model",
    "Corpus": ".model",
    "OffsetSegment": ".model",
    "Sentence": ".model",
    "SkippedFile": ".model",
    "Statement": ".model",
    "StatementMeta": ".model",
    "Variant": ".model",
    "WordChange": ".model",
    "load_statement": ".statements",
    "load_statements": ".statements",
}

__all__ = [
    "Catalog",
    "CatalogChange",
    "CatalogError",
    "Change",
    "ChangeKind",
    "Changelog",
    "CheckResult",
    "CleaningRule",
    "CleaningRules",
    "CleaningStep",
    "CommitmentInfo",
    "CommitmentType",
    "CommitwatchError",
    "Corpus",
    "Cue",
    "CueMatch",
    "Evidence",
    "ExampleOutcome",
    "Examples",
    "Family",
    "InputError",
    "MatchExample",
    "Matcher",
    "ModifierLexicon",
    "ModifierMatch",
    "Modifiers",
    "NearMiss",
    "NoMatchExample",
    "Observation",
    "OffsetSegment",
    "Party",
    "Problem",
    "Reading",
    "Sentence",
    "SentenceExplanation",
    "SkippedFile",
    "Statement",
    "StatementError",
    "StatementMeta",
    "Variant",
    "Version",
    "WordChange",
    "__version__",
    "build_changelog",
    "check_catalog",
    "default_cleaning_rules",
    "explain",
    "load_catalog",
    "load_cleaning_rules",
    "load_statement",
    "load_statements",
    "make_converter",
    "match",
    "shipped_catalog",
    "shipped_seeds",
    "track",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'commitwatch' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
