"""(Statement, Catalog) -> what the statement commits to, with evidence. Pure: no I/O.

How a statement is read:

1. Each sentence's words are found once (and shared with the modifier scan and the copy
   fingerprint). Which cue anchors a word holds ("proliferation" is in "nonproliferation") is
   found by one Aho-Corasick pass over the words not met before, and remembered; a cue's regular
   expression then runs only on the sentences holding one word of each of its required groups.
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
from itertools import accumulate
from typing import NamedTuple

import ahocorasick
import attrs

from ._normalize import normalize
from ._patterns import (
    CompiledPattern,
    Phrase,
    PhraseSet,
    Words,
    compile_pattern,
    compile_regex,
    is_one_word,
    words_of,
)
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

__all__ = ["Matcher", "explain", "match", "sentence_words"]

COLLECTIVE = "\x00collective"
_NO_CUES: frozenset[int] = frozenset()
_MAX_ORDERS_REMEMBERED = 10_000  # distinct lists of holders put in order
_MAX_WORDS_REMEMBERED = 200_000  # distinct words whose anchors are remembered; then forgotten at once
_PSEUDO = "\x00pseudo"
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


class _Hit(NamedTuple):
    cue_index: int
    start: int
    end: int


class _Mention(NamedTuple):
    start: int
    end: int
    party: str  # a party name, or COLLECTIVE


class _CompiledCue:
    """A cue ready to run; its regular expression is compiled the first time a sentence needs it.

    Compiling thousands of expressions up front would cost seconds that most runs never repay:
    a cue runs only where its required words occur.
    """

    __slots__ = ("_compiled", "_regex", "alone", "commitment", "cue", "rank")

    def __init__(self, commitment: int, cue: Cue, compiled: CompiledPattern, rank: int) -> None:
        self.commitment = commitment
        self.cue = cue
        self.rank = rank
        self.alone = cue.alone
        self._compiled = compiled
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = _fast_regex(self._compiled, self.cue.regex is not None)
        return self._regex


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
        requirements_of: list[tuple[frozenset[str], ...]] = []  # per cue, the groups of words it needs
        by_anchor: dict[str, set[int]] = defaultdict(set)
        for commitment_index, commitment in enumerate(self.commitments):
            for cue in commitment.cues:
                compiled = (
                    compile_pattern(cue.pattern)
                    if cue.pattern is not None
                    else compile_regex(cue.regex or "", cue.anchors)
                )
                cue_index = len(self._cues)
                self._cues.append(_CompiledCue(commitment_index, cue, compiled, commitment.rank(cue.level)))
                requirements = tuple(frozenset(word.lower() for word in group) for group in compiled.requirements)
                requirements_of.append(requirements or (frozenset(a.lower() for a in compiled.anchors),))
                for group in requirements_of[-1]:
                    for anchor in group:
                        by_anchor[anchor].add(cue_index)
        # Each cue is indexed by one group of its required words (the rarest-looking): a sentence
        # holding one of them brings the cue in, and its other groups, if any, are then checked.
        indexed: dict[str, set[int]] = defaultdict(set)
        self._other_groups: list[tuple[frozenset[str], ...]] = []
        for cue_index, groups in enumerate(requirements_of):
            chosen = max(groups, key=lambda group: (min(map(len, group)), -len(group), sorted(group)))
            for anchor in chosen:
                indexed[anchor].add(cue_index)
            self._other_groups.append(tuple(group for group in groups if group is not chosen))
        self._cues_by_anchor = {anchor: frozenset(cues) for anchor, cues in indexed.items()}
        # Anchors are found inside words ("proliferation" in "nonproliferation"), word by word:
        # which anchors a word holds is worked out once per distinct word and remembered.
        word_anchors: list[str] = []
        self._phrase_anchors: list[str] = []  # anchors of several words, looked for in the sentence's text
        for anchor in by_anchor:
            (word_anchors if is_one_word(anchor) else self._phrase_anchors).append(anchor)
        self._automaton = ahocorasick.Automaton()
        for anchor in word_anchors:
            self._automaton.add_word(anchor, anchor)
        if word_anchors:
            self._automaton.make_automaton()
        self._anchors_in: dict[str, frozenset[str]] = {}  # word -> the anchors inside it (none: absent)
        self._words_seen: set[str] = set()
        # Compiled when a sentence first needs them, as the cues' expressions are.
        self._exclusions: list[list[tuple[str, re.Pattern[str]]] | None] = [None] * len(self.commitments)
        self._lexicons: dict[str, tuple[ModifierKind, ModifierLexicon]] = {}
        lexicons: dict[ModifierKind, ModifierLexicon] = {
            "booster": catalog.modifiers.booster,
            "hedge": catalog.modifiers.hedge,
            "condition": catalog.modifiers.condition,
            "negation": catalog.modifiers.negation,
        }
        phrases: list[Phrase] = []
        for kind, lexicon in lexicons.items():
            self._lexicons[kind] = (kind, lexicon)
            phrases.extend(Phrase(term, kind, "modifier") for term in lexicon.terms)
            phrases.extend(Phrase(term, _PSEUDO, "modifier") for term in lexicon.pseudo)
        terminators = catalog.modifiers.terminators
        marks = "".join(term for term in terminators if not term[:1].isalnum())
        phrases.extend(Phrase(term, "", "terminator") for term in terminators if term[:1].isalnum())
        self._terminator_marks = re.compile(f"[{re.escape(marks)}]") if marks else None
        # Proper names match with their case (so the party "U.S." is not the pronoun "us").
        phrases.extend(
            Phrase(name, party.name, "mention", ignore_case=False)
            for party in catalog.parties
            for name in (party.name, *party.aliases)
        )
        phrases.extend(Phrase(subject, COLLECTIVE, "mention") for subject in catalog.collective_subjects)
        self._phrases = PhraseSet(phrases)
        self._party_order = {party.name: index for index, party in enumerate(catalog.parties)}
        self._orders: dict[tuple[str, ...], tuple[str, ...]] = {}  # lists of holders, in the catalog's order
        self._family_of = {commitment.id: commitment.family for commitment in catalog.commitments}

    # -- public ----------------------------------------------------------------------------------

    def read(self, statement: Statement) -> Reading:
        """Read one statement: one observation per commitment type it shows.

        Args:
            statement: A loaded statement.

        Returns:
            The statement's :class:`~commitwatch.model.Reading`.
        """
        return self.read_words(statement, sentence_words(statement))

    def read_words(self, statement: Statement, words: Sequence[Words]) -> Reading:
        """:meth:`read`, given the words of each sentence (see :func:`sentence_words`), to share them."""
        parties = statement.meta.parties or self.catalog.default_parties
        per_commitment: dict[int, list[Observation]] = defaultdict(list)
        for sentence, tokens, cue_indexes in self._candidates(statement.sentences, words):
            observations, _ = self._read_sentence(statement.id, sentence, tokens, cue_indexes, parties)
            for commitment_index, observation in observations:
                per_commitment[commitment_index].append(observation)
        strongest = [_strongest(per_commitment[index]) for index in sorted(per_commitment)]
        families_seen = {self._family_of[o.commitment_id] for o in strongest}
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
        words = sentence_words(statement)
        for sentence, tokens, cue_indexes in self._candidates(statement.sentences, words):
            observations, misses = self._read_sentence(statement.id, sentence, tokens, cue_indexes, parties)
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
        words = words_of(sentence.normalized)
        cue_indexes = next((indexes for _, _, indexes in self._candidates((sentence,), (words,))), set())
        observations, _ = self._read_sentence(
            "", sentence, words, cue_indexes, tuple(parties or self.catalog.default_parties)
        )
        return [observation for _, observation in observations]

    # -- the passes ------------------------------------------------------------------------------

    def _candidates(
        self, sentences: Sequence[Sentence], words: Sequence[Words]
    ) -> list[tuple[Sentence, Words, set[int]]]:
        """Each sentence holding every required word of some cue, with those cues."""
        if not self._cues:
            return []
        anchors_in, seen = self._anchors_in, self._words_seen
        candidates = []
        cues_by_anchor, other_groups = self._cues_by_anchor, self._other_groups
        for sentence, tokens in zip(sentences, words, strict=True):
            distinct = set(tokens.lower)
            unseen = distinct - seen
            if unseen:
                self._learn(unseen, distinct)
            present: set[str] = set()
            for word in distinct & anchors_in.keys():
                present |= anchors_in[word]
            if self._phrase_anchors:
                lowered = sentence.normalized.lower()
                present.update(anchor for anchor in self._phrase_anchors if anchor in lowered)
            if not present:
                continue
            cues: set[int] = set()
            for anchor in present:
                cues |= cues_by_anchor.get(anchor, _NO_CUES)
            for cue in [cue for cue in cues if other_groups[cue]]:
                for group in other_groups[cue]:
                    if group.isdisjoint(present):
                        cues.discard(cue)
                        break
            if cues:
                candidates.append((sentence, tokens, cues))
        return candidates

    def _learn(self, words: set[str], sentence: set[str]) -> None:
        """Find the anchors inside words not met before (one automaton pass over them all).

        When too many words are remembered, all are forgotten and the sentence's words learnt again.
        """
        if len(self._words_seen) + len(words) > _MAX_WORDS_REMEMBERED:
            self._words_seen.clear()
            self._anchors_in.clear()
            words = sentence
        self._words_seen |= words
        if not len(self._automaton):
            return
        ordered = sorted(words)
        joined = "\n".join(ordered)
        starts = list(accumulate((len(word) + 1 for word in ordered[:-1]), initial=0))
        found: dict[int, set[str]] = defaultdict(set)
        for end, anchor in self._automaton.iter(joined):
            found[bisect_right(starts, end) - 1].add(anchor)
        for index, anchors in found.items():
            self._anchors_in[ordered[index]] = frozenset(anchors)

    def _read_sentence(
        self,
        statement_id: str,
        sentence: Sentence,
        words: Words,
        cue_indexes: Iterable[int],
        parties: Sequence[str],
    ) -> tuple[list[tuple[int, Observation]], list[NearMiss]]:
        text = sentence.normalized
        hits: dict[int, list[_Hit]] = defaultdict(list)
        for cue_index in sorted(cue_indexes):
            cue = self._cues[cue_index]
            for start, end in _word_spans(cue.regex, text):
                hits[cue.commitment].append(_Hit(cue_index, start, end))
        observations: list[tuple[int, Observation]] = []
        misses: list[NearMiss] = []
        scan = _Scan(self, words)
        for commitment_index in sorted(hits):
            observation = self._observe(
                statement_id, sentence, scan, commitment_index, hits[commitment_index], parties, misses
            )
            if observation is not None:
                observations.append((commitment_index, observation))
        return observations, misses

    def _observe(
        self,
        statement_id: str,
        sentence: Sentence,
        scan: _Scan,
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

        for pattern, exclusion in self._exclusions_of(commitment_index):
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
        modifiers = self._modifiers(scan, first, last, [(hit.start, hit.end) for hit in kept])
        kinds = tuple(dict.fromkeys(modifier.kind for modifier in modifiers))
        polarity: Polarity = "negated" if "negation" in kinds else "affirmed"
        weight = sum(
            lexicon.weight for kind, lexicon in self._lexicons.values() if kind in kinds and kind != "negation"
        )
        holders, basis = self._holders(scan, first, parties)
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

    def _exclusions_of(self, commitment_index: int) -> list[tuple[str, re.Pattern[str]]]:
        exclusions = self._exclusions[commitment_index]
        if exclusions is None:
            exclusions = [
                (pattern, re.compile(compile_pattern(pattern, require_anchor=False).regex, re.IGNORECASE))
                for pattern in self.commitments[commitment_index].exclude
            ]
            self._exclusions[commitment_index] = exclusions
        return exclusions

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

    def _modifiers(self, scan: _Scan, first: int, last: int, covered: list[tuple[int, int]]) -> list[_Modifier]:
        clause_start, clause_end = 0, len(scan.text)
        for start, end in scan.terminators:
            if end <= first:
                clause_start = end
            elif start >= last:
                clause_end = start
                break
        found: list[_Modifier] = []
        for kind, lexicon, start, end in scan.modifiers:
            if any(start < c_end and c_start < end for c_start, c_end in covered):
                continue
            before = end <= first and start >= clause_start and lexicon.direction in ("before", "both")
            after = start >= last and end <= clause_end and lexicon.direction in ("after", "both")
            if (before and len(_WORD.findall(scan.text, end, first)) <= lexicon.window) or (
                after and len(_WORD.findall(scan.text, last, start)) <= lexicon.window
            ):
                found.append(_Modifier(kind, start, end))
        return found

    def _holders(self, scan: _Scan, cue_start: int, parties: Sequence[str]) -> tuple[tuple[str, ...], str]:
        text = scan.text
        mentions = [m for m in scan.mentions if m.end <= cue_start]
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

    def _resolve(self, mentions: list[_Mention], parties: Sequence[str]) -> tuple[str, ...]:
        names: list[str] = []
        for mention in mentions:
            names.extend(parties if mention.party == COLLECTIVE else [mention.party])
        return self._order(names)

    def _order(self, names: Iterable[str]) -> tuple[str, ...]:
        key = tuple(names)
        ordered = self._orders.get(key)
        if ordered is None:
            unique = dict.fromkeys(key)
            ordered = tuple(
                sorted(unique, key=lambda name: (self._party_order.get(name, len(self._party_order)), name))
            )
            if len(self._orders) < _MAX_ORDERS_REMEMBERED:
                self._orders[key] = ordered
        return ordered


class _Scan:
    """What one sentence holds besides cues, found once however many commitments it shows."""

    def __init__(self, matcher: Matcher, words: Words) -> None:
        self.matcher = matcher
        self.words = words
        self.text = words.text
        self._found: list[tuple[int, int, str, str]] | None = None
        self._terminators: list[tuple[int, int]] | None = None
        self._modifiers: list[tuple[ModifierKind, ModifierLexicon, int, int]] | None = None
        self._mentions: list[_Mention] | None = None

    @property
    def found(self) -> list[tuple[int, int, str, str]]:
        """Modifier terms, clause terminators and party mentions, in one pass over the words."""
        if self._found is None:
            self._found = self.matcher._phrases.find(self.words)
        return self._found

    @property
    def terminators(self) -> list[tuple[int, int]]:
        if self._terminators is None:
            marks = self.matcher._terminator_marks
            spans = [(start, end) for start, end, _, category in self.found if category == "terminator"]
            if marks is not None:
                spans.extend(m.span() for m in marks.finditer(self.text))
            self._terminators = sorted(spans)
        return self._terminators

    @property
    def modifiers(self) -> list[tuple[ModifierKind, ModifierLexicon, int, int]]:
        """Every modifier term in the sentence; a look-alike ("not only") hides the term it contains."""
        if self._modifiers is None:
            lexicons = self.matcher._lexicons
            self._modifiers = [
                (*lexicons[label], start, end)
                for start, end, label, category in self.found
                if category == "modifier" and label != _PSEUDO
            ]
        return self._modifiers

    @property
    def mentions(self) -> list[_Mention]:
        """Parties and collective subjects named in the sentence (no two overlap)."""
        if self._mentions is None:
            text = self.text
            found = [_Mention(start, end, label) for start, end, label, category in self.found if category == "mention"]
            # "U.S.-Japan alliance", "U.S.-ROK exercises": a name inside a compound is no holder
            self._mentions = [m for m in found if text[m.start - 1 : m.start] != "-" and text[m.end : m.end + 1] != "-"]
        return self._mentions


class _Modifier(NamedTuple):
    kind: ModifierKind
    start: int
    end: int


def _strongest(observations: list[Observation]) -> Observation:
    best = max(
        observations,
        key=lambda o: (o.polarity == "affirmed", o.strength, -o.evidence.sentence_index),
    )
    if len(observations) == 1:
        return best
    others = tuple(sorted(o.evidence.sentence_index for o in observations if o is not best))
    return attrs.evolve(best, other_sentences=others)


def _original(sentence: Sentence, start: int, end: int) -> str:
    begin = sentence.to_original(start) - sentence.start
    finish = sentence.to_original(end, end=True) - sentence.start
    return sentence.text[begin:finish]


def sentence_words(statement: Statement) -> list[Words]:
    """The words of each of a statement's sentences (found once, read by matching and fingerprints)."""
    return [words_of(sentence.normalized) for sentence in statement.sentences]


def _fast_regex(compiled: CompiledPattern, raw: bool) -> re.Pattern[str]:
    """A cue's expression without its leading word boundary (checked by :func:`_word_spans`).

    The engine can then skip quickly to the expression's possible first letters.
    """
    if raw:
        return re.compile(compiled.regex, re.IGNORECASE)
    return re.compile("(?:" + compiled.body + r")(?![\w])", re.IGNORECASE)


def _word_spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Non-empty matches that start at a word boundary (a match inside a word is retried past it)."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        found = regex.search(text, position)
        if found is None:
            return spans
        start, end = found.span()
        if end > start and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")):
            spans.append((start, end))
            position = end
        else:
            position = start + 1


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
