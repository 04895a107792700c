"""Readings: what one statement says about each commitment type, with the evidence for it."""

from __future__ import annotations

from typing import Literal

import attrs

from ._base import find_by, pickled_as_arguments
from .catalog import ModifierKind, Polarity

Stance = Literal["mentioned", "urged", "committed", "intensified", "fulfilled"]
STANCES: tuple[Stance, ...] = ("mentioned", "urged", "committed", "intensified", "fulfilled")
QuantityKind = Literal["year", "percent", "amount"]


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
        context_before: The sentence before it in the statement's body ("" for the first), so a
            reader can see what it follows without opening the file.
        context_after: The sentence after it ("" for the last).
    """

    statement_id: str
    sentence_index: int
    sentence: str
    start: int
    end: int
    cues: tuple[CueMatch, ...]
    modifiers: tuple[ModifierMatch, ...] = ()
    context_before: str = ""
    context_after: str = ""


@pickled_as_arguments
@attrs.frozen
class Quantity:
    """A number an observation's clause gives: a year or date, a percentage or an amount.

    Attributes:
        kind: "year" (a year, decade or date as a deadline or time), "percent" or "amount".
        value: The number: a year as 2035 (the first half of the 2030s as 2035, the end of the
            span it names), a percentage as 43.0, an amount in its unit as 100000000000.0.
        unit: For an amount, its currency or unit as written ("USD", "EUR", "GDP"); "" otherwise.
        relation: How the number bounds the commitment: "by", "at least", "up to", "in", or "".
        text: The words that give it, as in the original file.
        start: Offset in the statement's original text.
        end: Offset just past it.
    """

    kind: QuantityKind
    value: float
    unit: str
    relation: str
    text: str
    start: int
    end: int


@pickled_as_arguments
@attrs.frozen
class Observation:
    """What one statement says about one commitment type, on two axes.

    Attributes:
        commitment_id: The commitment type.
        level: Its content: the highest level of its commitment type's ladder the evidence
            reaches (what the commitment is about: nuclear-backed, regularized, ...).
        stance: What the holders do with it, on the scale shared by every commitment type:
            "mentioned" (noted, discussed, "the importance of"), "urged" (called for, urged on
            others, supported), "committed" (their own commitment, reaffirmation, "will") or
            "intensified" (committed with a booster, or a new mechanism launched), or "fulfilled"
            (reported as delivered: "have met", "has been achieved").
        polarity: "affirmed", or "negated" when a negation governs the decisive match.
        holders: The parties that voice it, in catalog order.
        holder_basis: How the holders were found: "subject" (named as the subject of the clause),
            "attribution" ("the U.S. commitment", "commitment of X and Y"), "nearest mention", or
            "statement" (the statement's parties, by default).
        addressee: Who is asked, for a stance urged on someone named ("we call on the DPRK to
            ..."): party names, or the words naming them ("all countries"); empty otherwise.
        predicate: The words that set the stance ("reaffirmed", "call on the DPRK to"), as in
            the original file; empty for a bare mention.
        stance_basis: Why the stance is what it is, in words.
        modifiers: The modifier kinds that qualify it (booster, hedge, condition, negation).
        quantities: Years, percentages and amounts in its clause.
        evidence: The decisive sentence.
        other_sentences: Other sentences of the statement that also show it.
    """

    commitment_id: str
    level: str
    stance: Stance
    polarity: Polarity
    holders: tuple[str, ...]
    holder_basis: str
    modifiers: tuple[ModifierKind, ...]
    evidence: Evidence
    addressee: tuple[str, ...] = ()
    predicate: str = ""
    stance_basis: str = ""
    quantities: tuple[Quantity, ...] = ()
    other_sentences: tuple[int, ...] = ()

    @property
    def stance_rank(self) -> int:
        """The stance's place on the scale, from 1 (mentioned) to 4 (intensified); 5 for fulfilled."""
        return STANCES.index(self.stance) + 1


@pickled_as_arguments
@attrs.frozen
class Reading:
    """Everything one statement says, commitment by commitment.

    Attributes:
        statement_id: The statement.
        observations: One per commitment type it shows, in catalog order.
        families: The families it addresses (at least one observation), in catalog order.
        coverage: Per family it addresses, how many of its sentences show the family: a family
            taken up at length is told apart from one named in passing.
        sentences_read: How many of its sentences show at least one commitment type (the rest
            say nothing the catalog describes).
    """

    statement_id: str
    observations: tuple[Observation, ...]
    families: tuple[str, ...]
    coverage: tuple[tuple[str, int], ...] = ()
    sentences_read: int = 0

    def get(self, commitment_id: str) -> Observation | None:
        """The observation for a commitment type, or None when the statement does not show it."""
        found: Observation | None = find_by(self.observations, "commitment_id", commitment_id)
        return found

    def sentences_on(self, family: str) -> int:
        """How many of the statement's sentences show ``family``."""
        return dict(self.coverage).get(family, 0)


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
