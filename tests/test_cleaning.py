"""Cleaning rules: data a user can extend, and what they remove from a page's text."""

from __future__ import annotations

import pytest

from commitwatch import CleaningRules, InputError, load_cleaning_rules, load_statement
from commitwatch.load.cleaning import extract
from commitwatch.load.lines import split_lines

BODY = "The United States and Japan reaffirm their alliance. We urge the DPRK to return to dialogue.\n"


def _body(text: str) -> str:
    from commitwatch import default_cleaning_rules

    extraction = extract(split_lines(text), default_cleaning_rules())
    return "\n".join(line.text for line in extraction.body if line.text)


class TestDefaultRules:
    @pytest.mark.parametrize("marker", ["Begin Text", "BEGIN TEXT:", "begin text.", "Begin text"])
    def test_begin_text_in_any_case(self, marker: str) -> None:
        """ "Begin Text" in any case, with or without ':' or '.', cuts what is before it."""
        assert _body(f"Some page header line\n{marker}\n{BODY}") == BODY.strip()

    @pytest.mark.parametrize("marker", ["End Text", "END TEXT.", "end text:", "###"])
    def test_end_marks_cut_what_follows(self, marker: str) -> None:
        """ "End Text" and "###" cut everything after them."""
        assert _body(f"{BODY}{marker}\nSecretary Blinken's Meeting with the ministers.\n") == BODY.strip()

    def test_blog_footer(self) -> None:
        """Blog footers are not part of the statement."""
        assert _body(f"{BODY}Posted by someone at 10:31 PM\nNo comments:\nPost a Comment\n") == BODY.strip()

    def test_header_furniture(self) -> None:
        """Banner, office line, title, dateline and release preamble are removed and recorded."""
        text = (
            "An official website of the United States government\n"
            "Office of the Spokesperson\n"
            "Joint Statement on the Launch\n"
            "July 14, 2023\n"
            "The text of the following joint statement was released by the Governments of the United States "
            "and Japan.\n"
            f"{BODY}"
        )
        extraction = extract(split_lines(text), __import__("commitwatch").default_cleaning_rules())
        assert [step.rule for step in extraction.removed] == [
            "site-banner",
            "issuing-office",
            "title",
            "dateline",
            "release-preamble",
        ]
        assert extraction.title is not None
        assert extraction.title.text == "Joint Statement on the Launch"
        assert str(extraction.date) == "2023-07-14"


class TestUserRules:
    def test_cleaning_yaml_beside_the_statements_extends_the_defaults(self, write) -> None:  # type: ignore[no-untyped-def]
        """A folder's cleaning.yaml adds rules without code changes."""
        write(
            "cleaning.yaml",
            "rules:\n  - name: newsroom\n    action: drop-line\n    pattern: 'newsroom of .*'\n    reason: site name\n",
        )
        statement = load_statement(write("a.txt", f"Newsroom of the Ministry\n2024-01-01\n\n{BODY}"))
        assert "newsroom" in [step.rule for step in statement.cleaning]

    def test_disable_a_default_rule(self, write) -> None:  # type: ignore[no-untyped-def]
        """'disable' turns a default rule off."""
        rules = load_cleaning_rules(write("c.yaml", "disable: [end-mark]\n"))
        statement = load_statement(write("a.txt", f"T\n2024-01-01\n\n{BODY}###\nMore text here.\n"), cleaning=rules)
        assert statement.body.endswith("More text here.")

    def test_bad_rule_is_located(self, write) -> None:  # type: ignore[no-untyped-def]
        """A wrong action or a broken pattern is reported with file and line."""
        path = write("c.yaml", "rules:\n  - name: x\n    action: remove\n    pattern: '(unclosed'\n")
        with pytest.raises(InputError) as caught:
            load_cleaning_rules(path)
        messages = [problem.format() for problem in caught.value.problems]
        assert any("c.yaml:3" in m and "'remove' is not one of 'drop-line'" in m for m in messages)
        assert any("c.yaml:4" in m and "not a valid regular expression" in m for m in messages)

    def test_rules_are_plain_data(self) -> None:
        """Rules combine as values."""
        assert CleaningRules().extended(CleaningRules(disable=("x",))) == CleaningRules()


class TestBodyFurniture:
    def test_headings_and_separators_in_the_body_are_not_sentences(self, write) -> None:  # type: ignore[no-untyped-def]
        """A one-line heading inside the body, and a separator line, are removed and logged; the last
        paragraph of a text cut off mid-sentence is kept."""
        from commitwatch import load_statement

        path = write(
            "s.txt",
            "---\ndate: 2024-01-01\n---\nWe reaffirm our commitment to diplomacy.\n\n"
            "Strengthening Trilateral Security Cooperation\n\n***\n\n"
            "The leaders will meet again.\n\nThey reaffirm\n",
        )
        statement = load_statement(path)
        assert [s.text for s in statement.sentences] == [
            "We reaffirm our commitment to diplomacy.",
            "The leaders will meet again.",
            "They reaffirm",
        ]
        removed = {step.rule: step.excerpt for step in statement.cleaning if step.action == "removed"}
        assert removed["body-heading"] == "Strengthening Trilateral Security Cooperation"
        assert removed["separator"] == "***"
