"""Republished copies: found from the text, one canonical statement kept, differences named.

Finding them must stay linear in the corpus and in the number of copies. Each statement gets a
small fingerprint: a hash of its words, a hash per sentence and a MinHash signature of those
hashes cut into bands. Statements with the same words are one group at once. Of the others, two
become candidates only when a band matches (likely for copies, which share almost every
sentence; rare for statements that merely share some boilerplate); a band shared by many
statements is not compared pair by pair but each statement with the few that lead its groups.
A candidate pair is checked first on its sentence hashes, then word by word with rapidfuzz
(unless both are already in one group), and counts only at or above the threshold. The wording
that differs is worked out once per copy, against the statement kept.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations

import attrs
from rapidfuzz.distance import Indel, Levenshtein

from ..model import Statement, Variant, WordChange
from .words import Words, words_of

DEFAULT_THRESHOLD = 0.9
SENTENCE_THRESHOLD = 0.5  # sentence-level similarity a pair needs before its words are compared
_BANDS = 8
_ROWS = 3
_MAX_BUCKET = 64  # a band shared by more statements than this: compared with its groups' leaders, not pairwise
_MAX_LEADERS = 64  # in such a band, the groups of alike sentences followed (more: boilerplate, not copying)
_RUN_SAMPLE = 4  # one five-word run in four (by hash) joins the sentence hashes as a feature
_WORDS_CACHE = 256
_MASK = 0xFFFFFFFF
_RUN = 5  # words in a run
_MIX = 0x9E3779B1  # spreads a feature's hash before it picks its MinHash bin
_EMPTY = 1 << 32  # above every 32-bit hash: the value of a bin no feature fell in


@attrs.frozen
class Fingerprint:
    """What variant detection needs to know of a statement, without its text."""

    id: str
    path: str
    sha256: str
    dated: bool
    repairs: int
    variant_of: str | None
    sentences: array[int]  # a hash per sentence, compactly (a corpus holds one per statement)
    bands: array[int]
    body: int  # a 64-bit hash of the body's words: the same for texts with the same words


@attrs.frozen
class BodyWords:
    """A statement's words (lower case) with their offsets in its original text."""

    words: tuple[str, ...]
    offsets: tuple[int, ...]


def body_words(statement: Statement, sentence_words: Sequence[Words] | None = None) -> BodyWords:
    """The words of a statement's cleaned body, for the word-level comparison.

    Args:
        statement: The statement (with its sentences).
        sentence_words: Its sentences' words, if already found (matching finds them too).
    """
    if sentence_words is None:
        sentence_words = [words_of(sentence.normalized) for sentence in statement.sentences]
    words: list[str] = []
    offsets: list[int] = []
    for sentence, found in zip(statement.sentences, sentence_words, strict=True):
        words += found.lower
        if sentence.offsets:  # the normalised text is not the original character for character
            offsets += (sentence.to_original(start) for start in found.starts)
        else:
            offsets += map(sentence.start.__add__, found.starts)
    return BodyWords(tuple(words), tuple(offsets))


def pack_words(words: BodyWords) -> bytes:
    """``words`` as compact bytes (a statement's words wait on disk until it may be a copy)."""
    packed = "\n".join(words.words).encode() + b"\0" + array("I", words.offsets).tobytes()
    return zlib.compress(packed, 1)


def unpack_words(packed: bytes) -> BodyWords:
    """The :class:`BodyWords` of :func:`pack_words`."""
    text, _, offsets = zlib.decompress(packed).partition(b"\0")
    return BodyWords(tuple(text.decode().split("\n")) if text else (), tuple(array("I", offsets)))


def fingerprint(statement: Statement, words: Sequence[Words] | None = None) -> Fingerprint:
    """The statement's fingerprint (see the module docstring).

    Args:
        statement: The statement.
        words: Its sentences' words, if already found (matching finds them too).
    """
    if words is None:
        words = [words_of(sentence.normalized) for sentence in statement.sentences]
    sentences = [zlib.crc32(sentence.joined.strip().encode()) for sentence in words]
    # Sentence hashes, plus a deterministic sample of five-word runs: a changed word then
    # spoils one sentence but only a few runs, so copies still share most features.
    every = [word for sentence in words for word in sentence.lower]
    features = set(sentences)
    features.update(_sampled_runs([_word_code(word) for word in every], keep_all=len(every) < 60))
    repairs = sum(step.count for step in statement.cleaning if step.action in {"normalized", "removed", "decoded"})
    return Fingerprint(
        id=statement.id,
        path=statement.path,
        sha256=statement.sha256,
        dated=statement.meta.date is not None,
        repairs=repairs,
        variant_of=statement.meta.variant_of,
        sentences=array("I", sentences),
        bands=_bands(features),
        body=int.from_bytes(hashlib.blake2b("\n".join(every).encode(), digest_size=8).digest(), "big"),
    )


@functools.lru_cache(maxsize=1 << 16)
def _word_code(word: str) -> int:
    return zlib.crc32(word.encode())


def _sampled_runs(codes: list[int], *, keep_all: bool) -> list[int]:
    """A hash of every five-word run of word hashes, one in four kept (chosen by value, not place).

    Tuples of integers hash the same in every process (no hash randomisation), so worker
    processes agree with each other.
    """
    if len(codes) < _RUN:
        return [hash(tuple(codes)) & _MASK] if codes else []
    shifted = [codes[offset:] for offset in range(_RUN)]
    runs = [value & _MASK for value in map(hash, zip(*shifted, strict=False))]
    return runs if keep_all else [run for run in runs if run % _RUN_SAMPLE == 0]


def _bands(features: set[int]) -> array[int]:
    """MinHash with one hash function, its values spread over bins, cut into bands.

    One-permutation hashing (Li, Owen and Zhang, 2012): a feature goes to the bin its mixed hash
    falls in and each bin keeps its minimum; an empty bin borrows the next non-empty bin's
    minimum, shifted by the distance (rotation densification, Shrivastava and Li, 2014). It
    estimates Jaccard similarity as k hash functions do, at the cost of one.
    """
    slots = _BANDS * _ROWS
    minimums = [_EMPTY] * slots
    for feature in features:
        mixed = (feature * _MIX) & _MASK
        slot = (mixed * slots) >> 32
        if mixed < minimums[slot]:
            minimums[slot] = mixed
    if not features:
        return array("q", (hash((band, 0)) for band in range(_BANDS)))
    for slot in range(slots):
        if minimums[slot] == _EMPTY:
            distance = 1
            while minimums[(slot + distance) % slots] == _EMPTY:
                distance += 1
            minimums[slot] = minimums[(slot + distance) % slots] + distance * _EMPTY
    return array("q", (hash((band, *minimums[band * _ROWS : (band + 1) * _ROWS])) for band in range(_BANDS)))


def group_variants(
    prints: Sequence[Fingerprint], words: Callable[[int], BodyWords], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[int, list[Variant]]]:
    """Group republished copies.

    Args:
        prints: Every statement's fingerprint, dated or not.
        words: The words of statement ``i`` (asked only for candidate pairs).
        threshold: The word-level similarity (0..1) at which two bodies count as one statement.

    Returns:
        One ``(canonical index, variants)`` pair per distinct statement, in input order.
    """
    parent = list(range(len(prints)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    # The same words: one group without comparing them; banding sees one statement of each.
    first_with: dict[int, int] = {}
    for position, item in enumerate(prints):
        parent[position] = first_with.setdefault(item.body, position)
    distinct = sorted(first_with.values())

    # Candidate pairs share a band; only those whose sentences are alike are kept, so memory grows
    # with the copies, not with the pairs that boilerplate makes.
    pairs: set[tuple[int, int]] = set()
    sentences = [item.sentences for item in prints]
    similarity_of = Indel.normalized_similarity

    def alike(first: int, second: int) -> bool:
        return similarity_of(sentences[first], sentences[second]) >= SENTENCE_THRESHOLD

    for band in range(_BANDS):  # one band at a time: a corpus-wide table of every band would be large
        buckets: dict[int, list[int]] = defaultdict(list)
        for position in distinct:
            buckets[prints[position].bands[band]].append(position)
        for members in buckets.values():
            if len(members) < 2:
                continue
            if len(members) <= _MAX_BUCKET:
                pairs.update(pair for pair in combinations(members, 2) if pair not in pairs and alike(*pair))
            else:
                pairs.update(_led_pairs(members, alike))
        del buckets
    if any(item.variant_of is not None for item in prints):
        index = {item.id: position for position, item in enumerate(prints)}
        for position, item in enumerate(prints):
            if item.variant_of is not None and item.variant_of in index:
                first, second = sorted((position, index[item.variant_of]))
                pairs.add((first, second))  # named a copy in its metadata: compared whatever its sentences

    # Pairs come sorted, so a small cache serves most lookups; a large corpus's words are never all held.
    cached = functools.lru_cache(maxsize=_WORDS_CACHE)(words)

    similarity: dict[tuple[int, int], float] = {}
    for first, second in sorted(pairs):
        if find(first) == find(second):
            continue  # one group already: each member is compared with the statement kept, below
        named = prints[first].variant_of == prints[second].id or prints[second].variant_of == prints[first].id
        score = Indel.normalized_similarity(cached(first).words, cached(second).words)
        if score >= threshold or named:
            similarity[(first, second)] = score
            parent[find(second)] = find(first)

    groups: dict[int, list[int]] = defaultdict(list)
    for position in range(len(prints)):
        groups[find(position)].append(position)

    result: list[tuple[int, list[Variant]]] = []
    for members in sorted(groups.values()):
        canonical = min(members, key=lambda position: _rank(prints, position, members))
        variants = [
            _variant(prints, cached, canonical, other, similarity, members) for other in members if other != canonical
        ]
        result.append((canonical, variants))
    return result


def _led_pairs(members: list[int], alike: Callable[[int, int], bool]) -> Iterator[tuple[int, int]]:
    """For a band shared by many statements, in order: each with the first leader of a group it is
    alike, or it leads a group of its own (up to ``_MAX_LEADERS`` groups). Linear in the members for
    many copies of a few texts; a band of boilerplate shared by very many different texts has more
    groups than are followed, and those texts are paired through their other bands, or not at all."""
    leaders: list[int] = []
    for member in members:
        leader = next((leader for leader in leaders if alike(leader, member)), None)
        if leader is not None:
            yield (leader, member)
        elif len(leaders) < _MAX_LEADERS:
            leaders.append(member)


def _word_changes(a: BodyWords, b: BodyWords) -> tuple[WordChange, ...]:
    """Where ``b``'s words differ from ``a``'s."""
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
    return tuple(changes)


def _rank(prints: Sequence[Fingerprint], position: int, members: list[int]) -> tuple[int, int, int, str]:
    item = prints[position]
    named = any(prints[other].variant_of == item.id for other in members)
    return (0 if named else 1, 0 if item.dated else 1, item.repairs, item.id)


def _variant(
    prints: Sequence[Fingerprint],
    words: Callable[[int], BodyWords],
    canonical: int,
    other: int,
    similarity: dict[tuple[int, int], float],
    members: list[int],
) -> Variant:
    kept, copy = prints[canonical], prints[other]
    score = similarity.get((min(canonical, other), max(canonical, other)))
    if score is None:  # a copy of a copy, or of the same words: never compared with this one directly
        score = Indel.normalized_similarity(words(canonical).words, words(other).words)
    changes = _word_changes(words(canonical), words(other))
    if any(prints[m].variant_of == kept.id for m in members):
        why = f"the metadata declares it a copy of {kept.id}"
    elif not copy.dated and kept.dated:
        why = f"{kept.id} is dated and this copy is not"
    elif kept.repairs < copy.repairs:
        why = f"it needed fewer cleaning steps ({kept.repairs} against {copy.repairs})"
    else:
        why = f"both needed {kept.repairs} cleaning steps and {kept.id} comes first by name"
    reason = f"republished copy of {kept.id} ({score:.1%} of words the same); {kept.id} is kept because {why}"
    return Variant(
        id=copy.id,
        path=copy.path,
        sha256=copy.sha256,
        similarity=round(score, 4),
        changes=changes,
        reason=reason,
    )
