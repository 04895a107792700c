"""The one converter: JSON for every noun, strict structuring of what people write."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from commitwatch import Catalog, CueMatch, Evidence, Observation, Quantity, StatementMeta, make_converter
from commitwatch._yaml import load_yaml
from commitwatch.converter import parse_iso_date, structure_yaml


class TestJson:
    def test_an_observation_round_trips(self) -> None:
        """Every field, quantities and cue matches included, goes to JSON and back unchanged."""
        evidence = Evidence("s1", 0, "We will.", 0, 8, (CueMatch("will", "level", "will", 3, 7),))
        observation = Observation(
            "a.b",
            "level",
            "committed",
            "affirmed",
            ("Alpha",),
            "subject",
            ("booster",),
            evidence,
            addressee=("Gamma",),
            predicate="will",
            stance_basis="a committing predicate",
            quantities=(Quantity("year", 2035.0, "", "by", "by 2035", 10, 17),),
        )
        converter = make_converter()
        assert (
            converter.structure(json.loads(json.dumps(converter.unstructure(observation))), Observation) == observation
        )

    def test_dates_are_iso_text(self) -> None:
        """A date becomes YYYY-MM-DD."""
        assert make_converter().unstructure(StatementMeta(date=dt.date(2024, 3, 3)))["date"] == "2024-03-03"


class TestStrict:
    def _structure(self, text: str, cls: type) -> tuple[object, list[str]]:
        data, problems = load_yaml(text, "f.yaml")
        value, found = structure_yaml(make_converter(from_files=True), data, cls, "f.yaml")
        return value, [problem.format() for problem in (*problems, *found)]

    def test_an_unknown_key_is_named_with_its_line_and_a_did_you_mean(self) -> None:
        """A typo is an error, never a silent default."""
        _, problems = self._structure("title: T\ndat: 2024-01-01\n", StatementMeta)
        assert problems == ["f.yaml:2: unknown key 'dat'; did you mean 'date'?"]

    def test_text_where_a_list_is_expected_is_refused(self) -> None:
        """`parties: United States` would otherwise be a list of letters."""
        _, problems = self._structure("parties: United States\n", StatementMeta)
        assert "expected a list" in problems[0]

    def test_fields_commitwatch_fills_in_may_not_be_written(self) -> None:
        """Where a date came from is found, not written."""
        _, problems = self._structure("date_source: manifest\n", StatementMeta)
        assert problems[0].startswith("f.yaml:1: unknown key 'date_source'")

    def test_a_catalog_s_locations_are_not_read_from_its_files(self) -> None:
        """`sources` is where commitwatch read the catalog, not part of it."""
        _, problems = self._structure("sources: {}\n", Catalog)
        assert any("unknown key 'sources'" in problem for problem in problems)


class TestDates:
    @pytest.mark.parametrize("value", ["2024-1-1", "2024-02-30", "March 3, 2024"])
    def test_only_real_iso_dates(self, value: str) -> None:
        """A date in metadata is YYYY-MM-DD and real."""
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_iso_date(value)
