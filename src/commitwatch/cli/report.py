"""``commitwatch report`` and ``commitwatch timeline``: the changelog, for people or programs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import _common as common

if TYPE_CHECKING:
    from ..model import Version


@click.command()
@common.statement_arguments
@common.catalog_option
@click.option(
    "--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True
)
@common.output_option
@common.selection_options
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged commitments.")
@click.option("--oldest-first", is_flag=True, help="Versions in date order (default: newest first).")
@common.handle_errors
def report(
    statements: tuple[Path, ...],
    jobs: int | None,
    cleaning: Path | None,
    catalog_dir: Path | None,
    output_format: str,
    output: Path | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    families: tuple[str, ...],
    commitments: tuple[str, ...],
    show_all: bool,
    oldest_first: bool,
) -> None:
    """The changelog of STATEMENTS (folders or files; default: the shipped seeds).

    Markdown for people (a timeline table, then each version's changes with their evidence), or
    JSON for programs (the whole changelog; see the README for its layout).
    """
    from ..compare import select_stream
    from ..run import write_json, write_markdown

    catalog = common.load_catalog(catalog_dir)
    with (
        common.output(output, common.input_files(statements, catalog_dir, cleaning)) as handle,
        common.run(statements, cleaning, catalog, jobs) as streamed,
    ):
        head, selected = select_stream(
            streamed.head, streamed.versions, families=families, commitments=commitments, **common.dates(since, until)
        )
        shown = 0

        def counted() -> Iterator[Version]:
            nonlocal shown
            for version in selected:
                shown += 1
                yield version

        if output_format == "json":
            write_json(head, counted(), handle)
        else:
            write_markdown(head, counted(), handle, show_unchanged=show_all, oldest_first=oldest_first)
    common.note_empty_selection(shown, since=since, until=until, family=families, commitment=commitments)


@click.command()
@common.statement_arguments
@common.catalog_option
@common.output_option
@common.selection_options
@common.handle_errors
def timeline(
    statements: tuple[Path, ...],
    jobs: int | None,
    cleaning: Path | None,
    catalog_dir: Path | None,
    output: Path | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    families: tuple[str, ...],
    commitments: tuple[str, ...],
) -> None:
    """Only the timeline table: each commitment's level, statement by statement."""
    from ..compare import select
    from ..render import render_timeline

    catalog = common.load_catalog(catalog_dir)
    changelog = select(
        common.changelog(statements, cleaning, catalog, jobs),
        families=families,
        commitments=commitments,
        **common.dates(since, until),
    )
    with common.output(output, common.input_files(statements, catalog_dir, cleaning)) as handle:
        handle.write(render_timeline(changelog))
    common.note_empty_selection(
        len(changelog.versions), since=since, until=until, family=families, commitment=commitments
    )
