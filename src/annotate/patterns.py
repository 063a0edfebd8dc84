"""What a single line looks like, judged on its own: numbering, dates, punctuation, alignment.

These are the typographic conventions of Chinese official writing (公文格式) and newspaper layout, not the
habits of any one bulletin: section numbers 一、/（一）/1./（1）, 第X章 and 第X条, datelines, 引题 and
副题 shapes. ``segment`` combines them with context (neighbours, spacing) to decide what a line *is*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN_DIGITS = "一二三四五六七八九十百千零〇两"
NUMBER = rf"[{HAN_DIGITS}]+|\d+"
DATE = rf"(?:\d{{4}}|[{HAN_DIGITS}]{{4}})年(?:\d{{1,2}}|[{HAN_DIGITS}]{{1,3}})月(?:\d{{1,2}}|[{HAN_DIGITS}]{{1,3}})日"

SECTION = re.compile(rf"^[{HAN_DIGITS}]+、")  # 一、
SUBSECTION = re.compile(rf"^[（(][{HAN_DIGITS}]+[)）]")  # （一） or (一)
ARABIC_SECTION = re.compile(r"^\d{1,2}[.．、](?!\d)")  # 1. 1、
# 1.2 / 2.1.1 (decimal numbering of a plan or standard), or “1　总则” (a number and a wide space).
DECIMAL_SECTION = re.compile(r"^\d{1,2}(?:(?:[.．]\d{1,2}){1,3}(?![\d.．%])|[\u3000 ]+(?=[\u4e00-\u9fff]))")
PAREN_ARABIC = re.compile(r"^[（(]\d{1,2}[)）]")  # （1）
CHAPTER = re.compile(rf"^第(?:{NUMBER})(?:章|编|部分)")
SECTION_OF_CHAPTER = re.compile(rf"^第(?:{NUMBER})节")
CLAUSE = re.compile(rf"^第({NUMBER})条")
GROUP_SOURCE = re.compile(r"^[（(]\s*以上.{0,15}?(?:来源|来自|摘自|转自|选自|刊载|刊于|转载|均据|据)(.*?)[)）]\s*$")
# One article's own source line, closing it as a group source closes several: “（来源：某某网）”.
ARTICLE_SOURCE = re.compile(
    r"^[（(]\s*(?:稿件来源|文章来源|来源|稿源|摘自|转自|选自|转载自|原载)\s*[:：于]?\s*([^（()）:：]{1,30}?)\s*[)）]\s*$"
)
NOISE = re.compile(r"^[（(【\[]?\s*(?:来源|稿源|作者|责编|责任编辑|编辑|记者|通讯员|摄影|校对|出处|原标题)\s*[:：]")
DATE_ONLY = re.compile(rf"^{DATE}$")
DATELINE = re.compile(rf"^[（(]\s*{DATE}\s*[)）]$")
DATE_LED = re.compile(rf"^{DATE}")
DATE_ANYWHERE = re.compile(DATE)
DASH = re.compile(r"^(?:——|—|－－|--|─)")
BULLET = re.compile(r"^[■□●○◆◇▲△★☆※•·▪▶►]")
PARENTHESISED = re.compile(r"^[（(].*[)）]$")
BYLINE_WORDS = re.compile(r"(?:记者|通讯员|撰稿|作者|本报评论员|评论员|特约)")
KICKER_END = re.compile(
    r"(?:强调|指出|表示|要求|提出|宣布|指示|批示|致辞|致信|讲话|文章|寄语|——|—|：|:)$"
)
COLUMN_LABEL = re.compile(r"^[【\[].+[】\]]$")
# A wire dateline on a line of its own: “新华社北京3月5日电”, “本报讯（记者 张三）”. Body, never a title.
WIRE_DATELINE = re.compile(r"^.{0,16}?(?:\d{1,2}月\d{1,2}日电|日电|本报讯|电讯)(?:\s*[（(][^）)]*[）)])?$")
# A story's first paragraph, opened by its wire dateline (“新华社北京12月5日电（记者…）国家主席…”): text, even
# when the copy lost its final 。.
WIRE_LED = re.compile(r"^.{0,16}?(?:\d{1,2}月\d{1,2}日电|本报讯)(?:[（(][^）)]*[）)])?.{4,}")
# The credit a wire story opens with, up to its colon: “某某网消息（某栏目）：”, “本报讯（记者 X）：”.
STORY_LEAD = re.compile(r"^[^，。：:]{2,24}[：:]")
JOIN_END = re.compile(r"(?:[，、,的和与及之暨并对向为在把将从就以]|关于|开展|以及|推进|加强|进一步|全面)$")
# A formal document's title (公文标题) ends with its kind; “关于…” before that kind is still open.
DOCUMENT_KIND = re.compile(
    r"(?:通知|意见|决定|办法|规定|方案|报告|公告|通报|批复|答复|复函|请示|通告|纪要|规划|纲要|要点|条例|细则|决议|公报"
    r"|规则|章程|准则|指引|函)$"
)
# Lines that close an article rather than open one: a newspaper's page note “《 人民日报 》（ …版）”,
# a link to the original, an e-mail address, web page chrome, an editor's signature “——编  者”.
PAGE_NOTE = re.compile(r"^《\s*[^》]{1,20}\s*》\s*[（(][^)）]*\d[^)）]*版\s*[)）]$")
URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+\.(?:com|cn|net|org)(?:\.cn)?\b")
WEB_CHROME = re.compile(
    r"^(?:扫一扫|打印本页|关闭窗口|分享到|【?字号|点击(?:阅读|查看)?原文|阅读原文|原文链接|返回顶部"
    r"|相关(?:新闻|阅读|链接)[:：]?$"
    # The page's buttons, one or several on a line: “【纠错】”, “【打印】【关闭】”, “[我要纠错]”.
    r"|(?:[【\[](?:我要)?(?:纠错|打印|关闭|收藏|返回|复制链接)[】\]])+$|我要纠错$)"
)
# A line of rules or stars between articles: “━━━━━━”, “＊　＊　＊”, “-------”, “※※※”, “★★★★★”; or an
# article's running number on a line of its own: “第一篇”, “【文章一】”, “文章1：”.
SEPARATOR = re.compile(
    r"^(?:(?:[━─—–\-=＝_＿*＊※★☆·•~～#＃+＋◆◇■□●○]\s*){3,}"
    rf"|[【\[]?(?:第\s*(?:[{HAN_DIGITS}]+|\d+)\s*篇|文章\s*(?:[{HAN_DIGITS}]+|\d+))[】\]]?\s*[:：]?)$"
)
# “——编  者”, “——某某大学教授 李某”: a dash, an office or none, a name; closes the text it follows. A name
# has at most three characters: “——元旦献词”, “——写在…之际” under a title are subtitles, not signatures.
DASH_SIGNATURE = re.compile(
    r"^(?:——|—|－－|--)\s*(?:(?:[\u4e00-\u9fff·]\s*){1,3}|[\u4e00-\u9fff·、]{2,20}\s+[\u4e00-\u9fff·]{2,4})$"
)
# The names of the documents a letter-spaced label announces (“贺  信”); a spaced two-character line that is
# none of them, printed under a title, is the author's name (“邹  翔”).
DOCUMENT_LABEL = re.compile(
    r"^(?:贺信|贺电|唁电|决定|通知|公告|命令|通报|倡议书?|公报|决议|声明|讲话|致辞|说明|附件|前言|后记|序言|按语|编者按)$"
)
# What opens a 公文 title that runs on until its kind: “…关于…”, “…转发…”, “…对…提案的答复”.
DOCUMENT_OPENER = re.compile(r"(?:关于|转发|印发|颁发|[对就].{2,})")
# A compilation's section label between groups of articles: “一、重要文章”, “第二部分　领导讲话”, “◆ 政策文件 ◆”.
SECTION_LABEL = re.compile(
    rf"^(?:[{HAN_DIGITS}]+、|第[{HAN_DIGITS}\d]+部分\s*|[◆◇■□●○★☆▲△]\s*)"
    r"[\u4e00-\u9fff]{2,8}(?:\s*[◆◇■□●○★☆▲△])?$"
)
# A 公文 title that forwards or issues another document, printed after it (…关于印发《…》的通知).
FORWARDING = re.compile(r"(?:转发|印发|颁发|发布|公布)")
# A document number (文号) under a 公文 title: “国办发〔2019〕3号”, “国务院令第728号”.
DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:[〔\[【(（]\d{4}[〕\]】)）]\d{1,4}号|第\d{1,4}号)$")
COLUMN_TAG = re.compile(r"[（(][^（()）]{2,16}[)）]$")
QUOTED = re.compile(r"^[“\"「『][^“”]*[”\"」』]$")
ATTENDANCE = re.compile(r"(?:出席|参加|主持|会见|陪同|致辞|讲话|看望|会谈|见证|代表)")
JOIN_START = re.compile(r"^[与和及并暨、的之]")
# A turn of an interview (答记者问): the question or the answer, running text however short.
QA_TURN = re.compile(r"^(?:问|答|记者|主持人)\s*[：:]")
# “…——论” at the end of a line: the second half of an “A——B” title was broken after its first word.
BROKEN_AFTER_DASH = re.compile(r".——[^—]{1,2}$")

SENTENCE_END = set("。！？!?；;…，,、：:")
CLOSERS = "”’」』》）)】\"' "
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
OCR_STOP_MIN_HAN = 8  # Chinese characters in a line whose final “.” is an OCR copy's 。 (not “1.” or a URL)
SPACES = re.compile(r"[\s\u3000]+")


def strip_line(raw: str) -> str:
    """Whitespace-free ends; ``str.strip`` already covers U+3000 and NBSP."""
    return raw.strip()


def indent_width(raw: str) -> int:
    """Display columns of leading whitespace (a full-width space counts 2, a tab 4)."""
    width = 0
    for char in raw:
        if char == "\t":
            width += 4
        elif char == "\u3000":
            width += 2
        elif char.isspace():
            width += 1
        else:
            break
    return width


def ends_sentence(text: str) -> bool:
    """True when the line ends like running prose (。；：，…), looking through closing quotes; an OCR copy's
    “.” after a Chinese character is its 。."""
    core = text.rstrip(CLOSERS)
    if core.endswith(".") and not core.endswith("..") and len(HAN.findall(core)) >= OCR_STOP_MIN_HAN:
        return True
    return bool(core) and core[-1] in SENTENCE_END


def compact(text: str) -> str:
    return SPACES.sub("", text)


def han_count(text: str) -> int:
    return len(HAN.findall(text))


@dataclass(frozen=True, slots=True)
class LineShape:
    """Context-free facts about one non-blank line."""

    text: str
    indent: int

    @property
    def is_group_source(self) -> bool:
        """A source line closing the articles since the previous one: “（以上均来源于…）”, or one article's
        own “（来源：…）” after its text (a group of one; see :attr:`is_article_source`)."""
        return bool(GROUP_SOURCE.match(self.text) or ARTICLE_SOURCE.match(self.text))

    @property
    def is_article_source(self) -> bool:
        """“（来源：某某网）”: closes an article only after its text; under a title it is a note of the header."""
        return bool(ARTICLE_SOURCE.match(self.text)) and not GROUP_SOURCE.match(self.text)

    @property
    def is_noise(self) -> bool:
        return bool(NOISE.match(self.text))

    @property
    def is_numbered(self) -> bool:
        t = self.text
        return any(
            p.match(t)
            for p in (SECTION, SUBSECTION, ARABIC_SECTION, DECIMAL_SECTION, PAREN_ARABIC, CHAPTER,
                      SECTION_OF_CHAPTER, CLAUSE)
        )

    @property
    def is_trailing_note(self) -> bool:
        """A line that closes an article: page note, link, e-mail, web chrome, an editor's “——编  者”."""
        if len(self.text) > 100:
            return False
        t = compact(self.text)
        return bool(
            PAGE_NOTE.match(t) or WEB_CHROME.match(t) or DASH_SIGNATURE.match(self.text)
            or (han_count(t) <= 12 and URL.search(self.text))
        )

    @property
    def is_separator(self) -> bool:
        """Rules or stars set between articles: layout, like a page number, not text of an article."""
        return bool(SEPARATOR.match(self.text))

    @property
    def is_dash(self) -> bool:
        return bool(DASH.match(self.text))

    @property
    def is_parenthesised(self) -> bool:
        return bool(PARENTHESISED.match(self.text)) and not self.is_group_source

    @property
    def is_dateline(self) -> bool:
        return bool(DATELINE.match(compact(self.text)))

    @property
    def is_date_only(self) -> bool:
        return bool(DATE_ONLY.match(compact(self.text)))

    @property
    def is_date_led(self) -> bool:
        return bool(DATE_LED.match(self.text))

    @property
    def is_right_aligned(self) -> bool:
        """Signatures and dates pushed to the right with spaces (8+ columns, short text)."""
        return self.indent >= 8 and len(self.text) <= 40

    @property
    def is_salutation(self) -> bool:
        t = self.text
        return t[-1] in "：:" and len(t) <= 40 and "。" not in t and not self.is_numbered

    @property
    def is_label(self) -> bool:
        """A letter-spaced label such as “贺  信” or “决  定” that names an embedded document."""
        parts = SPACES.split(self.text)
        return 2 <= len(parts) <= 4 and all(len(p) == 1 and HAN.match(p) for p in parts)

    @property
    def is_document_label(self) -> bool:
        """A letter-spaced label naming a kind of document (“贺  信”, “决  定”), not a letter-spaced name."""
        return self.is_label and bool(DOCUMENT_LABEL.match(compact(self.text)))

    @property
    def is_name_like(self) -> bool:
        """A byline: a short name or unit (某某某, 财政部, 本报记者  王  丹)."""
        short = compact(self.text)
        return (2 <= len(short) <= 4 and han_count(short) == len(short)) or (
            bool(BYLINE_WORDS.search(self.text)) and len(short) <= 30
        )

    @property
    def is_headerish(self) -> bool:
        """Could be a kicker, title, subtitle or an unnumbered heading: short, not prose, not numbered.

        A line pushed far to the right is a signature unless its context shows a centred header
        (see ``segment.headerish``)."""
        return self.is_title_shaped and not self.is_right_aligned

    @property
    def is_title_shaped(self) -> bool:
        """Shaped like a header line, wherever it stands: short, not prose, not numbered, not a note."""
        t = self.text
        if len(t) > 120 or "。" in t:
            return False
        if self.is_trailing_note:
            return False
        if self.is_dash:
            return not ends_sentence(t) or t.endswith(("讲话", "报告"))
        broken_title = t.rstrip(CLOSERS)[-1:] in ("，", "、", ",") and len(t) <= 60
        # Headlines may ask or exclaim (“…有多远？”, “…523亿！”); whether such a line is a header is left to
        # the layout around it (see ``signals``).
        exclaims = (
            t.rstrip(CLOSERS)[-1:] in ("？", "！", "?", "!") and len(t) <= 24 and "。" not in t and t.count("，") <= 1
        )
        if (
            len(t) > 120
            or (ends_sentence(t) and not broken_title and not exclaims)
            or "。" in t
            or self.is_numbered
            or self.is_group_source
            or self.is_noise
            or self.is_parenthesised
            or self.is_date_only
            or BULLET.match(t)
            or QA_TURN.match(t)
            or WIRE_DATELINE.match(compact(t))
            or WIRE_LED.match(compact(t))
            or DOCUMENT_NUMBER.match(compact(t))
        ):
            return False
        return han_count(t) >= 1


def looks_like_kicker(text: str) -> bool:
    """引题 end with a speech verb (…时强调), a dash (江西宁都——), or are short column labels."""
    short = compact(text)
    return bool(KICKER_END.search(short)) or bool(COLUMN_LABEL.match(short)) or len(short) <= 6


def continues(first: str, second: str) -> bool:
    """True when ``second`` reads as the continuation of ``first`` (a title broken over two lines).

    The first line plainly does not end a phrase (it ends in a conjunction, a preposition or a verb still
    waiting for its object), or it opens a “关于…” document title whose kind (…的通知) only the second has.
    """
    short = compact(first)
    if JOIN_END.search(short) or JOIN_START.match(compact(second)) or BROKEN_AFTER_DASH.search(short):
        return True
    return "关于" in short and not DOCUMENT_KIND.search(short) and bool(DOCUMENT_KIND.search(compact(second)))


def is_section_label(text: str) -> bool:
    """A compilation's section label (一、重要文章) between groups of articles, also listed in its 目录."""
    return bool(SECTION_LABEL.match(compact(text)))


def document_title_lines(lines: list[str], most: int = 4) -> int:
    """How many of ``lines`` make one “…关于…的通知” document title printed on several lines: the first opens a
    document title (关于, 转发, 对…) without its kind, the title goes on until the line that ends with the
    kind (at most ``most`` lines). 0 when the lines do not read so."""
    first = compact(lines[0]) if lines else ""
    if not DOCUMENT_OPENER.search(first) or DOCUMENT_KIND.search(first):
        return 0
    for count, line in enumerate(lines[1:most], start=2):
        text = compact(line)
        if DASH.match(text) or ends_sentence(text):
            return 0
        if DOCUMENT_KIND.search(text):
            return count
    return 0


def ends_like_clause(text: str) -> bool:
    """A line ending in “，” “：” or “、” is never a whole title (salutations, lead-ins, broken lines)."""
    return text.rstrip(CLOSERS)[-1:] in ("，", "：", "、", ",", ":")


def exclaims_or_asks(text: str) -> bool:
    return text.rstrip(CLOSERS)[-1:] in ("？", "！", "?", "!")


def clause_number(text: str) -> str | None:
    match = CLAUSE.match(text)
    return match.group(1) if match else None


def group_source_name(text: str) -> str:
    """“（以上均来源于某某网-某某报）” → “某某网-某某报”."""
    match = GROUP_SOURCE.match(text) or ARTICLE_SOURCE.match(text)
    name = (match.group(1) if match else text).strip(" ：:于自")
    return name or text


HAN_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
HAN_UNITS = {"十": 10, "百": 100, "千": 1000}


def number_value(numeral: str) -> int:
    """Chinese or Arabic numeral → int (二十三 → 23, 一百零五 → 105); used for ASCII clause anchors."""
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for char in numeral:
        if char in HAN_VALUES:
            current = HAN_VALUES[char]
        elif char in HAN_UNITS:
            total += (current or 1) * HAN_UNITS[char]
            current = 0
    return total + current
