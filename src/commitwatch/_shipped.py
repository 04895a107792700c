"""Where the shipped catalog and seed statements are: in the wheel, or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import InputError, Problem

__all__ = ["shipped_catalog", "shipped_seeds"]


def shipped_catalog() -> Path:
    """The folder of the catalog shipped with commitwatch."""
    return _find("catalog", "catalog.yaml")


def shipped_seeds() -> Path:
    """The folder of the seed statements shipped with commitwatch."""
    return _find("seeds", "statements.yaml")


def _find(name: str, marker: str) -> Path:
    # An installed wheel carries the folders as package data (see pyproject.toml).
    packaged = Path(str(resources.files("commitwatch"))) / "_shipped" / name
    if (packaged / marker).is_file():
        return packaged
    # A source checkout (plain or editable install): the folders sit beside pyproject.toml.
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file() and (parent / name / marker).is_file():
            return parent / name
    raise InputError(
        Problem(
            f"the shipped {name} folder was not found",
            None,
            None,
            f"reinstall commitwatch, or pass the {name} folder explicitly",
        )
    )
