"""An article being assembled, and what a line inside it is, from its own shape.

Numbering, punctuation and alignment tell a heading (一、 第一章), a clause (第六条), a list item, a
salutation, a signature or a date from an ordinary paragraph.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from . import patterns as pat
from .layout import Line
from .model import Block, BlockKind


@dataclass(slots=True)
class Draft:
    """An article being assembled."""

    header: list[Block] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    start_gap: int | None = None  # None for the first article of a file or of a source group
    body_gaps: list[int] = field(default_factory=list)
    header_gap: int | None = None  # blank lines between the header and the first paragraph
    depth: int = 0  # heading depth offset inside an embedded document
    group: int = 0  # index of the source group (articles credited by the same “以上均来源于” line)

    def typical_gap(self) -> int | None:
        return int(statistics.median(self.body_gaps)) if len(self.body_gaps) >= 2 else None


def body_kind(line: Line, draft: Draft, in_run: bool) -> tuple[BlockKind, int]:
    """What a line inside an article is, from its own shape (numbering, punctuation, alignment)."""
    forced = line.forced
    if forced == "heading":
        return BlockKind.HEADING, 2 + draft.depth
    if forced == "signature":
        return BlockKind.SIGNATURE, 0
    if forced == "subtitle":
        return BlockKind.SUBTITLE, 0
    shape = line.shape
    text = shape.text
    if forced == "body":
        return BlockKind.PARAGRAPH, 0
    if shape.is_group_source and not shape.is_article_source:
        return BlockKind.SOURCE, 0
    if shape.is_noise:
        return BlockKind.NOTE, 0
    if pat.CLAUSE.match(text):
        return BlockKind.CLAUSE, 0
    titleish = not pat.ends_sentence(text) and "。" not in text and len(text) <= 60
    base = 2 + draft.depth
    if pat.CHAPTER.match(text):
        return BlockKind.HEADING, base
    if pat.SECTION_OF_CHAPTER.match(text):
        return BlockKind.HEADING, base + 1
    if pat.SECTION.match(text):
        return (BlockKind.HEADING, base) if titleish else (BlockKind.PARAGRAPH, 0)
    if pat.SUBSECTION.match(text):
        return (BlockKind.HEADING, base + 1) if titleish and not text.startswith("(") else (BlockKind.ITEM, 0)
    decimal = pat.DECIMAL_SECTION.match(text)
    if decimal:  # 1　总则 / 1.1　编制目的 / 2.1.1　…: one level per number
        depth = decimal.group(0).count(".") + decimal.group(0).count("．")
        return (BlockKind.HEADING, base + min(depth, 3)) if titleish else (BlockKind.PARAGRAPH, 0)
    if pat.ARABIC_SECTION.match(text):
        return (BlockKind.HEADING, base + 2) if titleish else (BlockKind.ITEM, 0)
    if pat.PAREN_ARABIC.match(text):
        return BlockKind.ITEM, 0
    if shape.is_dateline:
        return BlockKind.DATELINE, 0
    if shape.is_date_only:
        return BlockKind.DATE, 0
    if shape.is_salutation:
        return BlockKind.SALUTATION, 0
    if shape.is_right_aligned:
        return BlockKind.SIGNATURE, 0
    if shape.is_dash and in_run:
        return BlockKind.SUBTITLE, 0
    if in_run and shape.is_label:
        return BlockKind.HEADING, 2 + draft.depth
    if in_run and (shape.is_parenthesised or shape.is_date_led or shape.is_name_like):
        return BlockKind.BYLINE if shape.is_name_like or shape.is_parenthesised else BlockKind.NOTE, 0
    return BlockKind.PARAGRAPH, 0


HEADING_LIST = 4  # headings in a row with no text between them: a contents list or a list of items


def demote_heading_lists(blocks: list[Block]) -> list[Block]:
    """Headings head text: four or more in a row with nothing between them (a document's own 目录 of
    “1　总则 / 1.1　编制目的…”, a list of names) are lines of text, as printed."""
    out = list(blocks)
    start = 0
    while start < len(out):
        end = start
        while end < len(out) and out[end].kind is BlockKind.HEADING:
            end += 1
        if end - start >= HEADING_LIST:
            # A contents list is followed by the first heading it lists: the list ends where it repeats.
            again = next((j for j in range(start + 1, end) if out[j].text == out[start].text), end)
            for i in range(start, again):
                out[i] = Block(BlockKind.PARAGRAPH, out[i].lines, out[i].text)
            if again < end:
                start = again
                continue
        start = max(end, start + 1)
    return out


def pair_question_heading(draft: Draft) -> None:
    """A bold question printed over its one-line answer (“如何…？” + summary) is one two-line heading."""
    if len(draft.blocks) < 2:
        return
    before, heading = draft.blocks[-2], draft.blocks[-1]
    if (
        before.kind is BlockKind.PARAGRAPH
        and pat.exclaims_or_asks(before.text)
        and len(before.text) <= 32
        and not pat.STORY_LEAD.match(before.text)
        and "。" not in before.text
    ):
        draft.blocks[-2] = Block(BlockKind.HEADING, before.lines, before.text, heading.level)
        if draft.body_gaps:
            draft.body_gaps.pop()
