"""Reading the small text files commitwatch is given (manifests, cleaning rules): regular files only.

A FIFO, a device or a socket under a configuration file's name is refused before it is opened (a
FIFO would block, /dev/zero never end), and no more than the limit is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, Problem, display_path

__all__ = ["MAX_TEXT_BYTES", "read_regular_text"]

MAX_TEXT_BYTES = 20 * 1024 * 1024


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
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(Problem(f"{what} is not a regular file", shown, None, "replace it with a regular file"))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise InputError(
            Problem(f"cannot read {what}: {exc.strerror or exc}", shown, None, "check the path and its permissions")
        ) from None
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError(
            Problem(f"{what} is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB", shown, None, "shorten it")
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(f"{what} is not UTF-8 text ({exc.reason} at byte {exc.start})", shown, None, "save it as UTF-8")
        ) from None
