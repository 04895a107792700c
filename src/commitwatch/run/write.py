"""A changelog written as its versions come: JSON and HTML piece by piece, Markdown spooled.

An HTML page is written in one pass (its script counts the versions). A Markdown report
opens with a head that summarises every version, so each version's section waits in a
temporary file until the last version has come; memory does not grow with the number of
versions.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from typing import TextIO

from ..model import ChangelogHead, Version
from ..render.html import HtmlReport
from ..render.json import json_chunks
from ..render.markdown import MarkdownReport

__all__ = ["write_html", "write_json", "write_markdown"]


def write_markdown(
    head: ChangelogHead,
    versions: Iterable[Version],
    out: TextIO,
    *,
    show_unchanged: bool = False,
    oldest_first: bool = False,
    stamp: bool = True,
    summary: bool = False,
) -> None:
    """Write :func:`~commitwatch.render_markdown`'s text for versions that come one at a time.

    Args:
        head: The changelog's head.
        versions: The versions, oldest first.
        out: Where to write.
        show_unchanged, oldest_first, stamp, summary: As for :func:`~commitwatch.render_markdown`.
    """
    report = MarkdownReport(head, show_unchanged=show_unchanged, stamp=stamp, summary=summary)
    offsets: list[int] = []
    with tempfile.TemporaryFile(prefix="commitwatch-") as spool:
        for version in versions:
            offsets.append(spool.tell())
            spool.write(report.section(version).encode("utf-8"))
        offsets.append(spool.tell())
        out.write(report.head())
        order = range(len(offsets) - 1) if oldest_first else reversed(range(len(offsets) - 1))
        for position in order:
            spool.seek(offsets[position])
            out.write(spool.read(offsets[position + 1] - offsets[position]).decode("utf-8"))
    out.write(report.tail())


def write_json(head: ChangelogHead, versions: Iterable[Version], out: TextIO, *, indent: int | None = None) -> None:
    """Write :func:`~commitwatch.render_json`'s text for versions that come one at a time."""
    for chunk in json_chunks(head, versions, indent=indent):
        out.write(chunk)


def write_html(
    head: ChangelogHead,
    versions: Iterable[Version],
    out: TextIO,
    *,
    link: Callable[[Version], str | None] | None = None,
    stamp: bool = True,
) -> None:
    """Write :func:`~commitwatch.render_html`'s page for versions that come one at a time."""
    for piece in HtmlReport(head, link=link, stamp=stamp).pieces(versions):
        out.write(piece)
