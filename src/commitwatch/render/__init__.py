"""Renderers: Changelog -> text, one module per format. Pure: they return strings."""

from .json import render_json
from .markdown import render_markdown, render_timeline

__all__ = ["render_json", "render_markdown", "render_timeline"]
