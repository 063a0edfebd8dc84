"""The review queue: every occurrence of a character OpenCC can write more than one way (干 乾/幹/干,
后 后/後 …) that no override decides, with the form the converter chose there, for an editor to check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .converter import Converter

_CONTEXT = 10  # characters of context on each side in the review queue


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One occurrence of a one-to-many character that no override decides."""

    line: int
    column: int  # 1-based, in characters
    char: str
    chosen: str  # the Traditional form the converter chose here
    word: str  # the jieba word it was converted in
    word_converted: str
    context: str
    context_converted: str

    def to_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "char": self.char,
            "chosen": self.chosen,
            "word": self.word,
            "word_converted": self.word_converted,
            "context": self.context,
            "context_converted": self.context_converted,
        }


def review_queue(converter: Converter, lines: Iterable[tuple[int, str]]) -> list[ReviewItem]:
    """Every one-to-many character outside an override match, with the form chosen in context
    (:meth:`.Converter.review`)."""
    ambiguous = converter.data.one_to_many_chars()
    items: list[ReviewItem] = []
    for number, line in lines:
        pieces = converter.pieces(line)
        converted = "".join(p.converted for p in pieces)
        aligned = len(converted) == len(line)
        for piece in pieces:
            for offset, char in enumerate(piece.text):
                if char not in ambiguous or piece.is_covered(offset):
                    continue
                column = piece.start + offset
                same = len(piece.converted) == len(piece.text)
                lo, hi = max(0, column - _CONTEXT), column + 1 + _CONTEXT
                items.append(
                    ReviewItem(
                        line=number,
                        column=column + 1,
                        char=char,
                        chosen=piece.converted[offset] if same else piece.converted,
                        word=piece.text,
                        word_converted=piece.converted,
                        context=line[lo:hi],
                        context_converted=converted[lo:hi] if aligned else piece.converted,
                    )
                )
    return items


def format_review(items: Iterable[ReviewItem], source: str = "-") -> str:
    """The review queue as text, one occurrence per line, grep- and editor-friendly ``file:line:col``."""
    rows = [
        f"{source}:{it.line}:{it.column}: {it.char}→{it.chosen}  {it.word}→{it.word_converted}  "
        f"…{it.context}… → …{it.context_converted}…"
        for it in items
    ]
    return "\n".join(rows) + ("\n" if rows else "")
