"""Statements: the texts read, their sentences, metadata, cleaning log and republished copies.

Offsets (``start``, ``end``) are always character offsets into a statement's ``text``: the file
decoded to Python text, front matter included, so ``statement.text[start:end]`` is exactly the
original characters.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NewType

import attrs

from ._base import find_by_id, pickled_as_arguments


@attrs.frozen
class OffsetSegment:
    """Where a stretch of normalised text came from in the original text.

    Inside a segment of equal length every character maps one to one; a segment whose lengths
    differ (mojibake ``â€™`` repaired to ``'``) maps as a whole.
    """

    norm_start: int
    norm_end: int
    orig_start: int
    orig_end: int


def map_offset(segments: Sequence[OffsetSegment], position: int, *, end: bool = False) -> int:
    """Map an offset in normalised text to one in the original (identity without segments).

    Args:
        segments: The map, as made by normalisation; empty means character for character.
        position: The offset in the normalised text.
        end: True when ``position`` ends a span, so that it maps to the end of a repaired run.
    """
    if not segments:
        return position
    starts = [segment.norm_start for segment in segments]
    probe = position - 1 if end and position > 0 else position
    segment = segments[max(0, bisect_right(starts, probe) - 1)]
    if segment.norm_end - segment.norm_start == segment.orig_end - segment.orig_start:
        return segment.orig_start + (position - segment.norm_start)
    return segment.orig_end if end else segment.orig_start


@attrs.frozen
class Sentence:
    """One sentence of a statement's cleaned body.

    Attributes:
        index: Its place in the body, from 0.
        paragraph: The paragraph it belongs to, from 0.
        start: Offset of its first character in the statement's original text.
        end: Offset just past its last character.
        text: The original characters, ``statement.text[start:end]``.
        normalized: The text matching reads: quotes straightened, dashes and spaces unified,
            mojibake repaired, line breaks as spaces.
        offsets: Where ``normalized`` differs in length from ``text``, the segments that map
            one onto the other; empty when they map character for character.
    """

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    normalized: str
    offsets: tuple[OffsetSegment, ...] = ()

    def to_original(self, position: int, *, end: bool = False) -> int:
        """Map an offset in ``normalized`` to an offset in the statement's original text.

        Args:
            position: An offset into ``normalized``.
            end: True when ``position`` ends a span (so it maps to the end of a repaired run).
        """
        return self.start + map_offset(self.offsets, position, end=end)


@attrs.frozen
class CleaningStep:
    """One thing done to a statement's text on the way to its clean body.

    Attributes:
        rule: The name of the rule or repair ("end-text", "straighten-quotes", ...).
        action: "removed" (text left out of the body), "normalized" (characters read
            differently for matching; the original is kept), "decoded", or "noted".
        reason: Why, in words.
        start: Offset in the original text where it applies, when it applies to one place.
        end: Offset just past that place.
        excerpt: The affected original text (shortened when long).
        count: How many times it applied (for repairs counted across the text).
    """

    rule: str
    action: str
    reason: str
    start: int | None = None
    end: int | None = None
    excerpt: str = ""
    count: int = 1


@pickled_as_arguments
@attrs.frozen
class WordChange:
    """One difference in wording between a statement and a republished variant of it."""

    canonical: str
    variant: str
    canonical_start: int
    variant_start: int


@pickled_as_arguments
@attrs.frozen
class Variant:
    """A republished copy of a statement, detected from its text.

    Attributes:
        id: The variant's statement id (its file name without the suffix).
        path: Its file, relative to the corpus folder.
        sha256: Hash of its file's bytes.
        similarity: How alike the two cleaned bodies are, from 0 to 1.
        changes: The words that differ (after normalisation), canonical first.
        reason: Why this copy and not the canonical one was set aside.
    """

    id: str
    path: str
    sha256: str
    similarity: float
    changes: tuple[WordChange, ...]
    reason: str


ClockTime = NewType("ClockTime", str)  # a time of day as HH:MM:SS, or "" when not known
_CLOCK = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}[T ])?"  # the date of an ISO timestamp, left out
    r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*([AaPp]\.?[Mm]\.?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?"  # the zone, left out: the time as the statement gives it
)


def clock_time(value: object) -> ClockTime:
    """A release time as ``HH:MM:SS``, from ``"9:30"``, ``"09:30:15"``, ``"9:30 pm"`` or an ISO
    timestamp (``"2024-05-01T14:30:00Z"``: its time as written); ``""`` stays ``""``.

    Raises:
        ValueError: Not a time of day.
    """
    if value in ("", None):
        return ClockTime("")
    text = value.strip() if isinstance(value, str) else ""
    found = _CLOCK.fullmatch(text)
    if found is None:
        raise ValueError(f"{value!r} is not a time of day: write it as HH:MM (for example 14:30)")
    hours, minutes, seconds = int(found[1]), int(found[2]), int(found[3] or 0)
    if found[4]:  # 12-hour clock
        if not 1 <= hours <= 12:
            raise ValueError(f"{text} is not a time of day: with am or pm the hour is 1 to 12")
        hours = hours % 12 + (12 if found[4][0] in "Pp" else 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ValueError(f"{text} is not a time of day: write it as HH:MM, 00:00 to 23:59")
    return ClockTime(f"{hours:02d}:{minutes:02d}:{seconds:02d}")


@pickled_as_arguments
@attrs.frozen
class StatementMeta:
    """What is known about a statement besides its text.

    Attributes:
        title: Its title.
        date: Its release date; None when unknown (such a statement is skipped, not guessed).
        date_source: Where the date came from: "manifest", "front matter", "page metadata" (a
            web page's own metadata) or "dateline".
        source: Where the text was found (a URL or a description).
        parties: The parties that issued it, by their catalog names.
        notes: Free notes (another date seen elsewhere, provenance, ...).
        variant_of: An id this statement is declared to republish, if any.
        occasion: A name for the occasion it belongs to (a summit): statements of one occasion
            are read as one version. Without it, statements of one date are one occasion.
        order: Its place among the statements of its date (lower first); without it, by its
            ``time``, then by file name.
        time: Its release time on its date, as ``HH:MM`` or ``HH:MM:SS`` (24-hour), when known:
            it orders the statements of a date that give no ``order``.
        subjects: Families the statement takes up (so a commitment it leaves out is dropped),
            when its sentences alone would not show it; see the README on "dropped".
        extra: Front-matter keys commitwatch does not know, kept as given.
    """

    title: str = ""
    date: dt.date | None = None
    date_source: str = ""
    source: str = ""
    parties: tuple[str, ...] = ()
    notes: str = ""
    variant_of: str | None = None
    occasion: str = ""
    order: int | None = None
    subjects: tuple[str, ...] = ()
    extra: dict[str, str] = attrs.Factory(dict)
    time: ClockTime = attrs.field(default=ClockTime(""), converter=clock_time)


@pickled_as_arguments
@attrs.frozen
class Statement:
    """One official text, cleaned, dated and split into sentences.

    Attributes:
        id: A stable id: the file name without its suffix.
        path: The file, relative to the corpus folder (posix form).
        sha256: Hash of the file's bytes, so an observation can be re-derived.
        encoding: How the bytes were decoded ("utf-8", or the fallback used).
        meta: Title, date, source, parties, notes.
        text: The whole file as decoded: the original characters every offset refers to.
        sentences: The cleaned body, sentence by sentence.
        cleaning: Every step taken from the file to the body, in order.
        variants: Republished copies of this statement found in the same corpus.
    """

    id: str
    path: str
    sha256: str
    encoding: str
    meta: StatementMeta
    text: str
    sentences: tuple[Sentence, ...]
    cleaning: tuple[CleaningStep, ...] = ()
    variants: tuple[Variant, ...] = ()

    @property
    def info(self) -> StatementInfo:
        """What a changelog needs of it: everything but its text, sentences and cleaning log."""
        return StatementInfo(self.id, self.path, self.sha256, self.meta, self.variants, len(self.sentences))

    @property
    def body(self) -> str:
        """The cleaned body as original text, one paragraph per line."""
        paragraphs: dict[int, list[str]] = {}
        for sentence in self.sentences:
            paragraphs.setdefault(sentence.paragraph, []).append(" ".join(sentence.text.split()))
        return "\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items()))


@pickled_as_arguments
@attrs.frozen
class StatementInfo:
    """A statement without its text: who issued it, when, from which file, and its copies.

    Large corpora are read one statement at a time, and only this much of each is kept.
    """

    id: str
    path: str
    sha256: str
    meta: StatementMeta
    variants: tuple[Variant, ...] = ()
    sentences: int = 0  # how many sentences its body has


@attrs.frozen
class SkippedFile:
    """A file that was looked at and not used, with the reason and what to do.

    Attributes:
        path: The file, relative to the corpus folder.
        reason: Why it was not used ("no date", "empty file", ...).
        hint: What to do to use it.
        line: The line the reason refers to, where there is one.
    """

    path: str
    reason: str
    hint: str = ""
    line: int | None = None


@attrs.frozen
class Corpus:
    """The statements of one run, in date order, and the files that were skipped.

    Attributes:
        root: The folder or file the corpus was loaded from, as the user gave it.
        statements: Canonical statements, oldest first (ties broken by id).
        skipped: Files not used, with their reasons.
    """

    root: str
    statements: tuple[Statement, ...]
    skipped: tuple[SkippedFile, ...] = ()

    def by_id(self, statement_id: str) -> Statement:
        """The statement with this id (variants are found through their canonical statement)."""
        return find_by_id(self.statements, statement_id)
