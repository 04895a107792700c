"""`commitwatch add URL`: a page or PDF fetched from a local HTTP server (no internet in tests)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from commitwatch import load_statements, shipped_seeds
from commitwatch.cli import cli

FORMATS = Path(__file__).parent / "fixtures" / "formats"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Serves the format fixtures on 127.0.0.1 at a free port."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(FORMATS))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _add(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["add", *args])


def _front(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_a_page_and_a_pdf_become_statements_with_their_provenance(server: str, tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    result = _add(f"{server}/html/seed-0.html", f"{server}/pdf/seed-1.pdf", "--to", str(folder))
    assert result.exit_code == 0, result.output
    page, pdf = sorted(folder.glob("*.txt"))
    front = _front(page)
    assert front["source"] == f"{server}/html/seed-0.html"
    assert str(front["date"]) == "2022-05-27"  # from the page's metadata
    assert (folder / str(front["raw"])).read_bytes() == (FORMATS / "html" / "seed-0.html").read_bytes()
    assert "date" not in _front(pdf)  # a PDF's dates are the file's; the dateline in its text serves
    corpus = load_statements(folder)
    seeds = load_statements(shipped_seeds()).statements
    assert [" ".join(s.text.split()) for s in corpus.statements[0].sentences] == [
        " ".join(s.text.split()) for s in seeds[0].sentences
    ]
    assert [s.meta.date for s in corpus.statements] == [seeds[0].meta.date, seeds[1].meta.date]
    assert corpus.skipped == ()  # the .sources folder is never read as statements


def test_nothing_is_overwritten(server: str, tmp_path: Path) -> None:
    assert _add(f"{server}/html/seed-0.html", "--to", str(tmp_path)).exit_code == 0
    again = _add(f"{server}/html/seed-0.html", "--to", str(tmp_path))
    assert again.exit_code == 1
    assert "exists; commitwatch add does not overwrite" in again.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/nope.html", "the server answered 404"),
        ("file:///etc/passwd", "is not an http(s) URL"),
        ("/README.md", "not a web page or a PDF"),
    ],
)
def test_what_cannot_be_added_is_a_clear_error(server: str, tmp_path: Path, url: str, message: str) -> None:
    result = _add(url if "://" in url else server + url, "--to", str(tmp_path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert not list(tmp_path.glob("*.txt"))


def test_headings_of_a_page_stay_apart_from_its_sentences(server: str, tmp_path: Path) -> None:
    """A page's title and section headings are written as blocks of their own: no sentence of the
    statement starts with a heading's words."""
    folder = tmp_path / "statements"
    result = _add(f"{server}/html/headed.html", "--to", str(folder))
    assert result.exit_code == 0, result.output
    [statement] = load_statements(folder).statements
    sentences = [" ".join(s.text.split()) for s in statement.sentences]
    assert sentences == [
        "The United States reiterated that its commitments to defend the ROK and Japan are ironclad and backed by the full range of capabilities, including nuclear.",
        "The three countries will further strengthen their trilateral security cooperation to effectively address the DPRK's nuclear and missile threats.",
        "The three countries remain open to dialogue with the DPRK without preconditions.",
    ]


def test_a_failed_add_writes_nothing(server: str, tmp_path: Path) -> None:
    """An address that gives no statement leaves no folder behind."""
    folder = tmp_path / "new"
    assert _add(f"{server}/nope.html", "--to", str(folder)).exit_code == 1
    assert not folder.exists()


def test_a_line_broken_inside_a_sentence_stays_one_paragraph() -> None:
    """A <br> inside a sentence (no closing mark, the next line in lower case) is no block end;
    a heading and a paragraph are."""
    from commitwatch.load.fetch import _blocks

    text = "A Heading\nAlpha reaffirms its commitment to\ndefend the region.\nNext Heading\nMore text."
    assert _blocks(text) == (
        "A Heading\n\nAlpha reaffirms its commitment to\ndefend the region.\n\nNext Heading\n\nMore text.\n"
    )
