"""Which cues can match in which sentences: the candidate index over a catalog's cue words.

Every cue has groups of words of which each match holds one ("commitment" or "commitments";
"defend" or "defense"). Which cue words a sentence word holds ("proliferation" is in
"nonproliferation") is found by one Aho-Corasick pass over the words not met before, and
remembered; a cue's regular expression then runs only on the sentences holding one word of each
of its required groups.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

import ahocorasick

from .._regex import compile_user_regex
from ..load.words import Words, is_one_word
from ..model import CommitmentType, Cue, Sentence
from .patterns import CompiledPattern, compile_pattern, compile_regex

__all__ = ["CompiledCue", "CueIndex"]

_NO_CUES: frozenset[int] = frozenset()
_MAX_WORDS_REMEMBERED = 200_000  # distinct words whose anchors are remembered; then forgotten at once


class CompiledCue:
    """A cue ready to run; its regular expression is compiled the first time a sentence needs it.

    Compiling thousands of expressions up front would cost seconds that most runs never repay:
    a cue runs only where its required words occur.
    """

    __slots__ = ("_compiled", "_regex", "alone", "commitment", "cue", "rank")

    def __init__(self, commitment: int, cue: Cue, compiled: CompiledPattern, rank: int) -> None:
        self.commitment = commitment  # the commitment type's place in the index's list
        self.cue = cue
        self.rank = rank
        self.alone = cue.alone
        self._compiled = compiled
        self._regex: Any = None

    @property
    def regex(self) -> Any:
        """The expression, without its leading word boundary (see :func:`~commitwatch.load.words.word_spans`):
        an ``re`` pattern for a phrase pattern, bounded by construction; an RE2 one for a ``regex:`` cue."""
        if self._regex is None:
            if self.cue.regex is not None:
                self._regex = compile_user_regex(self._compiled.regex)
            else:
                self._regex = re.compile("(?:" + self._compiled.body + r")(?![\w])", re.IGNORECASE)
        return self._regex


class CueIndex:
    """The cues of some commitment types, indexed by the words that bring them into a sentence.

    Args:
        commitments: The commitment types, in the order their cues' ``commitment`` numbers refer to.
    """

    def __init__(self, commitments: Sequence[CommitmentType]) -> None:
        self.cues: list[CompiledCue] = []
        requirements_of: list[tuple[frozenset[str], ...]] = []  # per cue, the groups of words it needs
        every_anchor: set[str] = set()
        for commitment_index, commitment in enumerate(commitments):
            for cue in commitment.cues:
                compiled = (
                    compile_pattern(cue.pattern)
                    if cue.pattern is not None
                    else compile_regex(cue.regex or "", cue.anchors)
                )
                self.cues.append(CompiledCue(commitment_index, cue, compiled, commitment.rank(cue.level)))
                requirements = tuple(frozenset(word.lower() for word in group) for group in compiled.requirements)
                requirements_of.append(requirements or (frozenset(a.lower() for a in compiled.anchors),))
                for group in requirements_of[-1]:
                    every_anchor.update(group)
        # Each cue is indexed by one group of its required words (the rarest-looking): a sentence
        # holding one of them brings the cue in, and its other groups, if any, are then checked.
        indexed: dict[str, set[int]] = defaultdict(set)
        self._other_groups: list[tuple[frozenset[str], ...]] = []
        for cue_index, groups in enumerate(requirements_of):
            chosen = max(groups, key=lambda group: (min(map(len, group)), -len(group), sorted(group)))
            for anchor in chosen:
                indexed[anchor].add(cue_index)
            self._other_groups.append(tuple(group for group in groups if group is not chosen))
        self._cues_by_anchor = {anchor: frozenset(cues) for anchor, cues in indexed.items()}
        word_anchors = sorted(anchor for anchor in every_anchor if is_one_word(anchor))
        self._phrase_anchors = sorted(every_anchor - set(word_anchors))  # looked for in the sentence's text
        self._automaton = ahocorasick.Automaton()
        for anchor in word_anchors:
            self._automaton.add_word(anchor, anchor)
        if word_anchors:
            self._automaton.make_automaton()
        self._anchors_in: dict[str, frozenset[str]] = {}  # word -> the anchors inside it (none: absent)
        self._words_seen: set[str] = set()

    def candidates(
        self, sentences: Sequence[Sentence], words: Sequence[Words]
    ) -> list[tuple[Sentence, Words, set[int]]]:
        """Each sentence holding every required word of some cue, with those cues (by index)."""
        if not self.cues:
            return []
        anchors_in, seen = self._anchors_in, self._words_seen
        candidates = []
        cues_by_anchor, other_groups = self._cues_by_anchor, self._other_groups
        for sentence, tokens in zip(sentences, words, strict=True):
            distinct = set(tokens.lower)
            unseen = distinct - seen
            if unseen:
                self._learn(unseen, distinct)
            present: set[str] = set()
            for word in distinct & anchors_in.keys():
                present |= anchors_in[word]
            if self._phrase_anchors:
                lowered = sentence.normalized.lower()
                present.update(anchor for anchor in self._phrase_anchors if anchor in lowered)
            if not present:
                continue
            cues: set[int] = set()
            for anchor in present:
                cues |= cues_by_anchor.get(anchor, _NO_CUES)
            for cue in [cue for cue in cues if other_groups[cue]]:
                for group in other_groups[cue]:
                    if group.isdisjoint(present):
                        cues.discard(cue)
                        break
            if cues:
                candidates.append((sentence, tokens, cues))
        return candidates

    def _learn(self, words: set[str], sentence: set[str]) -> None:
        """Find the anchors inside words not met before (one automaton pass over them all).

        When too many words are remembered, all are forgotten and the sentence's words learnt again.
        """
        if len(self._words_seen) + len(words) > _MAX_WORDS_REMEMBERED:
            self._words_seen.clear()
            self._anchors_in.clear()
            words = sentence
        self._words_seen |= words
        if not len(self._automaton):
            return
        ordered = sorted(words)
        joined = "\n".join(ordered)
        starts = list(accumulate((len(word) + 1 for word in ordered[:-1]), initial=0))
        found: dict[int, set[str]] = defaultdict(set)
        for end, anchor in self._automaton.iter(joined):
            found[bisect_right(starts, end) - 1].add(anchor)
        for index, anchors in found.items():
            self._anchors_in[ordered[index]] = frozenset(anchors)
