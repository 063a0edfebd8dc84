"""A page per glossary entry: description, chart with its text equivalent, sentences, co-occurring terms."""

from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from sitebuild import ROOT

from annotate.glossary import Entry, load_glossary
from annotate.glossary_page import glossary_markdown
from annotate.search_data import term_cards
from annotate.segment import segment_text
from annotate.svgchart import bar_chart
from annotate.termlinks import index_terms
from annotate.termpages import co_occurring, one_line, quotes, term_pages

EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}


def test_one_line_is_the_definition_to_its_first_full_stop() -> None:
    entry = Entry("十五五", "programme", "第十五个五年规划时期。即2026—2030年。")
    assert one_line(entry) == "第十五个五年规划时期。"
    assert one_line(Entry("甲", "formulation", "没有句号")) == "没有句号"


def test_chart_has_a_bar_per_bulletin_and_hides_from_screen_readers() -> None:
    svg = BeautifulSoup(bar_chart([0, 3, 1], ["一", "二", "三"], "c"), "html.parser").svg
    assert svg["aria-hidden"] == "true"
    rects = svg.find_all("rect")
    assert len(rects) == 3 and "annotate-chart-zero" in rects[0].get("class", [])
    assert float(rects[1]["height"]) > float(rects[2]["height"]) > 0


def test_quotes_are_the_sentences_holding_the_term() -> None:
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    bulletin = segment_text("标题\n\n前一句。坚持两个确立，做到两个维护。后一句两个确立！末句。\n", "2025-01.txt")
    index = index_terms([bulletin], glossary)
    [place] = index.places(glossary["两个确立"])
    found = quotes(place)
    assert [q.text for q in found] == ["坚持两个确立，做到两个维护。", "后一句两个确立！"]
    assert [[q.text[s:e] for s, e in q.marks] for q in found] == [["两个确立"], ["两个确立"]]
    together = co_occurring(index)
    assert together[glossary["两个确立"].anchor][glossary["两个维护"].anchor] == 1


def test_only_entries_found_in_the_archive_have_a_page() -> None:
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    bulletins = [segment_text("标题\n\n正文提到“十五五”规划。\n", "2025-01.txt")]
    index = index_terms(bulletins, glossary)
    pages = term_pages(glossary, index, bulletins)
    assert set(pages) == {f"terms/{glossary['十五五'].anchor}.md"}
    assert all(markdown.startswith("---\nsearch:\n  exclude: true\n") for markdown in pages.values())


def test_an_entry_not_yet_in_the_archive_is_described_in_full_on_the_glossary_page() -> None:
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    bulletins = [segment_text("标题\n\n正文提到“十五五”规划。\n", "2025-01.txt")]
    index = index_terms(bulletins, glossary)
    soup = BeautifulSoup(markdown.markdown(glossary_markdown(glossary, index), extensions=["attr_list", "meta"]),
                         "html.parser")
    noted = next(e for e in glossary if e.note and not index.places(e))
    item = soup.find(id=noted.anchor)
    assert item is not None and item.a is None and "尚未出现" in item.get_text()
    assert noted.definition.strip() in item.get_text() and noted.note in item.get_text()
    used = soup.find(id=glossary["十五五"].anchor)
    assert used.a["href"] == f"terms/{glossary['十五五'].anchor}.html"
    letters = {a["href"] for a in soup.select("p.annotate-glossary-letter a")}
    assert f"#{noted.anchor}" in letters and f"terms/{glossary['十五五'].anchor}.html" in letters
    cards = {card["term"]: card["url"] for card in term_cards(glossary, index)}
    assert cards[noted.term] == f"glossary.html#{noted.anchor}"
    assert cards["十五五"] == f"terms/{glossary['十五五'].anchor}.html"


def test_every_entry_found_in_the_archive_has_its_page_in_both_editions(march_site: Path) -> None:
    """The glossary index links every entry the site found in the March bulletin to its page, and says of
    every other entry that it is not yet in the archive; term pages are exactly the linked ones."""
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    for prefix in EDITIONS.values():
        root = march_site / prefix
        index = BeautifulSoup((root / "glossary.html").read_text(encoding="utf-8"), "html.parser")
        items = index.select("ul.annotate-glossary-index li.annotate-entry")
        linked = {li["id"] for li in items if li.a is not None}
        unused = {li["id"] for li in items if li.a is None}
        assert linked | unused == {e.anchor for e in glossary} and not linked & unused
        assert all("尚未出" in index.find(id=anchor).get_text() for anchor in unused)
        written = {page.name.removesuffix(".html") for page in (root / "terms").glob("t-*.html")}
        assert linked <= written and len(linked) > 200
        assert all(name.rsplit("-", 1)[0] in linked for name in written - linked)  # continuation pages only
        assert {a["href"] for li in items if (a := li.a) is not None} == {f"terms/{a}.html" for a in linked}
        soup = BeautifulSoup((root / "terms" / f"{glossary['十五五'].anchor}.html").read_text(encoding="utf-8"),
                             "html.parser")
        figure = soup.select_one("figure.annotate-term-history")
        assert figure.svg is not None and figure.svg.find_all("rect")
        caption = figure.figcaption.get_text()
        assert ("首次出现" if not prefix else "首次出現") in caption and "2026" in caption
        assert soup.select_one("details.annotate-term-counts table") is not None
        sentences = soup.select("ol.annotate-term-sentences li")
        assert len(sentences) >= 10 and all(li.select_one("mark").get_text() == "十五五" for li in sentences)
        assert soup.select("ul.annotate-term-related a")

