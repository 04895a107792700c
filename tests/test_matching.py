"""Matching, on the fixture catalog: cues and overlaps, stance, modifiers in scope, holders,
addressees, quantities, and evidence in the original text.

The fixture catalog (tests/fixtures/catalog) is written for these tests: parties Alpha, Beta and
Gamma; defence.guarantee (ladder mentioned, affirmed), talks.offer (offered, anytime; "talks
without preconditions" intensifies), talks.urge (a demand on others) and aid.pledge.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commitwatch import Catalog, Matcher, Observation, explain, load_catalog, load_statement, match

FIXTURES = Path(__file__).parent / "fixtures"


def _read(matcher: Matcher, text: str, commitment_id: str = "defence.guarantee") -> Observation | None:
    return next((o for o in matcher.read_text(text) if o.commitment_id == commitment_id), None)


def _get(matcher: Matcher, text: str, commitment_id: str = "defence.guarantee") -> Observation:
    observation = _read(matcher, text, commitment_id)
    assert observation is not None, text
    return observation


class TestCues:
    def test_highest_content_level_of_the_sentence(self, matcher: Matcher) -> None:
        """Two cues of one commitment in a sentence: the higher content level counts."""
        observation = _get(matcher, "We will deepen defence cooperation and our commitment to defend Beta.")
        assert observation.level == "affirmed"

    def test_a_supporting_cue_alone_does_not_count(self, matcher: Matcher) -> None:
        """ "anytime" alone is no offer of talks."""
        assert _read(matcher, "We are ready anytime.", "talks.offer") is None
        assert _get(matcher, "We offer talks without preconditions, anytime.", "talks.offer").level == "anytime"

    def test_exclusion_sets_the_sentence_aside(self, matcher: Matcher) -> None:
        """A look-alike sentence is no evidence, and explain says why."""
        assert _read(matcher, "Attacks on defence cooperation continue.") is None


class TestStance:
    @pytest.mark.parametrize(
        ("text", "stance", "predicate"),
        [
            ("We discussed defence cooperation.", "mentioned", "discussed"),
            ("Alpha reaffirms its commitment to defend Beta.", "committed", "reaffirms"),
            ("The commitment to defend Beta will not change.", "committed", "commitment"),
            ("We urge Gamma to deepen defence cooperation.", "urged", "urge"),
            ("We stress the importance of defence cooperation.", "mentioned", "the importance of"),
            ("Defence cooperation will remain our priority.", "committed", "will"),
            ("Defence cooperation, they say, is old.", "mentioned", ""),
        ],
    )
    def test_the_governing_predicate_sets_the_stance(
        self, matcher: Matcher, text: str, stance: str, predicate: str
    ) -> None:
        """The predicate nearest before the cue, else one inside it, else one just after it (no comma
        between); without any, a mention."""
        observation = _get(matcher, text)
        assert (observation.stance, observation.predicate) == (stance, predicate)

    def test_a_mention_above_caps_the_stance(self, matcher: Matcher) -> None:
        """ "discussed how they will ..." only mentions what they will do."""
        observation = _get(matcher, "They discussed how they will deepen defence cooperation.")
        assert observation.stance == "mentioned"
        assert "only mentions it" in observation.stance_basis

    def test_a_demand_on_someone_named_caps_the_stance(self, matcher: Matcher) -> None:
        """ "We call on Gamma to commit to defence cooperation": Gamma is asked; it is not the holders' commitment."""
        observation = _get(matcher, "We call on Gamma to commit to defence cooperation.")
        assert (observation.stance, observation.addressee) == ("urged", ("Gamma",))
        assert observation.holders == ("Alpha", "Beta")

    def test_an_own_commitment_to_urge_others_is_urged(self, matcher: Matcher) -> None:
        """Committing to urge others is still urging: the nearest demand governs."""
        observation = _get(matcher, "We reaffirm our commitment to urge all countries to deepen defence cooperation.")
        assert (observation.stance, observation.addressee) == ("urged", ("all countries",))

    def test_a_booster_intensifies_a_commitment(self, matcher: Matcher) -> None:
        """ "steadfast" before, "ironclad" after: a committed stance becomes intensified."""
        assert _get(matcher, "Alpha reaffirms its steadfast commitment to defend Beta.").stance == "intensified"
        observation = _get(matcher, "The commitment to defend Beta is ironclad.")
        assert observation.stance == "intensified"
        assert "intensified by 'ironclad'" in observation.stance_basis

    def test_a_booster_does_not_intensify_a_mention(self, matcher: Matcher) -> None:
        """Boosting what is only discussed leaves it discussed."""
        assert _get(matcher, "They discussed the steadfast commitment to defend Beta.").stance == "mentioned"

    @pytest.mark.parametrize(
        ("text", "predicate"),
        [
            ("Alpha has fulfilled its commitment to defend Beta.", "has fulfilled"),
            (
                "We welcome that Alpha has already delivered on its commitments to defend Beta.",
                "has already delivered on",
            ),
            ("Our commitments to defend Beta have been met.", "have been met"),
            ("Having fulfilled their commitments to defend Beta, the two governments met again.", "Having fulfilled"),
        ],
    )
    def test_a_report_of_delivery_is_fulfilled(self, matcher: Matcher, text: str, predicate: str) -> None:
        """A perfect or passive of delivering reports the commitment fulfilled, whatever embeds the report."""
        observation = _get(matcher, text)
        assert (observation.stance, observation.predicate) == ("fulfilled", predicate)

    @pytest.mark.parametrize(
        "text",
        [
            # a pledge to meet a target is still owed
            "Alpha will meet its commitments to defend Beta.",
            # the subject of an active report is who delivered, not what
            "The progress that defence cooperation has achieved in the first year is remarkable.",
            # a report governs its object, not the rest of the sentence
            "We commend the results they have achieved over many years of patient work in defence cooperation.",
        ],
    )
    def test_what_is_not_a_report_of_delivery(self, matcher: Matcher, text: str) -> None:
        assert _get(matcher, text).stance != "fulfilled"

    def test_a_hedge_keeps_it_from_being_intensified(self, matcher: Matcher) -> None:
        """ "seek to" still commits, but nothing intensifies it."""
        observation = _get(matcher, "Alpha will seek to keep its steadfast commitment to defend Beta.")
        assert observation.stance == "committed"
        assert "hedge" in observation.modifiers

    def test_an_intensifying_cue(self, matcher: Matcher) -> None:
        """A cue marked `intensifies` ("talks without preconditions") intensifies an offer, and a bare one."""
        assert _get(matcher, "We offer talks without preconditions.", "talks.offer").stance == "intensified"
        assert _get(matcher, "Talks without preconditions remain possible.", "talks.offer").stance == "intensified"
        assert _get(matcher, "We urge Gamma to accept talks without preconditions.", "talks.offer").stance == "urged"

    def test_a_new_mechanism_launched(self, matcher: Matcher) -> None:
        """A mechanism launched is intensified, however it is introduced."""
        observation = _get(matcher, "We launched a new defence cooperation group.")
        assert observation.stance == "intensified"

    def test_a_demand_on_others_in_essence_is_urged(self, matcher: Matcher) -> None:
        """An entry `about: others` (return to talks) cannot be the holders' own commitment."""
        assert _get(matcher, "We will urge Gamma to return to talks.", "talks.urge").stance == "urged"
        assert _get(matcher, "Gamma will return to talks.", "talks.urge").stance == "urged"


class TestModifiers:
    def test_negation_in_scope_makes_it_negated(self, matcher: Matcher) -> None:
        """ "no longer" before the cue negates it."""
        assert _get(matcher, "Alpha no longer keeps its commitment to defend Beta.").polarity == "negated"

    def test_negation_in_another_clause_does_not_count(self, matcher: Matcher) -> None:
        """A negation before "but" belongs to its own clause."""
        text = "Gamma did not respond, but Alpha reaffirms its commitment to defend Beta."
        assert _get(matcher, text).polarity == "affirmed"

    def test_negation_too_far_away_does_not_count(self, matcher: Matcher) -> None:
        """A negation outside the window is not in scope."""
        text = "Not a single launch, however many Gamma fires, will change Alpha's commitment to defend Beta."
        assert _get(matcher, text).polarity == "affirmed"

    def test_pseudo_negation(self, matcher: Matcher) -> None:
        """ "not only" is no negation."""
        assert _get(matcher, "Alpha reaffirms not only its commitment to defend Beta.").polarity == "affirmed"

    def test_condition_is_recorded(self, matcher: Matcher) -> None:
        """ "if" makes a commitment conditional; the evidence names the word."""
        observation = _get(matcher, "Alpha will keep its commitment to defend Beta if Gamma attacks.")
        assert "condition" in observation.modifiers
        assert [m.text for m in observation.evidence.modifiers if m.kind == "condition"] == ["if"]


class TestHolders:
    @pytest.mark.parametrize(
        ("text", "holders", "basis"),
        [
            ("Alpha reaffirms that its commitment to defend Beta is firm.", ["Alpha"], "subject"),
            ("Alpha and Beta reaffirm their commitment to defend the region.", ["Alpha", "Beta"], "subject"),
            ("We reaffirm our commitment to defend the region.", ["Alpha", "Beta"], "subject"),
            (
                "In addition, the two countries reaffirm their commitment to defend the region.",
                ["Alpha", "Beta"],
                "subject",
            ),
            ("The leaders reaffirmed Alphaland's commitment to defend Beta.", ["Alpha"], "attribution"),
            # a party's commitment named before the cue, with or without an article
            ("The two leaders reaffirmed Alpha commitment to defence cooperation.", ["Alpha"], "attribution"),
            ("We welcome Betaland's steadfast pledge to the defence cooperation.", ["Beta"], "attribution"),
            (
                "They reiterated the commitment of Alpha and Beta to defend the region.",
                ["Alpha", "Beta"],
                "attribution",
            ),
            ("These launches underline the commitment to defend the region.", ["Alpha", "Beta"], "statement"),
        ],
    )
    def test_holder(self, matcher: Matcher, text: str, holders: list[str], basis: str) -> None:
        """The party the sentence attributes the commitment to, else the subject, else the statement's parties."""
        observation = _get(matcher, text)
        assert (list(observation.holders), observation.holder_basis) == (holders, basis)

    def test_a_subject_is_not_an_attribution(self, matcher: Matcher) -> None:
        """ "Alpha, Beta and Gamma [verb] ...": the subject's last name is not the sole holder."""
        observation = _get(matcher, "Alpha and Beta discussed defence cooperation.")
        assert (list(observation.holders), observation.holder_basis) == (["Alpha", "Beta"], "subject")

    def test_joint_is_preferred_at_equal_strength(self, matcher: Matcher, catalog: Catalog, tmp_path: Path) -> None:
        """Two sentences at the same strength, one party's and the statement's: the joint one counts."""
        path = tmp_path / "s.txt"
        path.write_text(
            "---\ndate: 2024-01-01\n---\nAlpha reaffirms its commitment to defend Beta. "
            "We reaffirm our commitment to defend Beta.\n",
            encoding="utf-8",
        )
        observation = match(load_statement(path), catalog).get("defence.guarantee")
        assert observation is not None
        assert observation.holders == ("Alpha", "Beta")


class TestQuantities:
    def test_years_shares_and_amounts(self, matcher: Matcher) -> None:
        """The clause's deadline, share and amount, typed, with their relation; "1.5" is one number."""
        observation = _get(
            matcher, "The two governments pledged aid worth $1.5 billion by 2030, at least 2% of GDP.", "aid.pledge"
        )
        found = [(q.kind, q.value, q.unit, q.relation, q.text) for q in observation.quantities]
        assert found == [
            ("amount", 1.5e9, "USD", "", "$1.5 billion"),
            ("year", 2030.0, "", "by", "by 2030"),
            ("percent", 2.0, "GDP", "at least", "at least 2% of GDP"),
        ]

    def test_a_decade_is_read_as_its_last_year(self, matcher: Matcher) -> None:
        """ "in the first half of the 2030s" is a deadline of 2034; a year in passing is no quantity."""
        observation = _get(
            matcher, "They pledged aid in the first half of the 2030s under the 2018 accord.", "aid.pledge"
        )
        assert [(q.value, q.relation) for q in observation.quantities] == [(2034.0, "in")]


class TestStatements:
    def test_evidence_quotes_the_original_characters(self, catalog: Catalog, tmp_path: Path) -> None:
        """Evidence offsets point into the original file, curly quotes and all."""
        path = tmp_path / "s.txt"
        path.write_text(
            "---\ndate: 2024-01-01\n---\nAlpha’s leaders reaffirm the commitment to defend Beta.\n", encoding="utf-8"
        )
        statement = load_statement(path)
        observation = match(statement, catalog).get("defence.guarantee")
        assert observation is not None
        cue = observation.evidence.cues[0]
        assert statement.text[cue.start : cue.end] == cue.text == "commitment to defend"
        assert statement.text[observation.evidence.start : observation.evidence.end] == observation.evidence.sentence

    def test_explain_lists_near_misses(self, catalog: Catalog, tmp_path: Path) -> None:
        """explain() says why a cue that matched did not count."""
        path = tmp_path / "s.txt"
        path.write_text("---\ndate: 2024-01-01\n---\nAttacks on defence cooperation continue.\n", encoding="utf-8")
        [sentence] = explain(load_statement(path), catalog, "defence.guarantee")
        [miss] = sentence.near_misses
        assert "exclusion" in miss.reason
        assert sentence.observations == ()

    def test_a_cue_on_the_same_words_as_another_is_named(self, tmp_path: Path) -> None:
        """Two cues of one entry matching the same words: the one that does not count names the one that does."""
        import shutil

        from commitwatch import load_catalog

        folder = shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
        family = folder / "defence.yaml"
        old = '      - pattern: "defend the region"'
        new = '      - pattern: "commitment to {defend|protect}"\n        level: mentioned\n' + old
        family.write_text(family.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        path = tmp_path / "s.txt"
        path.write_text(
            "---\ndate: 2024-01-01\n---\nAlpha reaffirms its commitment to defend Beta.\n", encoding="utf-8"
        )
        [sentence] = explain(load_statement(path), load_catalog(folder), "defence.guarantee")
        [miss] = sentence.near_misses
        assert miss.reason.startswith("the same words as another cue's match")
        assert "which counts instead" in miss.reason

    def test_statement_without_parties_uses_the_default(self, catalog: Catalog, tmp_path: Path) -> None:
        """A statement naming no parties is read as the catalog's default parties'."""
        path = tmp_path / "s.txt"
        path.write_text("---\ndate: 2024-01-01\n---\nWe pledged aid to the region.\n", encoding="utf-8")
        observation = match(load_statement(path), catalog).get("aid.pledge")
        assert observation is not None
        assert observation.holders == ("Alpha", "Beta")

    def test_forgetting_remembered_words_changes_nothing(
        self, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The words whose anchors a matcher remembers are bounded; forgetting them is invisible."""
        import commitwatch.matching.index

        texts = [
            "Alpha reaffirms its commitment to defend Beta and its pledge of aid.",
            "We offer talks without preconditions and pledged aid; defence cooperation grows.",
        ]
        expected = [Matcher(catalog).read_text(text) for text in texts]
        monkeypatch.setattr(commitwatch.matching.index, "_MAX_WORDS_REMEMBERED", 5)
        forgetful = Matcher(catalog)
        assert [forgetful.read_text(text) for text in texts] == expected
        assert len(forgetful._index._words_seen) <= 12  # it forgot


class TestHostileText:
    def test_runs_of_separators_and_joined_pieces_do_not_backtrack(self) -> None:
        """A gap in a cue ("{condemn} ...4 {launch}") skips words; no run of underscores or of pieces
        joined by hyphens and periods makes the engine try its ways of cutting the run into words (40
        underscores once took hours with the shipped catalog). Each text here is read at once."""
        from commitwatch import shipped_catalog

        matcher = Matcher(load_catalog(shipped_catalog()))
        for text in (
            "The launch, which we condemn " + "_" * 40 + " it.",
            "We reaffirm our commitment to " + "a-" * 2000 + " defend Japan.",
            "We reaffirm our commitment to " + "a.-" * 2000 + " defend Japan.",
        ):
            matcher.read_text(text)
