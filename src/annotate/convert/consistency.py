"""One word, one form: the Traditional forms each word got across one build.

Word-by-word conversion converts a word the same way wherever jieba cuts it out, but a word can also sit
inside a longer word (总台 in 广播电视总台, or inside a joined OpenCC phrase), where OpenCC may convert it
otherwise. A reader then sees one institution spelled two ways, and the Traditional search finds only one.
:class:`FormLedger` collects, for every word with a one-to-many character, the forms it got — alone and
inside longer words — and :meth:`FormLedger.conflicts` lists the words that got more than one. Words an
override decides are left out: there the editor chose the form.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .converter import Converter


class FormLedger:
    """Forms of the words of every text one build converted (fed with each source and its conversion)."""

    def __init__(self, converter: Converter, known: dict[str, str] | None = None) -> None:
        self.converter = converter
        self._ambiguous = converter.data.one_to_many_chars()
        # word → its conversion, for every distinct multi-character word seen outside an override match
        self._seen: dict[str, set[str]] = defaultdict(set)
        self._texts: set[str] = set()  # a build converts the same title or label many times; cut it once
        # source text → its recorded words and forms ("word\tform" lines), kept across builds with the
        # conversion memo: a warm build reads them instead of cutting every text with jieba again
        self.known: dict[str, str] = known if known is not None else {}
        self.added = 0

    def record(self, source: str, converted: str) -> str:
        """Note the words of one converted text; returns ``converted`` (so it can wrap a transform)."""
        if source in self._texts or len(source) != len(converted):
            return converted  # seen already; or (cannot happen with s2tw/s2hk) nothing to align
        self._texts.add(source)
        pairs = self.known.get(source)
        if pairs is None:
            pairs = self.known[source] = "\n".join(f"{word}\t{form}" for word, form in self._cut(source, converted))
            self.added += 1
        for pair in filter(None, pairs.split("\n")):
            word, form = pair.split("\t")
            self._seen[word].add(form)
        return converted

    def _cut(self, source: str, converted: str) -> list[tuple[str, str]]:
        """The words of ``source`` that could come out two ways, each with its form in ``converted``."""
        found = []
        offset = 0
        for line in source.split("\n"):
            start = offset
            for word in self.converter.words(line):
                end = start + len(word)
                if len(word) > 1 and any(ch in self._ambiguous for ch in word) and not self.converter.covers(word):
                    found.append((word, converted[start:end]))
                start = end
            offset += len(line) + 1
        return found

    def conflicts(self) -> dict[str, list[str]]:
        """Words converted more than one way: alone, or inside a longer word that holds them."""
        forms: dict[str, set[str]] = {word: set(found) for word, found in self._seen.items()}
        for longer, converted in self._seen.items():
            for size in range(2, len(longer)):
                for i in range(len(longer) - size + 1):
                    inner = longer[i : i + size]
                    if inner in forms:
                        forms[inner].update(c[i : i + size] for c in converted)
        return {word: sorted(found) for word, found in sorted(forms.items()) if len(found) > 1}
