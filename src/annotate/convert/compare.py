"""Comparing a conversion with a reviewed reference text (``tests/data/*.s2tw.txt``).

Used by the conversion benchmark (``bench/conversion_errors.py``) and the golden test
(``tests/test_conversion_golden.py``), so that both count errors the same way: an error is one character of
the output that differs from the reference; a *phrase* is a word of jieba's own dictionary cut (no user
words, no HMM, so the measure does not move with the converter) that holds a one-to-many character, and it
is wrong when any of its characters is. Forms Taiwan writes two ways (發布/發佈) are excused where output and
reference both use a listed form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ConversionError


def load_accepted(path: Path) -> dict[str, tuple[str, ...]]:
    """``简体: [繁體, 繁體]`` — Simplified words and the Traditional forms all counted right."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ConversionError(f"{path}: expected a mapping 简体: [繁體, …]")
    table: dict[str, tuple[str, ...]] = {}
    for key, forms in data.items():
        if not isinstance(key, str) or not isinstance(forms, list) or len(forms) < 2:
            raise ConversionError(f"{path}: {key!r} needs a list of at least two forms")
        if any(not isinstance(f, str) or len(f) != len(key) for f in forms):
            raise ConversionError(f"{path}: every form of {key!r} must be a string of the same length")
        table[key] = tuple(forms)
    return table


def _check_lengths(source: str, output: str, reference: str) -> None:
    if not len(source) == len(output) == len(reference):
        raise ConversionError(
            f"lengths differ (source {len(source)}, output {len(output)}, reference {len(reference)}): "
            "a conversion changes characters, never their number"
        )


def excused(source: str, output: str, reference: str, accepted: Mapping[str, tuple[str, ...]]) -> set[int]:
    """Offsets inside an accepted word where output and reference both use one of its listed forms."""
    spans: set[int] = set()
    for word, forms in accepted.items():
        start = source.find(word)
        while start >= 0:
            end = start + len(word)
            if output[start:end] in forms and reference[start:end] in forms:
                spans.update(range(start, end))
            start = source.find(word, start + 1)
    return spans


def char_errors(
    source: str, output: str, reference: str, accepted: Mapping[str, tuple[str, ...]] | None = None
) -> list[int]:
    """Offsets where ``output`` differs from ``reference``, accepted alternatives excepted."""
    _check_lengths(source, output, reference)
    skip = excused(source, output, reference, accepted or {})
    return [i for i, (a, b) in enumerate(zip(output, reference, strict=True)) if a != b and i not in skip]


@dataclass(frozen=True, slots=True)
class PhraseError:
    """One wrong phrase: where it starts, the Simplified word, what the output and the reference have."""

    offset: int
    source: str
    output: str
    reference: str
    context: str  # the Simplified text around it, line breaks shown as ⏎

    def key(self) -> tuple[str, str, str]:
        """What a list of known differences identifies a difference by (not the offset: texts move)."""
        return (self.context, self.output, self.reference)


def phrases(source: str, segment: Callable[[str], Iterable[str]]) -> list[tuple[int, str]]:
    """(offset, word) of every word of ``source``, cut line by line by ``segment``."""
    found: list[tuple[int, str]] = []
    offset = 0
    for line in source.split("\n"):
        start = offset
        for word in segment(line):
            found.append((start, word))
            start += len(word)
        offset += len(line) + 1
    return found


@dataclass(frozen=True, slots=True)
class Score:
    """Errors of one conversion of one text against its reference."""

    characters: int
    errors: list[int]
    checked_phrases: int
    wrong_phrases: list[PhraseError]

    @property
    def per_2000(self) -> float:
        return len(self.errors) * 2000 / self.characters if self.characters else 0.0

    @property
    def phrases_right(self) -> float:
        """Share of checked phrases (words with a one-to-many character) converted right, in percent."""
        if not self.checked_phrases:
            return 100.0
        return 100.0 * (self.checked_phrases - len(self.wrong_phrases)) / self.checked_phrases


def score(
    source: str,
    output: str,
    reference: str,
    words: list[tuple[int, str]],
    ambiguous: frozenset[str],
    accepted: Mapping[str, tuple[str, ...]] | None = None,
) -> Score:
    """Character errors and phrase errors; ``words`` is :func:`phrases` of ``source`` (cut once per text)."""
    errors = char_errors(source, output, reference, accepted)
    bad = set(errors)
    checked = 0
    wrong: list[PhraseError] = []
    for start, word in words:
        end = start + len(word)
        # A wrong word without a one-to-many character (a character OpenCC writes one way only) still counts.
        failed = any(i in bad for i in range(start, end))
        if not failed and not any(ch in ambiguous for ch in word):
            continue
        checked += 1
        if failed:
            context = source[max(0, start - 4) : end + 4].replace("\r", "").replace("\n", "⏎")
            wrong.append(PhraseError(start, word, output[start:end], reference[start:end], context))
    wrong.sort(key=lambda p: p.offset)
    return Score(len(source), errors, checked, wrong)
