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

from collections.abc import Iterable, Iterator

from .._version import __version__
from ..model import (
    Catalog,
    Change,
    ChangeKind,
    Changelog,
    ChangelogHead,
    CommitmentInfo,
    Observation,
    Reading,
    SkippedFile,
    StatementInfo,
    Version,
)

__all__ = ["build_changelog", "changelog_head", "versions"]


def build_changelog(
    readings: Iterable[tuple[StatementInfo, Reading]],
    catalog: Catalog,
    *,
    corpus: str = "",
    skipped: Iterable[SkippedFile] = (),
) -> Changelog:
    """Build the changelog from statements' readings, already in date order.

    Args:
        readings: Each canonical statement (its :attr:`~commitwatch.model.Statement.info`) with
            its reading, oldest first.
        catalog: The catalog the readings were made with.
        corpus: Where the statements came from, for the head.
        skipped: The files that were skipped, carried into the changelog.
    """
    return Changelog.of(changelog_head(catalog, corpus=corpus, skipped=skipped), tuple(versions(readings, catalog)))


def changelog_head(catalog: Catalog, *, corpus: str = "", skipped: Iterable[SkippedFile] = ()) -> ChangelogHead:
    """What is known of a changelog before any statement is compared."""
    return ChangelogHead(
        tool_version=__version__,
        catalog_version=catalog.version,
        catalog_title=catalog.title,
        corpus=corpus,
        families=catalog.families,
        commitments=tuple(CommitmentInfo(c.id, c.title, c.family, c.ladder) for c in catalog.active),
        skipped=tuple(skipped),
    )


def versions(readings: Iterable[tuple[StatementInfo, Reading]], catalog: Catalog) -> Iterator[Version]:
    """The versions one at a time, holding only each commitment's last observation in between.

    Args:
        readings: Each canonical statement with its reading, oldest first (taken lazily, so the
            readings may come from disk).
        catalog: The catalog the readings were made with.
    """
    active = catalog.active
    order = {commitment.id: position for position, commitment in enumerate(active)}
    family_of = {commitment.id: commitment.family for commitment in active}
    history: dict[str, _History] = {}
    live: set[str] = set()  # commitments that can have an entry without being observed: shown and not dropped
    for number, (statement, reading) in enumerate(readings, start=1):
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
