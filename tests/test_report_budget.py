"""The editorial report a human reviews in one screen (issue 18): for a branch adding one bulletin, and for
one re-cutting three articles, ``annotate report`` prints at most 40 KB, what needs a human comes first, every
segmentation doubt is listed with the directive to paste, and the conversion review is ranked, 30 lines at
most before the collapsed rest.

Each scenario is a throwaway git repository holding the March bulletin, the glossary and the conversion table
(``test_report.make_repo``), with a commit on top, reported as CI reports a pull request.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_report import MARCH, ROOT, annotate, git, make_repo

from annotate import segment_file
from annotate.report import BUDGET

ADDED = "docs/bulletins/2026-04.txt"
FIRST_SCREEN = (
    "## 需要人工确认 What needs a human",
    "## 繁体转换风险 Conversion risks",
    "## 候选术语 Candidate terms",
    "## 新的交叉引用 New cross-references",
    "## 概要 Summary",
)
NUMBERED = re.compile(r"^(\d+)\. \*\*(分段|分段改动|繁体)\*\* `([^`:]+)(?::(\d+))?`", re.M)


def branch_adding(tmp_path: Path, bulletin: Path) -> tuple[Path, str]:
    repo, first = make_repo(tmp_path / "repo")
    shutil.copyfile(bulletin, repo / ADDED)
    git(repo, "add", ADDED)
    git(repo, "commit", "--quiet", "-m", "A new bulletin")
    return repo, first


def report(repo: Path, base: str) -> tuple[str, dict[str, Any]]:
    markdown = annotate(repo, "--base", base, "--format", "markdown")
    data = annotate(repo, "--base", base, "--format", "json")
    assert markdown.returncode == 0 and data.returncode == 0, markdown.stderr + data.stderr
    return markdown.stdout, json.loads(data.stdout)


def first_screen(text: str) -> str:
    return text[: text.index("## 繁体转换风险")]


def check_layout(text: str) -> None:
    """Sections in order, nothing cut, the first screen short, every numbered item with its fix."""
    assert len(text.encode("utf-8")) <= BUDGET
    assert "⚠️" not in text, "one bulletin fits without cutting anything"
    positions = [text.index(heading) for heading in FIRST_SCREEN]
    assert positions == sorted(positions)
    assert text.index(FIRST_SCREEN[-1]) < text.index("### 文章目录"), "the outline follows the first screen"
    assert text.count("<details") == text.count("</details>")
    screen = first_screen(text)
    items = screen.split("\n1. ", 1)[1].split("\n") if "\n1. " in screen else []
    numbered = [m for m in NUMBERED.finditer(screen)]
    assert [int(m[1]) for m in numbered] == list(range(1, len(numbered) + 1))
    assert screen.count("改法：") == len(numbered)
    assert len(items) < 60, "the numbered list fits on a screen"
    risks = text.split("## 繁体转换风险", 1)[1].split("<details", 1)[0]
    table_rows = [line for line in risks.split("\n") if re.match(r"^\| \d+ \|", line)]
    assert screen.count("**繁体**") + len(table_rows) <= 30, "at most 30 conversion lines shown"


def test_branch_adding_a_bulletin(tmp_path: Path) -> None:
    repo, first = branch_adding(tmp_path, ROOT / "tests/data/bulletin_F.txt")
    text, data = report(repo, first)
    check_layout(text)
    risks = data["conversion"]["risks"]
    assert len(risks) > 30, "the bulletin has more risks than the summary shows"
    assert sum(r["count"] for r in risks) == len(data["conversion"]["items"]), "every occurrence in one group"
    scores = [r["score"] for r in risks]
    assert scores == sorted(scores, reverse=True)
    screen = first_screen(text)
    for risk in risks[:10]:
        first = risk["first"]
        assert f"`{first['source']}:{first['line']}`" in screen, risk
        if risk["fix"]:
            assert f"`{risk['fix']}`" in screen, risk
            key, value = risk["fix"].split(": ")
            assert len(key) == len(value) >= 2, "an override is never a bare character"
    candidates = data["glossary"]["candidates"]
    terms = text.split("## 候选术语", 1)[1].split("## 新的交叉引用", 1)[0]
    for candidate in candidates[:15]:
        assert f'term: "{candidate["text"]}"' in terms, "each top candidate has a glossary stub"
    for link in data["xref"]["links"]:
        assert {link["a"]["bulletin"], link["b"]["bulletin"]} == {"2026-03", "2026-04"}, "only new archive links"


def test_every_segmentation_doubt_is_on_the_first_screen(tmp_path: Path) -> None:
    source = ROOT / "tests/data/bulletin_D.txt"
    doubts = segment_file(source).warnings
    assert doubts, "bulletin D has segmentation doubts"
    repo, first = branch_adding(tmp_path, source)
    text, _ = report(repo, first)
    check_layout(text)
    screen = first_screen(text)
    listed = [(m[3], int(m[4])) for m in NUMBERED.finditer(screen) if m[2] == "分段"]
    assert listed == [(ADDED, d.line) for d in doubts]
    for doubt in doubts:
        assert f"在第 {doubt.line} 行上面加一行 `{doubt.directive}`" in screen
    assert screen.index("**分段**") < screen.index("**繁体**"), "segmentation first"


def recut(repo: Path, count: int) -> list[int]:
    """Write ``%% heading`` above the first lines of ``count`` articles: the articles before them are re-cut
    (most take the next one in as a section). Returns those lines (before the insertion)."""
    file = repo / MARCH
    gold = json.loads((ROOT / "tests/data/2026-03.gold.json").read_text(encoding="utf-8"))
    lines = file.read_text(encoding="utf-8").split("\n")
    chosen = [a["first_line"] for a in gold["articles"][2 : 2 + 4 * count : 4]]
    for line in sorted(chosen, reverse=True):
        lines.insert(line - 1, "%% heading")
    file.write_text("\n".join(lines), encoding="utf-8")
    return chosen


@pytest.mark.parametrize("count", [3])
def test_branch_recutting_three_articles(tmp_path: Path, count: int) -> None:
    repo, first = make_repo(tmp_path / "repo")
    inserted = recut(repo, count)
    git(repo, "commit", "--quiet", "-am", "Three articles re-cut")
    text, data = report(repo, first)
    check_layout(text)
    [bulletin] = data["bulletins"]
    recut_titles = {r["title"] for r in bulletin["changes"]["recut"]}
    assert len(bulletin["articles"]) < len(segment_file(ROOT / MARCH).articles), "articles became sections"
    assert len(recut_titles) >= count
    assert text.count("**重新分段 re-cut**") == len(bulletin["changes"]["recut"])
    screen = first_screen(text)
    assert screen.count("**分段改动**") == len(bulletin["changes"]["recut"]) + len(bulletin["changes"]["removed"])
    undo = re.findall(r"删除第 (\d+) 行 `%% heading`", screen)
    assert {int(n) for n in undo} == {line + k for k, line in enumerate(sorted(inserted))}, "each directive to undo"


def _report_arguments(command: str) -> list[str]:
    """The arguments of ``annotate report`` in a shell line, the --base value and any redirection left out."""
    words = command.split("annotate report", 1)[1].split(">>", 1)[0].split()
    return [w for k, w in enumerate(words) if k == 0 or words[k - 1] != "--base"]


def test_make_report_and_the_ci_summary_print_the_same_text() -> None:
    """Same command, same options (the size budget is the default of both): only the base ref differs."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    [make_line] = [line for line in recipe.split("\n") if "annotate report" in line]
    workflow = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    ci_lines = [line for line in workflow.split("\n") if "annotate report --base" in line]
    assert ci_lines, "CI reports a pull request against its base"
    for line in ci_lines:
        assert _report_arguments(line) == _report_arguments(make_line) == ["--base", "--format", "markdown"]
