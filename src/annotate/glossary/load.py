"""Reading glossary files: the schema, and every problem as ONE line ``FILE:LINE: message``.

The content is edited by hand, so every problem is reported as one line an editor can jump to. Line
numbers come from the YAML node tree, never from guessing in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NotRequired, TypedDict

import jsonschema
import yaml

from ..errors import GlossaryError
from .model import CATEGORIES, Entry, Glossary

# A form shorter than this would be found inside almost every sentence (党, 会 …).
MIN_FORM_LENGTH = 2

_FORM_SCHEMA: dict[str, object] = {
    "type": "string",
    "minLength": MIN_FORM_LENGTH,
    # Forms are matched literally: no surrounding whitespace, no line breaks.
    "pattern": r"^\S(?:.*\S)?$",
}

ENTRY_KEYS = ("term", "category", "aliases", "definition", "note", "traditional")

SCHEMA: dict[str, object] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["entries"],
    "additionalProperties": False,
    "properties": {"entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}}},
    "$defs": {
        "form": _FORM_SCHEMA,
        "entry": {
            "type": "object",
            "required": ["term", "category", "definition"],
            "additionalProperties": False,
            "properties": {
                "term": {"$ref": "#/$defs/form"},
                "category": {"type": "string", "enum": list(CATEGORIES)},
                "aliases": {"type": "array", "items": {"$ref": "#/$defs/form"}},
                "definition": {"type": "string", "pattern": r"\S"},
                "note": {"type": "string"},
                "traditional": {"type": "string", "pattern": r"\S"},
            },
        },
    },
}

_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class EntryData(TypedDict):
    """One item of ``entries`` in a glossary file that :data:`SCHEMA` accepts."""

    term: str
    category: str
    definition: str
    aliases: NotRequired[list[str]]
    note: NotRequired[str]
    traditional: NotRequired[str]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _child(node: yaml.Node, key: str | int) -> tuple[yaml.Node, yaml.Node | None] | None:
    """(value node, key node) for one step of a JSON path inside the YAML node tree."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node, key_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key], None
    return None


def _node_at(root: yaml.Node, path: Iterable[str | int]) -> yaml.Node:
    node = root
    for step in path:
        found = _child(node, step)
        if found is None:
            break
        node = found[0]
    return node


def _label(path: list[str | int]) -> str:
    """How an editor names the failing value: “term”, “definition”, alias, or its position."""
    if len(path) >= 2 and path[-2] == "aliases" and isinstance(path[-1], int):
        return "alias"
    if path and isinstance(path[-1], str):
        return f"“{path[-1]}”"
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "top level"


_YAML_TYPES = {dict: "a mapping", list: "a list", str: "a string", type(None): "empty"}


def _type_name(value: object) -> str:
    return _YAML_TYPES.get(type(value), f"{type(value).__name__} {value!r}")


def _schema_problem(error: jsonschema.ValidationError, root: yaml.Node) -> tuple[int, str]:
    """Turn one jsonschema error into (line, one-line message) an editor understands."""
    path = list(error.absolute_path)
    node = _node_at(root, path)
    value = error.instance
    kind = error.validator
    # What each check reports is fixed by the JSON Schema rules: the isinstance tests only tell the type
    # checker (an additionalProperties or required error is about an object, its rule is a list for
    # required and enum).
    if kind == "additionalProperties" and isinstance(value, dict) and isinstance(error.schema, Mapping):
        allowed = list(error.schema.get("properties", {}))
        for key in value:
            if key not in allowed:
                found = _child(node, key)
                line = _line(found[1]) if found and found[1] is not None else _line(node)
                return line, f"unknown key “{key}” (allowed: {', '.join(allowed)})"
    if kind == "required" and isinstance(error.validator_value, list) and isinstance(value, dict):
        missing = [k for k in error.validator_value if k not in value]
        what = "entry" if path and isinstance(path[-1], int) else "file"
        return _line(node), f"{what} is missing required key “{missing[0]}”"
    if kind == "enum" and isinstance(error.validator_value, list):
        return _line(node), f"bad category “{value}” (expected one of: {', '.join(error.validator_value)})"
    label = _label(path)
    if kind == "type":
        expected = {"object": "a mapping", "array": "a list", "string": "a string"}.get(
            str(error.validator_value), str(error.validator_value)
        )
        scalar = isinstance(value, int | float | bool)
        hint = " (quote it in YAML)" if expected == "a string" and scalar else ""
        return _line(node), f"{label} must be {expected}, not {_type_name(value)}{hint}"
    if isinstance(value, str) and not value.strip():
        return _line(node), f"empty {label.strip('“”')}"
    if kind == "minLength":
        too_short = f"is shorter than {MIN_FORM_LENGTH} characters and would match almost everywhere"
        return _line(node), f"{label.strip('“”')} “{value}” {too_short}"
    if kind == "pattern":
        spacing = "must not start or end with whitespace or contain line breaks"
        return _line(node), f"{label.strip('“”')} “{value}” {spacing}"
    return _line(node), f"{label}: {error.message}"


def _duplicate_keys(node: yaml.Node) -> Iterator[tuple[int, str]]:
    """YAML silently keeps the last of two equal keys; an editor almost certainly meant something else."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                yield _line(key_node), f"duplicate key “{key}” (first at line {seen[key]})"
            else:
                seen[key] = _line(key_node)
            yield from _duplicate_keys(value_node)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item)


# libyaml's loader (the same safe schema, node tree and line marks) parses a large glossary ten times faster
# than the pure-Python one; PyYAML's wheels include it, a build without it falls back.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(path: Path) -> tuple[yaml.Node, object]:
    """YAML node tree (for line numbers) and plain data (for the schema) of one file."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(path, raw[: exc.start].count(b"\n") + 1, "not valid UTF-8") from exc
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise GlossaryError(path, 1, "empty file (expected a mapping with a list of “entries”)")
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = ": ".join(part for part in (exc.context, exc.problem) if part)
        raise GlossaryError(path, line, f"YAML syntax error: {problem}") from exc
    except yaml.YAMLError as exc:
        raise GlossaryError(path, 1, f"YAML error: {exc}") from exc
    finally:
        loader.dispose()
    return root, data


def _entry_from(item: EntryData, source: Path, line: int) -> Entry:
    return Entry(
        term=item["term"],
        category=item["category"],
        definition=item["definition"].strip(),
        aliases=tuple(item.get("aliases", ())),
        note=item["note"].strip() if item.get("note") is not None else None,
        traditional=item.get("traditional"),
        source=str(source),
        line=line,
    )


def _file_problems(path: Path) -> tuple[list[GlossaryError], list[tuple[Entry, yaml.Node]]]:
    """Schema and YAML problems of one file, plus the entries that passed (with their nodes)."""
    try:
        root, data = _parse(path)
    except GlossaryError as exc:
        return [exc], []
    problems = [GlossaryError(path, line, msg) for line, msg in _duplicate_keys(root)]
    bad_items: set[int] = set()
    for error in _VALIDATOR.iter_errors(data):
        line, message = _schema_problem(error, root)
        problems.append(GlossaryError(path, line, message))
        steps = list(error.absolute_path)
        if len(steps) >= 2 and steps[0] == "entries" and isinstance(steps[1], int):
            bad_items.add(steps[1])
        elif steps[:1] != ["entries"] or len(steps) == 1:
            bad_items.add(-1)  # the file shape itself is wrong: no entries to trust
    entries: list[tuple[Entry, yaml.Node]] = []
    if -1 not in bad_items and isinstance(data, dict):
        items_node = _node_at(root, ["entries"])
        for index, item in enumerate(data.get("entries") or []):
            if index not in bad_items:  # no schema error inside it: an EntryData
                node = items_node.value[index]
                entries.append((_entry_from(item, path, _line(node)), node))
    return problems, entries


def _form_nodes(node: yaml.Node) -> list[tuple[str, str, int]]:
    """(form, 'term'|'alias', line) of one entry node, in file order."""
    forms: list[tuple[str, str, int]] = []
    term = _child(node, "term")
    if term:
        forms.append((term[0].value, "term", _line(term[0])))
    aliases = _child(node, "aliases")
    if aliases and isinstance(aliases[0], yaml.SequenceNode):
        forms.extend((alias.value, "alias", _line(alias)) for alias in aliases[0].value)
    return forms


def _duplicate_forms(entries: list[tuple[Entry, yaml.Node]]) -> list[GlossaryError]:
    """Every term and alias must name exactly one entry, or matching could not decide what to explain."""
    problems: list[GlossaryError] = []
    owners: dict[str, tuple[Entry, str, int]] = {}
    anchors: dict[str, Entry] = {}
    for entry, node in entries:
        for form, kind, line in _form_nodes(node):
            if form not in owners:
                owners[form] = (entry, kind, line)
                continue
            other, other_kind, other_line = owners[form]
            where = f"line {other_line}" if other.source == entry.source else f"{other.source}:{other_line}"
            if other is entry:
                message = (
                    f"alias “{form}” repeats the term"
                    if other_kind == "term"
                    else f"alias “{form}” is listed twice (first at line {other_line})"
                )
            elif kind == "term" and other_kind == "term":
                message = f"duplicate term “{form}” (already defined at {where})"
            elif kind == "alias" and other_kind == "alias":
                message = f"duplicate alias “{form}” (already used by “{other.term}” at {where})"
            elif kind == "alias":
                message = f"alias “{form}” is already the term of an entry (at {where})"
            else:
                message = f"term “{form}” is already an alias of “{other.term}” (at {where})"
            problems.append(GlossaryError(entry.source, line, message))
        clash = anchors.setdefault(entry.anchor, entry)
        if clash is not entry and clash.term != entry.term:
            problems.append(
                GlossaryError(
                    entry.source,
                    entry.line,
                    f"anchor {entry.anchor} collides with “{clash.term}”; rename one of the terms",
                )
            )
    return problems


def glossary_files(path: Path) -> list[Path]:
    """The files that make up a glossary: ``path`` itself, or the sorted ``*.yml`` of a directory."""
    if path.is_dir():
        files = sorted(path.glob("*.yml"))
        if not files:
            raise GlossaryError(path, None, "directory contains no *.yml glossary files")
        return files
    if not path.exists():
        raise GlossaryError(path, None, "no such file or directory")
    return [path]


def check_glossary(path: Path) -> tuple[list[GlossaryError], Glossary | None]:
    """Every problem in the glossary (for a CLI that lists them all) and the glossary if there is none."""
    try:
        files = glossary_files(path)
    except GlossaryError as exc:
        return [exc], None
    problems: list[GlossaryError] = []
    entries: list[tuple[Entry, yaml.Node]] = []
    for file in files:
        file_problems, file_entries = _file_problems(file)
        problems.extend(file_problems)
        entries.extend(file_entries)
    problems.extend(_duplicate_forms(entries))
    order = {str(f): i for i, f in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.path, -1), p.line or 0))
    if problems:
        return problems, None
    return [], Glossary(entry for entry, _ in entries)


def load_glossary(path: Path) -> Glossary:
    """Load and validate a glossary file or directory; the first problem (in file order) is raised."""
    problems, glossary = check_glossary(Path(path))
    if problems:
        raise problems[0]
    assert glossary is not None
    return glossary
