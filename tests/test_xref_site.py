"""Cross-references on the built site: parallel passages both ways, title mentions, related articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, make_project, run_build

MARCH = (ROOT / "docs/bulletins/2026-03.txt").read_bytes()
FORMULAS = [
    "以习近平新时代中国特色社会主义思想为指导",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "深入贯彻党的二十大和二十届历次全会精神",
]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def markers(page: Path) -> dict[str, list[str]]:
    """Paragraph id → hrefs of its “相关段落” marker."""
    doc = soup(page)
    found = {}
    for marker in doc.select("div.annotate-xref"):
        paragraph = marker.find_previous_sibling(class_="annotate-block")
        found[paragraph["id"]] = [a["href"] for a in marker.select("a.annotate-xref-link")]
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("xref")
    quoting = (
        "引用测试标题\n\n"
        "本文引用：要更加注重创新驱动，尽快突破关键核心技术，推动海洋科技实现高水平自立自强。\n\n"
        "另一段与前文无关的正文，讲述其他事情。\n"
    )
    project = make_project(tmp, {"2026-03.txt": MARCH, "2026-04.txt": quoting.encode("utf-8")})
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_qiushi_excerpt_and_study_article_link_both_ways(site: Path) -> None:
    two, four = markers(site / "2026-03/02.html"), markers(site / "2026-03/04.html")
    # Line 47 of 02 and line 109 of 04.
    assert "04.html#p-bskdmkd" in two["p-tjcvmpj"]
    assert "02.html#p-tjcvmpj" in four["p-bskdmkd"]
    shared = [m.get_text() for m in soup(site / "2026-03/02.html").select("#p-tjcvmpj mark.annotate-shared")]
    assert any("把敢不敢扛事、愿不愿做事、能不能干事作为识别干部" in text for text in shared)


def test_signed_article_and_speech_share_paragraphs(site: Path) -> None:
    twelve, thirteen = markers(site / "2026-03/12.html"), markers(site / "2026-03/13.html")
    pairs = [(p, h) for p, hrefs in twelve.items() for h in hrefs if h.startswith("13.html#")]
    assert len(pairs) >= 3
    for paragraph, href in pairs:
        assert f"12.html#{paragraph}" in thirteen[href.split("#")[1]]
    longest = max(len(m.get_text()) for m in soup(site / "2026-03/12.html").select("mark.annotate-shared"))
    assert longest >= 50


def test_boilerplate_formulas_do_not_link(site: Path) -> None:
    for page in sorted((site / "2026-03").glob("[0-9]*.html")):
        for paragraph in soup(page).select(".annotate-block"):
            # A highlight may be cut in pieces where it crosses a glossary link: judge it whole.
            text = "".join(mark.get_text() for mark in paragraph.select("mark.annotate-shared"))
            assert not text or not any(text in formula for formula in FORMULAS), (page.name, text)


def test_meeting_report_links_to_the_notice(site: Path) -> None:
    refs = soup(site / "2026-03/07.html").select("a.annotate-xref-ref")
    assert any(a["href"] == "10.html" and "通知" in a.get_text() for a in refs)


def test_link_across_bulletins(site: Path) -> None:
    quoting = markers(site / "2026-04/01.html")
    assert any(h.startswith("../2026-03/") for hrefs in quoting.values() for h in hrefs)
    back = [h for hrefs in markers(site / "2026-03/03.html").values() for h in hrefs]
    assert "../2026-04/01.html#p-gpghzzt" in back


def test_related_articles_with_reasons(site: Path) -> None:
    doc = soup(site / "2026-03/12.html")
    items = doc.select("li.annotate-related-item")
    assert 1 <= len(items) <= 5
    assert items[0].a["href"] == "13.html" and "段文字相同" in items[0].get_text()


def test_xref_cli_contract() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotate.cli", "xref", str(ROOT / "docs/bulletins/2026-03.txt"), "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    link = next(item for item in data["links"] if item["a"]["line"] == 47 and item["b"]["line"] == 109)
    assert link["a"]["source"] == link["b"]["source"] == "2026-03.txt"
    assert "把敢不敢扛事" in link["shared"] and 0 < link["score"] <= 1
    assert data["related"] and set(data["related"][0]) >= {"a", "b", "score", "reason"}
