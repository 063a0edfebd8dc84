"""The segmenter's judgement, one kind of mistake at a time, on small invented bulletins.

Each test is one of the mistake kinds seen on unseen bulletins (issue 13): the layout around a line, not a
fixed rule, decides whether it opens an article, and a doubtful decision is reported with its fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import relayout

from annotate import patterns as pat
from annotate.cli import main
from annotate.layout import read_lines
from annotate.model import BlockKind
from annotate.patterns import LineShape
from annotate.reader import read_text
from annotate.segment import segment_text

P1 = "这是第一篇文章的第一段正文，内容比较长，用来模拟真实的段落。"
P2 = "这是第一篇文章的第二段正文，同样写成完整的句子，结尾有句号。"
P3 = "这是第二篇文章的正文，讲述另一件事情，也有好几句话。"
P4 = "第二篇文章的第二段，继续讲述这件事情的经过和意义。"
IND = "\u3000\u3000"


def outline(text: str) -> list[tuple[str | None, str, str | None]]:
    return [(a.kicker, a.title, a.subtitle) for a in segment_text(text).articles]


def test_indented_lines_in_an_indented_bulletin_are_body_not_titles() -> None:
    # Newspaper print: no blank lines; bodies indented, headers flush left. A salutation, an interview's
    # quoted section heading and a column label inside the body stay in the article.
    text = (f"第一篇标题\n{IND}同志们：\n{IND}{P1}\n{IND}“要坚持做一个长跑者”\n{IND}{P2}\n"
            f"{IND}【记者手记】\n{IND}{P2}\n第二篇标题\n{IND}{P3}\n{IND}{P4}\n")
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题"]
    first = bulletin.articles[0]
    assert [h.text for h in first.headings] == ["“要坚持做一个长跑者”", "【记者手记】"]
    assert first.blocks[0].kind is BlockKind.SALUTATION


def test_a_line_ending_in_comma_or_colon_is_never_a_title() -> None:
    text = f"第一篇标题\n\n{P1}\n\n各位同事，\n\n{P2}\n\n第二篇标题\n\n{P3}\n"
    assert [t for _, t, _ in outline(text)] == ["第一篇标题", "第二篇标题"]


def test_kicker_over_a_headline_with_a_column_tag() -> None:
    text = f"一项新政策能走多远\n十条新措施助力企业发展（政策解读）\n\n{P1}\n\n{P2}\n"
    assert outline(text) == [("一项新政策能走多远", "十条新措施助力企业发展（政策解读）", None)]


def test_quoted_slogan_and_dash_label_are_kickers() -> None:
    text = (f"“奋斗正当时”\n青年突击队的一天\n\n{P1}\n\n\n"
            f"发展新成效——年度回望\n稳中求进 迎难而上\n\n{P3}\n")
    assert outline(text) == [("“奋斗正当时”", "青年突击队的一天", None),
                             ("发展新成效——年度回望", "稳中求进 迎难而上", None)]


def test_two_line_title_whose_first_line_does_not_end_a_phrase() -> None:
    text = f"某某办公厅关于开展\n城镇小区配套设施治理工作的通知\n\n{P1}\n\n{P2}\n"
    assert outline(text) == [(None, "某某办公厅关于开展城镇小区配套设施治理工作的通知", None)]


def test_trailing_notes_close_an_article_and_do_not_open_one() -> None:
    notes = ["《 某某日报 》（ 2026年01月05日 15 版）", "联系邮箱：editor@example.cn", "——编  者",
             "扫一扫在手机打开当前页", "原文链接：https://example.cn/a.html"]
    for note in notes:
        text = f"第一篇标题\n\n{P1}\n\n{note}\n\n第二篇标题\n\n{P3}\n"
        bulletin = segment_text(text)
        assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题"], note
        assert bulletin.articles[0].blocks[-1].text == note


def test_a_round_up_keeps_its_items_as_headings() -> None:
    lead = "本台消息（联播）："
    story = "\n\n".join(f"标题{n}\n\n{lead}{P1}" for n in "一二三")
    items = "\n\n".join(f"快讯第{n}条的小标题\n\n{P3}" for n in "一二三四")
    text = f"{story}\n\n\n国内快讯\n\n{lead}\n\n{items}\n\n\n标题四\n\n{lead}{P2}\n"
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["标题一", "标题二", "标题三", "国内快讯", "标题四"]
    assert len(bulletin.articles[3].headings) == 4


def test_lines_under_the_header_stay_in_the_article() -> None:
    # Who presided and attended, printed under the subtitle, before the first paragraph.
    text = (f"第一篇标题\n{IND}{P1}\n某某大会在京隆重召开\n——纪念某某活动一百周年\n王某某主持 李某某出席\n"
            f"{IND}{P3}\n{IND}{P4}\n")
    bulletin = segment_text(text)
    assert outline(text) == [(None, "第一篇标题", None), (None, "某某大会在京隆重召开", "——纪念某某活动一百周年")]
    assert bulletin.articles[1].blocks[0].text == "王某某主持 李某某出席"


def test_a_document_after_the_story_that_mentions_it_stands_alone() -> None:
    text = (f"会议在京召开\n\n会议审议通过了《某某全会公报》。{P1}\n\n\n某某全会公报\n\n{P3}\n\n{P4}\n")
    assert [t for _, t, _ in outline(text)] == ["会议在京召开", "某某全会公报"]


def test_an_announced_document_is_embedded() -> None:
    text = (f"某某印发《某某工作条例》\n\n{P1}\n\n《某某工作条例》全文如下。\n\n某某工作条例\n\n"
            "第一条 为了规范工作，制定本条例。\n")
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["某某印发《某某工作条例》"]
    assert [h.text for h in bulletin.articles[0].headings] == ["某某工作条例"]


def test_hard_wrapped_text_is_rejoined_and_page_footers_set_apart() -> None:
    width = 24
    # Three different paragraphs, as real text is (a wrap is many different lines of prose at one width).
    paragraphs = [P1 + P2 + P3 + P4, P2 + P4 + P1 + P3, P3 + P1 + P4 + P2]
    bodies = []
    for paragraph in paragraphs:
        wrapped = [paragraph[i:i + width] for i in range(0, len(paragraph), width)]
        bodies.append("\n".join([*wrapped[:3], "— 3 —", *wrapped[3:]]))
    text = f"第一篇标题\n\n{bodies[0]}\n\n{bodies[1]}\n\n第二篇标题\n\n{bodies[2]}\n"
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题"]
    first = bulletin.articles[0]
    assert [b.text for b in first.blocks if b.kind is BlockKind.PARAGRAPH] == paragraphs[:2]
    assert [b.text for b in first.blocks if b.kind is BlockKind.FOOTER] == ["— 3 —", "— 3 —"]
    assert first.blocks[0].lines == (3, 4, 5, 7, 8)  # every source line kept, the footer's (6) apart
    assert bulletin.layout["paragraph_marker"] == "hard-wrapped"


def test_keep_lines_turns_rejoining_off() -> None:
    paragraph = P1 * 4
    wrapped = "\n".join(paragraph[i:i + 24] for i in range(0, len(paragraph), 24))
    text = f"%% keep-lines\n第一篇标题\n\n{wrapped}\n\n{wrapped}\n"
    lines, directives, profile = read_lines(read_text(text.encode(), "b.txt"))
    assert profile.wrap_width is None and [d.name for d in directives] == ["keep-lines"]
    assert all(len(line.numbers) == 1 for line in lines)


def test_text_after_a_directive_is_the_line_it_governs() -> None:
    text = f"第一篇标题\n\n{P1}\n\n%% heading 一、着力扩大需求\n\n{P2}\n"
    article = segment_text(text).articles[0]
    assert [(h.text, h.line) for h in article.headings] == [("一、着力扩大需求", 5)]


def test_doubts_are_reported_with_the_directive_that_reverses_them(tmp_path, capsys) -> None:
    # A one-paragraph article between two others, no layout cue either way: the cut is reported.
    text = f"第一篇标题\n\n{P1}\n\n一行像标题的字\n\n{P2}\n\n第三篇标题\n\n{P3}\n"
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["segment", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(0.5 <= a["confidence"] <= 1.0 for a in data["articles"])
    assert data["layout"]["paragraph_marker"] == "blank-line"
    for warning in data["warnings"]:
        assert set(warning) == {"line", "message", "directive"}
        assert warning["directive"] in {"%% heading", "%% article", "%% body"}
    assert main(["segment", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "分段提示" in printed and "版式：" in printed


def test_implausible_titles_are_flagged() -> None:
    text = f"%% title\n关于某某问题，\n\n{P1}\n\n%% title\neditor@example.cn\n\n{P2}\n"
    bulletin = segment_text(text)
    flagged = {w.line: w.directive for w in bulletin.warnings}
    assert flagged == {2: "%% body", 7: "%% body"}
    assert [a.confidence for a in bulletin.articles] == [0.6, 0.6]


def test_a_dashed_signature_closes_its_article_and_titles_nothing() -> None:
    for closing in ("——某某大学教授 李某某", "——编  者"):
        text = f"第一篇标题\n\n{P1}\n\n{closing}\n\n第二篇文章的标题\n\n{P3}\n"
        bulletin = segment_text(text)
        assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇文章的标题"], closing
        assert bulletin.articles[0].blocks[-1].text == closing
        assert not bulletin.articles[1].subtitle


# ------------------------------------------------------------ web copy and PDF copy (new real text, issue 16)


def test_template_lines_of_one_width_are_not_a_hard_wrap() -> None:
    """Web copy prints the same date-and-source line under every title; nine of them share one width and
    run on to the next line, but they are one template, not prose cut at a width: lines are not re-joined."""
    stories = []
    for n in range(9):
        body = f"{IND}{P1[: 12 + n]}。\n{IND}{P2 * (1 + n % 3)}{P4[: n + 1]}。\n"  # paragraphs of many widths
        stories.append(f"第{n + 1}篇报道的标题文字\n2025年04月1{n}日 19:35　来源：某某网\n{body}")
    bulletin = segment_text("".join(stories))
    assert bulletin.layout["wrap_width"] is None
    assert [a.title for a in bulletin.articles] == [f"第{n + 1}篇报道的标题文字" for n in range(9)]


def test_page_buttons_close_an_article_and_never_open_one() -> None:
    """“分享到：” and “【纠错】” are the page's buttons under a web story: the end of it, not the kicker of the
    next title (a bracketed column label is one)."""
    text = (f"第一篇标题\n\n{P1}\n\n{P2}\n\n分享到：\n\n【纠错】\n\n第二篇标题\n\n{P3}\n\n{P4}\n\n"
            f"【打印】【关闭】\n\n【我要纠错】\n\n【时政专栏】\n第三篇标题\n\n{P1}\n\n{P2}\n")
    assert outline(text) == [(None, "第一篇标题", None), (None, "第二篇标题", None),
                             ("【时政专栏】", "第三篇标题", None)]


def test_an_articles_own_source_line_closes_it_and_names_its_source() -> None:
    """“（来源：某某网）” after an article's text credits that article alone, as “（以上均来源于…）” credits a
    group; the same line under a title, before any text, is a note of the header and closes nothing."""
    text = (f"第一篇标题\n\n{P1}\n\n（来源：甲网）\n\n第二篇标题\n\n（来源：乙报）\n\n{P3}\n\n{P4}\n\n"
            f"第三篇标题\n\n{P2}\n\n（以上均来源于丙台）\n")
    articles = segment_text(text).articles
    assert [a.title for a in articles] == ["第一篇标题", "第二篇标题", "第三篇标题"]
    assert [(a.source, a.source_line) for a in articles] == [
        ("甲网", "（来源：甲网）"), ("丙台", None), ("丙台", "（以上均来源于丙台）")]
    assert articles[1].blocks[0].text == "（来源：乙报）" and articles[1].blocks[0].kind is BlockKind.NOTE


def test_a_lead_that_ends_with_a_colon_keeps_the_items_it_announces() -> None:
    """A round-up's lead “某某网消息（某栏目）：” stands alone and announces the items under it: their
    headlines are headings of the round-up, however the layout spaces them."""
    # The round-up copied with blank lines between indented articles without any (a web page's habits).
    text = (f"第一篇标题\n{IND}{P1}\n{IND}{P2}\n\n\n联播快讯\n\n某某网消息（某栏目）：\n\n"
            f"甲地推出多项新举措\n\n{P3}\n\n乙地举行供需对接会\n\n{P4}\n\n\n第三篇标题\n{IND}{P1}\n{IND}{P2}\n")
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["第一篇标题", "联播快讯", "第三篇标题"]
    assert [h.text for h in bulletin.articles[1].headings] == ["甲地推出多项新举措", "乙地举行供需对接会"]


def test_a_document_title_runs_on_until_its_kind() -> None:
    """A “…关于…的指导意见” title printed on three lines is one title: it ends where its document kind is."""
    text = (f"某某办公厅关于全面推行\n某项制度和另一项制度\n第三项制度的指导意见\n某办发〔2018〕1号\n\n{P1}\n\n{P2}\n\n"
            f"第二篇标题\n\n{P3}\n")
    articles = segment_text(text).articles
    assert articles[0].title == "某某办公厅关于全面推行某项制度和另一项制度第三项制度的指导意见"
    assert articles[0].subtitle is None and [a.title for a in articles[1:]] == ["第二篇标题"]


def test_a_title_broken_right_after_its_dash_is_one_title() -> None:
    """“…社会革命——论” / “学习贯彻…精神”: the line broke inside the second half of an “A——B” title."""
    text = f"以自我革命引领社会革命——论\n学习贯彻全会精神\n\n{P1}\n\n{P2}\n\n第二篇标题\n\n{P3}\n"
    assert outline(text)[0] == (None, "以自我革命引领社会革命——论学习贯彻全会精神", None)
    labelled = f"新春走基层——边防线上\n风雪巡边路\n\n{P1}\n\n{P2}\n\n第二篇标题\n\n{P3}\n"
    assert outline(labelled)[0] == ("新春走基层——边防线上", "风雪巡边路", None)


def test_a_title_as_wide_as_the_wrap_keeps_its_date_line_apart() -> None:
    """In a hard-wrapped copy a title that happens to fill the width is not re-joined with the date line
    under it: a line that opens with a full date starts something of its own."""
    width = 24
    paragraphs = [P1 + P2 + P3 + P4, P2 + P4 + P1 + P3, P3 + P1 + P4 + P2]
    bodies = ["\n".join(p[i:i + width] for i in range(0, len(p), width)) for p in paragraphs]
    title = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地"  # 24 characters: as wide as the wrap
    text = f"第一篇标题\n\n{bodies[0]}\n\n{bodies[1]}\n\n{title}\n2025年04月15日 19:35　来源：某某网\n\n{bodies[2]}\n"
    bulletin = segment_text(text)
    assert bulletin.layout["wrap_width"] == width
    assert [a.title for a in bulletin.articles] == ["第一篇标题", title]


def test_a_short_dashed_subtitle_is_not_an_editors_signature() -> None:
    """“——元旦献词” under a 社论's title is its subtitle; “——编  者” after a paragraph signs it off."""
    text = (f"第一篇标题\n\n{P1}\n\n{P2}\n\n——编  者\n\n决胜之年奋发向前行（社论）\n——元旦献词\n\n{P3}\n\n{P4}\n")
    bulletin = segment_text(text)
    assert outline(text) == [(None, "第一篇标题", None), (None, "决胜之年奋发向前行（社论）", "——元旦献词")]
    assert bulletin.articles[0].blocks[-1].text == "——编  者"


def test_a_letter_spaced_name_under_a_title_is_its_byline_and_a_document_label_is_a_heading() -> None:
    """Newspapers pad a two-character name (“邹  翔”) as they pad a document's label (“贺  信”): under the
    title it is the author; a label names a kind of document, and stays the heading of what follows."""
    text = (f"答好这道考题（人民论坛）\n——强党性转作风\n邹  翔\n{P1}\n{P2}\n\n第二篇标题\n\n贺  信\n\n{P3}\n\n{P4}\n")
    first, second = segment_text(text).articles
    assert (first.title, first.subtitle, first.headings) == ("答好这道考题（人民论坛）", "——强党性转作风", [])
    assert [b.text for b in first.header if b.kind is BlockKind.BYLINE] == ["邹  翔"]
    assert [h.text for h in second.headings] == ["贺  信"]


def test_a_short_article_wrapped_at_a_width_of_its_own_is_rejoined() -> None:
    """Pasted from two PDFs: one long article cut at 24 characters establishes the wrap; a short article cut
    at 30 has only a few full lines, which are enough once a wrap is known. Lines cut at a comma run on."""
    long_text = "".join([P1, P2, P3, P4, P2, P4, P1, P3, P3, P1, P4, P2])
    short_text = P4 + P3 + P1 + P2
    first = "\n".join(long_text[i:i + 24] for i in range(0, len(long_text), 24))
    second = "\n".join(short_text[i:i + 30] for i in range(0, len(short_text), 30))
    bulletin = segment_text(f"第一篇标题\n\n{first}\n\n第二篇标题\n\n{second}\n")
    assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题"]
    assert [b.text for b in bulletin.articles[1].blocks] == [short_text]


def test_an_interview_question_is_never_a_title() -> None:
    """“问：…？” opens a turn of an interview however short and alone it stands: running text, never the
    start of a header run (in bulletin_J's hard-wrapped layout it had opened an article)."""
    for line in ("问：制定这个办法的主要目的是什么？", "答：是的。", "记者：有哪些新的规定？", "主持人：请谈谈。"):
        assert not LineShape(line, 0).is_headerish, line
    assert LineShape("问题导向是我们的工作方法", 0).is_headerish  # a title that begins with the character
    bulletin_j = Path(__file__).parent / "data" / "bulletin_J.txt"
    doc = relayout.load(bulletin_j, bulletin_j.with_suffix(".gold.json"))
    layout = relayout.FAMILIES["hardwrap"](doc)
    titles = [a.title for a in segment_text(layout.text).articles]
    assert len(titles) == len(layout.gold["articles"]) and not any(t.startswith("问：") for t in titles)


# ------------------------------------------------- page furniture, forwarded documents, lists (third probe)


def test_a_running_page_head_is_page_furniture_like_the_page_number() -> None:
    """A PDF copy repeats its running head at the top of every page, beside the page number: neither is
    the text of an article, and the head never becomes a title or kicker."""
    head = "学习参考　　　　　　　　　　2025年第3期"
    text = (f"{head}\n第一篇标题\n{IND}{P1}\n{IND}{P2}\n第 1 页 共 3 页\n{head}\n{IND}{P1}\n第二篇标题\n{IND}{P3}\n"
            f"第 2 页 共 3 页\n{head}\n{IND}{P4}\n第三篇标题\n{IND}{P2}\n第 3 页 共 3 页\n")
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题", "第三篇标题"]
    assert all(a.kicker is None for a in bulletin.articles)
    furniture = [b.text for a in bulletin.articles for b in a.blocks if b.kind is BlockKind.FOOTER]
    assert furniture.count(head) == 3 and len(furniture) == 6


def test_separator_lines_part_articles_and_are_kept() -> None:
    """Rules or stars between articles (also the first line of the file) separate them and are kept as
    layout, never read as text or as a missing title."""
    text = (f"━━━━━━━━━━\n第一篇标题\n{IND}{P1}\n{IND}{P2}\n＊　＊　＊\n第二篇标题\n{IND}{P3}\n"
            f"（完）\n★★★★★\n第三篇标题\n{IND}{P4}\n-------\n")
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题", "第三篇标题"]
    kept = [b.text for a in bulletin.articles for b in a.blocks if b.kind is BlockKind.FOOTER]
    assert kept == ["━━━━━━━━━━", "＊　＊　＊", "★★★★★", "-------"]


def test_a_forwarding_notice_keeps_the_document_it_forwards() -> None:
    """“…关于印发《X》的通知”: after the notice's signature and date, the document X it names in 《》 is printed
    as part of it, not as an article of its own."""
    text = (f"某某办公厅关于印发《甲地试点工作方案》的通知\n\n{P1}\n\n"
            f"《甲地试点工作方案》已经同意，现印发给你们，请认真贯彻执行。\n\n某某办公厅\n\n2018年12月4日\n\n甲地试点工作方案\n\n{P2}\n\n{P3}\n\n\n第二篇标题\n\n{P4}\n")
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["某某办公厅关于印发《甲地试点工作方案》的通知", "第二篇标题"]
    assert [h.text for h in bulletin.articles[0].headings] == ["甲地试点工作方案"]


def test_a_reply_title_runs_on_to_its_kind_and_a_list_of_names_is_no_headings() -> None:
    """“…对…会议” / “第1号提案的答复” is one title (答复 is a kind of document, opened by 对…); fifty lines of
    names and posts in a row are a list in the text, not fifty headings."""
    names = "".join(f"甲{chr(0x4E00 + 30 * n)}乙\u3000\u3000某部副部长\n" for n in range(6))
    text = (f"某某办公厅对某某会议\n第1号提案的答复\n{IND}{P1}\n{IND}{P2}\n第二篇标题\n{IND}{P3}\n"
            f"{IND}现将名单通知如下：\n{names}{IND}{P4}\n")
    first, second = segment_text(text).articles
    assert (first.title, first.subtitle) == ("某某办公厅对某某会议第1号提案的答复", None)
    assert second.headings == [] and sum(b.kind is BlockKind.PARAGRAPH for b in second.blocks) == 8


def test_a_bulletin_of_briefs_gets_one_note_not_a_doubt_on_every_brief() -> None:
    """Forty short items, each a headline over one paragraph: the form of a news round-up. The editor reads
    one note about it, not a doubt on each item (a few tiny articles among long ones are still each doubted)."""
    briefs = "".join(f"简讯标题{n:02d}号\n\n{(P1, P2, P3, P4)[n % 4]}\n\n\n" for n in range(1, 41))
    bulletin = segment_text(briefs)
    assert len(bulletin.articles) == 40
    assert len(bulletin.warnings) == 1 and "40 篇" in bulletin.warnings[0].message
    assert bulletin.warnings[0].directive == ""
    long_ones = "".join(f"第{n}篇长文章的标题\n\n{P1}\n\n{P2}\n\n{P3}\n\n\n" for n in range(1, 9))
    mixed = long_ones + "".join(f"简讯标题{n:02d}号\n\n{P4}\n\n\n" for n in range(1, 4)) + long_ones
    assert any("一小段" in w.message and w.directive == "%% heading" for w in segment_text(mixed).warnings)


def test_a_signed_title_or_a_document_opens_an_article_after_a_group_of_led_stories() -> None:
    """After wire stories that all open with the same lead, a header whose text lacks the lead reads as a
    heading of the last story, unless it is plainly an article of its own: a title over its author's name,
    or a document's title over its 文号 or its first article (第一条)."""
    lead = "某某网消息（某栏目）："
    stories = "".join(f"甲地报道标题{n}\n\n{lead}{(P1, P2, P3)[n % 3]}\n\n{P4}\n\n" for n in range(1, 5))
    text = (f"{stories}一心一意走自己的路（某某论坛）\n李洪兴\n\n{P2}\n\n{P3}\n\n"
            f"某某办公厅对某某会议\n第1号提案的答复\n\n某办函〔2006〕82号\n\n{P1}\n\n{P4}\n\n"
            f"某某管理条例\n\n第一条　{P2}\n\n第二条　{P3}\n")
    titles = [a.title for a in segment_text(text).articles]
    assert titles[4:] == ["一心一意走自己的路（某某论坛）", "某某办公厅对某某会议第1号提案的答复", "某某管理条例"]


# ------------------------------------------------------------- chat copies, labels, plans (fourth probe)


def test_text_before_the_first_title_is_kept_as_front_matter_with_one_note() -> None:
    """A file forwarded by chat opens with a greeting: it is not a title, and it no longer stops the build:
    kept as the bulletin's front matter, with one note and the directive for a title hidden among it."""
    text = f"各位同事：本期学习材料已整理好，请查收。\n\n第一篇标题\n\n{P1}\n\n{P2}\n\n第二篇标题\n\n{P3}\n"
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["第一篇标题", "第二篇标题"]
    assert [b.text for b in bulletin.front_matter] == ["各位同事：本期学习材料已整理好，请查收。"]
    notes = [w for w in bulletin.warnings if w.line == 1]
    assert len(notes) == 1 and notes[0].directive == "%% title"


def test_an_articles_running_number_on_its_own_line_is_layout_not_a_kicker() -> None:
    """“第一篇” / “【文章二】” / “文章3：” above each title number the articles: kept, never the kicker."""
    for label in ("第{}篇", "【文章{}】", "文章{}："):
        numbers = ("一", "二", "3") if "：" in label else ("一", "二", "三")
        text = "".join(f"{label.format(n)}\n{t}\n{IND}{p}\n{IND}{q}\n"
                       for n, t, p, q in zip(numbers, ("第一篇标题", "第二篇标题", "第三篇标题"),
                                             (P1, P3, P2), (P2, P4, P1), strict=True))
        bulletin = segment_text(text)
        assert [(a.kicker, a.title) for a in bulletin.articles] == [
            (None, "第一篇标题"), (None, "第二篇标题"), (None, "第三篇标题")], label
        labels = [b.text for a in bulletin.articles for b in a.blocks if b.kind is BlockKind.FOOTER]
        assert labels == [label.format(n) for n in numbers]


def test_decimal_section_numbers_are_headings_and_a_contents_list_of_them_is_text() -> None:
    """A plan numbered “1　总则 / 1.1　编制目的 / 2.1.1　…” (headings flush, text indented): the numbered lines
    are headings at their depth, never article titles; its own 目录 of such lines is text."""
    contents = "".join(f"{n}\n" for n in ("1　总则", "1.1　编制目的", "2　组织体系", "2.1　领导机构"))
    text = (f"某某应急预案\n{contents}1　总则\n1.1　编制目的\n{IND}{P1}\n2　组织体系\n{IND}{P2}\n2.1　领导机构\n"
            f"2.1.1　职责分工\n{IND}{P3}\n第二篇标题\n{IND}{P4}\n")
    bulletin = segment_text(text)
    assert [a.title for a in bulletin.articles] == ["某某应急预案", "第二篇标题"]
    plan = bulletin.articles[0]
    assert [(h.text, h.level) for h in plan.headings] == [
        ("1　总则", 2), ("1.1　编制目的", 3), ("2　组织体系", 2), ("2.1　领导机构", 3), ("2.1.1　职责分工", 4)]
    assert [b.kind for b in plan.blocks[:4]] == [BlockKind.PARAGRAPH] * 4  # the plan's own contents list


def test_a_first_paragraph_opened_by_its_wire_dateline_is_text_without_its_full_stop() -> None:
    """“新华社北京12月5日电（记者某某）国家主席…会见…” lost its 。 in the copy: still the story's text."""
    lead = "新华社北京12月5日电（记者某某）国家主席5日在人民大会堂会见外国客人"
    text = f"第一篇标题\n\n{P1}\n\n会见外国客人\n\n{lead}\n\n{P2}\n\n第三篇标题\n\n{P3}\n"
    articles = segment_text(text).articles
    assert [(a.title, a.subtitle) for a in articles] == [
        ("第一篇标题", None), ("会见外国客人", None), ("第三篇标题", None)]


# ------------------------------------------------------------------------- OCR copies (fifth probe)


def test_an_ocr_full_stop_ends_a_sentence_and_a_date_line_is_no_running_head() -> None:
    """An OCR copy turns 。 into “.”: a paragraph ending so is still prose, never a title. A date line that
    closes every story is no running page head, even when it stands beside a page number."""
    assert pat.ends_sentence("本届广交会多措并举加强对企业服务，新参展企业达到4200多家，占比超14%.")
    assert not pat.ends_sentence("1.") and not pat.ends_sentence("www.example.")
    ocr = P3.replace("。", ".")
    text = (f"第一篇标题\n\n{P1}\n\n{ocr}\n\n第二篇标题\n\n{P2}\n\n{P4.replace('。', '.')}\n")
    assert [a.title for a in segment_text(text).articles] == ["第一篇标题", "第二篇标题"]
    stories = "".join(f"第{t}篇标题\n{IND}{P1}\n{IND}{P2}\n（2023年9月1日）\n- {n} -\n"
                      for n, t in enumerate("一二三四", start=1))
    bulletin = segment_text(stories)
    dates = [b.kind for a in bulletin.articles for b in a.blocks if b.text == "（2023年9月1日）"]
    assert len(dates) == 4 and BlockKind.FOOTER not in dates


def test_a_source_or_author_line_under_a_wrapped_title_stays_its_own_line() -> None:
    """In a hard-wrapped copy, “来源：…” or “作者：…” under a title that fills the width is not joined to it."""
    width = 24
    paragraphs = [P1 + P2 + P3 + P4, P2 + P4 + P1 + P3, P3 + P1 + P4 + P2]
    bodies = ["\n".join(p[i:i + width] for i in range(0, len(p), width)) for p in paragraphs]
    title = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地"  # as wide as the wrap
    text = f"第一篇标题\n\n{bodies[0]}\n\n{bodies[1]}\n\n{title}\n来源：某某网　2024-07-15\n\n{bodies[2]}\n"
    assert [a.title for a in segment_text(text).articles] == ["第一篇标题", title]
