"""Normalisation for matching, keeping a map back to the original characters.

Web copies of statements carry curly quotes, non-breaking spaces, typographic dashes and now
and then mojibake ("DPRKâ€™s"). Matching reads a normalised copy; evidence quotes the original.
Mojibake and other Unicode damage are repaired by ftfy, line by line, and only lines that ftfy
changes are aligned back to the original; everything else maps one character to one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import attrs
import ftfy

from ..model import CleaningStep, OffsetSegment, map_offset

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # done below, one to one, so that the count can be reported
    fix_line_breaks=False,  # keeps "\r\n" as it is: line structure must survive
    normalization="NFC",
    explain=True,
)

# One character to one character, so offsets survive untouched.
_TRANSLATIONS: dict[str, tuple[str, str]] = {
    # rule name: (characters, replacement)
    "straighten-quotes-single": ("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
    "straighten-quotes-double": ("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    "unify-dashes": ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "unify-spaces": ("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
}
_STRAIGHTENED = {char: repl for chars, repl in _TRANSLATIONS.values() for char in chars}
# A regular expression, not str.translate: translating non-ASCII text looks up every character.
_TO_STRAIGHTEN = re.compile(f"[{re.escape(''.join(_STRAIGHTENED))}]")
# What ftfy must look at: HTML entities, and non-ASCII characters other than the ones straightened.
_TO_REPAIR = re.compile(f"[^\\x00-\\x7f{re.escape(''.join(_STRAIGHTENED))}]|&")
_STEP_RULE = {name: name.removesuffix("-single").removesuffix("-double") for name in _TRANSLATIONS}
_STEP_REASON = {
    "straighten-quotes": "curly quotes read as straight quotes for matching (the original is kept)",
    "unify-dashes": "typographic dashes read as '-' for matching (the original is kept)",
    "unify-spaces": "non-breaking and typographic spaces read as ' ' for matching (the original is kept)",
}
_COUNTERS = {name: re.compile(f"[{re.escape(chars)}]") for name, (chars, _) in _TRANSLATIONS.items()}


@attrs.frozen
class Normalized:
    """A normalised text, the map back to its original, and what was done."""

    text: str
    segments: tuple[OffsetSegment, ...]
    steps: tuple[CleaningStep, ...]

    def to_original(self, position: int, *, end: bool = False) -> int:
        """Map an offset in ``text`` to one in the original."""
        return map_offset(self.segments, position, end=end)


def slice_segments(segments: Sequence[OffsetSegment], norm_start: int, norm_end: int) -> tuple[OffsetSegment, ...]:
    """The segments for ``normalized[norm_start:norm_end]``, relative to that slice's start.

    Returns an empty tuple when the slice maps character for character, which is the usual case.
    """
    if not segments:
        return ()
    orig_start = map_offset(segments, norm_start)
    picked: list[OffsetSegment] = []
    identity = True
    for segment in segments:
        if segment.norm_end <= norm_start or segment.norm_start >= norm_end:
            continue
        lo, hi = max(segment.norm_start, norm_start), min(segment.norm_end, norm_end)
        same_length = segment.norm_end - segment.norm_start == segment.orig_end - segment.orig_start
        if same_length:
            o_lo = segment.orig_start + (lo - segment.norm_start)
            o_hi = segment.orig_start + (hi - segment.norm_start)
        else:
            o_lo, o_hi = segment.orig_start, segment.orig_end
            identity = False
        picked.append(OffsetSegment(lo - norm_start, hi - norm_start, o_lo - orig_start, o_hi - orig_start))
    if identity and all(s.norm_start == s.orig_start for s in picked):
        return ()
    return tuple(picked)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and record each repair.

    Lines are kept (no line break is added or removed), so line ``n`` of the result is
    line ``n`` of the original.
    """
    if text.isascii() and "&" not in text:
        return Normalized(text=text, segments=(), steps=())  # nothing to repair or straighten
    if _TO_REPAIR.search(text) is None:
        return Normalized(text=_straighten(text), segments=(), steps=_straightening_steps(text))
    pieces: list[str] = []
    segments: list[OffsetSegment] = []
    steps: list[CleaningStep] = []
    changed = False
    orig_pos = norm_pos = 0
    for line_number, line in enumerate(text.splitlines(keepends=True), start=1):
        fixed = line
        if _TO_REPAIR.search(line) is not None:
            result = ftfy.fix_and_explain(line, _FTFY_CONFIG)
            fixed = result.text
            if fixed != line:
                changed = True
                explanation = ", ".join(f"{action} {parameter}" for action, parameter in result.explanation or ())
                steps.append(
                    CleaningStep(
                        rule="repair-unicode",
                        action="normalized",
                        reason=f"line {line_number}: text damaged in copying was repaired ({explanation})",
                        start=orig_pos,
                        end=orig_pos + len(line),
                        excerpt=_shorten(line.strip()),
                    )
                )
        segments.extend(_align(line, fixed, orig_pos, norm_pos))
        pieces.append(fixed)
        orig_pos += len(line)
        norm_pos += len(fixed)
    repaired = "".join(pieces)
    return Normalized(
        text=_straighten(repaired),
        segments=tuple(_merge(segments)) if changed else (),
        steps=(*steps, *_straightening_steps(repaired)),
    )


def _straighten(text: str) -> str:
    if text.isascii():
        return text
    return _TO_STRAIGHTEN.sub(_straightened, text)


def _straightened(found: re.Match[str]) -> str:
    return _STRAIGHTENED[found.group()]


def _straightening_steps(text: str) -> tuple[CleaningStep, ...]:
    """One step per kind of character straightened, with its count."""
    if text.isascii():
        return ()
    counts: dict[str, int] = {}
    for name in _TRANSLATIONS:
        rule = _STEP_RULE[name]
        counts[rule] = counts.get(rule, 0) + len(_COUNTERS[name].findall(text))
    return tuple(
        CleaningStep(rule=rule, action="normalized", reason=_STEP_REASON[rule], count=count)
        for rule, count in counts.items()
        if count
    )


def _align(original: str, fixed: str, orig_pos: int, norm_pos: int) -> list[OffsetSegment]:
    if original == fixed:
        return [OffsetSegment(norm_pos, norm_pos + len(fixed), orig_pos, orig_pos + len(original))]
    matcher = difflib.SequenceMatcher(None, original, fixed, autojunk=False)
    return [
        OffsetSegment(norm_pos + j1, norm_pos + j2, orig_pos + i1, orig_pos + i2)
        for _, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _merge(segments: list[OffsetSegment]) -> list[OffsetSegment]:
    """Join neighbouring one-to-one segments so the map stays short."""
    merged: list[OffsetSegment] = []
    for segment in segments:
        if merged:
            last = merged[-1]
            both_equal = (last.norm_end - last.norm_start == last.orig_end - last.orig_start) and (
                segment.norm_end - segment.norm_start == segment.orig_end - segment.orig_start
            )
            contiguous = last.norm_end == segment.norm_start and last.orig_end == segment.orig_start
            if both_equal and contiguous:
                merged[-1] = OffsetSegment(last.norm_start, segment.norm_end, last.orig_start, segment.orig_end)
                continue
        merged.append(segment)
    return merged


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
