"""The nouns of commitwatch's domain, as frozen attrs classes.

Data flows one way through these: statements -> observations -> changelog -> rendered output.
Every class here is immutable, compares by value and round-trips through the cattrs converter
(:func:`commitwatch.converter.make_converter`) to JSON and back.

Offsets (``start``, ``end``) are always character offsets into a statement's ``text``: the file
decoded to Python text, front matter included, so ``statement.text[start:end]`` is exactly the
original characters.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal, TypeVar

import attrs

_C = TypeVar("_C", bound=type)


def _pickled_as_arguments(cls: _C) -> _C:
    """Pickle instances as a call with their field values.

    Readings, statements and versions cross between processes (and readings wait in a spill
    file), so they are pickled by the hundred thousand: this takes about half the time of attrs'
    default (a dict per instance).
    """
    names = [field.name for field in attrs.fields(cls)]
    if not all(field.init for field in attrs.fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument")
    values = operator.attrgetter(*names)
    single = len(names) == 1

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        found = values(self)
        return type(self), (found,) if single else found

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls


__all__ = [
    "ChangeKind",
    "CleaningStep",
    "Corpus",
    "OffsetSegment",
    "Sentence",
    "SkippedFile",
    "Statement",
    "StatementMeta",
    "Variant",
    "WordChange",
]


# ---------------------------------------------------------------------------------------------
# Statements


@attrs.frozen
class OffsetSegment:
    """Where a stretch of normalised text came from in the original text.

    Inside a segment of equal length every character maps one to one; a segment whose lengths
    differ (mojibake ``â€™`` repaired to ``'``) maps as a whole.
    """

    norm_start: int
    norm_end: int
    orig_start: int
    orig_end: int


def map_offset(segments: Sequence[OffsetSegment], position: int, *, end: bool = False) -> int:
    """Map an offset in normalised text to one in the original (identity without segments).

    Args:
        segments: The map, as made by normalisation; empty means character for character.
        position: The offset in the normalised text.
        end: True when ``position`` ends a span, so that it maps to the end of a repaired run.
    """
    if not segments:
        return position
    starts = [segment.norm_start for segment in segments]
    probe = position - 1 if end and position > 0 else position
    segment = segments[max(0, bisect_right(starts, probe) - 1)]
    if segment.norm_end - segment.norm_start == segment.orig_end - segment.orig_start:
        return segment.orig_start + (position - segment.norm_start)
    return segment.orig_end if end else segment.orig_start


@attrs.frozen
class Sentence:
    """One sentence of a statement's cleaned body.

    Attributes:
        index: Its place in the body, from 0.
        paragraph: The paragraph it belongs to, from 0.
        start: Offset of its first character in the statement's original text.
        end: Offset just past its last character.
        text: The original characters, ``statement.text[start:end]``.
        normalized: The text matching reads: quotes straightened, dashes and spaces unified,
            mojibake repaired, line breaks as spaces.
        offsets: Where ``normalized`` differs in length from ``text``, the segments that map
            one onto the other; empty when they map character for character.
    """

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    normalized: str
    offsets: tuple[OffsetSegment, ...] = ()

    def to_original(self, position: int, *, end: bool = False) -> int:
        """Map an offset in ``normalized`` to an offset in the statement's original text.

        Args:
            position: An offset into ``normalized``.
            end: True when ``position`` ends a span (so it maps to the end of a repaired run).
        """
        return self.start + map_offset(self.offsets, position, end=end)


@attrs.frozen
class CleaningStep:
    """One thing done to a statement's text on the way to its clean body.

    Attributes:
        rule: The name of the rule or repair ("end-text", "straighten-quotes", ...).
        action: "removed" (text left out of the body), "normalized" (characters read
            differently for matching; the original is kept), "decoded", or "noted".
        reason: Why, in words.
        start: Offset in the original text where it applies, when it applies to one place.
        end: Offset just past that place.
        excerpt: The affected original text (shortened when long).
        count: How many times it applied (for repairs counted across the text).
    """

    rule: str
    action: str
    reason: str
    start: int | None = None
    end: int | None = None
    excerpt: str = ""
    count: int = 1


@_pickled_as_arguments
@attrs.frozen
class WordChange:
    """One difference in wording between a statement and a republished variant of it."""

    canonical: str
    variant: str
    canonical_start: int
    variant_start: int


@_pickled_as_arguments
@attrs.frozen
class Variant:
    """A republished copy of a statement, detected from its text.

    Attributes:
        id: The variant's statement id (its file name without the suffix).
        path: Its file, relative to the corpus folder.
        sha256: Hash of its file's bytes.
        similarity: How alike the two cleaned bodies are, from 0 to 1.
        changes: The words that differ (after normalisation), canonical first.
        reason: Why this copy and not the canonical one was set aside.
    """

    id: str
    path: str
    sha256: str
    similarity: float
    changes: tuple[WordChange, ...]
    reason: str


@_pickled_as_arguments
@attrs.frozen
class StatementMeta:
    """What is known about a statement besides its text.

    Attributes:
        title: Its title.
        date: Its release date; None when unknown (such a statement is skipped, not guessed).
        date_source: Where the date came from: "manifest", "front matter" or "dateline".
        source: Where the text was found (a URL or a description).
        parties: The parties that issued it, by their catalog names.
        notes: Free notes (another date seen elsewhere, provenance, ...).
        variant_of: An id this statement is declared to republish, if any.
        extra: Front-matter keys commitwatch does not know, kept as given.
    """

    title: str = ""
    date: dt.date | None = None
    date_source: str = ""
    source: str = ""
    parties: tuple[str, ...] = ()
    notes: str = ""
    variant_of: str | None = None
    extra: dict[str, str] = attrs.Factory(dict)


@_pickled_as_arguments
@attrs.frozen
class Statement:
    """One official text, cleaned, dated and split into sentences.

    Attributes:
        id: A stable id: the file name without its suffix.
        path: The file, relative to the corpus folder (posix form).
        sha256: Hash of the file's bytes, so an observation can be re-derived.
        encoding: How the bytes were decoded ("utf-8", or the fallback used).
        meta: Title, date, source, parties, notes.
        text: The whole file as decoded: the original characters every offset refers to.
        sentences: The cleaned body, sentence by sentence.
        cleaning: Every step taken from the file to the body, in order.
        variants: Republished copies of this statement found in the same corpus.
    """

    id: str
    path: str
    sha256: str
    encoding: str
    meta: StatementMeta
    text: str
    sentences: tuple[Sentence, ...]
    cleaning: tuple[CleaningStep, ...] = ()
    variants: tuple[Variant, ...] = ()

    def stripped(self) -> Statement:
        """A copy without its text, sentences and cleaning log: what a changelog needs of it.

        Large corpora are read one statement at a time and only the stripped copies are kept.
        """
        return attrs.evolve(self, text="", sentences=(), cleaning=())

    @property
    def body(self) -> str:
        """The cleaned body as original text, one paragraph per line."""
        paragraphs: dict[int, list[str]] = {}
        for sentence in self.sentences:
            paragraphs.setdefault(sentence.paragraph, []).append(" ".join(sentence.text.split()))
        return "\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items()))


@attrs.frozen
class SkippedFile:
    """A file that was looked at and not used, with the reason and what to do.

    Attributes:
        path: The file, relative to the corpus folder.
        reason: Why it was not used ("no date", "empty file", ...).
        hint: What to do to use it.
        line: The line the reason refers to, where there is one.
    """

    path: str
    reason: str
    hint: str = ""
    line: int | None = None


@attrs.frozen
class Corpus:
    """The statements of one run, in date order, and the files that were skipped.

    Attributes:
        root: The folder or file the corpus was loaded from, as the user gave it.
        statements: Canonical statements, oldest first (ties broken by id).
        skipped: Files not used, with their reasons.
    """

    root: str
    statements: tuple[Statement, ...]
    skipped: tuple[SkippedFile, ...] = ()

    def by_id(self, statement_id: str) -> Statement:
        """The statement with this id (variants are found through their canonical statement)."""
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)


class ChangeKind(enum.Enum):
    """What happened to a commitment between one version and the next."""

    APPEARED = "appeared"
    STRENGTHENED = "strengthened"
    WEAKENED = "weakened"
    REVERSED = "reversed"
    HOLDER_CHANGED = "holder changed"
    DROPPED = "dropped"
    RETURNED = "returned"
    NOT_ADDRESSED = "not addressed"
    UNCHANGED = "unchanged"


# ---------------------------------------------------------------------------------------------
# The catalog

Direction = Literal["before", "after", "both"]
Polarity = Literal["affirmed", "negated"]
Status = Literal["active", "deprecated"]
ModifierKind = Literal["booster", "hedge", "condition", "negation"]


@attrs.frozen
class Cue:
    """A phrase that shows a commitment, and the ladder level it shows.

    Attributes:
        pattern: A phrase pattern (see the catalog README for the syntax).
        regex: Instead of a pattern, a regular expression (the escape hatch); needs ``anchors``.
        anchors: For a regex cue: words of which every match contains one.
        level: The ladder level a match places the commitment on.
        alone: False when the cue only raises the level of a sentence another cue of the
            same commitment already matched ("ironclad" says nothing by itself).
        note: Why the cue is there, for editors.
        line: Where the cue is in its catalog file (set when loaded).
    """

    level: str
    pattern: str | None = None
    regex: str | None = None
    anchors: tuple[str, ...] = ()
    alone: bool = True
    note: str = ""
    line: int = 0

    @property
    def label(self) -> str:
        """The cue as written, for messages and reports."""
        return self.pattern if self.pattern is not None else f"regex {self.regex}"


@attrs.frozen
class MatchExample:
    """A sentence that must match its commitment, and what the match must say.

    Attributes:
        text: The sentence.
        level: The level it must reach.
        polarity: "affirmed" or "negated".
        holders: The parties that must hold it (None: not checked). Examples are read as a
            statement of the catalog's default parties.
        modifiers: Modifier kinds that must be found (None: not checked).
        line: Where the example is in its catalog file (set when loaded).
    """

    text: str
    level: str
    polarity: Polarity = "affirmed"
    holders: tuple[str, ...] | None = None
    modifiers: tuple[ModifierKind, ...] | None = None
    line: int = 0


@attrs.frozen
class NoMatchExample:
    """A sentence that must not match its commitment (a look-alike)."""

    text: str
    line: int = 0


@attrs.frozen
class Examples:
    """A commitment type's own test cases."""

    match: tuple[MatchExample, ...] = ()
    no_match: tuple[NoMatchExample, ...] = ()


@attrs.frozen
class CommitmentType:
    """One kind of commitment the catalog tracks.

    Attributes:
        id: A stable dotted id, ``family.name``; never reused for something else.
        title: A short title for reports.
        family: The family it belongs to (the part of the id before the dot).
        ladder: Its strength levels, weakest first.
        cues: The phrases that show it.
        description: What counts as this commitment, for editors and readers.
        status: "active", or "deprecated" (kept so old changelogs still read).
        replaced_by: For a deprecated type, the id that took its place.
        references: Sources that informed the entry.
        exclude: Patterns for look-alike sentences: a sentence matching one is not evidence.
        examples: Sentences that must and must not match.
        file: The catalog file it was read from.
        line: Its line in that file.
    """

    id: str
    title: str
    family: str
    ladder: tuple[str, ...]
    cues: tuple[Cue, ...]
    description: str = ""
    status: Status = "active"
    replaced_by: str | None = None
    references: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples: Examples = Examples()
    file: str = ""
    line: int = 0

    def rank(self, level: str) -> int:
        """The position of ``level`` on the ladder, weakest first (from 1)."""
        return self.ladder.index(level) + 1


@attrs.frozen
class Family:
    """A group of commitment types (deterrence, dialogue, ...)."""

    id: str
    title: str
    description: str = ""


@attrs.frozen
class Party:
    """A government or actor the statements name, with the other names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()


@attrs.frozen
class ModifierLexicon:
    """Words that qualify a match near them: boosters, hedges, conditions or negations.

    Attributes:
        terms: Phrase patterns of the modifier.
        direction: Where they must stand relative to the cue: "before", "after" or "both".
        window: How many words away they may stand, within the same clause.
        pseudo: Look-alikes that must not count ("not only" is no negation).
        weight: How much the modifier moves a match's strength when comparing versions
            (+1 for boosters, -1 for hedges and conditions, 0 to record it without effect).
    """

    terms: tuple[str, ...]
    direction: Direction = "before"
    window: int = 5
    pseudo: tuple[str, ...] = ()
    weight: int = 0


@attrs.frozen
class Modifiers:
    """The catalog's shared modifier lexicons and the words that end a clause."""

    booster: ModifierLexicon
    hedge: ModifierLexicon
    condition: ModifierLexicon
    negation: ModifierLexicon
    terminators: tuple[str, ...] = ()

    def lexicons(self) -> dict[str, ModifierLexicon]:
        """The four lexicons by kind."""
        return {"booster": self.booster, "hedge": self.hedge, "condition": self.condition, "negation": self.negation}


@attrs.frozen
class CatalogChange:
    """One entry of the catalog's own changelog."""

    version: str
    date: dt.date
    changes: tuple[str, ...]


@attrs.frozen
class Catalog:
    """The commitment catalog: what to look for, how strong each wording is, and who is who.

    Attributes:
        version: The catalog's version, bumped on every content change.
        title: What the catalog covers.
        families: The families, in report order.
        parties: Parties and their aliases.
        default_parties: The parties assumed for a statement that names none.
        collective_subjects: Subjects that mean all of a statement's parties ("we").
        modifiers: Boosters, hedges, conditions, negations and clause terminators.
        commitments: Every commitment type, active and deprecated, in catalog order.
        changelog: The catalog's own history, newest first.
        root: The folder it was loaded from, as the user gave it.
    """

    version: str
    title: str
    families: tuple[Family, ...]
    parties: tuple[Party, ...]
    default_parties: tuple[str, ...]
    collective_subjects: tuple[str, ...]
    modifiers: Modifiers
    commitments: tuple[CommitmentType, ...] = ()
    changelog: tuple[CatalogChange, ...] = ()
    root: str = ""

    def commitment(self, commitment_id: str) -> CommitmentType:
        """The commitment type with this id."""
        for commitment in self.commitments:
            if commitment.id == commitment_id:
                return commitment
        raise KeyError(commitment_id)

    def family(self, family_id: str) -> Family:
        """The family with this id."""
        for family in self.families:
            if family.id == family_id:
                return family
        raise KeyError(family_id)

    @property
    def active(self) -> tuple[CommitmentType, ...]:
        """The active commitment types."""
        return tuple(commitment for commitment in self.commitments if commitment.status == "active")


# ---------------------------------------------------------------------------------------------
# Matching


@_pickled_as_arguments
@attrs.frozen
class CueMatch:
    """One cue found in one sentence.

    Attributes:
        cue: The cue as written in the catalog.
        level: The level it shows.
        text: The matched words, as in the original file.
        start: Offset of the match in the statement's original text.
        end: Offset just past it.
        alone: Whether the cue counts by itself (see :class:`Cue`).
    """

    cue: str
    level: str
    text: str
    start: int
    end: int
    alone: bool = True


@_pickled_as_arguments
@attrs.frozen
class ModifierMatch:
    """A modifier word near a match: a booster, hedge, condition or negation."""

    kind: ModifierKind
    text: str
    start: int
    end: int


@_pickled_as_arguments
@attrs.frozen
class Evidence:
    """The sentence that shows an observation, and the words in it that decided it.

    Attributes:
        statement_id: The statement it is in.
        sentence_index: The sentence's place in the statement's body.
        sentence: The whole sentence, original characters.
        start: Offset of the sentence in the statement's original text.
        end: Offset just past it.
        cues: The cues that matched in it, decisive one first.
        modifiers: The modifiers in scope.
    """

    statement_id: str
    sentence_index: int
    sentence: str
    start: int
    end: int
    cues: tuple[CueMatch, ...]
    modifiers: tuple[ModifierMatch, ...] = ()


@_pickled_as_arguments
@attrs.frozen
class Observation:
    """What one statement says about one commitment type.

    Attributes:
        commitment_id: The commitment type.
        level: The highest ladder level its evidence reaches.
        rank: The level's place on the ladder (1 = weakest).
        polarity: "affirmed", or "negated" when a negation governs the decisive match.
        holders: The parties that make the commitment, in catalog order.
        holder_basis: How the holders were found: "subject" (named as the sentence's subject),
            "nearest mention", or "statement" (the statement's parties, by default).
        modifiers: The modifier kinds that qualify it (booster, hedge, condition, negation).
        weight: The modifiers' net effect on strength (see :class:`ModifierLexicon`).
        evidence: The decisive sentence.
        other_sentences: Other sentences of the statement that also show it.
    """

    commitment_id: str
    level: str
    rank: int
    polarity: Polarity
    holders: tuple[str, ...]
    holder_basis: str
    modifiers: tuple[ModifierKind, ...]
    weight: int
    evidence: Evidence
    other_sentences: tuple[int, ...] = ()

    @property
    def strength(self) -> tuple[int, int]:
        """What versions are compared by: the level's rank, then the modifiers' weight."""
        return (self.rank, self.weight)


@_pickled_as_arguments
@attrs.frozen
class Reading:
    """Everything one statement says, commitment by commitment.

    Attributes:
        statement_id: The statement.
        observations: One per commitment type it shows, in catalog order.
        families: The families it addresses (at least one observation), in catalog order.
    """

    statement_id: str
    observations: tuple[Observation, ...]
    families: tuple[str, ...]

    def get(self, commitment_id: str) -> Observation | None:
        """The observation for a commitment type, or None when the statement does not show it."""
        for observation in self.observations:
            if observation.commitment_id == commitment_id:
                return observation
        return None


@attrs.frozen
class NearMiss:
    """A cue that matched but did not count, and why (for ``commitwatch explain``)."""

    commitment_id: str
    cue: str
    text: str
    reason: str


@attrs.frozen
class SentenceExplanation:
    """How matching read one sentence: what counted, what nearly did."""

    sentence_index: int
    sentence: str
    observations: tuple[Observation, ...]
    near_misses: tuple[NearMiss, ...]


# ---------------------------------------------------------------------------------------------
# The changelog


@attrs.frozen
class CommitmentInfo:
    """What a changelog needs to know of a commitment type to be read without the catalog."""

    id: str
    title: str
    family: str
    ladder: tuple[str, ...]


@_pickled_as_arguments
@attrs.frozen
class Change:
    """What happened to one commitment type in one version.

    Attributes:
        commitment_id: The commitment type.
        kind: appeared, strengthened, weakened, reversed, holder changed, dropped, returned,
            not addressed, or unchanged.
        before: The observation it is compared with (None for "appeared").
        before_version: The version number ``before`` comes from.
        after: This version's observation (None for "dropped" and "not addressed").
        note: Anything a reader needs to read the change right (a comparison across versions
            that did not address the family; a holder change beside a strength change).
    """

    commitment_id: str
    kind: ChangeKind
    before: Observation | None = None
    before_version: int | None = None
    after: Observation | None = None
    note: str = ""


@_pickled_as_arguments
@attrs.frozen
class Version:
    """One statement's place in the date-ordered series, and what changed with it.

    Attributes:
        number: Its place in the series, from 1 (oldest).
        statement_id: The canonical statement.
        title: Its title.
        date: Its release date.
        source: Where it was found.
        parties: The parties that issued it.
        path: Its file, relative to the corpus folder.
        sha256: Hash of its file's bytes.
        variants: Republished copies of it in the corpus.
        families: The catalog families it addresses.
        changes: One change per commitment type that has a history at this version.
    """

    number: int
    statement_id: str
    title: str
    date: dt.date
    source: str
    parties: tuple[str, ...]
    path: str
    sha256: str
    variants: tuple[Variant, ...]
    families: tuple[str, ...]
    changes: tuple[Change, ...]

    def change(self, commitment_id: str) -> Change | None:
        """The change for one commitment type, or None when it has no entry here."""
        for change in self.changes:
            if change.commitment_id == commitment_id:
                return change
        return None


@attrs.frozen
class Changelog:
    """The versioned changelog of a corpus read with a catalog.

    Attributes:
        schema_version: The JSON layout's version (bumped on incompatible changes).
        tool_version: The commitwatch version that made it.
        catalog_version: The catalog version it was made with.
        catalog_title: What the catalog covers.
        corpus: Where the statements came from, as the user named it.
        families: The catalog's families, in catalog order.
        commitments: The active commitment types, in catalog order.
        versions: The statements, oldest first, with their changes.
        skipped: Files that were not used, with the reasons.
    """

    tool_version: str
    catalog_version: str
    catalog_title: str
    corpus: str
    families: tuple[Family, ...]
    commitments: tuple[CommitmentInfo, ...]
    versions: tuple[Version, ...]
    skipped: tuple[SkippedFile, ...] = ()
    schema_version: int = 1

    def commitment(self, commitment_id: str) -> CommitmentInfo:
        """The commitment type with this id."""
        for commitment in self.commitments:
            if commitment.id == commitment_id:
                return commitment
        raise KeyError(commitment_id)
