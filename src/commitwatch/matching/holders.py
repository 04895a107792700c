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
from .scan import COLLECTIVE, Mention, SentenceScan

__all__ = ["HolderRules"]

_MAX_ORDERS_REMEMBERED = 10_000  # distinct lists of holders put in order
_LEADING_PHRASE = re.compile(
    r"^\s*(?:(?:in addition|additionally|furthermore|moreover|also|today|meanwhile|"
    r"(?:together with|in|on|at|as|with|given|following|after|since|despite|amid|through|for|under|"
    r"recalling|noting|building on|to|against|by|from|during|upon|regarding|concerning)\b[^,]{0,160}),\s*)+",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"^(?:\s*\([^)]{0,40}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.IGNORECASE)
_OPEN_PAREN = re.compile(r"^\s*\($")
_THE = re.compile(r"^(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:'s?|’s?)(?!\w)")


class HolderRules:
    """Finds a match's holders in a sentence, and lists holders in the catalog's party order."""

    def __init__(self, parties: Sequence[Party]) -> None:
        self._party_order = {party.name: index for index, party in enumerate(parties)}
        self._orders: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(self, scan: SentenceScan, cue_start: int, parties: Sequence[str]) -> tuple[tuple[str, ...], str]:
        """The holders of a match starting at ``cue_start``, and how they were found.

        Returns:
            The holders in catalog order, and "subject", "nearest mention" or "statement".
        """
        text = scan.text
        mentions = [m for m in scan.mentions if m.end <= cue_start]
        leading = _LEADING_PHRASE.match(text, 0, cue_start)
        subject = _subject(text, mentions, leading.end() if leading else 0)
        if subject:
            return self._resolve(subject, parties), "subject"
        for mention in reversed(mentions):
            if _POSSESSIVE.match(text, mention.end):
                continue
            if mention.party == COLLECTIVE or mention.party in parties:
                return self._resolve([mention], parties), "nearest mention"
        return self.order(parties), "statement"

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


def _subject(text: str, mentions: list[Mention], offset: int) -> list[Mention]:
    """The mentions that make up the sentence's subject from ``offset`` ("The U.S. and Japan")."""
    chain: list[Mention] = []
    position = offset
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
