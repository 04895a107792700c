"""``commitwatch check``, ``explain``, ``text`` and ``diff``: the commands for whoever edits a catalog
or checks a reading."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import _common as common

if TYPE_CHECKING:
    from ..model import SentenceExplanation


@click.command()
@click.option("--path", "path_only", is_flag=True, help="Print only the folder's path.")
@common.handle_errors
def seeds(path_only: bool) -> None:
    """The shipped seed statements: where they are, and what each is.

    With --path, the folder alone (`commitwatch report "$(commitwatch seeds --path)"`); otherwise
    the folder, then each statement's date, file and title. The shipped catalog is beside them
    (`commitwatch check` reads it by default).
    """
    from .._shipped import shipped_catalog, shipped_seeds

    folder = shipped_seeds()
    if path_only:
        click.echo(str(folder))
        return
    from ..load import load_statements

    click.echo(f"seeds: {folder}")
    click.echo(f"catalog: {shipped_catalog()}")
    for statement in load_statements(folder).statements:
        date = statement.meta.date.isoformat() if statement.meta.date else "undated"
        click.echo(f"  {date}  {Path(statement.path).name}  {statement.meta.title}")


@click.command()
@click.option(
    "--catalog",
    "catalog_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The catalog folder (default: ./catalog when there is one, else the shipped catalog).",
)
@click.option("--list", "list_ids", is_flag=True, help="Also list each family and commitment type with its id.")
@common.handle_errors
def check(catalog_dir: Path | None, list_ids: bool) -> None:
    """Validate the catalog and run its examples; exit 1 on any failure.

    Without --catalog it checks ./catalog when there is one (the folder being edited, as
    `commitwatch diff` compares it), else the shipped catalog; its path is printed. With --list,
    each family and commitment type with its id (what --family, --commitment and `history` take).
    """
    from ..catalog import check_catalog

    catalog = common.load_catalog(common.catalog_here(catalog_dir))
    if list_ids:
        for family in catalog.families:
            click.echo(f"{family.id}: {family.title}")
            for commitment in catalog.active:
                if commitment.family == family.id:
                    click.echo(f"  {commitment.id}: {commitment.title}")
    result = check_catalog(catalog)
    for failure in result.failures:
        click.echo(failure.format(), err=True)
    status = "ok" if not result.failures else f"{len(result.failures)} failed"
    click.echo(
        f"catalog {catalog.version} ({catalog.root}): {common.plural(len(catalog.families), 'family', 'families')}, "
        f"{common.plural(result.commitments, 'entry', 'entries')}, {common.plural(result.cues, 'cue')}, "
        f"{result.passed} of {common.plural(len(result.outcomes), 'example')} passed: {status}"
    )
    if catalog.schema == 1:
        click.echo(
            "note: catalog schema 1: stances are read with commitwatch's default lexicons; to move it to schema 2, "
            "see 'Two axes' in catalog/README.md"
        )
    if result.failures:
        sys.exit(common.EXIT_ERROR)


@click.command()
@click.argument("statement", type=click.Path(allow_dash=True, path_type=Path))
@common.catalog_option
@click.option("--commitment", "commitment_id", help="Only this commitment id, with its near misses.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common.cleaning_option
@common.output_option
@common.handle_errors
def explain(
    statement: Path,
    catalog_dir: Path | None,
    commitment_id: str | None,
    output_format: str,
    cleaning: Path | None,
    output: Path | None,
) -> None:
    """How STATEMENT (a file, or - for stdin) was read: each sentence that hit, and why.

    For each sentence: the stance and the predicate that set it, the cues that matched, their
    modifiers, polarity, holder, addressee, quantities and level; with
    --commitment, also the near misses (a cue that matched but was excluded or did not count).
    """
    from ..load import load_statement
    from ..matching import explain as explain_statement

    catalog = common.load_catalog(catalog_dir)
    if commitment_id is not None and commitment_id not in {c.id for c in catalog.commitments}:
        common.unknown_commitment(catalog, commitment_id)
    if str(statement) == "-":
        data = sys.stdin.buffer.read()  # bytes, decoded as a file's are (Latin-1 input too)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "stdin.txt"
            path.write_bytes(data)
            loaded = load_statement(path, cleaning=common.cleaning_rules(cleaning))
    else:
        if not statement.is_file():
            from ..errors import InputError, Problem

            raise InputError(Problem(f"no such file: {statement}", None, None, "check the path"))
        loaded = load_statement(statement, cleaning=common.cleaning_rules(cleaning))
    explanations = explain_statement(loaded, catalog, commitment_id)
    inputs = common.input_files((statement,) if str(statement) != "-" else (), catalog_dir)
    with common.output(output, inputs) as handle:
        if output_format == "json":
            import json

            from ..converter import make_converter

            data = {"path": loaded.path, "sentences": len(loaded.sentences), "explanations": explanations}
            handle.write(json.dumps(make_converter().unstructure(data), indent=2, ensure_ascii=False) + "\n")
        else:
            handle.write("\n".join(_explanation_lines(loaded.path, len(loaded.sentences), explanations)) + "\n")


@click.command()
@click.argument("statement", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--cleaned", is_flag=True, help="Only the sentences of the body, one per line, with their offsets.")
@common.cleaning_option
@common.output_option
@common.handle_errors
def text(statement: Path, cleaned: bool, cleaning: Path | None, output: Path | None) -> None:
    """The text commitwatch reads from STATEMENT: what its evidence offsets index.

    For a PDF, the extracted text (running headers, footers and page numbers left out); for a
    web page, its main text; for Markdown, the file with its markup blanked; for plain text, the
    file as decoded. `text[start:end]` of an evidence's `start` and `end` is its sentence, so a
    quote can be checked against this. With --cleaned, each sentence of the body on a line of its
    own, after its start and end offsets.
    """
    from ..load import load_statement

    loaded = load_statement(statement, cleaning=common.cleaning_rules(cleaning))
    with common.output(output, {statement.resolve()}) as handle:
        if cleaned:
            handle.writelines(f"{s.start}\t{s.end}\t{' '.join(s.text.split())}\n" for s in loaded.sentences)
        else:
            handle.write(loaded.text if loaded.text.endswith("\n") else loaded.text + "\n")


def _explanation_lines(path: str, sentences: int, explanations: Sequence[SentenceExplanation]) -> list[str]:
    lines = [f"{path}: {common.plural(sentences, 'sentence')}, {len(explanations)} with matches"]
    echo = lines.append
    for item in explanations:
        echo("")
        echo(f"[{item.sentence_index}] {' '.join(item.sentence.split())}")
        for observation in item.observations:
            cues = ", ".join(
                f"{cue.cue!r} -> {cue.level} ({' '.join(cue.text.split())!r})" for cue in observation.evidence.cues
            )
            modifiers = ", ".join(f"{m.kind} {m.text!r}" for m in observation.evidence.modifiers) or "none"
            echo(
                f"  {observation.commitment_id}: {observation.stance}, {observation.level} ({observation.polarity}); "
                f"holders: {', '.join(observation.holders)} [{observation.holder_basis}]"
            )
            echo(f"    stance: {observation.stance_basis}")
            if observation.addressee:
                echo(f"    asks: {', '.join(observation.addressee)}")
            echo(f"    cues: {cues}")
            echo(f"    modifiers: {modifiers}")
            if observation.quantities:
                found = ", ".join(f"{q.kind} {' '.join(q.text.split())!r}" for q in observation.quantities)
                echo(f"    quantities: {found}")
        for miss in item.near_misses:
            echo(f"  near miss {miss.commitment_id}: {miss.cue!r} matched {miss.text!r}, but {miss.reason}")
    return lines


def _diff_errors(command: Any) -> Any:
    return common.handle_errors(command, status=common.EXIT_DIFF_ERROR)


@click.command()
@common.statement_arguments
@click.option(
    "--base-catalog",
    "base",
    default="HEAD",
    show_default=True,
    help="The catalog to compare with: a folder, or a git revision (the catalog folder as it was then).",
)
@click.option(
    "--catalog",
    "catalog_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The edited catalog folder (default: ./catalog when there is one, else the shipped catalog).",
)
@click.option(
    "--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True
)
@_diff_errors
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
    evidence), grouped by commitment. Without options it compares ./catalog as it is with the
    same folder at HEAD, reading the shipped seeds (name your STATEMENTS). Exit status, as GNU
    diff's: 0 when the readings are the same, 1 when they differ, 2 on an error, so a CI gate can
    tell a broken catalog from an edit. Warns when the catalog changed and its version did not.
    """
    import json

    from ..catalog.revision import resolve_base_catalog
    from ..converter import make_converter
    from ..render import render_diff_markdown
    from ..run import diff_catalogs

    catalog_dir = common.catalog_here(catalog_dir)
    new_catalog = common.load_catalog(catalog_dir)
    with resolve_base_catalog(base, catalog_dir) as base_dir:
        base_catalog = common.load_catalog(base_dir)
    rules = common.cleaning_rules(cleaning)
    result = diff_catalogs(
        base_catalog, new_catalog, *common.sources(statements), cleaning=rules, jobs=jobs, max_bytes=common.max_bytes()
    )
    if output_format == "json":
        click.echo(json.dumps(make_converter().unstructure(result), indent=2, ensure_ascii=False))
    else:
        titles = {c.id: c.title for c in (*base_catalog.commitments, *new_catalog.commitments)}
        click.echo(render_diff_markdown(result, titles), nl=False)
    if result.version_not_bumped:
        click.echo(
            f"warning: the catalog changed but its version is still {result.new_catalog_version}; "
            "bump `version` in catalog.yaml and say what changed in its `changelog`",
            err=True,
        )
    if not result.identical:
        sys.exit(1)
