"""The command line: every command and option, error messages and exit codes, atomic output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from commitwatch import __version__, read_json, shipped_catalog, shipped_seeds
from commitwatch.cli import cli


@pytest.fixture
def run():  # type: ignore[no-untyped-def]
    """Run the CLI in-process: ``run("report", "--all")`` returns click's Result."""
    runner = CliRunner()

    def _run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return _run


class TestReport:
    def test_default_is_the_seeds_report_in_markdown(self, run) -> None:  # type: ignore[no-untyped-def]
        """With no arguments: the shipped seeds and catalog, as Markdown (reviewed in tests/test_regression/)."""
        from commitwatch import load_catalog, load_statements, track
        from commitwatch.render import render_markdown

        result = run("report")
        assert result.exit_code == 0, result.stderr
        changelog = track(load_statements(shipped_seeds()), load_catalog(shipped_catalog()))
        assert result.stdout == render_markdown(changelog)

    def test_markdown_is_valid_commonmark_with_the_expected_structure(self, run) -> None:  # type: ignore[no-untyped-def]
        """The report parses as CommonMark (with GFM tables): one table, one section per version."""
        tokens = MarkdownIt("commonmark").enable("table").parse(run("report").stdout)
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
        assert headings[0] == "Timeline"
        assert [h.split(":")[0] for h in headings[1:5]] == ["v4", "v3", "v2", "v1"]
        assert sum(1 for t in tokens if t.type == "table_open") == 1
        assert any(t.type == "inline" and any(c.type == "strong_open" for c in t.children or []) for t in tokens)

    def test_report_has_no_absolute_paths_or_timestamps(self, run) -> None:  # type: ignore[no-untyped-def]
        """Output is deterministic: the same twice, no absolute path."""
        first, second = run("report").stdout, run("report").stdout
        assert first == second
        assert str(Path.cwd()) not in first
        assert str(shipped_seeds()) not in first

    def test_oldest_first_and_all(self, run) -> None:  # type: ignore[no-untyped-def]
        """--oldest-first puts v1 first; --all shows unchanged commitments."""
        text = run("report", "--oldest-first", "--all").stdout
        assert text.index("## v1:") < text.index("## v4:")
        assert "### Unchanged" in text
        assert "### Unchanged" not in run("report").stdout

    def test_since_until_family_commitment(self, run) -> None:  # type: ignore[no-untyped-def]
        """The selection options narrow the versions and commitments shown."""
        text = run("report", "--since", "2023-07-01", "--until", "2023-11-01", "--family", "deterrence").stdout
        assert "## v2:" in text
        assert "## v3:" in text
        assert "## v1:" not in text
        assert "## v4:" not in text
        assert "Dialogue and diplomacy" not in text
        only = run("report", "--commitment", "dialogue.without_preconditions").stdout
        assert "Offer of talks with the DPRK without preconditions" in only
        assert "US defence commitment" not in only

    def test_json_round_trips(self, run) -> None:  # type: ignore[no-untyped-def]
        """--format json is the whole changelog; read_json reads it back, the same with --indent."""
        text = run("report", "--format", "json").stdout
        assert json.loads(text)["schema_version"] == 3
        changelog = read_json(text)
        assert changelog.versions[0].statement_id == "000_9374126f18d855f6"
        indented = run("report", "--format", "json", "--indent", "2").stdout
        assert indented.startswith('{\n  "tool_version": ')
        assert read_json(indented) == changelog

    def test_explicit_statements_and_catalog(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """Statements and catalog can be given explicitly (a folder copy here)."""
        seeds = shutil.copytree(shipped_seeds(), tmp_path / "seeds")
        catalog = shutil.copytree(shipped_catalog(), tmp_path / "catalog")
        result = run("report", str(seeds), "--catalog", str(catalog))
        assert result.exit_code == 0
        assert "4 statements" in result.stdout

    def test_output_file_is_written_atomically(self, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
        """-o writes the file; a failure while writing leaves the old file untouched and no temporary file."""
        target = tmp_path / "report.md"
        assert run("report", "-o", str(target)).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith("# Commitment changelog")
        target.write_text("previous report\n", encoding="utf-8")

        import commitwatch.run as run_room

        def broken(header, versions, out, **kwargs):  # type: ignore[no-untyped-def]
            out.write("# A report that breaks halfway\n")
            raise OSError("disk full")

        monkeypatch.setattr(run_room, "write_markdown", broken)
        result = run("report", "-o", str(target))
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: disk full; check the path")
        assert target.read_text(encoding="utf-8") == "previous report\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]

    def test_refuses_to_overwrite_an_input(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """-o naming one of the statements is refused, and the statement is untouched."""
        seeds = shutil.copytree(shipped_seeds(), tmp_path / "seeds")
        victim = seeds / "002_f56e1ecdd6895b76.txt"
        before = victim.read_bytes()
        result = run("report", str(seeds), "-o", str(victim))
        assert result.exit_code == 1
        assert "Error: refusing to overwrite" in result.stderr
        assert victim.read_bytes() == before


class TestErrors:
    def test_unknown_family_exit_1_with_hint(self, run) -> None:  # type: ignore[no-untyped-def]
        """A library error: "Error: what, where, what to do" on stderr, exit 1, no traceback."""
        result = run("report", "--family", "deterence")
        assert result.exit_code == 1
        assert result.stderr == "Error: unknown family 'deterence'; did you mean 'deterrence'?\n"
        assert result.stdout == ""

    def test_broken_catalog_lists_every_problem_with_file_and_line(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A broken catalog names file and line for each problem."""
        catalog = shutil.copytree(shipped_catalog(), tmp_path / "catalog")
        path = catalog / "dialogue.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("    cues:", "    cuse:", 1), encoding="utf-8")
        result = run("report", "--catalog", str(catalog))
        assert result.exit_code == 1
        assert "unknown key 'cuse'" in result.stderr
        assert "dialogue.yaml:" in result.stderr
        assert "did you mean 'cues'?" in result.stderr

    def test_usage_error_exit_2(self, run) -> None:  # type: ignore[no-untyped-def]
        """A usage error (bad option value) exits 2, as click does."""
        result = run("report", "--format", "pdf")
        assert result.exit_code == 2
        assert "Invalid value for '--format'" in result.stderr

    def test_bad_date_exit_2(self, run) -> None:  # type: ignore[no-untyped-def]
        """--since takes YYYY-MM-DD."""
        assert run("report", "--since", "yesterday").exit_code == 2

    def test_missing_statement_path_exit_2(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A statements path that does not exist is a usage error."""
        assert run("report", str(tmp_path / "nope")).exit_code == 2

    def test_empty_folder_exit_1(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A folder without statements is an error that says what to put there."""
        result = run("report", str(tmp_path))
        assert result.exit_code == 1
        assert "no statement files found" in result.stderr

    def test_debug_shows_the_traceback(self, run) -> None:  # type: ignore[no-untyped-def]
        """--debug lets the exception through (a traceback for a bug report)."""
        from commitwatch import InputError

        with pytest.raises(InputError):
            run("--debug", "report", "--family", "deterence")

    def test_debug_after_the_command_too(self, run) -> None:  # type: ignore[no-untyped-def]
        from commitwatch import InputError

        with pytest.raises(InputError):
            run("report", "--family", "deterence", "--debug")


class TestSkippedFilesOnStderr:
    def _folder(self, tmp_path: Path, undated: int) -> Path:
        folder = tmp_path / "statements"
        folder.mkdir()
        (folder / "dated.txt").write_text(
            "---\ndate: 2024-01-01\nparties: [United States]\n---\n"
            "The United States reaffirms its ironclad commitment to the defense of Japan.\n",
            encoding="utf-8",
        )
        for number in range(undated):
            text = f"Statement {number}: the weather on day {number} was mild.\n"  # no date, no copy of another
            (folder / f"undated{number:02d}.txt").write_text(text, encoding="utf-8")
        return folder

    def test_each_skipped_file_is_named_with_its_reason(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        result = run("report", str(self._folder(tmp_path, 2)))
        assert result.stderr.splitlines() == [
            "skipped undated00.txt: no date: none in its metadata and no dateline in its header",
            "skipped undated01.txt: no date: none in its metadata and no dateline in its header",
        ]

    def test_many_are_counted_and_quiet_counts_only(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        folder = self._folder(tmp_path, 12)
        lines = run("report", str(folder)).stderr.splitlines()
        assert len(lines) == 11
        assert lines[-1] == "skipped 2 more files; the report's 'Skipped files' says why and what to do"
        assert run("report", str(folder), "--quiet").stderr == (
            "skipped 12 files; the report's 'Skipped files' says why and what to do\n"
        )


class TestEmptySelection:
    def test_a_selection_past_the_last_statement_says_so(self, run) -> None:  # type: ignore[no-untyped-def]
        """The report is still written (its head, no versions), and stderr says nothing matched."""
        result = run("report", "--since", "2030-01-01")
        assert result.exit_code == 0
        assert "## v" not in result.stdout
        assert result.stderr == (
            "note: no version matches --since 2030-01-01; check the dates and ids against the full report\n"
        )

    def test_timeline_says_so_too(self, run) -> None:  # type: ignore[no-untyped-def]
        result = run("timeline", "--until", "2000-01-01", "--family", "dialogue")
        assert "note: no version matches --until 2000-01-01, --family dialogue" in result.stderr

    def test_no_note_when_something_matches(self, run) -> None:  # type: ignore[no-untyped-def]
        assert run("report", "--since", "2023-01-01").stderr == ""


class TestOtherCommands:
    def test_version(self, run) -> None:  # type: ignore[no-untyped-def]
        """--version prints the version."""
        assert run("--version").stdout == f"commitwatch {__version__}\n"

    def test_check_passes_on_the_shipped_catalog(self, run) -> None:  # type: ignore[no-untyped-def]
        """check summarises entries, cues and examples, exit 0."""
        result = run("check")
        assert result.exit_code == 0
        assert "examples passed: ok" in result.stdout

    def test_check_fails_with_file_line_entry(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A failing example: file:line: entry: expected ..., got ..., and exit 1."""
        catalog = shutil.copytree(shipped_catalog(), tmp_path / "catalog")
        path = catalog / "human_rights.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("level: immediate_resolution\n", "level: mentioned\n", 1), encoding="utf-8")
        result = run("check", "--catalog", str(catalog))
        assert result.exit_code == 1
        assert "human_rights.yaml:" in result.stderr
        assert (
            "human_rights.abductions: expected immediate_resolution (affirmed), got mentioned (affirmed)"
            in result.stderr
        )
        assert "2 failed" in result.stdout

    def test_timeline(self, run) -> None:  # type: ignore[no-untyped-def]
        """timeline prints only the table."""
        text = run("timeline").stdout
        assert text.startswith("| Commitment |")
        assert "## v" not in text

    def test_explain_file(self, run) -> None:  # type: ignore[no-untyped-def]
        """explain shows each hit sentence with cue, level, holders and modifiers."""
        result = run("explain", str(shipped_seeds() / "000_9374126f18d855f6.txt"))
        assert result.exit_code == 0
        assert (
            "deterrence.extended_deterrence: intensified, extended_deterrence (affirmed); holders: United States [subject]"
            in result.stdout
        )
        assert "stance: a committing predicate: 'commitments'; intensified by 'steadfast'" in result.stdout
        assert "booster 'steadfast'" in result.stdout

    def test_explain_counts_in_words_and_writes_json_to_a_file(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        one = run("explain", "-", input="We discussed the weather.\n")
        assert one.stdout.startswith("stdin.txt: 1 sentence, 0 with matches")
        target = tmp_path / "explained.json"
        result = run(
            "explain", "--format", "json", "-o", str(target), str(shipped_seeds() / "000_9374126f18d855f6.txt")
        )
        assert (result.exit_code, result.stdout) == (0, "")
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["sentences"] == 14
        assert data["explanations"][0]["observations"][0]["stance"] in (
            "mentioned",
            "urged",
            "committed",
            "intensified",
        )

    def test_timeline_to_a_file(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        target = tmp_path / "timeline.md"
        assert run("timeline", "-o", str(target)).stdout == ""
        assert target.read_text(encoding="utf-8") == run("timeline").stdout

    def test_seeds_shows_where_the_shipped_statements_are(self, run) -> None:  # type: ignore[no-untyped-def]
        assert run("seeds", "--path").stdout == f"{shipped_seeds()}\n"
        listing = run("seeds").stdout
        assert f"catalog: {shipped_catalog()}" in listing
        assert "  2022-05-27  000_9374126f18d855f6.txt  Joint Statement" in listing

    def test_explain_stdin_with_near_misses(self, run) -> None:  # type: ignore[no-untyped-def]
        """explain - reads stdin; --commitment shows why a cue did not count."""
        result = run(
            "explain",
            "-",
            "--commitment",
            "security_cooperation.regional_security",
            input="As the launch threatens peace, we must maintain peace and stability in the region.\n",
        )
        assert result.exit_code == 0
        assert "near miss security_cooperation.regional_security" in result.stdout
        assert "exclusion" in result.stdout

    def test_explain_unknown_commitment(self, run) -> None:  # type: ignore[no-untyped-def]
        """An unknown --commitment is an error with a hint."""
        result = run("explain", "-", "--commitment", "dialogue.door", input="Text.\n")
        assert result.exit_code == 1
        assert "unknown commitment 'dialogue.door'" in result.stderr

    def test_python_dash_m(self) -> None:
        """`python -m commitwatch` is the same command."""
        import subprocess
        import sys

        result = subprocess.run(
            [sys.executable, "-m", "commitwatch", "--version"], capture_output=True, text=True, check=True
        )
        assert result.stdout == f"commitwatch {__version__}\n"
