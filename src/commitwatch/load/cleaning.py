"""Cleaning rules, as data, and how they find a statement's body inside a page's text.

The default rules ship in ``commitwatch/data/cleaning.yaml``; a user adds their own with a
``cleaning.yaml`` beside their statements or ``--cleaning FILE``, without changing code.
Title and dateline lines are recognised here too, since they need parsing rather than a pattern;
:mod:`.lines` splits a text into lines and a body into paragraphs.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from .._files import read_regular_text
from .._regex import UserRegexError, compile_user_regex
from .._yaml import line_at, load_yaml
from ..converter import make_converter, structure_yaml
from ..errors import InputError, Problem, display_path
from ..model import CleaningStep
from .language import DEFAULT_LANGUAGE, Language, load_language, shipped_languages
from .lines import Line, is_heading

__all__ = ["CleaningRule", "CleaningRules", "default_cleaning_rules", "load_cleaning_rules"]

Action = Literal["drop-line", "cut-before", "cut-after"]
Zone = Literal["header", "anywhere"]


@attrs.frozen
class CleaningRule:
    """One pattern for lines that are not part of a statement.

    Attributes:
        name: A short id, used in cleaning logs and to disable the rule.
        action: "drop-line", "cut-before" or "cut-after".
        pattern: A regular expression matched case-insensitively against a whole stripped line.
        zone: "header" (only before the first paragraph) or "anywhere".
        reason: What such a line is, in words, for the cleaning log.
    """

    name: str
    action: Action
    pattern: str
    zone: Zone = "anywhere"
    reason: str = ""


@attrs.frozen
class CleaningRules:
    """An ordered set of cleaning rules.

    Attributes:
        rules: The rules, tried in order.
        disable: Names of rules (from a set this one extends) to turn off.
        language: The statements' language, for splitting sentences and reading datelines: a
            shipped language's code ("en") or the path of a language file (see
            :mod:`.language`); None leaves the one of the set this one extends (English).
        headings: Whether short lines without closing punctuation that stand apart from prose
            count as headings (a title, a section heading), not sentences; None leaves the
            setting of the set this one extends (on). Off for a corpus whose statements have
            no headings and whose short lines are text.
    """

    rules: tuple[CleaningRule, ...] = ()
    disable: tuple[str, ...] = ()
    language: str | None = None
    headings: bool | None = None

    def extended(self, other: CleaningRules) -> CleaningRules:
        """These rules plus ``other``'s, without the ones ``other`` disables; ``other``'s settings win."""
        kept = tuple(rule for rule in self.rules if rule.name not in other.disable)
        return CleaningRules(
            rules=kept + other.rules,
            language=other.language if other.language is not None else self.language,
            headings=other.headings if other.headings is not None else self.headings,
        )

    @property
    def reads_headings(self) -> bool:
        """Whether the heading rule is on (it is unless a rules file turns it off)."""
        return self.headings is not False

    def language_words(self) -> Language:
        """The language the rules name (English by default)."""
        return load_language(self.language or DEFAULT_LANGUAGE)


@functools.cache
def default_cleaning_rules() -> CleaningRules:
    """The rules shipped with commitwatch."""
    text = resources.files("commitwatch").joinpath("data/cleaning.yaml").read_text(encoding="utf-8")
    return _parse_rules(text, "commitwatch/data/cleaning.yaml")


def load_cleaning_rules(path: Path) -> CleaningRules:
    """Load extra cleaning rules from a YAML file.

    Raises:
        InputError: The file cannot be read or is not a valid rules file (every problem listed).
    """
    return _parse_rules(read_regular_text(path, "the cleaning rules"), display_path(path), path.parent)


def _parse_rules(text: str, shown: str, folder: Path | None = None) -> CleaningRules:
    data, problems = load_yaml(text, shown)
    if not problems and data is None:
        problems = [Problem("the cleaning rules file is empty", shown, None, "add 'rules:' with a list of rules")]
    rules = None
    if not problems:
        rules, problems = structure_yaml(make_converter(), data, CleaningRules, shown)
    raw_rules = data.get("rules") if isinstance(data, dict) else None
    for index, raw in enumerate(raw_rules if isinstance(raw_rules, list) else []):
        pattern = raw.get("pattern") if isinstance(raw, dict) else None
        if not isinstance(pattern, str):
            continue
        try:
            compile_user_regex(pattern)
        except UserRegexError as exc:
            line = line_at(data, "rules", index, "pattern")
            hint = "fix the regular expression (escape a literal '.', '(' or '[' with a backslash)"
            problems.append(Problem(f"pattern {pattern!r} is not a valid regular expression: {exc}", shown, line, hint))
    if not problems and rules is not None and rules.language is not None:
        rules, problems = _with_language(rules, data, shown, folder)
    if problems or rules is None:
        raise InputError(problems)
    return rules


def _with_language(
    rules: CleaningRules, data: Any, shown: str, folder: Path | None
) -> tuple[CleaningRules | None, list[Problem]]:
    """The rules with their language checked: a shipped code stays, a file's path is made absolute
    (relative to the rules file's folder), so that the statements' files can be read from anywhere."""
    assert rules.language is not None
    name = rules.language
    line = line_at(data, "language")
    if not name.strip():
        hint = f"name a shipped language ({', '.join(shipped_languages())}) or a language file, or leave 'language' out"
        return None, [Problem("'language' is empty", shown, line, hint)]
    if name not in shipped_languages():
        path = Path(name) if Path(name).is_absolute() or folder is None else folder / name
        if not path.is_file():
            what = f"no language {rules.language!r}: no shipped language of that name, and no file {display_path(path)}"
            hint = (
                f"name a shipped language ({', '.join(shipped_languages())}) or the path of a file shaped like en.yaml"
            )
            return None, [Problem(what, shown, line, hint)]
        name = str(path.resolve())
    try:
        load_language(name)
    except InputError as exc:
        return None, [
            attrs.evolve(problem, path=problem.path or shown, line=problem.line or line) for problem in exc.problems
        ]
    return attrs.evolve(rules, language=name), []


# ---------------------------------------------------------------------------------------------
# Applying the rules


@attrs.frozen
class Extraction:
    """What cleaning found in a text: the body's lines and the header's title and date.

    Removal steps carry spans in *normalised* offsets; the caller maps them to the original.
    """

    body: tuple[Line, ...]
    removed: tuple[CleaningStep, ...]
    title: Line | None
    dateline: Line | None
    date: dt.date | None


def extract(lines: list[Line], rules: CleaningRules) -> Extraction:
    """Find the statement's body among ``lines`` and say what was left out and why.

    The header (banners, title, dateline, preambles, everything before a "Begin Text" marker)
    runs up to the first line of prose; the body runs from there to the first cut-after line
    ("End Text", a blog footer), less any drop-line rule's lines.
    """
    compiled = _compile(rules)
    dateline = rules.language_words().dateline
    headings = rules.reads_headings
    begin = next(
        (index + 1 for index, line in enumerate(lines) if _first_match(compiled, line, "cut-before")),
        0,
    )
    header_end = len(lines)
    standing = _standing_headings(lines, compiled, dateline) if headings else set()
    for index, line in enumerate(lines):
        if _first_match(compiled, line, "cut-after") or (
            index >= begin and not _is_header_line(line, compiled, index in standing, dateline)
        ):
            header_end = max(begin, index)
            break
    end = len(lines)
    for index in range(header_end, len(lines)):
        if _first_match(compiled, lines[index], "cut-after"):
            end = index
            break

    removed: list[CleaningStep] = []
    title = dated = None
    date: dt.date | None = None
    for line in lines[:header_end]:
        if not line.stripped:
            continue
        rule = _first_match(compiled, line, "drop-line", "cut-before")
        if rule is not None:
            removed.append(_step(rule.name, rule.reason, line, line))
        elif date is None and (found := dateline(line.stripped)) is not None:
            date, dated = found, line
            removed.append(_step("dateline", "dateline, read as the release date", line, line))
        elif headings and title is None and is_heading(line.stripped):
            title = line
            removed.append(_step("title", "title line, read as metadata", line, line))
        elif headings and is_heading(line.stripped):
            removed.append(_step("heading", "heading above the statement", line, line))
        else:
            removed.append(_step("before-begin-text", "text before the 'Begin Text' marker", line, line))

    body: list[Line] = []
    for line in lines[header_end:end]:
        rule = _first_match(compiled, line, "drop-line", zone="anywhere")
        if rule is not None:
            removed.append(_step(rule.name, rule.reason, line, line))
            body.append(Line(line.number, line.end, line.end, ""))  # keeps the paragraph break
        else:
            body.append(line)

    if end < len(lines):
        rule = _first_match(compiled, lines[end], "cut-after")
        assert rule is not None
        removed.append(_step(rule.name, rule.reason, lines[end], lines[-1]))
    return Extraction(tuple(body), tuple(removed), title, dated, date)


def _is_header_line(
    line: Line, compiled: _Compiled, standing_heading: bool, dateline: Callable[[str], dt.date | None]
) -> bool:
    if not line.stripped:
        return True
    if _first_match(compiled, line, "drop-line", "cut-before") is not None:
        return True
    return dateline(line.stripped) is not None or standing_heading


def _standing_headings(lines: list[Line], compiled: _Compiled, dateline: Callable[[str], dt.date | None]) -> set[int]:
    """The lines that read as headings and stand apart from prose.

    A run of heading-like lines (short, no closing punctuation) is a title or heading when what
    follows it is a blank line, the end, a dateline or a line a rule matches; followed straight
    by prose, the run is the start of a hard-wrapped paragraph ("... towards\nthe complete
    denuclearization ...\nwithout preconditions."), which is text, not furniture.
    """

    def heading_like(line: Line) -> bool:
        text = line.stripped
        return bool(text) and is_heading(text) and not _is_marked(line) and dateline(text) is None

    def _is_marked(line: Line) -> bool:
        return _first_match(compiled, line, "drop-line", "cut-before", "cut-after") is not None

    standing: set[int] = set()
    index = 0
    while index < len(lines):
        if not heading_like(lines[index]):
            index += 1
            continue
        end = index
        while end < len(lines) and heading_like(lines[end]):
            end += 1
        after = lines[end] if end < len(lines) else None
        if after is None or not after.stripped or _is_marked(after) or dateline(after.stripped) is not None:
            standing.update(range(index, end))
        index = end
    return standing


def _first_match(compiled: _Compiled, line: Line, *actions: str, zone: str | None = None) -> CleaningRule | None:
    """The first rule of these actions (and zone) whose pattern matches the whole stripped line."""
    for rule in _matching_rules(compiled, line.stripped):
        if rule.action in actions and (zone is None or rule.zone == zone):
            return rule
    return None


def _matching_rules(compiled: _Compiled, text: str) -> tuple[CleaningRule, ...]:
    """Every rule whose pattern matches the whole of ``text`` (a line is asked about several times)."""
    if not text:
        return ()
    known = compiled.seen.get(text)
    if known is not None:
        return known
    if compiled.combined.fullmatch(text) is None:
        found: tuple[CleaningRule, ...] = ()  # no rule matches: the usual case for prose, decided in one call
    else:
        found = tuple(rule for rule, pattern in compiled.rules if pattern.fullmatch(text))
    if len(compiled.seen) >= _LINES_REMEMBERED:
        compiled.seen.clear()
    compiled.seen[text] = found
    return found


def _step(rule: str, reason: str, first: Line, last: Line) -> CleaningStep:
    lines = f"line {first.number}" if first is last else f"lines {first.number}-{last.number}"
    excerpt = first.stripped
    shown = excerpt if len(excerpt) <= 80 else excerpt[:79].rstrip() + "…"
    return CleaningStep(
        rule=rule,
        action="removed",
        reason=f"{lines}: {reason}" if reason else lines,
        start=first.start,
        end=last.end,
        excerpt=shown,
    )


_LINES_REMEMBERED = 256  # lines whose matching rules are remembered (a statement's lines are asked about often)


@attrs.frozen
class _Compiled:
    rules: tuple[tuple[CleaningRule, Any], ...]  # each rule with its RE2 pattern
    combined: Any  # all the patterns at once (RE2): a line none of them matches is prose
    seen: dict[str, tuple[CleaningRule, ...]] = attrs.field(factory=dict, eq=False)


def _compile(rules: CleaningRules) -> _Compiled:
    return _compile_cached(rules.rules)


@functools.lru_cache(maxsize=16)
def _compile_cached(rules: tuple[CleaningRule, ...]) -> _Compiled:
    compiled = []
    for rule in rules:
        try:
            compiled.append((rule, compile_user_regex(rule.pattern)))
        except UserRegexError as exc:
            problem = Problem(f"cleaning rule '{rule.name}': invalid pattern: {exc}", None, None, "fix the pattern")
            raise InputError(problem) from None
    try:
        combined = compile_user_regex("|".join(f"(?:{rule.pattern})" for rule in rules) or "[^\\s\\S]")
    except UserRegexError:  # patterns that cannot be joined (inline flags): every line is tried rule by rule
        combined = compile_user_regex("(?s).*")
    return _Compiled(tuple(compiled), combined)
