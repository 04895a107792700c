"""The catalog: families of commitment types, their ladders and cues, parties and modifier lexicons."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from ._base import find_by_id

Direction = Literal["before", "after", "both"]
Polarity = Literal["affirmed", "negated"]
Status = Literal["active", "deprecated"]
About = Literal["own", "others"]
ExampleStance = Literal["mentioned", "urged", "committed", "intensified", "fulfilled"]
ModifierKind = Literal["booster", "hedge", "condition", "negation"]


@attrs.frozen
class Cue:
    """A phrase that shows a commitment, and the ladder level it shows.

    Attributes:
        pattern: A phrase pattern (see the catalog README for the syntax).
        regex: Instead of a pattern, a regular expression (the escape hatch); needs ``anchors``.
        anchors: For a regex cue: words of which every match contains one.
        level: The ladder level a match places the commitment on.
        alone: False when the cue only raises the level of a sentence another cue of the
            same commitment already matched ("ironclad" says nothing by itself).
        intensifies: True when the words are themselves a concrete new mechanism or a
            strengthening ("launch of a trilateral exercise programme", "backed by the full range
            of capabilities, including nuclear"): a commitment they carry is intensified.
        note: Why the cue is there, for editors.
    """

    level: str
    pattern: str | None = None
    regex: str | None = None
    anchors: tuple[str, ...] = ()
    alone: bool = True
    intensifies: bool = False
    note: str = ""

    @property
    def label(self) -> str:
        """The cue as written, for messages and reports."""
        return self.pattern if self.pattern is not None else f"regex {self.regex}"


@attrs.frozen
class MatchExample:
    """A sentence that must match its commitment, and what the match must say.

    Attributes:
        text: The sentence.
        level: The level it must reach.
        polarity: "affirmed" or "negated".
        holders: The parties that must hold it (None: not checked). Examples are read as a
            statement of the catalog's default parties.
        modifiers: Modifier kinds that must be found (None: not checked).
        stance: The stance it must have (None: not checked).
    """

    text: str
    level: str
    polarity: Polarity = "affirmed"
    holders: tuple[str, ...] | None = None
    modifiers: tuple[ModifierKind, ...] | None = None
    stance: ExampleStance | None = None


@attrs.frozen
class NoMatchExample:
    """A sentence that must not match its commitment (a look-alike)."""

    text: str


@attrs.frozen
class Examples:
    """A commitment type's own test cases."""

    match: tuple[MatchExample, ...] = ()
    no_match: tuple[NoMatchExample, ...] = ()


@attrs.frozen
class CommitmentType:
    """One kind of commitment the catalog tracks.

    Attributes:
        id: A stable dotted id, ``family.name``; never reused for something else.
        title: A short title for reports.
        family: The family it belongs to (the part of the id before the dot).
        ladder: Its strength levels, weakest first.
        cues: The phrases that show it.
        description: What counts as this commitment, for editors and readers.
        status: "active", or "deprecated" (kept so old changelogs still read).
        replaced_by: For a deprecated type, the id that took its place.
        references: Sources that informed the entry.
        exclude: Patterns for look-alike sentences: a sentence matching one is not evidence.
        examples: Sentences that must and must not match.
        about: "own" when it is the holders' own commitment (a demand on others that they take
            it up is then "urged", never "committed"), or "others" when it is in essence a
            demand on others ("return to dialogue").
        persistent: False for a position tied to one event (regret at a failed vote), which is
            not expected to be restated: it is never reported as dropped.
    """

    id: str
    title: str
    family: str
    ladder: tuple[str, ...]
    cues: tuple[Cue, ...]
    description: str = ""
    status: Status = "active"
    replaced_by: str | None = None
    references: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples: Examples = Examples()
    about: About = "own"
    persistent: bool = True

    def rank(self, level: str) -> int:
        """The position of ``level`` on the ladder, weakest first (from 1)."""
        return self.ladder.index(level) + 1


@attrs.frozen
class Family:
    """A group of commitment types (deterrence, dialogue, ...)."""

    id: str
    title: str
    description: str = ""


@attrs.frozen
class Party:
    """A government or actor the statements name, with the other names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()


@attrs.frozen
class ModifierLexicon:
    """Words that qualify a match near them: boosters, hedges, conditions or negations.

    Attributes:
        terms: Phrase patterns of the modifier.
        direction: Where they must stand relative to the cue: "before", "after" or "both".
        window: How many words away they may stand, within the same clause.
        pseudo: Look-alikes that must not count ("not only" is no negation).
        weight: How much the modifier moves a match's strength when comparing versions
            (+1 for boosters, -1 for hedges and conditions, 0 to record it without effect).
    """

    terms: tuple[str, ...]
    direction: Direction = "before"
    window: int = 5
    pseudo: tuple[str, ...] = ()
    weight: int = 0


@attrs.frozen
class Modifiers:
    """The catalog's shared modifier lexicons and the words that end a clause."""

    booster: ModifierLexicon
    hedge: ModifierLexicon
    condition: ModifierLexicon
    negation: ModifierLexicon
    terminators: tuple[str, ...] = ()

    def lexicons(self) -> dict[str, ModifierLexicon]:
        """The four lexicons by kind."""
        return {"booster": self.booster, "hedge": self.hedge, "condition": self.condition, "negation": self.negation}


@attrs.frozen
class StanceLexicon:
    """The predicates that set an observation's stance, by stance (phrase patterns).

    The predicate nearest before a cue in its clause sets the stance; an earlier predicate that
    only mentions ("discussed", "the importance of") caps it at mentioned, and one that asks
    someone named ("call on the DPRK to") caps it at urged. See the catalog README.

    Attributes:
        mentioned: Noting, discussing, exploring, "the importance of", "the need for".
        urged: Calling for, urging, supporting, asking others ("call on", "urge", "must").
        committed: The holders' own commitment: reaffirm, commit, will, agree to, remain committed.
        intensified: A new mechanism announced or launched, or an unbreakable pledge
            ("launch", "establish", "will never accept").
        fulfilled: A commitment reported as delivered ("have met", "has been achieved",
            "delivered on").
        addressed: Words that name whom a demand is addressed to when no party is named
            ("all countries", "the international community").
    """

    mentioned: tuple[str, ...] = ()
    urged: tuple[str, ...] = ()
    committed: tuple[str, ...] = ()
    intensified: tuple[str, ...] = ()
    fulfilled: tuple[str, ...] = ()
    addressed: tuple[str, ...] = ()

    def by_stance(self) -> dict[str, tuple[str, ...]]:
        """The five lists of predicates by stance."""
        return {
            "mentioned": self.mentioned,
            "urged": self.urged,
            "committed": self.committed,
            "intensified": self.intensified,
            "fulfilled": self.fulfilled,
        }


@attrs.frozen
class CatalogChange:
    """One entry of the catalog's own changelog."""

    version: str
    date: dt.date
    changes: tuple[str, ...]


@attrs.frozen
class CatalogSources:
    """Where each part of a catalog was written, for messages that send an editor to a line.

    Kept beside the catalog's nouns rather than inside them: a cue is the same cue wherever it
    is written. Keys are a commitment id followed by the keys that lead to the part in its file,
    as in ``("deterrence.extended_deterrence", "cues", 2)``.

    Attributes:
        files: Commitment id -> the catalog file it is written in.
        lines: Key -> the 1-based line of that part.
    """

    files: dict[str, str] = attrs.Factory(dict)
    lines: dict[tuple[str | int, ...], int] = attrs.Factory(dict)

    def file(self, commitment_id: str) -> str:
        """The file a commitment type is written in ("" when not loaded from files)."""
        return self.files.get(commitment_id, "")

    def line(self, commitment_id: str, *keys: str | int) -> int:
        """The line of a commitment type, or of one of its parts (0 when unknown)."""
        return self.lines.get((commitment_id, *keys), 0)


@attrs.frozen
class Catalog:
    """The commitment catalog: what to look for, how strong each wording is, and who is who.

    Attributes:
        version: The catalog's version, bumped on every content change.
        title: What the catalog covers.
        families: The families, in report order.
        parties: Parties and their aliases.
        default_parties: The parties assumed for a statement that names none.
        collective_subjects: Subjects that mean all of a statement's parties ("we").
        modifiers: Boosters, hedges, conditions, negations and clause terminators.
        commitments: Every commitment type, active and deprecated, in catalog order.
        changelog: The catalog's own history, newest first.
        root: The folder it was loaded from, as the user gave it.
        sources: Where each commitment type and its parts are written (set when loaded).
        schema: The catalog format's version: 2 has a ``stance`` section; a catalog of
            version 1 is read with the default stance lexicons.
        stance: The predicates that set an observation's stance.
    """

    version: str
    title: str
    families: tuple[Family, ...]
    parties: tuple[Party, ...]
    default_parties: tuple[str, ...]
    collective_subjects: tuple[str, ...]
    modifiers: Modifiers
    commitments: tuple[CommitmentType, ...] = ()
    changelog: tuple[CatalogChange, ...] = ()
    root: str = ""
    sources: CatalogSources = attrs.field(factory=CatalogSources, eq=False)
    schema: int = 1
    stance: StanceLexicon = StanceLexicon()

    def commitment(self, commitment_id: str) -> CommitmentType:
        """The commitment type with this id."""
        return find_by_id(self.commitments, commitment_id)

    def family(self, family_id: str) -> Family:
        """The family with this id."""
        return find_by_id(self.families, family_id)

    def party_named(self, name: str) -> str | None:
        """The name of the party that ``name`` names (its name or an alias, in any case), or None."""
        wanted = name.strip().casefold()
        for party in self.parties:
            if any(wanted == alias.casefold() for alias in (party.name, *party.aliases)):
                return party.name
        return None

    @property
    def active(self) -> tuple[CommitmentType, ...]:
        """The active commitment types."""
        return tuple(commitment for commitment in self.commitments if commitment.status == "active")
