"""The nouns of commitwatch's domain, as frozen attrs classes, one module per stage.

Data flows one way through them: statements (:mod:`.statements`) are read with a catalog
(:mod:`.catalog`) into readings (:mod:`.readings`), which in date order make the changelog
(:mod:`.changelog`). Every class here is immutable, compares by value and round-trips through
the cattrs converter (:func:`commitwatch.make_converter`) to JSON and back.
"""

from .catalog import (
    Catalog,
    CatalogChange,
    CatalogSources,
    CommitmentType,
    Cue,
    Direction,
    Examples,
    Family,
    MatchExample,
    ModifierKind,
    ModifierLexicon,
    Modifiers,
    NoMatchExample,
    Party,
    Polarity,
    Status,
)
from .changelog import Change, ChangeKind, Changelog, ChangelogHead, CommitmentInfo, Version
from .readings import CueMatch, Evidence, ModifierMatch, NearMiss, Observation, Reading, SentenceExplanation
from .statements import (
    CleaningStep,
    Corpus,
    OffsetSegment,
    Sentence,
    SkippedFile,
    Statement,
    StatementInfo,
    StatementMeta,
    Variant,
    WordChange,
    map_offset,
)

__all__ = [
    "Catalog",
    "CatalogChange",
    "CatalogSources",
    "Change",
    "ChangeKind",
    "Changelog",
    "ChangelogHead",
    "CleaningStep",
    "CommitmentInfo",
    "CommitmentType",
    "Corpus",
    "Cue",
    "CueMatch",
    "Direction",
    "Evidence",
    "Examples",
    "Family",
    "MatchExample",
    "ModifierKind",
    "ModifierLexicon",
    "ModifierMatch",
    "Modifiers",
    "NearMiss",
    "NoMatchExample",
    "Observation",
    "OffsetSegment",
    "Party",
    "Polarity",
    "Reading",
    "Sentence",
    "SentenceExplanation",
    "SkippedFile",
    "Statement",
    "StatementInfo",
    "StatementMeta",
    "Status",
    "Variant",
    "Version",
    "WordChange",
    "map_offset",
]
