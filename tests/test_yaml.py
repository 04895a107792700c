"""Safe YAML: duplicate keys, YAML 1.1 surprises and alias bombs are caught."""

from __future__ import annotations

from commitwatch._yaml import load_yaml


class TestLoadYaml:
    def test_no_is_text_not_false(self) -> None:
        """'no', 'yes', 'on' stay words (they are words in a negation lexicon)."""
        data, problems = load_yaml("words: [no, yes, on, off]\n", "x.yaml")
        assert (data, problems) == ({"words": ["no", "yes", "on", "off"]}, [])

    def test_dates_stay_text(self) -> None:
        """Dates are parsed by commitwatch, with located errors."""
        data, _ = load_yaml("date: 2023-10-25\n", "x.yaml")
        assert data == {"date": "2023-10-25"}

    def test_lines_are_remembered(self) -> None:
        """Each key's line is kept for messages."""
        data, _ = load_yaml("a: 1\nb:\n  - x\n  - y\n", "x.yaml")
        assert (data.line_of("a"), data.line_of("b"), data["b"].line_of(1)) == (1, 2, 4)

    def test_alias_bomb_is_refused(self) -> None:
        """A billion-laughs document is refused before anything expands it."""
        bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        for level in "bcdefghi":
            previous = chr(ord(level) - 1)
            bomb += f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        data, problems = load_yaml(bomb, "bomb.yaml")
        assert data is None
        assert "alias bomb" in problems[0].format()

    def test_syntax_error_is_located(self) -> None:
        """A syntax error names its line."""
        _, problems = load_yaml("a: [1, 2\nb: 3\n", "x.yaml")
        assert problems[0].path == "x.yaml"
        assert problems[0].line is not None
