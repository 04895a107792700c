"""Modules of the earlier layout fail with a message that names where their contents went."""

from __future__ import annotations

import importlib
import re

import pytest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("commitwatch.pipeline", "commitwatch.stream"),
        ("commitwatch.statements", "commitwatch.load"),
        ("commitwatch.changelog", "commitwatch.compare"),
        ("commitwatch.diff", "commitwatch.compare.diff"),
        ("commitwatch.regression", "commitwatch.compare.records"),
        ("commitwatch.check", "commitwatch.catalog"),
        ("commitwatch.cleaning", "commitwatch.load.cleaning"),
    ],
)
def test_old_module_names_its_new_place(old: str, new: str) -> None:
    """Importing an old module raises ModuleNotFoundError naming the new place."""
    with pytest.raises(ModuleNotFoundError, match=re.escape(f"{old} has moved: use {new}")):
        importlib.import_module(old)


def test_unknown_modules_fail_as_usual() -> None:
    """Other missing modules are not touched."""
    with pytest.raises(ModuleNotFoundError, match=r"No module named 'commitwatch\.nothing'"):
        importlib.import_module("commitwatch.nothing")
