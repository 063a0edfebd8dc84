"""The editorial report: ``annotate report --base REF`` must report exactly what a commit changed.

The end-to-end tests build a throwaway git repository holding the March bulletin, its glossary and the
conversion table, commit an edit and run the real command in it, as CI does on a pull request.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotate.glossary import load_glossary
from annotate.model import Article, Block, BlockKind, Bulletin, Directive
from annotate.reader import SourceText
from annotate.report import (
    SUMMARY_LIMIT,
    compare,
    longest_increasing,
    render_markdown,
    segmentation_warnings,
)

ROOT = Path(__file__).resolve().parent.parent
MARCH = "docs/bulletins/2026-03.txt"
OLD_TITLE = "推动海洋经济高质量发展"
NEW_TITLE = "推动海洋经济高质量发展再上新台阶"
NEW_ARTICLE = [
    "民进中央召开海洋经济专题调研座谈会",
    "3月20日，民进中央在京召开海洋经济专题调研座谈会，围绕推动海洋经济高质量发展听取专家学者意见建议。",
    "会议指出，要深入学习贯彻习近平总书记关于建设海洋强国的重要论述，发挥界别特色和优势，围绕海洋科技创新、"
    "海洋生态保护等议题深入调查研究，为建设海洋强国贡献智慧和力量。",
    "与会专家学者结合各自工作实际作了交流发言，就完善海洋产业政策、加强海洋人才培养提出意见建议。",
]
GLOSSARY_ADDITION = """  - term: 集结号
    category: formulation
    aliases: []
    definition: 测试用词条：比喻动员全体投入行动的号令。
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def annotate(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotate.cli", "report", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
    )


def make_repo(path: Path) -> tuple[Path, str]:
    """A repository whose first commit holds the project's March bulletin, glossary and conversion table."""
    path.mkdir()
    git(path, "init", "--quiet")
    git(path, "config", "user.name", "Report Test")
    git(path, "config", "user.email", "report-test@example.org")
    git(path, "config", "commit.gpgsign", "false")
    for name in (MARCH, "docs/glossary.yml", "docs/conversion.yml"):
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, path / name)
    git(path, "add", ".")
    git(path, "commit", "--quiet", "-m", "March bulletin")
    return path, git(path, "rev-parse", "HEAD")


def edit_bulletin(repo: Path) -> list[int]:
    """Retitle article 03 and append one article; returns the numbers of the lines that are new."""
    file = repo / MARCH
    lines = file.read_text(encoding="utf-8").split("\n")
    title_at = next(i for i, line in enumerate(lines) if line.strip() == OLD_TITLE)
    lines[title_at] = lines[title_at].replace(OLD_TITLE, NEW_TITLE)
    while lines and not lines[-1].strip():
        lines.pop()
    lines.append("")
    start = len(lines) + 1
    for k, text in enumerate(NEW_ARTICLE):
        lines += [text, ""] if k < len(NEW_ARTICLE) - 1 else [text]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [title_at + 1, *range(start, start + 2 * len(NEW_ARTICLE), 2)]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[int]]:
    repo, first = make_repo(tmp_path_factory.mktemp("report") / "repo")
    new_lines = edit_bulletin(repo)
    git(repo, "commit", "--quiet", "-am", "Retitle one article, add one")
    return repo, first, new_lines


@pytest.fixture(scope="module")
def report(edited: tuple[Path, str, list[int]]) -> dict[str, Any]:
    repo, first, _ = edited
    result = annotate(repo, "--base", first, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_base_reports_exactly_the_committed_change(report: dict[str, Any], edited: tuple[Path, str, list[int]]) -> None:
    _, first, new_lines = edited
    assert report["base"]["commit"] == first
    assert report["scope"]["all"] is False and report["scope"]["bulletins"] == 1
    [bulletin] = report["bulletins"]
    assert (bulletin["path"], bulletin["status"]) == (MARCH, "modified")
    changes = bulletin["changes"]
    assert [(a["slug"], a["title"]) for a in changes["added"]] == [("16", NEW_ARTICLE[0])]
    assert changes["added"][0]["first_line"] == new_lines[1]
    assert [(c["slug"], c["changes"]) for c in changes["retitled"]] == [
        ("03", {"title": {"old": OLD_TITLE, "new": NEW_TITLE}})
    ]
    assert changes["removed"] == changes["recut"] == changes["moved"] == []
    assert len(bulletin["articles"]) == 16
    assert bulletin["warnings"] == []


def test_base_reviews_only_new_lines_and_new_terms(report: dict[str, Any], edited: tuple[Path, str, list[int]]) -> None:
    repo, _, new_lines = edited
    conversion = report["conversion"]
    assert conversion["lines"] == len(new_lines)
    assert conversion["items"], "the new lines hold one-to-many characters (发, 干, 于…)"
    assert {item["line"] for item in conversion["items"]} <= set(new_lines)
    new_text = "".join(NEW_ARTICLE) + NEW_TITLE
    glossary = load_glossary(repo / "docs/glossary.yml")
    for bulletin in report["glossary"]["newly_matched"]:
        for found in bulletin["terms"]:
            assert any(form in new_text for form in glossary[found["term"]].forms), found
    assert report["glossary"]["unused"], "entries unused in the March bulletin are still listed"
    for link in report["xref"]["links"]:
        assert "2026-03" in (link["a"]["bulletin"], link["b"]["bulletin"])


def test_markdown_report(edited: tuple[Path, str, list[int]]) -> None:
    repo, first, _ = edited
    result = annotate(repo, "--base", first, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert len(text.encode("utf-8")) < SUMMARY_LIMIT
    for heading in (
        "# 编辑报告",
        "## 概要 Summary",
        "## 2026年第3期",
        "### 与基准相比",
        "### 文章目录",
        "## 术语表",
        "## 需要人工确认",
        "## 新的交叉引用",
        "## 繁体转换风险",
    ):
        assert heading in text, heading
    assert f"**新增 added** 16 {NEW_ARTICLE[0]}" in text
    assert f"“{OLD_TITLE}” → “{NEW_TITLE}”" in text
    assert "重新分段 re-cut** " not in text and "删除 removed** " not in text
    assert text.count("<details") == text.count("</details>")
    assert "⚠️" not in text, "nothing is cut when the report fits"


@pytest.mark.parametrize("limit", [12_000, 8_000, 3_000, 600])
def test_markdown_is_cut_to_the_limit(report: dict[str, Any], limit: int) -> None:
    full = render_markdown(report)
    assert len(full.encode("utf-8")) > 12_000, "the fixture must be long enough to need cutting"
    cut = render_markdown(report, max_bytes=limit)
    assert len(cut.encode("utf-8")) <= limit
    assert "⚠️" in cut, "a cut report says so"
    assert cut.startswith("# 编辑报告")
    assert cut.count("<details") == cut.count("</details>")


def test_cutting_drops_sections_from_the_end(report: dict[str, Any]) -> None:
    limit = len(render_markdown(report).encode("utf-8"))
    cut = ""
    while "本节因篇幅省略" not in cut:  # the largest limit at which a section is dropped
        limit -= 250
        cut = render_markdown(report, max_bytes=limit)
    assert "## 需要人工确认" in cut and "## 概要 Summary" in cut, "the first screen is never cut first"
    assert "## 繁体转换 Conversion\n\n> ⚠️ 本节因篇幅省略" in cut


def test_unknown_ref_is_one_line_and_status_1(edited: tuple[Path, str, list[int]]) -> None:
    repo, _, _ = edited
    result = annotate(repo, "--base", "no-such-branch", "--format", "json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no-such-branch" in result.stderr and "Traceback" not in result.stderr


def test_bad_bulletin_is_one_line_and_status_1(tmp_path: Path) -> None:
    repo, _ = make_repo(tmp_path / "repo")
    (repo / "docs/bulletins/2026-04.txt").write_bytes(b"\x00\x01binary")
    result = annotate(repo, "--format", "json")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "2026-04.txt" in result.stderr and "Traceback" not in result.stderr


def test_without_base_every_bulletin_is_reported(edited: tuple[Path, str, list[int]]) -> None:
    repo, _, _ = edited
    result = annotate(repo, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["base"] is None and data["scope"]["all"] is True
    [bulletin] = data["bulletins"]
    assert (bulletin["status"], bulletin["changes"], len(bulletin["articles"])) == ("current", None, 16)
    assert data["glossary"]["newly_matched"] is None
    assert data["build"] is None, "no site was built in the test repository"


def test_glossary_change_reports_every_bulletin_and_new_matches(tmp_path: Path) -> None:
    repo, first = make_repo(tmp_path / "repo")
    with (repo / "docs/glossary.yml").open("a", encoding="utf-8") as handle:
        handle.write(GLOSSARY_ADDITION)
    git(repo, "commit", "--quiet", "-am", "New glossary entry")
    result = annotate(repo, "--base", first, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scope"]["config_changed"] == ["docs/glossary.yml"]
    assert any("docs/glossary.yml" in reason for reason in data["scope"]["reasons"])
    [bulletin] = data["bulletins"]
    assert bulletin["status"] == "unchanged" and bulletin["changes"] is None
    assert data["glossary"]["newly_matched"] == [
        {"source": "2026-03.txt", "terms": [{"term": "集结号", "anchor": data["glossary"]["newly_matched"][0]
                                             ["terms"][0]["anchor"], "count": 1}]}
    ]
    assert "集结号" not in {c["text"] for c in data["glossary"]["candidates"]}


def test_uncommitted_edits_count_as_changes(tmp_path: Path) -> None:
    repo, first = make_repo(tmp_path / "repo")
    new_lines = edit_bulletin(repo)  # not committed: a local run before committing
    result = annotate(repo, "--base", first, "--format", "json")
    assert result.returncode == 0, result.stderr
    [bulletin] = json.loads(result.stdout)["bulletins"]
    assert [a["first_line"] for a in bulletin["changes"]["added"]] == [new_lines[1]]


# ----------------------------------------------------------------------------- model-level checks


def article(index: int, title: str, first: int, paragraphs: list[str]) -> Article:
    blocks = [Block(BlockKind.PARAGRAPH, (first + 1 + k,), text) for k, text in enumerate(paragraphs)]
    return Article(index, f"{index:02d}", [Block(BlockKind.TITLE, (first,), title)], blocks)


def bulletin(articles: list[Article], directives: list[Directive] | None = None) -> Bulletin:
    return Bulletin("t.txt", "t", "测试", None, None, articles, directives or [])


BODY = ["第一段文字" * 10, "第二段文字" * 10]


def test_compare_moved_removed_and_recut() -> None:
    old = bulletin([article(1, "甲", 1, BODY), article(2, "乙", 4, BODY), article(3, "丙", 7, BODY),
                    article(4, "丁", 10, BODY)])
    new = bulletin([article(1, "丙", 1, BODY), article(2, "甲", 4, BODY), article(3, "乙", 7, [*BODY, "第三段"])])
    changes = compare(old, new)
    assert [m["title"] for m in changes["moved"]] == ["丙"]
    assert [r["title"] for r in changes["removed"]] == ["丁"]
    assert [(r["title"], r["old"]["blocks"], r["new"]["blocks"]) for r in changes["recut"]] == [("乙", 2, 3)]
    assert changes["added"] == changes["retitled"] == []


def test_compare_new_and_deleted_files() -> None:
    one = bulletin([article(1, "甲", 1, BODY), article(2, "乙", 4, BODY)])
    assert [a["title"] for a in compare(None, one)["added"]] == ["甲", "乙"]
    assert [a["title"] for a in compare(one, None)["removed"]] == ["甲", "乙"]


def test_shifted_article_is_not_recut() -> None:
    old = bulletin([article(1, "甲", 1, BODY)])
    new = bulletin([article(1, "新", 1, ["另一篇文章的正文" * 10] * 2), article(2, "甲", 5, BODY)])
    changes = compare(old, new)
    assert [a["title"] for a in changes["added"]] == ["新"]
    assert changes["recut"] == changes["moved"] == changes["retitled"] == []


def test_longest_increasing_keeps_the_unmoved() -> None:
    assert longest_increasing([0, 2, 3, 1, 4]) == {0, 2, 3, 4}
    assert longest_increasing([]) == set()


def test_segmentation_warnings() -> None:
    long_title = "很长的标题" * 13
    b = bulletin(
        [article(1, "短文", 1, ["只有一段"]), article(2, long_title, 3, BODY)],
        [Directive(line=6, name="body")],
    )
    text = "\n".join(["短文", "只有一段", "标题", "很长的标题", "x", "%% body", "漏掉的一行"])
    lines = SourceText("t.txt", text, "utf-8")
    found = {(w["kind"], w["line"]) for w in segmentation_warnings(b, lines)}
    assert ("short", 1) in found and ("long-title", 3) in found and ("directive", 6) in found
    assert ("uncovered", 7) in found
    assert ("short", 3) not in found


def test_build_section_shows_the_offline_index_and_the_pagefind_bundle(march_site: Path) -> None:
    from annotate.report import Layout, build_section

    project = march_site.parent / "project"
    section = build_section(Layout.load(project / "docs", march_site, project / "mkdocs.yml"))
    assert section is not None
    assert [e["edition"] for e in section["editions"]] == ["zh-Hans", "zh-Hant"]
    for edition in section["editions"]:
        assert edition["search_index"] > 100_000 and edition["pagefind"] > 100_000, edition
