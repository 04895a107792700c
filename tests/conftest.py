"""Shared fixtures: the shipped seeds, and the small fixture catalog with its matcher, loaded once.

Tests of machinery use the fixture catalog (tests/fixtures/catalog), never the shipped one; a
module about the shipped catalog defines its own ``catalog``."""

from __future__ import annotations

from pathlib import Path

import pytest

from commitwatch import Catalog, Corpus, Matcher, load_catalog, load_statements, shipped_seeds

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The fixture catalog (tests/fixtures/catalog)."""
    return load_catalog(ROOT / "tests" / "fixtures" / "catalog")


@pytest.fixture(scope="session")
def matcher(catalog: Catalog) -> Matcher:
    """A matcher for the fixture catalog."""
    return Matcher(catalog)


@pytest.fixture(scope="session")
def seeds_corpus() -> Corpus:
    """The shipped seed statements, loaded once."""
    return load_statements(shipped_seeds())


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under a fresh folder: ``write("a.txt", "text")`` returns its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
