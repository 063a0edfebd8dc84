"""Matching glossary terms in running text, the annotation policy, candidate discovery and reports."""

from __future__ import annotations

import json

import pytest

from annotate.glossary import Entry, Glossary
from annotate.terms import (
    Match,
    TermMatcher,
    find_candidates,
    format_candidates,
    format_terms_report,
    format_unused,
    select,
    terms_report,
    unused_entries,
)


def entry(term: str, *aliases: str, category: str = "formulation") -> Entry:
    return Entry(term=term, category=category, definition=f"{term}的定义。", aliases=aliases)


GLOSSARY = Glossary(
    [
        entry("两个确立"),
        entry("两个维护"),
        entry("中央八项规定精神"),
        entry("八项规定"),
        entry("中国民主促进会", "民进", category="organisation"),
        entry("1571", category="programme"),
    ]
)
MATCHER = TermMatcher(GLOSSARY)


def found(text: str, matcher: TermMatcher = MATCHER, **kwargs: object) -> list[tuple[str, int, int, str]]:
    """(matched text, start, end, entry term) for every match, to compare against literals."""
    return [(text[m.start : m.end], m.start, m.end, m.entry.term) for m in matcher.find(text, **kwargs)]


# --- matching ----------------------------------------------------------------------------------


def test_term_inside_a_run_of_han_characters() -> None:
    assert found("坚持两个确立，做到两个维护") == [
        ("两个确立", 2, 6, "两个确立"),
        ("两个维护", 9, 13, "两个维护"),
    ]


def test_quoted_term() -> None:
    assert found("深刻领悟“两个确立”的决定性意义") == [("两个确立", 5, 9, "两个确立")]


def test_alias_points_to_its_entry() -> None:
    (match,) = MATCHER.find("民进中央")
    assert match == Match(0, 2, GLOSSARY["中国民主促进会"], "民进")


def test_longest_form_wins() -> None:
    assert found("严格落实中央八项规定精神") == [("中央八项规定精神", 4, 12, "中央八项规定精神")]
    assert found("违反八项规定") == [("八项规定", 2, 6, "八项规定")]


def test_overlap_longest_first_then_leftmost() -> None:
    matcher = TermMatcher(Glossary([entry("甲乙"), entry("乙丙丁"), entry("丁戊")]))
    # 甲乙 and 乙丙丁 overlap: the longer wins although it starts later; 丁戊 then overlaps it.
    assert found("甲乙丙丁戊", matcher) == [("乙丙丁", 1, 4, "乙丙丁")]
    # 甲乙 and 乙丙 have the same length: the leftmost wins, and 丙丁 after it is free.
    matcher = TermMatcher(Glossary([entry("乙丙"), entry("甲乙"), entry("丙丁")]))
    assert found("甲乙丙丁", matcher) == [("甲乙", 0, 2, "甲乙"), ("丙丁", 2, 4, "丙丁")]


def test_resolution_does_not_depend_on_entry_order() -> None:
    terms = ["甲乙", "乙丙", "丙丁", "甲乙丙", "丁戊"]
    text = "甲乙丙丁戊甲乙丙丁"
    results = {tuple(found(text, TermMatcher(Glossary(entry(t) for t in order)))) for order in (terms, terms[::-1])}
    assert len(results) == 1
    assert [m[0] for m in results.pop()] == ["甲乙丙", "丁戊", "甲乙丙"]


def test_repeated_and_adjacent_occurrences() -> None:
    assert [m[1] for m in found("两个确立两个确立")] == [0, 4]


def test_digit_code_matches_only_whole_numbers() -> None:
    assert found("实施“1571”工作部署") == [("1571", 3, 7, "1571")]
    assert found("1571工程和第1571号") == [("1571", 0, 4, "1571"), ("1571", 8, 12, "1571")]
    assert found("共15710人") == []
    assert found("编号21571") == []
    assert found("代号A1571") == []


def test_empty_text_and_empty_glossary() -> None:
    assert MATCHER.find("") == []
    assert TermMatcher(Glossary([])).find("两个确立") == []


def test_spans_restrict_matches() -> None:
    text = "两个确立和两个维护"
    assert found(text, spans=[(5, 9)]) == [("两个维护", 5, 9, "两个维护")]
    # Cut by a span boundary: not matched (the text across the boundary is not one run).
    assert found(text, spans=[(0, 3), (3, 9)]) == [("两个维护", 5, 9, "两个维护")]
    # Overlapping spans merge.
    assert found(text, spans=[(0, 3), (2, 6)]) == [("两个确立", 0, 4, "两个确立")]
    assert found(text, spans=[]) == []


def test_longer_form_cut_by_span_does_not_hide_a_shorter_one() -> None:
    text = "中央八项规定精神"
    assert found(text, spans=[(0, 6)]) == [("八项规定", 2, 6, "八项规定")]


def test_occurrences_reports_overlapping_hits() -> None:
    forms = sorted(m.form for m in MATCHER.occurrences("中央八项规定精神"))
    assert forms == ["中央八项规定精神", "八项规定"]


# --- policy ------------------------------------------------------------------------------------


def test_select_first_occurrence_per_page() -> None:
    seen: set[str] = set()
    first = select(MATCHER.find("两个确立，两个确立，民进"), "first", seen)
    assert [(m.start, m.entry.term) for m in first] == [(0, "两个确立"), (10, "中国民主促进会")]
    # Next paragraph of the same page: already annotated entries are skipped, new ones kept.
    second = select(MATCHER.find("中国民主促进会和两个维护"), "first", seen)
    assert [m.entry.term for m in second] == ["两个维护"]
    assert seen == {"两个确立", "中国民主促进会", "两个维护"}


def test_select_all_keeps_every_match_and_still_records() -> None:
    seen: set[str] = set()
    matches = MATCHER.find("两个确立，两个确立")
    assert select(matches, "all", seen) == matches
    assert seen == {"两个确立"}


def test_select_default_is_first() -> None:
    assert len(select(MATCHER.find("两个确立两个确立"))) == 1


# --- candidates --------------------------------------------------------------------------------

TEXTS = [
    ("a.txt", 1, "要增强“四个意识”、坚定“四个自信”，做到两个维护。"),
    ("a.txt", 2, "学习《习近平关于树立和践行正确政绩观论述摘编》，贯彻《意见》精神。"),
    ("a.txt", 3, "坚持四个意识的统一，党的二十大作出部署，实施十大民生工程。"),
    ("b.txt", 7, "他说：“翻烧饼”要不得。\n“翻烧饼”“形象工程”都不行，“1571”和“15710”。"),
    (
        "b.txt",
        9,
        "严守中央八项规定精神，对违反八项规定的严肃处理；落实两个确立的要求，两个多月来推进“两个确立”。",
    ),
    ("b.txt", 10, "《民进章程》规定，民进是参政党。十大民生工程继续推进，三个区分开来要落实。"),
]


def candidates_by_text(texts: list[tuple[str, int, str]] = TEXTS) -> dict[str, dict[str, object]]:
    return {c.text: c.to_json() for c in find_candidates(texts, GLOSSARY)}


def test_candidates_quoted_numbered_titles_and_codes() -> None:
    found_ = candidates_by_text()
    assert found_["四个意识"]["count"] == 2  # once quoted, once unquoted before 的
    assert found_["四个意识"]["kinds"] == ["quoted", "numbered"]
    assert (found_["四个意识"]["source"], found_["四个意识"]["line"]) == ("a.txt", 1)
    assert found_["四个自信"]["count"] == 1
    assert found_["十大民生工程"]["count"] == 2
    assert found_["十大民生工程"]["kinds"] == ["numbered"]
    assert found_["三个区分开来"]["kinds"] == ["numbered"]
    assert found_["习近平关于树立和践行正确政绩观论述摘编"]["kinds"] == ["title"]
    assert found_["15710"]["kinds"] == ["code"]
    assert "1571" not in found_  # a form of an entry
    assert found_["形象工程"]["kinds"] == ["quoted"]


def test_candidate_line_counts_newlines_inside_a_text() -> None:
    found_ = candidates_by_text()
    assert found_["翻烧饼"]["count"] == 2
    assert (found_["翻烧饼"]["source"], found_["翻烧饼"]["line"]) == ("b.txt", 7)
    assert (found_["形象工程"]["source"], found_["形象工程"]["line"]) == ("b.txt", 8)


def test_noise_is_not_a_candidate() -> None:
    found_ = candidates_by_text()
    assert "意见" not in found_  # generic back-reference to a document
    assert not any(text.startswith(("十大作出", "二十大")) for text in found_)  # 二十大 is a congress
    assert not any(text.startswith("两个多") for text in found_)  # 两个多月: a quantity


def test_forms_of_entries_are_not_candidates() -> None:
    found_ = candidates_by_text()
    # Exact forms, quoted or not, and a numbered phrase that only overshoots a form (两个确立的…).
    for text in ("两个维护", "两个确立", "两个确立的要求", "中央八项规定精神", "八项规定"):
        assert text not in found_


def test_candidate_inside_a_longer_form_is_skipped_only_where_the_form_occurs() -> None:
    glossary = Glossary([entry("中央八项规定精神")])
    texts = [("x.txt", 1, "中央八项规定精神。"), ("x.txt", 2, "违反八项规定的行为。")]
    (candidate,) = find_candidates(texts, glossary)
    assert (candidate.text, candidate.count, candidate.line) == ("八项规定", 1, 2)
    assert candidate.related == ("中央八项规定精神",)  # maybe a missing alias
    assert find_candidates(texts[:1], glossary) == []


def test_title_containing_a_form_stays_with_a_hint() -> None:
    found_ = candidates_by_text()
    assert found_["民进章程"]["related"] == ["中国民主促进会"]


def test_candidates_sorted_by_count_then_first_occurrence() -> None:
    texts = [("s", 1, "“乙乙”“甲甲”"), ("s", 2, "“甲甲”")]
    assert [c.text for c in find_candidates(texts, Glossary([]))] == ["甲甲", "乙乙"]


def test_numbered_variants_are_counted_with_their_whole_phrase() -> None:
    # Line 2 alone would give 四个意识作 (cut at the function word 为) and line 3 四个意识形成 (cut at
    # the length limit); line 1 shows the whole phrase, before punctuation.
    texts = [("s", 1, "增强四个意识，"), ("s", 2, "把四个意识作为重点"), ("s", 3, "四个意识形成合力")]
    (candidate,) = find_candidates(texts, Glossary([]))
    assert (candidate.text, candidate.count) == ("四个意识", 3)
    assert [c.text for c in find_candidates(texts[1:], Glossary([]))] == ["四个意识作", "四个意识形成"]


def test_unused_entries() -> None:
    texts = [("a", 1, "坚持两个确立，民进中央，违反中央八项规定精神"), ("a", 2, "代号15710")]
    unused = unused_entries(texts, GLOSSARY)
    # 八项规定 occurs inside 中央八项规定精神: it does occur, so it is not dead weight.
    assert [e.term for e in unused] == ["1571", "两个维护"]
    assert format_unused(unused).splitlines() == ["“1571” (programme)", "“两个维护” (formulation)"]


def test_formatted_candidates_show_marks_place_and_hint() -> None:
    text = format_candidates(find_candidates(TEXTS, GLOSSARY))
    assert "    2  “翻烧饼”  [quoted]  b.txt:7" in text.splitlines()
    assert "    1  《民进章程》  [title]  b.txt:10  (see “中国民主促进会”)" in text.splitlines()


def test_terms_report_is_json_and_formats() -> None:
    bulletins = [
        ("a.txt", [(line, text) for _, line, text in TEXTS[:3]]),
        ("b.txt", [(line, text) for _, line, text in TEXTS[3:]]),
    ]
    report = terms_report(bulletins, GLOSSARY)
    assert json.loads(json.dumps(report, ensure_ascii=False)) == report
    assert report["glossary"] == {"entries": 6, "forms": 7}
    assert [b["source"] for b in report["bulletins"]] == ["a.txt", "b.txt"]
    # 1571; 中央八项规定精神, 八项规定, 两个确立 ×2; 民进 ×2
    assert report["bulletins"][1] == {"source": "b.txt", "texts": 3, "matches": 7, "entries": 5}
    usage = {u["term"]: u["count"] for u in report["usage"]}
    assert usage["两个确立"] == 2
    assert [u["term"] for u in report["unused"]] == []
    assert report["shadowed"] == []
    text = format_terms_report(report)
    assert text.startswith("glossary: 6 entries, 7 forms\n")
    assert "entries found in no bulletin (0):\n  (none)" in text
    assert "“翻烧饼”" in text


@pytest.mark.parametrize("policy", ["first", "all"])
def test_select_accepts_policy_literals(policy: str) -> None:
    matches = MATCHER.find("民进民进")
    assert len(select(matches, policy, set())) == (1 if policy == "first" else 2)  # type: ignore[arg-type]


def test_terms_report_separates_shadowed_from_unused() -> None:
    report = terms_report([("c.txt", [(1, "严守中央八项规定精神，坚持两个确立。")])], GLOSSARY)
    assert {u["term"]: u["count"] for u in report["usage"]} == {"中央八项规定精神": 1, "两个确立": 1}
    assert [e["term"] for e in report["shadowed"]] == ["八项规定"]
    assert [e["term"] for e in report["unused"]] == ["1571", "两个维护", "中国民主促进会"]
    assert "entries found only inside longer terms (never annotated) (1):" in format_terms_report(report)
