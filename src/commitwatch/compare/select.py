"""Narrowing a changelog to a date range, families or commitment types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import attrs

from ..errors import InputError, Problem, did_you_mean
from ..model import Changelog, ChangelogHead, Version

__all__ = ["select", "select_stream"]


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
    head, versions = select_stream(
        changelog.head, iter(changelog.versions), since=since, until=until, families=families, commitments=commitments
    )
    return Changelog.of(head, tuple(versions))


def select_stream(
    header: ChangelogHead,
    versions: Iterator[Version],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    families: Sequence[str] = (),
    commitments: Sequence[str] = (),
) -> tuple[ChangelogHead, Iterator[Version]]:
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
            did_you_mean(name, family_of) or "`commitwatch check --list --catalog DIR` lists the ids",
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

    chosen = [
        f"since {since.isoformat()}" if since else "",
        f"until {until.isoformat()}" if until else "",
        f"famil{'ies' if len(families) > 1 else 'y'} {', '.join(families)}" if families else "",
        f"commitment{'s' if len(commitments) > 1 else ''} {', '.join(commitments)}" if commitments else "",
    ]
    said = "; ".join(part for part in chosen if part)
    narrowed_header = attrs.evolve(
        header,
        commitments=tuple(c for c in header.commitments if wanted(c.id)),
        families=tuple(f for f in header.families if not families or f.id in families),
        selection="; ".join(part for part in (header.selection, said) if part),
    )
    return narrowed_header, narrowed()
