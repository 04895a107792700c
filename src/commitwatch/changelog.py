"""Readings in date order -> the versioned :class:`~commitwatch.model.Changelog`. Pure: no I/O.

For each version and each active commitment type, one change:

- **appeared**: shown for the first time;
- **strengthened** / **weakened**: a higher / lower ladder level than last time it was shown
  (at the same level, the modifiers' weight decides: "steadfast" strengthens, "seek to" weakens);
- **reversed**: affirmed last time, negated now, or the other way round;
- **holder changed**: same strength, different parties holding it;
- **unchanged**: the same;
- **dropped**: the statement addresses the commitment's family but not this commitment;
- **not addressed**: the statement says nothing about the whole family (a statement on arms
  transfers is silent on deterrence), so nothing is read into the silence;
- **returned**: shown again after being dropped.

A commitment is compared with its last observation, even across versions that did not address
its family; such a comparison carries a note saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from ._version import __version__
from .errors import InputError, Problem, did_you_mean
from .matching import Matcher
from .model import (
    Catalog,
    Change,
    ChangeKind,
    Changelog,
    CommitmentInfo,
    Corpus,
    Observation,
    Reading,
    SkippedFile,
    Statement,
    Version,
)

__all__ = ["build_changelog", "changelog_header", "iter_versions", "select", "select_stream", "track"]


def track(corpus: Corpus, catalog: Catalog, *, on_statement: Callable[[Statement], None] | None = None) -> Changelog:
    """Read every statement of a corpus and build its changelog.

    Args:
        corpus: Statements in date order, as :func:`~commitwatch.load_statements` gives them.
        catalog: The catalog to read them with.
        on_statement: Called after each statement is read (for progress display).

    Returns:
        The changelog: one version per statement, each with its changes.

    Example:
        >>> from commitwatch import load_catalog, load_statements, shipped_catalog, shipped_seeds, track
        >>> changelog = track(load_statements(shipped_seeds()), load_catalog(shipped_catalog()))
        >>> change = changelog.versions[1].change("deterrence.extended_deterrence")
        >>> change.kind.value, change.before.level, change.after.level
        ('strengthened', 'affirmed', 'nuclear_backed')
    """
    matcher = Matcher(catalog)
    readings = []
    for statement in corpus.statements:
        readings.append(matcher.read(statement))
        if on_statement is not None:
            on_statement(statement)
    return build_changelog(corpus.statements, readings, catalog, corpus=corpus.root, skipped=corpus.skipped)


def build_changelog(
    statements: Sequence[Statement],
    readings: Iterable[Reading],
    catalog: Catalog,
    *,
    corpus: str = "",
    skipped: Iterable[SkippedFile] = (),
) -> Changelog:
    """Build the changelog from statements and their readings (already in date order).

    Args:
        statements: The canonical statements, oldest first.
        readings: Their readings, in the same order.
        catalog: The catalog the readings were made with.
        corpus: Where the statements came from, for the header.
        skipped: The files that were skipped, carried into the changelog.
    """
    header = changelog_header(catalog, corpus=corpus, skipped=skipped)
    return attrs.evolve(header, versions=tuple(iter_versions(statements, readings, catalog)))


def changelog_header(catalog: Catalog, *, corpus: str = "", skipped: Iterable[SkippedFile] = ()) -> Changelog:
    """A changelog without its versions: what is known before any statement is compared."""
    return Changelog(
        tool_version=__version__,
        catalog_version=catalog.version,
        catalog_title=catalog.title,
        corpus=corpus,
        families=catalog.families,
        commitments=tuple(CommitmentInfo(c.id, c.title, c.family, c.ladder) for c in catalog.active),
        versions=(),
        skipped=tuple(skipped),
    )


def iter_versions(statements: Sequence[Statement], readings: Iterable[Reading], catalog: Catalog) -> Iterator[Version]:
    """The versions one at a time, holding only each commitment's last observation in between.

    Args:
        statements: The canonical statements, oldest first.
        readings: Their readings, in the same order (read lazily, so they may come from disk).
        catalog: The catalog the readings were made with.
    """
    active = catalog.active
    order = {commitment.id: position for position, commitment in enumerate(active)}
    family_of = {commitment.id: commitment.family for commitment in active}
    history: dict[str, _History] = {}
    live: set[str] = set()  # commitments that can have an entry without being observed: shown and not dropped
    for number, (statement, reading) in enumerate(zip(statements, readings, strict=True), start=1):
        observed = {o.commitment_id: o for o in reading.observations if o.commitment_id in order}
        changes = []
        for commitment_id in sorted(observed.keys() | live, key=order.__getitem__):
            state = history.setdefault(commitment_id, _History(commitment_id))
            change = state.step(number, observed.get(commitment_id), family_of[commitment_id] in reading.families)
            if change is not None:
                changes.append(change)
            if state.last is not None and not state.dropped:
                live.add(commitment_id)
            else:
                live.discard(commitment_id)
        meta = statement.meta
        assert meta.date is not None, "a corpus holds dated statements only"
        yield Version(
            number=number,
            statement_id=statement.id,
            title=meta.title or statement.id,
            date=meta.date,
            source=meta.source,
            parties=meta.parties or catalog.default_parties,
            path=statement.path,
            sha256=statement.sha256,
            variants=statement.variants,
            families=reading.families,
            changes=tuple(changes),
        )


class _History:
    """One commitment type's state as the versions go by."""

    def __init__(self, commitment_id: str) -> None:
        self.commitment_id = commitment_id
        self.last: Observation | None = None
        self.last_version: int | None = None
        self.dropped = False
        self.gap = False  # a version since the last observation did not address the family

    def step(self, number: int, now: Observation | None, family_addressed: bool) -> Change | None:
        before, before_version = self.last, self.last_version
        if now is None:
            if before is None or self.dropped:
                return None
            if family_addressed:
                self.dropped = True
                return Change(self.commitment_id, ChangeKind.DROPPED, before, before_version)
            self.gap = True
            return Change(self.commitment_id, ChangeKind.NOT_ADDRESSED, before, before_version)
        self.last, self.last_version = now, number
        if before is None:
            return Change(self.commitment_id, ChangeKind.APPEARED, None, None, now)
        if self.dropped:
            self.dropped = self.gap = False
            return Change(self.commitment_id, ChangeKind.RETURNED, before, before_version, now)
        kind, note = _compare(before, now)
        if self.gap:
            note = f"compared with version {before_version}, the last to address this family" + (
                f"; {note}" if note else ""
            )
            self.gap = False
        return Change(self.commitment_id, kind, before, before_version, now, note)


def _compare(before: Observation, now: Observation) -> tuple[ChangeKind, str]:
    holders = ""
    if before.holders != now.holders:
        holders = f"holder changed: {', '.join(before.holders)} -> {', '.join(now.holders)}"
    if before.polarity != now.polarity:
        return ChangeKind.REVERSED, holders
    if now.strength > before.strength:
        return ChangeKind.STRENGTHENED, holders
    if now.strength < before.strength:
        return ChangeKind.WEAKENED, holders
    if holders:
        return ChangeKind.HOLDER_CHANGED, ""
    return ChangeKind.UNCHANGED, ""


def select(
    changelog: Changelog,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    families: Sequence[str] = (),
    commitments: Sequence[str] = (),
) -> Changelog:
    """Narrow a changelog to a date range, families or commitment types.

    Changes are computed on the whole series first, so the first version shown is still compared
    with the one before it.

    Args:
        changelog: The full changelog.
        since: Keep versions dated on or after this day.
        until: Keep versions dated on or before this day.
        families: Keep only these families (all when empty).
        commitments: Keep only these commitment types (all when empty).

    Raises:
        InputError: A family or commitment id that the changelog does not know.
    """
    header, versions = select_stream(
        changelog, iter(changelog.versions), since=since, until=until, families=families, commitments=commitments
    )
    return attrs.evolve(header, versions=tuple(versions))


def select_stream(
    header: Changelog,
    versions: Iterator[Version],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    families: Sequence[str] = (),
    commitments: Sequence[str] = (),
) -> tuple[Changelog, Iterator[Version]]:
    """:func:`select` for a header and versions that come one at a time."""
    known_families = [family.id for family in header.families]
    family_of = {commitment.id: commitment.family for commitment in header.commitments}
    problems = [
        Problem(
            f"unknown family '{name}'",
            None,
            None,
            did_you_mean(name, known_families) or f"use one of: {', '.join(known_families)}",
        )
        for name in families
        if name not in known_families
    ] + [
        Problem(
            f"unknown commitment '{name}'",
            None,
            None,
            did_you_mean(name, family_of) or "see `commitwatch check` for the ids",
        )
        for name in commitments
        if name not in family_of
    ]
    if problems:
        raise InputError(problems)

    def wanted(commitment_id: str) -> bool:
        return (not families or family_of[commitment_id] in families) and (
            not commitments or commitment_id in commitments
        )

    def narrowed() -> Iterator[Version]:
        for version in versions:
            if (since is None or version.date >= since) and (until is None or version.date <= until):
                yield attrs.evolve(version, changes=tuple(c for c in version.changes if wanted(c.commitment_id)))

    narrowed_header = attrs.evolve(
        header,
        versions=(),
        commitments=tuple(c for c in header.commitments if wanted(c.id)),
        families=tuple(f for f in header.families if not families or f.id in families),
    )
    return narrowed_header, narrowed()
