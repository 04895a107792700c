"""Words: how a text is split into words, once, for every lookup that needs them.

Matching, the modifier and party scan, and the fingerprints of republished copies all read a
sentence's words; they are found in one pass and shared.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Any

__all__ = ["WORD", "Words", "is_one_word", "word_spans", "words_of"]

WORD = re.compile(r"[^\W_]+")  # a word as texts are split into words: letters and digits
_TEXT_SPLIT = re.compile(f"({WORD.pattern})")


class Words:
    """A text's words, found in one pass and shared by every lookup in it.

    Attributes:
        text: The text.
        original: Its words as written.
        lower: Its words in lower case.
        joined: The lower-case words joined by single spaces, with a space at each end.
    """

    __slots__ = ("_bounds", "joined", "lower", "original", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        pieces = _TEXT_SPLIT.split(text)  # separator, word, separator, ..., word, separator
        self.original: list[str] = pieces[1::2]
        joined = " ".join(self.original)
        lowered = joined.lower()
        self.lower: list[str] = lowered.split(" ") if self.original else []
        if len(self.lower) != len(self.original):  # lower-casing changed a word's length or split
            self.lower = [word.lower() for word in self.original]
            lowered = " ".join(self.lower)
        self.joined = f" {lowered} "
        self._bounds = list(accumulate(map(len, pieces)))  # where each piece ends, hence each word's span

    def span(self, index: int) -> tuple[int, int]:
        """``(start, end)`` of word ``index`` in the text."""
        return self._bounds[2 * index], self._bounds[2 * index + 1]

    @property
    def starts(self) -> list[int]:
        """Where each word starts in the text."""
        return self._bounds[0 : 2 * len(self.original) : 2]


def is_one_word(text: str) -> bool:
    """Whether ``text`` is a single word as :func:`words_of` splits texts."""
    return WORD.fullmatch(text) is not None


def words_of(text: str) -> Words:
    """Split ``text`` into words (letters and digits; everything else separates)."""
    return Words(text)


def word_spans(regex: Any, text: str) -> list[tuple[int, int]]:
    """Non-empty matches of ``regex`` (an ``re`` or RE2 pattern) that start at a word boundary, leftmost first.

    Expressions are compiled without their leading word boundary, so that the engine can skip
    quickly to their possible first letters; the boundary is checked here instead, and a match
    that starts inside a word is retried past its first character.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        found = regex.search(text, position)
        if found is None:
            return spans
        start, end = found.span()
        if end > start and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")):
            spans.append((start, end))
            position = end
        else:
            position = start + 1
