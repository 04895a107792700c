"""The changelog: each kind of change, from observations made by hand, over the fixture catalog."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from commitwatch import (
    Catalog,
    Changelog,
    Evidence,
    InputError,
    Observation,
    Quantity,
    Reading,
    StatementInfo,
    StatementMeta,
    build_changelog,
    load_catalog,
    load_statements,
    make_converter,
    render_markdown,
    track,
)

FIXTURES = Path(__file__).parent / "fixtures"
GUARANTEE = "defence.guarantee"  # ladder: mentioned, affirmed
OFFER = "talks.offer"  # ladder: offered, anytime
URGE = "talks.urge"


def _info(number: int, **meta: object) -> StatementInfo:
    date = meta.pop("date", dt.date(2024, 1, number))
    return StatementInfo(f"s{number}", f"s{number}.txt", "0" * 64, StatementMeta(title=f"S{number}", date=date, **meta))  # type: ignore[arg-type]


def _observation(
    commitment_id: str,
    level: str,
    stance: str = "committed",
    *,
    polarity: str = "affirmed",
    holders: tuple[str, ...] = ("Alpha",),
    sentence: int = 0,
    quantities: tuple[Quantity, ...] = (),
) -> Observation:
    evidence = Evidence("s", sentence, f"sentence {sentence}", 0, 10, ())
    return Observation(
        commitment_id,
        level,
        stance,
        polarity,
        holders,
        "subject",
        (),
        evidence,
        quantities=quantities,  # type: ignore[arg-type]
    )


def _reading(
    catalog: Catalog, number: int, observations: list[Observation], sentences: dict[str, int] | None = None
) -> Reading:
    families = tuple(dict.fromkeys(catalog.commitment(o.commitment_id).family for o in observations))
    coverage = sentences or dict.fromkeys(families, 2)  # by default each family is taken up
    return Reading(f"s{number}", tuple(observations), families, tuple(coverage.items()))


def _changelog(catalog: Catalog, *steps: list[Observation] | tuple[list[Observation], dict[str, int]]) -> Changelog:
    readings = []
    for number, step in enumerate(steps, start=1):
        observations, sentences = step if isinstance(step, tuple) else (step, None)
        readings.append((_info(number), _reading(catalog, number, observations, sentences)))
    return build_changelog(readings, catalog)


def _kinds(changelog: Changelog, commitment_id: str) -> list[str | None]:
    kinds = []
    for version in changelog.versions:
        change = version.change(commitment_id)
        kinds.append(change.kind.value if change else None)
    return kinds


def _year(value: int, relation: str = "by") -> Quantity:
    return Quantity("year", float(value), "", relation, f"{relation} {value}", 0, 7)


class TestStrength:
    def test_stance_then_content(self, catalog: Catalog) -> None:
        """A stronger stance strengthens; at the same stance, a higher content level does."""
        changelog = _changelog(
            catalog,
            [_observation(GUARANTEE, "affirmed", "mentioned")],
            [_observation(GUARANTEE, "affirmed", "committed")],
            [_observation(GUARANTEE, "mentioned", "intensified")],
            [_observation(GUARANTEE, "affirmed", "intensified")],
            [_observation(GUARANTEE, "mentioned", "intensified")],
            [_observation(GUARANTEE, "mentioned", "intensified")],
        )
        assert _kinds(changelog, GUARANTEE) == [
            "appeared",
            "strengthened",
            "strengthened",
            "strengthened",
            "weakened",
            "unchanged",
        ]

    def test_an_earlier_deadline_strengthens_and_says_so(self, catalog: Catalog) -> None:
        """Same stance and level: a deadline brought forward is a strengthening, with both values named."""
        changelog = _changelog(
            catalog,
            [_observation(GUARANTEE, "affirmed", quantities=(_year(2035),))],
            [_observation(GUARANTEE, "affirmed", quantities=(_year(2030),))],
            [_observation(GUARANTEE, "affirmed", quantities=(_year(2040),))],
        )
        assert _kinds(changelog, GUARANTEE) == ["appeared", "strengthened", "weakened"]
        note = changelog.versions[1].change(GUARANTEE).note  # type: ignore[union-attr]
        assert note == "deadline brought forward: by 2035 -> by 2030"

    def test_a_larger_amount_strengthens(self, catalog: Catalog) -> None:
        """A larger share or amount in the same unit is stronger."""
        amount = lambda value: Quantity("amount", value, "USD", "", f"${value:,.0f}", 0, 5)  # noqa: E731
        changelog = _changelog(
            catalog,
            [_observation("aid.pledge", "pledged", quantities=(amount(1e8),))],
            [_observation("aid.pledge", "pledged", quantities=(amount(3e8),))],
        )
        assert _kinds(changelog, "aid.pledge") == ["appeared", "strengthened"]
        assert "amount raised" in changelog.versions[1].change("aid.pledge").note  # type: ignore[union-attr]

    def test_reversed(self, catalog: Catalog) -> None:
        """A polarity flip is a reversal, whatever the strength."""
        changelog = _changelog(
            catalog, [_observation(OFFER, "offered")], [_observation(OFFER, "offered", polarity="negated")]
        )
        assert _kinds(changelog, OFFER) == ["appeared", "reversed"]

    def test_holder_changed(self, catalog: Catalog) -> None:
        """Same strength, other holders."""
        changelog = _changelog(
            catalog,
            [_observation(GUARANTEE, "affirmed")],
            [_observation(GUARANTEE, "affirmed", holders=("Alpha", "Beta"))],
        )
        assert _kinds(changelog, GUARANTEE) == ["appeared", "holder changed"]


class TestSilence:
    def test_dropped_when_the_family_is_taken_up_then_returned(self, catalog: Catalog) -> None:
        """Left out of a statement that takes up its family (two sentences on it): dropped; back later:
        returned, with the level it returned at and the version it was last seen in."""
        other = _observation(URGE, "urged", "urged")
        changelog = _changelog(
            catalog,
            [_observation(OFFER, "offered"), other],
            [other],
            [other],
            [_observation(OFFER, "anytime", "intensified"), other],
        )
        assert _kinds(changelog, OFFER) == ["appeared", "dropped", None, "returned"]
        returned = changelog.versions[3].change(OFFER)
        assert returned is not None
        assert (returned.before_version, returned.before.level if returned.before else None) == (1, "offered")
        assert returned.note == "returned intensified, anytime; last seen in version 1, committed, offered"

    def test_not_restated_when_the_family_is_named_in_passing(self, catalog: Catalog) -> None:
        """A statement that names the family in one sentence only, without this commitment: not restated,
        and its next appearance is compared as usual (not "returned")."""
        other = _observation(URGE, "urged", "urged")
        changelog = _changelog(
            catalog,
            [_observation(OFFER, "offered"), other],
            ([other], {"talks": 1}),
            [_observation(OFFER, "offered"), other],
        )
        assert _kinds(changelog, OFFER) == ["appeared", "not restated", "unchanged"]
        assert changelog.versions[2].change(OFFER).note == "compared with version 1, the last to state it"  # type: ignore[union-attr]

    def test_silent_family_is_not_addressed(self, catalog: Catalog) -> None:
        """A statement silent on a whole family: "not addressed", never "dropped"."""
        changelog = _changelog(
            catalog,
            [_observation(GUARANTEE, "affirmed")],
            [_observation(OFFER, "offered")],
            [_observation(GUARANTEE, "affirmed")],
        )
        assert _kinds(changelog, GUARANTEE) == ["appeared", "not addressed", "unchanged"]

    def test_subjects_in_the_metadata_take_a_family_up(self, catalog: Catalog) -> None:
        """A statement whose metadata lists a family in `subjects` takes it up, however briefly it names it."""
        first = (_info(1), _reading(catalog, 1, [_observation(OFFER, "offered"), _observation(URGE, "urged", "urged")]))
        second = (
            _info(2, subjects=("talks",)),
            _reading(catalog, 2, [_observation(URGE, "urged", "urged")], {"talks": 1}),
        )
        assert _kinds(build_changelog([first, second], catalog), OFFER) == ["appeared", "dropped"]

    def test_a_position_tied_to_one_event_is_never_dropped(self, tmp_path: Path) -> None:
        """An entry marked `persistent: false` is not restated when its family is taken up without it,
        never dropped."""
        folder = tmp_path / "catalog"
        folder.mkdir()
        for path in (FIXTURES / "catalog").iterdir():
            text = path.read_text(encoding="utf-8")
            (folder / path.name).write_text(
                text.replace("    title: Defence guarantee\n", "    title: Defence guarantee\n    persistent: false\n"),
                encoding="utf-8",
            )
        steps = ([_observation(GUARANTEE, "affirmed")], ([], {"defence": 2}))
        assert _kinds(_changelog(load_catalog(FIXTURES / "catalog"), *steps), GUARANTEE) == ["appeared", "dropped"]
        assert _kinds(_changelog(load_catalog(folder), *steps), GUARANTEE) == ["appeared", "not restated"]


class TestFulfilled:
    def test_a_pledge_reported_delivered_is_fulfilled_and_never_dropped(self, catalog: Catalog) -> None:
        """Fulfilled names the pledge it fulfils; left out afterwards, even where the family is taken
        up, it is neither dropped nor listed as owed."""
        other = _observation(URGE, "urged", "urged")
        changelog = _changelog(
            catalog,
            [_observation(OFFER, "offered"), other],
            [_observation(OFFER, "offered", "fulfilled"), other],
            [other],
            [other],
        )
        assert _kinds(changelog, OFFER) == ["appeared", "fulfilled", None, None]
        fulfilled = changelog.versions[1].change(OFFER)
        assert fulfilled is not None
        assert fulfilled.note == "reported as delivered; pledged in version 1 as committed, offered"

    def test_first_seen_as_delivered(self, catalog: Catalog) -> None:
        changelog = _changelog(catalog, [_observation(OFFER, "offered", "fulfilled")])
        change = changelog.versions[0].change(OFFER)
        assert change is not None
        assert (change.kind.value, change.before, change.note) == (
            "fulfilled",
            None,
            "reported as delivered when first seen",
        )

    def test_a_new_pledge_after_delivery_is_compared_as_a_commitment(self, catalog: Catalog) -> None:
        """Met by 2035, then pledged by 2030: a strengthening (delivered is a state, not a stronger
        stance), noted as a new pledge."""
        changelog = _changelog(
            catalog,
            [_observation(GUARANTEE, "affirmed", "fulfilled", quantities=(_year(2035),))],
            [_observation(GUARANTEE, "affirmed", "committed", quantities=(_year(2030),))],
        )
        assert _kinds(changelog, GUARANTEE) == ["fulfilled", "strengthened"]
        assert changelog.versions[1].change(GUARANTEE).note == (  # type: ignore[union-attr]
            "pledged anew after it was fulfilled in version 1; deadline brought forward: by 2035 -> by 2030"
        )


class TestOccasions:
    def test_same_day_statements_are_one_version(self, catalog: Catalog) -> None:
        """Two statements of one date are read as one version: its companion is named, and the
        stronger observation of the two counts."""
        day = dt.date(2024, 5, 1)
        first = (_info(1, date=day), _reading(catalog, 1, [_observation(GUARANTEE, "affirmed", "committed")]))
        second = (
            _info(2, date=day),
            _reading(catalog, 2, [_observation(GUARANTEE, "affirmed", "intensified"), _observation(OFFER, "offered")]),
        )
        changelog = build_changelog([first, second], catalog)
        assert len(changelog.versions) == 1
        version = changelog.versions[0]
        assert [companion.id for companion in version.companions] == ["s2"]
        assert version.change(GUARANTEE).after.stance == "intensified"  # type: ignore[union-attr]
        assert version.families == ("defence", "talks")

    def test_an_occasions_parties_are_those_its_statements_name(self, catalog: Catalog) -> None:
        """A companion that names its parties makes them the version's, not assumed, even when the
        first statement names none; an occasion that names none at all has the catalog's, assumed."""
        day = dt.date(2024, 5, 1)
        first = (_info(1, date=day), _reading(catalog, 1, [_observation(GUARANTEE, "affirmed")]))
        second = (_info(2, date=day, parties=("Beta",)), _reading(catalog, 2, [_observation(OFFER, "offered")]))
        [version] = build_changelog([first, second], catalog).versions
        assert (version.parties, version.parties_assumed) == (("Beta",), False)
        [alone] = build_changelog([first], catalog).versions
        assert (alone.parties, alone.parties_assumed) == (catalog.default_parties, True)

    def test_an_occasion_key_joins_statements_of_two_days(self, catalog: Catalog) -> None:
        """`occasion:` in the metadata names a summit that spans two dates."""
        first = (_info(1, occasion="Summit"), _reading(catalog, 1, [_observation(GUARANTEE, "affirmed")]))
        second = (_info(2, occasion="Summit"), _reading(catalog, 2, [_observation(OFFER, "offered")]))
        third = (_info(3), _reading(catalog, 3, [_observation(GUARANTEE, "affirmed")]))
        changelog = build_changelog([first, second, third], catalog)
        assert [(v.statement_id, v.occasion, len(v.companions)) for v in changelog.versions] == [
            ("s1", "Summit", 1),
            ("s3", "", 0),
        ]

    def test_a_fall_back_to_file_names_is_said(self, catalog: Catalog) -> None:
        """Two occasions of one date without `order:` follow each other by file name, and the later
        version says so; where either gives `order:`, the order is the metadata's and nothing is said."""
        day = dt.date(2024, 5, 1)
        readings = [
            (_info(1, date=day, occasion="Morning"), _reading(catalog, 1, [_observation(GUARANTEE, "affirmed")])),
            (_info(2, date=day, occasion="Evening"), _reading(catalog, 2, [_observation(OFFER, "offered")])),
        ]
        first, second = build_changelog(readings, catalog).versions
        assert first.ordering == ""
        assert second.ordering == (
            "shares its date (2024-05-01) with v1 and follows it by file name, "
            "since neither gives 'order:' or 'time:' in its metadata"
        )
        one_ordered = [(_info(3, date=day, occasion="Morning", order=1), readings[0][1]), readings[1]]
        assert [v.ordering for v in build_changelog(one_ordered, catalog).versions] == ["", ""]
        ordered = [
            (_info(1, date=day, occasion="Morning", order=1), readings[0][1]),
            (_info(2, date=day, occasion="Evening", order=2), readings[1][1]),
        ]
        assert [v.ordering for v in build_changelog(ordered, catalog).versions] == ["", ""]
        assert "- **Order:** shares its date" in render_markdown(build_changelog(readings, catalog))

    def test_time_orders_a_day_without_order(self, tmp_path: Path, catalog: Catalog) -> None:
        """Without `order:`, `time:` orders a date's statements (quoted or not: 9:05 is text, not
        the base-60 number YAML 1.1 made of it), and the version after says nothing of file names;
        a time that is none is located."""
        texts = {"a.txt": ("14:30", "Morning"), "b.txt": ("'9:05'", "Evening"), "c.txt": ("9:05", "Noon")}
        for name, (time, occasion) in texts.items():
            (tmp_path / name).write_text(
                f"---\ndate: 2024-05-01\ntime: {time}\noccasion: {occasion}\n---\nWe offer talks without preconditions {name}.\n",
                encoding="utf-8",
            )
        corpus = load_statements(tmp_path)
        assert [(s.id, s.meta.time) for s in corpus.statements] == [
            ("b", "09:05:00"),
            ("c", "09:05:00"),
            ("a", "14:30:00"),
        ]
        ordering = [v.ordering for v in track(corpus, catalog).versions]
        assert ordering[2] == ""
        assert "by file name" in ordering[1]  # b and c give the same time
        (tmp_path / "d.txt").write_text("---\ndate: 2024-05-01\ntime: 25:00\n---\nText.\n", encoding="utf-8")
        (tmp_path / "e.txt").write_text("---\ndate: 2024-05-01\ntime: 930\n---\nText.\n", encoding="utf-8")
        skipped = load_statements(tmp_path).skipped
        assert [(s.path, s.line) for s in skipped] == [("d.txt", 3), ("e.txt", 3)]
        assert "25:00 is not a time of day" in skipped[0].reason
        assert "930 is not a time of day: write it as HH:MM" in skipped[1].reason

    def test_times_do_not_split_an_occasion(self, tmp_path: Path, catalog: Catalog) -> None:
        """X at 9:00, Y at 10:00, X at 11:00: the two of X are one version, where the first stands."""
        texts = {
            "x1.txt": ("9:00", "X", "We offer talks without preconditions."),
            "y.txt": ("10:00", "Y", "We pledged aid to the region."),
            "x2.txt": ("11:00", "X", "Alpha reaffirms its commitment to defend Beta."),
        }
        for name, (time, occasion, body) in texts.items():
            (tmp_path / name).write_text(
                f"---\ndate: 2024-05-01\ntime: {time}\noccasion: {occasion}\n---\n{body}\n", encoding="utf-8"
            )
        versions = track(load_statements(tmp_path), catalog).versions
        assert [(v.statement_id, [c.id for c in v.companions]) for v in versions] == [("x1", ["x2"]), ("y", [])]

    def test_order_decides_the_first_of_a_day(self, tmp_path: Path, catalog: Catalog) -> None:
        """Within a date, `order:` comes before the file name."""
        texts = {"a.txt": (2, "We offer talks without preconditions."), "b.txt": (1, "We pledged aid to the region.")}
        for name, (order, text) in texts.items():
            (tmp_path / name).write_text(f"---\ndate: 2024-05-01\norder: {order}\n---\n{text}\n", encoding="utf-8")
        corpus = load_statements(tmp_path)
        assert [statement.id for statement in corpus.statements] == ["b", "a"]


class TestChangelog:
    def test_stamped_with_versions_and_hashes(self, catalog: Catalog) -> None:
        """The changelog names the catalog and tool versions and each statement's hash."""
        from commitwatch import __version__

        changelog = track(load_statements(FIXTURES / "evaluation" / "corpus"), catalog)
        assert (changelog.catalog_version, changelog.tool_version) == (catalog.version, __version__)
        assert all(len(version.sha256) == 64 for version in changelog.versions)

    def test_json_round_trip(self, catalog: Catalog) -> None:
        """The changelog survives cattrs to JSON and back, unchanged."""
        converter = make_converter()
        changelog = track(load_statements(FIXTURES / "evaluation" / "corpus"), catalog)
        again = converter.structure(json.loads(json.dumps(converter.unstructure(changelog))), Changelog)
        assert again == changelog


class TestSeries:
    def test_issued_by_reads_one_set_of_governments_as_its_own_series(self, tmp_path: Path, catalog: Catalog) -> None:
        """A statement of Alpha alone between two of Alpha and Beta is left out of their series: the
        third is compared with the first, and the head says what was left out."""
        from commitwatch import stream

        texts = {
            "a.txt": (
                "2024-01-01",
                "Alpha, Beta",
                "We offer talks without preconditions. We discussed defence cooperation.",
            ),
            "b.txt": (
                "2024-02-01",
                "Alpha",
                "Alpha reaffirms its commitment to defend Beta. We discussed defence cooperation.",
            ),
            "c.txt": (
                "2024-03-01",
                "Alpha, Beta",
                "The ministers met in the autumn to review their work. We offer talks without preconditions.",
            ),
        }
        for name, (day, parties, body) in texts.items():
            (tmp_path / name).write_text(f"---\ndate: {day}\nparties: [{parties}]\n---\n{body}\n", encoding="utf-8")
        with stream(tmp_path, catalog=catalog) as run:
            whole = run.changelog()
        with stream(tmp_path, catalog=catalog, issued_by=("Alpha", "Beta")) as run:
            series = run.changelog()
        assert [v.statement_id for v in whole.versions] == ["a", "b", "c"]
        assert [v.statement_id for v in series.versions] == ["a", "c"]
        assert series.selection == "issued by Alpha, Beta (1 statement of other parties left out)"
        with stream(tmp_path, catalog=catalog, issued_by=("alphaland", "BETA")) as run:  # an alias, any case
            assert [v.statement_id for v in run.changelog().versions] == ["a", "c"]
        with (
            pytest.raises(InputError, match="'Zeta' is no party of the catalog"),
            stream(tmp_path, catalog=catalog, issued_by="Zeta"),
        ):
            pass
        talks = [c for v in series.versions for c in v.changes if c.commitment_id == "talks.offer"]
        assert [c.kind.value for c in talks] == ["appeared", "unchanged"]
        assert talks[1].before_version == 1
