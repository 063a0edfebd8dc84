"""Cross-references on synthetic bulletins built directly as model objects (no segmenter needed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from annotate.model import Article, Block, BlockKind, Bulletin
from annotate.xref import (
    IgnorePair,
    XrefIgnoreError,
    XrefSettings,
    build_xref,
    load_ignore_file,
    normalize_with_map,
    parse_ignore,
)

ROOT = Path(__file__).resolve().parents[1]


def filler(seed: int, size: int) -> str:
    """Deterministic text no other seed repeats: random CJK characters (no shared 8-grams by chance)."""
    rng = random.Random(seed)
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(size))


# Distinctive passages (made of random characters, so nothing else in a test shares them).
PASSAGE = "把敢不敢扛事、愿不愿做事、能不能干事作为识别干部、评判优劣、奖惩升降的重要标准"
FORMULA = "以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大和二十届历次全会精神"


def article(
    index: int, title: str, paragraphs: list[str], *, first_line: int = 0, headings: dict[int, str] | None = None
) -> Article:
    """An article whose body paragraphs are ``paragraphs``; ``headings`` maps a position to heading text."""
    line = first_line or index * 100
    header = [Block(BlockKind.TITLE, (line,), title, anchor=f"p-{line}")]
    blocks = []
    headings = headings or {}
    for i, text in enumerate(paragraphs):
        line += 2
        if i in headings:
            blocks.append(Block(BlockKind.HEADING, (line,), headings[i], level=2, anchor=f"h-{line}"))
            line += 2
        blocks.append(Block(BlockKind.PARAGRAPH, (line,), text, anchor=f"p-{line}"))
    return Article(index, f"{index:02d}", header, blocks)


def bulletin(slug: str, articles: list[Article]) -> Bulletin:
    return Bulletin(f"{slug}.txt", slug, slug, None, None, articles)


def distinct_articles(count: int, seed: int = 0) -> list[Article]:
    """``count`` articles of unrelated text."""
    return [
        article(
            i,
            f"标题{filler(seed * 1000 + i, 10)}",
            [filler(seed * 1000 + 100 + i, 120), filler(seed * 1000 + 200 + i, 90)],
        )
        for i in range(1, count + 1)
    ]


def block_by_line(b: Bulletin, line: int) -> tuple[Article, Block]:
    for art in b.articles:
        for block in art.blocks:
            if block.line == line:
                return art, block
    raise KeyError(line)


# ----------------------------------------------------------------------------------- parallel passages


def test_distinctive_repeat_links_both_ways_with_exact_offsets() -> None:
    text_a = filler(1, 40) + "。" + PASSAGE + "。" + filler(2, 30)
    text_b = filler(3, 15) + "，" + PASSAGE.replace("、", "，", 1) + "；" + filler(4, 50)
    arts = distinct_articles(4)
    arts[0].blocks[1] = Block(BlockKind.PARAGRAPH, (104,), text_a, anchor="p-104")
    arts[2].blocks[0] = Block(BlockKind.PARAGRAPH, (302,), text_b, anchor="p-302")
    index = build_xref([bulletin("2026-03", arts)])

    assert len(index.links) == 1
    link = index.links[0]
    assert (link.a.line, link.b.line) == (104, 302)
    assert (link.a.source, link.a.article, link.b.article) == ("2026-03.txt", "01", "03")
    assert link.shared == PASSAGE  # the first 、 differs in b but punctuation is not compared
    (a0, a1), (b0, b1) = link.spans_a[0], link.spans_b[0]
    assert text_a[a0:a1] == PASSAGE
    assert (a0, a1) == (41, 41 + len(PASSAGE))
    assert text_b[b0:b1] == PASSAGE.replace("、", "，", 1)
    assert (b0, b1) == (16, 16 + len(PASSAGE))
    assert 0 < link.score <= 1

    marks_a = index.for_block("2026-03", "01", "p-104")
    marks_b = index.for_block("2026-03", "03", "p-302")
    assert [(m.start, m.end, m.kind) for m in marks_a] == [(a0, a1, "passage")]
    assert [(m.start, m.end, m.kind) for m in marks_b] == [(b0, b1, "passage")]
    to_b, to_a = marks_a[0].targets[0], marks_b[0].targets[0]
    assert (to_b.article, to_b.anchor, to_b.title, to_b.start, to_b.end) == ("03", "p-302", arts[2].title, b0, b1)
    assert (to_a.article, to_a.anchor, to_a.start) == ("01", "p-104", a0)
    assert index.for_block("2026-03", "02", "p-202") == []


def test_cli_contract_fields() -> None:
    arts = distinct_articles(3)
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), filler(5, 20) + PASSAGE, anchor="p-102")
    arts[1].blocks[0] = Block(BlockKind.PARAGRAPH, (202,), PASSAGE + filler(6, 20), anchor="p-202")
    data = build_xref([bulletin("2026-03", arts)]).to_json()
    link = data["links"][0]
    assert link["a"]["source"] == "2026-03.txt" and link["a"]["line"] == 102
    assert link["b"]["line"] == 202 and link["shared"] == PASSAGE
    assert isinstance(link["score"], float)
    rel = data["related"][0]
    assert {"a", "b", "score", "reason"} <= set(rel)
    assert (rel["a"], rel["b"]) == ("2026-03/01", "2026-03/02")
    json.dumps(data, ensure_ascii=False)


def test_same_article_repeats_do_not_link() -> None:
    arts = distinct_articles(3)
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), filler(7, 10) + PASSAGE, anchor="p-102")
    arts[0].blocks[1] = Block(BlockKind.PARAGRAPH, (104,), PASSAGE + filler(8, 10), anchor="p-104")
    assert build_xref([bulletin("2026-03", arts)]).links == []


def test_short_shared_run_does_not_link() -> None:
    short = PASSAGE[:18]  # 16 characters without punctuation, below min_run
    arts = distinct_articles(3)
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), filler(9, 10) + short + filler(10, 10), anchor="p-102")
    arts[1].blocks[0] = Block(BlockKind.PARAGRAPH, (202,), filler(11, 10) + short + filler(12, 10), anchor="p-202")
    assert build_xref([bulletin("2026-03", arts)]).links == []
    assert len(build_xref([bulletin("2026-03", arts)], XrefSettings(min_run=12)).links) == 1


# ---------------------------------------------------------------------------------------- boilerplate


def _with_formula(holders: int, extra: str = "") -> list[Article]:
    arts = distinct_articles(6)
    for n in range(holders):
        text = filler(20 + n, 30) + "，要" + FORMULA + extra + "，" + filler(40 + n, 30)
        arts[n].blocks[0] = Block(
            BlockKind.PARAGRAPH, (arts[n].index * 100 + 2,), text, anchor=f"p-{arts[n].index * 100 + 2}"
        )
    return arts


def test_formula_in_three_articles_is_boilerplate() -> None:
    assert len(FORMULA) >= 2 * XrefSettings().min_run
    assert build_xref([bulletin("2026-03", _with_formula(3))]).links == []
    assert build_xref([bulletin("2026-03", _with_formula(5))]).links == []


def test_formula_in_two_articles_still_links() -> None:
    """Control for the boilerplate test: the same text in only two articles is a distinctive repeat."""
    links = build_xref([bulletin("2026-03", _with_formula(2))]).links
    assert len(links) == 1 and FORMULA.rstrip("。") in links[0].shared


def test_formula_plus_a_few_shared_characters_does_not_link() -> None:
    """A run that is boilerplate plus fewer than min_run distinctive characters is not distinctive."""
    arts = _with_formula(3)
    tail = filler(99, 12)
    for n in (0, 1):  # two of the three formula holders also share 12 more characters after it
        b = arts[n].blocks[0]
        arts[n].blocks[0] = Block(b.kind, b.lines, b.text.replace(FORMULA, FORMULA + tail), anchor=b.anchor)
    assert build_xref([bulletin("2026-03", arts)]).links == []
    longer = filler(98, 30)
    for n in (0, 1):
        b = arts[n].blocks[0]
        arts[n].blocks[0] = Block(b.kind, b.lines, b.text.replace(tail, longer), anchor=b.anchor)
    links = build_xref([bulletin("2026-03", arts)]).links
    assert len(links) == 1 and links[0].distinctive >= 30


def test_max_df_as_count() -> None:
    arts = _with_formula(3)
    assert build_xref([bulletin("2026-03", arts)], XrefSettings(max_df=3)).links != []
    assert build_xref([bulletin("2026-03", arts)], XrefSettings(max_df=2)).links == []


# ----------------------------------------------------------------------------------------- references


NOTICE = "民进中央关于学习宣传贯彻十四届全国人大四次会议和全国政协十四届四次会议精神的通知"
REGULATION = "国有企业领导人员廉洁从业规定"


def _reference_archive(mention: str) -> Bulletin:
    arts = distinct_articles(4)
    arts[1] = article(2, NOTICE, [filler(300, 80)])
    arts[2] = article(
        3, "中办国办印发《" + REGULATION + "》", [filler(301, 40), filler(302, 60)], headings={1: REGULATION}
    )
    arts[3] = article(4, "会议报告" + filler(303, 6), [filler(304, 30) + mention + filler(305, 20)])
    return bulletin("2026-03", arts)


def test_bracketed_title_links_to_article_and_embedded_heading() -> None:
    mention = "会议审议通过《" + NOTICE + "》，学习了《" + REGULATION + "》。"
    b = _reference_archive(mention)
    refs = build_xref([b]).references
    assert [(r.target.article, r.target.anchor, r.bracketed, r.exact) for r in refs] == [
        ("02", "", True, True),
        ("03", "h-304", True, True),
    ]
    text = b.articles[3].blocks[0].text
    assert text[refs[0].start : refs[0].end] == "《" + NOTICE + "》"
    assert text[refs[1].start : refs[1].end] == "《" + REGULATION + "》"
    assert refs[1].target.heading == REGULATION and refs[0].target.title == NOTICE
    marks = build_xref([b]).for_block("2026-03", "04", b.articles[3].blocks[0].anchor)
    assert [m.kind for m in marks] == ["reference", "reference"]


def test_unbracketed_near_exact_title_links() -> None:
    near = NOTICE.replace("学习宣传贯彻", "学习贯彻")  # how the March meeting report names the notice
    refs = build_xref([_reference_archive("审议通过" + near + "；听取")]).references
    assert len(refs) == 1
    ref = refs[0]
    assert (ref.target.article, ref.exact, ref.bracketed, ref.mention) == ("02", False, False, near)


def test_ellipsis_title_and_unknown_title() -> None:
    refs = build_xref(
        [_reference_archive("印发《民进中央关于学习宣传贯彻……的通知》和《不存在的文件标题名称》")]
    ).references
    assert [(r.target.article, r.exact) for r in refs] == [("02", False)]


def test_title_mention_in_own_article_is_not_a_reference() -> None:
    b = _reference_archive("无关")
    art = b.articles[2]
    art.blocks[0] = Block(
        BlockKind.PARAGRAPH, art.blocks[0].lines, "印发了《" + REGULATION + "》全文", anchor=art.blocks[0].anchor
    )
    assert build_xref([b]).references == []


# ------------------------------------------------------------------------------------- across bulletins


def test_link_across_two_bulletins() -> None:
    march, april = distinct_articles(3, seed=1), distinct_articles(3, seed=2)
    march[1].blocks[0] = Block(BlockKind.PARAGRAPH, (202,), filler(50, 25) + PASSAGE, anchor="p-202")
    april[2].blocks[1] = Block(BlockKind.PARAGRAPH, (304,), PASSAGE + filler(51, 25), anchor="p-304")
    b1, b2 = bulletin("2026-03", march), bulletin("2026-04", april)
    index = build_xref([b1, b2])
    assert len(index.links) == 1
    link = index.links[0]
    assert (link.a.source, link.a.line, link.b.source, link.b.line) == ("2026-03.txt", 202, "2026-04.txt", 304)
    assert index.for_block("2026-04", "03", "p-304")[0].targets[0].bulletin == "2026-03"
    assert [r.b for r in index.related_for("2026-04", "03")] == ["2026-03/02"]


# ---------------------------------------------------------------------------------------- ignore list


def _pair_archive() -> Bulletin:
    arts = distinct_articles(4)
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), filler(60, 20) + PASSAGE, anchor="p-102")
    arts[1].blocks[0] = Block(BlockKind.PARAGRAPH, (202,), PASSAGE + filler(61, 20), anchor="p-202")
    other = filler(62, 40)
    arts[0].blocks[1] = Block(BlockKind.PARAGRAPH, (104,), other + filler(63, 10), anchor="p-104")
    arts[1].blocks[1] = Block(BlockKind.PARAGRAPH, (204,), filler(64, 10) + other, anchor="p-204")
    return bulletin("2026-03", arts)


def test_ignore_phrase_and_pairs() -> None:
    b = _pair_archive()
    assert len(build_xref([b]).links) == 2
    phrase = XrefSettings(ignore_phrases=(PASSAGE,))
    assert [link.a.line for link in build_xref([b], phrase).links] == [104]
    paragraph_pair = XrefSettings(ignore_pairs=(IgnorePair("2026-03/01#p-104", "2026-03/02#p-204"),))
    assert [link.a.line for link in build_xref([b], paragraph_pair).links] == [102]
    article_pair = XrefSettings(ignore_pairs=(("2026-03/02", "2026-03/01"),))  # order does not matter
    index = build_xref([b], article_pair)
    assert index.links == [] and index.related == []


def test_ignore_file_format_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "xref-ignore.yml"
    path.write_text(
        f"# comment\nphrases:\n  - {PASSAGE}\npairs:\n  - [2026-03/01, 2026-03/02#p-204]\n", encoding="utf-8"
    )
    ignore = load_ignore_file(path)
    assert ignore.phrases == (PASSAGE,)
    assert ignore.pairs == (IgnorePair("2026-03/01", "2026-03/02#p-204", f"{path}:5"),)
    assert build_xref([_pair_archive()], XrefSettings().with_ignore(ignore)).links == []
    assert load_ignore_file(tmp_path / "missing.yml").phrases == ()
    bad = {
        "phrases: []\nlinks: []\n": ":2: unknown key 'links'",
        "pairs:\n  - [2026-03/01]\n": ":2: a pair must be a list of two",
        "pairs:\n  - [2026-03/01, 第三篇]\n": ":2: '第三篇' is not a place",
        "phrases:\n  - ok phrase here\n  - [a, b]\n": ":3: a phrase must be a non-empty string",
        "phrases: [\n": ":2: not valid YAML",
    }
    for text, message in bad.items():
        with pytest.raises(XrefIgnoreError, match=message):
            parse_ignore(text, "xref-ignore.yml")


def test_shipped_ignore_file_parses() -> None:
    ignore = load_ignore_file(ROOT / "docs" / "xref-ignore.yml")
    assert ignore.phrases == () and ignore.pairs == ()


def test_unknown_ignore_pair_is_warned() -> None:
    index = build_xref(
        [_pair_archive()], XrefSettings(ignore_pairs=(IgnorePair("2026-03/09", "2026-03/01", "f.yml:3"),))
    )
    assert index.warnings == ["f.yml:3: no article 2026-03/09 in the archive"]


# ------------------------------------------------------------------------------------------ link caps


def test_max_links_per_paragraph_keeps_the_strongest() -> None:
    pieces = [filler(70 + n, 22 + 6 * n) for n in range(5)]  # longer pieces score higher
    arts = distinct_articles(6)
    hub = "，".join(pieces)
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), hub, anchor="p-102")
    for n, piece in enumerate(pieces, start=1):
        line = arts[n].index * 100 + 2
        arts[n].blocks[0] = Block(BlockKind.PARAGRAPH, (line,), filler(80 + n, 9) + piece, anchor=f"p-{line}")
    b = bulletin("2026-03", arts)
    assert len(build_xref([b]).links) == 5  # the default keeps every echo
    assert len(build_xref([b]).for_block("2026-03", "01", "p-102")) == 5
    capped = XrefSettings(max_links_per_paragraph=3)
    links = build_xref([b], capped).links
    assert [link.b.article for link in links] == ["04", "05", "06"]
    assert len(build_xref([b], capped).for_block("2026-03", "01", "p-102")) == 3


def test_weak_echoes_link_only_between_articles_that_share_a_passage() -> None:
    """A run of 20 characters with only half of them rare links between two versions of one text (they
    already share a long passage) and nowhere else: elsewhere it is a formula with a little context."""
    formula = "以新时代思想为指导坚持稳中求进工作总基调推动发展"  # in five articles: boilerplate
    arts = distinct_articles(5)
    echo = formula + "丹霞地貌风雨山川湖海"  # the formula plus ten rare characters
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), filler(60, 9) + echo + filler(61, 5), anchor="p-102")
    arts[1].blocks[0] = Block(BlockKind.PARAGRAPH, (202,), filler(62, 7) + echo + filler(63, 4), anchor="p-202")
    arts[2].blocks[1] = Block(BlockKind.PARAGRAPH, (303,), filler(64, 9) + formula + filler(65, 6), anchor="p-303")
    arts[3].blocks[1] = Block(BlockKind.PARAGRAPH, (403,), filler(66, 5) + formula + filler(67, 5), anchor="p-403")
    arts[4].blocks[1] = Block(BlockKind.PARAGRAPH, (503,), filler(68, 5) + formula + filler(69, 5), anchor="p-503")
    alone = build_xref([bulletin("2026-03", arts)])
    assert alone.links == []
    passage = filler(90, 50)  # articles 01 and 02 also share a long passage: versions of one text
    arts[0].blocks[1] = Block(BlockKind.PARAGRAPH, (103,), passage, anchor="p-103")
    arts[1].blocks[1] = Block(BlockKind.PARAGRAPH, (203,), filler(91, 3) + passage, anchor="p-203")
    index = build_xref([bulletin("2026-03", arts)])
    linked = {(ln.a.article, ln.a.anchor, ln.b.article, ln.b.anchor) for ln in index.links}
    assert linked == {("01", "p-103", "02", "p-203"), ("01", "p-102", "02", "p-202")}


def test_a_report_quoting_the_speech_links_even_when_the_sentence_is_set_phrases() -> None:
    """“蔡达峰强调，<the speech's sentence>”: between two versions of one text, a run of ``min_run`` characters
    that the report introduces with a reporting verb links even though set phrases make up most of it; the
    same sentence without the verb, or between articles that are not versions of each other, does not."""
    first = "学习贯彻会议精神是全会"  # in five articles: boilerplate
    second = "当前和今后一个时期的重大政治任务"  # in five articles: boilerplate
    sentence = first + "民进" + second  # the two joined by two rare characters

    def archive(verb: str, versions: bool) -> Bulletin:
        arts = distinct_articles(5)
        speech = Block(BlockKind.PARAGRAPH, (102,), sentence + "。" + filler(60, 30), anchor="p-102")
        report = Block(BlockKind.PARAGRAPH, (202,), filler(61, 6) + verb + "，" + sentence + "，" + filler(62, 9),
                       anchor="p-202")
        arts[0].blocks[0], arts[1].blocks[0] = speech, report
        for n, line in ((2, 303), (3, 403), (4, 503)):
            arts[n].blocks[1] = Block(BlockKind.PARAGRAPH, (line,), filler(70 + n, 5) + first + filler(80 + n, 4)
                                      + second + filler(90 + n, 5), anchor=f"p-{line}")
        if versions:  # the report and the speech also share a long passage
            passage = filler(99, 50)
            arts[0].blocks[1] = Block(BlockKind.PARAGRAPH, (103,), passage, anchor="p-103")
            arts[1].blocks[1] = Block(BlockKind.PARAGRAPH, (203,), filler(98, 3) + passage, anchor="p-203")
        return bulletin("2026-03", arts)

    def linked(verb: str, versions: bool) -> set[tuple[str, str, str, str]]:
        index = build_xref([archive(verb, versions)])
        return {(ln.a.article, ln.a.anchor, ln.b.article, ln.b.anchor) for ln in index.links}

    quoted = ("01", "p-102", "02", "p-202")
    assert quoted in linked("蔡达峰强调", versions=True)
    bases = {(ln.a.anchor, ln.basis) for ln in build_xref([archive("蔡达峰强调", versions=True)]).links}
    assert bases == {("p-102", "quoted"), ("p-103", "distinctive")}  # the editor sees why each links
    assert quoted in linked("他指出", versions=True)
    assert quoted not in linked("会议认为", versions=True)  # not a reporting verb: a formula with context
    assert linked("蔡达峰强调", versions=False) == set()  # not versions of one text


# ------------------------------------------------------------------------------------- related articles


def test_related_ranking_and_reasons() -> None:
    arts = distinct_articles(6)
    p1, p2, p3 = filler(90, 40), filler(91, 40), filler(92, 25)
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), p1 + "。" + filler(93, 10), anchor="p-102")
    arts[0].blocks[1] = Block(BlockKind.PARAGRAPH, (104,), p2 + "。" + p3, anchor="p-104")
    arts[1].blocks[0] = Block(BlockKind.PARAGRAPH, (202,), filler(94, 10) + p1, anchor="p-202")
    arts[1].blocks[1] = Block(BlockKind.PARAGRAPH, (204,), p2, anchor="p-204")
    arts[2].blocks[0] = Block(BlockKind.PARAGRAPH, (302,), p3 + filler(95, 60), anchor="p-302")
    terms = {("2026-03", "01"): {"十五五", "正确政绩观", "新质生产力"}, ("2026-03", "04"): {"十五五", "正确政绩观"}}
    index = build_xref([bulletin("2026-03", arts)], terms_by_article=terms)
    related = index.related_for("2026-03", "01")
    assert [r.b for r in related] == ["2026-03/02", "2026-03/03", "2026-03/04"]
    assert related[0].reason == "有2段文字相同" and related[0].passages == 2
    assert related[1].reason == "有1段文字相同"
    assert related[2].reason == "都谈到十五五、正确政绩观"
    assert related[0].score > related[1].score > related[2].score > 0
    assert [r.b for r in index.related_for("2026-03", "04")] == ["2026-03/01"]
    assert index.related_for("2026-03", "05") == []
    limited = build_xref([bulletin("2026-03", arts)], XrefSettings(related_max=1), terms_by_article=terms)
    assert [r.b for r in limited.related_for("2026-03", "01")] == ["2026-03/02"]


def test_reference_counts_as_related() -> None:
    index = build_xref([_reference_archive("印发《" + NOTICE + "》")])
    assert [(r.b, r.reason) for r in index.related_for("2026-03", "04")] == [("2026-03/02", "提到标题1处")]


# ------------------------------------------------------------------------------------------ determinism


def test_same_input_same_json() -> None:
    def archive() -> list[Bulletin]:
        b = _pair_archive()
        extra = _reference_archive("会议审议通过《" + NOTICE + "》")
        return [b, bulletin("2026-04", extra.articles)]

    first = json.dumps(build_xref(archive()).to_json(), ensure_ascii=False, sort_keys=False)
    second = json.dumps(build_xref(archive()).to_json(), ensure_ascii=False, sort_keys=False)
    assert first == second
    assert json.loads(first)["links"] and json.loads(first)["references"]


# ---------------------------------------------------------------------------------- helpers and settings


def test_normalize_with_map_points_back_into_the_text() -> None:
    text = " “十五五”时期，ＡＩ与 2026 年　"
    norm, index = normalize_with_map(text)
    assert norm == "十五五时期ai与2026年"
    assert "".join(text[i] for i in index) == "十五五时期ＡＩ与2026年"


def test_settings_validation() -> None:
    with pytest.raises(ValueError, match="min_run"):
        XrefSettings(min_run=4)
    with pytest.raises(ValueError, match="max_df"):
        XrefSettings(max_df=1.5)
    with pytest.raises(ValueError, match=r"mkdocs\.yml: unknown xref setting"):
        XrefSettings.from_mapping({"min_runs": 10}, where="mkdocs.yml")
    settings = XrefSettings.from_mapping({"min_run": 30, "max_df": 4, "ignore_pairs": [["2026-03/01", "2026-03/02"]]})
    assert settings.min_run == 30 and settings.df_cutoff(1000) == 4
    assert settings.ignore_pairs == (IgnorePair("2026-03/01", "2026-03/02"),)
    assert XrefSettings().df_cutoff(15) == 2 and XrefSettings().df_cutoff(1500) == 8


def test_reworded_passage_highlights_every_shared_piece() -> None:
    first, second = filler(110, 30), filler(111, 14)
    arts = distinct_articles(3)
    text_a = first + "，" + filler(112, 3) + second
    text_b = filler(113, 5) + first + "，" + filler(114, 4) + second + "。"
    arts[0].blocks[0] = Block(BlockKind.PARAGRAPH, (102,), text_a, anchor="p-102")
    arts[1].blocks[0] = Block(BlockKind.PARAGRAPH, (202,), text_b, anchor="p-202")
    (link,) = build_xref([bulletin("2026-03", arts)]).links
    assert [text_a[s:e] for s, e in link.spans_a] == [first, second]
    assert [text_b[s:e] for s, e in link.spans_b] == [first, second]
    assert link.shared == first and link.length == 30
