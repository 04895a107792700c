"""A saved web page -> its main text, with the title and date its own metadata gives.

The page is reduced to the statement with trafilatura (navigation, banners, footers, scripts and
related links left out), one paragraph per line. Its title and date are taken only from the
page's metadata (``<title>``, Open Graph and article tags, ``<time>`` elements), never guessed
from its text; where they came from is recorded. trafilatura is an optional extra
(``pip install 'commitwatch[html]'``): without it, an HTML statement is skipped, saying so.
"""

from __future__ import annotations

import datetime as dt

import attrs

from .._files import MissingExtra

__all__ = ["HTML_SUFFIXES", "Page", "extract_page"]

HTML_SUFFIXES = (".html", ".htm")


@attrs.frozen
class Page:
    """What a web page holds of a statement.

    Attributes:
        text: The main text, one paragraph per line (empty when none was found).
        title: The title its metadata gives, if any.
        date: The publication date its metadata gives, if any.
        kept: How many characters of the page's markup became text (for the cleaning log).
    """

    text: str
    title: str | None
    date: dt.date | None
    kept: int


def extract_page(html: str) -> Page:
    """The statement in a saved web page.

    Raises:
        MissingExtra: trafilatura is not installed.
    """
    try:
        import trafilatura
    except ImportError:
        raise MissingExtra("html") from None
    document = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        with_metadata=True,
        # the date from the page's metadata only: no search of its text for something date-like
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return Page("", None, None, 0)
    text = (getattr(document, "text", None) or "").strip()
    title = (getattr(document, "title", None) or "").strip() or None
    return Page(text + "\n" if text else "", title, _date(getattr(document, "date", None)), len(text))


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
