"""Statement files -> changelog, for corpora of any size: one statement at a time, on every core.

The one place that knows about streaming, spilling and worker processes (on this machine, or
on a Dask cluster: :mod:`.cluster`). A run takes the stages
in turn: the files are listed (:func:`~commitwatch.load.files.plan`), each is read and matched
in a worker and reduced to what comes later (its metadata, its reading, a fingerprint and its
packed words, kept in temporary files rather than in memory); republished copies are folded
(:func:`~commitwatch.load.corpus.fold_copies`); and the versions are made one at a time
(:func:`~commitwatch.compare.changelog.versions`) as the readings are read back. Results come
in file order whatever the number of jobs, so the output is the same for any ``jobs``.
:func:`track` is the same fold over a corpus already in memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import attrs

from ..compare.changelog import build_changelog, changelog_head, versions
from ..compare.diff import CatalogDiff, diff_records, renames
from ..compare.records import regression_data
from ..errors import InputError, Problem, did_you_mean
from ..load.cleaning import CleaningRules
from ..load.copies import DEFAULT_THRESHOLD, Fingerprint, unpack_words
from ..load.corpus import by_path, fold_copies, manifests_of
from ..load.files import MAX_STATEMENT_BYTES, plan
from ..matching import Matcher
from ..model import Catalog, Changelog, ChangelogHead, Corpus, Reading, SkippedFile, Statement, StatementInfo, Version
from .cluster import ENGINES, read_on_dask
from .spill import Spill
from .workers import read_all

__all__ = ["PARALLEL_THRESHOLD", "Stream", "diff_catalogs", "resolve_jobs", "stream", "track"]

PARALLEL_THRESHOLD = 200  # statements; below this, starting worker processes costs more than it saves


@attrs.frozen
class Stream:
    """A changelog in the making: its head now, its versions one at a time, oldest first.

    The versions can be taken once, inside the ``with`` block of :func:`stream`.
    """

    head: ChangelogHead
    versions: Iterator[Version]

    def changelog(self) -> Changelog:
        """Take every version and hold the whole changelog."""
        return Changelog.of(self.head, tuple(self.versions))


def resolve_jobs(jobs: int | None, statements: int) -> int:
    """How many processes to use: ``jobs`` if given, else every core for a large corpus, else one."""
    if jobs is not None:
        return max(1, jobs)
    return (os.cpu_count() or 1) if statements >= PARALLEL_THRESHOLD else 1


@contextmanager
def stream(
    *sources: str | Path,
    catalog: Catalog,
    cleaning: CleaningRules | None = None,
    jobs: int | None = None,
    variant_threshold: float = DEFAULT_THRESHOLD,
    on_statement: Callable[[int, int], None] | None = None,
    max_bytes: int = MAX_STATEMENT_BYTES,
    engine: str = "local",
    scheduler: str | None = None,
    issued_by: Sequence[str] = (),
) -> Iterator[Stream]:
    """Read statement folders and files with a catalog, in memory that does not grow with the corpus.

    Use as a context manager::

        with commitwatch.stream("statements/", catalog=catalog) as run:
            for version in run.versions: ...
            # or: changelog = run.changelog()

    Args:
        sources: Folders and files, as for :func:`~commitwatch.load_statements`.
        catalog: The catalog.
        cleaning: Extra cleaning rules.
        jobs: Worker processes (default: every core for 200 statements or more, else 1).
        variant_threshold: Word similarity at which two texts count as one statement.
        on_statement: Called as ``on_statement(done, total)`` after each file is read (for a
            progress display).
        max_bytes: Files larger than this are skipped, unread (default 20 MB).
        engine: Where the files are read and matched: "local" (this machine's processes) or
            "dask" (a Dask cluster: a local one of ``jobs`` processes, or ``scheduler``'s; needs
            ``commitwatch[dask]``). The changelog is the same.
        scheduler: With the dask engine, the address of a running scheduler (``tcp://host:8786``).
        issued_by: Only the statements issued by all of these parties (among others, perhaps): a
            series of one set of governments, its changes computed among them alone, so that a
            bilateral statement between two trilateral ones does not make commitments look dropped.

    Yields:
        The :class:`Stream`: the changelog's head, and its versions as they are made.

    Raises:
        InputError, StatementError: As :func:`~commitwatch.load_statements`; an unknown engine,
            or the dask engine without Dask.
    """
    if engine not in ENGINES:
        raise InputError(Problem(f"unknown engine {engine!r}", None, None, f"use one of: {', '.join(ENGINES)}"))
    issuers = _parties_named(catalog, (issued_by,) if isinstance(issued_by, str) else tuple(issued_by))
    planned = plan(*sources, cleaning=cleaning, max_bytes=max_bytes)
    tasks = planned.tasks
    skipped = list(planned.skipped)
    infos: list[StatementInfo] = []
    prints: list[Fingerprint] = []
    with Spill() as readings, Spill() as words:
        if engine == "dask":
            outcomes = read_on_dask(tasks, catalog, jobs=jobs or os.cpu_count() or 1, scheduler=scheduler)
        else:
            outcomes = read_all(tasks, catalog, resolve_jobs(jobs, len(tasks)))
        for done, outcome in enumerate(outcomes, start=1):
            if on_statement is not None:
                on_statement(done, len(tasks))
            if isinstance(outcome, SkippedFile):
                skipped.append(outcome)
                continue
            infos.append(outcome.info)
            prints.append(outcome.fingerprint)
            readings.add(outcome.reading)
            words.add(outcome.words)
        groups, undated = fold_copies(
            infos, prints, lambda index: unpack_words(words.get_bytes(index)), manifests_of(tasks), variant_threshold
        )
        prints.clear()
        infos.clear()  # the canonical ones are in the groups
        head = changelog_head(catalog, corpus=planned.corpus, skipped=sorted([*skipped, *undated], key=by_path))
        if issuers:
            groups, head = _issued_by(groups, head, issuers, catalog)
        yield Stream(head, versions(((info, readings.get(index)) for index, info in groups), catalog))


def _parties_named(catalog: Catalog, names: tuple[str, ...]) -> tuple[str, ...]:
    """The catalog's parties that ``names`` name (by name or alias, in any case), or an error
    that says which name is unknown and what is close."""
    problems = [
        Problem(
            f"--issued-by {name!r} is no party of the catalog",
            None,
            None,
            did_you_mean(name, [party.name for party in catalog.parties])
            or f"use one of: {', '.join(party.name for party in catalog.parties)}",
        )
        for name in names
        if catalog.party_named(name) is None
    ]
    if problems:
        raise InputError(problems)
    return tuple(dict.fromkeys(str(catalog.party_named(name)) for name in names))


def _issued_by(
    groups: list[tuple[int, StatementInfo]], head: ChangelogHead, parties: Sequence[str], catalog: Catalog
) -> tuple[list[tuple[int, StatementInfo]], ChangelogHead]:
    """The statements issued by all of ``parties`` (among others, perhaps), and a head that says
    how many others were left out. A statement's parties are read by their names or aliases."""
    wanted = set(parties)

    def issuers(info: StatementInfo) -> set[str]:
        return {catalog.party_named(name) or name for name in info.meta.parties or catalog.default_parties}

    kept = [(index, info) for index, info in groups if wanted <= issuers(info)]
    others = len(groups) - len(kept)
    said = f"issued by {', '.join(parties)} ({others} statement{'s' if others != 1 else ''} of other parties left out)"
    return kept, attrs.evolve(head, selection="; ".join(part for part in (head.selection, said) if part))


def track(corpus: Corpus, catalog: Catalog, *, on_statement: Callable[[Statement], None] | None = None) -> Changelog:
    """Read every statement of a corpus held in memory and build its changelog.

    Args:
        corpus: Statements in date order, as :func:`~commitwatch.load_statements` gives them.
        catalog: The catalog to read them with.
        on_statement: Called after each statement is read (for progress display).

    Returns:
        The changelog: one version per statement, each with its changes.

    Example:
        >>> from commitwatch import load_catalog, load_statements, shipped_catalog, shipped_seeds, track
        >>> changelog = track(load_statements(shipped_seeds()), load_catalog(shipped_catalog()))
        >>> change = changelog.versions[1].change("deterrence.extended_deterrence")
        >>> change.kind.value, change.before.level, change.after.level
        ('strengthened', 'extended_deterrence', 'nuclear_backed')
    """
    matcher = Matcher(catalog)

    def readings() -> Iterator[tuple[StatementInfo, Reading]]:
        for statement in corpus.statements:
            reading = matcher.read(statement)
            if on_statement is not None:
                on_statement(statement)
            yield statement.info, reading

    return build_changelog(readings(), catalog, corpus=corpus.root, skipped=corpus.skipped)


def diff_catalogs(
    base: Catalog,
    new: Catalog,
    *sources: str | Path,
    cleaning: CleaningRules | None = None,
    jobs: int | None = None,
    max_bytes: int = MAX_STATEMENT_BYTES,
) -> CatalogDiff:
    """What a catalog edit changes: the same statements read with two catalogs, compared.

    Args:
        base: The catalog before the edit.
        new: The catalog after it.
        sources: The statements, as for :func:`stream`.
        cleaning: Extra cleaning rules.
        jobs: Worker processes.
        max_bytes: Files larger than this are skipped, unread (default 20 MB).

    Returns:
        Every (version, commitment) that reads differently, by commitment in the new catalog's order.
    """
    records = []
    corpus = ""
    for catalog in (base, new):
        with stream(*sources, catalog=catalog, cleaning=cleaning, jobs=jobs, max_bytes=max_bytes) as run:
            records.append(regression_data(run.changelog()))
            corpus = run.head.corpus
    order = [commitment.id for commitment in new.active]
    found = diff_records(records[0], records[1], renamed=renames(base, new), order=order, corpus=corpus)
    # where a catalog was loaded from is no content of it
    changed = attrs.evolve(base, root="") != attrs.evolve(new, root="")
    return attrs.evolve(found, catalog_changed=changed)
