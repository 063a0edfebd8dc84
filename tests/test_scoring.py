"""The segmentation metrics of ``annotate.scoring`` on hand-made bulletins."""

from __future__ import annotations

import pytest

from annotate.model import Article, Block, BlockKind, Bulletin
from annotate.scoring import pk, score, segment_ids, window_size, windowdiff


def article(first: int, last: int, title: str, *, kicker: str | None = None, headings: dict[int, str] | None = None,
            subtitle: str | None = None) -> Article:
    """Header on the first lines, then one paragraph (or heading) per line up to ``last``."""
    header, line = [], first
    if kicker:
        header.append(Block(BlockKind.KICKER, (line,), kicker))
        line += 1
    header.append(Block(BlockKind.TITLE, (line,), title))
    line += 1
    if subtitle:
        header.append(Block(BlockKind.SUBTITLE, (line,), subtitle))
        line += 1
    headings = headings or {}
    blocks = [Block(BlockKind.HEADING, (n,), headings[n]) if n in headings else Block(BlockKind.PARAGRAPH, (n,), "段")
              for n in range(line, last + 1)]
    return Article(index=0, slug="", header=header, blocks=blocks)


def bulletin(*articles: Article) -> Bulletin:
    return Bulletin(source="t.txt", slug="t", title="t", date=None, note=None, articles=list(articles))


def gold_article(first: int, last: int, title: str, *, kicker: str | None = None, subtitle: str | None = None,
                 headings: list[str] | None = None) -> dict:
    return {"first_line": first, "last_line": last, "kicker": kicker, "title": title, "subtitle": subtitle,
            "headings": headings or [], "source_line": None}


GOLD = {"articles": [
    gold_article(1, 10, "甲", kicker="引题"),
    gold_article(11, 20, "乙", headings=["一、小标题"]),
    gold_article(21, 30, "丙", subtitle="——副题"),
    gold_article(31, 40, "丁"),
]}


def perfect() -> Bulletin:
    return bulletin(article(1, 10, "甲", kicker="引题"), article(11, 20, "乙", headings={15: "一、小标题"}),
                    article(21, 30, "丙", subtitle="——副题"), article(31, 40, "丁"))


def test_perfect_segmentation_scores_one_everywhere() -> None:
    result = score(perfect(), GOLD)
    assert result.mismatches == []
    assert result.start_precision == result.start_recall == result.start_f1 == 1.0
    assert result.span_f1 == result.heading_f1 == 1.0
    assert result.title_exact == result.kicker_accuracy == result.subtitle_accuracy == 1.0
    assert result.pk == result.windowdiff == 0.0
    assert result.k == 5  # 40 lines, 4 articles: mean 10, half 5
    assert "starts P 1.000 R 1.000 F1 1.000" in result.summary() and "Pk 0.000" in result.summary()


def test_split_article_costs_precision_not_recall() -> None:
    split = perfect()
    split.articles[1:2] = [article(11, 14, "乙"), article(15, 20, "一、小标题")]
    result = score(split, GOLD)
    assert (result.correct_starts, result.found_starts, result.gold_starts) == (4, 5, 4)
    assert result.start_precision == pytest.approx(0.8) and result.start_recall == 1.0
    assert result.start_f1 == pytest.approx(2 * 0.8 / 1.8)
    assert result.span_f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    # The unmatched gold article counts as a wrong title (3 of 4), its heading as missed.
    assert result.title_exact == 0.75 and result.fields["title"] == [3, 3]
    assert result.heading_f1 == 0.0
    assert result.mismatches[0].startswith("span (11, 20) 乙 not found (cut as 11-14, 15-20)")
    assert any("extra article (15, 20) titled '一、小标题'" in m for m in result.mismatches)
    assert result.pk > 0 and result.windowdiff > 0


def test_merged_articles_cost_recall_and_kicker_rate_counts_gold_articles() -> None:
    merged = bulletin(article(1, 20, "甲", kicker="引题"), article(21, 30, "丙", subtitle="——副题"),
                      article(31, 40, "丁"))
    result = score(merged, GOLD)
    assert result.start_precision == 1.0 and result.start_recall == 0.75
    assert result.kicker_accuracy == 0.5  # 2 right of 4 gold articles: spans (1, 10) and (11, 20) not found
    assert result.subtitle_accuracy == 0.5


def test_wrong_fields_on_matched_spans() -> None:
    wrong = perfect()
    wrong.articles[0] = article(1, 10, "引题", subtitle="甲")  # kicker taken for the title
    wrong.articles[3] = article(31, 40, "丁", headings={35: "多出来的"})
    result = score(wrong, GOLD)
    assert result.span_f1 == 1.0 and result.start_f1 == 1.0
    assert result.title_exact == 0.75 and result.kicker_accuracy == 0.75 and result.subtitle_accuracy == 0.75
    assert (result.correct_headings, result.found_headings, result.gold_headings) == (1, 2, 1)
    assert result.heading_f1 == pytest.approx(2 * 0.5 / 1.5)
    assert "(1, 10) kicker: None != '引题'" in result.mismatches


def test_found_headings_count_in_unmatched_articles_too() -> None:
    result = score(bulletin(article(1, 40, "甲", kicker="引题", headings={15: "一、小标题", 25: "二、另一个"})), GOLD)
    assert (result.correct_headings, result.found_headings, result.gold_headings) == (0, 2, 1)


def test_pk_and_windowdiff_by_hand() -> None:
    # One boundary in the reference, two close boundaries in the hypothesis.
    reference = [0, 0, 0, 0, 1, 1, 1, 1]
    hypothesis = [0, 0, 0, 0, 1, 2, 2, 2]
    assert pk(reference, hypothesis, 2) == pytest.approx(1 / 6)
    assert windowdiff(reference, hypothesis, 2) == pytest.approx(2 / 6)
    # A boundary one line off: both count the windows that straddle only one of them.
    assert pk([0, 0, 1, 1], [0, 1, 1, 1], 1) == pytest.approx(2 / 3)
    assert windowdiff([0, 0, 1, 1], [0, 1, 1, 1], 1) == pytest.approx(2 / 3)
    assert pk([0, 0, 1], [0, 0, 1], 5) == 0.0  # shorter than the window
    assert pk(reference, reference, 2) == windowdiff(reference, reference, 2) == 0.0


def test_segment_ids_and_window() -> None:
    assert segment_ids([1, 2, 5, 6, 9], [1, 5, 9]) == [1, 1, 2, 2, 3]
    assert segment_ids([1, 2, 3], [2]) == [0, 1, 1]
    assert window_size([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]) == 2  # mean 5, half 2.5 → 2
    assert window_size([1]) == 1


def test_pk_over_given_lines_skips_blank_lines() -> None:
    # Only lines 1, 3, 5, … exist: the window is counted in content lines, not line numbers.
    gold = {"articles": [gold_article(1, 19, "甲"), gold_article(21, 39, "乙")]}
    found = bulletin(article(1, 19, "甲"), article(21, 39, "乙"))
    result = score(found, gold, lines=range(1, 40, 2))
    assert result.k == 5 and result.pk == 0.0
    late = bulletin(article(1, 23, "甲"), article(25, 39, "乙"))
    result = score(late, gold, lines=range(1, 40, 2))
    assert result.pk == pytest.approx(4 / 15) and result.windowdiff == pytest.approx(4 / 15)
