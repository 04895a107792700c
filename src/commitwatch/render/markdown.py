"""Changelog -> Markdown (CommonMark with GFM tables), for a person to read or paste into a page.

Built as a list of lines, in the spirit of Keep a Changelog: a header naming the corpus, its
dates and the versions of the catalog and commitwatch; a timeline table; then one section per
version with its changes grouped by kind, each quoting its evidence with the decisive words in
bold. Output is deterministic: no timestamps, no absolute paths.
"""

from __future__ import annotations

from ..compare.occasions import IN_PASSING
from ..model import Change, ChangeKind, Changelog, ChangelogHead, Observation, Version
from ._text import escape, level_name, qualifiers, quote
from .kinds import EVENTS, HEADINGS, KIND_ORDER
from .timeline import Seen, render_timeline, timeline_lines

__all__ = ["HistoryReport", "MarkdownReport", "render_history", "render_markdown", "render_timeline"]


def render_markdown(
    changelog: Changelog,
    *,
    show_unchanged: bool = False,
    oldest_first: bool = False,
    stamp: bool = True,
    summary: bool = False,
) -> str:
    """Render a changelog as Markdown.

    Args:
        changelog: The changelog (narrowed with :func:`commitwatch.select` if wanted).
        show_unchanged: Also list commitments that did not change.
        oldest_first: Versions in date order instead of newest first.
        stamp: Name the commitwatch version in the header (off for regression files, which
            must not change when only the tool's version does).
        summary: Only the header, the timeline and the counts of changes, without the versions'
            sections (for a corpus too long to read version by version).

    Returns:
        The Markdown text, ending with a newline.
    """
    report = MarkdownReport(changelog, show_unchanged=show_unchanged, stamp=stamp, summary=summary)
    sections = [report.section(version) for version in changelog.versions]
    return report.head() + "".join(sections if oldest_first else reversed(sections)) + report.tail()


class MarkdownReport:
    """A Markdown report built as its versions come: each version's section at once, then the head
    (which summarises them all) and the tail. The report reads head, sections, tail.

    Args:
        head: The changelog's head.
        show_unchanged: Also list commitments that did not change.
        stamp: Name the commitwatch version in the header.
        summary: Counts of changes instead of the versions' sections.
    """

    def __init__(
        self, head: ChangelogHead, *, show_unchanged: bool = False, stamp: bool = True, summary: bool = False
    ) -> None:
        self._head = head
        self._show_unchanged = show_unchanged
        self._stamp = stamp
        self._summary = summary
        self._seen = Seen()
        self._index = _Index(head)
        self._counts: dict[tuple[str, ChangeKind], int] = {}

    def section(self, version: Version) -> str:
        """The section of the next version (oldest first), starting with a blank line ("" in a summary)."""
        self._seen.add(version)
        if self._summary:
            for change in version.changes:
                key = (self._index.commitments[change.commitment_id].family, change.kind)
                self._counts[key] = self._counts.get(key, 0) + 1
            return ""
        return "\n" + "\n".join(_version(self._index, version, self._show_unchanged)) + "\n"

    def head(self) -> str:
        """The title, the corpus and catalog lines and the timeline of the versions seen."""
        lines: list[str] = [f"# Commitment changelog: {escape(self._head.catalog_title)}", ""]
        lines += _header(self._head, self._seen, self._stamp)
        lines += ["", "## Timeline", ""]
        lines += timeline_lines(self._head, self._seen)
        if self._summary:
            lines += ["", "## Changes by family", "", *_counts(self._head, self._counts)]
        return "\n".join(lines) + "\n"

    def tail(self) -> str:
        """The republished copies and skipped files, or ""."""
        tail = [*_variants(self._seen), *_skipped(self._head)]
        return "\n".join(tail) + "\n" if tail else ""


def _counts(head: ChangelogHead, counts: dict[tuple[str, ChangeKind], int]) -> list[str]:
    """A table of how many commitments of each family changed in each way, over all versions."""
    rows = ["| Family | " + " | ".join(HEADINGS[kind] for kind in EVENTS) + " |"]
    rows.append("| --- | " + " | ".join("---:" for _ in EVENTS) + " |")
    totals = dict.fromkeys(EVENTS, 0)
    for family in head.families:
        numbers = [counts.get((family.id, kind), 0) for kind in EVENTS]
        if not any(numbers):
            continue
        for kind, number in zip(EVENTS, numbers, strict=True):
            totals[kind] += number
        rows.append(f"| {escape(family.title)} | " + " | ".join(str(number) for number in numbers) + " |")
    rows.append("| **All families** | " + " | ".join(f"**{totals[kind]}**" for kind in EVENTS) + " |")
    return rows


def render_history(changelog: Changelog, commitment_id: str, *, stamp: bool = True) -> str:
    """One commitment type's life as Markdown: every version that has an entry for it, with its evidence.

    Args:
        changelog: The changelog (narrowed with :func:`commitwatch.select` if wanted).
        commitment_id: The commitment type's id (as in the changelog's ``commitments``).
        stamp: Name the commitwatch version in the header.

    Raises:
        KeyError: The changelog has no such commitment type.
    """
    report = HistoryReport(changelog, commitment_id, stamp=stamp)
    for version in changelog.versions:
        report.add(version)
    return report.text()


class HistoryReport:
    """:func:`render_history` for versions that come one at a time: only the commitment's entries
    are kept (a few lines per version), never the versions.

    Raises:
        KeyError: The changelog has no such commitment type.
    """

    def __init__(self, head: ChangelogHead, commitment_id: str, *, stamp: bool = True) -> None:
        self._head = head
        self._commitment = head.commitment(commitment_id)
        self._index = _Index(head)
        self._stamp = stamp
        self._seen = Seen()
        self._entries: list[str] = []

    def add(self, version: Version) -> None:
        """The next version, oldest first."""
        self._seen.add(version)
        commitment = self._commitment
        change = version.change(commitment.id)
        if change is None:
            return
        shown = change.after or change.before
        assert shown is not None
        held = f", held by {self._index.holders(shown.holders)}" if change.after is not None else ""
        if change.kind is ChangeKind.UNCHANGED:
            movement = f"**{level_name(change.after, commitment.ladder)}**"
        else:
            movement = _movement(change, commitment.ladder)
        self._entries += [
            "",
            f"## v{version.number}: {version.date.isoformat()}: {escape(version.title)}",
            "",
            f"- **{HEADINGS[change.kind]}**{held}: {movement}",
        ]
        if change.after is not None:
            self._entries.append(f"  - Evidence: {self._index.quoted(commitment.id, change.after, latest=True)}")
        if change.note and change.kind is not ChangeKind.RETURNED:
            self._entries.append(f"  - Note: {escape(change.note)}")
        self._entries.append(f"  - File: `{version.path}`")

    def text(self) -> str:
        """The history: the header (with the versions seen), then each entry."""
        commitment = self._commitment
        family = escape(self._index.family_titles[commitment.family])
        lines = [f"# History: {escape(commitment.title)} (`{commitment.id}`)", "", f"- **Family:** {family}"]
        lines += _header(self._head, self._seen, self._stamp)
        entries = self._entries or ["", "No statement in this changelog states it."]
        return "\n".join(lines + entries) + "\n"


def coverage(seen: Seen, *, narrowed: bool = False) -> str:
    """How much of the statements' text the catalog reads: "310 of 1,024 sentences (30%) show ..."."""
    read, total = seen.sentences_read, seen.sentences
    share = 100 * read // total if total else 0  # rounded down: 100% only when every sentence is read
    noun = "sentence" if total == 1 else "sentences"
    verb = "shows" if read == 1 else "show"
    scope = " (any of its families, not only the selection's)" if narrowed else ""
    return (
        f"{read:,} of {total:,} {noun} ({share}%) {verb} a commitment of the catalog{scope}; "
        "the others say nothing it describes"
    )


def _narrowed(head: ChangelogHead) -> bool:
    """Whether the selection keeps only some families or commitments (select() names them so)."""
    return any(part.startswith(("famil", "commitment")) for part in head.selection.split("; "))


def _header(changelog: ChangelogHead, seen: Seen, stamp: bool) -> list[str]:
    variants = sum(len(version.variants) for version in seen.with_variants)
    if seen.first is not None and seen.last is not None:
        span = f"{seen.first.date.isoformat()} to {seen.last.date.isoformat()}"
        counts = f"{seen.count} statement{'s' if seen.count != 1 else ''}, {span}"
    else:
        counts = "no statement in this selection" if changelog.selection else "no statements"
    extras = []
    if seen.companions:
        extras.append(
            f"{seen.companions} more read with another statement of {'its' if seen.companions == 1 else 'their'} "
            "occasion, as one version"
        )
    if variants:
        extras.append(f"{variants} republished cop{'ies' if variants != 1 else 'y'} counted once")
    if changelog.skipped:
        extras.append(f"{len(changelog.skipped)} file{'s' if len(changelog.skipped) != 1 else ''} skipped")
    if extras:
        counts += "; " + ", ".join(extras)
    lines = [
        f"- **Corpus:** {escape(changelog.corpus) or 'statements'} ({counts})",
        *([f"- **Selection:** {escape(changelog.selection)}"] if changelog.selection else []),
        *([f"- **Coverage:** {coverage(seen, narrowed=_narrowed(changelog))}"] if seen.sentences else []),
        f"- **Catalog:** version {escape(changelog.catalog_version)}",
    ]
    if stamp:
        lines.append(f"- **commitwatch:** version {escape(changelog.tool_version)}")
    return lines


class _Index:
    """The changelog's commitments and families by id (a report looks them up once per entry)."""

    def __init__(self, changelog: ChangelogHead) -> None:
        self.changelog = changelog
        self.commitments = {commitment.id: commitment for commitment in changelog.commitments}
        self.family_titles = {family.id: family.title for family in changelog.families}
        # Per commitment, its latest observation quoted: the next change quotes it again as "Before".
        self._latest: dict[str, tuple[Observation, str]] = {}
        self._headings: dict[str, str] = {}
        self._holders: dict[tuple[str, ...], str] = {}

    def heading(self, commitment_id: str) -> str:
        """An entry's opening words: the commitment's title, family and id (escaped once)."""
        heading = self._headings.get(commitment_id)
        if heading is None:
            commitment = self.commitments[commitment_id]
            family = escape(self.family_titles[commitment.family])
            heading = f"- **{escape(commitment.title)}** ({family}; `{commitment.id}`)"
            self._headings[commitment_id] = heading
        return heading

    def holders(self, holders: tuple[str, ...]) -> str:
        """Holders as a reader sees them (escaped once per combination)."""
        shown = self._holders.get(holders)
        if shown is None:
            shown = self._holders[holders] = escape(", ".join(holders))
        return shown

    def quoted(self, commitment_id: str, observation: Observation, *, latest: bool) -> str:
        """The observation's evidence quoted with its qualifiers (the latest one's is remembered)."""
        known = self._latest.get(commitment_id)
        if known is not None and known[0] is observation:
            return known[1]
        text = quote(observation.evidence) + qualifiers(observation)
        if latest:
            self._latest[commitment_id] = (observation, text)
        return text


def _version(index: _Index, version: Version, show_unchanged: bool) -> list[str]:
    lines = [f"## v{version.number}: {version.date.isoformat()}: {escape(version.title)}", ""]
    if version.source:
        lines.append(f"- **Source:** {escape(version.source)}")
    assumed = " (assumed: its metadata names none, so the catalog's `default_parties`)"
    lines.append(f"- **Parties:** {escape(', '.join(version.parties))}{assumed if version.parties_assumed else ''}")
    lines.append(f"- **File:** `{version.path}` (sha256 `{version.sha256[:12]}`)")
    if version.companions:
        names = "; ".join(f"`{other.path}` ({escape(other.title)})" for other in version.companions)
        occasion = f" {escape(version.occasion)}:" if version.occasion else ""
        lines.append(f"- **Read with, as one occasion:**{occasion} {names}")
    if version.ordering:
        lines.append(f"- **Order:** {escape(version.ordering)}")
    if version.variants:
        names = ", ".join(f"`{variant.path}`" for variant in version.variants)
        lines.append(f"- **Republished copies:** {names} (see the end of this report)")
    by_kind: dict[ChangeKind, list[Change]] = {}
    for change in version.changes:
        by_kind.setdefault(change.kind, []).append(change)
    shown_any = False
    for kind in KIND_ORDER:
        changes = by_kind.get(kind, [])
        if not changes or (kind is ChangeKind.UNCHANGED and not show_unchanged):
            continue
        shown_any = True
        lines += ["", f"### {HEADINGS[kind]}", ""]
        if kind in (ChangeKind.NOT_ADDRESSED, ChangeKind.NOT_RESTATED):
            lines += _quiet(index, changes, kind)
            continue
        for change in changes:
            lines += _entry(index, change, version)
    hidden = len(by_kind.get(ChangeKind.UNCHANGED, []))
    if not shown_any:
        lines += ["", "No changes." if not hidden else f"No changes ({hidden} unchanged)."]
    elif hidden and not show_unchanged:
        lines += ["", f"{hidden} commitment{'s' if hidden != 1 else ''} unchanged (shown with `--all`)."]
    return lines


def _entry(index: _Index, change: Change, version: Version) -> list[str]:
    commitment = index.commitments[change.commitment_id]
    ladder = commitment.ladder
    note = "" if change.kind is ChangeKind.RETURNED else change.note
    if change.kind is ChangeKind.DROPPED and not note:
        on_family = dict(version.coverage).get(commitment.family, 0)
        family = index.family_titles[commitment.family]
        if on_family > IN_PASSING:
            note = f"the statement takes up {family} ({on_family} sentences on it) and leaves this commitment out"
        else:  # taken up by its metadata's `subjects:`
            note = f"the statement's metadata names {family} among its subjects, and it leaves this commitment out"
    shown = change.after or change.before
    assert shown is not None
    movement = _movement(change, ladder)
    lines = [f"{index.heading(change.commitment_id)}, held by {index.holders(shown.holders)}: {movement}"]
    if change.after is not None:
        lines.append(f"  - Now: {index.quoted(change.commitment_id, change.after, latest=True)}")
    if change.before is not None:
        lines.append(
            f"  - Before (v{change.before_version}): {index.quoted(change.commitment_id, change.before, latest=False)}"
        )
    if note:
        lines.append(f"  - Note: {escape(note)}")
    return lines


def _movement(change: Change, ladder: tuple[str, ...]) -> str:
    """How the commitment moved, the new state in bold: "urged → **committed**"."""
    before, after = change.before, change.after
    if change.kind in (ChangeKind.NOT_ADDRESSED, ChangeKind.NOT_RESTATED):
        return f"in effect: {level_name(before, ladder)} (from v{change.before_version})"
    if change.kind is ChangeKind.APPEARED or before is None:  # appeared, or fulfilled when first seen
        return f"**{level_name(after, ladder)}**"
    if change.kind is ChangeKind.DROPPED:
        return f"{level_name(before, ladder)} → **not stated**"
    if change.kind is ChangeKind.RETURNED:
        last = f"last seen in v{change.before_version}: {level_name(before, ladder)}"
        return f"**{level_name(after, ladder)}** again ({last})"
    return f"{level_name(before, ladder)} → **{level_name(after, ladder)}**"


def _quiet(index: _Index, changes: list[Change], kind: ChangeKind) -> list[str]:
    """Commitments a version leaves out without dropping them, one line per family."""
    lines = []
    by_family: dict[str, list[Change]] = {}
    for change in changes:
        by_family.setdefault(index.commitments[change.commitment_id].family, []).append(change)
    why = (
        "the statement does not address this family"
        if kind is ChangeKind.NOT_ADDRESSED
        else "the statement names this family only in passing, and does not restate"
    )
    for family in index.changelog.families:
        members = by_family.get(family.id)
        if not members:
            continue
        titles = "; ".join(
            f"{escape(index.commitments[c.commitment_id].title)} "
            f"(last {level_name(c.before, index.commitments[c.commitment_id].ladder)} in v{c.before_version})"
            for c in members
            if c.before is not None
        )
        lines.append(f"- **{escape(family.title)}**: {why}. In effect: {titles}.")
    return lines


def _variants(seen: Seen) -> list[str]:
    rows = [(version, variant) for version in seen.with_variants for variant in version.variants]
    if not rows:
        return []
    lines = ["", "## Republished copies", ""]
    for version, variant in rows:
        changes = "; ".join(
            f"“{escape(change.canonical) or '∅'}” → “{escape(change.variant) or '∅'}”" for change in variant.changes
        )
        copy_of = f"v{version.number} (`{version.path}`)"
        lines.append(f"- `{variant.path}` is a republished copy of {copy_of}: {escape(variant.reason)}.")
        lines.append(f"  - Wording that differs: {changes or 'none'}")
    return lines


def _skipped(changelog: ChangelogHead) -> list[str]:
    if not changelog.skipped:
        return []
    lines = ["", "## Skipped files", ""]
    for item in changelog.skipped:
        where = f"`{item.path}`" + (f" (line {item.line})" if item.line else "")
        hint = f" To use it: {escape(item.hint)}." if item.hint else ""
        lines.append(f"- {where}: {escape(item.reason)}.{hint}")
    return lines
