"""commitwatch's pytest plugin: catalog regression tests in three lines of test code.

Installed with commitwatch (the ``pytest11`` entry point) and active wherever pytest runs; it
needs pytest-regressions (``pip install 'commitwatch[pytest]'``). In a test::

    def test_catalog(commitwatch_regression):
        commitwatch_regression.check(statements="statements/", catalog="catalog/")

Paths are relative to the test file, so the expected files are the same wherever pytest runs
and wherever the checkout lives. The first run writes the expected files beside the test; later
runs fail, naming the changed entries first, when a catalog (or statement) edit changes what
commitwatch reads, or when one of the catalog's own examples fails. Accept an intended change
with ``pytest --force-regen`` and commit the updated files with the edit.
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
        commitwatch version line, naming the corpus as ``statements`` was given. The catalog's
        own examples are run too (as ``commitwatch check`` does): a broken one fails the test.
        A path that does not exist or a catalog that does not load fails the test with one line
        saying what to fix.

        Args:
            statements: A folder or file, or several, relative to the test file's folder or absolute.
            catalog: A catalog folder (same rule), or a loaded catalog.
            basename: The expected files' name (default: the test's name).
            markdown: Also check the Markdown report.

        Returns:
            The changelog, for further assertions.
        """
        import attrs

        from .catalog import check_catalog, load_catalog
        from .compare import diff_records, regression_data, renames
        from .errors import CommitwatchError
        from .load import load_statements
        from .render import render_markdown
        from .run import track

        here = Path(str(self._request.path)).parent
        sources = [statements] if isinstance(statements, (str, Path)) else list(statements)
        try:
            corpus = load_statements(*(here / Path(source) for source in sources))
            loaded = load_catalog(here / Path(catalog)) if isinstance(catalog, (str, Path)) else catalog
        except CommitwatchError as exc:
            problem = str(exc)
        else:
            problem = ""
        if problem:  # failed outside the except clause, so that no chained traceback is shown
            pytest.fail(f"commitwatch_regression (paths are relative to {here}): {problem}", pytrace=False)
        changelog = track(corpus, loaded)
        if not all(Path(source).is_absolute() for source in sources):
            # named as the test names it, not from where pytest runs: the expected files must not move
            changelog = attrs.evolve(changelog, corpus=", ".join(Path(source).as_posix() for source in sources))

        data_regression = self._fixture("data_regression")
        name = basename or re.sub(r"[\W]", "_", self._request.node.name)
        expected_path = Path(data_regression.original_datadir) / f"{name}.yml"
        expected = _read_yaml(expected_path)
        obtained = regression_data(changelog)
        failures: list[str] = []
        broken = check_catalog(loaded).failures
        if broken:
            listed = "".join(f"\n  {failure.format()}" for failure in broken)
            failures.append(f"commitwatch: {len(broken)} of the catalog's own examples failed:{listed}")
        try:
            data_regression.check(obtained, basename=name)
        except (AssertionError, pytest.fail.Exception) as exc:
            difference = None
            if expected is not None:
                order = [commitment.id for commitment in loaded.active]
                difference = diff_records(expected, obtained, renamed=renames(loaded), order=order)
            if difference is not None and difference.entries:
                count = len(difference.entries)
                summary = "".join(f"\n  {line}" for line in difference.lines())
                noun = "entry reads" if count == 1 else "entries read"
                failures.append(f"commitwatch: {count} {noun} differently:{summary}\n\n{exc}")
            else:
                failures.append(str(exc))
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
