"""The glossary as loaded: its entries, their stable anchors, and the pinyin order the glossary page
reads in; looked up by any term or alias.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

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


def _initial(key: tuple[tuple[tuple[str, int], ...], str]) -> str:
    syllables = key[0]
    first = syllables[0][0][:1].upper() if syllables else ""
    return first if first.isalpha() else "#"


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

    def shown(self) -> list[tuple[str, str]]:
        """What a reader sees of the entry, in order, as (part, text): the one description that both the
        glossary page and its search record are written from."""
        parts = [("term", self.term), ("definition", self.definition)]
        if self.note:
            parts.append(("note", self.note))
        if self.aliases:
            parts.append(("aliases", "又作：" + "、".join(self.aliases)))
        return parts

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
        keyed = sorted(((pinyin_key(entry.term), entry) for entry in entries), key=lambda pair: pair[0])
        self.entries: tuple[Entry, ...] = tuple(entry for _, entry in keyed)
        # The initial letter each entry files under on the glossary page ("#" for none), computed with the
        # order: a stored glossary is read back with it, and a warm build never loads pypinyin.
        self.initials: dict[str, str] = {entry.anchor: _initial(key) for key, entry in keyed}
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
