"""One commitment's life (`commitwatch history`), and the Markdown summary (`report --summary`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commitwatch import Changelog, load_catalog, load_statements, render_history, render_markdown, track
from commitwatch.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "evaluation" / "corpus"
CATALOG = FIXTURES / "catalog"


@pytest.fixture(scope="module")
def changelog() -> Changelog:
    return track(load_statements(CORPUS), load_catalog(CATALOG))


class TestHistory:
    def test_one_entry_per_version_that_has_one(self, changelog: Changelog) -> None:
        """Each version with an entry for the commitment is a section, in date order; others are left out."""
        text = render_history(changelog, "defence.guarantee")
        having = [v for v in changelog.versions if v.change("defence.guarantee") is not None]
        assert having
        assert text.count("\n## v") == len(having)
        positions = [text.index(f"## v{v.number}: ") for v in having]
        assert positions == sorted(positions)

    def test_quotes_the_evidence_and_names_the_movement(self, changelog: Changelog) -> None:
        """An entry names its kind, the movement and quotes the sentence, the cue in bold."""
        text = render_history(changelog, "defence.guarantee")
        first = next(v for v in changelog.versions if v.change("defence.guarantee") is not None)
        change = first.change("defence.guarantee")
        assert change is not None
        assert change.after is not None
        assert "- **Appeared**" in text
        assert f"**{change.after.evidence.cues[0].text}**" in text

    def test_unknown_commitment(self, changelog: Changelog) -> None:
        with pytest.raises(KeyError):
            render_history(changelog, "defence.nothing")

    def test_command(self) -> None:
        """`commitwatch history ID STATEMENTS` prints the same text; a misspelt id is an error with a hint."""
        runner = CliRunner()
        result = runner.invoke(cli, ["history", "defence.guarantee", str(CORPUS), "--catalog", str(CATALOG)])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("# History: Defence guarantee (`defence.guarantee`)")
        wrong = runner.invoke(cli, ["history", "defence.guarante", str(CORPUS), "--catalog", str(CATALOG)])
        assert wrong.exit_code == 1
        assert "did you mean 'defence.guarantee'?" in wrong.output


class TestSummary:
    def test_timeline_and_counts_without_sections(self, changelog: Changelog) -> None:
        """The summary has the header, the timeline and a count table; no version sections."""
        full = render_markdown(changelog)
        summary = render_markdown(changelog, summary=True)
        assert "## Timeline" in summary
        assert "## Changes by family" in summary
        assert "\n## v" in full
        assert "\n## v" not in summary
        assert summary.startswith(full[: full.index("## Timeline")])

    def test_counts_add_up(self, changelog: Changelog) -> None:
        """The "All families" row holds, per kind, the number of changes of that kind."""
        summary = render_markdown(changelog, summary=True)
        total = next(line for line in summary.splitlines() if line.startswith("| **All families**"))
        appeared = sum(1 for v in changelog.versions for c in v.changes if c.kind.value == "appeared")
        assert total.split("|")[2].strip() == f"**{appeared}**"

    def test_command(self) -> None:
        result = CliRunner().invoke(cli, ["report", str(CORPUS), "--catalog", str(CATALOG), "--summary"])
        assert result.exit_code == 0, result.output
        assert "## Changes by family" in result.output
