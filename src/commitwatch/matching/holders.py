"""Who holds a commitment: the party named as the sentence's subject, else the nearest one named.

"The United States reiterates ..." is the United States'; "We", "the three countries" and the
catalog's other collective subjects stand for all of the statement's parties; "the Republic of
Korea (ROK)" is one party; "the U.S.-Japan alliance" names no holder. Without a subject, the
nearest party named before the cue holds it, else the statement's parties do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Party
from .scan import COLLECTIVE, Mention, SentenceScan, leading_phrase_end

__all__ = ["HolderRules"]

_MAX_ORDERS_REMEMBERED = 10_000  # distinct lists of holders put in order
# Between a party and the commitment it holds only describing words stand ("the U.S. extended
# deterrence commitment", "the United States' steadfast commitments"); these words end that.
_NOT_ATTRIBUTIVE = re.compile(r"\b(?:to|and|or|with|for|of|in|on|at|by|from|as|that|which|who|is|are|was|were)\b", re.I)
_OFFICIALS_OF = re.compile(
    r"\s*(?:the\s+)?(?:[a-z-]+\s+){0,3}(?:ministers?|leaders?|advisors?|advisers?|secretaries|secretary|representatives?"
    r"|officials?|presidents?|heads of state and government)\s+of\s+",
    re.IGNORECASE,
)
# "the U.S. commitment to [the immediate resolution of ...]": a party's commitment, named before the cue
_COMMITMENT_TO = re.compile(
    r"^(?:'s?|’s?)?\s+(?:[\w-]+\s+){0,2}?(?:commitments?|pledges?)\s+to\s+(?:the\s+|an?\s+)?$", re.IGNORECASE
)
_OF_HOLDER = re.compile(r"\bcommitments?\s+of\s+(?:the\s+)?", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^(?:\s*\([^)]{0,40}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.IGNORECASE)
_OPEN_PAREN = re.compile(r"^\s*\($")
_THE = re.compile(r"^(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:'s?|’s?)(?!\w)")


class HolderRules:
    """Finds a match's holders in a sentence, and lists holders in the catalog's party order."""

    def __init__(self, parties: Sequence[Party]) -> None:
        self._party_order = {party.name: index for index, party in enumerate(parties)}
        self._orders: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(
        self, scan: SentenceScan, cue_start: int, cue_end: int, parties: Sequence[str]
    ) -> tuple[tuple[str, ...], str]:
        """The holders of a match from ``cue_start`` to ``cue_end``, and how they were found.

        Returns:
            The holders in catalog order, and "attribution", "subject", "nearest mention" or
            "statement".
        """
        text = scan.text
        mentions = [m for m in scan.mentions if m.end <= cue_start]
        subject = _subject(text, mentions, leading_phrase_end(text, cue_start))
        attributed = self._attributed(scan, cue_start, cue_end, parties)
        if attributed and not set(attributed) <= set(subject):  # a subject's own name is no attribution
            return self._resolve(attributed, parties), "attribution"
        if subject and all(m.party == COLLECTIVE or m.party in parties for m in subject):
            return self._resolve(subject, parties), "subject"
        if subject:
            # "North Korea cannot and will never have the status ...": the statement's parties say it of another
            return self.order(parties), "statement"
        for position in range(len(mentions) - 1, -1, -1):
            mention = mentions[position]
            if _POSSESSIVE.match(text, mention.end):
                continue
            if mention.party == COLLECTIVE or mention.party in parties:
                return self._resolve(_list_ending_at(text, mentions, position), parties), "nearest mention"
        return self.order(parties), "statement"

    def _attributed(self, scan: SentenceScan, cue_start: int, cue_end: int, parties: Sequence[str]) -> list[Mention]:
        """The statement's own parties the sentence attributes the commitment to, if it does.

        "the U.S. commitment", "the United States' steadfast commitments" (the party just before
        the cue, with only describing words between), "U.S. commitment to [the cue]", or "the
        commitment of the United States, the Republic of Korea, and Japan" (the parties named after
        "commitment of").
        """
        text = scan.text
        own = [m for m in scan.mentions if m.party in parties]
        for mention in reversed(own):
            if mention.end > cue_start:
                continue
            between = text[mention.end : cue_start]
            describing = len(between.split()) <= 3 and not _NOT_ATTRIBUTIVE.search(between) and "," not in between
            verb = any(mention.end <= p.start and p.end <= cue_start for p in scan.predicates)
            if (describing and not verb) or _COMMITMENT_TO.match(between):
                return [mention]
            break
        found = _OF_HOLDER.search(text, max(0, cue_start - 60), min(len(text), cue_end + 60))
        if found is not None:
            chain = _subject(text, [m for m in scan.mentions if m.start >= found.end()], found.end())
            if chain and all(m.party in parties or m.party == COLLECTIVE for m in chain):
                return chain
        return []

    def order(self, names: Iterable[str]) -> tuple[str, ...]:
        """``names`` once each, in the catalog's party order (unknown names last, by name)."""
        key = tuple(names)
        ordered = self._orders.get(key)
        if ordered is None:
            unique = dict.fromkeys(key)
            ordered = tuple(
                sorted(unique, key=lambda name: (self._party_order.get(name, len(self._party_order)), name))
            )
            if len(self._orders) < _MAX_ORDERS_REMEMBERED:
                self._orders[key] = ordered
        return ordered

    def _resolve(self, mentions: list[Mention], parties: Sequence[str]) -> tuple[str, ...]:
        names: list[str] = []
        for mention in mentions:
            names.extend(parties if mention.party == COLLECTIVE else [mention.party])
        return self.order(names)


def _list_ending_at(text: str, mentions: list[Mention], position: int) -> list[Mention]:
    """The mention at ``position`` with the ones listed before it ("the United States, Japan, and the ROK")."""
    chain = [mentions[position]]
    while position > 0 and _LIST_JOIN.match(text[mentions[position - 1].end : chain[0].start]):
        position -= 1
        chain.insert(0, mentions[position])
    return chain


def _subject(text: str, mentions: list[Mention], offset: int) -> list[Mention]:
    """The mentions that make up the sentence's subject from ``offset`` ("The U.S. and Japan"), also
    when officials of them are named ("Foreign ministers of Japan and the ROK": Japan and the ROK)."""
    chain: list[Mention] = []
    officials = _OFFICIALS_OF.match(text, offset)
    position = officials.end() if officials else offset
    for mention in mentions:
        if mention.start < position:
            continue
        between = text[position : mention.start]
        if chain and _OPEN_PAREN.match(between) and text.startswith(")", mention.end):
            continue  # "the Republic of Korea (ROK)": the abbreviation is part of the name
        if not (_THE.match(between) if not chain else _LIST_JOIN.match(between)):
            break
        chain.append(mention)
        position = mention.end
    if not chain:
        return []
    following = text[position : position + 1]
    if _POSSESSIVE.match(text, position) or following in {"-", "'"} or following.isalnum():
        return []
    return chain
