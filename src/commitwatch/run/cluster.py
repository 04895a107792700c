"""Statement files read and matched on a Dask cluster: the same pure function per file, mapped over a bag.

Reading a statement depends on nothing but its file and the catalog, so the work is a map over a
``dask.bag`` of the files' tasks, partition by partition, with the catalog sent to each worker
once; a few partitions are in flight at a time, their results taken back in the files' order
and folded into the changelog here exactly as the local engine's are: the output is the same,
byte for byte. The same map would run on Spark as
``rdd.mapPartitions(read_partition)`` with the catalog broadcast.

The cluster is a :class:`distributed.LocalCluster` of ``jobs`` processes, or the scheduler at an
address (``tcp://host:8786``) whose workers have commitwatch installed and see the statement
files at the same paths.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Any

from ..errors import InputError, Problem
from ..load.files import FileTask
from ..matching import Matcher
from ..model import Catalog, SkippedFile
from .workers import Read, read_one

__all__ = ["ENGINES", "read_on_dask", "read_partition"]

ENGINES = ("local", "dask")  # local: this machine's processes (see .workers)
WORKER_WAIT = 30.0  # seconds a scheduler is given to have a worker before the run says it has none


def read_on_dask(
    tasks: Sequence[FileTask], catalog: Catalog, *, jobs: int, scheduler: str | None = None
) -> Iterator[Read | SkippedFile]:
    """Read and match each file on a Dask cluster; results come in the files' order.

    Args:
        tasks: The files.
        catalog: The catalog (sent to the cluster once).
        jobs: Worker processes of the local cluster started when no ``scheduler`` is given.
        scheduler: The address of a running Dask scheduler.

    Raises:
        InputError: Dask is not installed (``pip install 'commitwatch[dask]'``), or the scheduler
            cannot be reached.
    """
    try:
        import dask.bag
        from distributed import Client, LocalCluster
    except ImportError as exc:
        problem = Problem(
            "the dask engine needs Dask, which is not installed", None, None, "pip install 'commitwatch[dask]'"
        )
        raise InputError(problem) from exc
    if not tasks:
        return
    with ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                # the dashboard on a free port of this machine only (no other machine needs it)
                LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0")
            )
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(_connect(Client, scheduler))
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        size = max(1, min(256, len(tasks) // (workers * 4) or 1))
        bag = dask.bag.from_sequence(list(tasks), partition_size=size)
        shared = client.scatter(catalog, broadcast=True)  # sent once to every worker, not with each partition
        # A bounded window of partitions in flight, taken in order: the cluster holds a few results, not all.
        pending: deque[Any] = deque()
        for part in bag.map_partitions(read_partition, shared).to_delayed():
            pending.append(client.compute(part))
            if len(pending) >= workers * 3:
                yield from _take(pending.popleft())
        while pending:
            yield from _take(pending.popleft())


def _take(future: Any) -> list[Read | SkippedFile]:
    results: list[Read | SkippedFile] = future.result()
    future.release()  # taken: the cluster need not keep it
    return results


def _connect(client_class: Any, scheduler: str) -> Any:
    """A client of the scheduler at ``scheduler``, with a worker to read; an error that says what to do else."""
    try:
        client = client_class(scheduler, timeout="10s")
    except (OSError, ValueError, TypeError) as exc:
        hint = "check the address (tcp://HOST:8786), and that the scheduler runs there (`dask scheduler`)"
        raise InputError(Problem(f"cannot reach the Dask scheduler at {scheduler}: {exc}", None, None, hint)) from exc
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError as exc:
        client.close()
        hint = f"start one: `dask worker {scheduler}` on a machine with commitwatch and the statement files"
        raise InputError(Problem(f"the Dask scheduler at {scheduler} has no worker", None, None, hint)) from exc
    return client


_matchers: dict[Catalog, Matcher] = {}  # per worker process: a catalog compiled once, whatever the partitions


def read_partition(tasks: Any, catalog: Catalog) -> list[Read | SkippedFile]:
    """Read one partition's files with the catalog (the function a cluster maps)."""
    matcher = _matchers.get(catalog)
    if matcher is None:
        _matchers.clear()  # another catalog (a catalog diff reads with two): keep only the one in use
        matcher = _matchers[catalog] = Matcher(catalog)
    return [read_one(task, matcher) for task in tasks]
