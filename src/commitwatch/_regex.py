"""Regular expressions that users write (``regex:`` cues, cleaning rules), run in linear time.

Python's ``re`` backtracks: ``(a+)+b`` against a long run of "a" never ends. Expressions a
catalog or a cleaning file brings are compiled with RE2 instead (google-re2), which guarantees
time linear in the text, whatever the expression; what RE2 cannot run in linear time
(lookarounds, backreferences) is refused when the file is loaded, with its line. commitwatch's own
phrase patterns stay with ``re``: they are bounded by construction (see ``matching.patterns``).
Matching is case-insensitive, as everywhere in commitwatch.
"""

from __future__ import annotations

import functools
from typing import Any

import re2

__all__ = ["UserRegexError", "compile_user_regex"]


class UserRegexError(ValueError):
    """An expression RE2 cannot compile; the message says why, in words a user can act on."""


@functools.lru_cache(maxsize=1024)
def compile_user_regex(expression: str) -> Any:
    """The expression compiled for linear-time, case-insensitive matching.

    The object has ``search(text, pos)``, ``fullmatch(text)`` and ``finditer(text)`` as ``re``'s do.

    Raises:
        UserRegexError: The expression is not valid, or needs backtracking (a lookaround, a
            backreference) that cannot run in linear time.
    """
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the error is ours to report, with the file and line
    try:
        return re2.compile(expression, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise UserRegexError(
            f"{reason} (commitwatch runs regular expressions in linear time, which rules out "
            "lookarounds such as (?<!...) and backreferences such as \\1)"
        ) from None
