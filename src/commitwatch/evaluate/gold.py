"""A careful reader's annotations of statements (a gold file): the format, and strict loading.

Version 1 of the format is the development set's ``gold.yaml`` (documented in
``docs/gold-format.md``). Loading is strict and complete, like the catalog's: every problem in the
file is reported at once with its line; a family the catalog does not know, a level off the
scale, a holder that did not issue the statement, an evidence quote that is not in the text or a
file that is not in the corpus is an error, never a figure quietly left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .._yaml import LineDict, LineList, line_at, load_yaml
from ..errors import InputError, Problem, did_you_mean, display_path
from ..model import Catalog, Statement
from ..model.evaluation import GOLD_VERSION, JOINT, LEVELS, FamilyAnnotation, Gold, GoldStatement

__all__ = ["MARKERS", "load_gold", "validate_gold"]


# The marker vocabulary of version 1: each key, the wording it stands for (case-insensitive).
MARKERS: dict[str, str] = {
    "ironclad": r"ironclad",
    "extended_deterrence": r"extended deterrence|extend deterrence",
    "full_range_including_nuclear": (
        r"full range of .{0,40}?including nuclear|full range of its nuclear|strength, including its nuclear"
    ),
    "steadfast": r"steadfast",
    "without_preconditions": r"(without|no) preconditions",
    "return_to_dialogue": r"return to (serious )?(dialogue|negotiations|talks)",
    "complete_denuclearization": r"complete[^.]{0,60}denucleari|complete, verifiable, and irreversible",
    "full_implementation_unsc": (
        r"(fully (and effectively )?implement|full implementation)[^.]{0,120}(Security Council|UNSC)"
    ),
    "illicit_revenue": r"revenue|illicit[^.]{0,100}\bfund",
    "overseas_workers": r"workers abroad|overseas workers",
    "cyber": r"cyber",
    "abductions": r"abduct",
    "inextricably_linked": r"inextricabl[ey]",
    "missile_warning_data": r"missile warning data|sharing data in real time",
    "trilateral_exercises": r"trilateral[^.]{0,40}exercise|joint exercises",
    "nuclear_consultative_group": r"Nuclear Consultative Group|\bNCG\b",
    "arms_transfers": r"arms (and ballistic missile )?transfers|ballistic missile transfers",
}

_TOP_KEYS = {"version", "levels", "conventions", "families", "markers", "statements"}
_STATEMENT_KEYS = {"file", "date", "summary", "families", "families_absent", "note"}
_FAMILY_KEYS = {"level", "holder", "markers", "evidence", "note"}


def load_gold(path: str | Path) -> Gold:
    """Load a gold file, checking its shape (not yet against a catalog or corpus: :func:`validate_gold`).

    Raises:
        InputError: Anything wrong with the file, every problem at once, each with its line.
    """
    file = Path(path)
    shown = display_path(file)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(f"not UTF-8 text ({exc.reason})", shown, None, "save it as UTF-8")) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read the gold file: {exc.strerror}", shown, None, "check the path")) from None
    data, problems = load_yaml(text, shown)
    if problems:
        raise InputError(problems)
    if not isinstance(data, LineDict):
        raise InputError(Problem("a gold file is a mapping with 'version' and 'statements'", shown, 1, None))
    gold, problems = _parse(data, shown)
    if problems or gold is None:
        raise InputError(problems or [Problem("the gold file could not be read", shown)])
    return gold


def _parse(data: LineDict, shown: str) -> tuple[Gold | None, list[Problem]]:
    problems: list[Problem] = list(_unknown_keys(data, _TOP_KEYS, shown, "at the top"))
    if data.get("version") != GOLD_VERSION:
        problems.append(
            Problem(
                f"gold format version {data.get('version')!r} is not known",
                shown,
                data.line_of("version"),
                f"this commitwatch reads 'version: {GOLD_VERSION}'",
            )
        )
    conventions = data.get("conventions") or []
    if isinstance(conventions, str):
        conventions = [conventions]
    markers = dict(MARKERS)
    for key, pattern in (data.get("markers") or {}).items():
        try:
            re.compile(str(pattern))
            markers[str(key)] = str(pattern)
        except re.error as exc:
            problems.append(Problem(f"marker '{key}': {exc}", shown, line_at(data, "markers", key), "fix the pattern"))
    raw_statements = data.get("statements")
    if not isinstance(raw_statements, LineList) or not raw_statements:
        problems.append(Problem("no 'statements' list", shown, data.line, "add 'statements:' with one item per file"))
        return None, problems
    statements = []
    written: dict[int, list[str]] = {}  # per statement, the families written, broken annotations included
    for index, raw in enumerate(raw_statements):
        statement = _statement(raw, raw_statements.line_of(index), shown, markers, problems)
        if statement is not None:
            statements.append(statement)
            families_written = raw.get("families")
            written[id(statement)] = [
                *(map(str, families_written) if isinstance(families_written, LineDict) else ()),
                *statement.absent,
            ]
    covered = data.get("families")
    if covered is None:
        families = tuple(dict.fromkeys(family for s in statements for family in written[id(s)]))
    elif isinstance(covered, list) and all(isinstance(item, str) for item in covered):
        families = tuple(covered)
    else:
        problems.append(Problem("'families' is a list of family ids", shown, data.line_of("families"), None))
        families = ()
    seen: dict[str, int] = {}
    for statement in statements:
        if statement.file in seen:
            problems.append(
                Problem(
                    f"'{statement.file}' is annotated twice (first at line {seen[statement.file]})",
                    shown,
                    statement.line,
                    "merge the two",
                )
            )
        seen.setdefault(statement.file, statement.line)
        listed = written[id(statement)]
        for family in families:
            if listed.count(family) != 1:
                how = "twice" if listed.count(family) > 1 else "neither annotated nor listed as absent"
                problems.append(
                    Problem(
                        f"{statement.file}: family '{family}' is {how}",
                        shown,
                        statement.line,
                        "annotate each covered family once, or list it in families_absent",
                    )
                )
        for family in listed:
            if family not in families:
                problems.append(
                    Problem(
                        f"{statement.file}: family '{family}' is not among the gold's families",
                        shown,
                        statement.line,
                        None,
                    )
                )
    if problems:
        return None, problems
    return Gold(shown, families, tuple(statements), tuple(str(item) for item in conventions), markers), []


def _statement(
    raw: Any, line: int, shown: str, markers: Mapping[str, str], problems: list[Problem]
) -> GoldStatement | None:
    if not isinstance(raw, LineDict):
        problems.append(Problem("a statement is a mapping with 'file' and 'families'", shown, line, None))
        return None
    problems.extend(_unknown_keys(raw, _STATEMENT_KEYS, shown, f"in the statement at line {line}"))
    file = raw.get("file")
    if not isinstance(file, str) or not file:
        problems.append(Problem("a statement needs 'file': the statement file's name", shown, line, None))
        return None
    annotations = []
    families = raw.get("families") or LineDict()
    if not isinstance(families, LineDict):
        problems.append(
            Problem(f"{file}: 'families' is a mapping of family id -> annotation", shown, raw.line_of("families"), None)
        )
        families = LineDict()
    for family, item in families.items():
        annotation = _annotation(str(family), item, families.line_of(family), file, shown, markers, problems)
        if annotation is not None:
            annotations.append(annotation)
    absent = raw.get("families_absent") or []
    if not isinstance(absent, list) or not all(isinstance(item, str) for item in absent):
        problems.append(
            Problem(f"{file}: 'families_absent' is a list of family ids", shown, raw.line_of("families_absent"), None)
        )
        absent = []
    return GoldStatement(
        file, tuple(annotations), tuple(absent), str(raw.get("summary") or ""), str(raw.get("note") or ""), line
    )


def _annotation(
    family: str, item: Any, line: int, file: str, shown: str, markers: Mapping[str, str], problems: list[Problem]
) -> FamilyAnnotation | None:
    where = f"{file}: {family}"
    if not isinstance(item, LineDict):
        problems.append(
            Problem(f"{where}: an annotation is a mapping with level, holder and evidence", shown, line, None)
        )
        return None
    problems.extend(_unknown_keys(item, _FAMILY_KEYS, shown, f"in {where}"))
    level = item.get("level")
    if level not in LEVELS or isinstance(level, bool):
        problems.append(
            Problem(f"{where}: level {level!r} is off the scale", shown, item.line_of("level"), "use 1, 2 or 3")
        )
        return None
    holder = item.get("holder")
    if not isinstance(holder, str) or not holder:
        problems.append(Problem(f"{where}: 'holder' is 'joint' or a party's name", shown, item.line_of("holder"), None))
        return None
    found_markers = item.get("markers") or []
    for position, marker in enumerate(found_markers):
        if marker not in markers:
            hint = did_you_mean(str(marker), markers) or "define it under 'markers:' at the top"
            problems.append(
                Problem(f"{where}: unknown marker '{marker}'", shown, line_at(item, "markers", position), hint)
            )
    evidence = item.get("evidence") or []
    if isinstance(evidence, str):
        evidence = [evidence]
    if not evidence or not all(isinstance(quote, str) and quote.strip() for quote in evidence):
        problems.append(
            Problem(
                f"{where}: 'evidence' quotes one or two sentences of the statement",
                shown,
                item.line_of("evidence") or line,
                None,
            )
        )
        return None
    return FamilyAnnotation(
        family, int(level), holder, tuple(map(str, found_markers)), tuple(evidence), str(item.get("note") or ""), line
    )


def _unknown_keys(data: LineDict, allowed: set[str], shown: str, where: str) -> Iterator[Problem]:
    for key in data:
        if key not in allowed:
            hint = did_you_mean(str(key), allowed) or f"the keys allowed here are: {', '.join(sorted(allowed))}"
            yield Problem(f"unknown key '{key}' {where}", shown, data.line_of(key), hint)


def validate_gold(gold: Gold, catalog: Catalog, statements: Sequence[Statement]) -> list[Problem]:
    """Check a gold file against the catalog and the corpus it annotates.

    Returns every problem: a family the catalog does not know, a file not in the corpus (or
    skipped by it), a holder that is not one of the statement's parties, an evidence quote that is
    not, character for character, in the statement's text.
    """
    problems: list[Problem] = []
    known = [family.id for family in catalog.families]
    for family in gold.families:
        if family not in known:
            hint = did_you_mean(family, known) or f"the catalog's families are: {', '.join(known)}"
            problems.append(Problem(f"unknown family '{family}'", gold.path, None, hint))
    by_file = {Path(statement.path).name: statement for statement in statements}
    for entry in gold.statements:
        statement = by_file.get(Path(entry.file).name)
        if statement is None:
            hint = did_you_mean(entry.file, by_file) or "annotate files of the corpus being evaluated, by their names"
            problems.append(Problem(f"'{entry.file}' is not a statement of the corpus", gold.path, entry.line, hint))
            continue
        parties = statement.meta.parties or catalog.default_parties
        for annotation in entry.families:
            if annotation.holder != JOINT and annotation.holder not in parties:
                problems.append(
                    Problem(
                        f"{entry.file}: {annotation.family}: holder '{annotation.holder}' did not issue the statement",
                        gold.path,
                        annotation.line,
                        f"use 'joint' or one of: {', '.join(parties)}",
                    )
                )
            for quote in annotation.evidence:
                if quote not in statement.text:
                    problems.append(
                        Problem(
                            f"{entry.file}: {annotation.family}: evidence not in the text: {quote[:60]!r}",
                            gold.path,
                            annotation.line,
                            "quote the statement exactly, curly quotes and spacing included",
                        )
                    )
    return problems
