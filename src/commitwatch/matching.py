"""(Statement, Catalog) -> what the statement commits to, with evidence. Pure: no I/O.

How a statement is read:

1. One Aho-Corasick pass over the statement finds every cue's anchor words; a cue's regular
   expression then runs only on the sentences where one of its anchors occurred.
2. In each sentence, per commitment type: a sentence that matches one of the type's exclusions
   is set aside; where two cues overlap, the longer (more specific) one counts, the higher level
   breaking a tie; a cue marked ``alone: false`` counts only beside another cue, and is never
   hidden by an overlap. The highest level reached is the level.
3. Modifiers are looked for around the matched words, within the same clause (a clause ends at
   a terminator such as ";" or "but") and within each lexicon's word window: boosters, hedges,
   conditions, and negations (which make the observation "negated"). Words inside a cue's own
   match never count as its modifiers.
4. The holder is the party named as the sentence's subject ("The United States reiterates ...";
   "We" or "the three countries" stand for all of the statement's parties), else the nearest
   party named before the match, else the statement's parties.
5. Per statement, each commitment type's observation is its strongest affirmed sentence (the
   earliest among equals), with the other sentences that show it listed.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

import ahocorasick
import attrs

from ._normalize import normalize
from ._patterns import compile_pattern, compile_regex
from .model import (
    Catalog,
    CommitmentType,
    Cue,
    CueMatch,
    Evidence,
    ModifierKind,
    ModifierLexicon,
    ModifierMatch,
    NearMiss,
    Observation,
    Polarity,
    Reading,
    Sentence,
    SentenceExplanation,
    Statement,
)

__all__ = ["Matcher", "explain", "match"]

COLLECTIVE = "\x00collective"
_WORD = re.compile(r"[\w']+")
_LEADING_PHRASE = re.compile(
    r"^\s*(?:(?:in addition|additionally|furthermore|moreover|also|today|meanwhile|"
    r"(?:together with|in|on|at|as|with|given|following|after|since|despite|amid|through|for|under|"
    r"recalling|noting|building on|to|against|by|from|during|upon|regarding|concerning)\b[^,]{0,160}),\s*)+",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"^(?:\s*\([^)]{0,40}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.IGNORECASE)
_OPEN_PAREN = re.compile(r"^\s*\($")
_THE = re.compile(r"^(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:'s?|’s?)(?!\w)")


@attrs.frozen
class _Hit:
    cue_index: int
    start: int
    end: int


@attrs.frozen
class _Mention:
    start: int
    end: int
    party: str  # a party name, or COLLECTIVE


class _CompiledCue:
    __slots__ = ("alone", "commitment", "cue", "rank", "regex")

    def __init__(self, commitment: int, cue: Cue, regex: re.Pattern[str], rank: int) -> None:
        self.commitment = commitment
        self.cue = cue
        self.regex = regex
        self.rank = rank
        self.alone = cue.alone


class Matcher:
    """A catalog compiled for matching: build it once, then read any number of statements.

    Example:
        >>> from commitwatch import Matcher, load_catalog, shipped_catalog
        >>> matcher = Matcher(load_catalog(shipped_catalog()))
        >>> [o.level for o in matcher.read_text("We reaffirm our commitment to the complete denuclearization.")]
        ['committed']
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.commitments: tuple[CommitmentType, ...] = catalog.active
        self._cues: list[_CompiledCue] = []
        by_anchor: dict[str, list[int]] = defaultdict(list)
        for commitment_index, commitment in enumerate(self.commitments):
            for cue in commitment.cues:
                compiled = (
                    compile_pattern(cue.pattern)
                    if cue.pattern is not None
                    else compile_regex(cue.regex or "", cue.anchors)
                )
                cue_index = len(self._cues)
                self._cues.append(
                    _CompiledCue(
                        commitment_index, cue, re.compile(compiled.regex, re.IGNORECASE), commitment.rank(cue.level)
                    )
                )
                for anchor in compiled.anchors:
                    by_anchor[anchor.lower()].append(cue_index)
        self._automaton = ahocorasick.Automaton()
        for anchor, cue_indexes in by_anchor.items():
            self._automaton.add_word(anchor, tuple(sorted(set(cue_indexes))))
        if by_anchor:
            self._automaton.make_automaton()
        self._exclusions = [
            [
                (pattern, re.compile(compile_pattern(pattern, require_anchor=False).regex, re.IGNORECASE))
                for pattern in c.exclude
            ]
            for c in self.commitments
        ]
        self._lexicons: list[tuple[ModifierKind, ModifierLexicon, re.Pattern[str] | None, re.Pattern[str] | None]] = []
        lexicons: dict[ModifierKind, ModifierLexicon] = {
            "booster": catalog.modifiers.booster,
            "hedge": catalog.modifiers.hedge,
            "condition": catalog.modifiers.condition,
            "negation": catalog.modifiers.negation,
        }
        for kind, lexicon in lexicons.items():
            self._lexicons.append((kind, lexicon, _alternation(lexicon.terms), _alternation(lexicon.pseudo)))
        self._terminators = _terminator_regex(catalog.modifiers.terminators)
        self._parties: list[tuple[str, re.Pattern[str]]] = [
            (party.name, re.compile(_names_regex((party.name, *party.aliases)))) for party in catalog.parties
        ]
        collective = _alternation(catalog.collective_subjects)
        if collective is not None:
            self._parties.append((COLLECTIVE, collective))
        self._party_order = {party.name: index for index, party in enumerate(catalog.parties)}

    # -- public ----------------------------------------------------------------------------------

    def read(self, statement: Statement) -> Reading:
        """Read one statement: one observation per commitment type it shows.

        Args:
            statement: A loaded statement.

        Returns:
            The statement's :class:`~commitwatch.model.Reading`.
        """
        parties = statement.meta.parties or self.catalog.default_parties
        per_commitment: dict[int, list[Observation]] = defaultdict(list)
        for sentence, cue_indexes in self._candidates(statement.sentences):
            observations, _ = self._read_sentence(statement.id, sentence, cue_indexes, parties)
            for commitment_index, observation in observations:
                per_commitment[commitment_index].append(observation)
        strongest = [
            _strongest(per_commitment[index]) for index in range(len(self.commitments)) if per_commitment.get(index)
        ]
        families_seen = {self.catalog.commitment(o.commitment_id).family for o in strongest}
        families = tuple(family.id for family in self.catalog.families if family.id in families_seen)
        return Reading(statement.id, tuple(strongest), families)

    def explain(self, statement: Statement, commitment_id: str | None = None) -> tuple[SentenceExplanation, ...]:
        """Every sentence where a cue matched, with what counted and what nearly did.

        Args:
            statement: A loaded statement.
            commitment_id: Only this commitment type (its near misses are the interesting part).
        """
        parties = statement.meta.parties or self.catalog.default_parties
        explanations = []
        for sentence, cue_indexes in self._candidates(statement.sentences):
            observations, misses = self._read_sentence(statement.id, sentence, cue_indexes, parties)
            kept = [o for _, o in observations if commitment_id in (None, o.commitment_id)]
            missed = [m for m in misses if commitment_id in (None, m.commitment_id)]
            if kept or missed:
                explanations.append(SentenceExplanation(sentence.index, sentence.text, tuple(kept), tuple(missed)))
        return tuple(explanations)

    def read_text(self, text: str, parties: Sequence[str] | None = None) -> list[Observation]:
        """Read one sentence of plain text (as catalog examples are read).

        Args:
            text: The sentence.
            parties: The statement's parties; by default the catalog's default parties.
        """
        normalized = normalize(text)
        sentence = Sentence(0, 0, 0, len(text), text, normalized.text.replace("\n", " "), normalized.segments)
        cue_indexes = next((indexes for _, indexes in self._candidates((sentence,))), set())
        observations, _ = self._read_sentence("", sentence, cue_indexes, tuple(parties or self.catalog.default_parties))
        return [observation for _, observation in observations]

    # -- the passes ------------------------------------------------------------------------------

    def _candidates(self, sentences: Sequence[Sentence]) -> Iterable[tuple[Sentence, set[int]]]:
        """Each sentence in which some cue's anchor occurs, with those cues (one pass over all)."""
        if not self._cues or not sentences:
            return []
        starts: list[int] = []
        pieces: list[str] = []
        position = 0
        for sentence in sentences:
            starts.append(position)
            pieces.append(_lower(sentence.normalized))
            position += len(sentence.normalized) + 1
        found: dict[int, set[int]] = defaultdict(set)
        for end, cue_indexes in self._automaton.iter("\n".join(pieces)):
            found[bisect_right(starts, end) - 1].update(cue_indexes)
        return [(sentences[index], found[index]) for index in sorted(found)]

    def _read_sentence(
        self, statement_id: str, sentence: Sentence, cue_indexes: Iterable[int], parties: Sequence[str]
    ) -> tuple[list[tuple[int, Observation]], list[NearMiss]]:
        text = sentence.normalized
        hits: dict[int, list[_Hit]] = defaultdict(list)
        for cue_index in sorted(cue_indexes):
            cue = self._cues[cue_index]
            for found in cue.regex.finditer(text):
                if found.end() > found.start():
                    hits[cue.commitment].append(_Hit(cue_index, found.start(), found.end()))
        observations: list[tuple[int, Observation]] = []
        misses: list[NearMiss] = []
        for commitment_index in sorted(hits):
            observation = self._observe(
                statement_id, sentence, commitment_index, hits[commitment_index], parties, misses
            )
            if observation is not None:
                observations.append((commitment_index, observation))
        return observations, misses

    def _observe(
        self,
        statement_id: str,
        sentence: Sentence,
        commitment_index: int,
        hits: list[_Hit],
        parties: Sequence[str],
        misses: list[NearMiss],
    ) -> Observation | None:
        commitment = self.commitments[commitment_index]
        text = sentence.normalized

        def miss(hit: _Hit, reason: str) -> None:
            cue = self._cues[hit.cue_index].cue
            misses.append(NearMiss(commitment.id, cue.label, text[hit.start : hit.end], reason))

        for pattern, exclusion in self._exclusions[commitment_index]:
            excluded = exclusion.search(text)
            if excluded is not None:
                for hit in hits:
                    miss(hit, f"the sentence matches the exclusion {pattern!r} ({excluded.group()!r})")
                return None
        kept: list[_Hit] = []
        for hit in sorted(hits, key=lambda h: (-(h.end - h.start), -self._cues[h.cue_index].rank, h.start)):
            standalone = self._cues[hit.cue_index].alone
            longer = next(
                (k for k in kept if self._cues[k.cue_index].alone and k.start < hit.end and hit.start < k.end), None
            )
            if longer is None or not standalone:
                kept.append(hit)
            elif (hit.start, hit.end) != (longer.start, longer.end) or hit.cue_index != longer.cue_index:
                miss(hit, f"inside the longer cue match {text[longer.start : longer.end]!r}, which counts instead")
        if not any(self._cues[hit.cue_index].alone for hit in kept):
            for hit in kept:
                miss(hit, "this cue counts only beside another cue of the same commitment (alone: false)")
            return None
        kept.sort(key=lambda h: (-self._cues[h.cue_index].rank, h.start))
        decisive = kept[0]
        first = min(hit.start for hit in kept)
        last = max(hit.end for hit in kept)
        modifiers = self._modifiers(text, first, last, [(hit.start, hit.end) for hit in kept])
        kinds = tuple(dict.fromkeys(modifier.kind for modifier in modifiers))
        polarity: Polarity = "negated" if "negation" in kinds else "affirmed"
        weight = sum(lexicon.weight for kind, lexicon, _, _ in self._lexicons if kind in kinds and kind != "negation")
        holders, basis = self._holders(text, first, parties)
        level = self._cues[decisive.cue_index].cue.level
        evidence = Evidence(
            statement_id=statement_id,
            sentence_index=sentence.index,
            sentence=sentence.text,
            start=sentence.start,
            end=sentence.end,
            cues=tuple(self._cue_match(sentence, hit) for hit in kept),
            modifiers=tuple(
                ModifierMatch(
                    m.kind,
                    _original(sentence, m.start, m.end),
                    sentence.to_original(m.start),
                    sentence.to_original(m.end, end=True),
                )
                for m in modifiers
            ),
        )
        return Observation(
            commitment_id=commitment.id,
            level=level,
            rank=commitment.rank(level),
            polarity=polarity,
            holders=holders,
            holder_basis=basis,
            modifiers=kinds,
            weight=weight,
            evidence=evidence,
        )

    def _cue_match(self, sentence: Sentence, hit: _Hit) -> CueMatch:
        cue = self._cues[hit.cue_index].cue
        return CueMatch(
            cue=cue.label,
            level=cue.level,
            text=_original(sentence, hit.start, hit.end),
            start=sentence.to_original(hit.start),
            end=sentence.to_original(hit.end, end=True),
            alone=cue.alone,
        )

    def _modifiers(self, text: str, first: int, last: int, covered: list[tuple[int, int]]) -> list[_Modifier]:
        clause_start, clause_end = 0, len(text)
        for boundary in self._terminators.finditer(text) if self._terminators is not None else ():
            if boundary.end() <= first:
                clause_start = boundary.end()
            elif boundary.start() >= last:
                clause_end = boundary.start()
                break
        found: list[_Modifier] = []
        for kind, lexicon, terms, pseudo in self._lexicons:
            if terms is None:
                continue
            blocked = list(covered)
            if pseudo is not None:
                blocked.extend(match.span() for match in pseudo.finditer(text))
            for match in terms.finditer(text):
                start, end = match.span()
                if any(start < b_end and b_start < end for b_start, b_end in blocked):
                    continue
                before = end <= first and start >= clause_start and lexicon.direction in ("before", "both")
                after = start >= last and end <= clause_end and lexicon.direction in ("after", "both")
                if (before and len(_WORD.findall(text, end, first)) <= lexicon.window) or (
                    after and len(_WORD.findall(text, last, start)) <= lexicon.window
                ):
                    found.append(_Modifier(kind, start, end))
        return sorted(found, key=lambda m: m.start)

    def _holders(self, text: str, cue_start: int, parties: Sequence[str]) -> tuple[tuple[str, ...], str]:
        mentions = [m for m in self._mentions(text) if m.end <= cue_start]
        leading = _LEADING_PHRASE.match(text, 0, cue_start)
        offset = leading.end() if leading else 0
        subject = self._subject(text, mentions, offset)
        if subject:
            return self._resolve(subject, parties), "subject"
        for mention in reversed(mentions):
            if _POSSESSIVE.match(text, mention.end):
                continue
            if mention.party == COLLECTIVE or mention.party in parties:
                return self._resolve([mention], parties), "nearest mention"
        return self._order(parties), "statement"

    def _subject(self, text: str, mentions: list[_Mention], offset: int) -> list[_Mention]:
        chain: list[_Mention] = []
        position = offset
        for mention in mentions:
            if mention.start < position:
                continue
            between = text[position : mention.start]
            if chain and _OPEN_PAREN.match(between) and text.startswith(")", mention.end):
                continue  # "the Republic of Korea (ROK)": the abbreviation is part of the name
            if not (_THE.match(between) if not chain else _LIST_JOIN.match(between)):
                break
            chain.append(mention)
            position = mention.end
        if not chain:
            return []
        following = text[position : position + 1]
        if _POSSESSIVE.match(text, position) or following in {"-", "'"} or following.isalnum():
            return []
        return chain

    def _mentions(self, text: str) -> list[_Mention]:
        found = [
            _Mention(match.start(), match.end(), party)
            for party, regex in self._parties
            for match in regex.finditer(text)
            if match.end() > match.start()
        ]
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[_Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        # "U.S.-Japan alliance", "U.S.-ROK exercises": a name inside a compound is no holder
        return [m for m in kept if text[m.start - 1 : m.start] != "-" and text[m.end : m.end + 1] != "-"]

    def _resolve(self, mentions: list[_Mention], parties: Sequence[str]) -> tuple[str, ...]:
        names: list[str] = []
        for mention in mentions:
            names.extend(parties if mention.party == COLLECTIVE else [mention.party])
        return self._order(names)

    def _order(self, names: Iterable[str]) -> tuple[str, ...]:
        unique = dict.fromkeys(names)
        return tuple(sorted(unique, key=lambda name: (self._party_order.get(name, len(self._party_order)), name)))


@attrs.frozen
class _Modifier:
    kind: ModifierKind
    start: int
    end: int


def _strongest(observations: list[Observation]) -> Observation:
    best = max(
        observations,
        key=lambda o: (o.polarity == "affirmed", o.strength, -o.evidence.sentence_index),
    )
    others = tuple(sorted(o.evidence.sentence_index for o in observations if o is not best))
    return attrs.evolve(best, other_sentences=others)


def _original(sentence: Sentence, start: int, end: int) -> str:
    begin = sentence.to_original(start) - sentence.start
    finish = sentence.to_original(end, end=True) - sentence.start
    return sentence.text[begin:finish]


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _alternation(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    regexes = [compile_pattern(pattern, require_anchor=False).regex for pattern in patterns]
    return re.compile("|".join(regexes), re.IGNORECASE)


def _names_regex(names: Sequence[str]) -> str:
    # Proper names match with their case (so the party "U.S." is not the pronoun "us").
    return "|".join(compile_pattern(name, require_anchor=False).regex for name in names)


def _terminator_regex(terms: Sequence[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    parts = [rf"\b{re.escape(term)}\b" if term[:1].isalnum() else re.escape(term) for term in terms]
    return re.compile("|".join(parts), re.IGNORECASE)


_MATCHERS: dict[int, Matcher] = {}


def _matcher_for(catalog: Catalog) -> Matcher:
    key = id(catalog)
    matcher = _MATCHERS.get(key)
    if matcher is None or matcher.catalog is not catalog:
        matcher = Matcher(catalog)
        _MATCHERS[key] = matcher
        weakref.finalize(catalog, _MATCHERS.pop, key, None)
    return matcher


def match(statement: Statement, catalog: Catalog) -> Reading:
    """Read one statement against a catalog (the compiled catalog is cached per catalog object).

    Args:
        statement: A loaded statement.
        catalog: A loaded catalog.

    Returns:
        One observation per commitment type the statement shows, with evidence.
    """
    return _matcher_for(catalog).read(statement)


def explain(
    statement: Statement, catalog: Catalog, commitment_id: str | None = None
) -> tuple[SentenceExplanation, ...]:
    """How each sentence of a statement was read, with the near misses (see :meth:`Matcher.explain`)."""
    return _matcher_for(catalog).explain(statement, commitment_id)
