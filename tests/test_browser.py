"""The HTML report in a real browser: headless Chromium, driven by Playwright.

Needs Debian's ``chromium`` (``apt-get install chromium``; another Chromium can be named with
COMMITWATCH_CHROMIUM=/path) and the ``playwright`` package (in the test extra; its own browser
download is not needed). Without them these tests are skipped, saying so, unless
COMMITWATCH_REQUIRE_BROWSER=1 (as CI sets it), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commitwatch import load_catalog, load_statements, render_html, shipped_catalog, shipped_seeds, track

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "dev" / "corpus"
INSTALL = "apt-get install chromium (or set COMMITWATCH_CHROMIUM=/path/to/chromium) and pip install playwright"


def _chromium() -> str | None:
    named = os.environ.get("COMMITWATCH_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _unavailable(why: str) -> None:
    if os.environ.get("COMMITWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{why}; COMMITWATCH_REQUIRE_BROWSER=1 asks for the browser tests: {INSTALL}")
    pytest.skip(f"{why}: {INSTALL}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium, or a skip that says what to install."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


class Page:
    """A report opened from file://, with the console errors and dialogs it caused."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def panel(self) -> str:
        return str(self.page.locator("#cw-panel").inner_text())


def _open(browser: Any, folder: Path, name: str, changelog: Any, **options: Any) -> Page:
    """The changelog's report written to ``folder/name`` and opened."""
    path = folder / name
    path.write_text(render_html(changelog, **options), encoding="utf-8")
    return Page(browser, path)


@pytest.fixture(scope="module")
def dev_changelog() -> Any:
    """The development set's changelog, read once (skipped where the set is not beside the project)."""
    if not DEV_CORPUS.is_dir():
        pytest.skip(f"the development set is not at {DEV_CORPUS}")
    return track(load_statements(DEV_CORPUS), load_catalog(shipped_catalog()))


@pytest.fixture(scope="module")
def seeds_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Page, Any]]:
    changelog = track(load_statements(shipped_seeds()), load_catalog(shipped_catalog()))
    path = tmp_path_factory.mktemp("html") / "seeds.html"
    path.write_text(render_html(changelog), encoding="utf-8")
    opened = Page(browser, path)
    yield opened, changelog
    opened.page.close()


class TestSeedsReport:
    def test_opens_without_console_errors(self, seeds_page: tuple[Page, Any]) -> None:
        """The page's script runs to the end, with nothing in the console."""
        page, changelog = seeds_page
        assert page.errors == []
        assert page.page.locator("#cw-grid thead button.col").count() == len(changelog.versions)

    def test_a_cell_shows_its_evidence(self, seeds_page: tuple[Page, Any]) -> None:
        """Clicking the cell of a strengthened commitment shows both sentences, the cue marked."""
        page, changelog = seeds_page
        version = changelog.versions[1]
        change = version.change("deterrence.extended_deterrence")
        assert change is not None
        assert change.kind.value == "strengthened"
        cell = page.page.locator(
            f'button.cell[data-version="{version.number}"][data-commitment="deterrence.extended_deterrence"]'
        )
        assert "▲" in cell.inner_text()
        cell.click()
        text = page.panel()
        assert "strengthened" in text
        assert change.after is not None
        assert change.before is not None
        assert " ".join(change.after.evidence.sentence.split()) in " ".join(text.split())
        assert " ".join(change.before.evidence.sentence.split()) in " ".join(text.split())
        marks = page.page.locator("#cw-panel mark").all_inner_texts()
        assert change.after.evidence.cues[0].text in marks
        assert cell.get_attribute("aria-pressed") == "true"

    def test_a_dropped_cell_says_why(self, seeds_page: tuple[Page, Any]) -> None:
        """A dropped commitment's evidence says the statement took up its family, and in how many sentences."""
        page, changelog = seeds_page
        dropped = next(
            (version, change)
            for version in changelog.versions
            for change in version.changes
            if change.kind.value == "dropped"
        )
        version, change = dropped
        page.page.locator(
            f'button.cell[data-version="{version.number}"][data-commitment="{change.commitment_id}"]'
        ).click()
        family = changelog.commitment(change.commitment_id).family
        count = dict(version.coverage)[family]
        assert f"({count} sentences on it) and leaves this commitment out" in page.panel()

    def test_keyboard_moves_opens_and_closes(self, seeds_page: tuple[Page, Any]) -> None:
        """Arrow keys move between cells, Enter opens the evidence, Escape closes it and returns focus."""
        page, _ = seeds_page
        first = page.page.locator("button.cell").first
        first.focus()
        page.page.keyboard.press("ArrowRight")
        focused = page.page.evaluate("document.activeElement.dataset.version")
        assert focused != first.get_attribute("data-version")
        page.page.keyboard.press("Enter")
        assert page.page.locator("#cw-panel").is_visible()
        page.page.keyboard.press("Escape")
        assert not page.page.locator("#cw-panel").is_visible()
        assert page.page.evaluate("document.activeElement.dataset.version") == focused

    def test_family_filter(self, seeds_page: tuple[Page, Any]) -> None:
        """Unticking a family takes its rows out of the grid and its changes out of the summary."""
        page, _ = seeds_page
        rows = 'button.cell[data-commitment^="deterrence."]'
        assert page.page.locator(rows).count() > 0
        box = page.page.get_by_label("Deterrence and defence")
        box.uncheck()
        assert page.page.locator(rows).count() == 0
        box.check()
        assert page.page.locator(rows).count() > 0

    def test_history_of_one_commitment(self, seeds_page: tuple[Page, Any]) -> None:
        """A row's heading opens the commitment's whole life, one line per version that has an entry."""
        page, changelog = seeds_page
        page.page.get_by_role(
            "button", name="US defence commitment and extended deterrence to Japan and the ROK: its history"
        ).click()
        entries = [v for v in changelog.versions if v.change("deterrence.extended_deterrence") is not None]
        assert page.page.locator("#cw-panel tbody tr").count() == len(entries)
        assert "History:" in page.panel()

    def test_every_colour_is_also_text(self, seeds_page: tuple[Page, Any]) -> None:
        """Each coloured cell says its stance in letters and in its accessible name."""
        page, _ = seeds_page
        for cell in page.page.locator("button.cell").all()[:40]:
            assert cell.inner_text().strip()
            assert ", v" in (cell.get_attribute("aria-label") or "")

    def test_prints_the_grid_without_the_controls(self, seeds_page: tuple[Page, Any], tmp_path: Path) -> None:
        """In print, the filters and pager are hidden, the grid and legend are shown, and a PDF comes out."""
        page, _ = seeds_page
        page.page.emulate_media(media="print")
        try:
            assert not page.page.locator("#cw-controls").is_visible()
            assert not page.page.locator("#cw-pager").is_visible()
            assert page.page.locator("#cw-grid").is_visible()
            assert page.page.locator("#cw-legend").is_visible()
            pdf = tmp_path / "seeds.pdf"
            page.page.pdf(path=str(pdf))
            assert pdf.read_bytes()[:5] == b"%PDF-"
        finally:
            page.page.emulate_media(media="screen")

    def test_screenshot(self, seeds_page: tuple[Page, Any], tmp_path: Path) -> None:
        """A screenshot of the grid with a cell's evidence open (look at it: docs/report-html.png is one)."""
        page, _ = seeds_page
        page.page.locator("button.cell.changed").nth(1).click()
        shot = tmp_path / "seeds.png"
        page.page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.errors == []


def test_a_link_is_only_to_a_file_or_a_web_page(browser: Any, tmp_path: Path) -> None:
    """Whatever address the page's data gives a statement file, a javascript: one is not made a link."""
    changelog = track(load_statements(shipped_seeds()), load_catalog(shipped_catalog()))
    page = _open(browser, tmp_path, "links.html", changelog, link=lambda version: "javascript:alert(1)")
    page.page.locator("button.col").first.click()
    assert page.page.locator("#cw-panel a").count() == 0
    assert page.page.locator("#cw-panel code").count() >= 1
    assert page.dialogs == []
    page.page.close()


def test_narrow_window_brings_the_evidence_into_view(browser: Any, tmp_path: Path, dev_changelog: Any) -> None:
    """Below 70rem the panel sits under the grid: opening a cell scrolls it into view."""
    page = _open(browser, tmp_path, "narrow.html", dev_changelog)
    page.page.set_viewport_size({"width": 900, "height": 700})
    page.page.locator("button.cell").first.click()
    box = page.page.locator("#cw-panel").bounding_box()
    assert box is not None
    assert box["y"] < 700
    page.page.close()


def test_pager_keeps_the_focus_and_a_filtered_out_cell_closes_its_evidence(
    browser: Any, tmp_path: Path, dev_changelog: Any
) -> None:
    page = _open(browser, tmp_path, "pager.html", dev_changelog)
    page.page.select_option("#cw-page-size", "12")
    page.page.locator("#cw-earlier").click()
    assert page.page.evaluate("document.activeElement.id") in ("cw-earlier", "cw-later")
    cell = page.page.locator('button.cell[data-commitment^="deterrence."]').first
    cell.click()
    assert page.page.locator("#cw-panel").is_visible()
    page.page.get_by_label("Deterrence and defence").uncheck()
    assert not page.page.locator("#cw-panel").is_visible()
    assert page.errors == []
    page.page.close()


def test_development_set_renders(browser: Any, tmp_path: Path, dev_changelog: Any) -> None:
    """The 24 statements of the development set render, every cell clickable, without errors."""
    page = _open(browser, tmp_path, "dev.html", dev_changelog)
    assert page.page.locator("#cw-grid thead button.col").count() == min(24, len(dev_changelog.versions))
    page.page.locator("button.cell").last.click()
    assert page.page.locator("#cw-panel blockquote, #cw-panel p").count() > 0
    assert page.errors == []
    page.page.close()


def test_hostile_text_stays_text(browser: Any, tmp_path: Path) -> None:
    """A statement and a catalog whose text is markup: nothing runs, and the text shows as written."""
    from test_html import FIXTURES, HOSTILE  # the same hostile input as the page's own tests

    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    path = catalog / "catalog.yaml"
    path.write_text(path.read_text().replace("Fixture catalog for the tests", f"'{HOSTILE}'"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        f"---\ntitle: '{HOSTILE}'\ndate: 2024-01-01\nparties: [Alpha]\n---\n"
        "Alpha reaffirms its commitment to defend Beta </script><img src=x onerror=alert(2)>.\n"
    )
    page = _open(browser, tmp_path, "hostile.html", track(load_statements(corpus), load_catalog(catalog)))
    page.page.locator("button.cell").first.click()
    assert page.dialogs == []
    assert page.errors == []
    assert page.page.locator("h1").inner_text() == f"Commitment changelog: {HOSTILE}"
    assert page.page.locator("#cw-panel img").count() == 0
    assert "<img src=x onerror=alert(2)>" in page.panel()
    page.page.close()
