"""Statements in the formats analysts have them read as the plain-text seeds do.

The Markdown fixtures are the shipped seeds' own words with the markup an archive adds (see
tests/fixtures/formats/README.md): each must give the seed's sentences, and the four the seeds'
changelog.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from commitwatch import Changelog, load_catalog, load_statement, load_statements, shipped_catalog, shipped_seeds, track
from commitwatch.load.markdown import blank_markdown

MARKDOWN = Path(__file__).parent / "fixtures" / "formats" / "markdown"
PAGE = Path(__file__).parent / "fixtures" / "formats" / "html" / "seed-0.html"
PDF = Path(__file__).parent / "fixtures" / "formats" / "pdf" / "seed-1.pdf"


def _sentences(texts: list[str]) -> list[str]:
    return [" ".join(text.split()) for text in texts]


def _events(changelog: Changelog) -> list[list[tuple[str, str, str, str, str]]]:
    return [
        [
            (
                c.commitment_id,
                c.kind.value,
                c.after.stance if c.after else "",
                c.after.level if c.after else "",
                " ".join(c.after.evidence.sentence.split()) if c.after else "",
            )
            for c in version.changes
        ]
        for version in changelog.versions
    ]


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    return load_statements(shipped_seeds()).statements


@pytest.mark.parametrize("number", range(4))
def test_a_hard_wrapped_markdown_statement_gives_the_seeds_sentences(seeds, number: int) -> None:  # type: ignore[no-untyped-def]
    statement = load_statement(MARKDOWN / f"seed-{number}.md")
    assert _sentences([s.text for s in statement.sentences]) == _sentences([s.text for s in seeds[number].sentences])
    assert statement.meta.title == seeds[number].meta.title  # from the level-1 heading
    removed = {step.rule for step in statement.cleaning if step.action == "removed"}
    assert {"markdown-heading", "separator"} <= removed


def test_a_hard_wrapped_plain_text_statement_keeps_its_first_lines(seeds, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Wrapped lines without a full stop are prose, not a heading: none is dropped."""
    import textwrap

    seed = seeds[0]
    paragraphs: dict[int, list[str]] = {}
    for sentence in seed.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(" ".join(sentence.text.split()))
    body = "\n\n".join(textwrap.fill(" ".join(words), 60) for _, words in sorted(paragraphs.items()))
    path = tmp_path / "wrapped.txt"
    path.write_text(f"---\ndate: 2022-05-27\n---\n{seed.meta.title}\n\n{body}\n", encoding="utf-8")
    statement = load_statement(path)
    assert _sentences([s.text for s in statement.sentences]) == _sentences([s.text for s in seed.sentences])


def test_the_markdown_corpus_gives_the_seeds_changelog() -> None:
    catalog = load_catalog(shipped_catalog())
    plain = track(load_statements(shipped_seeds()), catalog)
    markdown = track(load_statements(MARKDOWN), catalog)
    assert _events(markdown) == _events(plain)


class TestWebPages:
    def test_a_saved_page_gives_the_seeds_sentences_title_and_date(self, seeds) -> None:  # type: ignore[no-untyped-def]
        """Navigation, banners, related links, footer and scripts are left out; the title and date
        come from the page's metadata."""
        statement = load_statement(PAGE)
        assert _sentences([s.text for s in statement.sentences]) == _sentences([s.text for s in seeds[0].sentences])
        assert statement.meta.title == seeds[0].meta.title
        assert (statement.meta.date, statement.meta.date_source) == (seeds[0].meta.date, "page metadata")
        assert statement.cleaning[0].rule == "html-main-text"
        sentence = statement.sentences[0]
        assert statement.text[sentence.start : sentence.end] == sentence.text  # offsets index the page's text

    def test_a_date_only_in_the_pages_text_is_not_taken(self, tmp_path: Path) -> None:
        html = PAGE.read_text(encoding="utf-8")
        html = html.replace('<meta property="article:published_time" content="2022-05-27T18:02:11-04:00">', "")
        html = html.replace('<p class="article-meta__publish-date">May 27, 2022</p>', "")
        html = html.replace("In spite of 13", "On June 3, 2022, in spite of 13")
        (tmp_path / "page.html").write_text(html, encoding="utf-8")
        corpus = load_statements(tmp_path)
        assert corpus.statements == ()
        assert corpus.skipped[0].reason.startswith("no date")

    def test_without_the_html_extra_a_page_is_skipped_saying_what_to_install(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import sys

        monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
        shutil.copy(PAGE, tmp_path / "page.html")
        corpus = load_statements(tmp_path)
        assert corpus.skipped[0].hint == "pip install 'commitwatch[html]'"


class TestPdf:
    def test_a_two_page_communique_gives_the_seeds_sentences_and_date(self, seeds) -> None:  # type: ignore[no-untyped-def]
        """Running header and page numbers left out, "intercon-"/"tinental" joined, the title from
        the document's metadata, the date from the dateline under the title."""
        statement = load_statement(PDF)
        assert _sentences([s.text for s in statement.sentences]) == _sentences([s.text for s in seeds[1].sentences])
        assert statement.meta.title == seeds[1].meta.title
        assert (statement.meta.date, statement.meta.date_source) == (seeds[1].meta.date, "dateline")
        log = next(step for step in statement.cleaning if step.rule == "pdf-text")
        assert "2 PDF pages: 4 running header, footer and page-number lines left out, 3 words" in log.reason

    def test_without_the_pdf_extra_a_pdf_is_skipped_saying_what_to_install(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import sys

        monkeypatch.setitem(sys.modules, "pypdf", None)
        shutil.copy(PDF, tmp_path / "communique.pdf")
        assert load_statements(tmp_path).skipped[0].hint == "pip install 'commitwatch[pdf]'"


class TestBlanking:
    def test_markup_becomes_spaces_and_the_text_keeps_its_length(self) -> None:
        text = "# Title\n\nWe **reaffirm** our [commitment](https://x.org) to <u>dialogue</u>.\n"
        body = blank_markdown(text)
        assert len(body.text) == len(text)
        assert " ".join(body.text.split()) == "We reaffirm our commitment to dialogue."  # no gap before "."
        assert body.title == "Title"

    def test_list_items_and_the_line_after_a_heading_start_paragraphs(self) -> None:
        body = blank_markdown("Intro line\n- first item\n- second item\n## Heading\nText right after.\n")
        assert body.paragraph_starts == {2, 3, 5}

    def test_code_rules_and_headings_are_logged_as_removed(self) -> None:
        body = blank_markdown("Text.\n\n***\n\n```\ncode\n```\n\nSetext\n======\n")
        assert [rule for _, _, rule, _ in body.removed] == ["separator", "markdown-code", "markdown-heading"]
        assert body.text.split() == ["Text."]

    def test_a_quote_from_a_markdown_statement_has_no_markup(self, tmp_path: Path) -> None:
        path = tmp_path / "a.md"
        path.write_text(
            "---\ntitle: A\ndate: 2024-01-01\n---\nWe reaffirm our **ironclad** commitment to dialogue.\n",
            encoding="utf-8",
        )
        statement = load_statement(path)
        sentence = statement.sentences[0]
        assert "**" not in sentence.text
        assert statement.text[sentence.start : sentence.end] == sentence.text  # offsets index the text
        assert len(statement.text) == len(path.read_text(encoding="utf-8"))  # and the file


class TestTheTextOffsetsIndex:
    @pytest.mark.parametrize("path", [PDF, PAGE, MARKDOWN / "seed-0.md"], ids=["pdf", "html", "markdown"])
    def test_commitwatch_text_is_what_evidence_offsets_index(self, path: Path) -> None:
        """`commitwatch text FILE` prints the extracted text; every evidence's start and end cut its
        sentence out of it, so a quote from a PDF or a page can be checked."""
        from click.testing import CliRunner

        from commitwatch import load_catalog, match, shipped_catalog
        from commitwatch.cli import cli

        if path.suffix == ".pdf":
            pytest.importorskip("pypdf")
        if path.suffix == ".html":
            pytest.importorskip("trafilatura")
        result = CliRunner().invoke(cli, ["text", str(path)])
        assert result.exit_code == 0, result.output
        printed = result.stdout
        reading = match(load_statement(path), load_catalog(shipped_catalog()))
        assert reading.observations
        for observation in reading.observations:
            evidence = observation.evidence
            assert printed[evidence.start : evidence.end] == evidence.sentence
            for cue in evidence.cues:
                assert printed[cue.start : cue.end] == cue.text
