"""Fuzz test (issue 12): random bulletins through reading, segmentation and rendering.

Bulletins are generated as editors might paste them — articles with kickers, titles, subtitles, bylines,
numbered lines and paragraphs — but their text mixes Chinese with ASCII, arbitrary Unicode and every kind
of markup a Markdown, HTML or template engine could read as syntax, and they come with random line ends,
indents, blank-line gaps, encodings and ``%%`` directives (valid or not). The properties:

- reading and segmentation either return a bulletin or refuse the file with one :class:`InputError`
  (file:line); any other exception is a bug;
- a returned bulletin holds every non-whitespace character of the file that is not directive syntax exactly
  once, in order;
- every page rendered from it (articles, with and without glossary and cross-reference decorations, the
  print page and the bulletin's index page), converted to HTML with the project's Markdown extensions,
  holds only the elements and attributes the renderer itself writes, no raw ``<``, and shows every block's
  text literally.

The run is derandomized, so the suite is deterministic. ``ANNOTATE_FUZZ_EXAMPLES=5000`` runs more examples;
``ANNOTATE_FUZZ_RANDOM=1`` draws new ones on every run (a failure prints the ``@example`` to reproduce it).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from annotate import render
from annotate.errors import USER_ERRORS
from annotate.glossary import Glossary, load_glossary
from annotate.model import Article, Bulletin
from annotate.reader import InputError, read_text
from annotate.segment import DIRECTIVES, segment_source
from annotate.site import article_terms
from annotate.termlinks import index_terms
from annotate.xref import XrefSettings, build_xref
from annotate.xreflinks import XrefDecorations, bulletin_titles

ROOT = Path(__file__).resolve().parent.parent
NAME = "2026-04.txt"

FUZZ = settings(
    max_examples=int(os.environ.get("ANNOTATE_FUZZ_EXAMPLES", "300")),
    deadline=None,
    derandomize=os.environ.get("ANNOTATE_FUZZ_RANDOM") != "1",
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

# -- what bulletins are made of ------------------------------------------------------------------------

HAN_WORDS = [
    "习近平", "新时代", "中国特色社会主义", "高质量发展", "全面从严治党", "人民", "坚持", "推进", "改革开放",
    "同志们", "会议", "强调", "指出", "学习贯彻", "精神", "党中央", "国务院", "全文如下", "以上均来源于",
    "来源", "新华社北京3月5日电", "各位代表", "决定", "贺  信", "意见", "通知", "记者", "本报评论员", "王伟中",
    "内蒙古", "2026年3月5日", "二〇二六年三月", "十五五", "第一议题", "参政党", "党建带团建", "三不腐",
]
PUNCTUATION = ["，", "。", "：", "、", "“", "”", "《", "》", "（", "）", "——", "；", "！", "？", "…", "·", "【", "】"]
ASCII_WORDS = ["GDP", "2026", "AI", "a", "x", "5G", "COVID-19", "Tom's", "http://example.com/a_b?c=1&d=2", "1.5%"]
MARKUP_CHARS = list("<>&\"'*_[]()#`~|{}$%\\!+-.=:^@/;")
MARKUP_FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(11)>", '<a href="javascript:alert(1)">x</a>',
    "{{ x }}", "{% x %}", "{#x#}", "[a](javascript:x)", "[a]: http://x", "![i](x.png)", "**b**", "__u__",
    "<!-- -->", "<![CDATA[x]]>", "<?php x ?>", "<!DOCTYPE html>", "</p>", "<div markdown=1>", "&amp;", "&lt;",
    "&#60;", "&#x3C;", "&nbsp;", ":material-x:", "==mark==", "^^ins^^", "~~del~~", "$$math$$", "$x$", "```",
    "~~~", "---", "***", "===", "> ", "1. ", "- ", "+ ", "| a | b |", "|---|", "[^1]", "*[HTML]: x", "[TOC]",
    "{: .x #y onclick=alert(1) }", "{#id}", "\\", "\\<", "`code`", "<https://example.com>", "--8<--", "!!! note",
    "??? x", "<span>", "</mark>", '" onmouseover="alert(1)', "' onfocus='x", "javascript:alert(1)",
    "Title: ", "template: x.html", "hide: navigation", "GDP:",
]
# Lines made of syntax alone: fences, rules, table rows, page meta-data, indented code.
MARKUP_LINES = ["~~~", "```", "~~~~ {.x}", "---", "***", "___", "===", "| a | b |", "|---|---|", "Title: 假标题",
                "search: exclude", "    code", "[TOC]", "!!! note", "%", "<div>", "</div>", ":::", "...", "--8<-- x"]
# Any character a UTF-8 file can hold, except control characters (refused by the reader; added below on
# their own, rarely, so that most bulletins get through to rendering).
ANY_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(["\t", "\x0b", "\x0c"])
CONTROL_CHARS = ["\x00", "\x07", "\x1b", "\x7f", "\x85"]
SPACES = ["", " ", "  ", "\u3000", "\t", "\u00a0", "\u2002"]
INDENTS = ["", "", "", "", " ", "  ", "    ", "\u3000\u3000", "\u3000\u3000", "\t", " \u3000", "\u3000",
           "        ", "\u3000" * 6]  # the last two: right-aligned (signatures)
NUMBERING = ["一、", "二、", "（一）", "(二)", "第一条 ", "第十二条　", "第一章 ", "第二节 ", "1.", "2、", "（1）",
             "第三部分"]
ENDINGS = ["。", "。", "；", "：", "！", "？", "", "”", "。”", "……"]
DIRECTIVE_NAMES = sorted(DIRECTIVES)
LINE_ENDS = ["\n", "\r\n", "\r"]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030"]


@cache
def _one_in(n: int) -> st.SearchStrategy[int]:
    return st.integers(0, n - 1)


def rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in ``one_in`` draws; shrinks to False."""
    return draw(_one_in(one_in)) == one_in - 1


# Strategies are built once: building them inside the composites below is most of the generation time.
piece = st.one_of(
    st.sampled_from(HAN_WORDS),
    st.sampled_from(HAN_WORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(ASCII_WORDS),
    st.sampled_from(MARKUP_CHARS),
    st.sampled_from(MARKUP_FRAGMENTS),
    st.sampled_from(SPACES),
    st.text(ANY_CHAR, min_size=1, max_size=4),
)


@cache
def phrase(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


KICKER_STARTS = st.sampled_from(["", "", "", "", "", "Title: ", "GDP:", "x: ", "template: "])  # also meta-data
KICKER_ENDS = st.sampled_from(["时强调", "指出：", "——", "", "【专题】"])
HAN_WORD = st.sampled_from(HAN_WORDS)
BYLINE_STARTS = st.sampled_from(["（记者 ", "（", "本报记者 ", ""])
BYLINE_ENDS = st.sampled_from(["）", ""])
NUMBERS = st.sampled_from(NUMBERING)
MARKUP_LINE = st.sampled_from(MARKUP_LINES)
LINE_ENDINGS = st.sampled_from(ENDINGS)
BODY_LINES = st.lists(st.integers(0, 6), min_size=1, max_size=5)  # 0 numbered, 1 short, 2 markup, else prose
GROUP_SOURCES = st.sampled_from(["（以上均来源于人民网）", "(以上来源于新华社)", "（以上内容均据央视新闻）"])
NAMES = st.sampled_from([*DIRECTIVE_NAMES, "Body", "TITLE"])
BAD_NAMES = st.sampled_from(["foo", "", "%", "标题", "bodyx"])
DIRECTIVE_PREFIXES = st.sampled_from(["%% ", "%%", "%%  ", "%%\u3000", "%%\t"])
ARGUMENTS = st.one_of(st.just(""), st.just(" "), phrase(1, 4).map(" ".__add__))
INDENT = st.sampled_from(INDENTS)
BLANK = st.sampled_from(["", "", " ", "\u3000", "\t"])  # trailing whitespace, or a "blank" line's content
GAP = st.integers(0, 3)
WRAP_WIDTH = st.integers(8, 40)
LINE_END = st.sampled_from(LINE_ENDS)
ENCODING = st.sampled_from(ENCODINGS)
CONTROL = st.sampled_from(CONTROL_CHARS)
SHARED_TEXT = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=24, max_size=40)


@dataclass(frozen=True)
class Generated:
    """A bulletin file as generated: its text, and the bytes the reader gets."""

    text: str
    encoding: str = "utf-8"

    @property
    def data(self) -> bytes:
        return self.text.encode(self.encoding)


@st.composite
def directive_line(draw: st.DrawFn) -> str:
    name = draw(BAD_NAMES) if rarely(draw, 16) else draw(NAMES)
    return draw(DIRECTIVE_PREFIXES) + name + draw(ARGUMENTS)


@st.composite
def article_lines(draw: st.DrawFn, markup_line: str) -> tuple[list[str], str]:
    """One article's lines and its title line; ``markup_line`` is the bulletin's line of bare syntax
    (repeated, it can pair up: an opening and a closing fence)."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(KICKER_STARTS) + draw(HAN_WORD) + draw(phrase(0, 2)) + draw(KICKER_ENDS))
    # The title: mostly one that reads as one (Chinese at both ends, anything between), sometimes anything.
    title = draw(phrase(1, 5)) if rarely(draw, 4) else draw(HAN_WORD) + draw(phrase(0, 4)) + draw(HAN_WORD)
    lines.append(title)
    if draw(st.booleans()):
        lines.append(draw(phrase(1, 3)))  # the title's second line, or an undashed subtitle
    if draw(st.booleans()):
        lines.append("——" + draw(phrase(1, 5)))
    if draw(st.booleans()):
        lines.append(draw(BYLINE_STARTS) + draw(phrase(1, 2)) + draw(BYLINE_ENDS))
    for kind in draw(BODY_LINES):
        if kind == 0:  # a numbered line: heading, item or clause
            lines.append(draw(NUMBERS) + draw(phrase(1, 6)) + draw(LINE_ENDINGS))
        elif kind == 1:  # a short title-like line: heading, embedded document or signature
            lines.append(draw(phrase(1, 3)))
        elif kind == 2:
            lines.append(markup_line)
        else:
            lines.append(draw(phrase(1, 12)) + draw(LINE_ENDINGS))
    if rarely(draw, 4):
        lines.append(draw(GROUP_SOURCES))
    return lines, title


@st.composite
def bulletins(draw: st.DrawFn) -> Generated:
    drawn = draw(st.lists(article_lines(draw(MARKUP_LINE)), min_size=1, max_size=4))
    articles = [lines for lines, _title in drawn]
    if len(articles) > 1 and rarely(draw, 2):  # a passage shared by two articles (cross-reference)
        shared = draw(SHARED_TEXT) + draw(phrase(0, 2)) + "。"
        articles[0].append(shared)
        articles[-1].append(shared)
    if len(articles) > 1 and rarely(draw, 2):  # a title mentioned in another article (reference link)
        articles[-1].append(f"认真学习《{drawn[0][1]}》的精神。")
    lines = [line for article in articles for line in article]
    if rarely(draw, 3):  # hard-wrapped at a fixed width, as copied from a PDF or an e-mail
        width = draw(WRAP_WIDTH)
        lines = [line[i : i + width] for line in lines for i in range(0, len(line), width)]
    if rarely(draw, 20):
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] += draw(CONTROL)
    out: list[str] = []
    for line in lines:
        if rarely(draw, 10):
            out.append(draw(directive_line()))
        out.append(draw(INDENT) + line + draw(BLANK))
        out.extend([draw(BLANK)] * draw(GAP))
    if rarely(draw, 20):
        out.append(draw(directive_line()))
    line_end = draw(LINE_END)
    ends = [draw(LINE_END) for _ in out] if rarely(draw, 4) else [line_end] * len(out)
    if not draw(st.booleans()):
        ends[-1] = ""
    text = "".join(line + end for line, end in zip(out, ends, strict=True))
    return Generated(text, draw(ENCODING))


# -- what the file holds --------------------------------------------------------------------------------


def squeeze(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def source_lines(text: str) -> list[str]:
    """The file's lines as the README defines them: LF, CRLF and CR all end a line; a BOM is no text."""
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))


def kept_text(text: str) -> str:
    """Every non-whitespace character that is not directive syntax (``%% name``), in file order.

    Text written after a directive on the same line is kept: issue 12 item 6 says it is either refused with
    file:line or kept as the line the directive applies to, never lost.
    """
    kept = []
    for line in source_lines(text):
        stripped = line.strip()
        if stripped.startswith("%%"):
            words = stripped[2:].split(maxsplit=1)
            stripped = words[1] if len(words) > 1 else ""
        kept.append(stripped)
    return squeeze("".join(kept))


def bulletin_text(bulletin: Bulletin) -> str:
    return squeeze("".join(block.text for block in bulletin.all_blocks))


def read_and_segment(generated: Generated) -> Bulletin | InputError:
    """The bulletin, or the refusal; any other exception escapes (a bug)."""
    try:
        return segment_source(read_text(generated.data, NAME))
    except InputError as err:
        assert isinstance(err, USER_ERRORS)
        event(f"refused: {re.split(r' [(]|“|：', err.message)[0]}")
        return err


# -- the project's Markdown, and what HTML the renderer may produce --------------------------------------


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


@cache
def markdown_settings() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """``markdown_extensions`` from mkdocs.yml, plus the ones MkDocs always adds (toc, tables, fenced_code)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names: list[str] = list(MkDocsConfig.markdown_extensions.builtins)
    configs: dict[str, dict[str, Any]] = {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return names, configs


def to_html(page: str) -> tuple[str, list[dict[str, Any]]]:
    """A page's Markdown as MkDocs renders it (front matter removed): HTML and table-of-contents tokens."""
    names, configs = markdown_settings()
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    body, _meta = get_data(page)
    return md.convert(body), md.toc_tokens  # type: ignore[attr-defined]


# div and button: the cross-reference marker (↔ 3) and its list (annotate.xreflinks).
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "mark", "ul", "li", "span", "div", "button"}
ALLOWED_ATTRIBUTES = {"id", "class", "href", "title", "aria-label", "role", "data-line", "data-term", "type",
                      "aria-expanded", "aria-controls", "aria-hidden"}
ATTRIBUTE_VALUE = {
    "id": re.compile(r"[A-Za-z][A-Za-z0-9_-]*"),
    "class": re.compile(r"[a-z][a-z0-9_ -]*"),
    "href": re.compile(
        r"#[A-Za-z0-9_-]+|(?:\.\./)*[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*\.(?:md|html)(?:#[A-Za-z0-9_-]+)?"
    ),
    "data-line": re.compile(r"[0-9]+"),
    "data-term": re.compile(r"[A-Za-z0-9_-]+"),
    "role": re.compile(r"note"),
    "type": re.compile(r"button"),
    "aria-expanded": re.compile(r"true|false"),
    "aria-controls": re.compile(r"[A-Za-z][A-Za-z0-9_-]*"),
    "aria-hidden": re.compile(r"true"),
}


class MarkupAudit(HTMLParser):
    """Collects every piece of HTML the renderer does not write: unknown elements or attributes, attribute
    values outside their shape, raw ``<`` in text, comments, declarations, processing instructions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # entities stay entities: raw ``<`` is visible in data
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")
                continue
            value = value or ""
            shape = ATTRIBUTE_VALUE.get(name)
            if shape is not None and not shape.fullmatch(value):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            # Material shows title attributes as HTML tooltips (content.tooltips): text must stay text there.
            if "<" in value:
                self.problems.append(f"markup in {name}={value!r} on <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"end tag </{tag}>")

    def handle_data(self, data: str) -> None:
        if "<" in data:
            self.problems.append(f"raw '<' in text {data!r}")

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"comment <!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"declaration <!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration <![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction <?{data}>")


def check_markup(page: str) -> BeautifulSoup:
    """Render ``page``, check it holds only the renderer's own markup; return it without permalinks."""
    output, toc = to_html(page)
    audit = MarkupAudit()
    audit.feed(output)
    audit.close()
    assert not audit.problems, f"{audit.problems}\n--- Markdown:\n{page}\n--- HTML:\n{output}"
    for token in _walk(toc):  # MkDocs writes these into the page's table of contents as they are
        inner = MarkupAudit()
        inner.feed(token["html"])
        inner.close()
        assert not inner.problems, (token, inner.problems)
        assert "<" not in token["name"], token  # the plain-text name: no element at all
    soup = BeautifulSoup(output, "html.parser")
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"duplicate ids {ids}\n--- Markdown:\n{page}"
    for link in soup.select("a.headerlink"):
        link.decompose()
    return soup


def _walk(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for token in tokens for t in (token, *_walk(token["children"]))]


def check_article_page(bulletin: Bulletin, article: Article, page: str) -> None:
    """Every block is one element with its anchor as id, showing exactly the block's text."""
    soup = check_markup(page)
    elements = soup.select(".annotate-block")
    assert [e.get("id") for e in elements] == [b.anchor for b in article.all_blocks], page
    for element, block in zip(elements, article.all_blocks, strict=True):
        assert squeeze(element.get_text()) == squeeze(block.text), f"{block}\n--- Markdown:\n{page}"


# -- the properties -------------------------------------------------------------------------------------

TEXT_AFTER_DIRECTIVE = "一、经济形势\n\n%% heading 一、着力扩大国内需求\n要坚持扩大内需这个战略基点。\n"
MARKUP_TITLE = "关于<img src=x onerror=alert(11)>的通知\n\n正文<script>alert(1)</script>第一段。\n"
FENCES = "%% kicker\n~~~\n%% title\n标题\n%% subtitle\n~~~\n正文。\n"
PRINT_FENCES = "第一篇\n\n~~~\n\n正文<b>x</b>。\n\n~~~\n"
META_KICKER = "%% kicker\nTitle: 假标题\n%% title\n标题\n正文。\n"  # MkDocs page meta-data


@FUZZ
@given(bulletins())
@example(Generated("标题\r\n\r\n%% heading 一、着力扩大国内需求\r\n正文第一段。\r\n"))
@example(Generated("标题\n\n" + TEXT_AFTER_DIRECTIVE))
@example(Generated("标题\r正文第一段。\r\r%% body 第二段\r正文第二段。", "utf-16"))
def test_segmentation_refuses_or_keeps_every_character(generated: Generated) -> None:
    result = read_and_segment(generated)
    lines = source_lines(generated.text)
    if isinstance(result, InputError):
        assert result.source == NAME
        assert str(result).startswith(f"{NAME}:")
        assert result.line is None or 1 <= result.line <= len(lines), (result.line, len(lines))
        return
    event(f"articles: {len(result.articles)}")
    assert bulletin_text(result) == kept_text(generated.text)
    numbers = [n for block in result.all_blocks for n in block.lines]
    assert numbers == sorted(set(numbers)), "a source line in two blocks, or blocks out of order"
    assert all(1 <= n <= len(lines) for n in numbers)


@FUZZ
@given(bulletins())
@example(Generated(MARKUP_TITLE))
@example(Generated(FENCES))
@example(Generated(PRINT_FENCES))
@example(Generated(META_KICKER))
@example(Generated("http://example.com 指出：\n标题\n\n正文。\n"))
def test_pages_show_the_text_and_only_the_renderers_markup(generated: Generated) -> None:
    bulletin = read_and_segment(generated)
    if isinstance(bulletin, InputError):
        return
    for article in bulletin.articles:
        check_article_page(bulletin, article, render.article_markdown(bulletin, article))
    soup = check_markup(render.print_markdown(bulletin))
    # Each article's 来源 line follows its header, as on the article page.
    wanted = bulletin.title + "".join(
        "".join(b.text for b in a.header) + (f"来源：{a.source}" if a.source else "")
        + "".join(b.text for b in a.blocks)
        for a in bulletin.articles
    )
    assert squeeze(soup.get_text()) == squeeze(wanted)
    soup = check_markup(render.bulletin_markdown(bulletin))
    titles = "".join(f"{a.kicker}：{a.title}" if a.kicker else a.title for a in bulletin.articles)
    front = "".join(b.text for b in bulletin.front_matter)
    wanted = f"{bulletin.title}共{len(bulletin.articles)}篇文章。打印本期全部文章{titles}"
    wanted += f"原刊刊头和目录{front}" if front else ""
    assert squeeze(soup.get_text()) == squeeze(wanted)


@cache
def site_glossary() -> Glossary:
    return load_glossary(ROOT / "docs/glossary.yml")


@FUZZ
@given(bulletins())
@example(Generated("关于<b>十五五</b>规划的意见\n\n要坚持第一议题制度。\n\n第二篇学习的通知\n\n"
                   "认真学习《关于<b>十五五</b>规划的意见》的精神。\n"))
def test_decorated_pages_show_the_text_and_only_the_renderers_markup(generated: Generated) -> None:
    """The article pages as the site renders them: glossary tooltips and cross-references added."""
    bulletin = read_and_segment(generated)
    if isinstance(bulletin, InputError):
        return
    glossary = site_glossary()
    xref = build_xref([bulletin], XrefSettings(), article_terms([bulletin], glossary))
    links = XrefDecorations(xref, bulletin_titles([bulletin]), bulletins=[bulletin])
    terms = index_terms([bulletin], glossary, "first", links.link_spans)
    decorations = render.Decorations(
        spans=[terms.spans_for, links.spans], after_block=[links.after_block], page_end=[links.page_end]
    )
    if terms.spans:
        event("decorated: glossary terms")
    if any(xref.for_block(bulletin.slug, a.slug, b.anchor) for a in bulletin.articles for b in a.all_blocks):
        event("decorated: cross-references")
    for article in bulletin.articles:
        check_article_page(bulletin, article, render.article_markdown(bulletin, article, decorations))


@pytest.mark.parametrize("name", sorted(DIRECTIVES))
def test_text_after_a_directive_is_refused_at_its_line_or_kept(name: str) -> None:
    """Issue 12 item 6, for every directive: ``%% heading 一、着力扩大国内需求`` never loses its text."""
    text = "标题\n\n正文第一段。\n%% " + name + " 一、着力扩大国内需求\n正文第二段。\n"
    try:
        bulletin = segment_source(read_text(text.encode("utf-8"), NAME))
    except InputError as err:
        assert err.line == 4, str(err)
        return
    assert "一、着力扩大国内需求" in [block.text for a in bulletin.articles for block in a.all_blocks]


def test_markdown_settings_are_the_sites() -> None:
    names, configs = markdown_settings()
    assert {"attr_list", "toc", "tables", "fenced_code"} <= set(names)
    assert configs["toc"]["permalink"] == "¶"


@pytest.mark.parametrize(
    "text", ["x<y", "<!-- c -->", "<b>", "</section>", "a &lt; b <", '<a href="javascript:x">', '<p onclick="x">']
)
def test_markup_audit_sees_raw_markup(text: str) -> None:
    """The audit itself: raw HTML in the output is reported, escaped HTML is not."""
    audit = MarkupAudit()
    audit.feed(f"<p>{text}</p>")
    audit.close()
    assert audit.problems
    clean = MarkupAudit()
    clean.feed(f"<p>{html.escape(text)}</p>")
    clean.close()
    assert not clean.problems
