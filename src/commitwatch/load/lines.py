"""A text's lines, and the paragraphs and page furniture of a statement's body."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

__all__ = ["Line", "body_furniture", "ends_sentence", "is_heading", "iter_paragraphs", "split_lines"]


@attrs.frozen
class Line:
    """One line of a normalised text: its number, span (without the line break) and text."""

    number: int
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


_TERMINAL = re.compile(r"[.!?:;][\"')\]”’]*$")
_MAX_TITLE_WORDS = 40


def split_lines(text: str, offset: int = 0) -> list[Line]:
    """The lines of ``text`` with their spans (offsets from ``offset``)."""
    lines = []
    position = offset
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        content = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append(Line(number, position, position + len(content), content))
        position += len(raw)
    return lines


def ends_sentence(text: str) -> bool:
    """Whether a line ends with closing punctuation (a full stop, a colon, ... and any closing quotes)."""
    return _TERMINAL.search(text) is not None


def is_heading(text: str) -> bool:
    """Whether a line reads as a heading (no closing punctuation, not too long) rather than prose."""
    stripped = text.strip().lstrip("#").strip()
    return bool(stripped) and not _TERMINAL.search(stripped) and len(stripped.split()) <= _MAX_TITLE_WORDS


_RULE_LINE = re.compile(r"^[-*_=~#•·\s]{3,}$")
_MAX_HEADING_WORDS = 16


def body_furniture(paragraph: list[Line], *, last: bool, headings: bool = True) -> tuple[str, str] | None:
    """Whether a paragraph of the body is page furniture, not prose: ``(rule, reason)``, or None.

    A separator line ("***", "-----") is furniture; so is a heading: a paragraph of one short line
    without closing punctuation, followed by more of the body ("Strengthening Trilateral Security
    Cooperation", "I. SECURE THE INDO-PACIFIC"). The body's last paragraph is never taken for a
    heading: a text cut off mid-sentence ends so. With ``headings`` off (the cleaning rules'
    ``headings: false``), only separator lines are furniture.
    """
    if len(paragraph) != 1:
        return None
    text = paragraph[0].stripped
    if _RULE_LINE.match(text):
        return "separator", "a separator line, not text"
    if headings and not last and is_heading(text) and len(text.strip("<>*#_ ").split()) <= _MAX_HEADING_WORDS:
        return "body-heading", "a heading inside the body: structure, not a sentence"
    return None


def iter_paragraphs(body: tuple[Line, ...], starts: frozenset[int] = frozenset()) -> Iterator[list[Line]]:
    """Group body lines into paragraphs.

    A blank line (or a removed one) ends a paragraph; so does a line that ends a sentence, since
    many copies put each paragraph on one line. A line that stops mid-sentence is a soft wrap. A
    line whose number is in ``starts`` (a Markdown list item) starts a paragraph of its own.
    """
    current: list[Line] = []
    for line in body:
        if line.number in starts and current:
            yield current
            current = []
        if not line.stripped:
            if current:
                yield current
                current = []
            continue
        current.append(line)
        if _TERMINAL.search(line.stripped):
            yield current
            current = []
    if current:
        yield current
