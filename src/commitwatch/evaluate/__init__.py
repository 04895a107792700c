"""A reading measured against a careful reader's annotations: the gold format, the figures.

:mod:`.gold` reads and checks a gold file; :mod:`.scoring` compares readings with it, statement
by statement and family by family; :mod:`.metrics` holds the figures (precision, recall, F1,
Cohen's kappa, bootstrap intervals).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..load import CleaningRules, load_statements
from ..load.files import MAX_STATEMENT_BYTES
from ..matching import Matcher
from ..model import Catalog
from ..model.evaluation import Evaluation, Gold
from .gold import load_gold, validate_gold
from .scoring import grade, score

__all__ = ["default_statements", "evaluate", "grade", "load_gold"]


def default_statements(gold: str | Path) -> Path:
    """Where a gold file's statements are when none are named: ``corpus/`` beside it, else its folder."""
    folder = Path(gold).parent
    return folder / "corpus" if (folder / "corpus").is_dir() else folder


def evaluate(
    gold: str | Path | Gold,
    *sources: str | Path,
    catalog: Catalog,
    cleaning: CleaningRules | None = None,
    max_bytes: int = MAX_STATEMENT_BYTES,
) -> Evaluation:
    """Read statements with a catalog and measure the reading against a gold file.

    Args:
        gold: The gold file (or a loaded one).
        sources: The statements it annotates (default: see :func:`default_statements`).
        catalog: The catalog to read them with.
        cleaning: Extra cleaning rules.
        max_bytes: Statement files larger than this are skipped, unread (default 20 MB).

    Returns:
        The figures and every disagreement.

    Raises:
        InputError: The gold file is broken, or does not fit the catalog or the corpus (every
            problem at once, with lines).
    """
    loaded = gold if isinstance(gold, Gold) else load_gold(gold)
    if not sources:
        sources = (default_statements(loaded.path if isinstance(gold, Gold) else gold),)
    corpus = load_statements(*sources, cleaning=cleaning, max_bytes=max_bytes)
    problems = validate_gold(loaded, catalog, corpus.statements)
    skipped = {Path(item.path).name: item for item in corpus.skipped}
    for entry in loaded.statements:
        item = skipped.get(Path(entry.file).name)
        if item is not None:  # said more precisely than "not a statement of the corpus"
            problems = [p for p in problems if p.line != entry.line or "is not a statement" not in p.what]
            what = f"'{entry.file}' is annotated but was not read: {item.reason}"
            problems.append(Problem(what, loaded.path, entry.line, item.hint or None))
    if problems:
        raise InputError(problems)
    matcher = Matcher(catalog)
    readings = [matcher.read(statement) for statement in corpus.statements]
    return score(loaded, catalog, corpus.statements, readings)
