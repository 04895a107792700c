"""Reading the files commitwatch is given: regular files only, and no more than a limit.

A FIFO, a device or a socket is refused before it is opened (a FIFO would block, /dev/zero
never end), and at most one byte past the limit is read, whatever the file system says of the
file's size. Statements use the bytes (a file that cannot be read is skipped); manifests and
cleaning rules the text (one that cannot be read is an error).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, Problem, display_path

__all__ = ["MAX_TEXT_BYTES", "MissingExtra", "NotReadable", "read_regular_bytes", "read_regular_text"]

MAX_TEXT_BYTES = 20 * 1024 * 1024


class MissingExtra(Exception):
    """The optional library that reads this format is not installed; the argument names the extra."""


class NotReadable(Exception):
    """A file that is no regular file, or is larger than the limit: why, and what to do."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason, self.hint = reason, hint


def read_regular_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises:
        NotReadable: It is not a regular file, or it is larger than ``limit``.
        OSError: It cannot be opened or read.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotReadable("not a regular file (a pipe, device or socket)", "copy its text into a regular file")
    with open(path, "rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
        raise NotReadable(f"larger than {size}", "split it, or raise the limit with --max-size")
    return raw


def read_regular_text(path: Path, what: str) -> str:
    """The UTF-8 text of a regular file of at most :data:`MAX_TEXT_BYTES`.

    Args:
        path: The file.
        what: What it is, for the error ("the manifest", "the cleaning rules").

    Raises:
        InputError: It is not a regular file, is too large, cannot be read or is not UTF-8.
    """
    shown = display_path(path)
    try:
        raw = read_regular_bytes(path)
    except NotReadable as exc:
        reason = exc.reason.replace("not a regular file (a pipe, device or socket)", "not a regular file")
        raise InputError(Problem(f"{what} is {reason}", shown, None, "replace it with a regular file")) from None
    except OSError as exc:
        raise InputError(
            Problem(f"cannot read {what}: {exc.strerror or exc}", shown, None, "check the path and its permissions")
        ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(f"{what} is not UTF-8 text ({exc.reason} at byte {exc.start})", shown, None, "save it as UTF-8")
        ) from None
