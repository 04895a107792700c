"""The run: statement files read, matched and compared, streamed, on every core.

:mod:`.engine` holds the run itself (:func:`stream`, and :func:`track` for a corpus in memory);
:mod:`.workers` the worker processes; :mod:`.spill` the temporary files between its passes;
:mod:`.write` the writers that take versions as they come.
"""

from .engine import PARALLEL_THRESHOLD, Stream, diff_catalogs, resolve_jobs, stream, track
from .write import write_html, write_json, write_markdown

__all__ = [
    "PARALLEL_THRESHOLD",
    "Stream",
    "diff_catalogs",
    "resolve_jobs",
    "stream",
    "track",
    "write_html",
    "write_json",
    "write_markdown",
]
