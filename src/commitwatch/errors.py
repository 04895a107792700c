"""One error family: what is wrong, where (file:line), and what to do.

Every error commitwatch raises on purpose is a :class:`CommitwatchError`. Each carries one
or more :class:`Problem` records, so a user sees every mistake in a file in one pass rather
than one per run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

__all__ = [
    "CatalogError",
    "CommitwatchError",
    "InputError",
    "Problem",
    "StatementError",
    "did_you_mean",
]


@attrs.frozen
class Problem:
    """One thing that is wrong with an input.

    Attributes:
        what: What is wrong, as a short clause ("unknown key 'cuse'").
        path: The file it is in, as given by the user (relative where possible).
        line: The 1-based line in that file, where known.
        hint: What to do about it ("did you mean 'cues'?").
    """

    what: str
    path: str | None = None
    line: int | None = None
    hint: str | None = None

    @property
    def where(self) -> str:
        """The location as ``file:line`` (or just the file, or an empty string)."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def format(self) -> str:
        """The problem as one line: ``file:line: what; hint``."""
        text = f"{self.where}: {self.what}" if self.where else self.what
        return f"{text}; {self.hint}" if self.hint else text


class CommitwatchError(Exception):
    """The root of every error commitwatch raises on purpose.

    Attributes:
        problems: Every problem found, in the order found; never empty.
        path: The file of the first problem, if any.
        line: The line of the first problem, if known.
        hint: What to do about the first problem, if known.
    """

    def __init__(self, problems: Sequence[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            raise ValueError("a CommitwatchError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._message())

    @property
    def path(self) -> str | None:
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def hint(self) -> str | None:
        return self.problems[0].hint

    def _message(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0].format()
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  {problem.format()}" for problem in self.problems)
        return "\n".join(lines)


class InputError(CommitwatchError):
    """A path, folder or argument that cannot be used as given."""


class StatementError(CommitwatchError):
    """A statement manifest or statement folder that cannot be loaded."""


class CatalogError(CommitwatchError):
    """A catalog that cannot be loaded or fails its own checks."""


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean ...?" hint for a misspelt name, or None when nothing is close."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)  # a YAML key may be None or 1
    return f"did you mean '{close[0]}'?" if close else None


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as a user should read it in a message: relative to ``base`` or the cwd if inside."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return readable_name(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            continue
    return readable_name(path.as_posix())


def readable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) shown as U+FFFD,
    so reports and JSON are always valid UTF-8 (the file itself is still opened by its real name)."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
