"""Work on chunks of items in worker processes, results in the items' order, in bounded memory."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def ordered_chunks(
    pool: Executor,
    function: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    chunk: int,
    in_flight: int,
) -> Iterator[tuple[list[T], list[R]]]:
    """Each chunk of ``items`` with ``function``'s results for it, in order.

    Unlike ``Executor.map``, which submits every item at once, at most ``in_flight`` chunks are
    submitted and not yet taken, so neither the items nor the results pile up; and no worker waits
    for the others, as it would at the end of each block of a blockwise ``map``.
    """
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) < chunk:
            continue
        pending.append((batch, pool.submit(function, batch)))
        batch = []
        if len(pending) >= in_flight:
            done, future = pending.popleft()
            yield done, future.result()
    if batch:
        pending.append((batch, pool.submit(function, batch)))
    while pending:
        done, future = pending.popleft()
        yield done, future.result()
