"""Years, percentages and amounts in a commitment's clause, as typed values with their relation.

"reach net zero by 2050", "in the first half of the 2030s" (read as 2034, the last year it
allows; "the early 2030s" too, "the mid-2030s" 2036, "the 2030s" 2039), "2 % of GDP", "$100 billion",
"43 % by 2030", "at least 2%", "no later than 2035", "by 2025 or sooner". A decimal such as
"1.5" is one number. A year is read only where it bounds the commitment (after "by", "in",
"before", "until", "no later than", "from", or as a decade): a date in passing ("the 2018
Panmunjom Declaration") is not a quantity.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Quantity, QuantityKind, Sentence

__all__ = ["Number", "find_quantities", "numbers_in"]

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY", "won": "KRW"}
_RELATION = (
    r"(?P<relation>at least|no less than|more than|over|up to|no more than|no later than"
    r"|by|before|until|in|from|within)\s+(?:the\s+)?"
)

_PATTERNS: list[tuple[QuantityKind, re.Pattern[str]]] = [
    (
        "percent",
        re.compile(
            rf"(?:{_RELATION})?(?P<number>{_NUMBER})\s?(?:%|per ?cent\b)(?:\s+of\s+(?P<unit>GDP|GNI|emissions))?", re.I
        ),
    ),
    (
        "amount",
        re.compile(
            rf"(?:{_RELATION})?(?P<currency>US\$|\$|€|£|¥|USD|EUR|GBP)\s?(?P<number>{_NUMBER})"
            rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?",
            re.I,
        ),
    ),
    (
        "amount",
        re.compile(
            rf"(?:{_RELATION})?(?P<number>{_NUMBER})\s+(?P<scale>thousand|million|billion|trillion)?\s*"
            rf"(?P<words>dollars|euros|pounds|yen|won)\b",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            r"(?P<relation>no later than|by|before|until|in|from|within|starting in|for)\s+(?:the\s+)?"
            r"(?:(?P<half>first|second) half of the\s+)?(?:(?P<early>early|mid|late)[- ])?"
            r"(?P<year>(?:19|20)\d\d)(?P<decade>s)?\b",
            re.I,
        ),
    ),
]


class Number(NamedTuple):
    """A quantity found in a sentence's normalised text, before it is placed in the original."""

    kind: QuantityKind
    value: float
    unit: str
    relation: str
    start: int
    end: int


_MAY_HOLD = re.compile(r"\d")


def numbers_in(text: str) -> list[Number]:
    """Every quantity in a sentence's normalised text, leftmost first (found once per sentence)."""
    if _MAY_HOLD.search(text) is None:
        return []
    found: list[Number] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < number.end and number.start < span[1] for number in found):
                continue
            quantity = _quantity(kind, match)
            if quantity is not None:
                found.append(Number(*quantity, *span))
    found.sort(key=lambda number: number.start)
    return found


def find_quantities(sentence: Sentence, numbers: list[Number], start: int, end: int) -> list[Quantity]:
    """The quantities of one clause of a sentence, placed in the statement's original text.

    Args:
        sentence: The sentence.
        numbers: Its quantities (see :func:`numbers_in`).
        start: Where the clause starts in the sentence's normalised text.
        end: Where it ends.
    """
    quantities = []
    for number in numbers:
        if number.start < start or number.end > end:
            continue
        first, last = sentence.to_original(number.start), sentence.to_original(number.end, end=True)
        words = sentence.text[first - sentence.start : last - sentence.start]
        quantities.append(Quantity(number.kind, number.value, number.unit, number.relation, words, first, last))
    return quantities


def _quantity(kind: QuantityKind, match: re.Match[str]) -> tuple[QuantityKind, float, str, str] | None:
    parts = match.groupdict()
    relation = (parts.get("relation") or "").lower()
    if relation in {"no later than", "before", "until", "within", "for"}:
        relation = "by"
    elif relation in {"no less than", "more than", "over"}:
        relation = "at least"
    elif relation == "no more than":
        relation = "up to"
    if kind == "year":
        year = int(parts["year"])
        if parts.get("decade"):
            half = (parts.get("half") or "").lower()
            early = (parts.get("early") or "").lower()
            year += 4 if half == "first" or early == "early" else 6 if early == "mid" else 9
        return "year", float(year), "", relation or "in"
    number = float(parts["number"].replace(",", ""))
    if kind == "percent":
        return "percent", number, (parts.get("unit") or "").upper(), relation
    scale = _SCALE.get((parts.get("scale") or "").lower(), 1.0)
    currency = parts.get("currency")
    unit = _CURRENCY.get(currency.lower(), currency.upper()) if currency else _CURRENCY_WORDS[parts["words"].lower()]
    return "amount", number * scale, unit, relation
