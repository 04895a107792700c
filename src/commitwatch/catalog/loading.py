"""YAML catalog -> validated :class:`~commitwatch.model.Catalog`.

A catalog is a folder: ``catalog.yaml`` (version, changelog, families, parties, modifier
lexicons) and one YAML file per family with its commitment types. Loading is strict and
complete: every problem in every file is collected, located by file and line, and raised
together in one :class:`~commitwatch.errors.CatalogError`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import cattrs

from .._yaml import LineDict, line_at, load_yaml
from ..converter import make_converter, structure_yaml
from ..errors import CatalogError, Problem, did_you_mean, display_path
from ..matching.patterns import PatternError, compile_pattern, compile_regex
from ..model import Catalog, CatalogSources, CommitmentType
from .stance import default_stance, stance_of

__all__ = ["CATALOG_FILE", "SCHEMAS", "default_stance", "load_catalog"]

CATALOG_FILE = "catalog.yaml"
SCHEMAS = (1, 2)  # 2: stance lexicons in catalog.yaml, ladders for content only (1 is read with the defaults)
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@attrs.frozen
class _FamilyFile:
    """The shape of a family file."""

    family: str
    commitments: tuple[CommitmentType, ...] = ()


def load_catalog(folder: str | Path) -> Catalog:
    """Load and validate a catalog folder.

    Args:
        folder: The folder holding ``catalog.yaml`` and the family files.

    Returns:
        The catalog, with where each commitment type and its parts are written (``sources``).

    Raises:
        CatalogError: Anything wrong with any file, every problem at once, each with its file,
            line and what to do.

    Example:
        >>> from commitwatch import load_catalog, shipped_catalog
        >>> catalog = load_catalog(shipped_catalog())
        >>> catalog.commitment("deterrence.extended_deterrence").ladder
        ('defence', 'extended_deterrence', 'nuclear_backed')
    """
    root = Path(folder)
    if not root.is_dir():
        raise CatalogError(Problem(f"no catalog folder at {root}", None, None, "pass the folder holding catalog.yaml"))
    main_path = root / CATALOG_FILE
    if not main_path.is_file():
        raise CatalogError(
            Problem(
                f"{CATALOG_FILE} is missing", display_path(root), None, "add catalog.yaml with version and families"
            )
        )
    problems: list[Problem] = []
    head = _load_main(main_path, problems)
    family_files = sorted(
        path for path in root.glob("*.y*ml") if path.name != CATALOG_FILE and path.suffix in {".yaml", ".yml"}
    )
    commitments: list[CommitmentType] = []
    sources = CatalogSources()
    for path in family_files:
        commitments.extend(_load_family(path, head, problems, sources))
    problems.extend(_cross_checks(commitments, sources))
    if problems or head is None:
        raise CatalogError(problems or [Problem("the catalog could not be read", display_path(main_path))])
    return attrs.evolve(head, commitments=tuple(commitments), root=display_path(root), sources=sources)


def _read(path: Path, problems: list[Problem]) -> Any:
    shown = display_path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", shown, line, "save the file as UTF-8"))
        return None
    if not text.strip():
        problems.append(Problem("the file is empty", shown, None, "add its content, or delete the file"))
        return None
    data, found = load_yaml(text, shown)
    problems.extend(found)
    if data is not None and not isinstance(data, LineDict):
        problems.append(Problem("the file must be a mapping of 'key: value' lines", shown, 1, None))
        return None
    return data


def _load_main(path: Path, problems: list[Problem]) -> Catalog | None:
    shown = display_path(path)
    data = _read(path, problems)
    if data is None:
        return None
    head, found = structure_yaml(file_converter(), data, Catalog, shown)
    problems.extend(found)
    if head is None:
        return None
    names = [party.name for party in head.parties]
    for index, party in enumerate(head.parties):
        if names.index(party.name) != index:
            problems.append(
                Problem(f"party '{party.name}' is listed twice", shown, line_at(data, "parties", index), None)
            )
    for index, name in enumerate(head.default_parties):
        if name not in names:
            problems.append(_unknown_party(name, names, shown, line_at(data, "default_parties", index)))
    families = [family.id for family in head.families]
    for index, family in enumerate(head.families):
        if families.index(family.id) != index:
            problems.append(
                Problem(f"family '{family.id}' is listed twice", shown, line_at(data, "families", index), None)
            )
    head = attrs.evolve(head, stance=stance_of(data, head.stance))
    if head.schema not in SCHEMAS:
        problems.append(
            Problem(
                f"catalog schema {head.schema} is not known",
                shown,
                line_at(data, "schema"),
                f"this commitwatch reads schema {' or '.join(map(str, SCHEMAS))}",
            )
        )
    for stance, terms in (*head.stance.by_stance().items(), ("addressed", head.stance.addressed)):
        for index, term in enumerate(terms):
            try:
                compile_pattern(term, require_anchor=False)
            except PatternError as exc:
                line = line_at(data, "stance", stance, index)
                problems.append(Problem(f"{stance} predicate {term!r}: {exc}", shown, line, "fix the pattern"))
    for index, subject in enumerate(head.collective_subjects):
        try:
            compile_pattern(subject, require_anchor=False)
        except PatternError as exc:
            line = line_at(data, "collective_subjects", index)
            problems.append(Problem(f"collective subject {subject!r}: {exc}", shown, line, "fix the pattern"))
    for party_index, party in enumerate(head.parties):
        for alias_index, name in enumerate((party.name, *party.aliases)):
            try:
                compile_pattern(name, require_anchor=False)
            except PatternError as exc:
                trail = (
                    ("parties", party_index, "name")
                    if alias_index == 0
                    else ("parties", party_index, "aliases", alias_index - 1)
                )
                problems.append(Problem(f"party name {name!r}: {exc}", shown, line_at(data, *trail), "fix the pattern"))
    for kind, lexicon in head.modifiers.lexicons().items():
        for index, term in enumerate((*lexicon.terms, *lexicon.pseudo)):
            key = "terms" if index < len(lexicon.terms) else "pseudo"
            position = index if key == "terms" else index - len(lexicon.terms)
            try:
                compile_pattern(term, require_anchor=False)
            except PatternError as exc:
                line = line_at(data, "modifiers", kind, key, position)
                problems.append(Problem(f"{kind} term {term!r}: {exc}", shown, line, "fix the pattern"))
    return head


@functools.cache
def file_converter() -> cattrs.Converter:
    """One converter for every catalog file: building its structuring code is the costly part."""
    return make_converter(from_files=True)


def _unknown_party(name: str, names: list[str], shown: str, line: int | None) -> Problem:
    hint = did_you_mean(name, names) or f"use one of: {', '.join(names)}; or add the party to catalog.yaml"
    return Problem(f"unknown party '{name}'", shown, line, hint)


def _load_family(
    path: Path, head: Catalog | None, problems: list[Problem], sources: CatalogSources
) -> list[CommitmentType]:
    shown = display_path(path)
    data = _read(path, problems)
    if data is None:
        return []
    if isinstance(data, LineDict) and isinstance(data.get("commitments"), list) and isinstance(data.get("family"), str):
        for raw in data["commitments"]:
            if isinstance(raw, LineDict) and "family" not in raw:
                raw["family"] = data["family"]
    parsed, found = structure_yaml(file_converter(), data, _FamilyFile, shown)
    problems.extend(found)
    if parsed is None:
        return []
    if head is not None and parsed.family not in {family.id for family in head.families}:
        known = [family.id for family in head.families]
        hint = did_you_mean(parsed.family, known) or f"add it to 'families' in {CATALOG_FILE}"
        problems.append(Problem(f"unknown family '{parsed.family}'", shown, line_at(data, "family"), hint))
    for index, commitment in enumerate(parsed.commitments):
        name = commitment.id
        if name in sources.files:
            problems.append(
                Problem(
                    f"duplicate id '{name}' (first at {sources.file(name)}:{sources.line(name)})",
                    shown,
                    line_at(data, "commitments", index),
                    "ids are unique across the catalog: rename one",
                )
            )
        else:
            _locate(commitment, data, index, shown, sources)
        problems.extend(_entry_checks(commitment, parsed.family, head, data, index, shown))
    return list(parsed.commitments)


def _locate(commitment: CommitmentType, data: LineDict, index: int, shown: str, sources: CatalogSources) -> None:
    """Note the file and lines that a catalog editor needs in messages."""
    name = commitment.id
    sources.files[name] = shown
    sources.lines[(name,)] = line_at(data, "commitments", index) or 0
    for position in range(len(commitment.cues)):
        sources.lines[(name, "cues", position)] = line_at(data, "commitments", index, "cues", position) or 0
    for kind, examples in (("match", commitment.examples.match), ("no_match", commitment.examples.no_match)):
        for position in range(len(examples)):
            line = line_at(data, "commitments", index, "examples", kind, position) or 0
            sources.lines[(name, "examples", kind, position)] = line


def _entry_checks(
    commitment: CommitmentType, family: str, head: Catalog | None, data: LineDict, index: int, shown: str
) -> Iterator[Problem]:
    def at(*keys: Any) -> int | None:
        return line_at(data, "commitments", index, *keys)

    name = commitment.id
    if not _ID.match(name):
        yield Problem(f"id '{name}' is not of the form family.name (lower case, digits, _)", shown, at("id"), None)
    elif name.split(".")[0] != family:
        yield Problem(
            f"id '{name}' is in the file of family '{family}'",
            shown,
            at("id"),
            f"start the id with '{family}.' or move the entry to {name.split('.')[0]}.yaml",
        )
    if not commitment.ladder:
        yield Problem(f"{name}: the ladder is empty", shown, at("ladder"), "list its levels, weakest first")
    for position, level in enumerate(commitment.ladder):
        if commitment.ladder.index(level) != position:
            yield Problem(f"{name}: level '{level}' is on the ladder twice", shown, at("ladder", position), None)
    if not commitment.cues:
        yield Problem(f"{name}: no cues", shown, at(), "add at least one cue with a pattern and a level")
    elif not any(cue.alone for cue in commitment.cues):
        yield Problem(f"{name}: every cue has 'alone: false'", shown, at("cues"), "let at least one cue stand alone")
    for position, cue in enumerate(commitment.cues):
        yield from _level_check(name, cue.level, commitment.ladder, shown, at("cues", position, "level"))
        if (cue.pattern is None) == (cue.regex is None):
            yield Problem(f"{name}: a cue needs exactly one of 'pattern' or 'regex'", shown, at("cues", position), None)
            continue
        try:
            if cue.pattern is not None:
                compile_pattern(cue.pattern)
            else:
                compile_regex(cue.regex or "", cue.anchors)
        except PatternError as exc:
            key = "pattern" if cue.pattern is not None else "regex"
            yield Problem(f"{name}: cue {cue.label!r}: {exc}", shown, at("cues", position, key), None)
    for position, pattern in enumerate(commitment.exclude):
        try:
            compile_pattern(pattern, require_anchor=False)
        except PatternError as exc:
            yield Problem(f"{name}: exclusion {pattern!r}: {exc}", shown, at("exclude", position), None)
    party_names = [party.name for party in head.parties] if head is not None else []
    for position, example in enumerate(commitment.examples.match):
        yield from _level_check(name, example.level, commitment.ladder, shown, at("examples", "match", position))
        for holder in example.holders or ():
            if head is not None and holder not in party_names:
                yield _unknown_party(holder, party_names, shown, at("examples", "match", position))
    if commitment.status == "active":
        if commitment.replaced_by is not None:
            yield Problem(
                f"{name}: an active entry has 'replaced_by'",
                shown,
                at("replaced_by"),
                "set 'status: deprecated', or remove 'replaced_by'",
            )
        if not commitment.examples.match or not commitment.examples.no_match:
            yield Problem(
                f"{name}: an active entry needs at least one 'match' and one 'no_match' example",
                shown,
                at("examples") or at(),
                "add a sentence that must match (with its level) and a look-alike that must not",
            )


def _level_check(name: str, level: str, ladder: tuple[str, ...], shown: str, line: int | None) -> Iterator[Problem]:
    if level not in ladder:
        hint = did_you_mean(level, ladder) or f"use one of: {', '.join(ladder)}"
        yield Problem(f"{name}: level '{level}' is not on the ladder", shown, line, hint)


def _cross_checks(commitments: list[CommitmentType], sources: CatalogSources) -> Iterator[Problem]:
    known = {commitment.id for commitment in commitments}
    for commitment in commitments:
        if commitment.replaced_by is None:
            continue
        where = (sources.file(commitment.id), sources.line(commitment.id))
        if commitment.replaced_by not in known:
            hint = did_you_mean(commitment.replaced_by, known) or "name an existing commitment id"
            yield Problem(f"{commitment.id}: replaced_by '{commitment.replaced_by}' names no commitment", *where, hint)
        elif commitment.replaced_by == commitment.id:
            yield Problem(f"{commitment.id}: replaced by itself", *where, None)
    if not commitments:
        yield Problem("the catalog has no commitment types", CATALOG_FILE, None, "add a family file beside it")
