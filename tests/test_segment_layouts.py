"""Layout independence: every gold bulletin, re-laid-out in every layout family, must be cut as its gold says.

The variants come from ``relayout.py`` (same articles, same characters, another layout, gold line numbers
recomputed). ``original`` is the file as it is. A failure prints the score summary, the first mismatches and
the lossless check; the tests of the re-layout tool itself are at the end.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import relayout
from relayout import FAMILIES, Variant

from annotate.reader import InputError
from annotate.scoring import score
from annotate.segment import segment_text

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = {
    "march": (ROOT / "docs/bulletins/2026-03.txt", DATA / "2026-03.gold.json"),
    "D": (DATA / "bulletin_D.txt", DATA / "bulletin_D.gold.json"),
    "E": (DATA / "bulletin_E.txt", DATA / "bulletin_E.gold.json"),
    "F": (DATA / "bulletin_F.txt", DATA / "bulletin_F.gold.json"),
    "G": (DATA / "bulletin_G.txt", DATA / "bulletin_G.gold.json"),  # print, none of it seen while the rules were made
    "H": (DATA / "bulletin_H.txt", DATA / "bulletin_H.gold.json"),  # web copy, the same
    "I": (DATA / "bulletin_I.txt", DATA / "bulletin_I.gold.json"),  # no blank lines, no indent, the same
    "J": (DATA / "bulletin_J.txt", DATA / "bulletin_J.gold.json"),  # each source its own habits, the same
}
FOOTER = re.compile(r"^\s*(?:—|-)\s?\d+\s?(?:—|-)$")


@functools.cache
def doc(case: str) -> relayout.Doc:
    return relayout.load(*CASES[case])


@functools.cache
def variant(case: str, family: str) -> Variant:
    if family == "original":
        text_path, gold_path = CASES[case]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        return Variant(text_path.stem, "original", text_path.read_bytes().decode("utf-8"), gold)
    return FAMILIES[family](doc(case))


def content_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(relayout.source_lines(text), start=1)
            if line.strip() and not line.strip().startswith("%%")]


@pytest.mark.parametrize("family", ["original", *FAMILIES])
@pytest.mark.parametrize("case", list(CASES))
def test_layout_matches_gold(case: str, family: str) -> None:
    layout = variant(case, family)
    try:
        bulletin = segment_text(layout.text, f"{layout.name}.txt")
    except InputError as err:
        pytest.fail(f"{layout.name}: segmenter raised: {err}", pytrace=False)
    result = score(bulletin, layout.gold, lines=content_lines(layout.text))
    lossless = relayout.lossless_problem(layout.text, bulletin)
    if result.mismatches or lossless:
        shown = result.mismatches[:5]
        more = len(result.mismatches) - len(shown)
        message = [f"{layout.name}: {result.summary()}", *(f"  {m}" for m in shown)]
        if more:
            message.append(f"  … and {more} more mismatches")
        if lossless:
            message.append(f"  {lossless}")
        pytest.fail("\n".join(message), pytrace=False)


# ------------------------------------------------------------------------------- the re-layout tool


def strip_space(text: str) -> str:
    return relayout.non_space(text)


def check_gold(layout: Variant, story_list: list[relayout.Story]) -> None:
    """The variant's gold points at the right lines of its text."""
    lines = relayout.source_lines(layout.text)
    footers = set(layout.gold["page_footers"])
    assert all(FOOTER.match(lines[n - 1]) for n in footers)
    owner: dict[int, int] = {}
    articles = layout.gold["articles"]
    assert len(articles) == len(story_list)
    for index, (article, story) in enumerate(zip(articles, story_list, strict=True)):
        first, last = article["first_line"], article["last_line"]
        inside = [n for n in range(first, last + 1) if lines[n - 1].strip() and n not in footers]
        for n in range(first, last + 1):
            assert n not in owner, f"line {n} in two spans"
            owner[n] = index
        texts = [lines[n - 1].strip() for n in inside]
        # First line: the kicker, else the title; the kicker and title lines follow in order.
        position = 0
        for name in ("kicker", "title"):
            want = article[name]
            if want is None:
                continue
            got = ""
            while len(got) < len(want):
                got += texts[position]
                position += 1
            assert got == want, (layout.name, index, name)
        # Last line: the end of the last body paragraph (or of the header when there is no body).
        assert lines[last - 1].strip() and last not in footers
        last_text = story.body[-1].text if story.body else (story.extra or story.subtitle or story.title)[-1]
        assert last_text.endswith(lines[last - 1].strip())
        # Every character of the story is in the span, in order, and nothing else is.
        parts = [*story.kicker, *story.title, *story.subtitle, *story.extra, *(p.text for p in story.body)]
        assert strip_space("".join(texts)) == strip_space("".join(parts))
        headings = strip_space("".join(article["headings"]))
        assert headings == strip_space("".join(p.text for p in story.body if p.heading))
    # Outside the spans: only source lines (after the article that carries them) and page footers.
    for n, line in enumerate(lines, start=1):
        if line.strip() and n not in owner and n not in footers:
            before = max(i for m, i in owner.items() if m < n)
            assert line.strip() == articles[before]["source_line"], (layout.name, n)


@pytest.mark.parametrize("case", list(CASES))
def test_relayout_parses_every_gold_bulletin(case: str) -> None:
    parsed = doc(case)
    gold = json.loads(CASES[case][1].read_text(encoding="utf-8"))
    assert [s.gold["title"] for s in parsed.stories] == [a["title"] for a in gold["articles"]]
    sources = [item.text for item in parsed.items if isinstance(item, relayout.SourceLine)]
    assert sources == [a["source_line"] for a in gold["articles"] if a["source_line"]]


@pytest.mark.parametrize("family", list(FAMILIES))
@pytest.mark.parametrize("case", list(CASES))
def test_relayout_gold_points_at_its_lines(case: str, family: str) -> None:
    layout = variant(case, family)
    check_gold(layout, doc(case).stories)
    # Characters are never changed, only whitespace and line breaks.
    original = CASES[case][0].read_text(encoding="utf-8-sig")
    footers = set(layout.gold["page_footers"])
    kept = [line for n, line in enumerate(relayout.source_lines(layout.text), start=1) if n not in footers]
    assert strip_space("".join(kept)) == strip_space(original)


def test_relayout_blank_of_d_round_trips() -> None:
    layout = variant("D", "blank")
    lines = relayout.source_lines(layout.text)
    articles = layout.gold["articles"]
    assert [a["title"] for a in articles] == [s.gold["title"] for s in doc("D").stories]
    assert lines[articles[4]["first_line"] - 1] == "新春走基层"
    assert lines[articles[4]["first_line"]] == "风雪巡边路 热血铸忠诚"
    # The byline stays in the header, directly under the title; then one blank line, then the body.
    byline = articles[12]["first_line"] + 2
    assert lines[byline - 1] == "本报记者  王  丹" and lines[byline] == "" and lines[byline + 1]
    # Two blank lines between articles; a source line has one blank line before it.
    for previous, article in itertools.pairwise(articles):
        gap = lines[previous["last_line"]:article["first_line"] - 1]
        if previous["source_line"]:
            assert gap[:2] == ["", previous["source_line"]] and gap[2:] == ["", ""]
        else:
            assert gap == ["", ""]
    # Parsing the variant with its own gold gives back the same stories.
    again = relayout.parse(layout.text, layout.gold, "again")
    assert [(s.kicker, s.title, s.subtitle, s.extra, s.body) for s in again.stories] == [
        (s.kicker, s.title, s.subtitle, s.extra, s.body) for s in doc("D").stories]


@pytest.mark.parametrize("family", ["indent_u3000", "indent_spaces", "indent_tab", "crlf"])
def test_relayout_unwrapped_families_round_trip(family: str) -> None:
    for case in CASES:
        layout = variant(case, family)
        again = relayout.parse(layout.text, layout.gold, "again")
        assert [(s.title, s.extra, s.body) for s in again.stories] == [
            (s.title, s.extra, s.body) for s in doc(case).stories]


def test_relayout_indent_family_shape() -> None:
    layout = variant("E", "indent_u3000")
    lines = relayout.source_lines(layout.text)
    assert "" not in lines[:-1] and lines[-1] == ""
    header = set()
    for article, story in zip(layout.gold["articles"], doc("E").stories, strict=True):
        size = len(story.kicker) + len(story.title) + len(story.subtitle) + len(story.extra)
        header.update(range(article["first_line"], article["first_line"] + size))
    for n, line in enumerate(lines[:-1], start=1):
        flush = n in header or line.startswith("（以上")
        assert line[0].isspace() != flush, (n, line)
    heading = layout.gold["articles"][4]["headings"][0]
    assert "\u3000\u3000" + heading in lines
    assert variant("E", "indent_tab").text.count("\n\t") > 100


def test_relayout_crlf_and_mixed_line_ends() -> None:
    for family in ("crlf", "mixed"):
        text = variant("F", family).text
        assert text.count("\r\n") == text.count("\n")
    assert variant("F", "blank").text.count("\r") == 0


def test_relayout_mixed_changes_family_per_article() -> None:
    lines = relayout.source_lines(variant("D", "mixed").text)
    starts = [a["first_line"] for a in variant("D", "mixed").gold["articles"]]
    indents = {lines[n][:1] for n in starts[:-1] if lines[n].strip()}  # the line under each title
    assert len(indents) >= 2


def test_relayout_hardwrap_shape() -> None:
    for case in CASES:
        for family in ("hardwrap", "hardwrap_indent"):
            layout = variant(case, family)
            width = layout.gold["layout"]["width"]
            assert 28 <= width <= 40
            lines = relayout.source_lines(layout.text)
            footers = layout.gold["page_footers"]
            assert len(footers) >= len(lines) // 43 and footers[-1] == len(lines) - 1
            body = [line.strip() for n, line in enumerate(lines, start=1) if n not in footers]
            assert max(len(line) for line in body if not line.startswith(("——", "（以上"))) <= 100
            assert sum(len(line) > width + 2 for line in body) < 30  # kickers and subtitles are not wrapped
    # A long title becomes a title on several lines; its gold stays the joined title.
    layout = variant("D", "hardwrap")
    first = layout.gold["articles"][0]
    lines = relayout.source_lines(layout.text)
    assert "".join(lines[:3]) == first["title"] and lines[3] == ""


def test_wrap_keeps_every_character() -> None:
    text = "新华社北京2月12日电  中共中央政治局常委、国务院总理李强，www.thepaper.cn 报道，增长6.7%。"
    for width in range(6, 40):
        parts = relayout.wrap(text, width)
        assert "".join(parts) == text
        assert all(part == part.strip() for part in parts)
        assert all(len(part) <= width + 2 for part in parts)
        assert not any(part[0] in "，。、" for part in parts[1:])
    assert relayout.wrap("中华人民共和国2025年", 9) == ["中华人民共和国", "2025年"]
    assert relayout.wrap("短", 28) == ["短"]


def test_split_title() -> None:
    lines, gold = relayout.split_title("练好内功，才能把潜力激发出来（与企业家谈“新”）")
    assert lines == ["练好内功，", "才能把潜力激发出来（与企业家谈“新”）"] and gold == "".join(lines)
    lines, gold = relayout.split_title("在充满光荣和梦想的新征程上书写为中国式现代化挺膺担当的青春篇章")
    assert lines == ["在充满光荣和梦想的", "新征程上书写为中国式现代化挺膺担当的青春篇章"]
    title = "厚植创新发展优势  勇立改革开放潮头 只争朝夕做好“十五五”开局之年工作"
    assert relayout.split_title(title) is None  # only spaces: off by default
    lines, gold = relayout.split_title(title, at_spaces=True)
    assert lines == ["厚植创新发展优势  勇立改革开放潮头", "只争朝夕做好“十五五”开局之年工作"]
    assert gold == "厚植创新发展优势  勇立改革开放潮头只争朝夕做好“十五五”开局之年工作"
    assert relayout.split_title("风雪巡边路，热血铸忠诚") is None  # short
    assert relayout.split_title("王伟中同志在全区推进高质量发展大会上的讲话") is None  # second line too short


def test_kicker_twoline_splits_titles_not_kickers() -> None:
    layout = variant("E", "kicker_twoline")
    articles = layout.gold["articles"]
    lines = relayout.source_lines(layout.text)
    third = articles[2]
    first = lines[third["first_line"] - 1]
    assert first == "在充满光荣和梦想的" and first + lines[third["first_line"]] == third["title"]
    assert [a["title"] for a in articles] == [s.gold["title"] for s in doc("E").stories]
    assert lines[articles[3]["first_line"] - 1] == articles[3]["kicker"]
    split = sum(lines[a["first_line"] - 1 + bool(a["kicker"])] != a["title"] for a in articles)
    assert split == 4


def test_lossless_check() -> None:
    def block(text: str, *lines: int, kind: str = "paragraph") -> SimpleNamespace:
        return SimpleNamespace(text=text, lines=lines, line=lines[0], kind=kind)

    text = "标题\n\n  第一\n— 3 —\n段，\n%% body\n第二段。\n另一篇\n正文\n"
    footer = block("— 3 —", 4, kind="footer")
    first = SimpleNamespace(header=[block("标题", 1)], blocks=[block("第一段，", 3, 5), footer, block("第二段。", 7)])
    second = SimpleNamespace(header=[block("另一篇", 8)], blocks=[block("正文", 9)])
    bulletin = SimpleNamespace(front_matter=[], articles=[first, second])
    assert relayout.lossless_problem(text, bulletin) is None  # the footer may follow the joined paragraph
    first.blocks[1] = block("— 3 —", 4)  # … but an ordinary block must be in order
    assert "first difference" in relayout.lossless_problem(text, bulletin)
    first.blocks[1] = block("— 4 —", 4, kind="footer")
    assert "footer block at line 4" in relayout.lossless_problem(text, bulletin)
    first.blocks[1] = footer
    second.blocks = []
    assert "blocks 13" in relayout.lossless_problem(text, bulletin)
