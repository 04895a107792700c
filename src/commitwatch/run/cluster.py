"""Statement files read and matched on a Dask cluster: the same pure function per file, mapped over a bag.

Reading a statement depends on nothing but its file and the catalog, so the work is a map over a
``dask.bag`` of the files' tasks, partition by partition; the results are taken back in the
files' order, one partition at a time, and folded into the changelog here exactly as the local
engine's are: the output is the same, byte for byte. The same map would run on Spark as
``rdd.mapPartitions(read_partition)`` with the catalog broadcast.

The cluster is a :class:`distributed.LocalCluster` of ``jobs`` processes, or the scheduler at an
address (``tcp://host:8786``) whose workers have commitwatch installed and see the statement
files at the same paths.
"""

from __future__ import annotations

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
        from dask.delayed import delayed
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
                LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0")
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout="10s"))
            except OSError as exc:
                hint = "check the address, and that the scheduler runs there (`dask scheduler`)"
                raise InputError(
                    Problem(f"cannot reach the Dask scheduler at {scheduler}: {exc}", None, None, hint)
                ) from exc
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        size = max(1, min(256, len(tasks) // (workers * 4) or 1))
        bag = dask.bag.from_sequence(list(tasks), partition_size=size)
        shared = delayed(catalog, pure=True)  # one copy in the graph, not one per partition
        futures = client.compute(bag.map_partitions(read_partition, shared).to_delayed())
        for future in futures:
            yield from future.result()
            future.release()  # taken: the cluster need not keep it


_matchers: dict[Catalog, Matcher] = {}  # per worker process: a catalog compiled once, whatever the partitions


def read_partition(tasks: Any, catalog: Catalog) -> list[Read | SkippedFile]:
    """Read one partition's files with the catalog (the function a cluster maps)."""
    matcher = _matchers.get(catalog)
    if matcher is None:
        _matchers.clear()  # another catalog (a catalog diff reads with two): keep only the one in use
        matcher = _matchers[catalog] = Matcher(catalog)
    return [read_one(task, matcher) for task in tasks]
