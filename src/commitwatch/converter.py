"""The one cattrs converter: JSON for every model class, strict structuring for YAML input.

:func:`make_converter` registers every hook in one place. Structuring is strict on purpose:
an unknown key is an error (so a typo in a catalog is reported, not silently ignored), text
must be text (cattrs would otherwise turn ``parties: United States`` into a list of letters),
and dates must be real ``YYYY-MM-DD`` dates.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, override

from ._yaml import LineDict, LineList
from .errors import Problem, did_you_mean
from .model.statements import ClockTime, clock_time

__all__ = ["make_converter", "parse_iso_date", "structure_yaml"]

T = TypeVar("T")


def make_converter(*, from_files: bool = False) -> cattrs.Converter:
    """Build the converter used for all JSON and YAML (un)structuring.

    Args:
        from_files: For reading files people write (the catalog, a manifest): fields that
            commitwatch fills in itself (a catalog's ``root`` and ``sources``, a statement's
            ``date_source``) may not be written there, and a look-alike example may be given as
            a plain sentence.

    Returns:
        A :class:`cattrs.Converter` that forbids extra keys, reads dates as ``YYYY-MM-DD``,
        enums by value, and refuses a string where a list is expected.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=False)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(ClockTime, lambda value, _: clock_time(value))
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _strict_tuple_factory)
    converter.register_structure_hook_factory(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), _enum_factory
    )
    converter.register_structure_hook_factory(_is_literal, _literal_factory)
    if from_files:
        _register_file_hooks(converter)
    return converter


def _register_file_hooks(converter: cattrs.Converter) -> None:
    # Order matters: a class's hook is built from the hooks its fields have at that moment.
    from .model import Catalog, NoMatchExample, StatementMeta

    plain = make_dict_structure_fn(NoMatchExample, converter, _cattrs_forbid_extra_keys=True)

    def no_match(value: Any, type_: Any) -> NoMatchExample:
        if isinstance(value, str):
            return NoMatchExample(text=value)
        return plain(value, type_)

    converter.register_structure_hook(NoMatchExample, no_match)
    # catalog.yaml holds everything but the commitments (in the family files) and where it was read
    converter.register_structure_hook(
        Catalog,
        make_dict_structure_fn(
            Catalog,
            converter,
            _cattrs_forbid_extra_keys=True,
            commitments=override(omit=True),
            root=override(omit=True),
            sources=override(omit=True),
        ),
    )
    # where a date came from, and front-matter keys commitwatch does not know, are found, not written
    converter.register_structure_hook(
        StatementMeta,
        make_dict_structure_fn(
            StatementMeta,
            converter,
            _cattrs_forbid_extra_keys=True,
            date_source=override(omit=True),
            extra=override(omit=True),
        ),
    )


def _structure_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected text, got {_describe(value)}: put it in quotes if it is meant as text")


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {_describe(value)}")


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a whole number, got {_describe(value)}")


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, got {_describe(value)}")


_STRICT_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_iso_date(value: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; raises ValueError with a message a user can act on."""
    found = _STRICT_ISO.match(value)
    if found is None:
        raise ValueError(f"'{value}' is not a date: write it as YYYY-MM-DD (for example 2023-10-25)")
    try:
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a real date ({exc}): write it as YYYY-MM-DD") from None


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value)
    raise TypeError(f"expected a date (YYYY-MM-DD), got {_describe(value)}")


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _strict_tuple_factory(cls: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    base = homogenous_tuple_structure_factory(cls, converter)

    def structure(value: Any, type_: Any) -> Any:
        if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
            raise TypeError(f"expected a list, got {_describe(value)}: write it as [a, b] or one '- item' per line")
        return base(value, type_)

    return structure


def _enum_factory(cls: Any, _: cattrs.Converter) -> Callable[[Any, Any], Any]:
    def structure(value: Any, type_: Any) -> Any:
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(repr(member.value) for member in cls)
            raise ValueError(f"{value!r} is not one of {choices}") from None

    return structure


def _is_literal(cls: Any) -> bool:
    origin: Any = typing.get_origin(cls)
    return origin is typing.Literal


def _literal_factory(cls: Any, _: cattrs.Converter) -> Callable[[Any, Any], Any]:
    choices = typing.get_args(cls)

    def structure(value: Any, type_: Any) -> Any:
        if value in choices and type(value) is type(choices[choices.index(value)]):
            return value
        raise ValueError(f"{value!r} is not one of {', '.join(repr(choice) for choice in choices)}")

    return structure


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def structure_yaml(converter: cattrs.Converter, data: Any, cls: type[T], path: str) -> tuple[T | None, list[Problem]]:
    """Structure YAML data into ``cls``, turning every cattrs error into a located problem.

    Args:
        converter: The converter from :func:`make_converter`.
        data: What :func:`commitwatch._yaml.load_yaml` returned.
        cls: The attrs class to build.
        path: The file name for problems.

    Returns:
        The object (None when there were problems) and every problem found.
    """
    if attrs.has(cls) and not isinstance(data, Mapping):
        got = (
            "a list" if isinstance(data, list) else "nothing" if data is None else f"{type(data).__name__} {data!r:.40}"
        )
        return None, [
            Problem(
                f"expected keys and values ('key: value' lines) at the top of the file, got {got}",
                path,
                getattr(data, "line", None) or 1,
                "see the documentation for the file's layout",
            )
        ]
    try:
        return converter.structure(data, cls), []
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        return None, list(_problems(exc, data, None, path, ()))
    except (TypeError, ValueError) as exc:
        return None, [Problem(str(exc), path, getattr(data, "line", None), None)]


def _problems(
    exc: BaseException, data: Any, line: int | None, path: str, trail: tuple[str, ...]
) -> typing.Iterator[Problem]:
    """Walk a cattrs exception tree beside the YAML data it came from, yielding located problems."""
    line = getattr(data, "line", None) or line
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for extra in sorted(exc.extra_fields):
            key_line = data.line_of(extra) if isinstance(data, LineDict) else line
            hint = did_you_mean(extra, known) or f"the keys allowed here are: {', '.join(known)}"
            yield Problem(f"unknown key '{extra}'{_at(trail)}", path, key_line, hint)
        return
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            key: Any = getattr(note, "name", None)
            if key is None:
                key = getattr(note, "index", None)
            label = f"[{key}]" if isinstance(key, int) else str(key)
            if isinstance(inner, KeyError) and isinstance(data, Mapping) and key not in data:
                yield Problem(f"missing key '{key}'{_at(trail)}", path, line, f"add '{key}:' here")
                continue
            child, child_line = _child(data, key, line)
            yield from _problems(inner, child, child_line, path, (*trail, label))
        for inner in without:
            yield from _problems(inner, data, line, path, trail)
        return
    yield Problem(f"{_message(exc)}{_at(trail)}", path, line, None)


def _child(data: Any, key: Any, line: int | None) -> tuple[Any, int | None]:
    """The value under ``key`` in YAML data, with the line of its key or item."""
    if isinstance(data, LineDict):
        return data.get(key), data.line_of(key)
    if isinstance(data, Mapping):
        return data.get(key), line
    if isinstance(data, LineList) and isinstance(key, int) and 0 <= key < len(data):
        return data[key], data.line_of(key)
    if isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
        return data[key], line
    return None, line


def _message(exc: BaseException) -> str:
    # attrs validators and our hooks write messages for people: keep them as they are.
    if isinstance(exc, (TypeError, ValueError)) and exc.args:
        first = exc.args[0]
        return first if isinstance(first, str) else str(exc)
    if isinstance(exc, KeyError):
        return f"missing key {exc}"
    return str(exc) or type(exc).__name__


def _at(trail: tuple[str, ...]) -> str:
    if not trail:
        return ""
    dotted = ".".join(trail).replace(".[", "[")
    return f" (at {dotted})"
