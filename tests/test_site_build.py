"""Whole-site builds: strict build, nothing lost, nothing injected, clear errors, determinism."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, article_pages, block_texts, make_project, run_build

from annotate.segment import segment_text

MARCH = (ROOT / "docs/bulletins/2026-03.txt").read_bytes()
NON_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return NON_SPACE.sub("", text)


def test_strict_build_has_one_page_per_article(march_site: Path) -> None:
    pages = article_pages(march_site, "2026-03")
    assert len(pages) == 15
    assert (march_site / "2026-03" / "index.html").exists()
    assert (march_site / "index.html").exists()


def test_every_character_appears_once_in_order(march_site: Path) -> None:
    shown = "".join("".join(block_texts(page)) for page in article_pages(march_site, "2026-03"))
    assert squeeze(shown) == squeeze(MARCH.decode("utf-8"))


def test_clause_and_paragraph_anchors(march_site: Path) -> None:
    html = (march_site / "2026-03" / "06.html").read_text(encoding="utf-8")
    assert 'id="art-6"' in html and 'id="art-38"' in html
    assert re.search(r'<p class="annotate-paragraph annotate-block" data-line="134" id="p-wdtvgcm">', html)
    assert 'href="#p-wdtvgcm"' in html


HOSTILE_LINES = [
    "# 不是标题",
    "1. 不是列表",
    "* 不是列表",
    "- 也不是列表",
    "> 不是引用",
    "---",
    "<script>alert(1)</script>",
    "[链接](http://example.com)",
    "{{ config.site_name }}",
    "{% include 'x' %}",
    "*[HTML]: 不是缩写",
    "|a|b|",
    "    缩进四格不是代码",
    "`代码`与**粗体**和_下划线_",
    "&amp; &lt; &#x4e00; \\* 反斜杠",
    "正文 {: #injected .x } 结尾",
    "===",
    "<!-- 注释 -->",
    "![图](x.png)",
]


@pytest.mark.parametrize("as_paragraphs", [True, False], ids=["paragraphs", "as-found"])
def test_bulletin_text_is_always_literal(tmp_path: Path, as_paragraphs: bool) -> None:
    """Hostile lines show their own characters whether they end up as paragraphs, titles or nav entries."""
    prefix = "%% body\n" if as_paragraphs else ""
    body = "\n\n".join(prefix + line for line in HOSTILE_LINES)
    text = f"测试标题\n\n第一段正文。\n\n{body}\n"
    project = make_project(tmp_path, {"2026-04.txt": text.encode("utf-8")})
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    shown = [t for page in article_pages(site, "2026-04") for t in block_texts(page)]
    assert shown == ["测试标题", "第一段正文。", *(line.strip() for line in HOSTILE_LINES)]
    if as_paragraphs:
        assert len(article_pages(site, "2026-04")) == 1
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, page
        assert 'id="injected"' not in html and "<!-- 注释 -->" not in html, page
        assert "{{ config.site_name }}" not in html or "{{ config.site_name }}" in "".join(shown), page


BAD_INPUTS = {
    "empty": (b"", "empty", None),
    "blank": (b"\n  \n\t\n", "blank", None),
    "binary": (b"\x00\x01\x02\x03binary", "binary", 1),
    "undecodable": ("标题\n\n正文。\n".encode() + b"\xff\xfe\xfd\x81\x82\n", "0xff", 4),
    "no-title": ("这是一段没有标题的正文，只有句子。\n\n另一段正文。\n".encode(), "title", 1),
    "unknown-directive": ("%% frobnicate\n标题\n\n正文。\n".encode(), "frobnicate", 1),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_bulletin_stops_build_with_one_clear_message(tmp_path: Path, case: str) -> None:
    data, fragment, line = BAD_INPUTS[case]
    project = make_project(tmp_path, {"2026-03.txt": MARCH, "bad.txt": data})
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("old site", encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    place = "bad.txt" + (f":{line}:" if line else ":")
    assert place in errors[0] and fragment in errors[0]
    assert sorted(p.name for p in site.iterdir()) == ["previous.html"]  # nothing half-written


def test_build_is_byte_identical_across_directories(tmp_path: Path) -> None:
    sites = []
    for name in ("one", "two-with-a-longer-name"):
        project = make_project(tmp_path / name, {"2026-03.txt": MARCH})
        result = run_build(project, tmp_path / name / "out")
        assert result.returncode == 0, result.stderr
        sites.append(tmp_path / name / "out")
    comparison = filecmp.dircmp(sites[0], sites[1])
    mismatched = []

    def walk(cmp: filecmp.dircmp) -> None:
        assert not cmp.left_only and not cmp.right_only, (cmp.left_only, cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        mismatched.extend(mismatch + errors)
        for sub in cmp.subdirs.values():
            walk(sub)

    walk(comparison)
    assert mismatched == []


def test_non_ascii_file_name_gets_ascii_url(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"2026年第4期 简报.txt": "标题甲\n\n正文。\n".encode()})
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    dirs = [p.name for p in (tmp_path / "site").iterdir() if p.is_dir() and p.name.startswith("2026")]
    assert (tmp_path / "site" / dirs[0] / "01.html").exists()
    assert len(dirs) == 1 and dirs[0].isascii()


def test_printable_page_has_every_article_in_order(march_site: Path) -> None:
    from bs4 import BeautifulSoup

    doc = BeautifulSoup((march_site / "2026-03" / "print.html").read_text(encoding="utf-8"), "html.parser")
    article = doc.select_one("article.md-content__inner")
    sources = [squeeze(p.get_text()) for p in article.select("p.annotate-meta")]
    # Each article's 来源 line, as on its own page (named by the group's source line, not a line of its own).
    on_pages = [
        "来源：" + squeeze(meta.get_text()).split("来源：", 1)[1]
        for page in sorted((march_site / "2026-03").glob("[0-9][0-9].html"))
        for meta in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("p.annotate-meta")
        if "来源：" in meta.get_text()
    ]
    assert sources and sources == on_pages
    for element in article.select(".headerlink, .annotate-print-title, p.annotate-meta"):
        element.decompose()
    assert squeeze(article.get_text()) == squeeze(MARCH.decode("utf-8"))
    assert len(article.select(".annotate-print-article")) == 15
    ids = [e["id"] for e in article.select("[id]")]
    assert len(ids) == len(set(ids))


def test_warm_caches_give_the_same_site(tmp_path: Path) -> None:
    """The second build reuses the conversion memo and the checked glossary, and must not change a byte."""
    project = make_project(tmp_path, {"2026-03.txt": MARCH})
    first, second = tmp_path / "first", tmp_path / "second"
    cache = project / ".cache" / "annotate"
    misses = []
    blocks = sum(len(a.all_blocks) for a in segment_text(MARCH.decode("utf-8"), "2026-03.txt").articles)
    for site in (first, second):
        result = run_build(project, site)
        assert result.returncode == 0, result.stderr
        counts = json.loads((cache / "build-stats.json").read_text(encoding="utf-8"))["counters"]
        misses.append(counts.get("conversion memo misses", 0) + counts.get("conversion word cuts", 0))
        # Glossary terms are matched once per build: one scan of every block, both editions together.
        assert counts["glossary blocks scanned"] == blocks and counts["analysis reused"] == 1, counts
    assert list(cache.glob("converted-*.json")) and list(cache.glob("glossary-*.pickle"))
    # Material's search plugin indexes nothing (annotate writes the search index): no page is cut by jieba.
    assert not list(cache.glob("search-segments-*.json"))
    assert misses[0] > 1000 and misses[1] == 0, misses
    _, mismatch, errors = filecmp.cmpfiles(first, second, [str(p.relative_to(first)) for p in first.rglob("*")
                                                          if p.is_file()], shallow=False)
    assert mismatch == [] and errors == []


@pytest.mark.parametrize(
    ("file", "content", "fragment"),
    [
        ("docs/xref-ignore.yml", "phrases: []\npairs:\n  - [2026-03/12]\n", "xref-ignore.yml:3"),
        # A pair naming an anchor that is gone (edited paragraph) or an old line-number anchor.
        ("docs/xref-ignore.yml", "pairs:\n  - [2026-03/12, 2026-03/02#p-bbbbbbb]\n",
         "xref-ignore.yml:2: 2026-03/02 中没有锚点 #p-bbbbbbb"),
        ("docs/xref-ignore.yml", "pairs:\n  - [2026-03/02#p-47, 2026-03/04]\n",
         "xref-ignore.yml:2: #p-47 是按行号编的旧锚点"),
        ("docs/conversion.yml", "新征程: [不是字符串]\n", "conversion.yml:1"),
        ("mkdocs.yml", None, "min_runs"),
    ],
    ids=["xref-ignore", "xref-ignore-stale-anchor", "xref-ignore-line-anchor", "conversion-table", "xref-setting"],
)
def test_bad_data_files_stop_the_build_with_one_message(tmp_path: Path, file: str, content: str | None,
                                                         fragment: str) -> None:
    project = make_project(tmp_path, {"2026-03.txt": MARCH})
    target = project / file
    if content is None:
        target.write_text(target.read_text(encoding="utf-8").replace("min_run:", "min_runs:"), encoding="utf-8")
    else:
        target.write_text(content, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("ERROR")]
    assert len(errors) == 1 and fragment in errors[0], result.stderr
    assert not (tmp_path / "site").exists()


def test_settings_are_not_copied_into_every_page(march_site: Path) -> None:
    """Material copies extra.annotate (its code-annotation selectors) into each page's configuration: the
    settings live elsewhere (extra.annotate_settings), and none of them reach a page."""
    for page in (march_site / "2026-03/04.html", march_site / "zh-Hant/2026-03/04.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        config = json.loads(soup.select_one("#__config").get_text())
        assert config["annotate"] is None and "bulletins" not in json.dumps(config)
