"""YAML catalog folder -> validated :class:`~commitwatch.model.Catalog`, checked against its own examples.

:mod:`.loading` reads and validates the files (every problem at once, with file and line);
:mod:`.check` runs each entry's examples through the matcher; :mod:`.revision` finds a catalog
folder as it was at a git revision, for ``commitwatch diff``.
"""

from .check import CheckResult, ExampleOutcome, check_catalog
from .loading import CATALOG_FILE, load_catalog

__all__ = ["CATALOG_FILE", "CheckResult", "ExampleOutcome", "check_catalog", "load_catalog"]
