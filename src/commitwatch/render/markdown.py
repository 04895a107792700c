"""Changelog -> Markdown (CommonMark with GFM tables), for a person to read or paste into a page.

Built as a list of lines, in the spirit of Keep a Changelog: a header naming the corpus, its
dates and the versions of the catalog and commitwatch; a timeline table; then one section per
version with its changes grouped by kind, each quoting its evidence with the decisive words in
bold. Output is deterministic: no timestamps, no absolute paths.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections import deque
from collections.abc import Iterable
from typing import TextIO

import attrs

from ..model import Change, ChangeKind, Changelog, Evidence, Observation, Variant, Version

__all__ = ["render_markdown", "render_timeline", "write_markdown"]

KIND_ORDER = (
    ChangeKind.APPEARED,
    ChangeKind.STRENGTHENED,
    ChangeKind.WEAKENED,
    ChangeKind.REVERSED,
    ChangeKind.HOLDER_CHANGED,
    ChangeKind.DROPPED,
    ChangeKind.RETURNED,
    ChangeKind.NOT_ADDRESSED,
    ChangeKind.UNCHANGED,
)
HEADINGS = {
    ChangeKind.APPEARED: "Appeared",
    ChangeKind.STRENGTHENED: "Strengthened",
    ChangeKind.WEAKENED: "Weakened",
    ChangeKind.REVERSED: "Reversed",
    ChangeKind.HOLDER_CHANGED: "Holder changed",
    ChangeKind.DROPPED: "Dropped",
    ChangeKind.RETURNED: "Returned",
    ChangeKind.NOT_ADDRESSED: "Not addressed",
    ChangeKind.UNCHANGED: "Unchanged",
}
MARKS = {
    ChangeKind.APPEARED: "+",
    ChangeKind.STRENGTHENED: "▲",
    ChangeKind.WEAKENED: "▼",
    ChangeKind.REVERSED: "⇄",
    ChangeKind.HOLDER_CHANGED: "≠",
    ChangeKind.RETURNED: "↺",
    ChangeKind.UNCHANGED: "",
}
LEGEND = (
    "+ appeared, ▲ strengthened, ▼ weakened, ⇄ reversed (negated or affirmed again), ≠ holder changed, "
    "↺ returned; **dropped**: not stated while its family was addressed; *n/a*: the statement does not address "
    "the family; blank: not stated."
)


def render_markdown(
    changelog: Changelog, *, show_unchanged: bool = False, oldest_first: bool = False, stamp: bool = True
) -> str:
    """Render a changelog as Markdown.

    Args:
        changelog: The changelog (narrowed with :func:`commitwatch.select` if wanted).
        show_unchanged: Also list commitments that did not change.
        oldest_first: Versions in date order instead of newest first.
        stamp: Name the commitwatch version in the header (off for regression files, which
            must not change when only the tool's version does).

    Returns:
        The Markdown text, ending with a newline.
    """
    out = io.StringIO()
    write_markdown(
        changelog, iter(changelog.versions), out, show_unchanged=show_unchanged, oldest_first=oldest_first, stamp=stamp
    )
    return out.getvalue()


def write_markdown(
    header: Changelog,
    versions: Iterable[Version],
    out: TextIO,
    *,
    show_unchanged: bool = False,
    oldest_first: bool = False,
    stamp: bool = True,
) -> None:
    """Write the Markdown of :func:`render_markdown` for versions that come one at a time.

    Each version's section is written to a temporary file as it comes (the report's head, which
    summarises all of them, goes first), so memory does not grow with the number of versions.

    Args:
        header: The changelog's header (its ``versions`` are not used).
        versions: The versions, oldest first.
        out: Where to write.
        show_unchanged, oldest_first, stamp: As for :func:`render_markdown`.
    """
    seen = _Seen()
    index = _Index(header)
    offsets: list[int] = []
    with tempfile.TemporaryFile(prefix="commitwatch-") as buffer:
        for version in versions:
            seen.add(version)
            offsets.append(buffer.tell())
            buffer.write(("\n" + "\n".join(_version(index, version, show_unchanged)) + "\n").encode("utf-8"))
        offsets.append(buffer.tell())
        lines: list[str] = [f"# Commitment changelog: {_escape(header.catalog_title)}", ""]
        lines += _header(header, seen, stamp)
        lines += ["", "## Timeline", ""]
        lines += _timeline(header, seen)
        out.write("\n".join(lines) + "\n")
        order = range(len(offsets) - 1) if oldest_first else reversed(range(len(offsets) - 1))
        for position in order:
            buffer.seek(offsets[position])
            out.write(buffer.read(offsets[position + 1] - offsets[position]).decode("utf-8"))
    tail = [*_variants(seen), *_skipped(header)]
    if tail:
        out.write("\n".join(tail) + "\n")


class _Seen:
    """What the report's head and tail need of all the versions, gathered as they go by."""

    def __init__(self) -> None:
        self.count = 0
        self.first: Version | None = None
        self.last: Version | None = None
        self.latest: deque[Version] = deque(maxlen=TIMELINE_COLUMNS)
        self.with_variants: list[_Copies] = []  # not whole versions: their evidence is not needed again

    def add(self, version: Version) -> None:
        self.count += 1
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
    """Only the timeline table (and its legend), for a terminal."""
    seen = _Seen()
    for version in changelog.versions:
        seen.add(version)
    return "\n".join(_timeline(changelog, seen)) + "\n"


def _header(changelog: Changelog, seen: _Seen, stamp: bool) -> list[str]:
    variants = sum(len(version.variants) for version in seen.with_variants)
    if seen.first is not None and seen.last is not None:
        span = f"{seen.first.date.isoformat()} to {seen.last.date.isoformat()}"
    else:
        span = "no statements"
    counts = f"{seen.count} statement{'s' if seen.count != 1 else ''}, {span}"
    extras = []
    if variants:
        extras.append(f"{variants} republished cop{'ies' if variants != 1 else 'y'} counted once")
    if changelog.skipped:
        extras.append(f"{len(changelog.skipped)} file{'s' if len(changelog.skipped) != 1 else ''} skipped")
    if extras:
        counts += "; " + ", ".join(extras)
    lines = [
        f"- **Corpus:** {_escape(changelog.corpus) or 'statements'} ({counts})",
        f"- **Catalog:** version {_escape(changelog.catalog_version)}",
    ]
    if stamp:
        lines.append(f"- **commitwatch:** version {_escape(changelog.tool_version)}")
    return lines


TIMELINE_COLUMNS = 24  # more versions than this make a table no one can read: the latest are shown


def _timeline(changelog: Changelog, seen: _Seen) -> list[str]:
    versions = list(seen.latest)
    by_version = [{change.commitment_id: change for change in version.changes} for version in versions]
    header = "| Commitment | " + " | ".join(f"v{v.number} {v.date.isoformat()}" for v in versions) + " |"
    rule = "| --- | " + " | ".join("---" for _ in versions) + " |"
    rows = [header, rule]
    for family in changelog.families:
        members = [c for c in changelog.commitments if c.family == family.id]
        cells = [[_cell(changes.get(c.id)) for changes in by_version] for c in members]
        shown = [(c, row) for c, row in zip(members, cells, strict=True) if any(cell for cell in row)]
        if not shown:
            continue
        rows.append(f"| **{_cell_text(family.title)}** | " + " | ".join("" for _ in versions) + " |")
        rows.extend(f"| {_cell_text(c.title)} | " + " | ".join(row) + " |" for c, row in shown)
    if seen.count > len(versions):
        rows += [
            "",
            f"The table shows the latest {len(versions)} of {seen.count:,} versions; "
            "narrow the report with `--since` and `--until` to see others.",
        ]
    return [*rows, "", LEGEND]


def _cell(change: Change | None) -> str:
    if change is None:
        return ""
    if change.kind is ChangeKind.DROPPED:
        return "**dropped**"
    if change.kind is ChangeKind.NOT_ADDRESSED:
        return "*n/a*"
    assert change.after is not None
    mark = MARKS[change.kind]
    level = _level(change.after)
    return f"{mark} {level}".strip()


class _Index:
    """The changelog's commitments and families by id (a report looks them up once per entry)."""

    def __init__(self, changelog: Changelog) -> None:
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
            family = _escape(self.family_titles[commitment.family])
            heading = f"- **{_escape(commitment.title)}** ({family}; `{commitment.id}`)"
            self._headings[commitment_id] = heading
        return heading

    def holders(self, holders: tuple[str, ...]) -> str:
        """Holders as a reader sees them (escaped once per combination)."""
        shown = self._holders.get(holders)
        if shown is None:
            shown = self._holders[holders] = _escape(", ".join(holders))
        return shown

    def quoted(self, commitment_id: str, observation: Observation, *, latest: bool) -> str:
        """The observation's evidence quoted with its qualifiers (the latest one's is remembered)."""
        known = self._latest.get(commitment_id)
        if known is not None and known[0] is observation:
            return known[1]
        text = _quote(observation.evidence) + _qualifiers(observation)
        if latest:
            self._latest[commitment_id] = (observation, text)
        return text


def _version(index: _Index, version: Version, show_unchanged: bool) -> list[str]:
    lines = [f"## v{version.number}: {version.date.isoformat()}: {_escape(version.title)}", ""]
    if version.source:
        lines.append(f"- **Source:** {_escape(version.source)}")
    lines.append(f"- **Parties:** {_escape(', '.join(version.parties))}")
    lines.append(f"- **File:** `{version.path}` (sha256 `{version.sha256[:12]}`)")
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
        if kind is ChangeKind.NOT_ADDRESSED:
            lines += _not_addressed(index, changes)
            continue
        for change in changes:
            lines += _entry(index, change)
    hidden = len(by_kind.get(ChangeKind.UNCHANGED, []))
    if not shown_any:
        lines += ["", "No changes." if not hidden else f"No changes ({hidden} unchanged)."]
    elif hidden and not show_unchanged:
        lines += ["", f"{hidden} commitment{'s' if hidden != 1 else ''} unchanged (shown with `--all`)."]
    return lines


def _entry(index: _Index, change: Change) -> list[str]:
    before, after = change.before, change.after
    if change.kind is ChangeKind.APPEARED:
        assert after is not None
        movement = f"**{_level(after)}**"
    elif change.kind is ChangeKind.DROPPED:
        assert before is not None
        movement = f"{_level(before)} → **not stated**"
    else:
        assert before is not None
        assert after is not None
        movement = f"{_level(before)} → **{_level(after)}**"
    shown = after or before
    assert shown is not None
    lines = [f"{index.heading(change.commitment_id)}, held by {index.holders(shown.holders)}: {movement}"]
    if after is not None:
        lines.append(f"  - Now: {index.quoted(change.commitment_id, after, latest=True)}")
    if before is not None:
        lines.append(
            f"  - Before (v{change.before_version}): {index.quoted(change.commitment_id, before, latest=False)}"
        )
    if change.note:
        lines.append(f"  - Note: {_escape(change.note)}")
    return lines


def _not_addressed(index: _Index, changes: list[Change]) -> list[str]:
    lines = []
    by_family: dict[str, list[Change]] = {}
    for change in changes:
        by_family.setdefault(index.commitments[change.commitment_id].family, []).append(change)
    for family in index.changelog.families:
        members = by_family.get(family.id)
        if not members:
            continue
        titles = "; ".join(
            f"{_escape(index.commitments[c.commitment_id].title)} (last {_level(c.before)} in v{c.before_version})"
            for c in members
            if c.before is not None
        )
        lines.append(f"- **{_escape(family.title)}**: the statement does not address this family. In effect: {titles}.")
    return lines


def _qualifiers(observation: Observation) -> str:
    words: dict[str, str] = {}
    for modifier in observation.evidence.modifiers:
        words.setdefault(modifier.kind, _flat(modifier.text).strip())
    parts = [f"{'negated by' if kind == 'negation' else kind} “{_escape(word)}”" for kind, word in words.items()]
    return f" ({'; '.join(parts)})" if parts else ""


def _quote(evidence: Evidence) -> str:
    """The evidence sentence in quotes, with the cue matches in bold."""
    spans = sorted((cue.start - evidence.start, cue.end - evidence.start) for cue in evidence.cues)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    text = evidence.sentence
    # The usual sentence has nothing to escape and no run of spaces: its pieces are used as they are.
    plain = "  " not in text and _NOT_PLAIN.search(text) is None
    pieces: list[str] = []
    position = 0
    for start, end in merged:
        pieces.append(text[position:start] if plain else _escape(_flat(text[position:start])))
        bold = text[start:end].strip() if plain else _escape(_flat(text[start:end]).strip())
        pieces.append(f"**{bold}**" if bold else "")
        position = end
    pieces.append(text[position:] if plain else _escape(_flat(text[position:])))
    return "“" + "".join(pieces).strip() + "”"


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text)


def _level(observation: Observation | None) -> str:
    if observation is None:
        return "?"
    level = observation.level.replace("_", " ")
    return f"not {level}" if observation.polarity == "negated" else level


_ESCAPE = re.compile(r"[\\`*_{}\[\]<>#|]")
_SPACES = re.compile(r"\s+")
_OTHER_SPACES = "".join(char for char in map(chr, range(0x3001)) if char.isspace() and char != " ")
# Something to escape, or a space other than " " to fold: one character class, the fast kind of search.
_NOT_PLAIN = re.compile(f"[\\\\`*_{{}}\\[\\]<>#|{re.escape(_OTHER_SPACES)}]")


def _escape(text: str) -> str:
    if _ESCAPE.search(text) is None:
        return text
    return _ESCAPE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    return "\\" + found.group()


def _cell_text(text: str) -> str:
    return _escape(text)


def _variants(seen: _Seen) -> list[str]:
    rows = [(version, variant) for version in seen.with_variants for variant in version.variants]
    if not rows:
        return []
    lines = ["", "## Republished copies", ""]
    for version, variant in rows:
        changes = "; ".join(
            f"“{_escape(change.canonical) or '∅'}” → “{_escape(change.variant) or '∅'}”" for change in variant.changes
        )
        copy_of = f"v{version.number} (`{version.path}`)"
        lines.append(f"- `{variant.path}` is a republished copy of {copy_of}: {_escape(variant.reason)}.")
        lines.append(f"  - Wording that differs: {changes or 'none'}")
    return lines


def _skipped(changelog: Changelog) -> list[str]:
    if not changelog.skipped:
        return []
    lines = ["", "## Skipped files", ""]
    for item in changelog.skipped:
        where = f"`{item.path}`" + (f" (line {item.line})" if item.line else "")
        hint = f" To use it: {_escape(item.hint)}." if item.hint else ""
        lines.append(f"- {where}: {_escape(item.reason)}.{hint}")
    return lines
