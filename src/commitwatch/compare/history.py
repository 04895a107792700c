"""One commitment type's life as the versions go by, and how two of its observations compare.

Strength is compared on the two axes in turn: the stance (mentioned < urged < committed <
intensified), then the content level on the commitment's ladder, then its quantities (an
earlier deadline, a larger share or amount is stronger). A change of polarity is a reversal.

A commitment reported as delivered is *fulfilled*, a final state: it is not dropped afterwards,
and a later pledge of it is compared as a commitment (a higher target is a strengthening).
"""

from __future__ import annotations

from ..model import STANCES, Change, ChangeKind, Observation, Quantity

__all__ = ["History"]


class History:
    """One commitment type's state between versions: its last observation, and whether it was dropped.

    Args:
        commitment_id: The commitment type.
        ladder: Its content levels, weakest first.
        persistent: Whether leaving it out of a statement that takes up its subject drops it.
    """

    def __init__(self, commitment_id: str, ladder: tuple[str, ...], persistent: bool) -> None:
        self.commitment_id = commitment_id
        self._ladder = ladder
        self._persistent = persistent
        self.last: Observation | None = None
        self.last_version: int | None = None
        self.dropped = False
        self.gap = False  # a version since the last observation did not restate it

    @property
    def live(self) -> bool:
        """Whether it can have an entry in a version that does not show it: seen, not dropped, not fulfilled."""
        return self.last is not None and not self.dropped and self.last.stance != "fulfilled"

    def step(self, number: int, now: Observation | None, family: str) -> Change | None:
        """This version's change for the commitment.

        Args:
            number: The version.
            now: Its observation in this version, if any.
            family: How the version treats the commitment's family: "taken up", "in passing"
                or "silent".
        """
        before, before_version = self.last, self.last_version
        if now is None:
            if before is None or self.dropped or before.stance == "fulfilled":
                return None
            self.gap = True
            if family == "taken up" and self._persistent:
                self.dropped = True
                return Change(self.commitment_id, ChangeKind.DROPPED, before, before_version)
            kind = ChangeKind.NOT_ADDRESSED if family == "silent" else ChangeKind.NOT_RESTATED
            return Change(self.commitment_id, kind, before, before_version)
        self.last, self.last_version = now, number
        if before is None:
            if now.stance == "fulfilled":
                return Change(
                    self.commitment_id, ChangeKind.FULFILLED, None, None, now, "reported as delivered when first seen"
                )
            return Change(self.commitment_id, ChangeKind.APPEARED, None, None, now)
        if self.dropped:
            self.dropped = self.gap = False
            note = f"returned {_describe(now)}; last seen in version {before_version}, {_describe(before)}"
            return Change(self.commitment_id, ChangeKind.RETURNED, before, before_version, now, note)
        if now.stance == "fulfilled" and before.stance != "fulfilled" and now.polarity == "affirmed":
            self.gap = False
            note = f"reported as delivered; pledged in version {before_version} as {_describe(before)}"
            return Change(self.commitment_id, ChangeKind.FULFILLED, before, before_version, now, note)
        kind, note = self._compare(before, now)
        if before.stance == "fulfilled" and now.stance != "fulfilled":
            note = f"pledged anew after it was fulfilled in version {before_version}" + (f"; {note}" if note else "")
        if self.gap:
            note = f"compared with version {before_version}, the last to state it" + (f"; {note}" if note else "")
            self.gap = False
        return Change(self.commitment_id, kind, before, before_version, now, note)

    def _compare(self, before: Observation, now: Observation) -> tuple[ChangeKind, str]:
        notes = []
        if before.holders != now.holders:
            notes.append(f"holder changed: {', '.join(before.holders)} -> {', '.join(now.holders)}")
        quantity, quantity_note = _quantities(before.quantities, now.quantities)
        if quantity_note:
            notes.append(quantity_note)
        note = "; ".join(notes)
        if before.polarity != now.polarity:
            return ChangeKind.REVERSED, note
        old: tuple[int, ...] = self._strength(before)
        new: tuple[int, ...] = self._strength(now)
        if new == old:
            new, old = (*new, quantity), (*old, 0)
        if new > old:
            return ChangeKind.STRENGTHENED, note
        if new < old:
            return ChangeKind.WEAKENED, note
        if before.holders != now.holders:
            return ChangeKind.HOLDER_CHANGED, "; ".join(notes[1:])
        return ChangeKind.UNCHANGED, note

    def _strength(self, observation: Observation) -> tuple[int, int]:
        level = self._ladder.index(observation.level) + 1 if observation.level in self._ladder else 0
        # delivered is a state, not a stronger pledge: met 2% and then pledged 3.5% is a strengthening
        stance = observation.stance_rank if observation.stance != "fulfilled" else STANCES.index("committed") + 1
        return (stance, level)


def _describe(observation: Observation) -> str:
    level = observation.level.replace("_", " ")
    return f"{observation.stance}, {level}" if observation.stance not in level else level


def _quantities(before: tuple[Quantity, ...], now: tuple[Quantity, ...]) -> tuple[int, str]:
    """+1 when the new quantities are stronger, -1 weaker, 0 the same or not comparable; and a note."""
    for kind in ("year", "percent", "amount"):
        old = next((q for q in before if q.kind == kind), None)
        new = next((q for q in now if q.kind == kind), None)
        if old is None or new is None or old.value == new.value:
            continue
        if kind != "year" and old.unit and new.unit and old.unit != new.unit:
            continue  # 2% of GDP and 2% of emissions are not one measure; a bare 2% is taken as the same
        if kind == "year":
            direction = 1 if new.value < old.value else -1  # an earlier deadline is the stronger pledge
            what = "deadline"
        else:
            direction = 1 if new.value > old.value else -1
            what = "share" if kind == "percent" else "amount"
        change = (
            "brought forward"
            if kind == "year" and direction > 0
            else "pushed back"
            if kind == "year"
            else ("raised" if direction > 0 else "lowered")
        )
        return direction, f"{what} {change}: {' '.join(old.text.split())} -> {' '.join(new.text.split())}"
    return 0, ""
