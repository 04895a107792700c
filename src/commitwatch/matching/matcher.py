"""The matcher: a catalog compiled once, then (statement) -> reading, sentence by sentence.

How a statement is read (each step in its own module):

1. :mod:`.index`: the sentences that hold a cue's required words, with those cues.
2. :mod:`.cues`: where each cue matches; look-alike sentences set aside by exclusions;
   overlapping cues resolved. The highest level reached is the level.
3. :mod:`.modifiers`: boosters, hedges, conditions and negations (which make the observation
   "negated") in the matched words' clause.
4. :mod:`.holders`: who holds it.
5. Per statement, each commitment type's observation is its strongest affirmed sentence (the
   earliest among equals), with the other sentences that show it listed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from ..load.text import normalize
from ..load.words import Words, words_of
from ..model import (
    Catalog,
    CommitmentType,
    Cue,
    CueMatch,
    Evidence,
    ModifierMatch,
    NearMiss,
    Observation,
    Polarity,
    Reading,
    Sentence,
    SentenceExplanation,
    Statement,
)
from .cues import Exclusions, Hit, counting_hits, find_hits
from .holders import HolderRules
from .index import CueIndex
from .modifiers import Modifier, clause_bounds, modifiers_in_scope
from .quantities import find_quantities
from .scan import ScanTables, SentenceScan, leading_phrase_end
from .stance import decide_stance

__all__ = ["Matcher", "sentence_words"]


class Matcher:
    """A catalog compiled for matching: build it once, then read any number of statements.

    A matcher remembers which cue words it has met in statements' words, so it is not immutable
    (what it remembers never changes a reading); it is not shared between threads.

    Example:
        >>> from commitwatch import Matcher, load_catalog, shipped_catalog
        >>> matcher = Matcher(load_catalog(shipped_catalog()))
        >>> [observation] = matcher.read_text("We reaffirm our commitment to the complete denuclearization.")
        >>> observation.stance, observation.level
        ('committed', 'complete')
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.commitments: tuple[CommitmentType, ...] = catalog.active
        self._index = CueIndex(self.commitments)
        self._exclusions = Exclusions(self.commitments)
        self._tables = ScanTables(catalog)
        self._holders = HolderRules(catalog.parties)
        self._family_of = {commitment.id: commitment.family for commitment in catalog.commitments}

    def read(self, statement: Statement) -> Reading:
        """Read one statement: one observation per commitment type it shows.

        Args:
            statement: A loaded statement.

        Returns:
            The statement's :class:`~commitwatch.model.Reading`.
        """
        return self.read_words(statement, sentence_words(statement))

    def read_words(self, statement: Statement, words: Sequence[Words]) -> Reading:
        """:meth:`read`, given the words of each sentence (see :func:`sentence_words`), to share them."""
        parties = statement.meta.parties or self.catalog.default_parties
        per_commitment: dict[int, list[Observation]] = defaultdict(list)
        for sentence, tokens, cue_indexes in self._index.candidates(statement.sentences, words):
            observations, _ = self._read_sentence(
                statement.id, statement.sentences, sentence, tokens, cue_indexes, parties
            )
            for commitment_index, observation in observations:
                per_commitment[commitment_index].append(observation)
        strongest = [_strongest(per_commitment[index], self.commitments[index]) for index in sorted(per_commitment)]
        sentences: dict[str, set[int]] = defaultdict(set)
        for index, found in per_commitment.items():
            family = self.commitments[index].family
            sentences[family].update(o.evidence.sentence_index for o in found)
        families = tuple(family.id for family in self.catalog.families if family.id in sentences)
        coverage = tuple((family, len(sentences[family])) for family in families)
        read = len({o.evidence.sentence_index for found in per_commitment.values() for o in found})
        return Reading(statement.id, tuple(strongest), families, coverage, read)

    def explain(self, statement: Statement, commitment_id: str | None = None) -> tuple[SentenceExplanation, ...]:
        """Every sentence where a cue matched, with what counted and what nearly did.

        Args:
            statement: A loaded statement.
            commitment_id: Only this commitment type (its near misses are the interesting part).
        """
        parties = statement.meta.parties or self.catalog.default_parties
        explanations = []
        for sentence, tokens, cue_indexes in self._index.candidates(statement.sentences, sentence_words(statement)):
            observations, misses = self._read_sentence(
                statement.id, statement.sentences, sentence, tokens, cue_indexes, parties
            )
            kept = [o for _, o in observations if commitment_id in (None, o.commitment_id)]
            missed = [m for m in misses if commitment_id in (None, m.commitment_id)]
            if kept or missed:
                explanations.append(SentenceExplanation(sentence.index, sentence.text, tuple(kept), tuple(missed)))
        return tuple(explanations)

    def read_text(self, text: str, parties: Sequence[str] | None = None) -> list[Observation]:
        """Read one sentence of plain text (as catalog examples are read).

        Args:
            text: The sentence.
            parties: The statement's parties; by default the catalog's default parties.
        """
        normalized = normalize(text)
        sentence = Sentence(0, 0, 0, len(text), text, normalized.text.replace("\n", " "), normalized.segments)
        words = words_of(sentence.normalized)
        found = self._index.candidates((sentence,), (words,))
        cue_indexes = found[0][2] if found else set()
        observations, _ = self._read_sentence(
            "", (sentence,), sentence, words, cue_indexes, tuple(parties or self.catalog.default_parties)
        )
        return [observation for _, observation in observations]

    def _read_sentence(
        self,
        statement_id: str,
        sentences: Sequence[Sentence],
        sentence: Sentence,
        words: Words,
        cue_indexes: Iterable[int],
        parties: Sequence[str],
    ) -> tuple[list[tuple[int, Observation]], list[NearMiss]]:
        hits = find_hits(self._index.cues, cue_indexes, sentence.normalized)
        observations: list[tuple[int, Observation]] = []
        misses: list[NearMiss] = []
        scan = SentenceScan(self._tables, words)
        for commitment_index in sorted(hits):
            observation = self._observe(
                statement_id, sentences, sentence, scan, commitment_index, hits[commitment_index], parties, misses
            )
            if observation is not None:
                observations.append((commitment_index, observation))
        return observations, misses

    def _observe(
        self,
        statement_id: str,
        sentences: Sequence[Sentence],
        sentence: Sentence,
        scan: SentenceScan,
        commitment_index: int,
        hits: list[Hit],
        parties: Sequence[str],
        misses: list[NearMiss],
    ) -> Observation | None:
        commitment = self.commitments[commitment_index]
        text = sentence.normalized
        cues = self._index.cues

        def miss(hit: Hit, reason: str) -> None:
            misses.append(NearMiss(commitment.id, cues[hit.cue_index].cue.label, text[hit.start : hit.end], reason))

        excluded = self._exclusions.first(commitment_index, text)
        if excluded is not None:
            pattern, words = excluded
            for hit in hits:
                miss(hit, f"the sentence matches the exclusion {pattern!r} ({words!r})")
            return None
        kept = counting_hits(cues, hits, text, miss)
        if not kept:
            return None
        first = min(hit.start for hit in kept)
        last = max(hit.end for hit in kept)
        modifiers = modifiers_in_scope(scan, first, last, [(hit.start, hit.end) for hit in kept])
        kinds = tuple(dict.fromkeys(modifier.kind for modifier in modifiers))
        polarity: Polarity = "negated" if "negation" in kinds else "affirmed"
        clause_start, clause_end = clause_bounds(scan, first, last)
        leading = leading_phrase_end(text, first)
        decision = decide_stance(
            scan,
            max(clause_start, leading),
            first,
            last,
            modifiers,
            any(cues[hit.cue_index].cue.intensifies for hit in kept),
        )
        if commitment.about == "others" and decision.stance in ("committed", "intensified"):
            # a demand on others in essence ("return to dialogue"): the holders cannot commit to it
            decision = decision._replace(stance="urged", basis=f"{decision.basis}; a demand on others: urged")
        holders, basis = self._holders.find(scan, first, last, parties)
        level = max((cues[hit.cue_index].cue.level for hit in kept), key=commitment.rank)
        evidence = _evidence(
            statement_id, sentences, sentence, [cues[hit.cue_index].cue for hit in kept], kept, modifiers
        )
        predicate = decision.predicate
        return Observation(
            commitment_id=commitment.id,
            level=level,
            stance=decision.stance,
            polarity=polarity,
            holders=holders,
            holder_basis=basis,
            modifiers=kinds,
            evidence=evidence,
            addressee=decision.addressee,
            predicate=_original(sentence, *predicate) if predicate else "",
            stance_basis=decision.basis,
            quantities=tuple(find_quantities(sentence, scan.numbers, clause_start, clause_end)),
        )


def _evidence(
    statement_id: str,
    sentences: Sequence[Sentence],
    sentence: Sentence,
    cues: list[Cue],
    hits: list[Hit],
    modifiers: list[Modifier],
) -> Evidence:
    """The sentence as evidence: its counting cue matches and its modifiers, in the original text,
    with the sentences either side."""
    index = sentence.index
    return Evidence(
        statement_id=statement_id,
        sentence_index=sentence.index,
        sentence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        cues=tuple(
            CueMatch(
                cue=cue.label,
                level=cue.level,
                text=_original(sentence, hit.start, hit.end),
                start=sentence.to_original(hit.start),
                end=sentence.to_original(hit.end, end=True),
                alone=cue.alone,
            )
            for cue, hit in zip(cues, hits, strict=True)
        ),
        modifiers=tuple(
            ModifierMatch(
                m.kind,
                _original(sentence, m.start, m.end),
                sentence.to_original(m.start),
                sentence.to_original(m.end, end=True),
            )
            for m in modifiers
        ),
        context_before=sentences[index - 1].text if index > 0 else "",
        context_after=sentences[index + 1].text if index + 1 < len(sentences) else "",
    )


def _strongest(observations: list[Observation], commitment: CommitmentType) -> Observation:
    """The statement's observation of a commitment type: its strongest affirmed sentence.

    Stance first, then content; at equal strength the one held by more parties (a joint
    commitment over one party's), then the earliest.
    """
    best = max(
        observations,
        key=lambda o: (
            o.polarity == "affirmed",
            o.stance_rank,
            commitment.rank(o.level),
            len(o.holders),
            -o.evidence.sentence_index,
        ),
    )
    if len(observations) == 1:
        return best
    others = tuple(sorted(o.evidence.sentence_index for o in observations if o is not best))
    return attrs.evolve(best, other_sentences=others)


def _original(sentence: Sentence, start: int, end: int) -> str:
    begin = sentence.to_original(start) - sentence.start
    finish = sentence.to_original(end, end=True) - sentence.start
    return sentence.text[begin:finish]


def sentence_words(statement: Statement) -> list[Words]:
    """The words of each of a statement's sentences (found once, read by matching and fingerprints)."""
    return [words_of(sentence.normalized) for sentence in statement.sentences]
