"""CatalogDiff -> Markdown: every entry a catalog change, grouped by commitment. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from ..compare.diff import CatalogDiff, DiffEntry, EntryRecord

__all__ = ["render_diff_markdown"]


def render_diff_markdown(diff: CatalogDiff, titles: Mapping[str, str]) -> str:
    """The diff as Markdown, grouped by commitment; every entry is a catalog change."""
    bumped = " (version not bumped)" if diff.version_not_bumped else ""
    corpus = f"the statements ({diff.corpus})" if diff.corpus else "the statements"
    count = len(diff.entries)
    if diff.identical:
        summary = f"Read with either catalog, {corpus} read the same."
        if diff.catalog_changed is False:
            summary = f"The two catalogs are the same; {corpus} read the same."
    else:
        entries, read = ("entry", "reads") if count == 1 else ("entries", "read")
        summary = (
            f"Read with the new catalog, {count} {entries} of {corpus} {read} differently; each is a catalog change."
        )
    lines = [f"# Catalog change: {diff.base_catalog_version} → {diff.new_catalog_version}{bumped}", "", summary]
    current = None
    for entry in diff.entries:
        if entry.commitment_id != current:
            current = entry.commitment_id
            title = titles.get(current, current)
            renamed = f" (renamed from `{entry.renamed_from}`)" if entry.renamed_from else ""
            lines += ["", f"## {title} (`{current}`){renamed}", ""]
        lines.append(f"- v{entry.version} `{entry.statement_id}`: **{entry.status}** (catalog change){_detail(entry)}")
    return "\n".join(lines) + "\n"


def _detail(entry: DiffEntry) -> str:
    def show(summary: EntryRecord | None) -> str:
        if summary is None:
            return "no entry"
        level = f" {summary.stance}, {summary.level}" if summary.level else ""
        holders = f", held by {', '.join(summary.holders)}" if summary.holders else ""
        return f"{summary.kind}{level}{holders}"

    text = f": {show(entry.base)} → {show(entry.new)}"
    if entry.fields:
        text += f" ({', '.join(entry.fields)} changed)"
    if "after.cues" in entry.fields and entry.base is not None and entry.new is not None:
        gone = [cue for cue in entry.base.cues if cue not in entry.new.cues]
        came = [cue for cue in entry.new.cues if cue not in entry.base.cues]
        text += "".join(f"; no longer “{cue}”" for cue in gone) + "".join(f"; now also “{cue}”" for cue in came)
    if "after.evidence" in entry.fields and entry.new is not None and entry.new.evidence:
        text += f"; evidence now “{entry.new.evidence}”"
    return text
