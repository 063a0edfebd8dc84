"""Editors correct a wrong cut with %% directives inside the .txt, never shown on the site."""

from __future__ import annotations

import pytest

from annotate.model import BlockKind
from annotate.reader import InputError
from annotate.segment import segment_text

BASE = "第一篇标题\n\n第一段正文。\n\n小标题一样的行\n\n第二段正文。\n"


def titles(text: str) -> list[str]:
    return [a.title for a in segment_text(text).articles]


def test_without_directive_a_title_like_line_starts_an_article() -> None:
    assert titles(BASE) == ["第一篇标题", "小标题一样的行"]


def test_heading_directive_keeps_it_inside() -> None:
    bulletin = segment_text(BASE.replace("小标题一样的行", "%% heading\n小标题一样的行"))
    assert [a.title for a in bulletin.articles] == ["第一篇标题"]
    assert [h.text for h in bulletin.articles[0].headings] == ["小标题一样的行"]
    assert bulletin.directives[0].name == "heading" and bulletin.directives[0].line == 5


def test_body_directive_makes_a_paragraph() -> None:
    bulletin = segment_text(BASE.replace("小标题一样的行", "%% body\n小标题一样的行"))
    kinds = [(b.kind, b.text) for b in bulletin.articles[0].blocks]
    assert (BlockKind.PARAGRAPH, "小标题一样的行") in kinds


def test_article_directive_splits_where_nothing_else_would() -> None:
    text = "第一篇标题\n\n第一段正文。\n\n%% article\n这一段其实是新文章的标题吗？\n\n正文。\n"
    assert titles(text) == ["第一篇标题", "这一段其实是新文章的标题吗？"]


def test_kicker_and_title_directives() -> None:
    text = "第一篇标题\n\n正文。\n\n%% kicker\n普通的一行\n%% title\n真正的标题\n\n正文。\n"
    article = segment_text(text).articles[1]
    assert (article.kicker, article.title) == ("普通的一行", "真正的标题")


def test_subtitle_directive() -> None:
    article = segment_text("标题\n%% subtitle\n没有破折号的副题\n\n正文。\n").articles[0]
    assert article.subtitle == "没有破折号的副题"


def test_directive_lines_are_not_text() -> None:
    bulletin = segment_text("%% title\n标题\n\n%% body\n正文\n")
    assert [b.text for a in bulletin.articles for b in a.all_blocks] == ["标题", "正文"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [("标题\n\n%% nonsense\n正文。\n", 3, "nonsense"), ("标题\n\n正文。\n%% body\n", 4, "directive"),
     ("标题\n%% body\n%% heading\n正文。\n", 3, "directive")],
)
def test_bad_directives_are_reported_with_their_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        segment_text(text, "b.txt")
    assert str(info.value).startswith(f"b.txt:{line}:") and fragment in str(info.value)


def test_no_title_anywhere_names_the_first_line_and_the_fix() -> None:
    with pytest.raises(InputError) as info:
        segment_text("\n%% subtitle\n副题而已\n一、只有编号的一行。\n", "b.txt")
    assert str(info.value).startswith("b.txt:3:") and "%% title" in str(info.value)
