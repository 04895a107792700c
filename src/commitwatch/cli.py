"""The command line: the only place that reads argv, prints, and sets exit codes.

Library errors (:class:`~commitwatch.errors.CommitwatchError`) become ``Error: ...`` on stderr
with exit status 1; usage errors exit 2 (click's convention). A traceback is shown only with
``--debug``. Heavy modules are imported inside the commands, so ``--version`` starts fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ._version import __version__

F = TypeVar("F", bound=Callable[..., Any])


def _handle_errors(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import CommitwatchError

        context = click.get_current_context()
        debug = bool(context.find_root().params.get("debug"))
        try:
            return command(*args, **kwargs)
        except CommitwatchError as exc:
            if debug:
                raise
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="commitwatch", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show a full traceback on errors.")
def cli(debug: bool) -> None:
    """Track what governments commit to in official statements, and how it changes."""


@cli.command()
@click.argument("statements", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_handle_errors
def report(statements: tuple[Path, ...]) -> None:
    """Report on STATEMENTS (folders or files; default: the shipped seeds)."""
    from ._shipped import shipped_seeds
    from .statements import load_statements

    corpus = load_statements(*(statements or (shipped_seeds(),)))
    lines = [f"# Statements in {corpus.root}", ""]
    for statement in corpus.statements:
        date = statement.meta.date.isoformat() if statement.meta.date else "undated"
        lines.append(f"- {date} {statement.meta.title or statement.id} ({len(statement.sentences)} sentences)")
        lines.extend(f"  - variant {variant.id}: {variant.reason}" for variant in statement.variants)
    if corpus.skipped:
        lines += ["", "## Skipped", ""]
        lines.extend(f"- {item.path}: {item.reason} ({item.hint})" for item in corpus.skipped)
    click.echo("\n".join(lines))


def main() -> None:
    """Entry point of the ``commitwatch`` command."""
    cli(prog_name="commitwatch")
