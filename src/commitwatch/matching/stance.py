"""The stance of a match: what its holders do with the commitment, read from the predicate governing it.

Following FactBank and De Facto, a stance is relative to its source and propagates through
embedding ("we call on X to commit to Y": Y is urged, not committed). Within the cue's clause
(from the last terminator, or from the end of a leading phrase, up to the cue):

1. The governing predicate is the one nearest before the cue; without one, a predicate inside
   the cue's own words ("commitments to defend"); else one shortly after it ("... remains
   ironclad", "is and will remain"); without any predicate the commitment is only mentioned.
2. Walking outward, an earlier predicate that only mentions ("discussed", "the importance of")
   caps the stance at mentioned; an earlier demand on someone named ("urged the DPRK to") caps
   it at urged. An earlier commitment changes nothing: one commits to urging as well as to acting.
3. A committed stance is intensified by a booster in its clause ("steadfast", "ironclad"), or
   by a cue marked ``intensifies`` (a concrete new mechanism, "without preconditions"); a hedge
   ("seek to", "where appropriate") keeps it from being intensified. A bare cue that intensifies
   (no predicate at all) is the holders' own, and intensified.
4. A commitment reported as delivered ("have met", "has been achieved") is fulfilled, whatever
   embeds the report: "we welcome that Allies have fulfilled their commitment" reports a fact,
   it does not only mention it. The report governs its object (a few words on, no comma) or, when
   passive, the subject before it ("the target has been met"), not the rest of the sentence.

The addressee of an urged stance is the party (or words such as "all countries") named right
after the demand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..model import STANCES, Stance
from .modifiers import Modifier
from .scan import COLLECTIVE, SentenceScan

__all__ = ["StanceDecision", "decide_stance"]

_AFTER_WINDOW = 6  # words after the cue in which a predicate may still govern it ("... is ironclad")
_ADDRESSEE_WINDOW = 3  # words after a demand in which its addressee is named
_WORD = re.compile(r"[\w']+")
_RELATIVE = re.compile(r"\b(?:who|whom|which)\s+$", re.IGNORECASE)
_NEAR = 3  # words between an intensifying predicate and a cue it governs, without a purpose clause
_OBJECT = 4  # words between a fulfilling predicate and the object it reports delivered ("their pledge to")
_PASSIVE = re.compile(r"\b(?:been|was|were)\b", re.IGNORECASE)
_PURPOSE = re.compile(
    r"[\s(),A-Z]*(?:\)\s*)?(?:to|in order to|that will|which will|aimed at|focused on|for)\b", re.IGNORECASE
)
_COORDINATED = re.compile(r"(?:,\s*|\b)and\s+(?:also\s+)?$", re.IGNORECASE)


class StanceDecision(NamedTuple):
    """The stance of one match, with the words that set it and why."""

    stance: Stance
    predicate: tuple[int, int] | None  # the governing predicate's span, in normalised offsets
    addressee: tuple[str, ...]
    basis: str


def decide_stance(
    scan: SentenceScan,
    clause_start: int,
    first: int,
    last: int,
    modifiers: Sequence[Modifier],
    intensifies: bool,
) -> StanceDecision:
    """The stance of the counting cue matches that run from ``first`` to ``last``.

    Args:
        scan: The sentence's scan (its predicates, mentions and clause ends).
        clause_start: Where the cue's clause starts.
        first: Where the first counting match starts.
        last: Where the last one ends.
        modifiers: The modifiers in the matches' scope.
        intensifies: Whether a counting cue is marked ``intensifies``.
    """
    text = scan.text
    # a predicate of a relative clause ("actors who are working to ...") is its antecedent's, not the holders'
    predicates = [p for p in scan.predicates if not _RELATIVE.search(text, max(0, p.start - 8), p.start)]
    # a predicate may run into the cue ("will never accept [a nuclear-armed DPRK]", "the launch of
    # [the monitoring team]"): it governs it from where it starts
    before = [p for p in predicates if clause_start <= p.start < first]
    inside = [p for p in predicates if first <= p.start and p.end <= last]
    # after the cue, only a predicate of which it is the subject ("... remain ironclad"): no comma between
    after = [
        p
        for p in predicates
        if p.start >= last
        and len(_WORD.findall(text, last, p.start)) <= _AFTER_WINDOW
        and p.start < _clause_end(scan, last)
        and "," not in text[last : p.start]
    ]
    # a mechanism launched governs the words that name it and its purpose ("a new working group to
    # combat ..."), not the rest of the sentence ("the establishment of the NCG demonstrates ...")
    before = [p for p in before if p.stance != "intensified" or _governs_from_afar(text, p.end, first)]
    # a report of delivery governs its object ("have met the 2% guideline"), not whatever follows
    # ("the progress the Alliance has achieved in the first year of the NCG")
    before = [p for p in before if p.stance != "fulfilled" or _is_object(text, p.end, first)]
    # after the cue, only a committing predicate of which it is the subject ("... remains ironclad")
    after = [p for p in after if p.stance in ("committed", "intensified", "fulfilled")]
    # the subject of an active report of delivery is who delivered ("the Alliance has achieved
    # [progress]"), not what: only a passive one reports its subject delivered ("the target has been met")
    after = [p for p in after if p.stance != "fulfilled" or _PASSIVE.search(text, p.start, p.end)]
    # a passive report of delivery of which the cue is the subject ("our commitments ... have been
    # met") reports it delivered, whatever precedes or names it
    delivered = next((p for p in after if p.stance == "fulfilled"), None)
    governing = delivered or (before[-1] if before else inside[0] if inside else after[0] if after else None)
    if governing is None:
        if intensifies:
            return StanceDecision(
                "intensified", None, (), "a concrete new mechanism or pledge, stated as the holders' own"
            )
        return StanceDecision("mentioned", None, (), "no predicate takes it up: a mention")
    stance: Stance = governing.stance
    words = _quote(text, governing.start, governing.end)
    basis = f"{_article(stance)} predicate: {words}"
    addressee = _addressee(scan, governing.end) if stance == "urged" else ()
    scoped = before[:-1] if before and stance != "fulfilled" else []
    for position in range(len(scoped) - 1, -1, -1):
        earlier = scoped[position]
        inner = scoped[position + 1] if position + 1 < len(scoped) else governing
        if _COORDINATED.search(text, max(0, inner.start - 12), inner.start):
            break  # "... and reiterated that ...": a coordinated predicate starts a scope of its own
        if earlier.stance == "mentioned" and _rank(stance) > _rank("mentioned"):
            stance = "mentioned"
            basis = f"{words}, inside {_quote(text, earlier.start, earlier.end)}, which only mentions it"
            break
        if earlier.stance == "urged" and _rank(stance) > _rank("urged"):
            named = _addressee(scan, earlier.end)
            if named:
                stance, addressee = "urged", named
                basis = f"{words}, inside the demand {_quote(text, earlier.start, earlier.end)}"
    if stance == "committed" and governing not in after and any(p.stance == "intensified" for p in after):
        # "... affirmed that [trilateral cooperation] would not be shaken"
        stronger = next(p for p in after if p.stance == "intensified")
        stance = "intensified"
        basis += f"; intensified by {_quote(text, stronger.start, stronger.end)}"
    hedged = any(m.kind == "hedge" for m in modifiers)
    booster = next((m for m in modifiers if m.kind == "booster"), None)
    if stance == "committed" and not hedged:
        if booster is not None:
            stance = "intensified"
            basis += f"; intensified by {_quote(text, booster.start, booster.end)}"
        elif intensifies:
            stance = "intensified"
            basis += "; intensified: a concrete new mechanism or a stronger form"
    elif stance == "committed" and hedged and (booster is not None or intensifies):
        basis += "; a hedge keeps it from being intensified"
    return StanceDecision(stance, (governing.start, governing.end), addressee, basis)


def _governs_from_afar(text: str, end: int, cue: int) -> bool:
    """Whether an intensifying predicate ending at ``end`` reaches a cue starting at ``cue``."""
    between = text[end:cue]
    return len(_WORD.findall(between)) <= _NEAR or _PURPOSE.match(between) is not None


def _is_object(text: str, end: int, cue: int) -> bool:
    """Whether a cue starting at ``cue`` is the object of a predicate ending at ``end``."""
    between = text[end:cue]
    return "," not in between and len(_WORD.findall(between)) <= _OBJECT


def _addressee(scan: SentenceScan, position: int) -> tuple[str, ...]:
    """Whom a demand ending at ``position`` names right after it, if anyone."""
    text = scan.text
    for mention in scan.mentions:
        if mention.start >= position and len(_WORD.findall(text, position, mention.start)) <= _ADDRESSEE_WINDOW:
            return () if mention.party == COLLECTIVE else (mention.party,)
    for start, end in scan.addressed:
        if start >= position and len(_WORD.findall(text, position, start)) <= _ADDRESSEE_WINDOW:
            return (text[start:end],)
    return ()


def _clause_end(scan: SentenceScan, position: int) -> int:
    return next((start for start, _ in scan.terminators if start >= position), len(scan.text))


def _rank(stance: Stance) -> int:
    return STANCES.index(stance)


def _article(stance: Stance) -> str:
    return {
        "mentioned": "a mentioning",
        "urged": "an urging",
        "committed": "a committing",
        "intensified": "an intensifying",
        "fulfilled": "a fulfilling",
    }[stance]


def _quote(text: str, start: int, end: int) -> str:
    return "'" + " ".join(text[start:end].split()) + "'"
