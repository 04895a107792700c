"""The seeds as a careful reader reads them (tests/truth/seeds.yaml), against what commitwatch reads.

Each judgement in the truth file is its own test case, so a failure names the statement and the
commitment it is about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from commitwatch import Catalog, Changelog, load_catalog, shipped_catalog, track

TRUTH = yaml.safe_load((Path(__file__).parent / "truth" / "seeds.yaml").read_text(encoding="utf-8"))
ALL = ["United States", "Japan", "Republic of Korea"]
ALL_PARTIES = ("United States", "Japan", "Republic of Korea")


def _holders(value: Any) -> list[str]:
    return ALL if value == "all" else list(value)


def _observation_cases() -> list[Any]:
    return [
        pytest.param(index, commitment_id, expected, id=f"v{index + 1}-{commitment_id}")
        for index, version in enumerate(TRUTH["versions"])
        for commitment_id, expected in version["observations"].items()
    ]


def _change_cases() -> list[Any]:
    return [
        pytest.param(index, commitment_id, kind, id=f"v{index + 1}-{commitment_id}")
        for index, version in enumerate(TRUTH["versions"])
        for commitment_id, kind in version["changes"].items()
    ]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(shipped_catalog())


@pytest.fixture(scope="module")
def changelog(seeds_corpus, catalog: Catalog) -> Changelog:  # type: ignore[no-untyped-def]
    return track(seeds_corpus, catalog)


class TestTruth:
    def test_versions_are_the_statements_in_date_order(self, changelog: Changelog) -> None:
        """Four versions: the blog copy 001 counts once, as a variant of 000."""
        assert [v.statement_id for v in changelog.versions] == [v["statement"] for v in TRUTH["versions"]]

    @pytest.mark.parametrize(("index", "commitment_id", "expected"), _observation_cases())
    def test_observation(self, changelog: Changelog, index: int, commitment_id: str, expected: dict[str, Any]) -> None:
        """Each commitment a careful reader finds is found, at the level and with the holders they see."""
        change = changelog.versions[index].change(commitment_id)
        assert change is not None
        assert change.after is not None, f"{commitment_id} not found; the change is {change.kind.value}"
        after = change.after
        actual = {"stance": after.stance, "level": after.level, "holders": list(after.holders)}
        wanted = {"stance": expected["stance"], "level": expected["level"], "holders": _holders(expected["holders"])}
        assert actual == wanted, after.stance_basis

    @pytest.mark.parametrize("index", range(len(TRUTH["versions"])))
    def test_nothing_else_is_found(self, changelog: Changelog, index: int) -> None:
        """No commitment is found that the careful reader did not find."""
        version = changelog.versions[index]
        found = {change.commitment_id for change in version.changes if change.after is not None}
        assert found == set(TRUTH["versions"][index]["observations"])

    @pytest.mark.parametrize(("index", "commitment_id", "kind"), _change_cases())
    def test_change(self, changelog: Changelog, index: int, commitment_id: str, kind: str) -> None:
        """Each change a careful reader writes is the change commitwatch reports."""
        change = changelog.versions[index].change(commitment_id)
        assert change is not None
        assert change.kind.value == kind

    @pytest.mark.parametrize("index", range(1, len(TRUTH["versions"])))
    def test_no_other_changes(self, changelog: Changelog, index: int) -> None:
        """Every change commitwatch reports after the first version is one the careful reader wrote down."""
        version = changelog.versions[index]
        assert {c.commitment_id: c.kind.value for c in version.changes} == TRUTH["versions"][index]["changes"]

    def test_first_version_everything_appeared(self, changelog: Changelog) -> None:
        """In the first version every commitment shown is new."""
        assert {change.kind.value for change in changelog.versions[0].changes} == {"appeared"}


class TestStatementWrittenWithTheCatalog:
    """A statement in the seeds' dress, written for the tests in the same commit as the catalog 1.1.0
    edits that made it pass (so it is no held-out text: it shows what the catalog reads, not how well
    it generalises; `commitwatch evaluate` on unseen annotated statements measures that). Each
    judgement is a careful reader's, on the two axes."""

    EXPECTED: ClassVar[dict[str, tuple[str, str, tuple[str, ...]]]] = {
        # "Foreign ministers of Japan, the Republic of Korea and the United States condemned in the strongest
        # terms": the ministers of the three are the three; a condemnation is a position, mentioned
        "condemnation.missile_launches": ("mentioned", "strongly_condemned", ALL_PARTIES),
        # "yet another flagrant breach of multiple Security Council resolutions"
        "international_law.unsc_violations": ("mentioned", "flagrant_violation", ALL_PARTIES),
        # "its commitment to the defense of Japan and the ROK remains ironclad, backed by the full range ... nuclear"
        "deterrence.extended_deterrence": ("intensified", "nuclear_backed", ("United States",)),
        # "reaffirmed their commitment to the complete, verifiable and irreversible denuclearization"
        "denuclearization.complete_denuclearization": ("committed", "cvid", ALL_PARTIES),
        # "... and reiterated that the United States remains ready to meet with the DPRK without any preconditions":
        # its own offer, the United States', in a verb phrase of its own (not inside "called on Pyongyang to")
        "dialogue.without_preconditions": ("intensified", "offered", ("United States",)),
        # "called on Pyongyang to return to the negotiating table"
        "dialogue.urge_return": ("urged", "return", ALL_PARTIES),
        # "will strengthen trilateral cooperation to enforce sanctions"
        "sanctions.unsc_implementation": ("committed", "implementation", ALL_PARTIES),
        # "will continue to counter the DPRK's cyber theft and the illicit revenue it generates through overseas IT workers"
        "sanctions.illicit_revenue": ("committed", "revenue", ALL_PARTIES),
        # "will strengthen trilateral cooperation"
        "security_cooperation.trilateral_cooperation": ("committed", "cooperation", ALL_PARTIES),
        # "called for the immediate resolution of the abductions issue"
        "human_rights.abductions": ("urged", "immediate_resolution", ALL_PARTIES),
        # "expressed concern about the grave humanitarian situation in North Korea"
        "human_rights.humanitarian": ("mentioned", "concern", ALL_PARTIES),
    }

    def test_reads_as_a_careful_reader_does(self, catalog: Catalog) -> None:
        """Every commitment in it is found, at its stance and level, with its holders; the readout after
        End Text is ignored."""
        from commitwatch import load_statement, match

        statement = load_statement(Path(__file__).parent / "data" / "written_with_catalog_2024-03-03.txt")
        reading = match(statement, catalog)
        assert {o.commitment_id: (o.stance, o.level, o.holders) for o in reading.observations} == self.EXPECTED
        assert str(statement.meta.date) == "2024-03-03"
