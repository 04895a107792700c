"""How evidence is quoted in the Markdown report."""

from __future__ import annotations

from commitwatch.model import CueMatch, Evidence
from commitwatch.render._text import quote as _quote


def _evidence(sentence: str, *cues: str, start: int = 100) -> Evidence:
    matches = []
    for cue in cues:
        at = sentence.index(cue)
        matches.append(CueMatch("c", "committed", cue, start + at, start + at + len(cue), True))
    return Evidence("s", 0, sentence, start, start + len(sentence), tuple(matches), ())


class TestQuote:
    def test_cue_matches_are_bold_inside_curly_quotes(self) -> None:
        quoted = _quote(_evidence("We reaffirm our ironclad commitment.", "ironclad commitment"))
        assert quoted == "“We reaffirm our **ironclad commitment**.”"

    def test_overlapping_cue_matches_make_one_bold_run(self) -> None:
        quoted = _quote(_evidence("We reaffirm our ironclad commitment.", "ironclad", "ironclad commitment"))
        assert quoted == "“We reaffirm our **ironclad commitment**.”"

    def test_markdown_characters_are_escaped_in_and_out_of_bold(self) -> None:
        quoted = _quote(_evidence("The *full* [UN] sanctions_regime # 2397.", "[UN] sanctions_regime"))
        assert quoted == "“The \\*full\\* **\\[UN\\] sanctions\\_regime** \\# 2397.”"

    def test_line_breaks_and_odd_spaces_fold_to_one_space(self) -> None:
        sentence = "We  reaffirm\nour\u00a0ironclad\tcommitment."
        quoted = _quote(_evidence(sentence, "ironclad\tcommitment"))
        assert quoted == "“We reaffirm our **ironclad commitment**.”"
