"""Every example in the shipped catalog is a test case named after its entry."""

from __future__ import annotations

from typing import Any

import pytest

from commitwatch import Matcher, load_catalog, shipped_catalog
from commitwatch.catalog.check import run_example

CATALOG = load_catalog(shipped_catalog())
MATCHER = Matcher(CATALOG)


def _cases() -> list[Any]:
    cases = []
    for commitment in CATALOG.active:
        for kind, examples in (("match", commitment.examples.match), ("no_match", commitment.examples.no_match)):
            for position, example in enumerate(examples):
                where = (
                    CATALOG.sources.file(commitment.id),
                    CATALOG.sources.line(commitment.id, "examples", kind, position),
                )
                cases.append(pytest.param(commitment, example, where, id=f"{commitment.id}-{kind}-{where[1]}"))
    return cases


@pytest.mark.parametrize(("commitment", "example", "where"), _cases())
def test_example(commitment: Any, example: Any, where: tuple[str, int]) -> None:
    """The sentence matches (or does not match) its entry as the catalog says."""
    outcome = run_example(MATCHER, commitment, example, where)
    assert outcome.problem == "", outcome.format()
