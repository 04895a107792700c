"""Renderers: Changelog -> text, one module per format. Pure: they return strings.

:mod:`.markdown` (with :mod:`.timeline`, the table, and :mod:`._text`, quoting and escaping)
for people to read, :mod:`.html` (a page with its template, CSS and script in ``templates/``)
for people to explore, :mod:`.json` for programs, :mod:`.diff` for a catalog edit's changes.
"""

from .diff import render_diff_markdown
from .html import HtmlReport, render_html
from .json import json_chunks, read_json, render_json
from .markdown import MarkdownReport, render_history, render_markdown
from .timeline import render_timeline

__all__ = [
    "HtmlReport",
    "MarkdownReport",
    "json_chunks",
    "read_json",
    "render_diff_markdown",
    "render_history",
    "render_html",
    "render_json",
    "render_markdown",
    "render_timeline",
]
