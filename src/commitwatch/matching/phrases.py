"""Many labelled phrases found in a sentence at once: modifier terms, clause ends, party names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import ahocorasick
import attrs

from ..load.words import Words, word_spans
from .patterns import compile_pattern, phrases_of

__all__ = ["Alternation", "Phrase", "PhraseSet"]

_COUNTED = 16  # matches in a sentence placed by counting spaces; past that, by a search in their positions
_SPACE = re.compile(" ")


class Alternation:
    """Many patterns as one regular expression, for finding them all in a sentence at once."""

    def __init__(self, patterns: Sequence[str], *, ignore_case: bool = True) -> None:
        compiled = [compile_pattern(p, require_anchor=False) for p in patterns]
        bodies = sorted({item.body for item in compiled}, key=len, reverse=True)
        flags = re.IGNORECASE if ignore_case else 0
        self._regex = re.compile("(?:" + "|".join(bodies) + r")(?![\w])", flags) if bodies else None
        # Per pattern, the groups of literals of which every match holds one of each (a gap pattern
        # such as "{launch|establish} ...6 {group|mechanism}" needs a verb and a noun): a sentence
        # that lacks a group for every pattern is not searched at all, which is most sentences.
        self._requirements: list[tuple[tuple[str, ...], ...]] | None = []
        for item in compiled:
            groups = item.requirements or ((tuple(item.anchors),) if item.anchors else ())
            if not groups:
                self._requirements = None
                break
            self._requirements.append(tuple(tuple(sorted(word.lower() for word in group)) for group in groups))

    def spans(self, text: str, lowered: str | None = None) -> list[tuple[int, int]]:
        """Where the patterns match in ``text``, on whole words, leftmost first.

        Args:
            text: The text.
            lowered: The text's words in lower case, if at hand (to skip a text without the anchors).
        """
        if self._regex is None:
            return []
        if self._requirements is not None:
            haystack = lowered if lowered is not None else text.lower()
            if not any(
                all(any(word in haystack for word in group) for group in groups) for groups in self._requirements
            ):
                return []
        return word_spans(self._regex, text)


@attrs.frozen
class Phrase:
    """One pattern to look for in a :class:`PhraseSet`.

    Attributes:
        pattern: The phrase pattern.
        label: What a match means (a modifier kind, a party name, ...).
        category: Matches within one category do not overlap; across categories they may.
        ignore_case: Whether case matters (party names are matched with their case).
    """

    pattern: str
    label: str
    category: str
    ignore_case: bool = True


class PhraseSet:
    """Many labelled patterns found in a sentence by one Aho-Corasick pass over its words.

    Patterns that expand to a few word sequences (modifier terms and party names do) become
    keys of an automaton run over the sentence's words joined by single spaces, so that any
    separator in the text ("iron-clad", "U.S.") reads as one; the rest fall back to regular
    expressions. Within a category matches are leftmost-longest and do not overlap; each carries
    its pattern's label and category.
    """

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        keys: tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]] = ({}, {})
        self._fallback: list[tuple[Alternation, str, str]] = []
        for phrase in phrases:
            expansions = phrases_of(phrase.pattern)
            if expansions is None:
                regex = Alternation([phrase.pattern], ignore_case=phrase.ignore_case)
                self._fallback.append((regex, phrase.label, phrase.category))
                continue
            for words in expansions:
                key = " ".join(word.lower() if phrase.ignore_case else word for word in words)
                keys[0 if phrase.ignore_case else 1].setdefault(f" {key} ", []).append((phrase.label, phrase.category))
        self._automata: list[ahocorasick.Automaton | None] = []  # ignoring case, keeping case
        for table in keys:
            if not table:
                self._automata.append(None)
                continue
            automaton = ahocorasick.Automaton()
            for key, labels in table.items():
                automaton.add_word(key, (len(key), key.count(" ") - 1, tuple(labels)))
            automaton.make_automaton()
            self._automata.append(automaton)

    def find(self, words: Words) -> list[tuple[int, int, str, str]]:
        """Where the patterns match, as ``(start, end, label, category)`` in the text's offsets."""
        # per (first word, category): the longest phrase starting there; at equal length the
        # case-keeping one, then the one given last
        best: dict[tuple[int, str], tuple[int, int, int, str]] = {}
        for kind, automaton in enumerate(self._automata):
            if automaton is None or not words.original:
                continue
            joined = words.joined if kind == 0 else f" {' '.join(words.original)} "
            spaces: list[int] | None = None
            for found_count, (end, (length, size, labels)) in enumerate(automaton.iter(joined)):
                if found_count < _COUNTED:
                    position = joined.count(" ", 0, end - length + 2) - 1  # the words before the match
                else:  # a sentence with many matches: counting from the start each time would be quadratic
                    if spaces is None:
                        spaces = [m.start() for m in _SPACE.finditer(joined)]
                    position = bisect.bisect_right(spaces, end - length + 1) - 1
                for order, (label, category) in enumerate(labels):
                    rank = (size, kind, order, label)
                    if rank > best.get((position, category), (0, 0, 0, "")):
                        best[(position, category)] = rank
        found: list[tuple[int, int, str, str]] = []
        if best:
            free: dict[str, int] = {}  # per category, the first word not yet inside a match
            text, lower = words.text, words.lower
            for (position, category), (size, _, _, label) in sorted(best.items()):
                if free.get(category, 0) > position:
                    continue
                free[category] = position + size
                last = position + size - 1
                end = words.span(last)[1]
                if len(lower[last]) == 1 and text[end : end + 1] == ".":
                    end += 1  # the last period of an abbreviation such as "U.S."
                found.append((words.span(position)[0], end, label, category))
        for regex, label, category in self._fallback:
            found.extend((start, end, label, category) for start, end in regex.spans(words.text, words.joined))
        found.sort()
        return found
