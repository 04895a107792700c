"""Chunks of work in worker processes: results in order, with few chunks in flight."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from commitwatch.run.workers import ordered_chunks


def _squares(items: list[int]) -> list[int]:
    return [item * item for item in items]


class _CountingPool(ThreadPoolExecutor):
    """A pool that remembers the most chunks ever submitted and not yet collected."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.outstanding = 0
        self.most = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.outstanding += 1
        self.most = max(self.most, self.outstanding)
        return super().submit(fn, *args, **kwargs)


class TestOrderedChunks:
    def test_results_come_in_the_items_order_with_their_chunks(self) -> None:
        with ThreadPoolExecutor(max_workers=3) as pool:
            pieces = list(ordered_chunks(pool, _squares, range(10), chunk=4, in_flight=2))
        assert pieces == [([0, 1, 2, 3], [0, 1, 4, 9]), ([4, 5, 6, 7], [16, 25, 36, 49]), ([8, 9], [64, 81])]

    def test_no_more_than_in_flight_chunks_wait_to_be_taken(self) -> None:
        pool = _CountingPool()
        with pool:
            for _ in ordered_chunks(pool, _squares, range(100), chunk=3, in_flight=4):
                pool.outstanding -= 1
        assert pool.most == 4

    def test_nothing_to_do(self) -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            assert list(ordered_chunks(pool, _squares, [], chunk=4, in_flight=2)) == []
