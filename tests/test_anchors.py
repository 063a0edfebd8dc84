"""Paragraph anchors: derived from content, unmoved by directive lines, blank lines and neighbouring edits;
old line-number ids kept as aliases for one release; stale ids in editors' files stop the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from annotate import anchors, render
from annotate.model import Bulletin
from annotate.segment import segment_text
from annotate.xref import IgnorePair, XrefIgnoreError, XrefSettings, build_xref, check_ignore_pairs

ROOT = Path(__file__).resolve().parent.parent
MARCH = (ROOT / "docs/bulletins/2026-03.txt").read_text(encoding="utf-8")
ID = re.compile(r"(?:[ph]-[bcdfghjkmnpqrstvwxz]{7}|art-\d+|kicker|title|subtitle|byline|dateline|note)(?:-\d+)?")


def by_line(bulletin: Bulletin) -> dict[int, tuple[str, str, str]]:
    """First source line → (article slug, anchor, text) of every block."""
    return {b.line: (a.slug, b.anchor, b.text) for a in bulletin.articles for b in a.all_blocks}


def edited_march() -> tuple[str, int]:
    """March with a ``%% body`` line above line 45, a blank line after line 41 and line 43 edited; and
    how many lines were added above line 47."""
    lines = MARCH.split("\n")
    assert lines[42].startswith("文章指出，干部敢于担当作为") and lines[46].startswith("文章指出，全面从严治党")
    lines[42] = lines[42].replace("干部", "领导干部", 1)
    lines[44:44] = ["%% body"]
    lines[41:41] = [""]
    return "\n".join(lines), 2


def test_anchors_survive_directive_blank_line_and_neighbouring_edit() -> None:
    before = segment_text(MARCH, "2026-03.txt")
    text, shift = edited_march()
    after = segment_text(text, "2026-03.txt")
    old = {(slug, body): anchor for slug, anchor, body in by_line(before).values()}
    new = {(slug, body): anchor for slug, anchor, body in by_line(after).values()}
    edited = [key for key in old if key not in new]
    assert len(edited) == 1 and edited[0][1].startswith("文章指出，干部敢于担当作为")
    assert {key: old[key] for key in old if key in new} == {key: new[key] for key in old if key in new}
    assert by_line(before)[47][1] == by_line(after)[47 + shift][1]


def test_ids_are_short_ascii_and_unique_per_page() -> None:
    bulletin = segment_text(MARCH, "2026-03.txt")
    for article in bulletin.articles:
        ids = [b.anchor for b in article.all_blocks]
        assert len(set(ids)) == len(ids), article.slug
        assert all(ID.fullmatch(i) and len(i) <= 12 for i in ids), ids
    assert {"art-6", "art-38"} <= {b.anchor for b in bulletin.articles[5].blocks}  # clause ids unchanged


def test_identical_paragraphs_and_hard_wrapping() -> None:
    same = "各级党组织要认真学习贯彻本通知精神，结合实际抓好落实。"
    page = segment_text(f"测试文章标题\n\n{same}\n\n另一段正文，内容不同，长度也足够。\n\n{same}\n").articles[0]
    first, _, second = page.blocks
    assert second.anchor == first.anchor + "-2" and first.anchor.startswith("p-")
    assert [b.anchor for b in page.header] == ["title"]
    # Whitespace does not count: a paragraph re-joined, re-indented or with spaces moved keeps its id.
    assert anchors.digest(same) == anchors.digest("  各级党组织要认真学习 贯彻本通知精神，\n结合实际抓好落实。")
    assert anchors.digest(same) != anchors.digest(same.replace("认真", "深入"))


def test_old_line_number_id_is_an_alias_on_the_page() -> None:
    bulletin = segment_text(MARCH, "2026-03.txt")
    article = bulletin.articles[5]
    block = next(b for b in article.blocks if b.line == 134)
    html = render.article_markdown(bulletin, article)
    assert '<span class="annotate-old-id" id="p-134"></span>' in html
    assert anchors.legacy_anchor(block) == "p-134" and block.anchor == "p-wdtvgcm"
    heading = next(b for b in bulletin.articles[3].blocks if b.line == 67)
    assert anchors.legacy_anchor(heading) == "h-67"
    assert '<span class="annotate-old-id" id="h-67"></span>' in render.article_markdown(bulletin, bulletin.articles[3])


def test_old_alias_lands_on_its_paragraph_in_the_built_site(march_site: Path) -> None:
    soup = BeautifulSoup((march_site / "2026-03/06.html").read_text(encoding="utf-8"), "html.parser")
    alias = soup.select_one("#p-134")
    assert alias is not None and alias.name == "span" and alias.get_text() == ""
    assert alias.parent.name == "p" and alias.parent["id"] == "p-wdtvgcm"
    ids = [el["id"] for el in soup.select("article [id]")]
    assert len(ids) == len(set(ids))


# ------------------------------------------------------------------------------------- editors' files


def march_pair(bulletin: Bulletin) -> IgnorePair:
    """The pair that suppresses the 02 line 47 ↔ 04 line 109 passage link, by their ids."""
    lines = by_line(bulletin)
    return IgnorePair(f"2026-03/02#{lines[47][1]}", f"2026-03/04#{lines[109][1]}", "xref-ignore.yml:3")


def linked(bulletin: Bulletin, settings: XrefSettings | None = None) -> set[tuple[str, str]]:
    return {(link.a.anchor, link.b.anchor) for link in build_xref([bulletin], settings).links}


def test_ignore_pair_still_suppresses_after_a_directive_is_added() -> None:
    """The issue's case: an editor suppresses a link, then fixes the cut above it with a directive."""
    before = segment_text(MARCH, "2026-03.txt")
    pair = march_pair(before)
    target = (pair.a.split("#")[1], pair.b.split("#")[1])
    assert target in linked(before)
    settings = XrefSettings(ignore_pairs=(pair,))
    assert target not in linked(before, settings)
    after = segment_text(edited_march()[0], "2026-03.txt")
    check_ignore_pairs([after], [pair])
    assert target not in linked(after, settings) and target in linked(after)


@pytest.mark.parametrize(
    ("side", "message"),
    [
        ("2026-03/02#p-bbbbbbb", r"^xref-ignore\.yml:3: 2026-03/02 中没有锚点 #p-bbbbbbb.*\(no anchor"),
        ("2026-03/02#p-47", r"^xref-ignore\.yml:3: #p-47 是按行号编的旧锚点.*现在是 #p-tjcvmpj"),
        ("2026-03/99", r"^xref-ignore\.yml:3: 找不到文章 2026-03/99"),
        ("2026-05/01#p-3", r"^xref-ignore\.yml:3: 找不到文章 2026-05/01"),
    ],
)
def test_stale_ignore_pair_is_an_error_naming_file_and_line(side: str, message: str) -> None:
    bulletin = segment_text(MARCH, "2026-03.txt")
    with pytest.raises(XrefIgnoreError, match=message):
        check_ignore_pairs([bulletin], [IgnorePair("2026-03/04", side, "xref-ignore.yml:3")])
    check_ignore_pairs([bulletin], [march_pair(bulletin), IgnorePair("2026-03/04", "2026-03/06#art-6")])
