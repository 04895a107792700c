"""Two catalogs over the same statements -> the changelog of the changelog. Pure: no I/O.

The statements did not change; the reading did. Every entry of a :class:`CatalogDiff` is such a
*catalog change*: a (version, commitment) whose reading was added, removed, or changed in kind,
level, polarity, holders or evidence. A commitment type that was renamed (deprecated with
``replaced_by``) is followed to its new id, so a rename is not "removed + added".
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .model import Catalog, Change, Changelog

__all__ = ["CatalogDiff", "DiffEntry", "ReadingSummary", "diff_changelogs", "renames"]


@attrs.frozen
class ReadingSummary:
    """What one version says of one commitment, as far as a diff compares it."""

    kind: str
    level: str | None
    polarity: str | None
    holders: tuple[str, ...]
    evidence: str | None
    cues: tuple[str, ...] = ()


_COMPARED = ("kind", "level", "polarity", "holders", "evidence", "cues")


@attrs.frozen
class DiffEntry:
    """One (version, commitment) that reads differently with the new catalog.

    Attributes:
        commitment_id: The commitment (its id in the new catalog).
        version: The version number.
        statement_id: The statement.
        status: "added", "removed" or "changed".
        fields: For "changed": which of kind, level, polarity, holders, evidence, cues differ.
        base: The reading with the base catalog (None when added).
        new: The reading with the new catalog (None when removed).
        renamed_from: The base catalog's id, when the commitment was renamed.
    """

    commitment_id: str
    version: int
    statement_id: str
    status: str
    fields: tuple[str, ...]
    base: ReadingSummary | None
    new: ReadingSummary | None
    renamed_from: str | None = None


@attrs.frozen
class CatalogDiff:
    """Everything a catalog edit changes in the reading of the same statements."""

    base_catalog_version: str
    new_catalog_version: str
    corpus: str
    entries: tuple[DiffEntry, ...]

    @property
    def identical(self) -> bool:
        return not self.entries


def renames(*catalogs: Catalog) -> dict[str, str]:
    """Old id -> current id, from the deprecated entries' ``replaced_by`` (followed to the end)."""
    direct = {c.id: c.replaced_by for c in (c for cat in catalogs for c in cat.commitments) if c.replaced_by}
    resolved = {}
    for old in direct:
        current, seen = old, {old}
        while current in direct and direct[current] not in seen:
            current = direct[current] or current
            seen.add(current)
        resolved[old] = current
    return resolved


def diff_changelogs(base: Changelog, new: Changelog, renamed: Mapping[str, str] | None = None) -> CatalogDiff:
    """Compare two changelogs of the same statements made with two catalogs.

    Args:
        base: The changelog made with the base catalog.
        new: The changelog made with the new catalog.
        renamed: Old id -> new id for renamed commitment types (see :func:`renames`).

    Returns:
        The entries that differ, by commitment (in the new catalog's order), then version.
    """
    renamed = dict(renamed or {})
    base_readings: dict[tuple[int, str], tuple[Change, str]] = {}
    for version in base.versions:
        for change in version.changes:
            current = renamed.get(change.commitment_id, change.commitment_id)
            base_readings[(version.number, current)] = (change, change.commitment_id)
    new_readings = {(v.number, c.commitment_id): c for v in new.versions for c in v.changes}
    statements = {v.number: v.statement_id for v in (*base.versions, *new.versions)}
    order = {c.id: index for index, c in enumerate(new.commitments)}

    entries = []
    for key in sorted(set(base_readings) | set(new_readings), key=lambda k: (order.get(k[1], len(order)), k[1], k[0])):
        number, commitment_id = key
        before_pair = base_readings.get(key)
        before = _summary(before_pair[0]) if before_pair else None
        after_change = new_readings.get(key)
        after = _summary(after_change) if after_change else None
        old_id = before_pair[1] if before_pair and before_pair[1] != commitment_id else None
        if before == after:
            continue
        fields: tuple[str, ...] = ()
        if before is None:
            status = "added"
        elif after is None:
            status = "removed"
        else:
            status = "changed"
            fields = tuple(name for name in _COMPARED if getattr(before, name) != getattr(after, name))
        entries.append(DiffEntry(commitment_id, number, statements[number], status, fields, before, after, old_id))
    return CatalogDiff(base.catalog_version, new.catalog_version, new.corpus, tuple(entries))


def _summary(change: Change) -> ReadingSummary:
    observation = change.after
    if observation is None:
        return ReadingSummary(change.kind.value, None, None, (), None)
    return ReadingSummary(
        change.kind.value,
        observation.level,
        observation.polarity,
        observation.holders,
        " ".join(observation.evidence.sentence.split()),
        tuple(" ".join(cue.text.split()) for cue in observation.evidence.cues),
    )
