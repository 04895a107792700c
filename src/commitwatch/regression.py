"""The diff-friendly layout of a changelog, for regression files a person reviews.

One entry per version and commitment, in a fixed order (versions oldest first, commitments in
catalog order), with the level, holders and evidence sentence (and, for a comparison, the version
and level it is compared with); nothing that changes from run to
run or machine to machine (no tool version, no paths, no hashes). A catalog edit then shows up in
a regression file's diff as exactly the entries it changes.
"""

from __future__ import annotations

from typing import Any

from .model import Changelog, Observation

__all__ = ["regression_data"]


def regression_data(changelog: Changelog) -> dict[str, Any]:
    """The changelog as plain data for ``data_regression`` (lists keep their order).

    Args:
        changelog: The changelog to record.

    Returns:
        ``{"catalog_version": ..., "versions": [{"version", "statement", "date", "changes": [...]}],
        "skipped": [{"path", "reason"}]}``
    """
    return {
        "catalog_version": changelog.catalog_version,
        "versions": [
            {
                "version": version.number,
                "statement": version.statement_id,
                "date": version.date.isoformat(),
                "changes": [
                    {
                        "commitment": change.commitment_id,
                        "kind": change.kind.value,
                        "before": _reference(change.before, change.before_version),
                        "after": _summary(change.after),
                    }
                    for change in version.changes
                ],
            }
            for version in changelog.versions
        ],
        "skipped": [{"path": item.path, "reason": item.reason} for item in changelog.skipped],
    }


def _reference(observation: Observation | None, version: int | None) -> dict[str, Any] | None:
    """What a change is compared with, briefly: the full record is in that version's entry."""
    if observation is None:
        return None
    return {"version": version, "level": observation.level, "polarity": observation.polarity}


def _summary(observation: Observation | None) -> dict[str, Any] | None:
    if observation is None:
        return None
    return {
        "level": observation.level,
        "polarity": observation.polarity,
        "holders": list(observation.holders),
        "modifiers": list(observation.modifiers),
        "evidence": " ".join(observation.evidence.sentence.split()),
        "cues": [" ".join(cue.text.split()) for cue in observation.evidence.cues],
    }


def entry_differences(expected: dict[str, Any], obtained: dict[str, Any]) -> list[str]:
    """Name the entries that differ between two regression records (as :func:`regression_data` makes).

    Returns:
        One line per (version, commitment) that was added, removed or changed, naming the
        changed fields, e.g. ``v2 003_46ae...: deterrence.extended_deterrence changed (after.cues)``.
    """

    def index(data: dict[str, Any]) -> dict[tuple[int, str, str], dict[str, Any]]:
        return {
            (version["version"], version["statement"], change["commitment"]): change
            for version in data.get("versions", [])
            for change in version.get("changes", [])
        }

    before, after = index(expected), index(obtained)
    lines = []
    for key in sorted(set(before) | set(after)):
        number, statement, commitment = key
        label = f"v{number} {statement}: {commitment}"
        if key not in before:
            lines.append(f"{label} added ({after[key]['kind']})")
        elif key not in after:
            lines.append(f"{label} removed (was {before[key]['kind']})")
        elif before[key] != after[key]:
            fields = ["kind"] if before[key]["kind"] != after[key]["kind"] else []
            for side in ("before", "after"):
                fields += [f"{side}.{name}" for name in _fields(before[key].get(side), after[key].get(side))]
            lines.append(f"{label} changed ({', '.join(fields)})")
    if expected.get("catalog_version") != obtained.get("catalog_version"):
        lines.insert(0, f"catalog version {expected.get('catalog_version')} -> {obtained.get('catalog_version')}")
    return lines


def _fields(before: Any, after: Any) -> list[str]:
    if before == after:
        return []
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ["(all)"]
    return [name for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
