"""Files -> cleaned, dated, deduplicated statements, plus what was skipped and why.

The stages, one module each: :mod:`.files` lists a corpus's statement files with what their
folder says of them (:mod:`.metadata`: manifest and front matter; :mod:`.cleaning`: the rules);
:mod:`.read` turns one file into a :class:`~commitwatch.model.Statement` (:mod:`.text`
normalises, :mod:`.sentences` splits, :mod:`.dates` reads datelines, :mod:`.words` splits
words); :mod:`.copies` finds republished copies and :mod:`.corpus` folds them and orders the
rest by date.
"""

from .cleaning import CleaningRule, CleaningRules, default_cleaning_rules, load_cleaning_rules
from .corpus import load_statement, load_statements

__all__ = [
    "CleaningRule",
    "CleaningRules",
    "default_cleaning_rules",
    "load_cleaning_rules",
    "load_statement",
    "load_statements",
]
