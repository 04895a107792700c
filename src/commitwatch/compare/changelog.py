"""Readings in date order -> the versioned :class:`~commitwatch.model.Changelog`. Pure: no I/O.

Statements of one occasion (one date, or the same ``occasion`` in their metadata) are read as
one version: its observation of a commitment is the strongest among them. For each version and
each active commitment type, one change:

- **appeared**: shown for the first time;
- **strengthened** / **weakened**: a stronger / weaker stance than last time it was shown, or
  at the same stance a higher / lower content level, or at the same level an earlier / later
  deadline or a larger / smaller share or amount (the note names the old and new value);
- **reversed**: affirmed last time, negated now, or the other way round;
- **holder changed**: same strength, different parties holding it;
- **unchanged**: the same;
- **dropped**: the version *takes up* the commitment's family (two or more of its sentences
  show the family, or its metadata lists the family in ``subjects``) and leaves this commitment
  out; a commitment marked ``persistent: false`` (a position tied to one event) is never dropped;
- **not restated**: the version names the family only in passing (one sentence), and not this
  commitment: shown quietly, and its next appearance is compared as usual, not "returned";
- **not addressed**: the version says nothing of the whole family (a statement on arms
  transfers is silent on deterrence), so nothing is read into the silence;
- **returned**: shown again after being dropped, with the level it returned at and the version
  it was last seen in.

A commitment is compared with its last observation, even across versions that did not restate
it; such a comparison carries a note saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._version import __version__
from ..model import (
    Catalog,
    Changelog,
    ChangelogHead,
    CommitmentInfo,
    Companion,
    Reading,
    SkippedFile,
    StatementInfo,
    Version,
)
from .history import History
from .occasions import occasions

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


def _ordering(previous: StatementInfo, statement: StatementInfo, number: int) -> str:
    """How a version came after the one before of its date, when neither `order:` nor two
    different times say it: "" when the dates differ or the metadata orders them."""
    before, now = previous.meta, statement.meta
    if before.date != now.date or before.order is not None or now.order is not None:
        return ""
    assert now.date is not None
    shared = f"shares its date ({now.date.isoformat()}) with v{number - 1} and follows it"
    if before.time and now.time and before.time != now.time:
        return ""
    if before.time and now.time:
        return f"{shared} by file name, since both give the time {now.time[:5]} and no 'order:'"
    if before.time:
        return f"{shared} because v{number - 1} gives a 'time:' and it gives none (nor 'order:')"
    return f"{shared} by file name, since neither gives 'order:' or 'time:' in its metadata"


def versions(readings: Iterable[tuple[StatementInfo, Reading]], catalog: Catalog) -> Iterator[Version]:
    """The versions one at a time, holding only each commitment's last observation in between.

    Args:
        readings: Each canonical statement with its reading, oldest first (taken lazily, so the
            readings may come from disk).
        catalog: The catalog the readings were made with.
    """
    active = catalog.active
    order = {commitment.id: position for position, commitment in enumerate(active)}
    by_id = {commitment.id: commitment for commitment in active}
    history: dict[str, History] = {}
    live: set[str] = set()  # commitments that can have an entry without being observed
    previous: StatementInfo | None = None  # the first statement of the version before
    for number, occasion in enumerate(occasions(readings, catalog), start=1):
        reading = occasion.reading
        observed = {o.commitment_id: o for o in reading.observations if o.commitment_id in order}
        changes = []
        treatments: dict[str, str] = {}  # per family: asked once per version, not once per commitment
        for commitment_id in sorted(observed.keys() | live, key=order.__getitem__):
            commitment = by_id[commitment_id]
            state = history.get(commitment_id)
            if state is None:
                state = history[commitment_id] = History(commitment_id, commitment.ladder, commitment.persistent)
            treatment = treatments.get(commitment.family)
            if treatment is None:
                treatment = treatments[commitment.family] = occasion.treatment(commitment.family)
            change = state.step(number, observed.get(commitment_id), treatment)
            if change is not None:
                changes.append(change)
            (live.add if state.live else live.discard)(commitment_id)
        statement = occasion.first
        meta = statement.meta
        assert meta.date is not None, "a corpus holds dated statements only"
        ordering = ""
        ordering = _ordering(previous, statement, number) if previous is not None else ""
        # the parties its statements name, in order (an occasion's companions may name others)
        named = tuple(dict.fromkeys(party for info in occasion.statements for party in info.meta.parties))
        previous = statement
        yield Version(
            number=number,
            statement_id=statement.id,
            title=meta.title or statement.id,
            date=meta.date,
            source=meta.source,
            parties=named or catalog.default_parties,
            parties_assumed=not named,
            sentences=sum(info.sentences for info in occasion.statements),
            sentences_read=reading.sentences_read,
            coverage=reading.coverage,
            path=statement.path,
            sha256=statement.sha256,
            variants=statement.variants,
            families=reading.families,
            changes=tuple(changes),
            companions=tuple(
                Companion(other.id, other.meta.title or other.id, other.path, other.sha256) for other in occasion.others
            ),
            occasion=meta.occasion,
            ordering=ordering,
        )
