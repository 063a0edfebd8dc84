"""Synthetic bulletins with a known segmentation, varying every layout convention.

Each article is drawn from small pools of generic Chinese newspaper phrasing; the layout (blank lines
between articles and paragraphs, indentation, line ends, BOM, kickers, two-line titles, subtitles,
bylines, datelines, embedded documents, numbered headings, clauses, signatures, source lines, noise
lines) is chosen per bulletin and per article by a seeded random generator, and the generator records
what the segmenter must find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

PLACES = ["江南省", "北河市", "西山县", "东海区", "南岭州", "青川市", "白水县", "长平市"]
TOPICS = ["乡村振兴", "生态保护", "科技创新", "基层治理", "文化建设", "民生保障", "营商环境", "安全生产"]
VERBS = ["推进", "加强", "深化", "做好", "统筹", "落实"]
NAMES = ["李明", "王芳", "张伟", "刘洋", "陈静", "赵磊"]
KICKER_TEMPLATES = ["{name}在{place}调研时强调", "{place}召开{topic}工作会议指出", "本报评论员文章", "{place}——",
                    "【{topic}一线】", "新春走基层"]
TITLE_TEMPLATES = [
    "{verb}{topic}工作再上新台阶",
    "以{topic}为抓手{verb}高质量发展",
    "{place}{verb}{topic}取得明显成效",
    "{place}举行{topic}推进会 {name}出席并讲话",
]
SENTENCES = [
    "会议强调，要坚持稳中求进工作总基调，扎实推进各项工作。",
    "近年来，{place}围绕{topic}持续用力，取得了一批标志性成果。",
    "与会同志一致认为，要把思想和行动统一到决策部署上来。",
    "{name}指出，要{verb}{topic}，以钉钉子精神抓好落实。",
    "据介绍，今年以来全市新增项目一百二十个，总投资超过三百亿元。",
    "各级各部门要压实责任、强化协同，确保各项任务落地见效。",
    "会议还研究了其他事项。",
    "群众纷纷表示，“这些变化看得见、摸得着”，日子越过越有盼头。",
]
HEADING_NUMERALS = ["一", "二", "三", "四", "五"]
SOURCES = ["（以上均来源于某某日报）", "（以上内容来源于新华社）", "（以上文章均摘自某某网）"]


def fill(rng: random.Random, template: str) -> str:
    return template.format(
        place=rng.choice(PLACES), topic=rng.choice(TOPICS), verb=rng.choice(VERBS), name=rng.choice(NAMES)
    )


@dataclass
class Expected:
    kicker: str | None
    title: str
    subtitle: str | None
    headings: list[str]
    first_line: int = 0
    last_line: int = 0
    source_line: str | None = None


@dataclass
class Layout:
    article_gap: int  # blank lines between articles
    paragraph_gap: int  # blank lines between paragraphs (≤ article_gap)
    header_gap: int  # blank lines between the header and the body
    indent: str  # body indentation
    line_end: str
    bom: bool
    trailing: str  # stray whitespace at line ends


@dataclass
class Builder:
    layout: Layout
    lines: list[str] = field(default_factory=list)

    def add(self, text: str, indent: str = "") -> int:
        self.lines.append(indent + text + self.layout.trailing)
        return len(self.lines)

    def blank(self, count: int) -> None:
        self.lines.extend([""] * count)

    def text(self) -> str:
        body = self.layout.line_end.join(self.lines) + self.layout.line_end
        return ("\ufeff" if self.layout.bom else "") + body


def random_layout(rng: random.Random) -> Layout:
    paragraph_gap = rng.choice([0, 1, 1])
    article_gap = rng.choice([g for g in (0, 1, 2, 3) if g >= paragraph_gap])
    return Layout(
        article_gap=article_gap,
        paragraph_gap=paragraph_gap,
        header_gap=rng.choice([0, paragraph_gap]),
        indent=rng.choice(["", "    ", "\u3000\u3000", "\t", "  "]),
        line_end=rng.choice(["\n", "\r\n", "\r"]),
        bom=rng.random() < 0.3,
        trailing=rng.choice(["", "", " ", "\u3000"]),
    )


def paragraph(rng: random.Random, sentences: int | None = None) -> str:
    count = sentences or rng.randint(1, 4)
    return "".join(fill(rng, rng.choice(SENTENCES)) for _ in range(count))


def write_article(rng: random.Random, b: Builder, index: int) -> Expected:
    layout = b.layout
    kicker = fill(rng, rng.choice(KICKER_TEMPLATES)) if rng.random() < 0.35 else None
    title = fill(rng, rng.choice(TITLE_TEMPLATES)) + f"（{index}）" * 0
    two_line = rng.random() < 0.25
    dashed_subtitle = "——" + fill(rng, "在{place}{topic}工作会议上的讲话") if rng.random() < 0.3 else None
    byline = rng.choice([*NAMES, "本报记者  王  丹", "新华社记者 刘洋"]) if rng.random() < 0.2 else None
    first = 0
    if kicker:
        first = b.add(kicker)
        b.blank(rng.choice([0, layout.paragraph_gap]))
    if two_line:
        part1 = fill(rng, "坚持{verb}{topic}，")
        part2 = fill(rng, "奋力谱写{place}发展新篇章")
        line = b.add(part1)
        first = first or line
        b.blank(rng.choice([0, layout.paragraph_gap]))
        b.add(part2)
        title = part1 + part2
    else:
        line = b.add(title)
        first = first or line
    if dashed_subtitle:
        b.add(dashed_subtitle)
    if byline:
        b.add(byline)
    b.blank(layout.header_gap)
    headings: list[str] = []
    style = rng.choice(["plain", "plain", "sections", "clauses", "speech", "embedded", "nested", "embedded-speech"])
    last = 0
    if rng.random() < 0.15:
        last = b.add("来源：新华社")
        b.blank(layout.paragraph_gap)
    if rng.random() < 0.1:
        last = b.add(rng.choice(["新华社北京3月5日电", "本报讯（记者 张三）", "本报北京3月1日电  （记者李明）"]),
                     layout.indent)
        b.blank(layout.paragraph_gap)
    if style == "speech":
        last = b.add("同志们：")
    if style == "embedded-speech":
        last = b.add(fill(rng, "{name}在会上发表讲话。讲话全文如下——"), layout.indent)
        b.blank(layout.paragraph_gap)
        speech_title = fill(rng, "{verb}{topic} 奋力开创新局面")
        b.add(speech_title)
        headings.append(speech_title)
        b.add(fill(rng, "——在{place}{topic}工作会议上的讲话"))
        b.add("（2026年3月1日）")
        last = b.add("同志们：")
        b.blank(layout.paragraph_gap)
    if style == "embedded":
        last = b.add(paragraph(rng, 1)[:-1] + "，全文如下。", layout.indent)
        b.blank(layout.paragraph_gap)
        doc_title = fill(rng, "关于进一步{verb}{topic}工作的若干措施")
        b.add(doc_title)
        headings.append(doc_title)
        b.blank(layout.paragraph_gap)
    for number in range(rng.randint(1, 5)):
        if style in ("sections", "embedded") and number < len(HEADING_NUMERALS) and rng.random() < 0.6:
            heading = f"{HEADING_NUMERALS[len(headings) % 5]}、{fill(rng, '{verb}{topic}')}"
            b.add(heading, rng.choice(["", layout.indent]))
            headings.append(heading)
            b.blank(layout.paragraph_gap)
        if style == "nested" and number < 3:
            heading = f"{HEADING_NUMERALS[number]}、{fill(rng, '{verb}{topic}')}"
            sub = f"（{HEADING_NUMERALS[0]}）{fill(rng, '{topic}的主要做法')}"
            item = f"1.{fill(rng, '{place}的经验')}"
            for line in (heading, sub, item):
                b.add(line, rng.choice(["", layout.indent]))
                headings.append(line)
                b.blank(layout.paragraph_gap)
        if style == "clauses":
            numeral = "一二三四五六七"[number]
            last = b.add(f"第{numeral}条  {paragraph(rng, 1)}", layout.indent)
            b.blank(layout.paragraph_gap)
            last = b.add(f"（一）{fill(rng, '{verb}{topic}工作')}；", layout.indent)
        else:
            last = b.add(paragraph(rng), layout.indent)
        b.blank(layout.paragraph_gap)
    if rng.random() < 0.2:
        b.add(fill(rng, "中共{place}委员会"))
        b.blank(layout.paragraph_gap)
        last = b.add("2026年3月1日", " " * 30 if rng.random() < 0.5 else "")
        b.blank(layout.paragraph_gap)
    if rng.random() < 0.15:
        last = b.add(f"（责编：{rng.choice(NAMES)}）")
        b.blank(layout.paragraph_gap)
    if b.lines and b.lines[-1] == "":
        del b.lines[len(b.lines) - layout.paragraph_gap :]
    return Expected(
        kicker=kicker,
        title=title,
        subtitle=dashed_subtitle,
        headings=headings,
        first_line=first,
        last_line=last,
    )


def make_bulletin(seed: int, articles: int | None = None) -> tuple[str, list[Expected]]:
    """A bulletin text and the articles a correct segmenter finds in it."""
    rng = random.Random(seed)
    b = Builder(random_layout(rng))
    expected: list[Expected] = []
    count = articles or rng.randint(2, 7)
    for index in range(count):
        if index:
            b.blank(b.layout.article_gap)
        expected.append(write_article(rng, b, index))
        if rng.random() < 0.25 or (index == count - 1 and rng.random() < 0.5):
            b.blank(max(b.layout.paragraph_gap, 1) if b.layout.article_gap else 0)
            source = rng.choice(SOURCES)
            b.add(source)
            expected[-1].source_line = source
    return b.text(), expected
