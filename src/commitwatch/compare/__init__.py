"""Readings in date order -> the changelog; and the one diff of two readings.

:mod:`.changelog` folds readings into versions and their changes; :mod:`.select` narrows a
changelog; :mod:`.records` lays a changelog out for regression files; :mod:`.diff` compares two
such records (``commitwatch diff`` and the pytest plugin both use it).
"""

from .changelog import build_changelog, changelog_head, versions
from .diff import CatalogDiff, DiffEntry, diff_records, renames
from .records import regression_data
from .select import select, select_stream

__all__ = [
    "CatalogDiff",
    "DiffEntry",
    "build_changelog",
    "changelog_head",
    "diff_records",
    "regression_data",
    "renames",
    "select",
    "select_stream",
    "versions",
]
