"""The shipped seeds read with the shipped catalog, as reviewed regression files.

Whoever edits catalog/ runs pytest: a failure here names the entries the edit changes and shows the
diff of tests/test_regression/test_seeds.yml and .md. Accept an intended change with
``pytest --force-regen`` and commit the catalog with the updated files.
"""

from __future__ import annotations

from commitwatch import shipped_catalog, shipped_seeds


def test_seeds(commitwatch_regression) -> None:  # type: ignore[no-untyped-def]
    """The seeds' changelog, entry by entry, and the Markdown report."""
    changelog = commitwatch_regression.check(statements=shipped_seeds(), catalog=shipped_catalog())
    assert len(changelog.versions) == 4
