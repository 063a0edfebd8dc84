"""A compilation's own front matter: the masthead and the table of contents printed before the first article.

Study compilations (汇编) open with a masthead (刊名, 第N期, 编印单位) and a 目录 listing every
article's title. Read as articles, they would become a first article made of the masthead with the contents
as its headings. The contents list is recognised by what it is, not by its look: at least
:data:`MIN_ENTRIES` consecutive short lines near the top, each of which is the title line of a later
article (compared without numbering, brackets, dot leaders and page numbers). Everything from the top of
the file through the list is then front matter, kept on the bulletin, shown on its index page and in no
article; and each later line the list names is an article's title, whatever its own shape (a title
numbered “一、” would otherwise read as a section heading), with the header-like line right above it as
its kicker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import patterns as pat
from .layout import Line

__all__ = ["MIN_ENTRIES", "Contents", "find_contents", "title_key"]

MIN_ENTRIES = 3  # contents entries that must name later lines: fewer is chance
MIN_KEY_CHARS = 4  # a shorter entry (“前言”) names nothing with certainty
LOOK_AHEAD = 120  # content lines from the top in which a contents list may start

# “一、” “1.” “（一）” “第一篇” numbering, “【…】” brackets, “……12” leaders and page numbers.
_NUMBERING = re.compile(
    rf"^(?:[{pat.HAN_DIGITS}]+[、.．]|\d{{1,3}}(?:[.．]\d{{1,3}})*[、.．)）]?|[（(](?:[{pat.HAN_DIGITS}]+|\d+)[)）]"
    rf"|第[{pat.HAN_DIGITS}\d]+篇)"
)
_LEADER = re.compile(r"(?:[.．。·…⋯_\-—\s]{2,}|\s+)\d{1,4}$")
_BRACKETS = "【】[]〔〕"


def title_key(text: str) -> str:
    """The comparable form of a title line or a contents entry: no numbering, brackets, leaders, spaces."""
    key = _LEADER.sub("", text.strip())
    key = pat.compact(key)
    key = _NUMBERING.sub("", key)
    return key.strip(_BRACKETS)


@dataclass(frozen=True, slots=True)
class Contents:
    """Where the front matter ends and which later lines the contents list names."""

    end: int  # index (into the content lines) of the first line after the front matter
    entries: tuple[int, ...]  # indexes of the contents entries
    targets: tuple[int, ...]  # indexes of the later title lines they name, in order


def find_contents(lines: list[Line]) -> Contents | None:
    """The front matter of a compilation with a table of contents, or None (most bulletins have none)."""
    keys = [title_key(line.text) for line in lines]
    for start in range(min(len(lines), LOOK_AHEAD)):
        if lines[start].is_prose:
            return None  # running text before any contents list: the articles have begun
        if lines[start].forced is not None:
            continue
        found = _entries_from(lines, keys, start)
        if found is not None:
            return found
    return None


def _entries_from(lines: list[Line], keys: list[str], start: int) -> Contents | None:
    """A contents list starting at ``start``: consecutive entries, each naming a later line in order."""
    entries: list[int] = []
    targets: list[int] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.forced is not None or line.is_prose or pat.han_count(keys[index]) < MIN_KEY_CHARS:
            break
        after = targets[-1] + 1 if targets else index + 1
        target = _named_line(lines, keys, keys[index], max(after, index + 1))
        if target is None:
            break
        entries.append(index)
        targets.append(target)
        index += 1
    if len(entries) < MIN_ENTRIES or len({keys[i] for i in entries}) < len(entries):
        return None
    end = entries[-1] + 1
    if targets[0] < end:
        return None  # the “entries” name each other: a run of similar lines, not a list of later titles
    between = lines[end : targets[0]]
    if len(between) > 1 or (between and not between[0].shape.is_headerish):
        return None  # the first article starts right after the list (its kicker at most): else the list is
        # a document's own contents, inside an article (“1　总则 / 1.1　编制目的…” under a plan's title)
    titles = [t for t in targets if not pat.is_section_label(lines[t].text)]
    if not all(_text_between(lines, a, b) for a, b in zip(titles, [*titles[1:], len(lines)], strict=True)):
        return None  # the same lines printed twice: every title a list names opens an article with text
    return Contents(end, tuple(entries), tuple(targets))


def _text_between(lines: list[Line], start: int, end: int) -> bool:
    """Running text after the title at ``start`` and before ``end``: the article it opens."""
    return any(line.is_prose for line in lines[start + 1 : end])


def _named_line(lines: list[Line], keys: list[str], key: str, start: int) -> int | None:
    """The first line from ``start`` whose key is ``key`` (an entry may shorten a long title: a prefix of
    at least ten characters names it too)."""
    for index in range(start, len(lines)):
        other = keys[index]
        if other == key or (len(key) >= 10 and other.startswith(key)):
            return index
    return None
