"""Which modifier terms qualify a cue match: those in its clause, within their lexicon's window.

A clause ends at a terminator (";", "but", "however"); a lexicon says on which side of the
matched words its terms may stand and how many words away. Words inside a cue's own match never
count as its modifiers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import ModifierKind
from .scan import SentenceScan

__all__ = ["Modifier", "clause_bounds", "modifiers_in_scope"]

_WORD = re.compile(r"[\w']+")


class Modifier(NamedTuple):
    """A modifier term that qualifies a match, in the sentence's normalised offsets."""

    kind: ModifierKind
    start: int
    end: int


def clause_bounds(scan: SentenceScan, first: int, last: int) -> tuple[int, int]:
    """Where the clause of the matched words from ``first`` to ``last`` starts and ends."""
    clause_start, clause_end = 0, len(scan.text)
    for start, end in scan.terminators:
        if end <= first:
            clause_start = end
        elif start >= last:
            clause_end = start
            break
    return clause_start, clause_end


def modifiers_in_scope(scan: SentenceScan, first: int, last: int, covered: list[tuple[int, int]]) -> list[Modifier]:
    """The modifiers of the matched words that run from ``first`` to ``last``.

    A modifier counts for a match when it stands before or after it within its lexicon's window
    and in the clause of the matches; one between two matches ("... war against Ukraine, and
    provide unwavering support for Ukraine") counts for the one it is near.

    Args:
        scan: The sentence's scan.
        first: Where the first counting cue match starts.
        last: Where the last one ends.
        covered: The spans of the counting matches (their words are not modifiers).
    """
    clause_start, clause_end = clause_bounds(scan, first, last)
    text = scan.text
    found: list[Modifier] = []
    for kind, lexicon, start, end in scan.modifiers:
        if any(start < c_end and c_start < end for c_start, c_end in covered):
            continue
        if start < clause_start or end > clause_end:
            continue
        for c_start, c_end in covered:
            before = end <= c_start and lexicon.direction in ("before", "both")
            after = start >= c_end and lexicon.direction in ("after", "both")
            if (before and len(_WORD.findall(text, end, c_start)) <= lexicon.window) or (
                after and len(_WORD.findall(text, c_end, start)) <= lexicon.window
            ):
                found.append(Modifier(kind, start, end))
                break
    return found
