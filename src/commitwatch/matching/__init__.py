"""(Statement, Catalog) -> what the statement commits to, with evidence. No I/O.

:class:`Matcher` compiles a catalog once and reads any number of statements; :func:`match` and
:func:`explain` read one statement, keeping one compiled matcher per catalog object (a small
cache, released with the catalog) so repeated calls do not compile the catalog again.
"""

from __future__ import annotations

import weakref

from ..model import Catalog, Reading, SentenceExplanation, Statement
from .matcher import Matcher, sentence_words

__all__ = ["Matcher", "explain", "match", "sentence_words"]

_MATCHERS: dict[int, Matcher] = {}


def _matcher_for(catalog: Catalog) -> Matcher:
    key = id(catalog)
    matcher = _MATCHERS.get(key)
    if matcher is None or matcher.catalog is not catalog:
        matcher = Matcher(catalog)
        _MATCHERS[key] = matcher
        weakref.finalize(catalog, _MATCHERS.pop, key, None)
    return matcher


def match(statement: Statement, catalog: Catalog) -> Reading:
    """Read one statement against a catalog.

    Args:
        statement: A loaded statement.
        catalog: A loaded catalog.

    Returns:
        One observation per commitment type the statement shows, with evidence.
    """
    return _matcher_for(catalog).read(statement)


def explain(
    statement: Statement, catalog: Catalog, commitment_id: str | None = None
) -> tuple[SentenceExplanation, ...]:
    """How each sentence of a statement was read, with the near misses (see :meth:`Matcher.explain`)."""
    return _matcher_for(catalog).explain(statement, commitment_id)
