"""Evaluation: a careful reader's annotations (a gold file), and how a reading agrees with them."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = [
    "CHANGES",
    "JOINT",
    "LEVELS",
    "Counts",
    "Disagreement",
    "Evaluation",
    "FamilyAnnotation",
    "FamilyFigures",
    "Gold",
    "GoldStatement",
    "Interval",
]

GOLD_VERSION = 1
JOINT = "joint"  # a holder that is all of a statement's issuing parties
LEVELS = (1, 2, 3)  # the reader's scale: mentioned or urged, committed, intensified
CHANGES = ("down", "same", "up", "absent")  # a family's move between two statements; absent: not read in one


@attrs.frozen
class FamilyAnnotation:
    """What the reader found for one family in one statement.

    Attributes:
        family: The catalog family id.
        level: 1 (mentioned, urged), 2 (committed) or 3 (intensified).
        holder: "joint" (all issuing parties) or the one party that voices it.
        markers: Controlled keys for wordings present (see :data:`commitwatch.evaluate.gold.MARKERS`).
        evidence: The sentences (or exact parts of them) that set the level, strongest first.
        note: The reader's note.
        line: Where the annotation is in the gold file.
    """

    family: str
    level: int
    holder: str
    markers: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    note: str = ""
    line: int = 0


@attrs.frozen
class GoldStatement:
    """One annotated statement: the families it addresses, and those it does not."""

    file: str
    families: tuple[FamilyAnnotation, ...]
    absent: tuple[str, ...]
    summary: str = ""
    note: str = ""
    line: int = 0

    def annotation(self, family: str) -> FamilyAnnotation | None:
        """The annotation of ``family``, or None when the statement does not address it."""
        return next((item for item in self.families if item.family == family), None)


@attrs.frozen
class Gold:
    """A gold file: annotated statements, the families they cover, and the annotation conventions.

    Attributes:
        path: The file, as messages show it.
        families: The families scored (every statement annotates each, or lists it as absent).
        statements: The annotated statements, in the file's order.
        conventions: The annotation rules, as free text.
        markers: Marker key -> the wording it stands for (a regular expression).
        version: The format's version.
    """

    path: str
    families: tuple[str, ...]
    statements: tuple[GoldStatement, ...]
    conventions: tuple[str, ...] = ()
    markers: Mapping[str, str] = attrs.Factory(dict)
    version: int = GOLD_VERSION


@attrs.frozen
class Counts:
    """True positives, false positives and false negatives, and the figures they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp): of what the tool found, how much the reader found too."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn): of what the reader found, how much the tool found too."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


@attrs.frozen
class Interval:
    """A 95 % bootstrap interval (percentiles of the resampled figure)."""

    low: float
    high: float


@attrs.frozen
class Disagreement:
    """One place where the tool and the reader differ, with both sides' evidence.

    Attributes:
        file: The statement.
        family: The family.
        kind: "missed" (the reader found it, the tool did not), "extra" (the other way round),
            "level", "holder", "change" (the move from the previous statement), or "marker".
        reader: What the reader says, in words.
        tool: What the tool says, in words.
        reader_evidence: The reader's quotes.
        tool_evidence: The tool's evidence sentences.
    """

    file: str
    family: str
    kind: str
    reader: str
    tool: str
    reader_evidence: tuple[str, ...] = ()
    tool_evidence: tuple[str, ...] = ()


@attrs.frozen
class FamilyFigures:
    """Presence figures of one family."""

    family: str
    counts: Counts
    precision: float | None
    recall: float | None
    f1: float | None


@attrs.frozen
class Evaluation:
    """How a reading of statements agrees with a careful reader's annotations.

    Attributes:
        gold: The gold file.
        catalog_version: The catalog the statements were read with.
        statements: How many statements were scored.
        families: The families scored.
        presence: Per family: is the family addressed (precision, recall, F1).
        micro: Presence counted over every (statement, family).
        macro_precision, macro_recall, macro_f1: The mean of the families' figures (those defined).
        level_pairs: (statement, family) pairs both found: how many.
        level_exact: Of those, the share at the same level.
        level_kappa: Linear-weighted Cohen's kappa of the levels.
        level_confusion: Rows the reader's level 1-3, columns the tool's.
        holder_agreement: Of the pairs both found, the share with the same holder (joint, or a party).
        holder_confusion: ``(reader, tool, count)`` for every holder pair seen.
        change_pairs: Consecutive statements that both address a family, per the reader.
        change_agreement: Of those, the share where the tool's move (up, down, same) is the reader's.
        change_kappa: Cohen's kappa of the moves.
        change_confusion: Rows the reader's move (down, same, up), columns the tool's (and absent).
        markers_found, markers_total: Marked wordings found in the tool's evidence, of those marked.
        intervals: 95 % bootstrap intervals (statements resampled) of the main figures.
        disagreements: Every disagreement, by statement then family.
        unscored: Statements of the corpus the gold file does not annotate (not in any figure).
    """

    gold: str
    catalog_version: str
    statements: int
    families: tuple[str, ...]
    presence: tuple[FamilyFigures, ...]
    micro: Counts
    micro_precision: float | None
    micro_recall: float | None
    micro_f1: float | None
    macro_precision: float | None
    macro_recall: float | None
    macro_f1: float | None
    level_pairs: int
    level_exact: float | None
    level_kappa: float | None
    level_confusion: tuple[tuple[int, ...], ...]
    holder_agreement: float | None
    holder_confusion: tuple[tuple[str, str, int], ...]
    change_pairs: int
    change_agreement: float | None
    change_kappa: float | None
    change_confusion: tuple[tuple[int, ...], ...]
    markers_found: int
    markers_total: int
    intervals: dict[str, Interval | None]
    disagreements: tuple[Disagreement, ...]
    unscored: tuple[str, ...] = ()
