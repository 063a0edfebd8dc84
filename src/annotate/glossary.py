"""The glossary: loading, validating and looking up the terms the site explains.

The content lives in ``docs/glossary.yml`` (or a directory of ``*.yml`` files) and is edited by hand,
so every problem is reported as ONE line ``FILE:LINE: message`` that an editor can jump to. Line
numbers come from the YAML node tree, never from guessing in the text.

File format::

    entries:
      - term: 中国民主促进会            # required
        category: organisation          # required, one of CATEGORIES
        aliases: [民进]                 # optional
        definition: 一句话定义。         # required, not blank
        note: 可选的较长说明              # optional
        traditional: 可选的正确繁体形式    # optional
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NotRequired, TypedDict

import jsonschema
import yaml

from .errors import GlossaryError as GlossaryError  # re-exported (explicitly, for the type checker)

# Fixed display order of the categories on the glossary page, with the headings readers see.
CATEGORIES: dict[str, str] = {
    "formulation": "提法",
    "programme": "规划与工程",
    "person": "人物",
    "organisation": "组织机构",
    "document": "文件",
    "law": "法律法规",
    "event": "会议与事件",
    "abbreviation": "简称",
}

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


class EntryJson(TypedDict):
    """:meth:`Entry.to_json` (``annotate terms --json``, the editorial report)."""

    term: str
    category: str
    anchor: str
    aliases: list[str]
    definition: str
    note: NotRequired[str]
    traditional: NotRequired[str]
    source: NotRequired[str]
    line: NotRequired[int]


def _pinyin_slug(term: str) -> str:
    """ASCII words of the term's pinyin, so an anchor hints at the term (``liang-ge-que-li``)."""
    from pypinyin import lazy_pinyin  # imported on first use: it takes 0.2 s and cached glossaries skip it

    words: list[str] = []
    for syllable in lazy_pinyin(term):
        words.extend(re.findall(r"[a-z0-9]+", syllable.lower()))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 32:
            break
        slug = candidate
    return slug


def make_anchor(term: str) -> str:
    """Stable ASCII id of a term: ``t-`` + pinyin slug + a short hash of the term.

    It depends on the term alone, so adding, removing or reordering other entries never changes
    it (links from bulletin pages stay valid); the hash separates homophones and terms that differ
    only in punctuation.
    """
    digest = hashlib.sha1(term.encode("utf-8")).hexdigest()[:6]
    slug = _pinyin_slug(term)
    return f"t-{slug}-{digest}" if slug else f"t-{digest}"


def pinyin_key(term: str) -> tuple[tuple[tuple[str, int], ...], str]:
    """Dictionary order: syllable by syllable, by letters (ü written v) then tone 1–4, neutral (5)
    last. Non-Han runs compare by their letters and digits only (so “1571” files under 1571, before
    any pinyin); punctuation is ignored. Ties fall back to the term's code points."""
    from pypinyin import Style, lazy_pinyin

    syllables: list[tuple[str, int]] = []
    for syllable in lazy_pinyin(term, style=Style.TONE3, neutral_tone_with_five=True):
        letters, tone = syllable[:-1], syllable[-1:]
        if tone.isdigit() and letters.isascii() and letters.isalpha():
            syllables.append((letters, int(tone)))
            continue
        plain = re.sub(r"[^0-9a-z]+", "", unicodedata.normalize("NFKC", syllable).lower())
        if plain:
            syllables.append((plain, 0))
    return tuple(syllables), term


@dataclass(frozen=True)
class Entry:
    """One glossary entry. ``source``/``line`` say where it was defined (for reports)."""

    term: str
    category: str
    definition: str
    aliases: tuple[str, ...] = ()
    note: str | None = None
    traditional: str | None = None
    anchor: str = ""
    source: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if not self.anchor:
            object.__setattr__(self, "anchor", make_anchor(self.term))
        object.__setattr__(self, "aliases", tuple(self.aliases))

    @property
    def forms(self) -> tuple[str, ...]:
        """Every string that refers to this entry in running text: the term, then its aliases."""
        return (self.term, *self.aliases)

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)

    def to_json(self) -> EntryJson:
        data: EntryJson = {
            "term": self.term,
            "category": self.category,
            "anchor": self.anchor,
            "aliases": list(self.aliases),
            "definition": self.definition,
        }
        if self.note is not None:
            data["note"] = self.note
        if self.traditional is not None:
            data["traditional"] = self.traditional
        if self.source:
            data["source"] = self.source
            data["line"] = self.line
        return data


@dataclass(frozen=True)
class Category:
    """A section of the glossary page: one category, its Chinese heading and its entries."""

    key: str
    label: str
    entries: tuple[Entry, ...]


class Glossary:
    """All entries, in pinyin order of the term (see :func:`pinyin_key`), looked up by any form.

    The order is the reading order of the glossary page, so it must not depend on file order.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(sorted(entries, key=lambda e: pinyin_key(e.term)))
        self._by_form: dict[str, Entry] = {}
        self._by_anchor: dict[str, Entry] = {}
        for entry in self.entries:
            for form in entry.forms:
                if form in self._by_form:
                    owner = self._by_form[form].term
                    raise ValueError(f"form “{form}” used by both “{owner}” and “{entry.term}”")
                self._by_form[form] = entry
            if entry.anchor in self._by_anchor:
                raise ValueError(
                    f"anchor {entry.anchor} shared by “{self._by_anchor[entry.anchor].term}” and “{entry.term}”"
                )
            self._by_anchor[entry.anchor] = entry

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __contains__(self, form: object) -> bool:
        return form in self._by_form

    def __getitem__(self, form: str) -> Entry:
        return self._by_form[form]

    def lookup(self, form: str) -> Entry | None:
        """The entry whose term or alias is exactly ``form``."""
        return self._by_form.get(form)

    def by_anchor(self, anchor: str) -> Entry | None:
        return self._by_anchor.get(anchor)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every term and alias, each once."""
        return tuple(self._by_form)

    def categories(self, include_empty: bool = False) -> list[Category]:
        """Sections in the fixed order of :data:`CATEGORIES`; entries keep the pinyin order."""
        sections = []
        for key, label in CATEGORIES.items():
            members = tuple(e for e in self.entries if e.category == key)
            if members or include_empty:
                sections.append(Category(key, label, members))
        return sections


# --- loading -----------------------------------------------------------------------------------


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


def _parse(path: Path) -> tuple[yaml.Node, object]:
    """YAML node tree (for line numbers) and plain data (for the schema) of one file."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(path, raw[: exc.start].count(b"\n") + 1, "not valid UTF-8") from exc
    loader = yaml.SafeLoader(text)
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
