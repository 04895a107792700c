"""What a sentence holds besides cues: predicates, modifier terms, clause ends and party names.

One pass of a :class:`~commitwatch.matching.phrases.PhraseSet` over the sentence's words finds
every kind at once, however many commitment types the sentence shows; the passes below only
sort them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..load.words import Words
from ..model import Catalog, ModifierKind, ModifierLexicon, Stance
from .phrases import Phrase, PhraseSet
from .quantities import Number, numbers_in

__all__ = ["COLLECTIVE", "Mention", "Predicate", "ScanTables", "SentenceScan", "leading_phrase_end"]

COLLECTIVE = "\x00collective"  # a mention's party when it stands for all of a statement's parties
_PSEUDO = "\x00pseudo"
_LEADING_PHRASE = re.compile(
    r"^\s*(?:(?:in addition|additionally|furthermore|moreover|also|today|meanwhile|"
    r"(?:together with|in|on|at|as|with|given|following|after|since|despite|amid|through|for|under|"
    r"recalling|noting|underscoring|stressing|highlighting|recognizing|building on|to|against|by|from|during|upon|"
    r"regarding|concerning)\b[^,]{0,160}),\s*)+",
    re.IGNORECASE,
)


def leading_phrase_end(text: str, limit: int) -> int:
    """Where the phrases that lead into a sentence's main clause end ("In addition, ...", "Following ...,")."""
    leading = _LEADING_PHRASE.match(text, 0, limit)
    return leading.end() if leading else 0


class Mention(NamedTuple):
    """A party (or a collective subject such as "we") named in a sentence."""

    start: int
    end: int
    party: str  # a party name, or COLLECTIVE


class Predicate(NamedTuple):
    """A predicate that sets a stance ("reaffirmed", "call on", "the importance of")."""

    stance: Stance
    start: int
    end: int


class ScanTables:
    """A catalog's modifier lexicons, clause terminators and party names, ready to scan sentences with."""

    def __init__(self, catalog: Catalog) -> None:
        self.lexicons: dict[str, tuple[ModifierKind, ModifierLexicon]] = {}
        phrases: list[Phrase] = []
        lexicons: dict[ModifierKind, ModifierLexicon] = {
            "booster": catalog.modifiers.booster,
            "hedge": catalog.modifiers.hedge,
            "condition": catalog.modifiers.condition,
            "negation": catalog.modifiers.negation,
        }
        for kind, lexicon in lexicons.items():
            self.lexicons[kind] = (kind, lexicon)
            phrases.extend(Phrase(term, kind, "modifier") for term in lexicon.terms)
            phrases.extend(Phrase(term, _PSEUDO, "modifier") for term in lexicon.pseudo)
        terminators = catalog.modifiers.terminators
        marks = "".join(term for term in terminators if not term[:1].isalnum())
        phrases.extend(Phrase(term, "", "terminator") for term in terminators if term[:1].isalnum())
        self.terminator_marks = re.compile(f"[{re.escape(marks)}]") if marks else None
        # Proper names match with their case (so the party "U.S." is not the pronoun "us").
        phrases.extend(
            Phrase(name, party.name, "mention", ignore_case=False)
            for party in catalog.parties
            for name in (party.name, *party.aliases)
        )
        phrases.extend(Phrase(subject, COLLECTIVE, "mention") for subject in catalog.collective_subjects)
        for stance, terms in catalog.stance.by_stance().items():
            phrases.extend(Phrase(term, stance, "predicate") for term in terms)
        phrases.extend(Phrase(term, "", "addressed") for term in catalog.stance.addressed)
        self.phrases = PhraseSet(phrases)


class SentenceScan:
    """The modifier terms, clause terminators and mentions of one sentence, each found when first asked."""

    def __init__(self, tables: ScanTables, words: Words) -> None:
        self._tables = tables
        self.words = words
        self.text = words.text
        self._found: list[tuple[int, int, str, str]] | None = None
        self._terminators: list[tuple[int, int]] | None = None
        self._modifiers: list[tuple[ModifierKind, ModifierLexicon, int, int]] | None = None
        self._mentions: list[Mention] | None = None
        self._predicates: list[Predicate] | None = None
        self._numbers: list[Number] | None = None

    @property
    def found(self) -> list[tuple[int, int, str, str]]:
        """Modifier terms, clause terminators and party mentions, in one pass over the words."""
        if self._found is None:
            self._found = self._tables.phrases.find(self.words)
        return self._found

    @property
    def terminators(self) -> list[tuple[int, int]]:
        """Where clauses end: terminator words and marks, in order."""
        if self._terminators is None:
            marks = self._tables.terminator_marks
            spans = [(start, end) for start, end, _, category in self.found if category == "terminator"]
            if marks is not None:
                spans.extend(m.span() for m in marks.finditer(self.text))
            self._terminators = sorted(spans)
        return self._terminators

    @property
    def modifiers(self) -> list[tuple[ModifierKind, ModifierLexicon, int, int]]:
        """Every modifier term in the sentence; a look-alike ("not only") hides the term it contains."""
        if self._modifiers is None:
            lexicons = self._tables.lexicons
            self._modifiers = [
                (*lexicons[label], start, end)
                for start, end, label, category in self.found
                if category == "modifier" and label != _PSEUDO
            ]
        return self._modifiers

    @property
    def predicates(self) -> list[Predicate]:
        """The stance predicates of the sentence, in order (no two overlap)."""
        if self._predicates is None:
            found = [(start, end, label) for start, end, label, category in self.found if category == "predicate"]
            self._predicates = [Predicate(label, start, end) for start, end, label in _without_overlaps(found)]  # type: ignore[arg-type]
        return self._predicates

    @property
    def numbers(self) -> list[Number]:
        """The sentence's years, shares and amounts."""
        if self._numbers is None:
            self._numbers = numbers_in(self.text)
        return self._numbers

    @property
    def addressed(self) -> list[tuple[int, int]]:
        """Words that name whom a demand is addressed to ("all countries")."""
        return [(start, end) for start, end, _, category in self.found if category == "addressed"]

    @property
    def mentions(self) -> list[Mention]:
        """Parties and collective subjects named in the sentence (no two overlap)."""
        if self._mentions is None:
            text = self.text
            found = [Mention(start, end, label) for start, end, label, category in self.found if category == "mention"]
            # "U.S.-Japan alliance", "U.S.-ROK exercises": a name inside a compound is no holder
            self._mentions = [m for m in found if text[m.start - 1 : m.start] != "-" and text[m.end : m.end + 1] != "-"]
        return self._mentions


def _without_overlaps(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Leftmost-longest: a phrase found by a pattern with a gap may overlap one found word by word."""
    kept: list[tuple[int, int, str]] = []
    for start, end, label in sorted(found, key=lambda item: (item[0], -(item[1] - item[0]))):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, label))
    return kept
