"""Readings against a gold file -> the figures of :class:`Evaluation`, and every disagreement.

The unit is a (statement, family): the reader annotates each family of each statement once.
The tool's answer for a family is read off its observations of that family's commitment types:
the family is present when one of them is observed; its level is the highest grade among them
on the reader's 1-3 scale (:func:`grade`); its holder is "joint" when an observation at that grade
is held by all of the statement's parties, else the holder of the first such observation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

import attrs

from ..model import Catalog, Observation, Reading, Statement
from ..model.evaluation import (
    CHANGES,
    JOINT,
    LEVELS,
    Counts,
    Disagreement,
    Evaluation,
    FamilyAnnotation,
    FamilyFigures,
    Gold,
)
from .metrics import bootstrap, cohen_kappa, confusion

__all__ = ["FamilyAnswer", "Item", "grade", "score"]


def grade(observation: Observation) -> int:
    """An observation's place on the reader's scale: its stance, 1 mentioned or urged, 2
    committed or fulfilled (the reader's scale has no step for a pledge reported as delivered),
    3 intensified. (The content level, what the commitment is about, is not graded.)"""
    return {"mentioned": 1, "urged": 1, "committed": 2, "intensified": 3, "fulfilled": 2}[observation.stance]


@attrs.frozen
class FamilyAnswer:
    """What the tool reads of one family in one statement."""

    level: int
    holder: str
    evidence: tuple[str, ...]  # the decisive sentences of the family's observations, strongest first
    commitments: tuple[str, ...]


@attrs.frozen
class Item:
    """One (statement, family) with the reader's annotation and the tool's answer (either may be absent)."""

    file: str
    family: str
    reader: FamilyAnnotation | None
    tool: FamilyAnswer | None


def score(gold: Gold, catalog: Catalog, statements: Sequence[Statement], readings: Sequence[Reading]) -> Evaluation:
    """Score readings against the gold file (already validated against the catalog and the corpus).

    Args:
        gold: The annotations.
        catalog: The catalog the readings were made with.
        statements: The corpus's statements, in date order.
        readings: Their readings, in the same order.
    """
    family_of = {commitment.id: commitment.family for commitment in catalog.commitments}
    annotated = {entry.file.rsplit("/", 1)[-1]: entry for entry in gold.statements}
    rows: list[list[Item]] = []  # per scored statement, in date order: its items, family by family
    unscored = []
    for statement, reading in zip(statements, readings, strict=True):
        entry = annotated.get(statement.path.rsplit("/", 1)[-1])
        if entry is None:
            unscored.append(statement.path)
            continue
        parties = set(statement.meta.parties or catalog.default_parties)
        answers = _answers(reading.observations, family_of, parties)
        rows.append(
            [
                Item(entry.file, family, _as_named(entry.annotation(family), parties), answers.get(family))
                for family in gold.families
            ]
        )
    return _evaluation(gold, catalog.version, rows, tuple(unscored))


def _answers(
    observations: Iterable[Observation], family_of: dict[str, str], parties: set[str]
) -> dict[str, FamilyAnswer]:
    by_family: dict[str, list[Observation]] = {}
    for observation in observations:
        if observation.polarity == "affirmed":
            by_family.setdefault(family_of[observation.commitment_id], []).append(observation)
    answers = {}
    for family, found in by_family.items():
        found.sort(key=lambda o: (-grade(o), o.evidence.sentence_index))
        top = [o for o in found if grade(o) == grade(found[0])]
        joint = any(set(o.holders) == parties for o in top)
        holder = _holder_name(tuple(parties), parties) if joint else _holder_name(top[0].holders, parties)
        evidence = tuple(dict.fromkeys(" ".join(o.evidence.sentence.split()) for o in found))
        answers[family] = FamilyAnswer(grade(found[0]), holder, evidence, tuple(o.commitment_id for o in found))
    return answers


def _as_named(annotation: FamilyAnnotation | None, parties: set[str]) -> FamilyAnnotation | None:
    """A statement of one issuer: its "joint" is that issuer (readers write either)."""
    if annotation is not None and annotation.holder == JOINT and len(parties) == 1:
        return attrs.evolve(annotation, holder=next(iter(parties)))
    return annotation


def _holder_name(holders: tuple[str, ...], parties: set[str]) -> str:
    """A holder as the reader names it: "joint" for all of several issuing parties, else the names."""
    if set(holders) == parties and len(parties) > 1:
        return JOINT
    return " + ".join(sorted(holders))


def _evaluation(gold: Gold, catalog_version: str, rows: list[list[Item]], unscored: tuple[str, ...]) -> Evaluation:
    items = [item for row in rows for item in row]
    presence = []
    for family in gold.families:
        counts = _presence([item for item in items if item.family == family])
        presence.append(FamilyFigures(family, counts, counts.precision, counts.recall, counts.f1))
    micro = _presence(items)
    both = [item for item in items if item.reader is not None and item.tool is not None]
    level_pairs = [(item.reader.level, item.tool.level) for item in both if item.reader and item.tool]
    holders: dict[tuple[str, str], int] = {}
    for item in both:
        assert item.reader is not None
        assert item.tool is not None
        key = (item.reader.holder, item.tool.holder)
        holders[key] = holders.get(key, 0) + 1
    moves = _moves(gold.families, rows)
    found, total, marker_misses = _markers(gold, both)
    disagreements = [*_disagreements(items), *(d for _, _, d in moves if d is not None), *marker_misses]
    disagreements.sort(key=lambda d: (d.file, gold.families.index(d.family), d.kind))
    intervals = {
        "micro_f1": bootstrap(rows, lambda sample: _presence([i for row in sample for i in row]).f1),
        "micro_precision": bootstrap(rows, lambda sample: _presence([i for row in sample for i in row]).precision),
        "micro_recall": bootstrap(rows, lambda sample: _presence([i for row in sample for i in row]).recall),
        "level_kappa": bootstrap(rows, lambda sample: cohen_kappa(_level_pairs(sample), LEVELS, weighted=True)),
        "holder_agreement": bootstrap(rows, lambda sample: _share_same(_holder_pairs(sample))),
    }
    return Evaluation(
        gold=gold.path,
        catalog_version=catalog_version,
        statements=len(rows),
        families=gold.families,
        presence=tuple(presence),
        micro=micro,
        micro_precision=micro.precision,
        micro_recall=micro.recall,
        micro_f1=micro.f1,
        macro_precision=_mean(f.precision for f in presence),
        macro_recall=_mean(f.recall for f in presence),
        macro_f1=_mean(f.f1 for f in presence),
        level_pairs=len(level_pairs),
        level_exact=_share_same(level_pairs),
        level_kappa=cohen_kappa(level_pairs, LEVELS, weighted=True),
        level_confusion=tuple(map(tuple, confusion(level_pairs, LEVELS))),
        holder_agreement=_share_same([(r, t) for (r, t), n in holders.items() for _ in range(n)]),
        holder_confusion=tuple((r, t, n) for (r, t), n in sorted(holders.items())),
        change_pairs=len(moves),
        change_agreement=_share_same([(r, t) for r, t, _ in moves]),
        change_kappa=cohen_kappa([(r, t) for r, t, _ in moves], CHANGES),
        change_confusion=tuple(map(tuple, confusion([(r, t) for r, t, _ in moves], CHANGES)[:3])),
        markers_found=found,
        markers_total=total,
        intervals=intervals,
        disagreements=tuple(disagreements),
        unscored=unscored,
    )


def _presence(items: Iterable[Item]) -> Counts:
    counts = Counts()
    for item in items:
        counts += Counts(
            int(item.reader is not None and item.tool is not None),
            int(item.reader is None and item.tool is not None),
            int(item.reader is not None and item.tool is None),
        )
    return counts


def _level_pairs(rows: Sequence[list[Item]]) -> list[tuple[int, int]]:
    return [(i.reader.level, i.tool.level) for row in rows for i in row if i.reader is not None and i.tool is not None]


def _holder_pairs(rows: Sequence[list[Item]]) -> list[tuple[str, str]]:
    return [
        (i.reader.holder, i.tool.holder) for row in rows for i in row if i.reader is not None and i.tool is not None
    ]


def _share_same(pairs: Sequence[tuple[object, object]]) -> float | None:
    return sum(1 for a, b in pairs if a == b) / len(pairs) if pairs else None


def _mean(values: Iterable[float | None]) -> float | None:
    defined = [value for value in values if value is not None]
    return sum(defined) / len(defined) if defined else None


def _direction(before: int, after: int) -> str:
    return "up" if after > before else "down" if after < before else "same"


def _moves(families: Sequence[str], rows: list[list[Item]]) -> list[tuple[str, str, Disagreement | None]]:
    """Per family, each statement the reader says addresses it against the previous such statement."""
    moves = []
    for position, family in enumerate(families):
        addressed = [row[position] for row in rows if row[position].reader is not None]
        for before, after in itertools.pairwise(addressed):
            assert before.reader is not None
            assert after.reader is not None
            reader = _direction(before.reader.level, after.reader.level)
            tool = (
                "absent"
                if before.tool is None or after.tool is None
                else _direction(before.tool.level, after.tool.level)
            )
            disagreement = None
            if reader != tool:
                disagreement = Disagreement(
                    after.file,
                    family,
                    "change",
                    f"{reader} from {before.file} ({before.reader.level} -> {after.reader.level})",
                    tool if tool == "absent" else f"{tool} ({_level(before)} -> {_level(after)})",
                    after.reader.evidence,
                    after.tool.evidence if after.tool else (),
                )
            moves.append((reader, tool, disagreement))
    return moves


def _level(item: Item) -> str:
    return str(item.tool.level) if item.tool is not None else "absent"


def _markers(gold: Gold, both: Sequence[Item]) -> tuple[int, int, list[Disagreement]]:
    found = total = 0
    misses = []
    for item in both:
        assert item.reader is not None
        assert item.tool is not None
        text = " ".join(item.tool.evidence)
        for marker in item.reader.markers:
            total += 1
            if re.search(gold.markers[marker], text, re.IGNORECASE):
                found += 1
            else:
                misses.append(
                    Disagreement(
                        item.file,
                        item.family,
                        "marker",
                        f"marked {marker}",
                        "not in the evidence",
                        item.reader.evidence,
                        item.tool.evidence,
                    )
                )
    return found, total, misses


def _disagreements(items: Iterable[Item]) -> Iterable[Disagreement]:
    for item in items:
        reader, tool = item.reader, item.tool
        if reader is None and tool is None:
            continue
        if reader is None:
            assert tool is not None
            yield Disagreement(
                item.file,
                item.family,
                "extra",
                "not addressed",
                f"level {tool.level}, {tool.holder}",
                (),
                tool.evidence,
            )
        elif tool is None:
            yield Disagreement(
                item.file, item.family, "missed", f"level {reader.level}, {reader.holder}", "not found", reader.evidence
            )
        else:
            if reader.level != tool.level:
                yield Disagreement(
                    item.file,
                    item.family,
                    "level",
                    f"level {reader.level}",
                    f"level {tool.level}",
                    reader.evidence,
                    tool.evidence,
                )
            if reader.holder != tool.holder:
                yield Disagreement(
                    item.file, item.family, "holder", reader.holder, tool.holder, reader.evidence, tool.evidence
                )
