"""Does a header-like run of lines open a new article? The named signals, their weights, and the verdict.

No single cue decides: each signal below looks at one thing (the gap before the run, its indent against
the bulletin's own body indent, the story lead after it, the line before it, its shape, the article it
would close) and adds its weight when it holds. The sum, starting from a small prior for “article”, gives
the verdict and its confidence; a verdict close to zero is reported to the editor with the directive that
would reverse it. The table is the one place to read and tune the segmenter's judgement.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from . import patterns as pat
from .layout import LayoutProfile, Line
from .model import BlockKind

PRIOR = 1.5  # a header-like run after a paragraph usually opens an article (the blank-line layout)
DOUBT_BELOW = 0.8  # confidence under which a verdict is reported for review
UNSUPPORTED_CONFIDENCE = 0.7  # at most this sure when only the run's own wording speaks (a mute layout)
RIGHT_ALIGNED = 8  # indent (columns) from which a line is a right-aligned signature, not a body indent


@dataclass(slots=True)
class StartContext:
    """What the signals may look at: the run, its neighbours and the article it would close."""

    run: list[Line]
    previous: Line | None  # the content line just before the run
    following: list[Line]  # body lines after the run, up to the next run
    next_header: Line | None  # the first line of the next run, if any
    ahead: list[Line]  # the lines after the run, whatever they are (for the body's indent)
    current_blocks: list[BlockKind]  # kinds of the body blocks of the article the run would close
    current_start_gap: int | None  # the gap that opened the current article (None: start of file/group)
    current_gaps: list[int]  # gaps between the current article's paragraphs
    current_lead: str | None  # the story lead (某某网消息…：) the current article opened with
    common_leads: frozenset[str]  # leads that open several stories of this bulletin
    profile: LayoutProfile
    separated: bool = False  # a separator line (━━━, ＊＊＊) stands between the previous text and the run

    @property
    def paragraph_gap(self) -> int:
        """The gap paragraphs have here: the current article's own habit, else the bulletin's."""
        gaps = sorted(self.current_gaps)
        return gaps[len(gaps) // 2] if gaps else self.profile.paragraph_gap

    @property
    def gap(self) -> int:
        return self.run[0].gap

    @property
    def body_indent(self) -> int | None:
        """Indent of the running text that follows the run (its own article's habit), if any."""
        for line in self.ahead:
            if line.is_prose:
                return line.shape.indent
        return None

    @property
    def previous_indent(self) -> int | None:
        """Indent of the running text just before the run (the closing article's habit)."""
        line = self.previous
        return line.shape.indent if line is not None and line.is_prose else None

    @property
    def title_text(self) -> str:
        return "".join(line.text for line in self.run if not line.shape.is_dash)

    @property
    def first_paragraph(self) -> str | None:
        return next((line.text for line in self.following if not line.footer), None)


def _indent(line: Line) -> int:
    return line.shape.indent if line.shape.indent < RIGHT_ALIGNED else 0


def _wider_gap(c: StartContext) -> bool:
    return c.gap > c.paragraph_gap and c.gap < 10**5


def _article_gap_narrower(c: StartContext) -> bool:
    return c.current_start_gap is not None and c.current_start_gap > c.paragraph_gap >= c.gap


def _flush_over_indented_body(c: StartContext) -> bool:
    """The run stands out from an indented body: flush left, or centred."""
    body = c.body_indent
    return c.profile.indent_contrast and body is not None and 0 < body < RIGHT_ALIGNED and _indent(c.run[0]) != body


def _habit_changes(c: StartContext) -> bool:
    """The text after the run is indented differently from the text before it: another source begins."""
    before, after = c.previous_indent, c.body_indent
    return before is not None and after is not None and min(before, RIGHT_ALIGNED) != min(after, RIGHT_ALIGNED)


def _indented_like_body(c: StartContext) -> bool:
    indent = _indent(c.run[0])
    if indent == 0 or not c.profile.indent_contrast:
        return False
    body = c.body_indent
    previous = c.previous.shape.indent if c.previous is not None and c.previous.is_prose else None
    return indent in (body, previous)


def _lead(text: str | None) -> str | None:
    match = pat.STORY_LEAD.match(text or "")
    return match.group(0) if match else None


def _opens_with_common_lead(c: StartContext) -> bool:
    return _lead(c.first_paragraph) in c.common_leads


def _unled_in_led_group(c: StartContext) -> bool:
    return c.current_lead in c.common_leads and _lead(c.first_paragraph) not in c.common_leads


def _after_closing_line(c: StartContext) -> bool:
    line = c.previous
    if line is None:
        return False
    shape = line.shape
    return (
        shape.is_noise or shape.is_trailing_note or shape.is_date_only or shape.is_right_aligned
        or (shape.is_parenthesised and not pat.ends_sentence(shape.text))
    )


def _after_separator(c: StartContext) -> bool:
    return c.separated


def _no_body_yet(c: StartContext) -> bool:
    text = {BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.CLAUSE, BlockKind.SALUTATION}
    return not any(kind in text for kind in c.current_blocks)


def _announced(c: StartContext) -> bool:
    """The current article's text so far ends with a colon (“某某网消息（某栏目）：”, “通知如下：”): it
    announces what follows, so the run belongs to it. An article never ends on a colon."""
    line = c.previous
    if line is None or not c.current_blocks or c.current_blocks[-1] not in (BlockKind.PARAGRAPH, BlockKind.SALUTATION):
        return False
    return line.text.rstrip().endswith(("：", ":"))


def _has_header_parts(c: StartContext) -> bool:
    lines = [ln for ln in c.run if not ln.shape.is_parenthesised]
    if len(lines) < 2:
        return False
    return (
        lines[1].shape.is_dash
        or pat.looks_like_kicker(lines[0].text)
        or bool(pat.COLUMN_TAG.search(lines[-1].text))
    )


def _signed(c: StartContext) -> bool:
    """A name under the title (“李洪兴”, “本报记者  王  丹”): articles carry bylines, sections of one do not."""
    if len(c.run) < 2:
        return False
    last, above = c.run[-1].shape, c.run[-2].shape
    return last.is_name_like and not last.is_document_label and not above.is_name_like and not above.is_dash


def _opens_document(c: StartContext) -> bool:
    """A document's title (…条例, …的答复) over its 文号, promulgation line or first article (第一条): the
    start of a document, not a heading inside a story."""
    titled = [i for i, line in enumerate(c.run) if pat.DOCUMENT_KIND.search(pat.compact(line.text))]
    if not titled:
        return False
    first = next((line for line in c.following if not line.footer), None)
    below = [*c.run[titled[0] + 1 :], *([first] if first is not None else [])]

    def marks_document(text: str) -> bool:
        return bool(pat.DOCUMENT_NUMBER.match(text) or pat.CLAUSE.match(text) or pat.DATE_LED.match(text))

    return any(marks_document(pat.compact(line.text)) for line in below[:2])


def _column_tag(c: StartContext) -> bool:
    return bool(pat.COLUMN_TAG.search(c.run[-1].text)) and not c.run[-1].shape.is_parenthesised


def _quoted(c: StartContext) -> bool:
    return len(c.run) == 1 and bool(pat.QUOTED.match(c.run[0].text))


def _asks_or_exclaims(c: StartContext) -> bool:
    return pat.exclaims_or_asks(c.run[-1].text)


def _one_line_story(c: StartContext) -> bool:
    """The article it would start is one short paragraph followed straight by another header: a round-up item."""
    body = [ln for ln in c.following if not ln.footer]
    if len(body) != 1 or len(body[0].text) >= 200 or c.current_lead is not None or len(c.run) != 1:
        return False
    text = body[0].text
    announces = "如下" in text or not text.rstrip(pat.CLOSERS).endswith("。")
    names_next = c.next_header is not None and pat.compact(c.next_header.text)[:12] in pat.compact(text)
    return not announces and not names_next


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    weight: float
    meaning: str  # shown to the editor when a verdict is doubtful
    holds: Callable[[StartContext], bool] = field(repr=False)
    layout: bool = True  # read from the bulletin's layout or neighbours, not from the run's own wording


SIGNALS: tuple[Signal, ...] = (
    Signal("wider_gap", 1.5, "前面的空行比段落之间多", _wider_gap),
    Signal("article_gap_narrower", -3.0, "空行不比段落之间多，而本文开头的空行更多", _article_gap_narrower),
    Signal("flush_over_indented_body", 3.0, "顶格或居中，而后面的正文缩进", _flush_over_indented_body),
    Signal("indented_like_body", -3.5, "和正文一样缩进", _indented_like_body),
    Signal("habit_changes", 1.5, "前后正文的缩进习惯不同", _habit_changes),
    Signal("opens_with_common_lead", 3.5, "后面的正文以多篇报道共用的电头开头", _opens_with_common_lead),
    Signal("unled_in_led_group", -2.5, "本组报道都以电头开头，这一行后面却没有", _unled_in_led_group),
    Signal("after_closing_line", 2.0, "前一行是文末的注记、落款或日期", _after_closing_line),
    Signal("after_separator", 3.0, "前面有一行分隔线", _after_separator),
    Signal("no_body_yet", -4.0, "上一篇还没有正文", _no_body_yet),
    Signal("announced", -3.0, "上一段以冒号结尾，引出这一行", _announced),
    Signal("header_parts", 1.0, "有引题、副题或栏目名", _has_header_parts, layout=False),
    Signal("column_tag", 1.0, "标题末尾带栏目名（…）", _column_tag, layout=False),
    Signal("signed", 2.0, "标题下有作者署名", _signed, layout=False),
    Signal("opens_document", 3.0, "文件标题，下面是文号、公布日期或第一条", _opens_document, layout=False),
    Signal("quoted", -1.5, "整行是引语，像文中的小标题", _quoted, layout=False),
    Signal("asks_or_exclaims", -2.5, "以问号或叹号结尾", _asks_or_exclaims, layout=False),
    Signal("one_line_story", -0.75, "后面只有一段就接着下一个标题，像快讯中的一条", _one_line_story),
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision for one run: an article start or not, with the signals that decided it."""

    article: bool
    score: float
    fired: tuple[str, ...]
    unsupported: bool = False  # the layout could not speak here, and no neighbour did either

    @property
    def confidence(self) -> float:
        sure = 1 / (1 + math.exp(-abs(self.score)))
        return round(min(sure, UNSUPPORTED_CONFIDENCE) if self.unsupported else sure, 2)

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBT_BELOW

    def reasons(self) -> str:
        meanings = {s.name: s.meaning for s in SIGNALS}
        return "；".join(meanings[name] for name in self.fired) or "没有明显的线索"


def weigh(context: StartContext) -> Verdict:
    """Sum the weights of the signals that hold; a positive total opens a new article."""
    fired = tuple(s.name for s in SIGNALS if s.holds(context))
    weights = {s.name: s.weight for s in SIGNALS}
    score = PRIOR + sum(weights[name] for name in fired)
    from_layout = {s.name for s in SIGNALS if s.layout}
    unsupported = context.profile.mute and not from_layout.intersection(fired)
    return Verdict(article=score > 0, score=score, fired=fired, unsupported=unsupported)
