"""commitwatch: what governments committed to in official statements, and when it changed.

This module is the contract: everything a user calls or holds is named in ``__all__``.

The verbs, in the order data flows (statements -> readings -> changelog -> text):

- ``load_statements`` / ``load_statement``: files -> cleaned, dated :class:`Statement` objects
  (a :class:`Corpus`); ``load_catalog``: a catalog folder -> a validated :class:`Catalog`;
  ``check_catalog`` runs its examples.
- ``match`` / ``explain``: one statement -> its :class:`Reading` (or how each sentence was read);
  a :class:`Matcher` reads many statements with one compiled catalog.
- ``track``: a corpus in memory -> its :class:`Changelog`; ``stream``: statement files of any
  number -> the same changelog, one version at a time, on every core; ``select`` narrows one.
- ``render_markdown``, ``render_html``, ``render_json``, ``render_timeline``: a changelog -> text;
  ``render_history``: one commitment's life as Markdown.
- ``diff_catalogs``: what a catalog edit changes in the reading of the same statements;
  ``regression_data``: a changelog laid out for regression files.
- ``evaluate``: a reading measured against a careful reader's annotations (``load_gold``
  reads them): per family precision and recall, level and holder agreement, change events.
- ``make_converter``: the cattrs converter for JSON; ``read_json`` reads a report's JSON back.

The rooms behind them: ``commitwatch.load`` (files -> statements), ``commitwatch.catalog``
(YAML -> catalog), ``commitwatch.matching`` (statement -> reading), ``commitwatch.compare``
(readings -> changelog; the diff), ``commitwatch.render`` (changelog -> text),
``commitwatch.run`` (the run: streaming, spilling, worker processes), ``commitwatch.cli``
(the command line), with the nouns in ``commitwatch.model``.

Importing the package reads no file and loads submodules only when one of their names is
first used, so ``commitwatch --version`` stays fast. It does one thing besides: it registers a
finder, consulted after all others, that makes an import of a module of an earlier layout
(``commitwatch.matching``, ``commitwatch.pipeline``, ...) fail with a message naming the new place.

Example:
    >>> import commitwatch
    >>> corpus = commitwatch.load_statements(commitwatch.shipped_seeds())
    >>> len(corpus.statements)
    4
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from ._moved import MovedModules
from ._version import __version__

if TYPE_CHECKING:
    from ._shipped import shipped_catalog, shipped_seeds
    from .catalog import CheckResult, ExampleOutcome, check_catalog, load_catalog
    from .compare import CatalogDiff, DiffEntry, build_changelog, regression_data, select
    from .converter import make_converter
    from .errors import CatalogError, CommitwatchError, InputError, Problem, StatementError
    from .evaluate import evaluate, load_gold
    from .load import (
        CleaningRule,
        CleaningRules,
        default_cleaning_rules,
        load_cleaning_rules,
        load_statement,
        load_statements,
    )
    from .matching import Matcher, explain, match
    from .model import (
        Catalog,
        CatalogChange,
        Change,
        ChangeKind,
        Changelog,
        ChangelogHead,
        CleaningStep,
        CommitmentInfo,
        CommitmentType,
        Companion,
        Corpus,
        Cue,
        CueMatch,
        Disagreement,
        Evaluation,
        Evidence,
        Examples,
        Family,
        Gold,
        MatchExample,
        ModifierLexicon,
        ModifierMatch,
        Modifiers,
        NearMiss,
        NoMatchExample,
        Observation,
        Party,
        Quantity,
        Reading,
        Sentence,
        SentenceExplanation,
        SkippedFile,
        StanceLexicon,
        Statement,
        StatementInfo,
        StatementMeta,
        Variant,
        Version,
    )
    from .render import read_json, render_history, render_html, render_json, render_markdown, render_timeline
    from .run import Stream, diff_catalogs, stream, track

_EXPORTS: dict[str, str] = {
    "shipped_catalog": "._shipped",
    "shipped_seeds": "._shipped",
    "CleaningRule": ".load",
    "CleaningRules": ".load",
    "default_cleaning_rules": ".load",
    "load_cleaning_rules": ".load",
    "load_statement": ".load",
    "load_statements": ".load",
    "CheckResult": ".catalog",
    "ExampleOutcome": ".catalog",
    "check_catalog": ".catalog",
    "load_catalog": ".catalog",
    "Matcher": ".matching",
    "explain": ".matching",
    "match": ".matching",
    "CatalogDiff": ".compare",
    "DiffEntry": ".compare",
    "build_changelog": ".compare",
    "regression_data": ".compare",
    "select": ".compare",
    "Stream": ".run",
    "diff_catalogs": ".run",
    "stream": ".run",
    "track": ".run",
    "read_json": ".render",
    "render_history": ".render",
    "render_html": ".render",
    "render_json": ".render",
    "render_markdown": ".render",
    "render_timeline": ".render",
    "make_converter": ".converter",
    "evaluate": ".evaluate",
    "load_gold": ".evaluate",
    "CatalogError": ".errors",
    "CommitwatchError": ".errors",
    "InputError": ".errors",
    "Problem": ".errors",
    "StatementError": ".errors",
    "Catalog": ".model",
    "CatalogChange": ".model",
    "Change": ".model",
    "ChangeKind": ".model",
    "Changelog": ".model",
    "ChangelogHead": ".model",
    "CleaningStep": ".model",
    "CommitmentInfo": ".model",
    "CommitmentType": ".model",
    "Corpus": ".model",
    "Cue": ".model",
    "CueMatch": ".model",
    "Evidence": ".model",
    "Disagreement": ".model",
    "Gold": ".model",
    "Evaluation": ".model",
    "Examples": ".model",
    "Family": ".model",
    "MatchExample": ".model",
    "ModifierLexicon": ".model",
    "ModifierMatch": ".model",
    "Modifiers": ".model",
    "NearMiss": ".model",
    "NoMatchExample": ".model",
    "Observation": ".model",
    "StanceLexicon": ".model",
    "Companion": ".model",
    "Quantity": ".model",
    "Party": ".model",
    "Reading": ".model",
    "Sentence": ".model",
    "SentenceExplanation": ".model",
    "SkippedFile": ".model",
    "Statement": ".model",
    "StatementInfo": ".model",
    "StatementMeta": ".model",
    "Variant": ".model",
    "Version": ".model",
}

__all__ = [
    "Catalog",
    "CatalogChange",
    "CatalogDiff",
    "CatalogError",
    "Change",
    "ChangeKind",
    "Changelog",
    "ChangelogHead",
    "CheckResult",
    "CleaningRule",
    "CleaningRules",
    "CleaningStep",
    "CommitmentInfo",
    "CommitmentType",
    "CommitwatchError",
    "Companion",
    "Corpus",
    "Cue",
    "CueMatch",
    "DiffEntry",
    "Disagreement",
    "Evaluation",
    "Evidence",
    "ExampleOutcome",
    "Examples",
    "Family",
    "Gold",
    "InputError",
    "MatchExample",
    "Matcher",
    "ModifierLexicon",
    "ModifierMatch",
    "Modifiers",
    "NearMiss",
    "NoMatchExample",
    "Observation",
    "Party",
    "Problem",
    "Quantity",
    "Reading",
    "Sentence",
    "SentenceExplanation",
    "SkippedFile",
    "StanceLexicon",
    "Statement",
    "StatementError",
    "StatementInfo",
    "StatementMeta",
    "Stream",
    "Variant",
    "Version",
    "__version__",
    "build_changelog",
    "check_catalog",
    "default_cleaning_rules",
    "diff_catalogs",
    "evaluate",
    "explain",
    "load_catalog",
    "load_cleaning_rules",
    "load_gold",
    "load_statement",
    "load_statements",
    "make_converter",
    "match",
    "read_json",
    "regression_data",
    "render_history",
    "render_html",
    "render_json",
    "render_markdown",
    "render_timeline",
    "select",
    "shipped_catalog",
    "shipped_seeds",
    "stream",
    "track",
]

if not any(isinstance(finder, MovedModules) for finder in sys.meta_path):
    sys.meta_path.append(MovedModules())


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'commitwatch' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
