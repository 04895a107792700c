"""Matching: levels, modifiers in scope, polarity, holders, and evidence in the original text."""

from __future__ import annotations

from typing import ClassVar

import pytest

from commitwatch import (
    Catalog,
    Corpus,
    Matcher,
    Observation,
    explain,
    load_catalog,
    load_statement,
    match,
    shipped_catalog,
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_catalog(shipped_catalog()))


def _read(matcher: Matcher, text: str, commitment_id: str) -> Observation | None:
    return next((o for o in matcher.read_text(text) if o.commitment_id == commitment_id), None)


class TestLevels:
    def test_highest_level_in_the_sentence_wins(self, matcher: Matcher) -> None:
        """ "ironclad and backed by the full range ... nuclear" reaches the top of the ladder."""
        text = "The United States reiterates that its commitments to defend the ROK and Japan are ironclad and backed by the full range of capabilities, including nuclear."
        observation = _read(matcher, text, "deterrence.extended_deterrence")
        assert observation is not None
        assert [cue.level for cue in observation.evidence.cues] == ["nuclear_backed", "ironclad", "affirmed"]

    def test_a_supporting_cue_alone_does_not_count(self, matcher: Matcher) -> None:
        """ "ironclad" by itself is no defence commitment."""
        assert _read(matcher, "Their resolve is ironclad.", "deterrence.extended_deterrence") is None

    def test_longer_cue_wins_where_cues_overlap(self, matcher: Matcher) -> None:
        """ "the need for all countries to fully implement" is a call on others, not the governments' own pledge."""
        text = "This is a reminder of the need for all countries to fully implement the Security Council resolutions."
        observation = _read(matcher, text, "sanctions.unsc_implementation")
        assert observation is not None
        assert observation.level == "called_for"

    def test_exclusion_sets_the_sentence_aside(self, matcher: Matcher) -> None:
        """A threat to peace and stability is not a commitment to them."""
        text = "The launch poses a grave threat to peace and stability on the Korean Peninsula."
        assert _read(matcher, text, "security_cooperation.regional_security") is None

    def test_wording_not_in_the_seeds(self, matcher: Matcher) -> None:
        """Other common wordings of the same commitments are found."""
        cases = {
            "We remain fully committed to the complete, verifiable and irreversible dismantlement of the DPRK's nuclear program.": (
                "denuclearization.complete_denuclearization",
                "cvid",
            ),
            "Washington's security commitment to Japan is backed by the full range of U.S. military capabilities, including nuclear.": (
                "deterrence.extended_deterrence",
                "nuclear_backed",
            ),
            "The three leaders will exchange missile warning data in real time.": (
                "security_cooperation.missile_warning",
                "committed",
            ),
            "We will counter North Korea's illicit financing, including cyber theft.": (
                "sanctions.illicit_revenue",
                "committed",
            ),
        }
        for text, (commitment_id, level) in cases.items():
            observation = _read(matcher, text, commitment_id)
            assert observation is not None, text
            assert observation.level == level, text


class TestModifiers:
    def test_booster_before_the_cue(self, matcher: Matcher) -> None:
        """ "steadfast" qualifies the commitment right after it, and adds to its strength."""
        text = "The United States reaffirms its steadfast commitments to the defense of Japan."
        observation = _read(matcher, text, "deterrence.extended_deterrence")
        assert observation is not None
        assert (observation.modifiers, observation.weight) == (("booster",), 1)
        assert observation.evidence.modifiers[0].text == "steadfast"

    def test_negation_in_scope_makes_it_negated(self, matcher: Matcher) -> None:
        """ "no longer" before the cue negates it."""
        observation = _read(matcher, "We are no longer committed to diplomacy with the DPRK.", "dialogue.door_open")
        assert observation is not None
        assert observation.polarity == "negated"

    def test_negation_in_another_clause_does_not_count(self, matcher: Matcher) -> None:
        """A negation before "but" belongs to its own clause."""
        text = "The DPRK did not respond, but we remain committed to diplomacy."
        observation = _read(matcher, text, "dialogue.door_open")
        assert observation is not None
        assert observation.polarity == "affirmed"

    def test_negation_too_far_away_does_not_count(self, matcher: Matcher) -> None:
        """A negation outside the window is not in scope."""
        text = "Not a single launch, however many the DPRK fires, will change that we remain committed to diplomacy."
        assert _read(matcher, text, "dialogue.door_open").polarity == "affirmed"  # type: ignore[union-attr]

    def test_pseudo_negation(self, matcher: Matcher) -> None:
        """ "not only" is no negation."""
        text = "We are not only committed to diplomacy but also to deterrence."
        assert _read(matcher, text, "dialogue.door_open").polarity == "affirmed"  # type: ignore[union-attr]

    def test_words_inside_the_cue_are_not_its_modifiers(self, matcher: Matcher) -> None:
        """The "never" in "never accept ... as a nuclear state" is the commitment, not its negation."""
        observation = _read(
            matcher, "We will never accept the DPRK as a nuclear state.", "denuclearization.oppose_wmd_programs"
        )
        assert observation is not None
        assert (observation.level, observation.polarity) == ("never_accept", "affirmed")

    def test_hedge_and_condition(self, matcher: Matcher) -> None:
        """ "seek to" hedges; "if" makes a commitment conditional; both weaken it."""
        hedged = _read(
            matcher,
            "We seek to advance trilateral security cooperation.",
            "security_cooperation.trilateral_cooperation",
        )
        assert hedged is not None
        assert (hedged.modifiers, hedged.weight) == (("hedge",), -1)
        conditional = _read(
            matcher,
            "We will strengthen trilateral security cooperation if the DPRK continues its launches.",
            "security_cooperation.trilateral_cooperation",
        )
        assert conditional is not None
        assert conditional.modifiers == ("condition",)


class TestHolders:
    @pytest.mark.parametrize(
        ("text", "holders", "basis"),
        [
            (
                "The United States reiterates that its commitments to defend the ROK and Japan are ironclad.",
                ["United States"],
                "subject",
            ),
            ("The U.S. commitment to defend Japan is firm.", ["United States"], "subject"),
            (
                "Japan and the ROK reaffirm their commitment to defend the region.",
                ["Japan", "Republic of Korea"],
                "subject",
            ),
            (
                "The United States, the Republic of Korea (ROK), and Japan reaffirm their commitment to defend the region.",
                ["United States", "Japan", "Republic of Korea"],
                "subject",
            ),
            (
                "We reaffirm our commitment to defend the region.",
                ["United States", "Japan", "Republic of Korea"],
                "subject",
            ),
            (
                "In addition, the three countries reaffirm their commitment to defend the region.",
                ["United States", "Japan", "Republic of Korea"],
                "subject",
            ),
            (
                "These launches underline the commitment to defend the region.",
                ["United States", "Japan", "Republic of Korea"],
                "statement",
            ),
        ],
    )
    def test_holder(self, matcher: Matcher, text: str, holders: list[str], basis: str) -> None:
        """The subject holds the commitment; "we" and "the three countries" are all the statement's parties."""
        observation = _read(matcher, text, "deterrence.extended_deterrence")
        assert observation is not None
        assert (list(observation.holders), observation.holder_basis) == (holders, basis)

    def test_possessive_is_not_the_subject(self, matcher: Matcher) -> None:
        """ "The DPRK's continued development ... the resolve of the three countries" is the three countries'."""
        text = "The DPRK's continued development of its nuclear capabilities will only bolster the resolve of the three countries to achieve the complete denuclearization of the Korean Peninsula."
        observation = _read(matcher, text, "denuclearization.complete_denuclearization")
        assert observation is not None
        assert (list(observation.holders), observation.holder_basis) == (
            ["United States", "Japan", "Republic of Korea"],
            "nearest mention",
        )


class TestStatements:
    def test_evidence_quotes_the_original_characters(self, seeds_corpus: Corpus) -> None:
        """Evidence offsets point into the original file, curly quotes and all."""
        catalog = load_catalog(shipped_catalog())
        statement = seeds_corpus.by_id("003_46aec85189a962c6")
        observation = match(statement, catalog).get("sanctions.illicit_revenue")
        assert observation is not None
        cue = observation.evidence.cues[0]
        assert statement.text[cue.start : cue.end] == cue.text == "block the DPRK’s illicit revenue"
        assert statement.text[observation.evidence.start : observation.evidence.end] == observation.evidence.sentence

    def test_explain_lists_near_misses(self, write) -> None:  # type: ignore[no-untyped-def]
        """explain() says why a cue that matched did not count."""
        catalog: Catalog = load_catalog(shipped_catalog())
        statement = load_statement(
            write(
                "a.txt",
                "T\n2024-01-01\n\nAs the launch threatens peace, we must maintain peace and stability in the region.\n",
            )
        )
        [sentence] = explain(statement, catalog, "security_cooperation.regional_security")
        [miss] = sentence.near_misses
        assert "exclusion" in miss.reason
        assert sentence.observations == ()

    def test_statement_without_parties_uses_the_default(self, write) -> None:  # type: ignore[no-untyped-def]
        """A statement naming no parties is read as the catalog's default parties'."""
        catalog = load_catalog(shipped_catalog())
        statement = load_statement(write("a.txt", "T\n2024-01-01\n\nWe will block illicit revenue generation.\n"))
        observation = match(statement, catalog).get("sanctions.illicit_revenue")
        assert observation is not None
        assert observation.holders == ("United States", "Japan", "Republic of Korea")

    def test_forgetting_remembered_words_changes_nothing(
        self, seeds_corpus: Corpus, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The words whose anchors a matcher remembers are bounded; forgetting them is invisible."""
        import commitwatch.matching.index

        catalog = load_catalog(shipped_catalog())
        expected = [Matcher(catalog).read(statement) for statement in seeds_corpus.statements]
        monkeypatch.setattr(commitwatch.matching.index, "_MAX_WORDS_REMEMBERED", 5)
        forgetful = Matcher(catalog)
        assert [forgetful.read(statement) for statement in seeds_corpus.statements] == expected
        assert len(forgetful._index._words_seen) <= 200  # it forgot (a seed has hundreds of distinct words)


class TestHeldOutStatement:
    """A statement written for the tests in the seeds' style, worded differently (not used to write the catalog)."""

    EXPECTED: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {
        # "condemned in the strongest terms the DPRK's launch": the subject is the three foreign ministers
        "condemnation.missile_launches": ("strongly_condemned", ("United States", "Japan", "Republic of Korea")),
        # "yet another flagrant breach of multiple Security Council resolutions"
        "international_law.unsc_violations": ("flagrant_violation", ("United States", "Japan", "Republic of Korea")),
        # "its commitment to the defense of Japan and the ROK remains ironclad, backed by the full range ... nuclear"
        "deterrence.extended_deterrence": ("nuclear_backed", ("United States",)),
        # "the complete, verifiable and irreversible denuclearization"
        "denuclearization.complete_denuclearization": ("cvid", ("United States", "Japan", "Republic of Korea")),
        # "the United States remains ready to meet with the DPRK without any preconditions"
        "dialogue.without_preconditions": ("offered", ("United States",)),
        # "called on Pyongyang to return to the negotiating table"
        "dialogue.urge_return": ("urged", ("United States", "Japan", "Republic of Korea")),
        # "will ... enforce sanctions"
        "sanctions.unsc_implementation": ("committed", ("United States", "Japan", "Republic of Korea")),
        # "continue to counter the DPRK's cyber theft and the illicit revenue it generates through overseas IT workers"
        "sanctions.illicit_revenue": ("committed", ("United States", "Japan", "Republic of Korea")),
        # "will strengthen trilateral cooperation"
        "security_cooperation.trilateral_cooperation": ("committed", ("United States", "Japan", "Republic of Korea")),
        # "called for the immediate resolution of the abductions issue"
        "human_rights.abductions": ("immediate_resolution", ("United States", "Japan", "Republic of Korea")),
        # "expressed concern about the grave humanitarian situation in North Korea"
        "human_rights.humanitarian": ("concern", ("United States", "Japan", "Republic of Korea")),
    }

    def test_reads_as_a_careful_reader_does(self) -> None:
        """Every commitment in it is found at its level with its holders; the readout after End Text is ignored."""
        from pathlib import Path

        statement = load_statement(Path(__file__).parent / "data" / "heldout_2024-03-03.txt")
        reading = match(statement, load_catalog(shipped_catalog()))
        found = {o.commitment_id: (o.level, o.holders) for o in reading.observations}
        assert found == self.EXPECTED
        assert str(statement.meta.date) == "2024-03-03"
