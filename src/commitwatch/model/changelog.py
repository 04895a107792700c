"""The changelog: versions in date order, each with what changed for each commitment type."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ._base import find_by, find_by_id, pickled_as_arguments
from .catalog import Family
from .readings import Observation
from .statements import SkippedFile, Variant


class ChangeKind(enum.Enum):
    """What happened to a commitment between one version and the next."""

    APPEARED = "appeared"
    STRENGTHENED = "strengthened"
    FULFILLED = "fulfilled"
    WEAKENED = "weakened"
    REVERSED = "reversed"
    HOLDER_CHANGED = "holder changed"
    DROPPED = "dropped"
    RETURNED = "returned"
    NOT_RESTATED = "not restated"
    NOT_ADDRESSED = "not addressed"
    UNCHANGED = "unchanged"


@attrs.frozen
class CommitmentInfo:
    """What a changelog needs to know of a commitment type to be read without the catalog."""

    id: str
    title: str
    family: str
    ladder: tuple[str, ...]


@pickled_as_arguments
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


@pickled_as_arguments
@attrs.frozen
class Companion:
    """Another statement of the same occasion, read together with the version's statement."""

    id: str
    title: str
    path: str
    sha256: str


@pickled_as_arguments
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
        companions: The other statements of its occasion (same date, or the same ``occasion``
            in their metadata), read with it as one version.
        occasion: The occasion's name, when the metadata gives one.
        ordering: How it was placed after the version before, when that is not plain from the
            dates: another version of its date without ``order:`` came first by file name.
        parties_assumed: Whether ``parties`` are the catalog's ``default_parties`` because the
            statement's metadata names none (its commitments are then held by those by default).
        sentences: How many sentences its statements' bodies have.
        sentences_read: How many of them show at least one commitment type of the catalog.
        coverage: Per family it addresses, how many of its sentences show the family (what
            tells a family taken up, whose left-out commitments are dropped, from one named in
            passing).
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
    companions: tuple[Companion, ...] = ()
    occasion: str = ""
    ordering: str = ""
    parties_assumed: bool = False
    sentences: int = 0
    sentences_read: int = 0
    coverage: tuple[tuple[str, int], ...] = ()

    def change(self, commitment_id: str) -> Change | None:
        """The change for one commitment type, or None when it has no entry here."""
        found: Change | None = find_by(self.changes, "commitment_id", commitment_id)
        return found


@attrs.frozen
class ChangelogHead:
    """What a changelog says before its versions: what made it, what it tracks, what was skipped.

    A run that streams its versions one at a time gives this first (see :func:`commitwatch.stream`).

    Attributes:
        tool_version: The commitwatch version that made it.
        catalog_version: The catalog version it was made with.
        catalog_title: What the catalog covers.
        corpus: Where the statements came from, as the user named it.
        families: The catalog's families, in catalog order.
        commitments: The active commitment types, in catalog order.
        skipped: Files that were not used, with the reasons.
        schema_version: The JSON layout's version (bumped on incompatible changes).
        selection: What it was narrowed to ("since 2023-01-01; family dialogue"), or "" for the
            whole changelog (see :func:`commitwatch.select`).
    """

    tool_version: str
    catalog_version: str
    catalog_title: str
    corpus: str
    families: tuple[Family, ...]
    commitments: tuple[CommitmentInfo, ...]
    skipped: tuple[SkippedFile, ...] = ()
    schema_version: int = 3
    selection: str = ""

    def commitment(self, commitment_id: str) -> CommitmentInfo:
        """The commitment type with this id."""
        return find_by_id(self.commitments, commitment_id)


@attrs.frozen
class Changelog(ChangelogHead):
    """The versioned changelog of a corpus read with a catalog: its head and all its versions.

    Attributes:
        versions: The statements, oldest first, with their changes.
    """

    versions: tuple[Version, ...] = ()

    @property
    def head(self) -> ChangelogHead:
        """The changelog without its versions."""
        return ChangelogHead(**{field.name: getattr(self, field.name) for field in attrs.fields(ChangelogHead)})

    @classmethod
    def of(cls, head: ChangelogHead, versions: tuple[Version, ...]) -> Changelog:
        """A changelog made of a head and its versions."""
        return cls(versions=versions, **attrs.asdict(head, recurse=False))
