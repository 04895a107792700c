"""Text inside a Markdown report: escaping, quoted evidence with its cues in bold, level names."""

from __future__ import annotations

import re

from ..model import Evidence, Observation

__all__ = ["cue_spans", "escape", "flat", "level_name", "qualifiers", "quote"]


def qualifiers(observation: Observation) -> str:
    """What qualifies the observation, in words: ``(urged on DPRK; booster “steadfast”; by 2035)``, or ""."""
    words: dict[str, str] = {}
    for modifier in observation.evidence.modifiers:
        words.setdefault(modifier.kind, flat(modifier.text).strip())
    parts = []
    if observation.addressee:
        parts.append(f"asks {escape(', '.join(observation.addressee))}")
    parts += [f"{'negated by' if kind == 'negation' else kind} “{escape(word)}”" for kind, word in words.items()]
    parts += [f"{quantity.kind} “{escape(flat(quantity.text).strip())}”" for quantity in observation.quantities]
    return f" ({'; '.join(parts)})" if parts else ""


def quote(evidence: Evidence) -> str:
    """The evidence sentence in quotes, with the cue matches in bold."""
    merged = cue_spans(evidence)
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


def cue_spans(evidence: Evidence) -> list[list[int]]:
    """Where the cue matches are in the evidence sentence (offsets into it), merged where they overlap."""
    spans = sorted((cue.start - evidence.start, cue.end - evidence.start) for cue in evidence.cues)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def flat(text: str) -> str:
    """Runs of white space as one space."""
    return _SPACES.sub(" ", text)


def level_name(observation: Observation | None, ladder: tuple[str, ...] = ()) -> str:
    """An observation's strength as a reader sees it: its stance, and its content level where the
    commitment's ladder has more than one ("intensified, nuclear backed", "not committed")."""
    if observation is None:
        return "?"
    shown: str = observation.stance
    if len(ladder) > 1:
        shown += ", " + observation.level.replace("_", " ")
    return f"not {shown}" if observation.polarity == "negated" else shown


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
