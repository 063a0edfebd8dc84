"""The real glossary's breadth: the standard vocabulary of Party and state news is covered, and short forms do
not fire inside longer words (the matcher finds a form wherever its characters occur, so a form must be
chosen that no common word contains).

Sentences here are invented, in the register of the news, not copied from a bulletin.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.glossary import load_glossary
from annotate.terms import TermMatcher

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = load_glossary(ROOT / "docs" / "glossary.yml")
MATCHER = TermMatcher(GLOSSARY)

# Every two-character form, reviewed for the longer words it could hide in (中国企业 holds 国企, 个人防护
# holds 人防, 优化债务 holds 化债: none of those is a form). A new two-character form fails this test until
# someone has checked it and added it here.
REVIEWED_TWO_CHARACTER_FORMS = {
    "三保", "三农", "三北", "三拍", "东盟", "两会", "个税", "中办", "低保", "信访", "党章", "六保", "六稳",
    "关税", "包钢", "医保", "双减", "双拥", "双碳", "台独", "台盟", "台胞", "四风", "国办", "央企", "宪法",
    "尹力", "春运", "李希", "李强", "民进", "王刚", "监委", "蔡奇", "金砖", "非遗", "韩正", "顾雪", "黄震",
}


def terms(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.term) for m in MATCHER.find(text)]


def test_the_standard_list_of_guiding_ideologies_is_defined() -> None:
    text = (
        "坚持马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、"
        "习近平新时代中国特色社会主义思想。"
    )
    assert [form for form, _ in terms(text)] == [
        "马克思列宁主义",
        "毛泽东思想",
        "邓小平理论",
        "三个代表",
        "科学发展观",
        "习近平新时代中国特色社会主义思想",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中央纪委国家监委对其立案审查调查，并采取留置措施。", ["中央纪委国家监委", "审查调查", "留置措施"]),
        ("十九届六中全会通过第三个历史决议。", ["十九届六中全会"]),
        ("上合组织峰会和金砖国家领导人会晤先后举行。", ["上合组织", "金砖国家"]),
        ("全面落实“双减”，推进“放管服”改革。", ["双减", "放管服"]),
        ("中央军委政治工作部和东部战区发布消息。", ["中央军委政治工作部", "东部战区"]),
        ("“十三五”时期和“十四五”时期。", ["十三五", "十四五"]),
    ],
)
def test_recurring_vocabulary_is_found(text: str, expected: list[str]) -> None:
    assert [form for form, _ in terms(text)] == expected


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("中国企业加快走出去。", "国企"),
        ("教育部门和公安部门联合检查。", "教育部"),
        ("采取线上合作的方式。", "上合"),
        ("发放个人防护用品。", "人防"),
        ("优化债务结构。", "化债"),
        ("纪念人民革命斗争。", "民革"),
        ("规范农村居民建房。", "民建"),
        ("解决算力瓶颈问题。", "决算"),
        ("熟读二十四史。", "四史"),
        ("推动数据集中共享。", "中共"),
        ("中央视察组到达当地。", "央视"),
        ("切勿混淆两重性。", "两重"),
        ("依法保护留置权。", "留置"),
        ("关心个人大事。", "人大"),
    ],
)
def test_a_short_form_does_not_fire_inside_a_longer_word(text: str, inside: str) -> None:
    start = text.index(inside)
    span = range(start, start + len(inside))
    hits = [m for m in MATCHER.find(text) if m.start in span or m.end - 1 in span]
    assert hits == [], [(text[m.start : m.end], m.entry.term) for m in hits]


def test_every_two_character_form_was_reviewed() -> None:
    assert {form for form in GLOSSARY.forms if len(form) == 2} == REVIEWED_TWO_CHARACTER_FORMS


def test_every_category_of_the_recurring_vocabulary_has_entries() -> None:
    sizes = {category.key: len(category.entries) for category in GLOSSARY.categories()}
    assert sizes["organisation"] >= 150 and sizes["formulation"] >= 300 and sizes["event"] >= 50
