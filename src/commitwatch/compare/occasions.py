"""Statements of one occasion read as one: companion documents of a summit do not churn.

Statements come in date order (and, within a date, by their ``order``, then by id). Consecutive
statements with the same ``occasion`` in their metadata, or without one and of the same date,
are one occasion. Its reading is the strongest observation of each commitment among them
(stance, then content level, then the more holders, then the earlier statement), the families
any of them addresses, and the sentences on each family counted over all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

import attrs

from ..model import Catalog, Observation, Reading, StatementInfo

__all__ = ["Occasion", "occasions"]

IN_PASSING = 1  # sentences on a family: as many as this, or fewer, only name it in passing


@attrs.frozen
class Occasion:
    """The statements of one occasion and their reading as one."""

    statements: tuple[StatementInfo, ...]
    reading: Reading

    @property
    def first(self) -> StatementInfo:
        """The statement that names the version (the first of the occasion)."""
        return self.statements[0]

    @property
    def others(self) -> tuple[StatementInfo, ...]:
        """Its companions."""
        return self.statements[1:]

    def treatment(self, family: str) -> str:
        """How the occasion treats a family: "taken up", "in passing" or "silent"."""
        sentences = self.reading.sentences_on(family)
        if any(family in statement.meta.subjects for statement in self.statements) or sentences > IN_PASSING:
            return "taken up"
        return "in passing" if sentences else "silent"


def occasions(readings: Iterable[tuple[StatementInfo, Reading]], catalog: Catalog) -> Iterator[Occasion]:
    """The occasions of statements in date order, each with its statements' readings merged."""
    ranks = {commitment.id: commitment.ladder for commitment in catalog.commitments}
    families = [family.id for family in catalog.families]
    for _, group in groupby(readings, key=_occasion_key):
        members = list(group)
        if len(members) == 1:
            yield Occasion((members[0][0],), members[0][1])
        else:
            yield Occasion(tuple(info for info, _ in members), _merged([r for _, r in members], ranks, families))


def _occasion_key(item: tuple[StatementInfo, Reading]) -> tuple[str, object]:
    meta = item[0].meta
    return ("occasion", meta.occasion) if meta.occasion else ("date", meta.date)


def _merged(readings: list[Reading], ladders: dict[str, tuple[str, ...]], families: list[str]) -> Reading:
    best: dict[str, Observation] = {}
    for reading in readings:
        for observation in reading.observations:
            known = best.get(observation.commitment_id)
            if known is None or _strength(observation, ladders) > _strength(known, ladders):
                best[observation.commitment_id] = observation
    order = {commitment_id: index for index, commitment_id in enumerate(ladders)}
    coverage: dict[str, int] = {}
    for reading in readings:
        for family, count in reading.coverage:
            coverage[family] = coverage.get(family, 0) + count
    addressed = {family for reading in readings for family in reading.families}
    return Reading(
        readings[0].statement_id,
        tuple(sorted(best.values(), key=lambda o: order.get(o.commitment_id, len(order)))),
        tuple(family for family in families if family in addressed),
        tuple((family, coverage[family]) for family in families if family in coverage),
        sum(reading.sentences_read for reading in readings),
    )


def _strength(observation: Observation, ladders: dict[str, tuple[str, ...]]) -> tuple[int, int, int, int]:
    ladder = ladders.get(observation.commitment_id, ())
    level = ladder.index(observation.level) + 1 if observation.level in ladder else 0
    return (observation.polarity == "affirmed", observation.stance_rank, level, len(observation.holders))
