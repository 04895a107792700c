"""The run (commitwatch.stream): the same changelog as loading everything, in bounded memory, on any number of cores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from commitwatch import Catalog, load_catalog, load_statements, shipped_catalog, shipped_seeds, stream, track
from commitwatch.run import resolve_jobs


def track_files(*sources, **options):  # type: ignore[no-untyped-def]
    """The whole changelog of a run."""
    with stream(*sources, **options) as run:
        return run.changelog()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(shipped_catalog())


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seeds, plus dated re-issues of them and blog copies of those, plus a file to skip."""
    folder = shutil.copytree(shipped_seeds(), tmp_path / "corpus")
    bodies = sorted(path for path in shipped_seeds().glob("00[0234]_*.txt"))
    for number in range(12):
        source = bodies[number % len(bodies)].read_text(encoding="utf-8")
        marker = f"Issue {number}: the ministers met on day {number}."
        text = f"---\ndate: 2024-01-{number + 1:02d}\n---\n{source}\n{marker}\n"
        (folder / f"re{number:02d}.txt").write_text(text, encoding="utf-8")
        if number % 4 == 0:
            copy = "Office of the Spokesperson\n" + source.replace("'", "’") + f"\n{marker}\nNo comments:\n"
            (folder / f"copy{number:02d}.txt").write_text(copy, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


class TestTrackFiles:
    def test_same_as_loading_everything(self, corpus: Path, catalog: Catalog) -> None:
        """Streaming gives the changelog that load_statements + track gives."""
        assert track_files(corpus, catalog=catalog, jobs=1) == track(load_statements(corpus), catalog)

    def test_same_with_two_processes(self, corpus: Path, catalog: Catalog) -> None:
        """--jobs 2 gives exactly the output of --jobs 1."""
        assert track_files(corpus, catalog=catalog, jobs=2) == track_files(corpus, catalog=catalog, jobs=1)

    def test_copies_and_skips_are_kept(self, corpus: Path, catalog: Catalog) -> None:
        """Blog copies are folded into their originals; the empty file is reported."""
        changelog = track_files(corpus, catalog=catalog, jobs=1)
        variants = {variant.id for version in changelog.versions for variant in version.variants}
        assert {"copy00", "copy04", "copy08", "001_b6367e51516747ce"} <= variants
        assert [(item.path, item.reason) for item in changelog.skipped] == [("empty.txt", "empty file")]

    def test_progress_is_reported(self, corpus: Path, catalog: Catalog) -> None:
        """on_statement sees every file, with the total."""
        seen: list[tuple[int, int]] = []
        track_files(corpus, catalog=catalog, jobs=1, on_statement=lambda done, total: seen.append((done, total)))
        assert seen[-1][0] == seen[-1][1] == len(seen)


class TestResolveJobs:
    def test_small_corpora_stay_in_one_process(self) -> None:
        """Starting workers costs more than a few statements take."""
        assert resolve_jobs(None, 10) == 1

    def test_explicit_jobs_win(self) -> None:
        """--jobs N is taken as given."""
        assert resolve_jobs(3, 10) == 3


class TestBadInputMidRun:
    def test_vanished_and_binary_files_leave_the_rest_intact(
        self, corpus: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file that disappears after listing, and a binary file, are skipped with reasons; the rest reads as before."""
        import commitwatch.run.engine as pipeline

        before = track_files(corpus, catalog=catalog, jobs=1)
        (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 50)
        vanishing = corpus / "zz_vanishing.txt"
        vanishing.write_text("Title\n2025-01-01\n\nWe reaffirm our commitment to diplomacy.\n", encoding="utf-8")
        real_plan = pipeline.plan

        def plan_then_delete(*args, **kwargs):  # type: ignore[no-untyped-def]
            planned = real_plan(*args, **kwargs)
            vanishing.unlink()  # gone between listing and reading
            return planned

        monkeypatch.setattr(pipeline, "plan", plan_then_delete)
        after = track_files(corpus, catalog=catalog, jobs=1)
        assert after.versions == before.versions
        reasons = {item.path: item.reason for item in after.skipped}
        assert reasons["binary.txt"] == "binary file, not text"
        assert reasons["zz_vanishing.txt"].startswith("cannot read the file")


class TestPackedWords:
    """A statement's words wait on disk, packed, until it may be a copy: packing loses nothing."""

    def test_round_trip_of_a_seed(self, seeds_corpus) -> None:  # type: ignore[no-untyped-def]
        from commitwatch.load.copies import body_words as words_of
        from commitwatch.load.copies import pack_words, unpack_words

        for statement in seeds_corpus.statements:
            words = words_of(statement)
            assert words.words
            assert unpack_words(pack_words(words)) == words

    def test_round_trip_of_no_words_and_of_other_scripts(self) -> None:
        from commitwatch.load.copies import BodyWords as Words
        from commitwatch.load.copies import pack_words, unpack_words

        for words in (Words((), ()), Words(("한미일", "dprk’s", "ünd"), (0, 10, 4_000_000_000))):
            assert unpack_words(pack_words(words)) == words
