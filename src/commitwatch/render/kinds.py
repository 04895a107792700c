"""The change kinds as every report shows them: their order, headings, symbols and words, and
which of them are events (counted in a summary) rather than a version's silence or no change."""

from __future__ import annotations

from ..model import ChangeKind

__all__ = ["EVENTS", "HEADINGS", "KIND_ORDER", "SYMBOLS", "words"]

KIND_ORDER = (
    ChangeKind.APPEARED,
    ChangeKind.STRENGTHENED,
    ChangeKind.FULFILLED,
    ChangeKind.WEAKENED,
    ChangeKind.REVERSED,
    ChangeKind.HOLDER_CHANGED,
    ChangeKind.DROPPED,
    ChangeKind.RETURNED,
    ChangeKind.NOT_RESTATED,
    ChangeKind.NOT_ADDRESSED,
    ChangeKind.UNCHANGED,
)
EVENTS = KIND_ORDER[: KIND_ORDER.index(ChangeKind.RETURNED) + 1]  # what a version did, not what it left unsaid
HEADINGS = {kind: kind.value[:1].upper() + kind.value[1:] for kind in KIND_ORDER}
SYMBOLS = {
    ChangeKind.APPEARED: "+",
    ChangeKind.STRENGTHENED: "▲",
    ChangeKind.FULFILLED: "✓",
    ChangeKind.WEAKENED: "▼",
    ChangeKind.REVERSED: "⇄",
    ChangeKind.HOLDER_CHANGED: "≠",
    ChangeKind.DROPPED: "✕",
    ChangeKind.RETURNED: "↺",
    ChangeKind.NOT_RESTATED: "·",
    ChangeKind.NOT_ADDRESSED: "○",
    ChangeKind.UNCHANGED: "",
}
_EXPLAINED = {
    ChangeKind.NOT_RESTATED: "not restated (its family named only in passing)",
    ChangeKind.NOT_ADDRESSED: "not addressed (the statement is on other subjects)",
}


def words(kind: ChangeKind) -> str:
    """The kind in words, with what it means where its name does not say it."""
    return _EXPLAINED.get(kind, kind.value)
