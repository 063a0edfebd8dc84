"""Candidate terms by statistics (annotate.terms.salience) and their ranking with the marked candidates.

All texts and the general-Chinese lexicon are invented, so every figure below can be worked out by hand:
with a total of about 10,000,000 words, a word seen 10 times costs log10(10^7 / 10) = 6, one seen 10,000
times costs 3 (common), a string the lexicon does not know costs 7 per character.
"""

from __future__ import annotations

import math

import pytest

from annotate.glossary import Entry, Glossary
from annotate.terms import (
    GeneralLexicon,
    Salience,
    format_candidates,
    ranked_candidates,
    statistical_candidates,
    terms_report,
)
from annotate.terms.salience import accept

LEXICON = GeneralLexicon(
    {
        "的": 9_939_560,  # filler: the total is exactly 10,000,000 words
        "星河": 10,
        "联盟": 100,
        "委员会": 100,
        "蓝莓": 10,
        "合作社": 100,
        "推进": 10_000,
        "工作": 10_000,
        "会议": 10_000,
        "召开": 10_000,
        "今天": 10_000,
        "报告": 10_000,
        "银杏": 10,
        "大道": 100,
        "监委": 10,
    }
)
EMPTY = Glossary([])


def articles(*texts: str) -> list[list[tuple[str, int, str]]]:
    """One article per text, each a single block of a file ``t.txt``."""
    return [[("t.txt", i + 1, text)] for i, text in enumerate(texts)]


def phrases(found: list[tuple[str, Salience, tuple[str, int]]]) -> list[str]:
    return [phrase for phrase, _, _ in found]


def test_lexicon_costs_and_segmentation() -> None:
    assert LEXICON.cost("星河") == pytest.approx(6.0)
    assert LEXICON.cost("推进") == pytest.approx(3.0)
    assert LEXICON.cost("无此词") == pytest.approx(7.0)  # a string the lexicon does not know: seen once
    assert LEXICON.segment("星河联盟委员会") == ("星河", "联盟", "委员会")
    rarity, words = LEXICON.rarity("蓝莓合作社")
    assert words == ("蓝莓", "合作社") and rarity == pytest.approx(6.0 + 5.0)


def test_a_phrase_must_recur_in_two_articles() -> None:
    once = statistical_candidates(articles("蓝莓合作社，蓝莓合作社，蓝莓合作社。", "今天召开会议。"), EMPTY, LEXICON)
    assert "蓝莓合作社" not in phrases(once)  # three times, but in one article
    twice = statistical_candidates(articles("蓝莓合作社召开会议。", "今天蓝莓合作社。"), EMPTY, LEXICON)
    assert "蓝莓合作社" in phrases(twice)


def test_common_words_are_no_candidates() -> None:
    found = statistical_candidates(articles("推进工作。蓝莓合作社。", "推进工作，蓝莓合作社。"), EMPTY, LEXICON)
    assert phrases(found) == ["蓝莓合作社"]  # 推进工作 recurs as often but both its words are common
    assert accept("推进工作", LEXICON) is None
    assert accept("蓝莓报告", LEXICON) is None  # a rare word joined to a common one is a phrase, not a name


def test_a_word_cut_short_is_suppressed_beside_the_whole() -> None:
    text = "星河联盟委员会召开会议。"
    found = phrases(statistical_candidates(articles(text, text, "今天" + text), EMPTY, LEXICON))
    assert "星河联盟委员会" in found
    for fragment in ("星河联盟委", "星河联盟委员", "联盟委员会召", "盟委员会"):
        assert fragment not in found


def test_a_candidate_always_inside_a_longer_one_is_dropped() -> None:
    found = phrases(statistical_candidates(articles("银杏大道。", "今天银杏大道。"), EMPTY, LEXICON))
    assert "银杏大道" in found and "银杏" not in found
    # Used on its own as well: both stay.
    found = phrases(statistical_candidates(articles("银杏大道。银杏。", "银杏，银杏大道。", "银杏。"), EMPTY, LEXICON))
    assert {"银杏大道", "银杏"} <= set(found)


def test_function_characters_end_no_candidate() -> None:
    found = phrases(statistical_candidates(articles("的蓝莓合作社的", "的蓝莓合作社的"), EMPTY, LEXICON))
    assert found == ["蓝莓合作社"]


def test_glossary_forms_and_phrases_across_them_are_no_candidates() -> None:
    glossary = Glossary([Entry(term="星河联盟", category="organisation", definition="虚构的组织。")])
    text = "星河联盟委员会，蓝莓合作社。"
    found = phrases(statistical_candidates(articles(text, text), glossary, LEXICON))
    assert found == ["蓝莓合作社"]  # not 星河联盟 (an entry), not 星河联盟委员会 (across it), not 委员会 alone


def test_score_is_articles_times_rarity_times_occurrence_weight() -> None:
    texts = articles("蓝莓合作社，星河联盟委员会。", "蓝莓合作社，星河联盟委员会。", "蓝莓合作社，蓝莓合作社。")
    found = statistical_candidates(texts, EMPTY, LEXICON)
    assert phrases(found) == ["蓝莓合作社", "星河联盟委员会"]  # three articles beat two
    why = dict((p, w) for p, w, _ in found)["蓝莓合作社"]
    assert (why.articles, why.count, why.rarity) == (3, 4, 11.0)
    assert why.score == round(3 * 11.0 * math.log2(5), 1)
    assert "3 篇文章" in why.explain() and "蓝莓|合作社" in why.explain() and "4 次" in why.explain()


def test_ranked_list_merges_quoted_and_frequent_candidates() -> None:
    texts = articles("今天“蓝莓合作社”召开会议。", "蓝莓合作社的工作。", "《银杏大道报告》发布。")
    ranked = ranked_candidates(texts, EMPTY, LEXICON)
    by_text = {c.text: c for c in ranked}
    assert by_text["蓝莓合作社"].kinds == ("quoted", "frequent")  # one candidate, found both ways
    assert by_text["银杏大道报告"].kinds == ("title",)  # marked: listed without recurring
    assert all(c.salience is not None for c in ranked)
    scores = [c.salience.score for c in ranked if c.salience]
    assert scores == sorted(scores, reverse=True)
    data = by_text["蓝莓合作社"].to_json()
    assert data["articles"] == 2 and data["score"] > 0 and "篇文章" in data["why"]
    line = format_candidates([data]).splitlines()[0]
    assert "“蓝莓合作社”" in line and "[quoted,frequent]" in line and "篇文章" in line


def test_terms_report_ranks_only_when_given_articles() -> None:
    texts = articles("今天“蓝莓合作社”召开会议。", "蓝莓合作社的工作。")
    bulletin_texts = [("t.txt", [(line, text) for blocks in texts for _, line, text in blocks])]
    plain = terms_report(bulletin_texts, EMPTY)
    assert [c["text"] for c in plain["candidates"]] == ["蓝莓合作社"]
    assert "score" not in plain["candidates"][0]  # the report's data model without ranking is unchanged
    ranked = terms_report(bulletin_texts, EMPTY, articles=texts, lexicon=LEXICON)
    assert ranked["candidates"][0]["text"] == "蓝莓合作社" and "score" in ranked["candidates"][0]


def test_jieba_lexicon_loads_its_dictionary() -> None:
    lexicon = GeneralLexicon.jieba()
    assert len(lexicon.frequencies) > 300_000
    assert lexicon.cost("发展") < 4.0 < 5.0 < lexicon.cost("述职")
    # The fragment of the issue: a word cut short never stands beside the whole.
    text = "中央纪委国家监委通报。"
    found = phrases(statistical_candidates(articles(text, text, text), EMPTY, lexicon))
    assert "中央纪委国家监" not in found


def test_a_term_ends_in_a_noun_by_the_lexicon_tags() -> None:
    tagged = GeneralLexicon({**LEXICON.frequencies, "推广": 10}, tags={"合作社": "n", "推广": "v", "蓝莓": "n"})
    texts = articles("蓝莓合作社，蓝莓推广。", "蓝莓合作社，蓝莓推广。")
    found = phrases(statistical_candidates(texts, EMPTY, tagged))
    assert "蓝莓合作社" in found and "蓝莓推广" not in found  # a verb ends no term
    untagged = GeneralLexicon({**LEXICON.frequencies, "推广": 10})
    assert "蓝莓推广" in phrases(statistical_candidates(texts, EMPTY, untagged))
