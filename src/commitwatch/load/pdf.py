"""A PDF communiqué -> its text: pages joined, running headers, footers and page numbers left
out, words hyphenated at line ends rejoined.

The text is read with pypdf (the ``pdf`` extra: ``pip install 'commitwatch[pdf]'``; without it a
PDF is skipped, saying so). A line is a running header or footer when it stands among the first
or last two lines of most pages; a page number ("7", "Page 7", "Page 7 of 9", "- 7 -") is left out
wherever a page starts or ends. A word split at a line end ("intercon-" / "tinental") is joined
when both halves are in lower case, so "U.S.-" / "Japan" keeps its hyphen. What is left out and
rejoined is counted in the cleaning log; the statement's ``text`` is the result, which offsets
index. The title may come from the document's metadata; a PDF's dates are the file's, never the
statement's, and are not used.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import attrs

from .._files import MissingExtra

__all__ = ["PdfText", "extract_pdf"]

_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_EDGE = 2  # lines at the top and at the bottom of a page where running headers and footers stand
_GENERIC_TITLES = re.compile(r"^(?:untitled|microsoft word\b|document\d*$|\s*$)", re.IGNORECASE)


@attrs.frozen
class PdfText:
    """What a PDF holds of a statement."""

    text: str
    title: str | None
    pages: int
    furniture: int  # running header, footer and page-number lines left out
    rejoined: int  # words hyphenated at a line end joined again


def extract_pdf(raw: bytes) -> PdfText:
    """The statement's text in a PDF.

    Raises:
        MissingExtra: pypdf is not installed.
        ValueError: The file is not a PDF pypdf can read (the message says why).
    """
    try:
        import pypdf
    except ImportError:
        raise MissingExtra("pdf") from None

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        pages = [(page.extract_text() or "").splitlines() for page in reader.pages]
        metadata = reader.metadata
    except (pypdf.errors.PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a readable PDF ({exc})") from None
    edges = Counter(line.strip() for lines in pages for line in {*lines[:_EDGE], *lines[-_EDGE:]} if line.strip())
    running = {line for line, count in edges.items() if len(pages) > 1 and count > len(pages) / 2}
    kept: list[str] = []
    furniture = 0
    for lines in pages:
        for index, line in enumerate(lines):
            at_edge = index < _EDGE or index >= len(lines) - _EDGE
            if at_edge and (line.strip() in running or _PAGE_NUMBER.match(line)):
                furniture += 1
                continue
            kept.append(line.rstrip())
    text, rejoined = _HYPHENATED.subn("", "\n".join(kept))
    title = (metadata.title or "").strip() if metadata is not None else ""
    return PdfText(
        text.strip() + "\n" if text.strip() else "",
        None if _GENERIC_TITLES.match(title) else title,
        len(pages),
        furniture,
        rejoined,
    )
