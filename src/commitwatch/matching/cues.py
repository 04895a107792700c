"""Cues in one sentence: where each matches, which look-alike sentences are set aside, which count.

Where two cues of one commitment type overlap, the longer (more specific) one counts, the higher
level breaking a tie; a cue marked ``alone: false`` counts only beside another cue, and is never
hidden by an overlap. Each cue that matched and did not count is reported as a near miss, with
the reason, for ``commitwatch explain``.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from ..load.words import word_spans
from ..model import CommitmentType
from .index import CompiledCue
from .patterns import compile_pattern

__all__ = ["Exclusions", "Hit", "counting_hits", "find_hits"]

Miss = Callable[["Hit", str], None]  # report a hit that did not count, with the reason


class Hit(NamedTuple):
    """One cue matched in a sentence's normalised text."""

    cue_index: int
    start: int
    end: int


def find_hits(cues: Sequence[CompiledCue], cue_indexes: Iterable[int], text: str) -> dict[int, list[Hit]]:
    """Every match of the given cues in ``text``, by commitment type (its place in the index)."""
    hits: dict[int, list[Hit]] = defaultdict(list)
    for cue_index in sorted(cue_indexes):
        cue = cues[cue_index]
        for start, end in word_spans(cue.regex, text):
            hits[cue.commitment].append(Hit(cue_index, start, end))
    return hits


def counting_hits(cues: Sequence[CompiledCue], hits: list[Hit], text: str, miss: Miss) -> list[Hit]:
    """The hits of one commitment type that count, strongest first (empty when none may count alone).

    Args:
        cues: The index's cues, which the hits refer to.
        hits: The commitment type's hits in the sentence.
        text: The sentence's normalised text.
        miss: Told of each hit that does not count, and why.
    """
    kept: list[Hit] = []
    # the kept hits that count alone never overlap one another: by start, with their place in
    # ``kept``, so the one a hit falls inside is found by a search, not by a walk over them all
    alone: list[tuple[int, int, int]] = []  # (start, end, index in kept)
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), -cues[h.cue_index].rank, h.start)):
        standalone = cues[hit.cue_index].alone
        longer = _first_overlapping(alone, kept, hit)
        if longer is None or not standalone:
            if standalone:
                bisect.insort(alone, (hit.start, hit.end, len(kept)))
            kept.append(hit)
        elif (hit.start, hit.end) == (longer.start, longer.end) and hit.cue_index != longer.cue_index:
            miss(
                hit,
                f"the same words as another cue's match ({cues[longer.cue_index].cue.label!r}), which counts instead",
            )
        elif (hit.start, hit.end) != (longer.start, longer.end):
            miss(hit, f"inside the longer cue match {text[longer.start : longer.end]!r}, which counts instead")
    if not any(cues[hit.cue_index].alone for hit in kept):
        for hit in kept:
            miss(hit, "this cue counts only beside another cue of the same commitment (alone: false)")
        return []
    kept.sort(key=lambda h: (-cues[h.cue_index].rank, h.start))
    return kept


def _first_overlapping(alone: list[tuple[int, int, int]], kept: list[Hit], hit: Hit) -> Hit | None:
    """The earliest kept hit (in ``kept`` order) among those in ``alone`` that overlap ``hit``."""
    last = bisect.bisect_left(alone, (hit.end,)) - 1  # the kept hits that start before the hit ends
    first = None
    while last >= 0 and alone[last][1] > hit.start:  # disjoint, so their ends are in order too
        first = alone[last][2] if first is None else min(first, alone[last][2])
        last -= 1
    return kept[first] if first is not None else None


class Exclusions:
    """Each commitment type's exclusions, compiled the first time a sentence needs them."""

    def __init__(self, commitments: Sequence[CommitmentType]) -> None:
        self._commitments = commitments
        self._compiled: list[list[tuple[str, re.Pattern[str]]] | None] = [None] * len(commitments)

    def first(self, commitment_index: int, text: str) -> tuple[str, str] | None:
        """The first exclusion ``text`` matches, as ``(pattern, matched words)``, or None."""
        compiled = self._compiled[commitment_index]
        if compiled is None:
            compiled = [
                (pattern, re.compile(compile_pattern(pattern, require_anchor=False).regex, re.IGNORECASE))
                for pattern in self._commitments[commitment_index].exclude
            ]
            self._compiled[commitment_index] = compiled
        for pattern, exclusion in compiled:
            excluded = exclusion.search(text)
            if excluded is not None:
                return pattern, excluded.group()
        return None
