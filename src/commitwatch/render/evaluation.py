"""Evaluation -> text for a terminal, or Markdown for a page. Pure: it returns strings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model.evaluation import CHANGES, Evaluation, Interval
from ._text import escape

__all__ = ["render_evaluation"]


def render_evaluation(evaluation: Evaluation, *, markdown: bool = False, disagreements: bool = True) -> str:
    """The figures of an evaluation, then (by default) every disagreement.

    Args:
        evaluation: What :func:`commitwatch.evaluate` gives.
        markdown: Markdown tables and quotes instead of plain text columns.
        disagreements: List every disagreement after the figures.
    """
    e = evaluation
    table = _markdown_table if markdown else _text_table
    heading = (lambda text: ["", f"## {text}", ""]) if markdown else (lambda text: ["", text, "-" * len(text)])
    title = f"Evaluation against {e.gold}"
    lines = [f"# {title}" if markdown else title, ""]
    lines.append(
        f"Catalog {e.catalog_version}; {e.statements} statement{'s' if e.statements != 1 else ''} scored, "
        f"{len(e.families)} families ({', '.join(e.families)})."
    )
    if e.unscored:
        lines.append(f"Not annotated, so in no figure: {', '.join(e.unscored)}.")
    lines.append("Intervals are 95 % bootstrap intervals, statements resampled 1,000 times.")

    lines += heading("Family presence: does the statement address the family?")
    rows = [
        [f.family, str(f.counts.tp), str(f.counts.fp), str(f.counts.fn), _num(f.precision), _num(f.recall), _num(f.f1)]
        for f in e.presence
    ]
    rows.append(
        [
            "micro",
            str(e.micro.tp),
            str(e.micro.fp),
            str(e.micro.fn),
            _num(e.micro_precision),
            _num(e.micro_recall),
            _num(e.micro_f1),
        ]
    )
    rows.append(["macro", "", "", "", _num(e.macro_precision), _num(e.macro_recall), _num(e.macro_f1)])
    lines += table(["family", "tp", "fp", "fn", "precision", "recall", "F1"], rows)
    lines += [
        "",
        f"Micro precision {_num(e.micro_precision)} {_ci(e.intervals.get('micro_precision'))}, "
        f"recall {_num(e.micro_recall)} {_ci(e.intervals.get('micro_recall'))}, "
        f"F1 {_num(e.micro_f1)} {_ci(e.intervals.get('micro_f1'))}.",
    ]

    lines += heading(
        f"Level, on the {e.level_pairs} families both found (1 mentioned/urged, 2 committed, 3 intensified)"
    )
    lines.append(
        f"Exact agreement {_num(e.level_exact)}; linear-weighted Cohen's kappa {_num(e.level_kappa)} "
        f"{_ci(e.intervals.get('level_kappa'))}."
    )
    lines.append("")
    lines += table(
        ["reader \\ tool", "1", "2", "3"],
        [[str(level), *map(str, row)] for level, row in zip((1, 2, 3), e.level_confusion, strict=True)],
    )

    lines += heading("Holder, on the same families")
    lines.append(f"Agreement {_num(e.holder_agreement)} {_ci(e.intervals.get('holder_agreement'))}.")
    lines.append("")
    lines += table(["reader", "tool", "count"], [[r, t, str(n)] for r, t, n in e.holder_confusion])

    lines += heading(f"Change events: {e.change_pairs} moves between consecutive statements addressing a family")
    lines.append(
        f"The tool's move agrees with the reader's in {_num(e.change_agreement)}; Cohen's kappa {_num(e.change_kappa)}."
    )
    lines.append("")
    lines += table(
        ["reader \\ tool", *CHANGES],
        [[move, *map(str, row)] for move, row in zip(CHANGES[:3], e.change_confusion, strict=True)],
    )

    lines += heading("Markers")
    lines.append(f"{e.markers_found} of {e.markers_total} marked wordings are in the tool's evidence for their family.")

    counts = Counter(d.kind for d in e.disagreements)
    lines += heading(f"Disagreements: {len(e.disagreements)}")
    lines.append(", ".join(f"{kind} {count}" for kind, count in counts.most_common()) or "none")
    if disagreements:
        for d in e.disagreements:
            lines.append("")
            if markdown:
                lines.append(f"- `{d.file}` {d.family}, **{d.kind}**: reader {escape(d.reader)}; tool {escape(d.tool)}")
                lines += [f"  - reader: “{escape(quote)}”" for quote in d.reader_evidence]
                lines += [f"  - tool: “{escape(quote)}”" for quote in d.tool_evidence[:2]]
            else:
                lines.append(f"{d.file} {d.family} [{d.kind}]: reader {d.reader}; tool {d.tool}")
                lines += [f"    reader: {quote}" for quote in d.reader_evidence]
                lines += [f"    tool:   {quote}" for quote in d.tool_evidence[:2]]
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _ci(interval: Interval | None) -> str:
    return "[n/a]" if interval is None else f"[{interval.low:.2f}, {interval.high:.2f}]"


def _markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(escape(cell) for cell in header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return lines


def _text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
