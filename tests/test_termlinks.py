"""Glossary tooltips in running text, the glossary page with backlinks, and glossary errors at build time."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, article_pages, make_project, run_build

from annotate.glossary import load_glossary
from annotate.segment import segment_text
from annotate.termlinks import index_terms
from annotate.terms import TermMatcher

MARCH = (ROOT / "docs/bulletins/2026-03.txt").read_bytes()

SMALL_GLOSSARY = """entries:
  - term: 两个确立
    category: formulation
    definition: 定义里有 <b>标签</b>、"引号" & 符号。
  - term: 中央八项规定
    category: document
    aliases: [八项规定]
    definition: 短定义甲。
  - term: 中央八项规定精神
    category: formulation
    definition: 短定义乙。
"""

SMALL_BULLETIN = """测试标题

坚持两个确立，深入贯彻中央八项规定精神。

要把“两个确立”落到实处，严格执行八项规定。

第三段再提两个确立。
"""


def build(tmp: Path, glossary: str, bulletin: str, policy: str = "first") -> tuple[object, Path]:
    project = make_project(tmp, {"2026-05.txt": bulletin.encode("utf-8")})
    (project / "docs" / "glossary.yml").write_text(glossary, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("term_policy: first", f"term_policy: {policy}"),
                      encoding="utf-8")
    return run_build(project, tmp / "site"), tmp / "site"


def terms_on(page: Path) -> list[tuple[str, str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(a.get_text(), a["data-term"], a["title"]) for a in soup.select("article a.annotate-term")]


def test_in_run_quoted_longest_and_first_occurrence(tmp_path: Path) -> None:
    result, site = build(tmp_path, SMALL_GLOSSARY, SMALL_BULLETIN)
    assert result.returncode == 0, result.stderr
    found = terms_on(site / "2026-05" / "01.html")
    assert [text for text, _, _ in found] == ["两个确立", "中央八项规定精神", "八项规定"]
    # Material puts the title attribute into its tooltip as HTML: the attribute holds the definition's HTML,
    # so the tooltip reads back exactly the YAML string and makes no element of it.
    tooltip = BeautifulSoup(found[0][2], "html.parser")
    assert tooltip.get_text() == '定义里有 <b>标签</b>、"引号" & 符号。' and tooltip.find() is None
    html = (site / "2026-05" / "01.html").read_text(encoding="utf-8")
    assert "<b>标签</b>" not in html


def test_glossary_term_and_print_pages_stay_out_of_the_search_index(march_site: Path) -> None:
    """Article text is indexed once, on its own page: not again in term pages, the glossary or printable
    pages (a query naming a term gets the term's card instead)."""
    import json

    script = (march_site / "search" / "search_index.js").read_text(encoding="utf-8")  # the offline copy's
    index = json.loads(script.removeprefix("var __index = "))["config"]["annotate"]
    urls = [p["url"] for p in index["pages"]]
    assert urls and all(not u.startswith(("terms/", "glossary")) and "print" not in u for u in urls)
    assert {t["forms"][0] for t in index["terms"]} >= {"两个确立", "十五五"}


def test_policy_all_annotates_every_occurrence(tmp_path: Path) -> None:
    result, site = build(tmp_path, SMALL_GLOSSARY, SMALL_BULLETIN, policy="all")
    assert result.returncode == 0, result.stderr
    found = [text for text, _, _ in terms_on(site / "2026-05" / "01.html")]
    assert found == ["两个确立", "中央八项规定精神", "两个确立", "八项规定", "两个确立"]


def test_term_links_reach_the_term_page_and_its_sentences_return(tmp_path: Path) -> None:
    result, site = build(tmp_path, SMALL_GLOSSARY, SMALL_BULLETIN)
    assert result.returncode == 0, result.stderr
    text, entry_id, _ = terms_on(site / "2026-05" / "01.html")[0]
    href = BeautifulSoup((site / "2026-05" / "01.html").read_text(encoding="utf-8"), "html.parser").select_one(
        f'article a.annotate-term[data-term="{entry_id}"]')["href"]
    assert href == f"../terms/{entry_id}.html"
    soup = BeautifulSoup((site / "terms" / f"{entry_id}.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id=entry_id)
    assert heading is not None and heading.get_text().startswith(text)
    assert "共出现 3 次，见于 1 期的 1 篇文章" in soup.select_one("figure.annotate-term-history figcaption").get_text()
    # One list per bulletin (HTML: never one Markdown paragraph of every link), one item per sentence.
    items = soup.select("ol.annotate-term-sentences li")
    assert [li.select_one("mark").get_text() for li in items] == ["两个确立"] * 3
    hrefs = [li.a["href"] for li in items]
    assert all(h.startswith("../2026-05/01.html#p-") for h in hrefs) and len(set(hrefs)) == 3
    index = BeautifulSoup((site / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    item = index.find(id=entry_id)
    assert item.a["href"] == f"terms/{entry_id}.html" and "3 次，1 篇" in item.get_text()


@pytest.mark.parametrize(
    ("glossary", "fragment", "line"),
    [
        (SMALL_GLOSSARY + "  - term: 两个确立\n    category: formulation\n    definition: 重复。\n", "两个确立", 12),
        (SMALL_GLOSSARY.replace("definition: 短定义甲。", "definition: ''"), "definition", 8),
        (SMALL_GLOSSARY.replace("definition: 短定义乙。", "definition: 短定义乙。\n    colour: red"), "colour", 12),
        ("entries:\n  - term: [未闭合\n", "YAML", 3),
    ],
    ids=["duplicate", "empty-definition", "unknown-key", "bad-yaml"],
)
def test_invalid_glossary_stops_the_build(tmp_path: Path, glossary: str, fragment: str, line: int) -> None:
    result, site = build(tmp_path, glossary, SMALL_BULLETIN)
    assert result.returncode != 0
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and "Traceback" not in result.stderr
    assert f"glossary.yml:{line}" in errors[0] and fragment in errors[0]
    assert not site.exists()


def text_outside_title_links(page: Path) -> list[str]:
    """Each block's text with the text of title-mention links (never annotated inside) blanked out; the
    page title is never annotated (the first occurrence in the body carries the tooltip)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    texts = []
    for block in soup.select("article .annotate-block:not(h1)"):
        for link in block.select(".headerlink"):
            link.decompose()
        parts = []
        for string in block.find_all(string=True):
            inside = string.find_parent("a", class_="annotate-xref-ref") is not None
            parts.append("\0" * len(string) if inside else str(string))
        texts.append("".join(parts))
    return texts


def test_every_march_term_is_tooltipped_on_every_page_where_it_occurs(march_site: Path) -> None:
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    matcher = TermMatcher(glossary)
    pages = article_pages(march_site, "2026-03")
    assert len(pages) == 15
    total = 0
    for page in pages:
        expected = {m.entry.anchor for text in text_outside_title_links(page) for m in matcher.find(text)}
        shown = {anchor for _, anchor, _ in terms_on(page)}
        assert shown == expected, page.name
        total += len(expected)
    assert total > 300


def test_index_terms_counts_occurrences() -> None:
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    bulletin = segment_text(MARCH.decode("utf-8"), "2026-03.txt")
    index = index_terms([bulletin], glossary)
    entry = glossary.lookup("十五五")
    assert entry is not None
    assert sum(o.count for o in index.places(entry)) == MARCH.decode("utf-8").count("十五五")
