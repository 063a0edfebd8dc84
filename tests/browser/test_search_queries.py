"""Typed queries, as a reader types them, on the served site and on the unzipped offline copy, both editions.

For every query: the box keeps what was typed; the first result is the glossary entry's card when the
query is one of its forms (in either script), else the expected article; after the card, articles follow
in the ranking's tiers (terms in the title or kicker, then in a heading); the articles are exactly those
whose text contains every word (recall, read from the built pages); excerpts show the reader's text
only; and the served site and the offline copy give the same list in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browserkit import EDITIONS, SEARCH_INPUT, article_pages, edition_path, open_search
from sitebuild import ROOT, block_texts

from annotate.glossary import Glossary, load_glossary

# (typed, the article that must come first among the articles, or None when only the card is checked).
# Typed as written: Simplified, Traditional, two words, names, phrases, aliases; every query runs on both
# editions, so each is also a cross-script query on one of them.
QUERIES: list[tuple[str, str | None]] = [
    ("十五五", "2026-03/09.html"),  # a term; two articles have it in the title: the earlier first
    ("两个确立", None),
    ("兩個確立", None),  # Traditional
    ("习近平", "2026-03/01.html"),  # a name in four titles or kickers
    ("全面从严治党", None),
    ("八项规定", None),  # an alias: the entry 中央八项规定
    ("两会", "2026-03/09.html"),  # an alias: the entry 全国两会
    ("雄安新区", "2026-03/01.html"),
    ("正确政绩观", "2026-03/04.html"),
    ("政绩观", "2026-03/04.html"),
    ("蔚然成风", "2026-03/02.html"),  # a phrase of one title
    ("敢担当", "2026-03/02.html"),
    ("海洋经济", "2026-03/03.html"),
    ("海洋經濟", "2026-03/03.html"),  # Traditional
    ("党建带团建", "2026-03/05.html"),
    ("廉洁从业", "2026-03/06.html"),
    ("廉潔從業", "2026-03/06.html"),  # Traditional
    ("国有企业领导人员", "2026-03/06.html"),
    ("中常会", "2026-03/07.html"),
    ("思想政治工作", "2026-03/08.html"),
    ("蔡达峰", "2026-03/09.html"),  # a name
    ("新华每日电讯", "2026-03/12.html"),
    ("王伟中 署名文章", "2026-03/12.html"),  # two words, both in one title
    ("高质量发展 大会", "2026-03/13.html"),
    ("雄安 考察", "2026-03/01.html"),
    ("包钢", "2026-03/15.html"),
    ("团组会议", "2026-03/14.html"),
    ("蒙古马精神", None),
    ("新征程", "2026-03/12.html"),
]

NOT_THE_READERS_TEXT = re.compile("[¶\u200a\u200b\u200c\u200d\u2060\ufeff]|相关段落|相關段落")

# The worker's whole answer (not only the first items Material renders), recorded as it reaches the page:
# online from the Worker, from file:// through the iframe-worker shim (the iframe posts to the page). The
# shim keeps one worker per page, so the test starts none of its own.
RECORD_ANSWERS_JS = """(() => {
  window.__answers = [];
  const keep = (data) => {
    if (data && data.type === 3 && data.data && data.data.complete) window.__answers.push(data.data);
  };
  window.addEventListener('message', (event) => keep(event.data));
  const Original = window.Worker;
  if (Original && location.protocol !== 'file:') {
    window.Worker = class extends Original {
      constructor(...args) { super(...args); this.addEventListener('message', (event) => keep(event.data)); }
    };
  }
})()"""


class Site:
    """What the built edition says the answers must be: texts, titles and the query table."""

    def __init__(self, root: Path, prefix: str, glossary: Glossary) -> None:
        self.prefix = prefix
        self.glossary = glossary
        self.edition_root = root / prefix
        self.texts = {p.relative_to(root / prefix).as_posix(): block_texts(p) for p in article_pages(root, prefix)}
        script = (root / prefix / "assets/javascripts/annotate-query-table.js").read_text(encoding="utf-8")
        pairs = re.search(r'"pairs": "([^"]*)"', script)
        chars = list(pairs.group(1)) if pairs else []
        table = dict(zip(chars[::2], chars[1::2], strict=True))
        self.table = {k: v for k, v in table.items() if k not in set(table.values())}

    def words(self, typed: str) -> list[str]:
        """The query in this edition's script, character by character (the worker's table)."""
        return "".join(self.table.get(c, c) for c in typed).split()

    def containing(self, words: list[str]) -> set[str]:
        return {url for url, blocks in self.texts.items()
                if all(any(w.lower() in b.lower() for b in blocks) for w in words)}

    def card(self, typed: str) -> str | None:
        """Where the card of the entry the query names leads: its term page, or the glossary index for an
        entry the site has no page for (not found in its articles). The glossary is Simplified: t2s."""
        import opencc

        simplified = opencc.OpenCC("t2s").convert(typed.replace(" ", ""))
        entry = self.glossary.lookup(typed.replace(" ", "")) or self.glossary.lookup(simplified)
        if entry is None:
            return None
        page = f"terms/{entry.anchor}.html"
        return page if (self.edition_root / page).is_file() else "glossary.html"


def zone_hits(page_html: Path, words: list[str]) -> tuple[int, int]:
    """(words in the title or kicker, words in a heading) of an article page, read from the page."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html.read_text(encoding="utf-8"), "html.parser")
    for link in soup.select(".headerlink"):
        link.decompose()
    zone = " ".join(e.get_text() for e in soup.select("article .annotate-title, article .annotate-kicker"))
    headings = " ".join(e.get_text() for e in soup.select("article .annotate-heading"))
    return (sum(w.lower() in zone.lower() for w in words), sum(w.lower() in headings.lower() for w in words))


def answers(page: Any, start: str, site: Site, typed: str) -> list[dict[str, str]]:
    field = open_search(page)
    page.evaluate("window.__answers = []")
    field.fill(typed)
    expected_total = len(site.containing(site.words(typed))) + (1 if site.card(typed) else 0)
    # The list Material shows is this query's: its count is the answer's.
    try:
        page.wait_for_function(
            """([selector, typed, total]) => {
                const meta = document.querySelector('.md-search-result__meta').textContent.match(/\\d+/);
                return document.querySelector(selector).value === typed && meta && Number(meta[0]) === total &&
                    window.__answers.length && window.__answers[window.__answers.length - 1].total === total;
            }""",
            arg=[SEARCH_INPUT, typed, expected_total],
        )
    except Exception as error:  # Playwright's timeout: say what the reader saw
        meta = page.locator(".md-search-result__meta").text_content()
        raise AssertionError(f"{typed} on {page.url}: shows “{meta}”, expected {expected_total}") from error
    found = page.evaluate("""() => window.__answers[window.__answers.length - 1].items.map(group => (
        {href: group[0].location, title: group[0].title, text: group[0].text}))""")
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
        href: item.querySelector('a').href, text: item.textContent}))""")
    assert shown and edition_path(shown[0]["href"].split("?")[0], site.prefix) == edition_path(
        found[0]["href"].split("?")[0], site.prefix)
    for item in shown:
        assert not NOT_THE_READERS_TEXT.search(item["text"]), (typed, item["text"][:200])
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_typed_queries_rank_and_recall_the_same_served_and_offline(
    context: Any, base_url: str, offline_url: str, built_site: Path, edition: str
) -> None:
    prefix = EDITIONS[edition]
    site = Site(built_site, prefix, load_glossary(ROOT / "docs" / "glossary.yml"))
    context.add_init_script(RECORD_ANSWERS_JS)
    served_page, offline_page = context.new_page(), context.new_page()
    served_page.goto(f"{base_url}{prefix}index.html")
    offline_page.goto(f"{offline_url}{prefix}index.html")
    checked = 0
    for typed, first_article in QUERIES:
        lists = []
        for page, start in ((served_page, f"{base_url}{prefix}index.html"),
                            (offline_page, f"{offline_url}{prefix}index.html")):
            found = answers(page, start, site, typed)
            urls = [edition_path(item["href"].split("?")[0], prefix) for item in found]
            card = site.card(typed)
            if card:
                assert urls[0] == card, (typed, start, urls[:3])
                assert "annotate-term-card" in found[0]["title"]
                urls = urls[1:]
            assert not [u for u in urls if u.startswith("terms/")], (typed, "one card only", urls)
            words = site.words(typed)
            assert set(urls) == site.containing(words), (typed, start)
            assert len(urls) == len(set(urls))
            if first_article is not None:
                assert urls[0] == first_article, (typed, start, urls[:3])
            tiers = [zone_hits(built_site / prefix / u, words) for u in urls]
            assert tiers == sorted(tiers, reverse=True), (typed, start, list(zip(urls, tiers, strict=True)))
            lists.append(urls)
        assert lists[0] == lists[1], (typed, "served and offline differ", lists)
        assert served_page.locator(SEARCH_INPUT).input_value() == typed  # the box keeps what was typed
        checked += 1
    assert checked == len(QUERIES) >= 25
