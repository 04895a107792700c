"""A Markdown statement's markup blanked, so only its words are read, at their own offsets.

markdown-it-py finds the blocks (CommonMark: headings, thematic breaks, code, lists, quotes,
tables, HTML); regular expressions find the inline markup (emphasis, links, images, code spans,
HTML tags, escapes). Every markup character is replaced by a space, and a whole heading, rule
or code block by spaces: the text keeps its length and its line breaks, and a quote taken from it
is the words without the markup ("**ironclad**" reads "ironclad"). The words inside inline markup
move up against the punctuation beside them ("<u>DPRK</u>'s" reads "DPRK's"), so offsets index
this text, which is the statement's ``text``; outside inline markup they are the file's too.
Headings, rules and code are structure, not sentences: each is logged as
removed. A list item starts a paragraph of its own, as a heading's end does.
"""

from __future__ import annotations

import functools
import re

import attrs

__all__ = ["MarkdownBody", "blank_markdown"]


@attrs.frozen
class MarkdownBody:
    """A Markdown text with its markup blanked.

    Attributes:
        text: The text, as long as the input, markup replaced by spaces.
        paragraph_starts: Line numbers (1-based, as :func:`~commitwatch.load.lines.split_lines`
            counts them) where a new paragraph starts although no blank line precedes it (a list
            item, the line after a heading).
        removed: ``(start, end, rule, why)`` for each heading, rule or code block blanked.
        title: The first heading's words, when it comes before any paragraph (the document's title).
    """

    text: str
    paragraph_starts: frozenset[int]
    removed: tuple[tuple[int, int, str, str], ...]
    title: str | None = None


_LIST_MARKER = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?=\s|$)")
_QUOTE_MARKER = re.compile(r"^(\s*)>")
_INLINE = (
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # an image: all of it
    re.compile(r"<(?:https?|mailto):[^>\s]*>"),  # an autolink: all of it
    re.compile(r"<!--.*?-->", re.DOTALL),  # an HTML comment
)
_LINK = re.compile(r"\[([^\]\n]+)\](\([^)\n]*\)|\[[^\]\n]*\])")  # the text stays, the rest goes
_PAIRED_TAG = re.compile(
    r"<(u|b|i|em|strong|span|mark|small|sup|sub|abbr|cite|q|s|del|ins)\b[^<>\n]*>([^<>]*?)</\1\s*>", re.IGNORECASE
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_DELIMITED = (
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])(\*)(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])(_)(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"),
    re.compile(r"(~~)(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"(`+)([^`\n]+?)\1"),
)
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~])")
_MARKUP_IN_TITLE = re.compile(r"[*_`]+|\\(?=\S)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def blank_markdown(text: str) -> MarkdownBody:
    """``text`` with its Markdown markup blanked (see the module's docstring)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    chars = list(text)
    paragraph_starts: set[int] = set()
    removed: list[tuple[int, int, str, str]] = []

    def blank(start: int, end: int) -> None:
        for position in range(start, end):
            if chars[position] not in "\r\n":
                chars[position] = " "

    def blank_lines(first: int, last: int, rule: str, why: str) -> None:
        start, end = starts[first], starts[min(last, len(lines))]
        removed.append((start, end, rule, why))
        blank(start, end)
        if last < len(lines):
            paragraph_starts.add(last + 1)

    title: str | None = None
    prose_seen = False
    tokens = _parser().parse(text)
    for index, token in enumerate(tokens):
        if token.map is None or token.nesting < 0:
            continue
        first, last = token.map
        if token.type == "paragraph_open":
            prose_seen = True
        if token.type == "heading_open":
            if title is None and not prose_seen and index + 1 < len(tokens):
                title = " ".join(_MARKUP_IN_TITLE.sub(" ", tokens[index + 1].content).split()) or None
            blank_lines(first, last, "markdown-heading", "a heading: structure, not a sentence")
        elif token.type == "hr":
            blank_lines(first, last, "separator", "a separator line, not text")
        elif token.type in ("fence", "code_block"):
            blank_lines(first, last, "markdown-code", "a code block, not statement text")
        elif token.type == "list_item_open":
            line = lines[first]
            marker = _LIST_MARKER.match(line)
            if marker is not None:
                blank(starts[first] + len(marker.group(1)), starts[first] + marker.end())
            paragraph_starts.add(first + 1)
        elif token.type == "blockquote_open":
            for number in range(first, last):
                quote = _QUOTE_MARKER.match(lines[number])
                if quote is not None:
                    blank(starts[number] + len(quote.group(1)), starts[number] + quote.end())
        elif token.type == "table_open":
            for number in range(first, last):
                line_start = starts[number]
                if _TABLE_RULE.match(lines[number]):
                    blank(line_start, line_start + len(lines[number]))
                else:
                    for position, character in enumerate(lines[number]):
                        if character == "|":
                            blank(line_start + position, line_start + position + 1)
                paragraph_starts.add(number + 1)

    masked = "".join(chars)
    for pattern in _INLINE:
        for found in pattern.finditer(masked):
            blank(found.start(), found.end())

    def keep(start: int, end: int, content_start: int, content_end: int) -> None:
        """Blank the markup of a span, its words kept beside the punctuation that follows or precedes
        it ("<u>DPRK</u>'s" reads "DPRK's"), so that no space opens where markup stood."""
        content = "".join(chars[content_start:content_end])
        width = end - start
        if "\n" in content or "\r" in content:  # a hard wrap inside: the lines must stay where they are
            blank(start, content_start)
            blank(content_end, end)
            return
        after = chars[end] if end < len(chars) else " "
        aligned = content.rjust(width) if not after.isspace() else content.ljust(width)
        chars[start:end] = list(aligned)

    masked = "".join(chars)
    for found in _LINK.finditer(masked):
        keep(found.start(), found.end(), found.start(1), found.end(1))
    masked = "".join(chars)
    for found in _PAIRED_TAG.finditer(masked):
        keep(found.start(), found.end(), found.start(2), found.end(2))
    masked = "".join(chars)
    for found in _TAG.finditer(masked):
        blank(found.start(), found.end())
    for pattern in _DELIMITED:
        masked = "".join(chars)
        for found in pattern.finditer(masked):
            keep(found.start(), found.end(), found.start(2), found.end(2))
    masked = "".join(chars)
    for found in _ESCAPE.finditer(masked):
        blank(found.start(), found.start() + 1)
    return MarkdownBody("".join(chars), frozenset(paragraph_starts), tuple(removed), title)


@functools.cache
def _parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough")
