"""``commitwatch report``, ``timeline`` and ``history``: the changelog, for people or programs."""

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
@common.engine_options
@common.catalog_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "html", "json"]),
    default="markdown",
    show_default=True,
    help="markdown to read or paste; html, one page with a timeline to explore in a browser; json for programs.",
)
@common.output_option
@common.selection_options
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged commitments.")
@click.option("--oldest-first", is_flag=True, help="Versions in date order (default: newest first).")
@click.option("--summary", is_flag=True, help="Markdown: only the timeline and the counts of changes by family.")
@click.option(
    "--indent",
    type=click.IntRange(0, 8),
    default=None,
    help="JSON: indent by this many spaces, for people (default: compact).",
)
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
    summary: bool,
    indent: int | None,
) -> None:
    """The changelog of STATEMENTS (folders or files; default: the shipped seeds).

    Markdown for people (a timeline table, then each version's changes with their evidence);
    HTML, one self-contained page (a timeline heatmap, the evidence of a cell on click, filters
    and each commitment's history); or JSON for programs (the whole changelog; see the README
    for its layout).
    """
    from ..compare import select_stream
    from ..run import write_html, write_json, write_markdown

    if summary and output_format != "markdown":
        raise click.UsageError("--summary is for the Markdown report; leave it out with --format html or json")
    if indent is not None and output_format != "json":
        raise click.UsageError("--indent is for --format json")
    if output_format != "markdown" and (show_all or oldest_first):
        raise click.UsageError(
            f"--all and --oldest-first are for the Markdown report; the {output_format} report holds every "
            "version and every unchanged commitment, oldest first"
        )

    catalog = common.load_catalog(catalog_dir)
    with (
        common.output(output, common.input_files(statements, catalog_dir, cleaning)) as handle,
        common.run(statements, cleaning, catalog, jobs) as streamed,
    ):
        head, selected = select_stream(
            streamed.head, streamed.versions, families=families, commitments=commitments, **common.dates(since, until)
        )
        shown = assumed = sentences = read = 0

        def counted() -> Iterator[Version]:
            nonlocal shown, assumed, sentences, read
            for version in selected:
                shown += 1
                assumed += version.parties_assumed
                sentences += version.sentences
                read += version.sentences_read
                yield version

        if output_format == "json":
            write_json(head, counted(), handle, indent=indent)
        elif output_format == "html":
            write_html(head, counted(), handle, link=common.statement_links(statements, output))
        else:
            write_markdown(head, counted(), handle, show_unchanged=show_all, oldest_first=oldest_first, summary=summary)
    common.note_empty_selection(shown, since=since, until=until, family=families, commitment=commitments)
    common.note_assumed_parties(assumed, catalog)
    common.note_low_coverage(read, sentences, catalog)


@click.command()
@common.statement_arguments
@common.engine_options
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


@click.command()
@click.argument("commitment_id", metavar="COMMITMENT_ID")
@common.statement_arguments
@common.engine_options
@common.catalog_option
@common.output_option
@common.date_options
@common.handle_errors
def history(
    commitment_id: str,
    statements: tuple[Path, ...],
    jobs: int | None,
    cleaning: Path | None,
    catalog_dir: Path | None,
    output: Path | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
) -> None:
    """One commitment's life in STATEMENTS, as Markdown: each version that states it, with its evidence.

    COMMITMENT_ID is a commitment type's id, as the report shows it (`deterrence.extended_deterrence`).
    The versions are read one at a time, so a corpus of any size can be followed.
    """
    from ..compare import select_stream
    from ..render.markdown import HistoryReport

    catalog = common.load_catalog(catalog_dir)
    if commitment_id not in {c.id for c in catalog.active}:
        common.unknown_commitment(catalog, commitment_id)
    with (
        common.output(output, common.input_files(statements, catalog_dir, cleaning)) as handle,
        common.run(statements, cleaning, catalog, jobs) as streamed,
    ):
        window = common.dates(since, until)
        head, selected = select_stream(streamed.head, streamed.versions, since=window["since"], until=window["until"])
        history_report = HistoryReport(head, commitment_id)
        for version in selected:
            history_report.add(version)
        handle.write(history_report.text())
