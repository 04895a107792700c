"""The HTML report: one self-contained page whose data is the changelog, with every piece of text escaped.

What the page does in a browser is tested in test_browser.py; here, what it is made of.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from commitwatch import Changelog, load_catalog, load_statements, render_html, track
from commitwatch.cli import cli
from commitwatch.run import write_html

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = '<script>alert("x")</script>"onmouseover="alert(1)'


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def _page_data(page: str) -> dict:  # type: ignore[type-arg]
    parser = _parse(page)
    ids = [attrs.get("id") for tag, attrs in parser.tags if tag == "script"]
    return json.loads(parser.scripts[ids.index("cw-data")])  # type: ignore[no-any-return]


def _observation(data: dict, version: dict, raw: dict) -> dict:  # type: ignore[type-arg]
    """An observation of the page's data with its numbers looked up, as the page's script does."""
    strings = data["tables"]["strings"]
    looked_up = dict(raw)
    for key in ("sentence", "context_before", "context_after"):
        looked_up[key] = version["sentences"][raw[key]] if key in raw else ""
    for key in ("shown", "holders", "basis", "why"):
        if key in raw:
            looked_up[key] = strings[raw[key]]
    return looked_up


def _changelog() -> Changelog:
    return track(load_statements(FIXTURES / "evaluation" / "corpus"), load_catalog(FIXTURES / "catalog"))


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A catalog and a corpus whose titles and sentences are written to break out of HTML."""
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    for name, old in (("catalog.yaml", "Fixture catalog for the tests"), ("defence.yaml", "Defence guarantee")):
        path = catalog / name
        path.write_text(path.read_text().replace(old, f"'{HOSTILE}'"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        f"---\ntitle: '{HOSTILE}'\ndate: 2024-01-01\nparties: [Alpha]\n---\n"
        "Alpha reaffirms its commitment to defend Beta </script><img src=x onerror=alert(2)>.\n"
    )
    (corpus / "two.txt").write_text(
        "---\ntitle: Two\ndate: 2024-02-01\nparties: [Alpha]\n---\n"
        "The commitment to defend Beta is ironclad & <b>firm</b>.\n"
    )
    return catalog, corpus


class TestPage:
    def test_self_contained(self) -> None:
        """No file or address outside the page is loaded: no src, no stylesheet link; a CSP forbids the network."""
        page = render_html(_changelog())
        parser = _parse(page)
        assert not [attrs for tag, attrs in parser.tags if "src" in attrs]
        assert not [attrs for tag, attrs in parser.tags if tag == "link"]
        policy = [
            attrs["content"] for tag, attrs in parser.tags if attrs.get("http-equiv") == "Content-Security-Policy"
        ]
        assert policy
        assert "default-src 'none'" in (policy[0] or "")

    def test_only_its_own_script_may_run(self) -> None:
        """The policy names the one inline script by its hash: no other script, inline handler or
        javascript: address could run, whatever got into the page."""
        import base64
        import hashlib

        page = render_html(_changelog())
        parser = _parse(page)
        policy = next(
            attrs["content"] for tag, attrs in parser.tags if attrs.get("http-equiv") == "Content-Security-Policy"
        )
        ids = [attrs.get("id") for tag, attrs in parser.tags if tag == "script"]
        script = parser.scripts[ids.index(None)]
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        assert f"script-src 'sha256-{digest}'" in (policy or "")
        assert "script-src 'unsafe-inline'" not in (policy or "")

    def test_the_default_link_is_a_quoted_relative_path(self, tmp_path: Path) -> None:
        """Without a link function (the library's default), a file named like an address stays a path."""
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "javascript:alert(1).txt").write_text(
            "---\ntitle: T\ndate: 2024-01-01\nparties: [Alpha]\n---\nAlpha reaffirms its commitment to defend Beta.\n"
        )
        page = render_html(track(load_statements(corpus), load_catalog(FIXTURES / "catalog")))
        assert _page_data(page)["versions"][0]["href"] == "javascript%3Aalert%281%29.txt"

    def test_data_holds_every_version_and_change(self) -> None:
        """The page's data has each version with one cell per change, its kind and its evidence."""
        changelog = _changelog()
        data = _page_data(render_html(changelog))
        assert [version["n"] for version in data["versions"]] == [v.number for v in changelog.versions]
        ids = [commitment["id"] for commitment in data["meta"]["commitments"]]
        for version, shown in zip(changelog.versions, data["versions"], strict=True):
            assert len(shown["cells"]) == len(version.changes)
            for change in version.changes:
                cell = shown["cells"][str(ids.index(change.commitment_id))]
                assert cell[0] == change.kind.value
                if change.after is not None:
                    observation = _observation(data, shown, cell[1])
                    assert observation["sentence"] == change.after.evidence.sentence
                    assert observation["holders"] == list(change.after.holders)

    def test_evidence_carries_its_context_and_cue_marks(self) -> None:
        """A cell's evidence has the sentences either side, and the cue spans fall on the cue's words."""
        changelog = _changelog()
        data = _page_data(render_html(changelog))
        ids = [commitment["id"] for commitment in data["meta"]["commitments"]]
        change = changelog.versions[0].changes[0]
        assert change.after is not None
        version = data["versions"][0]
        observation = _observation(data, version, version["cells"][str(ids.index(change.commitment_id))][1])
        assert observation["context_after"] == change.after.evidence.context_after
        start, end = observation["marks"][0]
        assert observation["sentence"][start:end] == change.after.evidence.cues[0].text

    def test_an_earlier_observation_is_referred_to_not_repeated(self) -> None:
        """A change's "before" that an earlier cell shows is that version's number."""
        changelog = _changelog()
        data = _page_data(render_html(changelog))
        befores = [cell[2] for version in data["versions"][1:] for cell in version["cells"].values() if cell[2]]
        assert befores
        assert all(isinstance(before, int) for before in befores)

    def test_a_sentence_is_written_once_per_version(self) -> None:
        """Sentences are listed once in their version, whatever number of observations show them."""
        for version in _page_data(render_html(_changelog()))["versions"]:
            assert len(version["sentences"]) == len(set(version["sentences"]))

    def test_written_in_pieces_is_the_same_page(self) -> None:
        """Streamed version by version, the page is the same text."""
        changelog = _changelog()
        out = io.StringIO()
        write_html(changelog.head, iter(changelog.versions), out)
        assert out.getvalue() == render_html(changelog)

    def test_no_versions(self) -> None:
        """A changelog without versions is still a page, with an empty list of versions."""
        changelog = _changelog()
        out = io.StringIO()
        write_html(changelog.head, iter(()), out)
        assert _page_data(out.getvalue())["versions"] == []


class TestEscaping:
    def test_hostile_text_never_becomes_markup(self, hostile: tuple[Path, Path]) -> None:
        """Titles and sentences with <script>, </script> and "onmouseover= stay text: the page has
        exactly its own two scripts, no element or attribute from the input, and the text intact in the data."""
        catalog, corpus = hostile
        page = render_html(track(load_statements(corpus), load_catalog(catalog)))
        parser = _parse(page)
        assert [tag for tag, _ in parser.tags].count("script") == 2
        assert not [tag for tag, _ in parser.tags if tag in ("img", "b")]
        assert not [attrs for _, attrs in parser.tags if any(name.startswith("on") for name in attrs)]
        assert "<script>alert" not in page
        assert "</script><img" not in page
        data = _page_data(page)
        assert data["meta"]["catalog_title"] == HOSTILE
        ids = [commitment["id"] for commitment in data["meta"]["commitments"]]
        defence = str(ids.index("defence.guarantee"))
        assert data["meta"]["commitments"][int(defence)]["title"] == HOSTILE
        assert data["versions"][0]["title"] == HOSTILE
        version = data["versions"][0]
        sentence = _observation(data, version, version["cells"][defence][1])["sentence"]
        assert "<img src=x onerror=alert(2)>" in sentence

    def test_the_title_element_is_escaped(self, hostile: tuple[Path, Path]) -> None:
        """The catalog title in <title> and <h1> is escaped by the template."""
        catalog, corpus = hostile
        page = render_html(track(load_statements(corpus), load_catalog(catalog)))
        title = re.search(r"<title>(.*?)</title>", page, re.S)
        assert title is not None
        assert "&lt;script&gt;" in title.group(1)
        assert "&#34;onmouseover=&#34;" in page


class TestCommand:
    def test_report_format_html_links_the_statement_files(self, tmp_path: Path) -> None:
        """`report --format html -o FILE` writes the page, each version linking its file relative to the page."""
        out = tmp_path / "out" / "report.html"
        out.parent.mkdir()
        corpus = FIXTURES / "evaluation" / "corpus"
        result = CliRunner().invoke(
            cli, ["report", str(corpus), "--catalog", str(FIXTURES / "catalog"), "--format", "html", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        data = _page_data(out.read_text(encoding="utf-8"))
        for version in data["versions"]:
            assert (out.parent / version["href"]).resolve() == (corpus / version["path"]).resolve()

    def test_a_file_name_cannot_become_a_scheme(self, tmp_path: Path) -> None:
        """A statement file named like an address is linked as a relative path, quoted."""
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "javascript:alert(1).txt").write_text(
            "---\ntitle: T\ndate: 2024-01-01\nparties: [Alpha]\n---\nAlpha reaffirms its commitment to defend Beta.\n"
        )
        out = tmp_path / "report.html"
        result = CliRunner().invoke(
            cli, ["report", str(corpus), "--catalog", str(FIXTURES / "catalog"), "--format", "html", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        href = _page_data(out.read_text(encoding="utf-8"))["versions"][0]["href"]
        assert href == "corpus/javascript%3Aalert%281%29.txt"

    def test_two_folders_with_a_file_of_one_name_link_each_its_own(self, tmp_path: Path) -> None:
        """Two STATEMENTS folders both holding a.txt: each version links the file whose bytes it read."""
        for folder, day, text in (("r1", "01", "defend Beta"), ("r2", "02", "defend the region")):
            (tmp_path / folder).mkdir()
            (tmp_path / folder / "a.txt").write_text(
                f"---\ntitle: {folder}\ndate: 2024-01-{day}\nparties: [Alpha]\n---\nAlpha reaffirms its commitment to {text}.\n"
            )
        out = tmp_path / "report.html"
        result = CliRunner().invoke(
            cli,
            [
                "report",
                str(tmp_path / "r1"),
                str(tmp_path / "r2"),
                "--catalog",
                str(FIXTURES / "catalog"),
                "--format",
                "html",
                "-o",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        assert [v["href"] for v in _page_data(out.read_text(encoding="utf-8"))["versions"]] == ["r1/a.txt", "r2/a.txt"]

    @pytest.mark.parametrize("option", ["--all", "--oldest-first"])
    def test_markdown_only_options_are_refused(self, option: str) -> None:
        result = CliRunner().invoke(cli, ["report", "--format", "html", option])
        assert result.exit_code == 2
        assert "are for the Markdown report" in result.output

    def test_summary_is_for_markdown(self) -> None:
        """--summary with --format html is a usage error, naming what to do."""
        result = CliRunner().invoke(cli, ["report", "--format", "html", "--summary"])
        assert result.exit_code == 2
        assert "--summary is for the Markdown report" in result.output


def test_parties_assumed_from_the_catalog_are_said(tmp_path: Path) -> None:
    """A statement whose metadata names no parties is read as the catalog's default parties':
    the report says so for the version, and a note on stderr says how to name them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("---\ndate: 2024-01-01\n---\nAlpha reaffirms its commitment to defend Beta.\n")
    result = CliRunner().invoke(cli, ["report", str(corpus), "--catalog", str(FIXTURES / "catalog")])
    assert result.exit_code == 0
    assert "- **Parties:** Alpha, Beta (assumed: its metadata names none" in result.stdout
    assert "note: 1 version names no parties in its metadata" in result.stderr
    assert "give `parties:`" in result.stderr


def test_a_catalog_that_reads_little_of_the_statements_is_said(tmp_path: Path) -> None:
    """Statements on other subjects than the catalog's: the header says how much was read, and a
    note on stderr says they may need a catalog of their own."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "---\ndate: 2024-06-14\nparties: [Alpha]\n---\nWe will double adaptation finance by 2025.\n\n"
        "The summit took place in the capital.\n\nAlpha reaffirms its commitment to defend Beta.\n\n"
        "The weather was fine.\n\nThe leaders thanked their hosts.\n\nThe next summit is in May.\n"
    )
    result = CliRunner().invoke(cli, ["report", str(corpus), "--catalog", str(FIXTURES / "catalog")])
    assert result.exit_code == 0
    assert "- **Coverage:** 1 of 6 sentences (16%) shows a commitment of the catalog" in result.stdout
    assert "note: only 1 of 6 sentences (16%) show a commitment of the catalog" in result.stderr
    assert "need a catalog of their own" in result.stderr
