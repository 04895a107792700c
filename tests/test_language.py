"""A language's words are data: English ships; a corpus names another in its cleaning rules;
the heading rule can be turned off for a corpus whose short lines are text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from commitwatch import InputError, load_cleaning_rules, load_statement
from commitwatch.load.language import load_language, shipped_languages
from commitwatch.load.sentences import split_sentences

# A made-up language, so that nothing here depends on English words by accident.
TOY = """\
name: Toy
abbreviations: [amb., zz.]
before_number: [nr.]
months: {primo: 1, secundo: 2, tertio: 3, quarto: 4, quinto: 5, sexto: 6, septimo: 7, octavo: 8, nono: 9,
  decimo: 10, undecimo: 11, duodecimo: 12, dec: 12}
day_suffixes: [o]
weekdays: [lunday]
dateline_labels: [emesso]
"""


def _toy(folder: Path) -> Path:
    path = folder / "toy.yaml"
    path.write_text(TOY, encoding="utf-8")
    return path


class TestLanguageData:
    def test_english_ships_and_is_the_default(self) -> None:
        assert "en" in shipped_languages()
        english = load_language()
        assert english.name == "English"
        assert english.dateline("Thursday, December 21, 2023") == dt.date(2023, 12, 21)
        assert "amb." in english.abbreviations

    def test_a_language_file(self, tmp_path: Path) -> None:
        """A language file's months, weekdays, labels and day endings read its datelines."""
        toy = load_language(str(_toy(tmp_path)))
        assert toy.dateline("Lunday, 3o Secundo 2024") == dt.date(2024, 2, 3)
        assert toy.dateline("Emesso: 1 primo 2020") == dt.date(2020, 1, 1)
        assert toy.dateline("December 21, 2023") is None  # not a Toy month

    def test_abbreviations_are_the_languages(self, tmp_path: Path) -> None:
        """Sentences split at a period unless the language lists the word before it."""
        toy = load_language(str(_toy(tmp_path)))
        text = "Met the Zz. Ministers today. Also see Nr. 5 there. Then Mr. Kim spoke."
        assert [text[s:e] for s, e in split_sentences(text, toy)] == [
            "Met the Zz. Ministers today.",
            "Also see Nr. 5 there.",
            "Then Mr.",
            "Kim spoke.",
        ]
        english = [text[s:e] for s, e in split_sentences(text)]  # English: "Zz." and "Nr." end one, "Mr." does not
        assert english == ["Met the Zz.", "Ministers today.", "Also see Nr.", "5 there.", "Then Mr. Kim spoke."]

    @pytest.mark.parametrize(
        ("months", "message"),
        [("{}", "'months' is empty"), ("{primo: 13}", "are not named months numbered 1 to 12")],
    )
    def test_months_are_checked(self, tmp_path: Path, months: str, message: str) -> None:
        path = tmp_path / "bad.yaml"
        path.write_text(TOY.replace(TOY.split("months: ")[1].split("\nday_suffixes")[0], months), encoding="utf-8")
        with pytest.raises(InputError, match=message) as caught:
            load_language(str(path))
        assert caught.value.problems[0].line == 4

    def test_other_scripts_split_and_date(self, tmp_path: Path) -> None:
        """A capital of any script starts a sentence; a place with accents may open a dateline."""
        text = "Les ministres se sont réunis. État et région ont signé. Über alles. Встреча прошла."
        assert [text[s:e] for s, e in split_sentences(text)] == [
            "Les ministres se sont réunis.",
            "État et région ont signé.",
            "Über alles.",
            "Встреча прошла.",
        ]
        assert load_language().dateline("Séoul, December 21, 2023") == dt.date(2023, 12, 21)

    def test_unknown_language(self) -> None:
        with pytest.raises(InputError, match="no language 'xx'") as caught:
            load_language("xx")
        assert "en" in (caught.value.problems[0].hint or "")


class TestCorpusSettings:
    def test_cleaning_rules_name_the_language(self, tmp_path: Path) -> None:
        """`language:` in a folder's cleaning.yaml, relative to it, reads that folder's datelines and sentences."""
        folder = tmp_path / "statements"
        folder.mkdir()
        _toy(folder)
        (folder / "cleaning.yaml").write_text("language: toy.yaml\nrules: []\n", encoding="utf-8")
        (folder / "one.txt").write_text(
            "Comunicato congiunto\n3o Secundo 2024\n\nAlpha and Beta met the Zz. Ministers today. They agreed.\n",
            encoding="utf-8",
        )
        from commitwatch import load_statements

        corpus = load_statements(folder)
        assert corpus.skipped == ()  # toy.yaml is the folder's language, not a statement to skip
        [statement] = corpus.statements
        assert statement.meta.date == dt.date(2024, 2, 3)
        assert [s.text for s in statement.sentences] == ["Alpha and Beta met the Zz. Ministers today.", "They agreed."]

    def test_a_missing_language_file_is_located(self, tmp_path: Path) -> None:
        rules = tmp_path / "cleaning.yaml"
        rules.write_text("rules: []\nlanguage: nowhere.yaml\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_cleaning_rules(rules)
        problem = caught.value.problems[0]
        assert problem.what.startswith("no language 'nowhere.yaml'")
        assert (problem.path or "").endswith("cleaning.yaml")
        assert problem.line == 2

    def test_an_empty_language_is_refused(self, tmp_path: Path) -> None:
        rules = tmp_path / "cleaning.yaml"
        rules.write_text("rules: []\nlanguage: ''\n", encoding="utf-8")
        with pytest.raises(InputError, match="'language' is empty"):
            load_cleaning_rules(rules)

    def test_headings_off(self, tmp_path: Path) -> None:
        """`headings: false`: a short line without closing punctuation is text, not a heading or title."""
        text = "Nothing New Under the Sun\n\nAlpha reaffirms its commitment to defend Beta.\n\nSo it goes\n\nThe end.\n"
        on = tmp_path / "on.txt"
        on.write_text(f"---\ndate: 2024-01-01\n---\n{text}", encoding="utf-8")
        assert [s.text for s in load_statement(on).sentences] == [
            "Alpha reaffirms its commitment to defend Beta.",
            "The end.",
        ]
        folder = tmp_path / "off"
        folder.mkdir()
        (folder / "cleaning.yaml").write_text("headings: false\nrules: []\n", encoding="utf-8")
        off = folder / "off.txt"
        off.write_text(f"---\ndate: 2024-01-01\n---\n{text}", encoding="utf-8")
        from commitwatch import load_statements

        [statement] = load_statements(folder).statements
        assert [s.text for s in statement.sentences] == [
            "Nothing New Under the Sun",
            "Alpha reaffirms its commitment to defend Beta.",
            "So it goes",
            "The end.",
        ]
