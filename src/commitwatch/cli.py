"""The command line: the only place that reads argv, prints, and sets exit codes.

Library errors (:class:`~commitwatch.errors.CommitwatchError`) become ``Error: <what>, <where>,
<what to do>`` on stderr with exit status 1; usage errors exit 2 (click's convention). A
traceback is shown only with ``--debug``. Heavy modules are imported inside the commands, so
``commitwatch --version`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from ._version import __version__

if TYPE_CHECKING:
    from .errors import CommitwatchError
    from .model import Catalog, Changelog, Version

F = TypeVar("F", bound=Callable[..., Any])

EXIT_ERROR = 1
PROGRESS_THRESHOLD = 50  # statements; fewer finish before a bar would be worth drawing


def _format_error(error: CommitwatchError) -> str:
    def one(problem: Any) -> str:
        parts = [problem.what]
        if problem.where:
            parts.append(problem.where)
        if problem.hint:
            parts.append(problem.hint)
        return ", ".join(parts)

    if len(error.problems) == 1:
        return f"Error: {one(error.problems[0])}"
    return "\n".join([f"Error: {len(error.problems)} problems:", *(f"  {one(problem)}" for problem in error.problems)])


def _handle_errors(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import CommitwatchError

        debug = bool(click.get_current_context().find_root().params.get("debug"))
        try:
            return command(*args, **kwargs)
        except CommitwatchError as exc:
            if debug:
                raise
            click.echo(_format_error(exc), err=True)
            sys.exit(EXIT_ERROR)
        except BrokenPipeError:
            # The reader went away (`commitwatch report | head`): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_ERROR)
        except OSError as exc:
            if debug:
                raise
            where = f", {exc.filename}" if exc.filename else ""
            click.echo(f"Error: {exc.strerror or exc}{where}, check the path, its permissions and free space", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="commitwatch", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show a full traceback on errors.")
def cli(debug: bool) -> None:
    """Track what governments commit to in official statements, and how it changes.

    With no arguments, `commitwatch report` reads the shipped seed statements with the shipped
    catalog and prints the Markdown changelog.
    """


# -- shared options ---------------------------------------------------------------------------------

_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _statement_arguments(command: F) -> F:
    command = click.argument("statements", nargs=-1, type=click.Path(exists=True, path_type=Path))(command)
    command = click.option(
        "--jobs",
        type=click.IntRange(min=1),
        help="Worker processes (default: every core for 200 statements or more).",
    )(command)
    command = click.option(
        "--cleaning",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra cleaning rules (YAML), added to the defaults.",
    )(command)
    return command


def _catalog_option(command: F) -> F:
    return click.option(
        "--catalog",
        "catalog_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="The catalog folder (default: the shipped catalog).",
    )(command)


def _selection_options(command: F) -> F:
    for decorator in reversed(
        [
            click.option("--since", type=_DATE, help="Only versions on or after this date (YYYY-MM-DD)."),
            click.option("--until", type=_DATE, help="Only versions on or before this date (YYYY-MM-DD)."),
            click.option("--family", "families", multiple=True, help="Only this family (repeatable)."),
            click.option("--commitment", "commitments", multiple=True, help="Only this commitment id (repeatable)."),
        ]
    ):
        command = decorator(command)
    return command


def _sources(statements: tuple[Path, ...]) -> tuple[Path, ...]:
    if statements:
        return statements
    from ._shipped import shipped_seeds

    return (shipped_seeds(),)


@contextmanager
def _stream(
    statements: tuple[Path, ...], cleaning: Path | None, catalog: Catalog, jobs: int | None
) -> Iterator[tuple[Changelog, Iterator[Version]]]:
    """Read the statements with the catalog, showing progress on a terminal for large corpora."""
    from .cleaning import load_cleaning_rules
    from .pipeline import stream_files

    rules = load_cleaning_rules(cleaning) if cleaning is not None else None
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
                return
            bar = click.progressbar(length=total, label="Reading statements", file=sys.stderr)
            bar.__enter__()
        bar.update(1)
        if done == total:
            bar.__exit__(None, None, None)

    with stream_files(
        *_sources(statements), catalog=catalog, cleaning=rules, jobs=jobs, on_statement=progress
    ) as streamed:
        yield streamed


def _changelog(statements: tuple[Path, ...], cleaning: Path | None, catalog: Catalog, jobs: int | None) -> Changelog:
    import attrs

    with _stream(statements, cleaning, catalog, jobs) as (header, versions):
        return attrs.evolve(header, versions=tuple(versions))


def _load_catalog(catalog_dir: Path | None) -> Catalog:
    from .catalog import load_catalog

    if catalog_dir is not None:
        return load_catalog(catalog_dir)
    from ._shipped import shipped_catalog

    return load_catalog(shipped_catalog())


def _select(
    changelog: Changelog,
    since: dt.datetime | None,
    until: dt.datetime | None,
    families: tuple[str, ...],
    commitments: tuple[str, ...],
) -> Changelog:
    from .changelog import select

    return select(
        changelog,
        since=since.date() if since else None,
        until=until.date() if until else None,
        families=families,
        commitments=commitments,
    )


def _input_files(statements: tuple[Path, ...], catalog_dir: Path | None) -> set[Path]:
    from ._shipped import shipped_catalog, shipped_seeds
    from .statements import folder_entries

    roots = list(statements) or [shipped_seeds()]
    roots.append(catalog_dir or shipped_catalog())
    files: set[Path] = set()
    for root in roots:
        if root.is_dir():
            files.update(entry.real for entry in folder_entries(root) if not entry.is_dir)
        else:
            files.add(root.resolve())
    return files


@contextmanager
def _output(output: Path | None, inputs: set[Path]) -> Iterator[TextIO]:
    """Where the report goes: stdout, or a file written atomically that is not one of the inputs."""
    if output is None:
        yield sys.stdout
        return
    from .errors import InputError, Problem

    if output.resolve() in inputs:
        raise InputError(
            Problem(
                f"refusing to overwrite {output}, one of this run's input files", None, None, "choose another -o FILE"
            )
        )
    with _atomic(output) as handle:
        yield handle


@contextmanager
def _atomic(path: Path) -> Iterator[Any]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only on success."""
    from .errors import InputError, Problem

    directory = path.resolve().parent
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(
            Problem(f"cannot write {path}: {exc.strerror}", None, None, "check the folder exists and is writable")
        ) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- commands -----------------------------------------------------------------------------------------


@cli.command()
@_statement_arguments
@_catalog_option
@click.option(
    "--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of stdout.",
)
@_selection_options
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged commitments.")
@click.option("--oldest-first", is_flag=True, help="Versions in date order (default: newest first).")
@_handle_errors
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
    from .changelog import select_stream
    from .render.json import write_json
    from .render.markdown import write_markdown

    catalog = _load_catalog(catalog_dir)
    with (
        _output(output, _input_files(statements, catalog_dir)) as handle,
        _stream(statements, cleaning, catalog, jobs) as (header, versions),
    ):
        header, versions = select_stream(
            header,
            versions,
            since=since.date() if since else None,
            until=until.date() if until else None,
            families=families,
            commitments=commitments,
        )
        if output_format == "json":
            write_json(header, versions, handle)
        else:
            write_markdown(header, versions, handle, show_unchanged=show_all, oldest_first=oldest_first)


@cli.command()
@_statement_arguments
@_catalog_option
@_selection_options
@_handle_errors
def timeline(
    statements: tuple[Path, ...],
    jobs: int | None,
    cleaning: Path | None,
    catalog_dir: Path | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    families: tuple[str, ...],
    commitments: tuple[str, ...],
) -> None:
    """Only the timeline table: each commitment's level, statement by statement."""
    from .render.markdown import render_timeline

    catalog = _load_catalog(catalog_dir)
    changelog = _select(_changelog(statements, cleaning, catalog, jobs), since, until, families, commitments)
    click.echo(render_timeline(changelog), nl=False)


@cli.command()
@_catalog_option
@_handle_errors
def check(catalog_dir: Path | None) -> None:
    """Validate the catalog and run its examples; exit 1 on any failure."""
    from .check import check_catalog

    catalog = _load_catalog(catalog_dir)
    result = check_catalog(catalog)
    for failure in result.failures:
        click.echo(failure.format(), err=True)
    status = "ok" if not result.failures else f"{len(result.failures)} failed"
    click.echo(
        f"catalog {catalog.version} ({catalog.root}): {len(catalog.families)} families, {result.commitments} entries, "
        f"{result.cues} cues, {result.passed} of {len(result.outcomes)} examples passed: {status}"
    )
    if result.failures:
        sys.exit(EXIT_ERROR)


@cli.command()
@click.argument("statement", type=click.Path(allow_dash=True, path_type=Path))
@_catalog_option
@click.option("--commitment", "commitment_id", help="Only this commitment id, with its near misses.")
@_handle_errors
def explain(statement: Path, catalog_dir: Path | None, commitment_id: str | None) -> None:
    """How STATEMENT (a file, or - for stdin) was read: each sentence that hit, and why.

    For each sentence: the cues that matched, their modifiers, polarity, holder and level; with
    --commitment, also the near misses (a cue that matched but was excluded or did not count).
    """
    from .matching import explain as explain_statement
    from .statements import load_statement

    catalog = _load_catalog(catalog_dir)
    if commitment_id is not None and commitment_id not in {c.id for c in catalog.commitments}:
        _unknown_commitment(catalog, commitment_id)
    if str(statement) == "-":
        text = sys.stdin.read()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "stdin.txt"
            path.write_text(text, encoding="utf-8")
            loaded = load_statement(path)
    else:
        if not statement.is_file():
            from .errors import InputError, Problem

            raise InputError(Problem(f"no such file: {statement}", None, None, "check the path"))
        loaded = load_statement(statement)
    explanations = explain_statement(loaded, catalog, commitment_id)
    click.echo(f"{loaded.path}: {len(loaded.sentences)} sentences, {len(explanations)} with matches")
    for item in explanations:
        click.echo("")
        click.echo(f"[{item.sentence_index}] {' '.join(item.sentence.split())}")
        for observation in item.observations:
            cues = ", ".join(
                f"{cue.cue!r} -> {cue.level} ({' '.join(cue.text.split())!r})" for cue in observation.evidence.cues
            )
            modifiers = ", ".join(f"{m.kind} {m.text!r}" for m in observation.evidence.modifiers) or "none"
            click.echo(
                f"  {observation.commitment_id}: {observation.level} ({observation.polarity}); "
                f"holders: {', '.join(observation.holders)} [{observation.holder_basis}]"
            )
            click.echo(f"    cues: {cues}")
            click.echo(f"    modifiers: {modifiers}")
        for miss in item.near_misses:
            click.echo(f"  near miss {miss.commitment_id}: {miss.cue!r} matched {miss.text!r}, but {miss.reason}")


@cli.command()
@_statement_arguments
@click.option(
    "--base-catalog",
    "base",
    required=True,
    help="The catalog to compare with: a folder, or a git revision (the catalog folder as it was then).",
)
@_catalog_option
@click.option(
    "--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True
)
@_handle_errors
def diff(
    statements: tuple[Path, ...],
    jobs: int | None,
    cleaning: Path | None,
    base: str,
    catalog_dir: Path | None,
    output_format: str,
) -> None:
    """What a catalog edit changes: the same STATEMENTS read with two catalogs.

    Prints every reading that was added, removed or changed (kind, level, polarity, holders,
    evidence), grouped by commitment. Exit status 0 when the readings are identical, 1 when they
    differ, so it can gate a CI job.
    """
    import json

    from ._gitcatalog import resolve_base_catalog
    from .converter import make_converter
    from .diff import diff_changelogs, renames
    from .render.diff import render_diff_markdown

    new_catalog = _load_catalog(catalog_dir)
    with resolve_base_catalog(base, catalog_dir) as base_dir:
        base_catalog = _load_catalog(base_dir)
    result = diff_changelogs(
        _changelog(statements, cleaning, base_catalog, jobs),
        _changelog(statements, cleaning, new_catalog, jobs),
        renames(base_catalog, new_catalog),
    )
    if output_format == "json":
        click.echo(json.dumps(make_converter().unstructure(result), indent=2, ensure_ascii=False))
    else:
        titles = {c.id: c.title for c in (*base_catalog.commitments, *new_catalog.commitments)}
        click.echo(render_diff_markdown(result, titles), nl=False)
    if not result.identical:
        sys.exit(EXIT_ERROR)


def _unknown_commitment(catalog: Catalog, commitment_id: str) -> None:
    from .errors import InputError, Problem, did_you_mean

    hint = did_you_mean(commitment_id, [c.id for c in catalog.commitments]) or "see the catalog for the ids"
    raise InputError(Problem(f"unknown commitment '{commitment_id}'", None, None, hint))


def main() -> None:
    """Entry point of the ``commitwatch`` command."""
    cli(prog_name="commitwatch")
