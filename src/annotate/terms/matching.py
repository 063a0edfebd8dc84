"""Finding glossary terms in running Chinese text.

Chinese has no spaces, so a term is found wherever its characters occur (“两个确立” and 坚持两个确立
alike). One Aho–Corasick automaton holds every form of every entry, so a text is scanned once
whatever the size of the glossary.

Callers pass plain text (never markup) and get character spans back; wrapping the spans in links
or tooltips is the renderer's job.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

import ahocorasick

from ..glossary import Entry, Glossary

Policy = Literal["first", "all"]


@dataclass(frozen=True, slots=True)
class Match:
    """``text[start:end] == form``, a term or alias of ``entry``."""

    start: int
    end: int
    entry: Entry
    form: str

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "form": self.form,
            "term": self.entry.term,
            "anchor": self.entry.anchor,
        }


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted starts and ends of the allowed spans; overlapping spans merge, touching ones do not
    (two touching spans are two separate text runs, and a term must not straddle them)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [s for s, _ in merged], [e for _, e in merged]


class TermMatcher:
    """Every form of a glossary in one automaton, built once and reused for every text."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._automaton: ahocorasick.Automaton[tuple[str, Entry]] = ahocorasick.Automaton()
        for entry in glossary.entries:
            for form in entry.forms:
                self._automaton.add_word(form, (form, entry))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def occurrences(self, text: str) -> Iterator[Match]:
        """Every occurrence of every form, overlapping ones included, in order of their end.

        A form that begins or ends with an ASCII letter or digit must not continue a longer ASCII
        word or number: “1571” is a code, but 15710 and 21571 are other numbers.
        """
        if self._empty:
            return
        for last, (form, entry) in self._automaton.iter(text):
            end = last + 1
            start = end - len(form)
            if start > 0 and _is_word_char(form[0]) and _is_word_char(text[start - 1]):
                continue
            if end < len(text) and _is_word_char(form[-1]) and _is_word_char(text[end]):
                continue
            yield Match(start, end, entry, form)

    def find(self, text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Match]:
        """Non-overlapping matches in ``text``, sorted by position.

        Overlaps are resolved longest first, then leftmost: in 中央八项规定精神 the whole phrase wins
        over 八项规定; with forms AB and BCD in ABCD, BCD wins; with AB and BC in ABC, AB wins. The
        longer form is the more specific term, and the rule gives the same answer whatever order
        the entries were loaded in.

        ``spans`` (``[(start, end), …]`` offsets into ``text``) restricts matches to those lying
        entirely inside one span — e.g. the parts of a paragraph outside links or code. A form cut
        by a span boundary does not hide a shorter form inside the span.
        """
        return self.resolve(len(text), list(self.occurrences(text)), spans)

    def resolve(
        self, length: int, occurrences: Iterable[Match], spans: Iterable[tuple[int, int]] | None = None
    ) -> list[Match]:
        """:meth:`find` on occurrences already collected from a text of ``length`` characters: a text is
        scanned once, then resolved once for every purpose (the related articles' terms, the page's
        tooltips outside links)."""
        candidates: Iterable[Match] = occurrences
        if spans is not None:
            starts, ends = _merge_spans(spans)

            def allowed(match: Match) -> bool:
                i = bisect.bisect_right(starts, match.start) - 1
                return i >= 0 and match.end <= ends[i]

            candidates = filter(allowed, candidates)
        # Bucket by length: the automaton reports in order of end, so within one length the matches
        # are already leftmost first, and no comparison sort is needed.
        by_length: dict[int, list[Match]] = {}
        for match in candidates:
            by_length.setdefault(match.end - match.start, []).append(match)
        taken = bytearray(length)
        chosen: list[Match] = []
        for size in sorted(by_length, reverse=True):
            for match in by_length[size]:
                if taken.find(1, match.start, match.end) == -1:
                    taken[match.start : match.end] = b"\x01" * size
                    chosen.append(match)
        chosen.sort(key=lambda m: m.start)
        return chosen


def select(matches: Iterable[Match], policy: Policy = "first", seen: set[str] | None = None) -> list[Match]:
    """The matches to annotate.

    ``"first"`` (the default) keeps only the first occurrence of each entry, so a page is not
    littered with the same tooltip; ``"all"`` keeps every match. ``seen`` holds the terms already
    annotated on the page and is updated in place, so a caller walking a page block by block passes
    the same set to every call and starts a new one for each page.
    """
    seen = set() if seen is None else seen
    kept: list[Match] = []
    for match in matches:
        term = match.entry.term
        if policy == "all" or term not in seen:
            kept.append(match)
        seen.add(term)
    return kept
