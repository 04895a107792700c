"""Bytes kept in a temporary file between two passes of a run, read back one item at a time."""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from typing import IO, Any

__all__ = ["Spill"]


class Spill:
    """Items kept as bytes in an unnamed temporary file (gone when closed, even on a crash).

    Use as a context manager; :meth:`add` keeps one item's bytes, :meth:`get` unpickles one,
    :meth:`get_bytes` returns one as it was added.
    """

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._offsets = array("q")

    def __enter__(self) -> Spill:
        self._file = tempfile.TemporaryFile(prefix="commitwatch-")
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()

    @property
    def _open(self) -> IO[bytes]:
        assert self._file is not None, "a Spill is used inside a with block"
        return self._file

    def __len__(self) -> int:
        return len(self._offsets)

    def add(self, data: bytes) -> None:
        """Keep one item's bytes: pickled (see :meth:`get`) or in any other form (:meth:`get_bytes`)."""
        self._offsets.append(self._open.seek(0, os.SEEK_END))
        self._open.write(data)

    def get(self, index: int) -> Any:
        """The ``index``-th item kept, unpickled."""
        self._open.seek(self._offsets[index])
        return pickle.load(self._open)

    def get_bytes(self, index: int) -> bytes:
        """The ``index``-th bytes kept."""
        start = self._offsets[index]
        end = self._offsets[index + 1] if index + 1 < len(self._offsets) else self._open.seek(0, os.SEEK_END)
        self._open.seek(start)
        return self._open.read(end - start)
