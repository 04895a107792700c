"""Sentence splitting: abbreviations that end in a period do not end a sentence."""

from __future__ import annotations

import pytest

from commitwatch.load.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


class TestSplitSentences:
    @pytest.mark.parametrize(
        "text",
        [
            "The U.S.-ROK alliance is strong.",
            "The U.S. Secretary of State spoke.",
            "The Dec. 17 launch was condemned.",
            "Resolution No. 2397 applies.",
            "Antony J. Blinken met Park Jin.",
            "They met at 10 a.m. Eastern time.",
            "The UN Security Council (UNSC) met.",
        ],
    )
    def test_abbreviation_does_not_split(self, text: str) -> None:
        """An abbreviation, initial or acronym with periods stays inside its sentence."""
        assert _split(text) == [text]

    def test_splits_at_sentence_ends(self) -> None:
        """Periods, question marks and exclamation marks before a capital end sentences."""
        assert _split("We condemn it. Will they stop? We hope so! 13 members agreed.") == [
            "We condemn it.",
            "Will they stop?",
            "We hope so!",
            "13 members agreed.",
        ]

    def test_closing_quote_stays_with_its_sentence(self) -> None:
        """A quote or bracket that closes a sentence belongs to it."""
        assert _split('They said "no." Then they left.') == ['They said "no."', "Then they left."]

    def test_line_breaks_are_white_space(self) -> None:
        """A soft-wrapped paragraph splits at its sentence ends, not at its line breaks."""
        assert _split("We reaffirm our\ncommitment. The three countries\nagree.") == [
            "We reaffirm our\ncommitment.",
            "The three countries\nagree.",
        ]

    def test_lower_case_after_period_does_not_split(self) -> None:
        """ "e.g. the" is not a sentence end."""
        assert _split("Some items, e.g. the missiles, are banned.") == ["Some items, e.g. the missiles, are banned."]
