"""Renderers: Changelog -> text, one module per format. Pure: they return strings."""

from .json import render_json, write_json
from .markdown import render_markdown, render_timeline, write_markdown

__all__ = ["render_json", "render_markdown", "render_timeline", "write_json", "write_markdown"]
