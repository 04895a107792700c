"""The catalog: strict, located validation, and the shipped catalog's own examples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from commitwatch import CatalogError, check_catalog, load_catalog, shipped_catalog

MAIN = """\
version: "0.1.0"
title: Test catalog
families:
  - id: deterrence
    title: Deterrence
parties:
  - name: United States
    aliases: [U.S.]
  - name: Japan
default_parties: [United States, Japan]
collective_subjects: [we]
modifiers:
  booster: {terms: [steadfast], weight: 1}
  hedge: {terms: ["seek to"], weight: -1}
  condition: {terms: [if], direction: both, weight: -1}
  negation: {terms: [not, never], pseudo: ["not only"]}
  terminators: [";", but]
"""

FAMILY = """\
family: deterrence
commitments:
  - id: deterrence.defense
    title: Defence commitment
    ladder: [affirmed, ironclad]
    cues:
      - pattern: "commitment to defend"
        level: affirmed
      - pattern: ironclad
        level: ironclad
        alone: false
    examples:
      match:
        - text: "The United States reaffirms its commitment to defend Japan."
          level: affirmed
          holders: [United States]
      no_match:
        - "The ironclad gate was closed."
"""


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    """A small valid catalog in a temporary folder."""
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "catalog.yaml").write_text(MAIN, encoding="utf-8")
    (folder / "deterrence.yaml").write_text(FAMILY, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    return [problem.format() for problem in caught.value.problems]


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class TestValidCatalog:
    def test_loads(self, catalog_dir: Path) -> None:
        """A valid catalog loads, with its entries located."""
        catalog = load_catalog(catalog_dir)
        commitment = catalog.commitment("deterrence.defense")
        assert (commitment.family, catalog.sources.line(commitment.id)) == ("deterrence", 3)
        assert catalog.sources.file(commitment.id).endswith("deterrence.yaml")
        assert catalog.sources.line(commitment.id, "cues", 1) == 9

    def test_check_passes(self, catalog_dir: Path) -> None:
        """Its examples pass."""
        result = check_catalog(load_catalog(catalog_dir))
        assert (result.passed, result.failures) == (2, ())


class TestMistakes:
    """Each kind of mistake is reported with its file and line and what to do."""

    def test_unknown_key_with_did_you_mean(self, catalog_dir: Path) -> None:
        """A misspelt key is named, with the likely key."""
        _edit(catalog_dir, "deterrence.yaml", "    cues:", "    cuse:")
        problems = _problems(catalog_dir)
        assert any("deterrence.yaml:6: unknown key 'cuse'" in p and "did you mean 'cues'?" in p for p in problems)

    def test_wrong_type(self, catalog_dir: Path) -> None:
        """A string where a list belongs is an error, not a list of letters."""
        _edit(catalog_dir, "deterrence.yaml", "ladder: [affirmed, ironclad]", "ladder: affirmed")
        assert any("deterrence.yaml:5: expected a list" in p for p in _problems(catalog_dir))

    def test_duplicate_yaml_key(self, catalog_dir: Path) -> None:
        """A key given twice is an error (PyYAML would keep the last one silently)."""
        _edit(catalog_dir, "deterrence.yaml", "    title: Defence commitment\n", "    title: A\n    title: B\n")
        assert any("deterrence.yaml:5: duplicate key 'title' (first at line 4)" in p for p in _problems(catalog_dir))

    def test_duplicate_id_across_files(self, catalog_dir: Path) -> None:
        """An id used twice, in two files, names both places."""
        (catalog_dir / "more.yaml").write_text(FAMILY, encoding="utf-8")
        problems = _problems(catalog_dir)
        assert any("more.yaml:3: duplicate id 'deterrence.defense' (first at" in p for p in problems)

    def test_unknown_family(self, catalog_dir: Path) -> None:
        """A family not declared in catalog.yaml is an error with a hint."""
        _edit(catalog_dir, "deterrence.yaml", "family: deterrence", "family: deterence")
        problems = _problems(catalog_dir)
        assert any(
            "deterrence.yaml:1: unknown family 'deterence'" in p and "did you mean 'deterrence'" in p for p in problems
        )

    def test_unknown_party(self, catalog_dir: Path) -> None:
        """An example holder that is not a party is an error."""
        _edit(catalog_dir, "deterrence.yaml", "holders: [United States]", "holders: [United Sates]")
        problems = _problems(catalog_dir)
        assert any("unknown party 'United Sates'" in p and "did you mean 'United States'" in p for p in problems)

    def test_level_not_on_ladder(self, catalog_dir: Path) -> None:
        """A cue level that is not on the ladder is named with the ladder."""
        _edit(catalog_dir, "deterrence.yaml", "level: ironclad\n        alone", "level: iron\n        alone")
        problems = _problems(catalog_dir)
        assert any("deterrence.yaml:10: deterrence.defense: level 'iron' is not on the ladder" in p for p in problems)

    def test_pattern_does_not_compile(self, catalog_dir: Path) -> None:
        """A malformed pattern is reported at its line, with the reason."""
        _edit(catalog_dir, "deterrence.yaml", '"commitment to defend"', '"{commitment to defend"')
        problems = _problems(catalog_dir)
        assert any("deterrence.yaml:7:" in p and "never closed" in p for p in problems)

    def test_pattern_without_anchor(self, catalog_dir: Path) -> None:
        """A pattern with no required word cannot be found fast, and says so."""
        _edit(catalog_dir, "deterrence.yaml", '"commitment to defend"', '"[commitment] the"')
        assert any("fixed word of 3+ letters" in p for p in _problems(catalog_dir))

    def test_replaced_by_names_nothing(self, catalog_dir: Path) -> None:
        """A deprecated entry replaced by an id that does not exist is an error."""
        _edit(
            catalog_dir,
            "deterrence.yaml",
            "    title: Defence commitment\n",
            "    title: Defence commitment\n    status: deprecated\n    replaced_by: deterrence.defence\n",
        )
        problems = _problems(catalog_dir)
        assert any("replaced_by 'deterrence.defence' names no commitment" in p for p in problems)

    def test_active_entry_needs_examples(self, catalog_dir: Path) -> None:
        """An active entry without a look-alike example is an error."""
        _edit(catalog_dir, "deterrence.yaml", '      no_match:\n        - "The ironclad gate was closed."\n', "")
        assert any("needs at least one 'match' and one 'no_match' example" in p for p in _problems(catalog_dir))

    def test_all_problems_in_one_pass(self, catalog_dir: Path) -> None:
        """Several mistakes in several files are all reported at once."""
        _edit(catalog_dir, "deterrence.yaml", "    cues:", "    cuse:")
        _edit(catalog_dir, "catalog.yaml", "default_parties: [United States, Japan]", "default_parties: [Japn]")
        problems = _problems(catalog_dir)
        assert any("catalog.yaml" in p and "unknown party 'Japn'" in p for p in problems)
        assert any("deterrence.yaml" in p and "unknown key 'cuse'" in p for p in problems)

    def test_not_utf8(self, catalog_dir: Path) -> None:
        """A file that is not UTF-8 is named with the line of the bad byte."""
        (catalog_dir / "deterrence.yaml").write_bytes(FAMILY.encode("utf-8") + b"# caf\xe9\n")
        assert any("deterrence.yaml:" in p and "not UTF-8" in p for p in _problems(catalog_dir))

    def test_empty_file(self, catalog_dir: Path) -> None:
        """An empty family file is an error, not an empty family."""
        (catalog_dir / "deterrence.yaml").write_text("\n", encoding="utf-8")
        assert any("deterrence.yaml: the file is empty" in p for p in _problems(catalog_dir))

    def test_alias_bomb(self, catalog_dir: Path) -> None:
        """A YAML alias bomb is refused quickly instead of expanding."""
        bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        for level in "bcdefghi":
            previous = chr(ord(level) - 1)
            bomb += f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        (catalog_dir / "deterrence.yaml").write_text(bomb, encoding="utf-8")
        assert any("alias bomb" in p for p in _problems(catalog_dir))

    def test_missing_catalog_yaml(self, tmp_path: Path) -> None:
        """A folder without catalog.yaml says what to add."""
        with pytest.raises(CatalogError, match=r"catalog\.yaml is missing"):
            load_catalog(tmp_path)

    def test_failing_example_is_reported_by_check(self, catalog_dir: Path) -> None:
        """An example that does not match as stated fails the check with file:line, expected and got."""
        _edit(
            catalog_dir,
            "deterrence.yaml",
            "          level: affirmed\n          holders",
            "          level: ironclad\n          holders",
        )
        result = check_catalog(load_catalog(catalog_dir))
        [failure] = result.failures
        assert failure.format().endswith(
            "deterrence.yaml:14: deterrence.defense: expected ironclad (affirmed), got affirmed (affirmed)"
        )


class TestShippedCatalog:
    def test_check_passes(self) -> None:
        """The shipped catalog loads and all its examples pass."""
        result = check_catalog(load_catalog(shipped_catalog()))
        assert [failure.format() for failure in result.failures] == []
        assert result.passed >= 2 * len(load_catalog(shipped_catalog()).active)

    def test_copy_with_an_edit_is_caught(self, tmp_path: Path) -> None:
        """Editing a copy of the shipped catalog is checked like any other catalog."""
        folder = shutil.copytree(shipped_catalog(), tmp_path / "catalog")
        _edit(folder, "dialogue.yaml", "level: offered\n", "level: ofered\n")
        assert any(
            "level 'ofered' is not on the ladder" in p and "did you mean 'offered'" in p for p in _problems(folder)
        )


class TestSchema:
    def test_a_schema_1_catalog_is_read_with_the_default_stance_lexicons(self, catalog_dir: Path) -> None:
        """A catalog without `schema: 2` loads; its stances come from the shipped defaults."""
        from commitwatch.catalog.loading import default_stance

        catalog = load_catalog(catalog_dir)
        assert (catalog.schema, catalog.stance) == (1, default_stance())

    def test_a_stance_list_replaces_the_default_one(self, catalog_dir: Path) -> None:
        """`stance: {urged: [...]}` replaces that list only."""
        from commitwatch.catalog.loading import default_stance

        path = catalog_dir / "catalog.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "schema: 2\nstance:\n  urged: [implore]\n", encoding="utf-8")
        catalog = load_catalog(catalog_dir)
        assert catalog.stance.urged == ("implore",)
        assert catalog.stance.committed == default_stance().committed

    def test_an_unknown_schema_and_a_bad_predicate_are_located(self, catalog_dir: Path) -> None:
        """Schema 3 and a predicate that does not compile are errors with their lines."""
        path = catalog_dir / "catalog.yaml"
        path.write_text(
            path.read_text(encoding="utf-8") + "schema: 3\nstance:\n  urged: ['{call on']\n", encoding="utf-8"
        )
        with pytest.raises(CatalogError) as raised:
            load_catalog(catalog_dir)
        message = str(raised.value)
        assert "catalog schema 3 is not known" in message
        assert "urged predicate '{call on'" in message
