"""The timeline table: each commitment's level, version by version, with a mark for each change."""

from __future__ import annotations

from collections import deque

import attrs

from ..model import Change, ChangeKind, Changelog, ChangelogHead, Variant, Version
from ._text import escape, level_name
from .kinds import SYMBOLS

__all__ = ["TIMELINE_COLUMNS", "Seen", "render_timeline", "timeline_lines"]

LEGEND = (
    "Each cell: the stance (mentioned, urged, committed, intensified, fulfilled) and, where the commitment has a "
    "ladder, its level. + appeared, ▲ strengthened, ✓ fulfilled (reported as delivered), ▼ weakened, "
    "⇄ reversed (negated or affirmed again), ≠ holder changed, "
    "↺ returned after it was dropped; **dropped**: left out of a statement that takes up its family; *·*: not "
    "restated, the family named only in passing; *n/a*: the statement does not address the family; blank: not "
    "stated."
)


TIMELINE_COLUMNS = 24  # more versions than this make a table no one can read: the latest are shown


def timeline_lines(changelog: ChangelogHead, seen: Seen) -> list[str]:
    versions = list(seen.latest)
    if not versions:
        return ["No version to show."]
    by_version = [{change.commitment_id: change for change in version.changes} for version in versions]
    header = "| Commitment | " + " | ".join(f"v{v.number} {v.date.isoformat()}" for v in versions) + " |"
    rule = "| --- | " + " | ".join("---" for _ in versions) + " |"
    rows = [header, rule]
    for family in changelog.families:
        members = [c for c in changelog.commitments if c.family == family.id]
        cells = [[_cell(changes.get(c.id), c.ladder) for changes in by_version] for c in members]
        shown = [(c, row) for c, row in zip(members, cells, strict=True) if any(cell for cell in row)]
        if not shown:
            continue
        rows.append(f"| **{escape(family.title)}** | " + " | ".join("" for _ in versions) + " |")
        rows.extend(f"| {escape(c.title)} | " + " | ".join(row) + " |" for c, row in shown)
    if seen.count > len(versions):
        rows += [
            "",
            f"The table shows the latest {len(versions)} of {seen.count:,} versions; "
            "narrow the report with `--since` and `--until` to see others.",
        ]
    return [*rows, "", LEGEND]


def _cell(change: Change | None, ladder: tuple[str, ...]) -> str:
    if change is None:
        return ""
    if change.kind is ChangeKind.DROPPED:
        return "**dropped**"
    if change.kind is ChangeKind.NOT_ADDRESSED:
        return "*n/a*"
    if change.kind is ChangeKind.NOT_RESTATED:
        return "*·*"
    assert change.after is not None
    mark = SYMBOLS[change.kind]
    return f"{mark} {level_name(change.after, ladder)}".strip()


class Seen:
    """What the report's head and tail need of all the versions, gathered as they go by."""

    def __init__(self) -> None:
        self.count = 0
        self.companions = 0  # statements read with another of their occasion, as one version
        self.sentences = 0
        self.sentences_read = 0  # sentences that show a commitment of the catalog
        self.first: Version | None = None
        self.last: Version | None = None
        self.latest: deque[Version] = deque(maxlen=TIMELINE_COLUMNS)
        self.with_variants: list[_Copies] = []  # not whole versions: their evidence is not needed again

    def add(self, version: Version) -> None:
        self.count += 1
        self.companions += len(version.companions)
        self.sentences += version.sentences
        self.sentences_read += version.sentences_read
        self.first = self.first or version
        self.last = version
        self.latest.append(version)
        if version.variants:
            self.with_variants.append(_Copies(version.number, version.path, version.variants))


@attrs.frozen
class _Copies:
    """A version's republished copies, for the report's tail."""

    number: int
    path: str
    variants: tuple[Variant, ...]


def render_timeline(changelog: Changelog) -> str:
    """Only the timeline table (and its legend), for a terminal; first what it was narrowed to, if anything."""
    seen = Seen()
    for version in changelog.versions:
        seen.add(version)
    selection = [f"Selection: {escape(changelog.selection)}", ""] if changelog.selection else []
    return "\n".join([*selection, *timeline_lines(changelog, seen)]) + "\n"
