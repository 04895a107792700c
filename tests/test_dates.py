"""Datelines: only a line that is a date gives a date."""

from __future__ import annotations

import datetime as dt

import pytest

from commitwatch.converter import parse_iso_date
from commitwatch.load.language import load_language


def parse_dateline(line: str) -> dt.date | None:
    return load_language().dateline(line)


class TestParseDateline:
    @pytest.mark.parametrize(
        ("line", "date"),
        [
            ("December 21, 2023", dt.date(2023, 12, 21)),
            ("July 14, 2023", dt.date(2023, 7, 14)),
            ("Dec. 20, 2023", dt.date(2023, 12, 20)),
            ("21 December 2023", dt.date(2023, 12, 21)),
            ("Wednesday, October 25, 2023", dt.date(2023, 10, 25)),
            ("WASHINGTON, October 25, 2023 -", dt.date(2023, 10, 25)),
            ("Published: 2023-10-25", dt.date(2023, 10, 25)),
            ("Released on May 27, 2022", dt.date(2022, 5, 27)),
        ],
    )
    def test_dateline(self, line: str, date: dt.date) -> None:
        """Common dateline forms give their date."""
        assert parse_dateline(line) == date

    @pytest.mark.parametrize(
        "line",
        [
            "We condemn the May 25 launches.",
            "the launch of an ICBM by the DPRK on 12 July 2023.",
            "February 30, 2023",
            "Joint Statement",
        ],
    )
    def test_not_a_dateline(self, line: str) -> None:
        """A sentence mentioning a date, or an impossible date, is not a dateline."""
        assert parse_dateline(line) is None


class TestParseIsoDate:
    def test_valid(self) -> None:
        """YYYY-MM-DD parses."""
        assert parse_iso_date("2023-10-25") == dt.date(2023, 10, 25)

    @pytest.mark.parametrize("value", ["25/10/2023", "2023-13-01", "soon"])
    def test_invalid_says_how_to_write_it(self, value: str) -> None:
        """Anything else is an error that shows the expected form."""
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_iso_date(value)
