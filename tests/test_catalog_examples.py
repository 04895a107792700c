"""Every example in the shipped catalog is a test case named after its entry."""

from __future__ import annotations

from typing import Any

import pytest

from commitwatch import Matcher, load_catalog, shipped_catalog
from commitwatch.check import run_example

CATALOG = load_catalog(shipped_catalog())
MATCHER = Matcher(CATALOG)


def _cases() -> list[Any]:
    cases = []
    for commitment in CATALOG.active:
        for index, example in enumerate((*commitment.examples.match, *commitment.examples.no_match)):
            kind = "match" if index < len(commitment.examples.match) else "no_match"
            cases.append(pytest.param(commitment, example, id=f"{commitment.id}-{kind}-{example.line}"))
    return cases


@pytest.mark.parametrize(("commitment", "example"), _cases())
def test_example(commitment: Any, example: Any) -> None:
    """The sentence matches (or does not match) its entry as the catalog says."""
    outcome = run_example(MATCHER, commitment, example)
    assert outcome.problem == "", outcome.format()
