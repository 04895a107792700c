"""Republished copies: found from the text, one canonical statement kept, differences named.

Candidates are found in linear time from a bottom-k sketch of each body's word 5-grams (two
copies of one statement share most of their smallest shingle hashes); each candidate pair is
then compared word by word with rapidfuzz, and only pairs at or above the threshold count.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

import attrs
from rapidfuzz.distance import Indel, Levenshtein

from .model import Statement, Variant, WordChange

DEFAULT_THRESHOLD = 0.9
_SHINGLE = 5
_SKETCH = 8
_MAX_BUCKET = 64  # a shingle in more bodies than this is boilerplate, not evidence of copying
_WORD = re.compile(r"[A-Za-z0-9]+")


@attrs.frozen
class _Words:
    words: tuple[str, ...]
    offsets: tuple[int, ...]


def _words(statement: Statement) -> _Words:
    words: list[str] = []
    offsets: list[int] = []
    for sentence in statement.sentences:
        for found in _WORD.finditer(sentence.normalized):
            words.append(found.group().lower())
            offsets.append(sentence.to_original(found.start()))
    return _Words(tuple(words), tuple(offsets))


def _sketch(words: Sequence[str]) -> list[int]:
    if len(words) < _SHINGLE:
        return [zlib.crc32(" ".join(words).encode())]
    hashes = {zlib.crc32(" ".join(words[i : i + _SHINGLE]).encode()) for i in range(len(words) - _SHINGLE + 1)}
    return sorted(hashes)[:_SKETCH]


def _repairs(statement: Statement) -> int:
    return sum(step.count for step in statement.cleaning if step.action in {"normalized", "removed", "decoded"})


def group_variants(
    statements: Sequence[Statement], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[Statement, list[Variant]]]:
    """Group republished copies.

    Args:
        statements: Every statement read, dated or not.
        threshold: The word-level similarity (0..1) at which two bodies count as one statement.

    Returns:
        One ``(canonical, variants)`` pair per distinct statement, in the input's order.
    """
    words = [_words(statement) for statement in statements]
    index = {statement.id: position for position, statement in enumerate(statements)}
    buckets: dict[int, list[int]] = defaultdict(list)
    for position, item in enumerate(words):
        for value in _sketch(item.words):
            buckets[value].append(position)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if 1 < len(members) <= _MAX_BUCKET:
            pairs.update(combinations(members, 2))
    for position, statement in enumerate(statements):
        declared = statement.meta.variant_of
        if declared is not None and declared in index:
            pairs.add(tuple(sorted((position, index[declared]))))  # type: ignore[arg-type]

    parent = list(range(len(statements)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    similarity: dict[tuple[int, int], float] = {}
    for first, second in sorted(pairs):
        score = Indel.normalized_similarity(words[first].words, words[second].words)
        named = statements[first].meta.variant_of == statements[second].id or (
            statements[second].meta.variant_of == statements[first].id
        )
        if score >= threshold or named:
            similarity[(first, second)] = score
            parent[find(second)] = find(first)

    groups: dict[int, list[int]] = defaultdict(list)
    for position in range(len(statements)):
        groups[find(position)].append(position)

    result: list[tuple[Statement, list[Variant]]] = []
    for members in sorted(groups.values()):
        canonical = min(members, key=lambda position: _rank(statements, position, members))
        variants = [
            _variant(statements, words, canonical, other, similarity, members)
            for other in members
            if other != canonical
        ]
        result.append((statements[canonical], variants))
    return result


def _rank(statements: Sequence[Statement], position: int, members: list[int]) -> tuple[int, int, int, str]:
    statement = statements[position]
    named = any(statements[other].meta.variant_of == statement.id for other in members)
    return (0 if named else 1, 0 if statement.meta.date else 1, _repairs(statement), statement.id)


def _variant(
    statements: Sequence[Statement],
    words: list[_Words],
    canonical: int,
    other: int,
    similarity: dict[tuple[int, int], float],
    members: list[int],
) -> Variant:
    kept, copy = statements[canonical], statements[other]
    a, b = words[canonical], words[other]
    score = similarity.get((min(canonical, other), max(canonical, other)))
    if score is None:
        score = Indel.normalized_similarity(a.words, b.words)
    changes = []
    for opcode in Levenshtein.opcodes(a.words, b.words):
        if opcode.tag == "equal":
            continue
        i1, i2, j1, j2 = opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end
        changes.append(
            WordChange(
                canonical=" ".join(a.words[i1:i2]),
                variant=" ".join(b.words[j1:j2]),
                canonical_start=a.offsets[i1] if i1 < len(a.offsets) else -1,
                variant_start=b.offsets[j1] if j1 < len(b.offsets) else -1,
            )
        )
    _, _, repairs, _ = _rank(statements, canonical, members)
    if any(statements[m].meta.variant_of == kept.id for m in members):
        why = f"the metadata declares it a copy of {kept.id}"
    elif copy.meta.date is None and kept.meta.date is not None:
        why = f"{kept.id} is dated and this copy is not"
    elif repairs < _repairs(copy):
        why = f"it needed fewer cleaning steps ({repairs} against {_repairs(copy)})"
    else:
        why = f"both needed {repairs} cleaning steps and {kept.id} comes first by name"
    reason = f"republished copy of {kept.id} ({score:.1%} of words the same); {kept.id} is kept because {why}"
    return Variant(
        id=copy.id,
        path=copy.path,
        sha256=copy.sha256,
        similarity=round(score, 4),
        changes=tuple(changes),
        reason=reason,
    )
