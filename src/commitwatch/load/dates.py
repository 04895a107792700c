"""Release dates: parsed from metadata text or from a dateline, never from a statement's body."""

from __future__ import annotations

import datetime as dt

from .language import Language, load_language


def parse_dateline(line: str, language: Language | None = None) -> dt.date | None:
    """The date a header line gives, when the whole line is a dateline; otherwise None.

    Month and weekday names are the language's (English by default: see :mod:`.language`).

    >>> parse_dateline("December 21, 2023")
    datetime.date(2023, 12, 21)
    >>> parse_dateline("WASHINGTON, Dec. 20, 2023 -")
    datetime.date(2023, 12, 20)
    >>> parse_dateline("The May 25 launches") is None
    True
    """
    return (language or load_language()).dateline(line)
