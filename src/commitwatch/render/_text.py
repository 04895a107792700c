"""Text inside a Markdown report: escaping, quoted evidence with its cues in bold, level names."""

from __future__ import annotations

import re

from ..model import Evidence, Observation

__all__ = ["escape", "flat", "level_name", "qualifiers", "quote"]


def qualifiers(observation: Observation) -> str:
    """The observation's modifiers in words, as ``(booster “steadfast”; negated by “not”)``, or ""."""
    words: dict[str, str] = {}
    for modifier in observation.evidence.modifiers:
        words.setdefault(modifier.kind, flat(modifier.text).strip())
    parts = [f"{'negated by' if kind == 'negation' else kind} “{escape(word)}”" for kind, word in words.items()]
    return f" ({'; '.join(parts)})" if parts else ""


def quote(evidence: Evidence) -> str:
    """The evidence sentence in quotes, with the cue matches in bold."""
    spans = sorted((cue.start - evidence.start, cue.end - evidence.start) for cue in evidence.cues)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    text = evidence.sentence
    # The usual sentence has nothing to escape and no run of spaces: its pieces are used as they are.
    plain = "  " not in text and _NOT_PLAIN.search(text) is None
    pieces: list[str] = []
    position = 0
    for start, end in merged:
        pieces.append(text[position:start] if plain else escape(flat(text[position:start])))
        bold = text[start:end].strip() if plain else escape(flat(text[start:end]).strip())
        pieces.append(f"**{bold}**" if bold else "")
        position = end
    pieces.append(text[position:] if plain else escape(flat(text[position:])))
    return "“" + "".join(pieces).strip() + "”"


def flat(text: str) -> str:
    """Runs of white space as one space."""
    return _SPACES.sub(" ", text)


def level_name(observation: Observation | None) -> str:
    """An observation's level as a reader sees it ("nuclear backed", "not offered")."""
    if observation is None:
        return "?"
    level = observation.level.replace("_", " ")
    return f"not {level}" if observation.polarity == "negated" else level


_ESCAPE = re.compile(r"[\\`*_{}\[\]<>#|]")
_SPACES = re.compile(r"\s+")
_OTHER_SPACES = "".join(char for char in map(chr, range(0x3001)) if char.isspace() and char != " ")
# Something to escape, or a space other than " " to fold: one character class, the fast kind of search.
_NOT_PLAIN = re.compile(f"[\\\\`*_{{}}\\[\\]<>#|{re.escape(_OTHER_SPACES)}]")


def escape(text: str) -> str:
    """``text`` with Markdown's special characters escaped."""
    if _ESCAPE.search(text) is None:
        return text
    return _ESCAPE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    return "\\" + found.group()
