"""commitwatch's pytest plugin: catalog regression tests in three lines of test code.

Installed with commitwatch (the ``pytest11`` entry point) and active wherever pytest runs; it
needs pytest-regressions (``pip install 'commitwatch[pytest]'``). In a test::

    def test_catalog(commitwatch_regression):
        commitwatch_regression.check(statements="statements/", catalog="catalog/")

The first run writes the expected files beside the test; later runs fail with a diff when a
catalog (or statement) edit changes what commitwatch reads. Accept an intended change with
``pytest --force-regen`` and commit the updated files with the edit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .model import Catalog, Changelog


class CommitwatchRegression:
    """Checks a corpus read with a catalog against the expected files of the calling test."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def check(
        self,
        statements: str | Path | Sequence[str | Path],
        catalog: str | Path | Catalog,
        *,
        basename: str | None = None,
        markdown: bool = True,
    ) -> Changelog:
        """Read ``statements`` with ``catalog`` and compare with the expected files.

        Two files are checked, both written on the first run: ``<basename>.yml``, one entry per
        version and commitment with level, holders and evidence (a diff names exactly the
        entries an edit changes), and ``<basename>.md``, the Markdown report without the
        commitwatch version line.

        Args:
            statements: A folder or file, or several, relative to the test file's folder or absolute.
            catalog: A catalog folder (same rule), or a loaded catalog.
            basename: The expected files' name (default: the test's name).
            markdown: Also check the Markdown report.

        Returns:
            The changelog, for further assertions.
        """
        from .catalog import load_catalog
        from .compare import diff_records, regression_data, renames
        from .load import load_statements
        from .render import render_markdown
        from .run import track

        here = Path(str(self._request.path)).parent
        sources = [statements] if isinstance(statements, (str, Path)) else list(statements)
        corpus = load_statements(*(here / Path(source) for source in sources))
        loaded = load_catalog(here / Path(catalog)) if isinstance(catalog, (str, Path)) else catalog
        changelog = track(corpus, loaded)

        data_regression = self._fixture("data_regression")
        name = basename or re.sub(r"[\W]", "_", self._request.node.name)
        expected_path = Path(data_regression.original_datadir) / f"{name}.yml"
        expected = _read_yaml(expected_path)
        obtained = regression_data(changelog)
        failures: list[str] = []
        try:
            data_regression.check(obtained, basename=name)
        except (AssertionError, pytest.fail.Exception) as exc:
            entries: list[str] = []
            if expected is not None:
                order = [commitment.id for commitment in loaded.active]
                entries = diff_records(expected, obtained, renamed=renames(loaded), order=order).lines()
            summary = "".join(f"\n  {line}" for line in entries)
            failures.append(f"commitwatch: what changed ({len(entries)}):{summary}\n\n{exc}" if entries else str(exc))
        if markdown:
            file_regression = self._fixture("file_regression")
            try:
                text = render_markdown(changelog, stamp=False)
                file_regression.check(text, extension=".md", basename=name, encoding="utf-8")
            except (AssertionError, pytest.fail.Exception) as exc:
                failures.append(str(exc))
        if failures:
            pytest.fail("\n\n".join(failures), pytrace=False)
        return changelog

    def _fixture(self, name: str) -> Any:
        try:
            return self._request.getfixturevalue(name)
        except pytest.FixtureLookupError:
            raise pytest.UsageError(
                f"commitwatch_regression needs pytest-regressions ({name}): pip install 'commitwatch[pytest]'"
            ) from None


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        return None
    import yaml

    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture
def commitwatch_regression(request: pytest.FixtureRequest) -> CommitwatchRegression:
    """Regression-test a commitment catalog: ``commitwatch_regression.check(statements=..., catalog=...)``.

    Reads the statements with the catalog and compares the changelog with the expected files
    beside the test (written on the first run): a YAML entry per version and commitment, and the
    Markdown report. After an intended catalog edit: read the diff, run ``pytest --force-regen``,
    and commit the catalog with the updated files. Needs pytest-regressions.
    """
    return CommitwatchRegression(request)
