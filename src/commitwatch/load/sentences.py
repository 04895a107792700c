"""Sentence splitting for official statements: a small rule set, chosen over pysbd and syntok.

On the seeds all three split identically, but pysbd took about 1.1 ms and syntok about 0.4 ms
per sentence, while this rule set takes a few microseconds, and matching runs over tens of
thousands of statements. The rules: a sentence ends at ``.``, ``!`` or ``?`` (with any closing
quotes or brackets) followed by white space and a capital letter, digit or opening quote,
unless the word before is a known abbreviation ("Amb.", "Dec." or "No." before a number; the
lists are the language's data, English by default: see :mod:`.language`), an initial ("J."), or
an acronym written with periods ("U.S."). Known limit: an abbreviation that really ends a sentence
("... with the U.S. The ministers ...") does not split.
"""

from __future__ import annotations

import re

from .language import Language, load_language

# The letter after the boundary is captured: it must be a capital (in any script) or a digit.
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[“‘«]?([^\W_]))")
_ACRONYM = re.compile(r"^\(?(?:[^\W\d_]\.){2,}$")
_INITIAL = re.compile(r"^\(?([^\W\d_])\.$")  # one letter and a period: an initial when it is a capital


def split_sentences(text: str, language: Language | None = None) -> list[tuple[int, int]]:
    """Split ``text`` (one paragraph) into sentences, with the abbreviations of ``language`` (English).

    Returns:
        ``(start, end)`` offsets of each sentence in ``text``, without surrounding white space.

    >>> text = "The U.S.-ROK alliance is strong. No. 2397 (UNSC) applies. Antony J. Blinken spoke."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['The U.S.-ROK alliance is strong.', 'No. 2397 (UNSC) applies.', 'Antony J. Blinken spoke.']
    """
    words = language or load_language()
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        starter = boundary.group(1)
        if not (starter.isupper() or starter.isdigit()):
            continue
        if boundary.group().startswith(".") and _is_abbreviation(text, boundary.start(), boundary.end(), words):
            continue
        spans.append((start, boundary.end()))
        start = boundary.end()
    spans.append((start, len(text)))
    stripped = []
    for begin, end in spans:
        chunk = text[begin:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            stripped.append((begin + left, begin + right))
    return stripped


def _is_abbreviation(text: str, period: int, after: int, language: Language) -> bool:
    """Whether the period at ``period`` belongs to the word before it rather than ending a sentence."""
    words = text[max(0, period - 40) : period + 1].rsplit(None, 1)
    if not words:
        return False
    bare = words[-1].lstrip("(\"'[")
    word = bare.lower()
    if word in language.before_number:
        return text[after : after + 8].lstrip()[:1].isdigit()
    initial = _INITIAL.match(bare)
    if initial is not None and initial.group(1).isupper():
        return True
    return word in language.abbreviations or bool(_ACRONYM.match(bare.split("-")[-1]))
