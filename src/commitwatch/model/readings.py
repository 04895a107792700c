"""Readings: what one statement says about each commitment type, with the evidence for it."""

from __future__ import annotations

import attrs

from ._base import find_by, pickled_as_arguments
from .catalog import ModifierKind, Polarity


@pickled_as_arguments
@attrs.frozen
class CueMatch:
    """One cue found in one sentence.

    Attributes:
        cue: The cue as written in the catalog.
        level: The level it shows.
        text: The matched words, as in the original file.
        start: Offset of the match in the statement's original text.
        end: Offset just past it.
        alone: Whether the cue counts by itself (see :class:`Cue`).
    """

    cue: str
    level: str
    text: str
    start: int
    end: int
    alone: bool = True


@pickled_as_arguments
@attrs.frozen
class ModifierMatch:
    """A modifier word near a match: a booster, hedge, condition or negation."""

    kind: ModifierKind
    text: str
    start: int
    end: int


@pickled_as_arguments
@attrs.frozen
class Evidence:
    """The sentence that shows an observation, and the words in it that decided it.

    Attributes:
        statement_id: The statement it is in.
        sentence_index: The sentence's place in the statement's body.
        sentence: The whole sentence, original characters.
        start: Offset of the sentence in the statement's original text.
        end: Offset just past it.
        cues: The cues that matched in it, decisive one first.
        modifiers: The modifiers in scope.
    """

    statement_id: str
    sentence_index: int
    sentence: str
    start: int
    end: int
    cues: tuple[CueMatch, ...]
    modifiers: tuple[ModifierMatch, ...] = ()


@pickled_as_arguments
@attrs.frozen
class Observation:
    """What one statement says about one commitment type.

    Attributes:
        commitment_id: The commitment type.
        level: The highest ladder level its evidence reaches.
        rank: The level's place on the ladder (1 = weakest).
        polarity: "affirmed", or "negated" when a negation governs the decisive match.
        holders: The parties that make the commitment, in catalog order.
        holder_basis: How the holders were found: "subject" (named as the sentence's subject),
            "nearest mention", or "statement" (the statement's parties, by default).
        modifiers: The modifier kinds that qualify it (booster, hedge, condition, negation).
        weight: The modifiers' net effect on strength (see :class:`ModifierLexicon`).
        evidence: The decisive sentence.
        other_sentences: Other sentences of the statement that also show it.
    """

    commitment_id: str
    level: str
    rank: int
    polarity: Polarity
    holders: tuple[str, ...]
    holder_basis: str
    modifiers: tuple[ModifierKind, ...]
    weight: int
    evidence: Evidence
    other_sentences: tuple[int, ...] = ()

    @property
    def strength(self) -> tuple[int, int]:
        """What versions are compared by: the level's rank, then the modifiers' weight."""
        return (self.rank, self.weight)


@pickled_as_arguments
@attrs.frozen
class Reading:
    """Everything one statement says, commitment by commitment.

    Attributes:
        statement_id: The statement.
        observations: One per commitment type it shows, in catalog order.
        families: The families it addresses (at least one observation), in catalog order.
    """

    statement_id: str
    observations: tuple[Observation, ...]
    families: tuple[str, ...]

    def get(self, commitment_id: str) -> Observation | None:
        """The observation for a commitment type, or None when the statement does not show it."""
        found: Observation | None = find_by(self.observations, "commitment_id", commitment_id)
        return found


@attrs.frozen
class NearMiss:
    """A cue that matched but did not count, and why (for ``commitwatch explain``)."""

    commitment_id: str
    cue: str
    text: str
    reason: str


@attrs.frozen
class SentenceExplanation:
    """How matching read one sentence: what counted, what nearly did."""

    sentence_index: int
    sentence: str
    observations: tuple[Observation, ...]
    near_misses: tuple[NearMiss, ...]
