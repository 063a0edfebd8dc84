"""A bulletin's own layout habits, read from the bulletin itself, and its content lines.

Editors paste bulletins from newspapers, web pages and PDFs, and each source marks paragraphs its own way:
blank lines, a first-line indent, nothing at all, or hard line breaks at a fixed width (a PDF copy, with
page footers such as ``— 3 —`` between the lines). Nothing downstream should depend on one of these habits,
so this module measures them (:class:`LayoutProfile`) and turns the source into *content lines*
(:class:`Line`): one per paragraph or header line, hard-wrapped lines re-joined (each keeping every source
line number), page footers set apart, directive lines attached to the line they govern.

The segmenter then weighs every line against its own bulletin's habits — in a bulletin whose bodies are
indented, a flush-left short line is a header and an indented one is body — instead of against fixed rules.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from . import patterns as pat
from .model import Directive
from .reader import InputError, SourceText

DIRECTIVE_PREFIX = "%%"
# Each line directive applies to the next non-blank line, or to the text written after it on its own line.
DIRECTIVES: dict[str, str] = {
    "article": "the next line starts a new article (its header is read as usual)",
    "kicker": "the next line is the kicker (引题) of a new article",
    "title": "the next line is the title of a new article (or continues the title after %% kicker)",
    "subtitle": "the next line is a subtitle (副题) of the current header",
    "heading": "the next line is a heading inside the current article",
    "body": "the next line is an ordinary paragraph, never a title or heading",
    "signature": "the next line is a signature line",
    "keep-lines": "for the whole file: never re-join lines (turns hard-wrap detection off)",
}
FILE_DIRECTIVES = {"keep-lines"}

# Page numbers a PDF copy leaves between lines: “— 3 —”, “- 12 -”, “第 3 页”, “3 / 20”.
PAGE_FOOTER = re.compile(
    r"^(?:[-—–－─~～]+\s*\d{1,4}\s*[-—–－─~～]+|第\s*\d{1,4}\s*页(?:\s*[/／共]\s*\d{1,4}\s*页?)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4})$"
)
# Hard wrapping: at least this many lines end at the same width.
WRAP_MIN_LINES = 8
RUNNING_HEAD_MIN = 2  # times a line stands beside a page number before it is the running page head
RUNNING_HEAD_MAX_CHARS = 40
WRAP_MIN_LINES_MORE = 3  # for each further width, once one is established
PARAGRAPH_END = set("。！？!?…；;：:")
WRAP_OPEN_SHARE = 0.7  # share of full-width lines that stop mid-sentence and run on to the next line
WRAP_TOLERANCE = 1  # units short of the width that still count as a full line (避头: a character moved down)
WRAP_HANG = 3  # units past the width: punctuation that may not start a line hangs at the end (避头尾)
WRAP_MIN_CHARS = 20  # narrower “wraps” are short lines (titles, headings) by chance
WRAP_PROSE_MARKS = "，。、；“”"  # a line cut from prose at 20 characters or more nearly always holds one
WRAP_PROSE_SHARE = 0.5  # of the lines at a width, for it to be a wrap of prose rather than a template
PROSE_MIN_CHARS = 20
CENTRED_INDENT = 8  # columns of indent from which a line stands centred (or right-aligned), not indented
CENTRED_FULL = 0.8  # share of the width a centred line's own text must fill to be a wrapped line
INDENT_CONTRAST_SHARE = 0.5  # header blocks off the body's indent, for indentation to mean anything
PERSONAL_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
BYLINE_MAX_CHARS = 40
BYLINE = re.compile(r"^.{0,8}(?:记者|通讯员|评论员|撰稿).{0,12}$")
# What a wrap carries whole to the next line: a number or Latin word, or a character kept with the space
# after it (a break is never put next to a space, where copying would lose it).
LEADING_WORD = re.compile(r"^(?:[0-9A-Za-z.%+\-/:]+|.{1,2}(?=\s))")
NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…,.;:?!)]%")
# 引题 that end in a speech verb (…时强调): complete lines even when they happen to fill the width.
KICKER_VERB = re.compile(r"(?:强调|指出|表示|要求|提出|宣布|寄语)$")


def display_width(text: str) -> int:
    """Columns a line takes in a fixed-width layout: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_page_footer(text: str) -> bool:
    return bool(PAGE_FOOTER.match(text.strip()))


@dataclass(slots=True)
class Line:
    """A content line: one source line, or several re-joined when the source was hard-wrapped."""

    numbers: tuple[int, ...]
    shape: pat.LineShape
    gap: int  # blank lines between this line and the previous content line (large at the start)
    forced: str | None = None  # the directive that governs it
    footer: bool = False  # a page footer of a printed source: a note, not the article's text

    @property
    def number(self) -> int:
        return self.numbers[0]

    @property
    def text(self) -> str:
        return self.shape.text

    @property
    def is_prose(self) -> bool:
        """Running text: long enough, and written in sentences."""
        text = self.text
        return len(text) >= PROSE_MIN_CHARS and ("。" in text or pat.ends_sentence(text))


@dataclass(frozen=True, slots=True)
class LayoutProfile:
    """How one bulletin marks its structure. Shown by ``annotate segment`` so an editor can check it."""

    paragraph_gap: int  # blank lines usually found between two paragraphs
    indented_share: float  # share of prose lines with a first-line indent
    wrap_width: int | None  # width hard-wrapped lines were broken at, None when lines are whole paragraphs
    footers: int  # page footer lines set apart
    body_indents: frozenset[int] = frozenset()  # first-line indents (columns, > 0) common among prose lines
    # Do header lines stand out from the body's indent somewhere in this bulletin? When every line is
    # indented alike (titles too), indentation says nothing about where articles start.
    indent_contrast: bool = True
    gap_values: int = 2  # how many different gaps separate lines (1: blank lines mark nothing)

    @property
    def mute(self) -> bool:
        """Neither blank lines nor indentation mark anything: only the lines' own shapes tell articles apart."""
        return self.gap_values <= 1 and not (self.indent_contrast and self.body_indents)

    @property
    def paragraph_marker(self) -> str:
        if self.wrap_width:
            return "hard-wrapped"
        if self.indented_share >= 0.5:
            return "indent"
        return "blank-line" if self.paragraph_gap >= 1 else "none"

    def describe(self) -> str:
        parts = [f"段落标记 {self.paragraph_marker}", f"段间空行 {self.paragraph_gap}",
                 f"首行缩进 {self.indented_share:.0%}"]
        if self.wrap_width:
            parts.append(f"折行宽度 {self.wrap_width}")
        if self.footers:
            parts.append(f"页脚 {self.footers}")
        return "，".join(parts)

    def to_json(self) -> dict[str, object]:
        return {"paragraph_marker": self.paragraph_marker, "paragraph_gap": self.paragraph_gap,
                "indented_share": round(self.indented_share, 3), "wrap_width": self.wrap_width,
                "footers": self.footers}


@dataclass(slots=True)
class _Physical:
    number: int
    raw: str
    text: str
    gap: int
    forced: str | None


def _read_physical(source: SourceText) -> tuple[list[_Physical], list[Directive], bool]:
    """Non-blank lines with their gaps; directives attached to the line they govern."""
    lines: list[_Physical] = []
    directives: list[Directive] = []
    gap = 10**6
    pending: Directive | None = None
    keep_lines = False
    for number, raw in enumerate(source.lines, start=1):
        text = pat.strip_line(raw)
        if not text:
            gap += 1
            continue
        if text.startswith(DIRECTIVE_PREFIX):
            words = text[len(DIRECTIVE_PREFIX):].split(maxsplit=1)
            name = words[0].lower() if words else ""
            if name not in DIRECTIVES:
                known = "、".join(f"%% {d}" for d in DIRECTIVES)
                raise InputError(source.name, f"未知的指令 “{text}” (unknown directive; known: {known})", number)
            argument = words[1] if len(words) > 1 else ""
            directive = Directive(line=number, name=name, argument=argument)
            directives.append(directive)
            if name in FILE_DIRECTIVES:
                if argument:
                    raise InputError(source.name, f"指令 %% {name} 后面不能有文字 (this directive takes no text)",
                                     number)
                keep_lines = True
                continue
            if pending is not None:
                raise InputError(source.name, "两条指令之间没有正文行 (directive without a line)", number)
            if argument:
                # “%% heading 一、…”: the text after the directive is the line it governs, kept as written.
                lines.append(_Physical(number, argument, argument.strip(), gap, name))
                gap = 0
                continue
            pending = directive
            continue
        lines.append(_Physical(number, raw, text, gap, pending.name if pending else None))
        pending = None
        gap = 0
    if pending is not None:
        raise InputError(source.name, "文件末尾的指令后面没有正文行 (directive at end of file)", pending.line)
    return lines, directives, keep_lines


@dataclass(frozen=True, slots=True)
class Wrap:
    """Where a hard-wrapped source broke its lines: ``widths`` in ``measure`` units of a raw line.

    Several widths when articles copied from different PDFs sit in one bulletin.
    """

    widths: tuple[int, ...]
    measure: Callable[[str], int]

    def is_full(self, raw: str, carried: str = "") -> bool:
        """Was the line cut at a width? ``carried``: a number or Latin word that a wrap moves whole to the
        next line, leaving this one short by its length."""
        short = WRAP_TOLERANCE + self.measure(carried)
        for used in {self.measure(raw.rstrip()), self.measure(raw.strip())}:  # with or without the indent
            if any(width - short <= used <= width + WRAP_HANG for width in self.widths):
                return True
        return False


def _char_count(text: str) -> int:
    return len(text)


def _ends_paragraph(text: str) -> bool:
    """Could a paragraph end here? Not on “，” or “、”: a line cut there by a wrap still runs on."""
    core = text.rstrip(pat.CLOSERS)
    return bool(core) and core[-1] in PARAGRAPH_END


def _wrap_widths(lines: list[_Physical], measure: Callable[[str], int]) -> tuple[list[int], int]:
    """Widths at which many lines stop mid-sentence, and how many lines the main width explains."""
    minimum = WRAP_MIN_CHARS * (2 if measure is display_width else 1)
    followed = {a.number for a, b in pairwise(lines) if b.gap == 0}  # lines that run on without a blank
    measured = [(measure(ln.raw.rstrip()), ln) for ln in lines if len(ln.text) >= WRAP_MIN_CHARS]
    widths: list[int] = []
    rejected: set[int] = set()
    explained = 0
    while True:
        counts = Counter(w for w, _ in measured if w >= minimum and w not in rejected)
        if not counts:
            break
        width = max(counts, key=lambda w: (counts[w], w))  # most lines are cut exactly at the width
        full = [ln for w, ln in measured if width - WRAP_TOLERANCE <= w <= width + WRAP_HANG]
        open_ended = sum(1 for ln in full if not _ends_paragraph(ln.text) and ln.number in followed)
        # Cut from prose, wrapped lines hold its punctuation; lines of one template (the same dateline
        # under every title of a web copy) have one width too, but are neither prose nor different texts.
        prose = sum(1 for ln in full if any(mark in ln.text for mark in WRAP_PROSE_MARKS))
        distinct = len({ln.text for ln in full})
        # Once one width is found, a bulletin pasted from several PDFs may hold a short article cut at
        # another width: a few lines are enough there, with the same evidence of prose cut mid-sentence.
        needed = WRAP_MIN_LINES if not widths else WRAP_MIN_LINES_MORE
        if counts[width] < needed:
            break  # no width left with enough lines
        if open_ended < WRAP_OPEN_SHARE * len(full) or distinct < needed or prose < WRAP_PROSE_SHARE * len(full):
            rejected.add(width)  # whole lines that happen to share a width: look at the next width
            continue
        widths.append(width)
        explained = explained or len(full)
        measured = [(w, ln) for w, ln in measured if not width - WRAP_TOLERANCE <= w <= width + WRAP_HANG]
    return widths, explained


def detect_wrap(lines: list[_Physical]) -> Wrap | None:
    """How a PDF copy broke its lines, or None when lines are whole paragraphs.

    Hard-wrapped text has many lines of (nearly) the same width that stop mid-sentence; whole paragraphs
    end their sentences, and their widths are spread out. Widths are counted both in characters and in
    display columns (a PDF's grid puts two digits in one character's place); the measure whose main width
    explains more lines wins.
    """
    best: tuple[int, Wrap] | None = None
    for measure in (_char_count, display_width):
        widths, explained = _wrap_widths(lines, measure)
        if widths and (best is None or explained > best[0]):
            best = (explained, Wrap(tuple(sorted(widths)), measure))
    return best[1] if best else None


def _joins(current: _Physical, following: _Physical, wrap: Wrap, body_indent: int) -> bool:
    """Does ``following`` continue the paragraph that ``current`` was cut from?"""
    if following.gap > 0 or following.forced is not None:
        return False
    if following.text[0] in NO_LINE_START:
        return True  # closing punctuation never starts a line of its own: the break fell before it
    word = LEADING_WORD.match(following.text)
    carried = word.group(0) if word else ""
    if not wrap.is_full(current.raw, carried):
        return False  # a short line ends its paragraph
    own = wrap.measure(current.text) + wrap.measure(carried)
    if pat.indent_width(current.raw) > body_indent and own < CENTRED_FULL * min(wrap.widths):
        return False  # a short centred line reaches the width only through its indent: a whole header line
    following_indent = pat.indent_width(following.raw)
    header_line = "。" not in current.text
    if following_indent > body_indent and not (header_line and following_indent >= CENTRED_INDENT):
        return False  # a first-line indent starts a new paragraph (a wrapped title continues centred)
    if len(following.text) <= BYLINE_MAX_CHARS and BYLINE.match(pat.compact(following.text)):
        return False  # a byline under a title that happens to fill the line
    if pat.NOISE.match(following.text):
        return False  # “来源：…”, “作者：…” under a title or after a paragraph: a line of its own
    shape = pat.LineShape(following.text, pat.indent_width(following.raw))
    if current.text.rstrip(pat.CLOSERS)[-1:] in "。！？!?":
        announced = "如下" in following.text or following.text.endswith(("——", "：", ":"))
        if not announced and shape.is_headerish and not pat.ends_like_clause(shape.text) and not wrap.is_full(
            following.raw
        ):
            return False  # a paragraph that ends at the width, then a title: paragraphs end in 。, titles do not
        return not (shape.is_numbered or shape.is_group_source)
    if pat.ends_sentence(current.text) and (shape.is_numbered or shape.is_group_source):
        return False  # “（一）…；” over “（二）…”: a list item ends where the next is numbered
    if not any(mark in current.text for mark in "。，；"):  # the full line may be a whole header line
        if KICKER_VERB.search(current.text) and shape.is_headerish:
            return False  # a kicker over its title
        if pat.DATE_LED.match(following.text):
            return False  # a title over the date line of a web copy (“2025年04月15日 19:35 来源：…”)
        ends_unit = current.text[-1] in pat.CLOSERS or pat.DASH.match(current.text)
        if ends_unit and PERSONAL_NAME.match(pat.compact(following.text)):
            return False  # a complete header line over the author's name
    return True


def _join_text(left: str, right: str) -> str:
    """Re-join a wrapped line; a space only where the break fell between two Latin words."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return left + " " + right
    return left + right


def _running_heads(physical: list[_Physical], footers: set[int]) -> set[int]:
    """Lines of a running page head (the publication and issue, “某某参考　　2025年第3期”, atop every page of a
    PDF copy): a short line whose text stands beside a page number at least twice; then every line of that text
    is one."""
    beside: Counter[str] = Counter()
    for before, after in pairwise(physical):
        if before.number in footers and after.number not in footers:
            beside[pat.compact(after.text)] += 1
        if after.number in footers and before.number not in footers:
            beside[pat.compact(before.text)] += 1
    heads = {
        text for text, count in beside.items()
        if count >= RUNNING_HEAD_MIN and len(text) <= RUNNING_HEAD_MAX_CHARS and not pat.ends_sentence(text)
        and not _dated(text)  # “（2023年9月1日）” closing every story may stand beside a page number too
    }
    return {ln.number for ln in physical if ln.forced is None and pat.compact(ln.text) in heads}


def _dated(text: str) -> bool:
    shape = pat.LineShape(text, 0)
    return shape.is_date_only or shape.is_dateline


def read_lines(source: SourceText) -> tuple[list[Line], list[Directive], LayoutProfile]:
    """Content lines of a bulletin, its directives, and the layout profile they were read with."""
    physical, directives, keep_lines = _read_physical(source)
    footers = [ln for ln in physical if ln.forced is None and is_page_footer(ln.text)]
    footer_numbers = {ln.number for ln in footers} | _running_heads(physical, {ln.number for ln in footers})
    # Separator lines are layout too, but they stand where they are: between two articles, not in a paragraph.
    separators = {ln.number for ln in physical if ln.forced is None and pat.SEPARATOR.match(ln.text)}
    footer_numbers |= separators
    text_lines = [ln for ln in physical if ln.number not in footer_numbers]
    wrap = None if keep_lines else detect_wrap(text_lines)
    indents = Counter(pat.indent_width(ln.raw) for ln in text_lines)
    body_indent = indents.most_common(1)[0][0] if indents else 0
    lines: list[Line] = []
    pending: list[_Physical] = []  # page footers waiting for the paragraph they interrupt to end
    previous: _Physical | None = None  # the last source line of lines[-1]

    def flush_footers() -> None:
        for footer in pending:
            shape = pat.LineShape(footer.text, pat.indent_width(footer.raw))
            lines.append(Line((footer.number,), shape, footer.gap, None, True))
        pending.clear()

    footer_gap = 0  # blank lines before footers not yet counted: they stay with the next line's gap
    for ln in physical:
        if ln.number in separators:
            pending.append(ln)
            flush_footers()
            continue
        if ln.number in footer_numbers:
            pending.append(ln)
            footer_gap += ln.gap
            continue
        gap = ln.gap + footer_gap
        footer_gap = 0
        current = _Physical(ln.number, ln.raw, ln.text, gap, ln.forced)
        if wrap and previous is not None and lines and _joins(previous, current, wrap, body_indent):
            last = lines[-1]
            last.numbers = (*last.numbers, ln.number)
            last.shape = pat.LineShape(_join_text(last.text, ln.text), last.shape.indent)
        else:
            shape = pat.LineShape(ln.text, pat.indent_width(ln.raw))
            inside_header = bool(lines) and not lines[-1].footer and lines[-1].shape.is_headerish
            if not (shape.is_headerish and inside_header):
                flush_footers()  # a footer inside a header (between kicker and title) waits for the body
            lines.append(Line((ln.number,), shape, gap, ln.forced))
        previous = current
    flush_footers()
    return lines, directives, _profile(lines, wrap.widths[0] if wrap else None, len(footers))


def _profile(lines: list[Line], width: int | None, footers: int) -> LayoutProfile:
    text = [ln for ln in lines if not ln.footer]
    prose = [ln for ln in text if ln.is_prose]
    gaps = [b.gap for a, b in pairwise(text) if a.is_prose and b.is_prose]
    indented = sum(1 for ln in prose if 0 < ln.shape.indent < 8)
    body_indents = frozenset(
        width for width, n in Counter(ln.shape.indent for ln in prose).items()
        if 0 < width < 8 and n >= max(2, len(prose) // 10)
    )
    # Header blocks: two title-shaped lines in a row (kicker and title, title and subtitle or byline).
    headers = [a for a, b in pairwise(text) if a.shape.is_title_shaped and b.shape.is_title_shaped
               and not a.is_prose and not b.is_prose and b.gap <= 1]
    standing_out = sum(1 for ln in headers if ln.shape.indent not in body_indents)
    return LayoutProfile(
        paragraph_gap=int(statistics.median(gaps)) if gaps else 1,
        indented_share=indented / len(prose) if prose else 0.0,
        body_indents=body_indents,
        gap_values=len({ln.gap for ln in text[1:]}),
        indent_contrast=not body_indents or not headers or standing_out >= INDENT_CONTRAST_SHARE * len(headers),
        wrap_width=width,
        footers=footers,
    )
