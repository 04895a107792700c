"""``commitwatch evaluate``: how a reading agrees with a careful reader's annotations."""

from __future__ import annotations

from pathlib import Path

import click

from . import _common as common


@click.command()
@click.option(
    "--gold",
    "gold_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The annotations (a gold file; see docs/gold-format.md).",
)
@common.statement_arguments
@common.catalog_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@common.output_option
@click.option("--figures-only", is_flag=True, help="Leave out the list of disagreements.")
@common.handle_errors
def evaluate(
    gold_file: Path,
    statements: tuple[Path, ...],
    jobs: int | None,
    cleaning: Path | None,
    catalog_dir: Path | None,
    output_format: str,
    output: Path | None,
    figures_only: bool,
) -> None:
    """Measure the reading of STATEMENTS against the annotations in --gold.

    STATEMENTS default to the folder `corpus/` beside the gold file (else the gold file's folder).
    Prints, per family, precision, recall and F1 of "the statement addresses it"; on the families
    both found, level agreement (exact, confusion matrix, linear-weighted Cohen's kappa) and
    holder agreement; whether the tool's moves between consecutive statements agree with the
    reader's; the marked wordings found; then every disagreement with both sides' evidence.
    """
    import json

    from ..converter import make_converter
    from ..evaluate import default_statements
    from ..evaluate import evaluate as run_evaluation
    from ..render.evaluation import render_evaluation

    del jobs  # a gold set is read in one process: it is small, and its figures do not depend on it
    catalog = common.load_catalog(catalog_dir)
    rules = common.cleaning_rules(cleaning)
    sources = statements or (default_statements(gold_file),)
    result = run_evaluation(gold_file, *sources, catalog=catalog, cleaning=rules, max_bytes=common.max_bytes())
    inputs = common.input_files(sources, catalog_dir, cleaning) | {gold_file.resolve()}
    with common.output(output, inputs) as handle:
        if output_format == "json":
            handle.write(json.dumps(make_converter().unstructure(result), indent=2, ensure_ascii=False) + "\n")
        else:
            text = render_evaluation(result, markdown=output_format == "markdown", disagreements=not figures_only)
            handle.write(text)
