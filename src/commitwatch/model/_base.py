"""What the model's classes share: compact pickling, and looking an item up by its id."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

import attrs

_C = TypeVar("_C", bound=type)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_I = TypeVar("_I", bound=_HasId)


def pickled_as_arguments(cls: _C) -> _C:
    """Pickle instances as a call with their field values.

    Readings and versions cross between processes (and readings wait in a spill file), so they
    are pickled by the hundred thousand: this takes about half the time of attrs' default (a
    dict per instance).
    """
    names = [field.name for field in attrs.fields(cls)]
    if not all(field.init for field in attrs.fields(cls)):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument")
    values = operator.attrgetter(*names)
    single = len(names) == 1

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        found = values(self)
        return type(self), (found,) if single else found

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls


def find_by_id(items: Iterable[_I], wanted: str) -> _I:
    """The item whose ``id`` is ``wanted``; KeyError when there is none."""
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)


def find_by(items: Iterable[Any], name: str, wanted: str) -> Any:
    """The first item whose attribute ``name`` is ``wanted``, or None."""
    for item in items:
        if getattr(item, name) == wanted:
            return item
    return None
