"""``commitwatch add``: a statement's URL written into a statements folder."""

from __future__ import annotations

from pathlib import Path

import click

from . import _common as common


@click.command()
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The statements folder to write into (made if missing).",
)
@common.handle_errors
def add(urls: tuple[str, ...], folder: Path) -> None:
    """Fetch each URL (a web page or a PDF) and write it into FOLDER as a statement file.

    The file has front matter (title, the date where the page's own metadata gives it, the
    source URL, when it was retrieved) and the statement's text; the download is kept in
    FOLDER/.sources/ for provenance. Nothing is overwritten. A statement without a date in its
    page's metadata needs one added by hand ('date: YYYY-MM-DD') before `commitwatch report` uses it.
    """
    from ..load.fetch import add_statement

    for url in urls:  # the folder is made when the first statement is written, not before
        added = add_statement(url, folder)
        when = added.date.isoformat() if added.date else "no date in the page's metadata: add 'date:' by hand"
        click.echo(f"{added.path}: {added.title} ({when}); download kept as {added.raw}")
