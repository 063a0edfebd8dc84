"""A header run → kicker(s), title (joined when printed on two lines), subtitle(s), byline and dateline.

The typographic conventions of Chinese newspapers and official documents decide the parts: 引题 end in a
speech verb or a dash, or are column names or quoted slogans; a headline carrying a column tag is the
title; a dashed line under the title is a subtitle; a short name under it is the byline.
"""

from __future__ import annotations

from . import patterns as pat
from .layout import Line
from .model import Block, BlockKind
from .runs import SPLITTING

KICKER_DASH_TAIL = 3  # characters after an inner “——” for the line to be a whole “A——B” label


def parse_header(lines: list[Line]) -> tuple[list[Block], list[Line]]:
    """Split a header run into header blocks (kicker/title/subtitle/byline/dateline) and leftover lines.

    Leftovers (a letter-spaced label, publication notes after the byline) are body lines.
    """
    pre: list[Line] = []
    subtitles: list[Line] = []
    tail: list[Block] = []
    rest: list[Line] = []
    for position, line in enumerate(lines):
        shape = line.shape
        if rest:
            rest.append(line)
        elif line.forced == "subtitle" or (shape.is_dash and pre and line.forced is None):
            if tail:
                rest.append(line)
            else:
                subtitles.append(line)
        elif (line.forced in SPLITTING and position == 0) or (line.forced == "title" and not tail):
            pre.append(line)
        elif shape.is_dateline:
            tail.append(Block(BlockKind.DATELINE, line.numbers, line.text))
        elif shape.is_parenthesised:
            kind = BlockKind.NOTE if pat.DATE_ANYWHERE.search(line.text) else BlockKind.BYLINE
            tail.append(Block(kind, line.numbers, line.text))
        elif pre and line.gap == 0 and shape.is_name_like and not shape.is_document_label:
            tail.append(Block(BlockKind.BYLINE, line.numbers, line.text))
        elif pre and (shape.is_label or shape.is_date_led or tail):
            rest.append(line)
        elif subtitles and pat.ATTENDANCE.search(line.text) and not shape.is_dash:
            rest.append(line)  # who presided and attended, printed under the subtitle: the article's text
        elif subtitles:
            subtitles.append(line)
        else:
            pre.append(line)
    header = resolve_titles(pre, subtitles)
    return header + tail, rest


def opens_as_kicker(line: Line, following: Line, forced_title: bool) -> bool:
    """Is ``line`` a kicker (引题) over the headline ``following``?

    Kickers end with a speech verb or a dash (…时强调, 江西宁都——), are column or campaign names (short,
    or “A——B” labels), or slogans in quotes; and a headline that carries the column tag (…（政策解读）)
    is the title, so the line above it is its kicker. A line that plainly continues is half of the title.
    """
    if line.forced == "kicker":
        return True
    if forced_title or line.forced is not None or pat.continues(line.text, following.text):
        return False
    text = pat.compact(line.text)
    if pat.looks_like_kicker(line.text) or pat.QUOTED.match(text):
        return True
    if "——" in text[1:] and not following.shape.is_dash and len(text.rsplit("——", 1)[1]) >= KICKER_DASH_TAIL:
        return True  # “A——B” labels; “…社会革命——论” broke the title inside its second half
    return bool(pat.COLUMN_TAG.search(following.text)) and not pat.COLUMN_TAG.search(line.text)


def resolve_titles(pre: list[Line], subtitles: list[Line]) -> list[Block]:
    """Kicker(s), the title (joined when printed on two lines) and subtitle(s) from the header lines."""
    blocks: list[Block] = []
    index = 0
    forced_title = any(line.forced == "title" for line in pre)
    while index < len(pre) - 1 and opens_as_kicker(pre[index], pre[index + 1], forced_title):
        blocks.append(Block(BlockKind.KICKER, pre[index].numbers, pre[index].text))
        index += 1
    rest = pre[index:]
    title = rest[:1]
    extra = rest[1:]
    document = pat.document_title_lines([ln.text for ln in rest])
    if document:
        title, extra = rest[:document], rest[document:]  # “国务院办公厅关于…” / “…” / “…的指导意见”
    elif extra and (subtitles or pat.continues(rest[0].text, extra[0].text)):
        # With a dashed subtitle present, two undashed lines are one title broken in two.
        title, extra = rest[:2], rest[2:]
    if title:
        blocks.append(
            Block(BlockKind.TITLE, tuple(n for ln in title for n in ln.numbers), "".join(ln.text for ln in title))
        )
    for line in [*extra, *subtitles]:
        blocks.append(Block(BlockKind.SUBTITLE, line.numbers, line.text))
    return blocks
