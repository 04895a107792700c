"""The catalog's phrase-pattern syntax, compiled to a regular expression and its anchor words.

A pattern is a phrase, matched case-, quote-, hyphen- and spacing-insensitively within one
sentence, on whole words:

=====================  ==========================================================================
``commitment``         the word (any case)
``reaffirm(s|ed)``     the word with an optional ending: reaffirm, reaffirms, reaffirmed
``denucleari*``        any word starting so: denuclearize, denuclearization, ...
``{defend|defense of}``  one of the alternatives (each may be several words, and nest)
``[the]``              optional words (``[a|b]``: optionally one of them)
``...`` / ``...6``     up to 4 (or 6) other words in between
``non-proliferation``  a hyphen (or a space) in a word is optional: also "nonproliferation"
``DPRK's``             an apostrophe is optional, straight or curly
``U.S.``               periods in a word are optional: also "US"
=====================  ==========================================================================

Punctuation between words is skipped ("capabilities, including nuclear" matches
``capabilities including nuclear``). Each pattern also yields its *anchors*: literal strings
of which at least one must occur in a sentence for the pattern to have any chance to match.
A single Aho-Corasick pass over a statement finds every anchor, and a pattern's regular
expression runs only on sentences where one of its anchors occurred.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

import attrs

from .._regex import UserRegexError, compile_user_regex

DEFAULT_GAP = 4
MAX_GAP = 20
MIN_ANCHOR = 3

# Words too common to find a pattern by: they still match, but cannot be its anchor.
STOPWORDS = frozenset(
    "the and for with our its their that this these those are was were will has have had been not all any from "  # noqa: SIM905
    "into onto upon who which whose".split()
)

_SEPARATOR = r"[\W_]+"
# A word a gap skips: letters and digits, joined by single apostrophes, periods or hyphens ("DPRK's",
# "U.S.", "multi-year"). Atomic, and its separator possessive, so that no text can make the engine
# try the ways of cutting a run into words one by one (a run of "____" once took seconds).
_GAP_WORD = r"(?>[^\W_]+(?:['’.-]+[^\W_]+)*\.?)"
_GAP_SEPARATOR = r"[\W_]++"


class PatternError(ValueError):
    """A pattern that cannot be compiled, with the reason."""


@attrs.frozen
class CompiledPattern:
    """A pattern's regular expression and the literals that must occur for it to match.

    ``regex`` carries its own word boundaries; ``body`` is the same without them, for joining
    many patterns into one alternation (see :func:`alternation`).
    """

    source: str
    regex: str
    anchors: frozenset[str]
    body: str = ""
    # Every group of literals of which one must occur: a finer filter than the anchors alone
    requirements: tuple[frozenset[str], ...] = ()


@functools.lru_cache(maxsize=65536)
def compile_pattern(pattern: str, *, require_anchor: bool = True) -> CompiledPattern:
    """Compile one phrase pattern.

    Args:
        pattern: The pattern.
        require_anchor: Whether the pattern must contain a word the anchor pass can find
            (modifier terms such as "if" are only searched in sentences that already matched).

    Raises:
        PatternError: The pattern is malformed, or has no word of at least three letters that
            every match must contain (so it could not be found by the anchor pass).

    >>> compiled = compile_pattern("reaffirm(s|ed) [its|our] {commitment|commitments} ...3 defen*")
    >>> sorted(compiled.anchors)
    ['commitment', 'commitments']
    >>> bool(re.search(compiled.regex, "We reaffirmed our commitments to the defense of Japan", re.I))
    True
    """
    tokens = _tokenize(pattern)
    if not tokens:
        raise PatternError("the pattern is empty")
    parser = _Parser(tokens, pattern)
    node = parser.parse_sequence(stop=())
    if parser.position != len(tokens):
        raise PatternError(f"unexpected '{tokens[parser.position]}'")
    regex = r"(?<![\w])(?:" + node.regex + r")(?![\w])"  # valid by construction: every literal is escaped
    if require_anchor and (node.anchors is None or min(len(anchor) for anchor in node.anchors) < MIN_ANCHOR):
        raise PatternError(
            f"every match must contain a fixed word of {MIN_ANCHOR}+ letters that is not a common word like "
            "'the' (it is what finds the pattern fast); make one such word required, outside [optional] parts"
        )
    requirements = tuple(group for group in node.requirements if min(len(word) for word in group) >= MIN_ANCHOR)
    return CompiledPattern(pattern, regex, frozenset(node.anchors or ()), node.regex, requirements)


def compile_regex(regex: str, anchors: tuple[str, ...]) -> CompiledPattern:
    """Compile a raw regular expression cue (the escape hatch), with the anchors its author gives.

    It runs with RE2, in time linear in the sentence (see :mod:`commitwatch._regex`).

    Raises:
        PatternError: The regular expression does not compile, needs backtracking (a lookaround,
            a backreference), or the anchors are missing or short.
    """
    try:
        compile_user_regex(regex)
    except UserRegexError as exc:
        raise PatternError(f"the regular expression does not compile: {exc}") from None
    cleaned = frozenset(anchor.lower() for anchor in anchors)
    if not cleaned or min(len(anchor) for anchor in cleaned) < MIN_ANCHOR:
        raise PatternError(
            f"a regex cue needs 'anchors': words of {MIN_ANCHOR}+ letters, one of which every match contains"
        )
    return CompiledPattern(regex, regex, cleaned, requirements=(cleaned,))


# ---------------------------------------------------------------------------------------------


_TOKEN = re.compile(r"\s+|\.\.\.\d*|[{}\[\]|]|[^\s{}\[\]|(]+(?:\([^)\s]*\))?\*?|\S")


def _tokenize(pattern: str) -> list[str]:
    tokens = []
    for found in _TOKEN.finditer(pattern.strip()):
        token = found.group()
        if not token.isspace():
            tokens.append(token)
    return tokens


class _Node(NamedTuple):
    regex: str
    anchors: frozenset[str] | None  # None: matches without any fixed literal (optional, gap)
    optional: bool = False
    gap: int | None = None
    # Every word sequence the node matches, when there are few (None: too many, or a gap or *)
    phrases: tuple[tuple[str, ...], ...] | None = None
    requirements: tuple[frozenset[str], ...] = ()


class _Parser:
    def __init__(self, tokens: list[str], source: str, *, with_phrases: bool = False) -> None:
        self.tokens = tokens
        self.position = 0
        self.source = source
        self.with_phrases = with_phrases  # also list the word sequences matched (see PhraseSet)

    def parse_sequence(self, stop: tuple[str, ...]) -> _Node:
        items: list[_Node] = []
        while self.position < len(self.tokens) and self.tokens[self.position] not in stop:
            items.append(self.parse_item())
        if not items:
            raise PatternError("an empty group: write at least one word inside {} or []")
        if all(item.gap is not None for item in items):
            raise PatternError("a gap (...) must stand between words")
        return _sequence(items, self.with_phrases)

    def parse_item(self) -> _Node:
        token = self.tokens[self.position]
        self.position += 1
        if token in ("{", "["):
            close = "}" if token == "{" else "]"
            alternatives = [self.parse_sequence(stop=("|", close))]
            while self._take("|"):
                alternatives.append(self.parse_sequence(stop=("|", close)))
            if not self._take(close):
                raise PatternError(f"'{token}' is never closed with '{close}'")
            regex = "(?:" + "|".join(a.regex for a in alternatives) + ")"
            phrases = _union(a.phrases for a in alternatives) if self.with_phrases else None
            if token == "[":
                return _Node(regex, None, optional=True, phrases=phrases)
            anchors: frozenset[str] | None = frozenset()
            for alternative in alternatives:
                if alternative.anchors is None or anchors is None:
                    anchors = None
                else:
                    anchors = anchors | alternative.anchors
            return _Node(regex, anchors, phrases=phrases, requirements=(anchors,) if anchors else ())
        if token.startswith("..."):
            size = int(token[3:]) if len(token) > 3 else DEFAULT_GAP
            if not 1 <= size <= MAX_GAP:
                raise PatternError(f"a gap is 1 to {MAX_GAP} words: '...{size}' is not allowed")
            return _Node("", None, gap=size)
        if token in {"}", "]", "|"}:
            raise PatternError(f"unexpected '{token}'")
        return _word(token, self.with_phrases)

    def _take(self, token: str) -> bool:
        if self.position < len(self.tokens) and self.tokens[self.position] == token:
            self.position += 1
            return True
        return False


_WORD_SHAPE = re.compile(r"^(?P<stem>[\w'’.&/-]+?)(?:\((?P<endings>[\w|'-]+)\))?(?P<prefix>\*)?$")


@functools.lru_cache(maxsize=65536)  # the same words recur across a catalog's patterns
def _word(token: str, with_phrases: bool) -> _Node:
    found = _WORD_SHAPE.match(token)
    if found is None:
        raise PatternError(f"'{token}' is not a word (letters, with an optional (endings) group or a final *)")
    stem = found.group("stem")
    if not any(character.isalnum() for character in stem):
        # "-(s)" or "&": punctuation alone, which the separators between words already take; as a
        # word of its own it would let runs of punctuation split between them in countless ways
        raise PatternError(f"'{token}' has no letter or digit: write punctuation inside a word ('U.S.', 'R&D')")
    regex = re.escape(stem)
    if not stem.isalnum():
        regex = regex.replace("\\-", "[\\s-]?").replace("\\.", "\\.?").replace("'", "'?").replace("’", "'?")
    if found.group("endings"):
        endings = [ending for ending in found.group("endings").split("|") if ending]
        if not endings:
            raise PatternError(f"'{token}': the (endings) group is empty")
        regex += "(?:" + "|".join(re.escape(ending) for ending in endings) + ")?"
    if found.group("prefix"):
        regex += r"\w*"
    pieces = [piece for piece in re.split(r"[-'’./&]", stem.lower()) if piece]
    anchor = max(pieces, key=len) if pieces else ""
    phrases = _word_phrases(stem, found.group("endings"), bool(found.group("prefix"))) if with_phrases else None
    if not anchor or (anchor in STOPWORDS and not found.group("endings") and not found.group("prefix")):
        return _Node(regex, None, phrases=phrases)
    return _Node(regex, frozenset({anchor}), phrases=phrases, requirements=(frozenset({anchor}),))


def _sequence(items: list[_Node], with_phrases: bool) -> _Node:
    regex = ""
    started = False  # once a required word is placed, every later word needs a separator first
    pending_gap = 0
    for item in items:
        if item.gap is not None:
            pending_gap += item.gap
            continue
        gap = f"(?:{_GAP_WORD}{_GAP_SEPARATOR}){{0,{pending_gap}}}" if pending_gap else ""
        if not started and item.optional:
            regex += f"(?:{gap}{item.regex}{_SEPARATOR})?"
        elif not started:
            regex += gap + item.regex
            started = True
        elif item.optional:
            regex += f"(?:{_SEPARATOR}{gap}{item.regex})?"
        else:
            regex += f"{_SEPARATOR}{gap}{item.regex}"
        pending_gap = 0
    required = [item.anchors for item in items if item.gap is None and not item.optional and item.anchors]
    requirements = tuple(
        group for item in items if item.gap is None and not item.optional for group in item.requirements
    )
    return _Node(
        regex,
        max(required, key=_anchor_quality, default=None),
        phrases=_product(items) if with_phrases else None,
        requirements=requirements,
    )


def _anchor_quality(anchors: frozenset[str]) -> tuple[int, int]:
    """Prefer anchors whose shortest literal is long (rarer), then fewer alternatives."""
    return (min(len(anchor) for anchor in anchors), -len(anchors))


MAX_PHRASES = 256


def _word_phrases(stem: str, endings: str | None, prefix: bool) -> tuple[tuple[str, ...], ...] | None:
    """The token sequences one pattern word matches: "U.S." is (u, s) or (us); "reaffirm(s|ed)" three words."""
    if prefix:
        return None
    pieces = [piece for piece in re.split(r"[-'’./&]", stem) if piece]
    if not pieces:
        return None
    variants = {tuple(pieces), ("".join(pieces),)}
    if endings:
        suffixes = ["", *(ending for ending in endings.split("|") if ending)]
        variants = {(*variant[:-1], variant[-1] + suffix) for variant in variants for suffix in suffixes}
    return tuple(sorted(variants))


def _union(groups: Iterable[tuple[tuple[str, ...], ...] | None]) -> tuple[tuple[str, ...], ...] | None:
    phrases: set[tuple[str, ...]] = set()
    for group in groups:
        if group is None:
            return None
        phrases.update(group)
    return tuple(sorted(phrases)) if len(phrases) <= MAX_PHRASES else None


def _product(items: list[_Node]) -> tuple[tuple[str, ...], ...] | None:
    phrases: set[tuple[str, ...]] = {()}
    for item in items:
        if item.gap is not None or item.phrases is None:
            return None
        options = set(item.phrases) | ({()} if item.optional else set())
        phrases = {left + right for left in phrases for right in options}
        if len(phrases) > MAX_PHRASES:
            return None
    phrases.discard(())
    return tuple(sorted(phrases)) if phrases else None


def phrases_of(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Every word sequence ``pattern`` matches, when there are few (None: too many, or a gap or *)."""
    tokens = _tokenize(pattern)
    if not tokens:
        return None
    parser = _Parser(tokens, pattern, with_phrases=True)
    try:
        node = parser.parse_sequence(stop=())
    except PatternError:
        return None
    return node.phrases if parser.position == len(tokens) else None
