"""The JSON of a changelog: the documented layout, built piece by piece."""

from __future__ import annotations

import json
from pathlib import Path

from commitwatch import Changelog, load_catalog, load_statements, make_converter, render_json, track
from commitwatch.render.json import JSON_LAYOUT, json_chunks

FIXTURES = Path(__file__).parent / "fixtures"


def _changelog() -> Changelog:
    return track(load_statements(FIXTURES / "evaluation" / "corpus"), load_catalog(FIXTURES / "catalog"))


class TestJson:
    def test_keys_in_the_documented_order(self) -> None:
        """tool_version first, versions before skipped, schema_version last."""
        data = json.loads(render_json(_changelog()))
        assert tuple(data) == JSON_LAYOUT
        assert data["schema_version"] == 2

    def test_reads_back(self) -> None:
        """The text structures back into the same changelog."""
        changelog = _changelog()
        assert make_converter().structure(json.loads(render_json(changelog)), Changelog) == changelog

    def test_pieces_make_the_whole(self) -> None:
        """Streamed version by version, the text is the same."""
        changelog = _changelog()
        assert "".join(json_chunks(changelog.head, iter(changelog.versions))) == render_json(changelog)

    def test_no_versions(self) -> None:
        """A changelog without versions is still valid JSON, with an empty list."""
        changelog = _changelog()
        assert json.loads("".join(json_chunks(changelog.head, iter(()))))["versions"] == []
