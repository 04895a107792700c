"""Hostile and broken input: each attack ends in a clear error or a skip record, quickly, and
nothing outside the requested output is touched. One test per attack that once succeeded."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from commitwatch import load_statements, shipped_catalog, shipped_seeds
from commitwatch.cli import cli

SEED = shipped_seeds() / "000_9374126f18d855f6.txt"
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and signals are POSIX")


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def _statement(folder: Path, name: str = "a.txt", front: str = "title: A\ndate: 2024-01-01\n") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front}---\nWe reaffirm our commitment to dialogue with the DPRK.\n", encoding="utf-8")
    return path


class TestGitRevisions:
    def test_a_revision_that_looks_like_an_option_never_reaches_git_as_one(self, tmp_path: Path) -> None:
        """`--base-catalog=--output=FILE` once made git truncate FILE."""
        victim = tmp_path / "victim.txt"
        victim.write_text("keep me\n", encoding="utf-8")
        result = _run("diff", f"--base-catalog=--output={victim}", "--catalog", str(shipped_catalog()))
        assert result.exit_code == 2
        assert "neither a folder nor a git revision" in result.stderr
        assert victim.read_text(encoding="utf-8") == "keep me\n"

    @posix_only
    def test_a_base_revision_whose_catalog_holds_an_outward_link_is_an_error(self, tmp_path: Path) -> None:
        repo = tmp_path / "repo"
        shutil.copytree(Path(__file__).parent / "fixtures" / "catalog", repo / "catalog")
        (repo / "catalog" / "evil.yaml").symlink_to("/etc/passwd")
        git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
        for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "with a link"]):
            subprocess.run([*git, *command], check=True, capture_output=True)
        (repo / "catalog" / "evil.yaml").unlink()
        result = _run("diff", "--base-catalog", "HEAD", "--catalog", str(repo / "catalog"), str(SEED))
        assert result.exit_code == 2
        assert "catalog/evil.yaml is a link or path that leads outside the catalog folder" in result.stderr


@posix_only
class TestOnlyRegularFiles:
    def test_a_fifo_among_the_statements_is_skipped_not_read_forever(self, tmp_path: Path) -> None:
        folder = tmp_path / "statements"
        _statement(folder)
        os.mkfifo(folder / "pipe.txt")
        corpus = load_statements(folder)
        assert [s.reason for s in corpus.skipped] == ["not a regular file (a pipe, device or socket)"]
        assert len(corpus.statements) == 1

    def test_a_device_named_on_the_command_line_is_skipped(self) -> None:
        result = _run("report", "/dev/zero")
        assert result.exit_code == 0
        assert "`zero`: not a regular file" in result.stdout

    def test_a_fifo_under_the_manifest_name_is_refused(self, tmp_path: Path) -> None:
        folder = tmp_path / "statements"
        _statement(folder)
        os.mkfifo(folder / "statements.yaml")
        result = _run("report", str(folder))
        assert result.exit_code == 1
        assert "statements.yaml: the manifest is not a regular file" in result.stderr

    def test_a_statement_past_the_size_limit_is_skipped(self, tmp_path: Path) -> None:
        folder = tmp_path / "statements"
        _statement(folder)
        corpus = load_statements(folder, max_bytes=64)
        assert corpus.skipped[0].reason == "larger than 64 bytes, more than any statement"
        result = _run("report", str(folder), "--max-size", "0.00005")
        assert "`a.txt`: larger than 52 bytes" in result.stdout
        assert "## Skipped files" not in _run("report", str(folder), "--max-size", "1").stdout


class TestOutputFile:
    @posix_only
    def test_refuses_a_device_and_a_fifo(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        for target in ("/dev/null", str(fifo)):
            result = _run("report", "-o", target)
            assert result.exit_code == 1
            assert "not a regular file" in result.stderr
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)

    def test_refuses_a_file_with_other_hard_links(self, tmp_path: Path) -> None:
        target = tmp_path / "report.md"
        target.write_text("old\n", encoding="utf-8")
        os.link(target, tmp_path / "other-name.md")
        result = _run("report", "-o", str(target))
        assert result.exit_code == 1
        assert "other hard links" in result.stderr
        assert (tmp_path / "other-name.md").read_text(encoding="utf-8") == "old\n"

    def test_writes_through_a_symbolic_link(self, tmp_path: Path) -> None:
        real = tmp_path / "real.md"
        real.write_text("old\n", encoding="utf-8")
        (tmp_path / "link.md").symlink_to(real)
        assert _run("report", "-o", str(tmp_path / "link.md")).exit_code == 0
        assert (tmp_path / "link.md").is_symlink()
        assert real.read_text(encoding="utf-8").startswith("# Commitment changelog")

    def test_keeps_an_existing_mode_and_honours_the_umask(self, tmp_path: Path) -> None:
        kept = tmp_path / "kept.md"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o640)
        assert _run("report", "-o", str(kept)).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
        umask = os.umask(0o027)
        try:
            assert _run("report", "-o", str(tmp_path / "new.md")).exit_code == 0
        finally:
            os.umask(umask)
        assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640

    def test_refuses_every_input_the_cleaning_rules_and_the_manifest_too(self, tmp_path: Path) -> None:
        folder = shutil.copytree(shipped_seeds(), tmp_path / "seeds")
        rules = tmp_path / "rules.yaml"
        rules.write_text("rules: []\n", encoding="utf-8")
        for target in (rules, folder / "statements.yaml"):
            before = target.read_bytes()
            result = _run("report", str(folder), "--cleaning", str(rules), "-o", str(target))
            assert result.exit_code == 1
            assert "one of this run's input files" in result.stderr
            assert target.read_bytes() == before


class TestBrokenYaml:
    @pytest.mark.parametrize("value", ["!!int abc", "!!float zz", "!!timestamp x", "!!set x", "!!binary ###"])
    def test_a_bad_tagged_value_in_front_matter_skips_that_file_only(self, tmp_path: Path, value: str) -> None:
        folder = tmp_path / "statements"
        _statement(folder, "good.txt")
        _statement(folder, "bad.txt", front=f"title: {value}\ndate: 2024-02-01\n")
        corpus = load_statements(folder)
        assert [s.path for s in corpus.skipped] == ["bad.txt"]
        assert corpus.skipped[0].reason.startswith("broken front matter")

    @pytest.mark.parametrize(("name", "text"), [("statements.yaml", "justaword\n"), ("cleaning.yaml", "- 1\n- 2\n")])
    def test_a_manifest_or_rules_file_of_the_wrong_shape_is_a_located_error(
        self, tmp_path: Path, name: str, text: str
    ) -> None:
        folder = tmp_path / "statements"
        _statement(folder)
        (folder / name).write_text(text, encoding="utf-8")
        result = _run("report", str(folder))
        assert result.exit_code == 1
        assert f"{name}:1: expected keys and values" in result.stderr
        assert "Traceback" not in result.stderr


class TestUsersRegularExpressions:
    """A `regex:` cue or a cleaning rule runs in linear time (RE2): no expression hangs a run."""

    def _catalog_with_regex(self, tmp_path: Path, regex: str) -> Path:
        catalog = shutil.copytree(Path(__file__).parent / "fixtures" / "catalog", tmp_path / "catalog")
        path = catalog / "talks.yaml"
        text = path.read_text(encoding="utf-8")
        cue = f"      - regex: '{regex}'\n        anchors: [aaaa]\n        level: offered\n"
        path.write_text(text.replace("    cues:\n", "    cues:\n" + cue, 1), encoding="utf-8")
        return catalog

    def test_a_catastrophic_regex_cue_runs_in_linear_time(self, tmp_path: Path) -> None:
        catalog = self._catalog_with_regex(tmp_path, "(a+)+b")
        folder = tmp_path / "statements"
        _statement(folder, front="title: A\ndate: 2024-01-01\n")
        (folder / "a.txt").write_text(
            "---\ntitle: A\ndate: 2024-01-01\n---\nWe offer talks aaaa" + "a" * 5000 + "c.\n", encoding="utf-8"
        )
        result = _run("report", str(folder), "--catalog", str(catalog))
        assert result.exit_code == 0, result.stderr

    def test_a_lookaround_is_refused_at_load_with_its_line(self, tmp_path: Path) -> None:
        catalog = self._catalog_with_regex(tmp_path, "(?<!no )aaaa")
        result = _run("check", "--catalog", str(catalog))
        assert result.exit_code == 1
        assert "talks.yaml:" in result.stderr
        assert "linear time" in result.stderr

    def test_a_catastrophic_cleaning_rule_runs_in_linear_time(self, tmp_path: Path) -> None:
        rules = tmp_path / "rules.yaml"
        rules.write_text("rules:\n  - name: bad\n    action: drop-line\n    pattern: '(a+)+$'\n", encoding="utf-8")
        folder = tmp_path / "statements"
        folder.mkdir()
        (folder / "a.txt").write_text(
            "---\ntitle: A\ndate: 2024-01-01\n---\n" + "a" * 5000 + "!\nWe offer talks.\n", encoding="utf-8"
        )
        result = _run("report", str(folder), "--cleaning", str(rules))
        assert result.exit_code == 0, result.stderr


class TestOwnPatterns:
    def test_a_word_of_punctuation_alone_is_refused(self) -> None:
        """Found by the property tests: "-(s)" as a word let underscores split between separators in
        countless ways (60 s on 400 characters)."""
        from commitwatch.matching.patterns import PatternError, compile_pattern

        with pytest.raises(PatternError, match="has no letter or digit"):
            compile_pattern("{a|b}-(s)-(s)*-{a|b}", require_anchor=False)
        assert compile_pattern("U.S.-ROK", require_anchor=False).regex


class TestOddButHonestInput:
    def test_a_comma_in_a_collective_subject_is_a_located_catalog_error(self, tmp_path: Path) -> None:
        catalog = shutil.copytree(Path(__file__).parent / "fixtures" / "catalog", tmp_path / "catalog")
        path = catalog / "catalog.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace('["we",', '["we, the leaders",'), encoding="utf-8")
        result = _run("check", "--catalog", str(catalog))
        assert result.exit_code == 1
        assert "catalog.yaml:24: collective subject 'we, the leaders'" in result.stderr

    def test_explain_reads_latin1_bytes_from_stdin(self) -> None:
        result = CliRunner().invoke(cli, ["explain", "-"], input=b"We reaffirm our commitment to dialogue \xe9t\xe9.\n")
        assert result.exit_code == 0, result.stderr
        assert "dialogue.door_open" in result.stdout

    @posix_only
    def test_a_symbolic_link_loop_is_skipped(self, tmp_path: Path) -> None:
        folder = tmp_path / "statements"
        _statement(folder)
        (folder / "loop.txt").symlink_to(folder / "loop2.txt")
        (folder / "loop2.txt").symlink_to(folder / "loop.txt")
        corpus = load_statements(folder)
        assert len(corpus.statements) == 1
        assert {s.path for s in corpus.skipped} == {"loop.txt", "loop2.txt"}

    def test_utf16_with_a_byte_order_mark_is_text(self, tmp_path: Path) -> None:
        folder = tmp_path / "statements"
        text = "---\ntitle: A\ndate: 2024-01-01\n---\nWe reaffirm our commitment to dialogue.\n"
        folder.mkdir()
        (folder / "a.txt").write_bytes(text.encode("utf-16"))
        corpus = load_statements(folder)
        assert corpus.skipped == ()
        assert corpus.statements[0].meta.title == "A"

    def test_a_manifest_entry_written_with_a_leading_dot_applies(self, tmp_path: Path) -> None:
        folder = tmp_path / "statements"
        folder.mkdir()
        (folder / "x.txt").write_text("We reaffirm our commitment to dialogue.\n", encoding="utf-8")
        (folder / "statements.yaml").write_text(
            "statements:\n  - file: ./x.txt\n    date: 2024-01-01\n    title: X\n", encoding="utf-8"
        )
        corpus = load_statements(folder)
        assert [s.meta.title for s in corpus.statements] == ["X"]


class TestFileNames:
    def test_a_name_that_is_not_utf8_gives_valid_reports(self, tmp_path: Path) -> None:
        folder = tmp_path / "statements"
        folder.mkdir()
        try:
            handle = open(os.fsencode(folder) + b"/st\xffx.txt", "wb")  # noqa: SIM115
        except OSError:
            pytest.skip("this file system wants UTF-8 names")
        with handle:
            handle.write(b"---\ntitle: A\ndate: 2024-01-01\n---\nWe reaffirm our commitment to dialogue.\n")
        result = _run("report", str(folder), "--format", "json")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout_bytes.decode("utf-8"))  # strict: valid UTF-8
        assert data["versions"][0]["path"] == "st\ufffdx.txt"
        assert _run("report", str(folder)).exit_code == 0
        target = os.fsdecode(os.fsencode(tmp_path) + b"/out\xff.md")
        assert _run("report", str(folder), "-o", target).exit_code == 0
        assert Path(target).is_file()


class TestProcesses:
    def test_jobs_are_clamped_to_the_cores_with_a_note(self) -> None:
        result = _run("report", "--jobs", "1000")
        assert result.exit_code == 0
        assert f"using {os.cpu_count() or 1}" in result.stderr

    @posix_only
    @pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads child processes from /proc")
    @pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
    def test_a_stop_removes_the_temporary_file_and_stops_the_workers(self, tmp_path: Path, stop: int) -> None:
        """SIGTERM or Ctrl-C while `report -o` runs with workers: exit 128 + the signal, no hidden
        temporary file, no orphaned worker, at once (it once hung in the pool's locks)."""
        folder = tmp_path / "corpus"
        folder.mkdir()
        text = SEED.read_text(encoding="utf-8")
        for number in range(600):
            day = dt.date(1901, 1, 1) + dt.timedelta(days=number)
            (folder / f"s{number:04d}.txt").write_text(f"---\ntitle: S{number}\ndate: {day}\n---\n{text}", "utf-8")
        out = tmp_path / "out" / "report.md"
        out.parent.mkdir()
        errors = tmp_path / "stderr.txt"
        with errors.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "commitwatch", "report", str(folder), "--jobs", "2", "-o", str(out)],
                stderr=stderr,
            )
        children: list[int] = []
        deadline = time.monotonic() + 60
        while not children and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            children = _children(process.pid)
        if not children:
            process.wait()
            pytest.skip("the run ended before its workers could be seen")
        process.send_signal(stop)
        status = process.wait(timeout=60)
        if status == 0:
            pytest.skip("the run ended before the signal came")
        assert status == 128 + stop, errors.read_text(encoding="utf-8", errors="replace")
        assert list(out.parent.iterdir()) == []
        time.sleep(0.5)
        assert [pid for pid in children if _alive(pid)] == []


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
