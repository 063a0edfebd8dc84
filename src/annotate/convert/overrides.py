"""The override table an editor maintains (``docs/conversion.yml``) and the glossary's Traditional forms.

Both map a Simplified phrase to its Traditional form, character for character; the converter hands them to
OpenCC as a user dictionary (:mod:`.opencc_config`) and to jieba as words to keep whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

import yaml

from ..errors import ConversionError

DEFAULT_OVERRIDES = Path("docs/conversion.yml")


def _check_entry(key: object, value: object, where: str) -> tuple[str, str]:
    """Validate one override; the text-dictionary format allows no whitespace inside an entry."""
    if not isinstance(key, str) or not key.strip():
        raise ConversionError(f"{where}: an override key must be a non-empty Simplified phrase")
    if not isinstance(value, str) or not value.strip():
        raise ConversionError(f"{where}: the Traditional form of {key!r} must be a non-empty string")
    for text in (key, value):
        if any(ch.isspace() for ch in text):
            raise ConversionError(f"{where}: {text!r} contains whitespace, which an override cannot hold")
    if len(key) != len(value):
        # s2tw/s2hk change characters, never the number of them; a length change is a typo.
        raise ConversionError(
            f"{where}: {key!r} and {value!r} differ in length; an override maps character to character"
        )
    return key, value


def load_overrides(path: Path) -> dict[str, str]:
    """Read ``conversion.yml``: a flat mapping ``简体词语: 繁體詞語``. Missing file → empty table.

    Errors name the file and line, since an editor maintains the file by hand.
    """
    if not path.is_file():
        return {}
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConversionError(f"{path}: not UTF-8 ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConversionError(f"{path}{line}: invalid YAML: {problem}") from exc
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise ConversionError(f"{path}:{root.start_mark.line + 1}: expected a mapping 简体: 繁體")
    table: dict[str, str] = {}
    for key_node, value_node in root.value:
        where = f"{path}:{key_node.start_mark.line + 1}"
        key, value = _scalar(key_node), _scalar(value_node)
        key, value = _check_entry(key, value, where)
        if key in table:
            raise ConversionError(f"{where}: duplicate override {key!r}")
        table[key] = value
    return table


def _scalar(node: yaml.Node) -> object:
    """The Python value of a YAML scalar as the safe loader would see it (``123`` is an int, ``~`` None)."""
    if not isinstance(node, yaml.ScalarNode):
        return node  # a list or mapping: rejected by _check_entry as not a string
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return yaml.safe_load(yaml.serialize(node))


def merge_overrides(table: Mapping[str, str], words: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """The override table plus the glossary's explicit Traditional forms (the table wins on conflict)."""
    merged = {}
    for simplified, traditional in words:
        if traditional:
            key, value = _check_entry(simplified, traditional, f"glossary term {simplified!r}")
            merged[key] = value
    merged.update(table)
    return merged


class GlossaryTerm(Protocol):
    """What :func:`glossary_words` needs of an entry (``.aliases`` and ``.traditional`` are read if present)."""

    @property
    def term(self) -> str: ...


def glossary_words(glossary: Iterable[GlossaryTerm] | Mapping[str, GlossaryTerm]) -> list[tuple[str, str | None]]:
    """(simplified, traditional-or-None) for every glossary term and alias.

    Duck-typed so this module does not depend on the glossary module: anything iterable (or with
    ``.entries``) whose items have ``.term``, ``.aliases`` and ``.traditional``.
    """
    found = getattr(glossary, "entries", glossary)
    entries: Iterable[GlossaryTerm] = found.values() if isinstance(found, Mapping) else found
    words: list[tuple[str, str | None]] = []
    for entry in entries:
        words.append((entry.term, getattr(entry, "traditional", None) or None))
        words.extend((alias, None) for alias in getattr(entry, "aliases", ()) or ())
    return words
