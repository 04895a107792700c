"""Two readings of the same statements -> what differs, entry by entry. Pure: no I/O.

The one diff of commitwatch: ``commitwatch diff`` (the same statements read with two catalogs)
and the pytest plugin (an expected regression file against today's reading) both compare two
regression records (:func:`~commitwatch.compare.records.regression_data`), so they count and
name the same entries. An entry is a (version, commitment) whose record was added, removed or
changed; a changed one names its fields as the record does (``kind``, ``before.level``,
``after.cues``, ...). A commitment type that was renamed (deprecated with ``replaced_by``) is
followed to its new id, so a rename is not "removed + added".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..model import Catalog

__all__ = ["CatalogDiff", "DiffEntry", "EntryRecord", "diff_records", "renames"]


@attrs.frozen
class EntryRecord:
    """What one version's record says of one commitment, as far as a diff shows it."""

    kind: str
    stance: str | None = None
    level: str | None = None
    polarity: str | None = None
    holders: tuple[str, ...] = ()
    evidence: str | None = None
    cues: tuple[str, ...] = ()

    @classmethod
    def of(cls, change: Mapping[str, Any]) -> EntryRecord:
        """The summary of one change of a regression record."""
        after = change.get("after") or {}
        return cls(
            kind=str(change.get("kind")),
            stance=after.get("stance"),
            level=after.get("level"),
            polarity=after.get("polarity"),
            holders=tuple(after.get("holders") or ()),
            evidence=after.get("evidence"),
            cues=tuple(after.get("cues") or ()),
        )


@attrs.frozen
class DiffEntry:
    """One (version, commitment) that reads differently.

    Attributes:
        commitment_id: The commitment (its id in the new reading).
        version: The version number.
        statement_id: The statement.
        status: "added", "removed" or "changed".
        fields: For "changed": which parts of the record differ (``kind``, ``after.level``, ...).
        base: The entry in the base reading (None when added).
        new: The entry in the new reading (None when removed).
        renamed_from: The base reading's id, when the commitment was renamed.
    """

    commitment_id: str
    version: int
    statement_id: str
    status: str
    fields: tuple[str, ...]
    base: EntryRecord | None
    new: EntryRecord | None
    renamed_from: str | None = None

    def line(self) -> str:
        """The entry in one line, e.g. ``v2 003_46ae...: deterrence.extended_deterrence changed (after.cues)``."""
        label = f"v{self.version} {self.statement_id}: {self.commitment_id}"
        if self.status == "added":
            assert self.new is not None
            return f"{label} added ({self.new.kind})"
        if self.status == "removed":
            assert self.base is not None
            return f"{label} removed (was {self.base.kind})"
        renamed = f", renamed from {self.renamed_from}" if self.renamed_from else ""
        return f"{label} changed ({', '.join(self.fields)}{renamed})"


@attrs.frozen
class CatalogDiff:
    """Everything that reads differently between two readings of the same statements."""

    base_catalog_version: str
    new_catalog_version: str
    corpus: str
    entries: tuple[DiffEntry, ...]
    catalog_changed: bool | None = None  # whether the two catalogs differ at all (None: not known)

    @property
    def identical(self) -> bool:
        """Whether nothing reads differently."""
        return not self.entries

    @property
    def version_not_bumped(self) -> bool:
        """Whether the catalog changed but kept its version number."""
        return bool(self.catalog_changed) and self.base_catalog_version == self.new_catalog_version

    def lines(self) -> list[str]:
        """One line per entry, after a line naming the catalog versions when they differ."""
        lines = [entry.line() for entry in self.entries]
        if self.base_catalog_version != self.new_catalog_version:
            lines.insert(0, f"catalog version {self.base_catalog_version} -> {self.new_catalog_version}")
        return lines


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


def diff_records(
    base: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    renamed: Mapping[str, str] | None = None,
    order: Sequence[str] = (),
    corpus: str = "",
) -> CatalogDiff:
    """Compare two regression records of the same statements.

    Args:
        base: The base record (another catalog's reading, or the expected file).
        new: The new record.
        renamed: Old id -> new id for renamed commitment types (see :func:`renames`).
        order: Commitment ids in the order to list them (others follow, by id).
        corpus: Where the statements came from, for the report.

    Returns:
        The entries that differ, by commitment, then version.
    """
    renamed = dict(renamed or {})
    base_changes: dict[tuple[int, str], tuple[dict[str, Any], str]] = {}
    for number, _, change in _changes(base):
        original = change["commitment"]
        base_changes[(number, renamed.get(original, original))] = (change, original)
    new_changes = {(number, change["commitment"]): change for number, _, change in _changes(new)}
    statements = {number: statement for number, statement, _ in (*_changes(base), *_changes(new))}
    position = {commitment_id: index for index, commitment_id in enumerate(order)}

    entries = []
    for key in sorted(
        base_changes.keys() | new_changes.keys(), key=lambda k: (position.get(k[1], len(position)), k[1], k[0])
    ):
        number, commitment_id = key
        before, original = base_changes.get(key, (None, None))
        after = new_changes.get(key)
        if before is not None:
            before = {**before, "commitment": commitment_id}
        if before == after:
            continue
        fields: tuple[str, ...] = ()
        if before is None:
            status = "added"
        elif after is None:
            status = "removed"
        else:
            status = "changed"
            fields = _fields(before, after)
        entries.append(
            DiffEntry(
                commitment_id,
                number,
                statements[number],
                status,
                fields,
                EntryRecord.of(before) if before is not None else None,
                EntryRecord.of(after) if after is not None else None,
                original if original not in (None, commitment_id) else None,
            )
        )
    return CatalogDiff(str(base.get("catalog_version")), str(new.get("catalog_version")), corpus, tuple(entries))


def _changes(record: Mapping[str, Any]) -> list[tuple[int, str, dict[str, Any]]]:
    return [
        (version["version"], version["statement"], change)
        for version in record.get("versions") or ()
        for change in version.get("changes") or ()
    ]


def _fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    fields = ["kind"] if before.get("kind") != after.get("kind") else []
    for side in ("before", "after"):
        old, now = before.get(side), after.get(side)
        if old == now:
            continue
        if not isinstance(old, Mapping) or not isinstance(now, Mapping):
            fields.append(f"{side}.(all)")
            continue
        fields += [f"{side}.{name}" for name in sorted(set(old) | set(now)) if old.get(name) != now.get(name)]
    return tuple(fields)
