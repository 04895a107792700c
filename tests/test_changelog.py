"""The changelog: each kind of change, from observations made by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from commitwatch import (
    Catalog,
    ChangeKind,
    Changelog,
    Evidence,
    Observation,
    Reading,
    Statement,
    StatementMeta,
    build_changelog,
    load_catalog,
    make_converter,
    shipped_catalog,
    track,
)

DETERRENCE = "deterrence.extended_deterrence"
DOOR = "dialogue.door_open"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(shipped_catalog())


def _statement(number: int) -> Statement:
    meta = StatementMeta(title=f"S{number}", date=dt.date(2024, 1, number))
    return Statement(f"s{number}", f"s{number}.txt", "0" * 64, "utf-8", meta, "", ())


def _observation(
    commitment_id: str,
    level: str,
    rank: int,
    *,
    polarity: str = "affirmed",
    holders: tuple[str, ...] = ("United States",),
    weight: int = 0,
) -> Observation:
    evidence = Evidence("s", 0, "sentence", 0, 8, ())
    return Observation(commitment_id, level, rank, polarity, holders, "subject", (), weight, evidence)  # type: ignore[arg-type]


def _changelog(catalog: Catalog, *readings: list[Observation]) -> Changelog:
    statements = [_statement(number) for number in range(1, len(readings) + 1)]
    built = []
    for statement, observations in zip(statements, readings, strict=True):
        families = tuple(dict.fromkeys(catalog.commitment(o.commitment_id).family for o in observations))
        built.append(Reading(statement.id, tuple(observations), families))
    return build_changelog(zip([s.info for s in statements], built, strict=True), catalog)


def _kinds(changelog: Changelog, commitment_id: str) -> list[str | None]:
    kinds = []
    for version in changelog.versions:
        change = version.change(commitment_id)
        kinds.append(change.kind.value if change else None)
    return kinds


class TestKinds:
    def test_appeared_strengthened_weakened_unchanged(self, catalog: Catalog) -> None:
        """Level changes read as strengthened and weakened."""
        changelog = _changelog(
            catalog,
            [_observation(DETERRENCE, "affirmed", 2)],
            [_observation(DETERRENCE, "nuclear_backed", 4)],
            [_observation(DETERRENCE, "ironclad", 3)],
            [_observation(DETERRENCE, "ironclad", 3)],
        )
        assert _kinds(changelog, DETERRENCE) == ["appeared", "strengthened", "weakened", "unchanged"]

    def test_same_level_modifiers_decide(self, catalog: Catalog) -> None:
        """At the same level, a booster strengthens and its loss weakens."""
        changelog = _changelog(
            catalog,
            [_observation(DETERRENCE, "affirmed", 2)],
            [_observation(DETERRENCE, "affirmed", 2, weight=1)],
            [_observation(DETERRENCE, "affirmed", 2)],
        )
        assert _kinds(changelog, DETERRENCE) == ["appeared", "strengthened", "weakened"]

    def test_reversed(self, catalog: Catalog) -> None:
        """A polarity flip is a reversal, whatever the level."""
        changelog = _changelog(
            catalog, [_observation(DOOR, "open", 1)], [_observation(DOOR, "open", 1, polarity="negated")]
        )
        assert _kinds(changelog, DOOR) == ["appeared", "reversed"]

    def test_holder_changed(self, catalog: Catalog) -> None:
        """Same strength, other holders."""
        changelog = _changelog(
            catalog,
            [_observation(DETERRENCE, "affirmed", 2)],
            [_observation(DETERRENCE, "affirmed", 2, holders=("United States", "Japan"))],
        )
        assert _kinds(changelog, DETERRENCE) == ["appeared", "holder changed"]

    def test_dropped_then_returned(self, catalog: Catalog) -> None:
        """Absent while its family is addressed: dropped; back later: returned, compared with the last sighting."""
        other = _observation("dialogue.urge_return", "urged", 1)
        changelog = _changelog(
            catalog,
            [_observation(DOOR, "open", 1), other],
            [other],
            [other],
            [_observation(DOOR, "committed", 2), other],
        )
        assert _kinds(changelog, DOOR) == ["appeared", "dropped", None, "returned"]
        returned = changelog.versions[3].change(DOOR)
        assert returned is not None
        assert (returned.before_version, returned.before.level if returned.before else None) == (1, "open")

    def test_silent_family_is_not_addressed_and_the_next_comparison_says_so(self, catalog: Catalog) -> None:
        """A statement silent on a whole family is "not addressed", not "dropped"."""
        changelog = _changelog(
            catalog,
            [_observation(DETERRENCE, "affirmed", 2)],
            [_observation(DOOR, "open", 1)],
            [_observation(DETERRENCE, "affirmed", 2)],
        )
        assert _kinds(changelog, DETERRENCE) == ["appeared", "not addressed", "unchanged"]
        change = changelog.versions[2].change(DETERRENCE)
        assert change is not None
        assert change.note == "compared with version 1, the last to address this family"


class TestChangelog:
    def test_stamped_with_versions_and_hashes(self, seeds_corpus, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
        """The changelog names the catalog and tool versions and each statement's hash."""
        from commitwatch import __version__

        changelog = track(seeds_corpus, catalog)
        assert (changelog.catalog_version, changelog.tool_version) == (catalog.version, __version__)
        assert all(len(version.sha256) == 64 for version in changelog.versions)
        assert changelog.versions[0].variants[0].id == "001_b6367e51516747ce"

    def test_json_round_trip(self, seeds_corpus, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
        """The changelog survives cattrs to JSON and back, unchanged."""
        import json

        converter = make_converter()
        changelog = track(seeds_corpus, catalog)
        again = converter.structure(json.loads(json.dumps(converter.unstructure(changelog))), Changelog)
        assert again == changelog

    def test_every_change_has_both_sides_where_they_exist(self, seeds_corpus, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
        """Compared changes carry the observation before and after, each with its evidence sentence."""
        for version in track(seeds_corpus, catalog).versions:
            for change in version.changes:
                if change.kind in {
                    ChangeKind.STRENGTHENED,
                    ChangeKind.WEAKENED,
                    ChangeKind.UNCHANGED,
                    ChangeKind.RETURNED,
                }:
                    assert change.before is not None
                    assert change.after is not None
                    assert change.before.evidence.sentence
                    assert change.after.evidence.sentence
