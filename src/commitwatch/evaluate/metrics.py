"""Agreement figures, from counts: precision, recall, F1, Cohen's kappa, and a bootstrap interval.

Pure functions of plain data. A figure whose denominator is zero is None ("not defined"), never
0 or 1 made up: a report shows it as such.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from ..model.evaluation import Interval

__all__ = ["bootstrap", "cohen_kappa", "confusion"]

T = TypeVar("T")


def confusion(pairs: Sequence[tuple[Hashable, Hashable]], categories: Sequence[Hashable]) -> list[list[int]]:
    """The confusion matrix of ``(reader, tool)`` pairs: rows are the reader's categories, columns the tool's."""
    index = {category: position for position, category in enumerate(categories)}
    matrix = [[0] * len(categories) for _ in categories]
    for reader, tool in pairs:
        matrix[index[reader]][index[tool]] += 1
    return matrix


def cohen_kappa(
    pairs: Sequence[tuple[Hashable, Hashable]], categories: Sequence[Hashable], *, weighted: bool = False
) -> float | None:
    """Cohen's kappa of ``(reader, tool)`` pairs: agreement beyond what chance gives.

    Args:
        pairs: One pair per item rated by both.
        categories: Every category, in order (for the weighted form, the order of the scale).
        weighted: Linear weights: a disagreement of one step on the scale counts less than two.

    Returns:
        kappa = 1 - observed disagreement / disagreement expected by chance; None without pairs,
        or when chance alone would give full agreement (every pair in one category).
    """
    if not pairs:
        return None
    matrix = confusion(pairs, categories)
    size = len(categories)
    total = len(pairs)
    rows = [sum(matrix[i]) for i in range(size)]
    columns = [sum(matrix[i][j] for i in range(size)) for j in range(size)]

    def weight(i: int, j: int) -> float:
        if not weighted:
            return 0.0 if i == j else 1.0
        return abs(i - j) / (size - 1) if size > 1 else 0.0

    observed = sum(weight(i, j) * matrix[i][j] for i in range(size) for j in range(size)) / total
    expected = sum(weight(i, j) * rows[i] * columns[j] for i in range(size) for j in range(size)) / total**2
    if expected == 0:
        return None
    return 1 - observed / expected


def bootstrap(
    items: Sequence[T], figure: Callable[[Sequence[T]], float | None], *, rounds: int = 1000, seed: int = 0
) -> Interval | None:
    """A 95 % percentile interval for ``figure`` by resampling ``items`` (statements) with replacement.

    The seed is fixed, so the interval is the same on every run. Resamples where the figure is
    not defined are left out; None when fewer than half of them define it.
    """
    if not items:
        return None
    generator = random.Random(seed)
    values = []
    for _ in range(rounds):
        sample = [items[generator.randrange(len(items))] for _ in items]
        value = figure(sample)
        if value is not None:
            values.append(value)
    if len(values) < rounds / 2:
        return None
    values.sort()
    return Interval(values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))])
