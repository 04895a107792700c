"""Safe YAML loading that remembers lines and refuses what PyYAML lets slip.

PyYAML's safe loader silently keeps the last of two duplicate keys, reads ``no`` as False and
``2023-10-25`` as a date object, and happily expands an alias bomb when the data is walked.
This loader keeps every mapping's and list item's line, reports duplicate keys, reads only
``true``/``false`` as booleans, leaves dates as text (the caller parses them with a located
error), and refuses documents whose aliases would expand past a fixed size.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import Problem

MAX_EXPANDED_NODES = 200_000


class LineDict(dict[Any, Any]):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


# libyaml's parser (a C extension shipped in PyYAML's wheels) is many times faster than the pure
# Python one; the constructors below run on top of either.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader with line-aware containers and stricter implicit typing."""

    problems: list[Problem]
    source_path: str
    line_offset: int

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1 + self.line_offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.line_offset
            try:
                hash(key)
            except TypeError:
                self.problems.append(
                    Problem(
                        "a mapping key must be plain text",
                        self.source_path,
                        line,
                        "write the key as a word",
                    )
                )
                continue
            if key in result:
                first = result.key_lines[key]
                self.problems.append(
                    Problem(
                        f"duplicate key '{key}' (first at line {first})",
                        self.source_path,
                        line,
                        "YAML keeps only one of them: remove or rename one",
                    )
                )
                continue
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result


def _guarded(constructor: Any) -> Any:
    """A value constructor whose failure on a bad value ("!!int abc") is a YAML error at its line."""

    def construct(loader: _Loader, node: yaml.Node) -> Any:
        try:
            return constructor(loader, node)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"{node.tag.rsplit(':', 1)[-1]} value {getattr(node, 'value', '')!r} is not valid ({exc})",
                node.start_mark,
            ) from None

    return construct


for _tag, _constructor in list(_Loader.yaml_constructors.items()):
    if _tag is not None and _tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        _Loader.add_constructor(_tag, _guarded(_constructor))
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)

# Rebuild the implicit resolvers as YAML 1.2 has them: YAML 1.1 booleans (yes/no/on/off),
# timestamps and base-60 numbers (9:30 read as 570) are text here.
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag
        not in {
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:timestamp",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        }
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _expanded_size(node: yaml.Node, path: frozenset[int], memo: dict[int, int]) -> int:
    """How many nodes the document has once every alias is expanded; raises on a cycle."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in path:
        raise _AliasCycle(node)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        inner = path | {key}
        for child in node.value:
            size += _expanded_size(child, inner, memo)
            if size > MAX_EXPANDED_NODES:
                break
    elif isinstance(node, yaml.MappingNode):
        inner = path | {key}
        for key_node, value_node in node.value:
            size += _expanded_size(key_node, inner, memo) + _expanded_size(value_node, inner, memo)
            if size > MAX_EXPANDED_NODES:
                break
    memo[key] = size
    return size


class _AliasCycle(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def load_yaml(text: str, path: str, *, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse one YAML document safely.

    Args:
        text: The YAML text.
        path: The file name to put in problems.
        line_offset: Added to every line (for a block that starts inside a larger file).

    Returns:
        The data (None for an empty document) and the problems found. When the document
        cannot be parsed at all, the data is None and the problems say why and where.
    """
    loader = _Loader(text)
    loader.problems = []
    loader.source_path = path
    loader.line_offset = line_offset
    try:
        try:
            node = loader.get_single_node()
            if node is None:
                return None, loader.problems
            if _expanded_size(node, frozenset(), {}) > MAX_EXPANDED_NODES:
                return None, [
                    Problem(
                        f"the YAML expands to more than {MAX_EXPANDED_NODES:,} values through its aliases",
                        path,
                        None,
                        "remove the aliases (*name) that repeat large blocks: this looks like an alias bomb",
                    )
                ]
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except _AliasCycle as cycle:
        line = cycle.node.start_mark.line + 1 + line_offset
        return None, [Problem("a YAML alias refers to itself", path, line, "write the value out in full")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(f"invalid YAML: {what}", path, line, "fix the YAML syntax at that line")]
    except yaml.YAMLError as exc:
        return None, [Problem(f"invalid YAML: {exc}", path, None, "fix the YAML syntax")]
    except RecursionError:
        return None, [Problem("the YAML is nested too deeply", path, None, "flatten the structure")]
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # a tagged value that fails after its node was read ("!!set x"): no line is known then
        return None, [Problem(f"invalid YAML value: {exc}", path, None, "remove the '!!' tags, which are not needed")]
    return data, loader.problems


def line_at(data: Any, *keys: Any) -> int | None:
    """The line of the value reached through ``keys`` (mapping keys or list indexes), best effort."""
    line: int | None = getattr(data, "line", None) or None
    node = data
    for key in keys:
        if isinstance(node, LineDict):
            line = node.line_of(key)
            node = node.get(key)
        elif isinstance(node, LineList) and isinstance(key, int):
            line = node.line_of(key)
            node = node[key] if 0 <= key < len(node) else None
        else:
            break
    return line
