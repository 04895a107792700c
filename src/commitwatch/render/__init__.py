"""Renderers: Changelog -> text, one module per format. Pure: they return strings.

:mod:`.markdown` (with :mod:`.timeline`, the table, and :mod:`._text`, quoting and escaping)
for people, :mod:`.json` for programs, :mod:`.diff` for a catalog edit's changes.
"""

from .diff import render_diff_markdown
from .json import json_chunks, render_json
from .markdown import MarkdownReport, render_markdown
from .timeline import render_timeline

__all__ = ["MarkdownReport", "json_chunks", "render_diff_markdown", "render_json", "render_markdown", "render_timeline"]
