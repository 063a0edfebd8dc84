"""The conversion review ranked by risk (annotate.report.conversion_risk) and the segmentation doubts of the
report's first screen: the signals, the fix each line carries, and the order."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from test_report import BODY, article, bulletin

from annotate.convert import Converter
from annotate.reader import SourceText
from annotate.report import segmentation_warnings
from annotate.report.conversion_risk import RiskGroup, RiskRanker


@pytest.fixture(scope="module")
def ranker() -> RiskRanker:
    # The override decides 不准 inside 不准有 (permit), so the archive writes 不准 two ways.
    return RiskRanker(Converter(overrides={"不准有": "不准有"}, readings={}))


def groups(ranker: RiskRanker, lines: list[str], archive: Sequence[str] = ()) -> list[RiskGroup]:
    seen = ranker.occurrences("t.txt", list(enumerate(lines, start=1)))
    return ranker.rank(seen, [*archive, *lines])


def test_every_occurrence_is_in_exactly_one_group(ranker: RiskRanker) -> None:
    lines = ["发展经济，发展社会事业，头发白了。", "干部要实干，不干不行。"]
    found = groups(ranker, lines)
    review = ranker.converter.review(list(enumerate(lines, start=1)))
    assert sum(g.count for g in found) == len(review)
    places = {(p.line, p.column) for g in found for p in g.places}
    assert places == {(r.line, r.column) for r in review}


def test_a_word_written_two_ways_in_the_archive_ranks_first(ranker: RiskRanker) -> None:
    archive = ["不准有下列行为。"]
    found = groups(ranker, ["这次测量结果不准，要发展新方法。"], archive)
    top = found[0]
    assert (top.word, top.chosen) == ("不准", "準")
    assert "two-ways" in top.reasons
    assert ranker.two_ways({"不准"}, [*archive, "测量结果不准。"]) == {"不准"}
    assert ranker.two_ways({"不准"}, ["测量结果不准。"]) == set(), "one way only"


def test_scores_are_in_order_and_common_words_rank_low(ranker: RiskRanker) -> None:
    found = groups(ranker, ["发展经济发展社会发展文化，头发白了，岳峰山下。"])
    scores = [g.score for g in found]
    assert scores == sorted(scores, reverse=True)
    by_word = {g.word: g for g in found}
    assert by_word["发展"].score < max(scores), "a word OpenCC knows well is not the top risk"


def test_each_group_carries_an_override_to_paste(ranker: RiskRanker) -> None:
    found = groups(ranker, ["智能工厂里，一分钟下线两台车。", "干，就完了。", "头发白了。"])
    assert found
    for g in found:
        if not g.alternatives:
            continue
        if not g.fix_key:
            assert len(g.word) == 1 and g.places[0].context.startswith(g.word), "only a character between stops"
            continue
        assert len(g.fix_key) >= 2, "never a bare character"
        assert len(g.fix_value) == len(g.fix_key)
        assert all("\u4e00" <= c <= "\u9fff" for c in g.fix_key), "no punctuation in a key"
        assert g.word in g.fix_key
        assert g.fix_value[g.fix_key.index(g.word) + g.offset] == g.alternatives[0]


def test_alternatives_leave_out_the_forms_the_profile_writes_alike(ranker: RiskRanker) -> None:
    found = groups(ranker, ["智能工厂里，一分钟下线两台车。"])
    [li] = [g for g in found if g.char == "里"]
    assert li.chosen == "裡"
    assert "裏" not in li.alternatives, "s2tw writes 裏 as 裡: not another form"


def test_a_doubtful_article_without_a_segmenter_warning_gets_one() -> None:
    doubtful = article(2, "各位同事，", 4, BODY)
    doubtful.confidence = 0.6
    b = bulletin([article(1, "第一篇文章的标题", 1, BODY), doubtful])
    lines = SourceText("t.txt", "\n".join(["第一篇文章的标题", *BODY, "各位同事，", *BODY]), "utf-8")
    found = [w for w in segmentation_warnings(b, lines) if w["kind"] == "doubt"]
    assert [(w["line"], w["article"], w["directive"]) for w in found] == [(4, "02", "%% heading")]
