"""Loading statements: the seeds as a careful reader sees them, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitwatch import (
    CommitwatchError,
    Corpus,
    InputError,
    SkippedFile,
    Statement,
    StatementError,
    load_statement,
    load_statements,
    make_converter,
    shipped_seeds,
)

SEED_000 = "000_9374126f18d855f6"
SEED_001 = "001_b6367e51516747ce"
SEED_002 = "002_f56e1ecdd6895b76"
SEED_003 = "003_46aec85189a962c6"
SEED_004 = "004_98d10b9dfbac6c7a"

BODY = (
    "The United States, Japan, and the Republic of Korea strongly condemn the launch. "
    "We reaffirm our commitment to the complete denuclearization of the Korean Peninsula.\n"
)


class TestSeeds:
    """What a careful reader finds in each shipped seed."""

    @pytest.mark.parametrize(
        ("statement_id", "date"),
        [
            (SEED_000, dt.date(2022, 5, 27)),
            (SEED_003, dt.date(2023, 7, 14)),
            (SEED_004, dt.date(2023, 10, 25)),
            (SEED_002, dt.date(2023, 12, 21)),
        ],
    )
    def test_date(self, seeds_corpus: Corpus, statement_id: str, date: dt.date) -> None:
        """Each canonical seed has the date from the manifest (the rule in dates.md)."""
        assert seeds_corpus.by_id(statement_id).meta.date == date

    def test_date_order(self, seeds_corpus: Corpus) -> None:
        """Statements come oldest first; the republished copy counts once."""
        assert [s.id for s in seeds_corpus.statements] == [SEED_000, SEED_003, SEED_004, SEED_002]

    @pytest.mark.parametrize(
        ("statement_id", "title_start"),
        [
            (SEED_000, "Joint Statement by Secretary of State Antony J. Blinken, Japanese Minister"),
            (SEED_003, "Joint Statement by Secretary Blinken, Japanese Foreign Minister Hayashi"),
            (SEED_004, "U.S.-Japan-ROK Joint Statement Condemning DPRK-Russia Arms Transfers"),
            (SEED_002, "Joint Statement by U.S. Secretary of State Antony J. Blinken, Japanese Minister"),
        ],
    )
    def test_title(self, seeds_corpus: Corpus, statement_id: str, title_start: str) -> None:
        """Each seed has its title."""
        assert seeds_corpus.by_id(statement_id).meta.title.startswith(title_start)

    @pytest.mark.parametrize(
        ("statement_id", "first", "last"),
        [
            (
                SEED_000,
                "The United States, the Republic of Korea (ROK), and Japan strongly condemn recent",
                "We also reaffirm the importance of achieving a swift resolution to the abductions issue.",
            ),
            (
                SEED_003,
                "The United States, Republic of Korea, and Japan strongly condemn the launch of an",
                "The United States, ROK, and Japan urge the DPRK to cease its unlawful and escalatory actions "
                "and promptly return to dialogue.",
            ),
            (
                SEED_004,
                "The United States, Japan, and the Republic of Korea (ROK) strongly condemn the provision",
                "We urge the DPRK and Russia to abide by relevant UN Security Council resolutions and "
                "immediately cease all activities that violate them.",
            ),
            (
                SEED_002,
                "The United States, Japan, and the Republic of Korea strongly condemn the Democratic",
                "Together with the international community, we call on the DPRK to stop conducting further "
                "provocations and accept our call for engaging in substantive dialogue without preconditions.",
            ),
        ],
    )
    def test_first_and_last_sentence(self, seeds_corpus: Corpus, statement_id: str, first: str, last: str) -> None:
        """The cleaned body starts at the statement's first sentence and ends at its last."""
        statement = seeds_corpus.by_id(statement_id)
        assert statement.sentences[0].text.startswith(first)
        assert statement.sentences[-1].text == last

    def test_003_has_nothing_after_end_text(self, seeds_corpus: Corpus) -> None:
        """The readout and spoken remarks after "End Text" in 003 are not part of the statement."""
        body = seeds_corpus.by_id(SEED_003).body
        for outside in ("Spokesperson Matthew Miller", "SECRETARY BLINKEN", "good evening", "Read the full text"):
            assert outside not in body
        assert seeds_corpus.by_id(SEED_003).body.endswith("promptly return to dialogue.")

    def test_001_is_a_variant_of_000_with_the_changed_word(self, seeds_corpus: Corpus) -> None:
        """The blog copy is found from its text; the one changed word is named."""
        variants = seeds_corpus.by_id(SEED_000).variants
        assert [v.id for v in variants] == [SEED_001]
        [change] = variants[0].changes
        assert (change.canonical, change.variant) == ("to", "of")
        assert "fewer cleaning steps" in variants[0].reason

    def test_variant_change_offsets_point_at_the_words(self, seeds_corpus: Corpus) -> None:
        """The offsets of a changed word point at it in each file's original text."""
        canonical = seeds_corpus.by_id(SEED_000)
        [change] = canonical.variants[0].changes
        assert canonical.text[change.canonical_start : change.canonical_start + 2] == "to"
        blog = (shipped_seeds() / f"{SEED_001}.txt").read_text(encoding="utf-8")
        assert blog[change.variant_start : change.variant_start + 2] == "of"

    def test_no_blog_footer_survives(self, seeds_corpus: Corpus) -> None:
        """No "No comments" or "Post a Comment" is left in any body."""
        for statement in seeds_corpus.statements:
            assert "No comments" not in statement.body
            assert "Post a Comment" not in statement.body

    def test_sentences_quote_the_original_characters(self, seeds_corpus: Corpus) -> None:
        """Every sentence's text is exactly its span of the original file; curly quotes are kept."""
        for statement in seeds_corpus.statements:
            for sentence in statement.sentences:
                assert statement.text[sentence.start : sentence.end] == sentence.text
        assert "DPRK’s" in seeds_corpus.by_id(SEED_003).sentences[2].text
        assert "DPRK's" in seeds_corpus.by_id(SEED_003).sentences[2].normalized

    def test_abbreviations_do_not_split_sentences(self, seeds_corpus: Corpus) -> None:
        """ "U.S.-ROK" and "U.S.-Japan" stay inside their sentence."""
        texts = [s.text for s in seeds_corpus.by_id(SEED_000).sentences]
        assert any(text.startswith("In response to the DPRK's") and "U.S.-Japan exercises" in text for text in texts)

    def test_every_step_is_recorded(self, seeds_corpus: Corpus) -> None:
        """003's cleaning log names the banner, title, dateline, preamble, markers and quotes."""
        rules = [step.rule for step in seeds_corpus.by_id(SEED_003).cleaning]
        for rule in ("site-banner", "title", "dateline", "release-preamble", "begin-text", "end-text"):
            assert rule in rules
        assert "straighten-quotes" in rules

    def test_content_hash_is_of_the_file_bytes(self, seeds_corpus: Corpus) -> None:
        """The sha256 lets anyone check which exact file an observation came from."""
        statement = seeds_corpus.by_id(SEED_002)
        data = (shipped_seeds() / statement.path).read_bytes()
        assert statement.sha256 == hashlib.sha256(data).hexdigest()

    def test_json_round_trip(self, seeds_corpus: Corpus) -> None:
        """The whole corpus survives cattrs to JSON-ready data and back."""
        converter = make_converter()
        assert converter.structure(converter.unstructure(seeds_corpus), Corpus) == seeds_corpus


class TestDates:
    """Dates are never guessed."""

    def test_dateline_in_header(self, write) -> None:  # type: ignore[no-untyped-def]
        """A dateline line above the body gives the date when there is no metadata."""
        path = write("a.txt", "Joint Statement on Something\nJuly 14, 2023\n\n" + BODY)
        statement = load_statement(path)
        assert (statement.meta.date, statement.meta.date_source) == (dt.date(2023, 7, 14), "dateline")

    def test_date_in_body_is_not_a_release_date(self, write) -> None:  # type: ignore[no-untyped-def]
        """ "the May 25 launches" in the body does not date the statement: it is skipped."""
        write("a.txt", "We condemn the May 25, 2022 launches.\n" + BODY)
        corpus = load_statements(write("b.txt", "Dated\n2023-01-02\n\n" + BODY).parent)
        [skipped] = corpus.skipped
        assert skipped.path == "a.txt"
        assert skipped.reason.startswith("no date")
        assert "date: YYYY-MM-DD" in skipped.hint

    def test_manifest_wins_over_dateline_and_the_disagreement_is_recorded(self, write) -> None:  # type: ignore[no-untyped-def]
        """When the manifest and the dateline disagree, the manifest's date is used and noted."""
        write("statements.yaml", "statements:\n  - file: a.txt\n    date: 2023-12-20\n")
        path = write("a.txt", "December 21, 2023\n\n" + BODY)
        statement = load_statement(path)
        assert statement.meta.date == dt.date(2023, 12, 20)
        [note] = [step for step in statement.cleaning if step.rule == "date-disagreement"]
        assert "2023-12-21" in note.reason

    def test_no_date_skip_names_the_manifest(self, write) -> None:  # type: ignore[no-untyped-def]
        """The skip record says where to add the date."""
        write("statements.yaml", "statements:\n  - file: a.txt\n    title: A\n")
        corpus = load_statements(write("a.txt", BODY).parent.joinpath("a.txt").parent)
        [skipped] = corpus.skipped
        assert skipped.hint == "add 'date: YYYY-MM-DD' for a.txt in " + skipped.hint.split(" in ", 1)[1]
        assert skipped.hint.endswith("statements.yaml")


class TestFrontMatter:
    """A statement may carry its own metadata."""

    def test_front_matter_is_read_and_unknown_keys_kept(self, write) -> None:  # type: ignore[no-untyped-def]
        """Known keys become metadata; unknown keys are kept as extra, not rejected."""
        path = write(
            "a.md",
            "---\ntitle: A statement\ndate: 2024-01-02\nparties: [United States, Japan]\nlayout: post\n---\n" + BODY,
        )
        statement = load_statement(path)
        assert statement.meta.title == "A statement"
        assert statement.meta.date == dt.date(2024, 1, 2)
        assert statement.meta.parties == ("United States", "Japan")
        assert statement.meta.extra == {"layout": "post"}
        assert statement.sentences[0].start == statement.text.index("The United States")

    def test_broken_front_matter_is_skipped_with_its_line(self, write) -> None:  # type: ignore[no-untyped-def]
        """Broken YAML in the front matter names the file and line."""
        write("a.md", "---\ntitle: A\ndate: [2024\n---\n" + BODY)
        corpus = load_statements(write("b.md", "---\ndate: 2024-01-01\n---\n" + BODY).parent)
        [skipped] = corpus.skipped
        assert (skipped.path, skipped.line) == ("a.md", 4)
        assert "front matter" in skipped.reason

    def test_bad_front_matter_date(self, write) -> None:  # type: ignore[no-untyped-def]
        """A date that is not YYYY-MM-DD is reported with its line."""
        with pytest.raises(StatementError, match=r"a.md:3: broken front matter: front matter 'date'.*YYYY-MM-DD"):
            load_statement(write("a.md", "---\ntitle: A\ndate: 14 July\n---\n" + BODY))

    def test_unterminated_front_matter(self, write) -> None:  # type: ignore[no-untyped-def]
        """A front matter block without its closing line is reported."""
        with pytest.raises(StatementError, match="never ends"):
            load_statement(write("a.md", "---\ntitle: A\n" + BODY))


class TestManifest:
    """Our own manifest is strict."""

    def test_unknown_key_with_did_you_mean(self, write) -> None:  # type: ignore[no-untyped-def]
        """A misspelt key is an error naming the file, line and the likely key."""
        write("statements.yaml", "statements:\n  - file: a.txt\n    titel: A\n    date: 2024-01-01\n")
        write("a.txt", BODY)
        with pytest.raises(StatementError, match=r"statements.yaml:3: unknown key 'titel'.*did you mean 'title'\?"):
            load_statements(write("a.txt", BODY).parent)

    def test_all_problems_in_one_pass(self, write) -> None:  # type: ignore[no-untyped-def]
        """Every mistake in the manifest is reported at once."""
        write(
            "statements.yaml",
            "statements:\n  - file: a.txt\n    dat: 2024-01-01\n  - file: b.txt\n    date: soon\n    parties: Japan\n",
        )
        with pytest.raises(StatementError) as caught:
            load_statements(write("a.txt", BODY).parent)
        assert [(p.line, p.what.split(" (")[0]) for p in caught.value.problems] == [
            (3, "unknown key 'dat'"),
            (5, "'soon' is not a date: write it as YYYY-MM-DD"),
            (6, "expected a list, got str 'Japan': write it as [a, b] or one '- item' per line"),
        ]

    def test_duplicate_key(self, write) -> None:  # type: ignore[no-untyped-def]
        """A key given twice is an error, not a silent overwrite."""
        write("statements.yaml", "statements:\n  - file: a.txt\n    date: 2024-01-01\n    date: 2024-01-02\n")
        with pytest.raises(StatementError, match=r"statements.yaml:4: duplicate key 'date' \(first at line 3\)"):
            load_statements(write("a.txt", BODY).parent)

    def test_missing_file_is_skipped(self, write) -> None:  # type: ignore[no-untyped-def]
        """A file the manifest lists but that is not there is reported as skipped, with the line."""
        write("statements.yaml", "statements:\n  - file: gone.txt\n    date: 2024-01-01\n")
        write("a.txt", "Title\n2024-01-01\n\n" + BODY)
        corpus = load_statements(write("a.txt", "Title\n2024-01-01\n\n" + BODY).parent)
        [skipped] = corpus.skipped
        assert (skipped.path, skipped.line) == ("gone.txt", 2)
        assert "missing" in skipped.reason

    def test_file_outside_the_folder(self, write) -> None:  # type: ignore[no-untyped-def]
        """A manifest may not reach outside its folder."""
        write("statements.yaml", "statements:\n  - file: ../elsewhere.txt\n")
        with pytest.raises(StatementError, match=r"statements.yaml:2: '../elsewhere.txt' is outside"):
            load_statements(write("a.txt", BODY).parent)

    def test_broken_yaml(self, write) -> None:  # type: ignore[no-untyped-def]
        """Broken YAML is located."""
        write("statements.yaml", "statements:\n  - file: a.txt\n   date: 2024\n")
        with pytest.raises(StatementError, match=r"statements.yaml:3: invalid YAML"):
            load_statements(write("a.txt", BODY).parent)


class TestBadInput:
    """Bad input ends in a skip record or our own error, never a traceback or silence."""

    def test_empty_file(self, write) -> None:  # type: ignore[no-untyped-def]
        """An empty file is skipped and says so."""
        with pytest.raises(StatementError, match=r"a\.txt: empty file; add the statement's text"):
            load_statement(write("a.txt", "  \n\n"))

    def test_binary_file(self, write) -> None:  # type: ignore[no-untyped-def]
        """A binary file is skipped and says so."""
        with pytest.raises(StatementError, match=r"a\.txt: binary file, not text; convert it to plain UTF-8"):
            load_statement(write("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10))

    def test_not_utf8_names_the_fallback(self, write) -> None:  # type: ignore[no-untyped-def]
        """Windows-1252 text is read, and the log says which fallback was used and where."""
        path = write(
            "a.txt", ("Title\n2024-01-01\n\n" + BODY.replace("condemn", "condemn \u201cthe\u201d")).encode("cp1252")
        )
        statement = load_statement(path)
        assert statement.encoding == "windows-1252"
        [step] = [step for step in statement.cleaning if step.rule == "decode-fallback"]
        assert "not valid UTF-8 (byte 0x93 at offset" in step.reason

    def test_mojibake_is_repaired_for_matching_and_kept_in_the_original(self, write) -> None:  # type: ignore[no-untyped-def]
        """ftfy repairs "DPRKâ€™s"; the sentence still quotes the original characters."""
        damaged = "Title\n2024-01-01\n\nThe DPRK\u00e2\u20ac\u2122s launch is condemned. We stand together.\n"
        statement = load_statement(write("a.txt", damaged))
        first = statement.sentences[0]
        assert first.normalized == "The DPRK's launch is condemned."
        assert first.text == "The DPRK\u00e2\u20ac\u2122s launch is condemned."
        word = first.normalized.index("launch")
        assert statement.text[first.to_original(word) : first.to_original(word + 6, end=True)] == "launch"
        assert any(step.rule == "repair-unicode" for step in statement.cleaning)

    def test_no_statements_in_folder(self, tmp_path: Path) -> None:
        """A folder with no statement files is an error that says what to put there."""
        with pytest.raises(StatementError, match="no statement files found"):
            load_statements(tmp_path)

    def test_missing_path(self, tmp_path: Path) -> None:
        """A path that does not exist is an error."""
        with pytest.raises(InputError, match="no such file or folder"):
            load_statements(tmp_path / "nope")

    def test_other_files_are_listed_as_skipped(self, write) -> None:  # type: ignore[no-untyped-def]
        """A broken PDF, a file of another kind or a subfolder in the corpus folder is reported, not ignored."""
        write("a.txt", "T\n2024-01-01\n\n" + BODY)
        write("b.pdf", b"%PDF-1.4")
        write("c.docx", b"PK\x03\x04")
        write("sub/c.txt", BODY)
        corpus = load_statements(write("a.txt", "T\n2024-01-01\n\n" + BODY).parent)
        assert [(s.path, s.reason.split(" (")[0]) for s in corpus.skipped] == [
            ("b.pdf", "not a readable PDF"),
            ("c.docx", "not a statement file"),
            ("sub/", "a folder inside the corpus folder is not searched"),
        ]

    def test_nothing_left_after_cleaning(self, write) -> None:  # type: ignore[no-untyped-def]
        """A file that is all page furniture is skipped, naming what was removed."""
        with pytest.raises(StatementError, match="no statement text left after cleaning"):
            load_statement(write("a.txt", "An official website of the United States government\nEnd Text\n"))

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.binary(max_size=600) | st.text(max_size=600).map(lambda t: t.encode("utf-8")))
    def test_arbitrary_bytes_end_in_a_statement_a_skip_or_our_error(self, tmp_path: Path, data: bytes) -> None:
        """Whatever the bytes, loading ends in a statement, a skip record, or a CommitwatchError."""
        folder = tmp_path / "fuzz"
        folder.mkdir(exist_ok=True)
        (folder / "x.txt").write_bytes(data)
        try:
            corpus = load_statements(folder)
        except CommitwatchError:
            return
        items: list[Statement | SkippedFile] = [*corpus.statements, *corpus.skipped]
        assert len(items) == 1
