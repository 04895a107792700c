"""Normalisation for matching: characters read straight, offsets kept to the original."""

from __future__ import annotations

from commitwatch.load.text import normalize


class TestNormalize:
    def test_quotes_dashes_and_spaces_one_for_one(self) -> None:
        """Curly quotes, typographic dashes and non-breaking spaces are read plainly; each is logged."""
        result = normalize("The DPRK’s launch\u00a0— again")
        assert result.text == "The DPRK's launch - again"
        assert result.segments == ()
        assert {step.rule for step in result.steps} == {"straighten-quotes", "unify-dashes", "unify-spaces"}

    def test_mojibake_is_repaired_and_mapped_back(self) -> None:
        """ "DPRKâ€™s" reads as "DPRK's", and an offset after it maps to the original characters."""
        original = "The DPRKâ€™s launch"
        result = normalize(original)
        assert result.text == "The DPRK's launch"
        position = result.text.index("launch")
        assert original[result.to_original(position) :] == "launch"

    def test_plain_ascii_is_untouched(self) -> None:
        """Nothing to do, nothing logged."""
        result = normalize("We reaffirm our commitment.")
        assert (result.text, result.segments, result.steps) == ("We reaffirm our commitment.", (), ())
