"""The command line: the only place that reads argv, prints, and sets exit codes.

Library errors (:class:`~commitwatch.errors.CommitwatchError`) become ``Error: <where>: <what>;
<what to do>`` on stderr with exit status 1; usage errors exit 2 (click's convention). A
traceback is shown only with ``--debug``. The commands live in :mod:`.report` (report,
timeline, history), :mod:`.catalog` (check, explain, text, diff, seeds), :mod:`.add` and :mod:`.evaluate`;
what they share in :mod:`._common`.
"""

from __future__ import annotations

import signal

import click

from .._version import __version__
from ._common import stop_now
from .add import add
from .catalog import check, diff, explain, seeds, text
from .evaluate import evaluate
from .report import history, report, timeline


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="commitwatch", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show a full traceback on errors.")
def cli(debug: bool) -> None:
    """Track what governments commit to in official statements, and how it changes.

    With no arguments, `commitwatch report` reads the shipped seed statements with the shipped
    catalog and prints the Markdown changelog.
    """


for _command in (report, timeline, history, check, explain, text, diff, evaluate, seeds, add):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``commitwatch`` command."""
    # SIGTERM and Ctrl-C remove a half-written -o file and stop the workers (see _common.stop_now)
    signal.signal(signal.SIGTERM, stop_now)
    signal.signal(signal.SIGINT, stop_now)
    cli(prog_name="commitwatch")
