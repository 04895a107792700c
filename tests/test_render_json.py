"""The JSON of a changelog: the documented layout, built piece by piece."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commitwatch import Changelog, load_catalog, load_statements, make_converter, read_json, render_json, track
from commitwatch.render.json import JSON_LAYOUT, SCHEMA_VERSION, json_chunks

FIXTURES = Path(__file__).parent / "fixtures"


def _changelog() -> Changelog:
    return track(load_statements(FIXTURES / "evaluation" / "corpus"), load_catalog(FIXTURES / "catalog"))


class TestJson:
    def test_keys_in_the_documented_order(self) -> None:
        """tool_version first, versions before skipped, schema_version last."""
        data = json.loads(render_json(_changelog()))
        assert tuple(data) == JSON_LAYOUT
        assert data["schema_version"] == SCHEMA_VERSION == 3

    @pytest.mark.parametrize("indent", [None, 2, 4])
    def test_reads_back(self, indent: int | None) -> None:
        """read_json gives back the same changelog, compact or indented."""
        changelog = _changelog()
        assert read_json(render_json(changelog, indent=indent)) == changelog

    def test_compact_by_default_indented_on_request(self) -> None:
        """Compact: no line breaks and no spaces after separators; indented: what json.dumps(indent=) gives."""
        changelog = _changelog()
        compact = render_json(changelog)
        assert compact.count("\n") == 1
        assert compact == json.dumps(json.loads(compact), ensure_ascii=False, separators=(",", ":")) + "\n"
        indented = render_json(changelog, indent=2)
        assert indented == json.dumps(json.loads(indented), ensure_ascii=False, indent=2) + "\n"

    def test_before_refers_to_the_earlier_after(self) -> None:
        """A change whose before is an earlier version's after leaves it out and names that version;
        the earlier version shows it as after."""
        changelog = _changelog()
        data = json.loads(render_json(changelog))
        left_out = 0
        for version, shown in zip(changelog.versions, data["versions"], strict=True):
            for change, change_data in zip(version.changes, shown["changes"], strict=True):
                if change.before is None:
                    assert change_data["before"] is None
                elif "before" not in change_data:
                    left_out += 1
                    earlier = data["versions"][change.before_version - 1]
                    [earlier_change] = [c for c in earlier["changes"] if c["commitment_id"] == change.commitment_id]
                    assert make_converter().structure(earlier_change["after"], type(change.before)) == change.before
        assert left_out > 0

    def test_a_before_no_earlier_version_shows_is_given_in_full(self) -> None:
        """Narrowed to its last version, a changelog's changes carry their before in full."""
        from commitwatch import select

        changelog = _changelog()
        last = select(changelog, since=changelog.versions[-1].date)
        data = json.loads(render_json(last))
        befores = [c for c in data["versions"][0]["changes"] if c["before_version"] is not None]
        assert befores
        assert all(c["before"] is not None for c in befores)
        assert read_json(render_json(last)) == last

    def test_reads_schema_2(self) -> None:
        """A changelog written with schema 2 (before repeated in full) reads too."""
        changelog = _changelog()
        old = make_converter().unstructure(changelog)
        old["schema_version"] = 2
        assert read_json(json.dumps(old)) == changelog

    def test_refuses_what_is_not_a_changelog(self) -> None:
        with pytest.raises(ValueError, match="schema_version: 99"):
            read_json('{"schema_version": 99}')

    def test_a_version_taken_out_is_named(self) -> None:
        """A file with a version taken out (by jq, say) whose after a later change refers to: a
        ValueError naming both, not a KeyError."""
        data = json.loads(render_json(_changelog()))
        del data["versions"][0]
        with pytest.raises(ValueError, match="refers to version 1, which is not in the file"):
            read_json(json.dumps(data))

    def test_a_wrong_value_is_a_value_error(self) -> None:
        data = json.loads(render_json(_changelog()))
        data["versions"][0]["date"] = "yesterday"
        with pytest.raises(ValueError, match="not a whole commitwatch changelog"):
            read_json(json.dumps(data))

    @pytest.mark.parametrize("indent", [None, 2])
    def test_pieces_make_the_whole(self, indent: int | None) -> None:
        """Streamed version by version, the text is the same."""
        changelog = _changelog()
        text = "".join(json_chunks(changelog.head, iter(changelog.versions), indent=indent))
        assert text == render_json(changelog, indent=indent)

    def test_no_versions(self) -> None:
        """A changelog without versions is still valid JSON, with an empty list."""
        changelog = _changelog()
        for indent in (None, 2):
            assert json.loads("".join(json_chunks(changelog.head, iter(()), indent=indent)))["versions"] == []


class TestSelection:
    def test_a_narrowed_changelog_says_what_it_was_narrowed_to(self) -> None:
        """select() records its choice; the Markdown header, the JSON and read_json keep it."""
        from commitwatch import render_markdown, select

        changelog = _changelog()
        narrowed = select(changelog, since=changelog.versions[1].date, families=["defence"])
        said = f"since {changelog.versions[1].date.isoformat()}; family defence"
        assert narrowed.selection == said
        assert f"- **Selection:** {said}" in render_markdown(narrowed)
        assert json.loads(render_json(narrowed))["selection"] == said
        assert read_json(render_json(narrowed)).selection == said
        assert changelog.selection == ""
        assert "Selection" not in render_markdown(changelog)
