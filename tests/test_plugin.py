"""The pytest plugin and `commitwatch diff`: catalog edits become reviewable diffs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from commitwatch import diff_catalogs, load_catalog
from commitwatch.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
STATEMENTS = FIXTURES / "evaluation" / "corpus"
CATALOG = FIXTURES / "catalog"

TEST_FILE = """
def test_catalog(commitwatch_regression):
    commitwatch_regression.check(statements="statements", catalog="catalog")
"""

MINI_CATALOG = """\
version: "0.1.0"
title: Mini catalog
families:
  - id: climate
    title: Climate
parties:
  - name: Freedonia
  - name: Sylvania
default_parties: [Freedonia, Sylvania]
collective_subjects: [we]
modifiers:
  booster: {terms: [firmly], weight: 1}
  hedge: {terms: ["seek to"], weight: -1}
  condition: {terms: [if], weight: -1}
  negation: {terms: [not]}
"""

MINI_FAMILY = """\
family: climate
commitments:
  - id: climate.net_zero
    title: Net zero
    ladder: [mentioned, pledged]
    cues:
      - pattern: "net zero"
        level: mentioned
      - pattern: "{pledge|pledges|commit to} ...3 net zero"
        level: pledged
    examples:
      match:
        - {text: "We pledge to reach net zero by 2050.", level: pledged}
      no_match: ["The score was net of zero costs."]
"""


def _statement(date: str, body: str) -> str:
    return f"---\ndate: {date}\nparties: [Freedonia, Sylvania]\n---\n{body}\n"


def _drop_ironclad_booster(catalog: Path, *, fix_example: bool = True) -> None:
    """The edit under test: "ironclad" is no longer a booster (s2's guarantee is then only committed),
    and the entry's example that relied on it is corrected (unless ``fix_example`` is false)."""
    path = catalog / "catalog.yaml"
    text = path.read_text(encoding="utf-8")
    assert "terms: [ironclad, steadfast, unwavering]" in text
    path.write_text(
        text.replace("terms: [ironclad, steadfast, unwavering]", "terms: [steadfast, unwavering]"), encoding="utf-8"
    )
    if fix_example:
        _fix_ironclad_example(catalog)


def _fix_ironclad_example(catalog: Path) -> None:
    path = catalog / "defence.yaml"
    text = path.read_text(encoding="utf-8")
    old = (
        '- text: "The commitment to defend Beta is ironclad."\n          level: affirmed\n          stance: intensified'
    )
    assert old in text
    path.write_text(text.replace(old, old.replace("intensified", "committed")), encoding="utf-8")


class TestPlugin:
    def test_fresh_project_with_its_own_catalog(self, pytester: pytest.Pytester) -> None:
        """Three lines of test code: the first run writes the expected files, the second passes."""
        pytester.makepyfile(test_mine=TEST_FILE)
        (pytester.path / "catalog").mkdir()
        (pytester.path / "catalog" / "catalog.yaml").write_text(MINI_CATALOG, encoding="utf-8")
        (pytester.path / "catalog" / "climate.yaml").write_text(MINI_FAMILY, encoding="utf-8")
        (pytester.path / "statements").mkdir()
        (pytester.path / "statements" / "a.md").write_text(
            _statement("2024-01-01", "We mention net zero."), encoding="utf-8"
        )
        (pytester.path / "statements" / "b.md").write_text(
            _statement("2024-06-01", "We pledge to reach net zero."), encoding="utf-8"
        )

        first = pytester.runpytest()
        first.assert_outcomes(failed=1)
        first.stdout.fnmatch_lines(["*File not found in data directory, created*"])
        assert (pytester.path / "test_mine" / "test_catalog.yml").is_file()
        assert (pytester.path / "test_mine" / "test_catalog.md").is_file()
        pytester.runpytest().assert_outcomes(passed=1)
        assert "kind: strengthened" in (pytester.path / "test_mine" / "test_catalog.yml").read_text(encoding="utf-8")

    def test_fixture_is_documented(self, pytester: pytest.Pytester) -> None:
        """`pytest --fixtures` shows the fixture and its docstring."""
        result = pytester.runpytest("--fixtures")
        result.stdout.fnmatch_lines(["*commitwatch_regression*", "*Regression-test a commitment catalog*"])


class TestCatalogEdit:
    """Removing the "ironclad" booster: the regression test and `commitwatch diff` name the same entries."""

    AFFECTED = (
        "v2 s2: defence.guarantee changed (kind, after.modifiers, after.stance)",
        "v3 s3: defence.guarantee changed (before.stance)",
    )

    def test_regression_test_fails_naming_the_entries(self, pytester: pytest.Pytester) -> None:
        """After the edit the regression test fails, naming the affected entries, with the diff."""
        pytester.makepyfile(test_mine=TEST_FILE)
        shutil.copytree(STATEMENTS, pytester.path / "statements")
        shutil.copytree(CATALOG, pytester.path / "catalog")
        pytester.runpytest()  # writes the expected files
        pytester.runpytest().assert_outcomes(passed=1)

        _drop_ironclad_booster(pytester.path / "catalog")
        result = pytester.runpytest()
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            ["*commitwatch: 2 entries read differently:*", *(f"*{line}*" for line in self.AFFECTED)]
        )
        result.stdout.fnmatch_lines(["*-      stance: intensified*"])  # the YAML diff itself

        pytester.runpytest("--force-regen")
        pytester.runpytest().assert_outcomes(passed=1)

    def test_a_broken_example_fails_the_run_first(self, pytester: pytest.Pytester) -> None:
        """The catalog's own examples are run with the regression test: an edit that breaks one fails
        it, naming the example's file, line and entry first, and --force-regen does not hide it."""
        pytester.makepyfile(test_mine=TEST_FILE)
        shutil.copytree(STATEMENTS, pytester.path / "statements")
        shutil.copytree(CATALOG, pytester.path / "catalog")
        pytester.runpytest()
        _drop_ironclad_booster(pytester.path / "catalog", fix_example=False)
        result = pytester.runpytest("--force-regen")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            [
                "*commitwatch: 1 of the catalog's own examples failed:*",
                "*defence.yaml:21: defence.guarantee: expected stance intensified, got committed*",
            ]
        )
        pytester.runpytest().assert_outcomes(failed=1)
        _fix_ironclad_example(pytester.path / "catalog")
        pytester.runpytest().assert_outcomes(passed=1)

    def test_a_path_that_does_not_exist_fails_in_one_line(self, pytester: pytest.Pytester) -> None:
        """Paths are relative to the test file; a wrong one says so, without a traceback."""
        pytester.makepyfile(test_mine=TEST_FILE)
        shutil.copytree(CATALOG, pytester.path / "catalog")
        result = pytester.runpytest()
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["commitwatch_regression (paths are relative to *): *statements*"])
        assert "During handling" not in result.stdout.str()

    def test_a_catalog_that_does_not_load_fails_in_one_line(self, pytester: pytest.Pytester) -> None:
        """A typo in the catalog: its file, line and fix in the failure, without a traceback."""
        pytester.makepyfile(test_mine=TEST_FILE)
        shutil.copytree(STATEMENTS, pytester.path / "statements")
        catalog = shutil.copytree(CATALOG, pytester.path / "catalog")
        path = catalog / "talks.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("    cues:", "    cuse:", 1), encoding="utf-8")
        result = pytester.runpytest()
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(
            ["commitwatch_regression (paths are relative to *", "*talks.yaml:6: unknown key 'cuse'*"]
        )
        assert "During handling" not in result.stdout.str()

    def test_diff_reports_exactly_those_entries(self, tmp_path: Path) -> None:
        """`commitwatch diff` lists the same entries, as catalog changes, and exits 1."""
        edited = shutil.copytree(CATALOG, tmp_path / "catalog")
        _drop_ironclad_booster(edited)
        base, new = load_catalog(CATALOG), load_catalog(edited)
        diff = diff_catalogs(base, new, STATEMENTS)
        assert [e.line() for e in diff.entries] == list(self.AFFECTED)
        command = ["diff", "--base-catalog", str(CATALOG), "--catalog", str(edited), str(STATEMENTS)]
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1
        assert "(catalog change)" in result.stdout
        assert (
            "strengthened intensified, affirmed, held by Alpha, Beta → holder changed committed, affirmed"
            in result.stdout
        )

    def test_identical_catalogs_exit_0(self) -> None:
        """No difference: exit 0."""
        result = CliRunner().invoke(
            cli, ["diff", "--base-catalog", str(CATALOG), "--catalog", str(CATALOG), str(STATEMENTS)]
        )
        assert result.exit_code == 0
        assert "The two catalogs are the same; the statements" in result.stdout
        assert "read the same." in result.stdout

    def test_git_revision_as_base(self, tmp_path: Path) -> None:
        """A git revision names the catalog folder as it was at that commit."""
        import subprocess

        repo = tmp_path / "repo"
        shutil.copytree(CATALOG, repo / "catalog")
        git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-qm", "base"], check=True)
        _drop_ironclad_booster(repo / "catalog")
        result = CliRunner().invoke(
            cli, ["diff", "--base-catalog", "HEAD", "--catalog", str(repo / "catalog"), str(STATEMENTS)]
        )
        assert result.exit_code == 1, result.output
        assert result.stdout.count("**changed** (catalog change)") == 2
        missing = CliRunner().invoke(
            cli, ["diff", "--base-catalog", "no-such-rev", "--catalog", str(repo / "catalog"), str(STATEMENTS)]
        )
        assert missing.exit_code == 2  # an error, not a difference
        assert "neither a folder nor a git revision" in missing.stderr

    def test_renamed_entry_is_not_removed_and_added(self, tmp_path: Path) -> None:
        """A rename (old entry deprecated with replaced_by) reads as the same commitment."""
        edited = shutil.copytree(CATALOG, tmp_path / "catalog")
        path = edited / "talks.yaml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("  - id: talks.urge\n", "  - id: talks.return\n", 1)
        text += (
            "\n  - id: talks.urge\n    title: (renamed)\n    ladder: [urged]\n    status: deprecated\n"
            "    replaced_by: talks.return\n    cues:\n      - {pattern: return to talks, level: urged}\n"
        )
        path.write_text(text, encoding="utf-8")
        base, new = load_catalog(CATALOG), load_catalog(edited)
        diff = diff_catalogs(base, new, STATEMENTS)
        assert diff.identical, diff.entries
