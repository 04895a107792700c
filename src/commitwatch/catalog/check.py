"""Run a catalog's own examples: each match example must match as stated, each look-alike must not."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..matching import Matcher
from ..model import Catalog, CommitmentType, MatchExample, NoMatchExample, Observation

__all__ = ["CheckResult", "ExampleOutcome", "check_catalog", "run_example"]


@attrs.frozen
class ExampleOutcome:
    """One example run: which entry, which example, and what went wrong (empty when it passed)."""

    commitment_id: str
    file: str
    line: int
    kind: str  # "match" or "no_match"
    text: str
    problem: str = ""

    @property
    def passed(self) -> bool:
        return not self.problem

    def format(self) -> str:
        """``file:line: entry: problem``, as ``commitwatch check`` prints a failure."""
        return f"{self.file}:{self.line}: {self.commitment_id}: {self.problem}"


@attrs.frozen
class CheckResult:
    """The outcome of checking a catalog."""

    commitments: int
    cues: int
    outcomes: tuple[ExampleOutcome, ...]

    @property
    def failures(self) -> tuple[ExampleOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if not outcome.passed)

    @property
    def passed(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.passed)


def check_catalog(catalog: Catalog, matcher: Matcher | None = None) -> CheckResult:
    """Run every example of every active commitment type.

    Args:
        catalog: A loaded (and so already validated) catalog.
        matcher: A matcher for it, if one is at hand.

    Returns:
        Counts and every example's outcome; ``result.failures`` lists what failed.
    """
    matcher = matcher or Matcher(catalog)
    outcomes = [outcome for commitment in catalog.active for outcome in _run_all(matcher, catalog, commitment)]
    return CheckResult(
        commitments=len(catalog.commitments),
        cues=sum(len(commitment.cues) for commitment in catalog.commitments),
        outcomes=tuple(outcomes),
    )


def _run_all(matcher: Matcher, catalog: Catalog, commitment: CommitmentType) -> Iterator[ExampleOutcome]:
    for position, example in enumerate(commitment.examples.match):
        yield run_example(matcher, commitment, example, _where(catalog, commitment, "match", position))
    for position, look_alike in enumerate(commitment.examples.no_match):
        yield run_example(matcher, commitment, look_alike, _where(catalog, commitment, "no_match", position))


def _where(catalog: Catalog, commitment: CommitmentType, kind: str, position: int) -> tuple[str, int]:
    sources = catalog.sources
    return sources.file(commitment.id), sources.line(commitment.id, "examples", kind, position)


def run_example(
    matcher: Matcher,
    commitment: CommitmentType,
    example: MatchExample | NoMatchExample,
    where: tuple[str, int] = ("", 0),
) -> ExampleOutcome:
    """Run one example against its commitment type.

    Args:
        matcher: A matcher for the example's catalog.
        commitment: The commitment type the example belongs to.
        example: The example.
        where: The example's file and line, for the outcome's message.
    """
    found = next((o for o in matcher.read_text(example.text) if o.commitment_id == commitment.id), None)
    if isinstance(example, NoMatchExample):
        problem = (
            "" if found is None else f"expected no match, got {_describe(found)} on {found.evidence.cues[0].text!r}"
        )
        return ExampleOutcome(commitment.id, *where, "no_match", example.text, problem)
    problem = _compare(example, found)
    return ExampleOutcome(commitment.id, *where, "match", example.text, problem)


def _compare(example: MatchExample, found: Observation | None) -> str:
    expected = f"{example.level} ({example.polarity})"
    if found is None:
        return f"expected {expected}, got no match"
    problems = []
    if (found.level, found.polarity) != (example.level, example.polarity):
        problems.append(f"expected {expected}, got {_describe(found)}")
    if example.stance is not None and found.stance != example.stance:
        problems.append(f"expected stance {example.stance}, got {found.stance} ({found.stance_basis})")
    if example.holders is not None and tuple(sorted(example.holders)) != tuple(sorted(found.holders)):
        problems.append(f"expected holders {list(example.holders)}, got {list(found.holders)}")
    if example.modifiers is not None and sorted(example.modifiers) != sorted(
        m for m in found.modifiers if m != "negation"
    ):
        problems.append(f"expected modifiers {list(example.modifiers)}, got {list(found.modifiers)}")
    return "; ".join(problems)


def _describe(observation: Observation) -> str:
    return f"{observation.level} ({observation.polarity})"
