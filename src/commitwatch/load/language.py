"""A language's words for reading statements: abbreviations for splitting sentences, month and
weekday names for datelines. Data, not code: ``commitwatch/data/language/en.yaml`` is English,
the default; a corpus names another in its cleaning rules (``language: xx`` for a shipped file,
or a path to a file of the same shape).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from .._files import read_regular_text
from .._yaml import line_at, load_yaml
from ..converter import make_converter, structure_yaml
from ..errors import InputError, Problem, display_path

__all__ = ["DEFAULT_LANGUAGE", "Language", "load_language", "shipped_languages"]

DEFAULT_LANGUAGE = "en"


@attrs.frozen
class Language:
    """The words of one language that sentence splitting and dateline reading need.

    Attributes:
        name: The language's name ("English").
        abbreviations: Words whose period never ends a sentence ("amb.").
        before_number: Words whose period does not end a sentence before a number ("no.").
        months: Month names and abbreviations, lower case, with their numbers.
        day_suffixes: Endings of a day number ("st" in "21st").
        weekdays: Weekday names, lower case.
        dateline_labels: Words that may stand before a dateline's date ("released").
    """

    name: str
    abbreviations: frozenset[str]
    before_number: frozenset[str]
    months: dict[str, int] = attrs.field(hash=False)
    day_suffixes: tuple[str, ...] = ()
    weekdays: tuple[str, ...] = ()
    dateline_labels: tuple[str, ...] = ()

    @functools.cached_property
    def datelines(self) -> tuple[re.Pattern[str], ...]:
        """The expressions of a whole line that is a date (with a label or a place before it)."""
        month = r"(?P<month>" + "|".join(map(re.escape, sorted(self.months, key=len, reverse=True))) + r")\.?"
        weekday = r"(?:(?:" + "|".join(map(re.escape, self.weekdays)) + r"),?\s+)" if self.weekdays else "(?!)"
        suffix = "(?:" + "|".join(map(re.escape, self.day_suffixes)) + ")?" if self.day_suffixes else ""
        day = rf"(?P<day>[0-3]?\d){suffix}"
        year = r"(?P<year>(?:19|20)\d\d)"
        forms = (
            rf"{weekday}?{month}\s+{day},?\s+{year}",  # December 21, 2023
            rf"{weekday}?{day}\s+{month},?\s+{year}",  # 21 December 2023
            r"(?P<iso>(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]?\d)-(?P<iday>[0-3]?\d))",  # 2023-12-21
        )
        labels = "|".join(map(re.escape, sorted(self.dateline_labels, key=len, reverse=True)))
        label = rf"(?:(?:{labels})(?:\s+on)?\s*:?\s*)?" if labels else ""
        place = r"(?:[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3},\s+)?"  # "WASHINGTON, ", "Séoul, "
        trail = r"\s*(?:[-|,.:]\s*)?"
        return tuple(re.compile(rf"^\s*{label}{place}{form}{trail}$", re.IGNORECASE) for form in forms)

    def dateline(self, line: str) -> dt.date | None:
        """The date ``line`` gives when the whole line is a dateline; otherwise None.

        A statement's date comes from its metadata or from such a line in its header, never
        from its body.

        >>> english = load_language()
        >>> english.dateline("December 21, 2023")
        datetime.date(2023, 12, 21)
        >>> english.dateline("WASHINGTON, Dec. 20, 2023 -")
        datetime.date(2023, 12, 20)
        >>> english.dateline("The May 25 launches") is None
        True
        """
        if len(line) > 80:
            return None
        for pattern in self.datelines:
            found = pattern.match(line)
            if found is None:
                continue
            parts = found.groupdict()
            if parts.get("iso"):
                year, month, day = int(parts["iyear"]), int(parts["imonth"]), int(parts["iday"])
            else:
                year, month, day = int(parts["year"]), self.months[parts["month"].lower()], int(parts["day"])
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
        return None


def _checked(language: Language, data: Any, shown: str) -> list[Problem]:
    """What a language file must hold beyond its shape: months, numbered 1 to 12, each month named."""
    problems = []
    line = line_at(data, "months")
    if not language.months:
        problems.append(Problem("'months' is empty", shown, line, "name each month with its number, as en.yaml does"))
    wrong = sorted(name for name, number in language.months.items() if not 1 <= number <= 12 or not name.strip())
    if wrong:
        what = f"months {', '.join(map(repr, wrong))} are not named months numbered 1 to 12"
        problems.append(Problem(what, shown, line, "give each month's name and its number, 1 to 12"))
    missing = sorted(set(range(1, 13)) - set(language.months.values()))
    if language.months and missing:
        what = f"no name for month{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}"
        problems.append(Problem(what, shown, line, "name every month: a dateline may give any"))
    return problems


def shipped_languages() -> tuple[str, ...]:
    """The codes of the languages that ship with commitwatch."""
    folder = resources.files("commitwatch").joinpath("data/language")
    return tuple(sorted(entry.name.removesuffix(".yaml") for entry in folder.iterdir() if entry.name.endswith(".yaml")))


@functools.cache
def load_language(name: str = DEFAULT_LANGUAGE) -> Language:
    """A shipped language by its code (``"en"``), or a language file by its path.

    Raises:
        InputError: No such language, or the file is not a valid language file (every problem listed).
    """
    if name in shipped_languages():
        text = resources.files("commitwatch").joinpath(f"data/language/{name}.yaml").read_text(encoding="utf-8")
        shown = f"commitwatch/data/language/{name}.yaml"
    else:
        path = Path(name)
        if not path.is_file():
            shipped = ", ".join(shipped_languages())
            hint = f"name a shipped language ({shipped}) or the path of a language file shaped like en.yaml"
            raise InputError(Problem(f"no language {name!r}", None, None, hint))
        text, shown = read_regular_text(path, "the language file"), display_path(path)
    data, problems = load_yaml(text, shown)
    language = None
    if not problems:
        language, problems = structure_yaml(make_converter(), data, Language, shown)
    if language is not None and not problems:
        problems = _checked(language, data, shown)
    if problems or language is None:
        raise InputError(problems)
    return attrs.evolve(
        language,
        abbreviations=frozenset(word.lower() for word in language.abbreviations),
        before_number=frozenset(word.lower() for word in language.before_number),
        months={month.lower(): number for month, number in language.months.items()},
        weekdays=tuple(day.lower() for day in language.weekdays),
    )
