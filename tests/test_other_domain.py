"""Another domain: real NATO declarations on defence spending (tests/fixtures/nato, excerpts).

The same machinery, a catalog written for the domain: shares and deadlines are compared, a
statement on another subject is silence (not a drop), and the two documents of one summit are one
occasion.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commitwatch import ChangeKind, Changelog, load_catalog, load_statements, track

NATO = Path(__file__).parent / "fixtures" / "nato"
SPENDING = "spending.defence_investment"


@pytest.fixture(scope="module")
def changelog() -> Changelog:
    return track(load_statements(NATO / "statements"), load_catalog(NATO / "catalog"))


def _change(changelog: Changelog, number: int, commitment_id: str = SPENDING):  # type: ignore[no-untyped-def]
    change = changelog.versions[number - 1].change(commitment_id)
    assert change is not None
    return change


class TestOtherDomain:
    def test_the_summit_documents_of_one_day_are_one_version(self, changelog: Changelog) -> None:
        """Wales, 5 September 2014: the declaration and the declaration on the transatlantic bond are
        read as one version; the spending pledge it carries comes from the companion."""
        first = changelog.versions[0]
        assert [companion.path for companion in first.companions] == ["02-wales-declaration-transatlantic-bond.txt"]
        assert len(changelog.versions) == 5
        assert _change(changelog, 1).after.evidence.statement_id == "02-wales-declaration-transatlantic-bond"

    def test_a_deadline_and_a_share_are_read(self, changelog: Changelog) -> None:
        """2018: "the spending guidelines for 2024"; 2025: "invest 5% of GDP annually ... by 2035"."""
        brussels = _change(changelog, 2).after
        assert [(q.kind, q.value) for q in brussels.quantities] == [("year", 2024.0)]
        hague = _change(changelog, 5).after
        assert [(q.kind, q.value, q.unit, q.relation) for q in hague.quantities] == [
            ("percent", 5.0, "GDP", ""),
            ("year", 2035.0, "", "by"),
        ]

    def test_a_larger_share_is_a_strengthening_named_in_the_note(self, changelog: Changelog) -> None:
        """2019 "in line with its 2% ... guidelines" -> 2025 "invest 5% of GDP": same stance and level,
        a larger share: strengthened, with both values named."""
        change = _change(changelog, 5)
        assert change.kind is ChangeKind.STRENGTHENED
        assert "share raised: 2% -> 5% of GDP" in change.note

    def test_a_statement_on_another_subject_is_silence_not_a_drop(self, changelog: Changelog) -> None:
        """The North Atlantic Council's statement on Ukraine (2023) says nothing of spending: not
        addressed, and the 2025 declaration is compared with 2019, not "returned"."""
        assert _change(changelog, 4).kind is ChangeKind.NOT_ADDRESSED
        assert _change(changelog, 5).note.startswith("compared with version 3, the last to state it")
        kinds = {change.kind for version in changelog.versions for change in version.changes}
        assert ChangeKind.DROPPED not in kinds
        assert ChangeKind.RETURNED not in kinds

    def test_a_booster_lost_is_a_weakening(self, changelog: Changelog) -> None:
        """2018 "our unwavering commitment to ... the Defence Investment Pledge" -> 2019 "we are increasing
        our defence investment": intensified to committed."""
        change = _change(changelog, 3)
        assert (change.before.stance, change.after.stance, change.kind) == (
            "intensified",
            "committed",
            ChangeKind.WEAKENED,
        )
