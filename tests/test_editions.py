"""The Traditional edition: same pages and ids, converted text, switcher to the same page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, make_project, run_build

from annotate.convert import Converter, opencc_dictionary

MARCH = (ROOT / "docs/bulletins/2026-03.txt").read_bytes()


@pytest.fixture
def site(march_site: Path) -> Path:
    return march_site


def pages(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*.html") if "zh-Hant" not in p.relative_to(root).parts)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_both_editions_have_the_same_pages_and_ids(site: Path) -> None:
    simplified = pages(site)
    assert simplified == pages(site / "zh-Hant")
    assert len(simplified) > 15
    for page in simplified:
        ids_s = [e["id"] for e in soup(site / page).select("article [id]")]
        ids_t = [e["id"] for e in soup(site / "zh-Hant" / page).select("article [id]")]
        assert ids_s == ids_t, page
        hrefs_s = [a["href"] for a in soup(site / page).select("article a[href]")]
        hrefs_t = [a["href"] for a in soup(site / "zh-Hant" / page).select("article a[href]")]
        assert hrefs_s == hrefs_t, page


def test_html_lang_and_switcher_lead_to_the_same_page(site: Path) -> None:
    for page in pages(site):
        if page.name == "404.html":  # served for any path, so its links are absolute; checked below
            continue
        for edition, lang in (("", "zh-Hans"), ("zh-Hant/", "zh-Hant")):
            path = site / edition / page
            doc = soup(path)
            assert doc.html["lang"] == lang
            links = {a["hreflang"]: a["href"] for a in doc.select("a.md-select__link")}
            assert set(links) == {"zh-Hans", "zh-Hant"}
            for target_lang, href in links.items():
                target = urljoin(path.as_uri(), href)
                target_path = Path(target.removeprefix("file://"))
                if target_path.is_dir():
                    target_path = target_path / "index.html"
                expected = site / ("zh-Hant/" if target_lang == "zh-Hant" else "") / page
                assert target_path.resolve() == expected.resolve(), (path, href)


def test_404_switcher_links_are_absolute_paths(site: Path) -> None:
    links = [a["href"] for a in soup(site / "404.html").select("a.md-select__link")]
    assert links == ["/", "/zh-Hant/"]  # no page of its own: both home pages


def simplified_only_characters() -> set[str]:
    """Characters that OpenCC always changes from Simplified to Traditional (one-to-many ones excluded)."""
    candidates = opencc_dictionary("STCharacters")
    traditional = {form for forms in candidates.values() for form in forms}
    converter = Converter()
    return {s for s in candidates if s not in traditional and converter.convert(s) != s}


def test_material_traditional_strings_are_material_strings_converted() -> None:
    """Our copy of Material's zh-Hant strings is Material's own file through our converter."""
    import material

    ours = (ROOT / "overrides/partials/languages/zh-Hant.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/partials/languages/zh-Hant.html").read_text(encoding="utf-8")
    pairs = re.compile(r'"([^"]+)": "([^"]*)"')
    converter = Converter()
    assert dict(pairs.findall(ours)) == {k: converter.convert(v) for k, v in pairs.findall(theirs)}


def test_traditional_pages_contain_no_simplified_only_characters(site: Path) -> None:
    forbidden = simplified_only_characters()
    assert {"们", "这", "国", "发"} <= forbidden
    for page in pages(site / "zh-Hant"):
        doc = soup(site / "zh-Hant" / page)
        for tag in doc(["script", "style"]) + doc.select(".md-select__link[hreflang=zh-Hans]"):
            tag.decompose()
        text = doc.get_text() + "".join(str(a.get("title", "")) for a in doc.select("[title]"))
        text += "".join(str(a.get("aria-label", "")) for a in doc.select("[aria-label]"))
        leftover = {c for c in text if c in forbidden}
        assert not leftover, (page, sorted(leftover)[:20])


def test_traditional_search_index_is_converted(site: Path) -> None:
    # The articles as the search worker reads them offline (online, Pagefind answers).
    script = (site / "zh-Hant" / "search" / "search_index.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("var __index = "))["config"]["annotate"]
    text = "".join(page["title"] + "".join(page["lines"]) for page in data["pages"])
    assert "習近平" in text and "习近平" not in text
    assert "兩個確立" in text and "\u200b" not in text
    cards = {card["term"]: card for card in data["terms"]}
    assert "兩個確立" in cards and "两个确立" in cards["兩個確立"]["forms"]  # typed in either script


MARCH_FIXES = {
    "新征程": "新征程",
    "不准有下列行为": "不准有下列行為",
    "更加注重": "更加注重",
    "好干部": "好幹部",
    "干的事": "幹的事",
    "内生发展": "內生發展",
    "阐明了": "闡明了",
    "并发出通知": "並發出通知",
    "本规定制定": "本規定制定",
    "倪岳峰": "倪岳峰",
}


def test_known_opencc_errors_are_right_on_the_traditional_pages(site: Path) -> None:
    text = "".join(soup(p).get_text() for p in (site / "zh-Hant" / "2026-03").glob("*.html"))
    for simplified, traditional in MARCH_FIXES.items():
        if simplified in MARCH.decode("utf-8"):
            assert traditional in text, traditional
    assert "徵程" not in text and "註重" not in text and "乾部" not in text and "嶽" not in text


def test_refused_profile_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"2026-03.txt": MARCH})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("profile: s2tw", "profile: s2twp"), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and "s2twp" in errors[0] and "支持→支援" in errors[0]
    assert not (tmp_path / "site").exists()


def test_converter_keeps_ids_and_ascii() -> None:
    converter = Converter()
    line = "p-12 art-6 https://example.org/a_b 十五五 2026年"
    assert converter.convert(line).startswith("p-12 art-6 https://example.org/a_b ")
    assert re.search(r"[后发]", converter.convert("发展后")) is None
