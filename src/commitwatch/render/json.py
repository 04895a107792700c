"""Changelog -> JSON, through the one cattrs converter. The layout is documented in the README."""

from __future__ import annotations

import json

from ..converter import make_converter
from ..model import Changelog

__all__ = ["render_json"]


def render_json(changelog: Changelog) -> str:
    """The whole changelog as indented JSON (``schema_version`` names the layout).

    The text round-trips: ``make_converter().structure(json.loads(text), Changelog)`` gives the
    changelog back.
    """
    return json.dumps(make_converter().unstructure(changelog), indent=2, ensure_ascii=False) + "\n"
