"""Modules of earlier layouts: importing one fails with a message naming where its contents went."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
from collections.abc import Sequence
from types import ModuleType

MOVED = {
    "commitwatch.statements": "commitwatch.load (load_statements and load_statement are also in commitwatch)",
    "commitwatch.cleaning": "commitwatch.load.cleaning (or import the cleaning names from commitwatch)",
    "commitwatch.changelog": "commitwatch.compare for build_changelog and select, commitwatch.track for track",
    "commitwatch.pipeline": (
        "commitwatch.stream: stream_files(...) is now `with commitwatch.stream(...) as run:` "
        "(run.head, run.versions); track_files(...) is `run.changelog()` inside it"
    ),
    "commitwatch.diff": "commitwatch.compare.diff (diff_changelogs is now commitwatch.diff_catalogs)",
    "commitwatch.regression": "commitwatch.compare.records",
    "commitwatch.check": "commitwatch.catalog (check_catalog is also in commitwatch)",
}


class MovedModules(importlib.abc.MetaPathFinder):
    """Consulted last, so only for modules no other finder has: it names where a moved one went."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname in MOVED:
            raise ModuleNotFoundError(f"{fullname} has moved: use {MOVED[fullname]}", name=fullname)
        return None
