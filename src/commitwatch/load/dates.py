"""Release dates: parsed from metadata text or from a dateline, never from a statement's body."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = (
    rf"{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # December 21, 2023
    rf"{_WEEKDAY}?{_DAY}\s+{_MONTH},?\s+{_YEAR}",  # 21 December 2023
    r"(?P<iso>(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]?\d)-(?P<iday>[0-3]?\d))",  # 2023-12-21
)
# A dateline is a line that is a date, perhaps with a label or a place before it.
_LABEL = r"(?:(?:published|released|posted|issued|updated|dated?|for release)(?:\s+on)?\s*:?\s*)?"
_PLACE = r"(?:[A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*){0,3},\s+)?"
_TRAIL = r"\s*(?:[-|,.:]\s*)?"
_DATELINES = tuple(re.compile(rf"^\s*{_LABEL}{_PLACE}{form}{_TRAIL}$", re.IGNORECASE) for form in _DATE_FORMS)


def parse_dateline(line: str) -> dt.date | None:
    """The date a header line gives, when the whole line is a dateline; otherwise None.

    >>> parse_dateline("December 21, 2023")
    datetime.date(2023, 12, 21)
    >>> parse_dateline("WASHINGTON, Dec. 20, 2023 -")
    datetime.date(2023, 12, 20)
    >>> parse_dateline("The May 25 launches") is None
    True
    """
    if len(line) > 80:
        return None
    for pattern in _DATELINES:
        found = pattern.match(line)
        if found is None:
            continue
        parts = found.groupdict()
        if parts.get("iso"):
            year, month, day = int(parts["iyear"]), int(parts["imonth"]), int(parts["iday"])
        else:
            year, month, day = int(parts["year"]), _MONTHS[parts["month"].lower()], int(parts["day"])
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None
