"""Changelog -> one self-contained HTML page: a timeline heatmap with the evidence behind each cell.

The page is a Jinja2 template (autoescaped: every piece of statement and catalog text the
template shows is escaped) with its CSS and script inline, so it opens from ``file://`` with no
network. The changelog travels inside it as JSON in a ``<script type="application/json">``
element, with ``<``, ``>`` and ``&`` written as ``\\u003c`` and so on, so no text in it can
end the element; the script builds the grid from it with ``textContent`` only, never as markup,
and links a statement's file only by a relative path or a ``file:``/``http(s):`` address. The
page's content security policy allows no network and no script but its own (by its hash).

A version's data is made as it comes (:class:`HtmlReport`), so a corpus of any length is written
in one pass. Nothing is written twice: a change whose "before" is the observation an earlier
version showed refers to that version; a version's sentences (evidence, and the sentences
either side) are listed once and named by number; and the words that repeat across versions
(holders, level names, the reasons for a stance) are numbers in one table at the end.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.request import pathname2url

from ..model import Changelog, ChangelogHead, CommitmentInfo, Observation, Version
from ._text import cue_spans, level_name
from .kinds import EVENTS, KIND_ORDER, SYMBOLS, words

__all__ = ["HtmlReport", "render_html"]

_JSON_IN_SCRIPT = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_SPLIT = "\x00versions\x00"
_TABLES = "\x00tables\x00"


class _Table:
    """Values numbered in the order first met, so that a repeated one is written once."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self.values: list[Any] = []

    def __call__(self, value: Any) -> int:
        key = json.dumps(value, ensure_ascii=False)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.values)
            self.values.append(value)
        return number


def render_html(
    changelog: Changelog, *, link: Callable[[Version], str | None] | None = None, stamp: bool = True
) -> str:
    """Render a changelog as one self-contained HTML page (see :class:`HtmlReport` for the options).

    Returns:
        The page's text.
    """
    return "".join(HtmlReport(changelog, link=link, stamp=stamp).pieces(changelog.versions))


class HtmlReport:
    """An HTML report built as its versions come.

    Args:
        head: The changelog's head.
        link: The address of a version's statement file as the page should link it (relative to
            where the page is written), or None for no link; by default, its path as shown,
            quoted as a relative path (a file named "javascript:..." cannot become a scheme).
        stamp: Name the commitwatch version in the page.
    """

    def __init__(
        self, head: ChangelogHead, *, link: Callable[[Version], str | None] | None = None, stamp: bool = True
    ) -> None:
        self._head = head
        self._link = link or (lambda version: pathname2url(version.path))
        self._stamp = stamp
        self._index = {commitment.id: number for number, commitment in enumerate(head.commitments)}
        self._commitments = {commitment.id: commitment for commitment in head.commitments}
        self._emitted: dict[str, tuple[int, Observation]] = {}
        self._strings = _Table()
        self._holders: set[str] = set()

    def pieces(self, versions: Iterable[Version]) -> Iterator[str]:
        """The page in pieces: the part before the data, each version's data, then the rest.

        Nothing in the page before the data depends on the versions (the page's script counts
        them), so the page is written in one pass, holding one version at a time.
        """
        opening, closing = self._page().split(_SPLIT, 1)
        yield opening
        first = True
        for version in versions:
            yield ("" if first else ",\n") + _script_json(self.version_data(version))
            first = False
        tables = {"strings": self._strings.values, "holders": sorted(self._holders)}
        yield closing.replace(_TABLES, _script_json(tables), 1)

    def version_data(self, version: Version) -> dict[str, Any]:
        """What the page's script needs of one version."""
        cells: dict[str, list[Any]] = {}
        sentences = _Table()
        for change in version.changes:
            commitment = self._commitments[change.commitment_id]
            before: Any = None
            if change.before is not None:
                known = self._emitted.get(change.commitment_id)
                same = known is not None and known[0] == change.before_version and known[1] == change.before
                before = change.before_version if same else self._observation(change.before, commitment, sentences)
            after = None
            if change.after is not None:
                after = self._observation(change.after, commitment, sentences)
                self._emitted[change.commitment_id] = (version.number, change.after)
                self._holders.update(change.after.holders)
            cell: list[Any] = [change.kind.value, after, before, change.before_version]
            if change.note:
                cell.append(change.note)
            cells[str(self._index[change.commitment_id])] = cell
        data: dict[str, Any] = {
            "n": version.number,
            "date": version.date.isoformat(),
            "title": version.title,
            "path": version.path,
            "href": self._link(version),
            "sha": version.sha256[:12],
            "parties": list(version.parties),
            "parties_assumed": version.parties_assumed,
            "read": [version.sentences_read, version.sentences],  # sentences that show a commitment, of all
            "coverage": dict(version.coverage),  # per family, its sentences: why a left-out one is dropped
            "source": version.source,
            "cells": cells,
            "sentences": sentences.values,
        }
        if version.occasion:
            data["occasion"] = version.occasion
        if version.ordering:
            data["ordering"] = version.ordering
        if version.companions:
            data["companions"] = [[other.path, other.title] for other in version.companions]
        if version.variants:
            data["variants"] = [variant.path for variant in version.variants]
        return data

    def _observation(self, observation: Observation, commitment: CommitmentInfo, sentences: _Table) -> dict[str, Any]:
        """One observation as the evidence panel shows it: its sentences (numbers in the version's
        list), its cue marks, and what qualifies it (repeated words as numbers in the strings table)."""
        evidence = observation.evidence
        data: dict[str, Any] = {
            "stance": observation.stance,
            "shown": self._strings(level_name(observation, commitment.ladder)),
            "holders": self._strings(list(observation.holders)),
            "basis": self._strings(observation.holder_basis),
            "sentence": sentences(evidence.sentence),
            "marks": cue_spans(evidence),
        }
        optional = {
            "negated": True if observation.polarity == "negated" else None,
            "addressee": list(observation.addressee) or None,
            "predicate": observation.predicate or None,
            "why": self._strings(observation.stance_basis) if observation.stance_basis else None,
            "modifiers": [[modifier.kind, modifier.text] for modifier in evidence.modifiers] or None,
            "quantities": [[quantity.kind, quantity.text] for quantity in observation.quantities] or None,
            "context_before": sentences(evidence.context_before) if evidence.context_before else None,
            "context_after": sentences(evidence.context_after) if evidence.context_after else None,
            "others": len(observation.other_sentences) or None,
            # the content level's place on a ladder of more than one (1 the lowest): shown in the cell,
            # so that a stronger content at the same stance is seen without opening it
            "rung": commitment.ladder.index(observation.level) + 1
            if len(commitment.ladder) > 1 and observation.level in commitment.ladder
            else None,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return data

    def _page(self) -> str:
        from jinja2 import Environment, PackageLoader
        from markupsafe import Markup

        environment = Environment(
            loader=PackageLoader("commitwatch.render", "templates"), autoescape=True, keep_trailing_newline=True
        )
        head = self._head
        families = [{"id": family.id, "title": family.title} for family in head.families]
        commitments = [_commitment(commitment) for commitment in head.commitments]
        meta = {
            "catalog_title": head.catalog_title,
            "catalog_version": head.catalog_version,
            "corpus": head.corpus,
            "tool_version": head.tool_version if self._stamp else "",
            "families": families,
            "commitments": commitments,
            # the change kinds as every report names them: symbol, words, and which are events
            "kinds": {kind.value: {"symbol": SYMBOLS[kind], "words": words(kind)} for kind in KIND_ORDER},
            "events": [kind.value for kind in EVENTS],
            "skipped": [[item.path, item.line, item.reason, item.hint] for item in head.skipped],
        }
        # The data element holds {"meta": ..., "versions": [...], "tables": ...}: the versions go in where _SPLIT is.
        # The tables, filled as the versions are written, go in where _TABLES is.
        skeleton = {"meta": meta, "versions": [_SPLIT], "tables": _TABLES}
        data = _script_json(skeleton).replace(json.dumps(_SPLIT), _SPLIT).replace(json.dumps(_TABLES), _TABLES)
        assert environment.loader is not None
        css, script = (environment.loader.get_source(environment, name)[0] for name in ("report.css", "report.js"))
        script = "\n" + script + "\n"  # as the template places it: the hash is of these exact characters
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        # The three pieces marked safe are the page's own CSS and script, and JSON made safe for a script element.
        return environment.get_template("report.html.j2").render(
            head=head,
            stamp=self._stamp,
            symbols={kind.value: SYMBOLS[kind] for kind in KIND_ORDER},
            css=Markup(css),
            script=Markup(script),
            script_hash=f"sha256-{digest}",
            data=Markup(data),
        )


def _commitment(commitment: CommitmentInfo) -> dict[str, Any]:
    return {"id": commitment.id, "title": commitment.title, "family": commitment.family}


def _script_json(value: Any) -> str:
    """JSON that can sit inside a script element: nothing in it can close the element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_IN_SCRIPT)
