"""The diff-friendly layout of a changelog, for regression files a person reviews.

One entry per version and commitment, in a fixed order (versions oldest first, commitments in
catalog order), with the stance, level, holders and evidence sentence (and, for a comparison, the version
and level it is compared with); nothing that changes from run to run or machine to machine (no
tool version, no paths, no hashes). A catalog edit then shows up in a regression file's diff as
exactly the entries it changes.
"""

from __future__ import annotations

from typing import Any

from ..model import Changelog, Observation

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
    return {
        "version": version,
        "stance": observation.stance,
        "level": observation.level,
        "polarity": observation.polarity,
    }


def _summary(observation: Observation | None) -> dict[str, Any] | None:
    if observation is None:
        return None
    return {
        "stance": observation.stance,
        "level": observation.level,
        "polarity": observation.polarity,
        "holders": list(observation.holders),
        "addressee": list(observation.addressee),
        "modifiers": list(observation.modifiers),
        "evidence": " ".join(observation.evidence.sentence.split()),
        "cues": [" ".join(cue.text.split()) for cue in observation.evidence.cues],
        "quantities": [" ".join(quantity.text.split()) for quantity in observation.quantities],
    }
