"""A compilation's masthead and table of contents: front matter of the bulletin, not an article; the contents
list tells where each article starts, even when its title is numbered like a section heading."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from sitebuild import make_project, run_build

from annotate import render
from annotate.contents import title_key
from annotate.model import BlockKind
from annotate.segment import segment_text

P1 = "这是第一篇文章的第一段正文，内容比较长，用来模拟真实的段落。"
P2 = "这是第一篇文章的第二段正文，同样写成完整的句子，结尾有句号。"
P3 = "这是第二篇文章的正文，讲述另一件事情，也有好几句话。"
P4 = "第二篇文章的第二段，继续讲述这件事情的经过和意义。"
IND = "\u3000\u3000"
MASTHEAD = "学习参考\n2025年第3期（总第27期）\n某某办公室编                    2025年6月16日\n\n目    录\n"
TITLES = ["甲地推动产业创新取得新进展", "乙地优化营商环境的做法和成效", "丙地做好民生保障工作纪实"]


def compilation(entry: str, title: str) -> str:
    """Masthead, a contents list written with ``entry``, then the articles with titles written with
    ``title`` (both formats take the number and the title); the first article has a kicker."""
    numbers = "一二三"
    contents = "".join(entry.format(n=numbers[i], i=i + 1, t=t) + "\n" for i, t in enumerate(TITLES))
    bodies = [f"{IND}{P1}\n{IND}一、第一部分\n{IND}{P2}\n", f"{IND}{P3}\n{IND}{P4}\n", f"{IND}{P2}\n{IND}{P3}\n"]
    articles = []
    for i, (t, body) in enumerate(zip(TITLES, bodies, strict=True)):
        kicker = "某某在调研时强调\n" if i == 0 else ""
        articles.append(f"{kicker}{title.format(n=numbers[i], i=i + 1, t=t)}\n{body}")
    return MASTHEAD + contents + "\n\n" + "\n".join(articles)


def test_masthead_and_contents_are_front_matter_and_numbered_titles_open_articles() -> None:
    for entry, title in (("{n}、{t}", "{n}、{t}"), ("{i}.{t}  ……  {i}", "{i}.{t}"), ("【{t}】", "【{t}】")):
        bulletin = segment_text(compilation(entry, title))
        assert len(bulletin.articles) == 3, (entry, [a.title for a in bulletin.articles])
        assert [title_key(a.title) for a in bulletin.articles] == TITLES
        first = bulletin.articles[0]
        assert first.kicker == "某某在调研时强调" and [h.text for h in first.headings] == ["一、第一部分"]
        front = bulletin.front_matter
        assert [b.kind for b in front] == [BlockKind.FRONT] * 7
        assert [b.text for b in front[:4]] == ["学习参考", "2025年第3期（总第27期）",
                                                "某某办公室编                    2025年6月16日", "目    录"]
        assert [b.line for b in front] == [1, 2, 3, 5, 6, 7, 8]
        # Nothing lost, nothing twice: every line of the file is in the front matter or in one article.
        numbers = [n for b in bulletin.all_blocks for n in b.lines]
        assert numbers == sorted(set(numbers)) and bulletin.to_json()["front_matter"][0]["text"] == "学习参考"


def test_without_a_contents_list_nothing_is_front_matter() -> None:
    """Lines that name no later title are not a contents list: the bulletin reads as before."""
    text = f"第一篇标题\n{IND}{P1}\n{IND}{P2}\n第二篇标题\n{IND}{P3}\n{IND}{P4}\n"
    bulletin = segment_text(text)
    assert bulletin.front_matter == [] and [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题"]
    # Two entries are not enough to call a list of lines a table of contents.
    two = f"{MASTHEAD}第一篇标题\n第二篇标题\n\n第一篇标题\n{IND}{P1}\n第二篇标题\n{IND}{P3}\n"
    assert segment_text(two).front_matter == []


def test_the_bulletin_page_shows_the_front_matter_as_text(tmp_path: Path) -> None:
    """The masthead and contents appear once, on the bulletin's index page, as text: a numbered entry is no
    Markdown list and markup stays letters; no article page carries them."""
    text = compilation("{i}.{t}", "{i}.{t}").replace("学习参考", "学习参考<b>F90</b>")
    project = make_project(tmp_path, {"2025-06.txt": text.encode("utf-8")})
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "2025-06" / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = [p.get_text() for p in page.select(".annotate-front")]
    assert shown[0] == "学习参考<b>F90</b>" and page.select_one("article b") is None
    assert shown[4:] == [f"{i}.{t}" for i, t in enumerate(TITLES, start=1)] and page.select_one("article ol") is None
    for article in sorted((site / "2025-06").glob("0*.html")):
        assert "学习参考" not in article.read_text(encoding="utf-8"), article


def test_section_labels_group_the_articles_after_them() -> None:
    """A compilation in sections (“一、重要文章” … “二、时政要闻”, “第二部分　…”, “◆ … ◆”): each label stands
    above the first article of its group, in no article's text and no article's span, and the bulletin's
    page lists the groups under it; a numbered heading with text under it is still a heading."""
    for first, second in (("一、重要文章", "二、时政要闻"), ("第一部分　重要文章", "第二部分　时政要闻"),
                          ("◆ 重要文章 ◆", "◆ 时政要闻 ◆")):
        text = (f"{first}\n\n甲地推动产业创新取得新进展\n\n{P1}\n\n一、第一部分的小标题\n\n{P2}\n\n"
                f"乙地优化营商环境的做法\n\n{P3}\n\n{second}\n\n丙地做好民生保障工作纪实\n\n{P4}\n\n{P1}\n")
        bulletin = segment_text(text)
        assert [(a.section, a.title) for a in bulletin.articles] == [
            (first, "甲地推动产业创新取得新进展"), (None, "乙地优化营商环境的做法"),
            (second, "丙地做好民生保障工作纪实")]
        assert bulletin.front_matter == [] and not {w.line for w in bulletin.warnings} & {1, 15}
        assert [a.first_line for a in bulletin.articles] == [3, 11, 17]
        assert [h.text for h in bulletin.articles[0].headings] == ["一、第一部分的小标题"]
        page = render.bulletin_markdown(bulletin)
        assert page.index(first) < page.index("甲地推动") < page.index(second) < page.index("丙地做好")


def test_a_contents_list_may_name_the_sections_too() -> None:
    """A sectioned compilation's 目录 lists its sections with the titles: the list is still front matter, and
    each section label stands above its group, never an article of its own."""
    contents = ("目    录\n一、重要文章\n甲地推动产业创新取得新进展\n乙地优化营商环境的做法\n"
                "二、时政要闻\n丙地做好民生保障工作纪实\n")
    text = (f"学习参考\n\n{contents}\n一、重要文章\n\n甲地推动产业创新取得新进展\n\n{P1}\n\n"
            f"乙地优化营商环境的做法\n\n{P3}\n\n二、时政要闻\n\n丙地做好民生保障工作纪实\n\n{P4}\n")
    bulletin = segment_text(text)
    assert [(a.section, a.title) for a in bulletin.articles] == [
        ("一、重要文章", "甲地推动产业创新取得新进展"), (None, "乙地优化营商环境的做法"),
        ("二、时政要闻", "丙地做好民生保障工作纪实")]
    assert [b.text for b in bulletin.front_matter] == ["学习参考", *contents.splitlines()]


def test_the_site_shows_sections_on_the_bulletin_page_and_above_their_first_article(tmp_path: Path) -> None:
    text = (f"一、重要文章\n\n甲地推动产业创新取得新进展\n\n{P1}\n\n乙地优化营商环境的做法\n\n{P3}\n\n"
            f"二、时政要闻\n\n丙地做好民生保障工作纪实\n\n{P4}\n")
    project = make_project(tmp_path, {"2025-07.txt": text.encode("utf-8")})
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    index = BeautifulSoup((site / "2025-07" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for link in index.select(".headerlink"):
        link.decompose()
    headings = [h.get_text() for h in index.select("article h2.annotate-section-heading")]
    assert headings == ["一、重要文章", "二、时政要闻"]
    first = BeautifulSoup((site / "2025-07" / "01.html").read_text(encoding="utf-8"), "html.parser")
    labels = [p.get_text() for p in first.select("article .annotate-section")]
    assert labels == ["一、重要文章"] and "二、时政要闻" not in first.select_one("article").get_text()
    third = BeautifulSoup((site / "2025-07" / "03.html").read_text(encoding="utf-8"), "html.parser")
    assert [p.get_text() for p in third.select("article .annotate-section")] == ["二、时政要闻"]
