"""The online search index: records built from the bulletins (the page text exactly, in each edition's
script), one word per Han character, Pagefind's bundle in each edition, and left out of the offline zip."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import article_pages, block_texts, make_project, run_build

from annotate.config import validate
from annotate.search_pagefind import WORD_BREAK, Line, SearchRecord, _input_page, spaced

EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}


def test_every_han_character_is_a_word_and_the_breaks_come_out_again() -> None:
    text = "习近平3月23日在“十五五”GDP增长 2026 年"
    result = spaced(text)
    assert result.replace(WORD_BREAK, "") == text
    assert result.split(WORD_BREAK)[:4] == ["习", "近", "平", "3"]
    assert "”GDP" in result.split(WORD_BREAK) and "长 2026 年" in result  # non-Han words stay whole


def test_input_page_keeps_markup_in_the_text_literal() -> None:
    record = SearchRecord("a.html", "<b>标题</b> & 《文件》", (Line("正文 <script>alert(1)</script> &lt;", 0),))
    soup = BeautifulSoup(_input_page(record, "zh-hans"), "html.parser")
    assert soup.find("script") is None
    body = soup.select_one("[data-pagefind-body] p").get_text().replace(WORD_BREAK, "")
    # & is escaped once more for Pagefind, whose excerpts escape < and > but not &.
    assert html.unescape(body) == "正文 <script>alert(1)</script> &lt;"
    assert soup.select_one('[data-pagefind-meta="title"]').get_text() == "<b>标题</b> & 《文件》"


def _input_pages(project: Path, edition: str) -> dict[str, BeautifulSoup]:
    folder = project / ".cache" / "annotate" / f"pagefind-{edition}-input"
    pages = {}
    for path in sorted(folder.glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        pages[soup.select_one('[data-pagefind-meta="location"]').get_text()] = soup
    return pages


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_article_record_is_the_text_of_its_page(march_site: Path, edition: str) -> None:
    """Every character of every article, in order and in the edition's script, as the page shows it."""
    prefix = EDITIONS[edition]
    records = _input_pages(march_site.parent / "project", edition)
    pages = article_pages(march_site / prefix, "2026-03")
    assert pages and len(records) == len(pages)  # articles only: the glossary does not compete with them
    for page in pages:
        soup = records[page.relative_to(march_site / prefix).as_posix()]
        lines = [html.unescape(e.get_text().replace(WORD_BREAK, "")) for e in soup.select("[data-pagefind-body] > *")]
        assert lines == block_texts(page), page
        titles = soup.select("h1")
        assert len(titles) == 1 and titles[0].get_text().replace(WORD_BREAK, "") in lines


def test_site_has_a_pagefind_index_per_edition_and_the_zip_has_none(march_site: Path) -> None:
    for prefix in EDITIONS.values():
        folder = march_site / prefix / "pagefind"
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [("zh-hant" if prefix else "zh-hans")]
        assert (folder / "pagefind.js").is_file() and list(folder.glob("fragment/*.pf_fragment"))
        assert not list(folder.glob("pagefind-*ui*")), "Pagefind's own search interfaces are not used"
        stub = json.loads((march_site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
        full = (march_site / prefix / "search/search_index.js").read_text(encoding="utf-8")
        pages = json.loads(full.removeprefix("var __index = "))["config"]["annotate"]["pages"]
        assert stub["docs"] == [] and "annotate" not in stub["config"] and len(pages) >= 15
        ranks = json.loads((folder / "annotate-rank.json").read_text(encoding="utf-8"))
        fragments = {p.stem for p in folder.glob("fragment/*.pf_fragment")}
        assert set(ranks["pages"]) == fragments and len(ranks["terms"]) > 200
    with zipfile.ZipFile(march_site / "downloads" / "annotate-offline.zip") as archive:
        names = archive.namelist()
    assert not [n for n in names if "/pagefind/" in n]
    assert "annotate/search/search_index.js" in names and "annotate/zh-Hant/search/search_index.js" in names
    # Only a web server shows a 404 page; from file:// its root-relative links fail to load.
    assert "annotate/404.html" not in names and "annotate/zh-Hant/404.html" not in names


def test_material_engine_searches_the_articles_online_too(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"2026-03.txt": (Path(__file__).parent.parent / "docs/bulletins/2026-03.txt")
                                      .read_bytes()})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search_engine: pagefind", "search_engine: material"),
                      encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert not (site / "pagefind").exists() and not (site / "zh-Hant" / "pagefind").exists()
    # The worker reads the articles from the index Material's bundle hands it, online as offline.
    online = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert len(online["config"]["annotate"]["pages"]) >= 15
    assert "annotate-search-worker" in (site / "2026-03/04.html").read_text(encoding="utf-8")


def test_unknown_search_engine_is_refused() -> None:
    with pytest.raises(Exception, match="search_engine"):
        validate({"search_engine": "lunr"})


def test_a_missing_pagefind_binary_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import pagefind.service

    from annotate.errors import USER_ERRORS
    from annotate.search_pagefind import BackgroundIndex, SearchIndexError

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(SearchIndexError, match="make install") as caught:
        BackgroundIndex([], "zh-hans", tmp_path / "staging")
    assert isinstance(caught.value, USER_ERRORS)


def test_record_text_is_converted_between_the_same_spans_as_the_page() -> None:
    """The page converts the text between annotation spans piece by piece; the record does the same."""
    from annotate import render

    text = "深刻领悟两个确立的决定性意义"
    spans = [render.InlineSpan(4, 8, "glossary.md#x", "术语"), render.InlineSpan(2, 12)]
    pieces: list[str] = []
    render.render_inline(text, spans, render.EditionText(lambda piece: pieces.append(piece) or piece))
    on_page = [p for p in pieces if p != "术语"]  # not the link's title
    plain = render.visible_inline(text, spans, render.EditionText(lambda piece: f"[{piece}]"))
    assert plain == "".join(f"[{piece}]" for piece in on_page)
    assert plain.replace("[]", "") == "[深刻][领悟][两个确立][的决定性][意义]"
